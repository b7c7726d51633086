// Improvement plans in mock mode (`npm run dev:mock`): La Khê's 2024 plan drafted from the 2023 fixture's lost-point
// rows, kept in memory with the same shapes, permissions, 409s and reminders as the server's plans API.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

type Send = (res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) => void;
interface Who {
  username: string;
  role: string;
  unit: string | null;
  department: string | null;
  groups: string[];
}
interface LostPoint {
  code: string;
  title: string;
  cause: string;
  responsible: string;
}

const DEPARTMENTS = [
  { code: 'van-phong', name: 'Văn phòng – Thống kê' },
  { code: 'tu-phap', name: 'Tư pháp – Hộ tịch' },
  { code: 'tai-chinh', name: 'Tài chính – Kế toán' },
  { code: 'dia-chinh', name: 'Địa chính – Xây dựng' },
];

interface Task {
  id: number;
  unit: string;
  year: number;
  position: number;
  title: string;
  criteria: string[];
  lead_department: string;
  lead_user: string;
  cooperating: string[];
  recurrence: 'once' | 'monthly' | 'quarterly' | 'ongoing';
  deadline: string | null;
  expected_output: string;
  cause: string;
  solution: string;
  status: 'not_started' | 'in_progress' | 'done' | 'cancelled';
  progress: number;
}
interface Update {
  id: number;
  task_id: number;
  at: string;
  username: string;
  status: Task['status'];
  progress: number;
  note: string;
  evidence: string[];
}
interface Notification {
  id: number;
  username: string;
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

const plans = new Map<string, Record<string, unknown>>();
const tasks: Task[] = [];
const updates: Update[] = [];
const notifications: Notification[] = [];
let nextId = 1;

function today(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

function dueOf(task: Task): string | null {
  const now = today();
  if (task.recurrence === 'ongoing') return null;
  if (task.recurrence === 'once') return task.deadline;
  const [y, m] = [Number(now.slice(0, 4)), Number(now.slice(5, 7))];
  if (task.year < y) return `${task.year}-12-31`;
  const endMonth = task.recurrence === 'quarterly' ? Math.ceil(m / 3) * 3 : m;
  const last = new Date(Date.UTC(y, endMonth, 0)).getUTCDate();
  const day = task.recurrence === 'monthly' && task.deadline ? Math.min(Number(task.deadline.slice(8, 10)), last) : last;
  return `${y}-${String(endMonth).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function view(task: Task) {
  const due = dueOf(task);
  const daysLeft = due ? daysBetween(today(), due) : 0;
  const open = task.status !== 'done' && task.status !== 'cancelled';
  const dueState = !open || !due ? 'not_due' : daysLeft < 0 ? 'overdue' : daysLeft <= 7 ? 'due_soon' : 'not_due';
  const last = updates.filter((u) => u.task_id === task.id).slice(-1)[0] ?? null;
  return { ...task, due_state: dueState, due, days_left: daysLeft, last_update: last };
}

function row(key: string, name: string, list: ReturnType<typeof view>[]) {
  const live = list.filter((t) => t.status !== 'cancelled');
  const mean = live.length ? live.reduce((s, t) => s + (t.status === 'done' ? 100 : t.progress), 0) / live.length : 0;
  return {
    key,
    name,
    tasks: live.length,
    done: live.filter((t) => t.status === 'done').length,
    overdue: live.filter((t) => t.due_state === 'overdue').length,
    mean_progress: Math.round(mean * 10) / 10,
  };
}

function progressOf(list: ReturnType<typeof view>[]) {
  const group = (keys: (t: ReturnType<typeof view>) => string[]) => {
    const map = new Map<string, ReturnType<typeof view>[]>();
    for (const t of list) for (const k of keys(t)) map.set(k, [...(map.get(k) ?? []), t]);
    return map;
  };
  const byDept = [...group((t) => [t.lead_department]).entries()].map(([k, l]) => row(k, DEPARTMENTS.find((d) => d.code === k)?.name ?? k, l));
  const byCrit = [...group((t) => t.criteria).entries()].sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true })).map(([k, l]) => row(k, k, l));
  return { ...row('', '', list), by_department: byDept, by_criterion: byCrit };
}

function mayRead(who: Who, unit: string) {
  return who.role === 'admin' || who.role === 'administrator' || who.role === 'appraiser' || who.unit === unit;
}
function mayEdit(who: Who, unit: string) {
  return who.role === 'admin' || who.role === 'administrator' || ((who.role === 'coordinator' || who.role === 'leader') && who.unit === unit);
}
function mayIssue(who: Who, unit: string) {
  return who.role === 'admin' || who.role === 'administrator' || (who.role === 'leader' && who.unit === unit);
}
function mayUpdate(who: Who, task: Task) {
  if (mayEdit(who, task.unit)) return true;
  return who.role === 'officer' && who.unit === task.unit && (who.department === task.lead_department || who.username === task.lead_user);
}

function planView(who: Who, key: string) {
  const plan = plans.get(key)!;
  const list = tasks.filter((t) => `${t.unit}/${t.year}` === key).sort((a, b) => a.position - b.position).map(view);
  return {
    plan,
    tasks: list,
    progress: progressOf(list),
    can: { edit: mayEdit(who, String(plan.unit)), issue: mayIssue(who, String(plan.unit)), update_tasks: mayEdit(who, String(plan.unit)) },
  };
}

function departmentOf(responsible: string): string {
  const r = responsible.toLowerCase();
  if (r.includes('tư pháp')) return 'tu-phap';
  if (r.includes('tài chính')) return 'tai-chinh';
  return 'van-phong';
}

function draft(unit: string, year: number, lost: LostPoint[]) {
  const key = `${unit}/${year}`;
  plans.set(key, {
    unit,
    year,
    results_year: year - 1,
    authority: 'UBND QUẬN HÀ ĐÔNG',
    issuer: 'ỦY BAN NHÂN DÂN PHƯỜNG LA KHÊ',
    number: '',
    number_suffix: 'KH-UBND',
    place: 'La Khê',
    date: null,
    title: `Cải thiện, nâng cao Chỉ số cải cách hành chính, chỉ số hài lòng về sự phục vụ hành chính phường La Khê năm ${year}`,
    basis: [`Thực hiện Quyết định số 7564/QĐ-UBND ngày 29/12/${year - 1} của UBND quận Hà Đông về phê duyệt và công bố chỉ số CCHC năm ${year - 1}.`],
    purposes: ['Tiếp tục duy trì các chỉ số đạt kết quả cao; cải thiện các chỉ số bị trừ điểm hoặc đạt điểm thấp.'],
    requirements: ['Các bộ phận chuyên môn đánh giá đúng kết quả thực hiện các nội dung CCHC thuộc lĩnh vực quản lý.'],
    causes: ['Một số bộ phận chưa quan tâm đúng mức đến việc lưu trữ tài liệu kiểm chứng.'],
    progress: [],
    solutions: ['Khắc phục ngay những tiêu chí bị trừ điểm.'],
    responsibilities: DEPARTMENTS.slice(0, 3).map((d) => ({ department: d.code, heading: `Công chức ${d.name}`, duties: ['Chủ trì thực hiện các nhiệm vụ được giao tại Phụ lục.'] })),
    closing: `Trên đây là Kế hoạch cải thiện, nâng cao Chỉ số CCHC năm ${year} của UBND phường La Khê.`,
    recipients: ['UBND quận Hà Đông;', 'Phòng Nội vụ quận;', 'Lưu: VT.'],
    signer: { mode: 'personal', collective: 'ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', deputy_title: 'PHÓ CHỦ TỊCH', name: 'Nguyễn Hữu Hiến' },
    status: 'draft',
    issued_at: null,
    revision: 1,
  });
  for (const t of tasks.filter((x) => `${x.unit}/${x.year}` === key)) tasks.splice(tasks.indexOf(t), 1);
  lost.forEach((l, i) => {
    const dept = departmentOf(l.responsible);
    tasks.push({
      id: nextId++,
      unit,
      year,
      position: i + 1,
      title: `Khắc phục tiêu chí ${l.code}: ${l.title}`,
      criteria: [l.code],
      lead_department: dept,
      lead_user: dept === 'tu-phap' && i % 2 === 1 ? 'tuphap.lakhe' : '',
      cooperating: [],
      recurrence: i % 5 === 4 ? 'quarterly' : i % 7 === 6 ? 'ongoing' : 'once',
      deadline: `${year}-${String(3 + (i % 9)).padStart(2, '0')}-${i % 2 ? '15' : '30'}`,
      expected_output: i % 2 ? 'Báo cáo' : 'Kế hoạch',
      cause: l.cause,
      solution: '',
      status: i < 2 ? 'done' : i < 5 ? 'in_progress' : 'not_started',
      progress: i < 2 ? 100 : i < 5 ? 40 : 0,
    });
  });
}

function remind(who: Who) {
  for (const task of tasks) {
    const v = view(task);
    if (v.due_state === 'not_due' || !v.due) continue;
    const kind = v.due_state === 'overdue' ? (mayUpdate(who, task) && who.role === 'officer' ? 'overdue' : 'escalation') : 'due_soon';
    if (!mayUpdate(who, task)) continue;
    if (notifications.some((n) => n.username === who.username && n.task_id === task.id && n.kind === kind)) continue;
    const due = `${v.due.slice(8, 10)}/${v.due.slice(5, 7)}/${v.due.slice(0, 4)}`;
    notifications.push({
      id: nextId++,
      username: who.username,
      created_at: new Date().toISOString(),
      kind,
      unit: task.unit,
      year: task.year,
      task_id: task.id,
      due: v.due,
      message: kind === 'due_soon' ? `Nhiệm vụ "${task.title}" sắp đến hạn ${due}` : `Nhiệm vụ "${task.title}" đã quá hạn ${due}`,
      message_en: kind === 'due_soon' ? `Task "${task.title}" is due on ${due}` : `Task "${task.title}" was due on ${due}`,
      read: false,
    });
  }
}

async function json(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    return {};
  }
}

function fail(send: Send, res: ServerResponse, status: number, code: string, message: string, details: unknown[] = []) {
  send(res, status, { error: { code, message, details, request_id: 'mock-plans' } });
}

function checkTask(body: Record<string, unknown>): unknown[] {
  const details: unknown[] = [];
  if (!String(body.title ?? '').trim()) details.push({ path: '$.title', field: 'title', value: '', reason: 'bắt buộc' });
  if ((body.recurrence ?? 'once') === 'once' && !body.deadline) details.push({ path: '$.deadline', field: 'deadline', value: '', reason: 'nhiệm vụ một lần cần thời hạn' });
  if (body.deadline && !/^\d{4}-\d{2}-\d{2}$/.test(String(body.deadline))) details.push({ path: '$.deadline', field: 'deadline', value: String(body.deadline), reason: 'ngày không hợp lệ' });
  return details;
}

const TASK_KEYS = ['position', 'title', 'criteria', 'lead_department', 'lead_user', 'cooperating', 'recurrence', 'deadline', 'expected_output', 'cause', 'solution', 'status', 'progress'] as const;

/** Answers the plans API (true when handled). `lostPoints(unit, year)` gives a year's lost-point rows or null. */
export async function handlePlans(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  who: Who,
  send: Send,
  lostPoints: (unit: string, year: number) => LostPoint[] | null,
): Promise<boolean> {
  const path = url.pathname;
  const method = req.method ?? 'GET';
  if (plans.size === 0) {
    const lost = lostPoints('lakhe', 2023);
    if (lost) draft('lakhe', 2024, lost);
    const seeded = tasks.find((t) => t.lead_user === 'tuphap.lakhe');
    if (seeded) updates.push({ id: nextId++, task_id: seeded.id, at: '2024-04-02T03:00:00Z', username: 'tuphap.lakhe', status: 'in_progress', progress: 30, note: 'Đã xây dựng dự thảo.', evidence: [] });
  }
  let m: RegExpExecArray | null;
  if ((m = /^\/api\/units\/([^/]+)\/plans\/(\d{4})(\/[a-z.]+)?$/.exec(path))) {
    const [unit, year, rest] = [m[1], Number(m[2]), m[3] ?? ''];
    const key = `${unit}/${year}`;
    if (!mayRead(who, unit)) return fail(send, res, 403, 'forbidden', 'Bạn không có quyền xem kế hoạch của đơn vị này'), true;
    if (rest === '/draft' && method === 'POST') {
      if (!mayEdit(who, unit)) return fail(send, res, 403, 'forbidden', 'Bạn không có quyền lập kế hoạch'), true;
      const body = await json(req);
      if (plans.has(key) && (!body.replace || plans.get(key)!.status === 'issued')) return fail(send, res, 409, 'conflict', 'Đơn vị đã có kế hoạch năm này'), true;
      const lost = lostPoints(unit, year - 1);
      if (!lost) return fail(send, res, 404, 'not_found', `Đơn vị chưa có kết quả năm ${year - 1}`), true;
      draft(unit, year, lost);
      return send(res, 201, planView(who, key)), true;
    }
    const plan = plans.get(key);
    if (!plan) return fail(send, res, 404, 'not_found', `Đơn vị chưa có kế hoạch năm ${year}`), true;
    if (rest === '' && method === 'GET') return send(res, 200, planView(who, key)), true;
    if (rest === '' && method === 'PUT') {
      if (!mayEdit(who, unit)) return fail(send, res, 403, 'forbidden', 'Bạn không có quyền sửa kế hoạch'), true;
      const body = await json(req);
      if (plan.status === 'issued') return fail(send, res, 409, 'conflict', 'Kế hoạch đã ban hành, không sửa được'), true;
      if (body.revision !== plan.revision) return fail(send, res, 409, 'conflict', 'Kế hoạch vừa được người khác sửa'), true;
      if (body.date !== null && body.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(body.date))) {
        return fail(send, res, 400, 'invalid_input', 'Ngày ban hành không hợp lệ', [{ path: '$.date', field: 'date', value: String(body.date), reason: 'ngày không hợp lệ' }]), true;
      }
      const { unit: _u, year: _y, status: _s, issued_at: _i, revision: _r, ...fields } = body;
      Object.assign(plan, fields, { revision: Number(plan.revision) + 1 });
      return send(res, 200, planView(who, key)), true;
    }
    if (rest === '/issue' && method === 'POST') {
      if (!mayIssue(who, unit)) return fail(send, res, 403, 'forbidden', 'Chỉ lãnh đạo đơn vị ban hành kế hoạch'), true;
      if (plan.status === 'issued') return fail(send, res, 409, 'conflict', 'Kế hoạch đã ban hành'), true;
      const details = [];
      if (!String(plan.number ?? '').trim()) details.push({ path: '$.number', field: 'number', value: '', reason: 'cần số văn bản' });
      if (!plan.date) details.push({ path: '$.date', field: 'date', value: '', reason: 'cần ngày ban hành' });
      if (details.length) return fail(send, res, 400, 'invalid_input', 'Kế hoạch cần số và ngày ban hành', details), true;
      Object.assign(plan, { status: 'issued', issued_at: new Date().toISOString(), revision: Number(plan.revision) + 1 });
      return send(res, 200, planView(who, key)), true;
    }
    if (rest === '/tasks' && method === 'POST') {
      if (!mayEdit(who, unit)) return fail(send, res, 403, 'forbidden', 'Bạn không có quyền sửa kế hoạch'), true;
      const body = await json(req);
      const details = checkTask(body);
      if (details.length) return fail(send, res, 400, 'invalid_input', 'Nhiệm vụ chưa hợp lệ', details), true;
      const task = { ...(Object.fromEntries(TASK_KEYS.map((k) => [k, body[k]])) as unknown as Task), id: nextId++, unit, year };
      task.position = tasks.filter((t) => `${t.unit}/${t.year}` === key).length + 1;
      tasks.push(task);
      return send(res, 201, { task: view(task) }), true;
    }
    if (rest.endsWith('.docx') || rest.endsWith('.xlsx')) {
      const type = rest.endsWith('.docx') ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      res.writeHead(200, { 'Content-Type': type, 'Content-Disposition': `attachment; filename="${unit}-${year}${rest.replace('/', '-')}"` });
      res.end(Buffer.from('PK\u0003\u0004 mock document (the real server writes the file)'));
      return true;
    }
    return false;
  }
  if ((m = /^\/api\/tasks\/(\d+)(\/[a-z]+)?$/.exec(path))) {
    const task = tasks.find((t) => t.id === Number(m![1]));
    if (!task || !mayRead(who, task.unit)) return fail(send, res, 404, 'not_found', 'Không có nhiệm vụ này'), true;
    const plan = plans.get(`${task.unit}/${task.year}`)!;
    const rest = m[2] ?? '';
    if (rest === '' && method === 'PUT') {
      if (!mayEdit(who, task.unit)) return fail(send, res, 403, 'forbidden', 'Bạn không có quyền sửa kế hoạch'), true;
      const body = await json(req);
      const details = checkTask(body);
      if (details.length) return fail(send, res, 400, 'invalid_input', 'Nhiệm vụ chưa hợp lệ', details), true;
      for (const k of TASK_KEYS) if (k in body) (task as unknown as Record<string, unknown>)[k] = body[k];
      return send(res, 200, { task: view(task) }), true;
    }
    if (rest === '' && method === 'DELETE') {
      if (!mayEdit(who, task.unit)) return fail(send, res, 403, 'forbidden', 'Bạn không có quyền sửa kế hoạch'), true;
      if (plan.status === 'issued') return fail(send, res, 409, 'conflict', 'Kế hoạch đã ban hành, không xoá được nhiệm vụ'), true;
      tasks.splice(tasks.indexOf(task), 1);
      res.writeHead(204);
      res.end();
      return true;
    }
    if (rest === '/updates' && method === 'GET') return send(res, 200, { updates: updates.filter((u) => u.task_id === task.id) }), true;
    if (rest === '/updates' && method === 'POST') {
      if (!mayUpdate(who, task)) return fail(send, res, 403, 'forbidden', 'Bạn không được cập nhật nhiệm vụ này'), true;
      const body = await json(req);
      const progress = Number(body.progress);
      if (!Number.isInteger(progress) || progress < 0 || progress > 100) {
        return fail(send, res, 400, 'invalid_input', 'Tiến độ từ 0 đến 100', [{ path: '$.progress', field: 'progress', value: String(body.progress), reason: 'từ 0 đến 100' }]), true;
      }
      const update: Update = { id: nextId++, task_id: task.id, at: new Date().toISOString(), username: who.username, status: body.status as Task['status'], progress, note: String(body.note ?? ''), evidence: (body.evidence as string[]) ?? [] };
      updates.push(update);
      task.status = update.status;
      task.progress = update.status === 'done' ? 100 : progress;
      return send(res, 201, { task: view(task), update }), true;
    }
    if (rest === '/evidence' && method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const bytes = Buffer.concat(chunks);
      return send(res, 201, { sha256: createHash('sha256').update(bytes).digest('hex'), content_type: req.headers['content-type'] ?? 'application/octet-stream', size: bytes.length }), true;
    }
    return false;
  }
  const year = Number(url.searchParams.get('year') ?? new Date().getFullYear());
  if (path === '/api/me/tasks') {
    const mine = tasks.filter((t) => t.year === year && t.unit === who.unit && (t.lead_user === who.username || (who.department !== null && t.lead_department === who.department && who.role === 'officer')));
    return send(res, 200, { tasks: mine.map(view) }), true;
  }
  if (path === '/api/plans/overdue') {
    const list = tasks.filter((t) => t.year === year && mayRead(who, t.unit)).map(view).filter((t) => t.due_state === 'overdue');
    return send(res, 200, { tasks: list.sort((a, b) => a.days_left - b.days_left) }), true;
  }
  if (path === '/api/me/notifications') {
    remind(who);
    const unread = url.searchParams.get('unread') === 'true';
    const list = notifications.filter((n) => n.username === who.username && (!unread || !n.read)).reverse();
    return send(res, 200, { notifications: list.map(({ username: _u, ...n }) => n) }), true;
  }
  if ((m = /^\/api\/me\/notifications\/(\d+)\/read$/.exec(path)) && method === 'POST') {
    const n = notifications.find((x) => x.id === Number(m![1]) && x.username === who.username);
    if (!n) return fail(send, res, 404, 'not_found', 'Không có thông báo này'), true;
    n.read = true;
    res.writeHead(204);
    res.end();
    return true;
  }
  return false;
}
