import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { toProblem } from '../../api/problem';
import { ProblemMessage } from '../../components/ProblemMessage';
import { useAccount, useSignedInAccount } from './account';

/** What a redirect to sign-in or phone verification remembers, to come back afterwards. */
export interface ReturnState {
  from?: string;
}

export const homePath = '/account/profile';

export function returnPath(state: unknown): string {
  const from = (state as ReturnState | null)?.from;
  return typeof from === 'string' && from.startsWith('/') ? from : homePath;
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

/** Shows the nested pages only to users with `role` (or one of several); the API refuses the others anyway. */
export function RequireRole({ role }: { role: string | readonly string[] }) {
  const { t } = useTranslation();
  const account = useSignedInAccount();
  const allowed = typeof role === 'string' ? [role] : role;
  if (account.roles.some((held) => allowed.includes(held))) return <Outlet />;
  return (
    <section>
      <h1>{t('auth.forbiddenTitle')}</h1>
      <p>{t('auth.forbiddenText')}</p>
    </section>
  );
}
