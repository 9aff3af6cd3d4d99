import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { botsClient, knowledgeClient } from '../../api/client';
import type { KnowledgeEntryDto, KnowledgeEntryRequest } from '../../api/generated/virtuops-api';
import { ifMatch } from '../../api/etag';
import { toProblem } from '../../api/problem';
import { FormField } from '../../components/FormField';
import { FormProblem } from '../../components/FormProblem';
import { listErrors } from '../../components/ListEditor';
import { SubmitButton } from '../../components/SubmitButton';
import { knowledgeQueryKey } from './knowledgeQueries';

// Domain limits (KnowledgeEntry): the server says the same, this just stops typing past them.
const maxQuestions = 20;

interface KnowledgeEntryFormProps {
  botId: string;
  /** The entry to change; a new entry when absent. */
  entry?: KnowledgeEntryDto;
  onDone: () => void;
}

/** One entry: the ways a customer may ask (question variants) and the answer. */
export function KnowledgeEntryForm({ botId, entry, onDone }: KnowledgeEntryFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [questions, setQuestions] = useState<string[]>(entry ? entry.questions : ['']);
  const [answer, setAnswer] = useState(entry?.answer ?? '');
  const save = useMutation({
    mutationFn: (request: KnowledgeEntryRequest) =>
      entry ? knowledgeClient.updateKnowledgeEntry(entry.id, request, ifMatch(entry.version)) : botsClient.createKnowledgeEntry(botId, request),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: knowledgeQueryKey(botId) });
      onDone();
    },
  });
  const problem = save.isError ? toProblem(save.error) : undefined;
  const questionErrors = listErrors(problem?.fieldErrors, 'questions');

  const setQuestion = (index: number, value: string) =>
    setQuestions((current) => current.map((question, i) => (i === index ? value : question)));
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate({
      questions: questions.map((question) => question.trim()).filter((question) => question.length > 0),
      answer: answer.trim(),
    });
  };

  return (
    <div className="panel" data-testid="knowledge-form">
      <h3>{entry ? t('knowledge.editTitle') : t('knowledge.addTitle')}</h3>
      <FormProblem
        problem={problem}
        fields={['answer', ...Object.keys(problem?.fieldErrors ?? {}).filter((f) => f.startsWith('questions'))]}
      />
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={save.isPending}>
        <fieldset className={questionErrors.length > 0 ? 'fieldset field--invalid' : 'fieldset'}>
          <legend>{t('knowledge.questions')}</legend>
          <p className="muted hint-inline">{t('knowledge.questionsHint')}</p>
          {questions.map((question, index) => (
            <div className="key-row" key={index}>
              <input
                type="text"
                autoComplete="off"
                maxLength={500}
                aria-label={t('knowledge.questionN', { n: index + 1 })}
                value={question}
                onChange={(event) => setQuestion(index, event.target.value)}
              />
              {questions.length > 1 && (
                <button
                  type="button"
                  className="button button--secondary"
                  aria-label={t('knowledge.removeQuestion', { n: index + 1 })}
                  onClick={() => setQuestions((current) => current.filter((_, i) => i !== index))}
                >
                  ×
                </button>
              )}
            </div>
          ))}
          {questions.length < maxQuestions && (
            <button
              type="button"
              className="link-button link-button--tight"
              onClick={() => setQuestions((current) => [...current, ''])}
            >
              {t('knowledge.addQuestion')}
            </button>
          )}
          {questionErrors.length > 0 && (
            <p className="field__error" data-testid="error-questions">
              {questionErrors.join(' ')}
            </p>
          )}
        </fieldset>
        <FormField name="answer" label={t('knowledge.answer')} errors={problem?.fieldErrors.answer}>
          <textarea rows={4} maxLength={4000} value={answer} onChange={(event) => setAnswer(event.target.value)} />
        </FormField>
        <div className="actions">
          <SubmitButton pending={save.isPending} label={t('forms.save')} pendingLabel={t('forms.saving')} />
          <button type="button" className="button button--secondary" onClick={onDone}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
