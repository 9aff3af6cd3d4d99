import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { authClient } from '../../api/client';
import type { HttpValidationProblemDetails, LegalDocumentsDto } from '../../api/generated/virtuops-api';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const legalDocuments: LegalDocumentsDto = {
  privacyPolicyVersion: '2026-04-12',
  privacyPolicyUrl: '/legal/privacy-policy-2026-04-12.txt',
  publicOfferVersion: '2026-04-12',
  publicOfferUrl: '/legal/public-offer-2026-04-12.txt',
  supportEmail: 'support@virtuops.io',
  privacyEmail: 'support@virtuops.io',
};

async function fillForm() {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Ism va familiya'), 'Malika Yusupova');
  await user.type(screen.getByLabelText('Kompaniya nomi'), 'Buxoro Suvenir');
  await user.type(screen.getByLabelText('Elektron pochta'), 'malika@example.uz');
  await user.type(screen.getByLabelText('Mobil telefon raqami'), '+998 90 555 44 33');
  await user.type(screen.getByLabelText('Parol'), 'qisqa');
  return user;
}

describe('SignUpPage', () => {
  it('links both documents and leaves both acceptance boxes unticked', async () => {
    vi.mocked(authClient.getLegalDocuments).mockResolvedValue(legalDocuments);

    renderRoute('/sign-up');

    expect(await screen.findByRole('link', { name: 'Maxfiylik siyosati' })).toHaveAttribute(
      'href',
      '/legal/privacy-policy-2026-04-12.txt',
    );
    expect(screen.getByRole('link', { name: 'Ommaviy oferta' })).toHaveAttribute(
      'href',
      '/legal/public-offer-2026-04-12.txt',
    );
    const boxes = screen.getAllByRole('checkbox');
    expect(boxes).toHaveLength(2);
    for (const box of boxes) expect(box).not.toBeChecked();
  });

  it('shows the server field errors, an unaccepted document included, next to their fields', async () => {
    vi.mocked(authClient.getLegalDocuments).mockResolvedValue(legalDocuments);
    const problem: HttpValidationProblemDetails = {
      status: 400,
      title: 'One or more validation errors occurred.',
      errors: {
        password: ["The length of 'Password' must be at least 10 characters."],
        acceptedPrivacyPolicyVersion: ['Accept the Privacy Policy (version 2026-04-12) to sign up.'],
      },
    };
    vi.mocked(authClient.register).mockRejectedValue(problem);
    renderRoute('/sign-up');
    const user = await fillForm();
    await user.click(screen.getByRole('checkbox', { name: /Ommaviy oferta/ }));

    await user.click(screen.getByRole('button', { name: 'Hisob yaratish' }));

    expect(await screen.findByTestId('error-password')).toHaveTextContent('at least 10 characters');
    expect(screen.getByTestId('error-acceptedPrivacyPolicyVersion')).toHaveTextContent('Accept the Privacy Policy');
    expect(screen.getByRole('checkbox', { name: /Maxfiylik siyosati/ })).toHaveAttribute('aria-invalid', 'true');
    expect(authClient.register).toHaveBeenCalledWith(
      expect.objectContaining({
        phoneNumber: '+998 90 555 44 33',
        acceptedPrivacyPolicyVersion: undefined,
        acceptedPublicOfferVersion: '2026-04-12',
      }),
    );
  });

  it('disables the button while signing up, then asks to open the e-mailed link, signed out as before', async () => {
    vi.mocked(authClient.getLegalDocuments).mockResolvedValue(legalDocuments);
    let finish: () => void = () => {};
    vi.mocked(authClient.register).mockReturnValue(
      new Promise((resolve) => {
        finish = () => resolve();
      }),
    );
    renderRoute('/sign-up');
    const user = await fillForm();
    await user.click(screen.getByRole('checkbox', { name: /Maxfiylik siyosati/ }));
    await user.click(screen.getByRole('checkbox', { name: /Ommaviy oferta/ }));

    await user.click(screen.getByRole('button', { name: 'Hisob yaratish' }));

    expect(await screen.findByRole('button', { name: 'Yuborilmoqda…' })).toBeDisabled();
    finish();
    expect(await screen.findByRole('heading', { name: 'Elektron pochtangizni tekshiring' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('malika@example.uz manziliga xat yubordik.');
    expect(screen.queryByTestId('signed-in-as')).not.toBeInTheDocument();
  });

  it("sends the partner's referral code of the link the visitor first came with, not a later one", async () => {
    vi.mocked(authClient.getLegalDocuments).mockResolvedValue(legalDocuments);
    vi.mocked(authClient.register).mockResolvedValue();
    localStorage.clear();
    renderRoute('/sign-up?ref=FIRST234');
    await screen.findByLabelText('Ism va familiya');
    cleanup(); // the visitor leaves, and comes back through another partner's link
    renderRoute('/sign-up?ref=LATER567');
    const user = await fillForm();
    await user.click(screen.getByRole('checkbox', { name: /Maxfiylik siyosati/ }));
    await user.click(screen.getByRole('checkbox', { name: /Ommaviy oferta/ }));

    await user.click(screen.getByRole('button', { name: 'Hisob yaratish' }));

    expect(authClient.register).toHaveBeenCalledWith(expect.objectContaining({ referralCode: 'FIRST234' }));
    localStorage.clear();
  });
});
