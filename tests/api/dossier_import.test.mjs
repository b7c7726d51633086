// Dossier imports over HTTP (issue 5 §1) on the demo: a dry run writes nothing; an import stores the dossiers and
// a re-import updates them by id; a bad file is refused whole with each error's line, column, field, value and
// reason, or, with skip_bad, imported without its bad rows that a downloadable report lists; a coordinator's file
// with another unit's rows is refused (403) and stores nothing; mapping profiles, the preview for the mapping
// editor and a JSON export through a profile. Every JSON response is checked against docs/api/openapi.yaml.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startDemoServer, stopDemoServer } from './client.mjs';
import { cli } from './server.mjs';

const password = 'mat-khau-nhap-ho-so-2024';

let env;
let server;
const as = {};

before(async () => {
  ({ env, server } = await startDemoServer(as, {
    adminPassword: password,
    demoUsers: { coord: 'vanphong.lakhe', viewer: 'xem.lakhe' },
  }));
});

after(() => stopDemoServer({ env, server }));

const HEADER =
  'dossier_id,unit_code,department_code,procedure_code,field_code,channel,received_at,due_at,finished_at,' +
  'returned_at,supplement_requests,apology_letters,status';
/** Benchmark-layout rows, written out from their parts so that the test knows each row's line. */
const rows = [
  ['IMP-1', 'lakhe', 'vp', '1.001', 'ho-tich', 'online_full', '2025-06-02 08:00:00', '2025-06-06 17:00:00', '2025-06-04 09:00:00', '', '0', '0', 'finished'],
  ['IMP-2', 'lakhe', 'vp', '1.001', 'ho-tich', 'direct', '2025-06-30 23:59:59', '2025-07-04 17:00:00', '', '', '2', '0', ''],
  ['IMP-3', 'lakhe', 'vp', '1.002', 'dat-dai', 'postal', '2025-07-01 00:00:00', '2025-07-10 17:00:00', '2025-07-11 08:00:00', '', '0', '1', 'finished'],
];
const csv = (list) => Buffer.from([HEADER, ...list.map((r) => r.join(','))].join('\n') + '\n', 'utf8');
const upload = (client, query, body, status) =>
  client.call('POST', `/api/dossiers/imports?${query}`, { raw: body, headers: { 'Content-Type': 'text/csv' }, status });
const history = async () => (await as.admin.call('GET', '/api/dossiers/imports?unit=lakhe', { status: 200 })).json.imports;
const stored = async (id) => (await as.admin.call('GET', `/api/dossiers/${id}`, { status: [200, 404] })).response.status;

test('a dry run checks the file and writes nothing', async () => {
  const before = (await history()).length;
  const { json } = await upload(as.coord, 'unit=lakhe&file=thang6.csv&dry_run=true', csv(rows), 200);
  assert.equal(json.dry_run, true);
  assert.equal(json.id, null);
  assert.equal(json.rows, rows.length);
  assert.equal(json.inserted, 0);
  assert.equal(json.report, null);
  assert.equal((await history()).length, before);
  for (const row of rows) assert.equal(await stored(row[0]), 404, `${row[0]} is not stored by a dry run`);
});

test('an import stores the dossiers and a re-import updates them by id', async () => {
  const first = await upload(as.coord, 'unit=lakhe&file=thang6.csv', csv(rows), 201);
  assert.equal(first.json.rows, 3);
  assert.equal(first.json.inserted, 3);
  assert.equal(first.json.updated, 0);
  const { json: dossier } = await as.coord.call('GET', '/api/dossiers/IMP-2', { status: 200 });
  assert.equal(dossier.unit, 'lakhe');
  assert.equal(dossier.received, '2025-06-30 23:59:59');
  assert.equal(dossier.supplement_requests, 2);

  const again = await upload(as.coord, 'unit=lakhe&file=thang6.csv', csv(rows), 201);
  assert.equal(again.json.inserted, 0);
  assert.equal(again.json.updated, 3);
  const list = await history();
  assert.equal(list[0].id, again.json.id);
  assert.equal(list[0].username, 'vanphong.lakhe');
  assert.equal(list[0].file, 'thang6.csv');
  assert.equal(list[1].inserted, 3);
});

