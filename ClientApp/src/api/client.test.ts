import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { accountClient, authClient } from './client';
import { toProblem } from './problem';

const fetchMock = vi.fn<typeof fetch>();

function setCookie(value: string) {
  document.cookie = `XSRF-TOKEN=${value}; path=/`;
}

function clearCookie() {
  document.cookie = 'XSRF-TOKEN=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT';
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

const antiforgeryFailure = { title: 'Missing or invalid antiforgery token.', status: 400 };
const legalDocuments = {
  privacyPolicyVersion: '2026-04-12',
  privacyPolicyUrl: '/legal/privacy-policy-2026-04-12.txt',
  publicOfferVersion: '2026-04-12',
  publicOfferUrl: '/legal/public-offer-2026-04-12.txt',
};

/** The request `fetch` received as call `index`: its address, method and headers. */
function request(index: number) {
  const [url, init] = fetchMock.mock.calls[index] ?? [];
  return { url: String(url), method: init?.method ?? 'GET', headers: new Headers(init?.headers) };
}

describe('the API client', () => {
  beforeEach(() => vi.stubGlobal('fetch', fetchMock));
  afterEach(() => {
    vi.unstubAllGlobals();
    clearCookie();
  });

  it('sends the XSRF-TOKEN cookie back in the X-XSRF-TOKEN header on a POST', async () => {
    setCookie('token-1');
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));

    await authClient.signOut();

    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(request(0).method).toBe('POST');
    expect(request(0).headers.get('X-XSRF-TOKEN')).toBe('token-1');
  });

  it('sends no antiforgery header on a GET', async () => {
    setCookie('token-1');
    fetchMock.mockResolvedValue(json(200, legalDocuments));

    await authClient.getLegalDocuments();

    expect(request(0).headers.has('X-XSRF-TOKEN')).toBe(false);
  });

  it('fetches a token first when the cookie is missing, e.g. on a first visit straight to sign-up', async () => {
    fetchMock.mockImplementation(async (url) => {
      if (String(url).endsWith('/api/auth/legal-documents')) {
        setCookie('fresh-token');
        return json(200, legalDocuments);
      }
      return json(200, { requiresCode: false });
    });

    await authClient.signIn({ email: 'a@b.uz', password: 'secret-123', rememberMe: false });

    expect(request(0).url).toBe('/api/auth/legal-documents');
    expect(request(1).url).toBe('/api/auth/sign-in');
    expect(request(1).headers.get('X-XSRF-TOKEN')).toBe('fresh-token');
  });

  it('refreshes a token issued to another user and sends the request once more', async () => {
    setCookie('stale-token');
    fetchMock.mockImplementation(async (url, init) => {
      if (String(url).endsWith('/api/auth/legal-documents')) {
        setCookie('fresh-token');
        return json(200, legalDocuments);
      }
      const token = new Headers(init?.headers).get('X-XSRF-TOKEN');
      return token === 'fresh-token' ? new Response(null, { status: 204 }) : json(400, antiforgeryFailure);
    });

    await accountClient.verifyPhone({ code: '123456' });

    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(request(2).url).toBe('/api/account/phone/verify');
    expect(request(2).headers.get('X-XSRF-TOKEN')).toBe('fresh-token');
  });

  it('does not resend a request that failed validation', async () => {
    setCookie('token-1');
    fetchMock.mockResolvedValue(json(400, { title: 'One or more validation errors occurred.', status: 400, errors: { code: ['Wrong.'] } }));

    await expect(accountClient.verifyPhone({ code: '000000' })).rejects.toBeDefined();

    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('passes the Retry-After of a 429 on to the problem', async () => {
    setCookie('token-1');
    fetchMock.mockResolvedValue(
      json(429, { title: 'Too many requests.', status: 429 }, { 'Retry-After': '42' }),
    );

    const error: unknown = await accountClient.sendPhoneCode().catch((thrown: unknown) => thrown);

    expect(toProblem(error)).toMatchObject({ status: 429, retryAfterSeconds: 42 });
  });
});
