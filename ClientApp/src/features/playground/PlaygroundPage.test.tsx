import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, botsClient } from '../../api/client';
import { demoAccount, demoBot } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

async function ask(question: string) {
  vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
  vi.mocked(botsClient.getBot).mockResolvedValue(demoBot);
  renderRoute(`/bots/${demoBot.id}/playground`);
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Savol'), question);
  await user.click(screen.getByRole('button', { name: 'Soʻrash' }));
}

describe('PlaygroundPage', () => {
  it('shows the answer, where it came from, how confident the bot is and the matched entry’s questions', async () => {
    vi.mocked(botsClient.askPlayground).mockResolvedValue({
      answer: 'Biz har kuni soat 9:00 dan 21:00 gacha ishlaymiz.',
      source: 'Retrieval',
      confidence: 0.82,
      matchedEntryId: '0196f2c4-0000-7000-8000-0000000000c1',
      matchedQuestions: ['Ish vaqtingiz qanday?', 'Soat nechida ochilasiz?'],
    });

    await ask('Qachon ishlaysiz?');

    expect(botsClient.askPlayground).toHaveBeenCalledWith(demoBot.id, { question: 'Qachon ishlaysiz?' });
    expect(await screen.findByTestId('playground-text')).toHaveTextContent('Biz har kuni soat 9:00 dan 21:00 gacha ishlaymiz.');
    expect(screen.getByTestId('playground-source')).toHaveTextContent('Bilimlar bazasi');
    expect(screen.getByTestId('playground-confidence')).toHaveAttribute('value', '0.82');
    expect(screen.getByTestId('playground-answer')).toHaveTextContent('82%');
    expect(screen.getByTestId('playground-answer')).toHaveTextContent('Chegara: 35%');
    expect(screen.getByTestId('playground-matched')).toHaveTextContent('Soat nechida ochilasiz?');
  });

  it('says when the bot fell back because nothing matched', async () => {
    vi.mocked(botsClient.askPlayground).mockResolvedValue({
      answer: demoBot.fallbackMessage,
      source: 'Fallback',
      confidence: 0.1,
      matchedQuestions: [],
    });

    await ask('Kvant fizikasi?');

    expect(await screen.findByTestId('playground-source')).toHaveTextContent('Zaxira javob');
    expect(screen.getByTestId('playground-matched')).toHaveTextContent('Yoʻq');
  });
});
