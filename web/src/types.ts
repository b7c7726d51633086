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
  /** A criterion named by a workflow refusal (409 on submit: flagged evidence). */
  code?: string;
  title?: string;
  [key: string]: unknown;
}

// The assessment workflow (issue 3, section 5).
export type AssessmentStatus = 'draft' | 'submitted' | 'appraised' | 'final' | 'published';

export interface EvidenceFile {
  sha256: string;
  file_name: string;
  content_type: string;
  size: number;
  uploaded_at?: string | null;
}

export interface Explanation {
  text: string;
  by: string;
  at: string;
}

export interface AssessmentNode {
  code: string;
  parent: string | null;
  title: string;
  max: number | null;
  method: string;
  evidence_required: boolean;
  max_only: boolean;
  leaf: boolean;
  depth: number;
  assigned_department: string | null;
  self: number | string | null;
  explanation: string | null;
  appraised: number | string | null;
  reason: string | null;
  cause?: string | null;
  responsible?: string | null;
  evidence: EvidenceFile[];
  explanations: Explanation[];
}

export interface AssessmentCan {
  self_score: boolean;
  assign: boolean;
  approve: boolean;
  submit: boolean;
  withdraw: boolean;
  appraise: boolean;
  complete: boolean;
  explain: boolean;
  finalise: boolean;
  publish: boolean;
}

export interface AssessmentState {
  approved_at: string | null;
  approved_by: string | null;
  submitted_at: string | null;
  appraisal_started_at: string | null;
  explanation_deadline: string | null;
  appraised_at?: string | null;
  finalised_at?: string | null;
  published_at?: string | null;
}

export interface Assessment {
  unit: string;
  unit_name: string;
  year: number;
  framework: string;
  status: AssessmentStatus;
  state: AssessmentState;
  nodes: AssessmentNode[];
  evidence_flags: Array<{ code: string; title: string; self: number | string | null; explained?: boolean }>;
  departments: Array<{ code: string; name: string }>;
  can: AssessmentCan;
}

export interface AuditEntry {
  id: number | string;
  at: string;
  username: string;
  address?: string;
  action: string;
  node?: string | null;
  field?: string | null;
  old?: unknown;
  new?: unknown;
}

/** One enabled user of a unit (GET /api/units/{code}/people), to choose a task's officer from. */
export interface UnitPerson {
  username: string;
  display_name: string;
  role: Role;
  department: string;
}

// Administration (issue 3, section 6): users, units, groups, imports and the system-wide audit log.
export interface AdminUser extends User {
  disabled: boolean;
  must_change_password: boolean;
  locked: boolean;
}

/** The body of POST /api/admin/users (with username) and PUT /api/admin/users/{username} (without). */
export interface UserInput {
  username?: string;
  display_name: string;
  role: string;
  unit: string | null;
  groups: string[];
  department: string | null;
}

export interface CreatedUser {
  user: AdminUser;
  one_time_password: string;
}

export interface Department {
  code: string;
  name: string;
}

/** A unit as GET /api/units lists it (the administration fields are optional for older servers). */
export interface UnitDetail extends UnitSummary {
  valid_from?: number | null;
  valid_to?: number | null;
  successor?: string | null;
  departments?: Department[];
}

/** The body of PUT /api/admin/units/{code}. */
export interface UnitInput {
  name: string;
  type: string;
  parent: string | null;
  valid_from: number | null;
  valid_to: number | null;
  successor: string | null;
  demo: boolean;
  departments: Department[];
}

export interface GroupMemberInput {
  unit: string;
  ranked: boolean;
}

/** The body of PUT /api/admin/groups/{code}/{year}. */
export interface GroupInput {
  name: string;
  framework: string;
  members: GroupMemberInput[];
}

export type ImportKind = 'units' | 'groups' | 'framework' | 'scores' | 'all';

export interface ImportOptions {
  unit?: string | null;
  year?: number | null;
  framework?: string | null;
  sheet?: string | null;
}

/** The answer of POST /api/admin/import. */
export interface ImportSummary {
  kind: string;
  file: string;
  dry_run: boolean;
  units: number;
  groups: number;
  frameworks: number;
  assessments: number;
  node_scores: number;
}

/** A group as the JSON bundle of GET /api/admin/export?kind=groups writes it. */
export interface BundleGroup {
  code: string;
  name: string;
  year: number;
  framework: string | null;
  members: Array<string | { unit: string; ranked?: boolean }>;
}

/** An entry of the system-wide audit log (the unit audit's shape, with what else the server tells). */
export interface AdminAuditEntry extends AuditEntry {
  subject?: string | null;
  unit?: string | null;
  year?: number | null;
}

// Improvement plans (issue 4): the plan document, its tasks, their updates, progress and reminders.
export type PlanStatus = 'draft' | 'issued';
export type SignerMode = 'on_behalf' | 'deputy' | 'personal';
export type Recurrence = 'once' | 'monthly' | 'quarterly' | 'ongoing';
export type TaskStatus = 'not_started' | 'in_progress' | 'done' | 'cancelled';
export type DueState = 'not_due' | 'due_soon' | 'overdue';

export interface PlanSigner {
  mode: SignerMode;
  collective: string;
  title: string;
  deputy_title: string;
  name: string;
}

export interface DepartmentDuty {
  department: string;
  heading: string;
  duties: string[];
}

