// Dossier statistics in mock mode (`npm run dev:mock`): a seeded year 2024 of dossiers for a few Hà Đông wards,
// answered in the shapes of docs/api (GET /api/dossiers/stats, /api/dossiers, /api/dossiers/heatmap,
// /api/dossiers/{id}). Simplified: every view counts a dossier in the month it was received, as of 31/12/2024.
import type { IncomingMessage, ServerResponse } from 'node:http';

type Send = (res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) => void;
interface Who {
  username: string;
  role: string;
  unit: string | null;
  groups: string[];
}

const YEAR = 2024;
const AS_OF = '2024-12-31 23:59:59';
const UNITS = [
  { code: 'lakhe', name: 'Phường La Khê', onTime: 0.96 },
  { code: 'vanquan', name: 'Phường Văn Quán', onTime: 0.985 },
  { code: 'yennghia', name: 'Phường Yên Nghĩa', onTime: 0.91 },
  { code: 'phuluong', name: 'Phường Phú Lương', onTime: 0.94 },
];
const DEPARTMENTS = [
  { code: 'van-phong', name: 'Văn phòng – Thống kê' },
  { code: 'tu-phap', name: 'Tư pháp – Hộ tịch' },
  { code: 'dia-chinh', name: 'Địa chính – Xây dựng' },
];
const FIELDS = [
  { code: 'ho-tich', name: 'Hộ tịch', department: 1, procedures: [{ code: '1.001193', name: 'Đăng ký khai sinh', days: 1 }, { code: '1.000894', name: 'Đăng ký kết hôn', days: 3 }] },
  { code: 'chung-thuc', name: 'Chứng thực', department: 1, procedures: [{ code: '2.000815', name: 'Chứng thực bản sao từ bản chính', days: 1 }] },
  { code: 'dat-dai', name: 'Đất đai', department: 2, procedures: [{ code: '1.004227', name: 'Xác nhận tình trạng sử dụng đất', days: 10 }] },
  { code: 'lao-dong-tbxh', name: 'Lao động – Thương binh và Xã hội', department: 0, procedures: [{ code: '1.001776', name: 'Xác nhận hộ gia đình làm nông nghiệp', days: 5 }] },
];
const CHANNELS = [
  { code: 'direct', name: 'Trực tiếp' },
  { code: 'online_partial', name: 'Trực tuyến một phần' },
  { code: 'online_full', name: 'Trực tuyến toàn trình' },
  { code: 'postal', name: 'Bưu chính công ích' },
];
const COUNTERS = [
  'received', 'received_counted', 'carried_over', 'processed', 'early', 'on_time', 'late', 'open_not_due', 'open_due_soon',
  'open_overdue', 'due_total', 'due_on_time', 'due_late', 'direct', 'online_partial', 'online_full', 'postal',
  'late_without_apology', 'overdue_without_apology', 'apology_excess', 'apology_too_late', 'supplement_2plus', 'returned',
  'withdrawn', 'rejected', 'processing_seconds_sum',
];

interface MockDossier {
  id: string;
  unit: string;
  department: number;
  field: number;
  procedure: number;
  channel: number;
  received: number; // ms since epoch, as if UTC were local time
  due: number;
  finished: number | null;
  supplements: number;
  apologies: number;
}

/** mulberry32: a small seeded generator, so that every run shows the same figures. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const END = Date.UTC(YEAR, 11, 31, 23, 59, 59);

function generate(): MockDossier[] {
  const rnd = random(2024);
  const all: MockDossier[] = [];
  UNITS.forEach((u, ui) => {
    for (let i = 0; i < 900 + ui * 150; i += 1) {
      const field = Math.floor(rnd() * FIELDS.length);
      const f = FIELDS[field];
      const procedure = Math.floor(rnd() * f.procedures.length);
      const days = f.procedures[procedure].days;
      const received = Date.UTC(YEAR, 0, 1, 8) + Math.floor(rnd() * 364) * DAY + Math.floor(rnd() * 9 * 3600_000);
      const due = received + days * DAY;
      const r = rnd();
      let finished: number | null;
      if (received > END - 12 * DAY && rnd() < 0.4) finished = null;
      else if (r < u.onTime) finished = received + Math.floor((due - received) * (0.2 + rnd() * 0.8));
      else finished = due + Math.floor(rnd() * 4 * DAY) + 3600_000;
      if (finished !== null && finished > END) finished = null;
      const late = finished !== null && finished > due;
      const c = rnd();
      all.push({
        id: `${u.code.toUpperCase()}-${String(i + 1).padStart(5, '0')}`,
        unit: u.code,
        department: f.department,
        field,
        procedure,
        channel: c < 0.72 ? 2 : c < 0.85 ? 1 : c < 0.97 ? 0 : 3,
        received,
        due,
        finished,
        supplements: rnd() < 0.03 ? 2 : rnd() < 0.1 ? 1 : 0,
        apologies: late ? (rnd() < 0.75 ? 1 : rnd() < 0.5 ? 2 : 0) : 0,
      });
    }
  });
  return all.sort((a, b) => a.received - b.received || a.id.localeCompare(b.id));
}

const DOSSIERS = generate();

function time(ms: number | null): string | null {
  if (ms === null) return null;
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function monthOf(ms: number): string {
  return time(ms)!.slice(0, 7);
}

/** The counters a dossier adds to its received month. */
function countersOf(x: MockDossier): Record<string, number> {
  const c: Record<string, number> = Object.fromEntries(COUNTERS.map((k) => [k, 0]));
  c.received = 1;
  c.received_counted = 1;
  c[CHANNELS[x.channel].code] = 1;
  if (x.supplements >= 2) c.supplement_2plus = 1;
  if (x.apologies > 1) c.apology_excess = 1;
  c.due_total = 1;
  if (x.finished !== null) {
    c.processed = 1;
    c.processing_seconds_sum = Math.round((x.finished - x.received) / 1000);
    if (x.finished <= x.due) {
      c.on_time = 1;
      c.due_on_time = 1;
      if (x.finished <= x.received + (x.due - x.received) / 2) c.early = 1;
    } else {
      c.late = 1;
      c.due_late = 1;
      if (x.apologies === 0) c.late_without_apology = 1;
    }
  } else if (x.due < END) {
    c.open_overdue = 1;
    c.due_late = 1;
    if (x.apologies === 0) c.overdue_without_apology = 1;
  } else if (x.due - END < 2 * DAY) {
    c.open_due_soon = 1;
  } else {
    c.open_not_due = 1;
  }
  return c;
}

