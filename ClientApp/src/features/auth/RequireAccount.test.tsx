import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, authClient, refreshAntiforgeryToken } from '../../api/client';
import { loadPage } from '../../navigation';
import { demoAccount } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));
vi.mock('../../navigation', () => ({ loadPage: vi.fn() }));

const getCurrentAccount = vi.mocked(accountClient.getCurrentAccount);
const agent = { ...demoAccount, fullName: 'Aziz Karimov', roles: ['Agent'] };

describe('the account guard', () => {
  it('sends a signed-out user to sign-in and back to the page they wanted afterwards', async () => {
    vi.mocked(authClient.signIn).mockResolvedValue({ requiresCode: false });
    const { router } = renderRoute('/account/security');

    expect(await screen.findByRole('heading', { name: 'Kirish' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Elektron pochta'), 'demo@virtuops.uz');
    await user.type(screen.getByLabelText('Parol'), 'Demo-parol-2026');
    // Only the sign-in makes the account exist: earlier, a refetch (typing focuses the window) would leave the page.
    getCurrentAccount.mockResolvedValue(demoAccount);
    await user.click(screen.getByRole('button', { name: 'Kirish' }));

    expect(await screen.findByRole('heading', { name: 'Xavfsizlik' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/account/security');
  });

  it('sends a user whose phone is not verified to the verification page', async () => {
    getCurrentAccount.mockResolvedValue({ ...demoAccount, phoneNumberConfirmed: false });

    const { router } = renderRoute('/account/profile');

    expect(await screen.findByRole('heading', { name: 'Telefon raqamini tasdiqlash' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/verify-phone');
  });

  it('asks an invited agent without a phone for a number first', async () => {
    getCurrentAccount.mockResolvedValue({ ...agent, phoneNumber: undefined, phoneNumberConfirmed: false });

    renderRoute('/account/profile');

    expect(await screen.findByLabelText('Mobil telefon raqami')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Kod yuborish' })).toBeInTheDocument();
  });

  it('shows the owner the team and API key pages in the navigation', async () => {
    getCurrentAccount.mockResolvedValue(demoAccount);

    renderRoute('/account/profile');

    const nav = await screen.findByRole('navigation', { name: 'Asosiy menyu' });
    expect(await within(nav).findByRole('link', { name: 'Jamoa' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'API kalitlari' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Kirish' })).not.toBeInTheDocument();
  });

  it('hides owner pages from an agent and refuses them when opened directly', async () => {
    getCurrentAccount.mockResolvedValue(agent);

    renderRoute('/account/team');

    expect(await screen.findByRole('heading', { name: 'Ruxsat yoʻq' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Asosiy menyu' });
    expect(within(nav).getByRole('link', { name: 'Profil' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Jamoa' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'API kalitlari' })).not.toBeInTheDocument();
  });

  it('offers sign-in and sign-up to a signed-out visitor', async () => {
    renderRoute('/');

    const nav = screen.getByRole('navigation', { name: 'Asosiy menyu' });
    expect(await within(nav).findByRole('link', { name: 'Kirish' })).toHaveAttribute('href', '/sign-in');
    expect(within(nav).getByRole('link', { name: 'Roʻyxatdan oʻtish' })).toHaveAttribute('href', '/sign-up');
    expect(within(nav).queryByRole('link', { name: 'Profil' })).not.toBeInTheDocument();
  });

  it('signs out, gets an anonymous antiforgery token and loads the sign-in page afresh', async () => {
    getCurrentAccount.mockResolvedValue(demoAccount);
    vi.mocked(authClient.signOut).mockResolvedValue(undefined);
    renderRoute('/account/profile');

    await userEvent.click(await screen.findByRole('button', { name: 'Chiqish' }));

    await waitFor(() => expect(loadPage).toHaveBeenCalledWith('/sign-in'));
    expect(authClient.signOut).toHaveBeenCalledOnce();
    expect(refreshAntiforgeryToken).toHaveBeenCalledOnce();
  });
});
