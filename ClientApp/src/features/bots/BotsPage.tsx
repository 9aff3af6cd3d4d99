import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { botsClient } from '../../api/client';
import type { CreateBotCommand } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';
import { ProblemMessage } from '../../components/ProblemMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { useFormFields } from '../../components/useFormFields';
import { isOwner, useSignedInAccount } from '../auth/account';
import { botsQuery, botsQueryKey } from './botQueries';

export function BotsPage() {
  const { t } = useTranslation();
  const account = useSignedInAccount();

  return (
    <section>
      <h1>{t('bots.title')}</h1>
      <p className="muted">{t('bots.intro')}</p>
      <BotList />
      {isOwner(account) && (
        <>
          <h2>{t('bots.createTitle')}</h2>
          <CreateBotForm />
        </>
      )}
    </section>
  );
}

function BotList() {
  const { t } = useTranslation();
  const bots = useQuery(botsQuery);

  if (bots.isPending) return <p role="status">{t('common.loading')}</p>;
  if (bots.isError) return <ProblemMessage problem={toProblem(bots.error)} onRetry={() => void bots.refetch()} />;
  if (bots.data.length === 0) return <p>{t('bots.none')}</p>;

  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">{t('bots.name')}</th>
          <th scope="col">{t('bots.status')}</th>
          <th scope="col">{t('bots.languages')}</th>
        </tr>
      </thead>
      <tbody>
        {bots.data.map((bot) => (
          <tr key={bot.id} data-testid="bot">
            <td>
              <Link to={`/bots/${bot.id}`}>{bot.name}</Link>
            </td>
            <td>
              <span className={`badge badge--${bot.status === 'Active' ? 'ok' : 'muted'}`}>
                {t(`bots.statusValue.${bot.status}`)}
              </span>
            </td>
            <td>{bot.languages.map((language) => t(`bots.language.${language}`)).join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CreateBotForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { values, bind } = useFormFields({ name: '', greeting: '', fallbackMessage: '' });
  const create = useMutation({
    mutationFn: (command: CreateBotCommand) => botsClient.createBot(command),
    onSuccess: async (bot) => {
      await queryClient.invalidateQueries({ queryKey: botsQueryKey });
      // The new bot starts with defaults; its settings page is where it gets its languages, origins and so on.
      await navigate(`/bots/${bot.id}/settings`);
    },
  });
  const problem = create.isError ? toProblem(create.error) : undefined;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Empty greeting and fallback mean "use the defaults" to the server.
    create.mutate({
      name: values.name.trim(),
      greeting: values.greeting.trim() || undefined,
      fallbackMessage: values.fallbackMessage.trim() || undefined,
    });
  };

  return (
    <>
      <FormProblem problem={problem} fields={['name', 'greeting', 'fallbackMessage']} />
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={create.isPending}>
        <FormField name="name" label={t('bots.name')} errors={problem?.fieldErrors.name}>
          <input type="text" autoComplete="off" maxLength={100} {...bind('name')} />
        </FormField>
        <FormField name="greeting" label={t('bots.greeting')} optional errors={problem?.fieldErrors.greeting}>
          <input type="text" autoComplete="off" maxLength={500} {...bind('greeting')} />
        </FormField>
        <FormField
          name="fallbackMessage"
          label={t('bots.fallbackMessage')}
          optional
          errors={problem?.fieldErrors.fallbackMessage}
        >
          <input type="text" autoComplete="off" maxLength={500} {...bind('fallbackMessage')} />
        </FormField>
        <SubmitButton pending={create.isPending} label={t('bots.create')} pendingLabel={t('forms.sending')} />
      </form>
    </>
  );
}
