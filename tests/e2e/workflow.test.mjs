// The scoring year in the browser (issue 3, section 7): xa-1 2025 of the workflow fixture
// (tests/api/fixtures/workflow_bundle.json: units tinh-x > xa-1, xa-2, xa-3; framework khung-thu;
// group nhom-thu 2025 with xa-2 and xa-3 already final) walked by each role:
// self-score → assign → officer scores → evidence → approve → submit → appraise with an adjustment →
// complete → explain → finalise → publish → the dashboard and the ranking.
//
// Expected figures, by hand: khung-thu has 1.1 (max 6), 1.2 (max 4, evidence required), 2.1 (5), 2.2 (5).
//   xa-1: self 4,5 + 4 + 5 + 3,5 = 17; appraised 4,5 + 4 + 5 + 3 (adjusted) = 16,5 of 20 → index 82,50
//   xa-2: 5 + 4 + 5 + 4 = 18 → 90,00 (rank 1);  xa-3: 6 + 3 + 4 + 3 = 16 → 80,00 (rank 3)
//   so xa-1 is 2nd of 3.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { login, openBrowser, repoRoot, screenshot, startServer } from './lib.mjs';

const PASSWORD = 'mat-khau-e2e-2025';
const YEAR = 2025;
const USERS = [
  ['dieuphoi.xa1', ['--role', 'coordinator', '--unit', 'xa-1']],
  ['tuphap.xa1', ['--role', 'officer', '--unit', 'xa-1', '--department', 'tp']],
  ['chutich.xa1', ['--role', 'leader', '--unit', 'xa-1']],
  ['thamdinh.thu', ['--role', 'appraiser', '--group', 'nhom-thu']],
];

function fixturePath() {
  const shared = join(repoRoot, 'tests', 'api', 'fixtures', 'workflow_bundle.json');
  return existsSync(shared) ? shared : join(repoRoot, 'tests', 'e2e', 'fixtures', 'workflow_bundle.json');
}

let server;
let assessmentUrl;

before(async () => {
  server = await startServer({
    setup: (cli) => {
      cli(['import', 'all', fixturePath()]);
      for (const [name, args] of USERS) cli(['user', 'add', name, ...args, '--password-stdin'], `${PASSWORD}\n`);
    },
  });
  assessmentUrl = `${server.url}/units/xa-1/${YEAR}/assessment`;
});

after(async () => {
  await server?.stop();
});

/** Logs in as `username` in a fresh browser, opens the assessment of xa-1 2025 and runs body. */
async function as(username, body, { open = true } = {}) {
  const browser = await openBrowser();
  const { page } = browser;
  try {
    await login(page, server.url, username, PASSWORD);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    if (open) {
      await page.goto(assessmentUrl);
      await page.getByTestId('assessment-tree').waitFor();
    }
    await body(page);
  } catch (error) {
    if (process.env.PARINDEX_SCREENSHOTS) await screenshot(page, `failure-${username}`, { fullPage: true }).catch(() => {});
    throw error;
  } finally {
    await browser.close();
  }
}

/** Types a score into the self (or appraisal) cell of a criterion and presses Enter. */
async function typeScore(page, cell, text) {
  const input = page.getByTestId(cell).locator('input').first();
  await input.fill(text);
  await input.press('Enter');
}

/** Clicks a workflow button and confirms the dialog. */
async function act(page, action) {
  await page.getByTestId(`action-${action}`).click();
  await page.getByTestId('confirm-ok').click();
  await page.locator('.ant-message').getByText('Đã thực hiện').last().waitFor();
  await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
}

const statusText = (page) => page.getByTestId('assessment-status').innerText();

