import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, adminClient } from '../../api/client';
import type { CurrentAccountDto, TenantListItemDto, TenantProfileDto } from '../../api/generated/virtuops-api';
import { demoAccount, problemOf } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const getCurrentAccount = vi.mocked(accountClient.getCurrentAccount);

const admin: CurrentAccountDto = {
  ...demoAccount,
  fullName: 'Platform Admin',
  email: 'admin@virtuops.uz',
  tenantId: undefined,
  tenantName: undefined,
  roles: ['Admin'],
};
const support: CurrentAccountDto = { ...admin, fullName: 'Support Agent', roles: ['Support'] };

const tenantRow = (id: string, name: string): TenantListItemDto => ({
  id,
  name,
  created: '2026-11-01T10:00:00Z',
  ownerEmail: `${id}@example.uz`,
  planCode: 'biznes',
  status: 'Trialing',
  currentPeriodEnd: '2026-12-15T10:00:00Z',
  restrictions: [],
});

const profile: TenantProfileDto = {
  id: 't1',
  name: 'Oila Market',
  created: '2026-11-01T10:00:00Z',
  restrictions: [],
  subscription: {
    planCode: 'biznes',
    status: 'Trialing',
    currentPeriodStart: '2026-11-01T10:00:00Z',
    currentPeriodEnd: '2026-11-15T10:00:00Z',
    cancelAtPeriodEnd: false,
    failedAttempts: 0,
    hasCard: false,
  },
  users: [
    { id: 'u1', fullName: 'Dilshod Rahimov', email: 'owner@oila.uz', phoneNumber: '+998901234567', roles: ['Owner'], twoFactorEnabled: false },
  ],
  channels: [],
  consents: [{ kind: 'PrivacyPolicy', action: 'Granted', documentVersion: '2026-04-12', occurredAt: '2026-11-01T10:00:00Z', userId: 'u1' }],
  receipts: [],
};

