// A stand-in for the C++ server while developing the UI: `npx vite --mode mock` answers /api/*
// from the JSON samples in src/__fixtures__ (produced by `parindex results|ranking --format json`).
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import { handleWorkflow } from './mock-workflow.ts';
import { handleAdmin } from './mock-admin.ts';
import { handlePlans } from './mock-plans.ts';
import { handleDossiers } from './mock-dossiers.ts';
import { handleKpi } from './mock-kpi.ts';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', '__fixtures__');
const PASSWORD = 'demo-parindex-2024';

const users: Record<string, { display_name: string; role: string; unit: string | null; groups: string[]; department: string | null }> = {
  'vanphong.lakhe': { display_name: 'Văn phòng La Khê', role: 'coordinator', unit: 'lakhe', groups: [], department: 'van-phong' },
  'tuphap.lakhe': { display_name: 'Tư pháp La Khê', role: 'officer', unit: 'lakhe', groups: [], department: 'tu-phap' },
  'chutich.lakhe': { display_name: 'Chủ tịch UBND phường La Khê', role: 'leader', unit: 'lakhe', groups: [], department: null },
  'xem.lakhe': { display_name: 'Người xem La Khê', role: 'viewer', unit: 'lakhe', groups: [], department: null },
  thamdinh: {
    display_name: 'Cán bộ thẩm định',
    role: 'appraiser',
    unit: null,
    groups: ['hadong-wards', 'caoloc-communes', 'seed001-province', 'seed001-district'],
    department: null,
  },
  admin: { display_name: 'Quản trị hệ thống', role: 'admin', unit: null, groups: [], department: null },
};

const sessions = new Map<string, string>();

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

function error(res: ServerResponse, status: number, code: string, message: string) {
  send(res, status, { error: { code, message, details: [], request_id: 'mock-' + Date.now().toString(16) } });
}

function fixture(name: string): unknown | null {
  const file = join(fixtures, name + '.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

async function body(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    return {};
  }
}

function sessionOf(req: IncomingMessage): string | null {
  const m = /parindex_session=([^;]+)/.exec(req.headers.cookie ?? '');
  return m && sessions.has(m[1]) ? sessions.get(m[1])! : null;
}

function sessionBody(username: string) {
  return { user: { username, ...users[username] }, csrf_token: 'mock-csrf-' + username, must_change_password: false };
}

export function mockApi(): Plugin {
  return {
    name: 'parindex-mock-api',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (!url.pathname.startsWith('/api/')) return next();
        const path = url.pathname;
        if (path === '/api/session' && req.method === 'POST') {
          const { username, password } = await body(req);
          if (!users[username] || password !== PASSWORD) {
            return error(res, 401, 'invalid_credentials', 'Tên đăng nhập hoặc mật khẩu không đúng');
          }
          const id = Math.random().toString(36).slice(2);
          sessions.set(id, username);
          return send(res, 200, sessionBody(username), { 'Set-Cookie': `parindex_session=${id}; HttpOnly; SameSite=Strict; Path=/` });
        }
        const username = sessionOf(req);
        if (!username) return error(res, 401, 'unauthenticated', 'Bạn chưa đăng nhập hoặc phiên đã hết hạn');
        if (path === '/api/session' && req.method === 'GET') return send(res, 200, sessionBody(username));
        if (path === '/api/session' && req.method === 'DELETE') return send(res, 200, {});
        if (await handleAdmin(req, res, url, { username, role: users[username].role }, send, users)) return;
        const lostPoints = (unit: string, y: number) => (fixture(`results-${unit}-${y}`) as { lost_points?: never[] } | null)?.lost_points ?? null;
        if (await handleKpi(req, res, url, send)) return;
        if (await handlePlans(req, res, url, { username, ...users[username] }, send, lostPoints)) return;
        if (await handleDossiers(req, res, url, { username, ...users[username] }, send)) return;
        if (
          await handleWorkflow(
            req,
            res,
            url,
            { username, ...users[username] },
            send,
            (unit) => {
              const results = fixture(`results-${unit}-2023`) as { framework?: string } | null;
              const fw = fixture(`framework-${results?.framework ?? 'hadong-2023'}`) as { code: string; nodes: never[] } | null;
              return fw;
            },
            (unit) => {
              const list = fixture('units') as { units?: Array<{ code: string; name: string }> } | Array<{ code: string; name: string }> | null;
              const units = Array.isArray(list) ? list : (list?.units ?? []);
              return units.find((u) => u.code === unit)?.name ?? unit;
            },
          )
        )
          return;
        const year = url.searchParams.get('year') ?? '2023';
        let m: RegExpExecArray | null;
        if ((m = /^\/api\/units\/([^/]+)\/results$/.exec(path))) {
          const data = fixture(`results-${m[1]}-${year}`);
          return data ? send(res, 200, data) : error(res, 404, 'not_found', `Đơn vị ${m[1]} chưa có kết quả đánh giá năm ${year}`);
        }
        if ((m = /^\/api\/groups\/([^/]+)\/ranking$/.exec(path))) {
          const data = fixture(`ranking-${m[1]}-${year}`) as { rows: unknown[] } | null;
          return data ? send(res, 200, { ...data, total: data.rows.length }) : error(res, 404, 'not_found', `Nhóm ${m[1]} chưa có xếp hạng năm ${year}`);
        }
        if (path === '/api/groups') return send(res, 200, fixture('groups-2023'));
        if (path === '/api/units') return send(res, 200, fixture('units'));
        if (path === '/api/frameworks') return send(res, 200, fixture('frameworks'));
        if ((m = /^\/api\/frameworks\/([^/]+)$/.exec(path))) {
          const data = fixture(`framework-${m[1]}`);
          return data ? send(res, 200, data) : error(res, 404, 'not_found', `Không tìm thấy bộ chỉ số "${m[1]}"`);
        }
        return error(res, 404, 'not_found', 'Không có đường dẫn API này');
      });
    },
  };
}
