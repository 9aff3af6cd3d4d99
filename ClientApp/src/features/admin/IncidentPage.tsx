import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { adminClient } from '../../api/client';
import type { IncidentDto } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { CheckboxField } from '../../components/CheckboxField';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DateTime } from '../../components/DateTime';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';
import { ProblemMessage } from '../../components/ProblemMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { incidentsQueryKey } from './IncidentsPage';
import { ReasonDialog } from './ReasonDialog';

/** One incident: its timeline for the authority, the assessment, the notice to owners (confirmed first), delivery, closing. */
export function IncidentPage() {
  const { t } = useTranslation();
  const { incidentId = '' } = useParams();
  const queryClient = useQueryClient();
  const queryKey = [...incidentsQueryKey, incidentId];
  const incident = useQuery({ queryKey, queryFn: ({ signal }) => adminClient.getIncident(incidentId, signal) });
  const [dialog, setDialog] = useState<'notify' | 'close' | null>(null);
  const done = (updated: IncidentDto) => {
    setDialog(null);
    queryClient.setQueryData(queryKey, updated);
    void queryClient.invalidateQueries({ queryKey: incidentsQueryKey });
  };
  const notify = useMutation({ mutationFn: () => adminClient.notifyIncident(incidentId), onSuccess: done });

  if (incident.isPending) return <p role="status">{t('common.loading')}</p>;
  if (incident.isError) return <ProblemMessage problem={toProblem(incident.error)} onRetry={() => void incident.refetch()} />;
  const data = incident.data;
  const open = data.stage !== 'Closed';

  return (
    <section>
      <p>
        <Link to="/admin/incidents">{t('incidents.title')}</Link>
      </p>
      <h1>{data.title}</h1>
      <p>{data.description}</p>
      <dl className="details">
        <dt>{t('incidents.stage')}</dt>
        <dd data-testid="incident-stage">{t(`incidents.steps.${data.stage}`)}</dd>
        <dt>{t('incidents.dataCategories')}</dt>
        <dd>{data.dataCategories.map((c) => t(`incidents.categories.${c}`)).join(', ')}</dd>
        <dt>{t('incidents.affected')}</dt>
        <dd>{data.allTenants ? t('incidents.allTenants') : data.affectedTenantIds.map((id) => <code key={id}>{id} </code>)}</dd>
        <dt>{t('incidents.delivery')}</dt>
        <dd data-testid="incident-delivery">
          {t('incidents.deliveryCounts', { tenants: data.delivery.tenants, emailed: data.delivery.emailed, acknowledged: data.delivery.acknowledged })}
        </dd>
      </dl>

      <h2>{t('incidents.timeline')}</h2>
      <ol className="list" data-testid="incident-timeline">
        {data.timeline.map((entry) => (
          <li key={entry.step}>
            <strong>{t(`incidents.steps.${entry.step}`)}</strong> <DateTime value={entry.at} />
            {entry.note && ` — ${entry.note}`}
          </li>
        ))}
      </ol>

      {open && data.stage !== 'Notified' && <AssessForm incident={data} onDone={done} />}
      {notify.isError && <ProblemMessage problem={toProblem(notify.error)} />}
      <div className="actions">
        {open && data.notificationRequired === true && (
          <button type="button" className="button button--danger" onClick={() => setDialog('notify')}>
            {data.stage === 'Notified' ? t('incidents.notifyAgain') : t('incidents.notify')}
          </button>
        )}
        {open && data.stage !== 'Recorded' && (
          <button type="button" className="button button--secondary" onClick={() => setDialog('close')}>
            {t('incidents.close')}
          </button>
        )}
      </div>
      {dialog === 'notify' && (
        <ConfirmDialog
          title={t('incidents.notifyTitle')}
          confirmLabel={t('incidents.notify')}
          pending={notify.isPending}
          onConfirm={() => notify.mutate()}
          onCancel={() => setDialog(null)}
        >
          <p>{t('incidents.notifyText')}</p>
        </ConfirmDialog>
      )}
      {dialog === 'close' && (
        <ReasonDialog
          title={t('incidents.closeTitle')}
          text={t('incidents.closeText')}
          confirmLabel={t('incidents.close')}
          action={(note) => adminClient.closeIncident(data.id, { id: data.id, note })}
          onDone={() => {
            setDialog(null);
            void queryClient.invalidateQueries({ queryKey: incidentsQueryKey });
          }}
          onCancel={() => setDialog(null)}
        />
      )}
      {data.delivery.tenants > 0 && <Deliveries incidentId={data.id} />}
    </section>
  );
}

function AssessForm({ incident, onDone }: { incident: IncidentDto; onDone: (updated: IncidentDto) => void }) {
  const { t } = useTranslation();
  const [required, setRequired] = useState(incident.notificationRequired ?? false);
  const [reason, setReason] = useState('');
  const assess = useMutation({
    mutationFn: () => adminClient.assessIncident(incident.id, { id: incident.id, notificationRequired: required, reason }),
    onSuccess: (updated) => {
      setReason('');
      onDone(updated);
    },
  });
  const problem = assess.error ? toProblem(assess.error) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    assess.mutate();
  };

  return (
    <form className="form" onSubmit={submit} aria-label={t('incidents.assess')}>
      <h2>{t('incidents.assess')}</h2>
      <CheckboxField name="notificationRequired" checked={required} onChange={setRequired}>
        {t('incidents.notificationRequired')}
      </CheckboxField>
      <FormField name="assessReason" label={t('admin.tenant.reason')} errors={problem?.fieldErrors.reason}>
        <textarea value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
      </FormField>
      <FormProblem problem={problem} fields={['reason']} />
      <SubmitButton pending={assess.isPending} label={t('incidents.assess')} pendingLabel={t('forms.saving')} />
    </form>
  );
}

function Deliveries({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const deliveries = useInfiniteQuery({
    queryKey: [...incidentsQueryKey, incidentId, 'deliveries'],
    queryFn: ({ pageParam, signal }) => adminClient.getIncidentDeliveries(incidentId, pageParam, 50, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = deliveries.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <h2>{t('incidents.delivery')}</h2>
      {deliveries.isError && <ProblemMessage problem={toProblem(deliveries.error)} onRetry={() => void deliveries.refetch()} />}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('admin.auditLog.tenant')}</th>
            <th scope="col">{t('incidents.emailed')}</th>
            <th scope="col">{t('incidents.acknowledged')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.tenantId} data-testid="incident-delivery-row">
              <td>
                <Link to={`/admin/tenants/${row.tenantId}`}>{row.tenantName}</Link>
              </td>
              <td>{row.emailedAt ? <DateTime value={row.emailedAt} /> : '—'}</td>
              <td>{row.acknowledgedAt ? <DateTime value={row.acknowledgedAt} /> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {deliveries.hasNextPage && (
        <button type="button" className="button button--secondary" disabled={deliveries.isFetchingNextPage} onClick={() => void deliveries.fetchNextPage()}>
          {t('admin.loadMore')}
        </button>
      )}
    </>
  );
}
