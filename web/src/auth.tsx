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

/** The year shown when the server lists no group-years (the demo's published year). */
export const DEFAULT_YEAR = 2023;

/** Every group-year the caller may read (GET /api/groups without a year). */
export function useAllGroups(enabled = true) {
  return useQuery({ queryKey: ['groups', 'all'], queryFn: () => api.groups(), retry: false, staleTime: 5 * 60_000, enabled });
}

/** The latest year with a peer group the caller may read; DEFAULT_YEAR when there is none. */
export function useLatestYear(): { year: number; isLoading: boolean } {
  const { data: session } = useSession();
  const groups = useAllGroups(Boolean(session));
  const years = (groups.data ?? []).map((g) => g.year).filter((y) => typeof y === 'number');
  return { year: years.length > 0 ? Math.max(...years) : DEFAULT_YEAR, isLoading: groups.isLoading };
}
