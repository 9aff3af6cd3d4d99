import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { privacyClient } from '../../api/client';
import { problemOf } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

describe('PrivacyRequestPage', () => {
  it('sends a signed-out request and asks to confirm it from the e-mail', async () => {
    vi.mocked(privacyClient.sendPublicPrivacyRequest).mockResolvedValue(undefined);
    renderRoute('/privacy-request');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Elektron pochtangiz'), ' aziza@example.uz ');
    await user.selectOptions(screen.getByLabelText('Soʻrov'), 'Maʼlumotlarimni oʻchirish');
    await user.type(screen.getByLabelText('Xabaringiz'), 'I closed my shop; erase everything.');
    await user.click(screen.getByRole('button', { name: 'Yuborish' }));

    expect(privacyClient.sendPublicPrivacyRequest).toHaveBeenCalledWith({
      email: 'aziza@example.uz',
      kind: 'Erasure',
      text: 'I closed my shop; erase everything.',
    });
    expect(await screen.findByRole('heading', { name: 'Elektron pochtangizni tekshiring' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('aziza@example.uz manziliga havola yubordik.');
  });

  it('marks a wrong address', async () => {
    vi.mocked(privacyClient.sendPublicPrivacyRequest).mockRejectedValue(
      problemOf(400, { errors: { Email: ["'Email' is not a valid email address."] } }),
    );
    renderRoute('/privacy-request');

    await userEvent.click(await screen.findByRole('button', { name: 'Yuborish' }));

    expect(await screen.findByTestId('error-email')).toHaveTextContent("'Email' is not a valid email address.");
  });

  it('records the request only when the e-mailed link is confirmed, and says when the answer is due', async () => {
    vi.mocked(privacyClient.confirmPublicPrivacyRequest).mockResolvedValue({
      id: 'r1',
      receivedAt: '2026-04-20T10:00:00Z',
      dueAt: '2026-05-12T10:00:00Z',
    });
    renderRoute('/privacy-request/confirm?id=r1&token=secret');

    await userEvent.click(await screen.findByRole('button', { name: 'Soʻrovni tasdiqlash' }));

    expect(privacyClient.confirmPublicPrivacyRequest).toHaveBeenCalledWith({ id: 'r1', token: 'secret' });
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent('Soʻrovingiz qabul qilindi. Javob muddati:');
    expect(status.querySelector('time')).toHaveAttribute('datetime', '2026-05-12T10:00:00.000Z');
  });

  it('offers to send again when the link no longer works', async () => {
    vi.mocked(privacyClient.confirmPublicPrivacyRequest).mockRejectedValue(
      problemOf(400, { errors: { Token: ['The link is invalid, already used or expired. Send the request again.'] } }),
    );
    renderRoute('/privacy-request/confirm?id=r1&token=old');

    await userEvent.click(await screen.findByRole('button', { name: 'Soʻrovni tasdiqlash' }));

    expect(await screen.findByText('The link is invalid, already used or expired. Send the request again.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Soʻrovni qayta yuborish' })).toHaveAttribute('href', '/privacy-request');
  });
});
