import { vi } from 'vitest';
import type { BotDto, CurrentAccountDto, ProblemDetails } from '../api/generated/virtuops-api';

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
  documentsToAccept: [],
};

export const demoAgent: CurrentAccountDto = { ...demoAccount, fullName: 'Malika Yusupova', email: 'agent@virtuops.uz', roles: ['Agent'] };

export const demoBot: BotDto = {
  id: '0196f2c4-0000-7000-8000-0000000000b1',
  name: 'Demo Doʻkon yordamchisi',
  greeting: 'Assalomu alaykum!',
  fallbackMessage: 'Kechirasiz, javob topa olmadim.',
  languages: ['UzLatn', 'Ru'],
  handoffKeywords: ['operator', 'оператор'],
  confidenceThreshold: 0.35,
  status: 'Active',
  widgetKey: 'wk_demo_virtuops',
  allowedOrigins: ['https://shop.uz'],
  created: '2026-04-20T10:00:00Z',
  version: 3,
};

/** A one-page list in the shape of the API's paginated lists. */
/** One cursor page of a list; a next cursor means more follow. */
export function pageOf<T>(items: T[], nextCursor?: string) {
  return { items, nextCursor };
}

export const antiforgeryCookie = 'XSRF-TOKEN';
export const antiforgeryHeader = 'X-XSRF-TOKEN';
export const refreshAntiforgeryToken = vi.fn(() => Promise.resolve());

export const systemClient = { getSystemStatus: vi.fn(never) };
export const demoRequestsClient = { createDemoRequest: vi.fn(never), getDemoRequests: vi.fn(never) };
export const authClient = {
  getLegalDocuments: vi.fn(never),
  register: vi.fn(never),
  confirmRegistration: vi.fn(never),
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
  changePassword: vi.fn(never),
  setTwoFactor: vi.fn(never),
  getMySessions: vi.fn(never),
  endSession: vi.fn(never),
};
export const accessLogClient = { getMyAccessLog: vi.fn(never) };
export const teamClient = { getTeamMembers: vi.fn(never), inviteAgent: vi.fn(never), removeTeamMember: vi.fn(never) };
export const apiKeysClient = { getApiKeys: vi.fn(never), createApiKey: vi.fn(never), revokeApiKey: vi.fn(never) };
export const webhookSubscriptionsClient = {
  getWebhookSubscriptions: vi.fn(never),
  createWebhookSubscription: vi.fn(never),
  deleteWebhookSubscription: vi.fn(never),
  rotateWebhookSecret: vi.fn(never),
  getWebhookDeliveries: vi.fn(never),
  redeliverWebhook: vi.fn(never),
};
export const privacyClient = {
  getMyConsents: vi.fn(never),
  withdrawConsent: vi.fn(never),
  grantAiDataSharing: vi.fn(never),
  acceptLegalDocument: vi.fn(never),
  restrictProcessing: vi.fn(never),
  liftRestriction: vi.fn(never),
  getMyPrivacyRequests: vi.fn(never),
  submitPrivacyRequest: vi.fn(never),
  sendPublicPrivacyRequest: vi.fn(never),
  confirmPublicPrivacyRequest: vi.fn(never),
  requestDataExport: vi.fn(never),
  getMyDataExports: vi.fn(never),
  requestErasure: vi.fn(never),
  cancelErasure: vi.fn(never),
};
export const devClient = { getDevOutbox: vi.fn(never) };
export const botsClient = {
  getBots: vi.fn(never),
  createBot: vi.fn(never),
  getBot: vi.fn(never),
  updateBot: vi.fn(never),
  deleteBot: vi.fn(never),
  pauseBot: vi.fn(never),
  resumeBot: vi.fn(never),
  getKnowledgeEntries: vi.fn(never),
  createKnowledgeEntry: vi.fn(never),
  importKnowledge: vi.fn(never),
  askPlayground: vi.fn(never),
};
export const knowledgeClient = { updateKnowledgeEntry: vi.fn(never), deleteKnowledgeEntry: vi.fn(never) };
export const inboxClient = {
  getConversations: vi.fn(never),
  getConversation: vi.fn(never),
  replyToConversation: vi.fn(never),
  handBackToBot: vi.fn(never),
  closeConversation: vi.fn(never),
  reopenConversation: vi.fn(never),
  markConversationRead: vi.fn(never),
  retryMessageDelivery: vi.fn(never),
};
export const billingClient = {
  getBilling: vi.fn(never),
  getUsage: vi.fn(never),
  startCheckout: vi.fn(never),
  completeCheckout: vi.fn(never),
  cancelSubscription: vi.fn(never),
  changePlan: vi.fn(never),
  getPlanChange: vi.fn(never),
  startCardBinding: vi.fn(never),
  confirmCardBinding: vi.fn(never),
};
export const contactsClient = {
  getContacts: vi.fn(never),
  getContactConversations: vi.fn(never),
  updateContact: vi.fn(never),
  exportContact: vi.fn(never),
  eraseContact: vi.fn(never),
};
export const tenantClient = { getMyTenant: vi.fn(never), renameTenant: vi.fn(never), setMessageRetention: vi.fn(never) };
export const channelsClient = {
  getChannels: vi.fn(never),
  connectTelegram: vi.fn(never),
  connectWhatsApp: vi.fn(never),
  connectInstagram: vi.fn(never),
  testChannel: vi.fn(never),
  disconnectChannel: vi.fn(never),
};
export const adminClient = {
  searchTenants: vi.fn(never),
  getTenantProfile: vi.fn(never),
  suspendTenant: vi.fn(never),
  reactivateTenant: vi.fn(never),
  extendTrial: vi.fn(never),
  cancelTenantSubscription: vi.fn(never),
  getStaffAuditLog: vi.fn(never),
  getTenantConversations: vi.fn(never),
  getTenantConversationMessages: vi.fn(never),
  getTenantKnowledge: vi.fn(never),
  getPrivacyRequestQueue: vi.fn(never),
  assignPrivacyRequest: vi.fn(never),
  answerPrivacyRequest: vi.fn(never),
  rejectPrivacyRequest: vi.fn(never),
  getIncidents: vi.fn(never),
  recordIncident: vi.fn(never),
  getIncident: vi.fn(never),
  getIncidentDeliveries: vi.fn(never),
  assessIncident: vi.fn(never),
  notifyIncident: vi.fn(never),
  closeIncident: vi.fn(never),
  getOperations: vi.fn(never),
  getCharges: vi.fn(never),
  resetOwnerTwoFactor: vi.fn(never),
  resendReceipt: vi.fn(never),
  rotateSecretKeys: vi.fn(never),
};
export const incidentNoticesClient = { getIncidentNotices: vi.fn(never), acknowledgeIncidentNotice: vi.fn(never) };
export const staffAccessClient = { getStaffAccessGrant: vi.fn(never), grantStaffAccess: vi.fn(never), revokeStaffAccess: vi.fn(never) };
export const platformAccessClient = { getPlatformAccess: vi.fn(never) };
export const knowledgeExportUrl = (botId: string) => `/api/bots/${botId}/knowledge/export`;
export const dataExportDownloadUrl = (exportId: string) => `/api/privacy/exports/${exportId}/download`;
