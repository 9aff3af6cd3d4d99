import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { accountClient, billingClient } from '../../api/client';
import type { CurrentAccountDto } from '../../api/generated/virtuops-api';
import { demoAccount, demoAgent } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const getCurrentAccount = vi.mocked(accountClient.getCurrentAccount);
const now = new Date('2026-12-07T10:00:00Z');

const paywalledOwner: CurrentAccountDto = {
  ...demoAccount,
  restriction: { restricted: true, since: '2026-12-07T09:00:00Z', ownerRequested: false, withdrawnConsents: [], paymentRequired: true, suspendedByPlatform: false },
};

describe('TrialBanner', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now, toFake: ['Date'] });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts the trial down in days and leads the owner to the plans', async () => {
    getCurrentAccount.mockResolvedValue({ ...demoAccount, trialEndsAt: '2026-12-17T12:00:00Z' });
    renderRoute('/account/profile');

    const banner = await screen.findByRole('region', { name: 'Bepul sinov muddati.' });
    expect(banner).toHaveTextContent('Qolgan kunlar: 10.');
    expect(screen.getByRole('link', { name: 'Tarifni tanlash' })).toHaveAttribute('href', '/billing');
  });

  it('counts the last day down in hours, and tells an agent the owner chooses the plan', async () => {
    getCurrentAccount.mockResolvedValue({ ...demoAgent, trialEndsAt: '2026-12-07T15:30:00Z' });
    renderRoute('/account/profile');

    const banner = await screen.findByRole('region', { name: 'Bepul sinov muddati.' });
    expect(banner).toHaveTextContent('Qolgan soatlar: 6.');
    expect(screen.queryByRole('link', { name: 'Tarifni tanlash' })).not.toBeInTheDocument();
  });

  it('is not shown once the trial is over', async () => {
    getCurrentAccount.mockResolvedValue(demoAccount);
    renderRoute('/account/profile');

    expect(await screen.findByRole('button', { name: 'Saqlash' })).toBeInTheDocument();
    expect(screen.queryByTestId('trial-banner')).not.toBeInTheDocument();
  });
});

describe('The trial paywall', () => {
  it('says the trial ended, makes the app read-only, and leaves the billing page able to pay', async () => {
    getCurrentAccount.mockResolvedValue(paywalledOwner);
    vi.mocked(billingClient.getBilling).mockResolvedValue({
      plans: [{ code: 'biznes', name: 'Biznes', monthlyPriceTiyin: 49_900_000, maxBots: 3, maxChannels: 4, maxMessagesPerMonth: 10_000 }],
      subscription: {
        planCode: 'biznes',
        status: 'Expired',
        currentPeriodEnd: '2026-12-07T09:00:00Z',
        cancelAtPeriodEnd: false,
        nextChargeAt: '2026-12-07T09:00:00Z',
      },
      payments: [],
      paymentFailed: false,
      cardBinding: 'Hosted',
    });
    renderRoute('/account/profile');

    const banner = await screen.findByRole('region', { name: 'Sinov muddatingiz tugadi.' });
    expect(banner).toHaveTextContent('faqat o‘qish uchun');
    expect(screen.getByRole('button', { name: 'Saqlash' })).toBeDisabled();
    expect(screen.getByRole('link', { name: 'Tarifni tanlash va to‘lash' })).toHaveAttribute('href', '/billing');
    cleanup();

    renderRoute('/billing');
    expect(await screen.findByText('Sinov muddati tugagan')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Obuna boʻlish' })).toBeEnabled();
  });
});
