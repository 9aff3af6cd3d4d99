import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { isAdmin, useSignedInAccount } from '../auth/account';

/** The back-office for platform staff: tenants, privacy requests and operations for Admin and Support, the staff audit log and incidents for admins. */
export function AdminLayout() {
  const { t } = useTranslation();
  const account = useSignedInAccount();
  return (
    <>
      <nav className="tabs" aria-label={t('admin.sections')}>
        <NavLink to="/admin/tenants">{t('admin.tenants.title')}</NavLink>
        <NavLink to="/admin/privacy-requests">{t('admin.privacyRequests.title')}</NavLink>
        <NavLink to="/admin/charges">{t('admin.charges.title')}</NavLink>
        <NavLink to="/admin/operations">{t('admin.operations.title')}</NavLink>
        {isAdmin(account) && <NavLink to="/admin/audit-log">{t('admin.auditLog.title')}</NavLink>}
        {isAdmin(account) && <NavLink to="/admin/incidents">{t('incidents.title')}</NavLink>}
      </nav>
      <Outlet />
    </>
  );
}
