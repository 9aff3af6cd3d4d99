import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface ListEditorProps {
  name: string;
  label: string;
  hint?: string;
  items: string[];
  onChange: (items: string[]) => void;
  placeholder?: string;
  maxLength?: number;
  /** The server's messages for the list and its items (`name`, `name[0]`, ...). */
  errors?: string[];
}

/** A short list of strings (keywords, web origins): each item with a remove button, and a box to add one more. */
export function ListEditor({ name, label, hint, items, onChange, placeholder, maxLength, errors = [] }: ListEditorProps) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState('');
  const invalid = errors.length > 0;

  const add = () => {
    const value = draft.trim();
    if (value.length === 0) return;
    if (!items.includes(value)) onChange([...items, value]);
    setDraft('');
  };
  // Enter adds the item instead of submitting the whole form.
  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    add();
  };

  return (
    <fieldset className={invalid ? 'fieldset field--invalid' : 'fieldset'} data-testid={`list-${name}`}>
      <legend>{label}</legend>
      {hint && <p className="muted hint-inline">{hint}</p>}
      {items.length > 0 && (
        <ul className="chips">
          {items.map((item) => (
            <li key={item} className="chip">
              <span>{item}</span>
              <button
                type="button"
                className="chip__remove"
                aria-label={t('listEditor.remove', { item })}
                onClick={() => onChange(items.filter((other) => other !== item))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="key-row">
        <input
          id={`${id}-new`}
          type="text"
          autoComplete="off"
          aria-label={t('listEditor.newItem', { list: label })}
          placeholder={placeholder}
          maxLength={maxLength}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={handleKeyDown}
        />
        <button type="button" className="button button--secondary" onClick={add}>
          {t('listEditor.add')}
        </button>
      </div>
      {invalid && (
        <p className="field__error" data-testid={`error-${name}`}>
          {errors.join(' ')}
        </p>
      )}
    </fieldset>
  );
}

/** Every message for a list field, whether the server named the list or one of its items (`allowedOrigins[1]`). */
export function listErrors(fieldErrors: Record<string, string[]> | undefined, name: string): string[] {
  if (!fieldErrors) return [];
  return Object.entries(fieldErrors)
    .filter(([field]) => field === name || field.startsWith(`${name}[`))
    .flatMap(([, messages]) => messages);
}
