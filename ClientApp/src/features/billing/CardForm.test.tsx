import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, billingClient } from '../../api/client';
import type { BillingDto } from '../../api/generated/virtuops-api';
import { demoAccount, problemOf } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';
import { expiryProblem, groupCardNumber, isAcceptableCardNumber } from './cardNumber';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));
vi.mock('../../navigation', () => ({ loadPage: vi.fn() }));

const direct: BillingDto = {
  plans: [{ code: 'start', name: 'Start', monthlyPriceTiyin: 19_900_000, maxBots: 1, maxChannels: 2, maxMessagesPerMonth: 2000 }],
  payments: [],
  paymentFailed: false,
  cardBinding: 'Direct',
};

describe('card number checks', () => {
  it('accepts UzCard, Humo and Visa numbers that pass the Luhn check, as the server does', () => {
    expect(isAcceptableCardNumber('8600000000000031')).toBe(true);
    expect(isAcceptableCardNumber('9860000000000018')).toBe(true);
    expect(isAcceptableCardNumber('4111111111111111')).toBe(true);
    expect(isAcceptableCardNumber('8600000000000032')).toBe(false); // Luhn
    expect(isAcceptableCardNumber('5555555555554444')).toBe(false); // Mastercard
    expect(isAcceptableCardNumber('860000000000031')).toBe(false); // 15 digits
  });

  it('groups the number by four and refuses an expiry that is not a month or already past', () => {
    expect(groupCardNumber('86000000000000319')).toBe('8600 0000 0000 0031');
    const today = new Date(Date.UTC(2026, 11, 7));
    expect(expiryProblem('12/26', today)).toBeNull();
    expect(expiryProblem('11/26', today)).toBe('expired');
    expect(expiryProblem('13/30', today)).toBe('invalid');
  });
});

describe('CardForm on the billing page', () => {
  it('checks the card here, sends it once, then confirms the SMS code with the attempts left shown after a wrong one', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(billingClient.getBilling).mockResolvedValue(direct);
    vi.mocked(billingClient.startCardBinding).mockResolvedValue({
      bindingId: 'b1',
      maskedPhone: '********0000',
      expiresAt: '2039-01-01T10:02:00Z',
      attemptsLeft: 3,
    });
    vi.mocked(billingClient.confirmCardBinding)
      .mockRejectedValueOnce(problemOf(400, { detail: 'SMS kodi notoʻgʻri. Qolgan urinishlar: 2.', code: 'invalid_otp', attemptsLeft: 2 } as never))
      .mockResolvedValueOnce({ status: 'Completed' });
    renderRoute('/billing');
    const user = userEvent.setup();

    await user.click(within(await screen.findByTestId('plan-start')).getByRole('button', { name: 'Obuna boʻlish' }));
    const form = await screen.findByTestId('card-form');
    await user.type(within(form).getByLabelText(/Karta raqami/), '8600000000000032');
    await user.type(within(form).getByLabelText('Amal qilish muddati'), '0739');
    await user.click(within(form).getByRole('button', { name: 'Davom etish' }));
    expect(await within(form).findByTestId('error-cardNumber')).toHaveTextContent('Toʻgʻri UzCard, Humo yoki Visa karta raqamini kiriting');
    expect(billingClient.startCardBinding).not.toHaveBeenCalled();

    const number = within(form).getByLabelText(/Karta raqami/);
    await user.clear(number);
    await user.type(number, '8600000000000031');
    expect(number).toHaveValue('8600 0000 0000 0031');
    await user.click(within(form).getByRole('button', { name: 'Davom etish' }));
    expect(billingClient.startCardBinding).toHaveBeenCalledWith({ cardNumber: '8600000000000031', expiry: '07/39', planCode: 'start', purpose: 'Subscribe' });

    const otpForm = await screen.findByTestId('card-otp-form');
    expect(otpForm).toHaveTextContent('Paylov ********0000 raqamiga kod yubordi.');
    expect(within(otpForm).getByTestId('otp-attempts')).toHaveTextContent('Qolgan urinishlar: 3');
    await user.type(within(otpForm).getByLabelText('SMSdagi kod'), '000000');
    await user.click(within(otpForm).getByRole('button', { name: 'Kartani tasdiqlash' }));
    expect(await within(otpForm).findByRole('alert')).toHaveTextContent('SMS kodi notoʻgʻri');
    expect(within(otpForm).getByTestId('otp-attempts')).toHaveTextContent('Qolgan urinishlar: 2');

    const code = within(otpForm).getByLabelText('SMSdagi kod');
    await user.clear(code);
    await user.type(code, '123456');
    await user.click(within(otpForm).getByRole('button', { name: 'Kartani tasdiqlash' }));
    expect(billingClient.confirmCardBinding).toHaveBeenLastCalledWith({ bindingId: 'b1', otp: '123456' });
    await vi.waitFor(() => expect(screen.queryByTestId('card-otp-form')).not.toBeInTheDocument());
  });

  it('after too many wrong codes offers only a new code, which sends the card again', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(billingClient.getBilling).mockResolvedValue(direct);
    vi.mocked(billingClient.startCardBinding).mockResolvedValue({ bindingId: 'b2', maskedPhone: '********0000', expiresAt: '2039-01-01T10:02:00Z', attemptsLeft: 3 });
    vi.mocked(billingClient.confirmCardBinding).mockRejectedValueOnce(problemOf(400, { code: 'too_many_attempts', attemptsLeft: 0 } as never));
    renderRoute('/billing');
    const user = userEvent.setup();

    await user.click(within(await screen.findByTestId('plan-start')).getByRole('button', { name: 'Obuna boʻlish' }));
    const form = await screen.findByTestId('card-form');
    await user.type(within(form).getByLabelText(/Karta raqami/), '8600000000000031');
    await user.type(within(form).getByLabelText('Amal qilish muddati'), '0739');
    await user.click(within(form).getByRole('button', { name: 'Davom etish' }));
    const otpForm = await screen.findByTestId('card-otp-form');
    await user.type(within(otpForm).getByLabelText('SMSdagi kod'), '999999');
    await user.click(within(otpForm).getByRole('button', { name: 'Kartani tasdiqlash' }));

    await vi.waitFor(() => expect(within(otpForm).queryByLabelText('SMSdagi kod')).not.toBeInTheDocument());
    await user.click(within(otpForm).getByRole('button', { name: 'Yangi kod yuborish' }));
    expect(billingClient.startCardBinding).toHaveBeenCalledTimes(2);
    expect(billingClient.startCardBinding).toHaveBeenLastCalledWith({ cardNumber: '8600000000000031', expiry: '07/39', planCode: 'start', purpose: 'Subscribe' });
  });
});
