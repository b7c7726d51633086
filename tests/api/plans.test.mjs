// Plans, tasks and reminders over HTTP (issue 4): the demo data (La Khê's 2024 plan drafted from its 2023 results),
// the demo logins of La Khê, an administrator and an officer of another department, and the real server. Which role
// may call which route is the table of roles.test.mjs. Every JSON response is checked against docs/api/openapi.yaml.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { Client, startDemoServer, stopDemoServer } from './client.mjs';
import { cli } from './server.mjs';

const password = 'mat-khau-ke-hoach-2024';
const PLAN = '/api/units/lakhe/plans/2024';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let env;
let server;
const as = {};

before(async () => {
  ({ env, server } = await startDemoServer(as, {
    adminPassword: password,
    demoUsers: { coord: 'vanphong.lakhe', officer: 'tuphap.lakhe', leader: 'chutich.lakhe', viewer: 'xem.lakhe' },
    setup: (data) => {
      cli(
        data,
        ['user', 'add', 'vhxh.lakhe', '--role', 'officer', '--unit', 'lakhe', '--department', 'vh-xh', '--password-stdin'],
        `${password}\n`,
      );
    },
  }));
  as.other = await new Client('vhxh.lakhe').login(password);
});

after(() => stopDemoServer({ env, server }));

/** The plan as the administrator reads it. */
async function plan() {
  return (await as.admin.call('GET', PLAN, { status: 200 })).json;
}

const task = (view, id) => {
  const found = view.tasks.find((t) => t.id === id);
  assert.ok(found, `task ${id}`);
  return found;
};

/** Exactly one detail names `path`. */
function names(json, path) {
  assert.ok(
    json.error.details.some((d) => d.path === path),
    `${path} in ${JSON.stringify(json.error.details)}`,
  );
}

let taskA; // led by Tư pháp – Hộ tịch (the officer's department)
let taskB; // led by Văn hóa – Xã hội
let pastTask; // a deadline in the past

test('the demo drafted La Khê 2024 with seed 000 metadata, assigned tasks to tuphap.lakhe and recorded updates', async () => {
  const { json } = await as.officer.call('GET', PLAN, { status: 200 });
  assert.equal(json.plan.unit, 'lakhe');
  assert.equal(json.plan.results_year, 2023);
  assert.equal(json.plan.status, 'draft');
  assert.equal(json.plan.authority, 'UBND QUẬN HÀ ĐÔNG');
  assert.equal(json.plan.issuer, 'ỦY BAN NHÂN DÂN PHƯỜNG LA KHÊ');
  assert.equal(json.plan.place, 'La Khê');
  assert.equal(json.plan.signer.name, 'Nguyễn Hữu Hiến');
  assert.equal(json.plan.signer.title, 'CHỦ TỊCH');
  assert.equal(json.plan.recipients.at(-1), 'Lưu: VT.');
  assert.equal(json.tasks.length, 14);
  const mine = json.tasks.filter((t) => t.lead_user === 'tuphap.lakhe');
  assert.ok(mine.length >= 2, `${mine.length} tasks of tuphap.lakhe`);
  assert.ok(mine.every((t) => t.lead_department === 'tp-ht'));
  assert.ok(mine.some((t) => t.status === 'done' && t.progress === 100 && t.last_update?.username === 'tuphap.lakhe'));
  assert.equal(json.progress.tasks, 14);
  assert.ok(json.progress.done >= 1);
  // The officer may update its tasks, not edit or issue the plan.
  assert.deepEqual(json.can, { edit: false, issue: false, update_tasks: true });
  // The demo's reminders (5 December 2024) reached the officer.
  const notes = await as.officer.call('GET', '/api/me/notifications', { status: 200 });
  assert.ok(notes.json.notifications.some((n) => n.unit === 'lakhe' && n.year === 2024 && n.kind === 'overdue'));
});

