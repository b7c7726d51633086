// The results and ranking workbooks of the web application (issue 4 §5) and the people of a unit for choosing a
// task's officer, on the demo data and the real server. The workbooks are read back with unzip and compared, sheet
// by sheet, with those `parindex export results|ranking` writes. Which role may call which route is the table of
// roles.test.mjs. Every JSON response is checked against docs/api/openapi.yaml.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { Client, startDemoServer, stopDemoServer } from './client.mjs';
import { cli } from './server.mjs';

const password = 'mat-khau-xuat-excel-2024';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let env;
let server;
const as = {};

before(async () => {
  ({ env, server } = await startDemoServer(as, {
    adminPassword: password,
    demoUsers: { coord: 'vanphong.lakhe', officer: 'tuphap.lakhe', leader: 'chutich.lakhe', viewer: 'xem.lakhe', appraiser: 'thamdinh' },
    setup: (data) => {
      // A disabled user of La Khê, and an officer of another department: only enabled users are listed.
      cli(
        data,
        ['user', 'add', 'cu.lakhe', '--role', 'officer', '--unit', 'lakhe', '--department', 'tp-ht', '--password-stdin'],
        `${password}\n`,
      );
      cli(data, ['user', 'disable', 'cu.lakhe']);
      cli(
        data,
        ['user', 'add', 'vhxh.lakhe', '--role', 'officer', '--unit', 'lakhe', '--department', 'vh-xh', '--password-stdin'],
        `${password}\n`,
      );
    },
  }));
});

after(() => stopDemoServer({ env, server }));

/** The entries of an .xlsx file (unzip -Z1). */
function entries(file) {
  return execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n').sort();
}

/** One entry's bytes (unzip -p; "[" escaped, since unzip reads names as wildcards). */
function entry(file, name) {
  return execFileSync('unzip', ['-p', file, name.replaceAll('[', '[[]')], { maxBuffer: 64 * 1024 * 1024 });
}

/**
 * The downloaded workbook holds the same sheets, strings and styles as the command line's: every entry but the
 * document properties (which may carry the moment of writing) is byte for byte the same.
 */
function assertSameWorkbook(bytes, args) {
  const downloaded = join(env.root, `download-${args[0]}.xlsx`);
  writeFileSync(downloaded, bytes);
  const written = join(env.root, `cli-${args[0]}.xlsx`);
  cli(env.data, ['export', ...args, '--out', written]);
  const names = entries(written);
  assert.deepEqual(entries(downloaded), names);
  const sheets = names.filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
  assert.ok(sheets.length >= 1, `worksheets in ${names.join(', ')}`);
  for (const name of names.filter((n) => !n.startsWith('docProps/'))) {
    assert.ok(entry(downloaded, name).equals(entry(written, name)), `${name} differs from parindex export ${args.join(' ')}`);
  }
  return { sheets, strings: entry(downloaded, 'xl/sharedStrings.xml').toString('utf8') };
}

function assertXlsxDownload({ response, bytes }, fileName) {
  assert.equal(response.headers.get('content-type'), XLSX);
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
  const disposition = response.headers.get('content-disposition');
  assert.match(disposition, /^attachment; /);
  assert.ok(disposition.includes(`filename="${fileName}"`), disposition);
}

test('La Khê 2023 downloads as the workbook of parindex export results, published results for any session', async () => {
  const download = await as.viewer.call('GET', '/api/units/lakhe/results.xlsx?year=2023', { status: 200 });
  assertXlsxDownload(download, 'ket-qua-lakhe-2023.xlsx');
  const { sheets, strings } = assertSameWorkbook(download.bytes, ['results', '--unit', 'lakhe', '--year', '2023']);
  assert.equal(sheets.length, 6, 'summary, areas, criteria, lost points, gaps, trend');
  assert.ok(strings.includes('La Khê'), 'the unit name is in the workbook');
  // Published: the appraiser and every other session read it, as the JSON.
  await as.appraiser.call('GET', '/api/units/lakhe/results.xlsx?year=2023', { status: 200 });
});

