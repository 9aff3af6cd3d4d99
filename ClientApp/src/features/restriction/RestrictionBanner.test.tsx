import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, privacyClient } from '../../api/client';
import type { CurrentAccountDto } from '../../api/generated/virtuops-api';
import { demoAccount, demoAgent } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const getCurrentAccount = vi.mocked(accountClient.getCurrentAccount);

const restrictedOwner: CurrentAccountDto = {
  ...demoAccount,
  restriction: { restricted: true, since: '2026-12-07T10:00:00Z', ownerRequested: true, withdrawnConsents: [], paymentRequired: false, suspendedByPlatform: false },
};

describe('RestrictionBanner', () => {
  it('says why on every page and makes the app read-only', async () => {
    getCurrentAccount.mockResolvedValue(restrictedOwner);
    renderRoute('/account/profile');

    const banner = await screen.findByRole('region', { name: 'Ushbu hisob maʼlumotlariga ishlov berish cheklangan.' });
    expect(banner).toHaveTextContent('Egasi ishlov berishni cheklashni soʻradi.');
    expect(screen.getByRole('button', { name: 'Saqlash' })).toBeDisabled();
    expect(screen.getByRole('link', { name: /Maxfiylik sahifasida hisobni oʻchirish/ })).toHaveAttribute('href', '/privacy');
  });

  it('tells a suspended tenant that VirtuOps suspended it, and offers no lifting of its own', async () => {
    getCurrentAccount.mockResolvedValue({
      ...demoAccount,
      restriction: { ...restrictedOwner.restriction!, ownerRequested: false, paymentRequired: true, suspendedByPlatform: true },
    });
    renderRoute('/account/profile');

    expect(await screen.findByText(/VirtuOps bu hisobni toʻxtatdi/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Saqlash' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Cheklovni olib tashlash' })).not.toBeInTheDocument();
  });

  it('lets the owner lift the restriction, after which the app can write again', async () => {
    getCurrentAccount.mockResolvedValue(restrictedOwner);
    const lift = vi.mocked(privacyClient.liftRestriction).mockImplementation(() => {
      getCurrentAccount.mockResolvedValue(demoAccount);
      return Promise.resolve({ restricted: false, ownerRequested: false, withdrawnConsents: [], paymentRequired: false, suspendedByPlatform: false });
    });
    renderRoute('/account/profile');

    await userEvent.click(await screen.findByRole('button', { name: 'Cheklovni olib tashlash' }));

    expect(lift).toHaveBeenCalled();
    expect(await screen.findByRole('button', { name: 'Saqlash' })).toBeEnabled();
    expect(screen.queryByTestId('restriction-banner')).not.toBeInTheDocument();
  });

  it('offers to accept a withdrawn Privacy Policy again', async () => {
    getCurrentAccount.mockResolvedValue({
      ...demoAccount,
      documentsToAccept: [{ kind: 'PrivacyPolicy', version: '2026-04-12' }],
      restriction: { restricted: true, since: '2026-12-07T10:00:00Z', ownerRequested: false, withdrawnConsents: ['PrivacyPolicy'], paymentRequired: false, suspendedByPlatform: false },
    });
    const accept = vi.mocked(privacyClient.acceptLegalDocument).mockResolvedValue();
    renderRoute('/account/profile');

    expect(await screen.findByText('Egasi Maxfiylik siyosatiga roziligini qaytarib oldi.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cheklovni olib tashlash' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Hujjatlarni qayta qabul qilish' }));

    expect(accept).toHaveBeenCalledWith('PrivacyPolicy');
  });

  it('tells an agent that only the owner can end it', async () => {
    getCurrentAccount.mockResolvedValue({ ...demoAgent, restriction: restrictedOwner.restriction });
    renderRoute('/account/profile');

    expect(await screen.findByText('Cheklovni faqat egasi olib tashlay oladi.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cheklovni olib tashlash' })).not.toBeInTheDocument();
  });
});
