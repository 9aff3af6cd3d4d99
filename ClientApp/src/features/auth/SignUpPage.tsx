import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { authClient } from '../../api/client';
import type { RegisterCommand } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { CheckboxField } from '../../components/CheckboxField';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';
import { ProblemMessage } from '../../components/ProblemMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { useFormFields } from '../../components/useFormFields';
import { referralCodeFor } from '../partners/referral';
import { useAccount } from './account';

const fields = [
  'fullName',
  'email',
  'password',
  'phoneNumber',
  'companyName',
  'acceptedPrivacyPolicyVersion',
  'acceptedPublicOfferVersion',
] as const;

export const legalDocumentsQuery = queryOptions({
  queryKey: ['legal-documents'] as const,
  queryFn: ({ signal }) => authClient.getLegalDocuments(signal),
  staleTime: Infinity,
});

export function SignUpPage() {
  const { t } = useTranslation();
  const account = useAccount();
  const legal = useQuery(legalDocumentsQuery);
  const { values, bind } = useFormFields({ fullName: '', email: '', password: '', phoneNumber: '', companyName: '' });
  // Both start unticked: acceptance must be the user's own act (ZRU-547), never a default.
  const [acceptsPolicy, setAcceptsPolicy] = useState(false);
  const [acceptsOffer, setAcceptsOffer] = useState(false);
  const [searchParams] = useSearchParams();
  // Remembered on the first arrival (first touch wins), so the partner's code still counts when the visitor comes back later.
  const [referralCode] = useState(() => referralCodeFor(searchParams.get('ref')));
  // The answer is the same whether or not the address already has an account: what happens next is in the e-mail.
  const registration = useMutation({ mutationFn: (command: RegisterCommand) => authClient.register(command) });

  if (account.data) return <Navigate to="/verify-phone" replace />;

  if (registration.isSuccess) {
    return (
      <section>
        <h1>{t('signUp.checkEmailTitle')}</h1>
        <p role="status">{t('signUp.checkEmail', { email: registration.variables.email })}</p>
      </section>
    );
  }

  const problem = registration.isError ? toProblem(registration.error) : undefined;
  const fieldErrors = problem?.fieldErrors ?? {};

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!legal.data) return;
    registration.mutate({
      fullName: values.fullName.trim(),
      email: values.email.trim(),
      password: values.password,
      phoneNumber: values.phoneNumber.trim(),
      companyName: values.companyName.trim(),
      // An unticked box sends no version; the server then says which document still needs accepting.
      acceptedPrivacyPolicyVersion: acceptsPolicy ? legal.data.privacyPolicyVersion : undefined,
      acceptedPublicOfferVersion: acceptsOffer ? legal.data.publicOfferVersion : undefined,
      referralCode,
    });
  };

  return (
    <section>
      <h1>{t('signUp.title')}</h1>
      <p>{t('signUp.intro')}</p>
      {legal.isError && <ProblemMessage problem={toProblem(legal.error)} onRetry={() => void legal.refetch()} />}
      <FormProblem problem={problem} fields={fields} />

      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={registration.isPending}>
        <FormField name="fullName" label={t('signUp.fullName')} errors={fieldErrors.fullName}>
          <input type="text" autoComplete="name" maxLength={200} {...bind('fullName')} />
        </FormField>
        <FormField name="companyName" label={t('signUp.companyName')} errors={fieldErrors.companyName}>
          <input type="text" autoComplete="organization" maxLength={200} {...bind('companyName')} />
        </FormField>
        <FormField name="email" label={t('signUp.email')} errors={fieldErrors.email}>
          <input type="email" autoComplete="email" maxLength={254} {...bind('email')} />
        </FormField>
        <FormField name="phoneNumber" label={t('signUp.phoneNumber')} errors={fieldErrors.phoneNumber}>
          <input type="tel" autoComplete="tel" placeholder="+998 90 123 45 67" maxLength={32} {...bind('phoneNumber')} />
        </FormField>
        <FormField name="password" label={t('signUp.password')} errors={fieldErrors.password}>
          <input type="password" autoComplete="new-password" maxLength={128} {...bind('password')} />
        </FormField>
        <p className="muted hint">{t('password.rules')}</p>

        <CheckboxField
          name="acceptedPrivacyPolicyVersion"
          checked={acceptsPolicy}
          onChange={setAcceptsPolicy}
          errors={fieldErrors.acceptedPrivacyPolicyVersion}
        >
          <Trans
            i18nKey="signUp.acceptPolicy"
            values={{ version: legal.data?.privacyPolicyVersion ?? '…' }}
            components={{ document: <DocumentLink href={legal.data?.privacyPolicyUrl} /> }}
          />
        </CheckboxField>
        <CheckboxField
          name="acceptedPublicOfferVersion"
          checked={acceptsOffer}
          onChange={setAcceptsOffer}
          errors={fieldErrors.acceptedPublicOfferVersion}
        >
          <Trans
            i18nKey="signUp.acceptOffer"
            values={{ version: legal.data?.publicOfferVersion ?? '…' }}
            components={{ document: <DocumentLink href={legal.data?.publicOfferUrl} /> }}
          />
        </CheckboxField>

        <SubmitButton
          pending={registration.isPending}
          disabled={!legal.data}
          label={t('signUp.submit')}
          pendingLabel={t('forms.sending')}
        />
      </form>
      <p>
        {t('signUp.haveAccount')} <Link to="/sign-in">{t('signIn.title')}</Link>
      </p>
    </section>
  );
}

/** Opens a legal text in a new tab so the half-filled form stays as it is. */
function DocumentLink({ href, children }: { href?: string | undefined; children?: ReactNode }) {
  if (!href) return <>{children}</>;
  return (
    <a href={href} target="_blank" rel="noopener">
      {children}
    </a>
  );
}
