import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { webhookSubscriptionsClient } from '../../api/client';
import type { CreateWebhookSubscriptionCommand, WebhookSubscriptionDto } from '../../api/generated/virtuops-api';
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

const webhooksQueryKey = [...userDataKey, 'webhook-subscriptions'] as const;

/** The events a subscription can receive, as the API names them (WebhookEventTypes), with their label's key. */
const eventLabels = {
  'message.received': 'message_received',
  'message.sent': 'message_sent',
  'message.failed': 'message_failed',
  'conversation.created': 'conversation_created',
  'conversation.handed_over': 'conversation_handed_over',
  'conversation.closed': 'conversation_closed',
  'contact.created': 'contact_created',
  'subscription.changed': 'subscription_changed',
} as const;
const webhookEvents = Object.keys(eventLabels) as (keyof typeof eventLabels)[];

/** A secret shown once: after creating a subscription or rotating its secret. */
type ShownSecret = { title: string; secret: string };

export function WebhooksPage() {
  const { t } = useTranslation();
  // Only in this component's memory: the server never returns a secret again, and neither does this page.
  const [shown, setShown] = useState<ShownSecret | undefined>(undefined);

  return (
    <section>
      <h1>{t('webhooks.title')}</h1>
      <p className="muted">{t('webhooks.intro')}</p>
      {shown ? <SecretOnce shown={shown} onDone={() => setShown(undefined)} /> : <CreateForm onSecret={setShown} />}
      <h2>{t('webhooks.listTitle')}</h2>
      <SubscriptionList onSecret={setShown} />
    </section>
  );
}

function CreateForm({ onSecret }: { onSecret: (shown: ShownSecret) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<string[]>(['message.received']);
  const create = useMutation({
    mutationFn: (command: CreateWebhookSubscriptionCommand) => webhookSubscriptionsClient.createWebhookSubscription(command),
    onSuccess: async (created) => {
      onSecret({ title: t('webhooks.createdTitle', { url: created.subscription.url }), secret: created.secret });
      await queryClient.invalidateQueries({ queryKey: webhooksQueryKey });
    },
  });
  const problem = create.isError ? toProblem(create.error) : undefined;
  const eventErrors = problem
    ? Object.entries(problem.fieldErrors)
        .filter(([field]) => field.startsWith('events'))
        .flatMap(([, messages]) => messages)
    : [];

  const toggle = (name: string, on: boolean) => setEvents((current) => (on ? [...current, name] : current.filter((e) => e !== name)));
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate({ url: url.trim(), events, description: description.trim() || undefined });
  };

  return (
    <>
      <h2>{t('webhooks.createTitle')}</h2>
      <FormProblem problem={problem} fields={['url', 'events', 'description', 'body']} />
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={create.isPending}>
        <FormField name="url" label={t('webhooks.url')} errors={problem?.fieldErrors.url}>
          <input type="url" autoComplete="off" maxLength={2000} placeholder="https://" value={url} onChange={(e) => setUrl(e.target.value)} />
        </FormField>
        <FormField name="description" label={t('webhooks.description')} errors={problem?.fieldErrors.description}>
          <input type="text" autoComplete="off" maxLength={500} value={description} onChange={(e) => setDescription(e.target.value)} />
        </FormField>
        <fieldset className="fieldset">
          <legend>{t('webhooks.events')}</legend>
          {webhookEvents.map((name) => (
            <CheckboxField key={name} name={`event-${name}`} checked={events.includes(name)} onChange={(on) => toggle(name, on)}>
              {t(`webhooks.eventName.${eventLabels[name]}`)} <code>{name}</code>
            </CheckboxField>
          ))}
          {eventErrors.length > 0 && (
            <p className="field__error" data-testid="error-events">
              {eventErrors.join(' ')}
            </p>
          )}
        </fieldset>
        <SubmitButton pending={create.isPending} label={t('webhooks.create')} pendingLabel={t('forms.sending')} />
      </form>
    </>
  );
}

function SecretOnce({ shown, onDone }: { shown: ShownSecret; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="panel" data-testid="webhook-secret">
      <h2>{shown.title}</h2>
      <p>
        <strong>{t('webhooks.shownOnce')}</strong>
      </p>
      <CopyField label={t('webhooks.secret')} value={shown.secret} />
      <button type="button" className="button" onClick={onDone}>
        {t('webhooks.done')}
      </button>
    </div>
  );
}

