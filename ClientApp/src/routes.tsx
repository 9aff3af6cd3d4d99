import { Navigate, type RouteObject } from 'react-router';
import { Layout } from './components/Layout';
import { AccessLogPage } from './features/access-log/AccessLogPage';
import { AdminLayout } from './features/admin/AdminLayout';
import { AuditLogPage } from './features/admin/AuditLogPage';
import { ChargesPage } from './features/admin/ChargesPage';
import { OperationsPage } from './features/admin/OperationsPage';
import { PrivacyRequestsPage } from './features/admin/PrivacyRequestsPage';
import { IncidentPage } from './features/admin/IncidentPage';
import { IncidentsPage } from './features/admin/IncidentsPage';
import { TenantPage } from './features/admin/TenantPage';
import { TenantsPage } from './features/admin/TenantsPage';
import { ApiKeysPage } from './features/api-keys/ApiKeysPage';
import { WebhooksPage } from './features/webhooks/WebhooksPage';
import { ContactsPage } from './features/contacts/ContactsPage';
import { BillingPage } from './features/billing/BillingPage';
import { BillingReturnPage } from './features/billing/BillingReturnPage';
import { BotIndexRedirect, BotLayout } from './features/bots/BotLayout';
import { BotSettingsPage } from './features/bots/BotSettingsPage';
import { BotsPage } from './features/bots/BotsPage';
import { roles } from './features/auth/account';
import { ConfirmEmailPage } from './features/auth/ConfirmEmailPage';
import { ConfirmRegistrationPage } from './features/auth/ConfirmRegistrationPage';
import { ForgotPasswordPage } from './features/auth/ForgotPasswordPage';
import { RequireAccount, RequireRole } from './features/auth/RequireAccount';
import { ResetPasswordPage } from './features/auth/ResetPasswordPage';
import { SignInPage } from './features/auth/SignInPage';
import { SignUpPage } from './features/auth/SignUpPage';
import { VerifyPhonePage } from './features/auth/VerifyPhonePage';
import { ChannelsPage } from './features/channels/ChannelsPage';
import { CompanySettingsPage } from './features/company/CompanySettingsPage';
import { DemoRequestPage } from './features/demo-requests/DemoRequestPage';
import { DevOutboxPage } from './features/dev/DevOutboxPage';
import { ConversationThread } from './features/inbox/ConversationThread';
import { InboxPage } from './features/inbox/InboxPage';
import { KnowledgePage } from './features/knowledge/KnowledgePage';
import { NotFoundPage } from './features/not-found/NotFoundPage';
import { ErasureScheduledPage } from './features/privacy/ErasureScheduledPage';
import { PrivacyCentrePage } from './features/privacy/PrivacyCentrePage';
import { PrivacyRequestConfirmPage } from './features/privacy/PrivacyRequestConfirmPage';
import { PrivacyRequestPage } from './features/privacy/PrivacyRequestPage';
import { PlaygroundPage } from './features/playground/PlaygroundPage';
import { ProfilePage } from './features/profile/ProfilePage';
import { SecurityPage } from './features/security/SecurityPage';
import { SystemStatusPage } from './features/system/SystemStatusPage';
import { TeamPage } from './features/team/TeamPage';
import { AllowedWhilePaymentRequired, AllowedWhileRestricted } from './features/restriction/readOnly';

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <SystemStatusPage /> },
      { path: 'demo', element: <DemoRequestPage /> },
      { path: 'sign-up', element: <SignUpPage /> },
      { path: 'sign-in', element: <SignInPage /> },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      // E-mailed links: they work whether or not the browser is signed in.
      { path: 'confirm-registration', element: <ConfirmRegistrationPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      { path: 'confirm-email', element: <ConfirmEmailPage /> },
      // Privacy requests from anyone, signed in or not; the e-mailed link confirms the address.
      { path: 'privacy-request', element: <PrivacyRequestPage /> },
      { path: 'privacy-request/confirm', element: <PrivacyRequestConfirmPage /> },
      // Where an erasure request leaves the (now signed-out) user.
      { path: 'erasure-scheduled', element: <ErasureScheduledPage /> },
      { path: 'dev/outbox', element: <DevOutboxPage /> },
      {
        element: <RequireAccount allowUnverifiedPhone />,
        children: [{ path: 'verify-phone', element: <VerifyPhonePage /> }],
      },
      {
        path: 'account',
        element: <RequireAccount />,
        children: [
          { path: 'profile', element: <ProfilePage /> },
          {
            path: 'security',
            element: (
              <AllowedWhileRestricted>
                <SecurityPage />
              </AllowedWhileRestricted>
            ),
          },
          { path: 'access-log', element: <AccessLogPage /> },
          // The consents page's old address: the Privacy centre now holds the consents.
          { path: 'privacy', element: <Navigate to="/privacy" replace /> },
          {
            element: <RequireRole role={roles.owner} />,
            children: [
              { path: 'team', element: <TeamPage /> },
              { path: 'api-keys', element: <ApiKeysPage /> },
              { path: 'webhooks', element: <WebhooksPage /> },
              { path: 'company', element: <CompanySettingsPage /> },
            ],
          },
        ],
      },
      {
        path: 'privacy',
        element: <RequireAccount />,
        children: [
          {
            index: true,
            element: (
              <AllowedWhileRestricted>
                <PrivacyCentrePage />
              </AllowedWhileRestricted>
            ),
          },
        ],
      },
      {
        // The owner's subscription; Paylov's hosted card page sends the browser back to /billing/return.
        path: 'billing',
        element: <RequireAccount />,
        children: [
          {
            element: <RequireRole role={roles.owner} />,
            children: [
              { index: true, element: <AllowedWhilePaymentRequired><BillingPage /></AllowedWhilePaymentRequired> },
              { path: 'return', element: <AllowedWhilePaymentRequired><BillingReturnPage /></AllowedWhilePaymentRequired> },
            ],
          },
        ],
      },
      {
        // A tenant's work: its bots and the live inbox, for the owner and the agents.
        element: <RequireAccount />,
        children: [
          {
            element: <RequireRole role={[roles.owner, roles.agent]} />,
            children: [
              { path: 'bots', element: <BotsPage /> },
              {
                path: 'bots/:botId',
                element: <BotLayout />,
                children: [
                  { index: true, element: <BotIndexRedirect /> },
                  {
                    element: <RequireRole role={roles.owner} />,
                    children: [
                      { path: 'settings', element: <BotSettingsPage /> },
                      { path: 'channels', element: <ChannelsPage /> },
                    ],
                  },
                  { path: 'knowledge', element: <KnowledgePage /> },
                  { path: 'playground', element: <PlaygroundPage /> },
                ],
              },
              { path: 'contacts', element: <ContactsPage /> },
              {
                path: 'inbox',
                element: <InboxPage />,
                children: [{ path: ':conversationId', element: <ConversationThread /> }],
              },
            ],
          },
        ],
      },
      {
        // The back-office of platform staff (Admin and Support); the audit log and incidents are for admins.
        path: 'admin',
        element: <RequireAccount />,
        children: [
          {
            element: <RequireRole role={[roles.admin, roles.support]} deniedText="admin.forbiddenText" />,
            children: [
              {
                element: <AdminLayout />,
                children: [
                  { index: true, element: <Navigate to="tenants" replace /> },
                  { path: 'tenants', element: <TenantsPage /> },
                  { path: 'tenants/:tenantId', element: <TenantPage /> },
                  { path: 'privacy-requests', element: <PrivacyRequestsPage /> },
                  { path: 'operations', element: <OperationsPage /> },
                  { path: 'charges', element: <ChargesPage /> },
                  {
                    element: <RequireRole role={roles.admin} deniedText="admin.forbiddenText" />,
                    children: [
                      { path: 'audit-log', element: <AuditLogPage /> },
                      { path: 'incidents', element: <IncidentsPage /> },
                      { path: 'incidents/:incidentId', element: <IncidentPage /> },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
