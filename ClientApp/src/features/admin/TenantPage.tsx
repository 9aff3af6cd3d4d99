import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { adminClient } from '../../api/client';
import type { TenantProfileDto } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { DateTime } from '../../components/DateTime';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';
import { ProblemMessage } from '../../components/ProblemMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { isAdmin, useSignedInAccount, userDataKey } from '../auth/account';
import { formatTiyin } from '../billing/money';
import { CustomerDataSection } from './CustomerDataSection';
import { ReasonDialog } from './ReasonDialog';

type Dialog = 'suspend' | 'reactivate' | 'cancel' | 'resetTwoFactor' | { resendReceipt: string } | null;

/**
 * One tenant as staff see it (metadata; conversations and knowledge only while the owner's grant runs) and what they can
 * do for it: suspend or reactivate, extend the trial, cancel, reset the owner's two-factor sign-in, resend a receipt.
 */
export function TenantPage() {
  const { t } = useTranslation();
  const { tenantId = '' } = useParams();
  const account = useSignedInAccount();
  const queryClient = useQueryClient();
  const queryKey = [...userDataKey, 'admin', 'tenant', tenantId];
  const profile = useQuery({ queryKey, queryFn: ({ signal }) => adminClient.getTenantProfile(tenantId, signal) });
  const [dialog, setDialog] = useState<Dialog>(null);
  const done = () => {
    setDialog(null);
    void queryClient.invalidateQueries({ queryKey: [...userDataKey, 'admin'] });
  };

  if (profile.isPending) return <p role="status">{t('common.loading')}</p>;
  if (profile.isError) return <ProblemMessage problem={toProblem(profile.error)} onRetry={() => void profile.refetch()} />;
  const tenant = profile.data;
  const suspended = tenant.restrictions.includes('SuspendedByPlatform');
  const subscription = tenant.subscription;
  const trial = subscription && (subscription.status === 'Trialing' || subscription.status === 'Expired');
  const cancellable = subscription && !subscription.cancelAtPeriodEnd && subscription.status !== 'Canceled';
  const ownerHasTwoFactor = tenant.users.some((user) => user.roles.includes('Owner') && user.twoFactorEnabled);

  return (
    <section>
      <h1>{tenant.name}</h1>
      <dl className="details">
        <dt>{t('admin.tenant.id')}</dt>
        <dd>
          <code>{tenant.id}</code>
        </dd>
        <dt>{t('admin.tenants.created')}</dt>
        <dd>
          <DateTime value={tenant.created} />
        </dd>
        <dt>{t('admin.tenant.lastActivity')}</dt>
        <dd>{tenant.lastActivityAt ? <DateTime value={tenant.lastActivityAt} /> : '—'}</dd>
        <dt>{t('admin.tenant.restrictions')}</dt>
        <dd data-testid="tenant-restrictions">
          {tenant.restrictions.length === 0 ? '—' : tenant.restrictions.map((r) => t(`admin.restrictions.${r}`)).join(', ')}
        </dd>
      </dl>

      <div className="actions">
        {suspended ? (
          <button type="button" className="button" onClick={() => setDialog('reactivate')}>
            {t('admin.tenant.reactivate')}
          </button>
        ) : (
          <button type="button" className="button button--danger" onClick={() => setDialog('suspend')}>
            {t('admin.tenant.suspend')}
          </button>
        )}
        {cancellable && (
          <button type="button" className="button button--danger" onClick={() => setDialog('cancel')}>
            {t('admin.tenant.cancelSubscription')}
          </button>
        )}
        {ownerHasTwoFactor && (
          <button type="button" className="button button--secondary" onClick={() => setDialog('resetTwoFactor')}>
            {t('admin.tenant.resetTwoFactor')}
          </button>
        )}
        {isAdmin(account) && <Link to={`/admin/audit-log?tenantId=${tenant.id}`}>{t('admin.tenant.auditLog')}</Link>}
      </div>
      {dialog === 'suspend' && (
        <ReasonDialog
          title={t('admin.tenant.suspendTitle')}
          text={t('admin.tenant.suspendText')}
          confirmLabel={t('admin.tenant.suspend')}
          action={(reason) => adminClient.suspendTenant(tenant.id, { id: tenant.id, reason })}
          onDone={done}
          onCancel={() => setDialog(null)}
        />
      )}
      {dialog === 'reactivate' && (
        <ReasonDialog
          title={t('admin.tenant.reactivateTitle')}
          text={t('admin.tenant.reactivateText')}
          confirmLabel={t('admin.tenant.reactivate')}
          action={(reason) => adminClient.reactivateTenant(tenant.id, { id: tenant.id, reason })}
          onDone={done}
          onCancel={() => setDialog(null)}
        />
      )}
      {dialog === 'cancel' && (
        <ReasonDialog
          title={t('admin.tenant.cancelTitle')}
          text={t('admin.tenant.cancelText')}
          confirmLabel={t('admin.tenant.cancelSubscription')}
          action={(reason) => adminClient.cancelTenantSubscription(tenant.id, { id: tenant.id, reason })}
          onDone={done}
          onCancel={() => setDialog(null)}
        />
      )}
      {dialog === 'resetTwoFactor' && (
        <ReasonDialog
          title={t('admin.tenant.resetTwoFactorTitle')}
          text={t('admin.tenant.resetTwoFactorText')}
          confirmLabel={t('admin.tenant.resetTwoFactor')}
          field={{ name: 'reason', label: t('admin.tenant.identityCheck'), maxLength: 1000 }}
          action={(reason) => adminClient.resetOwnerTwoFactor(tenant.id, { id: tenant.id, reason })}
          onDone={done}
          onCancel={() => setDialog(null)}
        />
      )}
      {dialog !== null && typeof dialog === 'object' && (
        <ReasonDialog
          title={t('admin.tenant.resendReceiptTitle')}
          text={t('admin.tenant.resendReceiptText')}
          confirmLabel={t('admin.tenant.resendReceipt')}
          action={(reason) =>
            adminClient.resendReceipt(tenant.id, dialog.resendReceipt, { id: tenant.id, receiptId: dialog.resendReceipt, reason })
          }
          onDone={done}
          onCancel={() => setDialog(null)}
        />
      )}

      <h2>{t('admin.tenant.subscription')}</h2>
      {subscription ? (
        <dl className="details">
          <dt>{t('admin.tenants.plan')}</dt>
          <dd>{subscription.pendingPlanCode ? `${subscription.planCode} → ${subscription.pendingPlanCode}` : subscription.planCode}</dd>
          <dt>{t('admin.tenants.status')}</dt>
          <dd data-testid="subscription-status">{t(`billing.statuses.${subscription.status}`)}</dd>
          <dt>{t('admin.tenants.periodEnd')}</dt>
          <dd data-testid="subscription-period-end">
            <DateTime value={subscription.currentPeriodEnd} />
            {subscription.cancelAtPeriodEnd && ` (${t('billing.ending')})`}
          </dd>
          <dt>{t('admin.tenant.card')}</dt>
          <dd>{subscription.hasCard ? t('common.yes') : t('common.no')}</dd>
          <dt>{t('admin.tenant.failedAttempts')}</dt>
          <dd>
            {subscription.failedAttempts}
            {subscription.nextRetryAt && (
              <>
                {' '}
                ({t('billing.nextRetry')}: <DateTime value={subscription.nextRetryAt} />)
              </>
            )}
          </dd>
        </dl>
      ) : (
        <p>{t('admin.tenant.noSubscription')}</p>
      )}
      {trial && <ExtendTrialForm tenant={tenant} onDone={done} />}

      <h2>{t('admin.tenant.users')}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('admin.tenant.userName')}</th>
            <th scope="col">{t('admin.tenant.email')}</th>
            <th scope="col">{t('admin.tenant.phone')}</th>
            <th scope="col">{t('admin.tenant.role')}</th>
            <th scope="col">{t('admin.tenant.twoFactor')}</th>
            <th scope="col">{t('admin.tenant.lastSeen')}</th>
          </tr>
        </thead>
        <tbody>
          {tenant.users.map((user) => (
            <tr key={user.id}>
              <td>{user.fullName}</td>
              <td>{user.email}</td>
              <td>{user.phoneNumber ?? '—'}</td>
              <td>{user.roles.join(', ')}</td>
              <td>{user.twoFactorEnabled ? t('common.yes') : t('common.no')}</td>
              <td>{user.lastSeenAt ? <DateTime value={user.lastSeenAt} /> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('admin.tenant.channels')}</h2>
      {tenant.channels.length === 0 ? (
        <p>{t('admin.tenant.noChannels')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('admin.tenant.channel')}</th>
              <th scope="col">{t('admin.tenant.connected')}</th>
              <th scope="col">{t('admin.tenant.lastInbound')}</th>
              <th scope="col">{t('admin.tenant.lastOutbound')}</th>
              <th scope="col">{t('admin.tenant.lastError')}</th>
            </tr>
          </thead>
          <tbody>
            {tenant.channels.map((channel) => (
              <tr key={channel.id}>
                <td>
                  {channel.channel}: {channel.displayName}
                </td>
                <td>{channel.connected ? t('common.yes') : t('common.no')}</td>
                <td>{channel.lastInboundAt ? <DateTime value={channel.lastInboundAt} /> : '—'}</td>
                <td>{channel.lastOutboundAt ? <DateTime value={channel.lastOutboundAt} /> : '—'}</td>
                <td>
                  {channel.lastErrorAt ? (
                    <>
                      <DateTime value={channel.lastErrorAt} /> {channel.lastError}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t('admin.tenant.receipts')}</h2>
      {tenant.receipts.length === 0 ? (
        <p>{t('admin.tenant.noReceipts')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('admin.tenant.chargedAt')}</th>
              <th scope="col">{t('admin.tenant.amount')}</th>
              <th scope="col">{t('admin.tenant.receipt')}</th>
              <th scope="col">{t('admin.tenant.emailedAt')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('admin.tenant.resendReceipt')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tenant.receipts.map((receipt) => (
              <tr key={receipt.id} data-testid="receipt">
                <td>
                  <DateTime value={receipt.chargedAt} />
                </td>
                <td>{t('billing.price', { amount: formatTiyin(receipt.amountTiyin) })}</td>
                <td>
                  {receipt.url ? (
                    <a href={receipt.url} target="_blank" rel="noreferrer">
                      {t('admin.tenant.openReceipt')}
                    </a>
                  ) : (
                    t('admin.tenant.receiptPending')
                  )}
                </td>
                <td>{receipt.emailedAt ? <DateTime value={receipt.emailedAt} /> : '—'}</td>
                <td>
                  {receipt.url && (
                    <button type="button" className="button button--secondary" onClick={() => setDialog({ resendReceipt: receipt.id })}>
                      {t('admin.tenant.resendReceipt')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <CustomerDataSection tenantId={tenant.id} grant={tenant.accessGrant} />

      <h2>{t('admin.tenant.consents')}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('admin.tenant.consentTime')}</th>
            <th scope="col">{t('admin.tenant.document')}</th>
            <th scope="col">{t('admin.tenant.consentAction')}</th>
            <th scope="col">{t('admin.tenant.version')}</th>
          </tr>
        </thead>
        <tbody>
          {tenant.consents.map((consent, index) => (
            <tr key={index}>
              <td>
                <DateTime value={consent.occurredAt} />
              </td>
              <td>{consent.kind}</td>
              <td>{consent.action === 'Granted' ? t('admin.tenant.granted') : t('admin.tenant.withdrawn')}</td>
              <td>{consent.documentVersion}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A trial runs until the days given from today; asking again does not add more (the server never shortens it). */
function ExtendTrialForm({ tenant, onDone }: { tenant: TenantProfileDto; onDone: () => void }) {
  const { t } = useTranslation();
  const [days, setDays] = useState('14');
  const [reason, setReason] = useState('');
  const extend = useMutation({
    mutationFn: () => adminClient.extendTrial(tenant.id, { id: tenant.id, days: Number(days), reason }),
    onSuccess: () => {
      setReason('');
      onDone();
    },
  });
  const problem = extend.error ? toProblem(extend.error) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    extend.mutate();
  };

  return (
    <form className="form" onSubmit={submit} aria-label={t('admin.tenant.extendTrial')}>
      <h3>{t('admin.tenant.extendTrial')}</h3>
      <FormField name="days" label={t('admin.tenant.days')} errors={problem?.fieldErrors.days}>
        <input type="number" min={1} max={90} value={days} onChange={(e) => setDays(e.target.value)} />
      </FormField>
      <FormField name="trialReason" label={t('admin.tenant.reason')} errors={problem?.fieldErrors.reason}>
        <textarea value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
      </FormField>
      <FormProblem problem={problem} fields={['days', 'reason']} />
      {extend.isSuccess && (
        <p role="status">
          {t('admin.tenant.trialEnds')} <DateTime value={extend.data.endsAt} />
        </p>
      )}
      <SubmitButton pending={extend.isPending} label={t('admin.tenant.extendTrial')} pendingLabel={t('forms.saving')} />
    </form>
  );
}
