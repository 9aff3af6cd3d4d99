import { describe, expect, it } from 'vitest';
import { languageStorageKey, readStoredLanguage, resources } from '.';

function keysOf(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'object' && child !== null ? keysOf(child, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('i18n', () => {
  it('has the same keys in every language', () => {
    const uzbekKeys = keysOf(resources.uz.translation).sort();

    expect(keysOf(resources.ru.translation).sort()).toEqual(uzbekKeys);
    expect(keysOf(resources.en.translation).sort()).toEqual(uzbekKeys);
  });

  it('starts in the stored language and falls back to Uzbek for anything unsupported', () => {
    localStorage.setItem(languageStorageKey, 'en');
    expect(readStoredLanguage()).toBe('en');

    localStorage.setItem(languageStorageKey, 'de');
    expect(readStoredLanguage()).toBe('uz');
  });
});
