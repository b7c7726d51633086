// The API client: same-origin fetch with the session cookie and the CSRF header.
import type {
  AdminAuditEntry, AdminUser, Assessment, AuditEntry, BundleGroup, CreatedUser, EvidenceFile, GroupInput, ImportKind,
  ImportOptions, ImportSummary, UnitDetail, UnitInput, UserInput,
  ErrorDetail, Framework, FrameworkSummary, GroupSummary, Ranking, Results, Session, UnitSummary,
  AppNotification, Plan, PlanView, TaskInput, TaskStatus, TaskUpdate, TaskView, UnitPerson, UploadedFile,
  DossierHeatmap, DossierItem, DossierPage, DossierStats, HeatmapMetric,
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

/** Builds an ApiError from a failed response's status and text (the server's JSON error shape). */
export function errorFromResponse(status: number, statusText: string, text: string): ApiError {
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  const err = (data as { error?: { code?: string; message?: string; details?: ErrorDetail[]; request_id?: string } })?.error;
  return new ApiError(
    status,
    err?.code ?? `http_${status}`,
    err?.message ?? `Máy chủ trả lỗi ${status} ${statusText}`.trim(),
    err?.details ?? [],
    err?.request_id,
  );
}

/**
 * Uploads one evidence file as the raw request body (XMLHttpRequest, so that the upload progress
 * can be shown); the file name travels percent-encoded in X-File-Name.
 */
export function uploadEvidence(
  unit: string,
  year: number,
  node: string,
  file: File,
  onProgress: (percent: number) => void,
): Promise<EvidenceFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/units/${enc(unit)}/assessments/${year}/nodes/${enc(node)}/evidence`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLanguage());
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('X-File-Name', enc(file.name));
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        try {
          resolve(JSON.parse(xhr.responseText) as EvidenceFile);
        } catch {
          resolve({ sha256: '', file_name: file.name, content_type: file.type, size: file.size });
        }
      } else {
        reject(errorFromResponse(xhr.status, xhr.statusText, xhr.responseText));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Không kết nối được tới máy chủ ParIndex.'));
    xhr.send(file);
  });
}

/** The download address of an evidence file. */
export function evidenceUrl(sha256: string, unit: string, year: number): string {
  return `/api/evidence/${enc(sha256)}${query({ unit, year })}`;
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
  assessment(unit: string, year: number): Promise<Assessment> {
    return request('GET', `/api/units/${enc(unit)}/assessments/${year}`);
  },
  openAssessment(unit: string, year: number): Promise<Assessment> {
    return request('POST', `/api/units/${enc(unit)}/assessments/${year}`, {});
  },
  setSelf(unit: string, year: number, node: string, self: number | null, explanation: string): Promise<unknown> {
    return request('PUT', `/api/units/${enc(unit)}/assessments/${year}/nodes/${enc(node)}/self`, { self, explanation });
  },
  assign(unit: string, year: number, node: string, department: string | null): Promise<unknown> {
    return request('PUT', `/api/units/${enc(unit)}/assessments/${year}/nodes/${enc(node)}/assignment`, { department });
  },
  appraise(unit: string, year: number, node: string, appraised: number | null, reason: string): Promise<unknown> {
    return request('PUT', `/api/units/${enc(unit)}/assessments/${year}/nodes/${enc(node)}/appraisal`, { appraised, reason });
  },
  explain(unit: string, year: number, node: string, text: string): Promise<unknown> {
    return request('POST', `/api/units/${enc(unit)}/assessments/${year}/nodes/${enc(node)}/explanations`, { text });
  },
  /** approve | submit | withdraw | complete-appraisal | finalise */
  transition(unit: string, year: number, action: string): Promise<unknown> {
    return request('POST', `/api/units/${enc(unit)}/assessments/${year}/${action}`, {});
  },
  publish(group: string, year: number): Promise<unknown> {
    return request('POST', `/api/groups/${enc(group)}/publish`, { year });
  },
  async audit(unit: string, opts: { year?: number; node?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    return listOf<AuditEntry>(await request('GET', `/api/units/${enc(unit)}/audit${query(opts)}`), 'entries');
  },

  // ---- Administration (administrator only) ----
  async adminUsers(): Promise<AdminUser[]> {
    return listOf<AdminUser>(await request('GET', '/api/admin/users'), 'users');
  },
  createUser(input: UserInput): Promise<CreatedUser> {
    return request('POST', '/api/admin/users', input);
  },
  updateUser(username: string, input: UserInput): Promise<AdminUser> {
    const body = { display_name: input.display_name, role: input.role, unit: input.unit, groups: input.groups, department: input.department };
    return request('PUT', `/api/admin/users/${enc(username)}`, body);
  },
  resetPassword(username: string): Promise<{ one_time_password: string }> {
    return request('POST', `/api/admin/users/${enc(username)}/reset-password`, {});
  },
  setUserDisabled(username: string, disabled: boolean): Promise<AdminUser> {
    return request('POST', `/api/admin/users/${enc(username)}/${disabled ? 'disable' : 'enable'}`, {});
  },
  async adminUnits(): Promise<UnitDetail[]> {
    return listOf<UnitDetail>(await request('GET', '/api/units'), 'units');
  },
  saveUnit(code: string, input: UnitInput): Promise<UnitDetail> {
    return request('PUT', `/api/admin/units/${enc(code)}`, input);
  },
  saveGroup(code: string, year: number, input: GroupInput): Promise<unknown> {
    return request('PUT', `/api/admin/groups/${enc(code)}/${year}`, input);
  },
  /** The groups of a year with their members (the JSON bundle of the groups export). */
  async groupBundle(year: number): Promise<BundleGroup[]> {
    return listOf<BundleGroup>(await request('GET', `/api/admin/export${query({ kind: 'groups', format: 'json', year })}`), 'groups');
  },
  /** Sends a file as the raw request body; dry_run checks everything and writes nothing. */
  async importFile(kind: ImportKind, file: Blob & { name: string }, options: ImportOptions, dryRun: boolean): Promise<ImportSummary> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Language': currentLanguage(),
      'Content-Type': 'application/octet-stream',
    };
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
    const url = `/api/admin/import${query({ kind, file: file.name, ...options, dry_run: dryRun ? 'true' : undefined })}`;
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers, credentials: 'same-origin', body: file });
    } catch (error) {
      throw new ApiError(0, 'network', 'Không kết nối được tới máy chủ ParIndex.', [
        { reason: error instanceof Error ? error.message : String(error) },
      ]);
    }
    const text = await response.text();
    if (!response.ok) throw errorFromResponse(response.status, response.statusText, text);
    return JSON.parse(text) as ImportSummary;
  },
  // ---- Improvement plans (issue 4) ----
  /** The unit's enabled people, by display name (to those who may edit its plan). */
  async unitPeople(unit: string): Promise<UnitPerson[]> {
    return listOf<UnitPerson>(await request('GET', `/api/units/${enc(unit)}/people`), 'people');
  },
  plan(unit: string, year: number): Promise<PlanView> {
    return request('GET', `/api/units/${enc(unit)}/plans/${year}`);
  },
  draftPlan(unit: string, year: number, replace = false): Promise<PlanView> {
    return request('POST', `/api/units/${enc(unit)}/plans/${year}/draft`, { replace });
  },
  savePlan(unit: string, year: number, plan: Partial<Plan>): Promise<PlanView> {
    return request('PUT', `/api/units/${enc(unit)}/plans/${year}`, plan);
  },
  issuePlan(unit: string, year: number): Promise<PlanView> {
    return request('POST', `/api/units/${enc(unit)}/plans/${year}/issue`, {});
  },
  async createTask(unit: string, year: number, task: TaskInput): Promise<TaskView> {
    return (await request<{ task: TaskView }>('POST', `/api/units/${enc(unit)}/plans/${year}/tasks`, task)).task;
  },
  async saveTask(id: number, task: TaskInput): Promise<TaskView> {
    return (await request<{ task: TaskView }>('PUT', `/api/tasks/${id}`, task)).task;
  },
  deleteTask(id: number): Promise<unknown> {
    return request('DELETE', `/api/tasks/${id}`);
  },
  updateTask(id: number, update: { status: TaskStatus; progress: number; note: string; evidence: string[] }): Promise<{ task: TaskView; update: TaskUpdate }> {
    return request('POST', `/api/tasks/${id}/updates`, update);
  },
  async taskUpdates(id: number): Promise<TaskUpdate[]> {
    return listOf<TaskUpdate>(await request('GET', `/api/tasks/${id}/updates`), 'updates');
  },
  async myTasks(year: number): Promise<TaskView[]> {
    return listOf<TaskView>(await request('GET', `/api/me/tasks${query({ year })}`), 'tasks');
  },
  async overdueTasks(year: number): Promise<TaskView[]> {
    return listOf<TaskView>(await request('GET', `/api/plans/overdue${query({ year })}`), 'tasks');
  },
  async notifications(unreadOnly = false): Promise<AppNotification[]> {
    return listOf<AppNotification>(await request('GET', `/api/me/notifications${query({ unread: unreadOnly ? 'true' : 'false' })}`), 'notifications');
  },
  markNotificationRead(id: number): Promise<unknown> {
    return request('POST', `/api/me/notifications/${id}/read`, {});
  },

  async adminAudit(opts: { limit?: number; before?: number | string } = {}): Promise<AdminAuditEntry[]> {
    return listOf<AdminAuditEntry>(await request('GET', `/api/admin/audit${query(opts)}`), 'entries');
  },
};

/**
 * Uploads one evidence file of a task as the raw request body (POST /api/tasks/{id}/evidence?file=NAME),
 * reporting the upload progress.
 */
export function uploadTaskEvidence(taskId: number, file: File, onProgress: (percent: number) => void): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/tasks/${taskId}/evidence${query({ file: file.name })}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLanguage());
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('X-File-Name', enc(file.name));
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        try {
          resolve(JSON.parse(xhr.responseText) as UploadedFile);
        } catch {
          reject(new ApiError(xhr.status, 'bad_response', 'Máy chủ trả lời không đúng dạng.'));
        }
      } else {
        reject(errorFromResponse(xhr.status, xhr.statusText, xhr.responseText));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Không kết nối được tới máy chủ ParIndex.'));
    xhr.send(file);
  });
}

/** The download addresses of a plan's documents (the session cookie is enough). */
export function planDocumentUrl(unit: string, year: number, kind: 'plan.docx' | 'annex.xlsx' | 'progress.docx', date?: string | null): string {
  return `/api/units/${enc(unit)}/plans/${year}/${kind}${kind === 'progress.docx' ? query({ date }) : ''}`;
}

/** The download address of a unit's results of a year as .xlsx (the session cookie is enough). */
export function resultsXlsxUrl(unit: string, year: number): string {
  return `/api/units/${enc(unit)}/results.xlsx${query({ year })}`;
}

/** The download address of a peer group's ranking of a year as .xlsx (the session cookie is enough). */
export function rankingXlsxUrl(group: string, year: number): string {
  return `/api/groups/${enc(group)}/ranking.xlsx${query({ year })}`;
}

/** The download address of a task's evidence file (GET /api/evidence/{sha256}?task=ID). */
export function taskEvidenceUrl(sha256: string, taskId: number): string {
  return `/api/evidence/${enc(sha256)}${query({ task: taskId })}`;
}

/** The download address of an export (GET /api/admin/export; the session cookie is enough). */
export function exportUrl(
  kind: ImportKind,
  format: 'xlsx' | 'json' | 'csv',
  opts: { framework?: string; unit?: string; year?: number } = {},
): string {
  return `/api/admin/export${query({ kind, format, ...opts })}`;
}

/** A JSON request with the session cookie and the CSRF header, for the API clients of feature folders (KPIs). */
export function apiRequest<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return request<T>(method, path, body);
}

/** The CSRF token of the session, for raw uploads of feature folders (KPI evidence). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

// ---- Dossier statistics (issue 5) ----

/** The query of GET /api/dossiers/stats and GET /api/dossiers (absent values are left out). */
export interface DossierQuery {
  unit: string;
  year: number;
  period?: string;
  view?: string;
  by?: string;
  counter?: string;
  department?: string;
  field?: string;
  procedure?: string;
  channel?: string;
  definition?: string;
  offset?: number;
  limit?: number;
}

export const dossierApi = {
  stats(q: DossierQuery): Promise<DossierStats> {
    return request('GET', `/api/dossiers/stats${query(q as unknown as Record<string, string | number | undefined>)}`);
  },
  list(q: DossierQuery): Promise<DossierPage> {
    return request('GET', `/api/dossiers${query(q as unknown as Record<string, string | number | undefined>)}`);
  },
  heatmap(year: number, metric?: HeatmapMetric): Promise<DossierHeatmap> {
    return request('GET', `/api/dossiers/heatmap${query({ year, metric })}`);
  },
  dossier(id: string): Promise<DossierItem> {
    return request('GET', `/api/dossiers/${enc(id)}`);
  },
};
