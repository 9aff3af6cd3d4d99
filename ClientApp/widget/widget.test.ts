import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MessageDto, WidgetReplyDto } from '../src/api/generated/virtuops-api';
import type { LiveHandlers, WidgetApi } from './api';
import { textsFor } from './texts';
import { hasVisitorId, randomUuid, visitorId } from './visitor';
import { Widget } from './widget';

const conversationId = '0196f2c4-0000-7000-8000-0000000000d1';

function message(id: string, author: MessageDto['author'], text: string, second: number): MessageDto {
  return {
    id,
    conversationId,
    direction: author === 'Contact' ? 'Inbound' : 'Outbound',
    author,
    text,
    sentAt: new Date(Date.UTC(2026, 3, 20, 10, 0, second)).toISOString(),
    deliveryStatus: 'Sent',
    contentType: 'Text',
  };
}

/** The server as the widget sees it; `live()` is the hub connection once the widget listens. */
function fakeServer(overrides: Partial<WidgetApi> = {}) {
  let live: LiveHandlers | undefined;
  const api: WidgetApi = {
    config: vi.fn(() => Promise.resolve({ botName: 'Demo Doʻkon', greeting: 'Assalomu alaykum!', languages: ['UzLatn' as const] })),
    conversation: vi.fn(() => Promise.resolve({ messages: [] })),
    send: vi.fn(() => Promise.reject(new Error('not expected'))),
    handoff: vi.fn(() => Promise.reject(new Error('not expected'))),
    listen: vi.fn((handlers: LiveHandlers) => {
      live = handlers;
      return () => {};
    }),
    ...overrides,
  };
  return {
    api,
    live: () => {
      if (!live) throw new Error('The widget is not listening.');
      return live;
    },
  };
}

let widget: Widget | undefined;

async function startWidget(api: WidgetApi, returningVisitor = false) {
  widget = new Widget({ api, texts: textsFor('uz'), returningVisitor, container: document.body });
  const shown = await widget.start();
  const root = document.querySelector('virtuops-chat')?.shadowRoot;
  return { shown, root };
}

function ui() {
  const root = document.querySelector('virtuops-chat')?.shadowRoot;
  if (!root) throw new Error('The widget is not on the page.');
  const byTestId = <T extends HTMLElement>(id: string) => root.querySelector<T>(`[data-testid="${id}"]`);
  return {
    root,
    byTestId,
    messages: () => [...root.querySelectorAll<HTMLElement>('[data-testid="virtuops-message"]')],
    async send(text: string) {
      byTestId<HTMLButtonElement>('virtuops-launcher')?.click();
      const input = byTestId<HTMLTextAreaElement>('virtuops-input');
      if (!input) throw new Error('No input.');
      input.value = text;
      byTestId<HTMLButtonElement>('virtuops-send')?.click();
      await vi.waitFor(() => expect(root.querySelector('[data-testid="virtuops-message"] .delivery')).toBeNull());
    },
  };
}

afterEach(() => {
  widget?.stop();
  widget = undefined;
  vi.useRealTimers();
});

