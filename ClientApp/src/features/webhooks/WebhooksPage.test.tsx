import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, webhookSubscriptionsClient } from '../../api/client';
import type { WebhookDeliveryDto, WebhookSubscriptionDto } from '../../api/generated/virtuops-api';
import { demoAccount } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const secret = 'whsec_k3yF0rS1gn1ngW3bh00ks-0123456789abcdefABCDE';
const subscription: WebhookSubscriptionDto = {
  id: '0196f2c4-0000-7000-8000-0000000000b1',
  url: 'https://crm.example.uz/virtuops',
  events: ['message.received', 'conversation.handed_over'],
  description: 'CRM',
  enabled: true,
  created: '2026-04-20T10:00:00Z',
};
const failed: WebhookDeliveryDto = {
  id: '0196f2c4-0000-7000-8000-0000000000d1',
  eventId: '0196f2c4-0000-7000-8000-0000000000e1',
  eventType: 'message.received',
  createdAt: '2026-04-20T10:05:00Z',
  status: 'Failed',
  attempts: 25,
  lastResponseCode: 500,
  lastDurationMs: 42,
  lastError: 'The receiver answered 500.',
};

describe('WebhooksPage', () => {
  it('creates a subscription with the chosen events and shows its secret once', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(webhookSubscriptionsClient.getWebhookSubscriptions).mockResolvedValueOnce([]).mockResolvedValue([subscription]);
    vi.mocked(webhookSubscriptionsClient.createWebhookSubscription).mockResolvedValue({ subscription, secret });
    renderRoute('/account/webhooks');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Manzil (URL)'), 'https://crm.example.uz/virtuops');
    await user.type(screen.getByLabelText('Tavsif'), 'CRM');
    await user.click(screen.getByRole('checkbox', { name: /Suhbat operatorga berildi/ }));
    await user.click(screen.getByRole('button', { name: 'Webhook yaratish' }));

    expect(webhookSubscriptionsClient.createWebhookSubscription).toHaveBeenCalledWith({
      url: 'https://crm.example.uz/virtuops',
      events: ['message.received', 'conversation.handed_over'],
      description: 'CRM',
    });
    const shown = await screen.findByTestId('webhook-secret');
    expect(within(shown).getByLabelText('Imzo kaliti')).toHaveValue(secret);
    await user.click(within(shown).getByRole('button', { name: 'Saqladim' }));

    expect(screen.queryByTestId('webhook-secret')).not.toBeInTheDocument();
    const row = await screen.findByTestId('webhook-subscription');
    expect(row).toHaveTextContent('https://crm.example.uz/virtuops');
    expect(row).toHaveTextContent('conversation.handed_over');
    expect(document.body).not.toHaveTextContent(secret);
  });

  it('shows the field errors the server returns for unknown events and refused addresses', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(webhookSubscriptionsClient.getWebhookSubscriptions).mockResolvedValue([]);
    vi.mocked(webhookSubscriptionsClient.createWebhookSubscription).mockRejectedValue({
      status: 400,
      errors: { url: ['The URL leads to a private, loopback or link-local address; use a public address.'], 'events[0]': ['Unknown event.'] },
    });
    renderRoute('/account/webhooks');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Manzil (URL)'), 'https://10.0.0.5/hook');
    await user.click(screen.getByRole('button', { name: 'Webhook yaratish' }));

    expect(await screen.findByText(/private, loopback or link-local/)).toBeInTheDocument();
    expect(screen.getByTestId('error-events')).toHaveTextContent('Unknown event.');
  });

  it('shows the delivery log, redelivers a failed event and rotates the secret', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(webhookSubscriptionsClient.getWebhookSubscriptions).mockResolvedValue([subscription]);
    vi.mocked(webhookSubscriptionsClient.getWebhookDeliveries).mockResolvedValue({ items: [failed] });
    vi.mocked(webhookSubscriptionsClient.redeliverWebhook).mockResolvedValue(undefined);
    vi.mocked(webhookSubscriptionsClient.rotateWebhookSecret).mockResolvedValue({ secret, previousSecretExpiresAt: '2026-04-21T10:00:00Z' });
    renderRoute('/account/webhooks');
    const user = userEvent.setup();

    const row = await screen.findByTestId('webhook-subscription');
    await user.click(within(row).getByRole('button', { name: 'Yetkazishlar jurnali' }));
    const delivery = await within(row).findByTestId('webhook-delivery');
    expect(delivery).toHaveTextContent('Yetkazilmadi');
    expect(delivery).toHaveTextContent('25');
    expect(delivery).toHaveTextContent('500');
    expect(delivery).toHaveTextContent('42 ms');
    await user.click(within(delivery).getByRole('button', { name: 'Qayta yuborish' }));
    expect(webhookSubscriptionsClient.redeliverWebhook).toHaveBeenCalledWith(subscription.id, failed.id);

    await user.click(within(row).getByRole('button', { name: 'Kalitni almashtirish' }));
    expect(within(await screen.findByTestId('webhook-secret')).getByLabelText('Imzo kaliti')).toHaveValue(secret);
  });

  it('loads older deliveries with the cursor the log returned', async () => {
    const older: WebhookDeliveryDto = { ...failed, id: '0196f2c4-0000-7000-8000-0000000000d0', eventType: 'conversation.created', status: 'Succeeded' };
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(webhookSubscriptionsClient.getWebhookSubscriptions).mockResolvedValue([subscription]);
    vi.mocked(webhookSubscriptionsClient.getWebhookDeliveries)
      .mockResolvedValueOnce({ items: [failed], nextCursor: 'page-2' })
      .mockResolvedValueOnce({ items: [older] });
    renderRoute('/account/webhooks');
    const user = userEvent.setup();

    const row = await screen.findByTestId('webhook-subscription');
    await user.click(within(row).getByRole('button', { name: 'Yetkazishlar jurnali' }));
    await within(row).findByTestId('webhook-delivery');
    await user.click(within(row).getByRole('button', { name: 'Yana koʻrsatish' }));

    await waitFor(() => expect(within(row).getAllByTestId('webhook-delivery')).toHaveLength(2));
    expect(webhookSubscriptionsClient.getWebhookDeliveries).toHaveBeenLastCalledWith(subscription.id, 'page-2', undefined, expect.anything());
    expect(within(row).queryByRole('button', { name: 'Yana koʻrsatish' })).not.toBeInTheDocument();
  });

  it('asks before deleting a subscription', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(webhookSubscriptionsClient.getWebhookSubscriptions).mockResolvedValue([subscription]);
    vi.mocked(webhookSubscriptionsClient.deleteWebhookSubscription).mockResolvedValue(undefined);
    renderRoute('/account/webhooks');
    const user = userEvent.setup();

    await user.click(within(await screen.findByTestId('webhook-subscription')).getByRole('button', { name: 'Oʻchirish' }));
    const dialog = screen.getByRole('alertdialog', { name: 'https://crm.example.uz/virtuops webhooki oʻchirilsinmi?' });
    expect(webhookSubscriptionsClient.deleteWebhookSubscription).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Oʻchirish' }));
    expect(webhookSubscriptionsClient.deleteWebhookSubscription).toHaveBeenCalledWith(subscription.id);
  });
});
