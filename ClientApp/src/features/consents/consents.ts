import type { ConsentKind, ConsentRecordDto } from '../../api/generated/virtuops-api';
import { userDataKey } from '../auth/account';

export const consentsQueryKey = [...userDataKey, 'consents'] as const;

/** The consents held now: per kind, the newest record, if it is a grant (the history comes newest first). */
export function currentGrants(history: ConsentRecordDto[]): ConsentRecordDto[] {
  const newest = new Map<ConsentKind, ConsentRecordDto>();
  for (const record of history) if (!newest.has(record.kind)) newest.set(record.kind, record);
  return [...newest.values()].filter((record) => record.action === 'Granted');
}