test('a bad file is refused whole, or imported without its bad rows listed in a report', async () => {
  const bad = rows.map((r) => [...r]);
  bad[0][0] = 'IMP-B1';
  bad[1][0] = 'IMP-B2';
  bad[2][0] = 'IMP-B3';
  bad[1][6] = '31/06/2025 08:00'; // line 3: there is no 31 June
  bad[2][5] = 'fax'; // line 4: no such channel
  const refused = await upload(as.coord, 'unit=lakhe&file=loi.csv', csv(bad), 400);
  const details = refused.json.error.details;
  assert.deepEqual(
    details.map((d) => [d.line, d.column, d.field, d.value]),
    [
      [3, 7, 'received_at', '31/06/2025 08:00'],
      [4, 6, 'channel', 'fax'],
    ],
  );
  assert.match(details[1].reason, /kênh không hợp lệ/);
  assert.match(refused.json.error.message, /2 lỗi; không hồ sơ nào được nhập/);
  for (const row of bad) assert.equal(await stored(row[0]), 404);

  const kept = await upload(as.coord, 'unit=lakhe&file=loi.csv&skip_bad=true', csv(bad), 201);
  assert.equal(kept.json.rows, 1);
  assert.equal(kept.json.inserted, 1);
  assert.equal(kept.json.skipped, 2);
  assert.deepEqual(kept.json.errors.map((e) => e.line), [3, 4]);
  assert.equal(await stored('IMP-B1'), 200);
  assert.equal(await stored('IMP-B2'), 404);
  assert.equal(kept.json.report, `/api/dossiers/imports/${kept.json.id}/report`);
  const report = await as.coord.call('GET', kept.json.report, { status: 200 });
  assert.match(report.response.headers.get('content-type'), /text\/csv/);
  const lines = report.text.replace(/^\uFEFF/, '').trim().split('\n');
  assert.equal(lines[0], 'dòng,cột,vị trí,trường,giá trị,lý do,reason');
  assert.equal(lines.length, 3);
  assert.match(lines[1], /^3,7,,received_at,31\/06\/2025 08:00,/);
  assert.match(lines[2], /^4,6,,channel,fax,/);
  assert.equal((await history())[0].report, kept.json.report);
});

test("a coordinator's file with another unit's rows is refused and stores nothing", async () => {
  const mixed = [rows[0].map((c, i) => (i === 0 ? 'IMP-X1' : c)), rows[1].map((c, i) => (i === 0 ? 'IMP-X2' : i === 1 ? 'vankhe' : c))];
  const refused = await upload(as.coord, 'unit=lakhe&file=hai-don-vi.csv', csv(mixed), 403);
  assert.equal(refused.json.error.code, 'forbidden');
  assert.match(refused.json.error.message, /vankhe/);
  assert.equal(await stored('IMP-X1'), 404);
  await upload(as.coord, 'unit=vankhe&file=hai-don-vi.csv', csv(mixed), 403);
  await upload(as.viewer, 'unit=lakhe&file=hai-don-vi.csv', csv(mixed), 403);
  // The administrator may import any unit's rows.
  const admin = await upload(as.admin, 'unit=lakhe&file=hai-don-vi.csv', csv(mixed), 201);
  assert.equal(admin.json.inserted, 2);
  assert.equal(await stored('IMP-X2'), 200);
});

