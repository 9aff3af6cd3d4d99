import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, incidentNoticesClient } from '../../api/client';
import type { IncidentNoticeDto } from '../../api/generated/virtuops-api';
import { demoAccount, demoAgent } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const notice: IncidentNoticeDto = {
  id: 'n1',
  title: 'Backup bucket exposed',
  description: 'A backup was readable for 3 hours.',
  discoveredAt: '2026-12-07T08:00:00Z',
  dataCategories: ['Messages', 'ContactDetails'],
  notifiedAt: '2026-12-07T10:00:00Z',
};

describe('the incident banner', () => {
  it('shows the owner each notice until they acknowledge it', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    const notices = vi.mocked(incidentNoticesClient.getIncidentNotices).mockResolvedValue([notice]);
    const acknowledge = vi.mocked(incidentNoticesClient.acknowledgeIncidentNotice).mockResolvedValue(undefined);
    renderRoute('/account/profile');

    const banner = await screen.findByTestId('incident-banner');
    expect(banner).toHaveTextContent('Backup bucket exposed');
    expect(banner).toHaveTextContent('A backup was readable for 3 hours.');
    expect(banner).toHaveTextContent('Yozishmalar, Mijozlar kontaktlari');

    notices.mockResolvedValue([]);
    await userEvent.click(screen.getByRole('button', { name: 'Oʻqidim' }));

    expect(acknowledge).toHaveBeenCalledWith('n1');
    await waitFor(() => expect(screen.queryByTestId('incident-banner')).not.toBeInTheDocument());
  });

  it('is not shown to an agent', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAgent);
    vi.mocked(incidentNoticesClient.getIncidentNotices).mockResolvedValue([notice]);
    renderRoute('/account/profile');

    expect(await screen.findByRole('heading', { level: 1 })).toBeInTheDocument();
    expect(incidentNoticesClient.getIncidentNotices).not.toHaveBeenCalled();
    expect(screen.queryByTestId('incident-banner')).not.toBeInTheDocument();
  });
});
