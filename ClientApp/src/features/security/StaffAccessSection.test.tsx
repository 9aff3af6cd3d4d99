import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, staffAccessClient } from '../../api/client';
import { demoAccount, demoAgent, problemOf } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const grant = { id: 'g1', reason: 'Ticket 4711', grantedAt: '2026-12-07T10:00:00Z', expiresAt: '2026-12-08T10:00:00Z' };

describe('the owner’s staff access card on Security', () => {
  it('grants access for the chosen time and reason, showing the server field error first', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    const getGrant = vi.mocked(staffAccessClient.getStaffAccessGrant).mockResolvedValue({});
    const give = vi
      .mocked(staffAccessClient.grantStaffAccess)
      .mockRejectedValueOnce(problemOf(400, { errors: { Reason: ["'Reason' must not be empty."] } } as never))
      .mockResolvedValueOnce(grant);
    renderRoute('/account/security');
    const user = userEvent.setup();

    expect(await screen.findByText('VirtuOps xodimlari yozishmalaringiz va bilimlar bazangizni oʻqiy olmaydi.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Ruxsat berish' }));
    expect(await screen.findByText("'Reason' must not be empty.")).toBeInTheDocument();

    getGrant.mockResolvedValue({ grant });
    await user.selectOptions(screen.getByLabelText('Qancha muddatga'), '7 kun');
    await user.type(screen.getByLabelText('Sabab'), 'Ticket 4711');
    await user.click(screen.getByRole('button', { name: 'Ruxsat berish' }));

    expect(give).toHaveBeenLastCalledWith({ hours: 168, reason: 'Ticket 4711' });
    expect(await screen.findByTestId('staff-access-grant')).toHaveTextContent('Sabab: Ticket 4711');
  });

  it('shows the running grant and ends it', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    const getGrant = vi.mocked(staffAccessClient.getStaffAccessGrant).mockResolvedValue({ grant });
    const revoke = vi.mocked(staffAccessClient.revokeStaffAccess).mockResolvedValue(undefined);
    renderRoute('/account/security');

    expect(await screen.findByTestId('staff-access-grant')).toHaveTextContent('Ticket 4711');
    getGrant.mockResolvedValue({});
    await userEvent.click(screen.getByRole('button', { name: 'Ruxsatni hozir tugatish' }));

    expect(revoke).toHaveBeenCalled();
    expect(await screen.findByRole('button', { name: 'Ruxsat berish' })).toBeInTheDocument();
  });

  it('is the owner’s alone', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAgent);
    renderRoute('/account/security');

    expect(await screen.findByTestId('two-factor-state')).toBeInTheDocument();
    expect(screen.queryByText('VirtuOps qoʻllab-quvvatlash xizmati uchun ruxsat')).not.toBeInTheDocument();
    expect(staffAccessClient.getStaffAccessGrant).not.toHaveBeenCalled();
  });
});
