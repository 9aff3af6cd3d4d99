import { useTranslation } from 'react-i18next';
import type { MessageDto } from '../../api/generated/virtuops-api';

const marks = { Pending: '◷', Sent: '✓', Delivered: '✓✓', Read: '✓✓', Failed: '!' } as const;

/** How far an outgoing message got: sending (clock), sent ✓, delivered ✓✓, read ✓✓ (highlighted), or failed. */
export function DeliveryStatus({ message }: { message: MessageDto }) {
  const { t } = useTranslation();
  const status = message.deliveryStatus;

  return (
    <span className={`delivery delivery--${status.toLowerCase()}`} data-testid="delivery-status" data-status={status}>
      <span className="delivery__mark" aria-hidden="true">
        {marks[status]}
      </span>{' '}
      {t(`inbox.delivery.${status}`)}
    </span>
  );
}
