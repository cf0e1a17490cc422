// `itagap demo` stops gracefully on SIGTERM: it answers what is in flight,
// drains the submission queue and exits 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

test('SIGTERM stops the server gracefully with exit code 0', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'itagap-stop-'));
  const child = spawn(process.env.ITAGAP_BIN,
    ['demo', '--db', `sqlite:${dir}/demo.db`, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start:\n${out}`)), 30000);
    child.stdout.on('data', () => {
      const m = out.match(/serving on (http:\/\/[0-9.]+:\d+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
  });
  const page = await fetch(`${base}/iit`);
  assert.equal(page.status, 200);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.kill('SIGTERM');
  const { code, signal } = await exited;
  assert.equal(signal, null);
  assert.equal(code, 0);
  assert.match(out, /itagap: stopped/);
  rmSync(dir, { recursive: true, force: true });
});
