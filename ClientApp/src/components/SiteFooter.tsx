import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { legalDocumentsQuery } from '../features/auth/SignUpPage';

/** On every page, signed in or not: who to write to for help and about personal data (addresses from the API's settings). */
export function SiteFooter() {
  const { t } = useTranslation();
  const legal = useQuery(legalDocumentsQuery).data;

  return (
    <footer className="footer">
      <p>{t('app.tagline')}</p>
      {legal && (
        <address className="footer__contacts">
          <span>
            {t('footer.support')} <a href={`mailto:${legal.supportEmail}`}>{legal.supportEmail}</a>
          </span>
          <span>
            {t('footer.privacy')} <a href={`mailto:${legal.privacyEmail}`}>{legal.privacyEmail}</a>
          </span>
          <Link to="/privacy-request">{t('footer.privacyRequest')}</Link>
        </address>
      )}
    </footer>
  );
}
