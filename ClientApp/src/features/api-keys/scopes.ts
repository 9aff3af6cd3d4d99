import type { ApiKeyScopes } from '../../api/generated/virtuops-api';

export const scopeNames = ['Read', 'Write'] as const;
export type ScopeName = (typeof scopeNames)[number];

/*
 * ApiKeyScopes is a [Flags] enum that the server reads and writes with JsonStringEnumConverter, so both scopes
 * travel as "Read, Write". The generated type lists only the single names; combinations are built and read here.
 */

export function toScopes(selected: readonly ScopeName[]): ApiKeyScopes {
  const ordered = scopeNames.filter((name) => selected.includes(name));
  return (ordered.length === 0 ? 'None' : ordered.join(', ')) as ApiKeyScopes;
}

export function fromScopes(scopes: ApiKeyScopes): ScopeName[] {
  const parts = scopes.split(',').map((part) => part.trim());
  return scopeNames.filter((name) => parts.includes(name));
}
