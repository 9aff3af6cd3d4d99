import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, privacyClient } from '../../api/client';
import type { ConsentRecordDto } from '../../api/generated/virtuops-api';
import { demoAccount } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const granted = (kind: ConsentRecordDto['kind'], id: string): ConsentRecordDto => ({
  id,
  kind,
  action: 'Granted',
  documentVersion: '2026-04-12',
  occurredAt: '2026-04-20T10:00:00Z',
  ipAddress: '203.0.113.7',
  userAgent: 'Chromium',
});

describe('ConsentsSection', () => {
  it('lists the history and withdraws a consent only after explaining what that does', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(privacyClient.getMyConsents).mockResolvedValue([granted('PublicOffer', 'b'), granted('PrivacyPolicy', 'a')]);
    vi.mocked(privacyClient.withdrawConsent).mockResolvedValue({
      kind: 'PublicOffer',
      withdrawnAt: '2026-04-21T10:00:00Z',
      effect: 'The service cannot be provided without this consent.',
    });
    renderRoute('/privacy');
    const user = userEvent.setup();

    expect(await screen.findAllByTestId('consent-record')).toHaveLength(2);
    const offer = screen.getAllByTestId('current-consent').find((item) => item.textContent?.includes('Ommaviy oferta'));
    await user.click(within(offer!).getByRole('button', { name: 'Qaytarib olish' }));

    const dialog = screen.getByRole('alertdialog', { name: 'Rozilik qaytarib olinsinmi: Ommaviy oferta?' });
    expect(dialog).toHaveTextContent('Bu roziliksiz xizmat koʻrsatib boʻlmaydi');
    expect(within(dialog).getByRole('button', { name: 'Bekor qilish' })).toHaveFocus();
    expect(privacyClient.withdrawConsent).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole('button', { name: 'Qaytarib olish' }));

    expect(privacyClient.withdrawConsent).toHaveBeenCalledWith('PublicOffer');
    expect(await screen.findByText('Rozilik qaytarib olindi: Ommaviy oferta.')).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });
});
