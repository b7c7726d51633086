// The session: one TanStack Query entry ['session'] holding the logged-in user (or null).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from './api';
import type { Results, Session } from './types';

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

/**
 * The years to try, latest first, when looking for a unit-year with results below `below` (exclusive):
 * the year before, then the years of the peer groups, at most `limit` of them.
 */
export function candidateYears(below: number, groupYears: number[], limit = 6): number[] {
  const years = [below - 1, ...groupYears.filter((y) => y < below).sort((a, b) => b - a)];
  return [...new Set(years)].filter((y) => y > 1900).slice(0, limit);
}

/**
 * The first of `years` in which the unit has results (GET …/results answers 200), or null. A 404 (no
 * results that year) moves on to the next year; any other error is thrown. Each answer is kept in the
 * query cache under the dashboard's key, so the page that opens next does not ask again.
 */
export async function firstYearWithResults(
  unit: string,
  years: number[],
  remember?: (year: number, results: Results) => void,
): Promise<number | null> {
  for (const year of years) {
    try {
      const results = await api.results(unit, year);
      remember?.(year, results);
      return year;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) continue;
      throw error;
    }
  }
  return null;
}

/**
 * The year a unit's dashboard opens on: the latest group-year in which the unit has results (a unit
 * without results in the newest year, such as a year still being scored, opens on the year before);
 * the latest group-year when it has none at all.
 */
export function useUnitHomeYear(unit: string | undefined): { year: number; isLoading: boolean } {
  const client = useQueryClient();
  const latest = useLatestYear();
  const groups = useAllGroups(Boolean(unit));
  const groupYears = (groups.data ?? []).map((g) => g.year).filter((y) => typeof y === 'number');
  const probe = useQuery({
    queryKey: ['unit-home-year', unit, latest.year],
    queryFn: async () => {
      const years = [latest.year, ...candidateYears(latest.year, groupYears)];
      const found = await firstYearWithResults(unit!, years, (y, r) => client.setQueryData(['results', unit, y], r));
      return found ?? latest.year;
    },
    enabled: Boolean(unit) && !latest.isLoading,
    retry: false,
    staleTime: 60_000,
  });
  if (!unit) return latest;
  if (latest.isLoading || probe.isLoading) return { year: latest.year, isLoading: true };
  return { year: probe.data ?? latest.year, isLoading: false };
}
