import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, teamClient } from '../../api/client';
import { demoAccount, problemOf } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const owner = { id: demoAccount.userId, fullName: 'Dilshod Rahimov', email: 'demo@virtuops.uz', role: 'Owner', phoneNumberConfirmed: true };
const agent = { id: '0196f2c4-0000-7000-8000-0000000000bb', fullName: 'Aziz Karimov', email: 'aziz@example.uz', role: 'Agent', phoneNumberConfirmed: false };

describe('TeamPage', () => {
  it('lists the team and offers removal only for agents', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(teamClient.getTeamMembers).mockResolvedValue([owner, agent]);

    renderRoute('/account/team');

    const rows = await screen.findAllByTestId('team-member');
    expect(rows[0]).toHaveTextContent('Egasi');
    expect(rows[0]).not.toHaveTextContent('Jamoadan chiqarish');
    expect(rows[1]).toHaveTextContent('Operator');
    expect(rows[1]).toHaveTextContent('Jamoadan chiqarish');
  });

  it('shows the server field errors of an invitation and a conflict', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(teamClient.getTeamMembers).mockResolvedValue([owner]);
    vi.mocked(teamClient.inviteAgent)
      .mockRejectedValueOnce({ status: 400, errors: { email: ["'Email' is not a valid email address."] } })
      .mockRejectedValueOnce(problemOf(409, { detail: 'An account with this e-mail already exists.' }));
    renderRoute('/account/team');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Ism va familiya'), 'Aziz Karimov');
    await user.type(screen.getByLabelText('Elektron pochta'), 'aziz');
    await user.click(screen.getByRole('button', { name: 'Taklif yuborish' }));
    expect(await screen.findByTestId('error-email')).toHaveTextContent('not a valid email');

    await user.click(screen.getByRole('button', { name: 'Taklif yuborish' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('An account with this e-mail already exists.');
  });
});
