import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { inboxClient } from '../../api/client';
import type {
  ConversationDetailDto,
  ConversationSummaryDto,
  MessageDto,
} from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { DateTime } from '../../components/DateTime';
import { FormProblem } from '../../components/FormProblem';
import { ProblemMessage } from '../../components/ProblemMessage';
import { ChannelBadge } from './ChannelBadge';
import { ContactActions } from './ContactActions';
import { DeliveryFailure } from './DeliveryFailure';
import { DeliveryStatus } from './DeliveryStatus';
import { applyConversation, conversationQueryKey, mergeMessages } from './inboxCache';
import { MessageContent } from './MessageContent';
import { StatusBadge } from './StatusBadge';

/** One conversation: its messages, the agent's reply box, hand back / close / reopen, and the contact's export and erasure. */
export function ConversationThread() {
  const { t } = useTranslation();
  const { conversationId = '' } = useParams();
  const detail = useQuery({
    queryKey: conversationQueryKey(conversationId),
    queryFn: ({ signal }) => inboxClient.getConversation(conversationId, signal),
  });

  if (detail.isPending) return <p role="status">{t('common.loading')}</p>;
  if (detail.isError) return <ProblemMessage problem={toProblem(detail.error)} onRetry={() => void detail.refetch()} />;
  return <Thread key={conversationId} detail={detail.data} />;
}

function Thread({ detail }: { detail: ConversationDetailDto }) {
  const { conversation, messages } = detail;
  useMarkRead(conversation);

  return (
    <article className="thread" aria-labelledby="thread-title">
      <header className="thread__header">
        <h2 id="thread-title">{conversation.contactName}</h2>
        <p className="muted">
          <ChannelBadge channel={conversation.channel} /> · {conversation.botName}
        </p>
        <ConversationActions conversation={conversation} />
        <ContactActions conversation={conversation} />
      </header>
      <Messages messages={messages} />
      <ReplyForm conversation={conversation} />
    </article>
  );
}

/** Opening a conversation, or a customer writing while it is open, marks it read for the whole team. */
function useMarkRead(conversation: ConversationSummaryDto) {
  const queryClient = useQueryClient();
  const { mutate } = useMutation({
    mutationFn: () => inboxClient.markConversationRead(conversation.id),
    onSuccess: (summary) => applyConversation(queryClient, summary),
  });
  const unread = conversation.unreadCount;
  useEffect(() => {
    if (unread > 0) mutate();
  }, [unread, mutate]);
}

function ConversationActions({ conversation }: { conversation: ConversationSummaryDto }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (action: 'handBack' | 'close' | 'reopen') => {
      switch (action) {
        case 'handBack':
          return inboxClient.handBackToBot(conversation.id);
        case 'close':
          return inboxClient.closeConversation(conversation.id);
        case 'reopen':
          return inboxClient.reopenConversation(conversation.id);
      }
    },
    onSuccess: (summary) => applyConversation(queryClient, summary),
  });
  const { status } = conversation;

  return (
    <>
      <p data-testid="conversation-status">
        <StatusBadge status={status} /> {t(`inbox.statusText.${status}`)}
      </p>
      {change.isError && <ProblemMessage problem={toProblem(change.error)} />}
      <div className="actions">
        {(status === 'Human' || status === 'WaitingForHuman') && (
          <button
            type="button"
            className="button button--secondary"
            disabled={change.isPending}
            onClick={() => change.mutate('handBack')}
          >
            {t('inbox.handBack')}
          </button>
        )}
        {status === 'Closed' ? (
          <button
            type="button"
            className="button button--secondary"
            disabled={change.isPending}
            onClick={() => change.mutate('reopen')}
          >
            {t('inbox.reopen')}
          </button>
        ) : (
          <button
            type="button"
            className="button button--secondary"
            disabled={change.isPending}
            onClick={() => change.mutate('close')}
          >
            {t('inbox.close')}
          </button>
        )}
      </div>
    </>
  );
}

function Messages({ messages }: { messages: MessageDto[] }) {
  const { t } = useTranslation();
  const endRef = useRef<HTMLLIElement>(null);
  // Keep the newest message in view as messages arrive (jsdom has no scrollIntoView). A block body: browsers that
  // return a promise from scrollIntoView would otherwise hand React a "cleanup" that is not a function.
  useEffect(() => {
    endRef.current?.scrollIntoView?.({ block: 'end' });
  }, [messages.length]);

  if (messages.length === 0) return <p className="muted">{t('inbox.noMessages')}</p>;
  return (
    <ol className="messages" aria-label={t('inbox.messages')}>
      {messages.map((message) => (
        <li
          key={message.id}
          className={`message message--${message.author.toLowerCase()}`}
          data-testid="message"
          data-author={message.author}
        >
          <span className="message__meta">
            <strong>{t(`inbox.author.${message.author}`)}</strong> · <DateTime value={message.sentAt} />
            {message.direction === 'Outbound' && (
              <>
                {' · '}
                <DeliveryStatus message={message} />
              </>
            )}
            {message.author === 'Bot' && message.confidence != null && (
              <> · {t('inbox.confidence', { percent: Math.round(message.confidence * 100) })}</>
            )}
          </span>
          <MessageContent message={message} />
          {message.direction === 'Outbound' && message.deliveryStatus === 'Failed' && <DeliveryFailure message={message} />}
        </li>
      ))}
      <li ref={endRef} aria-hidden="true" className="messages__end" />
    </ol>
  );
}

function ReplyForm({ conversation }: { conversation: ConversationSummaryDto }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const key = conversationQueryKey(conversation.id);
  const reply = useMutation({
    mutationFn: (body: string) => inboxClient.replyToConversation(conversation.id, { text: body }),
    onSuccess: async (message) => {
      setText('');
      // An agent's reply takes the conversation over: the bot stays quiet in it until it is handed back.
      queryClient.setQueryData<ConversationDetailDto>(key, (detail) =>
        detail && {
          conversation: { ...detail.conversation, status: 'Human', unreadCount: 0 },
          messages: mergeMessages(detail.messages, [message]),
        },
      );
      await queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const problem = reply.isError ? toProblem(reply.error) : undefined;
  const closed = conversation.status === 'Closed';

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = text.trim();
    if (body.length > 0) reply.mutate(body);
  };

  return (
    <form className="reply" onSubmit={handleSubmit} aria-busy={reply.isPending}>
      <FormProblem problem={problem} fields={[]} />
      <label htmlFor="reply-text" className="visually-hidden">
        {t('inbox.replyLabel')}
      </label>
      <textarea
        id="reply-text"
        rows={3}
        maxLength={2000}
        disabled={closed}
        placeholder={closed ? t('inbox.closedHint') : t('inbox.replyPlaceholder')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          // Ctrl+Enter (or Cmd+Enter) sends; Enter alone makes a new line.
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) event.currentTarget.form?.requestSubmit();
        }}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={closed || reply.isPending || text.trim().length === 0}>
          {reply.isPending && <span className="spinner" aria-hidden="true" />}
          {t('inbox.send')}
        </button>
        {conversation.status !== 'Human' && !closed && <span className="muted">{t('inbox.replyTakesOver')}</span>}
      </div>
    </form>
  );
}
