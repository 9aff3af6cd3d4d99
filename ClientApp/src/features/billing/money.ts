/**
 * An amount in tiyin (1 so‘m = 100 tiyin) as so‘m with thousands separated by spaces, the way prices are written
 * in Uzbekistan: 19900000 → "199 000", 19900050 → "199 000,50". Locale-independent, so every language shows the same.
 */
export function formatTiyin(tiyin: number): string {
  const sign = tiyin < 0 ? '-' : '';
  const abs = Math.abs(Math.round(tiyin));
  const som = groupDigits(Math.floor(abs / 100));
  const rest = abs % 100;
  return rest === 0 ? `${sign}${som}` : `${sign}${som},${rest.toString().padStart(2, '0')}`;
}

/** 1500000 → "1 500 000". */
export function groupDigits(value: number): string {
  return value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** "2907" (YYMM, as Paylov gives it) → "07/29". */
export function formatExpiry(yymm: string): string {
  return /^\d{4}$/.test(yymm) ? `${yymm.slice(2)}/${yymm.slice(0, 2)}` : yymm;
}
