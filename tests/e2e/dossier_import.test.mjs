// The dossier import screen in the browser (issue 5 §1, §7) on the demo:
//   vanphong.lakhe opens /dossiers/import, picks an .xlsx export with its own headers, opens the mapping editor
//   (the columns come from the file's preview), chooses a column per field, maps the file's channel and status
//   texts, saves the profile, imports, and sees the imported count (the rows of the workbook) and the import in
//   the unit's history; the dossiers are then readable through the API;
//   a CSV with a bad row is checked ("Kiểm tra") and the error table shows its line, column, value and the
//   Vietnamese reason, and nothing is stored.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { login, openBrowser, screenshot, startServer } from './lib.mjs';

let server;

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

// --- A small .xlsx writer (inline strings, one sheet): enough for the server's reader ---------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
/** A zip of `files` ({name: text}), deflated. */
function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
function columnLetter(i) {
  return String.fromCharCode(65 + i);
}
/** An .xlsx workbook with one sheet of text cells. */
function xlsx(sheetName, rows) {
  const sheetRows = rows
    .map((cells, r) =>
      `<row r="${r + 1}">${cells
        .map((v, c) => `<c r="${columnLetter(c)}${r + 1}" t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`)
        .join('')}</row>`,
    )
    .join('');
  return zip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '</Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '</Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
      `<sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '</Relationships>',
    'xl/worksheets/sheet1.xml':
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      `<sheetData>${sheetRows}</sheetData></worksheet>`,
  });
}

// --- The export of another one-stop software -----------------------------------------------------------------

const HEADERS = ['Số HS', 'Tên thủ tục', 'Mã TT', 'Lĩnh vực', 'Hình thức nộp', 'Tình trạng', 'Nhận lúc', 'Hẹn trả', 'Trả lúc'];
const ROWS = [
  ['E2E-1', 'Đăng ký khai sinh', '1.001193', 'ho-tich', 'DVC toàn trình', 'Đã trả', '31/05/2025 23:59', '04/06/2025 17:00', '02/06/2025 09:00'],
  ['E2E-2', 'Đăng ký khai sinh', '1.001193', 'ho-tich', 'Tại quầy', 'Đang xử lý', '01/06/2025 00:00', '06/06/2025 17:00', ''],
  ['E2E-3', 'Chứng thực bản sao', '2.000815', 'chung-thuc', 'DVC toàn trình', 'Đã trả', '30/06/2025 16:00', '01/07/2025 17:00', '01/07/2025 08:00'],
];
const COLUMNS = {
  id: 'Số HS', procedure: 'Mã TT', procedure_name: 'Tên thủ tục', field: 'Lĩnh vực', channel: 'Hình thức nộp',
  status: 'Tình trạng', received: 'Nhận lúc', due: 'Hẹn trả', finished: 'Trả lúc',
};
const CHANNELS = { 'DVC toàn trình': 'online_full', 'Tại quầy': 'direct' };
const STATUSES = { 'Đã trả': 'finished', 'Đang xử lý': 'in_progress' };

async function asCoordinator(body) {
  const browser = await openBrowser();
  const { page } = browser;
  try {
    await login(page, server.url, 'vanphong.lakhe');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${server.url}/dossiers/import`);
    await page.getByTestId('import-file').waitFor();
    await body(page);
  } catch (error) {
    if (process.env.PARINDEX_SCREENSHOTS) await screenshot(page, 'failure-dossier-import', { fullPage: true }).catch(() => {});
    throw error;
  } finally {
    await browser.close();
  }
}

