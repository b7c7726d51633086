// KPI targets over HTTP (issue 5 §4) on the demo data: La Khê's targets of 2024 with actuals equal to the figures
// of GET /api/dossiers/stats (computed here), statuses judged here from the target and the amber margin, a target
// set by the coordinator, a manual actual with an evidence file, bad input named field by field, the appraiser's
// overview, the catalogue and criterion rules kept by appraisers, and suggested scores computed here from the
// statistics. Which role may call which route is the table of roles.test.mjs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startDemoServer, stopDemoServer } from './client.mjs';

const UNIT = 'lakhe';
const YEAR = 2024;
const KPIS = `/api/units/${UNIT}/kpis?year=${YEAR}`;

let env;
let server;
const as = {};

before(async () => {
  ({ env, server } = await startDemoServer(as, {
    demoUsers: { coord: 'vanphong.lakhe', viewer: 'xem.lakhe', appraiser: 'thamdinh' },
  }));
});

after(() => stopDemoServer({ env, server }));

/** The year's totals of GET /api/dossiers/stats, with a scope's filters. */
async function stats(scope = {}) {
  const params = new URLSearchParams({ unit: UNIT, year: String(YEAR) });
  for (const [key, value] of Object.entries(scope)) if (value) params.set(key, value);
  return (await as.coord.call('GET', `/api/dossiers/stats?${params}`, { status: 200 })).json.total;
}

/** A measure's value from the statistics' totals, as the contract names them. */
function measureOf(measure, total) {
  const rates = {
    on_time_rate: 'on_time',
    early_rate: 'early',
    late_rate: 'late',
    online_full_share: 'online_full_share',
    online_partial_share: 'online_partial_share',
    postal_share: 'postal_share',
    average_processing_days: 'average_processing_days',
  };
  if (measure in rates) return total.rates[rates[measure]];
  return total.counters.received > 0 ? total.counters[measure] : null;
}

/** Thousandths as integers, so that comparisons never meet binary rounding. */
const milli = (v) => Math.round(v * 1000);

/** The status of an actual against a target, judged here. */
function judge(comparator, target, margin, actual) {
  if (actual === null || actual === undefined) return 'no_data';
  const [a, t, m] = [milli(actual), milli(target), milli(margin)];
  const met = comparator === '>=' ? a >= t : comparator === '<=' ? a <= t : a === t;
  if (met) return 'met';
  return m > 0 && Math.abs(a - t) <= m ? 'near' : 'not_met';
}

test("La Khê's actuals equal the dossier statistics and each status follows its target and margin", async () => {
  const { json } = await as.coord.call('GET', KPIS, { status: 200 });
  assert.equal(json.unit.name.includes('La Khê'), true);
  const catalogue = (await as.coord.call('GET', '/api/kpis', { status: 200 })).json.kpis;
  assert.deepEqual(
    json.kpis.map((k) => k.kpi),
    catalogue.map((k) => k.code),
  );
  let fromDossiers = 0;
  for (const row of json.kpis) {
    const indicator = catalogue.find((k) => k.code === row.kpi);
    if (row.measure !== 'manual') {
      const total = await stats(row.target.scope);
      const expected = measureOf(row.measure, total);
      if (expected === null) {
        assert.equal(row.actual, null, row.kpi);
      } else {
        assert.equal(row.actual.source, 'dossiers', row.kpi);
        assert.equal(row.actual.value, expected, row.kpi);
        fromDossiers += 1;
        const params = new URLSearchParams(row.links.dossiers.split('?')[1]);
        assert.equal(params.get('counter'), row.drilldown.counter);
        assert.equal(params.get('field'), row.target.scope.field);
      }
    }
    const actual = row.actual ? row.actual.value : null;
    assert.equal(row.status, judge(row.target.comparator, row.target.value, indicator.amber_margin, actual), row.kpi);
  }
  assert.ok(fromDossiers >= 6, `${fromDossiers} actuals from dossiers`);

  // The land scope is the field dat-dai; its rate differs from the whole unit's.
  const land = json.kpis.find((k) => k.kpi === 'dung-han-dat-dai');
  assert.equal(land.target.scope.field, 'dat-dai');
  assert.equal(land.drilldown.field, 'dat-dai');
  // The drill-down list behind the on-time rate holds as many dossiers as its numerator.
  const onTime = json.kpis.find((k) => k.kpi === 'dung-han');
  const list = await as.coord.call('GET', onTime.links.dossiers, { status: 200 });
  assert.equal(list.json.total, onTime.actual.numerator);
  // The computation says it in words with a decimal comma.
  const shown = String(onTime.actual.value).replace('.', ',');
  assert.match(onTime.computation, new RegExp(`^${shown}% (≥|<) 95% .*→ (đạt|gần đạt|chưa đạt)$`));
});

