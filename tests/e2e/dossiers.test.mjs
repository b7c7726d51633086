// The dossier screens in the browser (issue 5 §7) on the demo's generated year of dossiers:
//   vanphong.lakhe opens /dossiers: the year shown is the latest with dossiers, the on-time rate and the late
//   count equal the figures computed here from /api/dossiers/stats; clicking the late number (the year's, then
//   March's) opens the list whose title and total are that number, every row late;
//   thamdinh opens the heat map: one row per unit of the API, the first row is the unit with the lowest yearly
//   on-time rate computed here from the cells, a cell opens that unit's month; /dossiers lists the units worst
//   first and opens one, whose unit selector opens another unit's dashboard;
//   at 390 px neither page scrolls sideways.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { asUser, fetchJson, screenshot, startServer } from './lib.mjs';

let server;

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

const as = (username, body, options = {}) => asUser(server, username, body, { tag: 'dossiers', ...options });

/** GET through the page's session (its cookie). */
const getJson = (page, path) => fetchJson(page, server.url, path);

/** Vietnamese number text as the web application writes it: decimal comma, dots from 10 000 up. */
function vn(value, decimals = 0) {
  const factor = 10 ** decimals;
  const rounded = Math.round(Math.abs(value) * factor + 1e-9) / factor;
  const [int, frac] = rounded.toFixed(decimals).split('.');
  const grouped = int.length <= 4 ? int : int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return (value < 0 ? '-' : '') + grouped + (frac ? ',' + frac : '');
}

/** numerator / denominator × 100, rounded half away from zero to thousandths (as the server's rates). */
function percent(numerator, denominator) {
  if (denominator === 0) return null;
  return Math.round((numerator * 100_000) / denominator) / 1000;
}

/** The latest year in which the unit has dossiers, from the API (this year back to 2019). */
async function latestYear(page, unit) {
  for (let year = new Date().getFullYear(); year >= 2019; year -= 1) {
    const response = await page.request.get(`${server.url}/api/dossiers/stats?unit=${unit}&year=${year}&period=year`);
    if (response.status() !== 200) continue;
    const stats = await response.json();
    if (stats.total.counters.received > 0) return year;
  }
  throw new Error(`no year with dossiers for ${unit}`);
}

async function noHorizontalScroll(page) {
  const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scrollWidth <= innerWidth, `page scrolls sideways: ${scrollWidth} > ${innerWidth}`);
}

const shared = {};

