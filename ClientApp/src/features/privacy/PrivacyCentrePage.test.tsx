import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, privacyClient } from '../../api/client';
import { demoAccount } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

describe('PrivacyCentrePage', () => {
  it('is reachable from the navigation and holds the consents', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(privacyClient.getMyConsents).mockResolvedValue([]);
    renderRoute('/account/profile');

    await userEvent.click(await screen.findByRole('link', { name: 'Maxfiylik' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Maxfiylik markazi' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Roziliklar' })).toHaveTextContent('Amaldagi rozilik yoʻq.');
  });

  it('is where the old consents address leads', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    const { router } = renderRoute('/account/privacy');

    expect(await screen.findByRole('heading', { level: 1, name: 'Maxfiylik markazi' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/privacy');
  });
});
