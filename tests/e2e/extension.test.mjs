// End-to-end: the packaged extension in headless Chromium against the fake feeds in www/feeds,
// served from 127.0.0.1 with a strict CSP (no 'unsafe-inline', no 'wasm-unsafe-eval').
// Run: ./build.sh && node --test tests/e2e/extension.test.mjs
// (NIGEHBAN_EXT_DIR=extension runs it against the source tree once extension/wasm is built.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { launchWithExtension } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';
import { EXT_DIR, REPO, scrollAndSettle, readMarks } from './lib/feeds.mjs';

const FEEDS = ['facebook', 'instagram', 'x', 'tiktok', 'youtube', 'telegram-tme', 'telegram-web-k', 'telegram-web-a', 'whatsapp', 'forum'];
const EXPECTED = '[data-expect="listing"], [data-expect="clear"], [data-expect="any"]';

let browser;
let server;

before(async () => {
  assert.ok(existsSync(path.join(EXT_DIR, 'manifest.json')), `no extension at ${EXT_DIR}: run ./build.sh first`);
  assert.ok(existsSync(path.join(EXT_DIR, 'wasm', 'nigehban_bg.wasm')), `no wasm engine in ${EXT_DIR}/wasm: run ./build.sh first`);
  server = await startServer({ root: path.join(REPO, 'www/feeds'), port: 0 });
  browser = await launchWithExtension(EXT_DIR);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openFeed(name) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.url}/${name}.html`);
  return { page, errors };
}

for (const name of FEEDS) {
  test(`${name}: every listing is marked "listing", every hard negative "clear", nothing else`, async () => {
    const { page, errors } = await openFeed(name);
    const missing = await scrollAndSettle(page, EXPECTED);
    assert.deepEqual(missing, [], `${name}: posts never marked`);
    const marks = await readMarks(page);
    const wrong = marks.filter((m) => m.expect !== 'any' && m.mark !== m.expect);
    assert.deepEqual(wrong, [], `${name}: posts marked against expectation`);
    // Page chrome regions hold no marked element.
    const chrome = await page.$$eval('[data-expect="none"]', (els) => els.filter((el) => el.matches('[data-nigehban]') || el.querySelector('[data-nigehban]')).length);
    assert.equal(chrome, 0, `${name}: page chrome was marked`);
    // Each listing shows a badge with a report button inside an open shadow root.
    const listings = marks.filter((m) => m.mark === 'listing').length;
    const buttons = await page.locator('[data-nigehban="listing"] nigehban-badge [data-nigehban-action="report"]').count();
    assert.equal(buttons, listings, `${name}: one report button per listing`);
    assert.deepEqual(errors, [], `${name}: page errors`);
    await page.close();
  });
}

test('infinite scroll: appended, live and edited posts are scanned; posts never scrolled into view are not', async () => {
  const { page, errors } = await openFeed('infinite');
  await page.waitForFunction(() => document.body.dataset.edited === 'yes');
  // Scroll to the end of the feed until every batch has loaded (the page appends 4 at a time).
  for (let i = 0; i < 6; i++) {
    await page.locator('#sentinel').scrollIntoViewIfNeeded();
    await page.waitForTimeout(150);
  }
  assert.equal(await page.getAttribute('body', 'data-loaded'), '12', 'all pages appended');
  const missing = await scrollAndSettle(page, '#feed [data-expect]');
  assert.deepEqual(missing, []);
  const marks = await readMarks(page);
  const wrong = marks.filter((m) => m.mark !== m.expect);
  assert.deepEqual(wrong, [], 'marks against expectation (edited post must be rescanned as a listing)');
  assert.equal(await page.getAttribute('#live-1', 'data-nigehban'), 'listing');
  assert.equal(await page.getAttribute('#edit-me', 'data-nigehban'), 'listing');
  const unseen = await page.$$eval('#unseen [data-nigehban]', (els) => els.length);
  assert.equal(unseen, 0, 'posts never scrolled into view were scanned');
  assert.deepEqual(errors, []);
  await page.close();
});

test('edge cases: a 1 MB post, an empty post and odd Unicode do not break the page or the extension', async () => {
  const { page, errors } = await openFeed('edge');
  await page.waitForFunction(() => document.body.dataset.ready === 'yes');
  const missing = await scrollAndSettle(page, EXPECTED, { timeout: 15000 });
  assert.deepEqual(missing, []);
  const marks = await readMarks(page);
  const wrong = marks.filter((m) => m.expect !== 'any' && m.mark !== m.expect);
  assert.deepEqual(wrong, []);
  // The page still works: its own script ran and the DOM answers.
  assert.equal(await page.textContent('#ready-flag'), 'ready');
  assert.deepEqual(errors, []);
  // The extension still works after that: a normal feed is scanned in the same browser.
  const next = await openFeed('forum');
  assert.deepEqual(await scrollAndSettle(next.page, EXPECTED), []);
  await next.page.close();
  await page.close();
});
