import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { accountClient } from '../../api/client';
import type { SessionDto } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { DateTime } from '../../components/DateTime';
import { ProblemMessage } from '../../components/ProblemMessage';
import { isOwner, reloadAccount, useSignedInAccount, userDataKey } from '../auth/account';
import { PlatformAccessSection } from './PlatformAccessSection';
import { StaffAccessSection } from './StaffAccessSection';

const sessionsQueryKey = [...userDataKey, 'sessions'] as const;

export function SecurityPage() {
  const { t } = useTranslation();
  const account = useSignedInAccount();

  return (
    <section>
      <h1>{t('security.title')}</h1>
      <TwoFactor />
      {isOwner(account) && <StaffAccessSection />}
      {isOwner(account) && <PlatformAccessSection />}
      <h2>{t('security.sessionsTitle')}</h2>
      <p className="muted">{t('security.sessionsIntro')}</p>
      <Sessions />
    </section>
  );
}

function TwoFactor() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const account = useSignedInAccount();
  const toggle = useMutation({
    mutationFn: async (enabled: boolean) => {
      await accountClient.setTwoFactor({ enabled });
      await reloadAccount(queryClient);
    },
  });
  const enabled = account.twoFactorEnabled;

  return (
    <>
      <h2>{t('security.twoFactorTitle')}</h2>
      <p>{t('security.twoFactorIntro', { phoneNumber: account.phoneNumber })}</p>
      <p role="status" data-testid="two-factor-state">
        {enabled ? t('security.twoFactorOn') : t('security.twoFactorOff')}
      </p>
      {/* 422 explains itself: a phone to verify first, or staff who may not turn it off. */}
      {toggle.isError && <ProblemMessage problem={toProblem(toggle.error)} />}
      <button
        type="button"
        className={enabled ? 'button button--secondary' : 'button'}
        disabled={toggle.isPending}
        onClick={() => toggle.mutate(!enabled)}
      >
        {toggle.isPending && <span className="spinner" aria-hidden="true" />}
        {enabled ? t('security.turnOff') : t('security.turnOn')}
      </button>
    </>
  );
}

function Sessions() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const sessions = useQuery({
    queryKey: sessionsQueryKey,
    queryFn: ({ signal }) => accountClient.getMySessions(signal),
  });
  const end = useMutation({
    mutationFn: (id: string) => accountClient.endSession(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsQueryKey }),
  });

  if (sessions.isPending) return <p role="status">{t('common.loading')}</p>;
  if (sessions.isError) {
    return <ProblemMessage problem={toProblem(sessions.error)} onRetry={() => void sessions.refetch()} />;
  }

  return (
    <>
      {end.isError && <ProblemMessage problem={toProblem(end.error)} />}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('security.signedInAt')}</th>
            <th scope="col">{t('security.lastSeen')}</th>
            <th scope="col">{t('security.device')}</th>
            <th scope="col">{t('security.state')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.data.map((session) => (
            <tr key={session.id} data-testid="session">
              <td>
                <DateTime value={session.createdAt} />
              </td>
              <td>
                <DateTime value={session.lastSeenAt} />
              </td>
              <td>
                {session.userAgent ?? '—'}
                <div className="muted">{session.ipAddress}</div>
              </td>
              <td>
                <SessionState session={session} />
              </td>
              <td>
                {!session.endedAt && !session.isCurrent && (
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={end.isPending}
                    onClick={() => end.mutate(session.id)}
                  >
                    {t('security.endSession')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function SessionState({ session }: { session: SessionDto }) {
  const { t } = useTranslation();
  if (session.endedAt) {
    return (
      <>
        {t('security.ended')} <DateTime value={session.endedAt} />
      </>
    );
  }
  return <strong>{session.isCurrent ? t('security.current') : t('security.active')}</strong>;
}
