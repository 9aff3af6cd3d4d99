import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { privacyClient } from '../../api/client';
import type { PrivacyRequestDto, PrivacyRequestKind, SubmitPrivacyRequestCommand } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { DateTime } from '../../components/DateTime';
import { FormProblem } from '../../components/FormProblem';
import { ProblemMessage } from '../../components/ProblemMessage';
import { SubmitButton } from '../../components/SubmitButton';
import { privacyRequestsQueryKey } from './privacyRequests';
import { RequestFields } from './RequestFields';

/** The user's data-subject requests with the date each answer is due, and a form to write to the privacy team. */
export function RequestsSection() {
  const { t } = useTranslation();
  const requests = useQuery({
    queryKey: privacyRequestsQueryKey,
    queryFn: ({ signal }) => privacyClient.getMyPrivacyRequests(signal),
  });

  return (
    <section aria-labelledby="privacy-requests">
      <h2 id="privacy-requests">{t('privacyRequests.title')}</h2>
      <p className="muted">{t('privacyRequests.intro')}</p>
      {requests.isPending && <p role="status">{t('common.loading')}</p>}
      {requests.isError && <ProblemMessage problem={toProblem(requests.error)} onRetry={() => void requests.refetch()} />}
      {requests.isSuccess && <RequestList requests={requests.data} />}
      <ContactForm />
    </section>
  );
}

function RequestList({ requests }: { requests: PrivacyRequestDto[] }) {
  const { t } = useTranslation();
  if (requests.length === 0) return <p>{t('privacyRequests.none')}</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">{t('privacyRequests.kindLabel')}</th>
          <th scope="col">{t('privacyRequests.receivedAt')}</th>
          <th scope="col">{t('privacyRequests.dueAt')}</th>
          <th scope="col">{t('privacyRequests.statusLabel')}</th>
          <th scope="col">{t('privacyRequests.answer')}</th>
        </tr>
      </thead>
      <tbody>
        {requests.map((request) => (
          <tr key={request.id} data-testid="privacy-request">
            <td>
              {t(`privacyRequests.kind.${request.kind}`)}
              {request.text && <div className="muted">{request.text}</div>}
            </td>
            <td>
              <DateTime value={request.receivedAt} />
            </td>
            <td>
              <DateTime value={request.dueAt} />
            </td>
            <td>{t(`privacyRequests.status.${request.status}`)}</td>
            <td>
              {request.answer ?? '—'}
              {request.answeredAt && (
                <div className="muted">
                  <DateTime value={request.answeredAt} />
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ContactForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<PrivacyRequestKind>('Access');
  const [text, setText] = useState('');
  const submit = useMutation({
    mutationFn: (command: SubmitPrivacyRequestCommand) => privacyClient.submitPrivacyRequest(command),
    onSuccess: () => setText(''),
    onSettled: () => queryClient.invalidateQueries({ queryKey: privacyRequestsQueryKey }),
  });
  const problem = submit.isError ? toProblem(submit.error) : undefined;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    submit.mutate({ kind, text: text.trim() });
  };

  return (
    <>
      <h3 id="privacy-contact">{t('privacyRequests.contactTitle')}</h3>
      {submit.isSuccess && (
        <p role="status">{t('privacyRequests.sent', { kind: t(`privacyRequests.kind.${submit.data.kind}`) })}</p>
      )}
      <FormProblem problem={problem} fields={['kind', 'text']} />
      <form
        className="form"
        aria-labelledby="privacy-contact"
        onSubmit={handleSubmit}
        noValidate
        aria-busy={submit.isPending}
      >
        <RequestFields kind={kind} text={text} onKind={setKind} onText={setText} fieldErrors={problem?.fieldErrors ?? {}} />
        <SubmitButton pending={submit.isPending} label={t('privacyRequests.send')} pendingLabel={t('privacyRequests.sending')} />
      </form>
    </>
  );
}
