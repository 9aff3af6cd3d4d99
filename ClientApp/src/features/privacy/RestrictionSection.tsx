import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { privacyClient } from '../../api/client';
import { toProblem } from '../../api/problem';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DateTime } from '../../components/DateTime';
import { ProblemMessage } from '../../components/ProblemMessage';
import { reloadAccount, useSignedInAccount } from '../auth/account';
import { privacyRequestsQueryKey } from './privacyRequests';

/** The owner's right to restrict processing: the data is kept, nothing else is done with it until lifted. */
export function RestrictionSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const restriction = useSignedInAccount().restriction;
  const [confirming, setConfirming] = useState(false);
  const change = useMutation({
    mutationFn: async (restrict: boolean) => {
      await (restrict ? privacyClient.restrictProcessing() : privacyClient.liftRestriction());
      // The whole app reads the restriction from the account (banner, read-only pages).
      await reloadAccount(queryClient);
    },
    onSettled: () => {
      setConfirming(false);
      // Restricting and lifting are recorded as answered requests.
      void queryClient.invalidateQueries({ queryKey: privacyRequestsQueryKey });
    },
  });

  return (
    <section aria-labelledby="privacy-restriction">
      <h2 id="privacy-restriction">{t('privacyRestriction.title')}</h2>
      <p>{t('privacyRestriction.intro')}</p>
      {change.isError && <ProblemMessage problem={toProblem(change.error)} />}
      <p role="status" data-testid="restriction-state">
        {restriction?.ownerRequested ? (
          <>
            {t('privacyRestriction.onSince')} {restriction.since && <DateTime value={restriction.since} />}
          </>
        ) : (
          t('privacyRestriction.off')
        )}
      </p>
      {confirming && (
        <ConfirmDialog
          title={t('privacyRestriction.confirmTitle')}
          confirmLabel={t('privacyRestriction.restrict')}
          pending={change.isPending}
          onConfirm={() => change.mutate(true)}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('privacyRestriction.confirmText')}</p>
        </ConfirmDialog>
      )}
      {restriction?.ownerRequested ? (
        <button type="button" className="button" disabled={change.isPending} onClick={() => change.mutate(false)}>
          {change.isPending && <span className="spinner" aria-hidden="true" />}
          {t('privacyRestriction.lift')}
        </button>
      ) : (
        <button
          type="button"
          className="button button--secondary"
          disabled={change.isPending}
          onClick={() => {
            change.reset();
            setConfirming(true);
          }}
        >
          {t('privacyRestriction.restrict')}
        </button>
      )}
    </section>
  );
}
