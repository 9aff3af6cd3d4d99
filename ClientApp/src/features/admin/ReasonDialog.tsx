import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toProblem } from '../../api/problem';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';

interface ReasonDialogProps {
  title: string;
  text: string;
  confirmLabel: string;
  /** The text's field in the request (its server errors show under it); by default the reason for the audit log. */
  field?: { name: string; label: string; maxLength: number };
  /** Runs the action with the text typed; the server refuses an empty one (a field error shown here). */
  action: (reason: string) => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
}

/** Confirms an action on a customer's tenant and asks why: the reason goes to the staff audit log (and, for some, to the owner). */
export function ReasonDialog({ title, text, confirmLabel, field, action, onDone, onCancel }: ReasonDialogProps) {
  const { t } = useTranslation();
  const { name, label, maxLength } = field ?? { name: 'reason', label: t('admin.tenant.reason'), maxLength: 1000 };
  const [reason, setReason] = useState('');
  const run = useMutation({ mutationFn: () => action(reason), onSuccess: onDone });
  const problem = run.error ? toProblem(run.error) : undefined;
  return (
    <ConfirmDialog title={title} confirmLabel={confirmLabel} pending={run.isPending} onConfirm={() => run.mutate()} onCancel={onCancel}>
      <p>{text}</p>
      <FormField name={name} label={label} errors={problem?.fieldErrors[name]}>
        <textarea value={reason} maxLength={maxLength} onChange={(e) => setReason(e.target.value)} />
      </FormField>
      <FormProblem problem={problem} fields={[name]} />
    </ConfirmDialog>
  );
}
