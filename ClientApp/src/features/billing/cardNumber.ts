/**
 * The card form's own checks, the same rules as the server's (Application/Billing/Payments CardNumbers): 16 digits,
 * a UzCard (8600), Humo (9860) or Visa (4) prefix, the Luhn check, and an expiry month not yet past.
 */

/** The digits typed, spaces and dashes dropped. */
export function cardDigits(typed: string): string {
  return typed.replace(/[\s-]/g, '');
}

/** Groups of four as the card shows them: `8600 0000 0000 0031`; at most 16 digits are kept. */
export function groupCardNumber(typed: string): string {
  const digits = typed.replace(/\D/g, '').slice(0, 16);
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

export function isAcceptableCardNumber(digits: string): boolean {
  return /^\d{16}$/.test(digits) && (digits.startsWith('8600') || digits.startsWith('9860') || digits.startsWith('4')) && passesLuhn(digits);
}

/** `MM/YY` as typed: adds the slash after the month. */
export function typeExpiry(typed: string): string {
  const digits = typed.replace(/\D/g, '').slice(0, 4);
  return digits.length > 2 ? `${digits.slice(0, 2)}/${digits.slice(2)}` : digits;
}

/** 'invalid' for anything but a real MM/YY, 'expired' for a month already past, otherwise null. */
export function expiryProblem(mmYy: string, today: Date = new Date()): 'invalid' | 'expired' | null {
  const match = /^(\d{2})\/?(\d{2})$/.exec(mmYy);
  if (!match) return 'invalid';
  const month = Number(match[1]);
  if (month < 1 || month > 12) return 'invalid';
  const year = 2000 + Number(match[2]);
  const thisMonth = today.getUTCFullYear() * 12 + today.getUTCMonth();
  return year * 12 + (month - 1) < thisMonth ? 'expired' : null;
}
