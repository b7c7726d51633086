// Mock answers of the KPI routes (issue 5 §4) for `vite --mode mock`: a small catalogue, the unit's targets with
// fixed actuals and statuses, the overview, and suggested scores.
import type { IncomingMessage, ServerResponse } from 'node:http';

type Send = (res: ServerResponse, status: number, body: unknown) => void;

const scope = (field: string | null = null) => ({ field, department: null, procedure: null });

const catalogue = [
  { code: 'dung-han', name: 'Tỷ lệ hồ sơ giải quyết đúng hạn', name_en: 'Dossiers resolved on time', unit_of_measure: '%', measure: 'on_time_rate', comparator: '>=', value: 95, amber_margin: 2, scope: scope(), source: 'seed001' },
  { code: 'dung-han-dat-dai', name: 'Tỷ lệ đúng hạn lĩnh vực đất đai', name_en: 'On time, land', unit_of_measure: '%', measure: 'on_time_rate', comparator: '>=', value: 99, amber_margin: 1, scope: scope('dat-dai'), source: 'seed001' },
  { code: 'toan-trinh', name: 'Tỷ lệ hồ sơ trực tuyến toàn trình', name_en: 'Fully online share', unit_of_measure: '%', measure: 'online_full_share', comparator: '>=', value: 70, amber_margin: 5, scope: scope(), source: 'seed001' },
  { code: 'xin-loi-tre-han', name: 'Hồ sơ trễ hạn không có thư xin lỗi', name_en: 'Late without apology', unit_of_measure: 'hồ sơ', measure: 'late_without_apology', comparator: '<=', value: 0, amber_margin: 0, scope: scope(), source: 'seed001' },
  { code: 'tin-bai', name: 'Tin, bài đăng trên Cổng thông tin điện tử', name_en: 'Website posts', unit_of_measure: 'bài', measure: 'manual', comparator: '>=', value: 60, amber_margin: 10, scope: scope(), source: 'seed001' },
].map((k) => ({ ...k, version: 1 }));

const actuals: Record<string, number | null> = { 'dung-han': 96.125, 'dung-han-dat-dai': 98.5, 'toan-trinh': 62.4, 'xin-loi-tre-han': 3, 'tin-bai': null };
const counters: Record<string, string> = { on_time_rate: 'on_time', online_full_share: 'online_full', late_without_apology: 'late_without_apology' };

function status(cmp: string, value: number, margin: number, actual: number | null) {
  if (actual === null) return 'no_data';
  const met = cmp === '>=' ? actual >= value : cmp === '<=' ? actual <= value : actual === value;
  if (met) return 'met';
  const gap = Math.abs(actual - value);
  return gap <= margin ? 'near' : 'not_met';
}

const targets = new Map<string, { comparator: string; value: number; note: string }>();

function unitKpis(unit: string, year: number) {
  return {
    unit: { code: unit, name: unit === 'lakhe' ? 'Phường La Khê' : unit },
    year,
    as_of: `${year}-12-31 23:59:59`,
    can: { edit_targets: true },
    kpis: catalogue.map((c) => {
      const own = targets.get(`${unit}/${year}/${c.code}`);
      const target = { comparator: own?.comparator ?? c.comparator, value: own?.value ?? c.value, scope: c.scope, note: own?.note ?? '', default: !own };
      const actual = actuals[c.code];
      const st = status(target.comparator, target.value, c.amber_margin, actual);
      const sign = { '>=': '≥', '<=': '≤', '=': '=' }[target.comparator];
      const fmt = (v: number) => String(v).replace('.', ',') + (c.unit_of_measure === '%' ? '%' : ` ${c.unit_of_measure}`);
      return {
        kpi: c.code, name: c.name, name_en: c.name_en, unit_of_measure: c.unit_of_measure, measure: c.measure, target,
        actual: actual === null ? null : { value: actual, source: c.measure === 'manual' ? 'manual' : 'dossiers', date: null, note: '', by: null, evidence: [] },
        status: st,
        computation: actual === null ? 'Chưa có số liệu' : `${fmt(actual)} ${sign} ${fmt(target.value)} → ${st === 'met' ? 'đạt' : st === 'near' ? 'gần đạt' : 'chưa đạt'}`,
        computation_en: actual === null ? 'No data' : `${actual} ${sign} ${target.value} → ${st}`,
        drilldown: c.measure === 'manual' ? null : { unit, year, counter: counters[c.measure], ...(c.scope.field ? { field: c.scope.field } : {}) },
        links: {},
      };
    }),
  };
}

export async function handleKpi(req: IncomingMessage, res: ServerResponse, url: URL, send: Send): Promise<boolean> {
  const path = url.pathname;
  const year = Number(url.searchParams.get('year') ?? '2024');
  let m: RegExpExecArray | null;
  if (path === '/api/kpis' && req.method === 'GET') {
    send(res, 200, { kpis: catalogue });
    return true;
  }
  if (path === '/api/kpis/overview') {
    const units = ['lakhe', 'vanquan', 'yennghia'].map((u) => {
      const data = unitKpis(u, year);
      const counts = { met: 0, near: 0, not_met: 0, no_data: 0 } as Record<string, number>;
      for (const k of data.kpis) counts[k.status] += 1;
      return { code: u, name: data.unit.name, counts, cells: data.kpis.map((k) => ({ kpi: k.kpi, status: k.status, actual: k.actual?.value ?? null, target: k.target.value, comparator: k.target.comparator, computation: k.computation })) };
    });
    send(res, 200, { year, indicators: catalogue.map((c) => ({ code: c.code, name: c.name, name_en: c.name_en, unit_of_measure: c.unit_of_measure })), units });
    return true;
  }
  if ((m = /^\/api\/units\/([^/]+)\/kpis$/.exec(path))) {
    send(res, 200, unitKpis(m[1], year));
    return true;
  }
  if ((m = /^\/api\/units\/([^/]+)\/kpis\/([^/]+)$/.exec(path)) && req.method === 'PUT') {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    targets.set(`${m[1]}/${year}/${m[2]}`, { comparator: body.comparator, value: Number(body.value), note: body.note ?? '' });
    send(res, 200, unitKpis(m[1], year).kpis.find((k) => k.kpi === m![2]));
    return true;
  }
  if ((m = /^\/api\/units\/([^/]+)\/assessments\/(\d+)\/suggestions$/.exec(path))) {
    send(res, 200, { unit: m[1], year: Number(m[2]), suggestions: [] });
    return true;
  }
  return false;
}
