import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { authClient } from '../../api/client';
import { toProblem } from '../../api/problem';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';
import { SubmitButton } from '../../components/SubmitButton';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const request = useMutation({ mutationFn: (value: string) => authClient.forgotPassword({ email: value }) });

  if (request.isSuccess) {
    return (
      <section>
        <h1>{t('forgotPassword.title')}</h1>
        {/* The server answers alike whether or not the address has an account, and so does this page. */}
        <p role="status">{t('forgotPassword.sent', { email: request.variables })}</p>
        <Link to="/sign-in">{t('signIn.title')}</Link>
      </section>
    );
  }

  const problem = request.isError ? toProblem(request.error) : undefined;
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    request.mutate(email.trim());
  };

  return (
    <section>
      <h1>{t('forgotPassword.title')}</h1>
      <p>{t('forgotPassword.intro')}</p>
      <FormProblem problem={problem} fields={['email']} />
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={request.isPending}>
        <FormField name="email" label={t('signIn.email')} errors={problem?.fieldErrors.email}>
          <input type="email" autoComplete="email" value={email} onChange={(event) => setEmail(event.target.value)} />
        </FormField>
        <SubmitButton pending={request.isPending} label={t('forgotPassword.submit')} pendingLabel={t('forms.sending')} />
      </form>
      <p>
        <Link to="/sign-in">{t('signIn.title')}</Link>
      </p>
    </section>
  );
}
