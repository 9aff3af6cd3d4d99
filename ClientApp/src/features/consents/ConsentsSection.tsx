import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { privacyClient } from '../../api/client';
import type { ConsentKind, ConsentRecordDto } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DateTime } from '../../components/DateTime';
import { ProblemMessage } from '../../components/ProblemMessage';
import { consentsQueryKey, currentGrants } from './consents';

/** The Privacy centre's consents: those held now, to withdraw, and their whole history. */
export function ConsentsSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [withdrawing, setWithdrawing] = useState<ConsentKind | undefined>(undefined);
  const history = useQuery({
    queryKey: consentsQueryKey,
    queryFn: ({ signal }) => privacyClient.getMyConsents(signal),
  });
  const withdraw = useMutation({
    mutationFn: (kind: ConsentKind) => privacyClient.withdrawConsent(kind),
    onSuccess: () => setWithdrawing(undefined),
    onSettled: () => queryClient.invalidateQueries({ queryKey: consentsQueryKey }),
  });

  return (
    <section aria-labelledby="privacy-consents">
      <h2 id="privacy-consents">{t('consents.title')}</h2>
      <p className="muted">{t('consents.intro')}</p>
      {history.isPending && <p role="status">{t('common.loading')}</p>}
      {history.isError && (
        <ProblemMessage problem={toProblem(history.error)} onRetry={() => void history.refetch()} />
      )}
      {withdraw.isError && <ProblemMessage problem={toProblem(withdraw.error)} />}
      {withdraw.isSuccess && (
        <p role="status">{t('consents.withdrawn', { kind: t(`consents.kind.${withdraw.data.kind}`) })}</p>
      )}
      {withdrawing && (
        <ConfirmDialog
          title={t('consents.withdrawTitle', { kind: t(`consents.kind.${withdrawing}`) })}
          confirmLabel={t('consents.withdraw')}
          pending={withdraw.isPending}
          onConfirm={() => withdraw.mutate(withdrawing)}
          onCancel={() => setWithdrawing(undefined)}
        >
          <p>{t(`consents.effect.${withdrawing}`)}</p>
          <p>{t('consents.earlierProcessing')}</p>
        </ConfirmDialog>
      )}

      {history.isSuccess && (
        <>
          <h3>{t('consents.currentTitle')}</h3>
          {currentGrants(history.data).length === 0 ? (
            <p>{t('consents.noneCurrent')}</p>
          ) : (
            <ul className="list">
              {currentGrants(history.data).map((grant) => (
                <li key={grant.kind} data-testid="current-consent">
                  <span>
                    {t(`consents.kind.${grant.kind}`)} · {t('consents.version', { version: grant.documentVersion })}
                  </span>
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={withdraw.isPending}
                    onClick={() => {
                      withdraw.reset();
                      setWithdrawing(grant.kind);
                    }}
                  >
                    {t('consents.withdraw')}
                  </button>
                </li>
              ))}
            </ul>
          )}

          <h3>{t('consents.historyTitle')}</h3>
          <ConsentHistory records={history.data} />
        </>
      )}
    </section>
  );
}

function ConsentHistory({ records }: { records: ConsentRecordDto[] }) {
  const { t } = useTranslation();
  if (records.length === 0) return <p>{t('consents.noHistory')}</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">{t('consents.when')}</th>
          <th scope="col">{t('consents.document')}</th>
          <th scope="col">{t('consents.action')}</th>
          <th scope="col">{t('consents.origin')}</th>
          <th scope="col">{t('consents.effectColumn')}</th>
        </tr>
      </thead>
      <tbody>
        {records.map((record) => (
          <tr key={record.id} data-testid="consent-record">
            <td>
              <DateTime value={record.occurredAt} />
            </td>
            <td>
              {t(`consents.kind.${record.kind}`)}
              <div className="muted">{t('consents.version', { version: record.documentVersion })}</div>
            </td>
            <td>{record.action === 'Granted' ? t('consents.granted') : t('consents.withdrawnAction')}</td>
            <td>
              {record.ipAddress ?? '—'}
              <div className="muted">{record.userAgent}</div>
            </td>
            {/* The effect was recorded with the withdrawal, in the words agreed at that time. */}
            <td>{record.effect ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
