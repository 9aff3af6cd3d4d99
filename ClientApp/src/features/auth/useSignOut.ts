import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { authClient, refreshAntiforgeryToken } from '../../api/client';
import { accountQuery, userDataKey } from './account';

export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async () => {
      await authClient.signOut();
      // The token in the cookie belongs to the user who just left; the next sign-in needs an anonymous one.
      await refreshAntiforgeryToken();
    },
    onSuccess: async () => {
      queryClient.setQueryData(accountQuery.queryKey, null);
      queryClient.removeQueries({ queryKey: userDataKey });
      await navigate('/sign-in', { replace: true });
    },
  });
}
