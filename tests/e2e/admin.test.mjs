// Browser tests of the administration screens (/admin) against the real server on the demo data, with an
// administrator "quantri" added on the command line before the server starts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { login, openBrowser, PASSWORD, screenshot, startServer } from './lib.mjs';

const ADMIN = 'quantri';
const NEW_USER = 'tuphap2.lakhe';
const NEW_PASSWORD = 'mat-khau-moi-2025';

let server;
let files;

before(async () => {
  server = await startServer({
    setup: (cli) => {
      cli(['demo']);
      cli(['user', 'add', ADMIN, '--role', 'administrator', '--name', 'Quản trị kiểm thử', '--password-stdin'], `${PASSWORD}\n`);
    },
  });
  files = mkdtempSync(join(tmpdir(), 'parindex-admin-e2e-'));
  // Two rows that cannot be read (a maximum that is not a number, a method that does not exist) ...
  writeFileSync(
    join(files, 'bad-framework.csv'),
    [
      'framework_code,code,parent_code,title,max,method',
      'e2e-loi,1,,Lĩnh vực một,10,appraisal',
      'e2e-loi,1.1,1,Tiêu chí có điểm tối đa sai,mười,appraisal',
      'e2e-loi,1.2,1,Tiêu chí đúng,2,appraisal',
      'e2e-loi,1.3,1,Tiêu chí có phương pháp sai,2,hỏi',
      '',
    ].join('\n'),
  );
  // ... and a row whose parent is not in the framework.
  writeFileSync(
    join(files, 'bad-parent.csv'),
    ['framework_code,code,parent_code,title,max,method', 'e2e-loi,1,,Lĩnh vực một,10,appraisal', 'e2e-loi,1.2,9,Tiêu chí thuộc lĩnh vực không có,2,appraisal', ''].join(
      '\n',
    ),
  );
  writeFileSync(
    join(files, 'khung-e2e-2025.json'),
    JSON.stringify({
      framework: {
        code: 'e2e-2025',
        title: 'Bộ chỉ số thử nghiệm e2e năm 2025',
        version: '2025',
        max: 10,
        nodes: [
          { code: '1', title: 'Chỉ đạo điều hành', max: 10 },
          { code: '1.1', parent: '1', title: 'Ban hành kế hoạch CCHC', max: 6 },
          { code: '1.2', parent: '1', title: 'Báo cáo CCHC', max: 4 },
        ],
      },
    }),
  );
});

after(async () => {
  await server?.stop();
  if (files) rmSync(files, { recursive: true, force: true });
});

/** Logs in as `username` in a fresh browser and runs body (a failure screenshot is kept with PARINDEX_SCREENSHOTS). */
async function as(username, body, password = PASSWORD) {
  const browser = await openBrowser();
  const { page } = browser;
  try {
    await login(page, server.url, username, password);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await body(page);
  } catch (error) {
    if (process.env.PARINDEX_SCREENSHOTS) await screenshot(page, `failure-admin-${username}`, { fullPage: true }).catch(() => {});
    throw error;
  } finally {
    await browser.close();
  }
}

/** Opens the Ant Design select holding the input `#id`, types `search` (if any) and picks the option with `text`. */
async function choose(page, id, text, search) {
  await page.locator(`.ant-select:has(#${id})`).click();
  if (search) await page.keyboard.type(search);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).first().click();
}

/** The framework codes the server lists (through the browser's session). */
async function frameworkCodes(page) {
  const response = await page.request.get(`${server.url}/api/frameworks`);
  assert.equal(response.status(), 200);
  const data = await response.json();
  return (Array.isArray(data) ? data : data.frameworks).map((f) => f.code).sort();
}

async function upload(page, name) {
  await page.locator('[data-testid="admin-import"] input[type=file]').setInputFiles(join(files, name));
  await page.locator('.ant-upload-list').getByText(name).waitFor();
}

