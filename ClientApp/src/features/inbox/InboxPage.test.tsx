import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { accountClient, botsClient, inboxClient } from '../../api/client';
import type { ConversationSummaryDto, MessageDto } from '../../api/generated/virtuops-api';
import { demoAccount, demoBot, pageOf } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';
import { connectInboxHub, type InboxHubHandlers } from './inboxHub';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));
vi.mock('./inboxHub', () => ({ connectInboxHub: vi.fn() }));

const waiting: ConversationSummaryDto = {
  id: '0196f2c4-0000-7000-8000-0000000000d1',
  botId: demoBot.id,
  botName: demoBot.name,
  contactName: 'Visitor 1a2b3c4d',
  contactExternalId: '1a2b3c4d-0000-4000-8000-000000000000',
  contactId: '0196f2c4-0000-7000-8000-0000000000c1',
  channel: 'Widget',
  status: 'WaitingForHuman',
  lastMessageAt: '2026-04-20T10:00:00Z',
  lastMessagePreview: 'Operatorga ulanmoqdasiz',
  unreadCount: 2,
};
const question: MessageDto = {
  id: '0196f2c4-0000-7000-8000-0000000000e1',
  conversationId: waiting.id,
  direction: 'Inbound',
  author: 'Contact',
  text: 'Operator kerak',
  sentAt: '2026-04-20T09:59:00Z',
  deliveryStatus: 'Delivered',
  contentType: 'Text',
};

let hub: InboxHubHandlers;

beforeEach(() => {
  vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
  vi.mocked(botsClient.getBots).mockResolvedValue([demoBot]);
  vi.mocked(connectInboxHub).mockImplementation((handlers) => {
    hub = handlers;
    return () => {};
  });
});

