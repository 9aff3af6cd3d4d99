import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminClient } from '../../api/client';
import type { QueuedPrivacyRequestDto } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { DateTime } from '../../components/DateTime';
import { CheckboxField } from '../../components/CheckboxField';
import { ProblemMessage } from '../../components/ProblemMessage';
import { useSignedInAccount, userDataKey } from '../auth/account';
import { ReasonDialog } from './ReasonDialog';

const pageSize = 50;
// The server's limit for an answer or a rejection's reason (PrivacyRequest.AnswerMaxLength).
const answerMaxLength = 4000;

type Dialog = { kind: 'answer' | 'reject'; request: QueuedPrivacyRequestDto } | null;

/**
 * The data-subject requests queue: overdue ones first, then by due date, each with its business days left. Staff take a
 * request on, answer it (the answer is e-mailed to the requester) or reject it with a reason, after a confirmation.
 */
export function PrivacyRequestsPage() {
  const { t } = useTranslation();
  const account = useSignedInAccount();
  const queryClient = useQueryClient();
  const [includeClosed, setIncludeClosed] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const queryKey = [...userDataKey, 'admin', 'privacy-requests'];
  const queue = useInfiniteQuery({
    queryKey: [...queryKey, includeClosed],
    queryFn: ({ pageParam, signal }) => adminClient.getPrivacyRequestQueue(includeClosed, pageParam, pageSize, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey });
  const assign = useMutation({ mutationFn: (id: string) => adminClient.assignPrivacyRequest(id), onSettled: refresh });
  const done = () => {
    setDialog(null);
    void refresh();
  };
  const rows = queue.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section>
      <h1>{t('admin.privacyRequests.title')}</h1>
      <p className="muted">{t('admin.privacyRequests.intro')}</p>
      <CheckboxField name="includeClosed" checked={includeClosed} onChange={setIncludeClosed}>
        {t('admin.privacyRequests.includeClosed')}
      </CheckboxField>
      {assign.isError && <ProblemMessage problem={toProblem(assign.error)} />}
      {queue.isPending && <p role="status">{t('common.loading')}</p>}
      {queue.isError && <ProblemMessage problem={toProblem(queue.error)} onRetry={() => void queue.refetch()} />}
      {queue.isSuccess && rows.length === 0 && <p>{t('admin.privacyRequests.empty')}</p>}
      {rows.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('admin.privacyRequests.due')}</th>
              <th scope="col">{t('privacyRequests.kindLabel')}</th>
              <th scope="col">{t('admin.privacyRequests.requester')}</th>
              <th scope="col">{t('privacyRequests.statusLabel')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((request) => {
              const open = request.status === 'Received' || request.status === 'InProgress';
              const mine = request.assignedToUserId === account.userId;
              return (
                <tr key={request.id} data-testid="privacy-request">
                  <td>
                    <DateTime value={request.dueAt} />
                    {open && (
                      <div className={request.overdue ? 'overdue' : 'muted'} data-testid="days-left">
                        {request.overdue
                          ? t('admin.privacyRequests.overdue', { days: Math.abs(request.businessDaysLeft) })
                          : t('admin.privacyRequests.daysLeft', { days: request.businessDaysLeft })}
                      </div>
                    )}
                  </td>
                  <td>
                    {t(`privacyRequests.kind.${request.kind}`)}
                    {request.text && <div className="pre-wrap">{request.text}</div>}
                  </td>
                  <td>
                    {request.email ?? '—'}
                    <div className="muted">
                      {t('admin.privacyRequests.received')} <DateTime value={request.receivedAt} />
                    </div>
                  </td>
                  <td>
                    {t(`privacyRequests.status.${request.status}`)}
                    {request.assignedToUserId && (
                      <div className="muted">{mine ? t('admin.privacyRequests.assignedToMe') : t('admin.privacyRequests.assignedToOther')}</div>
                    )}
                    {request.answer && <div className="pre-wrap">{request.answer}</div>}
                  </td>
                  <td>
                    {open && (
                      <div className="actions">
                        {!mine && (
                          <button
                            type="button"
                            className="button button--secondary"
                            disabled={assign.isPending}
                            onClick={() => assign.mutate(request.id)}
                          >
                            {t('admin.privacyRequests.assign')}
                          </button>
                        )}
                        <button type="button" className="button" onClick={() => setDialog({ kind: 'answer', request })}>
                          {t('admin.privacyRequests.answer')}
                        </button>
                        <button
                          type="button"
                          className="button button--danger"
                          onClick={() => setDialog({ kind: 'reject', request })}
                        >
                          {t('admin.privacyRequests.reject')}
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {queue.hasNextPage && (
        <button
          type="button"
          className="button button--secondary"
          disabled={queue.isFetchingNextPage}
          onClick={() => void queue.fetchNextPage()}
        >
          {queue.isFetchingNextPage && <span className="spinner" aria-hidden="true" />}
          {t('common.loadMore')}
        </button>
      )}
      {dialog?.kind === 'answer' && (
        <ReasonDialog
          title={t('admin.privacyRequests.answerTitle')}
          text={t('admin.privacyRequests.answerText', { email: dialog.request.email ?? '—' })}
          confirmLabel={t('admin.privacyRequests.send')}
          field={{ name: 'answer', label: t('admin.privacyRequests.answerLabel'), maxLength: answerMaxLength }}
          action={(answer) => adminClient.answerPrivacyRequest(dialog.request.id, { id: dialog.request.id, answer })}
          onDone={done}
          onCancel={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'reject' && (
        <ReasonDialog
          title={t('admin.privacyRequests.rejectTitle')}
          text={t('admin.privacyRequests.rejectText', { email: dialog.request.email ?? '—' })}
          confirmLabel={t('admin.privacyRequests.reject')}
          field={{ name: 'reason', label: t('admin.privacyRequests.rejectLabel'), maxLength: answerMaxLength }}
          action={(reason) => adminClient.rejectPrivacyRequest(dialog.request.id, { id: dialog.request.id, reason })}
          onDone={done}
          onCancel={() => setDialog(null)}
        />
      )}
    </section>
  );
}
