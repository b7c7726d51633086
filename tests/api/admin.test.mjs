// The administration API (issue 3, section 6) against the real server on the demo data: users, units, group-years,
// imports and exports, the system-wide audit log; every route × every other role (401/403, nothing changed).
// Every JSON response is checked against docs/api/openapi.yaml.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Client, openapi } from './client.mjs';
import { cli, demoPassword, prepare, repo, start } from './server.mjs';

const adminPassword = 'quan-tri-he-thong-2025';

let folder;
let server;


/** Sends a file as the raw body of POST /api/admin/import. */
function importFile(client, query, bytes, status) {
  return client.call('POST', `/api/admin/import?${new URLSearchParams(query)}`, {
    raw: bytes,
    headers: { 'Content-Type': 'application/octet-stream' },
    status,
  });
}

/** The details of an error response as "path field" strings. */
const where = (json) => json.error.details.map((d) => `${d.path} ${d.field}`);

const as = {};

before(async () => {
  folder = prepare();
  cli(folder.data, ['user', 'add', 'quan-tri', '--role', 'administrator', '--password-stdin'], `${adminPassword}\n`);
  server = start(folder.data, folder.web);
  Client.base = await server.url;
  as.admin = new Client('quan-tri');
  await as.admin.login(adminPassword);
  for (const [role, username] of Object.entries({
    appraiser: 'thamdinh',
    coordinator: 'vanphong.lakhe',
    officer: 'tuphap.lakhe',
    leader: 'chutich.lakhe',
    viewer: 'xem.lakhe',
  })) {
    as[role] = new Client(username);
    await as[role].login(demoPassword);
  }
  as.anonymous = new Client();
});

after(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
  folder?.cleanup();
});

describe('who may administer', () => {
  const routes = [
    ['GET', '/api/admin/users'],
    ['POST', '/api/admin/users', { username: 'ke-gian', role: 'viewer' }],
    ['PUT', '/api/admin/users/xem.lakhe', { role: 'administrator' }],
    ['POST', '/api/admin/users/xem.lakhe/reset-password'],
    ['POST', '/api/admin/users/quan-tri/disable'],
    ['POST', '/api/admin/users/xem.lakhe/enable'],
    ['PUT', '/api/admin/units/lakhe', { name: 'Bị đổi tên' }],
    ['PUT', '/api/admin/groups/hadong-wards/2024', { name: 'Bị đổi', framework: 'hadong-2024-mau', members: [] }],
    ['POST', '/api/admin/import?kind=units&file=units.csv'],
    ['GET', '/api/admin/export?kind=units&format=csv'],
    ['GET', '/api/admin/audit'],
  ];

  /** What a refused call must not change. */
  async function snapshot() {
    const users = await as.admin.call('GET', '/api/admin/users', { status: 200 });
    const units = await as.admin.call('GET', '/api/units', { status: 200 });
    const groups = await as.admin.call('GET', '/api/groups?year=2024', { status: 200 });
    const audit = await as.admin.call('GET', '/api/admin/audit?limit=1', { status: 200 });
    return {
      users: users.json.users,
      lakhe: units.json.units.find((u) => u.code === 'lakhe'),
      groups: groups.json.groups,
      // The newest entry: a refused request appends nothing (logins happen before).
      audit: audit.json.entries[0].id,
    };
  }

  test('anonymous callers get 401 and every other role 403, and nothing changes', async () => {
    const before = await snapshot();
    for (const [method, path, body] of routes) {
      const raw = path.includes('/import') ? 'code,name\nx,y\n' : undefined;
      const anonymous = await as.anonymous.call(method, path, { body, raw, status: 401 });
      assert.equal(anonymous.json.error.code, 'unauthenticated');
      for (const role of ['appraiser', 'coordinator', 'officer', 'leader', 'viewer']) {
        const refused = await as[role].call(method, path, { body, raw, status: 403 });
        assert.equal(refused.json.error.code, 'forbidden', `${role} ${method} ${path}`);
      }
    }
    assert.deepEqual(await snapshot(), before);
  });

  test('an administrator without X-CSRF-Token gets 403 on every write, and nothing changes', async () => {
    const before = await snapshot();
    for (const [method, path, body] of routes.filter(([method]) => method !== 'GET')) {
      const raw = path.includes('/import') ? 'code,name\nx,y\n' : undefined;
      const refused = await as.admin.call(method, path, { body, raw, csrf: false, status: 403 });
      assert.match(refused.json.error.message, /X-CSRF-Token/);
    }
    assert.deepEqual(await snapshot(), before);
  });
});

