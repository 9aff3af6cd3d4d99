import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { botsClient } from '../../api/client';
import type { PlaygroundAnswerDto } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';
import { SubmitButton } from '../../components/SubmitButton';
import { useBot } from '../bots/BotLayout';

/** Try a question on the bot without a conversation: the answer, where it came from and how sure the bot is. */
export function PlaygroundPage() {
  const { t } = useTranslation();
  const bot = useBot();
  const [question, setQuestion] = useState('');
  const ask = useMutation({
    mutationFn: (text: string) => botsClient.askPlayground(bot.id, { question: text }),
  });
  const problem = ask.isError ? toProblem(ask.error) : undefined;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    ask.mutate(question.trim());
  };

  return (
    <>
      <h2>{t('playground.title')}</h2>
      <p className="muted">{t('playground.intro')}</p>
      <FormProblem problem={problem} fields={['question']} />
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={ask.isPending}>
        <FormField name="question" label={t('playground.question')} errors={problem?.fieldErrors.question}>
          <textarea rows={2} maxLength={2000} value={question} onChange={(event) => setQuestion(event.target.value)} />
        </FormField>
        <SubmitButton pending={ask.isPending} label={t('playground.ask')} pendingLabel={t('playground.asking')} />
      </form>
      {ask.isSuccess && <PlaygroundAnswer answer={ask.data} threshold={bot.confidenceThreshold} />}
    </>
  );
}

function PlaygroundAnswer({ answer, threshold }: { answer: PlaygroundAnswerDto; threshold: number }) {
  const { t } = useTranslation();
  const percent = Math.round(answer.confidence * 100);

  return (
    <div className="panel" data-testid="playground-answer" aria-live="polite">
      <h3>{t('playground.answer')}</h3>
      <p className="pre-wrap" data-testid="playground-text">
        {answer.answer}
      </p>
      <dl className="facts">
        <dt>{t('playground.source')}</dt>
        <dd data-testid="playground-source">
          <span className={`badge badge--${answer.source === 'Fallback' ? 'muted' : 'ok'}`}>
            {t(`playground.sourceValue.${answer.source}`)}
          </span>
          <div className="muted">{t(`playground.sourceHint.${answer.source}`)}</div>
        </dd>
        <dt>{t('playground.confidence')}</dt>
        <dd>
          <div className="meter">
            <meter
              min={0}
              max={1}
              low={threshold}
              optimum={1}
              value={answer.confidence}
              aria-label={t('playground.confidence')}
              data-testid="playground-confidence"
            />
            <span>{percent}%</span>
          </div>
          <div className="muted">{t('playground.threshold', { threshold: Math.round(threshold * 100) })}</div>
        </dd>
        <dt>{t('playground.matched')}</dt>
        <dd data-testid="playground-matched">
          {answer.matchedQuestions.length > 0 ? (
            <ul className="plain-list">
              {answer.matchedQuestions.map((question, index) => (
                <li key={index}>{question}</li>
              ))}
            </ul>
          ) : (
            t('playground.noMatch')
          )}
        </dd>
      </dl>
    </div>
  );
}