test('the coordinator sets a target; the status and the computation follow it', async () => {
  const before = (await as.coord.call('GET', KPIS, { status: 200 })).json.kpis.find((k) => k.kpi === 'toan-trinh');
  const actual = before.actual.value;
  // A target just above the actual, within the margin of 5: near; just below: met.
  const above = (milli(actual) + 1000) / 1000;
  let row = (
    await as.coord.call('PUT', `/api/units/${UNIT}/kpis/toan-trinh?year=${YEAR}`, {
      body: { comparator: '>=', value: String(above).replace('.', ','), note: 'Theo kế hoạch của phường' },
      status: 200,
    })
  ).json;
  assert.equal(row.target.value, above);
  assert.equal(row.target.default, false);
  assert.equal(row.target.note, 'Theo kế hoạch của phường');
  assert.equal(row.status, 'near');
  assert.match(row.computation, /trong biên độ 5% → gần đạt$/);
  row = (
    await as.coord.call('PUT', `/api/units/${UNIT}/kpis/toan-trinh?year=${YEAR}`, {
      body: { comparator: '<=', value: actual - 10 },
      status: 200,
    })
  ).json;
  assert.equal(row.status, 'not_met');
  const after = (await as.coord.call('GET', KPIS, { status: 200 })).json.kpis.find((k) => k.kpi === 'toan-trinh');
  assert.equal(after.target.comparator, '<=');
  assert.equal(after.target.saved_by, 'vanphong.lakhe');

  // Bad input: every field named; a viewer may not; an unknown indicator is 404.
  const bad = await as.coord.call('PUT', `/api/units/${UNIT}/kpis/toan-trinh?year=${YEAR}`, {
    body: { comparator: '>', value: 120, scope: { field: 'đất đai' } },
    status: 400,
  });
  const fields = bad.json.error.details.map((d) => d.field).sort();
  assert.deepEqual(fields, ['comparator', 'scope.field', 'value']);
  const bad2 = await as.coord.call('PUT', `/api/units/${UNIT}/kpis/toan-trinh?year=${YEAR}`, {
    body: { value: 120, scope: { field: 'đất đai' } },
    status: 400,
  });
  assert.deepEqual(bad2.json.error.details.map((d) => d.field).sort(), ['scope.field', 'value']);
  assert.match(bad2.json.error.details.find((d) => d.field === 'value').reason, /0 đến 100/);
  await as.viewer.call('PUT', `/api/units/${UNIT}/kpis/toan-trinh?year=${YEAR}`, { body: { value: 1 }, status: 403 });
  await as.coord.call('PUT', `/api/units/${UNIT}/kpis/khong-co?year=${YEAR}`, { body: { value: 1 }, status: 404 });
});

test('a manual actual with an evidence file', async () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
  const up = await as.coord.call('POST', `/api/units/${UNIT}/kpis/doi-thoai/evidence?year=${YEAR}&file=bien-ban.pdf`, {
    raw: pdf,
    headers: { 'Content-Type': 'application/pdf' },
    status: 201,
  });
  const row = (
    await as.coord.call('POST', `/api/units/${UNIT}/kpis/doi-thoai/actuals?year=${YEAR}`, {
      body: { value: 2, date: '20/12/2024', note: 'Đối thoại 6 tháng cuối năm', evidence: [up.json.sha256] },
      status: 201,
    })
  ).json;
  assert.equal(row.actual.value, 2);
  assert.equal(row.actual.date, '2024-12-20');
  assert.deepEqual(row.actual.evidence, [up.json.sha256]);
  assert.equal(row.status, 'met');
  assert.equal(row.computation, '2 cuộc ≥ 2 cuộc → đạt');
  const file = await as.viewer.call(
    'GET',
    `/api/units/${UNIT}/kpis/doi-thoai/evidence/${up.json.sha256}?year=${YEAR}`,
    { status: 200 },
  );
  assert.ok(file.bytes.equals(pdf));
  // An earlier date does not replace the latest figure; a bad date, a negative value and an unknown file are named.
  await as.coord.call('POST', `/api/units/${UNIT}/kpis/doi-thoai/actuals?year=${YEAR}`, {
    body: { value: 0, date: '2024-01-15' },
    status: 201,
  });
  const latest = (await as.coord.call('GET', KPIS, { status: 200 })).json.kpis.find((k) => k.kpi === 'doi-thoai');
  assert.equal(latest.actual.value, 2);
  const bad = await as.coord.call('POST', `/api/units/${UNIT}/kpis/doi-thoai/actuals?year=${YEAR}`, {
    body: { value: -1, date: '31/02/2024' },
    status: 400,
  });
  assert.deepEqual(bad.json.error.details.map((d) => d.field).sort(), ['date', 'value']);
  const missing = await as.coord.call('POST', `/api/units/${UNIT}/kpis/doi-thoai/actuals?year=${YEAR}`, {
    body: { value: 1, evidence: ['a'.repeat(64)] },
    status: 400,
  });
  assert.equal(missing.json.error.details[0].field, 'evidence[0]');
});

