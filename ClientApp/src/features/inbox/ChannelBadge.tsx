import { useTranslation } from 'react-i18next';
import type { Channel } from '../../api/generated/virtuops-api';

/** Where a conversation takes place: a mark in the channel's colour and its name. */
export function ChannelBadge({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  return (
    <span className={`channel-badge channel-badge--${channel.toLowerCase()}`} data-testid="channel-badge">
      <span className="channel-badge__mark" aria-hidden="true" />
      {t(`inbox.channel.${channel}`)}
    </span>
  );
}