describe('InboxPage', () => {
  it('shows a new message from the hub in the list at once, with its unread count', async () => {
    vi.mocked(inboxClient.getConversations).mockResolvedValue(pageOf([waiting]));
    renderRoute('/inbox');
    expect(await screen.findByTestId('conversation-preview')).toHaveTextContent('Operatorga ulanmoqdasiz');
    act(() => hub.stateChanged('connected'));
    expect(screen.getByTestId('hub-state')).toHaveTextContent('Jonli');

    const newer = { ...waiting, lastMessagePreview: 'Yetkazib berish bormi?', unreadCount: 3 };
    // The list the server gives when the inbox reloads it after the event.
    vi.mocked(inboxClient.getConversations).mockResolvedValue(pageOf([newer]));
    act(() => hub.messagesAdded(newer, [{ ...question, id: 'new', text: 'Yetkazib berish bormi?' }]));

    expect(await screen.findByTestId('conversation-preview')).toHaveTextContent('Yetkazib berish bormi?');
    expect(screen.getByTestId('unread-badge')).toHaveTextContent('3');
  });

  it('adds a conversation that starts while the inbox is open', async () => {
    vi.mocked(inboxClient.getConversations).mockResolvedValue(pageOf([]));
    renderRoute('/inbox');
    expect(await screen.findByText('Suhbat topilmadi.')).toBeInTheDocument();

    vi.mocked(inboxClient.getConversations).mockResolvedValue(pageOf([waiting]));
    act(() => hub.messagesAdded(waiting, [question]));

    expect(await screen.findByTestId('conversation')).toHaveTextContent('Visitor 1a2b3c4d');
  });

  it('filters by status and channel through the server', async () => {
    vi.mocked(inboxClient.getConversations).mockResolvedValue(pageOf([waiting]));
    renderRoute('/inbox');
    const user = userEvent.setup();

    await user.selectOptions(await screen.findByLabelText('Holat'), 'Operator kutilmoqda');
    await user.selectOptions(screen.getByLabelText('Kanal'), 'Sayt vidjeti');

    expect(inboxClient.getConversations).toHaveBeenLastCalledWith(
      'WaitingForHuman', 'Widget', undefined, undefined, false, undefined, 30, expect.anything(),
    );
  });

  it('loads older conversations after the newest, with the cursor the server gave and the same filters', async () => {
    const older = { ...waiting, id: 'older', contactName: 'Eski mijoz' };
    vi.mocked(inboxClient.getConversations).mockImplementation((_status, _channel, _bot, _search, _unread, cursor) =>
      Promise.resolve(cursor === 'after-first' ? pageOf([older]) : pageOf([waiting], 'after-first')),
    );
    renderRoute('/inbox?status=WaitingForHuman');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Yana koʻrsatish' }));

    expect(await screen.findByText('Eski mijoz')).toBeInTheDocument();
    expect(screen.getAllByTestId('conversation')).toHaveLength(2);
    expect(inboxClient.getConversations).toHaveBeenLastCalledWith(
      'WaitingForHuman', undefined, undefined, undefined, false, 'after-first', 30, expect.anything(),
    );
    expect(screen.queryByRole('button', { name: 'Yana koʻrsatish' })).not.toBeInTheDocument();
  });

  it('opens a conversation, marks it read, and shows messages as text with their author, time and delivery', async () => {
    vi.mocked(inboxClient.getConversations).mockResolvedValue(pageOf([waiting]));
    const html = { ...question, id: 'html', text: '<img src=x onerror="alert(1)"> salom' };
    const bot: MessageDto = {
      ...question, id: 'bot', direction: 'Outbound', author: 'Bot', text: 'Operatorga ulanmoqdasiz', sentAt: '2026-04-20T10:00:00Z', deliveryStatus: 'Sent',
    };
    vi.mocked(inboxClient.getConversation).mockResolvedValue({ conversation: waiting, messages: [question, html, bot] });
    vi.mocked(inboxClient.markConversationRead).mockResolvedValue({ ...waiting, unreadCount: 0 });
    renderRoute('/inbox');
    const user = userEvent.setup();

    await user.click(await screen.findByTestId('conversation'));

    const messages = await screen.findAllByTestId('message');
    expect(messages.map((m) => m.dataset.author)).toEqual(['Contact', 'Contact', 'Bot']);
    expect(messages[1]).toHaveTextContent('<img src=x onerror="alert(1)"> salom');
    expect(messages[1]?.querySelector('img')).toBeNull();
    expect(messages[2]).toHaveTextContent('Bot');
    expect(messages[2]).toHaveTextContent('yuborildi');
    expect(inboxClient.markConversationRead).toHaveBeenCalledWith(waiting.id);
    expect(screen.getByTestId('conversation-status')).toHaveTextContent('Operator kutilmoqda');
  });

  it('sends an agent reply and shows that the bot is now paused in this conversation', async () => {
    const read = { ...waiting, unreadCount: 0 };
    vi.mocked(inboxClient.getConversations).mockResolvedValue(pageOf([read]));
    vi.mocked(inboxClient.getConversation).mockResolvedValue({ conversation: read, messages: [question] });
    const reply: MessageDto = {
      ...question, id: 'reply', direction: 'Outbound', author: 'Agent', text: 'Salom! Qanday yordam bera olaman?', sentAt: '2026-04-20T10:01:00Z', deliveryStatus: 'Sent',
    };
    vi.mocked(inboxClient.replyToConversation).mockImplementation(() => {
      // What the server holds once the reply is stored.
      vi.mocked(inboxClient.getConversation).mockResolvedValue({ conversation: { ...read, status: 'Human' }, messages: [question, reply] });
      return Promise.resolve(reply);
    });
    renderRoute(`/inbox/${waiting.id}`);
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Javobingiz'), 'Salom! Qanday yordam bera olaman?');
    await user.click(screen.getByRole('button', { name: 'Yuborish' }));

    expect(inboxClient.replyToConversation).toHaveBeenCalledWith(waiting.id, { text: 'Salom! Qanday yordam bera olaman?' });
    expect(await screen.findByTestId('conversation-status')).toHaveTextContent('bu suhbatda bot toʻxtatilgan');
    expect(screen.getByRole('button', { name: 'Botga qaytarish' })).toBeInTheDocument();
    expect(screen.getByLabelText('Javobingiz')).toHaveValue('');
    // The reply arrives once more from the hub: it is still shown once.
    act(() => hub.messagesAdded({ ...read, status: 'Human' }, [reply]));
    const agentMessages = screen.getAllByTestId('message').filter((m) => m.dataset.author === 'Agent');
    expect(agentMessages).toHaveLength(1);
  });

  it('hands a conversation back to the bot, closes it and reopens it', async () => {
    const human = { ...waiting, status: 'Human' as const, unreadCount: 0 };
    vi.mocked(inboxClient.getConversations).mockResolvedValue(pageOf([human]));
    vi.mocked(inboxClient.getConversation).mockResolvedValue({ conversation: human, messages: [question] });
    vi.mocked(inboxClient.handBackToBot).mockResolvedValue({ ...human, status: 'Bot' });
    vi.mocked(inboxClient.closeConversation).mockResolvedValue({ ...human, status: 'Closed' });
    vi.mocked(inboxClient.reopenConversation).mockResolvedValue({ ...human, status: 'Bot' });
    renderRoute(`/inbox/${waiting.id}`);
    const user = userEvent.setup();
    const status = () => screen.getByTestId('conversation-status');

    await user.click(await screen.findByRole('button', { name: 'Botga qaytarish' }));
    await vi.waitFor(() => expect(status()).toHaveTextContent('Bot javob bermoqda.'));

    await user.click(screen.getByRole('button', { name: 'Yopish' }));
    await vi.waitFor(() => expect(status()).toHaveTextContent('Suhbat yopilgan.'));
    expect(screen.getByLabelText('Javobingiz')).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Qayta ochish' }));
    await vi.waitFor(() => expect(status()).toHaveTextContent('Bot javob bermoqda.'));
  });

  it('shows the channel of each conversation and how far each outgoing message got', async () => {
    const telegram: ConversationSummaryDto = { ...waiting, channel: 'Telegram', unreadCount: 0 };
    const outgoing = (id: string, deliveryStatus: MessageDto['deliveryStatus'], deliveryError?: string): MessageDto => ({
      ...question, id, direction: 'Outbound', author: 'Agent', text: `Javob ${id}`, deliveryStatus, deliveryError,
    });
    vi.mocked(inboxClient.getConversations).mockResolvedValue(pageOf([telegram]));
    vi.mocked(inboxClient.getConversation).mockResolvedValue({
      conversation: telegram,
      messages: [
        question,
        outgoing('pending', 'Pending'),
        outgoing('sent', 'Sent'),
        outgoing('delivered', 'Delivered'),
        outgoing('read', 'Read'),
        outgoing('failed', 'Failed', 'Forbidden: bot was blocked by the user'),
      ],
    });
    renderRoute(`/inbox/${telegram.id}`);

    expect(await screen.findByTestId('conversation')).toHaveTextContent('Telegram');
    expect(within(screen.getByRole('article')).getByTestId('channel-badge')).toHaveTextContent('Telegram');
    const statuses = await screen.findAllByTestId('delivery-status');
    expect(statuses.map((s) => s.textContent)).toEqual(['◷ yuborilmoqda', '✓ yuborildi', '✓✓ yetkazildi', '✓✓ oʻqildi', '! yuborilmadi']);
    expect(statuses[3]).toHaveClass('delivery--read');
    // Only the failed message says why and offers a retry; the customer's message has no delivery mark.
    const failure = screen.getByTestId('delivery-failure');
    expect(failure).toHaveTextContent('Yetkazilmadi: Forbidden: bot was blocked by the user');
    expect(screen.getAllByRole('button', { name: 'Qayta yuborish' })).toHaveLength(1);
  });

  it('retries a failed message and shows it queued again, then its progress from the hub', async () => {
    const read = { ...waiting, channel: 'WhatsApp' as const, unreadCount: 0 };
    const failed: MessageDto = {
      ...question, id: 'failed', direction: 'Outbound', author: 'Agent', text: 'Buyurtmangiz tayyor', deliveryStatus: 'Failed', deliveryError: 'Outside the 24-hour window',
    };
    vi.mocked(inboxClient.getConversations).mockResolvedValue(pageOf([read]));
    vi.mocked(inboxClient.getConversation).mockResolvedValue({ conversation: read, messages: [question, failed] });
    vi.mocked(inboxClient.retryMessageDelivery).mockResolvedValue({ ...failed, deliveryStatus: 'Pending', deliveryError: undefined });
    renderRoute(`/inbox/${read.id}`);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Qayta yuborish' }));

    expect(inboxClient.retryMessageDelivery).toHaveBeenCalledWith('failed');
    await vi.waitFor(() => expect(screen.getByTestId('delivery-status')).toHaveTextContent('yuborilmoqda'));
    expect(screen.queryByTestId('delivery-failure')).not.toBeInTheDocument();

    act(() => hub.messageUpdated({ ...failed, deliveryStatus: 'Read', deliveryError: undefined }));
    await vi.waitFor(() => expect(screen.getByTestId('delivery-status')).toHaveTextContent('✓✓ oʻqildi'));
  });

  it('shows inbound media, locations, contacts and button replies by their kind, as text', async () => {
    const read = { ...waiting, channel: 'WhatsApp' as const, unreadCount: 0 };
    const inbound = (id: string, contentType: MessageDto['contentType'], text: string, contentData?: string): MessageDto => ({
      ...question, id, contentType, text, contentData,
    });
    vi.mocked(inboxClient.getConversations).mockResolvedValue(pageOf([read]));
    vi.mocked(inboxClient.getConversation).mockResolvedValue({
      conversation: read,
      messages: [
        inbound('image', 'Image', 'Shu rangdagisi bormi?'),
        inbound('voice', 'Voice', ''),
        inbound('location', 'Location', '41.311081, 69.240562', '{"latitude":41.311081,"longitude":69.240562}'),
        inbound('contact', 'Contact', 'Aziz Karimov', '{"phone":"+998901112233"}'),
        inbound('button', 'Interactive', '<b>Ha</b>'),
      ],
    });
    renderRoute(`/inbox/${read.id}`);

    const messages = await screen.findAllByTestId('message');
    expect(messages[0]).toHaveTextContent('Rasm Shu rangdagisi bormi?');
    expect(messages[1]).toHaveTextContent('Ovozli xabar');
    expect(messages[2]).toHaveTextContent('Joylashuv 41.311081, 69.240562');
    expect(within(messages[2]!).getByRole('link', { name: 'Xaritada ochish' })).toHaveAttribute(
      'href', 'https://www.openstreetmap.org/?mlat=41.311081&mlon=69.240562#map=16/41.311081/69.240562',
    );
    expect(messages[3]).toHaveTextContent('Kontakt Aziz Karimov · +998901112233');
    expect(messages[4]).toHaveTextContent('Tugma: <b>Ha</b>');
    expect(messages[4]?.querySelector('b')).toBeNull();
  });
});
