import type { ReactNode } from 'react';

interface CheckboxFieldProps {
  name: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** May contain links, e.g. to the document being accepted. */
  children: ReactNode;
  errors?: string[];
}

/** A checkbox with its label after it and the server's messages for it, like FormField. */
export function CheckboxField({ name, checked, onChange, children, errors = [] }: CheckboxFieldProps) {
  const id = `field-${name}`;
  const errorId = `error-${name}`;
  const invalid = errors.length > 0;

  return (
    <div className={invalid ? 'field field--checkbox field--invalid' : 'field field--checkbox'}>
      <input
        type="checkbox"
        id={id}
        name={name}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
      />
      <label htmlFor={id}>{children}</label>
      {invalid && (
        <p id={errorId} data-testid={errorId} className="field__error">
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}
