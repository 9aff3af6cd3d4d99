import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/problem';

interface ProblemMessageProps {
  problem: Problem;
  onRetry?: () => void;
}

/** The general (not per-field) part of an API failure, with the trace id support needs. */
export function ProblemMessage({ problem, onRetry }: ProblemMessageProps) {
  const { t } = useTranslation();
  const unreachable = problem.status === 0;
  // Someone else saved first: our own words say what to do, the server's detail would repeat them.
  const changedElsewhere = problem.status === 412;

  return (
    <div className="alert alert--error" role="alert">
      <p>
        {unreachable
          ? t('errors.network')
          : changedElsewhere
            ? t('errors.changedElsewhere')
            : problem.status === 429
              ? t('errors.tooManyRequests')
              : t('errors.server', { status: problem.status })}
      </p>
      {!unreachable && !changedElsewhere && problem.detail && <p>{problem.detail}</p>}
      {problem.traceId && (
        <p className="muted">{t('errors.reference', { traceId: problem.traceId })}</p>
      )}
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