function add(into: Record<string, number>, c: Record<string, number>) {
  for (const k of COUNTERS) into[k] = (into[k] ?? 0) + (c[k] ?? 0);
}

function pct(n: number, d: number): number | null {
  return d > 0 ? Math.round((n / d) * 100_000) / 1000 : null;
}

function row(key: { code: string; name: string } | null, period: string | null, c: Record<string, number>) {
  return {
    key,
    period,
    counters: c,
    rates: {
      on_time: pct(c.on_time, c.processed),
      early: pct(c.early, c.processed),
      late: pct(c.late, c.processed),
      online_full_share: pct(c.online_full, c.received),
      online_partial_share: pct(c.online_partial, c.received),
      postal_share: pct(c.postal, c.received),
      average_processing_days: c.processed > 0 ? Math.round((c.processing_seconds_sum / c.processed / 86400) * 1000) / 1000 : null,
    },
  };
}

function keyOf(x: MockDossier, by: string | null): { code: string; name: string } | null {
  switch (by) {
    case 'department':
      return DEPARTMENTS[x.department];
    case 'field':
      return { code: FIELDS[x.field].code, name: FIELDS[x.field].name };
    case 'procedure': {
      const p = FIELDS[x.field].procedures[x.procedure];
      return { code: p.code, name: p.name };
    }
    case 'channel':
      return CHANNELS[x.channel];
    default:
      return null;
  }
}

function periodKey(ms: number, kind: string): string {
  const t = time(ms)!;
  switch (kind) {
    case 'year':
      return t.slice(0, 4);
    case 'quarter':
      return `${t.slice(0, 4)}-Q${Math.floor((Number(t.slice(5, 7)) - 1) / 3) + 1}`;
    case 'day':
      return t.slice(0, 10);
    default:
      return t.slice(0, 7);
  }
}

function filtered(url: URL): MockDossier[] {
  const q = url.searchParams;
  const unit = q.get('unit');
  return DOSSIERS.filter(
    (x) =>
      x.unit === unit &&
      (!q.get('department') || DEPARTMENTS[x.department].code === q.get('department')) &&
      (!q.get('field') || FIELDS[x.field].code === q.get('field')) &&
      (!q.get('procedure') || FIELDS[x.field].procedures[x.procedure].code === q.get('procedure')) &&
      (!q.get('channel') || CHANNELS[x.channel].code === q.get('channel')),
  );
}

function mayRead(who: Who, unit: string): boolean {
  if (who.role === 'admin' || who.role === 'administrator' || who.role === 'appraiser') return true;
  return who.unit === unit;
}

function item(x: MockDossier) {
  const p = FIELDS[x.field].procedures[x.procedure];
  const c = countersOf(x);
  return {
    id: x.id,
    unit: x.unit,
    department: DEPARTMENTS[x.department],
    procedure: p.code,
    procedure_name: p.name,
    field: FIELDS[x.field].code,
    field_name: FIELDS[x.field].name,
    channel: CHANNELS[x.channel],
    status: x.finished === null ? { code: 'in_progress', name: 'Đang xử lý' } : { code: 'finished', name: 'Đã giải quyết' },
    received: time(x.received),
    due: time(x.due),
    finished: time(x.finished),
    returned: time(x.finished),
    supplement_requests: x.supplements,
    apology_letters: x.apologies,
    timeliness: c.early ? 'early' : c.on_time ? 'on_time' : c.late ? 'late' : null,
    open_state: c.open_overdue ? 'overdue' : c.open_due_soon ? 'due_soon' : c.open_not_due ? 'not_due' : null,
    processing_days: x.finished === null ? null : Math.round(((x.finished - x.received) / DAY) * 1000) / 1000,
  };
}

