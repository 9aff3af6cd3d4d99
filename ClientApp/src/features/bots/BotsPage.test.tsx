import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, botsClient, privacyClient } from '../../api/client';
import { demoAccount, demoAgent, demoBot, problemOf } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

describe('BotsPage', () => {
  it('lists the bots and lets the owner create one, then opens its settings', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(botsClient.getBots).mockResolvedValue([demoBot]);
    const created = { ...demoBot, id: '0196f2c4-0000-7000-8000-0000000000b2', name: 'Sotuv boti' };
    vi.mocked(botsClient.createBot).mockResolvedValue(created);
    vi.mocked(botsClient.getBot).mockResolvedValue(created);
    vi.mocked(privacyClient.getMyConsents).mockResolvedValue([]);
    const { router } = renderRoute('/bots');
    const user = userEvent.setup();

    expect(await screen.findByRole('link', { name: demoBot.name })).toHaveAttribute('href', `/bots/${demoBot.id}`);
    await user.type(screen.getByLabelText('Nomi'), 'Sotuv boti');
    await user.click(screen.getByRole('button', { name: 'Bot yaratish' }));

    expect(botsClient.createBot).toHaveBeenCalledWith({ name: 'Sotuv boti', greeting: undefined, fallbackMessage: undefined });
    expect(await screen.findByRole('heading', { name: 'Sotuv boti', level: 1 })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/bots/${created.id}/settings`);
  });

  it('says why a bot could not be created when the plan allows no more', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
    vi.mocked(botsClient.getBots).mockResolvedValue([demoBot]);
    vi.mocked(botsClient.createBot).mockRejectedValue(problemOf(422, { detail: 'Your plan allows 3 bots.' }));
    renderRoute('/bots');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Nomi'), 'Toʻrtinchi');
    await user.click(screen.getByRole('button', { name: 'Bot yaratish' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Your plan allows 3 bots.');
  });

  it('shows agents the bots without the create form and opens a bot at its knowledge', async () => {
    vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAgent);
    vi.mocked(botsClient.getBots).mockResolvedValue([demoBot]);
    vi.mocked(botsClient.getBot).mockResolvedValue(demoBot);
    vi.mocked(botsClient.getKnowledgeEntries).mockResolvedValue({ items: [] });
    const { router } = renderRoute('/bots');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('link', { name: demoBot.name }));

    expect(await screen.findByRole('heading', { name: 'Bilimlar bazasi' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/bots/${demoBot.id}/knowledge`);
    expect(screen.queryByRole('link', { name: 'Sozlamalar' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Bot yaratish' })).not.toBeInTheDocument();
  });
});
