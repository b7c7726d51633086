// The definition sets of the dossier statistics over HTTP (issue 5 §2): the demo's sets with the default active,
// saving new versions (every bad field named), the history, activation, the audit, and the statistics' `definition`
// parameter resolving through the stored sets (Thừa Thiên Huế and Vĩnh Phúc give La Khê 2024 different on-time
// rates, each equal to the one computed here from the dossiers behind it). Which role may call which route is the
// table of roles.test.mjs. Every JSON response is checked against docs/api/openapi.yaml.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startDemoServer, stopDemoServer } from './client.mjs';
import { cli } from './server.mjs';

const BASE = '/api/dossiers/definitions';

let env;
let server;
const as = {};

before(async () => {
  ({ env, server } = await startDemoServer(as, {
    adminPassword: 'mat-khau-quy-tac-2024',
    demoUsers: { appraiser: 'thamdinh', coord: 'vanphong.lakhe' },
  }));
});

after(() => stopDemoServer({ env, server }));

const fields = (json) => json.error.details.map((d) => d.field);

test('the demo holds the default (active) and the Huế, Vĩnh Phúc and Gia Lai sets with their denominators', async () => {
  const { json } = await as.coord.call('GET', BASE, { status: 200 });
  assert.equal(json.active, 'default');
  assert.equal(json.can_edit, false);
  const byCode = Object.fromEntries(json.definition_sets.map((s) => [s.definition.code, s]));
  assert.deepEqual(Object.keys(byCode), ['default', 'gia-lai', 'hue', 'vinh-phuc']);
  assert.equal(byCode.default.active, true);
  assert.equal(byCode.default.saved_at, null);
  assert.equal(byCode.hue.definition.denominator, 'processed_in_period');
  assert.equal(byCode['vinh-phuc'].definition.denominator, 'due_in_period');
  assert.equal(byCode['gia-lai'].definition.denominator, 'to_process');
  assert.match(byCode.hue.definition.name, /^Thừa Thiên Huế/);
  assert.equal(byCode.hue.saved_by, 'demo');
  assert.equal((await as.appraiser.call('GET', BASE, { status: 200 })).json.can_edit, true);
});

test('a bad body is refused with every bad field named and nothing saved', async () => {
  const { json } = await as.appraiser.call('PUT', `${BASE}/hue`, {
    body: { name: 'Huế', grace_seconds: -60, due_soon_days: 'ba', denominator: 'received', graceseconds: 1 },
    status: 400,
  });
  assert.equal(json.error.code, 'invalid_input');
  assert.deepEqual(fields(json).sort(), ['denominator', 'due_soon_days', 'grace_seconds', 'graceseconds']);
  const grace = json.error.details.find((d) => d.field === 'grace_seconds');
  assert.equal(grace.path, '$.grace_seconds');
  assert.equal(grace.value, '-60');
  assert.match(grace.reason, /0 đến 366 ngày/);
  const other = await as.appraiser.call('PUT', `${BASE}/hue`, { body: { code: 'vinh-phuc', name: 'X' }, status: 400 });
  assert.deepEqual(fields(other.json), ['code']);
  const { json: view } = await as.appraiser.call('GET', `${BASE}/hue`, { status: 200 });
  assert.equal(view.versions.length, 1, 'nothing saved');
});

test('each save is a new version with who and when; old versions stay readable; the audit names each change', async () => {
  const { json: first } = await as.appraiser.call('GET', `${BASE}/hue`, { status: 200 });
  const body = { ...first.definition, grace_seconds: 86400 };
  delete body.code;
  const { json: saved } = await as.appraiser.call('PUT', `${BASE}/hue`, { body, status: 200 });
  assert.equal(saved.definition.version, 2);
  assert.equal(saved.definition.grace_seconds, 86400);
  assert.equal(saved.latest, true);
  assert.equal(saved.saved_by, 'thamdinh');
  assert.deepEqual(saved.versions.map((v) => [v.version, v.saved_by]), [[2, 'thamdinh'], [1, 'demo']]);
  const again = await as.admin.call('PUT', `${BASE}/hue`, { body: { ...body, max_apologies: 0 }, status: 200 });
  assert.equal(again.json.definition.version, 3);
  assert.equal(again.json.definition.grace_seconds, 86400);

  const { json: old } = await as.coord.call('GET', `${BASE}/hue?version=1`, { status: 200 });
  assert.equal(old.definition.version, 1);
  assert.equal(old.definition.grace_seconds, 0);
  assert.equal(old.latest, false);
  await as.coord.call('GET', `${BASE}/hue?version=9`, { status: 404 });
  const bad = await as.coord.call('GET', `${BASE}/hue?version=x`, { status: 400 });
  assert.deepEqual(fields(bad.json), ['version']);
  await as.coord.call('GET', `${BASE}/khong-co`, { status: 404 });

  const { json: audit } = await as.admin.call('GET', '/api/admin/audit?limit=50', { status: 200 });
  const saves = audit.entries.filter((e) => e.action === 'definition.save');
  const grace = saves.find((e) => e.field === 'grace_seconds' && e.username === 'thamdinh');
  assert.ok(grace, JSON.stringify(saves));
  assert.equal(grace.old, '0');
  assert.equal(grace.new, '86400');
  const apologies = saves.find((e) => e.field === 'max_apologies' && e.username === 'quan-tri');
  assert.equal(apologies.old, '1');
  assert.equal(apologies.new, '0');
  assert.ok(!saves.some((e) => e.username === 'quan-tri' && e.field === 'grace_seconds'), 'unchanged fields are not audited');
});

