import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { accountClient } from '../../api/client';
import { toProblem } from '../../api/problem';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';
import { SubmitButton } from '../../components/SubmitButton';
import { reloadAccount } from './account';

/**
 * Sets a new mobile number and sends a code to it. The number is unverified until the code is entered, so the
 * reloaded account sends the user to the verification page (the guard does that on the account pages).
 */
export function ChangePhoneForm({ onSent }: { onSent?: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [phoneNumber, setPhoneNumber] = useState('');
  const change = useMutation({
    mutationFn: async (value: string) => {
      await accountClient.changePhone({ phoneNumber: value });
      await reloadAccount(queryClient);
    },
    onSuccess: () => onSent?.(),
  });
  const problem = change.isError ? toProblem(change.error) : undefined;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    change.mutate(phoneNumber.trim());
  };

  return (
    <>
      <FormProblem problem={problem} fields={['phoneNumber']} />
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={change.isPending}>
        <FormField name="phoneNumber" label={t('phone.newNumber')} errors={problem?.fieldErrors.phoneNumber}>
          <input
            type="tel"
            autoComplete="tel"
            placeholder="+998 90 123 45 67"
            maxLength={32}
            value={phoneNumber}
            onChange={(event) => setPhoneNumber(event.target.value)}
          />
        </FormField>
        <SubmitButton pending={change.isPending} label={t('phone.sendCode')} pendingLabel={t('forms.sending')} />
      </form>
    </>
  );
}
