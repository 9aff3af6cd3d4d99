import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isOwner, useAccount } from '../auth/account';
import { billingQuery } from './billingQueries';

/** App-wide, for the owner only: the last renewal failed, so the card needs replacing before the service stops. */
export function PaymentFailedBanner() {
  const { t } = useTranslation();
  const account = useAccount().data;
  const owner = !!account && isOwner(account) && account.phoneNumberConfirmed;
  const billing = useQuery({ ...billingQuery, enabled: owner });

  if (!owner || !billing.data?.paymentFailed) return null;
  return (
    <div className="alert alert--error" role="alert" data-testid="payment-failed-banner">
      <p>
        <strong>{t('billing.paymentFailed')}</strong> <Link to="/billing">{t('billing.updateCardLink')}</Link>
      </p>
    </div>
  );
}
