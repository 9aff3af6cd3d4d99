import type { ConversationStatus, MessageAuthor } from '../src/api/generated/virtuops-api';
import styles from './widget.css?inline';
import type { WidgetTexts } from './texts';

/** One line of the chat as shown: from the server (with its id) or the visitor's own, not yet acknowledged. */
export interface ShownMessage {
  key: string;
  author: MessageAuthor;
  text: string;
  /** Only on the visitor's messages the server has not acknowledged yet. */
  delivery?: 'sending' | 'failed';
}

export interface ViewEvents {
  send: (text: string) => void;
  handoff: () => void;
  retry: (key: string) => void;
  opened: () => void;
}

/** Creates an element with attributes; text goes in only as textContent, never as HTML. */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

/** A speech bubble drawn in SVG (an emoji needs a font that not every system has). */
function chatIcon(): SVGSVGElement {
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '28');
  svg.setAttribute('height', '28');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(svgNs, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('fill-rule', 'evenodd');
  path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z');
  svg.append(path);
  return svg;
}

/**
 * The chat bubble and panel, inside a shadow root on a custom element of their own: the host page's styles do not
 * reach in, and ours do not leak out. Everything the server or the visitor wrote is set with textContent.
 */
export class ChatView {
  readonly host: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly launcher: HTMLButtonElement;
  private readonly title: HTMLElement;
  private readonly log: HTMLElement;
  private readonly status: HTMLElement;
  private readonly error: HTMLElement;
  private readonly handoffButton: HTMLButtonElement;
  private readonly input: HTMLTextAreaElement;
  private greeting = '';

  constructor(
    private readonly texts: WidgetTexts,
    private readonly events: ViewEvents,
  ) {
    this.host = document.createElement('virtuops-chat');
    // Open, so the page's own tests (and ours) can find the widget; closed would hide nothing from scripts anyway.
    const root = this.host.attachShadow({ mode: 'open' });
    // A constructed style sheet is not an inline <style>, so pages whose Content-Security-Policy forbids inline
    // styles (our /demo/ shop among them) still show the widget as designed; older browsers get the <style> element.
    if ('adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(styles);
      root.adoptedStyleSheets = [sheet];
    } else {
      root.append(el('style', {}, styles));
    }

    this.title = el('strong', { class: 'title' });
    const closeButton = el('button', { type: 'button', class: 'icon', 'aria-label': texts.close }, '×');
    closeButton.addEventListener('click', () => this.toggle(false));
    this.log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'data-testid': 'virtuops-messages' });
    this.status = el('p', { class: 'status', 'data-testid': 'virtuops-status', hidden: '' });
    this.error = el('p', { class: 'error', role: 'alert', 'data-testid': 'virtuops-error', hidden: '' });
    this.handoffButton = el('button', { type: 'button', class: 'handoff', 'data-testid': 'virtuops-handoff', hidden: '' }, texts.handoff);
    this.handoffButton.addEventListener('click', () => events.handoff());
    this.input = el('textarea', {
      rows: '1',
      maxlength: '2000',
      placeholder: texts.placeholder,
      'aria-label': texts.inputLabel,
      'data-testid': 'virtuops-input',
    });
    const sendButton = el('button', { type: 'submit', class: 'send', 'data-testid': 'virtuops-send' }, texts.send);
    const composer = el('form', { class: 'composer' });
    composer.append(this.input, sendButton);
    composer.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    // Enter sends, Shift+Enter makes a new line, as in messengers.
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });

    const header = el('header');
    header.append(this.title, closeButton);
    this.panel = el('section', { class: 'panel', role: 'dialog', 'data-testid': 'virtuops-panel', hidden: '' });
    this.panel.append(header, this.log, this.status, this.error, this.handoffButton, composer);
    this.launcher = el('button', {
      type: 'button',
      class: 'launcher',
      'aria-expanded': 'false',
      'aria-label': texts.open,
      'data-testid': 'virtuops-launcher',
    });
    this.launcher.append(chatIcon());
    this.launcher.addEventListener('click', () => this.toggle(!this.isOpen));
    root.append(this.panel, this.launcher);
  }

  setBot(name: string, greeting: string) {
    this.title.textContent = name;
    this.panel.setAttribute('aria-label', name);
    this.greeting = greeting;
  }

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  toggle(open: boolean) {
    this.panel.hidden = !open;
    this.launcher.setAttribute('aria-expanded', String(open));
    this.launcher.setAttribute('aria-label', open ? this.texts.close : this.texts.open);
    if (!open) return;
    this.launcher.removeAttribute('data-unread');
    this.scrollToEnd();
    this.input.focus();
    this.events.opened();
  }

  /** A reply arrived while the panel was closed: a dot on the bubble says so. */
  markUnread() {
    if (!this.isOpen) this.launcher.setAttribute('data-unread', '');
  }

  renderMessages(messages: ShownMessage[]) {
    const items: HTMLElement[] = [];
    if (this.greeting) items.push(this.bubble({ key: 'greeting', author: 'Bot', text: this.greeting }, 'virtuops-greeting'));
    for (const message of messages) items.push(this.bubble(message, 'virtuops-message'));
    this.log.replaceChildren(...items);
    this.scrollToEnd();
  }

  renderStatus(status: ConversationStatus | undefined) {
    const note = status === 'WaitingForHuman' ? this.texts.waiting : status === 'Human' ? this.texts.human : '';
    this.status.textContent = note;
    this.status.hidden = note === '';
    // Asking for a person makes sense only while the bot has the conversation (and there is one).
    this.handoffButton.hidden = status !== 'Bot';
  }

  showError(message: string | undefined) {
    this.error.textContent = message ?? '';
    this.error.hidden = !message;
  }

  private submit() {
    const text = this.input.value.trim();
    if (text.length === 0) return;
    this.input.value = '';
    this.events.send(text);
  }

  private bubble(message: ShownMessage, testId: string): HTMLElement {
    const bubble = el('div', {
      class: `message message--${message.author.toLowerCase()}`,
      'data-testid': testId,
      'data-author': message.author,
    });
    const author = message.author === 'Contact' ? this.texts.you : message.author === 'Agent' ? this.texts.agent : this.texts.bot;
    bubble.append(el('span', { class: 'author' }, author), el('span', { class: 'text' }, message.text));
    if (message.delivery === 'sending') bubble.append(el('span', { class: 'delivery' }, this.texts.sending));
    if (message.delivery === 'failed') {
      const retry = el('button', { type: 'button', class: 'retry', 'data-testid': 'virtuops-retry' }, this.texts.retry);
      retry.addEventListener('click', () => this.events.retry(message.key));
      bubble.append(el('span', { class: 'delivery delivery--failed' }, this.texts.failed), retry);
    }
    return bubble;
  }

  private scrollToEnd() {
    this.log.scrollTop = this.log.scrollHeight;
  }
}
