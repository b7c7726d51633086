// Pure helpers of the administration screens (tested in adminLogic.test.ts).
import type { AdminUser, BundleGroup, ErrorDetail, GroupMemberInput, ImportKind, ImportOptions } from '../../types';

/** The roles an administrator may give, in the order of the role select. */
export const ROLES = ['administrator', 'appraiser', 'coordinator', 'officer', 'leader', 'viewer'] as const;

const ROLE_LABELS: Record<string, [string, string]> = {
  administrator: ['Quản trị viên', 'Administrator'],
  admin: ['Quản trị viên', 'Administrator'],
  appraiser: ['Thẩm định viên', 'Appraiser'],
  coordinator: ['Đầu mối đơn vị', 'Unit coordinator'],
  officer: ['Cán bộ chuyên môn', 'Department officer'],
  leader: ['Lãnh đạo', 'Leader'],
  viewer: ['Người xem', 'Viewer'],
};

/** A role's name on the administration screens ("Đầu mối đơn vị"); an unknown role as itself. */
export function adminRoleLabel(role: string, lang: 'vi' | 'en' = 'vi'): string {
  return ROLE_LABELS[role]?.[lang === 'en' ? 1 : 0] ?? role;
}

/** Whether a session's role is the administrator (the server says `administrator`; the mock `admin`). */
export function isAdministrator(role: string | null | undefined): boolean {
  return role === 'administrator' || role === 'admin';
}

export interface ScopeFields {
  unit: boolean;
  groups: boolean;
  department: boolean;
}

/**
 * Which scope fields a role needs: a unit for the unit roles (coordinator, officer, leader, viewer),
 * peer groups for an appraiser, and a department of the unit for an officer; none for an administrator.
 */
export function scopeFields(role: string | null | undefined): ScopeFields {
  switch (role) {
    case 'appraiser':
      return { unit: false, groups: true, department: false };
    case 'officer':
      return { unit: true, groups: false, department: true };
    case 'coordinator':
    case 'leader':
    case 'viewer':
      return { unit: true, groups: false, department: false };
    default:
      return { unit: false, groups: false, department: false };
  }
}

/** Clears the scope values a role does not use, so that the server gets only what applies. */
export function scopedInput<T extends { role: string; unit?: string | null; groups?: string[]; department?: string | null }>(
  values: T,
): T & { unit: string | null; groups: string[]; department: string | null } {
  const scope = scopeFields(values.role);
  return {
    ...values,
    unit: scope.unit ? values.unit || null : null,
    groups: scope.groups ? (values.groups ?? []) : [],
    department: scope.department ? values.department || null : null,
  };
}

export type UserState = 'active' | 'disabled' | 'locked' | 'must_change';

/** The states of an account to show as tags: disabled, temporarily locked, must change its password. */
export function userStates(user: Pick<AdminUser, 'disabled' | 'locked' | 'must_change_password'>): UserState[] {
  const states: UserState[] = [];
  if (user.disabled) states.push('disabled');
  if (user.locked) states.push('locked');
  if (user.must_change_password) states.push('must_change');
  return states.length > 0 ? states : ['active'];
}

