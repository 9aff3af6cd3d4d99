import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, platformAccessClient, staffAccessClient } from '../../api/client';
import { demoAccount, demoAgent } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const entry = (id: number, staffRole: string, operation: string, reason?: string) => ({
  id,
  occurredAt: '2026-12-07T10:00:00Z',
  staffRole,
  operation,
  reason,
  statusCode: 200,
});

describe('who from the platform looked at the owner’s data', () => {
  it('lists the staff calls about the tenant with their reasons and loads older ones with the cursor', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(staffAccessClient.getStaffAccessGrant).mockResolvedValue({});
    const get = vi
      .mocked(platformAccessClient.getPlatformAccess)
      .mockImplementation((cursor) =>
        Promise.resolve(
          cursor
            ? { items: [entry(1, 'Admin', 'POST /api/admin/tenants/{id}/extend-trial', 'Customer asked by phone')] }
            : { items: [entry(2, 'Support', 'GET /api/admin/tenants/{id}/conversations', 'Ticket 4711')], nextCursor: 'c1' },
        ),
      );
    renderRoute('/account/security');
    const user = userEvent.setup();

    const [first] = await screen.findAllByTestId('platform-access-entry');
    expect(within(first).getByText('VirtuOps qoʻllab-quvvatlash xizmati')).toBeInTheDocument();
    expect(within(first).getByText('Ticket 4711')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Yana koʻrsatish' }));

    expect(await screen.findByText('Customer asked by phone')).toBeInTheDocument();
    expect(screen.getAllByTestId('platform-access-entry')).toHaveLength(2);
    expect(get).toHaveBeenLastCalledWith('c1', 20, expect.anything());
    expect(screen.queryByRole('button', { name: 'Yana koʻrsatish' })).not.toBeInTheDocument();
  });

  it('is not shown to an agent', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAgent);

    renderRoute('/account/security');

    expect(await screen.findByRole('heading', { level: 1 })).toBeInTheDocument();
    expect(screen.queryByText('VirtuOps xodimlaridan kim maʼlumotlaringizni koʻrgan')).not.toBeInTheDocument();
    expect(platformAccessClient.getPlatformAccess).not.toHaveBeenCalled();
  });
});
