// Every endpoint × every role (issue 3 §3): one table with a row per (method, path template) of
// docs/api/openapi.yaml and, for each row, the expected status for no session and for eleven principals.
// The documented routes are read from the YAML at test time: a route without a row fails the test.
// Refused calls must answer 401/403 and change nothing (the row's `state` is read before and after); a
// state-changing call without X-CSRF-Token must answer 403 and change nothing; allowed calls must answer their
// documented 2xx, or a documented 409 caused by the state (the domain decides the role before the state, so a
// 409 proves that authorisation passed: the rows say so where they expect one).
// Every JSON response is checked against docs/api/openapi.yaml.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { Client, openapi } from './client.mjs';
import { cli, repo, start } from './server.mjs';

const password = 'mat-khau-vai-tro-2025';
const newPassword = 'mat-khau-vai-tro-moi-2026';

/**
 * The columns of the table. xa-1, xa-2 and xa-3 form the peer group nhom-thu; xa-4 alone forms nhom-khac.
 * The rows act on xa-1 (and on nhom-thu), so "of the unit" means xa-1 and "of the group" nhom-thu.
 */
const people = {
  none: [null, [], 'no session'],
  admin: ['quan-tri', ['--role', 'administrator'], 'administrator'],
  appr: ['tham-dinh', ['--role', 'appraiser', '--group', 'nhom-thu'], 'appraiser of the group (nhom-thu)'],
  apprX: ['tham-dinh-khac', ['--role', 'appraiser', '--group', 'nhom-khac'], 'appraiser of another group (nhom-khac)'],
  coord: ['dau-moi-1', ['--role', 'coordinator', '--unit', 'xa-1'], 'coordinator of the unit (xa-1)'],
  coordX: ['dau-moi-2', ['--role', 'coordinator', '--unit', 'xa-2'], 'coordinator of another unit of the group (xa-2)'],
  offA: ['can-bo-tp', ['--role', 'officer', '--unit', 'xa-1', '--department', 'tp'], 'officer of xa-1, tp: 1.1 is assigned'],
  offN: ['can-bo-tc', ['--role', 'officer', '--unit', 'xa-1', '--department', 'tc'], 'officer of xa-1, tc: not assigned'],
  lead: ['lanh-dao-1', ['--role', 'leader', '--unit', 'xa-1'], 'leader of the unit (xa-1)'],
  leadX: ['lanh-dao-4', ['--role', 'leader', '--unit', 'xa-4'], 'leader of another unit in another group (xa-4)'],
  view: ['nguoi-xem-1', ['--role', 'viewer', '--unit', 'xa-1'], 'viewer of the unit (xa-1)'],
  viewN: ['nguoi-xem', ['--role', 'viewer'], 'viewer without a unit'],
};
const COLUMNS = Object.keys(people);
const label = (column) => `${column} (${people[column][2]})`;

let root;
let server;
const as = {};


/** A second session of a column's user (the shared one in `as` stays as it is); none for `none`. */
async function freshSession(column) {
  const client = new Client(people[column][0]);
  return column === 'none' ? client : client.login(password);
}

/** The fixture of workflow.test.mjs, with xa-4 in its own group, xa-1 2025 and xa-2/xa-3 2026 final. */
function bundle() {
  const fixture = JSON.parse(readFileSync(join(repo, 'tests', 'api', 'fixtures', 'workflow_bundle.json'), 'utf8'));
  const xa1 = fixture.units.find((unit) => unit.code === 'xa-1');
  fixture.units.push({ ...xa1, code: 'xa-4', name: 'Xã Bốn' });
  for (const year of [2025, 2026]) {
    fixture.groups.push({ code: 'nhom-khac', name: 'Nhóm khác', year, framework: 'khung-thu', members: ['xa-4'] });
  }
  fixture.groups.push({ code: 'nhom-thu', name: 'Nhóm thử', year: 2027, framework: 'khung-thu', members: ['xa-1'] });
  const xa2 = fixture.assessments.find((a) => a.unit === 'xa-2' && a.year === 2025);
  const xa3 = fixture.assessments.find((a) => a.unit === 'xa-3' && a.year === 2025);
  fixture.assessments.push(structuredClone({ ...xa3, unit: 'xa-1' }));
  fixture.assessments.push(structuredClone({ ...xa2, year: 2026 }));
  fixture.assessments.push(structuredClone({ ...xa3, year: 2026 }));
  return fixture;
}

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'parindex-roles-'));
  const data = join(root, 'data');
  const web = join(root, 'web');
  mkdirSync(web, { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>ParIndex</title>');
  cli(data, ['init']);
  const file = join(root, 'roles_bundle.json');
  writeFileSync(file, JSON.stringify(bundle(), null, 2));
  cli(data, ['import', 'all', file]);
  for (const [username, args] of Object.values(people)) {
    if (username) cli(data, ['user', 'add', username, ...args, '--password-stdin'], `${password}\n`);
  }
  server = start(data, web);
  Client.base = await server.url;
  for (const column of COLUMNS) as[column] = await freshSession(column);
  // 2025 is published: xa-1, xa-2 and xa-3 are final, the administrator publishes nhom-thu.
  await as.admin.call('POST', '/api/groups/nhom-thu/publish', { body: { year: 2025 }, status: 200 });
});

after(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
  if (root) rmSync(root, { recursive: true, force: true });
});

// --- What refused calls must not change ---------------------------------------------------------------------

const assessment = (unit, year) => `/api/units/${unit}/assessments/${year}`;
const A = assessment('xa-1', 2026);

/** A unit-year as the administrator sees it: the assessment view (or its 404) and its audit log. */
async function unitYear(unit, year) {
  const view = await as.admin.call('GET', assessment(unit, year));
  const audit = await as.admin.call('GET', `/api/units/${unit}/audit?year=${year}&limit=1000`, { status: 200 });
  return { status: view.response.status, view: view.response.status === 200 ? view.json : null, audit: audit.json.entries };
}

const xa1State = () => unitYear('xa-1', 2026);

/** Everything a workflow write may touch: xa-1 2026 and 2027, the group's other members, its ranking. */
async function workflowState() {
  const ranking = await as.admin.call('GET', '/api/groups/nhom-thu/ranking?year=2026&limit=100', { status: 200 });
  return {
    xa1: await unitYear('xa-1', 2026),
    xa1next: await unitYear('xa-1', 2027),
    xa2: await unitYear('xa-2', 2026),
    xa3: await unitYear('xa-3', 2026),
    ranking: ranking.json,
  };
}

/** Whether each shared session is still open (a password change or logout would close some). */
async function sessions() {
  const open = {};
  for (const column of COLUMNS) {
    open[column] = (await as[column].call('GET', '/api/session')).response.status;
  }
  return open;
}

const documented = (method, path) => Boolean(openapi.doc.paths[path]?.[method.toLowerCase()]);

let oneTimePassword = '';

/** The status of a login (200 or 401). */
async function loginStatus(username, secret) {
  return (await new Client().call('POST', '/api/session', { body: { username, password: secret } })).response.status;
}

/** Everything the administration routes may change, as the administrator reads it. */
async function adminState() {
  const read = async (path) => (await as.admin.call('GET', path, { status: 200 })).json;
  return {
    users: documented('GET', '/api/admin/users') ? await read('/api/admin/users') : null,
    units: await read('/api/units'),
    groups: await read('/api/groups'),
    frameworks: await read('/api/frameworks'),
    // Logins are audited too (session.*): the state's own logins must not count as changes.
    audit: documented('GET', '/api/admin/audit')
      ? (await read('/api/admin/audit?limit=1000')).entries.filter((e) => !e.action.startsWith('session.')).map((e) => e.id)
      : null,
    sessions: await sessions(),
  };
}

// --- Workflow steps used to bring xa-1 2026 into the state an allowed call needs -----------------------------

async function view() {
  return (await as.admin.call('GET', A, { status: 200 })).json;
}

function node(json, code) {
  const found = json.nodes.find((n) => n.code === code);
  assert.ok(found, `node ${code}`);
  return found;
}

/** Clears the leader's approval the documented way: a self score written again. */
async function clearApproval() {
  await as.coord.call('PUT', `${A}/nodes/2.2/self`, { body: { self: '2,25' }, status: 200 });
}

/** Draft and approved by the leader. */
async function draftApproved() {
  let json = await view();
  if (json.status === 'submitted') json = (await as.coord.call('POST', `${A}/withdraw`, { status: 200 })).json;
  assert.equal(json.status, 'draft');
  if (!json.state.approved_at) await as.lead.call('POST', `${A}/approve`, { status: 200 });
}

/** Submitted. */
async function submitted() {
  if ((await view()).status === 'submitted') return;
  await draftApproved();
  await as.coord.call('POST', `${A}/submit`, { status: 200 });
}

/** The definition sets as the administrator reads them (list and the versions of roles-thu). */
async function definitionsState() {
  const list = await as.admin.call('GET', '/api/dossiers/definitions', { status: 200 });
  const one = await as.admin.call('GET', '/api/dossiers/definitions/roles-thu');
  return { list: list.json, versions: one.response.status === 200 ? one.json.versions : one.response.status };
}

// --- The table ------------------------------------------------------------------------------------------------

