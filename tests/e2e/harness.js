// Starts `itagap demo` on a fresh SQLite file and a free port, reads what it
// prints (URLs, the admin's one-time password, access codes), and launches
// Debian's chromium through playwright-core.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const artifactDir = process.env.ITAGAP_TEST_ARTIFACTS ??
  path.resolve(process.cwd(), 'test-artifacts');
mkdirSync(artifactDir, { recursive: true });

export async function startDemo() {
  const binary = process.env.ITAGAP_BIN;
  if (!binary) throw new Error('set ITAGAP_BIN to the itagap executable');
  const dir = mkdtempSync(path.join(tmpdir(), 'itagap-e2e-'));
  const child = spawn(binary, ['demo', '--db', `sqlite:${dir}/demo.db`, '--listen', '127.0.0.1:0'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const info = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`itagap demo did not start:\n${out}\n${err}`)), 30000);
    child.on('exit', (code) => reject(new Error(`itagap demo exited ${code}:\n${out}\n${err}`)));
    child.stdout.on('data', (d) => {
      out += d;
      const serving = out.match(/serving on (http:\/\/[0-9.]+:\d+)\//);
      if (!serving) return;
      clearTimeout(timer);
      resolve({
        base: serving[1],
        password: out.match(/one-time password: (\S+)/)[1],
        codes: [...out.matchAll(/^ {4}([2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3})$/gm)].map((m) => m[1]),
        eitPath: out.match(/EIT public link: http:\/\/[0-9.]+:\d+(\/s\/\d+\/\d+)/)[1],
        publicPath: out.match(/public results page: http:\/\/[0-9.]+:\d+(\/public\/rounds\/\d+\/units\/\d+)/)[1],
        kpiDocxPath: out.match(/KPI 2\.1 attachment \(signed in\): http:\/\/[0-9.]+:\d+(\S+)/)[1],
      });
    });
  });
  return {
    ...info,
    async stop() {
      child.removeAllListeners('exit');
      child.kill('SIGTERM');
      await new Promise((r) => child.on('close', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A page in a new browser context (its own cookies) the size of a phone:
// 390 px wide by default, 360 px for the narrowest phones the surveys serve.
export async function phonePage(browser, width = 390) {
  const context = await browser.newContext({
    viewport: { width, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true,
    locale: 'th-TH',
  });
  return context.newPage();
}

// The page's width and any element (outside a sideways-scrolling table box)
// that sticks out of the viewport.
export async function assertFits(page, label) {
  const o = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [];
    for (const el of document.querySelectorAll('main *')) {
      if (el.closest('.table-scroll')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.right > width + 0.5 || box.left < -0.5) {
        wide.push(`${el.tagName.toLowerCase()}.${el.className?.baseVal ?? el.className} ${Math.round(box.left)}..${Math.round(box.right)}`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5) };
  });
  assert.ok(o.scrollWidth <= o.width, `${label}: page is ${o.scrollWidth} px wide in ${o.width} px`);
  assert.deepEqual(o.wide, [], `${label}: elements stick out`);
}

// Signs in as the demo admin with the one-time password and sets `newPassword`
// (the password change the first sign-in demands); ends on the overview.
export async function signInAsDemoAdmin(page, demo, newPassword) {
  await page.goto(`${demo.base}/admin`);
  await page.getByLabel('ชื่อผู้ใช้', { exact: true }).fill('admin');
  await page.getByLabel('รหัสผ่าน', { exact: true }).fill(demo.password);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await page.waitForSelector('text=รหัสผ่านที่ใช้อยู่เป็นรหัสผ่านใช้ครั้งเดียว');
  await page.getByLabel('รหัสผ่านปัจจุบัน', { exact: true }).fill(demo.password);
  await page.getByLabel('รหัสผ่านใหม่', { exact: true }).fill(newPassword);
  await page.getByLabel('ยืนยันรหัสผ่านใหม่', { exact: true }).fill(newPassword);
  await page.getByRole('button', { name: 'บันทึกรหัสผ่านใหม่' }).click();
  await page.waitForSelector('h1:has-text("ภาพรวมองค์กร")');
}
