import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { adminClient } from '../../api/client';
import type { IncidentDataCategories } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { CheckboxField } from '../../components/CheckboxField';
import { DateTime } from '../../components/DateTime';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';
import { ProblemMessage } from '../../components/ProblemMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { userDataKey } from '../auth/account';

export const incidentsQueryKey = [...userDataKey, 'admin', 'incidents'] as const;

export const dataCategories: IncidentDataCategories[] = [
  'AccountDetails',
  'ContactDetails',
  'Messages',
  'Knowledge',
  'PaymentData',
  'ChannelCredentials',
];

/** Security incidents, newest first, and the form that records one (admins only). */
export function IncidentsPage() {
  const { t } = useTranslation();
  const incidents = useInfiniteQuery({
    queryKey: incidentsQueryKey,
    queryFn: ({ pageParam, signal }) => adminClient.getIncidents(pageParam, 50, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = incidents.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section>
      <h1>{t('incidents.title')}</h1>
      <RecordIncidentForm />
      <h2>{t('incidents.listTitle')}</h2>
      {incidents.isPending && <p role="status">{t('common.loading')}</p>}
      {incidents.isError && <ProblemMessage problem={toProblem(incidents.error)} onRetry={() => void incidents.refetch()} />}
      {incidents.isSuccess && rows.length === 0 && <p>{t('incidents.empty')}</p>}
      {rows.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('incidents.incidentTitle')}</th>
              <th scope="col">{t('incidents.discoveredAt')}</th>
              <th scope="col">{t('incidents.stage')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((incident) => (
              <tr key={incident.id} data-testid="incident-row">
                <td>
                  <Link to={`/admin/incidents/${incident.id}`}>{incident.title}</Link>
                </td>
                <td>
                  <DateTime value={incident.discoveredAt} />
                </td>
                <td>{t(`incidents.steps.${incident.stage}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {incidents.hasNextPage && (
        <button type="button" className="button button--secondary" disabled={incidents.isFetchingNextPage} onClick={() => void incidents.fetchNextPage()}>
          {incidents.isFetchingNextPage && <span className="spinner" aria-hidden="true" />}
          {t('admin.loadMore')}
        </button>
      )}
    </section>
  );
}

/** The tenant ids typed one per line (or separated by commas or spaces). */
export function parseTenantIds(text: string): string[] {
  return text.split(/[\s,]+/).filter((id) => id.length > 0);
}

function RecordIncidentForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [discoveredAt, setDiscoveredAt] = useState('');
  const [categories, setCategories] = useState<IncidentDataCategories[]>([]);
  const [allTenants, setAllTenants] = useState(false);
  const [tenantIds, setTenantIds] = useState('');
  const record = useMutation({
    mutationFn: () =>
      adminClient.recordIncident({
        title,
        description,
        // datetime-local is the admin's local time; the API takes an instant.
        discoveredAt: discoveredAt ? new Date(discoveredAt).toISOString() : '',
        dataCategories: categories,
        allTenants,
        tenantIds: allTenants ? [] : parseTenantIds(tenantIds),
      }),
    onSuccess: async (incident) => {
      await queryClient.invalidateQueries({ queryKey: incidentsQueryKey });
      await navigate(`/admin/incidents/${incident.id}`);
    },
  });
  const problem = record.error ? toProblem(record.error) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate();
  };
  const toggle = (category: IncidentDataCategories, on: boolean) =>
    setCategories((current) => (on ? [...current, category] : current.filter((c) => c !== category)));

  return (
    <form className="form" onSubmit={submit} aria-label={t('incidents.record')}>
      <h2>{t('incidents.record')}</h2>
      <FormField name="title" label={t('incidents.incidentTitle')} errors={problem?.fieldErrors.title}>
        <input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </FormField>
      <FormField name="description" label={t('incidents.description')} errors={problem?.fieldErrors.description}>
        <textarea value={description} maxLength={4000} onChange={(e) => setDescription(e.target.value)} />
      </FormField>
      <FormField name="discoveredAt" label={t('incidents.discoveredAt')} errors={problem?.fieldErrors.discoveredAt}>
        <input type="datetime-local" value={discoveredAt} onChange={(e) => setDiscoveredAt(e.target.value)} />
      </FormField>
      <fieldset>
        <legend>{t('incidents.dataCategories')}</legend>
        {dataCategories.map((category) => (
          <CheckboxField key={category} name={`category-${category}`} checked={categories.includes(category)} onChange={(on) => toggle(category, on)}>
            {t(`incidents.categories.${category}`)}
          </CheckboxField>
        ))}
        {problem?.fieldErrors.dataCategories && <p className="field__error">{problem.fieldErrors.dataCategories.join(' ')}</p>}
      </fieldset>
      <CheckboxField name="allTenants" checked={allTenants} onChange={setAllTenants}>
        {t('incidents.allTenants')}
      </CheckboxField>
      {!allTenants && (
        <FormField name="tenantIds" label={t('incidents.tenantIds')} errors={problem?.fieldErrors.tenantIds}>
          <textarea value={tenantIds} onChange={(e) => setTenantIds(e.target.value)} />
        </FormField>
      )}
      <FormProblem problem={problem} fields={['title', 'description', 'discoveredAt', 'dataCategories', 'tenantIds']} />
      <SubmitButton pending={record.isPending} label={t('incidents.record')} pendingLabel={t('forms.saving')} />
    </form>
  );
}
