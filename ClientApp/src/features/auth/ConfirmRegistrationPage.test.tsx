import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, authClient } from '../../api/client';
import type { HttpValidationProblemDetails } from '../../api/generated/virtuops-api';
import { demoAccount } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const confirmRegistration = vi.mocked(authClient.confirmRegistration);
const link = '/confirm-registration?userId=0196f2c4-0000-7000-8000-000000000001&token=abc';

describe('ConfirmRegistrationPage', () => {
  it('confirms only on a click, then goes on, signed in, to verify the phone', async () => {
    confirmRegistration.mockImplementation(() => {
      // The confirmation signed the new owner in; the phone is not verified yet.
      vi.mocked(accountClient.getCurrentAccount).mockResolvedValue({ ...demoAccount, phoneNumberConfirmed: false });
      return Promise.resolve();
    });
    renderRoute(link);
    const button = await screen.findByRole('button', { name: 'Tasdiqlash va davom etish' });
    expect(confirmRegistration).not.toHaveBeenCalled();

    await userEvent.click(button);

    expect(await screen.findByRole('heading', { name: 'Telefon raqamini tasdiqlash' })).toBeInTheDocument();
    expect(confirmRegistration).toHaveBeenCalledWith({ userId: '0196f2c4-0000-7000-8000-000000000001', token: 'abc' });
    expect(screen.getByTestId('signed-in-as')).toHaveTextContent(demoAccount.fullName);
  });

  it('says when the link is used or expired and offers the sign-in', async () => {
    const problem: HttpValidationProblemDetails = {
      status: 400,
      title: 'One or more validation errors occurred.',
      errors: { token: ['This link is invalid, expired or already used. Sign in, or sign up again.'] },
    };
    confirmRegistration.mockRejectedValue(problem);
    renderRoute(link);

    await userEvent.click(await screen.findByRole('button', { name: 'Tasdiqlash va davom etish' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('already used');
    expect(screen.getAllByRole('link', { name: 'Kirish' }).length).toBeGreaterThan(0);
  });
});
