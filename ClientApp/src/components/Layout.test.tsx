import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, authClient, systemClient } from '../api/client';
import type { LegalDocumentsDto } from '../api/generated/virtuops-api';
import { languageStorageKey } from '../i18n';
import { demoAccount, demoAgent } from '../test/apiClientMock';
import { renderRoute } from '../test/renderRoute';

vi.mock('../api/client', () => import('../test/apiClientMock'));

describe('Layout', () => {
  it('is in Uzbek by default', async () => {
    vi.mocked(systemClient.getSystemStatus).mockReturnValue(new Promise(() => {}));

    renderRoute('/');

    expect(await screen.findByRole('heading', { name: 'Tizim holati' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Demo soʻrash' })).toBeInTheDocument();
  });

  it('switches the visible text to Russian and remembers the choice', async () => {
    vi.mocked(systemClient.getSystemStatus).mockReturnValue(new Promise(() => {}));
    renderRoute('/');

    await userEvent.selectOptions(await screen.findByLabelText('Til'), 'ru');

    expect(await screen.findByRole('heading', { name: 'Состояние системы' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Запросить демо' })).toBeInTheDocument();
    expect(screen.getByLabelText('Язык')).toHaveValue('ru');
    expect(localStorage.getItem(languageStorageKey)).toBe('ru');
    expect(document.documentElement.lang).toBe('ru');
  });

  it('shows a not-found page for an unknown address', async () => {
    renderRoute('/no-such-page');

    expect(await screen.findByRole('heading', { name: 'Sahifa topilmadi' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Bosh sahifaga qaytish' })).toHaveAttribute('href', '/');
  });

  it('shows the inbox and the bots to the tenant’s agents', async () => {
    vi.mocked(systemClient.getSystemStatus).mockReturnValue(new Promise(() => {}));
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAgent);
    renderRoute('/');

    expect(await screen.findByRole('link', { name: 'Suhbatlar' })).toHaveAttribute('href', '/inbox');
    expect(screen.getByRole('link', { name: 'Botlar' })).toHaveAttribute('href', '/bots');
    expect(screen.queryByRole('link', { name: 'Jamoa' })).not.toBeInTheDocument();
  });

  const reachable = { applicationName: 'VirtuOps', databaseHealthy: true, serverTimeUtc: '2025-03-01T09:30:00Z' };

  it('links the Dev outbox where the API keeps one', async () => {
    vi.mocked(systemClient.getSystemStatus).mockResolvedValue({ ...reachable, hasDevOutbox: true });

    renderRoute('/');

    expect(await screen.findByRole('link', { name: 'Dev: xabarlar' })).toHaveAttribute('href', '/dev/outbox');
  });

  it('has no Dev outbox link where the API sends messages for real', async () => {
    vi.mocked(systemClient.getSystemStatus).mockResolvedValue({ ...reachable, hasDevOutbox: false });

    renderRoute('/');

    expect(await screen.findByTestId('status-database-healthy')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Dev: xabarlar' })).not.toBeInTheDocument();
  });

  const legalDocuments: LegalDocumentsDto = {
    privacyPolicyVersion: '2026-04-12',
    privacyPolicyUrl: '/legal/privacy-policy-2026-04-12.txt',
    publicOfferVersion: '2026-04-12',
    publicOfferUrl: '/legal/public-offer-2026-04-12.txt',
    supportEmail: 'help@shop.example.uz',
    privacyEmail: 'dpo@shop.example.uz',
  };

  it('shows the support and privacy contacts the API names in the footer of a signed-out page', async () => {
    vi.mocked(authClient.getLegalDocuments).mockResolvedValue(legalDocuments);
    renderRoute('/sign-in');

    const footer = await screen.findByRole('contentinfo');
    expect(await within(footer).findByRole('link', { name: 'help@shop.example.uz' })).toHaveAttribute('href', 'mailto:help@shop.example.uz');
    expect(within(footer).getByRole('link', { name: 'dpo@shop.example.uz' })).toHaveAttribute('href', 'mailto:dpo@shop.example.uz');
    expect(footer).toHaveTextContent('Maxfiylik va shaxsiy maʼlumotlar: dpo@shop.example.uz');
  });

  it('shows the same contacts in the footer of the signed-in app', async () => {
    vi.mocked(authClient.getLegalDocuments).mockResolvedValue(legalDocuments);
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    renderRoute('/account/profile');

    expect(await screen.findByTestId('signed-in-as')).toBeInTheDocument();
    const footer = screen.getByRole('contentinfo');
    expect(await within(footer).findByRole('link', { name: 'help@shop.example.uz' })).toBeInTheDocument();
  });
});
