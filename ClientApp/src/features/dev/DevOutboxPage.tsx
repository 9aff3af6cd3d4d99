import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { devClient } from '../../api/client';
import { toProblem } from '../../api/problem';
import { DateTime } from '../../components/DateTime';
import { ProblemMessage } from '../../components/ProblemMessage';

const take = 50;
// New codes should appear without a reload while someone waits for one.
const refreshEveryMs = 3000;

/**
 * Development only: the SMS and e-mails the app would have sent, so a person can read codes and open links.
 * The API maps /api/dev/outbox only in the Development environment; elsewhere this page shows its 404.
 */
export function DevOutboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const to = params.get('to') ?? '';
  const [filter, setFilter] = useState(to);
  const outbox = useQuery({
    queryKey: ['dev', 'outbox', to],
    queryFn: ({ signal }) => devClient.getDevOutbox(to || undefined, take, signal),
    refetchInterval: refreshEveryMs,
  });

  return (
    <section>
      <h1>{t('dev.title')}</h1>
      <p className="muted">{t('dev.intro')}</p>
      <form
        className="form form--inline"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setParams(filter.trim() ? { to: filter.trim() } : {});
        }}
      >
        <label htmlFor="dev-to">{t('dev.to')}</label>
        <input id="dev-to" type="search" value={filter} onChange={(event) => setFilter(event.target.value)} />
        <button type="submit" className="button button--secondary">
          {t('dev.filter')}
        </button>
      </form>

      {outbox.isPending && <p role="status">{t('common.loading')}</p>}
      {outbox.isError && <ProblemMessage problem={toProblem(outbox.error)} onRetry={() => void outbox.refetch()} />}
      {outbox.isSuccess && outbox.data.length === 0 && <p>{t('dev.empty')}</p>}
      {outbox.isSuccess && (
        <ol className="outbox">
          {outbox.data.map((message) => (
            <li key={message.id} className="panel" data-testid="outbox-message">
              <p className="muted">
                {message.channel === 'Sms' ? t('dev.sms') : t('dev.email')} · {t('dev.toValue', { to: message.to })} ·{' '}
                <DateTime value={message.sentAt} />
              </p>
              {message.subject && <h2>{message.subject}</h2>}
              <p className="outbox__body" data-testid="outbox-body">
                <Linkified text={message.body} />
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Makes the links in an e-mail body clickable. */
function Linkified({ text }: { text: string }) {
  // split with a capturing group keeps the links at the odd indexes.
  const parts = text.split(/(https?:\/\/\S+)/);
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>{index % 2 === 1 ? <a href={part}>{part}</a> : part}</Fragment>
      ))}
    </>
  );
}
