// The assessment workflow in mock mode: one in-memory assessment per unit-year built from a
// framework fixture, with the same statuses, `can` flags, errors and audit entries as the server.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface MockUser {
  username: string;
  role: string;
  unit: string | null;
  department: string | null;
}

interface FwNode {
  code: string;
  parent: string | null;
  title: string;
  max: number | null;
  method: string;
  evidence_required: boolean;
  responsible: string;
  max_only: boolean;
}

interface NodeState {
  self: number | null;
  explanation: string;
  appraised: number | null;
  reason: string;
  assigned_department: string | null;
  evidence: Array<{ sha256: string; file_name: string; content_type: string; size: number; uploaded_at: string }>;
  explanations: Array<{ text: string; by: string; at: string }>;
}

interface Store {
  unit: string;
  unit_name: string;
  year: number;
  framework: string;
  status: 'draft' | 'submitted' | 'appraised' | 'final' | 'published';
  state: Record<string, string | null>;
  nodes: FwNode[];
  values: Map<string, NodeState>;
  audit: Array<Record<string, unknown>>;
}

const assessments = new Map<string, Store>();
const blobs = new Map<string, { bytes: Buffer; type: string; name: string }>();
let auditId = 1;

const DEPARTMENTS = [
  { code: 'van-phong', name: 'Văn phòng – Thống kê' },
  { code: 'tu-phap', name: 'Tư pháp – Hộ tịch' },
  { code: 'tai-chinh', name: 'Tài chính – Kế toán' },
  { code: 'dia-chinh', name: 'Địa chính – Xây dựng' },
];

type Send = (res: ServerResponse, status: number, body: unknown) => void;

function fail(send: Send, res: ServerResponse, status: number, code: string, message: string, details: unknown[] = []) {
  send(res, status, { error: { code, message, details, request_id: 'mock-' + Date.now().toString(16) } });
}

