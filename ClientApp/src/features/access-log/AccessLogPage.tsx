import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { accessLogClient } from '../../api/client';
import { toProblem } from '../../api/problem';
import { DateTime } from '../../components/DateTime';
import { ProblemMessage } from '../../components/ProblemMessage';
import { userDataKey } from '../auth/account';

const pageSize = 20;

/** The signed-in user's own requests to the API, newest first (ZRU-547: who used the account, from where). */
export function AccessLogPage() {
  const { t } = useTranslation();
  const log = useInfiniteQuery({
    queryKey: [...userDataKey, 'access-log'],
    queryFn: ({ pageParam, signal }) => accessLogClient.getMyAccessLog(pageParam, pageSize, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = log.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section>
      <h1>{t('accessLog.title')}</h1>
      <p className="muted">{t('accessLog.intro')}</p>
      {log.isPending && <p role="status">{t('common.loading')}</p>}
      {log.isError && <ProblemMessage problem={toProblem(log.error)} onRetry={() => void log.refetch()} />}
      {log.isSuccess &&
        (rows.length === 0 ? (
          <p>{t('accessLog.empty')}</p>
        ) : (
          <>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('accessLog.time')}</th>
                  <th scope="col">{t('accessLog.ipAddress')}</th>
                  <th scope="col">{t('accessLog.browser')}</th>
                  <th scope="col">{t('accessLog.system')}</th>
                  <th scope="col">{t('accessLog.device')}</th>
                  <th scope="col">{t('accessLog.path')}</th>
                  <th scope="col">{t('accessLog.status')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((entry) => (
                  <tr key={entry.id} data-testid="access-log-entry">
                    <td>
                      <DateTime value={entry.occurredAt} />
                    </td>
                    <td>{entry.ipAddress ?? '—'}</td>
                    <td>{entry.browser}</td>
                    <td>{entry.operatingSystem}</td>
                    <td>{entry.device}</td>
                    <td>
                      <code>
                        {entry.method} {entry.path}
                      </code>
                    </td>
                    <td>{entry.statusCode}</td>
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
                {t('common.loadMore')}
              </button>
            )}
          </>
        ))}
    </section>
  );
}
