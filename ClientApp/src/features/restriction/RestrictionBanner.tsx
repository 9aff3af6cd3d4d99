import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { privacyClient } from '../../api/client';
import type { ConsentKind, CurrentAccountDto } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { ProblemMessage } from '../../components/ProblemMessage';
import { DateTime } from '../../components/DateTime';
import { isOwner, reloadAccount } from '../auth/account';

/**
 * On every page while the tenant's processing is restricted: why, since when, and the owner's ways out (lift it or
 * accept the withdrawn documents again, or ask for erasure on the Privacy page). The rest of the app is read-only.
 */
export function RestrictionBanner({ account }: { account: CurrentAccountDto }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const restriction = account.restriction;
  const owner = isOwner(account);
  const lift = useMutation({
    mutationFn: async () => {
      await privacyClient.liftRestriction();
      await reloadAccount(queryClient);
    },
  });
  const accept = useMutation({
    mutationFn: async (kinds: ConsentKind[]) => {
      for (const kind of kinds) await privacyClient.acceptLegalDocument(kind);
      await reloadAccount(queryClient);
    },
  });

  if (!restriction?.restricted) return null;
  const withdrawn = restriction.withdrawnConsents;
  const problem = lift.error ?? accept.error;
  // The trial's paywall alone is not the Privacy Policy's restriction: it says so, and shows the way to pay.
  const onlyPayment =
    restriction.paymentRequired && !restriction.ownerRequested && !restriction.suspendedByPlatform && withdrawn.length === 0;
  const title = onlyPayment ? t('restriction.paymentTitle') : t('restriction.title');
  return (
    <div className="alert alert--warning" role="region" aria-label={title} data-testid="restriction-banner">
      <p>
        <strong>{title}</strong>{' '}
        {restriction.since && (
          <>
            {t('restriction.since')} <DateTime value={restriction.since} />.
          </>
        )}
      </p>
      {restriction.suspendedByPlatform && <p>{t('restriction.suspended')}</p>}
      {restriction.ownerRequested && <p>{t('restriction.ownerRequested')}</p>}
      {withdrawn.map((kind) => (
        <p key={kind}>{t(kind === 'PublicOffer' ? 'restriction.offerWithdrawn' : 'restriction.policyWithdrawn')}</p>
      ))}
      {restriction.paymentRequired && <p>{t('restriction.paymentRequired')}</p>}
      {!onlyPayment && <p>{t('restriction.effect')}</p>}
      {problem && <ProblemMessage problem={toProblem(problem)} />}
      {owner ? (
        <div className="actions">
          {restriction.paymentRequired && (
            <Link className="button" to="/billing">
              {t('restriction.choosePlan')}
            </Link>
          )}
          {restriction.ownerRequested && (
            <button type="button" className="button" disabled={lift.isPending} onClick={() => lift.mutate()}>
              {t('restriction.lift')}
            </button>
          )}
          {withdrawn.length > 0 && (
            <button type="button" className="button" disabled={accept.isPending} onClick={() => accept.mutate(withdrawn)}>
              {t('restriction.acceptAgain')}
            </button>
          )}
          {!onlyPayment && <Link to="/privacy">{t('restriction.erasure')}</Link>}
        </div>
      ) : (
        <p className="muted">{t(onlyPayment ? 'restriction.askOwnerToPay' : 'restriction.askOwner')}</p>
      )}
    </div>
  );
}
