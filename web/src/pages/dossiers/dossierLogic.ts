// Pure helpers of the dossier screens (issue 5 §7): labels, periods, drill-down links, the heat map's colour
// scale and formatting. No React here, so that every rule is tested in dossierLogic.test.ts.
import { formatNumber } from '../../format';
import type { Lang } from '../../i18n';
import type { DossierDimension, DossierItem, DossierStatsRow, HeatmapMetric, HeatmapUnit } from '../../types';

const EMPTY = '—';

// ---------------------------------------------------------------------------------------------------------------
// Labels

/** The counters shown on the screens, with a short label for titles ("Trễ hạn — Tháng 03/2024 — …"). */
export const COUNTER_LABELS: Record<string, { vi: string; en: string }> = {
  received: { vi: 'Tiếp nhận', en: 'Received' },
  received_counted: { vi: 'Tiếp nhận (được tính)', en: 'Received (counted)' },
  carried_over: { vi: 'Kỳ trước chuyển qua', en: 'Carried over' },
  processed: { vi: 'Đã giải quyết', en: 'Processed' },
  early: { vi: 'Trước hạn', en: 'Early' },
  on_time: { vi: 'Đúng và trước hạn', en: 'On time (early included)' },
  late: { vi: 'Trễ hạn', en: 'Late' },
  open_not_due: { vi: 'Đang giải quyết, chưa đến hạn', en: 'Open, not due' },
  open_due_soon: { vi: 'Đang giải quyết, sắp đến hạn', en: 'Open, due soon' },
  open_overdue: { vi: 'Đang giải quyết, quá hạn', en: 'Open, overdue' },
  due_total: { vi: 'Đến hạn trong kỳ', en: 'Due in the period' },
  due_on_time: { vi: 'Đến hạn trong kỳ, đúng hạn', en: 'Due in the period, on time' },
  due_late: { vi: 'Đến hạn trong kỳ, trễ hạn', en: 'Due in the period, late' },
  direct: { vi: 'Nộp trực tiếp', en: 'In person' },
  online_partial: { vi: 'Trực tuyến một phần', en: 'Partly online' },
  online_full: { vi: 'Trực tuyến toàn trình', en: 'Fully online' },
  postal: { vi: 'Qua bưu chính công ích', en: 'By post' },
  late_without_apology: { vi: 'Trễ hạn không có thư xin lỗi', en: 'Late without an apology' },
  overdue_without_apology: { vi: 'Đang quá hạn chưa có thư xin lỗi', en: 'Overdue without an apology' },
  apology_excess: { vi: 'Xin lỗi, hẹn lại quá một lần', en: 'More than one apology' },
  apology_too_late: { vi: 'Thư xin lỗi gửi chậm', en: 'Apology sent too late' },
  supplement_2plus: { vi: 'Yêu cầu bổ sung từ 2 lần', en: 'Two or more supplement requests' },
  returned: { vi: 'Trả lại hồ sơ', en: 'Returned unprocessed' },
  withdrawn: { vi: 'Rút hồ sơ', en: 'Withdrawn' },
  rejected: { vi: 'Từ chối giải quyết', en: 'Rejected' },
};

/** The label of a counter; no counter means every dossier received in the period. */
export function counterLabel(counter: string | null | undefined, lang: Lang = 'vi'): string {
  if (!counter) return lang === 'en' ? 'Dossiers received' : 'Hồ sơ tiếp nhận';
  return COUNTER_LABELS[counter]?.[lang] ?? counter;
}

export const DIMENSIONS: DossierDimension[] = ['department', 'field', 'procedure', 'channel'];

export const DIMENSION_LABELS: Record<DossierDimension, { vi: string; en: string }> = {
  department: { vi: 'Phòng ban', en: 'Department' },
  field: { vi: 'Lĩnh vực', en: 'Field' },
  procedure: { vi: 'Thủ tục', en: 'Procedure' },
  channel: { vi: 'Kênh tiếp nhận', en: 'Channel' },
};

export const DENOMINATOR_LABELS: Record<string, { vi: string; en: string }> = {
  processed_in_period: { vi: 'số hồ sơ đã giải quyết trong kỳ', en: 'dossiers processed in the period' },
  due_in_period: { vi: 'số hồ sơ đến hạn trong kỳ', en: 'dossiers due in the period' },
  to_process: { vi: 'số hồ sơ phải giải quyết (tiếp nhận + kỳ trước chuyển qua)', en: 'dossiers to process (received + carried over)' },
};

