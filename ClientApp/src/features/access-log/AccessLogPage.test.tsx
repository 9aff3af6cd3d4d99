import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accessLogClient, accountClient } from '../../api/client';
import type { AccessLogEntryDto } from '../../api/generated/virtuops-api';
import { demoAccount, pageOf } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const entry = (id: string, extra: Partial<AccessLogEntryDto> = {}): AccessLogEntryDto => ({
  id,
  occurredAt: '2026-04-20T10:05:00Z',
  ipAddress: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0',
  browser: 'Chrome 126',
  operatingSystem: 'Windows 10',
  device: 'Desktop',
  method: 'GET',
  path: '/api/bots',
  statusCode: 200,
  ...extra,
});

describe('AccessLogPage', () => {
  it('is reachable from the navigation and shows each request with its time, origin, device and outcome', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(accessLogClient.getMyAccessLog).mockResolvedValue(
      pageOf([entry('a', { method: 'POST', path: '/api/auth/sign-in', statusCode: 401 }), entry('b')]),
    );
    renderRoute('/account/profile');

    await userEvent.click(await screen.findByRole('link', { name: 'Kirishlar jurnali' }));

    expect(await screen.findByRole('heading', { name: 'Kirishlar jurnali' })).toBeInTheDocument();
    const [failed] = await screen.findAllByTestId('access-log-entry');
    const [time, ...cells] = within(failed!).getAllByRole('cell');
    expect(time!.querySelector('time')).toHaveAttribute('datetime', '2026-04-20T10:05:00.000Z');
    expect(time).toHaveTextContent('2026');
    expect(cells.map((cell) => cell.textContent)).toEqual(['203.0.113.7', 'Chrome 126', 'Windows 10', 'Desktop', 'POST /api/auth/sign-in', '401']);
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toEqual([
      'Vaqt',
      'IP manzil',
      'Brauzer',
      'Tizim',
      'Qurilma',
      'Soʻrov',
      'Natija',
    ]);
    expect(accessLogClient.getMyAccessLog).toHaveBeenCalledWith(undefined, 20, expect.anything());
  });

  it('loads older requests below the newer ones', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(accessLogClient.getMyAccessLog).mockImplementation((cursor) =>
      Promise.resolve(
        cursor === 'older'
          ? pageOf([entry('old', { path: '/api/page-2' })])
          : pageOf([entry('new', { path: '/api/page-1' })], 'older'),
      ),
    );
    renderRoute('/account/access-log');

    expect(await screen.findByText('GET /api/page-1')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Yana koʻrsatish' }));

    expect(await screen.findByText('GET /api/page-2')).toBeInTheDocument();
    expect(screen.getAllByTestId('access-log-entry').map((row) => row.textContent)).toEqual([
      expect.stringContaining('/api/page-1'),
      expect.stringContaining('/api/page-2'),
    ]);
    expect(screen.queryByRole('button', { name: 'Yana koʻrsatish' })).not.toBeInTheDocument();
  });

  it('says so when nothing is recorded yet', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(accessLogClient.getMyAccessLog).mockResolvedValue(pageOf([]));
    renderRoute('/account/access-log');

    expect(await screen.findByText('Hali soʻrovlar yoʻq.')).toBeInTheDocument();
  });
});
