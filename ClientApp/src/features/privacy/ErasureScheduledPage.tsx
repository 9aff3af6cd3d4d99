import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { ErasureScheduledDto } from '../../api/generated/virtuops-api';
import { DateTime } from '../../components/DateTime';
import { CancelErasure } from './CancelErasure';

export function erasureScheduledPath(scheduled: ErasureScheduledDto): string {
  const params = new URLSearchParams({ scope: scheduled.scope, purgeAfter: scheduled.purgeAfter });
  return `/erasure-scheduled?${params.toString()}`;
}

/** Signed out after asking for erasure: when the data goes, and how to change one's mind before then. */
export function ErasureScheduledPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const purgeAfter = params.get('purgeAfter');
  const company = params.get('scope') === 'Tenant';

  return (
    <section>
      <h1>{t('erasure.scheduledTitle')}</h1>
      <p role="status" data-testid="erasure-scheduled">
        {company ? t('erasure.scheduledCompany') : t('erasure.scheduledAccount')}{' '}
        {purgeAfter && <DateTime value={purgeAfter} />}
      </p>
      <p>{t('erasure.signedOut')}</p>
      <h2>{t('erasure.cancelTitle')}</h2>
      <p>{t('erasure.cancelIntro')}</p>
      <CancelErasure />
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </section>
  );
}
