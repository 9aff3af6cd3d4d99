import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, authClient } from '../../api/client';
import { demoAccount, problemOf } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const getCurrentAccount = vi.mocked(accountClient.getCurrentAccount);

describe('ResetPasswordPage', () => {
  it('shows the browser signed out after the reset, which ended every session of the account', async () => {
    getCurrentAccount.mockResolvedValue(demoAccount);
    vi.mocked(authClient.resetPassword).mockImplementation(() => {
      getCurrentAccount.mockRejectedValue(problemOf(401));
      return Promise.resolve();
    });
    renderRoute('/reset-password?userId=0196f2c4-0000-7000-8000-000000000001&token=abc');
    expect(await screen.findByTestId('signed-in-as')).toHaveTextContent(demoAccount.fullName);
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Yangi parol'), 'Yangi-parol-2027');
    await user.click(screen.getByRole('button', { name: 'Parolni saqlash' }));

    expect(await screen.findByRole('status')).toHaveTextContent('avvalgi barcha kirishlar yakunlandi');
    expect(screen.queryByTestId('signed-in-as')).not.toBeInTheDocument();
  });

  it('lets an invited agent join only by ticking the Privacy Policy, and sends that acceptance', async () => {
    getCurrentAccount.mockRejectedValue(problemOf(401));
    const resetPassword = vi.mocked(authClient.resetPassword).mockResolvedValue();
    renderRoute('/reset-password?userId=0196f2c4-0000-7000-8000-000000000001&token=abc&invited=1');
    const user = userEvent.setup();

    const policy = await screen.findByRole('checkbox', { name: /Maxfiylik siyosati/ });
    expect(policy).not.toBeChecked();
    await user.type(screen.getByLabelText('Yangi parol'), 'Agent-parol-2026');
    await user.click(policy);
    await user.click(screen.getByRole('button', { name: 'Parolni saqlash' }));

    expect(resetPassword).toHaveBeenCalledWith(expect.objectContaining({ newPassword: 'Agent-parol-2026', acceptPrivacyPolicy: true }));
  });
});
