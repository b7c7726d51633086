// The demo's practice year 2024 (docs/demo-data.md): the 16 invented Hà Đông wards are final, La Khê has
// no 2024 assessment. The coordinator of La Khê still lands on 2023, finds the friendly empty state for
// 2024, opens the draft from it and self-scores one criterion with a decimal comma; then the whole year
// is walked in the browser to publication: the coordinator self-scores the 22 criteria of
// hadong-2024-mau, assigns 2.1 to Tư pháp, whose officer scores it with a PDF; the leader approves, the
// coordinator submits, the appraiser adjusts 6.8 with a reason, the coordinator explains, the appraiser
// finalises and publishes hadong-wards 2024 from the ranking page. The dashboard and the ranking then
// show the index, the change against 2023 (through the version mapping) and the rank among 17 wards,
// all computed here from the scores entered and the framework's maxima read from the API.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, login, openBrowser, screenshot, startServer } from './lib.mjs';

const UNIT = 'lakhe';
const YEAR = 2024;
const GROUP = 'hadong-wards';
const FRAMEWORK = 'hadong-2024-mau';
const assessmentPath = `/units/${UNIT}/${YEAR}/assessment`;

// Points the unit gives away on each criterion (self score = the framework's maximum − this); the
// criteria not listed get full marks. 1.6 is the criterion scored "1,5" in the first test.
const SELF_DEDUCTIONS = {
  '1.6': 0.5, '1.khac': 1.5, '2.3': 0.25, '3.khac': 2.25, '4.1.khac': 0.5, '4.2': 0.25, '5.khac': 0.25,
  '6.khac': 0.75, '8': 1.35,
};
// 2.1: the coordinator first gives full marks, then the Tư pháp officer scores it with this deduction.
const OFFICER_CODE = '2.1';
const OFFICER_DEDUCTION = 0.25;
// The appraiser lowers 6.8 by this much, with a reason; the coordinator explains it.
const ADJUSTED_CODE = '6.8';
const ADJUSTMENT = 0.5;

/** Hundredths as an integer, to add scores without binary rounding. */
const cents = (v) => Math.round(Number(v) * 100);
/** A score as typed by a Vietnamese user: decimal comma ("13,5"). */
const typed = (v) => String(Number(v)).replace('.', ',');
/** As the web application formats a number with its own decimals (format.ts formatNumber). */
const shown = (v) => typed(Math.round(v * 100) / 100);
/** With exactly two decimals (an index, a total). */
const shown2 = (v) => v.toFixed(2).replace('.', ',');

let server;
// Filled in as the year is walked.
let leaves; // [{ code, max, evidence_required }] of hadong-2024-mau, in framework order
let rootMax; // the framework's maximum: the sum of the roots' maxima
const self = new Map(); // code → self score
const appraised = new Map(); // code → appraised score
let otherTotals; // the 16 other wards' 2024 totals, from the API ranking before publication

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

/** Logs in as `username` (demo password) in a fresh browser, opens `path` and runs body. */
async function as(username, body, path = assessmentPath) {
  const browser = await openBrowser();
  const { page } = browser;
  try {
    await login(page, server.url, username, PASSWORD);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    if (path) {
      await page.goto(server.url + path);
      if (path === assessmentPath) await page.getByTestId('assessment-tree').waitFor();
    }
    await body(page);
  } catch (error) {
    if (process.env.PARINDEX_SCREENSHOTS) await screenshot(page, `failure-demo-year-${username}`, { fullPage: true }).catch(() => {});
    throw error;
  } finally {
    await browser.close();
  }
}

/** GET an API path with the page's session cookie; asserts 200 and resolves to the JSON. */
async function getJson(page, path) {
  const response = await page.request.get(server.url + path);
  assert.equal(response.status(), 200, `GET ${path}: ${response.status()} ${await response.text()}`);
  return response.json();
}

/** Types a score into the self (or appraisal) cell of a criterion, presses Enter and waits for "Đã lưu". */
async function typeScore(page, kind, code, value) {
  const input = page.getByTestId(`${kind}-cell-${code}`).locator('input').first();
  // Already stored (1.6 from the first test): nothing is sent, so no "Đã lưu" either.
  if ((await input.inputValue()) === typed(value)) return;
  await input.fill(typed(value));
  await input.press('Enter');
  await page.getByTestId(`${kind}-${code}-saved`).waitFor();
}

