import type { ReactElement } from 'react';
import { cloneElement } from 'react';
import { useTranslation } from 'react-i18next';

interface FormFieldProps {
  name: string;
  label: string;
  optional?: boolean;
  errors?: string[];
  /** The control; it receives id, name, aria-invalid and aria-describedby. */
  children: ReactElement<Record<string, unknown>>;
}

export function FormField({ name, label, optional = false, errors = [], children }: FormFieldProps) {
  const { t } = useTranslation();
  const id = `field-${name}`;
  const errorId = `error-${name}`;
  const invalid = errors.length > 0;

  return (
    <div className={invalid ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {optional && <span className="muted"> ({t('demo.optional')})</span>}
      </label>
      {cloneElement(children, {
        id,
        name,
        'aria-invalid': invalid || undefined,
        'aria-describedby': invalid ? errorId : undefined,
      })}
      {invalid && (
        <p id={errorId} data-testid={errorId} className="field__error">
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}