describe('users', () => {
  test('the list is ordered by username and carries the flags', async () => {
    const { json } = await as.admin.call('GET', '/api/admin/users', { status: 200 });
    const names = json.users.map((u) => u.username);
    assert.deepEqual(names, [...names].sort());
    for (const name of ['admin', 'chutich.lakhe', 'quan-tri', 'thamdinh', 'tuphap.lakhe', 'vanphong.lakhe', 'xem.lakhe']) {
      assert.ok(names.includes(name), name);
    }
    const officer = json.users.find((u) => u.username === 'tuphap.lakhe');
    assert.deepEqual(officer, {
      username: 'tuphap.lakhe',
      display_name: 'Công chức Tư pháp – Hộ tịch La Khê (mẫu)',
      role: 'officer',
      unit: 'lakhe',
      groups: [],
      department: 'tp-ht',
      disabled: false,
      must_change_password: false,
      locked: false,
    });
    // `parindex init` made `admin` with a one-time password.
    assert.equal(json.users.find((u) => u.username === 'admin').must_change_password, true);
  });

  test('a new user gets a one-time password that must be changed at the first login', async () => {
    const { json } = await as.admin.call('POST', '/api/admin/users', {
      body: { username: 'Ketoan.LaKhe', display_name: 'Kế toán La Khê', role: 'officer', unit: 'lakhe', groups: [], department: 'tc-kt' },
      status: 201,
    });
    assert.equal(json.user.username, 'ketoan.lakhe');
    assert.equal(json.user.role, 'officer');
    assert.equal(json.user.department, 'tc-kt');
    assert.equal(json.user.must_change_password, true);
    assert.match(json.one_time_password, /^\S{10,}$/);

    const newcomer = new Client('ketoan.lakhe');
    const { session } = await newcomer.login(json.one_time_password);
    assert.equal(session.must_change_password, true);
    await newcomer.call('GET', '/api/units', { status: 403 });
    await newcomer.call('POST', '/api/session/password', {
      body: { old_password: json.one_time_password, new_password: 'ke-toan-moi-2025' },
      status: 204,
    });
    await newcomer.call('GET', '/api/units', { status: 200 });

    const audit = await as.admin.call('GET', '/api/admin/audit?limit=20', { status: 200 });
    const created = audit.json.entries.find((e) => e.action === 'user.create' && e.subject === 'ketoan.lakhe');
    assert.equal(created.username, 'quan-tri');
    assert.equal(created.new, 'officer unit=lakhe department=tc-kt');
    assert.equal(created.unit, 'lakhe');
  });

  test('bad input is a 400 naming the field; an existing username is a 409', async () => {
    const cases = [
      [{ username: 'x', role: 'viewer' }, '$.username username'],
      [{ username: 'moi.1', role: 'sieu-nhan' }, '$.role role'],
      [{ username: 'moi.1' }, '$.role role'],
      [{ username: 'moi.1', role: 'coordinator', unit: 'khong-co' }, '$.unit unit'],
      [{ username: 'moi.1', role: 'appraiser', groups: ['hadong-wards', 'khong-co'] }, '$.groups[1] groups'],
      [{ username: 'moi.1', role: 'officer', unit: 'lakhe', department: 'khong-co' }, '$.department department'],
      [{ username: 'moi.1', role: 'coordinator' }, '$.unit unit'],
      [{ username: 'moi.1', role: 'appraiser', groups: [] }, '$.groups groups'],
      [{ username: 'moi.1', role: 'viewer', groups: 'hadong-wards' }, '$.groups groups'],
    ];
    for (const [body, expected] of cases) {
      const { json } = await as.admin.call('POST', '/api/admin/users', { body, status: 400 });
      assert.equal(json.error.code, 'invalid_input');
      assert.ok(where(json).includes(expected), `${JSON.stringify(body)}: ${JSON.stringify(json.error.details)}`);
    }
    const taken = await as.admin.call('POST', '/api/admin/users', {
      body: { username: 'XEM.lakhe', role: 'viewer' },
      status: 409,
    });
    assert.equal(taken.json.error.code, 'conflict');
    const users = await as.admin.call('GET', '/api/admin/users', { status: 200 });
    assert.equal(users.json.users.filter((u) => u.username === 'moi.1').length, 0);
  });

  test('changing a role closes that user\'s sessions and is audited old → new', async () => {
    const made = await as.admin.call('POST', '/api/admin/users', {
      body: { username: 'doi-vai-tro', display_name: 'Người đổi vai trò', role: 'viewer', unit: 'lakhe' },
      status: 201,
    });
    const user = new Client('doi-vai-tro');
    await user.login(made.json.one_time_password);
    await user.call('POST', '/api/session/password', {
      body: { old_password: made.json.one_time_password, new_password: 'doi-vai-tro-2025' },
      status: 204,
    });
    await user.call('GET', '/api/units', { status: 200 });

    // Only the display name: the session stays.
    const renamed = await as.admin.call('PUT', '/api/admin/users/doi-vai-tro', {
      body: { display_name: 'Tên mới', role: 'viewer', unit: 'lakhe', groups: [], department: null },
      status: 200,
    });
    assert.equal(renamed.json.display_name, 'Tên mới');
    await user.call('GET', '/api/units', { status: 200 });

    const promoted = await as.admin.call('PUT', '/api/admin/users/doi-vai-tro', {
      body: { display_name: 'Tên mới', role: 'coordinator', unit: 'lakhe', groups: [], department: null },
      status: 200,
    });
    assert.equal(promoted.json.role, 'coordinator');
    assert.equal(promoted.json.unit, 'lakhe');
    await user.call('GET', '/api/units', { status: 401 });
    const again = (await user.login('doi-vai-tro-2025')).session;
    assert.equal(again.user.role, 'coordinator');

    const audit = await as.admin.call('GET', '/api/admin/audit?limit=10', { status: 200 });
    const entries = audit.json.entries.filter((e) => e.action === 'user.update' && e.subject === 'doi-vai-tro');
    assert.deepEqual(
      entries.map((e) => [e.field, e.old, e.new]),
      [
        ['role', 'viewer unit=lakhe', 'coordinator unit=lakhe'],
        ['display_name', 'Người đổi vai trò', 'Tên mới'],
      ],
    );
  });

  test('an administrator cannot take away their own role or disable themselves; unknown users are 404', async () => {
    const demote = await as.admin.call('PUT', '/api/admin/users/quan-tri', { body: { role: 'viewer' }, status: 409 });
    assert.equal(demote.json.error.code, 'conflict');
    await as.admin.call('POST', '/api/admin/users/quan-tri/disable', { status: 409 });
    await as.admin.call('GET', '/api/admin/users', { status: 200 });
    await as.admin.call('PUT', '/api/admin/users/khong-ai', { body: { role: 'viewer' }, status: 404 });
    await as.admin.call('PUT', '/api/admin/users/x', { body: { role: 'viewer' }, status: 404 });
    await as.admin.call('POST', '/api/admin/users/khong-ai/reset-password', { status: 404 });
    await as.admin.call('POST', '/api/admin/users/khong-ai/disable', { status: 404 });
    const bad = await as.admin.call('PUT', '/api/admin/users/xem.lakhe', { body: { role: 'leader' }, status: 400 });
    assert.ok(where(bad.json).includes('$.unit unit'));
  });

  test('reset, disable and enable', async () => {
    const made = await as.admin.call('POST', '/api/admin/users', {
      body: { username: 'tam-thoi', role: 'viewer', unit: 'lakhe' },
      status: 201,
    });
    const user = new Client('tam-thoi');
    await user.login(made.json.one_time_password);

    const reset = await as.admin.call('POST', '/api/admin/users/tam-thoi/reset-password', { body: {}, status: 200 });
    assert.notEqual(reset.json.one_time_password, made.json.one_time_password);
    await user.call('GET', '/api/session', { status: 401 });
    await new Client('tam-thoi').login(made.json.one_time_password, 401);
    const fresh = (await new Client('tam-thoi').login(reset.json.one_time_password)).session;
    assert.equal(fresh.must_change_password, true);

    await user.login(reset.json.one_time_password);
    const disabled = await as.admin.call('POST', '/api/admin/users/tam-thoi/disable', { status: 200 });
    assert.equal(disabled.json.disabled, true);
    await user.call('GET', '/api/session', { status: 401 });
    const refused = await new Client('tam-thoi').login(reset.json.one_time_password, 403);
    assert.match(refused.last.error.message, /vô hiệu hóa/);

    const enabled = await as.admin.call('POST', '/api/admin/users/tam-thoi/enable', { status: 200 });
    assert.equal(enabled.json.disabled, false);
    await new Client('tam-thoi').login(reset.json.one_time_password);

    const audit = await as.admin.call('GET', '/api/admin/audit?limit=30', { status: 200 });
    const actions = audit.json.entries.filter((e) => e.subject === 'tam-thoi' && e.username === 'quan-tri');
    assert.deepEqual(
      actions.map((e) => e.action),
      ['user.enable', 'user.disable', 'user.reset', 'user.create'],
    );
  });

  test('repeated failed logins show as locked', async () => {
    await as.admin.call('POST', '/api/admin/users', { body: { username: 'bi-khoa', role: 'viewer', unit: 'lakhe' }, status: 201 });
    for (let i = 0; i < 5; i++) await new Client('bi-khoa').login('sai-mat-khau-roi', i < 4 ? 401 : 403);
    const { json } = await as.admin.call('GET', '/api/admin/users', { status: 200 });
    assert.equal(json.users.find((u) => u.username === 'bi-khoa').locked, true);
    assert.equal(json.users.find((u) => u.username === 'xem.lakhe').locked, false);
  });
});

