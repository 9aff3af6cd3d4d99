interface SubmitButtonProps {
  pending: boolean;
  label: string;
  pendingLabel: string;
  disabled?: boolean;
}

/** A form's submit button: disabled with a spinner while the request runs, so it is not sent twice. */
export function SubmitButton({ pending, label, pendingLabel, disabled = false }: SubmitButtonProps) {
  return (
    <button type="submit" className="button" disabled={pending || disabled}>
      {pending && <span className="spinner" aria-hidden="true" />}
      {pending ? pendingLabel : label}
    </button>
  );
}
