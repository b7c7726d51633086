// Pure helpers of the assessment workflow screens: score parsing and validation (decimal comma),
// the action buttons allowed by the server's `can`, the status steps, date-times.
import type { AssessmentCan, AssessmentState, AssessmentStatus } from './types';
import { formatNumber } from './format';
import type { MessageKey } from './i18n';

/**
 * Parses a score typed by a person or sent by the server: "4,5", "4.5", " 4 ", 4.5.
 * Empty text is null; anything else that is not a plain decimal number is NaN.
 */
export function parseScore(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
  const text = value.trim().replace(/\s+/g, '');
  if (text === '') return null;
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(text)) return Number.NaN;
  return Number(text.replace(',', '.'));
}

/**
 * Checks a score against the criterion's maximum: the Vietnamese message when it is wrong
 * (not a number, negative, above the maximum, more than 2 decimals), null when it is fine.
 */
export function validateScore(value: string | number | null | undefined, max: number | null | undefined): string | null {
  const score = parseScore(value);
  if (score === null) return null;
  if (Number.isNaN(score)) return 'Điểm phải là một số (dùng dấu phẩy cho phần thập phân, ví dụ 4,5)';
  const upper = max ?? Number.POSITIVE_INFINITY;
  if (score < 0 || score > upper) {
    return `Điểm phải từ 0 đến ${formatNumber(max ?? 0)}`;
  }
  const text = typeof value === 'string' ? value.trim() : String(value);
  const decimals = text.split(/[.,]/)[1]?.length ?? 0;
  if (decimals > 2) return 'Điểm có nhiều nhất 2 chữ số thập phân';
  return null;
}

/** The appraisal's own rule: a reason is required when the appraised score differs from the self score. */
export function validateAppraisal(
  appraised: string | number | null | undefined,
  self: string | number | null | undefined,
  reason: string | null | undefined,
  max: number | null | undefined,
): string | null {
  const scoreError = validateScore(appraised, max);
  if (scoreError) return scoreError;
  const a = parseScore(appraised);
  if (a === null) return 'Hãy nhập điểm thẩm định';
  const s = parseScore(self);
  if ((s === null || Math.abs(a - s) > 1e-9) && !(reason ?? '').trim()) {
    return 'Hãy nhập lý do khi điểm thẩm định khác điểm tự chấm';
  }
  return null;
}

export type WorkflowAction = 'approve' | 'submit' | 'withdraw' | 'complete' | 'finalise';

export interface ActionButton {
  action: WorkflowAction;
  /** The path segment of the POST: /assessments/{year}/{endpoint}. */
  endpoint: string;
  label: MessageKey;
  primary: boolean;
  danger: boolean;
  confirm: MessageKey;
}

const BUTTONS: ActionButton[] = [
  { action: 'approve', endpoint: 'approve', label: 'wfApprove', primary: true, danger: false, confirm: 'wfConfirmApprove' },
  { action: 'submit', endpoint: 'submit', label: 'wfSubmit', primary: true, danger: false, confirm: 'wfConfirmSubmit' },
  { action: 'withdraw', endpoint: 'withdraw', label: 'wfWithdraw', primary: false, danger: true, confirm: 'wfConfirmWithdraw' },
  { action: 'complete', endpoint: 'complete-appraisal', label: 'wfComplete', primary: true, danger: false, confirm: 'wfConfirmComplete' },
  { action: 'finalise', endpoint: 'finalise', label: 'wfFinalise', primary: true, danger: false, confirm: 'wfConfirmFinalise' },
];

/** The action buttons to show, in workflow order, from the server's `can` (nothing else decides). */
export function actionButtons(can: Partial<AssessmentCan> | null | undefined): ActionButton[] {
  if (!can) return [];
  return BUTTONS.filter((b) => can[b.action] === true);
}

export interface StatusStep {
  title: MessageKey;
  /** The date shown under the step, when known. */
  date: string | null;
  /** The date's meaning ('deadline' for the explanation step). */
  dateKind: 'done' | 'deadline';
}

export const STEP_TITLES: MessageKey[] = ['stepSelf', 'stepSubmitted', 'stepAppraisal', 'stepExplanation', 'stepFinal', 'stepPublished'];

/**
 * The index of the current step: draft → Tự chấm, submitted → Đã nộp (Thẩm định once the
 * appraisal has started), appraised → Giải trình, final → Chốt, published → Công bố.
 */
export function currentStep(status: AssessmentStatus | string, state?: Partial<AssessmentState> | null): number {
  switch (status) {
    case 'draft':
      return 0;
    case 'submitted':
      return state?.appraisal_started_at ? 2 : 1;
    case 'appraised':
      return 3;
    case 'final':
      return 4;
    case 'published':
      return 5;
    default:
      return 0;
  }
}

/** The six steps with their dates (approval under Tự chấm, submission, appraisal start, explanation deadline). */
export function statusSteps(state?: Partial<AssessmentState> | null): StatusStep[] {
  const s = state ?? {};
  const dates: Array<[string | null | undefined, 'done' | 'deadline']> = [
    [s.approved_at, 'done'],
    [s.submitted_at, 'done'],
    [s.appraisal_started_at, 'done'],
    [s.explanation_deadline, 'deadline'],
    [s.finalised_at, 'done'],
    [s.published_at, 'done'],
  ];
  return STEP_TITLES.map((title, i) => ({ title, date: dates[i][0] ?? null, dateKind: dates[i][1] }));
}

/** dd/mm/yyyy HH:mm in the browser's time zone from an ISO date-time ("—" when empty). */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(date.getDate())}/${p(date.getMonth() + 1)}/${date.getFullYear()} ${p(date.getHours())}:${p(date.getMinutes())}`;
}

/** A file size in Vietnamese: "812 B", "12,4 KB", "3,1 MB". */
export function formatSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round((bytes / 1024) * 10) / 10)} KB`;
  return `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;
}

/** A score from the server (number or decimal-comma text) shown with a decimal comma. */
export function showScore(value: number | string | null | undefined): string {
  const n = parseScore(value ?? null);
  return n === null || Number.isNaN(n) ? '—' : formatNumber(n);
}
