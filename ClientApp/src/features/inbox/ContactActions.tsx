import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { contactsClient } from '../../api/client';
import { toProblem } from '../../api/problem';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ProblemMessage } from '../../components/ProblemMessage';
import { isOwner, useSignedInAccount } from '../auth/account';
import { contactsQueryKey } from '../contacts/contactsQueryKey';
import { inboxQueryKey } from './inboxCache';

/** Hands the browser a JSON file to save; the export is data, so nothing of it is shown on the page. */
function saveJson(fileName: string, data: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * The customer's rights, exercised by the tenant as their controller: a copy of everything about them, and erasure
 * (the owner's decision, after a confirmation).
 */
export function ContactActions({
  conversation,
  onErased,
}: {
  conversation: { contactId: string; contactName: string };
  /** What the page does once its contact is gone; by default, back to the inbox (the conversation went with it). */
  onErased?: () => void;
}) {
  const { t } = useTranslation();
  const account = useSignedInAccount();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const { contactId } = conversation;

  const exportContact = useMutation({
    mutationFn: async () => {
      const fileName = `contact-${contactId}.json`;
      saveJson(fileName, await contactsClient.exportContact(contactId));
      return fileName;
    },
  });
  const erase = useMutation({
    mutationFn: () => contactsClient.eraseContact(contactId),
    onSuccess: async () => {
      setConfirming(false);
      if (onErased) onErased();
      else await navigate('/inbox', { replace: true });
      await queryClient.invalidateQueries({ queryKey: inboxQueryKey });
      await queryClient.invalidateQueries({ queryKey: contactsQueryKey });
    },
  });

  return (
    <>
      {exportContact.isError && <ProblemMessage problem={toProblem(exportContact.error)} />}
      {exportContact.isSuccess && <p role="status">{t('inbox.contact.exported', { file: exportContact.data })}</p>}
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={exportContact.isPending}
          onClick={() => exportContact.mutate()}
        >
          {t('inbox.contact.export')}
        </button>
        {isOwner(account) && (
          <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
            {t('inbox.contact.erase')}
          </button>
        )}
      </div>
      {confirming && (
        <ConfirmDialog
          title={t('inbox.contact.eraseTitle', { name: conversation.contactName })}
          confirmLabel={t('inbox.contact.eraseConfirm')}
          pending={erase.isPending}
          onConfirm={() => erase.mutate()}
          onCancel={() => {
            setConfirming(false);
            erase.reset();
          }}
        >
          <p>{t('inbox.contact.eraseText')}</p>
          {erase.isError && <ProblemMessage problem={toProblem(erase.error)} />}
        </ConfirmDialog>
      )}
    </>
  );
}
