import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CurrentAccountDto } from '../../api/generated/virtuops-api';
import { DateTime } from '../../components/DateTime';
import { isOwner } from '../auth/account';

const hour = 60 * 60 * 1000;
const day = 24 * hour;

/** Now, moved on once a minute: the countdown needs no finer steps. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60 * 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** On every page during the trial: how long it still runs; the owner gets the way to a plan before it ends. */
export function TrialBanner({ account }: { account: CurrentAccountDto }) {
  const { t } = useTranslation();
  const now = useMinuteClock();
  if (!account.trialEndsAt) return null;

  const left = Math.max(0, new Date(account.trialEndsAt).getTime() - now);
  // Whole days while more than one is left, then hours, so the last day still counts down.
  const countdown = left > day ? t('trial.daysLeft', { value: Math.floor(left / day) }) : t('trial.hoursLeft', { value: Math.ceil(left / hour) });
  return (
    <div className={left > 3 * day ? 'alert' : 'alert alert--warning'} role="region" aria-label={t('trial.title')} data-testid="trial-banner">
      <p>
        <strong>{t('trial.title')}</strong> {countdown} {t('trial.endsOn')} <DateTime value={account.trialEndsAt} />.
      </p>
      {isOwner(account) ? (
        <p>
          {t('trial.addCard')} <Link to="/billing">{t('trial.choosePlan')}</Link>
        </p>
      ) : (
        <p className="muted">{t('trial.askOwner')}</p>
      )}
    </div>
  );
}
