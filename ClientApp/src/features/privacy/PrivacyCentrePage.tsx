import { useTranslation } from 'react-i18next';
import { isOwner, useSignedInAccount } from '../auth/account';
import { ConsentsSection } from '../consents/ConsentsSection';
import { ErasureSection } from './ErasureSection';
import { ExportSection } from './ExportSection';
import { RequestsSection } from './RequestsSection';
import { RestrictionSection } from './RestrictionSection';

/** Every privacy right of the signed-in user in one place (Privacy Policy, section 8). */
export function PrivacyCentrePage() {
  const { t } = useTranslation();
  const account = useSignedInAccount();

  return (
    <section>
      <h1>{t('privacy.title')}</h1>
      <p className="muted">{t('privacy.intro')}</p>
      <ConsentsSection />
      <ExportSection />
      <ErasureSection />
      {/* Restriction covers the whole company's data, so it is the owner's to ask for. */}
      {isOwner(account) && <RestrictionSection />}
      <RequestsSection />
    </section>
  );
}