test('a plan that exists is not drafted again (409); with replace the draft is made anew: 201 with the 14 lost-point tasks', async () => {
  const before = await plan();
  const refused = await as.coord.call('POST', `${PLAN}/draft`, { body: { replace: false }, status: 409 });
  assert.equal(refused.json.error.code, 'conflict');
  assert.deepEqual(await plan(), before);

  const { json } = await as.coord.call('POST', `${PLAN}/draft`, { body: { replace: true }, status: 201 });
  assert.equal(json.tasks.length, 14);
  assert.deepEqual(
    json.tasks.map((t) => t.position),
    Array.from({ length: 14 }, (_, i) => i + 1),
  );
  assert.ok(json.tasks.every((t) => t.criteria.length >= 1 && t.title !== '' && t.status === 'not_started'));
  assert.ok(json.tasks.every((t) => t.recurrence !== 'once' || t.deadline === '2024-11-30'), 'default deadline 30/11');
  assert.equal(json.plan.results_year, 2023);
  assert.ok(json.plan.responsibilities.length >= 1);
  assert.deepEqual(json.can, { edit: true, issue: false, update_tasks: true });
  // No plan of 2025, and no results of 2025 to draft 2026 from.
  await as.coord.call('GET', '/api/units/lakhe/plans/2025', { status: 404 });
  await as.coord.call('POST', '/api/units/lakhe/plans/2026/draft', { body: {}, status: 404 });
  // A year that is not a year is a 400 naming path.year.
  names((await as.admin.call('GET', '/api/units/lakhe/plans/abc', { status: 400 })).json, 'path.year');
});

test('saving with a stale revision is a conflict (409) and changes nothing; a bad date is a 400 naming $.date', async () => {
  const first = await plan();
  const revision = first.plan.revision;
  const saved = await as.coord.call('PUT', PLAN, {
    body: { revision, place: 'La Khê', number: '', recipients: ['Phòng Nội vụ quận Hà Đông;', 'Lưu: VT.'] },
    status: 200,
  });
  assert.equal(saved.json.plan.revision, revision + 1);
  assert.deepEqual(saved.json.plan.recipients, ['Phòng Nội vụ quận Hà Đông;', 'Lưu: VT.']);
  const current = await plan();

  const stale = await as.leader.call('PUT', PLAN, { body: { revision, title: 'Tiêu đề khác' }, status: 409 });
  assert.equal(stale.json.error.code, 'conflict');
  assert.deepEqual(await plan(), current);

  const badDate = await as.coord.call('PUT', PLAN, { body: { revision: revision + 1, date: '31/02/2024' }, status: 400 });
  names(badDate.json, '$.date');
  const noRevision = await as.coord.call('PUT', PLAN, { body: { title: 'Không có phiên bản' }, status: 400 });
  names(noRevision.json, '$.revision');
  assert.deepEqual(await plan(), current);
});

test('issuing without a number is a 400 naming $.number, and nothing changes', async () => {
  const before = await plan();
  const { json } = await as.leader.call('POST', `${PLAN}/issue`, { status: 400 });
  names(json, '$.number');
  assert.deepEqual(await plan(), before);
  // The coordinator may not issue at all.
  await as.coord.call('POST', `${PLAN}/issue`, { status: 403 });
});

