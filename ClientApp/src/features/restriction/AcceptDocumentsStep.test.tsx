import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, privacyClient } from '../../api/client';
import type { CurrentAccountDto } from '../../api/generated/virtuops-api';
import { demoAccount } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const getCurrentAccount = vi.mocked(accountClient.getCurrentAccount);

const askedToAccept: CurrentAccountDto = { ...demoAccount, documentsToAccept: [{ kind: 'PrivacyPolicy', version: '2027-01-15' }] };

describe('AcceptDocumentsStep', () => {
  it('comes before any page after a new policy version, and lets the user on once they accept it', async () => {
    getCurrentAccount.mockResolvedValue(askedToAccept);
    const accept = vi.mocked(privacyClient.acceptLegalDocument).mockImplementation(() => {
      getCurrentAccount.mockResolvedValue(demoAccount);
      return Promise.resolve();
    });
    renderRoute('/account/profile');

    expect(await screen.findByRole('heading', { name: 'Amaldagi hujjatlarni qabul qiling' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Profil' })).not.toBeInTheDocument();
    const submit = screen.getByRole('button', { name: 'Qabul qilish va davom etish' });
    expect(submit).toBeDisabled();
    await userEvent.click(screen.getByRole('checkbox', { name: /Maxfiylik siyosati.*2027-01-15/ }));
    await userEvent.click(submit);

    expect(accept).toHaveBeenCalledWith('PrivacyPolicy');
    expect(await screen.findByTestId('profile-full-name')).toHaveTextContent(demoAccount.fullName);
  });

  it('leaves the Privacy page reachable, for those who would rather export or erase', async () => {
    getCurrentAccount.mockResolvedValue(askedToAccept);
    renderRoute('/account/profile');

    const link = await screen.findByRole('link', { name: 'Maxfiylik sahifasi' });
    expect(link).toHaveAttribute('href', '/privacy');
  });
});
