import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { billingClient } from '../../api/client';
import { toProblem } from '../../api/problem';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DateTime } from '../../components/DateTime';
import { ProblemMessage } from '../../components/ProblemMessage';
import { billingQueryKey } from './billingQueries';
import { formatTiyin, groupDigits } from './money';

interface PlanChangeDialogProps {
  planCode: string;
  planName: string;
  onClose: () => void;
}

/**
 * Says what choosing the plan does before it is done: an upgrade is charged now for the rest of the period (the
 * prorated price is shown), any other change applies from the next period, with the limits the usage would exceed.
 */
export function PlanChangeDialog({ planCode, planName, onClose }: PlanChangeDialogProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const quote = useQuery({
    queryKey: [...billingQueryKey, 'plan-change', planCode],
    queryFn: ({ signal }) => billingClient.getPlanChange(planCode, signal),
    staleTime: 0,
  });
  const change = useMutation({
    mutationFn: () => billingClient.changePlan({ planCode }),
    onSuccess: onClose,
    onSettled: () => queryClient.invalidateQueries({ queryKey: billingQueryKey }),
  });

  if (quote.isPending) return <p role="status">{t('common.loading')}</p>;
  if (quote.isError) return <ProblemMessage problem={toProblem(quote.error)} onRetry={() => void quote.refetch()} />;
  const { immediate, amountTiyin, effectiveAt, exceededLimits } = quote.data;
  // Immediate and free: an upgrade during the trial, paid by the trial's first charge.
  const inTrial = immediate && amountTiyin === 0;

  return (
    <ConfirmDialog
      title={t('billing.change.title', { plan: planName })}
      confirmLabel={
        inTrial ? t('billing.change.switchNow') : immediate ? t('billing.change.payNow', { amount: formatTiyin(amountTiyin) }) : t('billing.change.confirm')
      }
      pending={change.isPending}
      onConfirm={() => change.mutate()}
      onCancel={onClose}
    >
      {change.isError && <ProblemMessage problem={toProblem(change.error)} />}
      {inTrial ? (
        <p>{t('billing.change.trialNow')}</p>
      ) : immediate ? (
        <p data-testid="plan-change-price">{t('billing.change.chargedNow', { amount: formatTiyin(amountTiyin) })}</p>
      ) : (
        <p>
          {t('billing.change.fromNextPeriod')} <DateTime value={effectiveAt} />
        </p>
      )}
      {exceededLimits.length > 0 && (
        <div className="alert alert--warning" data-testid="plan-change-warning">
          <p>{t('billing.change.exceeded')}</p>
          <ul>
            {exceededLimits.map((limit) => (
              <li key={limit.limit}>
                {t(`billing.change.limits.${limit.limit as 'bots' | 'channels' | 'messages'}`, {
                  used: groupDigits(limit.used),
                  allowed: groupDigits(limit.allowed),
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </ConfirmDialog>
  );
}
