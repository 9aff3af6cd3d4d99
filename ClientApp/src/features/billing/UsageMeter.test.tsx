import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, billingClient } from '../../api/client';
import type { BillingDto, UsageDto } from '../../api/generated/virtuops-api';
import { demoAccount } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const billing: BillingDto = { plans: [], payments: [], paymentFailed: false, cardBinding: 'Hosted' };
const usage = (overrides: Partial<UsageDto>): UsageDto => ({
  planCode: 'biznes',
  planName: 'Biznes',
  bots: { used: 1, limit: 3 },
  channels: { used: 1, limit: 4 },
  messages: { used: 1200, limit: 10000 },
  periodStart: '2026-12-01T00:00:00Z',
  periodEnd: '2027-01-01T00:00:00Z',
  ...overrides,
});

describe('UsageMeter', () => {
  it('shows what is used of each limit of the plan, without a warning well below them', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(billingClient.getBilling).mockResolvedValue(billing);
    vi.mocked(billingClient.getUsage).mockResolvedValue(usage({}));
    renderRoute('/billing');

    expect(await screen.findByTestId('usage-messages')).toHaveTextContent('10 000 tadan 1 200 ta');
    expect(screen.getByTestId('usage-bots')).toHaveTextContent('3 tadan 1 ta');
    expect(screen.getByRole('meter', { name: 'Shu oydagi bot javoblari' })).toHaveAttribute('value', '1200');
    expect(screen.queryByTestId('usage-warning')).not.toBeInTheDocument();
  });

  it('warns from 80 % of a limit and says what happens at it', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(billingClient.getBilling).mockResolvedValue(billing);
    vi.mocked(billingClient.getUsage).mockResolvedValue(usage({ bots: { used: 3, limit: 3 }, messages: { used: 8500, limit: 10000 } }));
    renderRoute('/billing');

    const warning = await screen.findByTestId('usage-warning');
    expect(warning).toHaveTextContent('Botlar: tarif limiti tugadi');
    expect(warning).toHaveTextContent('Shu oydagi bot javoblari: tarif limitining 85% i ishlatildi.');
    expect(warning).not.toHaveTextContent('Ulangan kanallar');
  });
});
