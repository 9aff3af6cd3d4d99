import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { accountClient } from '../../api/client';
import { toProblem } from '../../api/problem';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';
import { SubmitButton } from '../../components/SubmitButton';
import { useCountdown } from '../../components/useCountdown';
import { reloadAccount, useSignedInAccount } from './account';
import { returnPath } from './RequireAccount';
import { ChangePhoneForm } from './ChangePhoneForm';

export function VerifyPhonePage() {
  const { t } = useTranslation();
  const account = useSignedInAccount();
  const location = useLocation();
  const [changingNumber, setChangingNumber] = useState(false);

  if (account.phoneNumberConfirmed) return <Navigate to={returnPath(location.state, account)} replace />;

  // Invited agents have no number yet; anyone may also correct a mistyped one.
  const askForNumber = !account.phoneNumber || changingNumber;
  return (
    <section>
      <h1>{t('verifyPhone.title')}</h1>
      {askForNumber ? (
        <>
          <p>{t('verifyPhone.enterNumber')}</p>
          <ChangePhoneForm onSent={() => setChangingNumber(false)} />
        </>
      ) : (
        <>
          <p>{t('verifyPhone.codeSent', { phoneNumber: account.phoneNumber })}</p>
          <VerifyCodeForm />
          <button type="button" className="link-button" onClick={() => setChangingNumber(true)}>
            {t('verifyPhone.changeNumber')}
          </button>
        </>
      )}
    </section>
  );
}

function VerifyCodeForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const countdown = useCountdown();
  const verification = useMutation({
    mutationFn: async (value: string) => {
      await accountClient.verifyPhone({ code: value });
      // The page leaves once the reloaded account says the phone is verified.
      await reloadAccount(queryClient);
    },
  });
  const resend = useMutation({
    mutationFn: () => accountClient.sendPhoneCode(),
    onError: (error) => {
      const { retryAfterSeconds } = toProblem(error);
      if (retryAfterSeconds) countdown.start(retryAfterSeconds);
    },
  });

  const problem = verification.isError ? toProblem(verification.error) : undefined;
  const resendProblem = resend.isError ? toProblem(resend.error) : undefined;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    verification.mutate(code.trim());
  };

  return (
    <>
      <FormProblem problem={problem} fields={['code']} />
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={verification.isPending}>
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
        <SubmitButton pending={verification.isPending} label={t('verifyPhone.submit')} pendingLabel={t('forms.checking')} />
      </form>

      <div className="resend">
        <button
          type="button"
          className="button button--secondary"
          disabled={resend.isPending || countdown.secondsLeft > 0}
          onClick={() => resend.mutate()}
        >
          {t('code.resend')}
        </button>
        <p role="status" aria-live="polite" className="muted">
          {countdown.secondsLeft > 0
            ? t('code.resendIn', { seconds: countdown.secondsLeft })
            : resend.isSuccess
              ? t('code.resent', { phoneNumber: resend.data.maskedPhoneNumber })
              : resendProblem && !resendProblem.retryAfterSeconds
                ? (resendProblem.detail ?? t('errors.server', { status: resendProblem.status }))
                : null}
        </p>
      </div>
    </>
  );
}
