import { NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from './LanguageSwitcher';

export function Layout() {
  const { t } = useTranslation();

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
          </nav>
          <LanguageSwitcher />
        </div>
      </header>
      <main className="main">
        <Outlet />
      </main>
      <footer className="footer">{t('app.tagline')}</footer>
    </div>
  );
}
