import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { accountClient } from '../../api/client';
import { demoAccount, problemOf } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const getCurrentAccount = vi.mocked(accountClient.getCurrentAccount);
const unverified = { ...demoAccount, phoneNumber: '+998905554433', phoneNumberConfirmed: false };

describe('VerifyPhonePage', () => {
  afterEach(() => vi.useRealTimers());

  it('counts down to the next allowed resend when the server says it is too soon', async () => {
    // Only the countdown's clock is faked; the rest of the page keeps real timers.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    getCurrentAccount.mockResolvedValue(unverified);
    vi.mocked(accountClient.sendPhoneCode).mockRejectedValue(problemOf(429, { retryAfter: 42 }));
    renderRoute('/verify-phone');

    await userEvent.click(await screen.findByRole('button', { name: 'Kodni qayta yuborish' }));

    expect(await screen.findByText('Yangi kodni 42 soniyadan soʻng soʻrash mumkin.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Kodni qayta yuborish' })).toBeDisabled();

    act(() => vi.advanceTimersByTime(2000));
    expect(screen.getByText('Yangi kodni 40 soniyadan soʻng soʻrash mumkin.')).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(40_000));
    expect(screen.getByRole('button', { name: 'Kodni qayta yuborish' })).toBeEnabled();
  });

  it('shows a wrong code under the field, and leaves for the profile once the code is accepted', async () => {
    getCurrentAccount.mockResolvedValue(unverified);
    vi.mocked(accountClient.verifyPhone)
      .mockRejectedValueOnce({ status: 400, errors: { code: ['The code is wrong. Attempts left: 4.'] } })
      .mockResolvedValueOnce(undefined);
    const { router } = renderRoute('/verify-phone');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('SMS-kod (6 raqam)'), '000000');
    await user.click(screen.getByRole('button', { name: 'Tasdiqlash' }));
    expect(await screen.findByTestId('error-code')).toHaveTextContent('Attempts left: 4.');

    getCurrentAccount.mockResolvedValue({ ...unverified, phoneNumberConfirmed: true });
    await user.clear(screen.getByLabelText('SMS-kod (6 raqam)'));
    await user.type(screen.getByLabelText('SMS-kod (6 raqam)'), '259582');
    await user.click(screen.getByRole('button', { name: 'Tasdiqlash' }));

    expect(await screen.findByRole('heading', { name: 'Profil' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/account/profile');
    expect(accountClient.verifyPhone).toHaveBeenLastCalledWith({ code: '259582' });
  });
});
