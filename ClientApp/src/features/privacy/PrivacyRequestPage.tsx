import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { privacyClient } from '../../api/client';
import type { PrivacyRequestKind, SendPublicPrivacyRequestCommand } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';
import { SubmitButton } from '../../components/SubmitButton';
import { RequestFields } from './RequestFields';

/**
 * A privacy request from anyone, signed in or not (someone without an account, or who can no longer sign in). The
 * request counts only once the link e-mailed to the address is opened, so nobody can ask in another person's name.
 */
export function PrivacyRequestPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [kind, setKind] = useState<PrivacyRequestKind>('Access');
  const [text, setText] = useState('');
  const send = useMutation({
    mutationFn: (command: SendPublicPrivacyRequestCommand) => privacyClient.sendPublicPrivacyRequest(command),
  });

  if (send.isSuccess) {
    return (
      <section>
        <h1>{t('privacyRequests.checkEmailTitle')}</h1>
        <p role="status">{t('privacyRequests.checkEmail', { email: send.variables.email })}</p>
      </section>
    );
  }

  const problem = send.isError ? toProblem(send.error) : undefined;
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    send.mutate({ email: email.trim(), kind, text: text.trim() });
  };

  return (
    <section>
      <h1>{t('privacyRequests.publicTitle')}</h1>
      <p>{t('privacyRequests.publicIntro')}</p>
      <FormProblem problem={problem} fields={['email', 'kind', 'text']} />
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={send.isPending}>
        <FormField name="email" label={t('privacyRequests.email')} errors={problem?.fieldErrors.email}>
          <input type="email" autoComplete="email" maxLength={254} value={email} onChange={(event) => setEmail(event.target.value)} />
        </FormField>
        <RequestFields kind={kind} text={text} onKind={setKind} onText={setText} fieldErrors={problem?.fieldErrors ?? {}} />
        <SubmitButton pending={send.isPending} label={t('privacyRequests.send')} pendingLabel={t('privacyRequests.sending')} />
      </form>
    </section>
  );
}