test('a new code starts at version 1; saving the default makes its version 2', async () => {
  const { json } = await as.admin.call('PUT', `${BASE}/thu-nghiem`, {
    body: { name: 'Thử nghiệm', day_level: true, early_days: 2 },
    status: 200,
  });
  assert.equal(json.definition.version, 1);
  assert.equal(json.definition.day_level, true);
  assert.equal(json.definition.early_days, 2);
  assert.equal(json.definition.supplement_fault_threshold, 2, 'a missing option takes the default');
  const list = await as.admin.call('GET', BASE, { status: 200 });
  assert.ok(list.json.definition_sets.some((s) => s.definition.code === 'thu-nghiem'));
  const { json: builtin } = await as.admin.call('GET', `${BASE}/default`, { status: 200 });
  const { json: second } = await as.admin.call('PUT', `${BASE}/default`, {
    body: { ...builtin.definition, name: 'Mặc định (bản 2)' },
    status: 200,
  });
  assert.equal(second.definition.version, 2);
  assert.deepEqual(second.versions.map((v) => v.version), [2, 1]);
  assert.equal(second.versions[1].saved_at, null, 'version 1 is the built-in default');
});

test('activation makes a code the statistics default and is audited', async () => {
  await as.appraiser.call('POST', `${BASE}/khong-co/activate`, { status: 404 });
  const { json } = await as.appraiser.call('POST', `${BASE}/vinh-phuc/activate`, { status: 200 });
  assert.equal(json.active, true);
  const list = await as.coord.call('GET', BASE, { status: 200 });
  assert.equal(list.json.active, 'vinh-phuc');
  assert.deepEqual(list.json.definition_sets.filter((s) => s.active).map((s) => s.definition.code), ['vinh-phuc']);
  const stats = await as.coord.call('GET', '/api/dossiers/stats?unit=lakhe&year=2024', { status: 200 });
  assert.equal(stats.json.definition.code, 'vinh-phuc');
  assert.equal(stats.json.definition.denominator, 'due_in_period');
  const { json: audit } = await as.admin.call('GET', '/api/admin/audit?limit=20', { status: 200 });
  const entry = audit.entries.find((e) => e.action === 'definition.activate');
  assert.equal(entry.old, 'default');
  assert.equal(entry.new, 'vinh-phuc');
  await as.admin.call('POST', `${BASE}/default/activate`, { status: 200 });
  const back = await as.coord.call('GET', '/api/dossiers/stats?unit=lakhe&year=2024', { status: 200 });
  assert.equal(back.json.definition.code, 'default');
});

/** Every dossier of La Khê 2024 behind `counter` under `definition` (all pages). */
async function dossiersBehind(counter, definition) {
  const all = [];
  for (let offset = 0; ; offset += 500) {
    const url = `/api/dossiers?unit=lakhe&year=2024&counter=${counter}&definition=${definition}&offset=${offset}&limit=500`;
    const { json } = await as.coord.call('GET', url, { status: 200 });
    all.push(...json.dossiers);
    if (all.length >= json.total || json.dossiers.length === 0) return all;
  }
}

const percent = (part, whole) => Math.round((part * 100 * 1000) / whole) / 1000;

test('the same unit-year has a different on-time rate under the Huế and Vĩnh Phúc sets, as computed from its dossiers', async () => {
  // Thừa Thiên Huế: among the dossiers processed in 2024, those finished by their due time.
  const processed = await dossiersBehind('processed', 'hue@1');
  assert.ok(processed.length > 1000, `${processed.length} processed`);
  const hueOnTime = processed.filter((d) => d.timeliness === 'early' || d.timeliness === 'on_time').length;
  const hue = percent(hueOnTime, processed.length);
  // Vĩnh Phúc: among the dossiers due in 2024, those finished by their due time.
  const due = await dossiersBehind('due_total', 'vinh-phuc');
  const dueOnTime = due.filter((d) => d.finished !== null && d.finished <= d.due && d.timeliness !== 'late').length;
  const vinhPhuc = percent(dueOnTime, due.length);
  assert.notEqual(hue, vinhPhuc, `Huế ${hue} % and Vĩnh Phúc ${vinhPhuc} % differ`);

  const stats = async (definition) =>
    (await as.coord.call('GET', `/api/dossiers/stats?unit=lakhe&year=2024&definition=${definition}`, { status: 200 })).json;
  const hueStats = await stats('hue@1');
  assert.equal(hueStats.definition.code, 'hue');
  assert.equal(hueStats.definition.version, 1);
  assert.ok(Math.abs(hueStats.total.rates.on_time - hue) < 0.0011, `${hueStats.total.rates.on_time} ≈ ${hue}`);
  const vpStats = await stats('vinh-phuc');
  assert.equal(vpStats.definition.denominator, 'due_in_period');
  assert.ok(Math.abs(vpStats.total.rates.on_time - vinhPhuc) < 0.0011, `${vpStats.total.rates.on_time} ≈ ${vinhPhuc}`);
  // A later version of Huế (grace of a day, saved above) counts more dossiers on time.
  const hueLatest = await stats('hue');
  assert.equal(hueLatest.definition.version, 3);
  assert.ok(hueLatest.total.rates.on_time >= hueStats.total.rates.on_time);
  const unknown = await as.coord.call('GET', '/api/dossiers/stats?unit=lakhe&year=2024&definition=hue@99', { status: 400 });
  assert.ok(unknown.json.error.details.some((d) => d.field === 'definition'));
});
