// End-to-end: the www demo page in headless Chromium (no extension), served as ./build.sh demo
// serves it. A listing typed into the page is flagged and highlighted; a hard negative is not.
// Run: ./build.sh && node --test tests/e2e/demo.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const LISTING =
  'CDR 3 months Rs 2000, live location Rs 500, SIM owner details bhi milengi. WhatsApp 0300-0000123';
const HARD_NEGATIVE = 'iPhone 15 Pro Max, PTA approved, IMEI matched with box. Rs 145,000 final, Lahore pickup.';

let browser;
let server;
let page;
const problems = [];

before(async () => {
  assert.ok(
    existsSync(path.join(REPO, 'www', 'wasm', 'nigehban_bg.wasm')),
    'www/wasm/ is missing: run ./build.sh first (it generates the engine for the demo)',
  );
  server = await startServer({ root: path.join(REPO, 'www') });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  page = await browser.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  await page.goto(`${server.url}/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Types like a user (input events, then the page's debounce) and waits for that verdict. */
async function typePost(text) {
  const post = page.locator('#post');
  await post.fill('');
  await post.pressSequentially(text.slice(0, 12), { delay: 5 });
  await post.fill(text); // the rest at once: still an input event
  await page.waitForFunction(
    (t) => document.getElementById('highlighted').textContent === t,
    text,
    { timeout: 10000 },
  );
  return page.evaluate(() => {
    const v = document.getElementById('verdict');
    const list = (id) => [...document.querySelectorAll(`#${id} li`)].map((li) => li.textContent);
    return {
      flagged: v.dataset.flagged,
      level: document.getElementById('level').textContent,
      score: Number(document.getElementById('score').textContent),
      summary: document.getElementById('summary').textContent,
      categories: list('categories'),
      reasons: list('reasons'),
      marks: [...document.querySelectorAll('#highlighted mark')].map((m) => ({
        kind: m.dataset.kind,
        text: m.textContent,
      })),
    };
  });
}

test('the demo page loads the engine and shows its rules version', async () => {
  const version = await page.textContent('#rules-version');
  assert.match(version, /\S/, 'rules version shown');
  assert.equal(await page.getAttribute('#status', 'data-state'), 'ready');
});

test('a typed listing is flagged, with categories, reasons and highlighted data terms', async () => {
  const v = await typePost(LISTING);
  assert.equal(v.flagged, 'true', `listing not flagged: ${JSON.stringify(v)}`);
  assert.notEqual(v.level, 'none');
  assert.ok(v.score > 0, 'score above zero');
  assert.match(v.summary, /^Listing/);
  for (const cat of ['cdr', 'location']) assert.ok(v.categories.includes(cat), `category ${cat} in ${v.categories}`);
  assert.ok(v.reasons.length > 0, 'reasons shown');
  assert.ok(
    v.marks.some((m) => m.kind === 'data' && /cdr/i.test(m.text)),
    `"CDR" highlighted as data: ${JSON.stringify(v.marks)}`,
  );
});

test('a typed hard negative (phone shop ad) stays clear', async () => {
  const v = await typePost(HARD_NEGATIVE);
  assert.equal(v.flagged, 'false', `hard negative flagged: ${JSON.stringify(v)}`);
  assert.equal(v.level, 'none');
  assert.deepEqual(v.categories, []);
  assert.match(v.summary, /^Clear/);
});

test('Urdu listing example: flagged, displayed right-to-left, highlights inside the Urdu text', async () => {
  await page.click('[data-example="ur"]');
  const text = await page.inputValue('#post');
  await page.waitForFunction((t) => document.getElementById('highlighted').textContent === t, text);
  const dir = await page.$eval('#highlighted', (el) => getComputedStyle(el).direction);
  assert.equal(dir, 'rtl', 'Urdu text laid out right to left');
  assert.equal(await page.$eval('#post', (el) => getComputedStyle(el).direction), 'rtl');
  // Every highlight is a real stretch of the text (UTF-16 offsets line up in the page).
  assert.equal(await page.getAttribute('#verdict', 'data-flagged'), 'true', 'Urdu listing flagged');
  const marks = await page.$$eval('#highlighted mark', (ms) => ms.map((m) => m.textContent));
  assert.ok(marks.length > 0, 'the Urdu listing has highlights');
  for (const m of marks) assert.ok(text.includes(m), `highlight "${m}" is part of the text`);
});

test('post text is shown as text, never parsed as HTML', async () => {
  const hostile = 'CDR for sale <img src=x id=injected onerror="document.title=1"> <b>bold</b>';
  await typePost(hostile);
  assert.equal(await page.locator('#highlighted img, #highlighted b, #injected').count(), 0);
  assert.equal(await page.textContent('#highlighted'), hostile);
});

test('no script errors and no CSP violations on the demo page', () => {
  assert.deepEqual(problems, []);
});
