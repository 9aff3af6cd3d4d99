import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { privacyClient } from '../../api/client';
import type { ConsentKind, CurrentAccountDto } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { CheckboxField } from '../../components/CheckboxField';
import { ProblemMessage } from '../../components/ProblemMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { reloadAccount } from '../auth/account';
import { legalDocumentsQuery } from '../auth/SignUpPage';

/**
 * Before anything else after a new version of the Privacy Policy or the Public Offer was published (or after the user
 * withdrew one): the user accepts it, or goes to the Privacy page to export or erase their data instead.
 */
export function AcceptDocumentsStep({ account }: { account: CurrentAccountDto }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const legal = useQuery(legalDocumentsQuery);
  // Unticked at first: acceptance must be the user's own act (ZRU-547).
  const [ticked, setTicked] = useState<ConsentKind[]>([]);
  const accept = useMutation({
    mutationFn: async (kinds: ConsentKind[]) => {
      for (const kind of kinds) await privacyClient.acceptLegalDocument(kind);
      await reloadAccount(queryClient);
    },
  });
  const documents = account.documentsToAccept;
  const allTicked = documents.every((d) => ticked.includes(d.kind));

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    accept.mutate(documents.map((d) => d.kind));
  };

  return (
    <section data-testid="accept-documents-step">
      <h1>{t('acceptDocuments.title')}</h1>
      <p>{t('acceptDocuments.intro')}</p>
      {accept.isError && <ProblemMessage problem={toProblem(accept.error)} />}
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={accept.isPending}>
        {documents.map((document) => (
          <CheckboxField
            key={document.kind}
            name={`accept-${document.kind}`}
            checked={ticked.includes(document.kind)}
            onChange={(checked) =>
              setTicked((now) => (checked ? [...now, document.kind] : now.filter((kind) => kind !== document.kind)))
            }
          >
            <Trans
              i18nKey={document.kind === 'PublicOffer' ? 'signUp.acceptOffer' : 'signUp.acceptPolicy'}
              values={{ version: document.version }}
              components={{
                document: (
                  <a
                    href={document.kind === 'PublicOffer' ? legal.data?.publicOfferUrl : legal.data?.privacyPolicyUrl}
                    target="_blank"
                    rel="noopener"
                  />
                ),
              }}
            />
          </CheckboxField>
        ))}
        <SubmitButton
          pending={accept.isPending}
          disabled={!allTicked}
          label={t('acceptDocuments.submit')}
          pendingLabel={t('forms.sending')}
        />
      </form>
      <p className="muted">
        {t('acceptDocuments.otherwise')} <Link to="/privacy">{t('acceptDocuments.privacyLink')}</Link>
      </p>
    </section>
  );
}
