import { queryOptions } from '@tanstack/react-query';
import { channelsClient } from '../../api/client';
import { botsQueryKey } from '../bots/botQueries';

export function channelsQuery(botId: string) {
  return queryOptions({
    queryKey: [...botsQueryKey, botId, 'channels'] as const,
    queryFn: ({ signal }) => channelsClient.getChannels(botId, signal),
  });
}
