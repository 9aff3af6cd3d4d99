import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, authClient, privacyClient } from '../../api/client';
import { loadPage } from '../../navigation';
import { demoAccount, demoAgent, problemOf } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));
vi.mock('../../navigation', () => ({ loadPage: vi.fn() }));

describe('ErasureSection', () => {
  it('erases the owner’s company only with the password and after saying what goes, then leaves for the grace-period notice', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(privacyClient.requestErasure).mockResolvedValue({
      scope: 'Tenant',
      requestedAt: '2026-04-20T10:00:00Z',
      purgeAfter: '2026-04-27T10:00:00Z',
    });
    renderRoute('/privacy');
    const user = userEvent.setup();

    const section = await screen.findByRole('region', { name: 'Hisobimni oʻchirish' });
    expect(section).toHaveTextContent('butun kompaniyani');
    const submit = within(section).getByRole('button', { name: 'Hisobimni oʻchirish' });
    expect(submit).toBeDisabled();
    await user.type(within(section).getByLabelText('Parolingiz'), 'Kuchli-parol-2026');
    await user.click(submit);

    const dialog = screen.getByRole('alertdialog', { name: 'Butun kompaniya va uning barcha maʼlumotlari oʻchirilsinmi?' });
    expect(within(dialog).getByRole('button', { name: 'Bekor qilish' })).toHaveFocus();
    expect(privacyClient.requestErasure).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Hisobimni oʻchirish' }));

    expect(privacyClient.requestErasure).toHaveBeenCalledWith({ password: 'Kuchli-parol-2026' });
    await vi.waitFor(() =>
      expect(loadPage).toHaveBeenCalledWith('/erasure-scheduled?scope=Tenant&purgeAfter=2026-04-27T10%3A00%3A00Z'),
    );
  });

  it('keeps the agent signed in and marks the password when it is wrong', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAgent);
    vi.mocked(privacyClient.requestErasure).mockRejectedValue(problemOf(400, { errors: { password: ['The password is wrong.'] } }));
    renderRoute('/privacy');
    const user = userEvent.setup();

    const section = await screen.findByRole('region', { name: 'Hisobimni oʻchirish' });
    expect(section).toHaveTextContent('Faqat oʻz hisobingiz');
    await user.type(within(section).getByLabelText('Parolingiz'), 'wrong');
    await user.click(within(section).getByRole('button', { name: 'Hisobimni oʻchirish' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Hisobimni oʻchirish' }));

    expect(await within(section).findByTestId('error-password')).toHaveTextContent('The password is wrong.');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(loadPage).not.toHaveBeenCalled();
  });

  it('shows the signed-out notice with the erasure date and cancels with the e-mail and password', async () => {
    vi.mocked(privacyClient.cancelErasure).mockResolvedValue(undefined);
    renderRoute('/erasure-scheduled?scope=Tenant&purgeAfter=2026-04-27T10%3A00%3A00Z');
    const user = userEvent.setup();

    const notice = await screen.findByTestId('erasure-scheduled');
    expect(notice).toHaveTextContent('Kompaniyangiz va uning barcha maʼlumotlari oʻchiriladigan vaqt:');
    expect(notice.querySelector('time')).toHaveAttribute('datetime', '2026-04-27T10:00:00.000Z');
    await user.type(screen.getByLabelText('Elektron pochta'), 'owner@oila.uz');
    await user.type(screen.getByLabelText('Parol'), 'Kuchli-parol-2026');
    await user.click(screen.getByRole('button', { name: 'Oʻchirishni bekor qilish' }));

    expect(privacyClient.cancelErasure).toHaveBeenCalledWith({ email: 'owner@oila.uz', password: 'Kuchli-parol-2026' });
    expect(await screen.findByText('Oʻchirish bekor qilindi; yana kirishingiz mumkin.')).toBeInTheDocument();
  });

  it('offers the cancellation on the sign-in page when the account waits for its erasure', async () => {
    vi.mocked(authClient.signIn).mockRejectedValue(
      problemOf(409, { detail: 'This account is scheduled for erasure on 2026-04-27 10:00 UTC.' }),
    );
    vi.mocked(privacyClient.cancelErasure).mockResolvedValue(undefined);
    renderRoute('/sign-in');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Elektron pochta'), 'owner@oila.uz');
    await user.type(screen.getByLabelText('Parol'), 'Kuchli-parol-2026');
    await user.click(screen.getByRole('button', { name: 'Kirish' }));

    expect(await screen.findByText('This account is scheduled for erasure on 2026-04-27 10:00 UTC.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Oʻchirishni bekor qilish' }));

    expect(privacyClient.cancelErasure).toHaveBeenCalledWith({ email: 'owner@oila.uz', password: 'Kuchli-parol-2026' });
    expect(await screen.findByText('Oʻchirish bekor qilindi. Qaytadan kiring.')).toBeInTheDocument();
  });
});
