import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { billingClient } from '../../api/client';
import type { BillingDto, CheckoutPurpose, PlanDto, SubscriptionDto } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DateTime } from '../../components/DateTime';
import { ProblemMessage } from '../../components/ProblemMessage';
import { loadPage } from '../../navigation';
import { billingQuery, billingQueryKey } from './billingQueries';
import { CardForm } from './CardForm';
import { formatExpiry, formatTiyin, groupDigits } from './money';
import { PlanChangeDialog } from './PlanChangeDialog';
import { UsageMeter } from './UsageMeter';

export function BillingPage() {
  const { t } = useTranslation();
  const billing = useQuery(billingQuery);

  return (
    <section>
      <h1>{t('billing.title')}</h1>
      {billing.isPending && <p role="status">{t('common.loading')}</p>}
      {billing.isError && <ProblemMessage problem={toProblem(billing.error)} onRetry={() => void billing.refetch()} />}
      {billing.data && <BillingDetails billing={billing.data} />}
    </section>
  );
}

function BillingDetails({ billing }: { billing: BillingDto }) {
  const { t } = useTranslation();
  const { subscription, card } = billing;
  const planName = (code: string) => billing.plans.find((p) => p.code === code)?.name ?? code;

  // Hosted: the card is typed on Paylov's page (the browser leaves the app and Paylov sends it back to /billing/return).
  // Direct: it is typed into our card form, which Paylov's SMS code then confirms.
  const checkout = useMutation({
    mutationFn: ({ planCode, purpose }: { planCode: string; purpose: CheckoutPurpose }) =>
      billingClient.startCheckout({ planCode, purpose }),
    onSuccess: (started) => loadPage(started.redirectUrl),
  });
  const [cardFor, setCardFor] = useState<{ planCode: string; purpose: CheckoutPurpose } | null>(null);
  const bindCard = (planCode: string, purpose: CheckoutPurpose) =>
    billing.cardBinding === 'Direct' ? setCardFor({ planCode, purpose }) : checkout.mutate({ planCode, purpose });
  // The plan the owner is about to switch to: what it costs or warns about is shown before it is done.
  const [choosing, setChoosing] = useState<string | null>(null);
  const failure = checkout.error;
  // Ended, in a trial without a card (running or expired) or suspended without a way back: a new checkout pays the
  // first month. A trial with a card on file changes plan instead (an upgrade applies at once, paid by its first charge).
  const canSubscribe =
    !subscription || ['Expired', 'Suspended', 'Canceled'].includes(subscription.status) || (subscription.status === 'Trialing' && !card);
  const live = !!subscription && subscription.status !== 'Canceled' && subscription.status !== 'Expired';

  return (
    <>
      {failure && <ProblemMessage problem={toProblem(failure)} />}

      <h2>{t('billing.subscriptionTitle')}</h2>
      {subscription ? (
        <SubscriptionSummary subscription={subscription} planName={planName} />
      ) : (
        <p data-testid="subscription">{t('billing.noSubscription')}</p>
      )}

      <h2>{t('billing.usageTitle')}</h2>
      <UsageMeter />

      <h2>{t('billing.cardTitle')}</h2>
      {card ? (
        <p data-testid="card">
          <code>{card.maskedPan}</code> · {card.cardType} · {t('billing.expires', { expiry: formatExpiry(card.expiryYyMm) })}
        </p>
      ) : (
        <p data-testid="card">{t('billing.noCard')}</p>
      )}
      {cardFor && <CardForm planCode={cardFor.planCode} purpose={cardFor.purpose} onClose={() => setCardFor(null)} />}
      {live && !canSubscribe && !cardFor && (
        <button
          type="button"
          className="button button--secondary"
          disabled={checkout.isPending}
          onClick={() => bindCard(subscription.planCode, 'UpdateCard')}
        >
          {subscription.cancelAtPeriodEnd ? t('billing.resumeWithCard') : card ? t('billing.replaceCard') : t('billing.addCard')}
        </button>
      )}

      <h2>{t('billing.plansTitle')}</h2>
      <ul className="plans">
        {billing.plans.map((plan) => (
          <li key={plan.code} className="panel" data-testid={`plan-${plan.code}`}>
            <PlanSummary plan={plan} />
            {canSubscribe ? (
              <button
                type="button"
                className="button"
                disabled={checkout.isPending || !!cardFor}
                onClick={() => bindCard(plan.code, 'Subscribe')}
              >
                {t('billing.subscribe')}
              </button>
            ) : live && !subscription.cancelAtPeriodEnd ? (
              choosing === plan.code ? (
                <PlanChangeDialog planCode={plan.code} planName={plan.name} onClose={() => setChoosing(null)} />
              ) : (
                <PlanChoice
                  plan={plan}
                  subscription={subscription}
                  currentPrice={billing.plans.find((p) => p.code === subscription.planCode)?.monthlyPriceTiyin ?? 0}
                  pending={choosing !== null}
                  onChoose={() => setChoosing(plan.code)}
                />
              )
            ) : null}
          </li>
        ))}
      </ul>

      <h2>{t('billing.paymentsTitle')}</h2>
      <Payments billing={billing} planName={planName} />

      {live && !subscription.cancelAtPeriodEnd && <CancelSubscription periodEnd={subscription.currentPeriodEnd} />}
    </>
  );
}