export function denominatorLabel(denominator: string, lang: Lang = 'vi'): string {
  return DENOMINATOR_LABELS[denominator]?.[lang] ?? denominator;
}

/**
 * The counter behind the on-time rate under a denominator convention: on time over processed (or to process),
 * due_on_time over due in the period.
 */
export function onTimeCounter(denominator: string | undefined): string {
  return denominator === 'due_in_period' ? 'due_on_time' : 'on_time';
}

/** The counter behind the late figure under a denominator convention. */
export function lateCounter(denominator: string | undefined): string {
  return denominator === 'due_in_period' ? 'due_late' : 'late';
}

// ---------------------------------------------------------------------------------------------------------------
// Periods

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A period key (Period::Key: "2024", "2024-Q1", "2024-03", "2024-W09", "2024-03-05") for people:
 * "Năm 2024", "Quý 1/2024", "Tháng 03/2024", "Tuần 09/2024", "Ngày 05/03/2024".
 */
export function periodLabel(key: string | null | undefined, lang: Lang = 'vi'): string {
  if (!key) return EMPTY;
  let m: RegExpExecArray | null;
  const en = lang === 'en';
  if ((m = /^(\d{4})$/.exec(key))) return en ? `Year ${m[1]}` : `Năm ${m[1]}`;
  if ((m = /^(\d{4})-Q([1-4])$/.exec(key))) return en ? `Q${m[2]} ${m[1]}` : `Quý ${m[2]}/${m[1]}`;
  if ((m = /^(\d{4})-W(\d{2})$/.exec(key))) return en ? `Week ${m[2]}, ${m[1]}` : `Tuần ${m[2]}/${m[1]}`;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key))) return `${en ? 'Day' : 'Ngày'} ${m[3]}/${m[2]}/${m[1]}`;
  if ((m = /^(\d{4})-(\d{2})$/.exec(key))) return en ? `${MONTHS_EN[Number(m[2]) - 1] ?? m[2]} ${m[1]}` : `Tháng ${m[2]}/${m[1]}`;
  return key;
}

/** A short month label for charts and heat map columns: "T3" / "Mar". */
export function shortMonth(key: string, lang: Lang = 'vi'): string {
  const m = /^\d{4}-(\d{2})$/.exec(key);
  if (!m) return key;
  const month = Number(m[1]);
  return lang === 'en' ? MONTHS_EN[month - 1].slice(0, 3) : `T${month}`;
}

/** The twelve month keys of a year: "2024-01" … "2024-12". */
export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Drill-down links

export interface ListParams {
  unit: string;
  year: number;
  period?: string | null;
  counter?: string | null;
  view?: string | null;
  department?: string | null;
  field?: string | null;
  procedure?: string | null;
  channel?: string | null;
  definition?: string | null;
  page?: number | null;
}

const LIST_KEYS = ['unit', 'year', 'period', 'view', 'counter', 'department', 'field', 'procedure', 'channel', 'definition', 'page'] as const;

/** The address of the drill-down list behind one number: /dossiers/list?unit=…&year=…&period=…&counter=…. */
export function listHref(params: ListParams): string {
  const parts: string[] = [];
  for (const key of LIST_KEYS) {
    const value = params[key];
    if (value === undefined || value === null || value === '') continue;
    if (key === 'page' && value === 1) continue;
    if (key === 'view' && value === 'flow') continue;
    parts.push(`${key}=${encodeURIComponent(String(value))}`);
  }
  return `/dossiers/list?${parts.join('&')}`;
}