async function rawBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function num(value: unknown): number | null | typeof Number.NaN {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return value;
  const text = String(value).trim().replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

function isLeaf(store: Store, code: string) {
  return !store.nodes.some((n) => n.parent === code);
}

function flags(store: Store) {
  return store.nodes
    .filter((n) => isLeaf(store, n.code) && n.evidence_required)
    .filter((n) => {
      const v = store.values.get(n.code)!;
      return v.self !== null && v.self > 0 && v.evidence.length === 0;
    })
    .map((n) => ({ code: n.code, title: n.title, self: store.values.get(n.code)!.self, explained: false }));
}

function mayRead(user: MockUser, unit: string) {
  return user.role === 'admin' || user.role === 'appraiser' || user.unit === unit;
}

function can(store: Store, user: MockUser) {
  const own = user.unit === store.unit;
  const admin = user.role === 'admin';
  const s = store.status;
  return {
    self_score: s === 'draft' && ((own && (user.role === 'coordinator' || user.role === 'officer')) || admin),
    assign: s === 'draft' && ((own && user.role === 'coordinator') || admin),
    approve: s === 'draft' && !store.state.approved_at && ((own && user.role === 'leader') || admin),
    submit: s === 'draft' && Boolean(store.state.approved_at) && ((own && user.role === 'coordinator') || admin),
    withdraw: s === 'submitted' && !store.state.appraisal_started_at && ((own && user.role === 'coordinator') || admin),
    appraise: s === 'submitted' && (user.role === 'appraiser' || admin),
    complete: s === 'submitted' && (user.role === 'appraiser' || admin),
    explain: s === 'appraised' && ((own && (user.role === 'coordinator' || user.role === 'leader')) || admin),
    finalise: s === 'appraised' && (user.role === 'appraiser' || admin),
    publish: s === 'final' && (user.role === 'appraiser' || admin),
  };
}

function view(store: Store, user: MockUser) {
  const depth = (n: FwNode): number => (n.parent ? 1 + depth(store.nodes.find((p) => p.code === n.parent)!) : 0);
  return {
    unit: store.unit,
    unit_name: store.unit_name,
    year: store.year,
    framework: store.framework,
    status: store.status,
    state: store.state,
    nodes: store.nodes.map((n) => {
      const v = store.values.get(n.code)!;
      return {
        code: n.code,
        parent: n.parent,
        title: n.title,
        max: n.max,
        method: n.method,
        evidence_required: n.evidence_required,
        max_only: n.max_only,
        leaf: isLeaf(store, n.code),
        depth: depth(n),
        assigned_department: v.assigned_department,
        self: v.self,
        explanation: v.explanation,
        appraised: v.appraised,
        reason: v.reason,
        cause: null,
        responsible: n.responsible,
        evidence: v.evidence,
        explanations: v.explanations,
      };
    }),
    evidence_flags: store.status === 'draft' ? flags(store) : [],
    departments: DEPARTMENTS,
    can: can(store, user),
  };
}

function log(store: Store, user: MockUser, action: string, node: string | null, field: string | null, old: unknown, now: unknown) {
  store.audit.push({
    id: auditId++,
    at: new Date().toISOString(),
    username: user.username,
    address: '127.0.0.1',
    action,
    node,
    field,
    old: old ?? null,
    new: now ?? null,
  });
}

/**
 * Answers the workflow endpoints; returns false for any other path. `framework` gives the
 * framework fixture of a unit, `unitName` its name.
 */
export async function handleWorkflow(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  user: MockUser,
  send: Send,
  framework: (unit: string) => { code: string; nodes: FwNode[] } | null,
  unitName: (unit: string) => string,
): Promise<boolean> {
  const path = url.pathname;
  const method = req.method ?? 'GET';
  let m: RegExpExecArray | null;

  if ((m = /^\/api\/evidence\/([0-9a-f]{64})$/.exec(path)) && method === 'GET') {
    const blob = blobs.get(m[1]);
    if (!blob) return fail(send, res, 404, 'not_found', 'Không tìm thấy tài liệu'), true;
    res.writeHead(200, {
      'Content-Type': blob.type,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(blob.name)}`,
    });
    res.end(blob.bytes);
    return true;
  }
  if ((m = /^\/api\/groups\/([^/]+)\/publish$/.exec(path)) && method === 'POST') {
    if (user.role !== 'appraiser' && user.role !== 'admin') return fail(send, res, 403, 'forbidden', 'Bạn không có quyền công bố kết quả'), true;
    for (const store of assessments.values()) {
      if (store.status === 'final') {
        store.status = 'published';
        store.state.published_at = new Date().toISOString();
        log(store, user, 'assessment.publish', null, 'status', 'final', 'published');
      }
    }
    send(res, 200, { group: decodeURIComponent(m[1]), published: true });
    return true;
  }
  if ((m = /^\/api\/units\/([^/]+)\/audit$/.exec(path)) && method === 'GET') {
    const unit = decodeURIComponent(m[1]);
    if (!mayRead(user, unit)) return fail(send, res, 403, 'forbidden', 'Bạn không có quyền xem đơn vị này'), true;
    const year = url.searchParams.get('year');
    const node = url.searchParams.get('node');
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const entries = [...assessments.values()]
      .filter((s) => s.unit === unit && (!year || String(s.year) === year))
      .flatMap((s) => s.audit)
      .filter((e) => !node || e.node === node)
      .reverse()
      .slice(0, limit);
    send(res, 200, { entries });
    return true;
  }
  m = /^\/api\/units\/([^/]+)\/assessments\/(\d{4})(\/.*)?$/.exec(path);
  if (!m) return false;
  const unit = decodeURIComponent(m[1]);
  const year = Number(m[2]);
  const rest = m[3] ?? '';
  const key = `${unit}:${year}`;
  if (!mayRead(user, unit)) return fail(send, res, 403, 'forbidden', 'Bạn không có quyền với đơn vị này'), true;
  let store = assessments.get(key);

  if (rest === '' && method === 'POST') {
    if (store) return fail(send, res, 409, 'conflict', `Đơn vị đã có phiếu tự đánh giá năm ${year}`), true;
    if (!(user.role === 'admin' || (user.role === 'coordinator' && user.unit === unit))) {
      return fail(send, res, 403, 'forbidden', 'Chỉ cán bộ điều phối của đơn vị mới mở được phiếu tự đánh giá'), true;
    }
    const fw = framework(unit);
    if (!fw) return fail(send, res, 404, 'not_found', 'Đơn vị chưa thuộc nhóm nào có bộ chỉ số năm này'), true;
    const nodes = fw.nodes.filter((n) => n.method !== 'survey' && (n.max ?? 0) > 0);
    store = {
      unit,
      unit_name: unitName(unit),
      year,
      framework: fw.code,
      status: 'draft',
      state: { approved_at: null, approved_by: null, submitted_at: null, appraisal_started_at: null, explanation_deadline: null },
      nodes,
      values: new Map(
        nodes.map((n) => [
          n.code,
          { self: null, explanation: '', appraised: null, reason: '', assigned_department: null, evidence: [], explanations: [] },
        ]),
      ),
      audit: [],
    };
    assessments.set(key, store);
    log(store, user, 'assessment.open', null, 'status', null, 'draft');
    send(res, 201, view(store, user));
    return true;
  }
  if (!store) return fail(send, res, 404, 'not_found', `Đơn vị chưa có phiếu tự đánh giá năm ${year}`), true;
  const c = can(store, user);
  if (rest === '' && method === 'GET') return send(res, 200, view(store, user)), true;

  const wrongStatus = () => fail(send, res, 409, 'wrong_status', `Phiếu đang ở trạng thái “${store!.status}”, không thực hiện được thao tác này`);
  const forbidden = () => fail(send, res, 403, 'forbidden', 'Bạn không có quyền thực hiện thao tác này');
  const now = () => new Date().toISOString();

  if (method === 'POST' && /^\/(approve|submit|withdraw|complete-appraisal|finalise)$/.test(rest)) {
    const action = rest.slice(1);
    const flag = { approve: c.approve, submit: c.submit, withdraw: c.withdraw, 'complete-appraisal': c.complete, finalise: c.finalise }[action];
    if (!flag) return (['appraiser', 'admin', 'coordinator', 'leader'].includes(user.role) ? wrongStatus() : forbidden()), true;
    const old = store.status;
    if (action === 'approve') {
      store.state.approved_at = now();
      store.state.approved_by = user.username;
    } else if (action === 'submit') {
      const flagged = flags(store);
      if (flagged.length > 0) {
        fail(send, res, 409, 'evidence_missing', 'Không nộp được: các tiêu chí sau có điểm nhưng chưa có tài liệu kiểm chứng', flagged.map((f) => ({
          code: f.code, title: f.title, field: 'evidence', path: `nodes.${f.code}.evidence`, reason: 'Chưa có tài liệu kiểm chứng',
        })));
        return true;
      }
      store.status = 'submitted';
      store.state.submitted_at = now();
    } else if (action === 'withdraw') {
      store.status = 'draft';
      store.state.submitted_at = null;
      store.state.approved_at = null;
      store.state.approved_by = null;
    } else if (action === 'complete-appraisal') {
      store.status = 'appraised';
      store.state.appraised_at = now();
      store.state.explanation_deadline = new Date(Date.now() + 7 * 86400_000).toISOString();
    } else if (action === 'finalise') {
      store.status = 'final';
      store.state.finalised_at = now();
    }
    log(store, user, action === 'complete-appraisal' ? 'assessment.appraised' : `assessment.${action}`, null, 'status', old, store.status);
    send(res, 200, view(store, user));
    return true;
  }

  m = /^\/nodes\/([^/]+)\/(self|assignment|evidence|appraisal|explanations)$/.exec(rest);
  if (!m) return fail(send, res, 404, 'not_found', 'Không có đường dẫn API này'), true;
  const code = decodeURIComponent(m[1]);
  const what = m[2];
  const node = store.nodes.find((n) => n.code === code);
  if (!node || !isLeaf(store, code)) return fail(send, res, 404, 'not_found', `Không có tiêu chí “${code}” để chấm`), true;
  const v = store.values.get(code)!;
  const officerBlocked = user.role === 'officer' && v.assigned_department !== user.department;

  if (what === 'evidence' && method === 'POST') {
    if (!c.self_score) return (store.status === 'draft' ? forbidden() : wrongStatus()), true;
    if (officerBlocked) return forbidden(), true;
    const bytes = await rawBody(req);
    if (bytes.length === 0) return fail(send, res, 400, 'bad_request', 'Tệp rỗng', [{ field: 'body', reason: 'Tệp rỗng' }]), true;
    if (bytes.length > 20 * 1024 * 1024) return fail(send, res, 413, 'too_large', 'Tệp lớn hơn 20 MB'), true;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const name = decodeURIComponent(String(req.headers['x-file-name'] ?? 'tep'));
    const type = String(req.headers['content-type'] ?? 'application/octet-stream');
    blobs.set(sha256, { bytes, type, name });
    const file = { sha256, file_name: name, content_type: type, size: bytes.length, uploaded_at: now() };
    v.evidence.push(file);
    log(store, user, 'evidence.add', code, 'evidence', null, name);
    await new Promise((r) => setTimeout(r, 400));
    send(res, 201, file);
    return true;
  }
  const body = JSON.parse((await rawBody(req)).toString('utf8') || '{}') as Record<string, unknown>;
  if (what === 'self' && method === 'PUT') {
    if (!c.self_score) return (store.status === 'draft' ? forbidden() : wrongStatus()), true;
    if (officerBlocked) return fail(send, res, 403, 'forbidden', `Tiêu chí ${code} không được giao cho bộ phận của bạn`), true;
    const score = num(body.self);
    if (Number.isNaN(score) || (score !== null && (score < 0 || score > (node.max ?? 0)))) {
      return fail(send, res, 400, 'invalid', `Điểm tự chấm của tiêu chí ${code} phải từ 0 đến ${node.max}`, [
        { field: 'self', path: `nodes.${code}.self`, value: String(body.self), reason: `phải từ 0 đến ${node.max}` },
      ]), true;
    }
    if (score !== v.self) log(store, user, 'score.self', code, 'self', v.self, score);
    const explanation = String(body.explanation ?? '');
    if (explanation !== v.explanation) log(store, user, 'score.explanation', code, 'explanation', v.explanation, explanation);
    v.self = score as number | null;
    v.explanation = explanation;
    await new Promise((r) => setTimeout(r, 250));
    send(res, 200, view(store, user));
    return true;
  }
  if (what === 'assignment' && method === 'PUT') {
    if (!c.assign) return forbidden(), true;
    const department = (body.department as string | null) ?? null;
    if (department && !DEPARTMENTS.some((d) => d.code === department)) {
      return fail(send, res, 400, 'invalid', 'Không có bộ phận này', [{ field: 'department', value: department, reason: 'không có' }]), true;
    }
    log(store, user, 'criterion.assign', code, 'department', v.assigned_department, department);
    v.assigned_department = department;
    send(res, 200, view(store, user));
    return true;
  }
  if (what === 'appraisal' && method === 'PUT') {
    if (!c.appraise) return (user.role === 'appraiser' ? wrongStatus() : forbidden()), true;
    const score = num(body.appraised);
    const reason = String(body.reason ?? '').trim();
    if (score === null || Number.isNaN(score) || score < 0 || score > (node.max ?? 0)) {
      return fail(send, res, 400, 'invalid', `Điểm thẩm định của tiêu chí ${code} phải từ 0 đến ${node.max}`, [
        { field: 'appraised', value: String(body.appraised), reason: `phải từ 0 đến ${node.max}` },
      ]), true;
    }
    if (score !== v.self && !reason) {
      return fail(send, res, 400, 'invalid', 'Cần ghi lý do khi điểm thẩm định khác điểm tự chấm', [{ field: 'reason', reason: 'bắt buộc' }]), true;
    }
    if (!store.state.appraisal_started_at) store.state.appraisal_started_at = now();
    log(store, user, score === v.self ? 'score.accept' : 'score.adjust', code, 'appraised', v.appraised, score);
    v.appraised = score;
    v.reason = reason;
    send(res, 200, view(store, user));
    return true;
  }
  if (what === 'explanations' && method === 'POST') {
    if (!c.explain) return (user.unit === unit ? wrongStatus() : forbidden()), true;
    const text = String(body.text ?? '').trim();
    if (!text) return fail(send, res, 400, 'invalid', 'Nội dung giải trình trống', [{ field: 'text', reason: 'bắt buộc' }]), true;
    v.explanations.push({ text, by: user.username, at: now() });
    log(store, user, 'score.explain', code, 'explanation', null, text);
    send(res, 201, view(store, user));
    return true;
  }
  fail(send, res, 405, 'method_not_allowed', 'Phương thức không được hỗ trợ');
  return true;
}
