import { createWidgetApi } from './api';
import { textsFor } from './texts';
import { hasVisitorId, visitorId } from './visitor';
import { Widget } from './widget';

/*
 * The embeddable chat: <script src="https://app/widget.js" data-widget-key="wk_..." async></script>.
 * It talks to the app it was loaded from, whatever site it is on.
 */
function boot() {
  // currentScript is this tag while the script first runs (async included); the query is for exotic loaders.
  const script =
    (document.currentScript as HTMLScriptElement | null) ??
    document.querySelector<HTMLScriptElement>('script[data-widget-key][src*="widget.js"]');
  const widgetKey = script?.dataset.widgetKey;
  if (!script || !widgetKey) {
    console.warn('VirtuOps chat: add data-widget-key to the widget.js script tag.');
    return;
  }

  const baseUrl = new URL(script.src, document.baseURI).origin;
  let storage: Storage | undefined;
  try {
    storage = window.localStorage;
  } catch {
    storage = undefined; // blocked by the browser's privacy settings
  }
  const returningVisitor = hasVisitorId(storage);
  const widget = new Widget({
    api: createWidgetApi(baseUrl, widgetKey, visitorId(storage)),
    texts: textsFor(script.dataset.lang, document.documentElement.lang, navigator.language),
    returningVisitor,
    container: document.body,
  });
  void widget.start();
}

boot();
