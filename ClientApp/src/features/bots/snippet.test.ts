import { describe, expect, it } from 'vitest';
import { embedSnippet } from './snippet';

describe('embedSnippet', () => {
  it('loads the widget from this app and names the bot by its widget key', () => {
    expect(embedSnippet('https://app.virtuops.uz', 'wk_0123abcd')).toBe(
      '<script src="https://app.virtuops.uz/widget.js" data-widget-key="wk_0123abcd" async></script>',
    );
  });

  it('keeps a key with quotes inside its attribute', () => {
    expect(embedSnippet('https://app.virtuops.uz', 'a"b')).toContain('data-widget-key="a&quot;b"');
  });
});
