import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, adminClient } from '../../api/client';
import type { AdminChargeDto, CurrentAccountDto } from '../../api/generated/virtuops-api';
import { demoAccount } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const support: CurrentAccountDto = { ...demoAccount, tenantId: undefined, tenantName: undefined, roles: ['Support'] };

const charge = (id: string, tenantId: string, status: AdminChargeDto['status'], failureCode?: string): AdminChargeDto => ({
  id,
  tenantId,
  tenantName: `Shop ${tenantId}`,
  planCode: 'start',
  periodKey: '2026-12',
  attempt: 2,
  amountTiyin: 19_900_000,
  status,
  failureCode,
  attemptedAt: '2026-12-07T03:00:00Z',
  receiptUrl: status === 'Succeeded' ? 'https://ofd.soliq.uz/check?t=1' : undefined,
});

describe('the back-office charges', () => {
  it('filters by status and shows one tenant’s attempts from its row', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(support);
    const get = vi.mocked(adminClient.getCharges).mockImplementation((status, tenantId) =>
      Promise.resolve({
        items: tenantId
          ? [charge('c2', 't2', 'Failed', 'insufficient_funds'), charge('c3', 't2', 'Failed', 'insufficient_funds')]
          : status === 'Failed'
            ? [charge('c2', 't2', 'Failed', 'insufficient_funds')]
            : [charge('c1', 't1', 'Succeeded'), charge('c2', 't2', 'Failed', 'insufficient_funds')],
      }),
    );
    renderRoute('/admin/charges');
    const user = userEvent.setup();

    expect(await screen.findAllByTestId('admin-charge')).toHaveLength(2);
    expect(within(screen.getAllByTestId('admin-charge')[0]).getByRole('link', { name: 'Ochish' })).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Holat'), 'Failed');
    await vi.waitFor(() => expect(screen.getAllByTestId('admin-charge')).toHaveLength(1));
    expect(get).toHaveBeenLastCalledWith('Failed', undefined, undefined, 50, expect.anything());
    expect(screen.getByTestId('admin-charge')).toHaveTextContent('insufficient_funds');

    await user.click(within(screen.getByTestId('admin-charge')).getByRole('button', { name: 'tarix' }));
    await vi.waitFor(() => expect(screen.getAllByTestId('admin-charge')).toHaveLength(2));
    expect(get).toHaveBeenLastCalledWith('Failed', 't2', undefined, 50, expect.anything());
  });
});
