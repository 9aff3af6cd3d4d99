import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { accountClient, privacyClient } from '../../api/client';
import type { DataExportDto } from '../../api/generated/virtuops-api';
import i18n from '../../i18n';
import { demoAccount, demoAgent } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const pending: DataExportDto = { id: 'e1', status: 'Pending', scope: 'Tenant', requestedAt: '2026-04-20T10:00:00Z' };
const ready: DataExportDto = {
  ...pending,
  status: 'Ready',
  readyAt: '2026-04-20T10:01:00Z',
  expiresAt: '2026-04-27T10:01:00Z',
  sizeBytes: 3 * 1024 * 1024,
};

afterEach(() => vi.useRealTimers());

describe('ExportSection', () => {
  it('starts an export in the user’s language, follows it while it is built and then links the zip', async () => {
    // Only the polling interval is faked, so the test moves it on instead of waiting.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    await i18n.changeLanguage('en');
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    const getExports = vi.mocked(privacyClient.getMyDataExports);
    getExports.mockResolvedValue([]);
    vi.mocked(privacyClient.requestDataExport).mockResolvedValue(pending);
    renderRoute('/privacy');
    const section = await screen.findByRole('region', { name: 'A copy of my data' });
    expect(section).toHaveTextContent('API keys (prefixes only)');

    getExports.mockResolvedValue([pending]);
    await userEvent.click(await within(section).findByRole('button', { name: 'Export my data' }));

    expect(privacyClient.requestDataExport).toHaveBeenCalledWith('En');
    expect(await within(section).findByTestId('data-export-state')).toHaveTextContent('Your export is being prepared.');
    expect(within(section).getByRole('button', { name: 'Export my data' })).toBeDisabled();

    getExports.mockResolvedValue([ready]);
    await act(() => vi.advanceTimersByTimeAsync(2000));

    const link = await within(section).findByRole('link', { name: 'Download the zip (3.0 MB)' });
    expect(link).toHaveAttribute('href', '/api/privacy/exports/e1/download');
    expect(within(section).getByTestId('data-export-state').querySelector('time')).toHaveAttribute(
      'datetime',
      '2026-04-27T10:01:00.000Z',
    );
    expect(within(section).getByRole('button', { name: 'Export my data' })).toBeEnabled();
  });

  it('tells an agent the export holds their own account only', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAgent);
    vi.mocked(privacyClient.getMyDataExports).mockResolvedValue([{ ...pending, scope: 'Account', status: 'Failed' }]);
    renderRoute('/privacy');

    const section = await screen.findByRole('region', { name: 'Maʼlumotlarim nusxasi' });
    expect(section).toHaveTextContent('Oʻz hisobingiz maʼlumotlarini');
    expect(await within(section).findByTestId('data-export-state')).toHaveTextContent('Eksportni tayyorlab boʻlmadi.');
    expect(within(section).getByRole('button', { name: 'Maʼlumotlarimni eksport qilish' })).toBeEnabled();
  });
});
