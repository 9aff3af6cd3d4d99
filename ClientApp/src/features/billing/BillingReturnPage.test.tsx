import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, billingClient } from '../../api/client';
import { demoAccount } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const checkoutId = '0196f2c4-0000-7000-8000-0000000000c1';

describe('BillingReturnPage', () => {
  it('completes the checkout and shows success', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(billingClient.completeCheckout).mockResolvedValue({ status: 'Completed' });
    renderRoute(`/billing/return?checkout=${checkoutId}`);

    expect(await screen.findByText('Toʻlov muvaffaqiyatli oʻtdi. Chek elektron pochtangizga yuborildi.')).toBeInTheDocument();
    expect(billingClient.completeCheckout).toHaveBeenCalledWith(checkoutId);
    expect(screen.getByRole('link', { name: 'Obuna sahifasiga qaytish' })).toHaveAttribute('href', '/billing');
  });

  it('shows why the card was not accepted', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(billingClient.completeCheckout).mockResolvedValue({ status: 'Failed', failureReason: 'declined' });
    renderRoute(`/billing/return?checkout=${checkoutId}`);

    const result = await screen.findByRole('alert');
    expect(result).toHaveTextContent('Toʻlov amalga oshmadi.');
    expect(result).toHaveTextContent('declined');
  });

  it('asks again while Paylov has not settled the card', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(billingClient.completeCheckout)
      .mockResolvedValueOnce({ status: 'Pending' })
      .mockResolvedValue({ status: 'Completed' });
    renderRoute(`/billing/return?checkout=${checkoutId}`);

    expect(await screen.findByText('Toʻlov tekshirilmoqda…')).toBeInTheDocument();
    expect(
      await screen.findByText('Toʻlov muvaffaqiyatli oʻtdi. Chek elektron pochtangizga yuborildi.', {}, { timeout: 4000 }),
    ).toBeInTheDocument();
    expect(billingClient.completeCheckout).toHaveBeenCalledTimes(2);
  });
});
