import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { incidentNoticesClient } from '../../api/client';
import { toProblem } from '../../api/problem';
import { DateTime } from '../../components/DateTime';
import { ProblemMessage } from '../../components/ProblemMessage';
import { isOwner, useAccount, userDataKey } from '../auth/account';

const noticesQueryKey = [...userDataKey, 'incident-notices'] as const;

/** App-wide, for the owner only: each security incident notice from VirtuOps until the owner acknowledges it. */
export function IncidentBanner() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const account = useAccount().data;
  const owner = !!account && isOwner(account) && account.phoneNumberConfirmed;
  const notices = useQuery({
    queryKey: noticesQueryKey,
    queryFn: ({ signal }) => incidentNoticesClient.getIncidentNotices(signal),
    enabled: owner,
  });
  const acknowledge = useMutation({
    mutationFn: (id: string) => incidentNoticesClient.acknowledgeIncidentNotice(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: noticesQueryKey }),
  });

  if (!owner || !notices.data?.length) return null;
  return (
    <>
      {notices.data.map((notice) => (
        <div key={notice.id} className="alert alert--error" role="region" aria-label={t('incidents.banner.title')} data-testid="incident-banner">
          <p>
            <strong>{t('incidents.banner.title')}:</strong> {notice.title}
          </p>
          <p>{notice.description}</p>
          <p>
            {t('incidents.discoveredAt')}: <DateTime value={notice.discoveredAt} />. {t('incidents.dataCategories')}:{' '}
            {notice.dataCategories.map((c) => t(`incidents.categories.${c}`)).join(', ')}.
          </p>
          <p>{t('incidents.banner.advice')}</p>
          {acknowledge.isError && <ProblemMessage problem={toProblem(acknowledge.error)} />}
          <button type="button" className="button" disabled={acknowledge.isPending} onClick={() => acknowledge.mutate(notice.id)}>
            {t('incidents.banner.acknowledge')}
          </button>
        </div>
      ))}
    </>
  );
}