/** Reads the drill-down list's parameters back from its query string; null when unit or year is missing. */
export function parseListParams(search: URLSearchParams): ListParams | null {
  const unit = search.get('unit');
  const year = Number(search.get('year'));
  if (!unit || !Number.isInteger(year) || year < 1900) return null;
  const get = (key: string) => search.get(key) || null;
  const page = Number(search.get('page') ?? 1);
  return {
    unit,
    year,
    period: get('period'),
    counter: get('counter'),
    view: get('view'),
    department: get('department'),
    field: get('field'),
    procedure: get('procedure'),
    channel: get('channel'),
    definition: get('definition'),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** The filter of a breakdown row's key: {department: "tu-phap"} for by=department. */
export function keyFilter(by: DossierDimension, code: string | undefined): Partial<ListParams> {
  return code ? { [by]: code } : {};
}

/** The dashboard of a unit: /dossiers for one's own unit, /units/{code}/dossiers otherwise. */
export function dashboardHref(unit: string, year: number | null, ownUnit: string | null | undefined): string {
  const base = unit === ownUnit ? '/dossiers' : `/units/${encodeURIComponent(unit)}/dossiers`;
  return year ? `${base}?year=${year}` : base;
}

/**
 * The list's title: "Trễ hạn — Tháng 03/2024 — Phường La Khê: 37 hồ sơ"; filters (department, field, …) are
 * added after the period by their names.
 */
export function listTitle(
  params: Pick<ListParams, 'counter' | 'period' | 'year'>,
  unitName: string,
  total: number | null,
  filters: string[] = [],
  lang: Lang = 'vi',
): string {
  const parts = [counterLabel(params.counter, lang), periodLabel(params.period || String(params.year), lang), ...filters, unitName];
  const head = parts.filter(Boolean).join(' — ');
  if (total === null) return head;
  return `${head}: ${formatNumber(total)} ${lang === 'en' ? (total === 1 ? 'dossier' : 'dossiers') : 'hồ sơ'}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers

/** A percentage with two decimals and a comma: 95.125 → "95,13 %"; nothing → "—". */
export function formatRate(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return EMPTY;
  return `${formatNumber(value, 2)} %`;
}

/** Days with one decimal: 3.25 → "3,3". */
export function formatDays(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return EMPTY;
  return formatNumber(value, 1);
}

/** "2024-03-05 14:07:00" (local time as the server writes it) → "05/03/2024 14:07"; nothing → "". */
export function formatDossierTime(text: string | null | undefined): string {
  if (!text) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})/.exec(text);
  if (m) return `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}`;
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return d ? `${d[3]}/${d[2]}/${d[1]}` : text;
}

/** A counter of a stats row (0 when absent). */
export function counterOf(row: DossierStatsRow | null | undefined, name: string): number {
  return row?.counters?.[name] ?? 0;
}

/** The name of a code/name pair or a bare code. */
export function nameOf(value: string | { code: string; name: string } | null | undefined): string {
  if (!value) return '';
  if (typeof value === 'string') return value;
  return value.name || value.code;
}

/** A dossier's department, field, procedure or channel by name (the code when it has no name). */
export function dimensionName(item: DossierItem, dim: DossierDimension): string {
  if (dim === 'procedure') return item.procedure_name || nameOf(item.procedure);
  if (dim === 'field') return item.field_name || nameOf(item.field);
  return nameOf(item[dim]);
}

const CODE_LABELS_EN: Record<string, string> = {
  direct: 'In person',
  online_partial: 'Partly online',
  online_full: 'Fully online',
  postal: 'By post',
  in_progress: 'In progress',
  finished: 'Finished',
  returned: 'Returned unprocessed',
  withdrawn: 'Withdrawn',
  rejected: 'Rejected',
};

/** A channel's or status's label: the server's Vietnamese name, or in English by its code. */
export function codeLabel(value: { code: string; name: string } | null | undefined, lang: Lang = 'vi'): string {
  if (!value) return '';
  if (lang === 'en') return CODE_LABELS_EN[value.code] ?? value.name ?? value.code;
  return value.name || value.code;
}

/** A dossier's code of a dimension. */
export function dimensionCode(item: DossierItem, dim: DossierDimension): string {
  const value = item[dim];
  return typeof value === 'string' ? value : (value?.code ?? '');
}

// ---------------------------------------------------------------------------------------------------------------
// The heat map's colour scale

export interface ColourBand {
  /** Lower bound (inclusive) of the band; the first band has none. */
  from: number | null;
  /** Upper bound (exclusive); the last band has none. */
  to: number | null;
  colour: string;
  /** Text colour readable on the band's colour. */
  ink: string;
}

const GOOD_TO_BAD = ['#237804', '#73d13d', '#fadb14', '#fa8c16', '#cf1322'];
const INK = ['#fff', '#000', '#000', '#000', '#fff'];

/** Bands per metric, best first. */
export const METRIC_BANDS: Record<HeatmapMetric, ColourBand[]> = {
  // On time: the seeds' target is 95 % (99–100 % in some places).
  on_time_rate: [
    { from: 99, to: null, colour: GOOD_TO_BAD[0], ink: INK[0] },
    { from: 95, to: 99, colour: GOOD_TO_BAD[1], ink: INK[1] },
    { from: 90, to: 95, colour: GOOD_TO_BAD[2], ink: INK[2] },
    { from: 80, to: 90, colour: GOOD_TO_BAD[3], ink: INK[3] },
    { from: null, to: 80, colour: GOOD_TO_BAD[4], ink: INK[4] },
  ],
  // Fully online: the target is 70 %.
  online_full_share: [
    { from: 80, to: null, colour: GOOD_TO_BAD[0], ink: INK[0] },
    { from: 70, to: 80, colour: GOOD_TO_BAD[1], ink: INK[1] },
    { from: 50, to: 70, colour: GOOD_TO_BAD[2], ink: INK[2] },
    { from: 30, to: 50, colour: GOOD_TO_BAD[3], ink: INK[3] },
    { from: null, to: 30, colour: GOOD_TO_BAD[4], ink: INK[4] },
  ],
  // Late without an apology, as a share of the processed dossiers: every one is a fault.
  late_without_apology: [
    { from: null, to: 0.0005, colour: GOOD_TO_BAD[0], ink: INK[0] },
    { from: 0.0005, to: 0.5, colour: GOOD_TO_BAD[2], ink: INK[2] },
    { from: 0.5, to: 2, colour: GOOD_TO_BAD[3], ink: INK[3] },
    { from: 2, to: null, colour: GOOD_TO_BAD[4], ink: INK[4] },
  ],
};

export const NO_VALUE_COLOUR = '#f0f0f0';

/** The band of a value for a metric; null when there is no value (no dossier in the month). */
export function bandOf(metric: HeatmapMetric, value: number | null | undefined): ColourBand | null {
  if (value === null || value === undefined || Number.isNaN(value)) return null;
  for (const band of METRIC_BANDS[metric]) {
    if ((band.from === null || value >= band.from) && (band.to === null || value < band.to)) return band;
  }
  return null;
}

/** The cell's background and text colours. */
export function cellColours(metric: HeatmapMetric, value: number | null | undefined): { background: string; color: string } {
  const band = bandOf(metric, value);
  return band ? { background: band.colour, color: band.ink } : { background: NO_VALUE_COLOUR, color: '#888' };
}

/** The legend's text of a band: "≥ 99 %", "95 – 99 %", "< 80 %", "0 %", "> 0 – 0,5 %". */
export function bandLabel(band: ColourBand): string {
  const unit = ' %';
  if (band.from === null && band.to !== null && band.to < 0.001) return `0${unit}`;
  if (band.from !== null && band.from < 0.001 && band.to !== null) return `> 0 – ${formatNumber(band.to)}${unit}`;
  if (band.from === null) return `< ${formatNumber(band.to)}${unit}`;
  if (band.to === null) return `≥ ${formatNumber(band.from)}${unit}`;
  return `${formatNumber(band.from)} – ${formatNumber(band.to)}${unit}`;
}

/** The counter behind a heat map metric (what a cell's link lists). */
export function metricCounter(metric: HeatmapMetric): string | null {
  switch (metric) {
    case 'on_time_rate':
      return 'late';
    case 'online_full_share':
      return 'online_full';
    case 'late_without_apology':
      return 'late_without_apology';
  }
  return null;
}

/** The heat map's value text: a percent with one decimal ("95,2"), two for the small late-without-apology shares. */
export function formatMetric(metric: HeatmapMetric, value: number | null | undefined): string {
  if (value === null || value === undefined) return EMPTY;
  return formatNumber(value, metric === 'late_without_apology' ? 2 : 1);
}

/**
 * Units worst first as the server orders them: lowest yearly value first (highest for late without an apology),
 * no value last, ties by Vietnamese name.
 */
export function worstFirst(units: HeatmapUnit[], higherIsWorse = false): HeatmapUnit[] {
  return [...units].sort((a, b) => {
    if (a.year_value === null && b.year_value === null) return a.name.localeCompare(b.name, 'vi');
    if (a.year_value === null) return 1;
    if (b.year_value === null) return -1;
    const diff = higherIsWorse ? b.year_value - a.year_value : a.year_value - b.year_value;
    return diff !== 0 ? diff : a.name.localeCompare(b.name, 'vi');
  });
}

/** The years to offer in the selectors: from this year back to 2019, plus the one shown. */
export function yearChoices(thisYear: number, shown?: number | null): number[] {
  const years = new Set<number>();
  for (let y = thisYear; y >= 2019; y -= 1) years.add(y);
  if (shown) years.add(shown);
  return [...years].sort((a, b) => b - a);
}

/** Roles that see every unit they appraise (and the unit selector) rather than their own unit. */
export function isOverseer(role: string | undefined): boolean {
  return role === 'appraiser' || role === 'admin' || role === 'administrator';
}
