// `itagap demo` stops gracefully on SIGTERM: it answers what is in flight,
// drains the submission queue and exits 0; what it told a respondent was
// saved is in the database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import http from 'node:http';
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

// SIGTERM while EIT submissions are in flight: every respondent who was shown
// the thank-you page ("saved") has a stored response after the server exits;
// every other request is either told nothing was stored (503) or loses its
// connection. Nothing here depends on timing: if the server answers all before
// the signal lands, the checks still hold.

// The hidden and answered fields of one survey page, and whether it is the
// review page (a "submit" button).
function surveyForm(html) {
  const fields = new Map();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields.set(m[1], m[2]);
  }
  const items = new Set([...html.matchAll(/<input type="radio" [^>]*name="(a_[^"]+)"/g)].map((m) => m[1]));
  return { fields, items, review: /name="go" value="submit"/.test(html) };
}

function encodeForm(fields) {
  return [...fields].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

// One POST on its own connection; resolves with the status and body, or the
// connection error's code.
function post(base, pathname, cookie, body) {
  return new Promise((resolve) => {
    const req = http.request(`${base}${pathname}`, {
      method: 'POST', agent: false,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie,
        'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, body: text }));
      res.on('error', (e) => resolve({ error: e.code ?? e.message }));
      res.on('close', () => { if (!res.complete) resolve({ error: 'aborted' }); });
    });
    req.on('error', (e) => resolve({ error: e.code ?? e.message }));
    req.end(body);
  });
}

function sqlite(file, sql) {
  return execFileSync('sqlite3', [file, sql], { encoding: 'utf8' }).trim();
}

test('SIGTERM during EIT submissions loses no response that was reported saved', async () => {
  try {
    execFileSync('sqlite3', ['-version']);
  } catch {
    assert.fail('this test reads the database with the sqlite3 command (scripts/install-deps.sh installs it)');
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'itagap-stop-'));
  const db = `${dir}/demo.db`;
  const child = spawn(process.env.ITAGAP_BIN,
    ['demo', '--db', `sqlite:${db}`, '--listen', '127.0.0.1:0', '--submit-rate', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start:\n${out}`)), 30000);
    child.stdout.on('data', () => {
      const m = out.match(/serving on (http:\/\/[0-9.]+:\d+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
  });
  const [, eitPath, round, unit] = out.match(/EIT public link: http:\/\/[0-9.]+:\d+(\/s\/(\d+)\/(\d+))/);

  // One browser walks the form to its review page, answering every item 5;
  // the review page's hidden fields are then a complete response.
  const first = await fetch(`${base}${eitPath}`);
  assert.equal(first.status, 200);
  const secret = first.headers.getSetCookie().map((c) => c.match(/^itagap_form=([^;]+)/)).find(Boolean)[1];
  let form = surveyForm(await first.text());
  const walkToken = randomBytes(32).toString('base64url');
  for (let pages = 0; !form.review; ++pages) {
    assert.ok(pages < 20, 'the EIT form has no review page');
    const fields = new Map(form.fields);
    for (const item of form.items) fields.set(item, '5');
    fields.set('go', 'next');
    const page = await post(base, eitPath, `itagap_form=${secret}; itagap_eit=${walkToken}`, encodeForm(fields));
    assert.equal(page.status, 200);
    form = surveyForm(page.body);
  }
  const answers = new Map(form.fields);
  answers.set('go', 'submit');
  const body = encodeForm(answers);

  const where = `round_id = ${Number(round)} AND unit_id = ${Number(unit)}`;
  const storedBefore = Number(sqlite(db, `SELECT count(*) FROM responses WHERE ${where} AND instrument = 'EIT'`));

  // Many respondents at once, each a new browser (its own itagap_eit token)
  // on its own connection: 100 in flight at all times, 300 in all. SIGTERM
  // once 100 have an answer; the rest meet a server that is stopping, then
  // one that is gone.
  const total = 300;
  const concurrency = 100;
  const results = [];
  const inFlight = new Set();
  let inFlightAtSignal = null;
  let requestsAtSignal = new Set();
  const respondent = async () => {
    while (results.length + inFlight.size < total) {
      const token = randomBytes(32).toString('base64url');
      const request = post(base, eitPath, `itagap_form=${secret}; itagap_eit=${token}`, body);
      inFlight.add(request);
      const result = { token, request, ...await request };
      inFlight.delete(request);
      results.push(result);
      if (inFlightAtSignal === null && results.length >= 100) {
        inFlightAtSignal = inFlight.size;
        requestsAtSignal = new Set(inFlight);
        child.kill('SIGTERM');
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, respondent));
  const { code, signal } = await exited;
  assert.equal(signal, null, out);
  assert.equal(code, 0, out);
  assert.match(out, /itagap: stopped/);

  const saved = results.filter((r) => r.status === 200 && r.body.includes('ขอบคุณที่ร่วมตอบแบบสำรวจ'));
  const unsaved = results.filter((r) => r.status === 503);
  const dropped = results.filter((r) => r.error !== undefined);
  const other = results.filter((r) => !saved.includes(r) && !unsaved.includes(r) && !dropped.includes(r));
  const stored = Number(sqlite(db, `SELECT count(*) FROM responses WHERE ${where} AND instrument = 'EIT'`)) - storedBefore;
  const tokens = new Set(sqlite(db, `SELECT token_hash FROM eit_browser_tokens WHERE ${where}`).split('\n'));
  const errorCounts = new Map();
  for (const r of dropped) errorCounts.set(r.error, (errorCounts.get(r.error) ?? 0) + 1);
  const errors = [...errorCounts].map(([e, n]) => `${e} ${n}`).join(', ') || 'none';
  console.log(`sent ${total}, in flight at SIGTERM ${inFlightAtSignal}; saved ${saved.length}, ` +
    `stored ${stored}, refused (503) ${unsaved.length}, connection errors ${dropped.length} (${errors})`);

  // Only "saved" or a clean refusal: no other answer (a 409 or 403 would mean
  // the test's own requests are wrong, a 500 a server bug).
  assert.deepEqual(other.map((r) => r.status), []);
  // Every response reported saved is in the database: its browser token, and
  // at least as many new rows as "saved" answers.
  const lost = saved.filter((r) => !tokens.has(createHash('sha256').update(r.token).digest('hex')));
  assert.equal(lost.length, 0, `${lost.length} responses reported saved are not in the database`);
  assert.ok(stored >= saved.length, `stored ${stored} < saved ${saved.length}`);
  assert.ok(stored <= total);
  // Requests in flight at the signal that were cut off (a connection reset)
  // are counted, not asserted: the server answers what it has taken (the
  // backlog, and 250 ms for an idle connection to send), but a client slower
  // than that (seen once under AddressSanitizer) is still closed. Nobody is
  // told "saved" for it, which the checks above hold.
  const cut = results.filter((r) => requestsAtSignal.has(r.request) && r.error !== undefined &&
    r.error !== 'ECONNREFUSED');
  console.log(`in flight at SIGTERM and cut off: ${cut.length}`);
  rmSync(dir, { recursive: true, force: true });
});