describe('the dossier dashboard of La Khê', () => {
  test('the coordinator sees the year’s on-time rate and late count of the API, and the late dossiers behind the number', async () => {
    await as('vanphong.lakhe', async (page) => {
      const year = await latestYear(page, 'lakhe');
      shared.year = year;
      await page.goto(`${server.url}/dossiers`);
      await page.getByTestId('dossier-headline').waitFor();
      assert.equal(await page.getByTestId('dossier-title').textContent(), `Hồ sơ thủ tục hành chính năm ${year}`);

      const stats = await getJson(page, `/api/dossiers/stats?unit=lakhe&year=${year}&period=month`);
      assert.equal(await page.getByTestId('dossier-unit-name').textContent(), stats.unit.name);
      assert.equal(stats.definition.denominator, 'processed_in_period', 'the demo uses the default definition set');
      const c = stats.total.counters;
      assert.ok(c.processed > 100 && c.late > 0, `demo figures: ${c.processed} processed, ${c.late} late`);
      // The on-time rate from the counters, checked against the API's own figure, then against the page.
      const onTime = percent(c.on_time, c.processed);
      assert.ok(Math.abs(stats.total.rates.on_time - onTime) < 0.0006, `API on-time ${stats.total.rates.on_time} vs ${onTime}`);
      assert.equal(await page.getByTestId('card-on-time-rate').textContent(), `${vn(onTime, 2)} %`);
      assert.equal(await page.getByTestId('card-received').textContent(), vn(c.received));
      assert.equal(await page.getByTestId('card-late').textContent(), vn(c.late));
      assert.equal(await page.getByTestId('card-late-without-apology').textContent(), vn(c.late_without_apology));
      assert.equal(await page.getByTestId('card-supplement-2plus').textContent(), vn(c.supplement_2plus));
      assert.equal(await page.getByTestId('card-open-overdue').textContent(), vn(c.open_overdue));
      // The monthly trend: one row per month of the API.
      const months = stats.rows.filter((r) => r.period);
      assert.equal(await page.locator('[data-testid^="month-row-"]').count(), months.length);
      assert.match(await page.getByTestId('dossier-definition').textContent(), /Bộ định nghĩa: .+mẫu số tỷ lệ đúng hạn: số hồ sơ đã giải quyết trong kỳ/);
      // The breakdown by department: its received figures add up to the year's.
      const rows = page.locator('[data-testid="breakdown-department"] [data-testid^="breakdown-row-"]');
      await rows.first().waitFor();
      const byDepartment = await getJson(page, `/api/dossiers/stats?unit=lakhe&year=${year}&period=year&by=department`);
      assert.equal(await rows.count(), byDepartment.rows.length);
      const shown = await rows.locator('[data-testid="cell-received"]').allTextContents();
      assert.equal(shown.reduce((s, t) => s + Number(t.replace(/\./g, '')), 0), c.received);
      // The 766 progress-and-results group by the default point table, recomputed here from the counters: 14 × the
      // on-time rate / 100, 3 when no late dossier lacks an apology, 3 when none has two or more supplement requests.
      const group = stats.total.service_index;
      const expectedPoints =
        Math.round((14000 * Math.round(onTime * 1000)) / 100000) / 1000 +
        (c.late_without_apology === 0 ? 3 : 0) +
        (c.supplement_2plus === 0 ? 3 : 0);
      assert.equal(group.points, Math.round(expectedPoints * 1000) / 1000);
      const points = String(group.points).replace('.', ',');
      assert.match(
        await page.getByTestId('dossier-service-index').locator('.ant-card-head-title').textContent(),
        new RegExp(`^Tiến độ, kết quả giải quyết hồ sơ \\(Bộ chỉ số 766\\): ${points}/20 điểm$`),
      );
      assert.equal(await page.getByTestId('dossier-service-index').locator('tbody tr').count(), 3);
      await page.getByTestId('fault-late_without_apology').waitFor();
      // The KPI lights of the unit-year sit at the top of the dashboard.
      const lights = page.locator('[data-testid="dossier-kpi"] [data-testid="kpi-light"]');
      await lights.first().waitFor();
      assert.ok((await lights.count()) > 0, 'KPI lights on the dashboard');
      await screenshot(page, 'dossiers-dashboard', { fullPage: true });

      // Every count on the dashboard links to a list of exactly that many dossiers.
      const counts = ['received', 'processed', 'early', 'late', 'late-without-apology', 'apology-excess', 'supplement-2plus', 'open-not-due', 'open-due-soon', 'open-overdue'];
      for (const id of counts) {
        const link = page.getByTestId(`card-${id}`);
        const shownCount = Number((await link.textContent()).replace(/\./g, ''));
        const href = await link.getAttribute('href');
        assert.match(href, /^\/dossiers\/list\?/, `card-${id} links to the list`);
        const behind = await getJson(page, `/api/dossiers?${href.split('?')[1]}&limit=1`);
        assert.equal(behind.total, shownCount, `card-${id}: ${shownCount} shown, ${behind.total} dossiers behind it (${href})`);
      }

      // The late number opens the list of exactly those dossiers.
      await page.getByTestId('card-late').click();
      await page.waitForURL((url) => url.pathname === '/dossiers/list' && url.searchParams.get('counter') === 'late');
      const title = page.getByTestId('dossier-list-title');
      await page.waitForFunction(() => /: [\d.]+ hồ sơ$/.test(document.querySelector('[data-testid="dossier-list-title"]')?.textContent ?? ''));
      assert.equal(await title.textContent(), `Trễ hạn — Năm ${year} — ${stats.unit.name}: ${vn(c.late)} hồ sơ`);
      const list = await getJson(page, `/api/dossiers?unit=lakhe&year=${year}&counter=late&limit=1`);
      assert.equal(list.total, c.late);
      const listRows = page.locator('[data-testid^="dossier-row-"]');
      assert.equal(await listRows.count(), Math.min(50, c.late));
      const tags = await page.getByTestId('dossier-timeliness').allTextContents();
      assert.equal(tags.length, Math.min(50, c.late));
      assert.ok(tags.every((t) => t === 'Trễ hạn'), 'every row is late');
      await screenshot(page, 'dossiers-list');

      // March's late number in the monthly table opens March's list.
      await page.getByTestId('dossier-list-back').click();
      const march = months.find((r) => r.period === `${year}-03`);
      assert.ok(march, 'a March row');
      const cell = page.getByTestId(`month-row-${year}-03`).getByTestId('cell-late');
      await cell.waitFor();
      assert.equal(await cell.textContent(), vn(march.counters.late));
      await cell.click();
      await page.waitForFunction(() => /: [\d.]+ hồ sơ$/.test(document.querySelector('[data-testid="dossier-list-title"]')?.textContent ?? ''));
      assert.equal(await title.textContent(), `Trễ hạn — Tháng 03/${year} — ${stats.unit.name}: ${vn(march.counters.late)} hồ sơ`);
      const marchList = await getJson(page, `/api/dossiers?unit=lakhe&year=${year}&period=${year}-03&counter=late&limit=1`);
      assert.equal(marchList.total, march.counters.late);
    });
  });
});

