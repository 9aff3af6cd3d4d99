import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { accountClient, botsClient, knowledgeClient } from '../../api/client';
import type { KnowledgeEntryDto } from '../../api/generated/virtuops-api';
import { demoAccount, demoBot, pageOf } from '../../test/apiClientMock';
import { renderRoute } from '../../test/renderRoute';

vi.mock('../../api/client', () => import('../../test/apiClientMock'));

const knowledgePath = `/bots/${demoBot.id}/knowledge`;
const entry: KnowledgeEntryDto = {
  id: '0196f2c4-0000-7000-8000-0000000000c1',
  botId: demoBot.id,
  questions: ['Ish vaqtingiz qanday?', 'Soat nechida ochilasiz?'],
  answer: 'Har kuni 9:00 dan 21:00 gacha.',
  source: 'Manual',
  lastModified: '2026-04-20T10:00:00Z',
  version: 2,
};

function signedInWithKnowledge(entries: KnowledgeEntryDto[]) {
  vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(demoAccount);
  vi.mocked(botsClient.getBot).mockResolvedValue(demoBot);
  vi.mocked(botsClient.getKnowledgeEntries).mockResolvedValue(pageOf(entries));
}

describe('KnowledgePage', () => {
  it('lists entries with all their question variants and links the CSV export', async () => {
    signedInWithKnowledge([entry]);
    renderRoute(knowledgePath);

    const row = await screen.findByTestId('knowledge-entry');
    expect(row).toHaveTextContent('Ish vaqtingiz qanday?');
    expect(row).toHaveTextContent('Soat nechida ochilasiz?');
    expect(screen.getByRole('link', { name: 'CSV yuklab olish' })).toHaveAttribute(
      'href',
      `/api/bots/${demoBot.id}/knowledge/export`,
    );
  });

  it('adds an entry with several question variants', async () => {
    signedInWithKnowledge([]);
    vi.mocked(botsClient.createKnowledgeEntry).mockResolvedValue(entry);
    renderRoute(knowledgePath);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Yozuv qoʻshish' }));
    const form = screen.getByTestId('knowledge-form');
    await user.type(within(form).getByLabelText('1-savol'), 'Ish vaqtingiz qanday?');
    await user.click(within(form).getByRole('button', { name: '+ Yana bir variant' }));
    await user.type(within(form).getByLabelText('2-savol'), 'Soat nechida ochilasiz?');
    await user.click(within(form).getByRole('button', { name: '+ Yana bir variant' }));
    await user.type(within(form).getByLabelText('Javob'), 'Har kuni 9:00 dan 21:00 gacha.');
    await user.click(within(form).getByRole('button', { name: 'Saqlash' }));

    // The empty third variant is left out.
    expect(botsClient.createKnowledgeEntry).toHaveBeenCalledWith(demoBot.id, {
      questions: ['Ish vaqtingiz qanday?', 'Soat nechida ochilasiz?'],
      answer: 'Har kuni 9:00 dan 21:00 gacha.',
    });
    expect(await screen.findByRole('button', { name: 'Yozuv qoʻshish' })).toBeEnabled();
  });

  it('edits an entry and deletes one after asking', async () => {
    signedInWithKnowledge([entry]);
    vi.mocked(knowledgeClient.updateKnowledgeEntry).mockResolvedValue(entry);
    vi.mocked(knowledgeClient.deleteKnowledgeEntry).mockResolvedValue(undefined);
    renderRoute(knowledgePath);
    const user = userEvent.setup();

    await user.click(within(await screen.findByTestId('knowledge-entry')).getByRole('button', { name: 'Tahrirlash' }));
    const form = screen.getByTestId('knowledge-form');
    await user.click(within(form).getByRole('button', { name: '2-savolni olib tashlash' }));
    await user.click(within(form).getByRole('button', { name: 'Saqlash' }));
    expect(knowledgeClient.updateKnowledgeEntry).toHaveBeenCalledWith(entry.id, {
      questions: ['Ish vaqtingiz qanday?'],
      answer: entry.answer,
    }, '"2"');

    await user.click(within(screen.getByTestId('knowledge-entry')).getByRole('button', { name: 'Oʻchirish' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Oʻchirish' }));
    expect(knowledgeClient.deleteKnowledgeEntry).toHaveBeenCalledWith(entry.id, '"2"');
  });

  it('imports a CSV file and, when rows are wrong, lists each wrong row by its number', async () => {
    signedInWithKnowledge([]);
    vi.mocked(botsClient.importKnowledge).mockRejectedValue({
      status: 400,
      title: 'One or more validation errors occurred.',
      errors: {
        'rows[12]': ['Row 12: the answer column is empty.'],
        'rows[3]': ['Row 3: the questions column is empty.', 'Row 3: the answer column is empty.'],
      },
    });
    renderRoute(knowledgePath);
    const user = userEvent.setup();
    const csv = 'questions,answer\n,\n';

    await user.upload(await screen.findByLabelText('CSV fayl'), new File([csv], 'faq.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Import qilish' }));

    expect(botsClient.importKnowledge).toHaveBeenCalledWith(demoBot.id, { csv });
    const report = await screen.findByTestId('import-errors');
    expect(report).toHaveTextContent('Fayl import qilinmadi.');
    const rows = within(report).getAllByTestId('import-error-row');
    expect(rows.map((row) => row.textContent)).toEqual([
      '3Row 3: the questions column is empty. Row 3: the answer column is empty.',
      '12Row 12: the answer column is empty.',
    ]);
  });

  it('says how many entries a good file added', async () => {
    signedInWithKnowledge([]);
    vi.mocked(botsClient.importKnowledge).mockResolvedValue({ imported: 7 });
    renderRoute(knowledgePath);
    const user = userEvent.setup();

    await user.upload(await screen.findByLabelText('CSV fayl'), new File(['questions,answer'], 'faq.csv'));
    await user.click(screen.getByRole('button', { name: 'Import qilish' }));

    expect(await screen.findByText('Import qilindi: 7 ta yozuv.')).toBeInTheDocument();
  });

  it('searches and loads more of the server’s list with its cursor, keeping the search', async () => {
    signedInWithKnowledge([]);
    const older = { ...entry, id: 'older', questions: ['Dam olish kuni bormi?'] };
    vi.mocked(botsClient.getKnowledgeEntries).mockImplementation((_bot, _search, cursor) =>
      Promise.resolve(cursor ? pageOf([older]) : pageOf([entry], 'next-1')),
    );
    renderRoute(knowledgePath);
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Bilimlar boʻyicha qidirish'), 'vaqt{Enter}');
    await user.click(await screen.findByRole('button', { name: 'Yana koʻrsatish' }));

    expect(await screen.findByText('Dam olish kuni bormi?')).toBeInTheDocument();
    expect(screen.getAllByTestId('knowledge-entry')).toHaveLength(2);
    expect(botsClient.getKnowledgeEntries).toHaveBeenLastCalledWith(demoBot.id, 'vaqt', 'next-1', 20, expect.anything());
  });

  it('says when a search finds nothing', async () => {
    signedInWithKnowledge([]);
    renderRoute(`${knowledgePath}?q=yoʻq`);

    expect(await screen.findByText('“yoʻq” boʻyicha hech narsa topilmadi.')).toBeInTheDocument();
  });
});