test('tasks: an unknown lead department is a 400 naming $.lead_department; created and edited by the coordinator', async () => {
  const before = await plan();
  const bad = await as.coord.call('POST', `${PLAN}/tasks`, {
    body: { title: 'Nhiệm vụ thử', lead_department: 'khong-co', recurrence: 'once', deadline: '2024-06-30' },
    status: 400,
  });
  names(bad.json, '$.lead_department');
  assert.deepEqual(await plan(), before);

  const created = await as.coord.call('POST', `${PLAN}/tasks`, {
    body: {
      title: 'Rà soát hồ sơ chứng thực quá hạn',
      criteria: [before.tasks[0].criteria[0]],
      lead_department: 'tp-ht',
      cooperating: ['Văn phòng – Thống kê'],
      recurrence: 'once',
      deadline: '2024-01-15',
      expected_output: 'Báo cáo',
    },
    status: 201,
  });
  pastTask = created.json.task.id;
  assert.equal(created.json.task.position, 15);
  assert.equal(created.json.task.deadline, '2024-01-15');
  assert.equal(created.json.task.due_state, 'overdue');
  assert.ok(created.json.task.days_left < -300, `${created.json.task.days_left}`);

  [taskA, taskB] = before.tasks.map((t) => t.id);
  const a = await as.coord.call('PUT', `/api/tasks/${taskA}`, {
    body: { lead_department: 'tp-ht', lead_user: '' },
    status: 200,
  });
  assert.equal(a.json.task.lead_department, 'tp-ht');
  assert.equal(a.json.task.title, before.tasks[0].title, 'a missing field keeps its value');
  await as.coord.call('PUT', `/api/tasks/${taskB}`, { body: { lead_department: 'vh-xh', lead_user: '' }, status: 200 });
  // A task removed while the plan is a draft is gone (204).
  const extra = await as.coord.call('POST', `${PLAN}/tasks`, {
    body: { title: 'Nhiệm vụ tạm', lead_department: 'vp-tk', recurrence: 'ongoing' },
    status: 201,
  });
  await as.coord.call('DELETE', `/api/tasks/${extra.json.task.id}`, { status: 204 });
  assert.ok(!(await plan()).tasks.some((t) => t.id === extra.json.task.id));
  await as.coord.call('DELETE', `/api/tasks/${extra.json.task.id}`, { status: 404 });
  // An officer may not edit tasks.
  await as.officer.call('PUT', `/api/tasks/${taskA}`, { body: { title: 'Sửa bởi công chức' }, status: 403 });
  assert.equal(task(await plan(), taskA).title, before.tasks[0].title);
});

test("an officer updates its department's task (201) but not another department's (403, nothing changed)", async () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
  const upload = await as.officer.call('POST', `/api/tasks/${taskA}/evidence?file=${encodeURIComponent('Báo cáo.pdf')}`, {
    raw: pdf,
    headers: { 'Content-Type': 'application/pdf' },
    status: 201,
  });
  assert.equal(upload.json.size, pdf.length);
  assert.equal(upload.json.content_type, 'application/pdf');

  const { json } = await as.officer.call('POST', `/api/tasks/${taskA}/updates`, {
    body: { status: 'in_progress', progress: 60, note: 'Đã rà soát 12/20 hồ sơ', evidence: [upload.json.sha256] },
    status: 201,
  });
  assert.equal(json.update.username, 'tuphap.lakhe');
  assert.equal(json.update.progress, 60);
  assert.deepEqual(json.update.evidence, [upload.json.sha256]);
  assert.equal(json.task.status, 'in_progress');
  assert.equal(json.task.progress, 60);
  assert.equal(json.task.last_update.id, json.update.id);

  // The file is downloaded by those who may read the plan, through the evidence route naming the task.
  const file = await as.viewer.call('GET', `/api/evidence/${upload.json.sha256}?task=${taskA}`, { status: 200 });
  assert.ok(file.bytes.equals(pdf));
  assert.equal(file.response.headers.get('content-type'), 'application/pdf');
  await as.viewer.call('GET', `/api/evidence/${upload.json.sha256}?task=${taskB}`, { status: 404 });

  const updates = await as.viewer.call('GET', `/api/tasks/${taskA}/updates`, { status: 200 });
  assert.deepEqual(
    updates.json.updates.map((u) => [u.username, u.progress, u.note]),
    [['tuphap.lakhe', 60, 'Đã rà soát 12/20 hồ sơ']],
  );

  const before = await plan();
  const beforeUpdates = (await as.admin.call('GET', `/api/tasks/${taskB}/updates`, { status: 200 })).json;
  const refused = await as.officer.call('POST', `/api/tasks/${taskB}/updates`, {
    body: { status: 'done', progress: 100, note: 'Không phải của tôi' },
    status: 403,
  });
  assert.equal(refused.json.error.code, 'forbidden');
  assert.ok(refused.json.error.details.some((d) => d.field === 'action' && d.value === 'update_task'));
  await as.officer.call('POST', `/api/tasks/${taskB}/evidence?file=x.pdf`, {
    raw: pdf,
    headers: { 'Content-Type': 'application/pdf' },
    status: 403,
  });
  assert.deepEqual(await plan(), before);
  assert.deepEqual((await as.admin.call('GET', `/api/tasks/${taskB}/updates`, { status: 200 })).json, beforeUpdates);
  // The officer of Văn hóa – Xã hội may.
  await as.other.call('POST', `/api/tasks/${taskB}/updates`, { body: { status: 'done', progress: 100 }, status: 201 });
  assert.equal(task(await plan(), taskB).status, 'done');
  // A progress outside 0–100 is a 400 naming $.progress.
  const bad = await as.officer.call('POST', `/api/tasks/${taskA}/updates`, { body: { progress: 120 }, status: 400 });
  names(bad.json, '$.progress');
});

