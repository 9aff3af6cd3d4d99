import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { accountClient } from '../../api/client';
import type { CurrentAccountDto } from '../../api/generated/virtuops-api';
import { toProblem } from '../../api/problem';

export const roles = { owner: 'Owner', agent: 'Agent', admin: 'Admin', support: 'Support' } as const;

/** Who is signed in: the account, or null when nobody is (the API answers 401). */
export const accountQuery = queryOptions({
  queryKey: ['account', 'me'] as const,
  queryFn: async ({ signal }): Promise<CurrentAccountDto | null> => {
    try {
      return await accountClient.getCurrentAccount(signal);
    } catch (error) {
      if (toProblem(error).status === 401) return null;
      throw error;
    }
  },
});

/** Keys of everything else cached for the signed-in user start with this, so sign-out can forget it all. */
export const userDataKey = ['user'] as const;

export function useAccount() {
  return useQuery(accountQuery);
}

/** The account on pages behind RequireAccount, which only renders them once it is loaded. */
export function useSignedInAccount(): CurrentAccountDto {
  const { data } = useAccount();
  if (!data) throw new Error('useSignedInAccount is for pages behind RequireAccount.');
  return data;
}

export function isOwner(account: CurrentAccountDto): boolean {
  return account.roles.includes(roles.owner);
}

/** Owners and agents work with a tenant's bots and inbox; platform staff have no tenant of their own. */
export function isTenantMember(account: CurrentAccountDto): boolean {
  return account.roles.includes(roles.owner) || account.roles.includes(roles.agent);
}

/** Platform staff (Admin, Support) work in the back-office at /admin; they have no tenant of their own. */
export function isStaff(account: CurrentAccountDto): boolean {
  return account.roles.includes(roles.admin) || account.roles.includes(roles.support);
}

export function isAdmin(account: CurrentAccountDto): boolean {
  return account.roles.includes(roles.admin);
}

/** Loads the account afresh after it changed (name, phone, two-factor sign-in, ...). */
export async function reloadAccount(queryClient: QueryClient): Promise<CurrentAccountDto | null> {
  await queryClient.cancelQueries({ queryKey: accountQuery.queryKey });
  return queryClient.fetchQuery({ ...accountQuery, staleTime: 0 });
}

/**
 * After a sign-in or sign-up: forgets what was cached for anyone before and loads the new account. That GET also
 * gives the browser an antiforgery token bound to the new user, so it must finish before the next POST.
 */
export function startSession(queryClient: QueryClient): Promise<CurrentAccountDto | null> {
  queryClient.removeQueries({ queryKey: userDataKey });
  return reloadAccount(queryClient);
}

export function useReloadAccount() {
  const queryClient = useQueryClient();
  return () => reloadAccount(queryClient);
}
