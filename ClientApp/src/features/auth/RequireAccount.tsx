import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { toProblem } from '../../api/problem';
import { ProblemMessage } from '../../components/ProblemMessage';
import type { CurrentAccountDto } from '../../api/generated/virtuops-api';
import { isStaff, useAccount, useSignedInAccount } from './account';

/** What a redirect to sign-in or phone verification remembers, to come back afterwards. */
export interface ReturnState {
  from?: string;
}

export const homePath = '/account/profile';

/** Where platform staff start: the back-office. */
export const adminHomePath = '/admin';

export function returnPath(state: unknown, account?: CurrentAccountDto | null): string {
  const from = (state as ReturnState | null)?.from;
  if (typeof from === 'string' && from.startsWith('/')) return from;
  return account && isStaff(account) ? adminHomePath : homePath;
}

/**
 * Guards the account pages: signed-out users go to sign-in, users whose phone is not verified yet go to the
 * verification page (unless this guard wraps that page itself).
 */
export function RequireAccount({ allowUnverifiedPhone = false }: { allowUnverifiedPhone?: boolean }) {
  const { t } = useTranslation();
  const account = useAccount();
  const location = useLocation();
  const state: ReturnState = { from: location.pathname + location.search };

  if (account.isPending) {
    return (
      <p role="status" aria-live="polite">
        {t('common.loading')}
      </p>
    );
  }
  if (account.isError) {
    return <ProblemMessage problem={toProblem(account.error)} onRetry={() => void account.refetch()} />;
  }
  if (account.data === null) return <Navigate to="/sign-in" replace state={state} />;
  if (!account.data.phoneNumberConfirmed && !allowUnverifiedPhone) {
    return <Navigate to="/verify-phone" replace state={state} />;
  }
  return <Outlet />;
}

/**
 * Shows the nested pages only to users with `role` (or one of several); the API refuses the others anyway. Platform
 * staff are not told they are not the owner: a page that is not theirs sends them to the back-office.
 */
export function RequireRole({ role, deniedText = 'auth.forbiddenText' }: { role: string | readonly string[]; deniedText?: 'auth.forbiddenText' | 'admin.forbiddenText' }) {
  const { t } = useTranslation();
  const account = useSignedInAccount();
  const allowed = typeof role === 'string' ? [role] : role;
  if (account.roles.some((held) => allowed.includes(held))) return <Outlet />;
  if (isStaff(account)) return <Navigate to={adminHomePath} replace />;
  return (
    <section>
      <h1>{t('auth.forbiddenTitle')}</h1>
      <p>{t(deniedText)}</p>
    </section>
  );
}
