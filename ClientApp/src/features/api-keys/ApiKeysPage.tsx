import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiKeysClient } from '../../api/client';
import type { ApiKeyDto, CreateApiKeyCommand, CreatedApiKeyDto } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { CheckboxField } from '../../components/CheckboxField';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CopyField } from '../../components/CopyField';
import { DateTime } from '../../components/DateTime';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';
import { ProblemMessage } from '../../components/ProblemMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { userDataKey } from '../auth/account';
import { fromScopes, scopeNames, toScopes, type ScopeName } from './scopes';

const apiKeysQueryKey = [...userDataKey, 'api-keys'] as const;

export function ApiKeysPage() {
  const { t } = useTranslation();
  // Only in this component's memory: the server never returns the key again, and neither does this page.
  const [created, setCreated] = useState<CreatedApiKeyDto | undefined>(undefined);

  return (
    <section>
      <h1>{t('apiKeys.title')}</h1>
      <p className="muted">{t('apiKeys.intro')}</p>
      {created ? (
        <CreatedKey created={created} onDone={() => setCreated(undefined)} />
      ) : (
        <CreateForm onCreated={setCreated} />
      )}
      <h2>{t('apiKeys.listTitle')}</h2>
      <KeyList />
    </section>
  );
}

function CreateForm({ onCreated }: { onCreated: (created: CreatedApiKeyDto) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ScopeName[]>(['Read']);
  const create = useMutation({
    mutationFn: (command: CreateApiKeyCommand) => apiKeysClient.createApiKey(command),
    onSuccess: async (created) => {
      onCreated(created);
      await queryClient.invalidateQueries({ queryKey: apiKeysQueryKey });
    },
  });
  const problem = create.isError ? toProblem(create.error) : undefined;

  const toggle = (scope: ScopeName, on: boolean) =>
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), scopes: toScopes(scopes) });
  };

  return (
    <>
      <h2>{t('apiKeys.createTitle')}</h2>
      <FormProblem problem={problem} fields={['name', 'scopes']} />
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={create.isPending}>
        <FormField name="name" label={t('apiKeys.name')} errors={problem?.fieldErrors.name}>
          <input type="text" autoComplete="off" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </FormField>
        <fieldset className="fieldset">
          <legend>{t('apiKeys.scopes')}</legend>
          {scopeNames.map((scope) => (
            <CheckboxField
              key={scope}
              name={`scope-${scope}`}
              checked={scopes.includes(scope)}
              onChange={(on) => toggle(scope, on)}
            >
              {t(`apiKeys.scope.${scope}`)}
            </CheckboxField>
          ))}
          {problem?.fieldErrors.scopes && (
            <p className="field__error" data-testid="error-scopes">
              {problem.fieldErrors.scopes.join(' ')}
            </p>
          )}
        </fieldset>
        <SubmitButton pending={create.isPending} label={t('apiKeys.create')} pendingLabel={t('forms.sending')} />
      </form>
    </>
  );
}

function CreatedKey({ created, onDone }: { created: CreatedApiKeyDto; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="panel" data-testid="created-key">
      <h2>{t('apiKeys.createdTitle', { name: created.name })}</h2>
      <p>
        <strong>{t('apiKeys.shownOnce')}</strong>
      </p>
      <CopyField label={t('apiKeys.keyLabel')} value={created.key} />
      <button type="button" className="button" onClick={onDone}>
        {t('apiKeys.done')}
      </button>
    </div>
  );
}

function KeyList() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [revoking, setRevoking] = useState<ApiKeyDto | undefined>(undefined);
  const keys = useQuery({
    queryKey: apiKeysQueryKey,
    queryFn: ({ signal }) => apiKeysClient.getApiKeys(signal),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => apiKeysClient.revokeApiKey(id),
    onSuccess: () => setRevoking(undefined),
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey }),
  });

  if (keys.isPending) return <p role="status">{t('common.loading')}</p>;
  if (keys.isError) return <ProblemMessage problem={toProblem(keys.error)} onRetry={() => void keys.refetch()} />;
  if (keys.data.length === 0) return <p>{t('apiKeys.none')}</p>;

  return (
    <>
      {revoke.isError && <ProblemMessage problem={toProblem(revoke.error)} />}
      {revoking && (
        <ConfirmDialog
          title={t('apiKeys.revokeTitle', { name: revoking.name })}
          confirmLabel={t('apiKeys.revoke')}
          pending={revoke.isPending}
          onConfirm={() => revoke.mutate(revoking.id)}
          onCancel={() => setRevoking(undefined)}
        >
          <p>{t('apiKeys.revokeText')}</p>
        </ConfirmDialog>
      )}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('apiKeys.name')}</th>
            <th scope="col">{t('apiKeys.prefix')}</th>
            <th scope="col">{t('apiKeys.scopes')}</th>
            <th scope="col">{t('apiKeys.created')}</th>
            <th scope="col">{t('apiKeys.lastUsed')}</th>
            <th scope="col">{t('apiKeys.state')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.data.map((key) => (
            <tr key={key.id} data-testid="api-key">
              <td>{key.name}</td>
              <td>
                <code>{key.prefix}…</code>
              </td>
              <td>{fromScopes(key.scopes).map((scope) => t(`apiKeys.scope.${scope}`)).join(', ')}</td>
              <td>
                <DateTime value={key.created} />
              </td>
              <td>{key.lastUsedAt ? <DateTime value={key.lastUsedAt} /> : t('apiKeys.neverUsed')}</td>
              <td>
                {key.revokedAt ? (
                  <>
                    {t('apiKeys.revoked')} <DateTime value={key.revokedAt} />
                  </>
                ) : (
                  t('apiKeys.active')
                )}
              </td>
              <td>
                {!key.revokedAt && (
                  <button type="button" className="button button--secondary" onClick={() => setRevoking(key)}>
                    {t('apiKeys.revoke')}
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
