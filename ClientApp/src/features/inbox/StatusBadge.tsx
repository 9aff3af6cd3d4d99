import { useTranslation } from 'react-i18next';
import type { ConversationStatus } from '../../api/generated/virtuops-api';

/** Who has the conversation: the bot, nobody yet (a customer waits for a person), an agent, or nobody (closed). */
export function StatusBadge({ status }: { status: ConversationStatus }) {
  const { t } = useTranslation();
  const tone = status === 'WaitingForHuman' ? 'warn' : status === 'Human' ? 'ok' : 'muted';
  return <span className={`badge badge--${tone}`}>{t(`inbox.status.${status}`)}</span>;
}
