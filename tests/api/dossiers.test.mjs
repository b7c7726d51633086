// Dossier statistics over HTTP (issue 5): the demo's generated 2024 (La Khê and the other communes and wards), the
// demo logins and the real server. Every counter of /api/dossiers/stats is recounted here from the dossiers of the
// drill-down list (all pages) with the default definition set's rules written out below, in both views; the list
// behind a number has as many dossiers as the number; the heat map agrees with the cohort statistics. Which role may
// call which route is the table of roles.test.mjs. Every JSON response is checked against docs/api/openapi.yaml.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Client, startDemoServer, stopDemoServer } from './client.mjs';
import { cli } from './server.mjs';

const password = 'mat-khau-ho-so-2024';

let env;
let server;
const as = {};

before(async () => {
  ({ env, server } = await startDemoServer(as, {
    adminPassword: password,
    demoUsers: { appraiser: 'thamdinh', coord: 'vanphong.lakhe', viewer: 'xem.lakhe' },
  }));
});

after(() => stopDemoServer({ env, server }));

// --- The default definition set (CONVENTIONS.md), written out independently of the server ---------------------

const DAY = 86400;
const AS_OF = '2024-12-31 23:59:59'; // 2024 is over: the statistics are as of its last second.
/** Seconds of a `YYYY-MM-DD HH:MM:SS` local time (read as UTC: only differences and order matter). */
const seconds = (text) => Date.parse(`${text.replace(' ', 'T')}Z`) / 1000;
const asOf = seconds(AS_OF);
const month = (text) => text.slice(0, 7);
const MONTHS = Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`);
const monthEnd = (key) => {
  const [y, m] = key.split('-').map(Number);
  return Date.UTC(y, m, 1) / 1000 - 1; // The last second of the month.
};
const COUNTERS = [
  'received', 'received_counted', 'carried_over', 'processed', 'early', 'on_time', 'late', 'open_not_due',
  'open_due_soon', 'open_overdue', 'due_total', 'due_on_time', 'due_late', 'direct', 'online_partial', 'online_full',
  'postal', 'late_without_apology', 'overdue_without_apology', 'apology_excess', 'apology_too_late',
  'supplement_2plus', 'returned', 'withdrawn', 'rejected', 'processing_seconds_sum',
];
/** Counters that add up over periods (the open ones and carried_over are states at a period's edge). */
const ADDITIVE = COUNTERS.filter((c) => !['carried_over', 'open_not_due', 'open_due_soon', 'open_overdue', 'overdue_without_apology'].includes(c));
const zero = () => Object.fromEntries(COUNTERS.map((c) => [c, 0]));
const SET_ASIDE = { returned: 'returned', withdrawn: 'withdrawn', rejected: 'rejected' };

/** finished vs due: late after due, early more than a day before it, on time otherwise (no grace). */
function timeliness(d) {
  const finished = seconds(d.finished);
  const due = seconds(d.due);
  if (finished > due) return 'late';
  return finished < due - DAY ? 'early' : 'on_time';
}
/** An open dossier at `at`: overdue after due, due soon within 3 days, not due otherwise. */
function openState(d, at) {
  const due = seconds(d.due);
  if (at > due) return 'overdue';
  return due - at <= 3 * DAY ? 'due_soon' : 'not_due';
}
const finishedBy = (d, at) => d.finished !== null && seconds(d.finished) <= at;

function addReceived(c, d) {
  c.received += 1;
  c[d.channel.code] += 1;
  if (SET_ASIDE[d.status.code]) c[SET_ASIDE[d.status.code]] += 1;
  else c.received_counted += 1;
  if (d.supplement_requests >= 2) c.supplement_2plus += 1;
}
function addProcessed(c, d) {
  const t = timeliness(d);
  c.processed += 1;
  if (t === 'late') {
    c.late += 1;
    if (d.apology_letters === 0) c.late_without_apology += 1;
  } else {
    c.on_time += 1;
    if (t === 'early') c.early += 1;
  }
  if (d.apology_letters > 1) c.apology_excess += 1;
  c.processing_seconds_sum += seconds(d.finished) - seconds(d.received);
}
function addOpen(c, d, at) {
  const state = openState(d, at);
  c[`open_${state}`] += 1;
  if (state === 'overdue' && d.apology_letters === 0) c.overdue_without_apology += 1;
}
/** The due counts of a decided dossier, judged as of AS_OF. */
function addDue(c, d) {
  const finished = finishedBy(d, asOf);
  if (finished && timeliness(d) !== 'late') {
    c.due_total += 1;
    c.due_on_time += 1;
  } else if (finished || openState(d, asOf) === 'overdue') {
    c.due_total += 1;
    c.due_late += 1;
  }
}

/** Cohort view: every count in the month of received. */
function cohortCounts(dossiers) {
  const rows = {};
  for (const d of dossiers) {
    const c = (rows[month(d.received)] ??= zero());
    addReceived(c, d);
    if (SET_ASIDE[d.status.code]) continue;
    if (finishedBy(d, asOf)) addProcessed(c, d);
    else addOpen(c, d, asOf);
    addDue(c, d);
  }
  return rows;
}

/** Flow view: each count in the month of the timestamp that decides it. */
function flowCounts(dossiers) {
  const rows = {};
  const at = (key) => (rows[key] ??= zero());
  for (const d of dossiers) {
    addReceived(at(month(d.received)), d);
    if (SET_ASIDE[d.status.code]) continue;
    const finished = finishedBy(d, asOf);
    const stop = finished ? month(d.finished) : '2024-12';
    for (const key of MONTHS.filter((m) => m >= month(d.received) && m <= stop)) {
      if (key !== month(d.received)) at(key).carried_over += 1;
      if (finished && key === stop) addProcessed(at(key), d);
      else addOpen(at(key), d, Math.min(monthEnd(key), asOf));
    }
    if (month(d.due) <= '2024-12') addDue(at(month(d.due)), d);
  }
  return rows;
}

// --- Helpers ----------------------------------------------------------------------------------------------------

const query = (params) => new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined)).toString();
const stats = async (params, client = as.admin) =>
  (await client.call('GET', `/api/dossiers/stats?${query({ year: 2024, ...params })}`, { status: 200 })).json;

/** Every dossier of a drill-down list, all pages. */
async function everyDossier(params, limit = 500) {
  const all = [];
  let total = null;
  for (let offset = 0; total === null || offset < total; offset += limit) {
    const page = (await as.admin.call('GET', `/api/dossiers?${query({ year: 2024, ...params, offset, limit })}`, { status: 200 })).json;
    assert.equal(page.offset, offset);
    assert.equal(page.limit, limit);
    if (total !== null) assert.equal(page.total, total, 'the total is the same on every page');
    total = page.total;
    all.push(...page.dossiers);
  }
  assert.equal(all.length, total);
  return all;
}

const byMonth = (json) => Object.fromEntries(json.rows.map((row) => [row.period, row.counters]));
const nonEmpty = (rows) => Object.fromEntries(Object.entries(rows).filter(([, c]) => COUNTERS.some((k) => c[k] !== 0)));

let lakhe = null; // Every dossier of La Khê in 2024, from the drill-down list.
async function lakheDossiers() {
  lakhe ??= await everyDossier({ unit: 'lakhe' });
  return lakhe;
}

// --- Statistics ---------------------------------------------------------------------------------------------------

test('the year total is the sum of the monthly rows, the open ones those of December', async () => {
  const json = await stats({ unit: 'lakhe' });
  assert.deepEqual(json.unit, { code: 'lakhe', name: 'Phường La Khê' });
  assert.equal(json.view, 'flow');
  assert.equal(json.period, 'month');
  assert.equal(json.by, null);
  assert.equal(json.as_of, AS_OF);
  assert.deepEqual(json.definition, { code: 'default', version: 1, name: 'Mặc định (CONVENTIONS.md)', denominator: 'processed_in_period' });
  assert.deepEqual(json.rows.map((r) => r.period), MONTHS);
  assert.ok(json.total.counters.received >= 3000, `a few thousand dossiers: ${json.total.counters.received}`);
  for (const counter of ADDITIVE) {
    const sum = json.rows.reduce((s, row) => s + row.counters[counter], 0);
    assert.equal(json.total.counters[counter], sum, counter);
  }
  const december = json.rows[11].counters;
  for (const counter of ['open_not_due', 'open_due_soon', 'open_overdue', 'overdue_without_apology']) {
    assert.equal(json.total.counters[counter], december[counter], counter);
  }
  assert.equal(json.total.counters.carried_over, 0, 'nothing before 2024');
  // The demo's mix: 90–99 % on time, 60–80 % fully online, some late without an apology, some still open.
  const { rates, counters } = json.total;
  assert.ok(rates.on_time >= 90 && rates.on_time <= 99.5, `on time ${rates.on_time}`);
  assert.ok(rates.online_full_share >= 55 && rates.online_full_share <= 85, `online ${rates.online_full_share}`);
  assert.ok(counters.late_without_apology > 0 && counters.supplement_2plus > 0 && counters.returned > 0);
  assert.ok(counters.open_not_due + counters.open_due_soon + counters.open_overdue > 0);
  // Rates from the counters: on time over processed, 3 decimals, half away from zero.
  const percent = (n, d) => Math.round((n * 100000) / d) / 1000;
  assert.equal(rates.on_time, percent(counters.on_time, counters.processed));
  assert.equal(rates.online_full_share, percent(counters.online_full, counters.received));
  assert.equal(rates.average_processing_days, Math.round((counters.processing_seconds_sum / counters.processed / DAY) * 1000) / 1000);
});

test('the year total carries the 766 progress-and-results group scored by the default point table', async () => {
  const { total } = await stats({ unit: 'lakhe' });
  const { counters, rates, service_index: group } = total;
  assert.equal(group.max_points, 20);
  assert.deepEqual(group.indicators.map((i) => i.code), ['dung-han', 'xin-loi', 'bo-sung']);
  // Early or on time: 14 points × rate / 100 (thousandths, half away from zero); no late dossier without an apology:
  // 3 points, else 0; no dossier with two or more supplement requests: 3 points, else 0.
  const onTime = Math.round((14000 * Math.round(rates.on_time * 1000)) / 100000) / 1000;
  const apology = counters.late_without_apology === 0 ? 3 : 0;
  const supplement = counters.supplement_2plus === 0 ? 3 : 0;
  assert.deepEqual(group.indicators.map((i) => i.points), [onTime, apology, supplement]);
  assert.equal(group.indicators[0].value, rates.on_time);
  assert.equal(group.indicators[1].value, counters.late_without_apology);
  assert.equal(group.points, Math.round((onTime + apology + supplement) * 1000) / 1000);
  assert.equal(group.complete, true);
  assert.match(group.indicators[0].computation, /điểm/);
});

test('every counter of both views equals a recount of the dossiers behind the list', async () => {
  const dossiers = await lakheDossiers();
  assert.ok(dossiers.length >= 3000);
  const flow = await stats({ unit: 'lakhe' });
  assert.deepEqual(nonEmpty(byMonth(flow)), flowCounts(dossiers));
  const cohort = await stats({ unit: 'lakhe', view: 'cohort' });
  assert.deepEqual(nonEmpty(byMonth(cohort)), cohortCounts(dossiers));
  // The other denominators (the demo's Vĩnh Phúc and Gia Lai sets; their other rules are the default's): the same
  // counters, rates taken among the dossiers due in the period, or received and carried over.
  const percent = (n, d) => (d ? Math.round((n * 100000) / d) / 1000 : null);
  const vinhPhuc = await stats({ unit: 'lakhe', definition: 'vinh-phuc' });
  assert.equal(vinhPhuc.definition.denominator, 'due_in_period');
  assert.deepEqual(vinhPhuc.rows.map((r) => r.counters), flow.rows.map((r) => r.counters));
  for (const row of vinhPhuc.rows) {
    assert.equal(row.rates.on_time, percent(row.counters.due_on_time, row.counters.due_total), row.period);
    assert.equal(row.rates.late, percent(row.counters.due_late, row.counters.due_total), row.period);
  }
  const giaLai = await stats({ unit: 'lakhe', definition: 'gia-lai' });
  assert.equal(giaLai.definition.denominator, 'to_process');
  for (const row of giaLai.rows) {
    const c = row.counters;
    assert.equal(row.rates.late, percent(c.late + c.open_overdue, c.received_counted + c.carried_over), row.period);
  }
  // The year as one period: the flow view's total.
  const year = await stats({ unit: 'lakhe', period: 'year' });
  assert.deepEqual(year.rows.map((r) => r.period), ['2024']);
  assert.deepEqual(year.rows[0].counters, flow.total.counters);
});

test('the list behind a number has as many dossiers as the number, ordered by received time then id', async () => {
  const dossiers = await lakheDossiers();
  for (let i = 1; i < dossiers.length; i++) {
    const [a, b] = [dossiers[i - 1], dossiers[i]];
    assert.ok(a.received < b.received || (a.received === b.received && a.id < b.id), `${a.id} before ${b.id}`);
  }
  const flow = byMonth(await stats({ unit: 'lakhe' }));
  const cohort = byMonth(await stats({ unit: 'lakhe', view: 'cohort' }));
  const checks = [
    ['2024-03', 'flow', 'late'],
    ['2024-03', 'flow', 'late_without_apology'],
    ['2024-06', 'flow', 'carried_over'],
    ['2024-12', 'flow', 'open_overdue'],
    ['2024-12', 'flow', 'open_not_due'],
    ['2024-05', 'flow', 'due_late'],
    ['2024-07', 'cohort', 'supplement_2plus'],
    ['2024-02', 'cohort', 'online_full'],
    ['2024-09', 'cohort', 'early'],
    ['2024-04', 'flow', 'returned'],
  ];
  for (const [period, view, counter] of checks) {
    const listed = await everyDossier({ unit: 'lakhe', period, view, counter }, 100);
    const expected = (view === 'flow' ? flow : cohort)[period][counter];
    assert.equal(listed.length, expected, `${view} ${period} ${counter}`);
    assert.ok(expected > 0, `${view} ${period} ${counter} has dossiers`);
    for (const d of listed) {
      if (counter === 'late' || counter === 'late_without_apology') {
        assert.equal(d.timeliness, 'late', d.id);
        assert.equal(month(d.finished), period, d.id);
      }
      if (counter === 'late_without_apology') assert.equal(d.apology_letters, 0, d.id);
      if (counter === 'carried_over') assert.ok(month(d.received) < period && (d.finished === null || month(d.finished) >= period), d.id);
      if (counter === 'open_overdue') assert.ok(d.finished === null && d.open_state === 'overdue', d.id);
      if (counter === 'supplement_2plus') assert.ok(d.supplement_requests >= 2 && month(d.received) === period, d.id);
      if (counter === 'online_full') assert.equal(d.channel.code, 'online_full', d.id);
      if (counter === 'returned') assert.deepEqual(d.status, { code: 'returned', name: 'Trả lại hồ sơ' }, d.id);
    }
  }
  // The whole year, every dossier received: the year's received count.
  const everything = (await as.admin.call('GET', '/api/dossiers?unit=lakhe&year=2024&limit=1', { status: 200 })).json;
  assert.equal(everything.total, dossiers.length);
  assert.equal(everything.dossiers.length, 1);
  assert.equal(everything.dossiers[0].id, dossiers[0].id);
  // One dossier by its id: the same as in the list.
  const one = (await as.viewer.call('GET', `/api/dossiers/${encodeURIComponent(dossiers[10].id)}`, { status: 200 })).json;
  assert.deepEqual(one, dossiers[10]);
  assert.equal(one.department.name, { 'tp-ht': 'Tư pháp – Hộ tịch', 'vp-tk': 'Văn phòng – Thống kê', 'vh-xh': 'Văn hóa – Xã hội', 'tc-kt': 'Tài chính – Kế toán' }[one.department.code]);
});

test('filters select the dossiers of a field, channel and department', async () => {
  const dossiers = await lakheDossiers();
  const chosen = dossiers.filter((d) => d.field === 'ho-tich' && d.channel.code === 'online_full');
  assert.ok(chosen.length > 100);
  const flow = await stats({ unit: 'lakhe', field: 'ho-tich', channel: 'online_full' });
  assert.deepEqual(nonEmpty(byMonth(flow)), flowCounts(chosen));
  const listed = await everyDossier({ unit: 'lakhe', field: 'ho-tich', channel: 'online_full' });
  assert.deepEqual(listed.map((d) => d.id), chosen.map((d) => d.id));
  assert.ok(listed.every((d) => d.field_name === 'Hộ tịch'));

  const department = await everyDossier({ unit: 'lakhe', department: 'tp-ht', period: '2024-Q2', view: 'cohort', counter: 'processed' });
  const expected = dossiers.filter(
    (d) => d.department.code === 'tp-ht' && d.received >= '2024-04' && d.received < '2024-07' && d.status.code === 'finished',
  );
  assert.deepEqual(department.map((d) => d.id), expected.map((d) => d.id));
  // A procedure of the field: only its dossiers.
  const procedure = dossiers.find((d) => d.field === 'dat-dai').procedure;
  const proc = await stats({ unit: 'lakhe', procedure, by: 'procedure', period: 'year' });
  assert.equal(proc.rows.length, 1);
  assert.equal(proc.rows[0].key.code, procedure);
  assert.notEqual(proc.rows[0].key.name, procedure, 'procedures have names');
  assert.equal(proc.rows[0].counters.received, dossiers.filter((d) => d.procedure === procedure).length);
  // A code no dossier has: nothing, not an error.
  const none = await stats({ unit: 'lakhe', field: 'khong-co' });
  assert.equal(none.total.counters.received, 0);
  assert.deepEqual(none.rows, []);
});

test('a breakdown by department, field or channel sums to the total, ordered by name', async () => {
  for (const by of ['department', 'field', 'channel', 'procedure']) {
    for (const view of ['flow', 'cohort']) {
      const json = await stats({ unit: 'lakhe', by, view });
      assert.equal(json.by, by);
      for (const counter of ADDITIVE) {
        const sum = json.rows.reduce((s, row) => s + row.counters[counter], 0);
        assert.equal(sum, json.total.counters[counter], `${by} ${view} ${counter}`);
      }
      const names = [...new Set(json.rows.map((r) => r.key.name))];
      const sorted = [...names].sort((a, b) => a.localeCompare(b, 'vi'));
      assert.deepEqual(names, sorted, `${by}: rows ordered by name`);
    }
  }
  const departments = await stats({ unit: 'lakhe', by: 'department', period: 'year' });
  assert.deepEqual(
    departments.rows.map((r) => r.key),
    [
      { code: 'tp-ht', name: 'Tư pháp – Hộ tịch' },
      { code: 'vh-xh', name: 'Văn hóa – Xã hội' },
      { code: 'vp-tk', name: 'Văn phòng – Thống kê' },
    ],
  );
  const channels = await stats({ unit: 'lakhe', by: 'channel', period: 'year', view: 'cohort' });
  assert.ok(channels.rows.some((r) => r.key.code === 'online_full' && r.key.name === 'Trực tuyến toàn trình'));
  const dossiers = await lakheDossiers();
  for (const row of channels.rows) {
    assert.equal(row.counters.received, dossiers.filter((d) => d.channel.code === row.key.code).length, row.key.code);
  }
});

// --- The heat map ---------------------------------------------------------------------------------------------------

test('the heat map lists the units worst first and its cells equal the cohort statistics', async () => {
  const json = (await as.admin.call('GET', '/api/dossiers/heatmap?year=2024', { status: 200 })).json;
  assert.equal(json.metric, 'on_time_rate');
  assert.deepEqual(json.months, MONTHS);
  assert.ok(json.units.length > 100, `${json.units.length} communes and wards`);
  for (let i = 1; i < json.units.length; i++) {
    assert.ok(json.units[i - 1].year_value <= json.units[i].year_value, `${json.units[i - 1].code} before ${json.units[i].code}`);
  }
  for (const code of ['lakhe', json.units[0].code, json.units.at(-1).code]) {
    const unit = json.units.find((u) => u.code === code);
    const cohort = await stats({ unit: code, view: 'cohort' });
    const rows = byMonth(cohort);
    assert.equal(unit.received, cohort.total.counters.received, code);
    assert.equal(unit.name, cohort.unit.name);
    assert.equal(unit.year_value, cohort.total.rates.on_time, code);
    for (const cell of unit.cells) {
      const c = rows[cell.month];
      assert.equal(cell.received, c.received, `${code} ${cell.month}`);
      assert.equal(cell.numerator, c.on_time, `${code} ${cell.month}`);
      assert.equal(cell.denominator, c.processed, `${code} ${cell.month}`);
      assert.equal(cell.value, c.processed ? Math.round((c.on_time * 100000) / c.processed) / 1000 : null);
    }
  }
  // The other metrics: fully online (lowest first) and late without an apology (highest first).
  const online = (await as.admin.call('GET', '/api/dossiers/heatmap?year=2024&metric=online_full_share', { status: 200 })).json;
  const values = online.units.map((u) => u.year_value);
  assert.deepEqual(values, [...values].sort((a, b) => a - b));
  const lakheOnline = online.units.find((u) => u.code === 'lakhe');
  const lakheStats = await stats({ unit: 'lakhe', view: 'cohort' });
  assert.equal(lakheOnline.year_value, lakheStats.total.rates.online_full_share);
  const apology = (await as.admin.call('GET', '/api/dossiers/heatmap?year=2024&metric=late_without_apology', { status: 200 })).json;
  const shares = apology.units.map((u) => u.year_value);
  assert.deepEqual(shares, [...shares].sort((a, b) => b - a));
  // Nothing in 2023.
  assert.deepEqual((await as.admin.call('GET', '/api/dossiers/heatmap?year=2023', { status: 200 })).json.units, []);
});

test('the heat map shows only the units the caller may read', async () => {
  const coord = (await as.coord.call('GET', '/api/dossiers/heatmap?year=2024', { status: 200 })).json;
  assert.deepEqual(coord.units.map((u) => u.code), ['lakhe']);
  const appraiser = (await as.appraiser.call('GET', '/api/dossiers/heatmap?year=2024', { status: 200 })).json;
  const all = (await as.admin.call('GET', '/api/dossiers/heatmap?year=2024', { status: 200 })).json;
  assert.ok(appraiser.units.length > 0 && appraiser.units.length <= all.units.length);
  assert.ok(appraiser.units.some((u) => u.code === 'lakhe'));
});

// --- Refusals -------------------------------------------------------------------------------------------------------

test('bad parameters are refused with 400 naming the parameter', async () => {
  const cases = [
    ['/api/dossiers/stats?year=2024', 'unit'],
    ['/api/dossiers/stats?unit=lakhe', 'year'],
    ['/api/dossiers/stats?unit=lakhe&year=abc', 'year'],
    ['/api/dossiers/stats?unit=lakhe&year=1800', 'year'],
    ['/api/dossiers/stats?unit=lakhe&year=2024&by=unit', 'by'],
    ['/api/dossiers/stats?unit=lakhe&year=2024&period=hour', 'period'],
    ['/api/dossiers/stats?unit=lakhe&year=2024&view=stock', 'view'],
    ['/api/dossiers/stats?unit=lakhe&year=2024&channel=fax', 'channel'],
    ['/api/dossiers/stats?unit=lakhe&year=2024&definition=khong-co-bo-nay', 'definition'],
    ['/api/dossiers/stats?unit=lakhe&year=2024&definition=default@2', 'definition'],
    ['/api/dossiers/stats?unit=lakhe&year=2024&definition=c%C3%B3%20d%E1%BA%A5u', 'definition'],
    ['/api/dossiers?unit=lakhe&year=2024&counter=nope', 'counter'],
    ['/api/dossiers?unit=lakhe&year=2024&limit=0', 'limit'],
    ['/api/dossiers?unit=lakhe&year=2024&limit=501', 'limit'],
    ['/api/dossiers?unit=lakhe&year=2024&offset=-1', 'offset'],
    ['/api/dossiers?unit=lakhe&year=2024&period=2024-13', 'period'],
    ['/api/dossiers?unit=lakhe&year=2024&period=2023-03', 'period'],
    ['/api/dossiers?year=2024', 'unit'],
    ['/api/dossiers/heatmap', 'year'],
    ['/api/dossiers/heatmap?year=2024&metric=speed', 'metric'],
  ];
  for (const [url, field] of cases) {
    const { json } = await as.admin.call('GET', url, { status: 400 });
    assert.equal(json.error.code, 'invalid_input', url);
    assert.equal(json.error.details[0].field, field, url);
    assert.ok(json.error.details[0].reason.length > 0, url);
  }
  // Every bad parameter at once.
  const many = (await as.admin.call('GET', '/api/dossiers?unit=lakhe&year=2024&view=x&limit=0&counter=y', { status: 400 })).json;
  assert.deepEqual(many.error.details.map((d) => d.field).sort(), ['counter', 'limit', 'view']);
  // The default definition set by name gives the same figures as none.
  const named = await stats({ unit: 'lakhe', definition: 'default@1' });
  const plain = await stats({ unit: 'lakhe' });
  assert.deepEqual(named.total, plain.total);
});

test('other units are refused with 403, unknown ones and dossiers with 404, no session with 401', async () => {
  for (const url of [
    '/api/dossiers/stats?unit=baolam&year=2024',
    '/api/dossiers?unit=baolam&year=2024',
  ]) {
    const { json } = await as.coord.call('GET', url, { status: 403 });
    assert.ok(json.error.details.some((d) => d.field === 'action' && d.value === 'read_dossiers'), url);
    await as.viewer.call('GET', url, { status: 403 });
    await as.admin.call('GET', url, { status: 200 });
  }
  const baolam = (await as.admin.call('GET', '/api/dossiers?unit=baolam&year=2024&limit=1', { status: 200 })).json.dossiers[0];
  await as.viewer.call('GET', `/api/dossiers/${encodeURIComponent(baolam.id)}`, { status: 403 });
  await as.admin.call('GET', `/api/dossiers/${encodeURIComponent(baolam.id)}`, { status: 200 });
  await as.admin.call('GET', '/api/dossiers/KHONG-CO-HO-SO-NAY', { status: 404 });
  await as.admin.call('GET', '/api/dossiers/stats?unit=khong-co&year=2024', { status: 404 });
  await new Client().call('GET', '/api/dossiers/stats?unit=lakhe&year=2024', { status: 401 });
  await new Client().call('GET', '/api/dossiers/heatmap?year=2024', { status: 401 });
});
