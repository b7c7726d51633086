// The dossier import routes (issue 5 §1): uploads with progress (XMLHttpRequest), the preview for the mapping
// editor, the mapping profiles and the unit's import history.
import { apiRequest, ApiError, currentCsrfToken, errorFromResponse } from '../../../api';
import type { ErrorDetail } from '../../../types';

const enc = encodeURIComponent;

export type SourceFormat = 'csv' | 'xlsx' | 'json';
export type TimeFormat = 'auto' | 'iso' | 'vn';
export type DictionaryMode = 'strict' | 'auto';

/** A mapping profile as the server keeps it (docs/api/openapi.yaml DossierMapping). */
export interface DossierMapping {
  name: string;
  version?: number;
  description: string;
  format: SourceFormat;
  json_path: string;
  sheet: string;
  header_row: number;
  columns: Record<string, string>;
  status_values: Record<string, string>;
  channel_values: Record<string, string>;
  time_format: TimeFormat;
  dictionaries: DictionaryMode;
  default_unit: string;
  saved_at?: string;
  saved_by?: string;
}

export interface MappingField {
  name: string;
  label: string;
  label_en: string;
  required: boolean;
}

export interface MappingList {
  fields: MappingField[];
  mappings: DossierMapping[];
}

export interface FilePreview {
  file: string;
  format: SourceFormat;
  sheet: string;
  total_rows: number;
  headers: string[];
  rows: string[][];
}

export interface ImportResult {
  id: number | null;
  dry_run: boolean;
  file: string;
  mapping: string;
  rows: number;
  inserted: number;
  updated: number;
  skipped: number;
  error_count: number;
  errors: ErrorDetail[];
  report: string | null;
}

export interface ImportRecord {
  id: number;
  file: string;
  mapping: string;
  username: string;
  imported_at: string;
  rows: number;
  inserted: number;
  updated: number;
  skipped: number;
  error_count: number;
  report: string | null;
}

/** A query string of the given parameters (empty and false values left out). */
export function importQuery(params: Record<string, string | number | boolean | null | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '' && v !== false)
    .map(([k, v]) => `${enc(k)}=${enc(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** The UI language kept by i18n.tsx, so that the server answers in it. */
function uiLanguage(): string {
  try {
    return window.localStorage.getItem('parindex.lang') === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/** Sends `file` as the raw body of a POST, reporting the upload progress in percent. */
function upload<T>(path: string, file: Blob, onProgress: (percent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', uiLanguage());
    xhr.setRequestHeader('Content-Type', (file as File).type || 'application/octet-stream');
    const token = currentCsrfToken();
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiError(xhr.status, 'bad_response', 'Máy chủ trả lời không đúng dạng.'));
        }
      } else reject(errorFromResponse(xhr.status, xhr.statusText, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Không kết nối được tới máy chủ ParIndex.'));
    xhr.send(file);
  });
}

export const importApi = {
  mappings(): Promise<MappingList> {
    return apiRequest('GET', '/api/dossiers/mappings');
  },
  saveMapping(mapping: DossierMapping): Promise<DossierMapping> {
    return apiRequest('PUT', `/api/dossiers/mappings/${enc(mapping.name)}`, mapping);
  },
  deleteMapping(name: string): Promise<unknown> {
    return apiRequest('DELETE', `/api/dossiers/mappings/${enc(name)}`);
  },
  history(unit: string): Promise<{ unit: string; imports: ImportRecord[] }> {
    return apiRequest('GET', `/api/dossiers/imports${importQuery({ unit })}`);
  },
  preview(
    unit: string,
    file: File,
    options: { format: SourceFormat; json_path: string; sheet: string; header_row: number },
    onProgress: (percent: number) => void,
  ): Promise<FilePreview> {
    const q = importQuery({ unit, file: file.name, ...options, header_row: options.header_row > 1 ? options.header_row : null });
    return upload(`/api/dossiers/imports/preview${q}`, file, onProgress);
  },
  importFile(
    unit: string,
    file: File,
    options: { mapping: string | null; dry_run: boolean; skip_bad: boolean },
    onProgress: (percent: number) => void,
  ): Promise<ImportResult> {
    const q = importQuery({ unit, file: file.name, mapping: options.mapping, dry_run: options.dry_run, skip_bad: options.skip_bad });
    return upload(`/api/dossiers/imports${q}`, file, onProgress);
  },
};

/** The format of a file from its name, as the server decides it. */
export function formatOfName(name: string): SourceFormat {
  const lower = name.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.json')) return 'json';
  return 'csv';
}

/** An empty profile for a file: every column unchosen, automatic dictionaries and times. */
export function emptyMapping(name: string, format: SourceFormat): DossierMapping {
  return {
    name,
    description: '',
    format,
    json_path: '',
    sheet: '',
    header_row: 1,
    columns: {},
    status_values: {},
    channel_values: {},
    time_format: 'auto',
    dictionaries: 'auto',
    default_unit: '',
  };
}

/** Normalises a header for matching a field's label or name: no diacritics, case, spaces, `_` or `-`. */
export function foldHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[\s_\-]+/g, '');
}

/**
 * Guesses a column for every field from the file's headers: a header equal (folded) to the field's name, its
 * Vietnamese label or the benchmark layout's column name. Fields already chosen keep their column.
 */
export function guessColumns(headers: string[], fields: MappingField[], chosen: Record<string, string>): Record<string, string> {
  const benchmark: Record<string, string> = {
    id: 'dossier_id', unit: 'unit_code', department: 'department_code', procedure: 'procedure_code', field: 'field_code',
    received: 'received_at', due: 'due_at', finished: 'finished_at', returned: 'returned_at',
  };
  const result = { ...chosen };
  const used = new Set(Object.values(result).filter(Boolean).map(foldHeader));
  for (const field of fields) {
    if (result[field.name]) continue;
    const keys = [field.name, field.label, field.label_en, benchmark[field.name] ?? ''].filter(Boolean).map(foldHeader);
    const header = headers.find((h) => keys.includes(foldHeader(h)) && !used.has(foldHeader(h)));
    if (header) {
      result[field.name] = header;
      used.add(foldHeader(header));
    }
  }
  return result;
}

/** The required fields without a column (the unit may come from the default unit or the unit importing). */
export function missingRequired(mapping: DossierMapping, fields: MappingField[]): MappingField[] {
  return fields.filter((f) => f.required && f.name !== 'unit' && !mapping.columns[f.name]);
}

/** The distinct values of one column of the preview (for the value maps of status and channel). */
export function distinctValues(preview: FilePreview | null, header: string | undefined): string[] {
  if (!preview || !header) return [];
  const index = preview.headers.indexOf(header);
  if (index < 0) return [];
  return [...new Set(preview.rows.map((row) => row[index] ?? '').filter((v) => v !== ''))];
}