describe('the back-office', () => {
  it('is where platform staff land after signing in', async () => {
    getCurrentAccount.mockResolvedValue(support);
    vi.mocked(adminClient.searchTenants).mockResolvedValue({ items: [] });

    const { router } = renderRoute('/sign-in');

    expect(await screen.findByRole('heading', { name: 'Mijozlar' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/admin/tenants');
    expect(screen.getByRole('link', { name: 'Boshqaruv paneli' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Audit jurnali' })).not.toBeInTheDocument();
  });

  it('sends staff from a tenant page to the back-office instead of saying they are not the owner', async () => {
    getCurrentAccount.mockResolvedValue(admin);
    vi.mocked(adminClient.searchTenants).mockResolvedValue({ items: [] });

    const { router } = renderRoute('/billing');

    expect(await screen.findByRole('heading', { name: 'Mijozlar' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/admin/tenants');
    expect(screen.queryByText('Bu sahifa faqat hisob egasi uchun.')).not.toBeInTheDocument();
  });

  it('is refused to a tenant owner', async () => {
    getCurrentAccount.mockResolvedValue(demoAccount);

    renderRoute('/admin/tenants');

    expect(await screen.findByText('Bu sahifa faqat VirtuOps xodimlari uchun.')).toBeInTheDocument();
    expect(adminClient.searchTenants).not.toHaveBeenCalled();
  });

  it('finds tenants by what staff type and loads more with the cursor', async () => {
    getCurrentAccount.mockResolvedValue(support);
    const search = vi.mocked(adminClient.searchTenants).mockImplementation((text, _plan, _status, cursor) =>
      Promise.resolve(
        !text
          ? { items: [] }
          : cursor
            ? { items: [tenantRow('t2', 'Oila Market 2')] }
            : { items: [tenantRow('t1', 'Oila Market')], nextCursor: 't1' },
      ),
    );
    renderRoute('/admin/tenants');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Nomi, ID, e-mail yoki telefon'), 'oila');
    await user.selectOptions(screen.getByLabelText('Holat'), 'Trialing');
    await user.click(screen.getByRole('button', { name: 'Topish' }));

    expect(await screen.findByRole('link', { name: 'Oila Market' })).toHaveAttribute('href', '/admin/tenants/t1');
    expect(search).toHaveBeenLastCalledWith('oila', undefined, 'Trialing', undefined, 50, expect.anything());
    await user.click(screen.getByRole('button', { name: 'Yana koʻrsatish' }));
    expect(await screen.findByRole('link', { name: 'Oila Market 2' })).toBeInTheDocument();
    expect(search).toHaveBeenLastCalledWith('oila', undefined, 'Trialing', 't1', 50, expect.anything());
    expect(screen.getAllByTestId('admin-tenant-row')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Yana koʻrsatish' })).not.toBeInTheDocument();
  });

  it('suspends a tenant only after a confirmation with a reason, showing the server field error', async () => {
    getCurrentAccount.mockResolvedValue(support);
    vi.mocked(adminClient.getTenantProfile).mockResolvedValue(profile);
    const suspend = vi
      .mocked(adminClient.suspendTenant)
      .mockRejectedValueOnce(problemOf(400, { errors: { Reason: ["'Reason' must not be empty."] } } as never))
      .mockResolvedValueOnce();
    renderRoute('/admin/tenants/t1');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Toʻxtatish' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Mijozni toʻxtatasizmi?' });
    expect(suspend).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Toʻxtatish' }));
    expect(await within(dialog).findByText("'Reason' must not be empty.")).toBeInTheDocument();

    await user.type(within(dialog).getByLabelText('Sabab (audit jurnaliga yoziladi)'), 'Spam reported');
    await user.click(within(dialog).getByRole('button', { name: 'Toʻxtatish' }));

    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(suspend).toHaveBeenLastCalledWith('t1', { id: 't1', reason: 'Spam reported' });
  });

  it("resets the owner's two-factor sign-in with the identity check noted, and resends an issued receipt", async () => {
    getCurrentAccount.mockResolvedValue(support);
    vi.mocked(adminClient.getTenantProfile).mockResolvedValue({
      ...profile,
      users: profile.users.map((u) => ({ ...u, twoFactorEnabled: true })),
      receipts: [
        { id: 'r1', chargeId: 'c1', amountTiyin: 49_900_000, chargedAt: '2026-11-01T10:00:00Z', url: 'https://ofd.soliq.uz/check?t=1', emailedAt: '2026-11-01T10:01:00Z' },
        { id: 'r2', chargeId: 'c2', amountTiyin: 49_900_000, chargedAt: '2026-12-01T10:00:00Z' },
      ],
    });
    const reset = vi.mocked(adminClient.resetOwnerTwoFactor).mockResolvedValue({ ownersReset: 1 });
    const resend = vi.mocked(adminClient.resendReceipt).mockResolvedValue();
    renderRoute('/admin/tenants/t1');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Egasining ikki bosqichli kirishini oʻchirish' }));
    const resetDialog = screen.getByRole('alertdialog', { name: 'Egasining ikki bosqichli kirishi oʻchirilsinmi?' });
    await user.type(within(resetDialog).getByLabelText('Shaxs qanday tekshirildi'), 'Called back +998901234567');
    await user.click(within(resetDialog).getByRole('button', { name: 'Egasining ikki bosqichli kirishini oʻchirish' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(reset).toHaveBeenCalledWith('t1', { id: 't1', reason: 'Called back +998901234567' });

    const [issued, pending] = screen.getAllByTestId('receipt');
    expect(within(pending).queryByRole('button', { name: 'Qayta yuborish' })).not.toBeInTheDocument();
    await user.click(within(issued).getByRole('button', { name: 'Qayta yuborish' }));
    const resendDialog = screen.getByRole('alertdialog', { name: 'Bu chek egasiga yana yuborilsinmi?' });
    await user.type(within(resendDialog).getByLabelText('Sabab (audit jurnaliga yoziladi)'), 'Owner lost the e-mail');
    await user.click(within(resendDialog).getByRole('button', { name: 'Qayta yuborish' }));
    await waitFor(() => expect(resend).toHaveBeenCalledWith('t1', 'r1', { id: 't1', receiptId: 'r1', reason: 'Owner lost the e-mail' }));
  });

  it('extends a trial by the days and reason typed and shows the new end', async () => {
    getCurrentAccount.mockResolvedValue(support);
    vi.mocked(adminClient.getTenantProfile).mockResolvedValue(profile);
    const extend = vi.mocked(adminClient.extendTrial).mockResolvedValue({ endsAt: '2026-12-08T00:00:00Z' });
    renderRoute('/admin/tenants/t1');
    const user = userEvent.setup();

    const form = await screen.findByRole('form', { name: 'Sinov muddatini uzaytirish' });
    const days = within(form).getByLabelText('Sinov muddati bugundan shuncha kungacha (1–90)');
    await user.clear(days);
    await user.type(days, '30');
    await user.type(within(form).getByLabelText('Sabab (audit jurnaliga yoziladi)'), 'Needs more time');
    await user.click(within(form).getByRole('button', { name: 'Sinov muddatini uzaytirish' }));

    expect(await within(form).findByRole('status')).toHaveTextContent('Sinov muddati endi tugaydi:');
    expect(extend).toHaveBeenCalledWith('t1', { id: 't1', days: 30, reason: 'Needs more time' });
  });

  it('shows admins the audit log and pages it with the cursor the log returned', async () => {
    getCurrentAccount.mockResolvedValue(admin);
    const entry = (id: number, reason: string) => ({
      id,
      occurredAt: '2026-12-07T10:00:00Z',
      actorRole: 'Support',
      operation: 'POST /api/admin/tenants/{id}/suspend',
      path: '/api/admin/tenants/t1/suspend',
      tenantId: 't1',
      reason,
      statusCode: 204,
    });
    const log = vi
      .mocked(adminClient.getStaffAuditLog)
      .mockImplementation((cursor) =>
        Promise.resolve(cursor ? { items: [entry(7, 'Older')] } : { items: [entry(9, 'Spam reported')], nextCursor: 'AAAAAAAAAAk' }),
      );
    renderRoute('/admin/audit-log?tenantId=t1');
    const user = userEvent.setup();

    expect(await screen.findByText('Spam reported')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Yana koʻrsatish' }));

    expect(await screen.findByText('Older')).toBeInTheDocument();
    expect(log).toHaveBeenLastCalledWith('AAAAAAAAAAk', 50, 't1', undefined, undefined, undefined, undefined, expect.anything());
    expect(screen.getAllByTestId('audit-entry')).toHaveLength(2);
  });

  it('does not read a tenant’s conversations or knowledge without the owner’s grant', async () => {
    getCurrentAccount.mockResolvedValue(support);
    vi.mocked(adminClient.getTenantProfile).mockResolvedValue(profile);
    renderRoute('/admin/tenants/t1');

    expect(await screen.findByTestId('access-grant')).toHaveTextContent('egasining ruxsati kerak');
    expect(adminClient.getTenantConversations).not.toHaveBeenCalled();
    expect(adminClient.getTenantKnowledge).not.toHaveBeenCalled();
  });

  it('shows a tenant’s conversations, messages and knowledge while the owner’s grant runs', async () => {
    getCurrentAccount.mockResolvedValue(support);
    vi.mocked(adminClient.getTenantProfile).mockResolvedValue({
      ...profile,
      accessGrant: { id: 'g1', reason: 'Ticket 4711', grantedAt: '2026-11-02T10:00:00Z', expiresAt: '2026-11-03T10:00:00Z' },
    });
    vi.mocked(adminClient.getTenantConversations).mockResolvedValue({
      items: [
        {
          id: 'c1',
          botId: 'b1',
          botName: 'Doʻkon boti',
          contactName: 'Aziza',
          contactExternalId: 'v1',
          channel: 'Widget',
          status: 'Bot',
          lastMessageAt: '2026-11-02T11:00:00Z',
          lastMessagePreview: 'Salom',
          unreadCount: 0,
          contactId: 'p1',
        },
      ],
    });
    vi.mocked(adminClient.getTenantConversationMessages).mockResolvedValue({
      items: [
        {
          id: 'm1',
          conversationId: 'c1',
          direction: 'Inbound',
          author: 'Contact',
          text: 'Salom',
          sentAt: '2026-11-02T11:00:00Z',
          deliveryStatus: 'Delivered',
          contentType: 'Text',
        },
      ],
    });
    vi.mocked(adminClient.getTenantKnowledge).mockResolvedValue({
      items: [
        { id: 'k1', botId: 'b1', questions: ['Ish vaqti?'], answer: '9:00 dan 21:00 gacha', source: 'Manual', lastModified: '2026-11-02T10:00:00Z', version: 1 },
      ],
    });
    renderRoute('/admin/tenants/t1');

    expect(await screen.findByTestId('access-grant')).toHaveTextContent('Ticket 4711');
    expect(await screen.findByTestId('tenant-knowledge')).toHaveTextContent('9:00 dan 21:00 gacha');
    await userEvent.click(await screen.findByRole('button', { name: /Aziza/ }));
    expect(await screen.findByTestId('tenant-message')).toHaveTextContent('Salom');
    expect(adminClient.getTenantConversationMessages).toHaveBeenCalledWith('t1', 'c1', undefined, 20, expect.anything());
  });
});
