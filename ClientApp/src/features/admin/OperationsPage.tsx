import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminClient } from '../../api/client';
import { toProblem } from '../../api/problem';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DateTime } from '../../components/DateTime';
import { FormProblem } from '../../components/FormProblem';
import { ProblemMessage } from '../../components/ProblemMessage';
import { isAdmin, userDataKey, useSignedInAccount } from '../auth/account';

/** A minute: the queues are a glance for the person on duty, not a live feed. */
const refreshEveryMs = 60_000;

/** The platform's queues, background jobs and latest demo requests at a glance; admins also rotate the encryption keys here. */
export function OperationsPage() {
  const { t } = useTranslation();
  const account = useSignedInAccount();
  const operations = useQuery({
    queryKey: [...userDataKey, 'admin', 'operations'],
    queryFn: ({ signal }) => adminClient.getOperations(signal),
    refetchInterval: refreshEveryMs,
  });
  const data = operations.data;

  return (
    <section>
      <h1>{t('admin.operations.title')}</h1>
      {operations.isPending && <p role="status">{t('common.loading')}</p>}
      {operations.isError && <ProblemMessage problem={toProblem(operations.error)} onRetry={() => void operations.refetch()} />}
      {data && (
        <>
          <p>
            {t('admin.operations.asOf')} <DateTime value={data.at} />
          </p>
          <h2>{t('admin.operations.queues')}</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('admin.operations.queue')}</th>
                <th scope="col">{t('admin.operations.waiting')}</th>
                <th scope="col">{t('admin.operations.oldest')}</th>
                <th scope="col">{t('admin.operations.failed')}</th>
              </tr>
            </thead>
            <tbody>
              <tr data-testid="queue-inbound">
                <th scope="row">{t('admin.operations.inbound')}</th>
                <td>{data.inbound.pending}</td>
                <td>{data.inbound.oldestPendingAt ? <DateTime value={data.inbound.oldestPendingAt} /> : '—'}</td>
                <td>{data.inbound.failed}</td>
              </tr>
              {data.outbox.map((queue) => (
                <tr key={queue.channel} data-testid={`queue-outbox-${queue.channel}`}>
                  <th scope="row">{t('admin.operations.outbox', { channel: queue.channel })}</th>
                  <td>{queue.pending}</td>
                  <td>{queue.oldestPendingAt ? <DateTime value={queue.oldestPendingAt} /> : '—'}</td>
                  <td>{queue.failedLastDay}</td>
                </tr>
              ))}
              <tr data-testid="queue-webhooks">
                <th scope="row">{t('admin.operations.webhooks', { disabled: data.webhooks.disabledSubscriptions })}</th>
                <td>{data.webhooks.pending}</td>
                <td>—</td>
                <td>{data.webhooks.failed}</td>
              </tr>
              <tr data-testid="queue-receipts">
                <th scope="row">{t('admin.operations.receipts')}</th>
                <td>{data.receiptsPending}</td>
                <td>—</td>
                <td>—</td>
              </tr>
              <tr data-testid="queue-exports">
                <th scope="row">{t('admin.operations.exports')}</th>
                <td>{data.exportsRunning}</td>
                <td>—</td>
                <td>—</td>
              </tr>
            </tbody>
          </table>
          <p className="muted">{t('admin.operations.failedHint')}</p>

          <h2>{t('admin.operations.jobs')}</h2>
          {data.jobs.length === 0 ? (
            <p>{t('admin.operations.noJobs')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.operations.job')}</th>
                  <th scope="col">{t('admin.operations.lastRun')}</th>
                  <th scope="col">{t('admin.operations.nextRun')}</th>
                </tr>
              </thead>
              <tbody>
                {data.jobs.map((job) => (
                  <tr key={`${job.group}.${job.name}`} data-testid="job">
                    <td>
                      <code>{job.name}</code> {job.paused && <span className="badge">{t('admin.operations.paused')}</span>}
                    </td>
                    <td>{job.lastRunAt ? <DateTime value={job.lastRunAt} /> : t('admin.operations.notYet')}</td>
                    <td>{job.nextRunAt ? <DateTime value={job.nextRunAt} /> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}

          <h2>{t('admin.operations.demoRequests')}</h2>
          {data.demoRequests.length === 0 ? (
            <p>{t('admin.operations.noDemoRequests')}</p>
          ) : (
            <ul>
              {data.demoRequests.map((request) => (
                <li key={request.id} data-testid="demo-request">
                  <strong>{request.companyName}</strong> — {request.fullName}, <a href={`mailto:${request.email}`}>{request.email}</a>
                  {request.phoneNumber && <>, {request.phoneNumber}</>} · <DateTime value={request.created} />
                </li>
              ))}
            </ul>
          )}

          {isAdmin(account) && <KeyRotation />}
        </>
      )}
    </section>
  );
}

/** Re-encrypts every stored secret with the current key, after a new key was added to the configuration. */
function KeyRotation() {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const rotate = useMutation({ mutationFn: () => adminClient.rotateSecretKeys(), onSettled: () => setConfirming(false) });
  return (
    <>
      <h2>{t('admin.operations.keys')}</h2>
      <p>{t('admin.operations.keysText')}</p>
      <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
        {t('admin.operations.rotate')}
      </button>
      {rotate.isSuccess && <p role="status">{t('admin.operations.rotated', { count: rotate.data.reencrypted })}</p>}
      <FormProblem problem={rotate.error ? toProblem(rotate.error) : undefined} fields={[]} />
      {confirming && (
        <ConfirmDialog
          title={t('admin.operations.rotate')}
          confirmLabel={t('admin.operations.rotate')}
          pending={rotate.isPending}
          onConfirm={() => rotate.mutate()}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('admin.operations.rotateConfirm')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
