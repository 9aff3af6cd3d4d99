import { useQuery } from '@tanstack/react-query';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isOwner, isStaff, isTenantMember, useAccount } from '../features/auth/account';
import { useSignOut } from '../features/auth/useSignOut';
import { PaymentFailedBanner } from '../features/billing/PaymentFailedBanner';
import { TrialBanner } from '../features/billing/TrialBanner';
import { AcceptDocumentsStep } from '../features/restriction/AcceptDocumentsStep';
import { AllowedWhileRestricted, ReadOnlyProvider } from '../features/restriction/readOnly';
import { IncidentBanner } from '../features/incidents/IncidentBanner';
import { RestrictionBanner } from '../features/restriction/RestrictionBanner';
import { systemStatusQuery } from '../features/system/SystemStatusPage';
import { LanguageSwitcher } from './LanguageSwitcher';
import { SiteFooter } from './SiteFooter';

export function Layout() {
  const { t } = useTranslation();
  const account = useAccount().data;
  const status = useQuery(systemStatusQuery);
  const signOut = useSignOut();
  const onPrivacyPage = useLocation().pathname.startsWith('/privacy');
  const restricted = !!account?.restriction?.restricted;
  // A new document version is accepted before anything else; a withdrawn one the restricted owner takes back in the
  // banner. The Privacy page stays reachable, for those who would rather export or erase their data.
  const mustAccept = !!account && account.documentsToAccept.length > 0 && !account.restriction?.withdrawnConsents.length && !onPrivacyPage;

  return (
    <div className="layout">
      <header className="header">
        <div className="header__inner">
          <NavLink to="/" className="brand">
            {t('app.name')}
          </NavLink>
          <nav aria-label={t('nav.label')} className="nav">
            <NavLink to="/" end>
              {t('nav.status')}
            </NavLink>
            <NavLink to="/demo">{t('nav.demo')}</NavLink>
            {account && isTenantMember(account) && (
              <>
                <NavLink to="/inbox">{t('nav.inbox')}</NavLink>
                <NavLink to="/contacts">{t('nav.contacts')}</NavLink>
                <NavLink to="/bots">{t('nav.bots')}</NavLink>
              </>
            )}
            {account && isStaff(account) && <NavLink to="/admin">{t('nav.admin')}</NavLink>}
            {account && (
              <>
                <NavLink to="/account/profile">{t('nav.profile')}</NavLink>
                <NavLink to="/account/security">{t('nav.security')}</NavLink>
                <NavLink to="/account/access-log">{t('nav.accessLog')}</NavLink>
                <NavLink to="/privacy">{t('nav.privacy')}</NavLink>
                {isOwner(account) && (
                  <>
                    <NavLink to="/account/team">{t('nav.team')}</NavLink>
                    <NavLink to="/account/api-keys">{t('nav.apiKeys')}</NavLink>
                    <NavLink to="/account/webhooks">{t('nav.webhooks')}</NavLink>
                    <NavLink to="/account/company">{t('nav.company')}</NavLink>
                    <NavLink to="/billing">{t('nav.billing')}</NavLink>
                  </>
                )}
              </>
            )}
            {/* null: known to be signed out; undefined: still asking, so neither set of links flashes. */}
            {account === null && (
              <>
                <NavLink to="/sign-in">{t('nav.signIn')}</NavLink>
                <NavLink to="/sign-up">{t('nav.signUp')}</NavLink>
              </>
            )}
            {status.data?.hasDevOutbox && <NavLink to="/dev/outbox">{t('nav.devOutbox')}</NavLink>}
          </nav>
          {account && (
            <div className="account-menu">
              <span data-testid="signed-in-as">{account.fullName}</span>
              <button
                type="button"
                className="button button--secondary"
                disabled={signOut.isPending}
                onClick={() => signOut.mutate()}
              >
                {t('nav.signOut')}
              </button>
            </div>
          )}
          <LanguageSwitcher />
        </div>
      </header>
      <main className="main">
        {account && <RestrictionBanner account={account} />}
        {account && <TrialBanner account={account} />}
        <PaymentFailedBanner />
        <IncidentBanner />
        <ReadOnlyProvider readOnly={restricted}>
          {mustAccept && account ? (
            <AllowedWhileRestricted>
              <AcceptDocumentsStep account={account} />
            </AllowedWhileRestricted>
          ) : (
            <Outlet />
          )}
        </ReadOnlyProvider>
      </main>
      <SiteFooter />
    </div>
  );
}