describe('administration', () => {
  test('an administrator creates an officer of La Khê, who must change the one-time password', async () => {
    let oneTimePassword = '';
    await as(ADMIN, async (page) => {
      await page.getByTestId('menu-admin').click();
      await page.waitForURL(/\/admin/);
      const table = page.getByTestId('users-table');
      const coordinator = table.locator('tr', { has: page.getByTestId('user-vanphong.lakhe') });
      await coordinator.waitFor();
      assert.match(await coordinator.innerText(), /Đầu mối đơn vị/);
      assert.match(await coordinator.innerText(), /Phường La Khê/);
      assert.match(await coordinator.innerText(), /Đang dùng/);
      await screenshot(page, 'admin-users');

      await page.getByTestId('user-add').click();
      await page.locator('#admin-username').fill(NEW_USER);
      await page.locator('#admin-display-name').fill('Nguyễn Thị Hồng Nhung');
      await choose(page, 'admin-role', 'Cán bộ chuyên môn');
      // An officer needs a unit and a department: saving without them marks the unit field.
      await page.getByTestId('user-save').click();
      await page.getByText('Vai trò này cần một đơn vị').waitFor();
      await choose(page, 'admin-unit', 'Phường La Khê', 'la khe');
      await choose(page, 'admin-department', 'Tư pháp – Hộ tịch');
      await page.getByTestId('user-save').click();

      const shown = page.getByTestId('one-time-password');
      await shown.waitFor();
      oneTimePassword = (await shown.innerText()).trim();
      assert.ok(oneTimePassword.length >= 10, `one-time password too short: "${oneTimePassword}"`);
      assert.ok(await page.getByText('Mật khẩu này chỉ hiện một lần').isVisible());
      await screenshot(page, 'admin-user-password');
      await page.getByTestId('otp-close').click();

      const row = table.locator('tr', { has: page.getByTestId(`user-${NEW_USER}`) });
      await row.waitFor();
      const text = await row.innerText();
      assert.match(text, /Cán bộ chuyên môn/);
      assert.match(text, /Phường La Khê/);
      assert.match(text, /Tư pháp – Hộ tịch/);
      assert.match(text, /Phải đổi mật khẩu/);
      await page.getByTestId('logout').click();
      await page.waitForURL(/\/login$/);
    });

    await as(
      NEW_USER,
      async (page) => {
        await page.waitForURL(/\/password$/);
        await page.getByText('Bạn cần đổi mật khẩu trước khi tiếp tục.').waitFor();
        await page.locator('#old_password').fill(oneTimePassword);
        await page.locator('#new_password').fill(NEW_PASSWORD);
        await page.locator('#confirm').fill(NEW_PASSWORD);
        await page.getByRole('button', { name: 'Lưu' }).click();
        await page.waitForURL((url) => url.pathname !== '/password');
        assert.match(await page.getByTestId('user-role').innerText(), /Cán bộ chuyên môn/);
        // Not an administrator: no administration menu.
        assert.equal(await page.getByTestId('menu-admin').count(), 0);
      },
      oneTimePassword,
    );
  });

  test('a bad framework file shows its errors next to the rows and writes nothing', async () => {
    await as(ADMIN, async (page) => {
      const before = await frameworkCodes(page);
      await page.goto(`${server.url}/admin/frameworks`);
      await page.getByTestId('frameworks-table').locator('tr.ant-table-row').first().waitFor();
      const rowsBefore = await page.getByTestId('frameworks-table').locator('tr.ant-table-row').count();
      assert.equal(rowsBefore, before.length);
      await page.getByTestId('framework-import').click();
      await page.waitForURL(/\/admin\/import\?kind=framework$/);

      await upload(page, 'bad-framework.csv');
      await page.getByTestId('import-check').click();
      const errors = page.getByTestId('import-errors');
      await errors.waitFor();
      const summary = await page.getByTestId('import-error-summary').innerText();
      assert.match(summary, /Tệp bad-framework\.csv có 2 lỗi/);
      assert.match(summary, /không có dữ liệu nào được ghi/);
      const line3 = errors.locator('tr.import-row-line-3');
      const line5 = errors.locator('tr.import-row-line-5');
      assert.equal(await line3.count(), 1);
      assert.equal(await line5.count(), 1);
      assert.match(await line3.innerText(), /3\s+5\s+max\s+mười\s+số không hợp lệ/);
      assert.match(await line5.innerText(), /5\s+6\s+method\s+hỏi\s+phương pháp chấm điểm không hợp lệ/);
      // Lines in order, the line that is fine not listed.
      const lines = await errors.locator('[data-testid^="error-line-"]').allInnerTexts();
      assert.deepEqual(lines.map((l) => l.trim()), ['3', '5']);
      assert.ok(await page.getByTestId('import-run').isDisabled(), 'Nhập stays disabled after a failed check');
      await screenshot(page, 'admin-import-errors', { fullPage: true });

      await upload(page, 'bad-parent.csv');
      await page.getByTestId('import-check').click();
      const parent = errors.locator('tr.import-row-line-3');
      await page.getByTestId('import-error-summary').getByText('bad-parent.csv').waitFor();
      assert.match(await parent.innerText(), /parent_code\s+9\s+.*không có trong bộ chỉ số/);
      assert.ok(await page.getByTestId('import-run').isDisabled());

      assert.deepEqual(await frameworkCodes(page), before, 'no framework written');
      await page.getByTestId('admin-tab-frameworks').click();
      await page.getByTestId('frameworks-table').locator('tr.ant-table-row').first().waitFor();
      assert.equal(await page.getByTestId('frameworks-table').locator('tr.ant-table-row').count(), rowsBefore);
      assert.equal(await page.getByTestId('frameworks-table').getByText('e2e-loi').count(), 0);
    });
  });

  test('a good framework .json is checked, imported and listed', async () => {
    await as(ADMIN, async (page) => {
      const before = await frameworkCodes(page);
      await page.goto(`${server.url}/admin/import?kind=framework`);
      await upload(page, 'khung-e2e-2025.json');
      assert.ok(await page.getByTestId('import-run').isDisabled(), 'Nhập needs a check first');
      await page.getByTestId('import-check').click();
      await page.getByTestId('import-check-ok').waitFor();
      assert.equal((await page.getByTestId('count-frameworks').innerText()).trim(), '1');
      assert.deepEqual(await frameworkCodes(page), before, 'the check writes nothing');

      await page.getByTestId('import-run').click();
      await page.getByTestId('import-success').waitFor();
      assert.match(await page.getByTestId('import-success').innerText(), /Đã nhập tệp khung-e2e-2025\.json/);
      assert.equal((await page.getByTestId('count-frameworks').innerText()).trim(), '1');
      assert.equal((await page.getByTestId('count-units').innerText()).trim(), '0');
      await screenshot(page, 'admin-import-success', { fullPage: true });
      assert.deepEqual(await frameworkCodes(page), [...before, 'e2e-2025'].sort());

      await page.getByTestId('admin-tab-frameworks').click();
      const row = page.getByTestId('frameworks-table').locator('tr.ant-table-row', { hasText: 'e2e-2025' });
      await row.waitFor();
      assert.match(await row.innerText(), /Bộ chỉ số thử nghiệm e2e năm 2025/);
      const xlsx = await row.getByTestId('framework-xlsx-e2e-2025').getAttribute('href');
      assert.equal(xlsx, '/api/admin/export?kind=framework&format=xlsx&framework=e2e-2025');
      await row.getByRole('link', { name: 'Bộ chỉ số thử nghiệm e2e năm 2025' }).click();
      await page.waitForURL(/\/frameworks\/e2e-2025$/);
      await page.getByText('Ban hành kế hoạch CCHC').first().waitFor();

      // The import is in the system-wide log, with the user created in the first test.
      await page.goto(`${server.url}/admin/audit`);
      const audit = page.getByTestId('admin-audit-table');
      await audit.locator('tr.ant-table-row').first().waitFor();
      const text = await audit.innerText();
      assert.match(text, /khung-e2e-2025\.json/);
      assert.match(text, new RegExp(NEW_USER.replace('.', '\\.')));
      assert.match(text, /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    });
  });

  test('a viewer opening /admin sees the 403 page', async () => {
    await as('xem.lakhe', async (page) => {
      assert.equal(await page.getByTestId('menu-admin').count(), 0);
      await page.goto(`${server.url}/admin`);
      const forbidden = page.getByTestId('admin-forbidden');
      await forbidden.waitFor();
      assert.match(await forbidden.innerText(), /Không có quyền truy cập/);
      assert.equal(await page.getByTestId('users-table').count(), 0);
    });
  });
});
