// The assessment workflow over HTTP (issue 3, section 5): a small fixture (tests/api/fixtures/workflow_bundle.json),
// users of every role, the real server, and the whole 2025 loop of xa-1 walked through the API. Which role may call
// which endpoint is the table of roles.test.mjs. Every JSON response is checked against docs/api/openapi.yaml.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Client, openapi } from './client.mjs';
import { cli, repo, start } from './server.mjs';

const password = 'mat-khau-thu-2025';

let root;
let server;


const users = {
  admin: ['quan-tri', ['--role', 'administrator']],
  appraiser: ['tham-dinh', ['--role', 'appraiser', '--group', 'nhom-thu']],
  coordinator: ['dau-moi-1', ['--role', 'coordinator', '--unit', 'xa-1']],
  officer: ['can-bo-tp', ['--role', 'officer', '--unit', 'xa-1', '--department', 'tp']],
  leader: ['lanh-dao-1', ['--role', 'leader', '--unit', 'xa-1']],
  viewer: ['nguoi-xem-1', ['--role', 'viewer', '--unit', 'xa-1']],
  other: ['dau-moi-2', ['--role', 'coordinator', '--unit', 'xa-2']],
};
const as = {};

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const pdfName = 'Báo cáo tiêu chí 1.2.pdf';

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'parindex-workflow-'));
  const data = join(root, 'data');
  const web = join(root, 'web');
  mkdirSync(web, { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>ParIndex</title>');
  cli(data, ['init']);
  cli(data, ['import', 'all', join(repo, 'tests', 'api', 'fixtures', 'workflow_bundle.json')]);
  for (const [username, args] of Object.values(users)) {
    cli(data, ['user', 'add', username, ...args, '--password-stdin'], `${password}\n`);
  }
  server = start(data, web);
  Client.base = await server.url;
  for (const [role, [username]] of Object.entries(users)) as[role] = await new Client(username).login(password);
  as.anonymous = new Client();
});

after(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
  if (root) rmSync(root, { recursive: true, force: true });
});

const assessmentPath = (unit, year) => `/api/units/${unit}/assessments/${year}`;

/** What a refused call must not change: the assessment as the administrator sees it and the audit log. */
async function snapshot(unit, year) {
  const view = await as.admin.call('GET', assessmentPath(unit, year));
  const audit = await as.admin.call('GET', `/api/units/${unit}/audit?year=${year}`, { status: 200 });
  return {
    status: view.response.status,
    view: view.response.status === 200 ? view.json : null,
    audit: audit.json.entries.length,
  };
}

/**
 * A state-changing call: first without X-CSRF-Token (403, nothing changed), then with it.
 */
async function write(client, method, path, options, unit = 'xa-1', year = 2025) {
  const before = await snapshot(unit, year);
  const refused = await client.call(method, path, { ...options, status: 403, csrf: false });
  assert.equal(refused.json.error.code, 'forbidden');
  assert.match(refused.json.error.message, /X-CSRF-Token/);
  assert.deepEqual(await snapshot(unit, year), before, `${method} ${path} without X-CSRF-Token changed something`);
  return client.call(method, path, options);
}

function node(view, code) {
  const found = view.nodes.find((n) => n.code === code);
  assert.ok(found, `node ${code}`);
  return found;
}

