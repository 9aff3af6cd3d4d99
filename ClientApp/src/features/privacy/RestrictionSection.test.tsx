import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, privacyClient } from '../../api/client';
import { demoAccount, demoAgent } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const restrictedByOwner = { restricted: true, since: '2026-04-21T08:00:00Z', ownerRequested: true, withdrawnConsents: [], paymentRequired: false, suspendedByPlatform: false };

describe('RestrictionSection', () => {
  it('lets the owner restrict processing after saying what stops, and lift it again', async () => {
    const getAccount = vi.mocked(accountClient.getCurrentAccount);
    getAccount.mockResolvedValue(demoAccount);
    vi.mocked(privacyClient.restrictProcessing).mockResolvedValue(restrictedByOwner);
    vi.mocked(privacyClient.liftRestriction).mockResolvedValue({ ...restrictedByOwner, restricted: false, ownerRequested: false });
    renderRoute('/privacy');
    const user = userEvent.setup();

    const section = await screen.findByRole('region', { name: 'Ishlov berishni cheklash' });
    expect(within(section).getByTestId('restriction-state')).toHaveTextContent('Ishlov berish cheklanmagan.');
    await user.click(within(section).getByRole('button', { name: 'Ishlov berishni cheklash' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Kompaniya maʼlumotlariga ishlov berish cheklansinmi?' });
    getAccount.mockResolvedValue({ ...demoAccount, restriction: restrictedByOwner });
    await user.click(within(dialog).getByRole('button', { name: 'Ishlov berishni cheklash' }));

    expect(privacyClient.restrictProcessing).toHaveBeenCalled();
    expect(await within(section).findByText(/soʻrovingizga koʻra cheklangan/)).toBeInTheDocument();
    getAccount.mockResolvedValue(demoAccount);
    await user.click(within(section).getByRole('button', { name: 'Cheklovni olib tashlash' }));

    expect(privacyClient.liftRestriction).toHaveBeenCalled();
    expect(await within(section).findByText('Ishlov berish cheklanmagan.')).toBeInTheDocument();
  });

  it('is not offered to agents', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAgent);
    renderRoute('/privacy');

    expect(await screen.findByRole('heading', { level: 1, name: 'Maxfiylik markazi' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Ishlov berishni cheklash' })).not.toBeInTheDocument();
  });
});
