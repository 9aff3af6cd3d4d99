import 'i18next';
import type uz from './locales/uz.json';

// Makes t('some.key') a compile error when the key is missing from the Uzbek (reference) locale.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof uz };
  }
}
