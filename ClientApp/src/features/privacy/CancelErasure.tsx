import { useMutation } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { privacyClient } from '../../api/client';
import type { CancelErasureCommand } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';
import { SubmitButton } from '../../components/SubmitButton';
import { useFormFields } from '../../components/useFormFields';

/** Cancels a pending erasure during its grace period: the account cannot sign in then, so the e-mail and password say who asks. */
export function CancelErasure() {
  const { t } = useTranslation();
  const { values, bind } = useFormFields({ email: '', password: '' });
  const cancel = useMutation({ mutationFn: (command: CancelErasureCommand) => privacyClient.cancelErasure(command) });
  const problem = cancel.isError ? toProblem(cancel.error) : undefined;

  if (cancel.isSuccess) {
    return (
      <p role="status">
        {t('erasure.cancelled')} <Link to="/sign-in">{t('nav.signIn')}</Link>
      </p>
    );
  }

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    cancel.mutate({ email: values.email.trim(), password: values.password });
  };

  return (
    <>
      <FormProblem problem={problem} fields={['email', 'password']} />
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={cancel.isPending}>
        <FormField name="email" label={t('signIn.email')} errors={problem?.fieldErrors.email}>
          <input type="email" autoComplete="username" {...bind('email')} />
        </FormField>
        <FormField name="password" label={t('signIn.password')} errors={problem?.fieldErrors.password}>
          <input type="password" autoComplete="current-password" {...bind('password')} />
        </FormField>
        <SubmitButton pending={cancel.isPending} label={t('erasure.cancel')} pendingLabel={t('forms.checking')} />
      </form>
    </>
  );
}

/** On the sign-in page, refused because an erasure is pending: the credentials just typed cancel it. */
export function CancelErasureButton({ command }: { command: CancelErasureCommand }) {
  const { t } = useTranslation();
  const cancel = useMutation({ mutationFn: () => privacyClient.cancelErasure(command) });

  if (cancel.isSuccess) return <p role="status">{t('erasure.cancelledSignIn')}</p>;
  return (
    <>
      <FormProblem problem={cancel.isError ? toProblem(cancel.error) : undefined} fields={[]} />
      <button type="button" className="button button--secondary" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
        {cancel.isPending && <span className="spinner" aria-hidden="true" />}
        {t('erasure.cancel')}
      </button>
    </>
  );
}
