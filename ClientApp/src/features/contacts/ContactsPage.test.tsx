import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, contactsClient } from '../../api/client';
import type { ContactDto } from '../../api/generated/virtuops-api';
import { demoAccount, problemOf } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const dilnoza: ContactDto = {
  id: '0196f2c4-0000-7000-8000-0000000000c1',
  channel: 'WhatsApp',
  externalId: '998901234567',
  displayName: 'Dilnoza',
  attributes: { tier: 'gold' },
  firstSeenAt: '2026-04-20T10:00:00Z',
};
const aziz: ContactDto = { ...dilnoza, id: '0196f2c4-0000-7000-8000-0000000000c2', displayName: 'Aziz', externalId: '555000111', attributes: {} };

describe('ContactsPage', () => {
  it('erases a contact after the confirmation and drops it from the list', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(contactsClient.getContacts).mockResolvedValueOnce({ items: [dilnoza, aziz] }).mockResolvedValue({ items: [aziz] });
    vi.mocked(contactsClient.getContactConversations).mockResolvedValue({ items: [] });
    vi.mocked(contactsClient.eraseContact).mockResolvedValue(undefined);
    renderRoute('/contacts');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Dilnoza' }));
    const detail = await screen.findByRole('article', { name: 'Dilnoza' });
    await user.click(within(detail).getByRole('button', { name: 'Mijozni oʻchirish' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Butunlay oʻchirish' }));

    await waitFor(() => expect(screen.queryByRole('article', { name: 'Dilnoza' })).not.toBeInTheDocument());
    expect(contactsClient.eraseContact).toHaveBeenCalledWith(dilnoza.id);
    await waitFor(() => expect(screen.getAllByTestId('contact')).toHaveLength(1));
  });

  it('searches, loads the next page with the returned cursor and shows a contact', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(contactsClient.getContacts).mockResolvedValueOnce({ items: [dilnoza], nextCursor: 'page-2' }).mockResolvedValue({ items: [aziz] });
    vi.mocked(contactsClient.getContactConversations).mockResolvedValue({ items: [] });
    renderRoute('/contacts');
    const user = userEvent.setup();

    await screen.findByRole('button', { name: 'Dilnoza' });
    await user.click(screen.getByRole('button', { name: 'Yana koʻrsatish' }));
    await waitFor(() => expect(screen.getAllByTestId('contact')).toHaveLength(2));
    expect(contactsClient.getContacts).toHaveBeenLastCalledWith(undefined, undefined, 'page-2', undefined, expect.anything());

    await user.type(screen.getByRole('searchbox', { name: 'Ism yoki telefon' }), '+998 90');
    await user.click(screen.getByRole('button', { name: 'Topish' }));
    await waitFor(() => expect(contactsClient.getContacts).toHaveBeenLastCalledWith('+998 90', undefined, undefined, undefined, expect.anything()));
  });

  it('saves notes and attributes and shows the server field errors', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(contactsClient.getContacts).mockResolvedValue({ items: [dilnoza] });
    vi.mocked(contactsClient.getContactConversations).mockResolvedValue({ items: [] });
    vi.mocked(contactsClient.updateContact)
      .mockRejectedValueOnce(problemOf(400, { errors: { attributes: ['Each attribute name is 1 to 64 letters.'] } } as never))
      .mockResolvedValue({ ...dilnoza, notes: 'VIP', attributes: { tier: 'gold', 'crm.id': 'C-1' } });
    renderRoute('/contacts');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Dilnoza' }));
    const detail = await screen.findByRole('article', { name: 'Dilnoza' });
    expect(within(detail).getByLabelText(/Atributlar/)).toHaveValue('tier=gold');
    await user.type(within(detail).getByLabelText(/Izohlar/), 'VIP');
    await user.type(within(detail).getByLabelText(/Atributlar/), '\nbad key!=x');
    await user.click(within(detail).getByRole('button', { name: 'Saqlash' }));
    expect(await within(detail).findByTestId('error-attributes')).toHaveTextContent('Each attribute name');

    await user.clear(within(detail).getByLabelText(/Atributlar/));
    await user.type(within(detail).getByLabelText(/Atributlar/), 'tier=gold\ncrm.id=C-1');
    await user.click(within(detail).getByRole('button', { name: 'Saqlash' }));

    expect(await within(detail).findByText('Saqlandi.')).toBeInTheDocument();
    expect(contactsClient.updateContact).toHaveBeenLastCalledWith(dilnoza.id, {
      id: dilnoza.id,
      displayName: 'Dilnoza',
      notes: 'VIP',
      attributes: { tier: 'gold', 'crm.id': 'C-1' },
    });
  });
});
