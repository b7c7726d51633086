// The KPI screens' data (GET /api/kpis, /api/units/{code}/kpis, /api/kpis/overview, the criterion rules and the
// suggested scores). Numbers with decimals come as plain numbers (at most 3 decimals).

export type KpiComparator = '>=' | '<=' | '=';
export type KpiStatus = 'met' | 'near' | 'not_met' | 'no_data';
export type KpiMeasure =
  | 'on_time_rate'
  | 'early_rate'
  | 'late_rate'
  | 'online_full_share'
  | 'online_partial_share'
  | 'postal_share'
  | 'late_without_apology'
  | 'apology_excess'
  | 'supplement_2plus'
  | 'average_processing_days'
  | 'manual';

export interface KpiScope {
  field: string | null;
  department: string | null;
  procedure: string | null;
}

/** One indicator of the catalogue. */
export interface KpiIndicator {
  code: string;
  version: number;
  name: string;
  name_en: string;
  unit_of_measure: string;
  measure: KpiMeasure;
  comparator: KpiComparator;
  value: number;
  amber_margin: number;
  scope: KpiScope;
  source: string;
  saved_by?: string;
  saved_at?: string;
}

export interface KpiTarget {
  comparator: KpiComparator;
  value: number;
  scope: KpiScope;
  note: string;
  /** True when the unit has no target of its own for the year and the catalogue's default applies. */
  default: boolean;
}

export interface KpiActual {
  value: number;
  source: 'dossiers' | 'manual';
  date: string | null;
  note: string;
  by: string | null;
  evidence: string[];
  /** For a dossier measure: the counts behind the value. */
  numerator?: number | null;
  denominator?: number | null;
}

/** The query of GET /api/dossiers (the contract's drill-down) behind an actual computed from dossiers. */
export interface KpiDrilldown {
  unit: string;
  year: number;
  counter: string;
  field?: string;
  department?: string;
  procedure?: string;
}

export interface UnitKpi {
  kpi: string;
  name: string;
  name_en: string;
  unit_of_measure: string;
  measure: KpiMeasure;
  target: KpiTarget;
  actual: KpiActual | null;
  status: KpiStatus;
  computation: string;
  computation_en: string;
  drilldown: KpiDrilldown | null;
  links: { stats?: string; dossiers?: string };
}

export interface UnitKpis {
  unit: { code: string; name: string };
  year: number;
  as_of: string;
  kpis: UnitKpi[];
  can: { edit_targets: boolean };
}

export interface KpiOverviewCell {
  kpi: string;
  status: KpiStatus;
  actual: number | null;
  target: number;
  comparator: KpiComparator;
  computation: string;
}

export interface KpiOverview {
  year: number;
  indicators: Array<{ code: string; name: string; name_en: string; unit_of_measure: string }>;
  units: Array<{ code: string; name: string; counts: Record<KpiStatus, number>; cells: KpiOverviewCell[] }>;
}

export interface KpiRule {
  node: string;
  kpi: string;
  method: 'full_at' | 'proportional' | 'thresholds';
  floor: number;
  thresholds: Array<[number, number]>;
}

export interface KpiRules {
  framework: string;
  version: number;
  rules: KpiRule[];
}

export interface KpiSuggestion {
  node: string;
  kpi: string;
  kpi_name: string;
  method: KpiRule['method'];
  actual: number | null;
  target: number;
  comparator: KpiComparator;
  max: number;
  points: number | null;
  computation: string;
  computation_en: string;
}

export interface KpiSuggestions {
  unit: string;
  year: number;
  suggestions: KpiSuggestion[];
}
