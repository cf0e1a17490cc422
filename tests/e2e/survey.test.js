// Respondents in a real browser on a phone-sized viewport: the IIT with a
// one-time access code and the EIT through its public link. Screenshots are
// kept in test-artifacts/ for people to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startDemo, launchBrowser, phonePage, assertFits, artifactDir } from './harness.js';

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

// Answers every question of the current page with the option labelled
// `label`, clicking the label as a person would, then presses the button.
async function answerPage(page, label, button) {
  const questions = page.locator('fieldset.question');
  const count = await questions.count();
  for (let i = 0; i < count; i += 1) {
    await questions.nth(i).locator('label.option', { hasText: label }).first().click();
  }
  await page.getByRole('button', { name: button, exact: true }).click();
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(artifactDir, `${name}.png`), fullPage: true });
}

test('an IIT respondent completes the survey with a code on a 390 px phone', async () => {
  const page = await phonePage(browser);
  await page.goto(`${demo.base}/iit`);
  await shot(page, 'iit-1-code');
  await page.getByLabel('รหัสเข้าตอบแบบสำรวจ').fill(demo.codes[0].toLowerCase());
  await page.getByRole('button', { name: 'เริ่มทำแบบสำรวจ' }).click();
  await page.waitForSelector('text=ขั้นที่ 1 จาก 6');
  await shot(page, 'iit-2-first-page');
  // Nothing sticks out of a 390 px screen.
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `page is ${width} px wide`);
  await assertFits(page, 'IIT step 1 at 390 px');

  for (let step = 1; step <= 5; step += 1) {
    await answerPage(page, 'มาก', 'ถัดไป');
  }
  await page.waitForSelector('text=ตรวจทานคำตอบก่อนส่ง');
  await shot(page, 'iit-3-review');
  assert.equal(await page.locator('dd.missing').count(), 0);
  await page.getByRole('button', { name: 'ส่งแบบสำรวจ' }).click();
  await page.waitForSelector('text=ขอบคุณที่ร่วมตอบแบบสำรวจ');
  await shot(page, 'iit-4-thanks');

  // The same code cannot be used twice.
  await page.goto(`${demo.base}/iit`);
  await page.getByLabel('รหัสเข้าตอบแบบสำรวจ').fill(demo.codes[0]);
  await page.getByRole('button', { name: 'เริ่มทำแบบสำรวจ' }).click();
  await page.waitForSelector('text=รหัสนี้ถูกใช้ตอบแบบสำรวจไปแล้ว');
  await page.context().close();
});

test('an EIT respondent answers through the public link and can go back and edit', async () => {
  const page = await phonePage(browser);
  await page.goto(`${demo.base}${demo.eitPath}`);
  await page.waitForSelector('text=ขั้นที่ 1 จาก 4');
  await shot(page, 'eit-1-first-page');
  await assertFits(page, 'EIT step 1 at 390 px');
  await answerPage(page, 'เห็นด้วยอย่างยิ่ง', 'ถัดไป');
  await answerPage(page, 'ค่อนข้างเห็นด้วย', 'ถัดไป');
  await page.getByRole('button', { name: 'ย้อนกลับ' }).click();
  // The answers given on the page we left are still checked.
  const checked = await page.locator('input[type=radio]:checked').count();
  assert.equal(checked, 3);
  await answerPage(page, 'เห็นด้วย', 'ถัดไป');
  await answerPage(page, 'เห็นด้วย', 'ถัดไป');
  await page.waitForSelector('text=ตรวจทานคำตอบก่อนส่ง');
  await page.getByLabel('ข้อเสนอแนะเพิ่มเติม (ไม่บังคับ)').fill('บริการดี <b>ขอบคุณ</b>');
  await shot(page, 'eit-2-review');
  await page.getByRole('button', { name: 'ส่งแบบสำรวจ' }).click();
  await page.waitForSelector('text=ขอบคุณที่ร่วมตอบแบบสำรวจ');
  await shot(page, 'eit-3-thanks');

  // A second visit from the same browser is told at once, before any question.
  await page.goto(`${demo.base}${demo.eitPath}`);
  await page.waitForSelector('text=ท่านได้ตอบแบบสำรวจนี้แล้ว');
  assert.equal(await page.locator('input[type=radio]').count(), 0);
  await shot(page, 'eit-4-already-answered');
  await assertFits(page, 'EIT already answered at 390 px');
  await page.context().close();
});

test('the IIT code page, an IIT step, its review and the EIT page fit a 360 px phone', async () => {
  const page = await phonePage(browser, 360);
  await page.goto(`${demo.base}/iit`);
  await assertFits(page, 'IIT code page at 360 px');
  // The second code: the first is used by the 390 px test. It is not
  // submitted here, so it stays unused.
  await page.getByLabel('รหัสเข้าตอบแบบสำรวจ').fill(demo.codes[1]);
  await page.getByRole('button', { name: 'เริ่มทำแบบสำรวจ' }).click();
  await page.waitForSelector('text=ขั้นที่ 1 จาก 6');
  await shot(page, 'iit-360-first-page');
  await assertFits(page, 'IIT step 1 at 360 px');
  for (let step = 1; step <= 5; step += 1) {
    await answerPage(page, 'ค่อนข้างน้อย', 'ถัดไป');
  }
  await page.waitForSelector('text=ตรวจทานคำตอบก่อนส่ง');
  await assertFits(page, 'IIT review at 360 px');
  await page.context().close();

  const eit = await phonePage(browser, 360);
  await eit.goto(`${demo.base}${demo.eitPath}`);
  await eit.waitForSelector('text=ขั้นที่ 1 จาก 4');
  await shot(eit, 'eit-360-first-page');
  await assertFits(eit, 'EIT step 1 at 360 px');
  // English labels are longer: the same page in English.
  await eit.getByRole('button', { name: 'English' }).click();
  await eit.waitForSelector('text=Step 1 of 4');
  await assertFits(eit, 'EIT step 1 in English at 360 px');
  await eit.context().close();
});