describe('the 2025 assessment of xa-1, walked in the browser', () => {
  test('the coordinator opens the draft, self-scores with a decimal comma and assigns 2.2', async () => {
    await as(
      'dieuphoi.xa1',
      async (page) => {
        await page.goto(`${server.url}/units/xa-1/${YEAR}`);
        await page.getByTestId('assessment-link').click();
        await page.waitForURL(/\/units\/xa-1\/2025\/assessment$/);
        await page.getByTestId('open-draft').click();
        await page.getByTestId('assessment-tree').waitFor();
        assert.match(await page.getByTestId('status-steps').innerText(), /Tự chấm[\s\S]*Đã nộp[\s\S]*Thẩm định[\s\S]*Giải trình[\s\S]*Chốt[\s\S]*Công bố/);
        assert.equal((await statusText(page)).trim(), 'Đang đánh giá');

        await typeScore(page, 'self-cell-1.1', '7');
        assert.equal(await page.getByTestId('self-1.1-error').innerText(), 'Điểm phải từ 0 đến 6');
        await typeScore(page, 'self-cell-1.1', '4,5');
        await page.getByTestId('self-1.1-saved').waitFor();
        await typeScore(page, 'self-cell-1.2', '4');
        await page.getByTestId('self-1.2-saved').waitFor();
        await typeScore(page, 'self-cell-2.1', '5');
        await page.getByTestId('self-2.1-saved').waitFor();
        await page.getByTestId('explanation-cell-1.1').locator('textarea').fill('Ban hành đủ kế hoạch CCHC năm 2025');
        await page.getByTestId('explanation-cell-1.1').locator('textarea').blur();
        await page.getByTestId('explanation-1.1-saved').waitFor();
        // 1.2 needs evidence: scored without it, it is flagged.
        await page.getByTestId('flag-1.2').waitFor();
        assert.equal(await page.getByTestId('flag-1.2').innerText(), 'thiếu TLKC');

        await page.getByTestId('department-cell-2.2').locator('.ant-select').click();
        await page.locator('.ant-select-item-option', { hasText: 'Tư pháp – Hộ tịch' }).click();
        await page.waitForFunction(() =>
          document.querySelector('[data-testid="department-cell-2.2"] .ant-select-selection-item')?.textContent?.includes('Tư pháp'),
        );
        await page.reload();
        await page.getByTestId('assessment-tree').waitFor();
        assert.equal(await page.getByTestId('self-cell-1.1').locator('input').inputValue(), '4,5');
      },
      { open: false },
    );
  });

  test('the officer of Tư pháp scores only the criterion assigned to the department', async () => {
    await as('tuphap.xa1', async (page) => {
      assert.equal(await page.getByTestId('self-cell-1.1').count(), 0, '1.1 is not editable by the officer');
      assert.equal((await page.getByTestId('self-value-1.1').innerText()).trim(), '4,5');
      await typeScore(page, 'self-cell-2.2', '3,5');
      await page.getByTestId('self-2.2-saved').waitFor();
    });
  });

  test('the coordinator uploads a PDF evidence file with a progress bar', async () => {
    await as('dieuphoi.xa1', async (page) => {
      const pdf = Buffer.from(
        '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
          '% ' + 'Báo cáo kết quả CCHC năm 2025. '.repeat(12000) + '\ntrailer << /Root 1 0 R >>\n%%EOF\n',
      );
      await page.getByTestId('evidence-input-1.2').setInputFiles({ name: 'Báo cáo CCHC 2025.pdf', mimeType: 'application/pdf', buffer: pdf });
      const progress = page.getByTestId('upload-progress-1.2');
      await progress.waitFor();
      const link = page.getByTestId('evidence-cell-1.2').getByTestId('evidence-link');
      await link.waitFor();
      assert.match(await link.innerText(), /Báo cáo CCHC 2025\.pdf/);
      assert.match(await page.getByTestId('evidence-cell-1.2').innerText(), /KB/);
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="upload-progress-1.2"].ant-progress-status-success') !== null,
      );
      await page.getByTestId('flag-1.2').waitFor({ state: 'detached' });
      const download = await page.request.get(server.url + (await link.getAttribute("href")));
      assert.equal(download.status(), 200);
      assert.equal((await download.body()).length, pdf.length);
    });
  });

  test('the leader approves and the coordinator submits', async () => {
    await as('chutich.xa1', async (page) => {
      assert.equal(await page.getByTestId('action-submit').count(), 0);
      await act(page, 'approve');
      await page.getByTestId('approved-by').waitFor();
    });
    await as('dieuphoi.xa1', async (page) => {
      await page.getByTestId('self-cell-1.1').waitFor();
      await screenshot(page, 'assessment-self', { fullPage: true });
      await act(page, 'submit');
      await page.waitForFunction(() => document.querySelector('[data-testid="assessment-status"]')?.textContent === 'Đã nộp');
      assert.equal(await page.getByTestId('self-cell-1.1').count(), 0, 'self scores lock on submission');
      assert.ok(await page.getByTestId('action-withdraw').isVisible(), 'the submission may be withdrawn');
    });
  });

  test('the appraiser accepts three scores, adjusts one with a reason and completes', async () => {
    await as('thamdinh.thu', async (page) => {
      assert.match(await page.getByTestId('assessment-title').innerText(), /Thẩm định năm 2025/);
      for (const code of ['1.1', '1.2', '2.1']) {
        await page.getByTestId(`accept-${code}`).click();
        await page.getByTestId(`appraisal-${code}-saved`).waitFor();
      }
      await typeScore(page, 'appraisal-cell-2.2', '3');
      assert.equal(await page.getByTestId('appraisal-2.2-error').innerText(), 'Hãy nhập lý do khi điểm thẩm định khác điểm tự chấm');
      await page.getByTestId('reason-2.2').fill('Thiếu báo cáo kết quả kiểm tra của quý IV');
      await page.getByTestId('reason-2.2').blur();
      await page.getByTestId('appraisal-2.2-saved').waitFor();
      await page.reload();
      await page.getByTestId('assessment-tree').waitFor();
      assert.equal(await page.getByTestId('appraisal-cell-2.2').locator('input').first().inputValue(), '3');
      assert.equal(await page.getByTestId('appraisal-cell-1.1').locator('input').first().inputValue(), '4,5');
      await screenshot(page, 'assessment-appraisal', { fullPage: true });
      await act(page, 'complete');
      await page.getByTestId('explanation-deadline').waitFor();
    });
  });

  test('the coordinator explains the adjusted score before the deadline', async () => {
    await as('dieuphoi.xa1', async (page) => {
      assert.match(await page.getByTestId('explanation-deadline').innerText(), /Hạn giải trình: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
      assert.match(await page.getByTestId('appraised-value-2.2').innerText(), /3[\s\S]*Thiếu báo cáo/);
      const box = page.getByTestId('explain-2.2');
      await box.locator('textarea').fill('Đơn vị đã gửi bổ sung báo cáo quý IV ngày 05/01/2026');
      await box.getByRole('button', { name: 'Gửi giải trình' }).click();
      await page.getByTestId('explanations-2.2').waitFor();
      assert.match(await page.getByTestId('explanations-2.2').innerText(), /bổ sung báo cáo quý IV[\s\S]*|dieuphoi\.xa1/);
    });
  });

  test('the appraiser finalises and publishes nhóm thử from the ranking page', async () => {
    await as('thamdinh.thu', async (page) => {
      assert.match(await page.getByTestId('explanations-2.2').innerText(), /bổ sung báo cáo quý IV/);
      await act(page, 'finalise');
      await page.waitForFunction(() => document.querySelector('[data-testid="assessment-status"]')?.textContent === 'Đã chốt');
      await page.goto(`${server.url}/groups/nhom-thu/${YEAR}`);
      await page.getByTestId('publish-button').click();
      assert.match(await page.locator('.ant-modal-confirm').innerText(), /Công bố kết quả và thứ hạng của nhóm/);
      await page.getByTestId('confirm-ok').click();
      await page.locator('.ant-message').getByText('Đã công bố kết quả nhóm').waitFor();
      const rows = page.locator('[data-testid="ranking-table"] tr.ant-table-row');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="ranking-table"] tr.ant-table-row').length === 3);
      const texts = await rows.allInnerTexts();
      assert.match(texts[0], /^1\s[\s\S]*Xã Hai[\s\S]*90,00/);
      assert.match(texts[1], /^2\s[\s\S]*Xã Một[\s\S]*82,50/);
      assert.match(texts[2], /^3\s[\s\S]*Xã Ba[\s\S]*80,00/);
    }, { open: true });
  });

  test('the dashboard of xa-1 2025 shows the published index and rank; the history lists every change', async () => {
    await as(
      'dieuphoi.xa1',
      async (page) => {
        await page.goto(`${server.url}/units/xa-1/${YEAR}`);
        await page.getByTestId('index-value').waitFor();
        assert.equal((await page.getByTestId('index-value').innerText()).trim(), '82,50');
        assert.match(await page.getByTestId('rank-badge').first().innerText(), /2\/3/);
        await page.goto(assessmentUrl);
        await page.getByTestId('assessment-tree').waitFor();
        assert.equal((await statusText(page)).trim(), 'Đã công bố');
        await page.getByTestId('history-2.2').click();
        const drawerRows = page.locator('.ant-drawer [data-testid="audit-table"] tr.ant-table-row');
        await drawerRows.first().waitFor();
        const drawerText = (await drawerRows.allInnerTexts()).join('\n');
        assert.match(drawerText, /tuphap\.xa1[\s\S]*Tự chấm|Tự chấm[\s\S]*tuphap\.xa1/);
        assert.match(drawerText, /Điều chỉnh điểm/);
        await page.keyboard.press('Escape');
        await page.getByTestId('history-link').click();
        await page.waitForURL(/\/units\/xa-1\/2025\/history$/);
        const rows = page.locator('[data-testid="audit-table"] tr.ant-table-row');
        await rows.first().waitFor();
        assert.ok((await rows.count()) >= 12, `history rows: ${await rows.count()}`);
        const all = (await rows.allInnerTexts()).join('\n');
        for (const action of ['Mở phiếu', 'Giao tiêu chí', 'Phê duyệt', 'Nộp', 'Chấp nhận điểm', 'Giải trình', 'Chốt kết quả', 'Công bố']) {
          assert.ok(all.includes(action), `history has "${action}"`);
        }
        assert.match(all, /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
        await screenshot(page, 'assessment-history', { fullPage: true });
      },
      { open: false },
    );
  });
});
