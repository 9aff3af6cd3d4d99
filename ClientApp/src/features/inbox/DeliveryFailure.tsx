import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { inboxClient } from '../../api/client';
import type { MessageDto } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { ProblemMessage } from '../../components/ProblemMessage';
import { applyMessage } from './inboxCache';

/** A message the channel gave up on (the dead letter): why, and a button that queues it again. */
export function DeliveryFailure({ message }: { message: MessageDto }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () => inboxClient.retryMessageDelivery(message.id),
    onSuccess: (queued) => applyMessage(queryClient, queued),
  });

  return (
    <div className="delivery-failure" data-testid="delivery-failure">
      {message.deliveryError && <p>{t('inbox.deliveryError', { error: message.deliveryError })}</p>}
      <button type="button" className="button button--secondary" disabled={retry.isPending} onClick={() => retry.mutate()}>
        {retry.isPending && <span className="spinner" aria-hidden="true" />}
        {t('inbox.retrySend')}
      </button>
      {retry.isError && <ProblemMessage problem={toProblem(retry.error)} />}
    </div>
  );
}