describe('widget', () => {
  it('shows the bot’s name and greeting in a bubble that opens a panel, inside a shadow root', async () => {
    const { shown, root } = await startWidget(fakeServer().api);

    expect(shown).toBe(true);
    const panel = root?.querySelector<HTMLElement>('[data-testid="virtuops-panel"]');
    expect(panel?.hidden).toBe(true);
    root?.querySelector<HTMLButtonElement>('[data-testid="virtuops-launcher"]')?.click();
    expect(panel?.hidden).toBe(false);
    expect(panel?.getAttribute('aria-label')).toBe('Demo Doʻkon');
    expect(root?.querySelector('[data-testid="virtuops-greeting"]')?.textContent).toContain('Assalomu alaykum!');
    // Nothing of the widget is in the page's own DOM but its host element.
    expect(document.body.querySelectorAll('[data-testid]')).toHaveLength(0);
  });

  it('renders what people wrote as text, never as HTML', async () => {
    const server = fakeServer({
      conversation: vi.fn(() =>
        Promise.resolve({
          conversationId,
          status: 'Bot' as const,
          messages: [
            message('m1', 'Contact', '<img src=x onerror="window.hacked=1"> salom', 1),
            message('m2', 'Bot', '<b>Qalin</b> & <script>alert(1)</script>', 2),
          ],
        }),
      ),
    });

    await startWidget(server.api, true);

    const { root, messages } = ui();
    expect(messages().map((m) => m.querySelector('.text')?.textContent)).toEqual([
      '<img src=x onerror="window.hacked=1"> salom',
      '<b>Qalin</b> & <script>alert(1)</script>',
    ]);
    expect(root.querySelector('img, b, script')).toBeNull();
    expect(messages().map((m) => m.dataset.author)).toEqual(['Contact', 'Bot']);
  });

  it('shows a reply once when both the send’s answer and the hub bring it', async () => {
    const question = message('q1', 'Contact', 'Yetkazib berish bormi?', 1);
    const answer = message('a1', 'Bot', 'Ha, 1–2 kun ichida.', 2);
    const server = fakeServer({
      send: vi.fn(() => Promise.resolve<WidgetReplyDto>({ conversationId, status: 'Bot', received: question, reply: answer })),
    });
    await startWidget(server.api);

    await ui().send('Yetkazib berish bormi?');
    server.live().messagesAdded([answer], 'Bot');
    server.live().messagesAdded([answer], 'Bot');

    expect(ui().messages().map((m) => m.dataset.author)).toEqual(['Contact', 'Bot']);
    expect(server.api.send).toHaveBeenCalledWith('Yetkazib berish bormi?', expect.stringMatching(/^[0-9a-f-]{36}$/));
  });

  it('shows an agent’s reply that arrives from the hub, and marks the closed bubble unread', async () => {
    const question = message('q1', 'Contact', 'Salom', 1);
    const server = fakeServer({
      send: vi.fn(() => Promise.resolve<WidgetReplyDto>({ conversationId, status: 'WaitingForHuman', received: question })),
    });
    await startWidget(server.api);
    await ui().send('Salom');
    ui().byTestId<HTMLButtonElement>('virtuops-launcher')?.click(); // close the panel

    server.live().messagesAdded([message('r1', 'Agent', 'Assalomu alaykum, men Dilnoza.', 5)], 'Human');

    const agent = ui().messages().at(-1);
    expect(agent?.dataset.author).toBe('Agent');
    expect(agent?.textContent).toContain('Assalomu alaykum, men Dilnoza.');
    expect(ui().byTestId('virtuops-status')?.textContent).toBe('Sizga operator javob bermoqda.');
    expect(ui().byTestId('virtuops-launcher')?.hasAttribute('data-unread')).toBe(true);
  });

  it('offers a person while the bot has the conversation, and then says one is coming', async () => {
    const question = message('q1', 'Contact', 'Savol', 1);
    const notice = message('n1', 'Bot', 'Operatorga ulanmoqdasiz.', 2);
    const server = fakeServer({
      send: vi.fn(() => Promise.resolve<WidgetReplyDto>({ conversationId, status: 'Bot', received: question })),
      handoff: vi.fn(() => Promise.resolve(notice)),
    });
    await startWidget(server.api);
    const handoff = () => ui().byTestId<HTMLButtonElement>('virtuops-handoff');
    expect(handoff()?.hidden).toBe(true); // nothing to hand over before the first message

    await ui().send('Savol');
    expect(handoff()?.hidden).toBe(false);
    handoff()?.click();

    await vi.waitFor(() => expect(ui().byTestId('virtuops-status')?.textContent).toContain('Operatorga ulanmoqdasiz'));
    expect(handoff()?.hidden).toBe(true);
    server.live().messagesAdded([notice], 'WaitingForHuman');
    expect(ui().messages().filter((m) => m.textContent?.includes('Operatorga ulanmoqdasiz.'))).toHaveLength(1);
  });

  it('keeps the handoff status when the live event of an earlier bot reply arrives after it', async () => {
    const question = message('q1', 'Contact', 'Savol', 1);
    const reply = message('r1', 'Bot', 'Javob', 2);
    const notice = message('n1', 'Bot', 'Operatorga ulanmoqdasiz.', 3);
    const server = fakeServer({
      send: vi.fn(() => Promise.resolve<WidgetReplyDto>({ conversationId, status: 'Bot', received: question, reply })),
      handoff: vi.fn(() => Promise.resolve(notice)),
    });
    await startWidget(server.api);
    await ui().send('Savol');
    ui().byTestId<HTMLButtonElement>('virtuops-handoff')?.click();
    await vi.waitFor(() => expect(ui().byTestId('virtuops-status')?.textContent).toContain('Operatorga ulanmoqdasiz'));

    server.live().messagesAdded([question, reply], 'Bot');

    expect(ui().byTestId('virtuops-status')?.textContent).toContain('Operatorga ulanmoqdasiz');
    expect(ui().byTestId<HTMLButtonElement>('virtuops-handoff')?.hidden).toBe(true);
  });

  it('keeps the handoff status when a reload that started before the handoff is answered after it', async () => {
    const question = message('q1', 'Contact', 'Savol', 1);
    const reply = message('r1', 'Bot', 'Javob', 2);
    const notice = message('n1', 'Bot', 'Operatorga ulanmoqdasiz.', 3);
    let answerReload: (value: { conversationId: string; status: 'Bot'; messages: MessageDto[] }) => void = () => {};
    const server = fakeServer({
      send: vi.fn(() => Promise.resolve<WidgetReplyDto>({ conversationId, status: 'Bot', received: question, reply })),
      handoff: vi.fn(() => Promise.resolve(notice)),
    });
    await startWidget(server.api);
    await ui().send('Savol');
    // The hub joins (which reloads the conversation); the server reads it before the handoff, the answer comes after.
    vi.mocked(server.api.conversation).mockImplementationOnce(() => new Promise((resolve) => (answerReload = resolve)));
    server.live().joined();
    ui().byTestId<HTMLButtonElement>('virtuops-handoff')?.click();
    await vi.waitFor(() => expect(ui().byTestId('virtuops-status')?.textContent).toContain('Operatorga ulanmoqdasiz'));

    answerReload({ conversationId, status: 'Bot', messages: [question, reply] });

    await vi.waitFor(() => expect(ui().messages()).toHaveLength(3));
    expect(ui().byTestId('virtuops-status')?.textContent).toContain('Operatorga ulanmoqdasiz');
    expect(ui().byTestId<HTMLButtonElement>('virtuops-handoff')?.hidden).toBe(true);
  });

  it('says politely when the chat is rate limited (the visitor, the address or the bot), and sends the same message again on request', async () => {
    const question = message('q1', 'Contact', 'Salom', 1);
    const send = vi
      .fn<WidgetApi['send']>()
      .mockRejectedValueOnce({ status: 429, title: 'Too many requests. Try again later.' })
      .mockResolvedValue({ conversationId, status: 'Bot', received: question });
    const server = fakeServer({ send });
    await startWidget(server.api);

    ui().byTestId<HTMLButtonElement>('virtuops-launcher')?.click();
    const input = ui().byTestId<HTMLTextAreaElement>('virtuops-input');
    if (input) input.value = 'Salom';
    ui().byTestId<HTMLButtonElement>('virtuops-send')?.click();

    await vi.waitFor(() => expect(ui().byTestId('virtuops-error')?.textContent).toContain('Hozir xabarlar juda koʻp'));
    ui().byTestId<HTMLButtonElement>('virtuops-retry')?.click();

    await vi.waitFor(() => expect(ui().byTestId('virtuops-error')?.hidden).toBe(true));
    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[1]?.[1]).toBe(send.mock.calls[0]?.[1]);
    expect(ui().messages()).toHaveLength(1);
  });

  it('retries a send that did not reach the server with the same client message id', async () => {
    vi.useFakeTimers();
    const question = message('q1', 'Contact', 'Salom', 1);
    const send = vi
      .fn<WidgetApi['send']>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValue({ conversationId, status: 'Bot', received: question });
    const server = fakeServer({ send });
    await startWidget(server.api);

    ui().byTestId<HTMLButtonElement>('virtuops-launcher')?.click();
    const input = ui().byTestId<HTMLTextAreaElement>('virtuops-input');
    if (input) input.value = 'Salom';
    ui().byTestId<HTMLButtonElement>('virtuops-send')?.click();
    await vi.advanceTimersByTimeAsync(1000);

    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[1]?.[1]).toBe(send.mock.calls[0]?.[1]);
    // The first try may have been stored with its reply: the conversation is read again to be sure.
    expect(server.api.conversation).toHaveBeenCalled();
    expect(ui().byTestId('virtuops-error')?.hidden).toBe(true);
  });

  it('stays off the page when the server does not know the key or the site', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const server = fakeServer({ config: vi.fn(() => Promise.reject({ status: 404, title: 'Not Found' })) });

    const { shown } = await startWidget(server.api);

    expect(shown).toBe(false);
    expect(document.querySelector('virtuops-chat')).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('allowed websites'));
  });
});

describe('visitor id', () => {
  it('is a random UUID kept in the page’s storage and reused', () => {
    expect(hasVisitorId(localStorage)).toBe(false);
    const first = visitorId(localStorage);

    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(visitorId(localStorage)).toBe(first);
    expect(hasVisitorId(localStorage)).toBe(true);
    expect(document.cookie).toBe('');
  });

  it('is made without crypto.randomUUID on plain-http pages', () => {
    const own = Object.getOwnPropertyDescriptor(crypto, 'randomUUID');
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      expect(randomUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(randomUuid()).not.toBe(randomUuid());
    } finally {
      if (own) Object.defineProperty(crypto, 'randomUUID', own);
      else delete (crypto as { randomUUID?: unknown }).randomUUID;
    }
    expect(typeof crypto.randomUUID).toBe('function');
  });
});