function SubscriptionList({ onSecret }: { onSecret: (shown: ShownSecret) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [deleting, setDeleting] = useState<WebhookSubscriptionDto | undefined>(undefined);
  const [open, setOpen] = useState<string | undefined>(undefined);
  const subscriptions = useQuery({
    queryKey: webhooksQueryKey,
    queryFn: ({ signal }) => webhookSubscriptionsClient.getWebhookSubscriptions(signal),
  });
  const remove = useMutation({
    mutationFn: (id: string) => webhookSubscriptionsClient.deleteWebhookSubscription(id),
    onSuccess: () => setDeleting(undefined),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhooksQueryKey }),
  });
  const rotate = useMutation({
    mutationFn: (subscription: WebhookSubscriptionDto) => webhookSubscriptionsClient.rotateWebhookSecret(subscription.id),
    onSuccess: (rotated, subscription) =>
      onSecret({ title: t('webhooks.rotatedTitle', { url: subscription.url }), secret: rotated.secret }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhooksQueryKey }),
  });

  if (subscriptions.isPending) return <p role="status">{t('common.loading')}</p>;
  if (subscriptions.isError) return <ProblemMessage problem={toProblem(subscriptions.error)} onRetry={() => void subscriptions.refetch()} />;
  if (subscriptions.data.length === 0) return <p>{t('webhooks.none')}</p>;

  return (
    <>
      {remove.isError && <ProblemMessage problem={toProblem(remove.error)} />}
      {rotate.isError && <ProblemMessage problem={toProblem(rotate.error)} />}
      {deleting && (
        <ConfirmDialog
          title={t('webhooks.deleteTitle', { url: deleting.url })}
          confirmLabel={t('webhooks.delete')}
          pending={remove.isPending}
          onConfirm={() => remove.mutate(deleting.id)}
          onCancel={() => setDeleting(undefined)}
        >
          <p>{t('webhooks.deleteText')}</p>
        </ConfirmDialog>
      )}
      {subscriptions.data.map((subscription) => (
        <article key={subscription.id} className="panel" data-testid="webhook-subscription">
          <h3>
            <code>{subscription.url}</code>
          </h3>
          {subscription.description && <p>{subscription.description}</p>}
          <p>
            {subscription.enabled ? (
              t('webhooks.enabled')
            ) : (
              <strong>
                {t('webhooks.disabled')} <DateTime value={subscription.disabledAt!} />: {subscription.disabledReason}
              </strong>
            )}
          </p>
          <p>
            {t('webhooks.events')}: {subscription.events.map((name) => <code key={name}>{name} </code>)}
          </p>
          {subscription.previousSecretExpiresAt && (
            <p className="muted">
              {t('webhooks.rotating')} <DateTime value={subscription.previousSecretExpiresAt} />
            </p>
          )}
          <div className="actions">
            <button
              type="button"
              className="button button--secondary"
              aria-expanded={open === subscription.id}
              onClick={() => setOpen(open === subscription.id ? undefined : subscription.id)}
            >
              {t('webhooks.deliveries')}
            </button>
            <button type="button" className="button button--secondary" disabled={rotate.isPending} onClick={() => rotate.mutate(subscription)}>
              {t('webhooks.rotate')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setDeleting(subscription)}>
              {t('webhooks.delete')}
            </button>
          </div>
          {open === subscription.id && <DeliveryLog subscriptionId={subscription.id} />}
        </article>
      ))}
    </>
  );
}

function DeliveryLog({ subscriptionId }: { subscriptionId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const queryKey = [...webhooksQueryKey, subscriptionId, 'deliveries'];
  const deliveries = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => webhookSubscriptionsClient.getWebhookDeliveries(subscriptionId, pageParam, undefined, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const redeliver = useMutation({
    mutationFn: (deliveryId: string) => webhookSubscriptionsClient.redeliverWebhook(subscriptionId, deliveryId),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey });
      await queryClient.invalidateQueries({ queryKey: webhooksQueryKey, exact: true });
    },
  });

  if (deliveries.isPending) return <p role="status">{t('common.loading')}</p>;
  if (deliveries.isError) return <ProblemMessage problem={toProblem(deliveries.error)} onRetry={() => void deliveries.refetch()} />;
  const rows = deliveries.data.pages.flatMap((page) => page.items);
  if (rows.length === 0) return <p>{t('webhooks.noDeliveries')}</p>;

  return (
    <>
      {redeliver.isError && <ProblemMessage problem={toProblem(redeliver.error)} />}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('webhooks.when')}</th>
            <th scope="col">{t('webhooks.event')}</th>
            <th scope="col">{t('webhooks.status')}</th>
            <th scope="col">{t('webhooks.attempts')}</th>
            <th scope="col">{t('webhooks.responseCode')}</th>
            <th scope="col">{t('webhooks.duration')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((delivery) => (
            <tr key={delivery.id} data-testid="webhook-delivery">
              <td>
                <DateTime value={delivery.createdAt} />
              </td>
              <td>
                <code>{delivery.eventType}</code>
              </td>
              <td title={delivery.lastError}>{t(`webhooks.deliveryStatus.${delivery.status}`)}</td>
              <td>{delivery.attempts}</td>
              <td>{delivery.lastResponseCode ?? (delivery.attempts > 0 ? t('webhooks.noResponse') : '')}</td>
              <td>{delivery.lastDurationMs === undefined ? '' : t('webhooks.milliseconds', { count: delivery.lastDurationMs })}</td>
              <td>
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={redeliver.isPending}
                  onClick={() => redeliver.mutate(delivery.id)}
                >
                  {t('webhooks.redeliver')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {deliveries.hasNextPage && (
        <button
          type="button"
          className="button button--secondary"
          disabled={deliveries.isFetchingNextPage}
          onClick={() => void deliveries.fetchNextPage()}
        >
          {deliveries.isFetchingNextPage && <span className="spinner" aria-hidden="true" />}
          {t('common.loadMore')}
        </button>
      )}
    </>
  );
}
