// Reports in a real browser: the public results page of the seed round reads
// on a 390 px phone without signing in (scores with their sample sizes, the
// chart, the demo plan's measures); the admin downloads the KPI 2.1
// attachment as Word and PDF from the unit's dashboard and opens the
// printable HTML. Screenshots are kept in test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startDemo, launchBrowser, phonePage, artifactDir, assertFits, signInAsDemoAdmin } from './harness.js';

const NEW_PASSWORD = 'รหัสผ่านใหม่สำหรับรายงาน 2569';

let demo;
let browser;

before(async () => {
  demo = await startDemo();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await demo?.stop();
});

test('the public results page reads on a phone without signing in', async () => {
  const page = await phonePage(browser);
  await page.goto(`${demo.base}/public`);
  await page.getByRole('link', { name: /ศูนย์ความร่วมมือระหว่างประเทศ/ }).first().click();
  assert.equal(new URL(page.url()).pathname, demo.publicPath);
  const text = await page.locator('main').innerText();
  for (const figure of ['98.12', '91.61', '94.87']) assert.ok(text.includes(figure), `shows ${figure}`);
  assert.ok(text.includes('สื่อสารผลการประเมิน IIT/EIT และมาตรการแก้ไข'), 'shows measure 4');
  assert.equal(await page.locator('main svg').count() >= 1, true, 'has the chart');
  await assertFits(page, 'public page at 390');
  await page.screenshot({ path: path.join(artifactDir, 'public-results-390.png'), fullPage: true });

  // The open round is not published: the same 404 as a round that does not exist.
  const missing = await page.goto(`${demo.base}/public/rounds/999/units/1`);
  assert.equal(missing.status(), 404);
  await page.context().close();
});

test('the admin downloads the KPI 2.1 attachment from the dashboard', async () => {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, locale: 'th-TH', acceptDownloads: true,
  });
  const page = await context.newPage();
  await signInAsDemoAdmin(page, demo, NEW_PASSWORD);

  // The unit's dashboard in the seed round: the docx link's page.
  const dashboardPath = demo.kpiDocxPath.replace(/\/report\/docx$/, '');
  await page.goto(`${demo.base}${dashboardPath}`);
  await page.screenshot({ path: path.join(artifactDir, 'dashboard-downloads.png'), fullPage: true });

  for (const [label, magic] of [['เอกสารแนบ KPI 2.1 (Word)', 'PK'], ['เอกสารแนบ KPI 2.1 (PDF)', '%PDF']]) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: label, exact: true }).click(),
    ]);
    const file = path.join(artifactDir, download.suggestedFilename());
    await download.saveAs(file);
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(file);
    assert.ok(bytes.length > 10000, `${label}: ${bytes.length} bytes`);
    assert.equal(bytes.subarray(0, magic.length).toString('latin1'), magic, label);
  }

  // The printable page opens in the browser and prints to A4.
  await page.getByRole('link', { name: 'เอกสารแนบ KPI 2.1 (หน้าเว็บสำหรับพิมพ์)', exact: true }).click();
  await page.waitForSelector('h1');
  const printable = await page.locator('main').innerText();
  assert.ok(printable.includes('กิจกรรม 4.1'), 'the meeting');
  assert.ok(printable.includes('P : Partnership'), 'the PIRAB table');
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  assert.ok(pdf.length > 10000);
  await page.screenshot({ path: path.join(artifactDir, 'kpi-attachment-html.png'), fullPage: true });
  await context.close();
});