/** A row's statuses, one per column in the order of `people` (the comment above each row names them). */
function statuses(line) {
  const values = line.trim().split(/\s+/).map(Number);
  assert.equal(values.length, COLUMNS.length, `a status for each of the ${COLUMNS.length} columns: ${line}`);
  return Object.fromEntries(COLUMNS.map((column, i) => [column, values[i]]));
}
/** Every column with the same status, no session 401. */
const everyone = (status) => Object.fromEntries(COLUMNS.map((c) => [c, c === 'none' ? 401 : status]));
/** Only the administrator (the administration routes: Action::kAdminister). */
const adminOnly = (status) => Object.fromEntries(COLUMNS.map((c) => [c, c === 'none' ? 401 : c === 'admin' ? status : 403]));

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
let evidenceSha = '';
/** The units whose results each column may read in 2026 (unpublished). */
const readable2026 = {
  admin: ['xa-1', 'xa-2', 'xa-3', 'xa-4'],
  appr: ['xa-1', 'xa-2', 'xa-3'],
  apprX: ['xa-4'],
  coord: ['xa-1'],
  coordX: ['xa-2'],
  offA: ['xa-1'],
  offN: ['xa-1'],
  lead: ['xa-1'],
  leadX: ['xa-4'],
  view: ['xa-1'],
  viewN: [],
};

/**
 * One row per (method, path template) of openapi.yaml, plus a few second rows for the same route in another
 * situation (a published year, an unassigned criterion). Columns: `roles` gives each column's status. Optional:
 * `url` (the request), `urlFor` (per column), `body`, `raw`, `headers`, `state` (required on state-changing
 * routes: read before and after the refused calls), `before` (set-up, before anything), `prepare` (before each
 * allowed call), `order` (of the allowed calls), `check` (after each allowed call), `action` (the domain action
 * a role refusal names), `client` (the client of a column), `todo` (a known bug: the row states the rule, the
 * server breaks it; none at present).
 */
// --- Plans (issue 4): xa-1's 2026 plan, drafted from its published 2025 results; 2027 for issuing ---------------

const PLAN = '/api/units/xa-1/plans/2026';
const PLAN_2027 = '/api/units/xa-1/plans/2027';
let planRevision = 0;
/** The task each allowed column added (the coordinator's stays: it is reported on below). */
const taskIds = {};
/** Tasks the administrator adds for each allowed column to remove. */
const deletable = {};
/** The notification of the coordinator's task each column received. */
const notificationIds = {};
let taskEvidenceSha = '';

/** xa-1's 2026 plan as the administrator reads it (or its 404), with every task's updates. */
async function planState() {
  const view = await as.admin.call('GET', PLAN);
  const found = view.response.status === 200;
  const updates = {};
  for (const task of found ? view.json.tasks : []) {
    updates[task.id] = (await as.admin.call('GET', `/api/tasks/${task.id}/updates`, { status: 200 })).json.updates;
  }
  return { plan: { status: view.response.status, json: found ? view.json : null }, updates };
}

async function readRevision() {
  planRevision = (await as.admin.call('GET', PLAN, { status: 200 })).json.plan.revision;
}

/** A column's notifications. */
async function notes(column) {
  return (await as[column].call('GET', '/api/me/notifications', { status: 200 })).json.notifications;
}

/** Two dossiers of xa-1 in the benchmark layout, for the import rows. */
const importCsv = Buffer.from(
  'dossier_id,unit_code,department_code,procedure_code,field_code,channel,received_at,due_at,finished_at,' +
    'returned_at,supplement_requests,apology_letters,status\n' +
    'RI-1,xa-1,tp,P1,F1,online_full,2025-05-02 08:00:00,2025-05-09 17:00:00,2025-05-05 10:00:00,,0,0,finished\n' +
    'RI-2,xa-1,tp,P1,F1,direct,2025-05-03 08:00:00,2025-05-09 17:00:00,,,0,0,\n',
  'utf8',
);
let importReportId = 0;
/** xa-1's import history and whether RI-1 is stored (what a refused import must not change). */
async function importState() {
  const { json } = await as.admin.call('GET', '/api/dossiers/imports?unit=xa-1', { status: 200 });
  const found = await as.admin.call('GET', '/api/dossiers/RI-1', { status: [200, 404] });
  return { imports: json.imports.length, stored: found.response.status };
}
/** A mapping profile of the benchmark layout. */
const roleMapping = (name) => ({
  name,
  format: 'csv',
  columns: { id: 'dossier_id', unit: 'unit_code', channel: 'channel', received: 'received_at', due: 'due_at' },
});
/** The saved profiles with their versions. */
async function mappingState() {
  const { json } = await as.admin.call('GET', '/api/dossiers/mappings', { status: 200 });
  return json.mappings.map((m) => `${m.name}@${m.version}`);
}

let roleKpisReady = false;
let kpiEvidenceSha = '';
/** Two indicators for the KPI rows: the on-time rate (≥ 95 %) and a figure entered by hand (≥ 5 posts). */
async function roleKpis() {
  if (roleKpisReady) return;
  await as.admin.call('PUT', '/api/kpis/role-ontime', {
    body: { name: 'Đúng hạn (thử)', unit_of_measure: '%', measure: 'on_time_rate', comparator: '>=', value: 95, amber_margin: 2 },
    status: [200, 201],
  });
  await as.admin.call('PUT', '/api/kpis/role-manual', {
    body: { name: 'Tin bài (thử)', unit_of_measure: 'bài', measure: 'manual', comparator: '>=', value: 5 },
    status: [200, 201],
  });
  roleKpisReady = true;
}
/** xa-1's targets and actuals of 2025 as the administrator reads them. */
async function roleKpiState() {
  return (await as.admin.call('GET', '/api/units/xa-1/kpis?year=2025', { status: 200 })).json.kpis.map((k) => ({
    kpi: k.kpi,
    target: k.target,
    actual: k.actual,
  }));
}

