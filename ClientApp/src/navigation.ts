/**
 * Loads `path` as a new page. Used at sign-out: a fresh page keeps nothing in memory from the user who left
 * (cached queries, half-filled forms, a just-created API key), and no redirect from the old page can race it.
 */
export function loadPage(path: string): void {
  window.location.assign(path);
}
