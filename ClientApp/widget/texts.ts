/** The widget's own words, in the visitor's language; the bot's greeting and answers come from the server. */
const texts = {
  uz: {
    open: 'Chatni ochish',
    close: 'Chatni yopish',
    placeholder: 'Xabar yozing…',
    inputLabel: 'Xabaringiz',
    send: 'Yuborish',
    handoff: 'Operator bilan gaplashish',
    waiting: 'Operatorga ulanmoqdasiz, tez orada javob beramiz.',
    human: 'Sizga operator javob bermoqda.',
    sending: 'yuborilmoqda…',
    failed: 'Yuborilmadi.',
    retry: 'Qayta yuborish',
    you: 'Siz',
    bot: 'Bot',
    agent: 'Operator',
    tooMany: 'Hozir xabarlar juda koʻp. Bir daqiqadan soʻng qayta urinib koʻring.',
    invalid: 'Xabar boʻsh, juda uzun (2000 belgigacha) yoki yuborib boʻlmaydigan belgilar bor.',
    network: 'Xabar yuborilmadi. Internet aloqasini tekshirib, qayta urinib koʻring.',
    unavailable: 'Chat hozircha ishlamayapti. Keyinroq urinib koʻring.',
  },
  ru: {
    open: 'Открыть чат',
    close: 'Закрыть чат',
    placeholder: 'Напишите сообщение…',
    inputLabel: 'Ваше сообщение',
    send: 'Отправить',
    handoff: 'Связаться с оператором',
    waiting: 'Соединяем с оператором, скоро ответим.',
    human: 'Вам отвечает оператор.',
    sending: 'отправляется…',
    failed: 'Не отправлено.',
    retry: 'Отправить снова',
    you: 'Вы',
    bot: 'Бот',
    agent: 'Оператор',
    tooMany: 'Сейчас слишком много сообщений. Попробуйте через минуту.',
    invalid: 'Сообщение пустое, слишком длинное (до 2000 символов) или содержит недопустимые символы.',
    network: 'Сообщение не отправлено. Проверьте подключение и попробуйте снова.',
    unavailable: 'Чат сейчас недоступен. Попробуйте позже.',
  },
  en: {
    open: 'Open chat',
    close: 'Close chat',
    placeholder: 'Write a message…',
    inputLabel: 'Your message',
    send: 'Send',
    handoff: 'Talk to a person',
    waiting: 'Connecting you to an operator; we will answer soon.',
    human: 'An operator is answering you.',
    sending: 'sending…',
    failed: 'Not sent.',
    retry: 'Send again',
    you: 'You',
    bot: 'Bot',
    agent: 'Operator',
    tooMany: 'Too many messages right now. Please try again in a minute.',
    invalid: 'The message is empty, too long (up to 2000 characters) or has characters that cannot be sent.',
    network: 'The message was not sent. Check your connection and try again.',
    unavailable: 'The chat is not available right now. Please try later.',
  },
} as const;

export type WidgetLanguage = keyof typeof texts;
export type WidgetTexts = (typeof texts)[WidgetLanguage];

/** The script tag's data-lang, else the host page's language, else the browser's; Uzbek when none is ours. */
export function textsFor(...candidates: (string | null | undefined)[]): WidgetTexts {
  for (const candidate of candidates) {
    const language = candidate?.slice(0, 2).toLowerCase();
    if (language === 'uz' || language === 'ru' || language === 'en') return texts[language];
  }
  return texts.uz;
}
