// Improvement plans in a real browser: the admin signs in with the demo's
// one-time password, opens the demo plan (the seed's PIRAB table, knowledge
// topics and meeting 4.1), adds a measure under B with a target, reports 40%
// progress with a PDF evidence file, and sees it on the plan page at desktop
// and 390 px phone widths. Screenshots are kept in test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startDemo, launchBrowser, artifactDir, assertFits, signInAsDemoAdmin } from './harness.js';

const SEED_UNIT = 'ศูนย์ความร่วมมือระหว่างประเทศ';
const NEW_PASSWORD = 'รหัสผ่านใหม่สำหรับแผนพัฒนา 2569';
const TOPICS = [
  'แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (Internal Integrity and Transparency Assessment: IIT)',
  'แผนปฏิบัติการ ส่งเสริมคุณธรรม จริยธรรมและป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2569',
  'ข้อมูลความรู้ด้านแผนงาน งบประมาณ',
  'กระบวนการของหน่วยงาน',
];
const MEASURE_TEXT = 'จัดอบรมเชิงปฏิบัติการการให้บริการอย่างเป็นธรรมแก่ผู้รับบริการภายนอก';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n', 'latin1');

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

test('the admin adds a measure under B and reports 40% with a PDF on the demo plan', async () => {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, locale: 'th-TH',
  });
  const page = await context.newPage();

  // Sign in with the one-time password, then change it.
  await signInAsDemoAdmin(page, demo, NEW_PASSWORD);

  // The plans of fiscal year 2569, then the demo unit's plan.
  await page.goto(`${demo.base}/admin/plans?year=2569`);
  await page.getByRole('link', { name: new RegExp(`^${SEED_UNIT}`) }).first().click();
  await page.waitForSelector('h2#pirab');
  assert.match(page.url(), /\/admin\/plans\/\d+$/);
  const planUrl = page.url();

  // The seed's PIRAB table, its five measures, four topics and meeting 4.1.
  const table = page.locator('table.pirab');
  const tableText = await table.innerText();
  assert.ok(tableText.includes('P : Partnership'), tableText);
  assert.ok(tableText.includes('B : Build Capacity'), tableText);
  assert.ok(tableText.includes('ประเด็นความรู้ที่ให้แก่ C/SH'), tableText);
  for (const topic of TOPICS) assert.ok(tableText.includes(topic), `the table shows ${topic}`);
  assert.equal(await page.locator('article.measure').count(), 5);
  const meeting = await page.locator('article.activity', { hasText: 'กิจกรรม 4.1' }).innerText();
  assert.ok(meeting.includes('20 พ.ย. 2568'), meeting);
  assert.ok(meeting.includes('09.30 - 11.00 น.'), meeting);

  // A new measure under B with a target: e7 at least 90.
  await page.locator('summary', { hasText: 'เพิ่มมาตรการ' }).click();
  const form = page.locator('form#measure-new');
  await form.locator('#measure-new-strategy').selectOption('B');
  await form.locator('#measure-new-text').fill(MEASURE_TEXT);
  await form.locator('#measure-new-rationale').fill('ผู้รับบริการภายนอกให้คะแนน e7 ต่ำกว่าเป้าหมาย');
  await form.locator('#measure-new-owner').fill('กลุ่มงานบริหารทั่วไป ศรป.');
  await form.locator('#measure-new-start').fill('2026-10-01');
  await form.locator('#measure-new-due').fill('2027-03-31');
  await form.locator('#measure-new-level').selectOption('item');
  await form.locator('#measure-new-code').fill('e7');
  await form.locator('#measure-new-min').fill('90');
  await form.getByRole('button', { name: 'บันทึก' }).click();
  await page.waitForURL(/#measure-6$/);
  const measure = page.locator('article#measure-6');
  const measureText = await measure.innerText();
  assert.ok(measureText.includes(MEASURE_TEXT), measureText);
  assert.ok(measureText.includes('B : Build Capacity'), measureText);
  assert.ok(measureText.includes('e7 ≥ 90.00'), measureText);
  assert.ok(measureText.includes('31 มี.ค. 2570'), measureText);
  assert.ok((await table.innerText()).includes(MEASURE_TEXT), 'the PIRAB table lists the measure');

  // A progress update of 40% with a small PDF.
  await measure.locator('summary', { hasText: 'รายงานความคืบหน้า' }).click();
  await measure.locator('#update-6-on').fill('2026-11-20');
  await measure.locator('#update-6-percent').fill('40');
  await measure.locator('#update-6-note').fill('จัดอบรมรุ่นที่ 1 แล้ว');
  await measure.locator('#update-6-file').setInputFiles({
    name: 'หลักฐาน.pdf', mimeType: 'application/pdf', buffer: PDF,
  });
  await measure.getByRole('button', { name: 'รายงานความคืบหน้า' }).click();
  await page.waitForURL(/#measure-6$/);
  const updated = page.locator('article#measure-6');
  assert.equal(await updated.locator('progress').getAttribute('value'), '40');
  assert.ok((await updated.locator('dl').innerText()).includes('40'));
  assert.ok((await updated.locator('ul.updates').innerText()).includes('40%'));
  const link = updated.locator('ul.updates a', { hasText: 'หลักฐาน.pdf' });
  assert.equal(await link.count(), 1);
  const href = await link.getAttribute('href');
  assert.match(href, /^\/admin\/plans\/\d+\/evidence\/\d+$/);
  const file = await page.request.get(`${demo.base}${href}`);
  assert.equal(file.status(), 200);
  assert.equal(file.headers()['content-type'], 'application/pdf');
  assert.deepEqual(Buffer.from(await file.body()), PDF);
  await shot(page, 'plans-1-plan-1280');
  await assertFits(page, 'plan page at 1280');

  // The same page on a 390 px phone: the PIRAB table scrolls sideways inside
  // its box, nothing else sticks out.
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true,
    locale: 'th-TH', storageState: await context.storageState(),
  });
  const phonePage = await phone.newPage();
  await phonePage.goto(planUrl);
  await phonePage.waitForSelector('table.pirab');
  await shot(phonePage, 'plans-2-plan-390');
  await assertFits(phonePage, 'plan page at 390');
  const box = await phonePage.locator('.table-scroll:has(table.pirab)').evaluate((b) => ({
    box: b.getBoundingClientRect().right, width: b.clientWidth, content: b.scrollWidth,
    overflowX: getComputedStyle(b).overflowX,
  }));
  assert.ok(box.box <= 390, JSON.stringify(box));
  assert.ok(['auto', 'scroll'].includes(box.overflowX), JSON.stringify(box));
  await phone.close();
  await context.close();
});
