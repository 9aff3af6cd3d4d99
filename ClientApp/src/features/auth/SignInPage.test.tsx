import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, authClient } from '../../api/client';
import { demoAccount, problemOf } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const signIn = vi.mocked(authClient.signIn);
const signInWithCode = vi.mocked(authClient.signInWithCode);
const getCurrentAccount = vi.mocked(accountClient.getCurrentAccount);

async function submitCredentials() {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Elektron pochta'), 'admin@virtuops.uz');
  await user.type(screen.getByLabelText('Parol'), 'Demo-parol-2026');
  await user.click(screen.getByRole('button', { name: 'Kirish' }));
  return user;
}

describe('SignInPage', () => {
  it('says the e-mail or password is wrong on 401', async () => {
    signIn.mockRejectedValue(problemOf(401, { detail: 'The e-mail or password is wrong.' }));
    renderRoute('/sign-in');

    await submitCredentials();

    expect(await screen.findByRole('alert')).toHaveTextContent('Elektron pochta yoki parol notoʻgʻri.');
    expect(screen.getByRole('button', { name: 'Kirish' })).toBeEnabled();
  });

  it('signs in without a code when none is required and lands on the profile', async () => {
    signIn.mockResolvedValue({ requiresCode: false });
    renderRoute('/sign-in');
    getCurrentAccount.mockResolvedValue(demoAccount);

    await submitCredentials();

    expect(await screen.findByRole('heading', { name: 'Profil' })).toBeInTheDocument();
    expect(signIn).toHaveBeenCalledWith({ email: 'admin@virtuops.uz', password: 'Demo-parol-2026', rememberMe: false });
  });

  it('asks for the SMS code when the account requires one, shows code errors, then signs in', async () => {
    signIn.mockResolvedValue({ requiresCode: true, maskedPhoneNumber: '+998*******33' });
    signInWithCode.mockRejectedValueOnce({
      status: 400,
      title: 'One or more validation errors occurred.',
      errors: { code: ['The code is wrong. Attempts left: 4.'] },
    });
    renderRoute('/sign-in');
    const user = await submitCredentials();

    expect(await screen.findByRole('heading', { name: 'Kirishni tasdiqlash' })).toBeInTheDocument();
    expect(screen.getByText(/\+998\*{7}33/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('SMS-kod (6 raqam)'), '111111');
    await user.click(screen.getByRole('button', { name: 'Tasdiqlash' }));
    expect(await screen.findByTestId('error-code')).toHaveTextContent('Attempts left: 4.');

    signInWithCode.mockResolvedValue(undefined);
    getCurrentAccount.mockResolvedValue({ ...demoAccount, twoFactorEnabled: true });
    await user.clear(screen.getByLabelText('SMS-kod (6 raqam)'));
    await user.type(screen.getByLabelText('SMS-kod (6 raqam)'), '123456');
    await user.click(screen.getByRole('button', { name: 'Tasdiqlash' }));

    expect(await screen.findByRole('heading', { name: 'Profil' })).toBeInTheDocument();
    expect(signInWithCode).toHaveBeenLastCalledWith({ code: '123456' });
    expect(screen.getByTestId('signed-in-as')).toHaveTextContent('Dilshod Rahimov');
  });

  it('sends the user back to the first step when the pending sign-in has expired', async () => {
    signIn.mockResolvedValue({ requiresCode: true, maskedPhoneNumber: '+998*******33' });
    signInWithCode.mockRejectedValue(problemOf(401));
    renderRoute('/sign-in');
    const user = await submitCredentials();
    await user.type(await screen.findByLabelText('SMS-kod (6 raqam)'), '123456');
    await user.click(screen.getByRole('button', { name: 'Tasdiqlash' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Kirish muddati tugadi');
    await user.click(screen.getByRole('button', { name: 'Qaytadan boshlash' }));

    expect(screen.getByRole('heading', { name: 'Kirish' })).toBeInTheDocument();
  });
});
