// Shapes of the ParIndex HTTP API (see docs/api/openapi.yaml on the server side).

export type Role = 'admin' | 'appraiser' | 'coordinator' | 'officer' | 'leader' | 'viewer' | string;

export interface User {
  username: string;
  display_name: string;
  role: Role;
  unit: string | null;
  groups: string[];
  department: string | null;
}

export interface Session {
  user: User;
  csrf_token: string;
  must_change_password: boolean;
  /** Optional: the server may say that the data folder holds the demo. */
  demo?: boolean;
}

export interface Rank {
  group: string;
  group_name: string;
  rank: number | null;
  of: number | null;
  previous_rank: number | null;
  change: number | null;
  excluded: boolean;
  provenance?: string;
}

export interface Part {
  method: string;
  title: string;
  points: number | null;
  max: number | null;
  index: number | null;
  change: number | null;
  provenance?: string;
  ranks: Rank[];
}

export interface Area {
  code: string;
  title: string;
  method: string;
  points: number | null;
  max: number | null;
  index: number | null;
  self: number | null;
  change: number | null;
  change_status: string;
  provenance?: string;
  ranks: Rank[];
  rank?: number | null;
}

export interface LostPoint {
  code: string;
  title: string;
  area: string;
  points: number | null;
  max: number | null;
  lost: number;
  cause: string;
  responsible: string;
}

export interface Gap {
  code: string;
  title: string;
  self: number | null;
  appraised: number | null;
  gap: number | null;
}

export interface StrengthWeakness {
  code: string;
  title: string;
  kind: string;
  points: number | null;
  max: number | null;
  change: number | null;
}

export interface TrendPoint {
  year: number;
  points: number | null;
  max: number | null;
  index: number | null;
  provenance?: string;
  ranks: Rank[];
}

export interface Results {
  unit: string;
  unit_name: string;
  year: number;
  framework: string;
  status: string;
  points: number | null;
  max: number | null;
  index: number | null;
  self: number | null;
  band: string | null;
  band_code: string | null;
  band_demo: boolean;
  change: number | null;
  change_status: string;
  provenance?: string;
  ranks: Rank[];
  parts: Part[];
  areas: Area[];
  lost_points: LostPoint[];
  gaps: Gap[];
  strengths: StrengthWeakness[];
  weaknesses: StrengthWeakness[];
  trend: TrendPoint[];
  criteria?: unknown[];
}

export interface RankingRow {
  rank: number | null;
  unit: string;
  unit_name: string;
  points: number | null;
  max: number | null;
  index: number | null;
  band: string | null;
  previous_rank: number | null;
  change: number | null;
  excluded: boolean;
  demo: boolean;
}

export interface Ranking {
  group: string;
  group_name: string;
  year: number;
  framework?: string;
  tie_rule: string;
  total?: number;
  rows: RankingRow[];
}

export interface GroupSummary {
  code: string;
  name: string;
  year: number;
  framework: string;
  members: number | string[];
}

export interface UnitSummary {
  code: string;
  name: string;
  type: string;
  parent: string | null;
  demo: boolean;
}

export interface Band {
  code: string;
  name: string;
  min_index: number;
  demo?: boolean;
}

export interface FrameworkNode {
  code: string;
  parent: string | null;
  title: string;
  max: number | null;
  method: string;
  evidence_required: boolean;
  responsible: string;
  max_only: boolean;
}

export interface Framework {
  code: string;
  title: string;
  version: string;
  decision: string;
  max: number;
  display_decimals: number;
  bands: Band[];
  nodes: FrameworkNode[];
}

export interface FrameworkSummary {
  code: string;
  title: string;
  version?: string;
}

export interface ErrorDetail {
  file?: string;
  line?: number;
  column?: number;
  path?: string;
  field?: string;
  value?: string;
  reason?: string;
}
