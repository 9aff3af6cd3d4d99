import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { channelsClient } from '../../api/client';
import type { ChannelConnectionDto } from '../../api/generated/virtuops-api';
import { toProblem, type Problem } from '../../api/problem';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CopyField } from '../../components/CopyField';
import { DateTime } from '../../components/DateTime';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';
import { ProblemMessage } from '../../components/ProblemMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { useFormFields } from '../../components/useFormFields';
import { useBot } from '../bots/BotLayout';
import { ChannelBadge } from '../inbox/ChannelBadge';
import { channelsQuery } from './channelQueries';

const providers = ['Telegram', 'WhatsApp', 'Instagram'] as const;
type Provider = (typeof providers)[number];

/** The bot's messaging channels: one card each, connected (with its health) or a form to connect it. */
export function ChannelsPage() {
  const { t } = useTranslation();
  const bot = useBot();
  const channels = useQuery(channelsQuery(bot.id));

  return (
    <>
      <h2>{t('channels.title')}</h2>
      <p className="muted">{t('channels.intro')}</p>
      {channels.isPending && <p role="status">{t('common.loading')}</p>}
      {channels.isError && <ProblemMessage problem={toProblem(channels.error)} onRetry={() => void channels.refetch()} />}
      {channels.isSuccess && (
        <div className="channel-cards">
          {providers.map((provider) => (
            <ChannelCard
              key={provider}
              botId={bot.id}
              provider={provider}
              connection={channels.data.find((c) => c.channel === provider && c.isConnected)}
            />
          ))}
        </div>
      )}
    </>
  );
}

interface ChannelCardProps {
  botId: string;
  provider: Provider;
  connection: ChannelConnectionDto | undefined;
}

function ChannelCard({ botId, provider, connection }: ChannelCardProps) {
  const { t } = useTranslation();
  // The webhook steps open by themselves right after connecting, when the owner has to act on them.
  const [justConnected, setJustConnected] = useState(false);

  return (
    <section className="panel" data-testid={`channel-${provider}`} aria-label={t(`inbox.channel.${provider}`)}>
      <div className="channel-card__header">
        <h3>
          <ChannelBadge channel={provider} />
        </h3>
        <span className={connection ? 'badge badge--ok' : 'badge'}>
          {connection ? t('channels.connected') : t('channels.notConnected')}
        </span>
      </div>
      {connection ? (
        <ConnectedChannel connection={connection} provider={provider} showWebhook={justConnected} />
      ) : (
        <ConnectForm botId={botId} provider={provider} onConnected={() => setJustConnected(true)} />
      )}
    </section>
  );
}

interface ConnectedChannelProps {
  connection: ChannelConnectionDto;
  provider: Provider;
  showWebhook: boolean;
}

function ConnectedChannel({ connection, provider, showWebhook }: ConnectedChannelProps) {
  const { t } = useTranslation();

  return (
    <>
      <dl className="details" data-testid="channel-health">
        <dt>{t('channels.account')}</dt>
        <dd>
          <strong>{connection.displayName}</strong> <span className="muted">({connection.accountId})</span>
        </dd>
        <dt>{t('channels.connectedAt')}</dt>
        <dd>
          <DateTime value={connection.connectedAt} />
        </dd>
        <dt>{t('channels.lastInbound')}</dt>
        <dd>{connection.lastInboundAt ? <DateTime value={connection.lastInboundAt} /> : t('channels.never')}</dd>
        <dt>{t('channels.lastOutbound')}</dt>
        <dd>{connection.lastOutboundAt ? <DateTime value={connection.lastOutboundAt} /> : t('channels.never')}</dd>
        <dt>{t('channels.lastError')}</dt>
        <dd data-testid="channel-last-error">
          {connection.lastError ? (
            <>
              <span className="field__error">{connection.lastError}</span>
              {connection.lastErrorAt && (
                <>
                  {' · '}
                  <DateTime value={connection.lastErrorAt} />
                </>
              )}
            </>
          ) : (
            t('channels.noErrors')
          )}
        </dd>
      </dl>
      {provider !== 'Telegram' && connection.verifyToken && (
        <WebhookSetup
          provider={provider}
          callbackUrl={connection.callbackUrl}
          verifyToken={connection.verifyToken}
          open={showWebhook}
        />
      )}
      <ConnectionActions connection={connection} provider={provider} />
    </>
  );
}

interface WebhookSetupProps {
  provider: Exclude<Provider, 'Telegram'>;
  callbackUrl: string;
  verifyToken: string;
  open: boolean;
}

/** Meta does not let an app register its webhook by API for the owner: the URL and token are pasted in its dashboard. */
function WebhookSetup({ provider, callbackUrl, verifyToken, open }: WebhookSetupProps) {
  const { t } = useTranslation();
  return (
    <details open={open} data-testid="webhook-setup">
      <summary>{t('channels.webhookTitle')}</summary>
      <CopyField label={t('channels.callbackUrl')} value={callbackUrl} />
      <CopyField label={t('channels.verifyToken')} value={verifyToken} />
      <ol className="steps">
        <li>{t('channels.webhookStepApp', { section: t(`channels.webhookSection${provider}`) })}</li>
        <li>{t('channels.webhookStepPaste')}</li>
        <li>{t('channels.webhookStepSubscribe')}</li>
      </ol>
    </details>
  );
}

