import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { botsClient } from '../../api/client';
import { toProblem } from '../../api/problem';
import { ProblemMessage } from '../../components/ProblemMessage';
import { knowledgeQueryKey } from './knowledgeQueries';

/** A row's problems, in spreadsheet row order (the server keys them `rows[N]`; the header is row 1). */
export function rowErrors(fieldErrors: Record<string, string[]>): { row: number; messages: string[] }[] {
  return Object.entries(fieldErrors)
    .map(([field, messages]) => ({ row: Number(/^rows\[(\d+)\]$/.exec(field)?.[1]), messages }))
    .filter(({ row }) => Number.isInteger(row))
    .sort((a, b) => a.row - b.row);
}

/**
 * Adds entries from a CSV file (header row, then `questions,answer`, variants separated by `|`). The server checks
 * every row first and imports nothing if one is wrong, so the report lists each wrong row to fix in the file.
 */
export function CsvImport({ botId }: { botId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const upload = useMutation({
    mutationFn: async (file: File) => botsClient.importKnowledge(botId, { csv: await file.text() }),
    onSuccess: async () => {
      if (fileRef.current) fileRef.current.value = '';
      await queryClient.invalidateQueries({ queryKey: knowledgeQueryKey(botId) });
    },
  });
  const problem = upload.isError ? toProblem(upload.error) : undefined;
  const rows = problem ? rowErrors(problem.fieldErrors) : [];
  const fileErrors = problem?.fieldErrors.csv ?? [];

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (file) upload.mutate(file);
  };

  return (
    <details className="panel import">
      <summary>{t('knowledge.importTitle')}</summary>
      <p className="muted">{t('knowledge.importIntro')}</p>
      <pre className="sample">{'questions,answer\n"Yetkazib berish bormi? | Dostavka bormi?","Ha, 1–2 kun ichida."'}</pre>
      <form className="form--inline" onSubmit={handleSubmit} aria-busy={upload.isPending}>
        <input ref={fileRef} type="file" accept=".csv,text/csv" aria-label={t('knowledge.importFile')} onChange={() => upload.reset()} />
        <button type="submit" className="button" disabled={upload.isPending}>
          {upload.isPending && <span className="spinner" aria-hidden="true" />}
          {upload.isPending ? t('knowledge.importing') : t('knowledge.import')}
        </button>
      </form>
      {upload.isSuccess && <p role="status">{t('knowledge.imported', { total: upload.data.imported })}</p>}
      {problem && rows.length === 0 && fileErrors.length === 0 && <ProblemMessage problem={problem} />}
      {(rows.length > 0 || fileErrors.length > 0) && (
        <div className="alert alert--error" role="alert" data-testid="import-errors">
          <p>{t('knowledge.importFailed')}</p>
          {fileErrors.map((message, index) => (
            <p key={index}>{message}</p>
          ))}
          {rows.length > 0 && (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('knowledge.row')}</th>
                  <th scope="col">{t('knowledge.rowProblem')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ row, messages }) => (
                  <tr key={row} data-testid="import-error-row">
                    <td>{row}</td>
                    <td>{messages.join(' ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </details>
  );
}
