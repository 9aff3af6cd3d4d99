import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { authClient } from '../../api/client';
import type { ResetPasswordCommand } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { CheckboxField } from '../../components/CheckboxField';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';
import { SubmitButton } from '../../components/SubmitButton';
import { reloadAccount } from './account';
import { legalDocumentsQuery } from './SignUpPage';

/** Opened from the e-mailed link: a password reset, or an invited agent's first password (`invited=1`). */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const userId = params.get('userId') ?? '';
  const token = params.get('token') ?? '';
  const invited = params.get('invited') === '1';
  const queryClient = useQueryClient();
  const [newPassword, setNewPassword] = useState('');
  // An invited agent joins by accepting the Privacy Policy; unticked at first, as acceptance must be their own act.
  const [acceptsPolicy, setAcceptsPolicy] = useState(false);
  const legal = useQuery({ ...legalDocumentsQuery, enabled: invited });
  const reset = useMutation({
    mutationFn: async (command: ResetPasswordCommand) => {
      await authClient.resetPassword(command);
      // A reset ends every session of the account, this browser's too if it was signed in as that user.
      await reloadAccount(queryClient);
    },
  });
  const title = invited ? t('resetPassword.invitedTitle') : t('resetPassword.title');

  if (!userId || !token) {
    return (
      <section>
        <h1>{title}</h1>
        <p role="alert">{t('links.incomplete')}</p>
        <Link to="/forgot-password">{t('forgotPassword.title')}</Link>
      </section>
    );
  }

  if (reset.isSuccess) {
    return (
      <section>
        <h1>{title}</h1>
        <p role="status">{t('resetPassword.done')}</p>
        <Link to="/sign-in">{t('signIn.title')}</Link>
      </section>
    );
  }

  const problem = reset.isError ? toProblem(reset.error) : undefined;
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    reset.mutate({ userId, token, newPassword, acceptPrivacyPolicy: invited && acceptsPolicy });
  };

  return (
    <section>
      <h1>{title}</h1>
      {invited && <p>{t('resetPassword.invitedIntro')}</p>}
      {/* A used or expired link comes back as an error on "token", which is not a field here. */}
      <FormProblem problem={problem} fields={['newPassword', 'acceptPrivacyPolicy']} />
      {problem?.fieldErrors.token && (
        <p>
          <Link to="/forgot-password">{t('resetPassword.askAgain')}</Link>
        </p>
      )}
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={reset.isPending}>
        <FormField name="newPassword" label={t('resetPassword.newPassword')} errors={problem?.fieldErrors.newPassword}>
          <input
            type="password"
            autoComplete="new-password"
            maxLength={128}
            value={newPassword}
            onChange={(event) => setNewPassword(event.target.value)}
          />
        </FormField>
        <p className="muted hint">{t('password.rules')}</p>
        {invited && (
          <CheckboxField
            name="acceptPrivacyPolicy"
            checked={acceptsPolicy}
            onChange={setAcceptsPolicy}
            errors={problem?.fieldErrors.acceptPrivacyPolicy}
          >
            <Trans
              i18nKey="signUp.acceptPolicy"
              values={{ version: legal.data?.privacyPolicyVersion ?? '…' }}
              components={{ document: <a href={legal.data?.privacyPolicyUrl} target="_blank" rel="noopener" /> }}
            />
          </CheckboxField>
        )}
        <SubmitButton pending={reset.isPending} label={t('resetPassword.submit')} pendingLabel={t('forms.sending')} />
      </form>
    </section>
  );
}
