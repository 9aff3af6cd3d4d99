import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { billingClient } from '../../api/client';
import { toProblem } from '../../api/problem';
import { ProblemMessage } from '../../components/ProblemMessage';
import { userDataKey } from '../auth/account';
import { billingQueryKey } from './billingQueries';

/** How often, and how many times, to ask again while Paylov has not settled the card yet. */
export const checkoutPollMs = 2000;
const maxPolls = 10;

/**
 * Paylov sends the browser back here (`/billing/return?checkout=<id>`). Completing is idempotent on the server, so
 * it is safe as a query: asked again while Pending, and once more if the page is reloaded.
 */
export function BillingReturnPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const checkoutId = useSearchParams()[0].get('checkout') ?? '';
  const queryKey = [...userDataKey, 'checkout', checkoutId];
  const result = useQuery({
    queryKey,
    queryFn: () => billingClient.completeCheckout(checkoutId),
    enabled: checkoutId !== '',
    refetchInterval: (query) =>
      query.state.data?.status === 'Pending' && query.state.dataUpdateCount < maxPolls ? checkoutPollMs : false,
  });
  const status = result.data?.status;
  const gaveUp = status === 'Pending' && (queryClient.getQueryState(queryKey)?.dataUpdateCount ?? 0) >= maxPolls;

  useEffect(() => {
    if (status === 'Completed') void queryClient.invalidateQueries({ queryKey: billingQueryKey });
  }, [status, queryClient]);

  return (
    <section>
      <h1>{t('billing.returnTitle')}</h1>
      {checkoutId === '' && <p role="alert">{t('billing.returnNoCheckout')}</p>}
      {result.isError && <ProblemMessage problem={toProblem(result.error)} onRetry={() => void result.refetch()} />}
      {checkoutId !== '' && (result.isPending || status === 'Pending') && (
        <p role="status" data-testid="checkout-result">
          {gaveUp ? t('billing.returnStillPending') : t('billing.returnPending')}
        </p>
      )}
      {status === 'Completed' && (
        <div className="alert" role="status" data-testid="checkout-result">
          <p>{t('billing.returnSucceeded')}</p>
        </div>
      )}
      {status === 'Failed' && (
        <div className="alert alert--error" role="alert" data-testid="checkout-result">
          <p>{t('billing.returnFailed')}</p>
          {result.data?.failureReason && <p>{result.data.failureReason}</p>}
        </div>
      )}
      <p>
        <Link to="/billing">{t('billing.backToBilling')}</Link>
      </p>
    </section>
  );
}
