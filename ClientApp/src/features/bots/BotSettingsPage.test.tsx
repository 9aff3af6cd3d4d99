import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, botsClient, privacyClient } from '../../api/client';
import type { ConsentRecordDto } from '../../api/generated/virtuops-api';
import { demoAccount, demoBot } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const settingsPath = `/bots/${demoBot.id}/settings`;

function signedInOwnerWithBot(consents: ConsentRecordDto[] = []) {
  vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
  vi.mocked(botsClient.getBot).mockResolvedValue(demoBot);
  vi.mocked(privacyClient.getMyConsents).mockResolvedValue(consents);
}

describe('BotSettingsPage', () => {
  it('shows the embed snippet with this app’s widget script and the bot’s widget key, and copies it', async () => {
    signedInOwnerWithBot();
    renderRoute(settingsPath);
    const user = userEvent.setup();

    const snippet = await screen.findByTestId('embed-snippet');
    const expected = `<script src="${window.location.origin}/widget.js" data-widget-key="wk_demo_virtuops" async></script>`;
    expect(snippet).toHaveValue(expected);
    await user.click(screen.getByRole('button', { name: 'Nusxalash' }));
    expect(await navigator.clipboard.readText()).toBe(expected);
  });

  it('saves every setting: languages, handoff keywords, threshold and allowed origins', async () => {
    signedInOwnerWithBot();
    vi.mocked(botsClient.updateBot).mockImplementation((_id, command) => Promise.resolve({ ...demoBot, ...command }));
    renderRoute(settingsPath);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('checkbox', { name: 'Inglizcha' }));
    await user.click(screen.getByRole('checkbox', { name: 'Ruscha' }));
    await user.click(screen.getByRole('button', { name: 'Olib tashlash: оператор' }));
    await user.type(screen.getByLabelText('Yangi qiymat: Operatorga oʻtkazish soʻzlari'), 'odam{Enter}');
    await user.type(screen.getByLabelText('Yangi qiymat: Ruxsat etilgan saytlar'), 'https://www.shop.uz');
    await user.click(within(screen.getByTestId('list-allowedOrigins')).getByRole('button', { name: 'Qoʻshish' }));
    // jsdom cannot drag a range input; the change event is what a browser sends when it is dragged.
    fireEvent.change(screen.getByLabelText('Ishonch chegarasi'), { target: { value: '0.5' } });
    expect(screen.getByTestId('threshold-value')).toHaveTextContent('50%');
    await user.click(screen.getByRole('button', { name: 'Saqlash' }));

    expect(await screen.findByText('Saqlandi.')).toBeInTheDocument();
    expect(botsClient.updateBot).toHaveBeenCalledWith(demoBot.id, {
      id: demoBot.id,
      name: demoBot.name,
      greeting: demoBot.greeting,
      fallbackMessage: demoBot.fallbackMessage,
      persona: undefined,
      languages: ['UzLatn', 'En'],
      handoffKeywords: ['operator', 'odam'],
      confidenceThreshold: 0.5,
      allowedOrigins: ['https://shop.uz', 'https://www.shop.uz'],
    }, '"3"');
  });

  it('says to reload when someone else saved the bot after it was opened', async () => {
    signedInOwnerWithBot();
    vi.mocked(botsClient.updateBot).mockRejectedValue({
      status: 412,
      title: 'Boshqa kishi oʻzgartirgan.',
      detail: 'Siz yuklaganingizdan keyin buni boshqa kishi oʻzgartirdi.',
    });
    renderRoute(settingsPath);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Saqlash' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Uning oʻzgarishini koʻrish uchun sahifani yangilang');
    expect(screen.queryByText('Saqlandi.')).not.toBeInTheDocument();
  });

  it('shows the server’s message about one origin under the origins list', async () => {
    signedInOwnerWithBot();
    vi.mocked(botsClient.updateBot).mockRejectedValue({
      status: 400,
      errors: { 'AllowedOrigins[0]': ['Each origin is a scheme and host, e.g. https://shop.uz.'] },
    });
    renderRoute(settingsPath);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Saqlash' }));

    expect(await screen.findByTestId('error-allowedOrigins')).toHaveTextContent('Each origin is a scheme and host');
    expect(screen.getByRole('alert')).toHaveTextContent('Iltimos, belgilangan maydonlarni tekshiring.');
  });

  it('pauses the bot and asks before deleting it', async () => {
    signedInOwnerWithBot();
    vi.mocked(botsClient.pauseBot).mockResolvedValue(undefined);
    vi.mocked(botsClient.deleteBot).mockResolvedValue(undefined);
    vi.mocked(botsClient.getBots).mockResolvedValue([]);
    const { router } = renderRoute(settingsPath);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Toʻxtatish' }));
    expect(botsClient.pauseBot).toHaveBeenCalledWith(demoBot.id);

    await user.click(screen.getByRole('button', { name: 'Botni oʻchirish' }));
    const dialog = screen.getByRole('alertdialog', { name: `“${demoBot.name}” oʻchirilsinmi?` });
    expect(botsClient.deleteBot).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Botni oʻchirish' }));

    expect(botsClient.deleteBot).toHaveBeenCalledWith(demoBot.id, '"3"');
    expect(await screen.findByRole('heading', { name: 'Botlar', level: 1 })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/bots');
  });

  it('grants AI data sharing from its switch and withdraws it only after saying what that changes', async () => {
    const granted: ConsentRecordDto = {
      id: '1', kind: 'AiDataSharing', action: 'Granted', documentVersion: '2026-04-12', occurredAt: '2026-04-20T10:00:00Z',
    };
    signedInOwnerWithBot();
    vi.mocked(privacyClient.getMyConsents).mockResolvedValueOnce([]).mockResolvedValue([granted]);
    vi.mocked(privacyClient.grantAiDataSharing).mockResolvedValue(undefined);
    vi.mocked(privacyClient.withdrawConsent).mockResolvedValue({ kind: 'AiDataSharing', withdrawnAt: '', effect: '' });
    renderRoute(settingsPath);
    const user = userEvent.setup();

    const toggle = await screen.findByRole('switch');
    expect(screen.getByTestId('ai-state')).toHaveTextContent('ichki mexanizm');
    await user.click(toggle);

    expect(privacyClient.grantAiDataSharing).toHaveBeenCalled();
    expect(await screen.findByRole('switch')).toBeChecked();
    expect(screen.getByTestId('ai-state')).toHaveTextContent('AI yordamida');

    await user.click(screen.getByRole('switch'));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog).toHaveTextContent('javoblarni ichki mexanizm beradi');
    await user.click(within(dialog).getByRole('button', { name: 'Qaytarib olish' }));
    expect(privacyClient.withdrawConsent).toHaveBeenCalledWith('AiDataSharing');
  });
});
