import i18n from '../i18n';
import { DemoRequestsClient, SystemClient } from './generated/virtuops-api';

// Same origin: Vite proxies /api in development, the WebApi serves the SPA in production.
const baseUrl = '';

const http = {
  fetch(url: RequestInfo, init?: RequestInit): Promise<Response> {
    const headers = new Headers(init?.headers);
    // Lets the server localise validation messages to the language the user chose.
    headers.set('Accept-Language', i18n.language);
    return fetch(url, { ...init, headers, credentials: 'same-origin' });
  },
};

export const systemClient = new SystemClient(baseUrl, http);
export const demoRequestsClient = new DemoRequestsClient(baseUrl, http);
