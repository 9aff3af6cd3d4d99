import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { demoRequestsClient } from '../../api/client';
import type { CreateDemoRequestCommand } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';
import { FormField } from '../../components/FormField';
import { ProblemMessage } from '../../components/ProblemMessage';

type DemoRequestForm = Record<keyof CreateDemoRequestCommand, string>;
type FieldName = keyof DemoRequestForm;

const emptyForm: DemoRequestForm = {
  fullName: '',
  email: '',
  companyName: '',
  phoneNumber: '',
  message: '',
};

const fieldNames = Object.keys(emptyForm) as FieldName[];

// Lengths mirror Domain/DemoRequests/DemoRequest.cs; the server validates regardless.
const maxLength: Record<FieldName, number> = {
  fullName: 200,
  email: 254,
  companyName: 200,
  phoneNumber: 32,
  message: 2000,
};

function toCommand(form: DemoRequestForm): CreateDemoRequestCommand {
  const optional = (value: string) => value.trim() || undefined;
  return {
    fullName: form.fullName.trim(),
    email: form.email.trim(),
    companyName: form.companyName.trim(),
    phoneNumber: optional(form.phoneNumber),
    message: optional(form.message),
  };
}

export function DemoRequestPage() {
  const { t } = useTranslation();
  const [form, setForm] = useState<DemoRequestForm>(emptyForm);
  const submission = useMutation({
    mutationFn: (command: CreateDemoRequestCommand) => demoRequestsClient.createDemoRequest(command),
  });

  if (submission.isSuccess) {
    return (
      <section>
        <h1>{t('demo.successTitle')}</h1>
        <p role="status">{t('demo.successText')}</p>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setForm(emptyForm);
            submission.reset();
          }}
        >
          {t('demo.another')}
        </button>
      </section>
    );
  }

  const problem = submission.isError ? toProblem(submission.error) : undefined;
  const fieldErrors = problem?.fieldErrors ?? {};
  const hasFieldErrors = Object.keys(fieldErrors).length > 0;
  // Errors the server reports for something other than a form field still need to be seen.
  const otherErrors = Object.entries(fieldErrors)
    .filter(([name]) => !fieldNames.includes(name as FieldName))
    .flatMap(([, messages]) => messages);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    submission.mutate(toCommand(form));
  };

  const bind = (name: FieldName) => ({
    value: form[name],
    maxLength: maxLength[name],
    onChange: (event: { target: { value: string } }) =>
      setForm((current) => ({ ...current, [name]: event.target.value })),
  });

  return (
    <section>
      <h1>{t('demo.title')}</h1>
      <p>{t('demo.intro')}</p>

      {hasFieldErrors ? (
        <div className="alert alert--error" role="alert">
          <p>{t('demo.fixErrors')}</p>
          {otherErrors.map((message, index) => (
            <p key={index}>{message}</p>
          ))}
        </div>
      ) : (
        problem && <ProblemMessage problem={problem} />
      )}

      {/* noValidate: the server validates and its messages are shown in the chosen language,
          unlike the browser's built-in bubbles. */}
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={submission.isPending}>
        <FormField name="fullName" label={t('demo.fullName')} errors={fieldErrors.fullName}>
          <input type="text" autoComplete="name" required {...bind('fullName')} />
        </FormField>
        <FormField name="email" label={t('demo.email')} errors={fieldErrors.email}>
          <input type="email" autoComplete="email" required {...bind('email')} />
        </FormField>
        <FormField name="companyName" label={t('demo.companyName')} errors={fieldErrors.companyName}>
          <input type="text" autoComplete="organization" required {...bind('companyName')} />
        </FormField>
        <FormField
          name="phoneNumber"
          label={t('demo.phoneNumber')}
          optional
          errors={fieldErrors.phoneNumber}
        >
          <input type="tel" autoComplete="tel" {...bind('phoneNumber')} />
        </FormField>
        <FormField name="message" label={t('demo.message')} optional errors={fieldErrors.message}>
          <textarea rows={4} {...bind('message')} />
        </FormField>

        <button type="submit" className="button" disabled={submission.isPending}>
          {submission.isPending && <span className="spinner" aria-hidden="true" />}
          {submission.isPending ? t('demo.submitting') : t('demo.submit')}
        </button>
      </form>
    </section>
  );
}
