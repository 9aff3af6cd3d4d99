const storageKey = 'virtuops-widget:visitor';

/**
 * The anonymous visitor id: a random UUID kept in the host page's localStorage (first-party to that site, so it
 * survives blocked third-party cookies). The widget never uses cookies. Without storage, the id lasts the page view.
 */
export function visitorId(storage: Storage | undefined): string {
  try {
    const stored = storage?.getItem(storageKey);
    if (stored && isUuid(stored)) return stored;
    const created = randomUuid();
    storage?.setItem(storageKey, created);
    return created;
  } catch {
    return randomUuid(); // storage disabled (privacy settings, sandboxed frame)
  }
}

/** True when the visitor has written before from this browser, so there may be a conversation to load. */
export function hasVisitorId(storage: Storage | undefined): boolean {
  try {
    return isUuid(storage?.getItem(storageKey) ?? '');
  } catch {
    return false;
  }
}

/** crypto.randomUUID exists only on https pages; getRandomValues works on plain http shops too. */
export function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
