import { useReadOnly } from '../features/restriction/readOnly';

interface SubmitButtonProps {
  pending: boolean;
  label: string;
  pendingLabel: string;
  disabled?: boolean;
}

/**
 * A form's submit button: disabled with a spinner while the request runs, so it is not sent twice, and while the
 * tenant's processing is restricted (the API would refuse the write).
 */
export function SubmitButton({ pending, label, pendingLabel, disabled = false }: SubmitButtonProps) {
  const readOnly = useReadOnly();
  return (
    <button type="submit" className="button" disabled={pending || disabled || readOnly}>
      {pending && <span className="spinner" aria-hidden="true" />}
      {pending ? pendingLabel : label}
    </button>
  );
}
