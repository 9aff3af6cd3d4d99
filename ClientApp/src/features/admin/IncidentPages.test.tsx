import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, adminClient } from '../../api/client';
import type { CurrentAccountDto, IncidentDto } from '../../api/generated/virtuops-api';
import { demoAccount, problemOf } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';
import { parseTenantIds } from './IncidentsPage';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const admin: CurrentAccountDto = { ...demoAccount, tenantId: undefined, tenantName: undefined, roles: ['Admin'] };
const support: CurrentAccountDto = { ...admin, roles: ['Support'] };

const assessed: IncidentDto = {
  id: 'i1',
  title: 'Backup bucket exposed',
  description: 'A backup was readable for 3 hours.',
  discoveredAt: '2026-12-07T08:00:00Z',
  dataCategories: ['Messages'],
  allTenants: true,
  affectedTenantIds: [],
  stage: 'Assessed',
  notificationRequired: true,
  timeline: [
    { step: 'Discovered', at: '2026-12-07T08:00:00Z' },
    { step: 'Recorded', at: '2026-12-07T09:00:00Z' },
    { step: 'Assessed', at: '2026-12-07T09:30:00Z', note: 'High risk' },
  ],
  delivery: { tenants: 0, emailed: 0, acknowledged: 0 },
};

describe('the incidents back-office', () => {
  it('records an incident with the server’s field errors shown, then opens it', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(admin);
    vi.mocked(adminClient.getIncidents).mockResolvedValue({ items: [] });
    vi.mocked(adminClient.getIncident).mockResolvedValue({ ...assessed, stage: 'Recorded', notificationRequired: undefined });
    const record = vi
      .mocked(adminClient.recordIncident)
      .mockRejectedValueOnce(problemOf(400, { errors: { TenantIds: ['List the affected tenants, or mark all as affected.'] } } as never))
      .mockResolvedValueOnce(assessed);
    const { router } = renderRoute('/admin/incidents');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Nomi'), 'Backup bucket exposed');
    await user.click(screen.getByLabelText('Yozishmalar'));
    await user.click(screen.getByRole('button', { name: 'Hodisani qayd etish' }));
    expect(await screen.findByText('List the affected tenants, or mark all as affected.')).toBeInTheDocument();

    await user.click(screen.getByLabelText('Barcha mijozlar taʼsirlangan'));
    await user.click(screen.getByRole('button', { name: 'Hodisani qayd etish' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/admin/incidents/i1'));
    expect(record).toHaveBeenLastCalledWith(expect.objectContaining({ title: 'Backup bucket exposed', dataCategories: ['Messages'], allTenants: true, tenantIds: [] }));
  });

  it('notifies the owners only after a confirmation and shows the delivery', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(admin);
    vi.mocked(adminClient.getIncident).mockResolvedValue(assessed);
    vi.mocked(adminClient.getIncidentDeliveries).mockResolvedValue({ items: [] });
    const notified: IncidentDto = { ...assessed, stage: 'Notified', delivery: { tenants: 3, emailed: 3, acknowledged: 0 } };
    const notify = vi.mocked(adminClient.notifyIncident).mockResolvedValue(notified);
    renderRoute('/admin/incidents/i1');
    const user = userEvent.setup();

    expect(await screen.findByTestId('incident-timeline')).toHaveTextContent('High risk');
    await user.click(screen.getByRole('button', { name: 'Egalarni xabardor qilish' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Barcha taʼsirlangan egalarni xabardor qilasizmi?' });
    expect(notify).not.toHaveBeenCalled();
    vi.mocked(adminClient.getIncident).mockResolvedValue(notified);
    await user.click(within(dialog).getByRole('button', { name: 'Egalarni xabardor qilish' }));

    await waitFor(() => expect(screen.getByTestId('incident-delivery')).toHaveTextContent('mijozlar: 3, xat yuborilgan: 3, tasdiqlagan: 0'));
    expect(notify).toHaveBeenCalledWith('i1');
    expect(screen.getByTestId('incident-stage')).toHaveTextContent('Egalar xabardor qilingan');
  });

  it('is for admins only', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(support);
    vi.mocked(adminClient.searchTenants).mockResolvedValue({ items: [] });
    renderRoute('/admin/incidents');

    expect(await screen.findByRole('navigation', { name: /./ })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Hodisalar' })).not.toBeInTheDocument();
    expect(adminClient.getIncidents).not.toHaveBeenCalled();
  });

  it('reads tenant ids typed one per line or separated by commas', () => {
    expect(parseTenantIds(' a1\nb2, c3  \n')).toEqual(['a1', 'b2', 'c3']);
  });
});
