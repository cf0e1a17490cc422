// The admin in a real browser: first sign-in with the demo's one-time
// password, the forced password change, the overview, the seed round's unit
// dashboard at desktop and phone widths, and the access-code sheet's PDF.
// Screenshots are kept in test-artifacts/ for people to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startDemo, launchBrowser, artifactDir } from './harness.js';

const SEED_ROUND = 'ITA 2568 รอบ 5 เดือนแรก';
const SEED_UNIT = 'ศูนย์ความร่วมมือระหว่างประเทศ';
const NEW_PASSWORD = 'รหัสผ่านใหม่ของผู้ดูแล 2568';

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

async function shot(page, name) {
  await page.screenshot({ path: path.join(artifactDir, `${name}.png`), fullPage: true });
}

// How far the page and its parts stick out sideways: the document's width,
// and any element (outside a sideways-scrolling table box) wider than the
// viewport.
async function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [];
    for (const el of document.querySelectorAll('main *')) {
      if (el.closest('.table-scroll')) continue;
      const box = el.getBoundingClientRect();
      if (box.right > width + 0.5 || box.left < -0.5) {
        wide.push(`${el.tagName.toLowerCase()}.${el.className?.baseVal ?? el.className} ${Math.round(box.left)}..${Math.round(box.right)}`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5) };
  });
}

async function assertFits(page, label) {
  const o = await overflow(page);
  assert.ok(o.scrollWidth <= o.width, `${label}: page is ${o.scrollWidth} px wide in ${o.width} px`);
  assert.deepEqual(o.wide, [], `${label}: elements stick out`);
}