/** Lower-cases and strips Vietnamese diacritics so that "la khe" finds "La Khê". */
export function fold(text: string | null | undefined): string {
  return (text ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** Whether any of the texts contains the query, ignoring case and diacritics. */
export function matches(query: string, ...texts: Array<string | null | undefined>): boolean {
  const q = fold(query.trim());
  return q === '' || texts.some((t) => fold(t).includes(q));
}

/** Vietnamese alphabetical order ("Đ" after "D", "Ư" after "U"). */
export function compareVi(a: string | null | undefined, b: string | null | undefined): number {
  return (a ?? '').localeCompare(b ?? '', 'vi');
}

/**
 * A JSON path of a server error ($.username, $.groups[0], $.departments[1].code, $.members[3].unit)
 * as an Ant Design form field name (['username'], ['groups'], ['departments', 1, 'code'], ...).
 * Select fields holding a list (groups, members of a multi-select) take the error on the list itself
 * when `listFields` names them.
 */
export function fieldName(path: string | null | undefined, listFields: string[] = []): Array<string | number> | null {
  if (!path || !path.startsWith('$')) return null;
  const parts: Array<string | number> = [];
  const re = /\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) parts.push(m[1] !== undefined ? m[1] : Number(m[2]));
  if (parts.length === 0) return null;
  if (typeof parts[0] === 'string' && listFields.includes(parts[0])) return [parts[0]];
  return parts;
}

/** Field names the domain uses in its details for the form's fields (`unit_code` → `unit`). */
const FIELD_ALIASES: Record<string, string> = {
  unit_code: 'unit',
  department_code: 'department',
  group_codes: 'groups',
  parent_code: 'parent',
  successor_code: 'successor',
  framework_code: 'framework',
};

export interface FieldError {
  name: Array<string | number>;
  errors: string[];
}

/**
 * Splits a server error's details into form field errors (by path, or by field name when the path is
 * missing) and the rest (shown above the form). Several reasons of one field are kept together; a detail
 * without a reason shows `fallback` (the error's message).
 */
export function formFieldErrors(
  details: ErrorDetail[],
  known: string[],
  listFields: string[] = [],
  fallback = '',
): { fields: FieldError[]; other: ErrorDetail[] } {
  const byName = new Map<string, FieldError>();
  const other: ErrorDetail[] = [];
  for (const d of details) {
    let name = fieldName(d.path, listFields);
    const field = d.field ? (FIELD_ALIASES[d.field] ?? d.field) : undefined;
    if (!name && field && known.includes(field)) name = [field];
    if (!name || typeof name[0] !== 'string' || !known.includes(name[0])) {
      other.push(d);
      continue;
    }
    const key = JSON.stringify(name);
    // A detail without a reason (a 409 naming the taken username) takes the error's own message.
    const reason = d.reason || fallback;
    const entry = byName.get(key) ?? { name, errors: [] };
    if (reason && !entry.errors.includes(reason)) entry.errors.push(reason);
    byName.set(key, entry);
  }
  return { fields: [...byName.values()], other };
}

export interface ImportErrorRow {
  key: string;
  /** The line (CSV line or sheet row); null when the error is about the whole file or a JSON path. */
  line: number | null;
  column: number | null;
  field: string;
  value: string;
  reason: string;
  path: string;
  /** Rows of one line share the line cell: the first carries how many follow (antd rowSpan), the others 0. */
  lineSpan: number;
}

/**
 * The errors of an import next to the rows of the file: sorted by line (then column), errors without a
 * line last in the server's order; the errors of one line grouped under it (rowSpan of the line cell).
 */
export function importErrorRows(details: ErrorDetail[]): ImportErrorRow[] {
  const rows = details.map((d, i) => ({
    index: i,
    line: typeof d.line === 'number' && d.line > 0 ? d.line : null,
    column: typeof d.column === 'number' && d.column > 0 ? d.column : null,
    field: d.field ?? '',
    value: d.value === undefined || d.value === null ? '' : String(d.value),
    reason: d.reason ?? '',
    path: d.path ?? '',
  }));
  rows.sort((a, b) => {
    if (a.line !== b.line) {
      if (a.line === null) return 1;
      if (b.line === null) return -1;
      return a.line - b.line;
    }
    if (a.line !== null && a.column !== b.column) return (a.column ?? Infinity) - (b.column ?? Infinity);
    return a.index - b.index;
  });
  return rows.map((r, i) => {
    let span = 1;
    if (r.line !== null) {
      if (i > 0 && rows[i - 1].line === r.line) span = 0;
      else while (i + span < rows.length && rows[i + span].line === r.line) span++;
    }
    return {
      key: `${r.index}`,
      line: r.line,
      column: r.column,
      field: r.field,
      value: r.value,
      reason: r.reason,
      path: r.path,
      lineSpan: span,
    };
  });
}

/** How many distinct lines have errors. */
export function errorLineCount(rows: ImportErrorRow[]): number {
  return new Set(rows.filter((r) => r.line !== null).map((r) => r.line)).size;
}

/** The extension of a file name, lower case, without the dot ("khung.XLSX" → "xlsx"). */
export function extensionOf(name: string): string {
  const m = /\.([^.]+)$/.exec(name);
  return m ? m[1].toLowerCase() : '';
}

/** Why a file cannot be imported as `kind` before it is sent (null when it can). */
export function fileProblem(kind: ImportKind, name: string): 'type' | 'allJson' | null {
  const ext = extensionOf(name);
  if (!['json', 'csv', 'xlsx'].includes(ext)) return 'type';
  if (kind === 'all' && ext !== 'json') return 'allJson';
  return null;
}

/** Which optional fields the import form offers for a kind (for tables that lack those columns). */
export function importOptionFields(kind: ImportKind): Array<keyof ImportOptions> {
  switch (kind) {
    case 'groups':
      return ['year', 'framework', 'sheet'];
    case 'framework':
      return ['framework', 'sheet'];
    case 'scores':
      return ['unit', 'year', 'framework', 'sheet'];
    case 'units':
      return ['sheet'];
    default:
      return [];
  }
}

/** The options actually sent: only the kind's fields, without blanks. */
export function importOptions(kind: ImportKind, values: ImportOptions): ImportOptions {
  const out: ImportOptions = {};
  for (const key of importOptionFields(kind)) {
    const v = values[key];
    if (v !== undefined && v !== null && String(v).trim() !== '') (out as Record<string, unknown>)[key] = typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

/**
 * What a clean check applies to: the kind, the file (name, size, last change) and the options. "Nhập" is
 * enabled only while the form still matches the last clean check.
 */
export function importKey(kind: ImportKind, file: { name: string; size: number; lastModified?: number } | null, options: ImportOptions): string {
  if (!file) return '';
  return JSON.stringify([kind, file.name, file.size, file.lastModified ?? 0, importOptions(kind, options)]);
}

/** The members of a bundle group as the group form edits them (a bare code is a ranked member). */
export function membersOf(group: BundleGroup | undefined): GroupMemberInput[] {
  return (group?.members ?? []).map((m) => (typeof m === 'string' ? { unit: m, ranked: true } : { unit: m.unit, ranked: m.ranked !== false }));
}

/** Keeps the ranked flags of the members still chosen and adds the newly chosen units as ranked. */
export function withMembers(current: GroupMemberInput[], units: string[]): GroupMemberInput[] {
  const byUnit = new Map(current.map((m) => [m.unit, m]));
  return units.map((u) => byUnit.get(u) ?? { unit: u, ranked: true });
}

/** The years to offer in the group year select: those with groups, newest first, plus `extra`. */
export function groupYears(years: number[], extra: number[] = []): number[] {
  return [...new Set([...years, ...extra].filter((y) => Number.isInteger(y) && y > 1900))].sort((a, b) => b - a);
}

/** The next `before` cursor of the audit paging: the smallest id seen (entries come newest first). */
export function nextBefore(entries: Array<{ id: number | string }>): number | null {
  const ids = entries.map((e) => Number(e.id)).filter((n) => Number.isFinite(n));
  return ids.length > 0 ? Math.min(...ids) : null;
}

/**
 * The summary above an import's error table: the server's message ("Tệp X có N lỗi") followed by the
 * reassurance that nothing was written, unless the message already says so.
 */
export function importErrorSummary(message: string, nothingWritten: string): string {
  const text = message.trim().replace(/[.;:]\s*$/, '');
  if (/không có dữ liệu nào được ghi|nothing (was )?written/i.test(text)) return text.endsWith('.') ? text : `${text}.`;
  return `${text}; ${nothingWritten}`;
}
