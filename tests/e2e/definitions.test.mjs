// The rules of the dossier statistics in the browser (issue 5 §2), on the demo:
//   thamdinh (an appraiser) opens Thừa Thiên Huế's set, changes the grace to 24 hours (1 day), saves version 2,
//   sees it in the history with its name, reopens version 1 (grace 0) and activates the set;
//   vanphong.lakhe (a coordinator) reads the rules without a save button, sees Huế marked active, and previews La
//   Khê's 2024 on-time rate under version 1, equal to the share computed here from the dossiers behind it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { asUser, screenshot, startServer } from './lib.mjs';

let server;

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

const as = (username, body) => asUser(server, username, body, { tag: 'definitions' });

test('an appraiser saves a one-day grace as version 2, sees it in the history and activates the set', async () => {
  await as('thamdinh', async (page) => {
    await page.goto(`${server.url}/dossiers/rules`);
    await page.getByTestId('definition-list').waitFor();
    // The menu leads here too, and the default is the active set.
    const defaultRow = page.locator('[data-testid="definition-list"] tr', { has: page.getByTestId('definition-default') });
    await defaultRow.getByTestId('active-tag').waitFor();
    await page.getByTestId('definition-hue').click();
    await page.getByTestId('definition-title').filter({ hasText: 'hue, phiên bản 1' }).waitFor();
    assert.equal(await page.locator('#grace_hours').inputValue(), '0');
    assert.equal(await page.locator('#name').inputValue(), 'Thừa Thiên Huế – tỷ lệ trên số hồ sơ đã giải quyết trong kỳ');
    // Every option is explained in plain Vietnamese.
    await page.getByText('“Trước hạn” nghĩa là có kết quả sớm hơn hạn trả ít nhất chừng này giờ').waitFor();
    await page.getByText('Vĩnh Phúc: đúng hạn / số hồ sơ có hạn trả rơi vào kỳ').waitFor();

    await page.locator('#grace_hours').fill('24');
    await page.getByTestId('save-definition').click();
    await page.getByTestId('definition-title').filter({ hasText: 'hue, phiên bản 2' }).waitFor();
    assert.equal(await page.locator('#grace_hours').inputValue(), '24');
    const history = page.getByTestId('definition-history');
    const rows = history.locator('tbody tr');
    await rows.filter({ hasText: 'thamdinh' }).first().waitFor();
    const texts = await rows.allInnerTexts();
    assert.equal(texts.length, 2, texts.join(' | '));
    assert.match(texts[0], /^2\s+thamdinh\s+\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    assert.match(texts[1], /^1\s+demo\s+/);
    // The list shows the new version.
    const hueRow = page.locator('[data-testid="definition-list"] tr', { has: page.getByTestId('definition-hue') });
    await hueRow.locator('td').nth(2).filter({ hasText: /^2$/ }).waitFor();

    // Version 1 stays readable.
    await rows.nth(1).getByRole('button').click();
    await page.getByTestId('definition-title').filter({ hasText: 'hue, phiên bản 1' }).waitFor();
    assert.equal(await page.locator('#grace_hours').inputValue(), '0');
    await page.getByText('Đây là phiên bản cũ').waitFor();

    await page.getByTestId('definition-hue').click();
    await page.getByTestId('definition-title').filter({ hasText: 'hue, phiên bản 2' }).waitFor();
    await page.getByTestId('activate-definition').click();
    await page.getByText('Bộ này đang được áp dụng').waitFor();
    await hueRow.getByTestId('active-tag').waitFor();
    if (process.env.PARINDEX_SCREENSHOTS) await screenshot(page, 'dossier-rules', { fullPage: true });
    assert.equal(await defaultRow.getByTestId('active-tag').count(), 0);
  });
});

test('a coordinator reads the rules and previews La Khê 2024 under Huế version 1, as computed from its dossiers', async () => {
  await as('vanphong.lakhe', async (page) => {
    await page.goto(`${server.url}/dossiers/rules?code=hue&version=1`);
    await page.getByTestId('definition-title').filter({ hasText: 'hue, phiên bản 1' }).waitFor();
    await page.getByText('Bạn chỉ xem được quy tắc').waitFor();
    assert.equal(await page.getByTestId('save-definition').count(), 0);
    const hueRow = page.locator('[data-testid="definition-list"] tr', { has: page.getByTestId('definition-hue') });
    await hueRow.getByTestId('active-tag').waitFor();

    // The share of the dossiers processed in 2024 that finished by their due time, from the drill-down list.
    const expected = await page.evaluate(async () => {
      let onTime = 0;
      let processed = 0;
      for (let offset = 0; ; offset += 500) {
        const response = await fetch(
          `/api/dossiers?unit=lakhe&year=2024&counter=processed&definition=hue@1&offset=${offset}&limit=500`,
        );
        const page = await response.json();
        processed += page.dossiers.length;
        onTime += page.dossiers.filter((d) => d.timeliness === 'early' || d.timeliness === 'on_time').length;
        if (processed >= page.total || page.dossiers.length === 0) break;
      }
      return { onTime, processed };
    });
    assert.ok(expected.processed > 1000, JSON.stringify(expected));
    const rate = String(Math.round((expected.onTime * 100 * 1000) / expected.processed) / 1000).replace('.', ',');

    await page.locator('#preview-year').fill('2024');
    await page.getByTestId('preview-run').click();
    const result = page.getByTestId('preview-result');
    await result.waitFor();
    const text = await result.innerText();
    assert.match(text, /Tỷ lệ đúng hạn của Phường La Khê năm 2024 theo bộ quy tắc này: /);
    assert.ok(text.includes(`${rate} %`), `${text} has ${rate} %`);
    assert.ok(text.includes(`Tử số ${expected.onTime}, mẫu số ${expected.processed} hồ sơ`), text);
  });
});
