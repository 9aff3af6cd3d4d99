import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { UsageDto, UsageMeterDto } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { DateTime } from '../../components/DateTime';
import { ProblemMessage } from '../../components/ProblemMessage';
import { usageQuery } from './billingQueries';
import { groupDigits } from './money';

/** From this share of a limit on, the meter warns (the owner is e-mailed about answers at the same point). */
export const warnFrom = 0.8;

type MeterName = 'bots' | 'channels' | 'messages';

/** The tenant's bots, channels and this month's answers against its plan's limits, with a warning near each limit. */
export function UsageMeter() {
  const { t } = useTranslation();
  const usage = useQuery(usageQuery);
  if (usage.isPending) return <p role="status">{t('common.loading')}</p>;
  if (usage.isError) return <ProblemMessage problem={toProblem(usage.error)} onRetry={() => void usage.refetch()} />;
  return <UsageDetails usage={usage.data} />;
}

function UsageDetails({ usage }: { usage: UsageDto }) {
  const { t } = useTranslation();
  const meters: [MeterName, UsageMeterDto][] = [
    ['bots', usage.bots],
    ['channels', usage.channels],
    ['messages', usage.messages],
  ];
  const warnings = meters.filter(([, meter]) => meter.used >= meter.limit * warnFrom);

  return (
    <>
      <dl className="details" data-testid="usage">
        {meters.map(([name, meter]) => (
          <UsageRow key={name} name={name} meter={meter} />
        ))}
      </dl>
      <p className="muted">
        {t('billing.usage.resets')} <DateTime value={usage.periodEnd} />
      </p>
      {warnings.length > 0 && (
        <div className="alert alert--warning" role="alert" data-testid="usage-warning">
          <ul className="plain-list">
            {warnings.map(([name, meter]) => (
              <li key={name}>
                {meter.used >= meter.limit
                  ? t(`billing.usage.reached.${name}`)
                  : t('billing.usage.near', { name: t(`billing.usage.${name}`), percent: Math.floor((meter.used * 100) / meter.limit) })}
              </li>
            ))}
          </ul>
          {t('billing.usage.upgrade')}
        </div>
      )}
    </>
  );
}

function UsageRow({ name, meter }: { name: MeterName; meter: UsageMeterDto }) {
  const { t } = useTranslation();
  const label = t(`billing.usage.${name}`);
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <div className="meter">
          <meter min={0} max={Math.max(meter.limit, 1)} high={meter.limit * warnFrom} optimum={0} value={meter.used} aria-label={label} />
          <span data-testid={`usage-${name}`}>
            {t('billing.usage.of', { used: groupDigits(meter.used), limit: groupDigits(meter.limit) })}
          </span>
        </div>
      </dd>
    </>
  );
}
