import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { privacyClient, refreshAntiforgeryToken } from '../../api/client';
import { toProblem } from '../../api/problem';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';
import { loadPage } from '../../navigation';
import { isOwner, useSignedInAccount } from '../auth/account';
import { erasureScheduledPath } from './ErasureScheduledPage';

/**
 * The right to erasure, with the password typed again. The API signs the account out everywhere at once, so
 * success leaves the app for the signed-out notice of the grace period (a fresh page: nothing of the user stays in memory).
 */
export function ErasureSection() {
  const { t } = useTranslation();
  const account = useSignedInAccount();
  const [password, setPassword] = useState('');
  const [confirming, setConfirming] = useState(false);
  const erase = useMutation({
    mutationFn: async () => {
      const scheduled = await privacyClient.requestErasure({ password });
      // The token in the cookie belonged to the user who is now signed out.
      await refreshAntiforgeryToken();
      return scheduled;
    },
    onSuccess: (scheduled) => loadPage(erasureScheduledPath(scheduled)),
    onError: () => setConfirming(false),
  });
  const problem = erase.isError ? toProblem(erase.error) : undefined;
  const owner = isOwner(account);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    erase.reset();
    setConfirming(true);
  };

  return (
    <section aria-labelledby="privacy-erasure">
      <h2 id="privacy-erasure">{t('erasure.title')}</h2>
      <p>{owner ? t('erasure.introOwner') : t('erasure.introAgent')}</p>
      <p className="muted">{t('erasure.gracePeriod')}</p>
      <FormProblem problem={problem} fields={['password']} />
      {confirming && (
        <ConfirmDialog
          title={owner ? t('erasure.confirmTitleOwner') : t('erasure.confirmTitleAgent')}
          confirmLabel={t('erasure.submit')}
          pending={erase.isPending}
          onConfirm={() => erase.mutate()}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('erasure.confirmText')}</p>
        </ConfirmDialog>
      )}
      <form className="form" aria-labelledby="privacy-erasure" onSubmit={handleSubmit} noValidate>
        <FormField name="password" label={t('erasure.password')} errors={problem?.fieldErrors.password}>
          <input type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} />
        </FormField>
        <button type="submit" className="button button--danger" disabled={erase.isPending || password === ''}>
          {t('erasure.submit')}
        </button>
      </form>
    </section>
  );
}
