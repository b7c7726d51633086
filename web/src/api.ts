// The API client: same-origin fetch with the session cookie and the CSRF header.
import type {
  ErrorDetail, Framework, FrameworkSummary, GroupSummary, Ranking, Results, Session, UnitSummary,
} from './types';

/** An error answered by the server in its one JSON error shape, or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  readonly requestId?: string;

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = [], requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }
}

let csrfToken: string | null = null;

/** The UI language (kept by i18n.tsx in localStorage), so that the server may answer in it. */
function currentLanguage(): string {
  try {
    return window.localStorage.getItem('parindex.lang') === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/** Remembers the CSRF token from the login or session response. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLanguage() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, 'network', 'Không kết nối được tới máy chủ ParIndex.', [
      { reason: error instanceof Error ? error.message : String(error) },
    ]);
  }
  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: ErrorDetail[]; request_id?: string } })
      ?.error;
    throw new ApiError(
      response.status,
      err?.code ?? `http_${response.status}`,
      err?.message ?? `Máy chủ trả lỗi ${response.status} ${response.statusText}`.trim(),
      err?.details ?? [],
      err?.request_id,
    );
  }
  return data as T;
}

const enc = encodeURIComponent;

/** Lists come either bare or wrapped in an object ({"groups": [...]}); both are accepted. */
function listOf<T>(data: unknown, key: string): T[] {
  if (Array.isArray(data)) return data as T[];
  const inner = (data as Record<string, unknown> | null)?.[key];
  return Array.isArray(inner) ? (inner as T[]) : [];
}

function query(params: Record<string, string | number | undefined | null>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (entries.length === 0) return '';
  return '?' + entries.map(([k, v]) => `${enc(k)}=${enc(String(v))}`).join('&');
}

export const api = {
  async login(username: string, password: string): Promise<Session> {
    const session = await request<Session>('POST', '/api/session', { username, password });
    setCsrfToken(session.csrf_token);
    return session;
  },
  async session(): Promise<Session | null> {
    try {
      const session = await request<Session>('GET', '/api/session');
      setCsrfToken(session.csrf_token);
      return session;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setCsrfToken(null);
        return null;
      }
      throw error;
    }
  },
  async logout(): Promise<void> {
    try {
      await request<unknown>('DELETE', '/api/session');
    } finally {
      setCsrfToken(null);
    }
  },
  changePassword(oldPassword: string, newPassword: string): Promise<unknown> {
    return request('POST', '/api/session/password', { old_password: oldPassword, new_password: newPassword });
  },
  results(unit: string, year: number): Promise<Results> {
    return request('GET', `/api/units/${enc(unit)}/results${query({ year })}`);
  },
  ranking(group: string, year: number, opts: { offset?: number; limit?: number; q?: string } = {}): Promise<Ranking> {
    return request('GET', `/api/groups/${enc(group)}/ranking${query({ year, ...opts })}`);
  },
  async groups(year?: number): Promise<GroupSummary[]> {
    return listOf<GroupSummary>(await request('GET', `/api/groups${query({ year })}`), 'groups');
  },
  async units(): Promise<UnitSummary[]> {
    return listOf<UnitSummary>(await request('GET', '/api/units'), 'units');
  },
  async frameworks(): Promise<FrameworkSummary[]> {
    return listOf<FrameworkSummary>(await request('GET', '/api/frameworks'), 'frameworks');
  },
  framework(code: string): Promise<Framework> {
    return request('GET', `/api/frameworks/${enc(code)}`);
  },
};
