import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { contactsClient } from '../../api/client';
import type { ContactDto } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { DateTime } from '../../components/DateTime';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';
import { ProblemMessage } from '../../components/ProblemMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { ContactActions } from '../inbox/ContactActions';
import { contactsQueryKey } from './contactsQueryKey';

const fields = ['displayName', 'notes', 'attributes'] as const;

/** Attributes are edited as "name=value" lines: one line per attribute, the first '=' splits. */
function toLines(attributes: Record<string, string>): string {
  return Object.entries(attributes)
    .map(([name, value]) => `${name}=${value}`)
    .join('\n');
}

function fromLines(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const at = line.indexOf('=');
    attributes[(at < 0 ? line : line.slice(0, at)).trim()] = at < 0 ? '' : line.slice(at + 1).trim();
  }
  return attributes;
}

/** The tenant's customers: found by name or phone, newest first, with the tenant's own notes and attributes. */
export function ContactsPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<ContactDto>();
  const contacts = useInfiniteQuery({
    queryKey: [...contactsQueryKey, search],
    queryFn: ({ pageParam, signal }) => contactsClient.getContacts(search || undefined, undefined, pageParam, undefined, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = contacts.data?.pages.flatMap((page) => page.items) ?? [];

  function submitSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSearch(String(new FormData(event.currentTarget).get('search') ?? '').trim());
  }

  return (
    <section>
      <h1>{t('contacts.title')}</h1>
      <form role="search" onSubmit={submitSearch} className="actions">
        <input type="search" name="search" aria-label={t('contacts.search')} placeholder={t('contacts.search')} />
        <button type="submit" className="button button--secondary">
          {t('contacts.find')}
        </button>
      </form>
      {contacts.isPending && <p role="status">{t('common.loading')}</p>}
      {contacts.isError && <ProblemMessage problem={toProblem(contacts.error)} onRetry={() => void contacts.refetch()} />}
      {contacts.isSuccess && rows.length === 0 && <p>{t('contacts.empty')}</p>}
      {rows.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('contacts.name')}</th>
              <th scope="col">{t('contacts.channel')}</th>
              <th scope="col">{t('contacts.firstSeen')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((contact) => (
              <tr key={contact.id} data-testid="contact">
                <td>
                  <button type="button" className="link-button" onClick={() => setSelected(contact)}>
                    {contact.displayName}
                  </button>
                </td>
                <td>
                  {contact.channel} <code>{contact.externalId}</code>
                </td>
                <td>
                  <DateTime value={contact.firstSeenAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {contacts.hasNextPage && (
        <button
          type="button"
          className="button button--secondary"
          disabled={contacts.isFetchingNextPage}
          onClick={() => void contacts.fetchNextPage()}
        >
          {contacts.isFetchingNextPage && <span className="spinner" aria-hidden="true" />}
          {t('common.loadMore')}
        </button>
      )}
      {selected && (
        <ContactDetail
          key={selected.id}
          contact={selected}
          onSaved={setSelected}
          onErased={() => setSelected(undefined)}
        />
      )}
    </section>
  );
}

function ContactDetail({
  contact,
  onSaved,
  onErased,
}: {
  contact: ContactDto;
  onSaved: (contact: ContactDto) => void;
  onErased: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const conversations = useQuery({
    queryKey: [...contactsQueryKey, contact.id, 'conversations'],
    queryFn: ({ signal }) => contactsClient.getContactConversations(contact.id, undefined, undefined, signal),
  });
  const save = useMutation({
    mutationFn: (form: FormData) =>
      contactsClient.updateContact(contact.id, {
        id: contact.id,
        displayName: String(form.get('displayName') ?? ''),
        notes: String(form.get('notes') ?? ''),
        attributes: fromLines(String(form.get('attributes') ?? '')),
      }),
    onSuccess: async (saved) => {
      onSaved(saved);
      await queryClient.invalidateQueries({ queryKey: contactsQueryKey });
    },
  });
  const problem = save.isError ? toProblem(save.error) : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(new FormData(event.currentTarget));
  }

  return (
    <article aria-label={contact.displayName}>
      <h2>{contact.displayName}</h2>
      <ContactActions conversation={{ contactId: contact.id, contactName: contact.displayName }} onErased={onErased} />
      <form onSubmit={submit} noValidate>
        <FormProblem problem={problem} fields={fields} />
        {save.isSuccess && <p role="status">{t('contacts.saved')}</p>}
        <FormField name="displayName" label={t('contacts.name')} errors={problem?.fieldErrors.displayName}>
          <input defaultValue={contact.displayName} required />
        </FormField>
        <FormField name="notes" label={t('contacts.notes')} optional errors={problem?.fieldErrors.notes}>
          <textarea defaultValue={contact.notes ?? ''} rows={3} />
        </FormField>
        <FormField name="attributes" label={t('contacts.attributes')} optional errors={problem?.fieldErrors.attributes}>
          <textarea defaultValue={toLines(contact.attributes)} rows={4} placeholder="crm.id=C-1042" />
        </FormField>
        <SubmitButton pending={save.isPending} label={t('contacts.save')} pendingLabel={t('contacts.saving')} />
      </form>
      <h3>{t('contacts.conversations')}</h3>
      {conversations.isError && <ProblemMessage problem={toProblem(conversations.error)} />}
      <ul>
        {conversations.data?.items.map((conversation) => (
          <li key={conversation.id}>
            <Link to={`/inbox/${conversation.id}`}>{conversation.botName}</Link> — <DateTime value={conversation.lastMessageAt} />
          </li>
        ))}
      </ul>
    </article>
  );
}
