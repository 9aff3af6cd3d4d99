import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminClient } from '../../api/client';
import type { StaffAccessGrantDto } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { DateTime } from '../../components/DateTime';
import { ProblemMessage } from '../../components/ProblemMessage';
import { userDataKey } from '../auth/account';

const limit = 20;

interface LoadMoreProps {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

function LoadMore({ hasNextPage, isFetchingNextPage, fetchNextPage }: LoadMoreProps) {
  const { t } = useTranslation();
  if (!hasNextPage) return null;
  return (
    <button type="button" className="button button--secondary" disabled={isFetchingNextPage} onClick={() => void fetchNextPage()}>
      {isFetchingNextPage && <span className="spinner" aria-hidden="true" />}
      {t('admin.loadMore')}
    </button>
  );
}

/**
 * A tenant's conversations and knowledge, for staff only while the owner's grant runs: without one, a note that the
 * owner gives it on their Security page. Every read here is in the staff audit log with the grant's reason.
 */
export function CustomerDataSection({ tenantId, grant }: { tenantId: string; grant?: StaffAccessGrantDto }) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t('admin.customerData.title')}</h2>
      {grant ? (
        <>
          <p role="status" data-testid="access-grant">
            {t('admin.customerData.granted')} <DateTime value={grant.expiresAt} />. {t('security.staffAccess.reason')}: {grant.reason}
          </p>
          <Conversations tenantId={tenantId} />
          <Knowledge tenantId={tenantId} />
        </>
      ) : (
        <p data-testid="access-grant">{t('admin.customerData.noGrant')}</p>
      )}
    </>
  );
}

function Conversations({ tenantId }: { tenantId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const conversations = useInfiniteQuery({
    queryKey: [...userDataKey, 'admin', 'tenant', tenantId, 'conversations'],
    queryFn: ({ pageParam, signal }) => adminClient.getTenantConversations(tenantId, pageParam, limit, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = conversations.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <h3>{t('admin.customerData.conversations')}</h3>
      {conversations.isPending && <p role="status">{t('common.loading')}</p>}
      {conversations.isError && <ProblemMessage problem={toProblem(conversations.error)} onRetry={() => void conversations.refetch()} />}
      {conversations.isSuccess && rows.length === 0 && <p>{t('admin.customerData.noConversations')}</p>}
      <ul className="list">
        {rows.map((conversation) => (
          <li key={conversation.id} data-testid="tenant-conversation">
            <button
              type="button"
              className="link-button"
              aria-expanded={open === conversation.id}
              onClick={() => setOpen(open === conversation.id ? null : conversation.id)}
            >
              {conversation.contactName} · {conversation.botName} · {conversation.channel}
            </button>{' '}
            <DateTime value={conversation.lastMessageAt} />
            {open === conversation.id && <Messages tenantId={tenantId} conversationId={conversation.id} />}
          </li>
        ))}
      </ul>
      <LoadMore {...conversations} />
    </>
  );
}

function Messages({ tenantId, conversationId }: { tenantId: string; conversationId: string }) {
  const { t } = useTranslation();
  const messages = useInfiniteQuery({
    queryKey: [...userDataKey, 'admin', 'tenant', tenantId, 'conversations', conversationId],
    queryFn: ({ pageParam, signal }) => adminClient.getTenantConversationMessages(tenantId, conversationId, pageParam, limit, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (messages.isPending) return <p role="status">{t('common.loading')}</p>;
  if (messages.isError) return <ProblemMessage problem={toProblem(messages.error)} onRetry={() => void messages.refetch()} />;
  return (
    <>
      <ol className="list">
        {messages.data.pages
          .flatMap((page) => page.items)
          .map((message) => (
            <li key={message.id} data-testid="tenant-message">
              <DateTime value={message.sentAt} /> <strong>{message.author}</strong>: {message.text}
            </li>
          ))}
      </ol>
      <LoadMore {...messages} />
    </>
  );
}

function Knowledge({ tenantId }: { tenantId: string }) {
  const { t } = useTranslation();
  const knowledge = useInfiniteQuery({
    queryKey: [...userDataKey, 'admin', 'tenant', tenantId, 'knowledge'],
    queryFn: ({ pageParam, signal }) => adminClient.getTenantKnowledge(tenantId, pageParam, limit, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = knowledge.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <h3>{t('admin.customerData.knowledge')}</h3>
      {knowledge.isPending && <p role="status">{t('common.loading')}</p>}
      {knowledge.isError && <ProblemMessage problem={toProblem(knowledge.error)} onRetry={() => void knowledge.refetch()} />}
      {knowledge.isSuccess && rows.length === 0 && <p>{t('admin.customerData.noKnowledge')}</p>}
      <table className="table">
        <tbody>
          {rows.map((entry) => (
            <tr key={entry.id} data-testid="tenant-knowledge">
              <td>{entry.questions.join(' / ')}</td>
              <td>{entry.answer}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <LoadMore {...knowledge} />
    </>
  );
}
