import { vi } from 'vitest';
import type { CurrentAccountDto, ProblemDetails } from '../api/generated/virtuops-api';

/*
 * A stand-in for src/api/client.ts. Use it in a test file with
 *   vi.mock('../api/client', () => import('../test/apiClientMock'));
 * and set answers with vi.mocked(accountClient.getCurrentAccount).mockResolvedValue(...).
 * mockReset (vite.config.ts) brings every function back to the default given here before each test.
 */

/** What the generated client throws for a declared error status: the parsed problem body. */
export function problemOf(status: number, extra: Partial<ProblemDetails> = {}): ProblemDetails {
  return { status, title: `HTTP ${status}`, ...extra };
}

const never = () => new Promise<never>(() => {});
const signedOut = () => Promise.reject(problemOf(401));

export const demoAccount: CurrentAccountDto = {
  userId: '0196f2c4-0000-7000-8000-000000000001',
  fullName: 'Dilshod Rahimov',
  email: 'demo@virtuops.uz',
  phoneNumber: '+998901234567',
  phoneNumberConfirmed: true,
  twoFactorEnabled: false,
  tenantId: '0196f2c4-0000-7000-8000-000000000002',
  tenantName: 'Demo Doʻkon',
  roles: ['Owner'],
};

export const antiforgeryCookie = 'XSRF-TOKEN';
export const antiforgeryHeader = 'X-XSRF-TOKEN';
export const refreshAntiforgeryToken = vi.fn(() => Promise.resolve());

export const systemClient = { getSystemStatus: vi.fn(never) };
export const demoRequestsClient = { createDemoRequest: vi.fn(never), getDemoRequests: vi.fn(never) };
export const authClient = {
  getLegalDocuments: vi.fn(never),
  register: vi.fn(never),
  signIn: vi.fn(never),
  signInWithCode: vi.fn(never),
  signOut: vi.fn(never),
  forgotPassword: vi.fn(never),
  resetPassword: vi.fn(never),
  confirmEmailChange: vi.fn(never),
};
export const accountClient = {
  // Signed out unless a test says otherwise.
  getCurrentAccount: vi.fn(signedOut),
  updateProfile: vi.fn(never),
  changePhone: vi.fn(never),
  sendPhoneCode: vi.fn(never),
  verifyPhone: vi.fn(never),
  changeEmail: vi.fn(never),
  setTwoFactor: vi.fn(never),
  getMySessions: vi.fn(never),
  endSession: vi.fn(never),
};
export const teamClient = { getTeamMembers: vi.fn(never), inviteAgent: vi.fn(never), removeTeamMember: vi.fn(never) };
export const apiKeysClient = { getApiKeys: vi.fn(never), createApiKey: vi.fn(never), revokeApiKey: vi.fn(never) };
export const privacyClient = { getMyConsents: vi.fn(never), withdrawConsent: vi.fn(never) };
export const devClient = { getDevOutbox: vi.fn(never) };
