// The definition sets of the dossier statistics as GET /api/dossiers/definitions answers them (issue 5 §2).

export type Denominator = 'processed_in_period' | 'due_in_period' | 'to_process';

export interface DefinitionSet {
  code: string;
  version: number;
  name: string;
  name_en: string;
  day_level: boolean;
  early_seconds: number;
  early_days: number;
  grace_seconds: number;
  denominator: Denominator;
  count_returned: boolean;
  count_withdrawn: boolean;
  count_rejected: boolean;
  due_soon_days: number;
  apology_min_lead_seconds: number;
  max_apologies: number;
  supplement_fault_threshold: number;
}

export interface DefinitionSetVersion {
  version: number;
  name: string;
  saved_by: string;
  /** UTC ISO 8601; null for the built-in default. */
  saved_at: string | null;
}

export interface DefinitionSetView {
  definition: DefinitionSet;
  active: boolean;
  latest: boolean;
  saved_by: string;
  saved_at: string | null;
  can_edit: boolean;
  versions: DefinitionSetVersion[];
}

export interface DefinitionSetList {
  active: string;
  can_edit: boolean;
  definition_sets: { definition: DefinitionSet; active: boolean; saved_by: string; saved_at: string | null }[];
}
