import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient } from '../../api/client';
import type { SessionDto } from '../../api/generated/virtuops-api';
import { demoAccount } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const session = (id: string, extra: Partial<SessionDto> = {}): SessionDto => ({
  id,
  createdAt: '2026-04-20T10:00:00Z',
  lastSeenAt: '2026-04-20T11:00:00Z',
  userAgent: 'Chromium',
  ipAddress: '203.0.113.7',
  isCurrent: false,
  ...extra,
});

describe('SecurityPage', () => {
  it('turns two-factor sign-in on', async () => {
    const getCurrentAccount = vi.mocked(accountClient.getCurrentAccount);
    getCurrentAccount.mockResolvedValue(demoAccount);
    vi.mocked(accountClient.setTwoFactor).mockResolvedValue(undefined);
    renderRoute('/account/security');

    expect(await screen.findByTestId('two-factor-state')).toHaveTextContent('oʻchirilgan');
    getCurrentAccount.mockResolvedValue({ ...demoAccount, twoFactorEnabled: true });
    await userEvent.click(screen.getByRole('button', { name: 'Yoqish' }));

    expect(await screen.findByText('Ikki bosqichli kirish yoqilgan.')).toBeInTheDocument();
    expect(accountClient.setTwoFactor).toHaveBeenCalledWith({ enabled: true });
    expect(screen.getByRole('button', { name: 'Oʻchirish' })).toBeInTheDocument();
  });

  it('lists active and ended sessions and ends another one', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(accountClient.getMySessions).mockResolvedValue([
      session('current', { isCurrent: true }),
      session('other'),
      session('old', { endedAt: '2026-04-19T09:00:00Z' }),
    ]);
    vi.mocked(accountClient.endSession).mockResolvedValue(undefined);
    renderRoute('/account/security');

    const [current, other, old] = await screen.findAllByTestId('session');
    expect(current).toHaveTextContent('Shu qurilma');
    expect(within(current!).queryByRole('button')).not.toBeInTheDocument();
    expect(old).toHaveTextContent('Tugagan:');
    expect(within(old!).queryByRole('button')).not.toBeInTheDocument();

    await userEvent.click(within(other!).getByRole('button', { name: 'Seansni tugatish' }));

    expect(accountClient.endSession).toHaveBeenCalledWith('other');
  });
});
