import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { accountClient, tenantClient } from '../../api/client';
import { demoAccount, problemOf } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const tenant = { id: demoAccount.tenantId!, name: 'Demo Doʻkon', created: '2026-04-20T10:00:00Z' };

beforeEach(() => {
  vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
});

describe('CompanySettingsPage', () => {
  it('sets the message retention and shows it', async () => {
    vi.mocked(tenantClient.getMyTenant).mockResolvedValue(tenant);
    vi.mocked(tenantClient.setMessageRetention).mockResolvedValue();
    renderRoute('/account/company');
    const user = userEvent.setup();
    expect(await screen.findByTestId('retention-current')).toHaveTextContent('Xabarlar muddatsiz saqlanadi.');

    vi.mocked(tenantClient.getMyTenant).mockResolvedValue({ ...tenant, messageRetentionDays: 90 });
    await user.type(screen.getByLabelText(/Xabarlarni saqlash muddati/), '90');
    await user.click(screen.getByRole('button', { name: 'Saqlash' }));

    expect(tenantClient.setMessageRetention).toHaveBeenCalledWith({ days: 90 });
    expect(await screen.findByTestId('retention-current')).toHaveTextContent('90 kundan eski xabarlar har kecha oʻchiriladi.');
  });

  it('clears the limit when the field is emptied, and shows the server’s field error', async () => {
    vi.mocked(tenantClient.getMyTenant).mockResolvedValue({ ...tenant, messageRetentionDays: 90 });
    vi.mocked(tenantClient.setMessageRetention).mockRejectedValueOnce(
      problemOf(400, { title: 'One or more validation errors occurred.', errors: { days: ['At least 30.'] } } as never),
    );
    renderRoute('/account/company');
    const user = userEvent.setup();
    const field = await screen.findByLabelText(/Xabarlarni saqlash muddati/);

    await user.clear(field);
    await user.type(field, '10');
    await user.click(screen.getByRole('button', { name: 'Saqlash' }));
    expect(await screen.findByTestId('error-days')).toHaveTextContent('At least 30.');

    vi.mocked(tenantClient.setMessageRetention).mockResolvedValue();
    await user.clear(field);
    await user.click(screen.getByRole('button', { name: 'Saqlash' }));
    expect(tenantClient.setMessageRetention).toHaveBeenLastCalledWith({ days: undefined });
  });
});
