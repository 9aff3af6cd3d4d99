import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { dataExportDownloadUrl, privacyClient } from '../../api/client';
import type { DataExportDto, UserLanguage } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { DateTime } from '../../components/DateTime';
import { ProblemMessage } from '../../components/ProblemMessage';
import { isOwner, useSignedInAccount, userDataKey } from '../auth/account';
import { privacyRequestsQueryKey } from './privacyRequests';

const exportsQueryKey = [...userDataKey, 'data-exports'] as const;
// An export is built in the background in seconds to minutes; the e-mailed link is there for longer waits.
const pollIntervalMs = 2000;

const exportLanguage: Record<string, UserLanguage> = { uz: 'Uz', ru: 'Ru', en: 'En' };

/** The right of access: a zip of the user's data (an owner's: the whole company's), built in the background. */
export function ExportSection() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const account = useSignedInAccount();
  const exports = useQuery({
    queryKey: exportsQueryKey,
    queryFn: ({ signal }) => privacyClient.getMyDataExports(signal),
    refetchInterval: (query) => (query.state.data?.some((item) => item.status === 'Pending') ? pollIntervalMs : false),
  });
  const start = useMutation({
    // The README and the e-mail come in the language the user reads the app in.
    mutationFn: () => privacyClient.requestDataExport(exportLanguage[i18n.resolvedLanguage ?? 'uz'] ?? 'Uz'),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: exportsQueryKey });
      // The export is also recorded as a request of access.
      void queryClient.invalidateQueries({ queryKey: privacyRequestsQueryKey });
    },
  });
  // The newest first; an older one stays downloadable until it expires, but the newest is what the user wants.
  const latest = exports.data?.[0];
  const building = latest?.status === 'Pending';

  return (
    <section aria-labelledby="privacy-export">
      <h2 id="privacy-export">{t('dataExport.title')}</h2>
      <p className="muted">{isOwner(account) ? t('dataExport.introOwner') : t('dataExport.introAgent')}</p>
      {exports.isError && <ProblemMessage problem={toProblem(exports.error)} onRetry={() => void exports.refetch()} />}
      {start.isError && <ProblemMessage problem={toProblem(start.error)} />}
      {latest && <ExportState export={latest} />}
      <button type="button" className="button" disabled={start.isPending || building || exports.isPending} onClick={() => start.mutate()}>
        {start.isPending && <span className="spinner" aria-hidden="true" />}
        {t('dataExport.start')}
      </button>
    </section>
  );
}

function ExportState({ export: item }: { export: DataExportDto }) {
  const { t } = useTranslation();
  return (
    <div role="status" data-testid="data-export-state" aria-live="polite">
      {item.status === 'Pending' && (
        <p>
          <span className="spinner" aria-hidden="true" /> {t('dataExport.pending')}
        </p>
      )}
      {item.status === 'Failed' && <p>{t('dataExport.failed')}</p>}
      {item.status === 'Ready' && (
        <>
          <p>
            {t('dataExport.ready')}{' '}
            <a href={dataExportDownloadUrl(item.id)} download>
              {t('dataExport.download', { size: formatSize(item.sizeBytes) })}
            </a>
          </p>
          {item.expiresAt && (
            <p className="muted">
              {t('dataExport.expires')} <DateTime value={item.expiresAt} />
            </p>
          )}
        </>
      )}
    </div>
  );
}

function formatSize(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
