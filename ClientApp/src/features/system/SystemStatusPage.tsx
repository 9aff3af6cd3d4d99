import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { systemClient } from '../../api/client';
import { toProblem } from '../../api/problem';
import { ProblemMessage } from '../../components/ProblemMessage';

export const systemStatusQueryKey = ['system', 'status'] as const;

// Shared with the layout, which shows the Dev outbox link only where there is one (Development).
export const systemStatusQuery = queryOptions({
  queryKey: systemStatusQueryKey,
  queryFn: ({ signal }) => systemClient.getSystemStatus(signal),
});

export function SystemStatusPage() {
  const { t, i18n } = useTranslation();
  const status = useQuery(systemStatusQuery);

  return (
    <section>
      <h1>{t('status.title')}</h1>
      {status.isPending && (
        <p role="status" aria-live="polite">
          {t('common.loading')}
        </p>
      )}
      {status.isError && (
        <ProblemMessage problem={toProblem(status.error)} onRetry={() => void status.refetch()} />
      )}
      {status.isSuccess && (
        <dl className="facts">
          <dt>{t('status.applicationName')}</dt>
          <dd data-testid="status-application-name">{status.data.applicationName}</dd>
          <dt>{t('status.databaseHealthy')}</dt>
          <dd
            data-testid="status-database-healthy"
            className={status.data.databaseHealthy ? 'ok' : 'bad'}
          >
            {status.data.databaseHealthy ? t('common.yes') : t('common.no')}
          </dd>
          <dt>{t('status.serverTime')}</dt>
          <dd data-testid="status-server-time">
            <ServerTime value={status.data.serverTimeUtc} language={i18n.resolvedLanguage} />
          </dd>
          {/* Only platform staff get the deployment's details. */}
          {status.data.details && (
            <>
              <dt>{t('status.version')}</dt>
              <dd data-testid="status-version">{status.data.details.version}</dd>
              <dt>{t('status.environment')}</dt>
              <dd data-testid="status-environment">{status.data.details.environment}</dd>
              <dt>{t('status.databaseProvider')}</dt>
              <dd data-testid="status-database-provider">{status.data.details.databaseProvider}</dd>
              <dt>{t('status.tenantCount')}</dt>
              <dd data-testid="status-tenant-count">{status.data.details.tenantCount}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}

// The API sends an ISO 8601 UTC timestamp (NSwag dateTimeType: String).
function ServerTime({ value, language }: { value: string; language: string | undefined }) {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) return <>{value}</>;
  // Numeric parts: browsers without month names for a locale (some lack Uzbek) still read well.
  const formatted = new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone: 'UTC',
  }).format(time);
  return <time dateTime={time.toISOString()}>{formatted}</time>;
}