test("my tasks: an officer sees its department's tasks, a coordinator every task of the unit", async () => {
  const mine = (await as.officer.call('GET', '/api/me/tasks?year=2024', { status: 200 })).json.tasks.map((t) => t.id);
  assert.ok(mine.includes(taskA));
  assert.ok(mine.includes(pastTask));
  assert.ok(!mine.includes(taskB));
  const other = (await as.other.call('GET', '/api/me/tasks?year=2024', { status: 200 })).json.tasks.map((t) => t.id);
  assert.ok(other.includes(taskB));
  assert.ok(!other.includes(taskA));
  const all = (await as.coord.call('GET', '/api/me/tasks?year=2024', { status: 200 })).json.tasks;
  assert.equal(all.length, 15);
  await as.officer.call('GET', '/api/me/tasks?year=20x4', { status: 400 });
});

test('the overdue list holds the task whose deadline passed, most overdue first', async () => {
  const { json } = await as.coord.call('GET', '/api/plans/overdue?year=2024', { status: 200 });
  const past = json.tasks.find((t) => t.id === pastTask);
  assert.ok(past, 'the task due 15/01/2024 is overdue');
  assert.equal(past.due_state, 'overdue');
  assert.equal(past.due, '2024-01-15');
  assert.equal(json.tasks[0].id, pastTask, 'most overdue first');
  const days = json.tasks.map((t) => t.days_left);
  assert.deepEqual(days, [...days].sort((a, b) => a - b));
  assert.ok(json.tasks.every((t) => t.due_state === 'overdue' && t.status !== 'done'));
  assert.ok(!json.tasks.some((t) => t.id === taskB), 'a done task is not overdue');
  // La Khê has the only plan of 2024: the administrator's list is the same.
  const admin = await as.admin.call('GET', '/api/plans/overdue?year=2024', { status: 200 });
  assert.deepEqual(
    admin.json.tasks.map((t) => t.id),
    json.tasks.map((t) => t.id),
  );
});

test('reminders: a run adds notifications and emails, a second run adds nothing; the outbox keeps them', async () => {
  const first = await as.admin.call('POST', '/api/admin/reminders/run?year=2024', { status: 200 });
  assert.ok(first.json.notifications > 0, JSON.stringify(first.json));
  assert.ok(first.json.emails > 0, JSON.stringify(first.json));
  const second = await as.admin.call('POST', '/api/admin/reminders/run?year=2024', { status: 200 });
  assert.deepEqual(second.json, { notifications: 0, emails: 0 });
  const outbox = await as.admin.call('GET', '/api/admin/outbox', { status: 200 });
  assert.ok(outbox.json.emails.length >= first.json.emails);
  assert.ok(outbox.json.emails.some((e) => e.to_username === 'tuphap.lakhe'));
  await as.coord.call('POST', '/api/admin/reminders/run?year=2024', { status: 403 });
  await as.coord.call('GET', '/api/admin/outbox', { status: 403 });
});

