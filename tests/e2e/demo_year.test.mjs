// The demo's practice year 2024 (docs/demo-data.md): the 16 invented Hà Đông wards are final, La Khê has
// no 2024 assessment. The coordinator of La Khê still lands on 2023, finds the friendly empty state for
// 2024, opens the draft from it and self-scores one criterion with a decimal comma.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { login, openBrowser, screenshot, startServer } from './lib.mjs';

let server;

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

describe('the demo practice year 2024', () => {
  test('the coordinator of La Khê opens the 2024 draft from the empty dashboard and self-scores', async () => {
    const browser = await openBrowser();
    const { page } = browser;
    try {
      await login(page, server.url, 'vanphong.lakhe');
      // The latest year with results, not the year being scored.
      await page.waitForURL(/\/units\/lakhe\/2023$/);
      await page.getByTestId('index-value').waitFor();
      assert.equal((await page.getByTestId('index-value').innerText()).trim(), '90,02');

      await page.goto(`${server.url}/units/lakhe/2024`);
      await page.getByTestId('no-results').waitFor();
      assert.equal((await page.getByTestId('no-results-title').innerText()).trim(), 'Chưa có kết quả năm 2024');
      assert.equal(await page.getByTestId('error-alert').count(), 0, 'no error shown for a year without results');
      const earlier = page.getByTestId('earlier-results-link');
      await earlier.waitFor();
      assert.equal((await earlier.innerText()).trim(), 'Xem kết quả năm 2023');
      assert.equal(await earlier.getAttribute('href'), '/units/lakhe/2023');
      const start = page.getByTestId('start-self-assessment');
      assert.equal((await start.innerText()).trim(), 'Tự đánh giá năm 2024');

      await start.click();
      await page.waitForURL(/\/units\/lakhe\/2024\/assessment$/);
      await page.getByTestId('open-draft').click();
      await page.getByTestId('assessment-tree').waitFor();
      assert.equal((await page.getByTestId('assessment-status').innerText()).trim(), 'Đang đánh giá');

      const input = page.getByTestId('self-cell-1.6').locator('input').first();
      await input.fill('1,5');
      await input.press('Enter');
      await page.getByTestId('self-1.6-saved').waitFor();
      await page.reload();
      await page.getByTestId('assessment-tree').waitFor();
      assert.equal(await page.getByTestId('self-cell-1.6').locator('input').first().inputValue(), '1,5');
    } catch (error) {
      if (process.env.PARINDEX_SCREENSHOTS) await screenshot(page, 'failure-demo-year', { fullPage: true }).catch(() => {});
      throw error;
    } finally {
      await browser.close();
    }
  });
});
