import type { ApiKeyScope } from '../../api/generated/virtuops-api';

/** The scopes in the order the page shows them. */
export const scopeNames: readonly ApiKeyScope[] = ['Read', 'Write'];
export type ScopeName = ApiKeyScope;

/** The selected scopes in display order, as the API takes them. */
export function toScopes(selected: readonly ScopeName[]): ApiKeyScope[] {
  return scopeNames.filter((name) => selected.includes(name));
}

export function fromScopes(scopes: readonly ApiKeyScope[]): ScopeName[] {
  return scopeNames.filter((name) => scopes.includes(name));
}