test('notifications: the officer lists its reminders and marks one read; another user cannot', async () => {
  const { json } = await as.officer.call('GET', '/api/me/notifications?unread=true', { status: 200 });
  const note = json.notifications.find((n) => n.task_id === pastTask);
  assert.ok(note, 'a reminder of the overdue task');
  assert.equal(note.kind, 'overdue');
  assert.equal(note.due, '2024-01-15');
  assert.equal(note.read, false);
  assert.ok(note.message.length > 0 && note.message_en.length > 0);
  // The coordinator got the escalation.
  const coord = await as.coord.call('GET', '/api/me/notifications', { status: 200 });
  assert.ok(coord.json.notifications.some((n) => n.task_id === pastTask && n.kind === 'escalation'));

  await as.coord.call('POST', `/api/me/notifications/${note.id}/read`, { status: 404 });
  await as.officer.call('POST', `/api/me/notifications/${note.id}/read`, { status: 204 });
  const unread = await as.officer.call('GET', '/api/me/notifications?unread=true', { status: 200 });
  assert.ok(!unread.json.notifications.some((n) => n.id === note.id));
  const every = await as.officer.call('GET', '/api/me/notifications', { status: 200 });
  assert.equal(every.json.notifications.find((n) => n.id === note.id).read, true);
  await as.officer.call('GET', '/api/me/notifications?unread=maybe', { status: 400 });
});

/** The text of a .xlsx's shared strings and sheets (unzip is on every machine that runs LibreOffice tests). */
function xlsxText(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-annex-'));
  try {
    const file = join(dir, 'annex.xlsx');
    writeFileSync(file, bytes);
    return execFileSync('unzip', ['-p', file, 'xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('downloads: plan.docx, annex.xlsx and progress.docx are Office files; a bad date is a 400', async () => {
  const docx = await as.viewer.call('GET', `${PLAN}/plan.docx`, { status: 200 });
  assert.equal(docx.bytes.subarray(0, 2).toString('latin1'), 'PK');
  assert.equal(docx.response.headers.get('content-type'), DOCX);
  assert.match(docx.response.headers.get('content-disposition'), /^attachment; filename="ke-hoach-lakhe-2024\.docx"/);

  const xlsx = await as.officer.call('GET', `${PLAN}/annex.xlsx`, { status: 200 });
  assert.equal(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK');
  assert.equal(xlsx.response.headers.get('content-type'), XLSX);
  assert.match(xlsx.response.headers.get('content-disposition'), /^attachment/);
  assert.match(xlsxText(xlsx.bytes), /Rà soát hồ sơ chứng thực quá hạn/);

  const progress = await as.leader.call('GET', `${PLAN}/progress.docx?date=30/06/2024`, { status: 200 });
  assert.equal(progress.bytes.subarray(0, 2).toString('latin1'), 'PK');
  assert.equal(progress.response.headers.get('content-type'), DOCX);
  const bad = await as.leader.call('GET', `${PLAN}/progress.docx?date=bad`, { status: 400 });
  names(bad.json, 'query.date');
  await as.viewer.call('GET', '/api/units/lakhe/plans/2025/plan.docx', { status: 404 });
});

test('issued with a number and a date: frozen (saving and removing tasks are conflicts), tasks still tracked', async () => {
  const { revision } = (await plan()).plan;
  await as.leader.call('PUT', PLAN, { body: { revision, number: '125', date: '2024-03-15' }, status: 200 });
  const { json } = await as.leader.call('POST', `${PLAN}/issue`, { status: 200 });
  assert.equal(json.plan.status, 'issued');
  assert.equal(json.plan.number, '125');
  assert.equal(json.plan.date, '2024-03-15');
  assert.ok(json.plan.issued_at);
  assert.deepEqual(json.can, { edit: false, issue: false, update_tasks: true });
  const issued = await plan();
  await as.coord.call('PUT', PLAN, { body: { revision: issued.plan.revision, title: 'Sau ban hành' }, status: 409 });
  await as.coord.call('DELETE', `/api/tasks/${pastTask}`, { status: 409 });
  await as.coord.call('POST', `${PLAN}/draft`, { body: { replace: true }, status: 409 });
  assert.deepEqual(await plan(), issued);
  await as.officer.call('POST', `/api/tasks/${pastTask}/updates`, { body: { status: 'done', progress: 100 }, status: 201 });
  assert.equal(task(await plan(), pastTask).status, 'done');
});