describe('units and group-years', () => {
  test('a new unit with departments, then a change, each field audited', async () => {
    const body = {
      name: 'Phường Mới',
      type: 'ward',
      parent: 'hadong',
      valid_from: 2025,
      valid_to: null,
      successor: null,
      demo: true,
      departments: [
        { code: 'vp-tk', name: 'Văn phòng – Thống kê' },
        { code: 'tp-ht', name: 'Tư pháp – Hộ tịch' },
      ],
    };
    const created = await as.admin.call('PUT', '/api/admin/units/phuong-moi', { body, status: 200 });
    assert.deepEqual(created.json, {
      code: 'phuong-moi',
      name: 'Phường Mới',
      type: 'ward',
      parent: 'hadong',
      demo: true,
      valid_from: 2025,
      valid_to: null,
      successor: '',
      departments: body.departments,
    });
    const listed = await as.admin.call('GET', '/api/units', { status: 200 });
    assert.deepEqual(listed.json.units.find((u) => u.code === 'phuong-moi'), created.json);
    assert.equal(listed.json.units.find((u) => u.code === 'lakhe').departments.length, 4);

    const changed = await as.admin.call('PUT', '/api/admin/units/phuong-moi', {
      body: { ...body, name: 'Phường Mới Hà Đông', departments: body.departments.slice(0, 1) },
      status: 200,
    });
    assert.equal(changed.json.name, 'Phường Mới Hà Đông');
    assert.equal(changed.json.departments.length, 1);
    const audit = await as.admin.call('GET', '/api/admin/audit?limit=20', { status: 200 });
    const updates = audit.json.entries.filter((e) => e.action === 'unit.update' && e.unit === 'phuong-moi');
    assert.deepEqual(
      updates.map((e) => [e.field, e.old, e.new]),
      [
        ['departments', 'vp-tk=Văn phòng – Thống kê; tp-ht=Tư pháp – Hộ tịch', 'vp-tk=Văn phòng – Thống kê'],
        ['name', 'Phường Mới', 'Phường Mới Hà Đông'],
      ],
    );
    assert.equal(audit.json.entries.filter((e) => e.action === 'unit.create' && e.unit === 'phuong-moi').length, 8);
  });

  test('a unit is validated like an imported one: unknown parent, a cycle, bad years and departments', async () => {
    const cases = [
      [{ name: 'X', parent: 'khong-co' }, '$.parent parent'],
      [{ name: 'X', successor: 'khong-co' }, '$.successor successor'],
      [{ name: 'X', valid_from: 2025, valid_to: 2020 }, '$.valid_to valid_to'],
      [{ name: 'X', valid_from: 'năm ngoái' }, '$.valid_from valid_from'],
      [{ name: '' }, '$.name name'],
      [{ name: 'X', departments: [{ code: 'a', name: 'A' }, { code: 'a', name: 'B' }] }, '$.departments[1].code code'],
      [{ name: 'X', departments: [{ name: 'Không mã' }] }, '$.departments[0].code code'],
    ];
    for (const [body, expected] of cases) {
      const { json } = await as.admin.call('PUT', '/api/admin/units/don-vi-loi', { body, status: 400 });
      assert.ok(where(json).includes(expected), `${JSON.stringify(body)}: ${JSON.stringify(json.error.details)}`);
    }
    // Hà Đông under La Khê, which is under Hà Đông.
    const cycle = await as.admin.call('PUT', '/api/admin/units/hadong', {
      body: { name: 'Quận Hà Đông', type: 'district', parent: 'lakhe' },
      status: 400,
    });
    assert.deepEqual(where(cycle.json), ['$.parent parent']);
    const bad = await as.admin.call('PUT', '/api/admin/units/Mã%20Sai', { body: { name: 'X' }, status: 400 });
    assert.deepEqual(where(bad.json), ['path.code code']);
    const units = await as.admin.call('GET', '/api/units', { status: 200 });
    assert.equal(units.json.units.find((u) => u.code === 'hadong').parent, 'hanoi');
    assert.equal(units.json.units.filter((u) => u.code === 'don-vi-loi').length, 0);
  });

  test('a group-year is created or replaced; a published one is frozen', async () => {
    const made = await as.admin.call('PUT', '/api/admin/groups/nhom-thu-nghiem/2024', {
      body: {
        name: 'Nhóm thử nghiệm',
        framework: 'hadong-2024-mau',
        members: [{ unit: 'lakhe', ranked: true }, { unit: 'hd-mau-01', ranked: false }, 'hd-mau-02'],
      },
      status: 200,
    });
    assert.deepEqual(made.json, {
      code: 'nhom-thu-nghiem',
      name: 'Nhóm thử nghiệm',
      year: 2024,
      framework: 'hadong-2024-mau',
      members: 3,
      ranked: 2,
    });
    const listed = await as.admin.call('GET', '/api/groups?year=2024', { status: 200 });
    assert.deepEqual(listed.json.groups.find((g) => g.code === 'nhom-thu-nghiem'), made.json);

    const replaced = await as.admin.call('PUT', '/api/admin/groups/nhom-thu-nghiem/2024', {
      body: { name: 'Nhóm thử nghiệm', framework: 'hadong-2024-mau', members: [{ unit: 'lakhe' }] },
      status: 200,
    });
    assert.equal(replaced.json.members, 1);
    const audit = await as.admin.call('GET', '/api/admin/audit?limit=5', { status: 200 });
    const members = audit.json.entries.find((e) => e.action === 'group.update' && e.subject === 'nhom-thu-nghiem');
    assert.deepEqual([members.field, members.old, members.new, members.year], ['members', 'lakhe, hd-mau-01 (-), hd-mau-02', 'lakhe', 2024]);

    const frozen = await as.admin.call('PUT', '/api/admin/groups/hadong-wards/2023', {
      body: { name: 'Các phường quận Hà Đông', framework: 'hadong-2023', members: [{ unit: 'lakhe' }] },
      status: 409,
    });
    assert.equal(frozen.json.error.code, 'conflict');
    const groups = await as.admin.call('GET', '/api/groups?year=2023', { status: 200 });
    assert.equal(groups.json.groups.find((g) => g.code === 'hadong-wards').members, 17);
  });

  test('unknown frameworks and units are 400 naming the member', async () => {
    const { json } = await as.admin.call('PUT', '/api/admin/groups/nhom-loi/2024', {
      body: {
        name: 'Nhóm lỗi',
        framework: 'khong-co',
        members: [{ unit: 'lakhe' }, { unit: 'hd-mau-01' }, { unit: 'lakhe' }, { unit: 'khong-co' }],
      },
      status: 400,
    });
    assert.deepEqual(where(json), ['$.framework framework', '$.members[2].unit unit', '$.members[3].unit unit']);
    const year = await as.admin.call('PUT', '/api/admin/groups/nhom-loi/hai-nghin', { body: { name: 'X' }, status: 400 });
    assert.deepEqual(where(year.json), ['path.year year']);
    const groups = await as.admin.call('GET', '/api/groups', { status: 200 });
    assert.equal(groups.json.groups.filter((g) => g.code === 'nhom-loi').length, 0);
  });
});

