// The administration routes of the mock (`npm run dev:mock`): users, units, groups, imports and the audit log,
// kept in memory. A file whose name contains "bad" fails its import with errors on lines 3 and 5.
import type { IncomingMessage, ServerResponse } from 'node:http';

type Send = (res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) => void;
type Who = { username: string; role: string };

interface MockUser {
  username: string;
  display_name: string;
  role: string;
  unit: string | null;
  groups: string[];
  department: string | null;
  disabled: boolean;
  must_change_password: boolean;
  locked: boolean;
}

const adminUsers: MockUser[] = [];
const audit: Array<Record<string, unknown>> = [];
let nextAudit = 1;

function log(who: Who, action: string, subject: string, old: unknown, value: unknown) {
  audit.unshift({ id: nextAudit++, at: new Date().toISOString(), username: who.username, address: '127.0.0.1', action, subject, node: null, field: null, old, new: value });
}

async function raw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function fail(send: Send, res: ServerResponse, status: number, code: string, message: string, details: unknown[] = []) {
  send(res, status, { error: { code, message, details, request_id: 'mock-admin' } });
}

/** Answers /api/admin/* (true when handled). `seed` lists the mock's demo logins as the first users. */
export async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  who: Who,
  send: Send,
  seed: Record<string, { display_name: string; role: string; unit: string | null; groups: string[]; department: string | null }>,
): Promise<boolean> {
  const path = url.pathname;
  if (!path.startsWith('/api/admin/')) return false;
  if (who.role !== 'admin' && who.role !== 'administrator') {
    fail(send, res, 403, 'forbidden', 'Bạn không có quyền quản trị hệ thống');
    return true;
  }
  if (adminUsers.length === 0) {
    for (const [username, u] of Object.entries(seed)) adminUsers.push({ username, ...u, disabled: false, must_change_password: false, locked: false });
  }
  const method = req.method ?? 'GET';
  let m: RegExpExecArray | null;
  if (path === '/api/admin/users' && method === 'GET') {
    send(res, 200, { users: [...adminUsers].sort((a, b) => a.username.localeCompare(b.username)) });
    return true;
  }
  if (path === '/api/admin/users' && method === 'POST') {
    const body = JSON.parse((await raw(req)).toString('utf8') || '{}');
    if (!/^[a-z0-9._-]{3,40}$/.test(body.username ?? '')) {
      fail(send, res, 400, 'invalid_input', 'Tên đăng nhập không hợp lệ', [{ path: '$.username', field: 'username', value: body.username, reason: 'từ 3 đến 40 ký tự: chữ không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang' }]);
      return true;
    }
    if (adminUsers.some((u) => u.username === body.username)) {
      fail(send, res, 409, 'conflict', `Tên đăng nhập ${body.username} đã có`, [{ path: '$.username', field: 'username', value: body.username, reason: 'đã có' }]);
      return true;
    }
    const user: MockUser = { ...body, groups: body.groups ?? [], disabled: false, must_change_password: true, locked: false };
    adminUsers.push(user);
    log(who, 'user.create', user.username, null, user.role);
    send(res, 201, { user, one_time_password: 'mk-' + Math.random().toString(36).slice(2, 12) });
    return true;
  }
  if ((m = /^\/api\/admin\/users\/([^/]+)(?:\/([a-z-]+))?$/.exec(path))) {
    const user = adminUsers.find((u) => u.username === decodeURIComponent(m![1]));
    if (!user) {
      fail(send, res, 404, 'not_found', 'Không có người dùng này');
      return true;
    }
    if (!m[2] && method === 'PUT') {
      const body = JSON.parse((await raw(req)).toString('utf8') || '{}');
      Object.assign(user, body);
      log(who, 'user.update', user.username, null, user.role);
      send(res, 200, user);
    } else if (m[2] === 'reset-password') {
      user.must_change_password = true;
      log(who, 'user.reset', user.username, null, null);
      send(res, 200, { one_time_password: 'mk-' + Math.random().toString(36).slice(2, 12) });
    } else if (m[2] === 'disable' || m[2] === 'enable') {
      user.disabled = m[2] === 'disable';
      log(who, `user.${m[2]}`, user.username, null, null);
      send(res, 200, user);
    } else return false;
    return true;
  }
  if ((m = /^\/api\/admin\/units\/([^/]+)$/.exec(path)) && method === 'PUT') {
    const body = JSON.parse((await raw(req)).toString('utf8') || '{}');
    log(who, 'unit.save', m[1], null, body.name);
    send(res, 200, { code: m[1], ...body });
    return true;
  }
  if ((m = /^\/api\/admin\/groups\/([^/]+)\/(\d+)$/.exec(path)) && method === 'PUT') {
    const body = JSON.parse((await raw(req)).toString('utf8') || '{}');
    if (Number(m[2]) <= 2023) {
      fail(send, res, 409, 'conflict', `Nhóm ${m[1]} năm ${m[2]} đã công bố kết quả`);
      return true;
    }
    log(who, 'group.save', `${m[1]} ${m[2]}`, null, body.name);
    send(res, 200, { code: m[1], year: Number(m[2]), name: body.name, framework: body.framework, members: body.members?.length ?? 0, ranked: 0 });
    return true;
  }
  if (path === '/api/admin/import' && method === 'POST') {
    const bytes = await raw(req);
    const file = url.searchParams.get('file') ?? 'tep';
    if (/bad/i.test(file)) {
      fail(send, res, 400, 'invalid_input', `Tệp ${file} có 3 lỗi`, [
        { file, line: 5, column: 3, path: null, field: 'parent_code', value: '9.9', reason: 'không có tiêu chí cấp trên 9.9' },
        { file, line: 3, column: 5, path: null, field: 'max', value: 'mười', reason: 'số không hợp lệ' },
        { file, line: 3, column: 6, path: null, field: 'method', value: 'hỏi', reason: 'phương pháp không hợp lệ' },
      ]);
      return true;
    }
    const dry = url.searchParams.get('dry_run') === 'true';
    if (!dry) log(who, `import.${url.searchParams.get('kind')}`, file, null, `${bytes.length} bytes`);
    send(res, 200, { kind: url.searchParams.get('kind'), file, dry_run: dry, units: 0, groups: 0, frameworks: 1, assessments: 0, node_scores: 0 });
    return true;
  }
  if (path === '/api/admin/export') {
    send(res, 200, { groups: [] });
    return true;
  }
  if (path === '/api/admin/audit') {
    const before = Number(url.searchParams.get('before') ?? Infinity);
    const limit = Number(url.searchParams.get('limit') ?? 200);
    send(res, 200, { entries: audit.filter((e) => Number(e.id) < before).slice(0, limit) });
    return true;
  }
  return false;
}
