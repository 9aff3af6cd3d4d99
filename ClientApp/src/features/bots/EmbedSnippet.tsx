import { useTranslation } from 'react-i18next';
import { useCopy } from '../../components/useCopy';
import { embedSnippet } from './snippet';

interface EmbedSnippetProps {
  widgetKey: string;
  allowedOrigins: string[];
}

/** The script tag for the owner's website, with a copy button and a reminder to allow the site's origin. */
export function EmbedSnippet({ widgetKey, allowedOrigins }: EmbedSnippetProps) {
  const { t } = useTranslation();
  const snippet = embedSnippet(window.location.origin, widgetKey);
  const [copied, copy] = useCopy(snippet);

  return (
    <>
      <h2>{t('bots.embedTitle')}</h2>
      <div className="panel">
        <p>{t('bots.embedIntro')}</p>
        <div className="key-row">
          <textarea
            readOnly
            rows={3}
            className="key"
            aria-label={t('bots.embedLabel')}
            data-testid="embed-snippet"
            value={snippet}
            onFocus={(event) => event.target.select()}
          />
          <button type="button" className="button button--secondary" onClick={() => void copy()}>
            {t('common.copy')}
          </button>
        </div>
        <p role="status" aria-live="polite">
          {copied === true && t('common.copied')}
          {copied === false && t('common.copyFailed')}
        </p>
        {allowedOrigins.length === 0 && <p className="alert alert--warning">{t('bots.embedNoOrigins')}</p>}
      </div>
    </>
  );
}
