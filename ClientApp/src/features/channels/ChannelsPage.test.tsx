import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { accountClient, botsClient, channelsClient } from '../../api/client';
import type { ChannelConnectionDto } from '../../api/generated/virtuops-api';
import { demoAccount, demoBot, problemOf } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const telegram: ChannelConnectionDto = {
  id: '0196f2c4-0000-7000-8000-0000000000c1',
  botId: demoBot.id,
  channel: 'Telegram',
  displayName: '@demo_dokon_bot',
  accountId: '7012345678',
  isConnected: true,
  connectedAt: '2026-04-20T10:00:00Z',
  lastInboundAt: '2026-04-21T08:30:00Z',
  callbackUrl: 'https://app.virtuops.uz/webhooks/telegram/0196f2c4-0000-7000-8000-0000000000c1',
};
const whatsApp: ChannelConnectionDto = {
  id: '0196f2c4-0000-7000-8000-0000000000c2',
  botId: demoBot.id,
  channel: 'WhatsApp',
  displayName: '+998 90 123 45 67',
  accountId: '106540352242922',
  businessAccountId: '102290129340398',
  isConnected: true,
  connectedAt: '2026-04-20T10:00:00Z',
  callbackUrl: 'https://app.virtuops.uz/webhooks/whatsapp/0196f2c4-0000-7000-8000-0000000000c2',
  verifyToken: 'vt_9c1f2e7a',
};

const card = async (name: string) => within(await screen.findByTestId(`channel-${name}`));

beforeEach(() => {
  vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
  vi.mocked(botsClient.getBot).mockResolvedValue(demoBot);
});

