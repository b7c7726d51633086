// Pure helpers of the KPI screens: colours, value texts, links to the dossiers behind a number, ordering.
import { formatNumber } from '../../format';
import type { KpiComparator, KpiDrilldown, KpiOverview, KpiStatus, UnitKpi } from './kpiTypes';

export const STATUS_COLORS: Record<KpiStatus, string> = {
  met: '#2e7d32',
  near: '#f0a020',
  not_met: '#c62828',
  no_data: '#9e9e9e',
};

/** Worst first: not met, near, no data, met. */
export const STATUS_ORDER: Record<KpiStatus, number> = { not_met: 0, near: 1, no_data: 2, met: 3 };

export const COMPARATOR_SIGNS: Record<KpiComparator, string> = { '>=': '≥', '<=': '≤', '=': '=' };

/** "96,125%", "12 hồ sơ", "3 hình thức". */
export function formatKpiValue(value: number | null | undefined, unitOfMeasure: string): string {
  if (value === null || value === undefined) return '—';
  const text = formatNumber(value);
  if (!unitOfMeasure) return text;
  return unitOfMeasure === '%' ? `${text}%` : `${text} ${unitOfMeasure}`;
}

/** "≥ 95%". */
export function formatTarget(comparator: KpiComparator, value: number, unitOfMeasure: string): string {
  return `${COMPARATOR_SIGNS[comparator]} ${formatKpiValue(value, unitOfMeasure)}`;
}

/** The web address of the drill-down list of the dossier screens (/dossiers/list?unit=…&year=…&counter=…). */
export function drilldownHref(drilldown: KpiDrilldown | null | undefined): string | null {
  if (!drilldown) return null;
  const params = new URLSearchParams();
  for (const key of ['unit', 'year', 'counter', 'field', 'department', 'procedure'] as const) {
    const value = drilldown[key];
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  return `/dossiers/list?${params.toString()}`;
}

/** The unit's KPIs worst first (status order, then the catalogue order kept). */
export function worstFirst(kpis: UnitKpi[]): UnitKpi[] {
  return kpis
    .map((kpi, index) => ({ kpi, index }))
    .sort((a, b) => STATUS_ORDER[a.kpi.status] - STATUS_ORDER[b.kpi.status] || a.index - b.index)
    .map((x) => x.kpi);
}

/** The overview's units worst first: more not met, then more near, then by name (Vietnamese collation). */
export function sortOverviewUnits(units: KpiOverview['units']): KpiOverview['units'] {
  const collator = new Intl.Collator('vi');
  return [...units].sort(
    (a, b) =>
      (b.counts.not_met ?? 0) - (a.counts.not_met ?? 0) ||
      (b.counts.near ?? 0) - (a.counts.near ?? 0) ||
      collator.compare(a.name, b.name),
  );
}

/** Reads "95", "95,5" or "95.5" into a number; nothing when it is not one. */
export function parseKpiNumber(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^[-+]?\d+(\.\d{1,3})?$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** dd/mm/yyyy → yyyy-mm-dd; nothing when it is not a real day. */
export function parseVietnameseDate(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** yyyy-mm-dd → dd/mm/yyyy. */
export function formatIsoDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