describe('the 2025 loop of xa-1', () => {
  const path = assessmentPath('xa-1', 2025);
  let evidenceSha = '';

  test('no assessment yet: 404', async () => {
    const { json } = await as.coordinator.call('GET', path, { status: 404 });
    assert.equal(json.error.code, 'not_found');
  });

  test('the coordinator opens the year', async () => {
    const { json } = await write(as.coordinator, 'POST', path, { status: 201 });
    assert.equal(json.unit, 'xa-1');
    assert.equal(json.unit_name, 'Xã Một');
    assert.equal(json.year, 2025);
    assert.equal(json.framework, 'khung-thu');
    assert.equal(json.status, 'draft');
    assert.deepEqual(
      json.nodes.map((n) => [n.code, n.parent, n.max, n.leaf, n.depth, n.evidence_required]),
      [
        ['1', null, 10, false, 0, false],
        ['1.1', '1', 6, true, 1, false],
        ['1.2', '1', 4, true, 1, true],
        ['2', null, 10, false, 0, false],
        ['2.1', '2', 5, true, 1, false],
        ['2.2', '2', 5, true, 1, false],
      ],
    );
    assert.ok(json.nodes.every((n) => n.self === null && n.appraised === null && n.assigned_department === null));
    assert.deepEqual(
      json.departments.map((d) => d.code),
      ['vp', 'tp', 'tc'],
    );
    assert.deepEqual(json.state, {
      approved_at: null,
      approved_by: null,
      submitted_at: null,
      appraisal_started_at: null,
      explanation_deadline: null,
    });
    assert.deepEqual(json.can, {
      self_score: true,
      assign: true,
      approve: false,
      submit: true,
      withdraw: false,
      appraise: false,
      complete: false,
      explain: false,
      finalise: false,
      publish: false,
    });
    await as.coordinator.call('POST', path, { status: 409 });
  });

  test('the coordinator assigns 1.1 to the department tp', async () => {
    const { json } = await write(as.coordinator, 'PUT', `${path}/nodes/1.1/assignment`, {
      body: { department: 'tp' },
      status: 200,
    });
    assert.equal(node(json, '1.1').assigned_department, 'tp');
    await as.coordinator.call('PUT', `${path}/nodes/1.1/assignment`, { body: { department: 'khong-co' }, status: 400 });
    await as.coordinator.call('PUT', `${path}/nodes/9.9/assignment`, { body: { department: 'tp' }, status: 400 });
  });

  test('the officer self-scores the assigned leaf, and only that one', async () => {
    const officerView = await as.officer.call('GET', path, { status: 200 });
    assert.equal(officerView.json.can.self_score, true);
    assert.equal(officerView.json.can.assign, false);
    const { json } = await write(as.officer, 'PUT', `${path}/nodes/1.1/self`, {
      body: { self: 5.5, explanation: 'Đã ban hành đủ văn bản' },
      status: 200,
    });
    assert.equal(node(json, '1.1').self, 5.5);
    assert.equal(node(json, '1.1').explanation, 'Đã ban hành đủ văn bản');
    const before = await snapshot('xa-1', 2025);
    const refused = await as.officer.call('PUT', `${path}/nodes/2.1/self`, { body: { self: 1 }, status: 403 });
    assert.equal(refused.json.error.code, 'forbidden');
    assert.deepEqual(await snapshot('xa-1', 2025), before);
  });

  test('the coordinator self-scores the rest, one with a decimal comma; bad numbers are 400', async () => {
    await write(as.coordinator, 'PUT', `${path}/nodes/1.2/self`, { body: { self: '4' }, status: 200 });
    const { json } = await write(as.coordinator, 'PUT', `${path}/nodes/2.1/self`, {
      body: { self: '4,5', explanation: 'Tự chấm theo hướng dẫn' },
      status: 200,
    });
    assert.equal(node(json, '2.1').self, 4.5);
    const done = await write(as.coordinator, 'PUT', `${path}/nodes/2.2/self`, { body: { self: 5 }, status: 200 });
    assert.equal(node(done.json, '2.2').self, 5);
    // A missing explanation keeps the current one.
    assert.equal(node(done.json, '1.1').explanation, 'Đã ban hành đủ văn bản');

    const before = await snapshot('xa-1', 2025);
    for (const self of ['4.5678', '1.000.5', 'bốn', 7, -1, '1e2', true]) {
      const { json: error } = await as.coordinator.call('PUT', `${path}/nodes/2.1/self`, { body: { self }, status: 400 });
      assert.equal(error.error.code, 'invalid_input');
      assert.ok(error.error.details.length > 0);
    }
    await as.coordinator.call('PUT', `${path}/nodes/2.1/self`, { body: {}, status: 400 });
    await as.coordinator.call('PUT', `${path}/nodes/2/self`, { body: { self: 1 }, status: 400 });
    await as.coordinator.call('PUT', `${path}/nodes/2.1/self`, { raw: '{"self":', status: 400, headers: { 'Content-Type': 'application/json' } });
    assert.deepEqual(await snapshot('xa-1', 2025), before);
  });

  test('null clears a score', async () => {
    await write(as.coordinator, 'PUT', `${path}/nodes/2.2/self`, { body: { self: null }, status: 200 });
    const { json } = await as.coordinator.call('GET', path, { status: 200 });
    assert.equal(node(json, '2.2').self, null);
    await write(as.coordinator, 'PUT', `${path}/nodes/2.2/self`, { body: { self: 5 }, status: 200 });
  });

  test('submitting without the leader\'s approval is 409', async () => {
    const { json } = await write(as.coordinator, 'POST', `${path}/submit`, { status: 409 });
    assert.equal(json.error.code, 'conflict');
  });

  test('the leader approves; submission is refused for the evidence-required leaf', async () => {
    const leaderView = await as.leader.call('GET', path, { status: 200 });
    assert.equal(leaderView.json.can.approve, true);
    assert.equal(leaderView.json.can.submit, false);
    const { json } = await write(as.leader, 'POST', `${path}/approve`, { status: 200 });
    assert.equal(json.state.approved_by, 'lanh-dao-1');
    assert.match(json.state.approved_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(json.can.approve, false, 'approved: the button goes away until a score changes');
    assert.deepEqual(json.evidence_flags, [
      { code: '1.2', title: 'Tiêu chí một hai (cần TLKC)', self: 4, explained: false },
    ]);
    const refused = await write(as.coordinator, 'POST', `${path}/submit`, { status: 409 });
    assert.equal(refused.json.error.details.length, 1);
    assert.equal(refused.json.error.details[0].path, '1.2');
    assert.equal(refused.json.error.details[0].field, 'evidence');
    const still = await as.coordinator.call('GET', path, { status: 200 });
    assert.equal(still.json.status, 'draft');
  });

  test('a PDF as evidence; then submission passes', async () => {
    // A file that is not an accepted type is refused and nothing is attached.
    await as.coordinator.call('POST', `${path}/nodes/1.2/evidence`, {
      raw: Buffer.from('just text'),
      headers: { 'Content-Type': 'text/plain', 'X-File-Name': 'note.txt' },
      status: 400,
    });
    await as.coordinator.call('POST', `${path}/nodes/1.2/evidence`, {
      raw: pdf,
      headers: { 'Content-Type': 'application/pdf' },
      status: 400,
    });
    const { json } = await write(as.coordinator, 'POST', `${path}/nodes/1.2/evidence`, {
      raw: pdf,
      headers: { 'Content-Type': 'application/pdf', 'X-File-Name': encodeURIComponent(pdfName) },
      status: 201,
    });
    assert.match(json.sha256, /^[0-9a-f]{64}$/);
    assert.equal(json.file_name, pdfName);
    assert.equal(json.content_type, 'application/pdf');
    assert.equal(json.size, pdf.length);
    evidenceSha = json.sha256;
    const view = await as.coordinator.call('GET', path, { status: 200 });
    assert.deepEqual(view.json.evidence_flags, []);
    assert.equal(node(view.json, '1.2').evidence.length, 1);
    assert.equal(node(view.json, '1.2').evidence[0].sha256, evidenceSha);
    const submitted = await write(as.coordinator, 'POST', `${path}/submit`, { status: 200 });
    assert.equal(submitted.json.status, 'submitted');
    assert.equal(submitted.json.can.withdraw, true);
    assert.equal(submitted.json.can.self_score, false);
  });

  test('a submitted assessment can be withdrawn, then re-approved and submitted', async () => {
    const withdrawn = await write(as.coordinator, 'POST', `${path}/withdraw`, { status: 200 });
    assert.equal(withdrawn.json.status, 'draft');
    assert.equal(withdrawn.json.state.approved_at, null);
    await write(as.leader, 'POST', `${path}/approve`, { status: 200 });
    const submitted = await write(as.coordinator, 'POST', `${path}/submit`, { status: 200 });
    assert.equal(submitted.json.status, 'submitted');
    await as.coordinator.call('PUT', `${path}/nodes/2.1/self`, { body: { self: 5 }, status: 409 });
  });

  test('the appraiser accepts, adjusts with a reason, and needs the reason', async () => {
    const view = await as.appraiser.call('GET', path, { status: 200 });
    assert.equal(view.json.can.appraise, true);
    assert.equal(view.json.can.complete, true);
    await write(as.appraiser, 'PUT', `${path}/nodes/1.1/appraisal`, { body: { appraised: 5.5 }, status: 200 });
    await write(as.appraiser, 'PUT', `${path}/nodes/1.2/appraisal`, { body: { appraised: '4' }, status: 200 });
    const before = await snapshot('xa-1', 2025);
    const noReason = await as.appraiser.call('PUT', `${path}/nodes/2.1/appraisal`, { body: { appraised: 4 }, status: 400 });
    assert.equal(noReason.json.error.details[0].field, 'reason');
    assert.deepEqual(await snapshot('xa-1', 2025), before);
    const { json } = await write(as.appraiser, 'PUT', `${path}/nodes/2.1/appraisal`, {
      body: { appraised: '4,0', reason: 'Thiếu báo cáo quý IV' },
      status: 200,
    });
    assert.equal(node(json, '2.1').appraised, 4);
    assert.equal(node(json, '2.1').reason, 'Thiếu báo cáo quý IV');
    assert.notEqual(json.state.appraisal_started_at, null);
    assert.equal(json.can.withdraw, false);
  });

  test('the coordinator may not appraise, nor withdraw once appraisal started', async () => {
    const before = await snapshot('xa-1', 2025);
    await as.coordinator.call('PUT', `${path}/nodes/2.2/appraisal`, { body: { appraised: 5 }, status: 403 });
    await as.coordinator.call('POST', `${path}/withdraw`, { status: 409 });
    assert.deepEqual(await snapshot('xa-1', 2025), before);
  });

  test('complete-appraisal waits for every scored leaf', async () => {
    const open = await write(as.appraiser, 'POST', `${path}/complete-appraisal`, { status: 409 });
    assert.deepEqual(
      open.json.error.details.map((d) => d.path),
      ['2.2'],
    );
    await write(as.appraiser, 'PUT', `${path}/nodes/2.2/appraisal`, { body: { appraised: 5 }, status: 200 });
    const { json } = await write(as.appraiser, 'POST', `${path}/complete-appraisal`, { status: 200 });
    assert.equal(json.status, 'appraised');
    assert.match(json.state.explanation_deadline, /Z$/);
  });

  test('the results follow each write at once', async () => {
    const { json } = await as.coordinator.call('GET', '/api/units/xa-1/results?year=2025', { status: 200 });
    assert.equal(json.status, 'appraised');
    assert.equal(json.points, 18.5);
  });

  test('the coordinator explains; the appraiser finalises', async () => {
    const view = await as.coordinator.call('GET', path, { status: 200 });
    assert.equal(view.json.can.explain, true);
    await as.coordinator.call('POST', `${path}/nodes/2.1/explanations`, { body: { text: '' }, status: 400 });
    const { json } = await write(as.coordinator, 'POST', `${path}/nodes/2.1/explanations`, {
      body: { text: 'Báo cáo quý IV đã gửi ngày 20/12' },
      status: 201,
    });
    assert.equal(node(json, '2.1').explanations.length, 1);
    assert.equal(node(json, '2.1').explanations[0].by, 'dau-moi-1');
    assert.equal(node(json, '2.1').explanations[0].text, 'Báo cáo quý IV đã gửi ngày 20/12');
    await as.coordinator.call('POST', `${path}/finalise`, { status: 403 });
    const final = await write(as.appraiser, 'POST', `${path}/finalise`, { status: 200 });
    assert.equal(final.json.status, 'final');
    assert.equal(final.json.can.publish, true);
    const coordinatorView = await as.coordinator.call('GET', path, { status: 200 });
    assert.equal(coordinatorView.json.can.publish, false);
  });

  test('publishing nhom-thu freezes the year; the results show the hand-computed figures', async () => {
    await as.coordinator.call('POST', '/api/groups/nhom-thu/publish', { body: { year: 2025 }, status: 403 });
    await as.appraiser.call('POST', '/api/groups/nhom-thu/publish', { body: {}, status: 400 });
    const { json } = await write(as.appraiser, 'POST', '/api/groups/nhom-thu/publish', {
      body: { year: 2025 },
      status: 200,
    });
    assert.deepEqual(json, { group: 'nhom-thu', year: 2025, status: 'published' });
    // 1.1 5.5 + 1.2 4 + 2.1 4 (adjusted from 4.5) + 2.2 5 = 18.5 of 20 = 92.50 %; xa-2 18/20 = 90.00; xa-3 16/20 = 80.00.
    const results = await as.coordinator.call('GET', '/api/units/xa-1/results?year=2025', { status: 200 });
    assert.equal(results.json.status, 'published');
    assert.equal(results.json.points, 18.5);
    assert.equal(results.json.max, 20);
    assert.match(results.text, /"index": ?92\.50,/);
    assert.equal(results.json.band, 'Xuất sắc');
    assert.deepEqual(
      results.json.ranks.map((r) => [r.group, r.rank, r.of]),
      [['nhom-thu', 1, 3]],
    );
    assert.deepEqual(
      results.json.areas.map((a) => [a.code, a.points, a.max]),
      [
        ['1', 9.5, 10],
        ['2', 9, 10],
      ],
    );
    const xa2 = await as.other.call('GET', '/api/units/xa-2/results?year=2025', { status: 200 });
    assert.deepEqual(
      xa2.json.ranks.map((r) => [r.rank, r.of]),
      [[2, 3]],
    );
  });

  test('a published year refuses further scores', async () => {
    const before = await snapshot('xa-1', 2025);
    await as.coordinator.call('PUT', `${path}/nodes/1.1/self`, { body: { self: 6 }, status: 409 });
    await as.appraiser.call('PUT', `${path}/nodes/1.1/appraisal`, { body: { appraised: 6, reason: 'x' }, status: 409 });
    assert.deepEqual(await snapshot('xa-1', 2025), before);
    const { json } = await as.coordinator.call('GET', path, { status: 200 });
    assert.equal(json.status, 'published');
    assert.ok(Object.values(json.can).every((flag) => flag === false));
  });

  test('the audit log lists every step in order with old and new values', async () => {
    const { json } = await as.coordinator.call('GET', '/api/units/xa-1/audit?year=2025', { status: 200 });
    const entries = [...json.entries].reverse();
    const ids = json.entries.map((e) => e.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
    const steps = entries.map((e) => `${e.action}|${e.node}|${e.old}|${e.new}|${e.username}`);
    const expected = [
      'assessment.open|||draft|dau-moi-1',
      'criterion.assign|1.1||tp|dau-moi-1',
      'score.self|1.1||5.5|can-bo-tp',
      'score.explanation|1.1||Đã ban hành đủ văn bản|can-bo-tp',
      'score.self|1.2||4|dau-moi-1',
      'score.self|2.1||4.5|dau-moi-1',
      'score.explanation|2.1||Tự chấm theo hướng dẫn|dau-moi-1',
      'score.self|2.2||5|dau-moi-1',
      'score.self|2.2|5||dau-moi-1',
      'score.self|2.2||5|dau-moi-1',
      'assessment.approve|||lanh-dao-1|lanh-dao-1',
      'evidence.add|1.2||' + `${pdfName} (${evidenceSha.slice(0, 12)})|dau-moi-1`,
      'assessment.submit||draft|submitted|dau-moi-1',
      'assessment.withdraw||submitted|draft|dau-moi-1',
      'assessment.approve|||lanh-dao-1|lanh-dao-1',
      'assessment.submit||draft|submitted|dau-moi-1',
      'score.accept|1.1||5.5|tham-dinh',
      'score.accept|1.2||4|tham-dinh',
      'score.adjust|2.1||4 (Thiếu báo cáo quý IV)|tham-dinh',
      'score.accept|2.2||5|tham-dinh',
      'assessment.appraised||submitted|appraised|tham-dinh',
      'score.explain|2.1||Báo cáo quý IV đã gửi ngày 20/12|dau-moi-1',
      'assessment.finalise||appraised|final|tham-dinh',
      'assessment.publish||final|published|tham-dinh',
    ];
    assert.deepEqual(steps, expected);
    assert.ok(entries.every((e) => /127\.0\.0\.1/.test(e.address)), 'entries carry the client address');
    const one = await as.coordinator.call('GET', '/api/units/xa-1/audit?year=2025&node=2.1&limit=2', { status: 200 });
    assert.deepEqual(
      one.json.entries.map((e) => e.action),
      ['score.explain', 'score.adjust'],
    );
    await as.coordinator.call('GET', '/api/units/xa-1/audit?year=2025&limit=0', { status: 400 });
    await as.coordinator.call('GET', '/api/units/xa-1/audit', { status: 400 });
  });

  test('evidence downloads as the same bytes, only for those who may read the unit', async () => {
    const url = `/api/evidence/${evidenceSha}?unit=xa-1&year=2025`;
    const { response, bytes } = await as.coordinator.call('GET', url, { status: 200 });
    assert.ok(bytes.equals(pdf));
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    const disposition = response.headers.get('content-disposition');
    assert.match(disposition, /^attachment;/);
    assert.ok(disposition.includes(`filename*=UTF-8''${encodeURIComponent(pdfName)}`), disposition);
    await as.other.call('GET', url, { status: [403, 404] });
    await as.other.call('GET', `/api/evidence/${evidenceSha}?unit=xa-2&year=2025`, { status: 404 });
    await as.coordinator.call('GET', `/api/evidence/${'0'.repeat(64)}?unit=xa-1&year=2025`, { status: 404 });
    await as.anonymous.call('GET', url, { status: 401 });
  });
});