describe('ChannelsPage', () => {
  it('connects Telegram with a bot token and then shows the bot’s username and health', async () => {
    vi.mocked(channelsClient.getChannels).mockResolvedValueOnce([]).mockResolvedValue([telegram]);
    vi.mocked(channelsClient.connectTelegram).mockResolvedValue(telegram);
    renderRoute(`/bots/${demoBot.id}/channels`);
    const user = userEvent.setup();

    const telegramCard = await card('Telegram');
    expect(telegramCard.getByText('Ulanmagan')).toBeInTheDocument();
    expect(telegramCard.getByRole('link', { name: '@BotFatherni ochish' })).toHaveAttribute('href', 'https://t.me/BotFather');
    const token = telegramCard.getByLabelText('Bot tokeni');
    expect(token).toHaveAttribute('type', 'password');
    await user.type(token, ' 7012345678:AAE-demo-token ');
    await user.click(telegramCard.getByRole('button', { name: 'Ulash' }));

    expect(channelsClient.connectTelegram).toHaveBeenCalledWith(demoBot.id, { botToken: '7012345678:AAE-demo-token' });
    expect(await telegramCard.findByText('Ulangan')).toBeInTheDocument();
    const health = telegramCard.getByTestId('channel-health');
    expect(health).toHaveTextContent('@demo_dokon_bot');
    expect(health).toHaveTextContent('Oxirgi chiquvchi xabar');
    expect(health).toHaveTextContent('Hali yoʻq');
    expect(telegramCard.getByTestId('channel-last-error')).toHaveTextContent('Xato yoʻq');
    expect(telegramCard.queryByTestId('webhook-setup')).not.toBeInTheDocument();
  });

  it('shows the server’s field errors on the fields and a conflict plainly', async () => {
    vi.mocked(channelsClient.getChannels).mockResolvedValue([]);
    vi.mocked(channelsClient.connectWhatsApp)
      .mockRejectedValueOnce({ status: 400, title: 'One or more validation errors occurred.', errors: { PhoneNumberId: ['Phone number ID must be digits.'] } })
      .mockRejectedValueOnce(problemOf(409, { detail: 'This WhatsApp number is connected to another bot.' }));
    renderRoute(`/bots/${demoBot.id}/channels`);
    const user = userEvent.setup();

    const whatsAppCard = await card('WhatsApp');
    await user.type(whatsAppCard.getByLabelText('Telefon raqami ID (Phone number ID)'), 'abc');
    await user.type(whatsAppCard.getByLabelText('WhatsApp Business hisobi ID'), '102290129340398');
    await user.type(whatsAppCard.getByLabelText('Kirish tokeni (access token)'), 'EAAG-token');
    await user.type(whatsAppCard.getByLabelText('Ilova siri (App secret)'), 'app-secret');
    await user.click(whatsAppCard.getByRole('button', { name: 'Ulash' }));

    expect(await whatsAppCard.findByTestId('error-whatsapp-phoneNumberId')).toHaveTextContent('Phone number ID must be digits.');
    expect(whatsAppCard.getByLabelText('Telefon raqami ID (Phone number ID)')).toHaveAttribute('aria-invalid', 'true');

    await user.click(whatsAppCard.getByRole('button', { name: 'Ulash' }));

    const conflict = await whatsAppCard.findByTestId('connect-conflict');
    expect(conflict).toHaveTextContent('bu hisob yoki kanal allaqachon ulangan');
    expect(conflict).toHaveTextContent('This WhatsApp number is connected to another bot.');
  });

  it('after connecting WhatsApp shows the callback URL and verify token to paste into Meta, with copy buttons', async () => {
    vi.mocked(channelsClient.getChannels).mockResolvedValueOnce([]).mockResolvedValue([whatsApp]);
    vi.mocked(channelsClient.connectWhatsApp).mockResolvedValue(whatsApp);
    renderRoute(`/bots/${demoBot.id}/channels`);
    const user = userEvent.setup();

    const whatsAppCard = await card('WhatsApp');
    await user.type(whatsAppCard.getByLabelText('Telefon raqami ID (Phone number ID)'), '106540352242922');
    await user.type(whatsAppCard.getByLabelText('WhatsApp Business hisobi ID'), '102290129340398');
    await user.type(whatsAppCard.getByLabelText('Kirish tokeni (access token)'), 'EAAG-token');
    await user.type(whatsAppCard.getByLabelText('Ilova siri (App secret)'), 'app-secret');
    await user.click(whatsAppCard.getByRole('button', { name: 'Ulash' }));

    expect(channelsClient.connectWhatsApp).toHaveBeenCalledWith(demoBot.id, {
      phoneNumberId: '106540352242922',
      businessAccountId: '102290129340398',
      accessToken: 'EAAG-token',
      appSecret: 'app-secret',
    });
    const setup = await whatsAppCard.findByTestId('webhook-setup');
    expect(setup).toHaveAttribute('open');
    expect(within(setup).getByLabelText('Callback URL')).toHaveValue(whatsApp.callbackUrl);
    expect(within(setup).getByLabelText('Verify token')).toHaveValue('vt_9c1f2e7a');
    expect(setup).toHaveTextContent('WhatsApp → Configuration');
    await user.click(within(setup).getAllByRole('button', { name: 'Nusxalash' })[1]!);
    expect(await navigator.clipboard.readText()).toBe('vt_9c1f2e7a');
  });

  it('tests a connection and shows what the channel answered', async () => {
    vi.mocked(channelsClient.getChannels).mockResolvedValue([{ ...telegram, lastError: 'Unauthorized', lastErrorAt: '2026-04-21T09:00:00Z' }]);
    vi.mocked(channelsClient.testChannel).mockResolvedValue({ ok: false, message: 'Telegram: 401 Unauthorized', checkedAt: '2026-04-21T09:05:00Z' });
    renderRoute(`/bots/${demoBot.id}/channels`);
    const user = userEvent.setup();

    const telegramCard = await card('Telegram');
    expect(telegramCard.getByTestId('channel-last-error')).toHaveTextContent('Unauthorized');
    await user.click(telegramCard.getByRole('button', { name: 'Ulanishni tekshirish' }));

    expect(channelsClient.testChannel).toHaveBeenCalledWith(telegram.id);
    const result = await telegramCard.findByTestId('test-result');
    expect(result).toHaveTextContent('Ulanish ishlamayapti.');
    expect(result).toHaveTextContent('Telegram: 401 Unauthorized');
  });

  it('asks before disconnecting and then shows the connect form again', async () => {
    vi.mocked(channelsClient.getChannels).mockResolvedValueOnce([telegram]).mockResolvedValue([]);
    vi.mocked(channelsClient.disconnectChannel).mockResolvedValue(undefined);
    renderRoute(`/bots/${demoBot.id}/channels`);
    const user = userEvent.setup();

    const telegramCard = await card('Telegram');
    await user.click(telegramCard.getByRole('button', { name: 'Uzish' }));
    const dialog = telegramCard.getByRole('alertdialog', { name: 'Telegram uzilsinmi?' });
    expect(dialog).toHaveTextContent('saqlangan tokenlar oʻchiriladi');
    expect(channelsClient.disconnectChannel).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Uzish' }));

    expect(channelsClient.disconnectChannel).toHaveBeenCalledWith(telegram.id);
    expect(await telegramCard.findByLabelText('Bot tokeni')).toBeInTheDocument();
  });
});
