import { describe, expect, it } from 'vitest';
import { formatExpiry, formatTiyin, groupDigits } from './money';

describe('money', () => {
  it('shows tiyin as so‘m with thousands separated by spaces', () => {
    expect(formatTiyin(19_900_000)).toBe('199 000');
    expect(formatTiyin(149_000_000)).toBe('1 490 000');
    expect(formatTiyin(19_900_050)).toBe('199 000,50');
    expect(formatTiyin(0)).toBe('0');
    expect(groupDigits(10_000)).toBe('10 000');
  });

  it('shows the card expiry as MM/YY', () => {
    expect(formatExpiry('3907')).toBe('07/39');
  });
});
