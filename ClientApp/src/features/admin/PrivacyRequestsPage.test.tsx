import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, adminClient } from '../../api/client';
import type { CurrentAccountDto, QueuedPrivacyRequestDto } from '../../api/generated/virtuops-api';
import { demoAccount, problemOf } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const support: CurrentAccountDto = {
  ...demoAccount,
  userId: 'staff-1',
  fullName: 'Support Agent',
  email: 'support@virtuops.uz',
  tenantId: undefined,
  tenantName: undefined,
  roles: ['Support'],
};

const request = (id: string, extra: Partial<QueuedPrivacyRequestDto> = {}): QueuedPrivacyRequestDto => ({
  id,
  kind: 'Access',
  status: 'Received',
  email: `${id}@example.uz`,
  text: 'Menga maʼlumotlarimni yuboring',
  receivedAt: '2026-11-10T10:00:00Z',
  dueAt: '2026-12-01T10:00:00Z',
  businessDaysLeft: 3,
  overdue: false,
  ...extra,
});

describe('the privacy requests queue', () => {
  it('lists requests in the server’s order with the due date and business days left, overdue ones marked', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(support);
    vi.mocked(adminClient.getPrivacyRequestQueue).mockResolvedValue({
      items: [request('late', { overdue: true, businessDaysLeft: -2 }), request('soon', { assignedToUserId: 'staff-1', status: 'InProgress' })],
    });
    renderRoute('/admin/tenants');

    await userEvent.click(await screen.findByRole('link', { name: 'Maʼlumotlar boʻyicha soʻrovlar' }));

    const [late, soon] = await screen.findAllByTestId('privacy-request');
    expect(within(late!).getByTestId('days-left')).toHaveTextContent('Muddati oʻtgan ish kunlari: 2');
    expect(within(late!).getByTestId('days-left')).toHaveClass('overdue');
    expect(within(late!).getByText('late@example.uz')).toBeInTheDocument();
    expect(within(soon!).getByTestId('days-left')).toHaveTextContent('Qolgan ish kunlari: 3');
    expect(within(soon!).getByText('Menga biriktirilgan')).toBeInTheDocument();
    expect(within(soon!).queryByRole('button', { name: 'Oʻzimga olish' })).not.toBeInTheDocument();
    expect(adminClient.getPrivacyRequestQueue).toHaveBeenLastCalledWith(false, undefined, 50, expect.anything());
  });

  it('assigns a request to the signed-in staff member', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(support);
    vi.mocked(adminClient.getPrivacyRequestQueue).mockResolvedValue({ items: [request('r1')] });
    const assign = vi.mocked(adminClient.assignPrivacyRequest).mockResolvedValue();
    renderRoute('/admin/privacy-requests');

    await userEvent.click(await screen.findByRole('button', { name: 'Oʻzimga olish' }));

    expect(assign).toHaveBeenCalledWith('r1');
    await waitFor(() => expect(adminClient.getPrivacyRequestQueue).toHaveBeenCalledTimes(2));
  });

  it('sends an answer only after a confirmation, showing the server’s field error', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(support);
    vi.mocked(adminClient.getPrivacyRequestQueue).mockResolvedValue({ items: [request('r1')] });
    const answer = vi
      .mocked(adminClient.answerPrivacyRequest)
      .mockRejectedValueOnce(problemOf(400, { errors: { Answer: ["'Answer' must not be empty."] } } as never))
      .mockResolvedValueOnce();
    renderRoute('/admin/privacy-requests');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Javob berish' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Javob yuborilsinmi?' });
    expect(dialog).toHaveTextContent('r1@example.uz');
    await user.click(within(dialog).getByRole('button', { name: 'Javobni yuborish' }));
    expect(await within(dialog).findByText("'Answer' must not be empty.")).toBeInTheDocument();

    await user.type(within(dialog).getByLabelText('Javob'), 'Maʼlumotlaringiz ilova qilindi.');
    await user.click(within(dialog).getByRole('button', { name: 'Javobni yuborish' }));

    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(answer).toHaveBeenLastCalledWith('r1', { id: 'r1', answer: 'Maʼlumotlaringiz ilova qilindi.' });
  });

  it('rejects with a reason after a confirmation, and cancelling sends nothing', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(support);
    vi.mocked(adminClient.getPrivacyRequestQueue).mockResolvedValue({ items: [request('r1')] });
    const reject = vi.mocked(adminClient.rejectPrivacyRequest).mockResolvedValue();
    renderRoute('/admin/privacy-requests');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Rad etish' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Bekor qilish' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Rad etish' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Soʻrov rad etilsinmi?' });
    await user.type(within(dialog).getByLabelText('Sabab (soʻrovchiga yuboriladi)'), 'Shaxsingiz tasdiqlanmadi');
    await user.click(within(dialog).getByRole('button', { name: 'Rad etish' }));

    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(reject).toHaveBeenCalledTimes(1);
    expect(reject).toHaveBeenLastCalledWith('r1', { id: 'r1', reason: 'Shaxsingiz tasdiqlanmadi' });
  });

  it('loads more with the cursor and can include closed requests', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(support);
    const queue = vi.mocked(adminClient.getPrivacyRequestQueue).mockImplementation((includeClosed, cursor) =>
      Promise.resolve(
        includeClosed
          ? { items: [request('done', { status: 'Answered', answer: 'Yuborildi.' })] }
          : cursor
            ? { items: [request('later')] }
            : { items: [request('first')], nextCursor: 'c1' },
      ),
    );
    renderRoute('/admin/privacy-requests');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Yana koʻrsatish' }));
    expect(await screen.findByText('later@example.uz')).toBeInTheDocument();
    expect(queue).toHaveBeenLastCalledWith(false, 'c1', 50, expect.anything());

    await user.click(screen.getByLabelText('Javob berilgan va rad etilganlarini ham koʻrsatish'));
    expect(await screen.findByText('Yuborildi.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Javob berish' })).not.toBeInTheDocument();
  });
});
