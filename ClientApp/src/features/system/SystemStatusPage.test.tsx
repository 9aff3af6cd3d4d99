import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { systemClient } from '../../api/client';
import type { SystemStatusDto } from '../../api/generated/virtuops-api';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const getSystemStatus = vi.mocked(systemClient.getSystemStatus);

// What anyone gets; platform staff also get the details.
const status: SystemStatusDto = {
  applicationName: 'VirtuOps',
  databaseHealthy: true,
  serverTimeUtc: '2025-03-01T09:30:00Z',
  hasDevOutbox: true,
};

const staffStatus: SystemStatusDto = {
  ...status,
  details: { version: '1.2.3', environment: 'Development', databaseProvider: 'Sqlite', tenantCount: 7 },
};

describe('SystemStatusPage', () => {
  it('shows anyone whether the service is up, without the deployment details', async () => {
    getSystemStatus.mockResolvedValue(status);

    renderRoute('/');

    expect(await screen.findByTestId('status-database-healthy')).toHaveTextContent('Ha');
    expect(screen.getByTestId('status-application-name')).toHaveTextContent('VirtuOps');
    expect(screen.queryByTestId('status-version')).not.toBeInTheDocument();
    expect(screen.queryByTestId('status-tenant-count')).not.toBeInTheDocument();
  });

  it('shows platform staff the details the API returns', async () => {
    getSystemStatus.mockResolvedValue(staffStatus);

    renderRoute('/');

    expect(await screen.findByTestId('status-tenant-count')).toHaveTextContent('7');
    expect(screen.getByTestId('status-version')).toHaveTextContent('1.2.3');
    expect(screen.getByTestId('status-environment')).toHaveTextContent('Development');
    expect(screen.getByTestId('status-database-provider')).toHaveTextContent('Sqlite');
    expect(screen.getByTestId('status-database-healthy')).toHaveTextContent('Ha');
    expect(screen.getByTestId('status-server-time').querySelector('time')).toHaveAttribute(
      'datetime',
      '2025-03-01T09:30:00.000Z',
    );
    expect(getSystemStatus).toHaveBeenCalledTimes(1);
  });

  it('shows progress while the status loads', async () => {
    getSystemStatus.mockReturnValue(new Promise(() => {}));

    renderRoute('/');

    expect(await screen.findByRole('status')).toHaveTextContent('Yuklanmoqda…');
    expect(screen.queryByTestId('status-version')).not.toBeInTheDocument();
  });

  it('shows an error when the API is unreachable and recovers on retry', async () => {
    getSystemStatus.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    getSystemStatus.mockResolvedValueOnce({ ...status, databaseHealthy: false });

    renderRoute('/');

    expect(await screen.findByRole('alert')).toHaveTextContent('Serverga ulanib boʻlmadi');
    expect(screen.queryByTestId('status-version')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Qayta urinish' }));

    expect(await screen.findByTestId('status-database-healthy')).toHaveTextContent('Yoʻq');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