/** Fills the self-score explanation of a criterion and waits for "Đã lưu". */
async function typeExplanation(page, code, text) {
  const box = page.getByTestId(`explanation-cell-${code}`).locator('textarea');
  await box.fill(text);
  await box.blur();
  await page.getByTestId(`explanation-${code}-saved`).waitFor();
}

/** Clicks a workflow button and confirms the dialog. */
async function act(page, action) {
  await page.getByTestId(`action-${action}`).click();
  await page.getByTestId('confirm-ok').click();
  const done = page.locator('.ant-message').getByText('Đã thực hiện').last();
  const failed = page.getByTestId('action-error');
  await done.or(failed).first().waitFor();
  if (await failed.isVisible()) assert.fail(`${action}: ${await failed.innerText()}`);
  await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
}

async function waitForStatus(page, text) {
  await page.waitForFunction((t) => document.querySelector('[data-testid="assessment-status"]')?.textContent === t, text);
}

const sumCents = (map) => [...map.values()].reduce((a, v) => a + cents(v), 0);

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

  test('the coordinator self-scores all 22 criteria, explains them and assigns 2.1 to Tư pháp', async () => {
    await as('vanphong.lakhe', async (page) => {
      const framework = await getJson(page, `/api/frameworks/${FRAMEWORK}`);
      const nodes = framework.nodes;
      const parents = new Set(nodes.map((n) => n.parent).filter(Boolean));
      leaves = nodes.filter((n) => !parents.has(n.code) && !n.max_only);
      assert.equal(leaves.length, 22, `leaf criteria of ${FRAMEWORK}: ${leaves.map((n) => n.code).join(' ')}`);
      rootMax = nodes.filter((n) => !n.parent).reduce((a, n) => a + cents(n.max), 0) / 100;
      for (const code of [...Object.keys(SELF_DEDUCTIONS), OFFICER_CODE, ADJUSTED_CODE]) {
        assert.ok(leaves.some((n) => n.code === code), `${code} is a leaf of ${FRAMEWORK}`);
      }
      for (const n of leaves) self.set(n.code, (cents(n.max) - cents(SELF_DEDUCTIONS[n.code] ?? 0)) / 100);

      for (const n of leaves) {
        const cell = page.getByTestId(`self-cell-${n.code}`);
        await cell.scrollIntoViewIfNeeded();
        await typeScore(page, 'self', n.code, self.get(n.code));
      }
      // Every criterion gets an explanation (the required-evidence ones may be submitted with it).
      for (const n of leaves) await typeExplanation(page, n.code, `Phường đã thực hiện tiêu chí ${n.code} năm ${YEAR} (mẫu)`);

      await page.getByTestId(`department-cell-${OFFICER_CODE}`).locator('.ant-select').click();
      await page.locator('.ant-select-item-option', { hasText: 'Tư pháp – Hộ tịch' }).click();
      await page.waitForFunction(
        (code) => document.querySelector(`[data-testid="department-cell-${code}"] .ant-select-selection-item`)?.textContent?.includes('Tư pháp'),
        OFFICER_CODE,
      );

      // Everything was stored: after a reload the inputs show the scores with a decimal comma and the
      // area rows their sums.
      await page.reload();
      await page.getByTestId('assessment-tree').waitFor();
      for (const n of leaves) {
        assert.equal(await page.getByTestId(`self-cell-${n.code}`).locator('input').first().inputValue(), typed(self.get(n.code)), n.code);
      }
      assert.equal(await page.getByTestId('self-cell-1.khac').locator('input').first().inputValue(), '13,5');
      const stored = await getJson(page, `/api/units/${UNIT}/assessments/${YEAR}`);
      for (const n of leaves) {
        const node = stored.nodes.find((x) => x.code === n.code);
        assert.equal(cents(node.self), cents(self.get(n.code)), `stored self score of ${n.code}`);
        assert.match(node.explanation, new RegExp(`tiêu chí ${n.code.replace(/\./g, '\\.')} `));
      }
      assert.equal(stored.nodes.find((x) => x.code === OFFICER_CODE).assigned_department, 'tp-ht');
    });
  });

  test('the Tư pháp officer scores 2.1 with a PDF as evidence', async () => {
    await as('tuphap.lakhe', async (page) => {
      assert.equal(await page.getByTestId('self-cell-1.6').count(), 0, 'the officer cannot edit a criterion of another department');
      self.set(OFFICER_CODE, (cents(leaves.find((n) => n.code === OFFICER_CODE).max) - cents(OFFICER_DEDUCTION)) / 100);
      await typeScore(page, 'self', OFFICER_CODE, self.get(OFFICER_CODE));
      const pdf = Buffer.from(
        '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
          '% Báo cáo tổ chức thực hiện VBQPPL năm 2024 của phường La Khê (mẫu)\ntrailer << /Root 1 0 R >>\n%%EOF\n',
      );
      await page.getByTestId(`evidence-input-${OFFICER_CODE}`).setInputFiles({ name: 'Báo cáo VBQPPL 2024.pdf', mimeType: 'application/pdf', buffer: pdf });
      const link = page.getByTestId(`evidence-cell-${OFFICER_CODE}`).getByTestId('evidence-link');
      await link.waitFor();
      assert.match(await link.innerText(), /Báo cáo VBQPPL 2024\.pdf/);
      const download = await page.request.get(server.url + (await link.getAttribute('href')));
      assert.equal(download.status(), 200);
      assert.equal((await download.body()).length, pdf.length);
      await page.reload();
      await page.getByTestId('assessment-tree').waitFor();
      assert.equal(await page.getByTestId(`self-cell-${OFFICER_CODE}`).locator('input').first().inputValue(), typed(self.get(OFFICER_CODE)));
    });
  });

  test('the leader approves and the coordinator submits the self-assessment', async () => {
    await as('chutich.lakhe', async (page) => {
      await act(page, 'approve');
      await page.getByTestId('approved-by').waitFor();
    });
    await as('vanphong.lakhe', async (page) => {
      await act(page, 'submit');
      await waitForStatus(page, 'Đã nộp');
      const stored = await getJson(page, `/api/units/${UNIT}/assessments/${YEAR}`);
      assert.equal(stored.status, 'submitted');
      const selfTotal = stored.nodes.filter((n) => self.has(n.code)).reduce((a, n) => a + cents(n.self), 0);
      assert.equal(selfTotal, sumCents(self), 'the stored self scores add up to the ones entered');
    });
  });

  test('the appraiser reads the other wards, accepts 21 scores, adjusts 6.8 with a reason and completes', async () => {
    await as('thamdinh', async (page) => {
      // The 16 other wards' 2024 totals, before La Khê is published.
      const ranking = await getJson(page, `/api/groups/${GROUP}/ranking?year=${YEAR}&limit=100`);
      const others = ranking.rows.filter((r) => r.unit !== UNIT);
      assert.equal(others.length, 16, `other wards in ${GROUP} ${YEAR}: ${others.map((r) => r.unit).join(' ')}`);
      otherTotals = others.map((r) => r.points);
      assert.ok(otherTotals.every((p) => typeof p === 'number'), 'every other ward has a 2024 total');

      await page.goto(server.url + assessmentPath);
      await page.getByTestId('assessment-tree').waitFor();
      assert.match(await page.getByTestId('assessment-title').innerText(), /Thẩm định năm 2024/);
      for (const n of leaves) {
        if (n.code === ADJUSTED_CODE) continue;
        await page.getByTestId(`accept-${n.code}`).click();
        await page.getByTestId(`appraisal-${n.code}-saved`).waitFor();
        appraised.set(n.code, self.get(n.code));
      }
      const adjustedValue = (cents(self.get(ADJUSTED_CODE)) - cents(ADJUSTMENT)) / 100;
      const input = page.getByTestId(`appraisal-cell-${ADJUSTED_CODE}`).locator('input').first();
      await input.fill(typed(adjustedValue));
      await input.press('Enter');
      assert.equal(await page.getByTestId(`appraisal-${ADJUSTED_CODE}-error`).innerText(), 'Hãy nhập lý do khi điểm thẩm định khác điểm tự chấm');
      await page.getByTestId(`reason-${ADJUSTED_CODE}`).fill('Chưa áp dụng ISO 9001 cho 2 thủ tục hành chính mới');
      await page.getByTestId(`reason-${ADJUSTED_CODE}`).blur();
      await page.getByTestId(`appraisal-${ADJUSTED_CODE}-saved`).waitFor();
      appraised.set(ADJUSTED_CODE, adjustedValue);
      await act(page, 'complete');
      await page.getByTestId('explanation-deadline').waitFor();
    });
  });

  test('the coordinator contests the adjusted score within the explanation period', async () => {
    await as('vanphong.lakhe', async (page) => {
      assert.match(await page.getByTestId(`appraised-value-${ADJUSTED_CODE}`).innerText(), /Chưa áp dụng ISO 9001/);
      const box = page.getByTestId(`explain-${ADJUSTED_CODE}`);
      await box.locator('textarea').fill('Phường đề nghị giữ điểm: 2 thủ tục mới được công bố ngày 20/12/2024, đã đưa vào ISO ngày 27/12/2024');
      await box.getByRole('button', { name: 'Gửi giải trình' }).click();
      await page.getByTestId(`explanations-${ADJUSTED_CODE}`).waitFor();
      assert.match(await page.getByTestId(`explanations-${ADJUSTED_CODE}`).innerText(), /đề nghị giữ điểm/);
    });
  });

  test('the appraiser finalises and publishes hadong-wards 2024 from the ranking page', async () => {
    const indexCents = Math.round((sumCents(appraised) * 10000) / cents(rootMax));
    const rank = 1 + otherTotals.filter((p) => cents(p) > sumCents(appraised)).length;
    await as('thamdinh', async (page) => {
      assert.match(await page.getByTestId(`explanations-${ADJUSTED_CODE}`).innerText(), /đề nghị giữ điểm/);
      await act(page, 'finalise');
      await waitForStatus(page, 'Đã chốt');
      await page.goto(`${server.url}/groups/${GROUP}/${YEAR}`);
      await page.getByTestId('publish-button').click();
      await page.getByTestId('confirm-ok').click();
      await page.locator('.ant-message').getByText('Đã công bố kết quả nhóm').waitFor();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="ranking-table"] tr.ant-table-row').length === 17);
      const texts = await page.locator('[data-testid="ranking-table"] tr.ant-table-row').allInnerTexts();
      const mine = texts.findIndex((t) => t.includes('Phường La Khê'));
      assert.equal(mine, rank - 1, `La Khê's row in the ranking: ${texts[mine]}`);
      assert.match(texts[mine], new RegExp(`^${rank}\\s[\\s\\S]*Phường La Khê[\\s\\S]*${shown2(indexCents / 100)}`));
    }, assessmentPath);
  });

  test('the published 2024 dashboard of La Khê shows the index, the change against 2023 and the rank', async () => {
    const total = sumCents(appraised) / 100;
    const index = Math.round((sumCents(appraised) * 10000) / cents(rootMax)) / 100;
    const rank = 1 + otherTotals.filter((p) => cents(p) > sumCents(appraised)).length;
    assert.equal(cents(total), sumCents(self) - cents(ADJUSTMENT), 'appraised = self − the adjustment');
    await as('xem.lakhe', async (page) => {
      // 2023 through the version mapping (hadong-2024-mau's previous version is hadong-2023).
      const framework = await getJson(page, `/api/frameworks/${FRAMEWORK}`);
      assert.equal(framework.previous, 'hadong-2023');
      const before = await getJson(page, `/api/units/${UNIT}/results?year=2023`);
      assert.equal(cents(before.index), 9002);
      const rank2023 = before.ranks.find((r) => r.group === GROUP).rank;
      const change = (cents(index) - cents(before.index)) / 100;

      await page.goto(`${server.url}/units/${UNIT}/${YEAR}`);
      await page.getByTestId('index-value').waitFor();
      assert.equal((await page.getByTestId('index-value').innerText()).trim(), shown2(index));
      assert.match(await page.locator('.kpi-index').innerText(), new RegExp(`${shown(total)}/${shown(rootMax)}`));
      assert.equal((await page.getByTestId('change-value').innerText()).trim(), `${change > 0 ? '+' : ''}${shown(change)}`);
      const badge = (await page.getByTestId('rank-badge').first().innerText()).replace(/\s+/g, ' ');
      const moved = rank2023 - rank;
      const arrow = moved > 0 ? `↑${moved}` : moved < 0 ? `↓${-moved}` : '=';
      assert.match(badge, new RegExp(`${rank}/17 ${arrow}`), `rank badge: ${badge}`);
      assert.equal(await page.getByTestId('no-results').count(), 0);
      await screenshot(page, 'demo-2024-published', { fullPage: true });

      const results = await getJson(page, `/api/units/${UNIT}/results?year=${YEAR}`);
      assert.equal(cents(results.index), cents(index));
      assert.equal(cents(results.change), cents(change));
      assert.equal(results.ranks.find((r) => r.group === GROUP).rank, rank);
    }, null);
  });
});