test('the Hà Đông wards ranking 2023 downloads as the workbook of parindex export ranking', async () => {
  const download = await as.coord.call('GET', '/api/groups/hadong-wards/ranking.xlsx?year=2023', { status: 200 });
  assertXlsxDownload(download, 'xep-hang-hadong-wards-2023.xlsx');
  const { strings } = assertSameWorkbook(download.bytes, ['ranking', '--group', 'hadong-wards', '--year', '2023']);
  assert.ok(strings.includes('La Khê'), 'La Khê is a row of the ranking');
});

test('the downloads are refused exactly like their JSON: a viewer of La Khê and an unpublished ward', async () => {
  // hd-mau-14's 2024 assessment is final, not published: La Khê's viewer may not read it.
  for (const path of ['/api/units/hd-mau-14/results', '/api/units/hd-mau-14/results.xlsx']) {
    const { json } = await as.viewer.call('GET', `${path}?year=2024`, { status: 403 });
    assert.equal(json.error.code, 'forbidden');
    assert.ok(json.error.details.some((d) => d.field === 'action' && d.value === 'read_results'), JSON.stringify(json));
  }
  // The appraiser of the group reads both.
  const download = await as.appraiser.call('GET', '/api/units/hd-mau-14/results.xlsx?year=2024', { status: 200 });
  assertXlsxDownload(download, 'ket-qua-hd-mau-14-2024.xlsx');
  // Bad or unknown: the JSON's answers.
  await as.admin.call('GET', '/api/units/lakhe/results.xlsx?year=abc', { status: 400 });
  await as.admin.call('GET', '/api/units/lakhe/results.xlsx', { status: 400 });
  await as.admin.call('GET', '/api/units/khong-co/results.xlsx?year=2023', { status: 404 });
  await as.admin.call('GET', '/api/groups/khong-co/ranking.xlsx?year=2023', { status: 404 });
  await new Client().call('GET', '/api/units/lakhe/results.xlsx?year=2023', { status: 401 });
});

test("La Khê's people: enabled users of the unit by display name, to the coordinator, the leader and the administrator", async () => {
  const { json } = await as.coord.call('GET', '/api/units/lakhe/people', { status: 200 });
  assert.deepEqual(
    json.people.map((p) => p.username),
    // Chủ tịch…, Công chức Tư pháp…, Người xem…, Văn phòng…, vhxh.lakhe (no display name: its username).
    ['chutich.lakhe', 'tuphap.lakhe', 'xem.lakhe', 'vanphong.lakhe', 'vhxh.lakhe'],
  );
  const tuphap = json.people.find((p) => p.username === 'tuphap.lakhe');
  assert.deepEqual(tuphap, {
    username: 'tuphap.lakhe',
    display_name: 'Công chức Tư pháp – Hộ tịch La Khê (mẫu)',
    role: 'officer',
    department: 'tp-ht',
  });
  assert.ok(!json.people.some((p) => p.username === 'cu.lakhe'), 'a disabled user is not offered');
  assert.ok(!json.people.some((p) => p.username === 'thamdinh'), 'users of other units are not offered');
  assert.deepEqual((await as.leader.call('GET', '/api/units/lakhe/people', { status: 200 })).json, json);
  assert.deepEqual((await as.admin.call('GET', '/api/units/lakhe/people', { status: 200 })).json, json);
  await as.admin.call('GET', '/api/units/khong-co/people', { status: 404 });
});

test("La Khê's people are refused (403 edit_plan) to a viewer, an officer and an appraiser", async () => {
  for (const client of [as.viewer, as.officer, as.appraiser]) {
    const { json } = await client.call('GET', '/api/units/lakhe/people', { status: 403 });
    assert.ok(json.error.details.some((d) => d.field === 'action' && d.value === 'edit_plan'), JSON.stringify(json));
  }
  await new Client().call('GET', '/api/units/lakhe/people', { status: 401 });
});
