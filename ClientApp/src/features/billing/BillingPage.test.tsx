import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, billingClient } from '../../api/client';
import type { BillingDto, PlanChangeDto } from '../../api/generated/virtuops-api';
import { loadPage } from '../../navigation';
import { demoAccount } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));
vi.mock('../../navigation', () => ({ loadPage: vi.fn() }));

const plans: BillingDto['plans'] = [
  { code: 'start', name: 'Start', monthlyPriceTiyin: 19_900_000, maxBots: 1, maxChannels: 2, maxMessagesPerMonth: 2000 },
  { code: 'biznes', name: 'Biznes', monthlyPriceTiyin: 49_900_000, maxBots: 5, maxChannels: 5, maxMessagesPerMonth: 20000 },
];
const noSubscription: BillingDto = { plans, payments: [], paymentFailed: false, cardBinding: 'Hosted' };
const subscribed: BillingDto = {
  plans,
  subscription: {
    planCode: 'start',
    status: 'Active',
    currentPeriodEnd: '2026-06-20T10:00:00Z',
    cancelAtPeriodEnd: false,
    nextChargeAt: '2026-06-20T10:00:00Z',
  },
  card: { maskedPan: '860000******0031', cardType: 'UzCard', expiryYyMm: '3907' },
  payments: [
    {
      id: 'p1',
      periodKey: '2026-05-20',
      planCode: 'start',
      amountTiyin: 19_900_000,
      status: 'Succeeded',
      attemptedAt: '2026-05-20T10:00:00Z',
      receiptUrl: 'https://ofd.soliq.uz/check?t=1',
    },
  ],
  paymentFailed: false,
  cardBinding: 'Hosted',
};