export interface Plan {
  unit: string;
  year: number;
  results_year: number;
  authority: string;
  issuer: string;
  number: string;
  number_suffix: string;
  place: string;
  /** ISO YYYY-MM-DD or null. */
  date: string | null;
  title: string;
  basis: string[];
  purposes: string[];
  requirements: string[];
  causes: string[];
  progress: string[];
  solutions: string[];
  responsibilities: DepartmentDuty[];
  closing: string;
  recipients: string[];
  signer: PlanSigner;
  status: PlanStatus;
  issued_at: string | null;
  revision: number;
}

export interface PlanTask {
  id: number;
  unit: string;
  year: number;
  position: number;
  title: string;
  criteria: string[];
  lead_department: string;
  lead_user: string;
  cooperating: string[];
  recurrence: Recurrence;
  deadline: string | null;
  expected_output: string;
  cause: string;
  solution: string;
  status: TaskStatus;
  progress: number;
}

/** The body of POST …/tasks and PUT /api/tasks/{id}. */
export type TaskInput = Omit<PlanTask, 'id' | 'unit' | 'year'> & { position?: number };

export interface TaskUpdate {
  id: number;
  task_id: number;
  at: string;
  username: string;
  status: TaskStatus;
  progress: number;
  note: string;
  evidence: string[];
}

export interface TaskView extends PlanTask {
  due_state: DueState;
  due: string | null;
  days_left: number;
  last_update: TaskUpdate | null;
}

export interface ProgressRow {
  key: string;
  name: string;
  tasks: number;
  done: number;
  overdue: number;
  mean_progress: number;
}

export interface PlanProgress {
  tasks: number;
  done: number;
  overdue: number;
  mean_progress: number;
  by_department: ProgressRow[];
  by_criterion: ProgressRow[];
}

export interface PlanView {
  plan: Plan;
  tasks: TaskView[];
  progress: PlanProgress;
  can: { edit: boolean; issue: boolean; update_tasks: boolean };
}

export interface AppNotification {
  id: number;
  created_at: string;
  kind: 'due_soon' | 'overdue' | 'escalation';
  unit: string;
  year: number;
  task_id: number;
  due: string;
  message: string;
  message_en: string;
  read: boolean;
}

export interface UploadedFile {
  sha256: string;
  content_type: string;
  size: number;
}

// ---- Dossier statistics (issue 5; GET /api/dossiers/stats, /api/dossiers, /api/dossiers/heatmap) ----

export type DossierDimension = 'department' | 'field' | 'procedure' | 'channel';
export type DossierPeriodKind = 'day' | 'week' | 'month' | 'quarter' | 'year';
export type DossierView = 'flow' | 'cohort';
export type HeatmapMetric = 'on_time_rate' | 'online_full_share' | 'late_without_apology';

export interface CodeName {
  code: string;
  name: string;
}

export interface DossierDefinitionRef {
  code: string;
  version: number;
  name: string;
  /** processed_in_period | due_in_period | to_process */
  denominator: string;
}

export interface DossierRates {
  on_time: number | null;
  early: number | null;
  late: number | null;
  online_full_share: number | null;
  online_partial_share: number | null;
  postal_share: number | null;
  average_processing_days: number | null;
}

export interface DossierStatsRow {
  key: CodeName | null;
  period: string | null;
  /** Every counter of the server's CounterFields() by name (received, processed, early, on_time, late, …). */
  counters: Record<string, number>;
  rates: DossierRates;
  /** In total only: the 766 index's progress-and-results group by the definition set's point table. */
  service_index?: DossierServiceIndex;
}

export interface DossierServiceIndicator {
  code: string;
  name: string;
  value: number | null;
  points: number | null;
  max_points: number;
  computation: string;
}

export interface DossierServiceIndex {
  code: string;
  name: string;
  points: number;
  max_points: number;
  complete: boolean;
  indicators: DossierServiceIndicator[];
}

export interface DossierStats {
  unit: CodeName;
  year: number;
  period: DossierPeriodKind;
  view: DossierView;
  by: DossierDimension | null;
  as_of: string;
  definition: DossierDefinitionRef;
  total: DossierStatsRow;
  rows: DossierStatsRow[];
}

export interface DossierItem {
  id: string;
  unit: string;
  department: CodeName;
  /** The procedure's code (a code/name pair in older answers). */
  procedure: string | CodeName;
  procedure_name?: string;
  field: string | CodeName;
  field_name?: string;
  channel: CodeName;
  status: CodeName;
  received: string;
  due: string;
  finished: string | null;
  returned: string | null;
  supplement_requests: number;
  apology_letters: number;
  timeliness: 'early' | 'on_time' | 'late' | null;
  open_state: 'not_due' | 'due_soon' | 'overdue' | null;
  processing_days: number | null;
}

export interface DossierPage {
  total: number;
  offset: number;
  limit: number;
  dossiers: DossierItem[];
}

export interface HeatmapCell {
  month: string;
  value: number | null;
  received: number;
  numerator: number;
  denominator: number;
}

export interface HeatmapUnit {
  code: string;
  name: string;
  year_value: number | null;
  received: number;
  cells: HeatmapCell[];
}

export interface DossierHeatmap {
  year: number;
  metric: HeatmapMetric;
  months: string[];
  units: HeatmapUnit[];
}