const table = [
  {
    method: 'GET',
    path: '/api/health',
    roles: { ...everyone(200), none: 200 },
    check: (column, { json }) => assert.deepEqual(json, { status: 'ok' }),
  },
  {
    // Logging in needs no session (security: []) and no X-CSRF-Token. Each column logs in again from a client
    // that holds its session (the no-session column as the viewer without a unit); the first session stays open.
    method: 'POST',
    path: '/api/session',
    roles: { ...everyone(200), none: 200 },
    client: (column) => {
      const client = new Client(people[column === 'none' ? 'viewN' : column][0]);
      if (column !== 'none') Object.assign(client, { cookie: as[column].cookie, csrf: as[column].csrf });
      return client;
    },
    body: (column) => ({ username: people[column === 'none' ? 'viewN' : column][0], password }),
    check: async (column, { json }) => {
      assert.equal(json.user.username, people[column === 'none' ? 'viewN' : column][0]);
      assert.equal(json.must_change_password, false);
      if (column !== 'none') await as[column].call('GET', '/api/session', { status: 200 });
    },
  },
  {
    method: 'GET',
    path: '/api/session',
    roles: everyone(200),
    check: (column, { json }) => {
      assert.equal(json.user.username, people[column][0]);
      assert.equal(json.csrf_token, as[column].csrf);
    },
  },
  {
    // Each column logs out a second session of its own; the shared sessions must stay open.
    method: 'DELETE',
    path: '/api/session',
    roles: everyone(204),
    before: async function () {
      this.clients = {};
      for (const column of COLUMNS) this.clients[column] = await freshSession(column);
    },
    client(column) {
      return this.clients[column];
    },
    state: async function () {
      const open = {};
      for (const column of COLUMNS) open[column] = (await this.clients[column].call('GET', '/api/session')).response.status;
      return { open, shared: await sessions() };
    },
    check: async function (column, { response }) {
      assert.match(response.headers.get('set-cookie'), /Max-Age=0/);
      await this.clients[column].call('GET', '/api/session', { status: 401 });
      await as[column].call('GET', '/api/session', { status: 200 });
    },
  },
  {
    // A change closes the user's other sessions; each column changes its password and back, then logs in again.
    method: 'POST',
    path: '/api/session/password',
    roles: everyone(204),
    body: { old_password: password, new_password: newPassword },
    before: async function () {
      this.clients = {};
      for (const column of COLUMNS) this.clients[column] = await freshSession(column);
    },
    client(column) {
      return this.clients[column];
    },
    state: async () => ({ shared: await sessions() }),
    check: async function (column) {
      await as[column].call('GET', '/api/session', { status: 401 });
      await new Client(people[column][0]).login(newPassword);
      await this.clients[column].call('POST', '/api/session/password', {
        body: { old_password: newPassword, new_password: password },
        status: 204,
      });
      as[column] = await freshSession(column);
    },
  },
  {
    method: 'GET',
    path: '/api/units',
    roles: everyone(200),
    check: (column, { json }) => {
      assert.deepEqual(
        json.units.map((u) => u.code),
        ['tinh-x', 'xa-1', 'xa-2', 'xa-3', 'xa-4'],
      );
    },
  },
  {
    method: 'GET',
    path: '/api/frameworks',
    roles: everyone(200),
    check: (column, { json }) => {
      assert.deepEqual(
        json.frameworks.map((f) => [f.code, f.nodes]),
        [['khung-thu', 6]],
      );
    },
  },
  {
    method: 'GET',
    path: '/api/frameworks/{code}',
    url: '/api/frameworks/khung-thu',
    roles: everyone(200),
    check: (column, { json }) => assert.equal(json.nodes.length, 6),
  },
  {
    // Every role may ask; the list holds the groups whose ranking the role may read.
    method: 'GET',
    path: '/api/groups',
    url: '/api/groups?year=2026',
    roles: everyone(200),
    check: (column, { json }) => {
      const visible = {
        admin: ['nhom-khac', 'nhom-thu'],
        appr: ['nhom-thu'],
        apprX: ['nhom-khac'],
        coord: ['nhom-thu'],
        coordX: ['nhom-thu'],
        offA: [],
        offN: [],
        lead: ['nhom-thu'],
        leadX: ['nhom-khac'],
        view: ['nhom-thu'],
        viewN: [],
      }[column];
      assert.deepEqual(json.groups.map((g) => g.code).sort(), visible, label(column));
    },
  },
  {
    // nhom-thu 2025 is published: every role sees it in the list (published rankings are public).
    method: 'GET',
    path: '/api/groups',
    url: '/api/groups?year=2025',
    situation: 'published year',
    roles: everyone(200),
    check: (column, { json }) => {
      assert.ok(
        json.groups.some((g) => g.code === 'nhom-thu'),
        `${label(column)} sees the published nhom-thu 2025: ${JSON.stringify(json.groups)}`,
      );
    },
  },
  {
    // xa-1 2026 does not exist yet: refusals must leave it absent (404 for the administrator before and after).
    // The coordinator opens 2026 and the appraiser 2027 (201); the administrator gets 409 on 2026, already open:
    // the role is decided before the state, so the 409 proves that the administrator passed.
    method: 'POST',
    path: '/api/units/{code}/assessments/{year}',
    url: A,
    urlFor: { appr: assessment('xa-1', 2027) },
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  409   201  403   201   403    403  403  403  403   403  403'),
    order: ['coord', 'appr', 'admin'],
    action: (column) => (column.startsWith('appr') ? 'appraise' : 'assign_criteria'),
    state: async () => {
      const state = await workflowState();
      assert.equal(state.xa1.status, 404, 'xa-1 2026 is not open before the row');
      assert.equal(state.xa1next.status, 404, 'xa-1 2027 is not open before the row');
      return state;
    },
    check: (column, { json }) => {
      if (column === 'admin') return;
      assert.equal(json.status, 'draft');
      assert.equal(json.year, column === 'appr' ? 2027 : 2026);
    },
  },
  {
    method: 'GET',
    path: '/api/units/{code}/assessments/{year}',
    url: A,
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  403   200   403    200  200  200  403   200  403'),
    action: 'read_results',
    check: (column, { json }) => {
      assert.equal(json.unit, 'xa-1');
      assert.equal(json.status, 'draft');
      assert.equal(json.can.assign, ['admin', 'coord'].includes(column), `${label(column)} can.assign`);
      assert.equal(json.can.approve, ['admin', 'lead'].includes(column), `${label(column)} can.approve`);
    },
  },
  {
    method: 'GET',
    path: '/api/units/{code}/results',
    url: '/api/units/xa-1/results?year=2026',
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  403   200   403    200  200  200  403   200  403'),
    action: 'read_results',
    check: (column, { json }) => {
      assert.equal(json.unit, 'xa-1');
      assert.equal(json.year, 2026);
    },
  },
  {
    // xa-1 2025 is published: every role with a session reads it (published results are public).
    method: 'GET',
    path: '/api/units/{code}/results',
    url: '/api/units/xa-1/results?year=2025',
    situation: 'published year',
    roles: everyone(200),
    check: (column, { json }) => {
      assert.equal(json.status, 'published');
      assert.equal(json.points, 16);
    },
  },
  {
    method: 'GET',
    path: '/api/groups/{code}/ranking',
    url: '/api/groups/nhom-thu/ranking?year=2026',
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  403   200   200    403  403  200  403   200  403'),
    action: 'read_ranking',
    check: (column, { json }) => {
      assert.equal(json.group, 'nhom-thu');
      assert.deepEqual(json.rows.map((r) => r.unit).sort(), ['xa-1', 'xa-2', 'xa-3']);
    },
  },
  {
    // nhom-thu 2025 is published: every role with a session reads its ranking.
    method: 'GET',
    path: '/api/groups/{code}/ranking',
    url: '/api/groups/nhom-thu/ranking?year=2025',
    situation: 'published year',
    roles: everyone(200),
    check: (column, { json }) => {
      assert.deepEqual(
        json.rows.map((r) => [r.unit, r.rank]),
        [
          ['xa-2', 1],
          ['xa-1', 2],
          ['xa-3', 2],
        ],
      );
    },
  },
  {
    // The results as .xlsx: authorised exactly like the JSON above.
    method: 'GET',
    path: '/api/units/{code}/results.xlsx',
    url: '/api/units/xa-1/results.xlsx?year=2026',
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  403   200   403    200  200  200  403   200  403'),
    action: 'read_results',
    check: (column, { bytes, response }) => {
      assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
      assert.equal(response.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.match(response.headers.get('content-disposition'), /^attachment; filename="ket-qua-xa-1-2026\.xlsx"/);
    },
  },
  {
    // xa-1 2025 is published: every role with a session downloads it.
    method: 'GET',
    path: '/api/units/{code}/results.xlsx',
    url: '/api/units/xa-1/results.xlsx?year=2025',
    situation: 'published year',
    roles: everyone(200),
    check: (column, { bytes, response }) => {
      assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
      assert.match(response.headers.get('content-disposition'), /filename="ket-qua-xa-1-2025\.xlsx"/);
    },
  },
  {
    // The ranking as .xlsx: authorised exactly like the JSON above.
    method: 'GET',
    path: '/api/groups/{code}/ranking.xlsx',
    url: '/api/groups/nhom-thu/ranking.xlsx?year=2026',
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  403   200   200    403  403  200  403   200  403'),
    action: 'read_ranking',
    check: (column, { bytes, response }) => {
      assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
      assert.equal(response.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.match(response.headers.get('content-disposition'), /^attachment; filename="xep-hang-nhom-thu-2026\.xlsx"/);
    },
  },
  {
    // nhom-thu 2025 is published: every role with a session downloads its ranking.
    method: 'GET',
    path: '/api/groups/{code}/ranking.xlsx',
    url: '/api/groups/nhom-thu/ranking.xlsx?year=2025',
    situation: 'published year',
    roles: everyone(200),
    check: (column, { bytes }) => assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK'),
  },
  {
    // Every role may ask; the findings are those of the units whose results the role may read.
    method: 'GET',
    path: '/api/check',
    url: '/api/check?year=2026',
    roles: everyone(200),
    check: (column, { json }) => {
      assert.equal(json.count, json.findings.length);
      for (const finding of json.findings) assert.ok(readable2026[column].includes(finding.unit), `${label(column)} ${finding.unit}`);
    },
  },
  {
    method: 'PUT',
    path: '/api/units/{code}/assessments/{year}/nodes/{node}/assignment',
    url: `${A}/nodes/1.1/assignment`,
    body: (column) => ({ department: column === 'admin' ? 'vp' : 'tp' }),
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   403  403   200   403    403  403  403  403   403  403'),
    order: ['admin', 'coord'],
    action: 'assign_criteria',
    state: xa1State,
    check: (column, { json }) => assert.equal(node(json, '1.1').assigned_department, column === 'admin' ? 'vp' : 'tp'),
  },
  {
    // 1.1 is assigned to tp: its officer may self-score it, the officer of tc may not.
    method: 'PUT',
    path: '/api/units/{code}/assessments/{year}/nodes/{node}/self',
    url: `${A}/nodes/1.1/self`,
    body: (column) => ({ self: { admin: 6, coord: '5,5', offA: 5 }[column] ?? 1 }),
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   403  403   200   403    200  403  403  403   403  403'),
    action: 'self_score',
    state: xa1State,
    check: (column, { json }) => assert.equal(node(json, '1.1').self, { admin: 6, coord: 5.5, offA: 5 }[column]),
  },
  {
    // 2.1 is assigned to no department: neither officer may self-score it.
    method: 'PUT',
    path: '/api/units/{code}/assessments/{year}/nodes/{node}/self',
    url: `${A}/nodes/2.1/self`,
    situation: 'unassigned criterion',
    body: { self: 5 },
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   403  403   200   403    403  403  403  403   403  403'),
    action: 'self_score',
    state: xa1State,
    check: (column, { json }) => assert.equal(node(json, '2.1').self, 5),
  },
  {
    method: 'POST',
    path: '/api/units/{code}/assessments/{year}/nodes/{node}/evidence',
    url: `${A}/nodes/1.1/evidence`,
    raw: pdf,
    headers: (column) => ({ 'Content-Type': 'application/pdf', 'X-File-Name': `tlkc-${column}.pdf` }),
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  201   403  403   201   403    201  403  403  403   403  403'),
    action: 'self_score',
    state: xa1State,
    check: async (column, { json }) => {
      assert.equal(json.file_name, `tlkc-${column}.pdf`);
      assert.equal(json.size, pdf.length);
      evidenceSha = json.sha256;
      const files = node(await view(), '1.1').evidence.map((e) => e.file_name);
      assert.ok(files.includes(`tlkc-${column}.pdf`), files.join(', '));
    },
  },
  {
    // Documented: 404 for those who may not read the unit's results (the file's existence is not disclosed).
    method: 'GET',
    path: '/api/evidence/{sha256}',
    url: () => `/api/evidence/${evidenceSha}?unit=xa-1&year=2026`,
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  404   200   404    200  200  200  404   200  404'),
    check: (column, { bytes, response }) => {
      assert.ok(bytes.equals(pdf));
      assert.equal(response.headers.get('content-type'), 'application/pdf');
    },
  },
  {
    // The leader approves (200); the approval is cleared before the administrator approves too (200).
    method: 'POST',
    path: '/api/units/{code}/assessments/{year}/approve',
    url: `${A}/approve`,
    before: async () => {
      await as.coord.call('PUT', `${A}/nodes/1.2/self`, { body: { self: 0 }, status: 200 });
      await as.coord.call('PUT', `${A}/nodes/2.2/self`, { body: { self: '2,25' }, status: 200 });
    },
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   403  403   403   403    403  403  200  403   403  403'),
    order: ['lead', 'admin'],
    action: 'approve',
    state: xa1State,
    prepare: clearApproval,
    check: (column, { json }) => assert.equal(json.state.approved_by, people[column][0]),
  },
  {
    method: 'POST',
    path: '/api/units/{code}/assessments/{year}/submit',
    url: `${A}/submit`,
    before: draftApproved,
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   403  403   200   403    403  403  403  403   403  403'),
    order: ['coord', 'admin'],
    action: 'submit',
    state: xa1State,
    prepare: draftApproved,
    check: (column, { json }) => assert.equal(json.status, 'submitted'),
  },
  {
    method: 'POST',
    path: '/api/units/{code}/assessments/{year}/withdraw',
    url: `${A}/withdraw`,
    before: submitted,
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   403  403   200   403    403  403  403  403   403  403'),
    order: ['coord', 'admin'],
    action: 'withdraw',
    state: xa1State,
    prepare: submitted,
    check: (column, { json }) => {
      assert.equal(json.status, 'draft');
      assert.equal(json.state.approved_at, null);
    },
  },
  {
    method: 'PUT',
    path: '/api/units/{code}/assessments/{year}/nodes/{node}/appraisal',
    url: `${A}/nodes/1.1/appraisal`,
    before: submitted,
    body: (column) => (column === 'admin' ? { appraised: 4, reason: 'Thiếu văn bản' } : { appraised: 5 }),
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  403   403   403    403  403  403  403   403  403'),
    order: ['appr', 'admin'],
    action: 'appraise',
    state: xa1State,
    check: (column, { json }) => assert.equal(node(json, '1.1').appraised, column === 'admin' ? 4 : 5),
  },
  {
    // The appraiser completes (200); the administrator then gets 409 (already appraised): allowed, the state refuses.
    method: 'POST',
    path: '/api/units/{code}/assessments/{year}/complete-appraisal',
    url: `${A}/complete-appraisal`,
    before: async () => {
      for (const [code, appraised] of [
        ['1.2', 0],
        ['2.1', 5],
        ['2.2', 2.25],
      ]) {
        await as.appr.call('PUT', `${A}/nodes/${code}/appraisal`, { body: { appraised }, status: 200 });
      }
    },
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  409   200  403   403   403    403  403  403  403   403  403'),
    order: ['appr', 'admin'],
    action: 'appraise',
    state: xa1State,
    check: (column, { json }) => assert.equal(json.status, 'appraised'),
  },
  {
    method: 'POST',
    path: '/api/units/{code}/assessments/{year}/nodes/{node}/explanations',
    url: `${A}/nodes/1.1/explanations`,
    body: (column) => ({ text: `Giải trình của ${people[column][0]}` }),
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  201   403  403   201   403    403  403  403  403   403  403'),
    order: ['coord', 'admin'],
    action: 'explain',
    state: xa1State,
    check: (column, { json }) => {
      const last = node(json, '1.1').explanations.at(-1);
      assert.equal(last.by, people[column][0]);
      assert.equal(last.text, `Giải trình của ${people[column][0]}`);
    },
  },
  {
    method: 'GET',
    path: '/api/units/{code}/audit',
    url: '/api/units/xa-1/audit?year=2026',
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  403   200   403    403  403  200  403   403  403'),
    action: 'read_audit',
    check: (column, { json }) => {
      const actions = json.entries.map((e) => e.action);
      for (const action of ['assessment.open', 'criterion.assign', 'score.self', 'evidence.add', 'assessment.approve']) {
        assert.ok(actions.includes(action), `${action} in ${actions.join(', ')}`);
      }
    },
  },
  {
    // The appraiser finalises (200); the administrator then gets 409 (already final): allowed, the state refuses.
    method: 'POST',
    path: '/api/units/{code}/assessments/{year}/finalise',
    url: `${A}/finalise`,
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  409   200  403   403   403    403  403  403  403   403  403'),
    order: ['appr', 'admin'],
    action: 'finalise',
    state: xa1State,
    check: async (column, { json }) => {
      assert.equal(json.status, 'final');
      // The administrator may do everything the status allows.
      const admin = await view();
      assert.equal(admin.can.publish, true);
      assert.equal(admin.can.self_score, false);
      assert.equal(admin.can.appraise, false);
    },
  },
  {
    // xa-2 and xa-3 are final: the appraiser publishes 2026 (200); publishing again is a no-op (200).
    method: 'POST',
    path: '/api/groups/{code}/publish',
    url: '/api/groups/nhom-thu/publish',
    body: { year: 2026 },
    before: async () => {
      // A year whose members are not all final is refused with the list of them (the role passed).
      const { json } = await as.admin.call('POST', '/api/groups/nhom-thu/publish', { body: { year: 2027 }, status: 409 });
      assert.deepEqual(
        json.error.details.map((d) => d.path),
        ['xa-1'],
      );
    },
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  403   403   403    403  403  403  403   403  403'),
    order: ['appr', 'admin'],
    action: 'publish',
    state: workflowState,
    check: async (column, { json }) => {
      assert.deepEqual(json, { group: 'nhom-thu', year: 2026, status: 'published' });
      assert.equal((await view()).status, 'published');
      // Published, the year's results and ranking are public: the viewer without a unit reads them at once.
      await as.viewN.call('GET', '/api/units/xa-1/results?year=2026', { status: 200 });
      await as.viewN.call('GET', '/api/groups/nhom-thu/ranking?year=2026', { status: 200 });
    },
  },

  // --- Administration (issue 3 §6): the administrator only (Action::kAdminister) ---
  {
    method: 'GET',
    path: '/api/admin/users',
    roles: adminOnly(200),
    action: 'administer',
    check: (column, { json }) => {
      const names = json.users.map((u) => u.username);
      assert.deepEqual(names, [...names].sort());
      for (const [username] of Object.values(people)) if (username) assert.ok(names.includes(username), username);
    },
  },
  {
    method: 'POST',
    path: '/api/admin/users',
    body: { username: 'nguoi-moi', display_name: 'Người mới', role: 'viewer', unit: 'xa-1', groups: [], department: '' },
    roles: adminOnly(201),
    action: 'administer',
    state: adminState,
    check: async (column, { json }) => {
      assert.equal(json.user.username, 'nguoi-moi');
      assert.equal(json.user.must_change_password, true);
      oneTimePassword = json.one_time_password;
      const login = await new Client().call('POST', '/api/session', {
        body: { username: 'nguoi-moi', password: oneTimePassword },
        status: 200,
      });
      assert.equal(login.json.must_change_password, true);
    },
  },
  {
    method: 'PUT',
    path: '/api/admin/users/{username}',
    url: '/api/admin/users/nguoi-moi',
    body: { display_name: 'Người mới (sửa)', role: 'viewer', unit: 'xa-2', groups: [], department: '' },
    roles: adminOnly(200),
    action: 'administer',
    state: adminState,
    check: (column, { json }) => {
      assert.equal(json.display_name, 'Người mới (sửa)');
      assert.equal(json.unit, 'xa-2');
    },
  },
  {
    method: 'POST',
    path: '/api/admin/users/{username}/reset-password',
    url: '/api/admin/users/nguoi-moi/reset-password',
    roles: adminOnly(200),
    action: 'administer',
    // The user list does not show a password: the state is also whether the current one still logs in.
    state: async () => ({ ...(await adminState()), login: await loginStatus('nguoi-moi', oneTimePassword) }),
    check: async (column, { json }) => {
      assert.notEqual(json.one_time_password, oneTimePassword);
      assert.equal(await loginStatus('nguoi-moi', oneTimePassword), 401);
      assert.equal(await loginStatus('nguoi-moi', json.one_time_password), 200);
      oneTimePassword = json.one_time_password;
    },
  },
  {
    method: 'POST',
    path: '/api/admin/users/{username}/disable',
    url: '/api/admin/users/nguoi-moi/disable',
    roles: adminOnly(200),
    action: 'administer',
    state: adminState,
    check: async (column, { json }) => {
      assert.equal(json.disabled, true);
      assert.notEqual(await loginStatus('nguoi-moi', oneTimePassword), 200, 'a disabled user cannot log in');
    },
  },
  {
    method: 'POST',
    path: '/api/admin/users/{username}/enable',
    url: '/api/admin/users/nguoi-moi/enable',
    roles: adminOnly(200),
    action: 'administer',
    state: adminState,
    check: async (column, { json }) => {
      assert.equal(json.disabled, false);
      assert.equal(await loginStatus('nguoi-moi', oneTimePassword), 200);
    },
  },
  {
    method: 'PUT',
    path: '/api/admin/units/{code}',
    url: '/api/admin/units/xa-moi',
    body: {
      name: 'Xã Mới',
      type: 'commune',
      parent: 'tinh-x',
      valid_from: null,
      valid_to: null,
      successor: '',
      demo: false,
      departments: [{ code: 'vp', name: 'Văn phòng – Thống kê' }],
    },
    roles: adminOnly(200),
    action: 'administer',
    state: adminState,
    check: (column, { json }) => {
      assert.equal(json.code, 'xa-moi');
      assert.deepEqual(json.departments, [{ code: 'vp', name: 'Văn phòng – Thống kê' }]);
    },
  },
  {
    method: 'PUT',
    path: '/api/admin/groups/{code}/{year}',
    url: '/api/admin/groups/nhom-moi/2026',
    body: { name: 'Nhóm mới', framework: 'khung-thu', members: [{ unit: 'xa-4', ranked: true }] },
    roles: adminOnly(200),
    action: 'administer',
    state: adminState,
    check: (column, { json }) => {
      assert.equal(json.code, 'nhom-moi');
      assert.equal(json.members, 1);
    },
  },
  {
    method: 'POST',
    path: '/api/admin/import',
    url: '/api/admin/import?kind=units&file=don-vi.json',
    raw: Buffer.from(
      JSON.stringify({
        units: [
          {
            code: 'xa-nhap',
            name: 'Xã Nhập',
            type: 'commune',
            parent: 'tinh-x',
            valid_from: null,
            valid_to: null,
            successor: null,
            demo: false,
            departments: [],
          },
        ],
      }),
    ),
    headers: { 'Content-Type': 'application/octet-stream' },
    roles: adminOnly(200),
    action: 'administer',
    state: adminState,
    check: async (column, { json }) => {
      assert.equal(json.units, 1);
      assert.equal(json.dry_run, false);
      const units = await as.admin.call('GET', '/api/units', { status: 200 });
      assert.ok(units.json.units.some((u) => u.code === 'xa-nhap'));
    },
  },
  {
    method: 'GET',
    path: '/api/admin/export',
    url: '/api/admin/export?kind=units&format=json',
    roles: adminOnly(200),
    action: 'administer',
    check: (column, { response, text }) => {
      assert.match(response.headers.get('content-disposition'), /^attachment/);
      assert.match(text, /xa-nhap/);
    },
  },
  {
    method: 'GET',
    path: '/api/admin/audit',
    roles: adminOnly(200),
    action: 'administer',
    check: (column, { json }) => {
      assert.ok(json.entries.length > 0);
      const ids = json.entries.map((e) => e.id);
      assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
    },
  },
  // --- Plans (issue 4): read_plan, edit_plan, issue_plan, update_task of xa-1; the administrator's reminders ---
  {
    // The coordinator drafts xa-1's 2026 plan from its published 2025 results (201); the leader and the
    // administrator draft it again with replace (201): a draft may be replaced.
    method: 'POST',
    path: '/api/units/{code}/plans/{year}/draft',
    url: `${PLAN}/draft`,
    body: { replace: true },
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  201   403  403   201   403    403  403  201  403   403  403'),
    order: ['coord', 'lead', 'admin'],
    action: 'edit_plan',
    state: async () => {
      const state = await planState();
      assert.equal(state.plan.status, 404, 'no plan of xa-1 2026 before the row');
      return state;
    },
    check: async (column, { json }) => {
      assert.equal(json.plan.unit, 'xa-1');
      assert.equal(json.plan.results_year, 2025);
      // xa-1 lost points on 1.2, 2.1 and 2.2 in 2025.
      assert.deepEqual(json.tasks.map((t) => t.criteria).flat().sort(), ['1.2', '2.1', '2.2']);
    },
  },
  {
    method: 'GET',
    path: '/api/units/{code}/plans/{year}',
    url: PLAN,
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  403   200   403    200  200  200  403   200  403'),
    action: 'read_plan',
    check: (column, { json }) => {
      assert.equal(json.plan.unit, 'xa-1');
      assert.equal(json.tasks.length, 3);
      assert.equal(json.can.edit, ['admin', 'coord', 'lead'].includes(column), `${label(column)} can.edit`);
      assert.equal(json.can.issue, ['admin', 'lead'].includes(column), `${label(column)} can.issue`);
    },
  },
  {
    method: 'PUT',
    path: '/api/units/{code}/plans/{year}',
    url: PLAN,
    body: (column) => ({ revision: planRevision, place: `Nơi của ${column}` }),
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   403  403   200   403    403  403  200  403   403  403'),
    order: ['coord', 'lead', 'admin'],
    action: 'edit_plan',
    before: readRevision,
    prepare: readRevision,
    state: planState,
    check: (column, { json }) => {
      assert.equal(json.plan.place, `Nơi của ${column}`);
      assert.equal(json.plan.revision, planRevision + 1);
    },
  },
  {
    // The coordinator of the unit adds a task led by tp (the department of offA).
    method: 'POST',
    path: '/api/units/{code}/plans/{year}/tasks',
    url: `${PLAN}/tasks`,
    body: (column) => ({
      title: `Nhiệm vụ của ${column}`,
      criteria: ['1.2'],
      lead_department: 'tp',
      recurrence: 'once',
      deadline: '2026-01-10',
      expected_output: 'Báo cáo',
    }),
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  201   403  403   201   403    403  403  201  403   403  403'),
    order: ['coord', 'lead', 'admin'],
    action: 'edit_plan',
    state: planState,
    check: (column, { json }) => {
      assert.equal(json.task.title, `Nhiệm vụ của ${column}`);
      assert.equal(json.task.unit, 'xa-1');
      assert.equal(json.task.due_state, 'overdue');
      taskIds[column] = json.task.id;
    },
  },
  {
    method: 'PUT',
    path: '/api/tasks/{id}',
    url: () => `/api/tasks/${taskIds.coord}`,
    body: (column) => ({ title: `Sửa bởi ${column}`, lead_department: 'tp' }),
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   403  403   200   403    403  403  200  403   403  403'),
    order: ['coord', 'lead', 'admin'],
    action: 'edit_plan',
    state: planState,
    check: (column, { json }) => assert.equal(json.task.title, `Sửa bởi ${column}`),
  },
  {
    // Each allowed column removes a task the administrator added for it (a draft's tasks may be removed).
    method: 'DELETE',
    path: '/api/tasks/{id}',
    url: (column) => `/api/tasks/${deletable[column] ?? deletable.coord}`,
    before: async () => {
      for (const column of ['coord', 'lead', 'admin']) {
        const { json } = await as.admin.call('POST', `${PLAN}/tasks`, {
          body: { title: `Xóa bởi ${column}`, lead_department: 'vp', recurrence: 'ongoing' },
          status: 201,
        });
        deletable[column] = json.task.id;
      }
    },
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  204   403  403   204   403    403  403  204  403   403  403'),
    order: ['coord', 'lead', 'admin'],
    action: 'edit_plan',
    state: planState,
    check: async (column) => {
      const ids = (await planState()).plan.json.tasks.map((t) => t.id);
      assert.ok(!ids.includes(deletable[column]), `${label(column)} removed its task`);
    },
  },
  {
    // The task is led by tp: its officer may report on it, the officer of tc may not.
    method: 'POST',
    path: '/api/tasks/{id}/updates',
    url: () => `/api/tasks/${taskIds.coord}/updates`,
    body: (column) => ({ status: 'in_progress', progress: { admin: 40, coord: 20, offA: 30, lead: 50 }[column] ?? 90, note: `Báo cáo của ${column}` }),
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  201   403  403   201   403    201  403  201  403   403  403'),
    order: ['coord', 'offA', 'admin', 'lead'],
    action: 'update_task',
    state: planState,
    check: (column, { json }) => {
      assert.equal(json.update.username, people[column][0]);
      assert.equal(json.task.progress, { admin: 40, coord: 20, offA: 30, lead: 50 }[column]);
    },
  },
  {
    method: 'GET',
    path: '/api/tasks/{id}/updates',
    url: () => `/api/tasks/${taskIds.coord}/updates`,
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  403   200   403    200  200  200  403   200  403'),
    action: 'read_plan',
    check: (column, { json }) => {
      assert.deepEqual(
        json.updates.map((u) => u.username),
        ['dau-moi-1', 'can-bo-tp', 'quan-tri', 'lanh-dao-1'],
      );
    },
  },
  {
    method: 'POST',
    path: '/api/tasks/{id}/evidence',
    url: (column) => `/api/tasks/${taskIds.coord}/evidence?file=${encodeURIComponent(`bao-cao-${column}.pdf`)}`,
    raw: pdf,
    headers: { 'Content-Type': 'application/pdf' },
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  201   403  403   201   403    201  403  201  403   403  403'),
    action: 'update_task',
    state: planState,
    check: (column, { json }) => {
      assert.equal(json.size, pdf.length);
      assert.equal(json.content_type, 'application/pdf');
    },
  },
  {
    // A plan task's evidence, listed by an update: those who may read the plan download it; 404 for the others.
    method: 'GET',
    path: '/api/evidence/{sha256}',
    situation: "a plan task's evidence",
    url: () => `/api/evidence/${taskEvidenceSha}?task=${taskIds.coord}`,
    before: async () => {
      const { json } = await as.coord.call('POST', `/api/tasks/${taskIds.coord}/evidence?file=bien-ban.pdf`, {
        raw: pdf,
        headers: { 'Content-Type': 'application/pdf' },
        status: 201,
      });
      taskEvidenceSha = json.sha256;
      await as.coord.call('POST', `/api/tasks/${taskIds.coord}/updates`, {
        body: { status: 'in_progress', progress: 20, note: 'Biên bản', evidence: [taskEvidenceSha] },
        status: 201,
      });
    },
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  404   200   404    200  200  200  404   200  404'),
    check: (column, { bytes }) => assert.ok(bytes.equals(pdf)),
  },
  {
    // The caller's own tasks: the coordinator's task is led by tp (offA's department) in xa-1.
    method: 'GET',
    path: '/api/me/tasks',
    url: '/api/me/tasks?year=2026',
    roles: everyone(200),
    check: (column, { json }) => {
      const ids = json.tasks.map((t) => t.id);
      assert.ok(json.tasks.every((t) => t.unit === 'xa-1'), label(column));
      if (['coord', 'lead', 'offA'].includes(column)) assert.ok(ids.includes(taskIds.coord), label(column));
      if (['apprX', 'coordX', 'offN', 'leadX', 'viewN'].includes(column)) assert.deepEqual(ids, [], label(column));
    },
  },
  {
    // Overdue tasks the caller may read: the coordinator's task was due 10/01/2026.
    method: 'GET',
    path: '/api/plans/overdue',
    url: '/api/plans/overdue?year=2026',
    roles: everyone(200),
    check: (column, { json }) => {
      const ids = json.tasks.map((t) => t.id);
      const reads = ['admin', 'appr', 'coord', 'offA', 'offN', 'lead', 'view'].includes(column);
      assert.equal(ids.includes(taskIds.coord), reads, label(column));
      assert.ok(json.tasks.every((t) => t.unit === 'xa-1' && t.due_state === 'overdue'), label(column));
    },
  },
  {
    // Each caller reads its own notifications.
    method: 'GET',
    path: '/api/me/notifications',
    before: async () => {
      await as.admin.call('POST', '/api/admin/reminders/run?year=2026', { status: 200 });
    },
    roles: everyone(200),
    check: (column, { json }) => {
      const about = json.notifications.filter((n) => n.task_id === taskIds.coord);
      const kinds = about.map((n) => n.kind).sort();
      if (column === 'offA') assert.deepEqual(kinds, ['overdue'], label(column));
      else if (['coord', 'lead'].includes(column)) assert.deepEqual(kinds, ['escalation'], label(column));
      else assert.deepEqual(kinds, [], label(column));
      notificationIds[column] = about[0]?.id;
    },
  },
  {
    // Each caller marks its own notification read (204); a notification that is not the caller's is a 404.
    method: 'POST',
    path: '/api/me/notifications/{id}/read',
    url: (column) => `/api/me/notifications/${notificationIds[column] ?? notificationIds.offA}/read`,
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  404   404  404   204   404    204  404  204  404   404  404'),
    state: async () => ({ offA: await notes('offA'), coord: await notes('coord'), lead: await notes('lead') }),
    check: async (column) => {
      const read = (await notes(column)).find((n) => n.id === notificationIds[column]);
      assert.equal(read.read, true, label(column));
    },
  },
  {
    // The reminders of the row above are there already: a second run adds nothing.
    method: 'POST',
    path: '/api/admin/reminders/run',
    url: '/api/admin/reminders/run?year=2026',
    roles: adminOnly(200),
    action: 'administer',
    state: async () => ({ offA: await notes('offA'), coord: await notes('coord'), lead: await notes('lead') }),
    check: (column, { json }) => assert.deepEqual(json, { notifications: 0, emails: 0 }),
  },
  {
    method: 'GET',
    path: '/api/admin/outbox',
    roles: adminOnly(200),
    action: 'administer',
    check: (column, { json }) => {
      const to = json.emails.map((e) => e.to_username);
      for (const username of ['can-bo-tp', 'dau-moi-1', 'lanh-dao-1']) assert.ok(to.includes(username), username);
    },
  },
  {
    // The unit's enabled people, to choose a task's officer: to those who may edit its plan (edit_plan).
    method: 'GET',
    path: '/api/units/{code}/people',
    url: '/api/units/xa-1/people',
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   403  403   200   403    403  403  200  403   403  403'),
    action: 'edit_plan',
    check: (column, { json }) => {
      assert.deepEqual(
        json.people.map((p) => p.username),
        ['can-bo-tc', 'can-bo-tp', 'dau-moi-1', 'lanh-dao-1', 'nguoi-xem-1'],
      );
      assert.deepEqual(json.people[1], { username: 'can-bo-tp', display_name: 'can-bo-tp', role: 'officer', department: 'tp' });
    },
  },
  {
    method: 'GET',
    path: '/api/units/{code}/plans/{year}/plan.docx',
    url: `${PLAN}/plan.docx`,
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  403   200   403    200  200  200  403   200  403'),
    action: 'read_plan',
    check: (column, { bytes, response }) => {
      assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
      assert.equal(response.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    },
  },
  {
    method: 'GET',
    path: '/api/units/{code}/plans/{year}/annex.xlsx',
    url: `${PLAN}/annex.xlsx`,
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  403   200   403    200  200  200  403   200  403'),
    action: 'read_plan',
    check: (column, { bytes, response }) => {
      assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
      assert.equal(response.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    },
  },
  {
    method: 'GET',
    path: '/api/units/{code}/plans/{year}/progress.docx',
    url: `${PLAN}/progress.docx?date=2026-06-30`,
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  403   200   403    200  200  200  403   200  403'),
    action: 'read_plan',
    check: (column, { bytes }) => assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK'),
  },
  {
    // xa-1's 2027 plan (from its 2026 results) with a number and a date: the leader issues it (200); the
    // administrator then gets 409 (issued already): allowed, the state refuses.
    method: 'POST',
    path: '/api/units/{code}/plans/{year}/issue',
    url: `${PLAN_2027}/issue`,
    before: async () => {
      const drafted = await as.admin.call('POST', `${PLAN_2027}/draft`, { body: {}, status: 201 });
      await as.admin.call('PUT', PLAN_2027, {
        body: { revision: drafted.json.plan.revision, number: '12', date: '2027-02-01' },
        status: 200,
      });
    },
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  409   403  403   403   403    403  403  200  403   403  403'),
    order: ['lead', 'admin'],
    action: 'issue_plan',
    state: async () => (await as.admin.call('GET', PLAN_2027, { status: 200 })).json,
    check: (column, { json }) => {
      assert.equal(json.plan.status, 'issued');
      assert.equal(json.plan.number, '12');
    },
  },
  // --- Dossiers (issue 5): read_dossiers on the unit; two dossiers of xa-1 and one of xa-4 in 2025 --------------
  {
    method: 'GET',
    path: '/api/dossiers/stats',
    url: '/api/dossiers/stats?unit=xa-1&year=2025&by=channel',
    before: importRoleDossiers,
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  403   200   403    200  200  200  403   200  403'),
    action: 'read_dossiers',
    check: (column, { json }) => {
      assert.equal(json.total.counters.received, 2);
      assert.equal(json.total.counters.late, 1);
      assert.deepEqual(json.rows.map((r) => r.key.code), ['direct', 'online_full']); // Trực tiếp, Trực tuyến toàn trình.
    },
  },
  {
    method: 'GET',
    path: '/api/dossiers',
    url: '/api/dossiers?unit=xa-1&year=2025&counter=late',
    before: importRoleDossiers,
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  403   200   403    200  200  200  403   200  403'),
    action: 'read_dossiers',
    check: (column, { json }) => {
      assert.equal(json.total, 1);
      assert.deepEqual(json.dossiers.map((d) => d.id), ['RX-2']);
    },
  },
  {
    method: 'GET',
    path: '/api/dossiers/{id}',
    url: '/api/dossiers/RX-1',
    before: importRoleDossiers,
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  403   200   403    200  200  200  403   200  403'),
    action: 'read_dossiers',
    check: (column, { json }) => {
      assert.equal(json.id, 'RX-1');
      assert.equal(json.unit, 'xa-1');
      assert.equal(json.timeliness, 'early');
    },
  },
  {
    // Every caller gets the heat map of the units it may read (none for a viewer without a unit).
    method: 'GET',
    path: '/api/dossiers/heatmap',
    url: '/api/dossiers/heatmap?year=2025',
    before: importRoleDossiers,
    roles: everyone(200),
    check: (column, { json }) => {
      const expected = {
        admin: ['xa-1', 'xa-4'],
        appr: ['xa-1'],
        apprX: ['xa-4'],
        coord: ['xa-1'],
        coordX: [],
        offA: ['xa-1'],
        offN: ['xa-1'],
        lead: ['xa-1'],
        leadX: ['xa-4'],
        view: ['xa-1'],
        viewN: [],
      }[column];
      assert.deepEqual(json.units.map((u) => u.code).sort(), expected, label(column));
    },
  },
  // --- KPI targets (issue 5 §4): the catalogue (edit_rules), xa-1's targets of 2025 (read_dossiers to read,
  // edit_targets to set and enter actuals), framework rules (edit_rules) and suggestions (read_results) ---------
  {
    method: 'GET',
    path: '/api/kpis',
    before: roleKpis,
    roles: everyone(200),
    check: (column, { json }) => assert.ok(json.kpis.some((k) => k.code === 'role-ontime' && k.value === 95)),
  },
  {
    method: 'PUT',
    path: '/api/kpis/{code}',
    url: '/api/kpis/role-put',
    body: { name: 'Chỉ tiêu thử', unit_of_measure: 'bài', measure: 'manual', value: '10,5' },
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  201   200  200   403   403    403  403  403  403   403  403'),
    order: ['admin', 'appr', 'apprX'],
    action: 'edit_rules',
    state: async () => (await as.admin.call('GET', '/api/kpis', { status: 200 })).json,
    check: (column, { json }) => {
      assert.equal(json.version, { admin: 1, appr: 2, apprX: 3 }[column]);
      assert.equal(json.value, 10.5);
      assert.equal(json.saved_by, people[column][0]);
    },
  },
  {
    method: 'GET',
    path: '/api/kpis/{code}',
    url: '/api/kpis/role-ontime',
    before: roleKpis,
    roles: everyone(200),
    check: (column, { json }) => {
      assert.equal(json.kpi.code, 'role-ontime');
      assert.equal(json.versions.length, 1);
    },
  },
  {
    // Every caller sees the units it may read that have data (a viewer without a unit: none, 403).
    method: 'GET',
    path: '/api/kpis/overview',
    url: '/api/kpis/overview?year=2025',
    before: async () => {
      importRoleDossiers();
      await roleKpis();
    },
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  200   200   200    200  200  200  200   200  403'),
    check: (column, { json }) => {
      const expected = { admin: ['xa-1', 'xa-4'], apprX: ['xa-4'], coordX: [], leadX: ['xa-4'] }[column] ?? ['xa-1'];
      assert.deepEqual(json.units.map((u) => u.code).sort(), expected, label(column));
    },
  },
  {
    method: 'GET',
    path: '/api/units/{code}/kpis',
    url: '/api/units/xa-1/kpis?year=2025',
    before: async () => {
      importRoleDossiers();
      await roleKpis();
    },
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  403   200   403    200  200  200  403   200  403'),
    action: 'read_dossiers',
    check: async (column, { json }) => {
      const stats = await as.admin.call('GET', '/api/dossiers/stats?unit=xa-1&year=2025', { status: 200 });
      const row = json.kpis.find((k) => k.kpi === 'role-ontime');
      assert.equal(row.actual.value, stats.json.total.rates.on_time);
      assert.equal(row.actual.denominator, stats.json.total.counters.processed);
      assert.deepEqual(row.drilldown, { unit: 'xa-1', year: 2025, counter: 'on_time' });
      assert.equal(json.can.edit_targets, ['admin', 'appr', 'coord', 'lead'].includes(column), label(column));
    },
  },
  {
    method: 'PUT',
    path: '/api/units/{code}/kpis/{kpi}',
    url: '/api/units/xa-1/kpis/role-ontime?year=2025',
    body: { comparator: '>=', value: 40, note: 'Kế hoạch thử' },
    before: roleKpis,
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  403   200   403    403  403  200  403   403  403'),
    action: 'edit_targets',
    state: roleKpiState,
    check: (column, { json }) => {
      assert.equal(json.target.value, 40);
      assert.equal(json.target.default, false);
      assert.equal(json.target.saved_by, people[column][0]);
    },
  },
  {
    method: 'POST',
    path: '/api/units/{code}/kpis/{kpi}/actuals',
    url: '/api/units/xa-1/kpis/role-manual/actuals?year=2025',
    body: { value: '7', date: '31/12/2025', note: 'Số liệu thử' },
    before: roleKpis,
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  201   201  403   201   403    403  403  201  403   403  403'),
    action: 'edit_targets',
    state: roleKpiState,
    check: (column, { json }) => {
      assert.equal(json.actual.value, 7);
      assert.equal(json.actual.source, 'manual');
      assert.equal(json.actual.by, people[column][0]);
      assert.equal(json.status, 'met');
    },
  },
  {
    method: 'POST',
    path: '/api/units/{code}/kpis/{kpi}/evidence',
    url: '/api/units/xa-1/kpis/role-manual/evidence?year=2025&file=so-lieu.pdf',
    raw: pdf,
    headers: { 'Content-Type': 'application/pdf' },
    before: roleKpis,
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  201   201  403   201   403    403  403  201  403   403  403'),
    action: 'edit_targets',
    state: roleKpiState,
    check: (column, { json }) => assert.equal(json.size, pdf.length),
  },
  {
    // Documented: 404 for those who may not read the unit's dossiers (the file's existence is not disclosed).
    method: 'GET',
    path: '/api/units/{code}/kpis/{kpi}/evidence/{sha256}',
    url: () => `/api/units/xa-1/kpis/role-manual/evidence/${kpiEvidenceSha}?year=2025`,
    before: async () => {
      await roleKpis();
      if (kpiEvidenceSha) return;
      const up = await as.admin.call('POST', '/api/units/xa-1/kpis/role-manual/evidence?year=2025&file=tl.pdf', {
        raw: pdf,
        headers: { 'Content-Type': 'application/pdf' },
        status: 201,
      });
      kpiEvidenceSha = up.json.sha256;
      await as.admin.call('POST', '/api/units/xa-1/kpis/role-manual/actuals?year=2025', {
        body: { value: 3, date: '2025-06-30', evidence: [kpiEvidenceSha] },
        status: 201,
      });
    },
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  404   200   404    200  200  200  404   200  404'),
    check: (column, { bytes }) => assert.ok(bytes.equals(pdf)),
  },
  {
    method: 'GET',
    path: '/api/frameworks/{code}/kpi-rules',
    url: '/api/frameworks/khung-thu/kpi-rules',
    roles: everyone(200),
    check: (column, { json }) => assert.equal(json.framework, 'khung-thu'),
  },
  {
    method: 'PUT',
    path: '/api/frameworks/{code}/kpi-rules',
    url: '/api/frameworks/khung-thu/kpi-rules',
    body: { rules: [{ node: '1.1', kpi: 'role-ontime', method: 'thresholds', thresholds: [[95, 6], [50, '3,5']] }] },
    before: roleKpis,
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  200   403   403    403  403  403  403   403  403'),
    action: 'edit_rules',
    state: async () => (await as.admin.call('GET', '/api/frameworks/khung-thu/kpi-rules', { status: 200 })).json,
    check: (column, { json }) => assert.deepEqual(json.rules[0].thresholds, [[95, 6], [50, 3.5]]),
  },
  {
    method: 'GET',
    path: '/api/units/{code}/assessments/{year}/suggestions',
    url: '/api/units/xa-1/assessments/2026/suggestions',
    before: async () => {
      await roleKpis();
      await as.admin.call('PUT', '/api/frameworks/khung-thu/kpi-rules', {
        body: { rules: [{ node: '1.1', kpi: 'role-ontime', method: 'full_at', floor: 1 }] },
        status: 200,
      });
    },
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  403   200   403    200  200  200  403   200  403'),
    action: 'read_results',
    check: (column, { json }) => {
      assert.equal(json.framework, 'khung-thu');
      const s = json.suggestions.find((x) => x.node === '1.1');
      assert.equal(s.max, 6);
      // No dossier of xa-1 in 2026: no actual, no suggested points.
      assert.equal(s.actual, null);
      assert.equal(s.points, null);
    },
  },
  // --- Dossier imports (issue 5 §1): import_dossiers on xa-1; mapping profiles for whoever imports their unit ----
  {
    method: 'POST',
    path: '/api/dossiers/imports',
    url: '/api/dossiers/imports?unit=xa-1&file=role.csv',
    raw: importCsv,
    headers: { 'Content-Type': 'text/csv' },
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  201   403  403   201   403    403  403  403  403   403  403'),
    action: 'import_dossiers',
    state: importState,
    check: (column, { json }) => {
      assert.equal(json.rows, 2);
      assert.equal(json.inserted + json.updated, 2);
      assert.equal(json.skipped, 0);
    },
  },
  {
    method: 'GET',
    path: '/api/dossiers/imports',
    url: '/api/dossiers/imports?unit=xa-1',
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   403  403   200   403    403  403  403  403   403  403'),
    action: 'import_dossiers',
    check: (column, { json }) => assert.equal(json.unit, 'xa-1'),
  },
  {
    method: 'POST',
    path: '/api/dossiers/imports/preview',
    url: '/api/dossiers/imports/preview?unit=xa-1&file=role.csv',
    raw: importCsv,
    headers: { 'Content-Type': 'text/csv' },
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   403  403   200   403    403  403  403  403   403  403'),
    action: 'import_dossiers',
    state: importState,
    check: (column, { json }) => {
      assert.equal(json.total_rows, 2);
      assert.equal(json.headers[0], 'dossier_id');
      assert.equal(json.rows[1][0], 'RI-2');
    },
  },
  {
    method: 'GET',
    path: '/api/dossiers/imports/{id}/report',
    url: () => `/api/dossiers/imports/${importReportId}/report`,
    before: async () => {
      if (importReportId) return;
      const bad = Buffer.from(importCsv.toString('utf8').replace('online_full', 'fax'), 'utf8');
      const { json } = await as.admin.call('POST', '/api/dossiers/imports?unit=xa-1&file=bad.csv&skip_bad=true', {
        raw: bad,
        headers: { 'Content-Type': 'text/csv' },
        status: 201,
      });
      importReportId = json.id;
    },
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   403  403   200   403    403  403  403  403   403  403'),
    action: 'import_dossiers',
    check: (column, { text }) => assert.match(text, /\n2,6,,channel,fax,/),
  },
  {
    method: 'GET',
    path: '/api/dossiers/mappings',
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   403  403   200   200    403  403  403  403   403  403'),
    action: 'import_dossiers',
    check: (column, { json }) => assert.ok(json.fields.some((f) => f.name === 'received' && f.required)),
  },
  {
    method: 'GET',
    path: '/api/dossiers/mappings/{name}',
    url: '/api/dossiers/mappings/role-map',
    before: () =>
      as.admin.call('PUT', '/api/dossiers/mappings/role-map', { body: roleMapping('role-map'), status: [200, 201] }),
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   403  403   200   200    403  403  403  403   403  403'),
    action: 'import_dossiers',
    check: (column, { json }) => assert.equal(json.columns.received, 'received_at'),
  },
  {
    method: 'PUT',
    path: '/api/dossiers/mappings/{name}',
    url: '/api/dossiers/mappings/role-put',
    body: roleMapping('role-put'),
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  201   403  403   200   200    403  403  403  403   403  403'),
    order: ['admin', 'coord', 'coordX'],
    action: 'import_dossiers',
    state: mappingState,
    check: (column, { json }) => assert.equal(json.version, { admin: 1, coord: 2, coordX: 3 }[column]),
  },
  {
    method: 'DELETE',
    path: '/api/dossiers/mappings/{name}',
    url: '/api/dossiers/mappings/role-del',
    urlFor: Object.fromEntries(['admin', 'coord', 'coordX'].map((c) => [c, `/api/dossiers/mappings/role-del-${c}`])),
    before: () =>
      as.admin.call('PUT', '/api/dossiers/mappings/role-del', { body: roleMapping('role-del'), status: [200, 201] }),
    prepare: (column) =>
      as.admin.call('PUT', `/api/dossiers/mappings/role-del-${column}`, {
        body: roleMapping(`role-del-${column}`),
        status: 201,
      }),
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  204   403  403   204   204    403  403  403  403   403  403'),
    action: 'import_dossiers',
    state: mappingState,
  },
  // --- Definition sets of the dossier statistics (issue 5 §2): everyone reads; edit_rules (administrators and
  // every appraiser) saves and activates. The rows work on the code roles-thu, created by the PUT row.
  {
    method: 'GET',
    path: '/api/dossiers/definitions',
    roles: everyone(200),
    check: (column, { json }) => {
      assert.ok(json.definition_sets.some((s) => s.definition.code === 'default'));
      assert.equal(json.can_edit, ['admin', 'appr', 'apprX'].includes(column), `${label(column)} can_edit`);
    },
  },
  {
    method: 'GET',
    path: '/api/dossiers/definitions/{code}',
    url: '/api/dossiers/definitions/default',
    roles: everyone(200),
    check: (column, { json }) => {
      assert.equal(json.definition.code, 'default');
      assert.equal(json.versions.at(-1).version, 1);
    },
  },
  {
    method: 'PUT',
    path: '/api/dossiers/definitions/{code}',
    url: '/api/dossiers/definitions/roles-thu',
    body: (column) => ({ name: `Quy tắc của ${column}`, grace_seconds: 3600 }),
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  200   403   403    403  403  403  403   403  403'),
    order: ['admin', 'appr', 'apprX'],
    action: 'edit_rules',
    state: definitionsState,
    check: (column, { json }) => {
      assert.equal(json.definition.name, `Quy tắc của ${column}`);
      assert.equal(json.definition.version, ['admin', 'appr', 'apprX'].indexOf(column) + 1);
      assert.equal(json.saved_by, people[column][0]);
    },
  },
  {
    method: 'POST',
    path: '/api/dossiers/definitions/{code}/activate',
    url: '/api/dossiers/definitions/roles-thu/activate',
    //               none admin appr apprX coord coordX offA offN lead leadX view viewN
    roles: statuses('401  200   200  200   403   403    403  403  403  403   403  403'),
    order: ['admin', 'appr', 'apprX'],
    action: 'edit_rules',
    state: definitionsState,
    check: async (column, { json }) => {
      assert.equal(json.active, true);
      assert.equal(json.definition.code, 'roles-thu');
      // Back to the default, so that the next column's activation changes something and later rows see it.
      await as.admin.call('POST', '/api/dossiers/definitions/default/activate', { status: 200 });
    },
  },
];

let roleDossiers = false;
/** Two dossiers of xa-1 (one early, one late) and one of xa-4 in 2025, imported once through the command line. */
function importRoleDossiers() {
  if (roleDossiers) return;
  const file = join(root, 'ho-so.csv');
  writeFileSync(
    file,
    'dossier_id,unit_code,department_code,procedure_code,field_code,channel,received_at,due_at,finished_at,' +
      'returned_at,supplement_requests,apology_letters,status\n' +
      'RX-1,xa-1,tp,1.001193,ho-tich,online_full,2025-03-03 08:00:00,2025-03-10 17:00:00,2025-03-05 10:00:00,,0,0,finished\n' +
      'RX-2,xa-1,tp,1.001193,ho-tich,direct,2025-03-04 08:00:00,2025-03-10 17:00:00,2025-03-12 10:00:00,,0,0,finished\n' +
      'RX-4,xa-4,tp,1.001193,ho-tich,direct,2025-03-04 08:00:00,2025-03-10 17:00:00,2025-03-09 10:00:00,,0,0,finished\n',
  );
  cli(join(root, 'data'), ['dossiers', 'import', file]);
  roleDossiers = true;
}

// --- Running a row -------------------------------------------------------------------------------------------

const isRefusal = (status) => status === 401 || status === 403;
const valueFor = (value, column) => (typeof value === 'function' ? value(column) : value);

/** One column's call of a row; `csrf` false sends no X-CSRF-Token, 'wrong' a wrong one (both must be 403). */
async function attempt(row, column, { csrf = true } = {}) {
  const client = row.client ? row.client(column) : as[column];
  const url = valueFor(row.urlFor?.[column] ?? row.url ?? row.path, column);
  const status = csrf === true ? row.roles[column] : 403;
  const result = await client.call(row.method, url, {
    status,
    csrf,
    body: valueFor(row.body, column),
    raw: row.raw,
    headers: valueFor(row.headers, column),
  });
  const error = result.json?.error;
  const who = `${label(column)} ${row.method} ${url}`;
  if (status >= 400) assert.ok(error, `${who}: an error body`);
  if (status === 401) assert.equal(error.code, 'unauthenticated', who);
  if (status === 404) assert.equal(error.code, 'not_found', who);
  if (status === 409) assert.equal(error.code, 'conflict', who);
  if (status === 403) {
    assert.equal(error.code, 'forbidden', who);
    if (csrf !== true) {
      assert.match(error.message, /X-CSRF-Token/, who);
    } else {
      assert.doesNotMatch(error.message, /X-CSRF-Token/, who);
      // A role refusal is the domain's: its detail names the refused action.
      const expected = valueFor(row.action, column);
      if (expected) {
        assert.ok(
          error.details.some((d) => d.field === 'action' && d.value === expected),
          `${who}: refused for the action ${expected}: ${result.text}`,
        );
      }
    }
  }
  return result;
}

async function runRow(row) {
  assert.deepEqual(Object.keys(row.roles).sort(), [...COLUMNS].sort(), 'the row has a status for every column');
  const login = row.method === 'POST' && row.path === '/api/session';
  const changes = row.method !== 'GET' && !login;
  assert.equal(Boolean(row.state), changes, 'state-changing rows (and only they) say what a refusal must not change');
  await row.before?.call(row);
  const refused = COLUMNS.filter((c) => changes && isRefusal(row.roles[c]));
  const allowed = row.order ?? COLUMNS.filter((c) => !refused.includes(c));
  assert.deepEqual(
    [...refused, ...allowed].sort(),
    [...COLUMNS].sort(),
    'row.order lists every allowed column once',
  );
  if (changes) {
    const before = await row.state.call(row);
    for (const column of refused) await attempt(row, column);
    const performer = allowed.find((c) => c !== 'none');
    await attempt(row, performer, { csrf: false });
    await attempt(row, performer, { csrf: 'wrong' });
    assert.deepEqual(await row.state.call(row), before, `a refused ${row.method} ${row.path} changed something`);
  }
  if (changes) {
    for (const column of allowed) {
      await row.prepare?.call(row, column);
      const result = await attempt(row, column);
      if (result.response.status < 300) await row.check?.call(row, column, result);
    }
    return;
  }
  // Reads change nothing: every column is tried, and the failures are reported together.
  const failures = [];
  for (const column of allowed) {
    try {
      const result = await attempt(row, column);
      if (result.response.status < 300) await row.check?.call(row, column, result);
    } catch (error) {
      failures.push(`${label(column)}: ${error.message.split('\n')[0]}`);
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of ${allowed.length} columns differ from the table`);
}

// --- The tests -----------------------------------------------------------------------------------------------

const routes = () => {
  const found = [];
  for (const [path, item] of Object.entries(openapi.doc.paths)) {
    for (const method of ['get', 'put', 'post', 'patch', 'delete']) if (item[method]) found.push(`${method.toUpperCase()} ${path}`);
  }
  return found;
};

test('every route of docs/api/openapi.yaml has a row in the role table, and every row a route', () => {
  const rows = new Set(table.map((row) => `${row.method} ${row.path}`));
  const documentedRoutes = routes();
  assert.ok(documentedRoutes.length >= 20, `${documentedRoutes.length} routes read from openapi.yaml`);
  const missing = documentedRoutes.filter((route) => !rows.has(route)).map((route) => `route ${route} has no row in the role table`);
  assert.deepEqual(missing, []);
  const stale = table
    .filter((row) => !documented(row.method, row.path))
    .map((row) => `row ${row.method} ${row.path} is not in openapi.yaml`);
  assert.deepEqual(stale, []);
});

for (const row of table) {
  const name = `${row.method} ${row.path}${row.situation ? ` (${row.situation})` : ''}`;
  const options = {};
  if (row.todo) options.todo = row.todo;
  test(name, options, () => runRow(row));
}
