import { describe, expect, it } from 'vitest';
import type { ApiKeyScopes } from '../../api/generated/virtuops-api';
import { fromScopes, toScopes } from './scopes';

describe('API key scopes', () => {
  it('are sent the way the server writes a flags enum', () => {
    expect(toScopes(['Read'])).toBe('Read');
    expect(toScopes(['Write', 'Read'])).toBe('Read, Write');
    expect(toScopes([])).toBe('None');
  });

  it('are read back from the server, combinations included', () => {
    expect(fromScopes('Read, Write' as ApiKeyScopes)).toEqual(['Read', 'Write']);
    expect(fromScopes('Write')).toEqual(['Write']);
    expect(fromScopes('None')).toEqual([]);
  });
});
