import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { privacyClient } from '../../api/client';
import { toProblem } from '../../api/problem';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ProblemMessage } from '../../components/ProblemMessage';
import { consentsQueryKey, currentGrants } from '../consents/consents';

/**
 * The tenant-wide consent to send conversation data to an external AI provider. Without it the built-in engine
 * answers from the knowledge alone; with it (and an LLM configured on the server) answers may be generated.
 * Shares its cache with the consents page, where the same consent can be withdrawn too.
 */
export function AiDataSharingSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirmingWithdrawal, setConfirmingWithdrawal] = useState(false);
  const consents = useQuery({
    queryKey: consentsQueryKey,
    queryFn: ({ signal }) => privacyClient.getMyConsents(signal),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: consentsQueryKey });
  const grant = useMutation({ mutationFn: () => privacyClient.grantAiDataSharing(), onSettled: refresh });
  const withdraw = useMutation({
    mutationFn: () => privacyClient.withdrawConsent('AiDataSharing'),
    onSuccess: () => setConfirmingWithdrawal(false),
    onSettled: refresh,
  });
  const failure = grant.error ?? withdraw.error;

  const granted = consents.isSuccess && currentGrants(consents.data).some((grant) => grant.kind === 'AiDataSharing');
  const pending = grant.isPending || withdraw.isPending || consents.isFetching;

  return (
    <>
      <h2>{t('bots.aiTitle')}</h2>
      <div className="panel">
        <p>{t('bots.aiIntro')}</p>
        {consents.isPending && <p role="status">{t('common.loading')}</p>}
        {consents.isError && (
          <ProblemMessage problem={toProblem(consents.error)} onRetry={() => void consents.refetch()} />
        )}
        {failure && <ProblemMessage problem={toProblem(failure)} />}
        {consents.isSuccess && (
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              checked={granted}
              disabled={pending}
              onChange={(event) => {
                grant.reset();
                withdraw.reset();
                if (event.target.checked) grant.mutate();
                else setConfirmingWithdrawal(true);
              }}
            />
            <span>{t('bots.aiSwitch')}</span>
          </label>
        )}
        {consents.isSuccess && (
          <p className="muted" data-testid="ai-state">
            {granted ? t('bots.aiOn') : t('bots.aiOff')}
          </p>
        )}
        {confirmingWithdrawal && (
          <ConfirmDialog
            title={t('consents.withdrawTitle', { kind: t('consents.kind.AiDataSharing') })}
            confirmLabel={t('consents.withdraw')}
            pending={withdraw.isPending}
            onConfirm={() => withdraw.mutate()}
            onCancel={() => setConfirmingWithdrawal(false)}
          >
            <p>{t('consents.effect.AiDataSharing')}</p>
            <p>{t('consents.earlierProcessing')}</p>
          </ConfirmDialog>
        )}
      </div>
    </>
  );
}