function SubscriptionSummary({ subscription, planName }: { subscription: SubscriptionDto; planName: (code: string) => string }) {
  const { t } = useTranslation();
  return (
    <dl className="details" data-testid="subscription">
      <dt>{t('billing.plan')}</dt>
      <dd>{planName(subscription.planCode)}</dd>
      <dt>{t('billing.status')}</dt>
      <dd>
        <span className={subscription.status === 'Active' ? 'badge badge--ok' : 'badge badge--warn'}>
          {t(`billing.statuses.${subscription.status}`)}
        </span>
        {subscription.cancelAtPeriodEnd && subscription.status !== 'Canceled' && (
          <>
            {' '}
            <span className="badge badge--warn">{t('billing.ending')}</span>
          </>
        )}
      </dd>
      {subscription.nextChargeAt ? (
        <>
          <dt>{t('billing.nextCharge')}</dt>
          <dd>
            <DateTime value={subscription.nextChargeAt} />
          </dd>
        </>
      ) : (
        <>
          <dt>{subscription.status === 'Canceled' ? t('billing.endedOn') : t('billing.endsOn')}</dt>
          <dd>
            <DateTime value={subscription.currentPeriodEnd} />
          </dd>
        </>
      )}
      {subscription.nextRetryAt && (
        <>
          <dt>{t('billing.nextRetry')}</dt>
          <dd>
            <DateTime value={subscription.nextRetryAt} />
          </dd>
        </>
      )}
      {subscription.pendingPlanCode && (
        <>
          <dt>{t('billing.pendingPlan')}</dt>
          <dd>{planName(subscription.pendingPlanCode)}</dd>
        </>
      )}
    </dl>
  );
}

function PlanSummary({ plan }: { plan: PlanDto }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{plan.name}</h3>
      <p className="price">{t('billing.perMonth', { amount: formatTiyin(plan.monthlyPriceTiyin) })}</p>
      <ul>
        <li>{t('billing.maxBots', { value: plan.maxBots })}</li>
        <li>{t('billing.maxChannels', { value: plan.maxChannels })}</li>
        <li>{t('billing.maxMessages', { value: groupDigits(plan.maxMessagesPerMonth) })}</li>
      </ul>
    </>
  );
}

interface PlanChoiceProps {
  plan: PlanDto;
  subscription: SubscriptionDto;
  currentPrice: number;
  pending: boolean;
  onChoose: () => void;
}

/** With a running subscription or trial a dearer plan applies at once (paid for the rest of the period, or by the trial's first charge), any other from the next period. */
function PlanChoice({ plan, subscription, currentPrice, pending, onChoose }: PlanChoiceProps) {
  const { t } = useTranslation();
  const current = plan.code === subscription.planCode;
  const next = subscription.pendingPlanCode ?? subscription.planCode;
  if (plan.code === next) return <p className="muted">{current ? t('billing.currentPlan') : t('billing.nextPeriodPlan')}</p>;
  return (
    <button type="button" className="button button--secondary" disabled={pending} onClick={onChoose}>
      {current
        ? t('billing.keepPlan')
        : ['Active', 'Trialing'].includes(subscription.status) && plan.monthlyPriceTiyin > currentPrice
          ? t('billing.upgradePlan')
          : t('billing.switchPlan')}
    </button>
  );
}

function Payments({ billing, planName }: { billing: BillingDto; planName: (code: string) => string }) {
  const { t } = useTranslation();
  if (billing.payments.length === 0) return <p>{t('billing.noPayments')}</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">{t('billing.date')}</th>
          <th scope="col">{t('billing.plan')}</th>
          <th scope="col">{t('billing.amount')}</th>
          <th scope="col">{t('billing.status')}</th>
          <th scope="col">{t('billing.receipt')}</th>
        </tr>
      </thead>
      <tbody>
        {billing.payments.map((payment) => (
          <tr key={payment.id} data-testid="payment">
            <td>
              <DateTime value={payment.attemptedAt} />
            </td>
            <td>{planName(payment.planCode)}</td>
            <td>{t('billing.price', { amount: formatTiyin(payment.amountTiyin) })}</td>
            <td>
              {t(`billing.chargeStatuses.${payment.status}`)}
              {payment.failureCode && <span className="muted"> ({payment.failureCode})</span>}
            </td>
            <td>
              {payment.receiptUrl && (
                <a href={payment.receiptUrl} target="_blank" rel="noopener noreferrer">
                  {t('billing.openReceipt')}
                </a>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CancelSubscription({ periodEnd }: { periodEnd: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const cancel = useMutation({
    mutationFn: () => billingClient.cancelSubscription(),
    onSuccess: () => setAsking(false),
    onSettled: () => queryClient.invalidateQueries({ queryKey: billingQueryKey }),
  });

  return (
    <>
      <h2>{t('billing.cancelTitle')}</h2>
      {cancel.isError && <ProblemMessage problem={toProblem(cancel.error)} />}
      {asking ? (
        <ConfirmDialog
          title={t('billing.cancelConfirmTitle')}
          confirmLabel={t('billing.cancelConfirm')}
          pending={cancel.isPending}
          onConfirm={() => cancel.mutate()}
          onCancel={() => setAsking(false)}
        >
          <ul>
            <li>{t('billing.cancelNoCharges')}</li>
            <li>{t('billing.cancelCardDeleted')}</li>
            <li>
              {t('billing.cancelServiceUntil')} <DateTime value={periodEnd} />
            </li>
          </ul>
        </ConfirmDialog>
      ) : (
        <button type="button" className="button button--danger" onClick={() => setAsking(true)}>
          {t('billing.cancel')}
        </button>
      )}
    </>
  );
}
