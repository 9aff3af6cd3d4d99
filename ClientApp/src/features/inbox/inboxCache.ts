import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type {
  ConversationDetailDto,
  ConversationSummaryDto,
  ConversationSummaryDtoCursorPage,
  MessageDto,
} from '../../api/generated/virtuops-api';
import { userDataKey } from '../auth/account';

export const inboxQueryKey = [...userDataKey, 'inbox'] as const;
export const conversationListKey = [...inboxQueryKey, 'list'] as const;

export function conversationQueryKey(id: string) {
  return [...inboxQueryKey, 'conversation', id] as const;
}

/** Messages by time, each once: the hub and a reply's response can both bring the same message. */
export function mergeMessages(current: MessageDto[], added: MessageDto[]): MessageDto[] {
  const byId = new Map(current.map((message) => [message.id, message]));
  for (const message of added) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt));
}

/**
 * A conversation changed (new messages, status, unread count): every cached list and the open thread show it at
 * once, then the lists are reloaded, because only the server knows the new order and who now matches each filter.
 */
export function applyConversation(queryClient: QueryClient, summary: ConversationSummaryDto, messages: MessageDto[] = []) {
  queryClient.setQueriesData<InfiniteData<ConversationSummaryDtoCursorPage>>({ queryKey: conversationListKey }, (list) =>
    list && {
      ...list,
      pages: list.pages.map((page) => ({ ...page, items: page.items.map((item) => (item.id === summary.id ? summary : item)) })),
    },
  );
  queryClient.setQueryData<ConversationDetailDto>(conversationQueryKey(summary.id), (detail) =>
    detail && { conversation: summary, messages: mergeMessages(detail.messages, messages) },
  );
  void queryClient.invalidateQueries({ queryKey: conversationListKey });
}

/** A message's delivery changed: the open thread shows the new state where the message is. */
export function applyMessage(queryClient: QueryClient, message: MessageDto) {
  queryClient.setQueryData<ConversationDetailDto>(conversationQueryKey(message.conversationId), (detail) =>
    detail && { ...detail, messages: detail.messages.map((m) => (m.id === message.id ? message : m)) },
  );
}