test('a JSON export through a saved mapping, previewed first', async () => {
  const mapping = {
    name: 'dvc-json',
    description: 'Cổng dịch vụ công (JSON)',
    format: 'json',
    json_path: 'data.items',
    columns: {
      id: 'maHoSo', department: 'boPhan', procedure: 'thuTuc.ma', procedure_name: 'thuTuc.ten', field: 'linhVuc',
      channel: 'kenh', status: 'trangThai', received: 'ngayNhan', due: 'hanTra', finished: 'ngayXong',
    },
    status_values: { 'Đã trả kết quả': 'finished', 'Đang xử lý': 'in_progress' },
    channel_values: { 'Toàn trình': 'online_full', 'Tại quầy': 'direct' },
    time_format: 'vn',
    dictionaries: 'auto',
  };
  const saved = await as.coord.call('PUT', '/api/dossiers/mappings/dvc-json', { body: mapping, status: 201 });
  assert.equal(saved.json.version, 1);
  assert.equal(saved.json.saved_by, 'vanphong.lakhe');
  const invalid = await as.coord.call('PUT', '/api/dossiers/mappings/dvc-json', {
    body: { ...mapping, columns: { ...mapping.columns, received: '' }, status_values: { Xong: 'done' } },
    status: 400,
  });
  assert.deepEqual(invalid.json.error.details.map((d) => d.field).sort(), ['columns.received', 'status_values.Xong']);

  const items = [
    { maHoSo: 'J-1', boPhan: 'vp', thuTuc: { ma: '2.001', ten: 'Chứng thực bản sao' }, linhVuc: 'chung-thuc', kenh: 'Toàn trình', trangThai: 'Đã trả kết quả', ngayNhan: '31/07/2025 23:59', hanTra: '04/08/2025 17:00', ngayXong: '01/08/2025 00:01' },
    { maHoSo: 'J-2', boPhan: 'vp', thuTuc: { ma: '2.001', ten: 'Chứng thực bản sao' }, linhVuc: 'chung-thuc', kenh: 'Tại quầy', trangThai: 'Đang xử lý', ngayNhan: '01/08/2025 00:00', hanTra: '05/08/2025 17:00', ngayXong: null },
  ];
  const body = Buffer.from(JSON.stringify({ data: { items } }), 'utf8');
  const preview = await as.coord.call('POST', '/api/dossiers/imports/preview?unit=lakhe&file=dvc.json&json_path=data.items', {
    raw: body,
    headers: { 'Content-Type': 'application/json' },
    status: 200,
  });
  assert.equal(preview.json.format, 'json');
  assert.equal(preview.json.total_rows, 2);
  assert.deepEqual(preview.json.headers.slice(0, 4), ['maHoSo', 'boPhan', 'thuTuc.ma', 'thuTuc.ten']);
  assert.equal(preview.json.rows[1][0], 'J-2');

  const imported = await as.coord.call('POST', '/api/dossiers/imports?unit=lakhe&file=dvc.json&mapping=dvc-json', {
    raw: body,
    headers: { 'Content-Type': 'application/json' },
    status: 201,
  });
  assert.equal(imported.json.mapping, 'dvc-json@1');
  assert.equal(imported.json.inserted, 2);
  const { json: one } = await as.coord.call('GET', '/api/dossiers/J-1', { status: 200 });
  assert.equal(one.unit, 'lakhe'); // the unit importing: the file has no unit column
  assert.equal(one.received, '2025-07-31 23:59:00');
  assert.equal(one.channel.code, 'online_full');
  const { json: two } = await as.coord.call('GET', '/api/dossiers/J-2', { status: 200 });
  assert.equal(two.status.code, 'in_progress');
  assert.equal(two.finished, null);

  const list = await as.coord.call('GET', '/api/dossiers/mappings', { status: 200 });
  assert.ok(list.json.mappings.some((m) => m.name === 'dvc-json' && m.columns.procedure === 'thuTuc.ma'));
  await as.viewer.call('GET', '/api/dossiers/mappings', { status: 403 });
  await as.coord.call('DELETE', '/api/dossiers/mappings/dvc-json', { status: 204 });
  await as.coord.call('GET', '/api/dossiers/mappings/dvc-json', { status: 404 });
});
