import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { adminClient } from '../../api/client';
import type { SubscriptionStatus } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { DateTime } from '../../components/DateTime';
import { ProblemMessage } from '../../components/ProblemMessage';
import { userDataKey } from '../auth/account';

const pageSize = 50;

export const subscriptionStatuses: SubscriptionStatus[] = ['Trialing', 'Active', 'PastDue', 'Suspended', 'Canceled', 'Expired'];

/** Platform staff find a tenant by name, id, or an e-mail address or phone number of its people; filter by plan and status. */
export function TenantsPage() {
  const { t } = useTranslation();
  // The search is in the address, so going back from a tenant's page shows the same list.
  const [params, setParams] = useSearchParams();
  const search = params.get('search') ?? '';
  const plan = params.get('plan') ?? '';
  const status = (params.get('status') ?? '') as SubscriptionStatus | '';
  const [form, setForm] = useState({ search, plan, status });
  const tenants = useInfiniteQuery({
    queryKey: [...userDataKey, 'admin', 'tenants', search, plan, status],
    queryFn: ({ pageParam, signal }) =>
      adminClient.searchTenants(search || undefined, plan || undefined, status || undefined, pageParam, pageSize, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (form.search.trim()) next.search = form.search.trim();
    if (form.plan.trim()) next.plan = form.plan.trim();
    if (form.status) next.status = form.status;
    setParams(next);
  };
  const rows = tenants.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section>
      <h1>{t('admin.tenants.title')}</h1>
      <form className="form form--inline" role="search" onSubmit={submit}>
        <div className="field">
          <label htmlFor="tenant-search">{t('admin.tenants.search')}</label>
          <input id="tenant-search" type="search" value={form.search} onChange={(e) => setForm({ ...form, search: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="tenant-plan">{t('admin.tenants.plan')}</label>
          <input id="tenant-plan" value={form.plan} onChange={(e) => setForm({ ...form, plan: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="tenant-status">{t('admin.tenants.status')}</label>
          <select
            id="tenant-status"
            value={form.status}
            onChange={(e) => setForm({ ...form, status: e.target.value as SubscriptionStatus | '' })}
          >
            <option value="">{t('admin.tenants.anyStatus')}</option>
            {subscriptionStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`billing.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('admin.tenants.find')}
        </button>
      </form>
      {tenants.isPending && <p role="status">{t('common.loading')}</p>}
      {tenants.isError && <ProblemMessage problem={toProblem(tenants.error)} onRetry={() => void tenants.refetch()} />}
      {tenants.isSuccess &&
        (rows.length === 0 ? (
          <p>{t('admin.tenants.empty')}</p>
        ) : (
          <>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.tenants.name')}</th>
                  <th scope="col">{t('admin.tenants.owner')}</th>
                  <th scope="col">{t('admin.tenants.plan')}</th>
                  <th scope="col">{t('admin.tenants.status')}</th>
                  <th scope="col">{t('admin.tenants.periodEnd')}</th>
                  <th scope="col">{t('admin.tenants.created')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((tenant) => (
                  <tr key={tenant.id} data-testid="admin-tenant-row">
                    <td>
                      <Link to={`/admin/tenants/${tenant.id}`}>{tenant.name}</Link>
                      {tenant.restrictions.includes('SuspendedByPlatform') && (
                        <span className="badge badge--warn">{t('admin.tenant.suspended')}</span>
                      )}
                    </td>
                    <td>{tenant.ownerEmail ?? '—'}</td>
                    <td>{tenant.planCode ?? '—'}</td>
                    <td>{tenant.status ? t(`billing.statuses.${tenant.status}`) : '—'}</td>
                    <td>{tenant.currentPeriodEnd ? <DateTime value={tenant.currentPeriodEnd} /> : '—'}</td>
                    <td>
                      <DateTime value={tenant.created} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {tenants.hasNextPage && (
              <button
                type="button"
                className="button button--secondary"
                disabled={tenants.isFetchingNextPage}
                onClick={() => void tenants.fetchNextPage()}
              >
                {tenants.isFetchingNextPage && <span className="spinner" aria-hidden="true" />}
                {t('admin.loadMore')}
              </button>
            )}
          </>
        ))}
    </section>
  );
}