test("the appraiser's overview: every unit with data, the most unmet targets first", async () => {
  const { json } = await as.appraiser.call('GET', `/api/kpis/overview?year=${YEAR}`, { status: 200 });
  assert.ok(json.units.length > 10);
  assert.ok(json.units.some((u) => u.code === UNIT));
  for (let i = 1; i < json.units.length; i++) {
    const [a, b] = [json.units[i - 1].counts, json.units[i].counts];
    assert.ok(a.not_met > b.not_met || (a.not_met === b.not_met && a.near >= b.near), `order at ${i}`);
  }
  const lakhe = json.units.find((u) => u.code === UNIT);
  assert.equal(lakhe.cells.length, json.indicators.length);
  const unit = (await as.coord.call('GET', KPIS, { status: 200 })).json;
  for (const cell of lakhe.cells) {
    const row = unit.kpis.find((k) => k.kpi === cell.kpi);
    assert.equal(cell.status, row.status, cell.kpi);
  }
  // The coordinator sees their unit only.
  const own = (await as.coord.call('GET', `/api/kpis/overview?year=${YEAR}`, { status: 200 })).json;
  assert.deepEqual(
    own.units.map((u) => u.code),
    [UNIT],
  );
});

test('the catalogue is versioned and kept by appraisers', async () => {
  const saved = await as.appraiser.call('PUT', '/api/kpis/tin-bai', { body: { value: 70 }, status: 200 });
  assert.equal(saved.json.version, 2);
  assert.equal(saved.json.value, 70);
  assert.equal(saved.json.measure, 'manual');
  // Members not sent keep their value.
  assert.equal(saved.json.name_en, 'Posts on the website');
  assert.equal(saved.json.unit_of_measure, 'bài');
  const one = (await as.viewer.call('GET', '/api/kpis/tin-bai', { status: 200 })).json;
  assert.deepEqual(
    one.versions.map((v) => v.value),
    [60, 70],
  );
  await as.coord.call('PUT', '/api/kpis/tin-bai', { body: { value: 10 }, status: 403 });
  const bad = await as.appraiser.call('PUT', '/api/kpis/Chi-Tieu', {
    body: { name: '', unit_of_measure: '%', measure: 'lan', value: 'abc' },
    status: 400,
  });
  assert.deepEqual(bad.json.error.details.map((d) => d.field).sort(), ['code', 'measure', 'name', 'value']);
});

test('suggested scores equal the rules applied here to the statistics', async () => {
  const rules = (await as.viewer.call('GET', '/api/frameworks/hadong-2024-mau/kpi-rules', { status: 200 })).json;
  assert.deepEqual(
    rules.rules.map((r) => [r.node, r.kpi, r.method]),
    [
      ['3.2', 'dung-han', 'thresholds'],
      ['6.7', 'so-hoa-ket-qua', 'proportional'],
    ],
  );
  const { json } = await as.coord.call('GET', `/api/units/${UNIT}/assessments/${YEAR}/suggestions`, { status: 200 });
  assert.equal(json.framework, 'hadong-2024-mau');
  const onTime = (await stats()).rates.on_time;
  const s32 = json.suggestions.find((s) => s.node === '3.2');
  assert.equal(s32.actual, onTime);
  assert.equal(s32.max, 2);
  const expected = onTime >= 95 ? 2 : onTime >= 90 ? 1 : 0;
  assert.equal(s32.points, expected);
  assert.equal(s32.computation.endsWith(`→ ${expected},000/2,000 điểm`), true, s32.computation);
  // 6.7: 46,5 % digitised (the demo's figure) against 50 %: 1 × 46.5 / 50 = 0.93.
  const s67 = json.suggestions.find((s) => s.node === '6.7');
  assert.equal(s67.actual, 46.5);
  assert.equal(s67.points, 0.93);
  assert.match(s67.computation, /46,5% \/ 50% × 1,000 → 0,930\/1,000 điểm$/);

  // Rules are checked against the framework and the catalogue; coordinators may not change them.
  const bad = await as.appraiser.call('PUT', '/api/frameworks/hadong-2024-mau/kpi-rules', {
    body: { rules: [{ node: '9.9', kpi: 'dung-han' }, { node: '3.2', kpi: 'khong-co', method: 'thresholds', floor: 5 }] },
    status: 400,
  });
  assert.deepEqual(bad.json.error.details.map((d) => d.field).sort(), [
    'rules[0].node',
    'rules[1].floor',
    'rules[1].kpi',
    'rules[1].thresholds',
  ]);
  await as.coord.call('PUT', '/api/frameworks/hadong-2024-mau/kpi-rules', { body: { rules: [] }, status: 403 });
  // Full points at the target: with the target lowered below the actual, 3.2 gets its maximum.
  await as.appraiser.call('PUT', '/api/frameworks/hadong-2024-mau/kpi-rules', {
    body: { rules: [{ node: '3.2', kpi: 'dung-han', method: 'full_at' }] },
    status: 200,
  });
  await as.coord.call('PUT', `/api/units/${UNIT}/kpis/dung-han?year=${YEAR}`, { body: { value: 80 }, status: 200 });
  const full = (await as.coord.call('GET', `/api/units/${UNIT}/assessments/${YEAR}/suggestions`, { status: 200 }))
    .json.suggestions;
  assert.equal(full.length, 1);
  assert.equal(full[0].points, onTime >= 80 ? 2 : 0);
});
