// Improvement plans in the browser (issue 4): the demo's draft of La Khê's 2024 plan (14 tasks from the 14
// lost-point criteria of 2023) walked by each role:
//   vanphong.lakhe opens the plan, edits the number and date and saves, assigns an open task to Tư pháp (tuphap.lakhe);
//   tuphap.lakhe sees it in "Nhiệm vụ của tôi" and records 60 % with a note; the progress tab shows 60 % for its
//   criterion; chutich.lakhe issues the plan (read-only afterwards); the .docx and .xlsx downloads are zip files
//   (PK); the bell shows reminders of overdue tasks (the 2024 deadlines are past); the overdue list has them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { asUser, screenshot, startServer } from './lib.mjs';

const PLAN = '/units/lakhe/plans/2024';
const NOTE = 'Đã rà soát quy trình, hoàn thiện dự thảo báo cáo';
const TUPHAP = 'Tư pháp – Hộ tịch';

let server;
/** What the steps pass on: the position, title and first criterion of the task assigned to Tư pháp. */
const shared = {};

before(async () => {
  server = await startServer({
    setup: (cli) => {
      cli(['demo']);
      // Reminders of the demo's plan year (the server's own run covers this year and the last one only).
      cli(['reminders', 'run', '--year', '2024']);
    },
  });
});

after(async () => {
  await server?.stop();
});

const as = (username, body) => asUser(server, username, body, { tag: 'plan' });

async function openPlan(page, tab = 'tasks') {
  await page.goto(`${server.url}${PLAN}?tab=${tab}`);
  await page.getByTestId('plan-title').waitFor();
  await page.getByTestId(`plan-${tab}`).waitFor();
}

async function chooseOption(page, inputId, label) {
  await page.locator('.ant-select', { has: page.locator(`#${inputId}`) }).first().click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: label }).first().click();
}

/** Reads a download started by clicking `testId` and answers its bytes. */
async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await file.path();
  return { bytes: readFileSync(path), name: file.suggestedFilename() };
}

