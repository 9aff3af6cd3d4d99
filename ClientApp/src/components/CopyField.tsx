import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useCopy } from './useCopy';

/** A read-only value to paste elsewhere (a key, a URL, a token), with a copy button and whether the copy worked. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [copied, copy] = useCopy(value);

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="key-row">
        <input id={id} readOnly value={value} onFocus={(event) => event.target.select()} className="key" />
        <button type="button" className="button button--secondary" onClick={() => void copy()}>
          {t('common.copy')}
        </button>
      </div>
      <p role="status" aria-live="polite">
        {copied === true && t('common.copied')}
        {copied === false && t('common.copyFailed')}
      </p>
    </div>
  );
}
