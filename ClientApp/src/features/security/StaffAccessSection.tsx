import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { staffAccessClient } from '../../api/client';
import { toProblem } from '../../api/problem';
import { DateTime } from '../../components/DateTime';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';
import { ProblemMessage } from '../../components/ProblemMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { userDataKey } from '../auth/account';

export const staffAccessQueryKey = [...userDataKey, 'staff-access'] as const;

/** The lengths the owner picks from, in hours (the server takes 1 to 168). */
export const grantDurations = [1, 24, 168] as const;

/** The owner lets platform staff read conversations and knowledge for a while, sees the running grant and ends it. */
export function StaffAccessSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const access = useQuery({ queryKey: staffAccessQueryKey, queryFn: ({ signal }) => staffAccessClient.getStaffAccessGrant(signal) });
  const revoke = useMutation({
    mutationFn: () => staffAccessClient.revokeStaffAccess(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: staffAccessQueryKey }),
  });

  return (
    <>
      <h2>{t('security.staffAccess.title')}</h2>
      <p className="muted">{t('security.staffAccess.intro')}</p>
      {access.isPending && <p role="status">{t('common.loading')}</p>}
      {access.isError && <ProblemMessage problem={toProblem(access.error)} onRetry={() => void access.refetch()} />}
      {access.isSuccess &&
        (access.data.grant ? (
          <div data-testid="staff-access-grant">
            <p role="status">
              <strong>{t('security.staffAccess.active')}</strong> {t('security.staffAccess.until')}{' '}
              <DateTime value={access.data.grant.expiresAt} />
            </p>
            <p>
              {t('security.staffAccess.reason')}: {access.data.grant.reason}
            </p>
            {revoke.isError && <ProblemMessage problem={toProblem(revoke.error)} />}
            <button type="button" className="button button--danger" disabled={revoke.isPending} onClick={() => revoke.mutate()}>
              {revoke.isPending && <span className="spinner" aria-hidden="true" />}
              {t('security.staffAccess.revoke')}
            </button>
          </div>
        ) : (
          <GrantForm />
        ))}
    </>
  );
}

function GrantForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [hours, setHours] = useState<number>(24);
  const [reason, setReason] = useState('');
  const grant = useMutation({
    mutationFn: () => staffAccessClient.grantStaffAccess({ hours, reason }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffAccessQueryKey }),
  });
  const problem = grant.error ? toProblem(grant.error) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    grant.mutate();
  };

  return (
    <form className="form" onSubmit={submit} aria-label={t('security.staffAccess.grant')}>
      <p role="status">{t('security.staffAccess.none')}</p>
      <FormField name="hours" label={t('security.staffAccess.duration')} errors={problem?.fieldErrors.hours}>
        <select value={hours} onChange={(e) => setHours(Number(e.target.value))}>
          {grantDurations.map((h) => (
            <option key={h} value={h}>
              {t(`security.staffAccess.hours${h}`)}
            </option>
          ))}
        </select>
      </FormField>
      <FormField name="grantReason" label={t('security.staffAccess.reason')} errors={problem?.fieldErrors.reason}>
        <textarea value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      </FormField>
      <FormProblem problem={problem} fields={['hours', 'reason']} />
      <SubmitButton pending={grant.isPending} label={t('security.staffAccess.grant')} pendingLabel={t('forms.saving')} />
    </form>
  );
}
