import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient } from '../../api/client';
import { demoAccount, problemOf } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

describe('ProfilePage', () => {
  it('sends a new phone number to verification', async () => {
    const getCurrentAccount = vi.mocked(accountClient.getCurrentAccount);
    getCurrentAccount.mockResolvedValue(demoAccount);
    vi.mocked(accountClient.changePhone).mockResolvedValue({ maskedPhoneNumber: '+998*******77' });
    const { router } = renderRoute('/account/profile');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Mobil telefon raqami'), '+998 93 777 77 77');
    getCurrentAccount.mockResolvedValue({ ...demoAccount, phoneNumber: '+998937777777', phoneNumberConfirmed: false });
    await user.click(screen.getByRole('button', { name: 'Kod yuborish' }));

    expect(await screen.findByRole('heading', { name: 'Telefon raqamini tasdiqlash' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/verify-phone');
    expect(accountClient.changePhone).toHaveBeenCalledWith({ phoneNumber: '+998 93 777 77 77' });
  });

  it('shows a refused request (too many e-mails) and confirms a sent link', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(accountClient.changeEmail)
      .mockRejectedValueOnce(problemOf(429, { detail: 'Too many requests. Try again later.' }))
      .mockResolvedValueOnce(undefined);
    renderRoute('/account/profile');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Yangi elektron pochta'), 'new@example.uz');
    await user.click(screen.getByRole('button', { name: 'Havolani yuborish' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many requests. Try again later.');

    await user.click(screen.getByRole('button', { name: 'Havolani yuborish' }));
    expect(await screen.findByText('new@example.uz manziliga tasdiqlash havolasi yuborildi.')).toBeInTheDocument();
  });

  it('changes the password and says that other devices were signed out', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(accountClient.changePassword).mockResolvedValue(undefined);
    renderRoute('/account/profile');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Joriy parol'), 'Kuchli-parol-2026');
    await user.type(screen.getByLabelText('Yangi parol'), 'Yangi-parol-2027');
    await user.click(screen.getByRole('button', { name: 'Parolni saqlash' }));

    expect(await screen.findByText('Parol oʻzgartirildi. Boshqa qurilmalarda hisobdan chiqildi.')).toBeInTheDocument();
    expect(accountClient.changePassword).toHaveBeenCalledWith({ currentPassword: 'Kuchli-parol-2026', newPassword: 'Yangi-parol-2027' });
    expect(screen.getByLabelText('Joriy parol')).toHaveValue('');
    expect(screen.getByLabelText('Yangi parol')).toHaveValue('');
  });

  it('shows a wrong current password under its field', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(accountClient.changePassword).mockRejectedValue({
      status: 400,
      errors: { currentPassword: ['The current password is wrong.'] },
    });
    renderRoute('/account/profile');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Joriy parol'), 'Not-my-password-1');
    await user.type(screen.getByLabelText('Yangi parol'), 'Yangi-parol-2027');
    await user.click(screen.getByRole('button', { name: 'Parolni saqlash' }));

    expect(await screen.findByTestId('error-currentPassword')).toHaveTextContent('The current password is wrong.');
    expect(screen.getByLabelText('Joriy parol')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText('Parol oʻzgartirildi. Boshqa qurilmalarda hisobdan chiqildi.')).not.toBeInTheDocument();
  });
});
