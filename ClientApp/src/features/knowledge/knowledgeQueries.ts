import { userDataKey } from '../auth/account';

export const knowledgePageSize = 20;

/** Every cached page and search of one bot's knowledge starts with this key. */
export function knowledgeQueryKey(botId: string) {
  return [...userDataKey, 'knowledge', botId] as const;
}
