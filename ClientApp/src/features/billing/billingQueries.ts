import { queryOptions } from '@tanstack/react-query';
import { billingClient } from '../../api/client';
import { userDataKey } from '../auth/account';

export const billingQueryKey = [...userDataKey, 'billing'] as const;

/** The owner's plans, subscription, card on file and payments (GET /api/billing). */
export const billingQuery = queryOptions({
  queryKey: billingQueryKey,
  queryFn: ({ signal }) => billingClient.getBilling(signal),
});

export const usageQueryKey = [...billingQueryKey, 'usage'] as const;

/** The tenant's bots, channels and this month's answers against its plan's limits (GET /api/billing/usage). */
export const usageQuery = queryOptions({
  queryKey: usageQueryKey,
  queryFn: ({ signal }) => billingClient.getUsage(signal),
});
