import { useMutation } from '@tanstack/react-query';
import { authClient, refreshAntiforgeryToken } from '../../api/client';
import { loadPage } from '../../navigation';

export function useSignOut() {
  return useMutation({
    mutationFn: async () => {
      await authClient.signOut();
      // The token in the cookie belongs to the user who just left; the next sign-in needs an anonymous one.
      await refreshAntiforgeryToken();
    },
    onSuccess: () => loadPage('/sign-in'),
  });
}
