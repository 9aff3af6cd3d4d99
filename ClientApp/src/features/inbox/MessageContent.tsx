import { useTranslation } from 'react-i18next';
import type { MessageDto } from '../../api/generated/virtuops-api';

/**
 * What a message carries, as text nodes only (customer content is never HTML). `text` is the text, the caption or
 * the server's readable summary (a location's coordinates, a contact's name); `contentData` adds structured detail.
 */
export function MessageContent({ message }: { message: MessageDto }) {
  const { t } = useTranslation();
  const { contentType, text } = message;

  switch (contentType) {
    case 'Text':
      return <span className="message__text">{text}</span>;
    case 'Interactive':
      return <span className="message__text">{t('inbox.content.buttonReply', { title: text })}</span>;
    case 'Location': {
      const { latitude, longitude } = readData(message.contentData);
      const coordinates = typeof latitude === 'number' && typeof longitude === 'number' ? { latitude, longitude } : undefined;
      return (
        <span className="message__text">
          <span className="content-label">{t('inbox.content.Location')}</span> {text}
          {coordinates && (
            <>
              {' '}
              <a href={mapUrl(coordinates)} target="_blank" rel="noopener noreferrer">
                {t('inbox.content.openMap')}
              </a>
            </>
          )}
        </span>
      );
    }
    case 'Contact': {
      const { phone } = readData(message.contentData);
      return (
        <span className="message__text">
          <span className="content-label">{t('inbox.content.Contact')}</span> {text}
          {typeof phone === 'string' && <> · {phone}</>}
        </span>
      );
    }
    default:
      // Media (kept as the provider's reference, not downloaded) and unsupported shapes: the kind, then any caption.
      return (
        <span className="message__text">
          <span className="content-label">{t(`inbox.content.${contentType}`)}</span>
          {text && <> {text}</>}
        </span>
      );
  }
}

function readData(json: string | undefined): Record<string, unknown> {
  if (!json) return {};
  try {
    const data: unknown = JSON.parse(json);
    return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function mapUrl({ latitude, longitude }: { latitude: number; longitude: number }): string {
  return `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=16/${latitude}/${longitude}`;
}
