import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, adminClient } from '../../api/client';
import type { CurrentAccountDto, OperationsDto } from '../../api/generated/virtuops-api';
import { demoAccount } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const admin: CurrentAccountDto = { ...demoAccount, tenantId: undefined, tenantName: undefined, roles: ['Admin'] };
const support: CurrentAccountDto = { ...admin, roles: ['Support'] };

const operations: OperationsDto = {
  at: '2026-12-07T10:00:00Z',
  inbound: { pending: 3, oldestPendingAt: '2026-12-07T09:58:00Z', failed: 1 },
  outbox: [
    { channel: 'Telegram', pending: 7, oldestPendingAt: '2026-12-07T09:50:00Z', failedLastDay: 2 },
    { channel: 'WhatsApp', pending: 0, failedLastDay: 0 },
    { channel: 'Instagram', pending: 0, failedLastDay: 5 },
  ],
  webhooks: { pending: 12, failed: 4, disabledSubscriptions: 1 },
  receiptsPending: 2,
  exportsRunning: 1,
  jobs: [{ name: 'ChargeSubscriptionsJob', group: 'billing', lastRunAt: '2026-12-07T03:00:00Z', nextRunAt: '2026-12-08T03:00:00Z', paused: false }],
  demoRequests: [
    { id: 'd1', companyName: 'Ops Savdo', fullName: 'Dilnoza Karimova', email: 'dilnoza@ops.uz', phoneNumber: '+998901300073', created: '2026-12-07T08:00:00Z' },
  ],
};

describe('the operations page', () => {
  it('shows each queue with its waiting and failed counts, the jobs and the latest demo requests', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(support);
    vi.mocked(adminClient.getOperations).mockResolvedValue(operations);

    renderRoute('/admin/operations');

    const telegram = await screen.findByTestId('queue-outbox-Telegram');
    expect(within(telegram).getByRole('rowheader')).toHaveTextContent('Telegram');
    expect(within(telegram).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      '7',
      expect.stringMatching(/\S/),
      '2',
    ]);
    expect(within(screen.getByTestId('queue-webhooks')).getByRole('rowheader')).toHaveTextContent('1');
    expect(within(screen.getByTestId('queue-webhooks')).getAllByRole('cell')[0]).toHaveTextContent('12');
    expect(within(screen.getByTestId('queue-receipts')).getAllByRole('cell')[0]).toHaveTextContent('2');
    expect(screen.getByTestId('job')).toHaveTextContent('ChargeSubscriptionsJob');
    expect(screen.getByTestId('demo-request')).toHaveTextContent('Ops Savdo');
    expect(screen.queryByRole('button', { name: 'Maxfiy maʼlumotlarni qayta shifrlash' })).not.toBeInTheDocument();
  });

  it('lets an admin re-encrypt the stored secrets after confirming', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(admin);
    vi.mocked(adminClient.getOperations).mockResolvedValue(operations);
    const rotate = vi.mocked(adminClient.rotateSecretKeys).mockResolvedValue({ reencrypted: 42 });
    const user = userEvent.setup();

    renderRoute('/admin/operations');

    await user.click(await screen.findByRole('button', { name: 'Maxfiy maʼlumotlarni qayta shifrlash' }));
    expect(rotate).not.toHaveBeenCalled();
    const dialog = screen.getByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Maxfiy maʼlumotlarni qayta shifrlash' }));

    expect(await screen.findByText('42 ta maxfiy maʼlumot qayta shifrlandi.')).toBeInTheDocument();
    expect(rotate).toHaveBeenCalledTimes(1);
  });
});
