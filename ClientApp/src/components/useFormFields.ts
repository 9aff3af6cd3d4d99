import { useState, type ChangeEvent } from 'react';

/** Text-field state for a form: `bind(name)` gives an input its value and change handler. */
export function useFormFields<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const bind = (name: keyof T & string) => ({
    value: values[name],
    onChange: (event: ChangeEvent<HTMLInputElement>) =>
      setValues((current) => ({ ...current, [name]: event.target.value })),
  });
  return { values, bind, reset: () => setValues(initial) };
}
