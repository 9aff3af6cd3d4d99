import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { authClient } from '../../api/client';
import type { ConfirmRegistrationCommand } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { FormProblem } from '../../components/FormProblem';
import { startSession, useAccount } from './account';

/**
 * Opened from the link e-mailed after signing up. Confirming waits for a click: mail scanners open links, and a link
 * works only once. The confirmation signs the new owner in; the phone is verified next.
 */
export function ConfirmRegistrationPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const account = useAccount();
  const [params] = useSearchParams();
  const userId = params.get('userId') ?? '';
  const token = params.get('token') ?? '';
  const confirm = useMutation({
    mutationFn: async (command: ConfirmRegistrationCommand) => {
      await authClient.confirmRegistration(command);
      await startSession(queryClient);
    },
  });

  if (confirm.isSuccess && account.data) return <Navigate to="/verify-phone" replace />;

  if (!userId || !token) {
    return (
      <section>
        <h1>{t('confirmRegistration.title')}</h1>
        <p role="alert">{t('links.incomplete')}</p>
      </section>
    );
  }

  const problem = confirm.isError ? toProblem(confirm.error) : undefined;
  return (
    <section>
      <h1>{t('confirmRegistration.title')}</h1>
      <FormProblem problem={problem} fields={[]} />
      {problem?.fieldErrors.token && (
        <p>
          <Link to="/sign-in">{t('signIn.title')}</Link>
        </p>
      )}
      <p>{t('confirmRegistration.intro')}</p>
      <button
        type="button"
        className="button"
        disabled={confirm.isPending}
        onClick={() => confirm.mutate({ userId, token })}
      >
        {confirm.isPending && <span className="spinner" aria-hidden="true" />}
        {t('confirmRegistration.submit')}
      </button>
    </section>
  );
}
