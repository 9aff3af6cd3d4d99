import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { devClient } from '../../api/client';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

describe('DevOutboxPage', () => {
  it('shows the messages for the recipient in the address, with clickable links', async () => {
    vi.mocked(devClient.getDevOutbox).mockResolvedValue([
      {
        id: '1',
        channel: 'Email',
        to: 'malika@example.uz',
        subject: 'VirtuOps: parolni tiklash / Password reset',
        body: 'Open the link to set a new password:\nhttp://localhost:5080/reset-password?userId=u&token=t',
        sentAt: '2026-04-20T10:00:00Z',
      },
    ]);

    renderRoute('/dev/outbox?to=malika%40example.uz');

    expect(await screen.findByRole('heading', { name: 'VirtuOps: parolni tiklash / Password reset' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /reset-password/ })).toHaveAttribute(
      'href',
      'http://localhost:5080/reset-password?userId=u&token=t',
    );
    expect(screen.getByLabelText('Qabul qiluvchi')).toHaveValue('malika@example.uz');
    expect(devClient.getDevOutbox).toHaveBeenCalledWith('malika@example.uz', 50, expect.anything());
  });
});
