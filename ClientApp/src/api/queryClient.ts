import { QueryClient } from '@tanstack/react-query';
import { toProblem } from './problem';

const maxRetries = 2;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Retrying a 4xx cannot succeed; only unreachable servers and 5xx are worth another try.
        retry: (failureCount, error) => {
          const { status } = toProblem(error);
          return failureCount < maxRetries && (status === 0 || status >= 500);
        },
      },
    },
  });
}
