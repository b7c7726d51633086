// Browser tests of the web application against the real server (see README.md in this folder).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { login, openBrowser, screenshot, startServer } from './lib.mjs';

let server;

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

/** Runs body with a fresh browser profile, closing it (and keeping a failure screenshot) afterwards. */
async function withBrowser(options, body) {
  const browser = await openBrowser(options);
  try {
    await body(browser.page);
  } finally {
    await browser.close();
  }
}

describe('ParIndex web application', () => {
  test('login page is in Vietnamese', async () => {
    await withBrowser({}, async (page) => {
      await page.goto(`${server.url}/`);
      await page.waitForURL(/\/login$/);
      await page.getByRole('heading', { name: 'Đăng nhập hệ thống' }).waitFor();
      assert.ok(await page.getByText('Tên đăng nhập').isVisible());
      assert.ok(await page.getByText('Mật khẩu', { exact: true }).isVisible());
      await screenshot(page, 'login');
    });
  });

  test('a wrong password shows the Vietnamese error', async () => {
    await withBrowser({}, async (page) => {
      await login(page, server.url, 'vanphong.lakhe', 'sai-mat-khau');
      const alert = page.getByTestId('error-alert');
      await alert.waitFor();
      const text = await alert.innerText();
      assert.match(text, /[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]/i, `not Vietnamese: ${text}`);
      assert.match(page.url(), /\/login$/);
    });
  });

  test('the coordinator of La Khê sees the 2023 dashboard', async () => {
    await withBrowser({}, async (page) => {
      await login(page, server.url, 'vanphong.lakhe');
      await page.waitForURL(/\/units\/lakhe\/2023$/);
      const index = page.getByTestId('index-value');
      await index.waitFor();
      assert.equal((await index.innerText()).trim(), '90,02');
      assert.match(await page.getByTestId('rank-badge').first().innerText(), /16\/17\s*↓2/);
      assert.ok(await page.getByTestId('demo-banner').isVisible(), 'demo banner visible');
      assert.match(await page.getByTestId('demo-banner').innerText(), /Dữ liệu mẫu/);
      assert.match(await page.getByTestId('band-value').innerText(), /Xuất sắc\s*\(thiết lập mẫu\)/);
      assert.match(await page.getByTestId('change-value').innerText(), /\+5,55/);
      assert.match(await page.getByTestId('user-role').innerText(), /Điều phối \(Văn phòng\)/);
      const rows = page.locator('[data-testid="lost-points-table"] tr.ant-table-row');
      assert.equal(await rows.count(), 14);
      assert.match(await rows.first().innerText(), /1\.6/);
      await page.locator('canvas').first().waitFor();
      await screenshot(page, 'dashboard', { fullPage: true });
    });
  });

  test('the dashboard and the ranking offer their tables as Excel files', async () => {
    await withBrowser({}, async (page) => {
      await login(page, server.url, 'vanphong.lakhe');
      await page.waitForURL(/\/units\/lakhe\/2023$/);
      await page.getByTestId('index-value').waitFor();
      const results = page.getByTestId('download-results-xlsx');
      assert.equal((await results.innerText()).trim(), 'Tải Excel');
      assert.equal(await results.getAttribute('href'), '/api/units/lakhe/results.xlsx?year=2023');
      const [file] = await Promise.all([page.waitForEvent('download'), results.click()]);
      assert.equal(file.suggestedFilename(), 'ket-qua-lakhe-2023.xlsx');
      const bytes = readFileSync(await file.path());
      assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
      assert.ok(bytes.length > 5000, `${bytes.length} bytes`);

      await page.goto(`${server.url}/groups/hadong-wards/2023`);
      const ranking = page.getByTestId('download-ranking-xlsx');
      await ranking.waitFor();
      assert.equal(await ranking.getAttribute('href'), '/api/groups/hadong-wards/ranking.xlsx?year=2023');
      const [sheet] = await Promise.all([page.waitForEvent('download'), ranking.click()]);
      assert.equal(sheet.suggestedFilename(), 'xep-hang-hadong-wards-2023.xlsx');
      assert.equal(readFileSync(await sheet.path()).subarray(0, 2).toString('latin1'), 'PK');
    });
  });

  test('the Hà Đông wards ranking lists 17 wards with La Khê 16th', async () => {
    await withBrowser({}, async (page) => {
      await login(page, server.url, 'vanphong.lakhe');
      await page.waitForURL(/\/units\/lakhe\/2023$/);
      await page.goto(`${server.url}/groups/hadong-wards/2023`);
      const rows = page.locator('[data-testid="ranking-table"] tr.ant-table-row');
      await rows.first().waitFor();
      assert.equal(await rows.count(), 17);
      const lakhe = rows.filter({ hasText: 'Phường La Khê' });
      assert.equal(await lakhe.count(), 1);
      assert.equal((await lakhe.locator('td').first().innerText()).trim(), '16');
      assert.match(await page.getByTestId('tie-rule').innerText(), /Các đơn vị có chỉ số bằng nhau cùng thứ hạng/);
      assert.ok(await page.getByTestId('demo-banner').isVisible());
      assert.ok((await page.locator('.demo-tag').count()) > 0, 'demo units are marked');
      await page.getByPlaceholder('Tìm theo tên đơn vị').fill('la khe');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="ranking-table"] tr.ant-table-row').length === 1);
      await page.getByPlaceholder('Tìm theo tên đơn vị').fill('');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="ranking-table"] tr.ant-table-row').length === 17);
      await page.locator('canvas').first().waitFor();
      await screenshot(page, 'ranking', { fullPage: true });
    });
  });

  test('the framework browser shows the tree of criteria', async () => {
    await withBrowser({}, async (page) => {
      await login(page, server.url, 'vanphong.lakhe');
      await page.waitForURL(/\/units\/lakhe\/2023$/);
      await page.goto(`${server.url}/frameworks/hadong-2023`);
      const rows = page.locator('[data-testid="framework-tree"] tr.ant-table-row');
      await rows.first().waitFor();
      assert.ok((await rows.count()) > 8, 'areas and criteria listed');
      assert.match(await page.getByTestId('framework-title').innerText(), /Hà Đông/);
      await screenshot(page, 'framework');
    });
  });

  test('the appraiser sees the list of groups', async () => {
    await withBrowser({}, async (page) => {
      await login(page, server.url, 'thamdinh');
      const list = page.getByTestId('groups-list');
      await list.waitFor();
      const text = await list.innerText();
      assert.match(text, /Các phường quận Hà Đông/);
      assert.match(text, /Cao Lộc/);
      assert.match(await page.getByTestId('user-role').innerText(), /Thẩm định/);
      await screenshot(page, 'appraiser-groups');
      // The demo lists the group for 2024 (practice year) and 2023: open 2023.
      await page.getByRole('link', { name: 'Các phường quận Hà Đông' }).and(page.locator('[href="/groups/hadong-wards/2023"]')).click();
      await page.waitForURL(/\/groups\/hadong-wards\/2023$/);
      await page.locator('[data-testid="ranking-table"] tr.ant-table-row').first().waitFor();
    });
  });

  test('the appraiser sees self against appraised for Bảo Lâm and 3 decimals for seed 001', async () => {
    await withBrowser({}, async (page) => {
      await login(page, server.url, 'thamdinh');
      await page.getByTestId('groups-list').waitFor();
      await page.goto(`${server.url}/units/baolam/2023`);
      await page.getByTestId('index-value').waitFor();
      assert.equal((await page.getByTestId('index-value').innerText()).trim(), '80,06');
      assert.match(await page.getByTestId('rank-badge').first().innerText(), /7\/22\s*↑7/);
      const gaps = page.locator('[data-testid="gaps-table"] tr.ant-table-row');
      await gaps.first().waitFor();
      assert.ok((await gaps.count()) >= 3);
      await page.locator('canvas').first().waitFor();
      await screenshot(page, 'dashboard-baolam', { fullPage: true });
      await page.goto(`${server.url}/units/seed001/2023`);
      await page.getByTestId('index-value').waitFor();
      assert.equal((await page.getByTestId('index-value').innerText()).trim(), '91,989');
    });
  });

  test('the English switch is remembered', async () => {
    await withBrowser({}, async (page) => {
      await page.goto(`${server.url}/login`);
      await page.getByTestId('language-switch').getByText('EN').click();
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
    });
  });

  test('the dashboard fits a phone (390×844) without horizontal scrolling', async () => {
    await withBrowser({ phone: true }, async (page) => {
      await login(page, server.url, 'vanphong.lakhe');
      await page.waitForURL(/\/units\/lakhe\/2023$/);
      await page.getByTestId('index-value').waitFor();
      await page.locator('[data-testid="lost-points-table"] tr.ant-table-row').first().waitFor();
      await page.locator('canvas').first().waitFor();
      await page.waitForTimeout(500);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      assert.ok(scrollWidth <= clientWidth, `page scrolls sideways: ${scrollWidth} > ${clientWidth}`);
      await screenshot(page, 'dashboard-phone', { fullPage: true, scale: 'css' });
    });
  });
});