export async function handleDossiers(req: IncomingMessage, res: ServerResponse, url: URL, who: Who, send: Send): Promise<boolean> {
  const path = url.pathname;
  if (!path.startsWith('/api/dossiers') || req.method !== 'GET') return false;
  const q = url.searchParams;
  const year = Number(q.get('year'));
  const fail = (status: number, code: string, message: string) =>
    send(res, status, { error: { code, message, details: [], request_id: 'mock-dossiers' } });

  if (path === '/api/dossiers/heatmap') {
    const metric = q.get('metric') ?? 'on_time_rate';
    const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const units = UNITS.filter((u) => mayRead(who, u.code) && year === YEAR).map((u) => {
      const cells = months.map((month) => {
        const c: Record<string, number> = {};
        for (const x of DOSSIERS) if (x.unit === u.code && monthOf(x.received) === month) add(c, countersOf(x));
        const [n, d] =
          metric === 'online_full_share' ? [c.online_full ?? 0, c.received ?? 0] : metric === 'late_without_apology' ? [c.late_without_apology ?? 0, c.late ?? 0] : [c.on_time ?? 0, c.processed ?? 0];
        return { month, value: pct(n, d), received: c.received ?? 0, numerator: n, denominator: d };
      });
      const n = cells.reduce((s, c) => s + c.numerator, 0);
      const d = cells.reduce((s, c) => s + c.denominator, 0);
      return { code: u.code, name: u.name, year_value: pct(n, d), received: cells.reduce((s, c) => s + c.received, 0), cells };
    });
    units.sort((a, b) => (a.year_value ?? 1e9) - (b.year_value ?? 1e9) || a.name.localeCompare(b.name, 'vi'));
    send(res, 200, { year, metric, months, units });
    return true;
  }

  const unit = q.get('unit');
  if (path === '/api/dossiers/stats' || path === '/api/dossiers') {
    if (!unit || !year) {
      fail(400, 'invalid', 'Thiếu tham số unit hoặc year');
      return true;
    }
    if (!mayRead(who, unit)) {
      fail(403, 'forbidden', 'Bạn không có quyền xem số liệu hồ sơ TTHC của đơn vị này');
      return true;
    }
  }
  const inYear = (x: MockDossier) => new Date(x.received).getUTCFullYear() === year;

  if (path === '/api/dossiers/stats') {
    const by = q.get('by');
    const kind = q.get('period') ?? 'month';
    const groups = new Map<string, { key: { code: string; name: string } | null; period: string; c: Record<string, number> }>();
    const total: Record<string, number> = Object.fromEntries(COUNTERS.map((k) => [k, 0]));
    for (const x of filtered(url).filter(inYear)) {
      const key = keyOf(x, by);
      const period = periodKey(x.received, kind);
      const id = `${key?.name ?? ''}|${period}`;
      if (!groups.has(id)) groups.set(id, { key, period, c: Object.fromEntries(COUNTERS.map((k) => [k, 0])) });
      const c = countersOf(x);
      add(groups.get(id)!.c, c);
      add(total, c);
    }
    const rows = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, 'vi')).map(([, g]) => row(g.key, g.period, g.c));
    send(res, 200, {
      unit: { code: unit, name: UNITS.find((u) => u.code === unit)?.name ?? unit },
      year,
      period: kind,
      view: q.get('view') ?? 'flow',
      by: by ?? null,
      as_of: AS_OF,
      definition: { code: 'default', version: 1, name: 'Mặc định (CONVENTIONS.md)', denominator: 'processed_in_period' },
      total: row(null, null, total),
      rows,
    });
    return true;
  }

  if (path === '/api/dossiers') {
    const period = q.get('period');
    const counter = q.get('counter');
    const list = filtered(url)
      .filter(inYear)
      .filter((x) => !period || periodKey(x.received, period.length === 4 ? 'year' : period.includes('Q') ? 'quarter' : period.length === 10 ? 'day' : 'month') === period)
      .filter((x) => !counter || (countersOf(x)[counter] ?? 0) > 0);
    const offset = Number(q.get('offset') ?? 0);
    const limit = Math.min(Number(q.get('limit') ?? 50), 500);
    send(res, 200, { total: list.length, offset, limit, dossiers: list.slice(offset, offset + limit).map(item) });
    return true;
  }

  const m = /^\/api\/dossiers\/([^/]+)$/.exec(path);
  if (m) {
    const x = DOSSIERS.find((d) => d.id === decodeURIComponent(m[1]));
    if (!x) fail(404, 'not_found', `Không tìm thấy hồ sơ ${m[1]}`);
    else if (!mayRead(who, x.unit)) fail(403, 'forbidden', 'Bạn không có quyền xem số liệu hồ sơ TTHC của đơn vị này');
    else send(res, 200, item(x));
    return true;
  }
  return false;
}
