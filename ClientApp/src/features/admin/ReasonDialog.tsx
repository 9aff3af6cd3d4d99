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
  /** Runs the action with the reason typed; the server refuses an empty one (a field error shown here). */
  action: (reason: string) => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
}

/** Confirms an action on a customer's tenant and asks why: the reason goes to the staff audit log (and, for some, to the owner). */
export function ReasonDialog({ title, text, confirmLabel, action, onDone, onCancel }: ReasonDialogProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const run = useMutation({ mutationFn: () => action(reason), onSuccess: onDone });
  const problem = run.error ? toProblem(run.error) : undefined;
  return (
    <ConfirmDialog title={title} confirmLabel={confirmLabel} pending={run.isPending} onConfirm={() => run.mutate()} onCancel={onCancel}>
      <p>{text}</p>
      <FormField name="reason" label={t('admin.tenant.reason')} errors={problem?.fieldErrors.reason}>
        <textarea value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
      </FormField>
      <FormProblem problem={problem} fields={['reason']} />
    </ConfirmDialog>
  );
}
