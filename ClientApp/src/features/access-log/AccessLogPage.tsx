import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { accessLogClient } from '../../api/client';
import { toProblem } from '../../api/problem';
import { DateTime } from '../../components/DateTime';
import { Pager } from '../../components/Pager';
import { ProblemMessage } from '../../components/ProblemMessage';
import { userDataKey } from '../auth/account';

const pageSize = 20;

/** The signed-in user's own requests to the API, newest first (ZRU-547: who used the account, from where). */
export function AccessLogPage() {
  const { t } = useTranslation();
  // The page is in the address, so reloading or going back shows the same rows.
  const [params, setParams] = useSearchParams();
  const pageNumber = Math.max(1, Number(params.get('page')) || 1);
  const log = useQuery({
    queryKey: [...userDataKey, 'access-log', pageNumber],
    queryFn: ({ signal }) => accessLogClient.getMyAccessLog(pageNumber, pageSize, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <section>
      <h1>{t('accessLog.title')}</h1>
      <p className="muted">{t('accessLog.intro')}</p>
      {log.isPending && <p role="status">{t('common.loading')}</p>}
      {log.isError && <ProblemMessage problem={toProblem(log.error)} onRetry={() => void log.refetch()} />}
      {log.isSuccess &&
        (log.data.items.length === 0 ? (
          <p>{t('accessLog.empty')}</p>
        ) : (
          <>
            <table className="table" aria-busy={log.isPlaceholderData}>
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
                {log.data.items.map((entry) => (
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
            <Pager
              pageNumber={log.data.pageNumber}
              totalPages={log.data.totalPages}
              totalCount={log.data.totalCount}
              onPage={(page) => setParams(page > 1 ? { page: String(page) } : {})}
            />
          </>
        ))}
    </section>
  );
}