describe('improvement plan of La Khê 2024', () => {
  test('the coordinator sees the 14 tasks, edits the number and date, saves, and assigns a task to Tư pháp', async () => {
    await as('vanphong.lakhe', async (page) => {
      await openPlan(page);
      assert.equal(await page.getByTestId('plan-title').textContent(), 'Kế hoạch cải thiện Chỉ số CCHC năm 2024');
      assert.equal(await page.getByTestId('plan-status').textContent(), 'Dự thảo');
      const rows = page.locator('[data-testid^="task-row-"]');
      await rows.first().waitFor();
      assert.equal(await rows.count(), 14);
      assert.match(await page.getByTestId('plan-tab-tasks').textContent(), /Nhiệm vụ \(14\)/);
      // The 2024 deadlines are past: some tasks are marked overdue in red.
      assert.ok((await page.locator('[data-testid="due-overdue"]').count()) > 0, 'overdue tags');
      assert.match(await page.locator('[data-testid="due-overdue"]').first().textContent(), /^Quá hạn \d+ ngày$/);
      await screenshot(page, 'plan-tasks');

      // The document: number and date (typed dd/mm/yyyy), saved with the revision.
      await page.getByTestId('plan-tab-document').click();
      await page.getByTestId('plan-document').waitFor();
      await page.locator('#plan-number').fill('45');
      await page.locator('#plan-date').click();
      await page.locator('#plan-date').fill('15/03/2024');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await screenshot(page, 'plan-document');
      await page.getByTestId('plan-save').click();
      await page.locator('.ant-message').getByText('Đã lưu kế hoạch').first().waitFor();
      await page.reload();
      await page.getByTestId('plan-document').waitFor();
      assert.equal(await page.locator('#plan-number').inputValue(), '45');
      assert.equal(await page.locator('#plan-date').inputValue(), '15/03/2024');

      // A new task is checked inline before anything is sent.
      await page.getByTestId('plan-tab-tasks').click();
      await page.getByTestId('task-add').click();
      await page.getByTestId('task-save').click();
      await page.getByText('Hãy nhập nội dung nhiệm vụ').waitFor();
      await page.getByText('Nhiệm vụ một lần cần thời hạn (dd/mm/yyyy)').waitFor();
      await page.locator('.ant-drawer').getByRole('button', { name: 'Huỷ' }).click();
      await page.locator('.ant-drawer-open').waitFor({ state: 'detached' }).catch(() => {});

      // The first open task of another department goes to Tư pháp, officer tuphap.lakhe.
      let position = 0;
      for (let p = 1; p <= 14 && !position; p += 1) {
        const r = page.getByTestId(`task-row-${p}`);
        const dept = await r.getByTestId('task-department').textContent();
        const status = await r.getByTestId('task-status').textContent();
        if (dept !== TUPHAP && status !== 'Hoàn thành' && status !== 'Huỷ bỏ') position = p;
      }
      assert.ok(position > 0, 'an open task outside Tư pháp');
      shared.position = position;
      const row = page.getByTestId(`task-row-${position}`);
      shared.title = (await row.getByTestId('task-title').textContent()).trim();
      shared.criterion = (await row.locator('.ant-tag').first().textContent()).trim();
      await page.getByTestId(`task-edit-${position}`).click();
      await page.getByTestId('task-form').waitFor();
      await chooseOption(page, 'task-lead-department', TUPHAP);
      // The officer is chosen from La Khê's people, Tư pháp's officers first.
      await page.locator('.ant-select', { has: page.locator('#task-lead-user') }).first().click();
      const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)', {
        has: page.locator('.ant-select-item-group', { hasText: `Công chức ${TUPHAP}` }),
      });
      await dropdown.waitFor();
      const first = dropdown.locator('.ant-select-item-option').first();
      assert.equal((await first.innerText()).trim(), 'Công chức Tư pháp – Hộ tịch La Khê (mẫu) (tuphap.lakhe)');
      await first.click();
      assert.equal(await page.getByTestId('task-lead-user-text').count(), 0, 'no free text while the list loads');
      await page.locator('#task-output').click();
      await screenshot(page, 'plan-task-edit');
      await page.getByTestId('task-save').click();
      await page.locator('.ant-message').getByText('Đã lưu nhiệm vụ').first().waitFor();
      await page.waitForFunction(
        (p) => document.querySelector(`[data-testid="task-row-${p}"] [data-testid="task-lead-user"]`)?.textContent === 'tuphap.lakhe',
        position,
      );
      assert.equal(await row.getByTestId('task-department').textContent(), TUPHAP);
    });
  });

  test('the Tư pháp officer finds the task in "Nhiệm vụ của tôi" and records 60 % with a note', async () => {
    assert.ok(shared.title, 'the first step ran');
    await as('tuphap.lakhe', async (page) => {
      await page.goto(`${server.url}/tasks?year=2024`);
      await page.getByTestId('my-tasks-table').waitFor();
      const row = page.locator('[data-testid^="my-task-"]', { hasText: shared.title });
      await row.waitFor();
      await screenshot(page, 'plan-my-tasks');
      await row.getByRole('button', { name: 'Cập nhật' }).click();
      const form = page.getByTestId('update-form');
      await form.waitFor();
      await chooseOption(page, 'update-status', 'Đang thực hiện');
      await form.locator('.ant-input-number-input').fill('60');
      await page.locator('#update-note').fill(NOTE);
      // An evidence file with its upload progress.
      await page.getByTestId('update-file').setInputFiles({ name: 'bien-ban.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% biên bản\n%%EOF\n') });
      await page.locator('.ant-modal .ant-tag', { hasText: 'bien-ban.pdf' }).waitFor();
      await screenshot(page, 'plan-update');
      await page.getByTestId('update-save').click();
      await page.locator('.ant-message').getByText('Đã ghi cập nhật tiến độ').first().waitFor();
      await page.waitForFunction((title) => {
        const rows = [...document.querySelectorAll('[data-testid^="my-task-"]')];
        const r = rows.find((x) => x.textContent.includes(title));
        return r && r.textContent.includes('60 %') && r.textContent.includes('Đang thực hiện');
      }, shared.title);
      // The history shows the update with its note and file.
      await row.getByRole('button', { name: 'Cập nhật' }).click();
      const history = page.getByTestId('update-row').filter({ hasText: NOTE });
      await history.waitFor();
      assert.match(await history.textContent(), /tuphap\.lakhe/);
      assert.match(await history.textContent(), /60 %/);
      await page.locator('.ant-modal').getByRole('button', { name: 'Huỷ' }).click();
    });
  });

  test('the progress tab shows the update; the timeline groups tasks by month', async () => {
    await as('vanphong.lakhe', async (page) => {
      await openPlan(page, 'progress');
      const crit = page.getByTestId(`crit-row-${shared.criterion}`);
      await crit.waitFor();
      assert.match(await crit.textContent(), /60 %/);
      const dept = page.locator('[data-testid^="dept-row-"]', { hasText: TUPHAP });
      await dept.waitFor();
      assert.ok(Number(await page.getByTestId('sum-tasks').textContent()) >= 13, 'tasks counted');
      await screenshot(page, 'plan-progress', { fullPage: true });
      await page.getByTestId('plan-tab-timeline').click();
      await page.getByTestId('plan-timeline').waitFor();
      assert.ok((await page.locator('[data-testid^="month-2024-"]').count()) > 0, 'months of 2024');
      assert.match(await page.locator('[data-testid^="month-2024-"]').first().textContent(), /Tháng \d+\/2024/);
      await screenshot(page, 'plan-timeline', { fullPage: true });

      // The overdue list: the 2024 tasks still open are overdue, most overdue first.
      await page.goto(`${server.url}/plans/overdue?year=2024`);
      await page.getByTestId('overdue-table').waitFor();
      const days = page.getByTestId('days-overdue');
      await days.first().waitFor();
      const values = (await days.allTextContents()).map(Number);
      assert.ok(values.length > 0 && values.every((d) => d > 0), `days overdue ${values}`);
      assert.deepEqual(values, [...values].sort((a, b) => b - a));
      await screenshot(page, 'plan-overdue');
    });
  });

  test('the leader issues the plan; downloads are .docx and .xlsx files', async () => {
    await as('chutich.lakhe', async (page) => {
      await openPlan(page, 'document');
      await page.getByTestId('plan-issue').click();
      await page.locator('.ant-modal-confirm-title', { hasText: 'Ban hành kế hoạch?' }).waitFor();
      await page.getByTestId('confirm-ok').click();
      await page.locator('.ant-message').getByText('Đã ban hành kế hoạch').first().waitFor();
      await page.waitForFunction(() => document.querySelector('[data-testid="plan-status"]')?.textContent === 'Đã ban hành');
      assert.equal(await page.getByTestId('plan-save').count(), 0);
      await page.getByText('Kế hoạch đã ban hành: nội dung văn bản chỉ xem, không sửa được.').waitFor();
      assert.equal(await page.locator('#plan-number').inputValue(), '45');
      await screenshot(page, 'plan-issued');

      const plan = await download(page, 'download-plan');
      assert.equal(plan.bytes.subarray(0, 2).toString('latin1'), 'PK');
      assert.match(plan.name, /\.docx$/);
      const annex = await download(page, 'download-annex');
      assert.equal(annex.bytes.subarray(0, 2).toString('latin1'), 'PK');
      assert.match(annex.name, /\.xlsx$/);
      const report = await download(page, 'download-progress');
      assert.equal(report.bytes.subarray(0, 2).toString('latin1'), 'PK');
    });
  });

  test('the bell shows reminders of overdue tasks; opening one marks it read', async () => {
    await as('tuphap.lakhe', async (page) => {
      const badge = page.locator('[data-testid="notification-bell"] .ant-badge-count');
      await badge.waitFor();
      const before = Number((await badge.getAttribute('title')) ?? (await badge.textContent()));
      assert.ok(before > 0, `unread reminders: ${before}`);
      await page.getByTestId('notification-bell').click();
      const list = page.getByTestId('notification-list');
      await list.waitFor();
      const overdue = list.locator('[data-testid^="notification-"]', { hasText: 'Quá hạn' });
      assert.ok((await overdue.count()) > 0, 'overdue reminders listed');
      await screenshot(page, 'plan-notifications');
      await overdue.first().click();
      await page.waitForURL((url) => url.pathname === PLAN);
      await page.waitForFunction(
        (n) => {
          const el = document.querySelector('[data-testid="notification-bell"] .ant-badge-count');
          const now = el ? Number(el.getAttribute('title') ?? el.textContent) : 0;
          return now === n - 1;
        },
        before,
      );
    });
  });
});
