import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { tenantClient } from '../../api/client';
import type { TenantDto } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';
import { ProblemMessage } from '../../components/ProblemMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { userDataKey } from '../auth/account';

const tenantQueryKey = [...userDataKey, 'tenant'] as const;

/** The owner's company settings: how long customers' message history is kept. */
export function CompanySettingsPage() {
  const { t } = useTranslation();
  const tenant = useQuery({ queryKey: tenantQueryKey, queryFn: ({ signal }) => tenantClient.getMyTenant(signal) });

  return (
    <section>
      <h1>{t('company.title')}</h1>
      <h2>{t('company.retentionTitle')}</h2>
      <p className="muted">{t('company.retentionText')}</p>
      {tenant.isPending && <p role="status">{t('common.loading')}</p>}
      {tenant.isError && <ProblemMessage problem={toProblem(tenant.error)} onRetry={() => void tenant.refetch()} />}
      {tenant.isSuccess && <RetentionForm tenant={tenant.data} />}
    </section>
  );
}

function RetentionForm({ tenant }: { tenant: TenantDto }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [days, setDays] = useState(tenant.messageRetentionDays?.toString() ?? '');
  const save = useMutation({
    mutationFn: async (value: number | null) => {
      await tenantClient.setMessageRetention({ days: value ?? undefined });
      await queryClient.invalidateQueries({ queryKey: tenantQueryKey });
    },
  });
  const problem = save.isError ? toProblem(save.error) : undefined;
  const current = tenant.messageRetentionDays;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(days.trim() === '' ? null : Number(days));
  };

  return (
    <>
      <p data-testid="retention-current">
        {current == null ? t('company.unlimited') : t('company.current', { days: current })}
      </p>
      <FormProblem problem={problem} fields={['days']} />
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={save.isPending}>
        <FormField name="days" label={t('company.retentionDays')} optional errors={problem?.fieldErrors.days}>
          <input
            type="number"
            inputMode="numeric"
            min={30}
            max={3650}
            value={days}
            onChange={(event) => {
              setDays(event.target.value);
              save.reset();
            }}
          />
        </FormField>
        <p className="muted">{t('company.retentionHint')}</p>
        <SubmitButton pending={save.isPending} label={t('forms.save')} pendingLabel={t('forms.saving')} />
        {save.isSuccess && <p role="status">{t('forms.saved')}</p>}
      </form>
    </>
  );
}
