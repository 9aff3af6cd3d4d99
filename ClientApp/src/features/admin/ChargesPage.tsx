import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { adminClient } from '../../api/client';
import type { ChargeStatus } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { DateTime } from '../../components/DateTime';
import { ProblemMessage } from '../../components/ProblemMessage';
import { userDataKey } from '../auth/account';
import { formatTiyin } from '../billing/money';

const pageSize = 50;
const chargeStatuses: ChargeStatus[] = ['Pending', 'Succeeded', 'Failed'];

/** Charges across tenants, newest attempt first; "Failed" is the dunning queue's attempts, a tenant's link its history. */
export function ChargesPage() {
  const { t } = useTranslation();
  // The filter is in the address, so a tenant's page can link to its charges.
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? '') as ChargeStatus | '';
  const tenantId = params.get('tenantId') ?? '';
  const charges = useInfiniteQuery({
    queryKey: [...userDataKey, 'admin', 'charges', status, tenantId],
    queryFn: ({ pageParam, signal }) =>
      adminClient.getCharges(status || undefined, tenantId || undefined, pageParam, pageSize, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = charges.data?.pages.flatMap((page) => page.items) ?? [];
  const filter = (next: { status?: string; tenantId?: string }) => {
    const merged = { status, tenantId, ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter(([, value]) => value)));
  };

  return (
    <section>
      <h1>{t('admin.charges.title')}</h1>
      <div className="form form--inline">
        <div className="field">
          <label htmlFor="charge-status">{t('admin.tenants.status')}</label>
          <select id="charge-status" value={status} onChange={(e) => filter({ status: e.target.value })}>
            <option value="">{t('admin.tenants.anyStatus')}</option>
            {chargeStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`billing.chargeStatuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {tenantId && (
          <button type="button" className="button button--secondary" onClick={() => filter({ tenantId: '' })}>
            {t('admin.charges.allTenants')}
          </button>
        )}
      </div>
      {charges.isPending && <p role="status">{t('common.loading')}</p>}
      {charges.isError && <ProblemMessage problem={toProblem(charges.error)} onRetry={() => void charges.refetch()} />}
      {charges.isSuccess &&
        (rows.length === 0 ? (
          <p>{t('admin.charges.empty')}</p>
        ) : (
          <>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.tenant.chargedAt')}</th>
                  <th scope="col">{t('admin.charges.tenant')}</th>
                  <th scope="col">{t('admin.tenants.plan')}</th>
                  <th scope="col">{t('admin.tenant.amount')}</th>
                  <th scope="col">{t('admin.tenants.status')}</th>
                  <th scope="col">{t('admin.tenant.receipt')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((charge) => (
                  <tr key={charge.id} data-testid="admin-charge">
                    <td>
                      <DateTime value={charge.attemptedAt} />
                    </td>
                    <td>
                      <Link to={`/admin/tenants/${charge.tenantId}`}>{charge.tenantName}</Link>{' '}
                      <button type="button" className="link-button" onClick={() => filter({ tenantId: charge.tenantId })}>
                        {t('admin.charges.history')}
                      </button>
                    </td>
                    <td>{charge.planCode}</td>
                    <td>{t('billing.price', { amount: formatTiyin(charge.amountTiyin) })}</td>
                    <td>
                      {t(`billing.chargeStatuses.${charge.status}`)}
                      {charge.failureCode && (
                        <>
                          {' '}
                          (<code>{charge.failureCode}</code>, {t('admin.charges.attempt', { attempt: charge.attempt })})
                        </>
                      )}
                    </td>
                    <td>
                      {charge.receiptUrl ? (
                        <a href={charge.receiptUrl} target="_blank" rel="noreferrer">
                          {t('admin.tenant.openReceipt')}
                        </a>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {charges.hasNextPage && (
              <button
                type="button"
                className="button button--secondary"
                disabled={charges.isFetchingNextPage}
                onClick={() => void charges.fetchNextPage()}
              >
                {charges.isFetchingNextPage && <span className="spinner" aria-hidden="true" />}
                {t('admin.loadMore')}
              </button>
            )}
          </>
        ))}
    </section>
  );
}
