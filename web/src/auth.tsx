// The session: one TanStack Query entry ['session'] holding the logged-in user (or null).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import type { Session } from './types';

export const sessionKey = ['session'] as const;

export function useSession() {
  return useQuery<Session | null>({ queryKey: sessionKey, queryFn: api.session, staleTime: 5 * 60_000, retry: false });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ username, password }: { username: string; password: string }) => api.login(username, password),
    onSuccess: (session) => {
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      client.setQueryData(sessionKey, session);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: api.logout,
    onSettled: () => {
      client.clear();
      client.setQueryData(sessionKey, null);
    },
  });
}

/** The year shown by default: the demo's published year until the server says otherwise. */
export const DEFAULT_YEAR = 2023;
