// Pure helpers of the plan screens: dates typed dd/mm/yyyy, due-state labels, grouping by month, progress sums,
// the task form's checks and the plan body sent on save.
import { formatNumber } from '../../format';
import type { Lang } from '../../i18n';
import type { DueState, Plan, PlanTask, ProgressRow, Recurrence, TaskInput, TaskStatus, TaskView, UnitPerson } from '../../types';

export const TASK_STATUSES: TaskStatus[] = ['not_started', 'in_progress', 'done', 'cancelled'];
export const RECURRENCES: Recurrence[] = ['once', 'monthly', 'quarterly', 'ongoing'];

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Reads a date typed the Vietnamese way, dd/mm/yyyy ("5/3/2024", "05-03-2024", "05.03.2024" too), or an ISO
 * date; answers the ISO text YYYY-MM-DD, or null when the text is not a real calendar day.
 */
export function parseViDate(text: string | null | undefined): string | null {
  const value = (text ?? '').trim();
  let d: number;
  let m: number;
  let y: number;
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (match) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return null;
  }
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** dd/mm/yyyy from an ISO date (or date-time); "" for nothing. */
export function isoToVi(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** dd/mm/yyyy hh:mm in Việt Nam's time from an ISO date-time. */
export function formatDateTimeVi(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

/** The tag of a task's due state: red "Quá hạn 12 ngày", orange "Sắp đến hạn (còn 3 ngày)", none otherwise. */
export function dueStateTag(
  state: DueState | undefined,
  daysLeft: number | undefined,
  lang: Lang = 'vi',
): { label: string; color: 'red' | 'orange' } | null {
  const days = Math.abs(daysLeft ?? 0);
  if (state === 'overdue') {
    if (lang === 'en') return { label: days > 0 ? `Overdue ${days} day${days === 1 ? '' : 's'}` : 'Overdue', color: 'red' };
    return { label: days > 0 ? `Quá hạn ${days} ngày` : 'Quá hạn', color: 'red' };
  }
  if (state === 'due_soon') {
    if (lang === 'en') return { label: days === 0 ? 'Due today' : `Due soon (${days} day${days === 1 ? '' : 's'} left)`, color: 'orange' };
    return { label: days === 0 ? 'Đến hạn hôm nay' : `Sắp đến hạn (còn ${days} ngày)`, color: 'orange' };
  }
  return null;
}

/** How many days a task is overdue (0 when it is not). */
export function daysOverdue(task: Pick<TaskView, 'due_state' | 'days_left'>): number {
  return task.due_state === 'overdue' ? Math.max(0, -task.days_left) : 0;
}

/** The deadline column: "31/03/2024", or the recurrence ("Hằng tháng (ngày 25)", "Hằng quý", "Thường xuyên"). */
export function deadlineText(task: Pick<PlanTask, 'recurrence' | 'deadline'>, lang: Lang = 'vi'): string {
  const vi = lang === 'vi';
  switch (task.recurrence) {
    case 'monthly': {
      const day = task.deadline ? Number(task.deadline.slice(8, 10)) : null;
      if (vi) return day ? `Hằng tháng (ngày ${day})` : 'Hằng tháng';
      return day ? `Monthly (day ${day})` : 'Monthly';
    }
    case 'quarterly':
      return vi ? 'Hằng quý' : 'Quarterly';
    case 'ongoing':
      return vi ? 'Thường xuyên' : 'Ongoing';
    default:
      return task.deadline ? isoToVi(task.deadline) : '—';
  }
}

export interface MonthGroup<T> {
  /** "2024-03", or "" for the tasks without a date (ongoing). */
  key: string;
  label: string;
  tasks: T[];
}

/**
 * The timeline: tasks grouped by the month of their next due date (`due`, else `deadline`), months in order,
 * tasks by date then position inside a month; ongoing tasks and tasks without a date last ("Thường xuyên, không có hạn").
 */
export function groupByMonth<T extends Pick<TaskView, 'due' | 'deadline' | 'position'> & { recurrence?: Recurrence }>(
  tasks: T[],
  lang: Lang = 'vi',
): MonthGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const task of tasks) {
    const date = task.recurrence === 'ongoing' ? null : (task.due ?? task.deadline);
    const key = date ? date.slice(0, 7) : '';
    groups.set(key, [...(groups.get(key) ?? []), task]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([key, list]) => ({
      key,
      label: key
        ? lang === 'vi'
          ? `Tháng ${Number(key.slice(5, 7))}/${key.slice(0, 4)}`
          : `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`
        : lang === 'vi'
          ? 'Thường xuyên, không có hạn'
          : 'Ongoing, no deadline',
      tasks: [...list].sort((a, b) => ((a.due ?? a.deadline ?? '') || '').localeCompare((b.due ?? b.deadline ?? '') || '') || a.position - b.position),
    }));
}

/** Sums of a set of tasks: count, done, overdue and the mean progress (cancelled tasks left out). */
export function progressSums(tasks: Array<Pick<TaskView, 'status' | 'progress' | 'due_state'>>): Omit<ProgressRow, 'key' | 'name'> {
  const live = tasks.filter((t) => t.status !== 'cancelled');
  const done = live.filter((t) => t.status === 'done').length;
  const overdue = live.filter((t) => t.due_state === 'overdue').length;
  const mean = live.length === 0 ? 0 : Math.round((live.reduce((s, t) => s + (t.status === 'done' ? 100 : t.progress), 0) / live.length) * 10) / 10;
  return { tasks: live.length, done, overdue, mean_progress: mean };
}

/** Progress rows by a key of each task (lead department, criterion), as the server's by_department rows. */
export function progressBy<T extends Pick<TaskView, 'status' | 'progress' | 'due_state'>>(
  tasks: T[],
  keysOf: (task: T) => string[],
  nameOf: (key: string) => string = (k) => k,
): ProgressRow[] {
  const groups = new Map<string, T[]>();
  for (const task of tasks) for (const key of keysOf(task)) groups.set(key, [...(groups.get(key) ?? []), task]);
  return [...groups.entries()].map(([key, list]) => ({ key, name: nameOf(key), ...progressSums(list) }));
}

/** "62,5 %" */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${formatNumber(Math.round(value * 10) / 10)} %`;
}

/** Trims the lines of an editable list and drops the empty ones. */
export function cleanLines(lines: Array<string | null | undefined> | undefined): string[] {
  return (lines ?? []).map((l) => (l ?? '').trim()).filter((l) => l.length > 0);
}

/** The body of PUT …/plans/{year}: the plan's fields without unit, year, status and issued_at, lists cleaned. */
export function planBody(plan: Plan): Partial<Plan> {
  const { unit: _unit, year: _year, status: _status, issued_at: _issued, ...rest } = plan;
  return {
    ...rest,
    number: rest.number.trim(),
    basis: cleanLines(rest.basis),
    purposes: cleanLines(rest.purposes),
    requirements: cleanLines(rest.requirements),
    causes: cleanLines(rest.causes),
    progress: cleanLines(rest.progress),
    solutions: cleanLines(rest.solutions),
    recipients: cleanLines(rest.recipients),
    responsibilities: (rest.responsibilities ?? [])
      .map((r) => ({ department: r.department ?? '', heading: (r.heading ?? '').trim(), duties: cleanLines(r.duties) }))
      .filter((r) => r.heading || r.duties.length > 0),
  };
}

export type TaskFieldErrors = Partial<Record<'title' | 'lead_department' | 'deadline' | 'progress', string>>;

/** The task form's own checks (the server checks again): title, lead department, a deadline for a one-off task. */
export function validateTask(input: Partial<TaskInput>, lang: Lang = 'vi'): TaskFieldErrors {
  const vi = lang === 'vi';
  const errors: TaskFieldErrors = {};
  if (!(input.title ?? '').trim()) errors.title = vi ? 'Hãy nhập nội dung nhiệm vụ' : 'Enter the task';
  if (!(input.lead_department ?? '').trim()) errors.lead_department = vi ? 'Hãy chọn bộ phận chủ trì' : 'Choose the lead department';
  if ((input.recurrence ?? 'once') === 'once' && !input.deadline) {
    errors.deadline = vi ? 'Nhiệm vụ một lần cần thời hạn (dd/mm/yyyy)' : 'A one-off task needs a deadline (dd/mm/yyyy)';
  }
  const p = input.progress ?? 0;
  if (!Number.isInteger(p) || p < 0 || p > 100) errors.progress = vi ? 'Tiến độ từ 0 đến 100' : 'Progress is 0 to 100';
  return errors;
}

/** The task body sent to the server from a task view (the view's extra fields left out). */
export function taskInput(task: PlanTask | TaskView): TaskInput {
  return {
    position: task.position,
    title: task.title,
    criteria: task.criteria,
    lead_department: task.lead_department,
    lead_user: task.lead_user,
    cooperating: task.cooperating,
    recurrence: task.recurrence,
    deadline: task.deadline,
    expected_output: task.expected_output,
    cause: task.cause,
    solution: task.solution,
    status: task.status,
    progress: task.progress,
  };
}

/** Splits a comma or semicolon separated text ("1.6, 6.8") into trimmed items. */
export function splitList(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The roles that see the overdue list of every plan they may read. */
export function mayReadOverdue(role: string | undefined): boolean {
  return ['coordinator', 'leader', 'appraiser', 'administrator', 'admin'].includes(role ?? '');
}

/** How a person is shown when choosing a task's officer: "Display name (username)", or the username alone. */
export function personLabel(person: Pick<UnitPerson, 'username' | 'display_name'>): string {
  const name = person.display_name.trim();
  return name && name !== person.username ? `${name} (${person.username})` : person.username;
}

/**
 * The unit's people for choosing a task's officer: the officers of the lead department first, then everyone else
 * (each part in the order given, the server's Vietnamese order of display names). `kept` is the task's current
 * officer when it is not among the people (typed earlier, or since disabled), so that the choice still shows it.
 */
export function officerChoices(
  people: UnitPerson[],
  leadDepartment: string | null | undefined,
  current: string | null | undefined,
): { department: UnitPerson[]; others: UnitPerson[]; kept: string | null } {
  const inDepartment = (p: UnitPerson) => Boolean(leadDepartment) && p.role === 'officer' && p.department === leadDepartment;
  const value = (current ?? '').trim();
  return {
    department: people.filter(inDepartment),
    others: people.filter((p) => !inDepartment(p)),
    kept: value && !people.some((p) => p.username === value) ? value : null,
  };
}

/** The groups of a Select of the officer in charge (antd grouped options), empty groups left out. */
export function officerOptions(
  choices: ReturnType<typeof officerChoices>,
  labels: { kept: string; department: string; others: string; everyone: string },
): Array<{ label: string; options: Array<{ value: string; label: string }> }> {
  const options = (list: UnitPerson[]) => list.map((p) => ({ value: p.username, label: personLabel(p) }));
  const groups = [];
  if (choices.kept) groups.push({ label: labels.kept, options: [{ value: choices.kept, label: choices.kept }] });
  if (choices.department.length > 0) groups.push({ label: labels.department, options: options(choices.department) });
  if (choices.others.length > 0) {
    groups.push({ label: choices.department.length > 0 ? labels.others : labels.everyone, options: options(choices.others) });
  }
  return groups;
}