describe('the province heat map', () => {
  test('the appraiser sees every unit of the API, the lowest yearly on-time rate first; a cell opens that month', async () => {
    await as('thamdinh', async (page) => {
      const year = shared.year ?? 2024;
      await page.goto(`${server.url}/dossiers/province?year=${year}`);
      await page.getByTestId('heatmap').waitFor();
      const map = await getJson(page, `/api/dossiers/heatmap?year=${year}&metric=on_time_rate`);
      assert.ok(map.units.length >= 2, `units in the heat map: ${map.units.length}`);
      const rows = page.locator('[data-testid^="heatmap-row-"]');
      assert.equal(await rows.count(), map.units.length);
      // The yearly value of each unit from its cells (on time over processed), the lowest first.
      const yearly = map.units.map((u) => ({
        code: u.code,
        name: u.name,
        value: percent(u.cells.reduce((s, x) => s + x.numerator, 0), u.cells.reduce((s, x) => s + x.denominator, 0)),
      }));
      const lowest = Math.min(...yearly.filter((u) => u.value !== null).map((u) => u.value));
      const firstCode = (await rows.first().getAttribute('data-testid')).replace('heatmap-row-', '');
      const first = yearly.find((u) => u.code === firstCode);
      assert.ok(first, `first row ${firstCode} is a unit of the API`);
      assert.equal(first.value, lowest, `first row ${first.name} (${first.value}) has the lowest yearly value ${lowest}`);
      assert.equal(await rows.first().getByTestId('heatmap-year-value').textContent(), vn(lowest, 1));
      await page.getByTestId('heatmap-legend').waitFor();
      await screenshot(page, 'dossiers-heatmap');

      // A cell opens the unit's late dossiers of the month (received that month): late = processed − on time.
      const cell = map.units[0].cells.find((x) => x.denominator - x.numerator > 0) ?? map.units[0].cells.find((x) => x.received > 0);
      await rows.first().getByTestId(`heatmap-cell-${cell.month}`).click();
      await page.waitForURL((url) => url.pathname === '/dossiers/list' && url.searchParams.get('period') === cell.month);
      await page.waitForFunction(() => /: [\d.]+ hồ sơ$/.test(document.querySelector('[data-testid="dossier-list-title"]')?.textContent ?? ''));
      const [, mm] = cell.month.split('-');
      assert.equal(
        await page.getByTestId('dossier-list-title').textContent(),
        `Trễ hạn — Tháng ${mm}/${year} — theo tháng tiếp nhận — ${map.units[0].name}: ${vn(cell.denominator - cell.numerator)} hồ sơ`,
      );

      // The other metrics reorder the rows from the API's answer.
      await page.goto(`${server.url}/dossiers/province?year=${year}&metric=online_full_share`);
      await page.getByTestId('heatmap').waitFor();
      const online = await getJson(page, `/api/dossiers/heatmap?year=${year}&metric=online_full_share`);
      const firstOnline = (await rows.first().getAttribute('data-testid')).replace('heatmap-row-', '');
      assert.equal(firstOnline, online.units[0].code);

      // /dossiers lists the units worst first; the first opens its dashboard, whose selector opens another unit's.
      await page.goto(`${server.url}/dossiers?year=${year}`);
      const chooser = page.locator('[data-testid="chooser-units"] [data-testid="chooser-unit"]');
      await chooser.first().waitFor();
      assert.equal(await chooser.first().textContent(), map.units[0].name);
      assert.equal(await chooser.count(), Math.min(20, map.units.length));
      await chooser.first().click();
      await page.waitForURL((url) => url.pathname === `/units/${map.units[0].code}/dossiers`);
      await page.getByTestId('dossier-headline').waitFor();
      assert.equal(await page.getByTestId('dossier-unit-name').textContent(), map.units[0].name);
      await page.getByTestId('dossier-unit').click();
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: map.units[1].name }).first().click();
      await page.waitForURL((url) => url.pathname === `/units/${map.units[1].code}/dossiers`);
      await page.waitForFunction((name) => document.querySelector('[data-testid="dossier-unit-name"]')?.textContent === name, map.units[1].name);
    });
  });
});

describe('the dossier screens on a phone', () => {
  test('no horizontal scroll at 390 px on the dashboard, the list and the heat map', async () => {
    await as(
      'vanphong.lakhe',
      async (page) => {
        await page.goto(`${server.url}/dossiers`);
        await page.getByTestId('dossier-headline').waitFor();
        await page.getByTestId('dossier-trend').waitFor();
        await page.waitForTimeout(500);
        await noHorizontalScroll(page);
        await screenshot(page, 'dossiers-phone');
        await page.getByTestId('card-late').click();
        await page.getByTestId('dossier-list').waitFor();
        await page.locator('[data-testid^="dossier-row-"]').first().waitFor();
        await noHorizontalScroll(page);
        await page.goto(`${server.url}/dossiers/province`);
        await page.getByTestId('heatmap').waitFor();
        // A unit role sees its own unit only.
        assert.equal(await page.locator('[data-testid^="heatmap-row-"]').count(), 1);
        assert.equal(await page.locator('[data-testid="heatmap-row-lakhe"]').count(), 1);
        await noHorizontalScroll(page);
      },
      { phone: true },
    );
  });
});
