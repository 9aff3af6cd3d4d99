import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useParams, useSearchParams } from 'react-router';
import { inboxClient } from '../../api/client';
import type { Channel, ConversationStatus } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { DateTime } from '../../components/DateTime';
import { ProblemMessage } from '../../components/ProblemMessage';
import { botsQuery } from '../bots/botQueries';
import { ChannelBadge } from './ChannelBadge';
import { applyConversation, applyMessage, conversationListKey, inboxQueryKey } from './inboxCache';
import { connectInboxHub, type HubState } from './inboxHub';
import { StatusBadge } from './StatusBadge';

const conversationStatuses: readonly ConversationStatus[] = ['WaitingForHuman', 'Human', 'Bot', 'Closed'];
const channels: readonly Channel[] = ['Widget', 'Telegram', 'WhatsApp', 'Instagram'];
const pageSize = 30;

interface Filters {
  status?: ConversationStatus;
  channel?: Channel;
  botId?: string;
  search?: string;
  unreadOnly: boolean;
}

function readFilters(params: URLSearchParams): Filters {
  const status = params.get('status');
  const channel = params.get('channel');
  return {
    status: conversationStatuses.find((s) => s === status),
    channel: channels.find((c) => c === channel),
    botId: params.get('bot') ?? undefined,
    search: params.get('q') ?? undefined,
    unreadOnly: params.get('unread') === '1',
  };
}

function writeFilters(filters: Filters): Record<string, string> {
  const params: Record<string, string> = {};
  if (filters.status) params.status = filters.status;
  if (filters.channel) params.channel = filters.channel;
  if (filters.botId) params.bot = filters.botId;
  if (filters.search) params.q = filters.search;
  if (filters.unreadOnly) params.unread = '1';
  return params;
}

/** The live inbox: conversations on the left, the open one on the right; the hub keeps both current. */
export function InboxPage() {
  const { t } = useTranslation();
  const hubState = useInboxLiveUpdates();
  const { conversationId } = useParams();

  return (
    <section className="inbox">
      <div className="inbox__header">
        <h1>{t('inbox.title')}</h1>
        <p className={`live live--${hubState}`} role="status" data-testid="hub-state">
          {t(`inbox.hub.${hubState}`)}
        </p>
      </div>
      <div className={conversationId ? 'inbox__columns inbox__columns--open' : 'inbox__columns'}>
        <ConversationList selectedId={conversationId} />
        <div className="inbox__thread">
          {conversationId ? <Outlet /> : <p className="muted">{t('inbox.pickOne')}</p>}
        </div>
      </div>
    </section>
  );
}

function useInboxLiveUpdates(): HubState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<HubState>('connecting');
  useEffect(
    () =>
      connectInboxHub({
        messagesAdded: (conversation, messages) => applyConversation(queryClient, conversation, messages),
        conversationChanged: (conversation) => applyConversation(queryClient, conversation),
        messageUpdated: (message) => applyMessage(queryClient, message),
        stateChanged: setState,
        resynced: () => void queryClient.invalidateQueries({ queryKey: inboxQueryKey }),
      }),
    [queryClient],
  );
  return state;
}

