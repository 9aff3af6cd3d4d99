import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { platformAccessClient } from '../../api/client';
import { toProblem } from '../../api/problem';
import { DateTime } from '../../components/DateTime';
import { ProblemMessage } from '../../components/ProblemMessage';
import { userDataKey } from '../auth/account';

const pageSize = 20;

/** "Who from the platform looked at my data": every back-office call about this tenant, newest first, with the reason given. */
export function PlatformAccessSection() {
  const { t } = useTranslation();
  const log = useInfiniteQuery({
    queryKey: [...userDataKey, 'platform-access'],
    queryFn: ({ pageParam, signal }) => platformAccessClient.getPlatformAccess(pageParam, pageSize, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = log.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <h2>{t('security.platformAccess.title')}</h2>
      <p className="muted">{t('security.platformAccess.intro')}</p>
      {log.isPending && <p role="status">{t('common.loading')}</p>}
      {log.isError && <ProblemMessage problem={toProblem(log.error)} onRetry={() => void log.refetch()} />}
      {log.isSuccess &&
        (rows.length === 0 ? (
          <p>{t('security.platformAccess.empty')}</p>
        ) : (
          <>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('security.platformAccess.time')}</th>
                  <th scope="col">{t('security.platformAccess.who')}</th>
                  <th scope="col">{t('security.platformAccess.what')}</th>
                  <th scope="col">{t('security.platformAccess.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((entry) => (
                  <tr key={entry.id} data-testid="platform-access-entry">
                    <td>
                      <DateTime value={entry.occurredAt} />
                    </td>
                    <td>{t(`security.platformAccess.roles.${entry.staffRole === 'Admin' ? 'Admin' : 'Support'}`)}</td>
                    <td>
                      <code>{entry.operation}</code>
                    </td>
                    <td>{entry.reason ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {log.hasNextPage && (
              <button
                type="button"
                className="button button--secondary"
                disabled={log.isFetchingNextPage}
                onClick={() => void log.fetchNextPage()}
              >
                {log.isFetchingNextPage && <span className="spinner" aria-hidden="true" />}
                {t('security.platformAccess.more')}
              </button>
            )}
          </>
        ))}
    </>
  );
}