test('the admin changes the one-time password and reads the seed round dashboard', async () => {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, locale: 'th-TH',
    acceptDownloads: true,
  });
  const page = await context.newPage();

  await page.goto(`${demo.base}/admin`);
  await page.waitForSelector('h1:has-text("เข้าสู่ระบบ")');
  await shot(page, 'admin-1-sign-in');
  await page.getByLabel('ชื่อผู้ใช้', { exact: true }).fill('admin');
  await page.getByLabel('รหัสผ่าน', { exact: true }).fill(demo.password);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();

  // The one-time password must be changed before anything else.
  await page.waitForSelector('text=รหัสผ่านที่ใช้อยู่เป็นรหัสผ่านใช้ครั้งเดียว');
  assert.match(page.url(), /\/admin\/password$/);
  await shot(page, 'admin-2-password');
  await page.goto(`${demo.base}/admin/users`);
  assert.match(page.url(), /\/admin\/password$/);
  await page.getByLabel('รหัสผ่านปัจจุบัน', { exact: true }).fill(demo.password);
  await page.getByLabel('รหัสผ่านใหม่', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('ยืนยันรหัสผ่านใหม่', { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'บันทึกรหัสผ่านใหม่' }).click();

  await page.waitForSelector('h1:has-text("ภาพรวมองค์กร")');
  assert.match(page.url(), /\/admin$/);
  await shot(page, 'admin-3-overview');
  await assertFits(page, 'overview at 1280');

  // The seed round, then the unit's dashboard.
  await page.getByRole('link', { name: SEED_ROUND, exact: true }).click();
  await page.waitForSelector(`.muted:has-text("${SEED_ROUND}")`);
  await shot(page, 'admin-4-overview-seed-round');
  await page.getByRole('link', { name: new RegExp(`^${SEED_UNIT}`) }).click();
  await page.waitForSelector('h1:has-text("ผลการประเมินรายหน่วยงาน")');
  const dashboardUrl = page.url();
  const text = await page.locator('main').innerText();
  for (const figure of ['81.82', '88.33', '93.33', '86.67', 'ตัวชี้วัดที่ 3 การใช้อำนาจ']) {
    assert.ok(text.includes(figure), `the dashboard shows ${figure}`);
  }
  assert.ok(text.includes(SEED_UNIT));
  assert.equal(await page.locator('figure.chart svg').count(), 1);
  await shot(page, 'admin-5-dashboard-1280');
  await assertFits(page, 'dashboard at 1280');

  // The same page on a 390 px phone: tables scroll sideways inside their
  // boxes, the chart fits, nothing else sticks out.
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true,
    locale: 'th-TH', storageState: await context.storageState(),
  });
  const phonePage = await phone.newPage();
  await phonePage.goto(page.url());
  await phonePage.waitForSelector('h1:has-text("ผลการประเมินรายหน่วยงาน")');
  await shot(phonePage, 'admin-6-dashboard-390');
  await assertFits(phonePage, 'dashboard at 390');
  const chart = await phonePage.locator('figure.chart svg').boundingBox();
  assert.ok(chart.width <= 390 && chart.x >= 0, `chart is ${chart.width} px wide at x ${chart.x}`);
  const scrolls = await phonePage.locator('.table-scroll').evaluateAll((boxes) =>
    boxes.map((b) => ({ box: b.clientWidth, table: b.scrollWidth })));
  assert.ok(scrolls.length >= 2);
  assert.ok(scrolls.every((s) => s.box <= 390), JSON.stringify(scrolls));
  await phonePage.goto(`${demo.base}/admin`);
  await shot(phonePage, 'admin-7-overview-390');
  await assertFits(phonePage, 'overview at 390');
  await phone.close();

  // Access codes: the sheet shows them once and downloads them as a PDF.
  await page.goto(`${demo.base}/admin/access-codes`);
  await page.getByLabel('จำนวนรหัส').fill('4');
  await page.getByRole('button', { name: 'สร้างรหัส' }).click();
  await page.waitForSelector('.code-card');
  assert.equal(await page.locator('.code-card').count(), 4);
  await shot(page, 'admin-8-code-sheet');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'ดาวน์โหลด PDF' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.pdf$/);
  const pdf = readFileSync(await download.path());
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');

  // From the sheet to the unit's collection page: the EIT link with its QR
  // code and copy button, the code counts, the A4 poster.
  await page.getByRole('link', { name: 'ลิงก์ QR code และรหัสเข้าตอบ' }).click();
  await page.waitForSelector('h1:has-text("การเก็บข้อมูลของหน่วยงาน")');
  const link = await page.locator('#eit-link').inputValue();
  assert.match(link, /\/s\/\d+\/\d+$/);
  const qrWidth = await page.locator('figure.qr img').evaluate((img) => img.naturalWidth);
  assert.ok(qrWidth > 0, 'the QR code image loads');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'คัดลอก', exact: true }).click();
  await page.waitForSelector('button:has-text("คัดลอกแล้ว")');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  // Issued = used + unused; the four just made are among the unused (the
  // demo issued its own five for the same round and unit).
  const [issued, used, unused] = (await page.locator('main table td').allInnerTexts()).map(Number);
  assert.equal(issued, used + unused);
  assert.ok(unused >= 4, `unused ${unused}`);
  await shot(page, 'admin-9-collection');
  const [poster] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /โปสเตอร์ A4/ }).click(),
  ]);
  assert.equal(readFileSync(await poster.path()).subarray(0, 5).toString('latin1'), '%PDF-');
  await poster.saveAs(path.join(artifactDir, 'eit-poster.pdf'));

  const small = await browser.newContext({
    viewport: { width: 360, height: 780 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true,
    locale: 'th-TH', storageState: await context.storageState(),
  });
  const smallPage = await small.newPage();
  await smallPage.goto(page.url());
  await smallPage.waitForSelector('h1:has-text("การเก็บข้อมูลของหน่วยงาน")');
  await shot(smallPage, 'admin-10-collection-360');
  await assertFits(smallPage, 'collection at 360');

  // Sample size (issue 12.5): without a staff count the dashboard says so and
  // links the units page; with the seed's 11 staff (fewer than 30: everyone)
  // it shows 11 / 11 with a bar, and both pages fit 360 px.
  await smallPage.goto(dashboardUrl);
  await smallPage.getByRole('link', { name: 'ยังไม่ได้กำหนดจำนวนบุคลากร' }).click();
  assert.match(smallPage.url(), /\/admin\/units#unit-\d+$/);
  const unitForm = smallPage.locator(`form.unit-form:has(h2:has-text("${SEED_UNIT}"))`);
  await unitForm.locator('input[name="staff_count"]').fill('11');
  await unitForm.getByRole('button', { name: 'บันทึก', exact: true }).click();
  await smallPage.waitForURL(/\/admin\/units$/);
  await smallPage.goto(dashboardUrl);
  await smallPage.waitForSelector('h1:has-text("ผลการประเมินรายหน่วยงาน")');
  const iit = smallPage.locator('ul.sample-list li', { hasText: 'IIT:' });
  assert.match(await iit.innerText(), /IIT: 11 \/ 11 · ถึงจำนวนขั้นต่ำแล้ว/);
  const bar = iit.locator('progress.sample-bar');
  assert.equal(await bar.getAttribute('value'), '11');
  assert.equal(await bar.getAttribute('max'), '11');
  assert.match(await bar.getAttribute('aria-label'), /^IIT /);
  const barBox = await bar.boundingBox();
  assert.ok(barBox.width > 30 && barBox.x + barBox.width <= 360, JSON.stringify(barBox));
  await shot(smallPage, 'admin-11-dashboard-sample-360');
  await assertFits(smallPage, 'dashboard with sample bars at 360');
  await smallPage.goto(dashboardUrl.replace(/\/admin\/rounds\/(\d+)\/units\/\d+$/, '/admin?round=$1'));
  assert.ok(await smallPage.locator('td.sample progress.sample-bar').count() >= 1);
  await shot(smallPage, 'admin-12-overview-sample-360');
  await assertFits(smallPage, 'overview with sample bars at 360');
  await small.close();
  await context.close();
});