describe('imports and exports', () => {
  test('exports are the bytes `parindex export` writes, as attachments', async () => {
    const csv = await as.admin.call('GET', '/api/admin/export?kind=framework&format=csv&framework=hadong-2023', {
      status: 200,
    });
    assert.match(csv.response.headers.get('content-type'), /^text\/csv/);
    assert.match(csv.response.headers.get('content-disposition'), /attachment; filename="framework-hadong-2023.csv"/);
    const out = join(folder.root, 'framework.csv');
    cli(folder.data, ['export', 'framework', '--framework', 'hadong-2023', '--out', out]);
    assert.ok(csv.bytes.equals(readFileSync(out)));

    const xlsx = await as.admin.call('GET', '/api/admin/export?kind=units&format=xlsx', { status: 200 });
    assert.equal(xlsx.response.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK');
    assert.match(xlsx.response.headers.get('content-disposition'), /filename="units.xlsx"/);

    const scores = await as.admin.call('GET', '/api/admin/export?kind=scores&format=json&unit=lakhe&year=2023', {
      status: 200,
    });
    // A download (attachment) is a file, not an API response: read its JSON by hand.
    const bundle = JSON.parse(scores.text);
    assert.equal(bundle.assessments[0].unit, 'lakhe');
    assert.equal(bundle.assessments[0].year, 2023);

    const all = await as.admin.call('GET', '/api/admin/export?kind=all&format=json', { status: 200 });
    const backup = JSON.parse(all.text);
    assert.ok(backup.units.length >= 20 && backup.frameworks.length >= 3 && backup.assessments.length >= 60);
  });

  test('bad export requests: 400 naming the parameter, 404 for what does not exist', async () => {
    const cases = [
      ['kind=framework&format=xlsx', 'query.framework framework'],
      ['kind=all&format=xlsx', 'query.format format'],
      ['kind=scores&format=csv&unit=lakhe', 'query.year year'],
      ['kind=nothing&format=csv', 'query.kind kind'],
      ['kind=units&format=pdf', 'query.format format'],
      ['kind=groups&format=csv&year=hai', 'query.year year'],
    ];
    for (const [query, expected] of cases) {
      const { json } = await as.admin.call('GET', `/api/admin/export?${query}`, { status: 400 });
      assert.deepEqual(where(json), [expected], query);
    }
    await as.admin.call('GET', '/api/admin/export?kind=framework&format=json&framework=khong-co', { status: 404 });
    await as.admin.call('GET', '/api/admin/export?kind=scores&format=csv&unit=khong-co&year=2023', { status: 404 });
  });

  test('a dry run validates and counts but writes nothing; the real import writes', async () => {
    const csv = 'code,name,type,parent_code\nxa-thu-1,Xã Thử Một,commune,hadong\nxa-thu-2,Xã Thử Hai,commune,xa-thu-1\n';
    const auditBefore = await as.admin.call('GET', '/api/admin/audit?limit=1', { status: 200 });
    const dry = await importFile(as.admin, { kind: 'units', file: 'don-vi.csv', dry_run: 'true' }, csv, 200);
    assert.deepEqual(dry.json, {
      kind: 'units',
      file: 'don-vi.csv',
      dry_run: true,
      units: 2,
      groups: 0,
      frameworks: 0,
      assessments: 0,
      node_scores: 0,
    });
    let units = await as.admin.call('GET', '/api/units', { status: 200 });
    assert.equal(units.json.units.filter((u) => u.code.startsWith('xa-thu-')).length, 0);
    const auditAfter = await as.admin.call('GET', '/api/admin/audit?limit=1', { status: 200 });
    assert.equal(auditAfter.json.entries[0].id, auditBefore.json.entries[0].id);

    const real = await importFile(as.admin, { kind: 'units', file: 'don-vi.csv' }, csv, 200);
    assert.equal(real.json.dry_run, false);
    assert.equal(real.json.units, 2);
    units = await as.admin.call('GET', '/api/units', { status: 200 });
    assert.equal(units.json.units.find((u) => u.code === 'xa-thu-2').parent, 'xa-thu-1');
    const audit = await as.admin.call('GET', '/api/admin/audit?limit=1', { status: 200 });
    assert.deepEqual(
      [audit.json.entries[0].action, audit.json.entries[0].subject, audit.json.entries[0].field],
      ['data.import', 'don-vi.csv', 'units'],
    );
    assert.match(audit.json.entries[0].new, /^units=2 /);
  });

  test('a bad file lists every error with its line and field, and nothing is written', async () => {
    const csv = 'code,name,type,parent_code,valid_from\nxa-loi-1,,commune,hadong,\nxa-loi-2,Xã Lỗi Hai,commune,hadong,nam\n';
    const { json } = await importFile(as.admin, { kind: 'units', file: 'loi.csv' }, csv, 400);
    assert.equal(json.error.code, 'invalid_input');
    assert.deepEqual(
      json.error.details.map((d) => [d.file, d.line, d.column, d.field, d.value]),
      [
        ['loi.csv', 2, 2, 'name', ''],
        ['loi.csv', 3, 5, 'valid_from', 'nam'],
      ],
    );
    assert.match(json.error.message, /loi\.csv có 2 lỗi/);
    assert.ok(json.error.details.every((d) => d.reason.length > 0));
    // Validation against what is stored: an unknown parent and a code given twice.
    const invalid = 'code,name,type,parent_code\nxa-loi-1,Một,commune,khong-co\nxa-loi-3,Ba,commune,hadong\n';
    const refused = await importFile(as.admin, { kind: 'units', file: 'loi2.csv' }, invalid, 400);
    assert.deepEqual(
      refused.json.error.details.map((d) => [d.file, d.line, d.field, d.value]),
      [['loi2.csv', 2, 'parent_code', 'khong-co']],
    );
    const units = await as.admin.call('GET', '/api/units', { status: 200 });
    assert.equal(units.json.units.filter((u) => u.code.startsWith('xa-loi-')).length, 0);

    const unreadable = await importFile(as.admin, { kind: 'units', file: 'loi.json' }, '{"units": [', 400);
    assert.equal(unreadable.json.error.details[0].file, 'loi.json');
    await importFile(as.admin, { kind: 'all', file: 'all.csv' }, csv, 400);
    const type = await importFile(as.admin, { kind: 'units', file: 'don-vi.pdf' }, csv, 400);
    assert.match(type.json.error.message, /\.json, \.csv hoặc \.xlsx/);
    const noName = await importFile(as.admin, { kind: 'units' }, csv, 400);
    assert.deepEqual(where(noName.json), ['query.file file']);
  });

  test('a framework goes out as .xlsx and comes back; scores never overwrite a published year', async () => {
    const xlsx = await as.admin.call('GET', '/api/admin/export?kind=framework&format=xlsx&framework=hadong-2024-mau', {
      status: 200,
    });
    const back = await importFile(as.admin, { kind: 'framework', file: 'bo-chi-so.xlsx', framework: 'hadong-2024-mau', dry_run: 'true' }, xlsx.bytes, 200);
    assert.equal(back.json.frameworks, 1);

    // La Khê 2023 is published: importing its own scores back is refused, naming the assessment.
    const published = await as.admin.call('GET', '/api/admin/export?kind=scores&format=json&unit=lakhe&year=2023', {
      status: 200,
    });
    const refused = await importFile(as.admin, { kind: 'scores', file: 'lakhe-2023.json' }, published.bytes, 409);
    assert.equal(refused.json.error.code, 'conflict');
    assert.deepEqual(
      refused.json.error.details.map((d) => [d.file, d.field, d.value]),
      [['lakhe-2023.json', 'status', 'published']],
    );

    // A final (unpublished) 2024 ward takes its scores back through CSV.
    const csv = await as.admin.call('GET', '/api/admin/export?kind=scores&format=csv&unit=hd-mau-01&year=2024', {
      status: 200,
    });
    const merged = await importFile(as.admin, { kind: 'scores', file: 'hd-mau-01-2024.csv' }, csv.bytes, 200);
    assert.equal(merged.json.assessments, 1);
    assert.equal(merged.json.node_scores, csv.text.trim().split('\n').length - 1);
  });
});

describe('the system-wide audit log', () => {
  test('newest first, limited, paged with before', async () => {
    const first = await as.admin.call('GET', '/api/admin/audit?limit=5', { status: 200 });
    assert.equal(first.json.entries.length, 5);
    const ids = first.json.entries.map((e) => e.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
    const next = await as.admin.call('GET', `/api/admin/audit?limit=5&before=${ids[4]}`, { status: 200 });
    assert.equal(next.json.entries.length, 5);
    assert.ok(next.json.entries.every((e) => e.id < ids[4]));
    // Entries of every kind: logins, users, units, groups, imports.
    const all = await as.admin.call('GET', '/api/admin/audit?limit=1000', { status: 200 });
    const actions = new Set(all.json.entries.map((e) => e.action));
    for (const action of ['session.login', 'user.create', 'user.update', 'unit.create', 'group.create', 'data.import']) {
      assert.ok(actions.has(action), action);
    }
    for (const bad of ['limit=0', 'limit=1001', 'limit=abc', 'before=-1']) {
      const { json } = await as.admin.call('GET', `/api/admin/audit?${bad}`, { status: 400 });
      assert.equal(json.error.details[0].field, bad.split('=')[0]);
    }
  });
});
