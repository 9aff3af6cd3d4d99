import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useReadOnly } from '../features/restriction/readOnly';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before an action that cannot be undone, saying what it will do. */
export function ConfirmDialog({ title, children, confirmLabel, pending, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const readOnly = useReadOnly();
  // Focus the harmless choice, so Enter pressed by habit does not confirm.
  useEffect(() => cancelRef.current?.focus(), []);

  return (
    <div role="alertdialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`} className="dialog">
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-text`}>{children}</div>
      <div className="actions">
        <button type="button" className="button button--danger" disabled={pending || readOnly} onClick={onConfirm}>
          {pending && <span className="spinner" aria-hidden="true" />}
          {confirmLabel}
        </button>
        <button ref={cancelRef} type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
