import { queryOptions } from '@tanstack/react-query';
import { botsClient } from '../../api/client';
import type { BotLanguage } from '../../api/generated/virtuops-api';
import { userDataKey } from '../auth/account';

export const botsQueryKey = [...userDataKey, 'bots'] as const;

export const botsQuery = queryOptions({
  queryKey: botsQueryKey,
  queryFn: ({ signal }) => botsClient.getBots(signal),
});

export function botQuery(botId: string) {
  return queryOptions({
    queryKey: [...botsQueryKey, botId] as const,
    queryFn: ({ signal }) => botsClient.getBot(botId, signal),
  });
}

export const botLanguages: readonly BotLanguage[] = ['UzLatn', 'UzCyrl', 'Ru', 'En'];
