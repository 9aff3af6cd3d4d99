import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { authClient } from '../../api/client';
import type { SignInCommand } from '../../api/generated/virtuops-api';
import { toProblem, type Problem } from '../../api/problem';
import { CheckboxField } from '../../components/CheckboxField';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';
import { SubmitButton } from '../../components/SubmitButton';
import { useFormFields } from '../../components/useFormFields';
import { CancelErasureButton } from '../privacy/CancelErasure';
import { startSession, useAccount } from './account';
import { returnPath } from './RequireAccount';

export function SignInPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const account = useAccount();
  const location = useLocation();
  const { values, bind } = useFormFields({ email: '', password: '' });
  const [rememberMe, setRememberMe] = useState(false);
  // Set when the password was right and an SMS code is needed to finish.
  const [maskedPhoneNumber, setMaskedPhoneNumber] = useState<string | undefined>(undefined);
  const signIn = useMutation({
    mutationFn: async (command: SignInCommand) => {
      const result = await authClient.signIn(command);
      if (result.requiresCode) setMaskedPhoneNumber(result.maskedPhoneNumber ?? '');
      // Signed in: loading the account re-renders this page into a redirect.
      else await startSession(queryClient);
    },
  });

  if (account.data) return <Navigate to={returnPath(location.state, account.data)} replace />;

  if (maskedPhoneNumber !== undefined) {
    return (
      <section>
        <h1>{t('signIn.codeTitle')}</h1>
        <CodeStep
          maskedPhoneNumber={maskedPhoneNumber}
          onRestart={() => {
            signIn.reset();
            setMaskedPhoneNumber(undefined);
          }}
        />
      </section>
    );
  }

  const problem = signIn.isError ? toProblem(signIn.error) : undefined;
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    signIn.mutate({ email: values.email.trim(), password: values.password, rememberMe });
  };

  return (
    <section>
      <h1>{t('signIn.title')}</h1>
      <SignInProblem problem={problem} fields={['email', 'password']} />
      {/* 409: the account waits for its erasure; until the grace period ends its owner may still change their mind. */}
      {problem?.status === 409 && signIn.variables && (
        <CancelErasureButton command={{ email: signIn.variables.email, password: signIn.variables.password }} />
      )}
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={signIn.isPending}>
        <FormField name="email" label={t('signIn.email')} errors={problem?.fieldErrors.email}>
          <input type="email" autoComplete="username" {...bind('email')} />
        </FormField>
        <FormField name="password" label={t('signIn.password')} errors={problem?.fieldErrors.password}>
          <input type="password" autoComplete="current-password" {...bind('password')} />
        </FormField>
        <CheckboxField name="rememberMe" checked={rememberMe} onChange={setRememberMe}>
          {t('signIn.rememberMe')}
        </CheckboxField>
        <SubmitButton pending={signIn.isPending} label={t('signIn.submit')} pendingLabel={t('forms.checking')} />
      </form>
      <p>
        <Link to="/forgot-password">{t('signIn.forgotPassword')}</Link>
      </p>
      <p>
        {t('signIn.noAccount')} <Link to="/sign-up">{t('signUp.title')}</Link>
      </p>
    </section>
  );
}

function CodeStep({ maskedPhoneNumber, onRestart }: { maskedPhoneNumber: string; onRestart: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const confirm = useMutation({
    mutationFn: async (value: string) => {
      await authClient.signInWithCode({ code: value });
      await startSession(queryClient);
    },
  });
  const problem = confirm.isError ? toProblem(confirm.error) : undefined;
  // 401: the pending sign-in expired (or was never started in this browser); only a new one can help.
  const expired = problem?.status === 401;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    confirm.mutate(code.trim());
  };

  return (
    <>
      <p>{t('signIn.codeSent', { phoneNumber: maskedPhoneNumber })}</p>
      {expired ? (
        <div className="alert alert--error" role="alert">
          <p>{t('signIn.codeExpired')}</p>
        </div>
      ) : (
        <SignInProblem problem={problem} fields={['code']} />
      )}
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={confirm.isPending}>
        <FormField name="code" label={t('code.label')} errors={problem?.fieldErrors.code}>
          <input
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
        </FormField>
        <SubmitButton
          pending={confirm.isPending}
          disabled={expired}
          label={t('signIn.confirmCode')}
          pendingLabel={t('forms.checking')}
        />
      </form>
      <button type="button" className="link-button" onClick={onRestart}>
        {t('signIn.restart')}
      </button>
    </>
  );
}

/** Sign-in failures in words: a wrong password is not an "error 401" to the person typing it. */
function SignInProblem({ problem, fields }: { problem: Problem | undefined; fields: readonly string[] }) {
  const { t } = useTranslation();
  if (problem?.status === 401 || problem?.status === 429) {
    return (
      <div className="alert alert--error" role="alert">
        <p>{problem.status === 401 ? t('signIn.wrongCredentials') : t('signIn.tooMany')}</p>
        {problem.status === 429 && problem.detail && <p>{problem.detail}</p>}
      </div>
    );
  }
  return <FormProblem problem={problem} fields={fields} />;
}
