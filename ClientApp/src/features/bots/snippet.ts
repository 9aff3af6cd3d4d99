/** The HTML a site owner pastes into their pages to show the bot's chat widget (served by this app at /widget.js). */
export function embedSnippet(appOrigin: string, widgetKey: string): string {
  return `<script src="${escapeAttribute(`${appOrigin}/widget.js`)}" data-widget-key="${escapeAttribute(widgetKey)}" async></script>`;
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
}
