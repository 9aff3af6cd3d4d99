import { useTranslation } from 'react-i18next';
import type { PrivacyRequestKind } from '../../api/generated/virtuops-api';
import { FormField } from '../../components/FormField';
import { requestTextMaxLength, typedRequestKinds } from './privacyRequests';

interface RequestFieldsProps {
  kind: PrivacyRequestKind;
  text: string;
  onKind: (kind: PrivacyRequestKind) => void;
  onText: (text: string) => void;
  fieldErrors: Record<string, string[]>;
}

/** What a request to the privacy team is about and what it says; shared by the signed-in and signed-out forms. */
export function RequestFields({ kind, text, onKind, onText, fieldErrors }: RequestFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <FormField name="kind" label={t('privacyRequests.kindLabel')} errors={fieldErrors.kind}>
        <select value={kind} onChange={(event) => onKind(event.target.value as PrivacyRequestKind)}>
          {typedRequestKinds.map((option) => (
            <option key={option} value={option}>
              {t(`privacyRequests.kind.${option}`)}
            </option>
          ))}
        </select>
      </FormField>
      <FormField name="text" label={t('privacyRequests.text')} errors={fieldErrors.text}>
        <textarea rows={5} maxLength={requestTextMaxLength} value={text} onChange={(event) => onText(event.target.value)} />
      </FormField>
    </>
  );
}