describe('BillingPage', () => {
  it('shows plan prices in so‘m and sends the browser to Paylov to subscribe', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(billingClient.getBilling).mockResolvedValue(noSubscription);
    vi.mocked(billingClient.startCheckout).mockResolvedValue({ checkoutId: 'c1', redirectUrl: 'https://paylov.example/pay/s1' });
    renderRoute('/billing');

    const plan = await screen.findByTestId('plan-biznes');
    expect(plan).toHaveTextContent('499 000 so‘m / oy');
    expect(plan).toHaveTextContent('Oyiga xabarlar: 20 000');
    await userEvent.click(within(plan).getByRole('button', { name: 'Obuna boʻlish' }));

    expect(billingClient.startCheckout).toHaveBeenCalledWith({ planCode: 'biznes', purpose: 'Subscribe' });
    await vi.waitFor(() => expect(loadPage).toHaveBeenCalledWith('https://paylov.example/pay/s1'));
  });

  it('shows the subscription, the card, receipts, and replaces the card through Paylov', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(billingClient.getBilling).mockResolvedValue(subscribed);
    vi.mocked(billingClient.startCheckout).mockResolvedValue({ checkoutId: 'c2', redirectUrl: 'https://paylov.example/pay/s2' });
    renderRoute('/billing');

    expect(await screen.findByTestId('subscription')).toHaveTextContent('Faol');
    expect(screen.getByTestId('card')).toHaveTextContent('860000******0031 · UzCard · amal qilish muddati 07/39');
    const payment = screen.getByTestId('payment');
    expect(payment).toHaveTextContent('199 000 so‘m');
    const receipt = within(payment).getByRole('link', { name: 'Chekni ochish' });
    expect(receipt).toHaveAttribute('href', 'https://ofd.soliq.uz/check?t=1');
    expect(receipt).toHaveAttribute('target', '_blank');

    await userEvent.click(screen.getByRole('button', { name: 'Kartani almashtirish' }));
    expect(billingClient.startCheckout).toHaveBeenCalledWith({ planCode: 'start', purpose: 'UpdateCard' });
  });

  it('changes to a cheaper plan from the next period, warning about the limits the usage exceeds', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(billingClient.getBilling).mockResolvedValue({ ...subscribed, subscription: { ...subscribed.subscription!, planCode: 'biznes' } });
    const change: PlanChangeDto = {
      planCode: 'start',
      immediate: false,
      amountTiyin: 0,
      effectiveAt: '2026-06-20T10:00:00Z',
      exceededLimits: [{ limit: 'bots', used: 5, allowed: 1 }],
    };
    vi.mocked(billingClient.getPlanChange).mockResolvedValue(change);
    vi.mocked(billingClient.changePlan).mockResolvedValue(change);
    renderRoute('/billing');
    const user = userEvent.setup();

    await user.click(within(await screen.findByTestId('plan-start')).getByRole('button', { name: 'Keyingi davrdan shu tarifga oʻtish' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Start tarifiga oʻtilsinmi?' });
    expect(dialog).toHaveTextContent('Tarif keyingi davrdan kuchga kiradi');
    expect(within(dialog).getByTestId('plan-change-warning')).toHaveTextContent('Botlar: 5 ta, tarif 1 taga ruxsat beradi');
    expect(billingClient.changePlan).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole('button', { name: 'Keyingi davrdan oʻtish' }));
    expect(billingClient.changePlan).toHaveBeenCalledWith({ planCode: 'start' });
  });

  it('in a trial with a card on file, switches to a dearer plan at once without a charge', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(billingClient.getBilling).mockResolvedValue({ ...subscribed, subscription: { ...subscribed.subscription!, status: 'Trialing' }, payments: [] });
    const change: PlanChangeDto = { planCode: 'biznes', immediate: true, amountTiyin: 0, effectiveAt: '2026-06-08T10:00:00Z', exceededLimits: [] };
    vi.mocked(billingClient.getPlanChange).mockResolvedValue(change);
    vi.mocked(billingClient.changePlan).mockResolvedValue(change);
    renderRoute('/billing');
    const user = userEvent.setup();

    const plan = await screen.findByTestId('plan-biznes');
    expect(within(plan).queryByRole('button', { name: 'Obuna boʻlish' })).not.toBeInTheDocument();
    await user.click(within(plan).getByRole('button', { name: 'Hozir oʻtish' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Biznes tarifiga oʻtilsinmi?' });
    expect(dialog).toHaveTextContent('Sinov davrida hech narsa yechilmaydi');

    await user.click(within(dialog).getByRole('button', { name: 'Hozir oʻtish' }));
    expect(billingClient.changePlan).toHaveBeenCalledWith({ planCode: 'biznes' });
  });

  it('shows the prorated price of an upgrade before charging it', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(billingClient.getBilling).mockResolvedValue(subscribed);
    const change: PlanChangeDto = { planCode: 'biznes', immediate: true, amountTiyin: 12_000_000, effectiveAt: '2026-06-08T10:00:00Z', exceededLimits: [] };
    vi.mocked(billingClient.getPlanChange).mockResolvedValue(change);
    vi.mocked(billingClient.changePlan).mockResolvedValue(change);
    renderRoute('/billing');
    const user = userEvent.setup();

    await user.click(within(await screen.findByTestId('plan-biznes')).getByRole('button', { name: 'Hozir oʻtish' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Biznes tarifiga oʻtilsinmi?' });
    expect(within(dialog).getByTestId('plan-change-price')).toHaveTextContent('Kartangizdan 120 000 so‘m yechiladi');
    expect(billingClient.getPlanChange).toHaveBeenCalledWith('biznes', expect.anything());
    expect(billingClient.changePlan).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole('button', { name: '120 000 so‘m toʻlab oʻtish' }));
    expect(billingClient.changePlan).toHaveBeenCalledWith({ planCode: 'biznes' });
  });

  it('asks before cancelling, saying what cancelling does', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(billingClient.getBilling).mockResolvedValue(subscribed);
    vi.mocked(billingClient.cancelSubscription).mockResolvedValue(undefined);
    renderRoute('/billing');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Obunani bekor qilish' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Obuna bekor qilinsinmi?' });
    expect(dialog).toHaveTextContent('Boshqa toʻlov olinmaydi.');
    expect(dialog).toHaveTextContent('Karta maʼlumotlari oʻchiriladi.');
    expect(dialog).toHaveTextContent('Xizmat toʻlangan davr oxirigacha ishlaydi');
    expect(billingClient.cancelSubscription).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole('button', { name: 'Ha, bekor qilish' }));
    expect(billingClient.cancelSubscription).toHaveBeenCalledOnce();
  });

  it('shows an ending subscription with its end date instead of the next charge', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(billingClient.getBilling).mockResolvedValue({
      ...subscribed,
      card: undefined,
      subscription: { ...subscribed.subscription!, cancelAtPeriodEnd: true, nextChargeAt: undefined },
    });
    renderRoute('/billing');

    const subscription = await screen.findByTestId('subscription');
    expect(subscription).toHaveTextContent('Davr oxirida tugaydi');
    expect(subscription).toHaveTextContent('Tugash sanasi');
    expect(screen.queryByRole('button', { name: 'Obunani bekor qilish' })).not.toBeInTheDocument();
  });

  it('shows the payment-failed banner app-wide to the owner', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(billingClient.getBilling).mockResolvedValue({
      ...subscribed,
      subscription: { ...subscribed.subscription!, status: 'PastDue' },
      paymentFailed: true,
    });
    renderRoute('/account/profile');

    const banner = await screen.findByTestId('payment-failed-banner');
    expect(banner).toHaveTextContent('Toʻlov amalga oshmadi — kartani yangilang.');
    expect(within(banner).getByRole('link', { name: 'Kartani yangilash' })).toHaveAttribute('href', '/billing');
  });

  it('shows no banner when payments are fine', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(billingClient.getBilling).mockResolvedValue(subscribed);
    renderRoute('/billing');

    expect(await screen.findByTestId('subscription')).toBeInTheDocument();
    expect(screen.queryByTestId('payment-failed-banner')).not.toBeInTheDocument();
  });
});
