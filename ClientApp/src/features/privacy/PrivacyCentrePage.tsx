import { useTranslation } from 'react-i18next';
import { ConsentsSection } from '../consents/ConsentsSection';
import { ErasureSection } from './ErasureSection';
import { ExportSection } from './ExportSection';
import { RequestsSection } from './RequestsSection';

/** Every privacy right of the signed-in user in one place (Privacy Policy, section 8). */
export function PrivacyCentrePage() {
  const { t } = useTranslation();

  return (
    <section>
      <h1>{t('privacy.title')}</h1>
      <p className="muted">{t('privacy.intro')}</p>
      <ConsentsSection />
      <ExportSection />
      <ErasureSection />
      <RequestsSection />
    </section>
  );
}
