import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { adminClient } from '../../api/client';
import { toProblem } from '../../api/problem';
import { DateTime } from '../../components/DateTime';
import { ProblemMessage } from '../../components/ProblemMessage';
import { userDataKey } from '../auth/account';

const pageSize = 50;

/** Every back-office call, newest first: who, when, what, which tenant, why and the outcome (admins only). */
export function AuditLogPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const tenantId = params.get('tenantId') ?? undefined;
  const log = useInfiniteQuery({
    queryKey: [...userDataKey, 'admin', 'audit-log', tenantId],
    queryFn: ({ pageParam, signal }) =>
      adminClient.getStaffAuditLog(pageParam, pageSize, tenantId, undefined, undefined, undefined, undefined, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = log.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section>
      <h1>{t('admin.auditLog.title')}</h1>
      {tenantId && (
        <p>
          {t('admin.auditLog.oneTenant')} <code>{tenantId}</code> <Link to="/admin/audit-log">{t('admin.auditLog.all')}</Link>
        </p>
      )}
      {log.isPending && <p role="status">{t('common.loading')}</p>}
      {log.isError && <ProblemMessage problem={toProblem(log.error)} onRetry={() => void log.refetch()} />}
      {log.isSuccess &&
        (rows.length === 0 ? (
          <p>{t('admin.auditLog.empty')}</p>
        ) : (
          <>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.auditLog.time')}</th>
                  <th scope="col">{t('admin.auditLog.role')}</th>
                  <th scope="col">{t('admin.auditLog.operation')}</th>
                  <th scope="col">{t('admin.auditLog.tenant')}</th>
                  <th scope="col">{t('admin.tenant.reason')}</th>
                  <th scope="col">{t('admin.auditLog.status')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((entry) => (
                  <tr key={entry.id} data-testid="audit-entry">
                    <td>
                      <DateTime value={entry.occurredAt} />
                    </td>
                    <td>{entry.actorRole}</td>
                    <td>
                      <code>{entry.operation}</code>
                    </td>
                    <td>{entry.tenantId ? <Link to={`/admin/tenants/${entry.tenantId}`}>{entry.tenantId}</Link> : '—'}</td>
                    <td>{entry.reason ?? '—'}</td>
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
                {t('admin.loadMore')}
              </button>
            )}
          </>
        ))}
    </section>
  );
}
