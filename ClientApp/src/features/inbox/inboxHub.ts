import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import type { ConversationSummaryDto, MessageDto } from '../../api/generated/virtuops-api';

export type HubState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

export interface InboxHubHandlers {
  messagesAdded: (conversation: ConversationSummaryDto, messages: MessageDto[]) => void;
  conversationChanged: (conversation: ConversationSummaryDto) => void;
  /** An outgoing message moved on: sent, delivered, read, failed, or queued again by a retry. */
  messageUpdated: (message: MessageDto) => void;
  stateChanged: (state: HubState) => void;
  /** The connection is back after a break: events sent meanwhile were missed, so reload what is shown. */
  resynced: () => void;
}

const retryDelayMs = 5000;

/**
 * Connects to the tenant's live inbox (/hubs/inbox, signed in by the same-origin cookie) and keeps trying while the
 * page is open: SignalR's automatic reconnect covers short breaks, a timer covers a failed start or a lost server.
 * Returns the function that disconnects.
 */
export function connectInboxHub(handlers: InboxHubHandlers): () => void {
  const connection = new HubConnectionBuilder()
    .withUrl('/hubs/inbox')
    .withAutomaticReconnect()
    .configureLogging(LogLevel.Warning)
    .build();
  let stopped = false;
  let everConnected = false;
  let retry: ReturnType<typeof setTimeout> | undefined;

  connection.on('messagesAdded', handlers.messagesAdded);
  connection.on('conversationChanged', handlers.conversationChanged);
  connection.on('messageUpdated', handlers.messageUpdated);
  connection.onreconnecting(() => handlers.stateChanged('reconnecting'));
  connection.onreconnected(() => {
    handlers.stateChanged('connected');
    handlers.resynced();
  });
  connection.onclose(() => {
    if (stopped) return;
    handlers.stateChanged('disconnected');
    retry = setTimeout(() => void start(), retryDelayMs);
  });

  const start = async () => {
    try {
      await connection.start();
      if (stopped) return;
      handlers.stateChanged('connected');
      if (everConnected) handlers.resynced();
      everConnected = true;
    } catch {
      // Stopped while starting (the page was left), or the server could not be reached: try again later.
      if (stopped) return;
      handlers.stateChanged('disconnected');
      retry = setTimeout(() => void start(), retryDelayMs);
    }
  };

  handlers.stateChanged('connecting');
  void start();
  return () => {
    stopped = true;
    clearTimeout(retry);
    void connection.stop();
  };
}
