import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, privacyClient } from '../../api/client';
import type { PrivacyRequestDto } from '../../api/generated/virtuops-api';
import { demoAccount, problemOf } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const request = (id: string, extra: Partial<PrivacyRequestDto> = {}): PrivacyRequestDto => ({
  id,
  kind: 'Access',
  status: 'Received',
  text: 'Please send me everything you hold.',
  receivedAt: '2026-04-20T10:00:00Z',
  dueAt: '2026-05-12T10:00:00Z',
  ...extra,
});

describe('RequestsSection', () => {
  it('lists my requests with their due dates, status and answers', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(privacyClient.getMyConsents).mockResolvedValue([]);
    vi.mocked(privacyClient.getMyPrivacyRequests).mockResolvedValue([
      request('open'),
      request('done', { kind: 'Rectification', status: 'Answered', answer: 'Corrected.', answeredAt: '2026-04-22T09:00:00Z' }),
    ]);
    renderRoute('/privacy');

    const section = await screen.findByRole('region', { name: 'Soʻrovlarim' });
    const [open, done] = await within(section).findAllByTestId('privacy-request');
    expect(open).toHaveTextContent('Maʼlumotlarim nusxasi');
    expect(open).toHaveTextContent('Qabul qilingan');
    expect(open!.querySelectorAll('time')[1]).toHaveAttribute('datetime', '2026-05-12T10:00:00.000Z');
    expect(done).toHaveTextContent('Javob berilgan');
    expect(done).toHaveTextContent('Corrected.');
    expect(within(section).getByRole('columnheader', { name: 'Javob muddati' })).toBeInTheDocument();
  });

  it('sends a message to the privacy team and shows it in the list', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(privacyClient.getMyConsents).mockResolvedValue([]);
    const getRequests = vi.mocked(privacyClient.getMyPrivacyRequests);
    getRequests.mockResolvedValue([]);
    vi.mocked(privacyClient.submitPrivacyRequest).mockResolvedValue(request('new', { kind: 'Rectification', text: 'My name is misspelt.' }));
    renderRoute('/privacy');
    const user = userEvent.setup();

    const form = await screen.findByRole('form', { name: 'Maxfiylik jamoasiga yozish' });
    expect(await screen.findByText('Hali soʻrovlar yoʻq.')).toBeInTheDocument();
    await user.selectOptions(within(form).getByLabelText('Soʻrov'), 'Maʼlumotlarimni tuzatish');
    await user.type(within(form).getByLabelText('Xabaringiz'), ' My name is misspelt. ');
    getRequests.mockResolvedValue([request('new', { kind: 'Rectification', text: 'My name is misspelt.' })]);
    await user.click(within(form).getByRole('button', { name: 'Yuborish' }));

    expect(privacyClient.submitPrivacyRequest).toHaveBeenCalledWith({ kind: 'Rectification', text: 'My name is misspelt.' });
    expect(await screen.findByText('Soʻrov qabul qilindi: Maʼlumotlarimni tuzatish. Javob muddati yuqoridagi roʻyxatda.')).toBeInTheDocument();
    expect(await screen.findByTestId('privacy-request')).toHaveTextContent('My name is misspelt.');
    expect(within(form).getByLabelText('Xabaringiz')).toHaveValue('');
  });

  it('shows the server’s message under the field it is about', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(privacyClient.getMyPrivacyRequests).mockResolvedValue([]);
    vi.mocked(privacyClient.submitPrivacyRequest).mockRejectedValue(
      problemOf(400, { errors: { Text: ["'Text' must not be empty."] } }),
    );
    renderRoute('/privacy');

    await userEvent.click(await screen.findByRole('button', { name: 'Yuborish' }));

    expect(await screen.findByTestId('error-text')).toHaveTextContent("'Text' must not be empty.");
    expect(screen.getByLabelText('Xabaringiz')).toHaveAttribute('aria-invalid', 'true');
  });
});
