import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { privacyClient } from '../../api/client';
import type { ConfirmPublicPrivacyRequestCommand } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { DateTime } from '../../components/DateTime';
import { FormProblem } from '../../components/FormProblem';

/**
 * Opened from the link e-mailed by the signed-out privacy request form. The request is recorded only on a click:
 * mail scanners open links, and a link works only once.
 */
export function PrivacyRequestConfirmPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const id = params.get('id') ?? '';
  const token = params.get('token') ?? '';
  const confirm = useMutation({
    mutationFn: (command: ConfirmPublicPrivacyRequestCommand) => privacyClient.confirmPublicPrivacyRequest(command),
  });

  if (!id || !token) {
    return (
      <section>
        <h1>{t('privacyRequests.confirmTitle')}</h1>
        <p role="alert">{t('links.incomplete')}</p>
      </section>
    );
  }

  if (confirm.isSuccess) {
    return (
      <section>
        <h1>{t('privacyRequests.confirmTitle')}</h1>
        <p role="status">
          {t('privacyRequests.confirmed')} <DateTime value={confirm.data.dueAt} />
        </p>
      </section>
    );
  }

  return (
    <section>
      <h1>{t('privacyRequests.confirmTitle')}</h1>
      <FormProblem problem={confirm.isError ? toProblem(confirm.error) : undefined} fields={[]} />
      {confirm.isError && <Link to="/privacy-request">{t('privacyRequests.sendAgain')}</Link>}
      <p>{t('privacyRequests.confirmIntro')}</p>
      <button type="button" className="button" disabled={confirm.isPending} onClick={() => confirm.mutate({ id, token })}>
        {confirm.isPending && <span className="spinner" aria-hidden="true" />}
        {t('privacyRequests.confirm')}
      </button>
    </section>
  );
}