function ConversationList({ selectedId }: { selectedId?: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  // A cursor per page: conversations arriving while the agent scrolls appear on top, never shifting the pages below.
  const conversations = useInfiniteQuery({
    queryKey: [...conversationListKey, filters],
    queryFn: ({ pageParam, signal }) =>
      inboxClient.getConversations(
        filters.status,
        filters.channel,
        filters.botId,
        filters.search,
        filters.unreadOnly,
        pageParam,
        pageSize,
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = conversations.data?.pages.flatMap((page) => page.items) ?? [];
  const filter = (change: Partial<Filters>) => setParams(writeFilters({ ...filters, ...change }));

  return (
    <div className="inbox__list">
      <InboxFilters filters={filters} onChange={filter} />
      {conversations.isPending && <p role="status">{t('common.loading')}</p>}
      {conversations.isError && (
        <ProblemMessage problem={toProblem(conversations.error)} onRetry={() => void conversations.refetch()} />
      )}
      {conversations.isSuccess && (
        <>
          {rows.length === 0 && <p>{t('inbox.none')}</p>}
          <ul className="conversations" aria-busy={conversations.isFetching}>
            {rows.map((conversation) => (
              <li key={conversation.id}>
                <Link
                  to={{ pathname: `/inbox/${conversation.id}`, search: params.toString() }}
                  className={conversation.id === selectedId ? 'conversation conversation--selected' : 'conversation'}
                  aria-current={conversation.id === selectedId ? 'page' : undefined}
                  data-testid="conversation"
                >
                  <span className="conversation__top">
                    <strong>{conversation.contactName}</strong>
                    {conversation.unreadCount > 0 && (
                      <span
                        className="unread"
                        data-testid="unread-badge"
                        aria-label={t('inbox.unread', { total: conversation.unreadCount })}
                      >
                        {conversation.unreadCount}
                      </span>
                    )}
                  </span>
                  <span className="conversation__preview" data-testid="conversation-preview">
                    {conversation.lastMessagePreview}
                  </span>
                  <span className="conversation__meta muted">
                    <StatusBadge status={conversation.status} /> · <ChannelBadge channel={conversation.channel} /> ·{' '}
                    {conversation.botName} · <DateTime value={conversation.lastMessageAt} />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          {conversations.hasNextPage && (
            <button
              type="button"
              className="button button--secondary"
              disabled={conversations.isFetchingNextPage}
              onClick={() => void conversations.fetchNextPage()}
            >
              {conversations.isFetchingNextPage && <span className="spinner" aria-hidden="true" />}
              {t('common.loadMore')}
            </button>
          )}
        </>
      )}
    </div>
  );
}

function InboxFilters({ filters, onChange }: { filters: Filters; onChange: (change: Partial<Filters>) => void }) {
  const { t } = useTranslation();
  const bots = useQuery(botsQuery);
  const [search, setSearch] = useState(filters.search ?? '');
  const handleSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChange({ search: search.trim() || undefined });
  };

  return (
    <div className="inbox__filters">
      <form role="search" className="form--inline" onSubmit={handleSearch}>
        <input
          type="search"
          aria-label={t('inbox.search')}
          placeholder={t('inbox.searchPlaceholder')}
          maxLength={200}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <button type="submit" className="button button--secondary">
          {t('knowledge.searchButton')}
        </button>
      </form>
      <div className="form--inline">
        <select
          aria-label={t('inbox.statusFilter')}
          value={filters.status ?? ''}
          onChange={(event) => onChange({ status: conversationStatuses.find((s) => s === event.target.value) })}
        >
          <option value="">{t('inbox.allStatuses')}</option>
          {conversationStatuses.map((status) => (
            <option key={status} value={status}>
              {t(`inbox.status.${status}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('inbox.channelFilter')}
          value={filters.channel ?? ''}
          onChange={(event) => onChange({ channel: channels.find((c) => c === event.target.value) })}
        >
          <option value="">{t('inbox.allChannels')}</option>
          {channels.map((channel) => (
            <option key={channel} value={channel}>
              {t(`inbox.channel.${channel}`)}
            </option>
          ))}
        </select>
        {bots.isSuccess && bots.data.length > 1 && (
          <select
            aria-label={t('inbox.botFilter')}
            value={filters.botId ?? ''}
            onChange={(event) => onChange({ botId: event.target.value || undefined })}
          >
            <option value="">{t('inbox.allBots')}</option>
            {bots.data.map((bot) => (
              <option key={bot.id} value={bot.id}>
                {bot.name}
              </option>
            ))}
          </select>
        )}
        <label className="inline-check">
          <input
            type="checkbox"
            checked={filters.unreadOnly}
            onChange={(event) => onChange({ unreadOnly: event.target.checked })}
          />
          {t('inbox.unreadOnly')}
        </label>
      </div>
    </div>
  );
}