describe('the dossier import screen', () => {
  test('the coordinator maps the columns of an .xlsx export, imports it and sees the count', async () => {
    await asCoordinator(async (page) => {
      await page.getByTestId('import-file').setInputFiles({
        name: 'xuat-mot-cua.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: xlsx('Hồ sơ', [HEADERS, ...ROWS]),
      });
      await page.getByTestId('mapping-new').click();
      const editor = page.getByTestId('mapping-editor');
      // The columns offered are the workbook's headers, from the preview.
      const offered = await page.getByTestId('mapping-column-id').locator('option').allTextContents();
      assert.deepEqual(offered.slice(1), HEADERS);
      await page.getByTestId('mapping-name').fill('mot-cua-xlsx-e2e');
      await page.getByTestId('mapping-format').selectOption('xlsx');
      for (const [field, header] of Object.entries(COLUMNS)) {
        await page.getByTestId(`mapping-column-${field}`).selectOption(header);
      }
      await page.getByTestId('mapping-time-format').selectOption('vn');
      // The value maps list the texts found in the chosen columns.
      for (const [text, name] of Object.entries(CHANNELS)) {
        await editor.getByLabel(`channel ${text}`).selectOption(name);
      }
      for (const [text, name] of Object.entries(STATUSES)) {
        await editor.getByLabel(`status ${text}`).selectOption(name);
      }
      await page.getByTestId('mapping-save').click();
      await editor.waitFor({ state: 'detached' });
      assert.equal(await page.getByTestId('import-mapping').inputValue(), 'mot-cua-xlsx-e2e');

      await page.getByTestId('import-run').click();
      const result = page.getByTestId('import-result');
      await result.waitFor();
      const expected = `Đã nhập ${ROWS.length} hồ sơ (${ROWS.length} mới, 0 cập nhật).`;
      assert.match(await result.innerText(), new RegExp(expected.replace(/[.()]/g, '\\$&')));
      const history = page.getByTestId('import-history');
      await history.getByText('xuat-mot-cua.xlsx').waitFor();
      assert.match(await history.innerText(), /mot-cua-xlsx-e2e@1/);

      const response = await page.request.get(`${server.url}/api/dossiers/E2E-1`);
      assert.equal(response.status(), 200);
      const dossier = await response.json();
      assert.equal(dossier.unit, 'lakhe');
      assert.equal(dossier.received, '2025-05-31 23:59:00');
      assert.equal(dossier.channel.code, 'online_full');
      assert.equal(dossier.status.code, 'finished');
    });
  });

  test('a file with a bad row shows the error table in Vietnamese and stores nothing', async () => {
    await asCoordinator(async (page) => {
      const csv =
        'dossier_id,unit_code,department_code,procedure_code,field_code,channel,received_at,due_at,finished_at,' +
        'returned_at,supplement_requests,apology_letters,status\n' +
        'E2E-B1,lakhe,vp,1.001193,ho-tich,direct,2025-06-02 08:00:00,2025-06-06 17:00:00,,,0,0,\n' +
        'E2E-B2,lakhe,vp,1.001193,ho-tich,qua-fax,2025-06-03 08:00:00,2025-06-06 17:00:00,,,0,0,\n';
      await page.getByTestId('import-file').setInputFiles({ name: 'loi.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await page.getByTestId('import-check').click();
      const error = page.getByTestId('import-error');
      await error.waitFor();
      assert.match(await error.getByRole('alert').innerText(), /có 1 lỗi; không hồ sơ nào được nhập/);
      const table = page.getByTestId('import-errors');
      const headers = await table.locator('thead th').allInnerTexts();
      assert.deepEqual(headers.map((h) => h.trim()), ['Dòng', 'Cột', 'Vị trí', 'Trường', 'Giá trị', 'Lý do']);
      const cells = await table.locator('tbody tr').first().locator('td').allInnerTexts();
      assert.equal(cells[0], '3');
      assert.equal(cells[1], '6');
      assert.equal(cells[3], 'channel');
      assert.equal(cells[4], 'qua-fax');
      assert.match(cells[5], /kênh không hợp lệ/);
      const response = await page.request.get(`${server.url}/api/dossiers/E2E-B1`);
      assert.equal(response.status(), 404);
    });
  });
});
