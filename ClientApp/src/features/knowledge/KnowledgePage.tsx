import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { botsClient, knowledgeClient, knowledgeExportUrl } from '../../api/client';
import type { KnowledgeEntryDto } from '../../api/generated/virtuops-api';
import { ifMatch } from '../../api/etag';
import { toProblem } from '../../api/problem';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DateTime } from '../../components/DateTime';
import { ProblemMessage } from '../../components/ProblemMessage';
import { useBot } from '../bots/BotLayout';
import { CsvImport } from './CsvImport';
import { KnowledgeEntryForm } from './KnowledgeEntryForm';
import { knowledgePageSize, knowledgeQueryKey } from './knowledgeQueries';

/** What is being edited: a new entry, an existing one, or nothing. */
type Editing = { entry?: KnowledgeEntryDto } | undefined;

export function KnowledgePage() {
  const { t } = useTranslation();
  const bot = useBot();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const [editing, setEditing] = useState<Editing>(undefined);

  return (
    <>
      <h2>{t('knowledge.title')}</h2>
      <p className="muted">{t('knowledge.intro')}</p>
      <div className="actions actions--wrap">
        <button type="button" className="button" onClick={() => setEditing({})} disabled={editing !== undefined}>
          {t('knowledge.add')}
        </button>
        <a className="button button--secondary" href={knowledgeExportUrl(bot.id)} download>
          {t('knowledge.export')}
        </a>
      </div>
      {editing && (
        <KnowledgeEntryForm
          key={editing.entry?.id ?? 'new'}
          botId={bot.id}
          entry={editing.entry}
          onDone={() => setEditing(undefined)}
        />
      )}
      <CsvImport botId={bot.id} />
      <SearchForm key={search} initial={search} onSearch={(q) => setParams(q ? { q } : {})} />
      <EntryList botId={bot.id} search={search} onEdit={(entry) => setEditing({ entry })} />
    </>
  );
}

function SearchForm({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState(initial);
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSearch(q.trim());
  };
  return (
    <form className="form--inline search" role="search" onSubmit={handleSubmit}>
      <input
        type="search"
        aria-label={t('knowledge.search')}
        placeholder={t('knowledge.searchPlaceholder')}
        maxLength={200}
        value={q}
        onChange={(event) => setQ(event.target.value)}
      />
      <button type="submit" className="button button--secondary">
        {t('knowledge.searchButton')}
      </button>
    </form>
  );
}

interface EntryListProps {
  botId: string;
  search: string;
  onEdit: (entry: KnowledgeEntryDto) => void;
}

function EntryList({ botId, search, onEdit }: EntryListProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [deleting, setDeleting] = useState<KnowledgeEntryDto | undefined>(undefined);
  const entries = useInfiniteQuery({
    queryKey: [...knowledgeQueryKey(botId), { search }],
    queryFn: ({ pageParam, signal }) =>
      botsClient.getKnowledgeEntries(botId, search || undefined, pageParam, knowledgePageSize, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const remove = useMutation({
    mutationFn: (entry: KnowledgeEntryDto) => knowledgeClient.deleteKnowledgeEntry(entry.id, ifMatch(entry.version)),
    onSuccess: () => setDeleting(undefined),
    onSettled: () => queryClient.invalidateQueries({ queryKey: knowledgeQueryKey(botId) }),
  });

  if (entries.isPending) return <p role="status">{t('common.loading')}</p>;
  if (entries.isError) return <ProblemMessage problem={toProblem(entries.error)} onRetry={() => void entries.refetch()} />;
  const items = entries.data.pages.flatMap((page) => page.items);

  return (
    <>
      {remove.isError && <ProblemMessage problem={toProblem(remove.error)} />}
      {deleting && (
        <ConfirmDialog
          title={t('knowledge.deleteTitle')}
          confirmLabel={t('knowledge.delete')}
          pending={remove.isPending}
          onConfirm={() => remove.mutate(deleting)}
          onCancel={() => setDeleting(undefined)}
        >
          <p>“{deleting.questions[0]}”</p>
          <p>{t('knowledge.deleteText')}</p>
        </ConfirmDialog>
      )}
      {items.length === 0 && (
        <p className="muted" role="status">
          {search ? t('knowledge.notFound', { search }) : t('knowledge.empty')}
        </p>
      )}
      {items.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('knowledge.questions')}</th>
              <th scope="col">{t('knowledge.answer')}</th>
              <th scope="col">{t('knowledge.lastModified')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((entry) => (
              <tr key={entry.id} data-testid="knowledge-entry">
                <td>
                  <ul className="plain-list">
                    {entry.questions.map((question, index) => (
                      <li key={index}>{question}</li>
                    ))}
                  </ul>
                </td>
                <td className="pre-wrap">{entry.answer}</td>
                <td>
                  <DateTime value={entry.lastModified} />
                  {entry.source !== 'Manual' && <div className="muted">{t(`knowledge.source.${entry.source}`)}</div>}
                </td>
                <td>
                  <div className="actions">
                    <button type="button" className="button button--secondary" onClick={() => onEdit(entry)}>
                      {t('knowledge.edit')}
                    </button>
                    <button type="button" className="button button--secondary" onClick={() => setDeleting(entry)}>
                      {t('knowledge.delete')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {entries.hasNextPage && (
        <button
          type="button"
          className="button button--secondary"
          disabled={entries.isFetchingNextPage}
          onClick={() => void entries.fetchNextPage()}
        >
          {entries.isFetchingNextPage && <span className="spinner" aria-hidden="true" />}
          {t('common.loadMore')}
        </button>
      )}
    </>
  );
}
