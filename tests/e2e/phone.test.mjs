// The self-assessment page on phones (issue 3): at 390×844 and 360×740 the criteria are cards, the
// page never scrolls sideways, a self score can be typed with a decimal comma and saved, and the
// workflow buttons stay on screen in a bar at the bottom. Demo data, La Khê 2024 (docs/demo-data.md).
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

/** Widths of the page and the viewport, and whether anything sticks out on the right. */
const overflow = (page) =>
  page.evaluate(() => ({
    scrollWidth: document.scrollingElement.scrollWidth,
    innerWidth: window.innerWidth,
    wide: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && getComputedStyle(e).position !== 'fixed')
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).slice(0, 60)}`),
  }));

async function assertNoSideScroll(page, where) {
  const o = await overflow(page);
  assert.ok(o.scrollWidth <= o.innerWidth, `${where}: page ${o.scrollWidth} px wide in a ${o.innerWidth} px window (${o.wide.join(', ')})`);
}

describe('the self-assessment page on a phone', () => {
  test('cards instead of the wide table; a score typed and saved at 390×844; no sideways scrolling at 360×740', async () => {
    const browser = await openBrowser({ phone: true });
    const { page } = browser;
    try {
      await login(page, server.url, 'vanphong.lakhe');
      await page.waitForURL(/\/units\/lakhe\/2023$/);
      await page.goto(`${server.url}/units/lakhe/2024/assessment`);
      await page.getByTestId('open-draft').click();
      await page.getByTestId('assessment-tree').waitFor();
      assert.deepEqual(await page.evaluate(() => [window.innerWidth, window.innerHeight]), [390, 844]);

      // One card per leaf criterion (22 in hadong-2024-mau), no table.
      await page.getByTestId('criterion-card-1.6').waitFor();
      assert.equal(await page.locator('.assessment-table').count(), 0, 'no wide table on a phone');
      assert.equal(await page.locator('[data-testid^="criterion-card-"]').count(), 22);
      const card = page.getByTestId('criterion-card-1.6');
      const cardText = await card.innerText();
      assert.match(cardText, /1\.6/);
      assert.match(cardText, /Sáng kiến và áp dụng hiệu quả sáng kiến/);
      assert.match(cardText, /Tối đa\s*2/);
      assert.match(cardText, /Tự chấm/);
      assert.match(cardText, /Thuyết minh/);
      assert.match(cardText, /Tài liệu kiểm chứng/);
      assert.ok(await card.getByRole('button', { name: /Tải lên/ }).isVisible(), 'the evidence button is on the card');
      assert.match(await page.getByTestId('area-card-1').innerText(), /Chỉ đạo điều hành CCHC[\s\S]*Tối đa\s*20/);
      await assertNoSideScroll(page, '390×844, draft');

      // A self score with a decimal comma and an explanation, saved and still there after a reload.
      const input = page.getByTestId('self-cell-1.6').locator('input').first();
      await input.scrollIntoViewIfNeeded();
      const box = await input.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `the score input is inside the screen: ${JSON.stringify(box)}`);
      await input.tap();
      await input.fill('1,5');
      await input.press('Enter');
      await page.getByTestId('self-1.6-saved').waitFor();
      const explanation = page.getByTestId('explanation-cell-1.6').locator('textarea');
      await explanation.fill('Sáng kiến "Một cửa không giấy" được công nhận năm 2024');
      await explanation.blur();
      await page.getByTestId('explanation-1.6-saved').waitFor();
      // 1.6 requires evidence: scored without a file, the card carries the flag.
      await page.getByTestId('flag-1.6').waitFor();
      assert.equal(await page.getByTestId('flag-1.6').innerText(), 'thiếu TLKC');
      await assertNoSideScroll(page, '390×844, after saving');

      // The workflow buttons stay on screen with the list scrolled to its end, below the last card.
      await page.evaluate(() => window.scrollTo(0, document.scrollingElement.scrollHeight));
      await page.waitForTimeout(200);
      const submit = page.getByTestId('action-submit');
      assert.ok(await submit.isVisible(), 'the submit button is visible');
      const sb = await submit.boundingBox();
      assert.ok(sb && sb.y >= 0 && sb.y + sb.height <= 844, `the submit button is on screen: ${JSON.stringify(sb)}`);
      const last = await page.getByTestId('criterion-card-8').boundingBox();
      assert.ok(last && last.y + last.height <= sb.y, `the last card (${JSON.stringify(last)}) ends above the button bar`);

      await page.reload();
      await page.getByTestId('assessment-tree').waitFor();
      const saved = page.getByTestId('self-cell-1.6').locator('input').first();
      assert.equal(await saved.inputValue(), '1,5');
      const stored = await page.request.get(`${server.url}/api/units/lakhe/assessments/2024`);
      const node = (await stored.json()).nodes.find((n) => n.code === '1.6');
      assert.equal(Number(node.self), 1.5);
      assert.match(node.explanation, /Một cửa không giấy/);

      // The screenshot: area 1 and the card of 1.6 just below the sticky header.
      await page.evaluate(() => {
        const area = document.querySelector('[data-testid="area-card-1"]');
        window.scrollTo(0, area.getBoundingClientRect().top + window.scrollY - 72);
      });
      await screenshot(page, 'assessment-phone');

      // The history drawer fits the phone too.
      await page.getByTestId('history-1.6').click();
      await page.locator('.ant-drawer [data-testid="audit-table"]').waitFor();
      const drawer = await page.locator('.ant-drawer-content-wrapper').boundingBox();
      assert.ok(drawer && drawer.width <= 390.5, `drawer width ${drawer?.width}`);
      await page.keyboard.press('Escape');

      // The smaller phone.
      await page.setViewportSize({ width: 360, height: 740 });
      await page.waitForTimeout(300);
      await page.getByTestId('criterion-card-1.6').waitFor();
      await assertNoSideScroll(page, '360×740');
      assert.ok(await page.getByTestId('action-submit').isVisible());
    } catch (error) {
      if (process.env.PARINDEX_SCREENSHOTS) await screenshot(page, 'failure-phone', { fullPage: true }).catch(() => {});
      throw error;
    } finally {
      await browser.close();
    }
  });
});
