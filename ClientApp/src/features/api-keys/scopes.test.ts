import { describe, expect, it } from 'vitest';
import { fromScopes, toScopes } from './scopes';

describe('API key scopes', () => {
  it('are sent in display order, whatever order they were ticked in', () => {
    expect(toScopes(['Write', 'Read'])).toEqual(['Read', 'Write']);
    expect(toScopes([])).toEqual([]);
  });

  it('are shown in display order', () => {
    expect(fromScopes(['Write', 'Read'])).toEqual(['Read', 'Write']);
  });
});
