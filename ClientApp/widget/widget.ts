import type { ConversationStatus, MessageDto } from '../src/api/generated/virtuops-api';
import { statusOf, type WidgetApi } from './api';
import type { WidgetTexts } from './texts';
import { ChatView, type ShownMessage } from './view';
import { randomUuid } from './visitor';

export interface WidgetOptions {
  api: WidgetApi;
  texts: WidgetTexts;
  /** Whether this browser has written to the bot before, so the conversation is worth loading at start. */
  returningVisitor: boolean;
  /** Where the chat goes on the host page. */
  container: HTMLElement;
}

const sendAttempts = 3;
const firstRetryDelayMs = 1000;
const configAttempts = 3;

interface Outgoing {
  clientMessageId: string;
  text: string;
  failed: boolean;
}

/**
 * The chat's state and its talk with the server: messages by id (the POST's answer and the hub can bring the same
 * reply), the visitor's own messages until the server acknowledges them, and the conversation's status.
 */
export class Widget {
  private readonly view: ChatView;
  private readonly received = new Map<string, MessageDto>();
  private readonly outgoing = new Map<string, Outgoing>();
  private status: ConversationStatus | undefined;
  /** When the newest message behind the shown status was sent: an older event must not take the status back. */
  private statusAt = Number.NEGATIVE_INFINITY;
  /** Counts the statuses taken in, so a reload knows whether newer news came while it was on its way. */
  private statusesTaken = 0;
  private stopListening: (() => void) | undefined;

  constructor(private readonly options: WidgetOptions) {
    this.view = new ChatView(options.texts, {
      send: (text) => void this.send(text),
      retry: (clientMessageId) => void this.deliver(clientMessageId),
      handoff: () => void this.handoff(),
      opened: () => this.view.showError(undefined),
    });
  }

  /** Loads the bot's name and greeting (and the visitor's conversation, if any), then shows the bubble. */
  async start(): Promise<boolean> {
    const config = await this.loadConfig();
    if (!config) return false;
    this.view.setBot(config.botName, config.greeting);
    this.render();
    this.options.container.append(this.view.host);
    if (this.options.returningVisitor) await this.reload();
    return true;
  }

  stop() {
    this.stopListening?.();
    this.view.host.remove();
  }

  private async loadConfig() {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.options.api.config();
      } catch (error) {
        const status = statusOf(error);
        // 403/404 (or a CORS refusal, seen as 0) is the site owner's to fix: the visitor is better off without a
        // bubble that cannot work.
        if ((status !== 0 && status < 500) || attempt >= configAttempts) {
          console.warn(
            `VirtuOps chat: not shown (${status || 'no answer'}). Check the widget key and that this website is among the bot's allowed websites.`,
          );
          return undefined;
        }
        await delay(firstRetryDelayMs * attempt);
      }
    }
  }

  /** The conversation as the server has it; merged, so nothing shown twice and nothing lost. */
  private async reload() {
    try {
      const takenBefore = this.statusesTaken;
      const conversation = await this.options.api.conversation();
      // The server's current word, unless a newer status (the handoff's) arrived while it was on its way.
      this.accept(conversation.messages, conversation.status, this.statusesTaken === takenBefore);
      if (conversation.conversationId) this.listen();
    } catch {
      // History is a nicety: the visitor can still write, and the hub brings new replies.
    }
  }

  private listen() {
    this.stopListening ??= this.options.api.listen({
      messagesAdded: (messages, status) => {
        this.accept(messages, status);
        this.view.markUnread();
      },
      joined: () => void this.reload(),
    });
  }

  private async send(text: string) {
    const clientMessageId = randomUuid();
    this.outgoing.set(clientMessageId, { clientMessageId, text, failed: false });
    this.render();
    await this.deliver(clientMessageId);
  }

  /**
   * Sends (or sends again) one of the visitor's messages. The same clientMessageId every time, so the server stores
   * it once however often it arrives; after a retry, the conversation is reloaded in case the first try had gone
   * through and its reply was lost on the way back.
   */
  private async deliver(clientMessageId: string) {
    const message = this.outgoing.get(clientMessageId);
    if (!message) return;
    message.failed = false;
    this.view.showError(undefined);
    this.render();

    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.options.api.send(message.text, clientMessageId);
        this.outgoing.delete(clientMessageId);
        this.accept(result.reply ? [result.received, result.reply] : [result.received], result.status);
        this.listen();
        if (attempt > 1) await this.reload();
        return;
      } catch (error) {
        const status = statusOf(error);
        const transient = status === 0 || status >= 500;
        if (transient && attempt < sendAttempts) {
          await delay(firstRetryDelayMs * 2 ** (attempt - 1));
          continue;
        }
        message.failed = true;
        this.view.showError(this.errorText(status));
        this.render();
        return;
      }
    }
  }

  private async handoff() {
    this.view.showError(undefined);
    try {
      const notice = await this.options.api.handoff();
      // No notice: someone already has the conversation, so ask the server where it stands.
      if (notice) this.accept([notice], 'WaitingForHuman');
      else await this.reload();
    } catch (error) {
      this.view.showError(this.errorText(statusOf(error)));
    }
  }

  /**
   * Takes in messages and the status they came with. A hub event can arrive after a later answer (the bot's reply
   * event after the handoff notice), so a status counts only when its news is at least as new as the shown one's; a
   * reload is the server's current word and counts unless another status came in while it was on its way.
   */
  private accept(messages: MessageDto[], status: ConversationStatus | undefined, current = false) {
    for (const message of messages) this.received.set(message.id, message);
    const newest = Math.max(...messages.map((message) => Date.parse(message.sentAt)));
    if (status && (current || newest >= this.statusAt)) {
      this.status = status;
      this.statusAt = Math.max(this.statusAt, newest);
      this.statusesTaken++;
    }
    this.render();
  }

  private render() {
    const shown: ShownMessage[] = [...this.received.values()]
      .sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt))
      .map((message) => ({ key: message.id, author: message.author, text: message.text }));
    for (const message of this.outgoing.values()) {
      shown.push({
        key: message.clientMessageId,
        author: 'Contact',
        text: message.text,
        delivery: message.failed ? 'failed' : 'sending',
      });
    }
    this.view.renderMessages(shown);
    this.view.renderStatus(this.status);
  }

  private errorText(status: number): string {
    const { texts } = this.options;
    if (status === 429) return texts.tooMany;
    if (status === 400) return texts.invalid;
    if (status === 403 || status === 404) return texts.unavailable;
    return texts.network;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
