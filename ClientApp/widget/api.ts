import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import {
  WidgetClient,
  type ConversationStatus,
  type MessageDto,
  type WidgetConfigDto,
  type WidgetConversationDto,
  type WidgetReplyDto,
} from '../src/api/generated/virtuops-api';

/** What the widget needs from the server; tests give a stand-in. */
export interface WidgetApi {
  config(): Promise<WidgetConfigDto>;
  conversation(): Promise<WidgetConversationDto>;
  send(text: string, clientMessageId: string): Promise<WidgetReplyDto>;
  /** The notice the bot writes, or null when a person already has the conversation. */
  handoff(): Promise<MessageDto | null>;
  /** Live replies (bot and agents) for this visitor; returns the function that disconnects. */
  listen(handlers: LiveHandlers): () => void;
}

export interface LiveHandlers {
  messagesAdded: (messages: MessageDto[], status: ConversationStatus) => void;
  /** Joined (again): replies sent while the connection was down were missed, so reload the conversation. */
  joined: () => void;
}

const rejoinDelayMs = 5000;

/**
 * The public widget API of the app at `baseUrl`, through the generated client. Never with cookies: the visitor is
 * the X-Visitor-Id header, and the server allows the call by the page's origin (CORS per bot).
 */
export function createWidgetApi(baseUrl: string, widgetKey: string, visitorId: string): WidgetApi {
  const client = new WidgetClient(baseUrl, {
    fetch: (url, init) => fetch(url, { ...init, credentials: 'omit', mode: 'cors' }),
  });

  return {
    config: () => client.getWidgetConfig(widgetKey),
    conversation: () => client.getWidgetConversation(widgetKey, visitorId),
    send: (text, clientMessageId) => client.sendWidgetMessage(widgetKey, visitorId, { text, clientMessageId }),
    handoff: async () => (await client.requestHuman(widgetKey, visitorId)) ?? null,
    listen: (handlers) => listen(baseUrl, widgetKey, visitorId, handlers),
  };
}

function listen(baseUrl: string, widgetKey: string, visitorId: string, handlers: LiveHandlers): () => void {
  const connection = new HubConnectionBuilder()
    .withUrl(`${baseUrl}/hubs/widget?widgetKey=${encodeURIComponent(widgetKey)}`, { withCredentials: false })
    .withAutomaticReconnect()
    .configureLogging(LogLevel.None) // the host page's console is not ours to fill
    .build();
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;

  // A group belongs to a connection: every new connection (also after an automatic reconnect) joins again.
  const join = async () => {
    await connection.invoke('Join', widgetKey, visitorId);
    handlers.joined();
  };
  const start = async () => {
    try {
      await connection.start();
      await join();
    } catch {
      if (!stopped) retry = setTimeout(() => void start(), rejoinDelayMs);
    }
  };

  connection.on('messagesAdded', handlers.messagesAdded);
  connection.onreconnected(() => void join().catch(() => void connection.stop()));
  connection.onclose(() => {
    if (!stopped) retry = setTimeout(() => void start(), rejoinDelayMs);
  });
  void start();

  return () => {
    stopped = true;
    clearTimeout(retry);
    void connection.stop();
  };
}

/** The HTTP status of a failed call; 0 when the server was not reached (or the browser blocked the answer). */
export function statusOf(error: unknown): number {
  if (typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number') {
    return error.status;
  }
  return 0;
}
