import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { authClient } from '../../api/client';
import type { ConfirmEmailChangeCommand } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { FormProblem } from '../../components/FormProblem';
import { reloadAccount } from './account';

/**
 * Opened from the link e-mailed to a new address. The change waits for a click: mail scanners open links, and a
 * link works only once.
 */
export function ConfirmEmailPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const userId = params.get('userId') ?? '';
  const newEmail = params.get('email') ?? '';
  const token = params.get('token') ?? '';
  const confirm = useMutation({
    mutationFn: async (command: ConfirmEmailChangeCommand) => {
      await authClient.confirmEmailChange(command);
      await reloadAccount(queryClient);
    },
  });

  if (!userId || !newEmail || !token) {
    return (
      <section>
        <h1>{t('confirmEmail.title')}</h1>
        <p role="alert">{t('links.incomplete')}</p>
      </section>
    );
  }

  if (confirm.isSuccess) {
    return (
      <section>
        <h1>{t('confirmEmail.title')}</h1>
        <p role="status">{t('confirmEmail.done', { email: newEmail })}</p>
        <Link to="/account/profile">{t('nav.profile')}</Link>
      </section>
    );
  }

  return (
    <section>
      <h1>{t('confirmEmail.title')}</h1>
      <FormProblem problem={confirm.isError ? toProblem(confirm.error) : undefined} fields={[]} />
      <p>{t('confirmEmail.intro', { email: newEmail })}</p>
      <button
        type="button"
        className="button"
        disabled={confirm.isPending}
        onClick={() => confirm.mutate({ userId, newEmail, token })}
      >
        {confirm.isPending && <span className="spinner" aria-hidden="true" />}
        {t('confirmEmail.submit')}
      </button>
    </section>
  );
}
