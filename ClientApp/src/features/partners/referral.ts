const storageKey = 'virtuops.referralCode';

/**
 * The partner's referral code this browser first arrived with (`/sign-up?ref=`). The first touch wins: a later link
 * does not replace it, so the partner who brought the visitor is the one credited at sign-up.
 */
export function referralCodeFor(fromLink: string | null): string | undefined {
  const stored = localStorage.getItem(storageKey);
  if (stored) return stored;
  const code = fromLink?.trim();
  if (!code || code.length > 32) return undefined;
  localStorage.setItem(storageKey, code);
  return code;
}
