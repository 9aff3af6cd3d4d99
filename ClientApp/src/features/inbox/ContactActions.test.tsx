import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { accountClient, botsClient, contactsClient, inboxClient } from '../../api/client';
import type { ContactExportDto, ConversationSummaryDto } from '../../api/generated/virtuops-api';
import { demoAccount, demoAgent, demoBot, pageOf, problemOf } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';
import { connectInboxHub } from './inboxHub';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));
vi.mock('./inboxHub', () => ({ connectInboxHub: vi.fn() }));

const conversation: ConversationSummaryDto = {
  id: '0196f2c4-0000-7000-8000-0000000000d1',
  botId: demoBot.id,
  botName: demoBot.name,
  contactName: 'Aziz Karimov',
  contactExternalId: '555000111',
  contactId: '0196f2c4-0000-7000-8000-0000000000c1',
  channel: 'Telegram',
  status: 'Bot',
  lastMessageAt: '2026-04-20T10:00:00Z',
  lastMessagePreview: 'Salom',
  unreadCount: 0,
};

const exported: ContactExportDto = {
  exportedAt: '2026-04-20T10:05:00Z',
  contact: {
    id: conversation.contactId, channel: 'Telegram', externalId: '555000111', displayName: 'Aziz Karimov', attributes: {}, firstSeenAt: '2026-04-20T10:00:00Z',
  },
  conversations: [],
};

beforeEach(() => {
  vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
  vi.mocked(botsClient.getBots).mockResolvedValue([demoBot]);
  vi.mocked(connectInboxHub).mockReturnValue(() => {});
  vi.mocked(inboxClient.getConversations).mockResolvedValue(pageOf([conversation]));
  vi.mocked(inboxClient.getConversation).mockResolvedValue({ conversation, messages: [] });
});

describe('ContactActions', () => {
  it('erases the contact only after the owner confirms, then leaves the conversation', async () => {
    vi.mocked(contactsClient.eraseContact).mockResolvedValue();
    const { router } = renderRoute(`/inbox/${conversation.id}`);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Mijozni oʻchirish' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Aziz Karimov oʻchirilsinmi?' });
    await user.click(within(dialog).getByRole('button', { name: 'Bekor qilish' }));
    expect(contactsClient.eraseContact).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Mijozni oʻchirish' }));
    vi.mocked(inboxClient.getConversations).mockResolvedValue(pageOf([]));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Butunlay oʻchirish' }));

    expect(contactsClient.eraseContact).toHaveBeenCalledWith(conversation.contactId);
    await vi.waitFor(() => expect(router.state.location.pathname).toBe('/inbox'));
    expect(await screen.findByText('Suhbat topilmadi.')).toBeInTheDocument();
  });

  it('keeps the dialog open with the problem when erasure fails', async () => {
    vi.mocked(contactsClient.eraseContact).mockRejectedValue(problemOf(404, { title: 'No such contact.' }));
    renderRoute(`/inbox/${conversation.id}`);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Mijozni oʻchirish' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Butunlay oʻchirish' }));

    expect(await within(screen.getByRole('alertdialog')).findByRole('alert')).toBeInTheDocument();
  });

  it('offers an agent the export but not the erasure', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAgent);
    renderRoute(`/inbox/${conversation.id}`);

    expect(await screen.findByRole('button', { name: 'Mijoz maʼlumotlarini yuklab olish' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Mijozni oʻchirish' })).not.toBeInTheDocument();
  });

  it('saves the contact’s export as a JSON file and says where it went', async () => {
    vi.mocked(contactsClient.exportContact).mockResolvedValue(exported);
    const saved = vi.fn();
    URL.createObjectURL = vi.fn(() => 'blob:export');
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved(this.download);
    });
    renderRoute(`/inbox/${conversation.id}`);

    await userEvent.setup().click(await screen.findByRole('button', { name: 'Mijoz maʼlumotlarini yuklab olish' }));

    expect(contactsClient.exportContact).toHaveBeenCalledWith(conversation.contactId);
    expect(saved).toHaveBeenCalledWith(`contact-${conversation.contactId}.json`);
    expect(await screen.findByText(/maʼlumotlari contact-.*\.json fayliga saqlandi/)).toHaveTextContent(`contact-${conversation.contactId}.json`);
  });
});
