import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/problem';
import { ProblemMessage } from './ProblemMessage';

interface FormProblemProps {
  problem: Problem | undefined;
  /** The fields the form shows; messages for any other field are listed here so they are not lost. */
  fields: readonly string[];
}

/** The part of a failed submission that does not belong under one of the form's fields. */
export function FormProblem({ problem, fields }: FormProblemProps) {
  const { t } = useTranslation();
  if (!problem) return null;

  const fieldErrors = Object.entries(problem.fieldErrors);
  if (fieldErrors.length === 0) return <ProblemMessage problem={problem} />;

  const marksFields = fieldErrors.some(([name]) => fields.includes(name));
  const otherErrors = fieldErrors
    .filter(([name]) => !fields.includes(name))
    .flatMap(([, messages]) => messages);
  return (
    <div className="alert alert--error" role="alert">
      {marksFields && <p>{t('forms.fixErrors')}</p>}
      {otherErrors.map((message, index) => (
        <p key={index}>{message}</p>
      ))}
    </div>
  );
}
