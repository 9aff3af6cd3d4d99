import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { accountClient } from '../../api/client';
import { toProblem } from '../../api/problem';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';
import { SubmitButton } from '../../components/SubmitButton';
import { reloadAccount, useSignedInAccount, userDataKey } from '../auth/account';
import { ChangePhoneForm } from '../auth/ChangePhoneForm';
import { AllowedWhileRestricted } from '../restriction/readOnly';

export function ProfilePage() {
  const { t } = useTranslation();
  const account = useSignedInAccount();

  return (
    <section>
      <h1>{t('profile.title')}</h1>
      <dl className="facts">
        <dt>{t('profile.fullName')}</dt>
        <dd data-testid="profile-full-name">{account.fullName}</dd>
        <dt>{t('profile.email')}</dt>
        <dd data-testid="profile-email">{account.email}</dd>
        <dt>{t('profile.phoneNumber')}</dt>
        <dd data-testid="profile-phone">{account.phoneNumber}</dd>
        <dt>{t('profile.company')}</dt>
        <dd>{account.tenantName}</dd>
      </dl>

      <h2>{t('profile.nameTitle')}</h2>
      <NameForm current={account.fullName} />

      <h2>{t('profile.phoneTitle')}</h2>
      <p className="muted">{t('profile.phoneIntro')}</p>
      <ChangePhoneForm />

      <h2>{t('profile.emailTitle')}</h2>
      <p className="muted">{t('profile.emailIntro')}</p>
      <EmailForm />

      <h2>{t('profile.passwordTitle')}</h2>
      <p className="muted">{t('profile.passwordIntro')}</p>
      {/* Keeping the account safe stays possible while the tenant's processing is restricted. */}
      <AllowedWhileRestricted>
        <PasswordForm />
      </AllowedWhileRestricted>
    </section>
  );
}

function NameForm({ current }: { current: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [fullName, setFullName] = useState(current);
  const update = useMutation({
    mutationFn: async (value: string) => {
      await accountClient.updateProfile({ fullName: value });
      await reloadAccount(queryClient);
    },
  });
  const problem = update.isError ? toProblem(update.error) : undefined;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update.mutate(fullName.trim());
  };

  return (
    <>
      <FormProblem problem={problem} fields={['fullName']} />
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={update.isPending}>
        <FormField name="fullName" label={t('profile.fullName')} errors={problem?.fieldErrors.fullName}>
          <input
            type="text"
            autoComplete="name"
            maxLength={200}
            value={fullName}
            onChange={(event) => {
              setFullName(event.target.value);
              update.reset();
            }}
          />
        </FormField>
        <SubmitButton pending={update.isPending} label={t('forms.save')} pendingLabel={t('forms.saving')} />
        {update.isSuccess && <p role="status">{t('forms.saved')}</p>}
      </form>
    </>
  );
}

function EmailForm() {
  const { t } = useTranslation();
  const [newEmail, setNewEmail] = useState('');
  const change = useMutation({ mutationFn: (value: string) => accountClient.changeEmail({ newEmail: value }) });
  const problem = change.isError ? toProblem(change.error) : undefined;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    change.mutate(newEmail.trim());
  };

  return (
    <>
      <FormProblem problem={problem} fields={['newEmail']} />
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={change.isPending}>
        <FormField name="newEmail" label={t('profile.newEmail')} errors={problem?.fieldErrors.newEmail}>
          <input
            type="email"
            autoComplete="email"
            maxLength={254}
            value={newEmail}
            onChange={(event) => setNewEmail(event.target.value)}
          />
        </FormField>
        <SubmitButton pending={change.isPending} label={t('profile.sendLink')} pendingLabel={t('forms.sending')} />
        {change.isSuccess && <p role="status">{t('profile.linkSent', { email: change.variables })}</p>}
      </form>
    </>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const change = useMutation({
    mutationFn: () => accountClient.changePassword({ currentPassword, newPassword }),
    onSuccess: () => {
      setCurrentPassword('');
      setNewPassword('');
      // Every other session ended, so the cached session list is out of date.
      void queryClient.invalidateQueries({ queryKey: userDataKey });
    },
  });
  const problem = change.isError ? toProblem(change.error) : undefined;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    change.mutate();
  };

  return (
    <>
      <FormProblem problem={problem} fields={['currentPassword', 'newPassword']} />
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={change.isPending}>
        <FormField name="currentPassword" label={t('profile.currentPassword')} errors={problem?.fieldErrors.currentPassword}>
          <input
            type="password"
            autoComplete="current-password"
            maxLength={128}
            value={currentPassword}
            onChange={(event) => setCurrentPassword(event.target.value)}
          />
        </FormField>
        <FormField name="newPassword" label={t('profile.newPassword')} errors={problem?.fieldErrors.newPassword}>
          <input
            type="password"
            autoComplete="new-password"
            maxLength={128}
            value={newPassword}
            onChange={(event) => setNewPassword(event.target.value)}
          />
        </FormField>
        <p className="muted hint">{t('password.rules')}</p>
        <SubmitButton pending={change.isPending} label={t('profile.changePassword')} pendingLabel={t('forms.saving')} />
        {change.isSuccess && <p role="status">{t('profile.passwordChanged')}</p>}
      </form>
    </>
  );
}
