import i18n from '../i18n';
import {
  AccessLogClient,
  AdminClient,
  AccountClient,
  ApiKeysClient,
  AuthClient,
  BillingClient,
  BotsClient,
  ChannelsClient,
  ContactsClient,
  DemoRequestsClient,
  DevClient,
  InboxClient,
  IncidentNoticesClient,
  KnowledgeClient,
  PlatformAccessClient,
  PrivacyClient,
  StaffAccessClient,
  SystemClient,
  TeamClient,
  TenantClient,
  WebhookSubscriptionsClient,
} from './generated/virtuops-api';

// Same origin: Vite proxies /api in development, the WebApi serves the SPA in production.
const baseUrl = '';

export const antiforgeryCookie = 'XSRF-TOKEN';
export const antiforgeryHeader = 'X-XSRF-TOKEN';
// WebApi/Infrastructure/ProblemDetailsExceptionHandler.cs answers a missing or stale token with this title.
const antiforgeryFailureTitle = 'Missing or invalid antiforgery token.';

function readCookie(name: string): string | undefined {
  const prefix = `${name}=`;
  const cookie = document.cookie.split('; ').find((part) => part.startsWith(prefix));
  return cookie === undefined ? undefined : decodeURIComponent(cookie.slice(prefix.length));
}

function send(url: RequestInfo, init: RequestInit | undefined, token?: string): Promise<Response> {
  const headers = new Headers(init?.headers);
  // Lets the server localise validation messages to the language the user chose.
  headers.set('Accept-Language', i18n.language);
  if (token !== undefined) headers.set(antiforgeryHeader, token);
  return fetch(url, { ...init, headers, credentials: 'same-origin' });
}

/**
 * Every GET to /api sets the XSRF-TOKEN cookie for the current user. A GET that anyone may make gets one when
 * there is none yet (first visit) or when it belongs to someone else (after sign-in or sign-out).
 */
export async function refreshAntiforgeryToken(): Promise<void> {
  await send(`${baseUrl}/api/auth/legal-documents`, { method: 'GET' });
}

async function isAntiforgeryFailure(response: Response): Promise<boolean> {
  if (response.status !== 400) return false;
  try {
    const body: unknown = await response.clone().json();
    return typeof body === 'object' && body !== null && 'title' in body && body.title === antiforgeryFailureTitle;
  } catch {
    return false;
  }
}

/**
 * The generated client throws the parsed body of a declared error and drops the headers, so the wait a 429
 * asks for (Retry-After, in seconds from this server) is copied into the body, where `toProblem` reads it.
 */
async function withRetryAfter(response: Response): Promise<Response> {
  const retryAfter = Number(response.headers.get('Retry-After'));
  if (response.status !== 429 || !Number.isFinite(retryAfter) || retryAfter <= 0) return response;
  try {
    const body: unknown = await response.clone().json();
    if (typeof body !== 'object' || body === null) return response;
    const { status, statusText, headers } = response;
    return new Response(JSON.stringify({ ...body, retryAfter }), { status, statusText, headers });
  } catch {
    return response;
  }
}

async function fetchWithAntiforgery(url: RequestInfo, init?: RequestInit): Promise<Response> {
  const method = (init?.method ?? 'GET').toUpperCase();
  if (method === 'GET' || method === 'HEAD') return withRetryAfter(await send(url, init));

  if (readCookie(antiforgeryCookie) === undefined) await refreshAntiforgeryToken();
  let response = await send(url, init, readCookie(antiforgeryCookie));
  // The server rejects a token issued to another user before running the request, so one retry is safe.
  if (await isAntiforgeryFailure(response)) {
    await refreshAntiforgeryToken();
    response = await send(url, init, readCookie(antiforgeryCookie));
  }
  return withRetryAfter(response);
}

const http = { fetch: fetchWithAntiforgery };

export const systemClient = new SystemClient(baseUrl, http);
export const demoRequestsClient = new DemoRequestsClient(baseUrl, http);
export const authClient = new AuthClient(baseUrl, http);
export const accountClient = new AccountClient(baseUrl, http);
export const accessLogClient = new AccessLogClient(baseUrl, http);
export const teamClient = new TeamClient(baseUrl, http);
export const apiKeysClient = new ApiKeysClient(baseUrl, http);
export const privacyClient = new PrivacyClient(baseUrl, http);
export const devClient = new DevClient(baseUrl, http);
export const botsClient = new BotsClient(baseUrl, http);
export const knowledgeClient = new KnowledgeClient(baseUrl, http);
export const inboxClient = new InboxClient(baseUrl, http);
export const billingClient = new BillingClient(baseUrl, http);
export const channelsClient = new ChannelsClient(baseUrl, http);
export const contactsClient = new ContactsClient(baseUrl, http);
export const tenantClient = new TenantClient(baseUrl, http);
export const webhookSubscriptionsClient = new WebhookSubscriptionsClient(baseUrl, http);
export const adminClient = new AdminClient(baseUrl, http);
export const staffAccessClient = new StaffAccessClient(baseUrl, http);
export const platformAccessClient = new PlatformAccessClient(baseUrl, http);
export const incidentNoticesClient = new IncidentNoticesClient(baseUrl, http);

/**
 * The knowledge CSV is a file download, so the browser fetches it from a link (with the sign-in cookie) and saves it
 * under the server's file name. The generated client would parse the CSV as JSON.
 */
export function knowledgeExportUrl(botId: string): string {
  return `${baseUrl}/api/bots/${encodeURIComponent(botId)}/knowledge/export`;
}

/** A ready data export's zip, fetched by the browser from a link (with the sign-in cookie) like the knowledge CSV. */
export function dataExportDownloadUrl(exportId: string): string {
  return `${baseUrl}/api/privacy/exports/${encodeURIComponent(exportId)}/download`;
}