function ConnectionActions({ connection, provider }: { connection: ChannelConnectionDto; provider: Provider }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const test = useMutation({ mutationFn: () => channelsClient.testChannel(connection.id) });
  const disconnect = useMutation({
    mutationFn: () => channelsClient.disconnectChannel(connection.id),
    onSuccess: () => setConfirming(false),
    onSettled: () => queryClient.invalidateQueries({ queryKey: channelsQuery(connection.botId).queryKey }),
  });

  return (
    <>
      {test.isSuccess && (
        <div className={test.data.ok ? 'alert alert--success' : 'alert alert--error'} role="status" data-testid="test-result">
          <p>{test.data.ok ? t('channels.testOk') : t('channels.testFailed')}</p>
          {test.data.message && <p>{test.data.message}</p>}
          <p className="muted">
            {t('channels.checkedAt')} <DateTime value={test.data.checkedAt} />
          </p>
        </div>
      )}
      {test.isError && <ProblemMessage problem={toProblem(test.error)} />}
      {disconnect.isError && <ProblemMessage problem={toProblem(disconnect.error)} />}
      {confirming && (
        <ConfirmDialog
          title={t('channels.disconnectTitle', { channel: t(`inbox.channel.${provider}`) })}
          confirmLabel={t('channels.disconnect')}
          pending={disconnect.isPending}
          onConfirm={() => disconnect.mutate()}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('channels.disconnectText')}</p>
        </ConfirmDialog>
      )}
      <div className="actions">
        <button type="button" className="button button--secondary" disabled={test.isPending} onClick={() => test.mutate()}>
          {test.isPending && <span className="spinner" aria-hidden="true" />}
          {t('channels.test')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
          {t('channels.disconnect')}
        </button>
      </div>
    </>
  );
}

type FieldLabel =
  | 'channels.botToken'
  | 'channels.phoneNumberId'
  | 'channels.businessAccountId'
  | 'channels.instagramAccountId'
  | 'channels.accessToken'
  | 'channels.appSecret';

interface FieldSpec {
  name: string;
  label: FieldLabel;
  secret?: boolean;
}

/** What each provider asks for, and the call that connects it. Field names are the API's (for its field errors). */
const forms = {
  Telegram: {
    fields: [{ name: 'botToken', label: 'channels.botToken', secret: true }],
    hint: 'channels.telegramHint',
    connect: (botId: string, v: Record<string, string>) => channelsClient.connectTelegram(botId, { botToken: v.botToken ?? '' }),
  },
  WhatsApp: {
    fields: [
      { name: 'phoneNumberId', label: 'channels.phoneNumberId' },
      { name: 'businessAccountId', label: 'channels.businessAccountId' },
      { name: 'accessToken', label: 'channels.accessToken', secret: true },
      { name: 'appSecret', label: 'channels.appSecret', secret: true },
    ],
    hint: 'channels.whatsAppHint',
    connect: (botId: string, v: Record<string, string>) =>
      channelsClient.connectWhatsApp(botId, {
        phoneNumberId: v.phoneNumberId ?? '',
        businessAccountId: v.businessAccountId ?? '',
        accessToken: v.accessToken ?? '',
        appSecret: v.appSecret ?? '',
      }),
  },
  Instagram: {
    fields: [
      { name: 'accountId', label: 'channels.instagramAccountId' },
      { name: 'accessToken', label: 'channels.accessToken', secret: true },
      { name: 'appSecret', label: 'channels.appSecret', secret: true },
    ],
    hint: 'channels.instagramHint',
    connect: (botId: string, v: Record<string, string>) =>
      channelsClient.connectInstagram(botId, {
        accountId: v.accountId ?? '',
        accessToken: v.accessToken ?? '',
        appSecret: v.appSecret ?? '',
      }),
  },
} as const satisfies Record<
  Provider,
  {
    fields: readonly FieldSpec[];
    hint: 'channels.telegramHint' | 'channels.whatsAppHint' | 'channels.instagramHint';
    connect: (botId: string, v: Record<string, string>) => Promise<ChannelConnectionDto>;
  }
>;

interface ConnectFormProps {
  botId: string;
  provider: Provider;
  onConnected: () => void;
}

function ConnectForm({ botId, provider, onConnected }: ConnectFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = forms[provider];
  const fieldNames = form.fields.map((field) => field.name);
  const { values, bind } = useFormFields<Record<string, string>>(Object.fromEntries(fieldNames.map((name) => [name, ''])));
  const connect = useMutation({
    mutationFn: (entered: Record<string, string>) => form.connect(botId, entered),
    onSuccess: async () => {
      onConnected();
      await queryClient.invalidateQueries({ queryKey: channelsQuery(botId).queryKey });
    },
  });
  const problem = connect.isError ? toProblem(connect.error) : undefined;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    connect.mutate(Object.fromEntries(Object.entries(values).map(([name, value]) => [name, value.trim()])));
  };

  return (
    <>
      <p className="muted">
        {t(form.hint)}
        {provider === 'Telegram' && (
          <>
            {' '}
            <a href="https://t.me/BotFather" target="_blank" rel="noopener noreferrer">
              {t('channels.openBotFather')}
            </a>
          </>
        )}
      </p>
      {problem?.status === 409 ? <Conflict problem={problem} /> : <FormProblem problem={problem} fields={fieldNames} />}
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={connect.isPending}>
        {form.fields.map((field: FieldSpec) => (
          <FormField
            key={field.name}
            name={`${provider.toLowerCase()}-${field.name}`}
            label={t(field.label)}
            errors={problem?.fieldErrors[field.name]}
          >
            <input type={field.secret ? 'password' : 'text'} autoComplete="off" spellCheck={false} {...bind(field.name)} />
          </FormField>
        ))}
        <SubmitButton pending={connect.isPending} label={t('channels.connect')} pendingLabel={t('channels.connecting')} />
      </form>
    </>
  );
}

/** The account is already connected (to this bot or another one): said plainly, with the server's detail. */
function Conflict({ problem }: { problem: Problem }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert--error" role="alert" data-testid="connect-conflict">
      <p>{t('channels.conflict')}</p>
      {problem.detail && <p>{problem.detail}</p>}
    </div>
  );
}
