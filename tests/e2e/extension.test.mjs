// End-to-end: the packaged extension in headless Chromium against the fake feeds in www/feeds,
// served from 127.0.0.1 with a strict CSP (no 'unsafe-inline', no 'wasm-unsafe-eval').
// Run: ./build.sh && node --test tests/e2e/extension.test.mjs
// (NIGEHBAN_EXT_DIR=extension runs it against the source tree once extension/wasm is built.)
//
// Each feed is checked twice: "scans every post and nothing else" is the extension's own job
// (adapters, observers, marking); "listings and hard negatives" also holds the engine to the
// feed's data-expect labels.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { launchWithExtension } from './lib/browser.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { EXT_DIR, REPO, EXPECTED, scrollAndSettle, readMarks, until } from './lib/feeds.mjs';

const FEEDS = ['facebook', 'instagram', 'x', 'tiktok', 'youtube', 'telegram-tme', 'telegram-web-k', 'telegram-web-a', 'whatsapp', 'reddit', 'forum', 'classifieds'];

let browser;
let server;

before(async () => {
  assert.ok(existsSync(path.join(EXT_DIR, 'manifest.json')), `no extension at ${EXT_DIR}: run ./build.sh first`);
  assert.ok(existsSync(path.join(EXT_DIR, 'wasm', 'nigehban_bg.wasm')), `no wasm engine in ${EXT_DIR}/wasm: run ./build.sh first`);
  server = await startServer({ root: path.join(REPO, 'www'), port: 0 }); // /feeds/ gets the strict CSP
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
  await page.goto(`${server.url}/feeds/${name}.html`);
  return { page, errors };
}

for (const name of FEEDS) {
  test(`${name} feed`, async (t) => {
    const { page, errors } = await openFeed(name);
    const missing = await scrollAndSettle(page, EXPECTED);
    const marks = await readMarks(page);

    await t.test('scans every post and nothing else', async () => {
      assert.deepEqual(missing, [], 'posts never marked');
      const strays = marks.filter((m) => m.expect === null);
      assert.deepEqual(strays, [], 'elements marked that are not posts (page chrome or a nested duplicate)');
      const chrome = await page.$$eval('[data-expect="none"]', (els) => els.filter((el) => el.matches('[data-nigehban]') || el.querySelector('[data-nigehban]')).length);
      assert.equal(chrome, 0, 'page chrome was marked');
      // Each listing shows one badge, with a report button, in an open shadow root.
      const listings = marks.filter((m) => m.mark === 'listing').length;
      assert.equal(await page.locator('nigehban-badge [data-nigehban-action="report"]').count(), listings, 'one report button per listing');
      // (a listing comment nested in a clear post has its badge inside that post: look at the
      // nearest marked ancestor of each badge)
      const onClear = await page.$$eval('nigehban-badge', (bs) => bs.filter((b) => b.parentElement.closest('[data-nigehban]').getAttribute('data-nigehban') !== 'listing').length);
      assert.equal(onClear, 0, 'no badge on clear posts');
      assert.deepEqual(errors, [], 'page errors');
    });

    await t.test('marks listings "listing" and hard negatives "clear"', () => {
      const wrong = marks.filter((m) => (m.expect === 'listing' || m.expect === 'clear') && m.mark !== m.expect);
      assert.deepEqual(wrong, [], 'posts marked against their label');
    });
    await page.close();
  });
}

test('infinite scroll feed', async (t) => {
  const { page, errors } = await openFeed('infinite');
  await page.waitForFunction(() => document.body.dataset.edited === 'yes');
  // Scroll to the end of the feed until every batch has loaded (the page appends 4 at a time).
  for (let i = 0; i < 8 && (await page.getAttribute('body', 'data-loaded')) !== '12'; i++) {
    await page.locator('#sentinel').scrollIntoViewIfNeeded();
    await page.waitForTimeout(120);
  }
  const missing = await scrollAndSettle(page, '#feed [data-expect]');
  const edited = await until(page, () => document.getElementById('edit-me').getAttribute('data-nigehban') === 'listing', null, 3000);
  const marks = await readMarks(page);

  await t.test('posts appended later and a live post are scanned', async () => {
    assert.equal(await page.getAttribute('body', 'data-loaded'), '12', 'the page appended all its posts');
    assert.deepEqual(missing, []);
    assert.ok(await page.getAttribute('#live-1', 'data-nigehban'));
    assert.deepEqual(errors, []);
  });
  await t.test('posts never scrolled into view are not scanned', async () => {
    assert.equal(await page.$$eval('#unseen [data-nigehban]', (els) => els.length), 0);
  });
  await t.test('a post whose text changes is scanned again', () => {
    assert.ok(edited, 'the edited post (now an IMEI-tracking offer) is marked "listing"');
  });
  await t.test('marks listings "listing" and hard negatives "clear"', () => {
    assert.deepEqual(marks.filter((m) => m.mark !== m.expect), []);
  });
  await page.close();
});

test('edge cases: a 1 MB post, an empty post and odd Unicode break neither the page nor the extension', async () => {
  const { page, errors } = await openFeed('edge');
  await page.waitForFunction(() => document.body.dataset.ready === 'yes');
  const missing = await scrollAndSettle(page, EXPECTED, { timeout: 15000 });
  assert.deepEqual(missing, [], 'every edge-case post is marked');
  const marks = await readMarks(page);
  assert.deepEqual(marks.filter((m) => m.expect === 'clear' && m.mark !== 'clear'), [], 'empty posts are clear');
  assert.equal(await page.getAttribute('#huge', 'data-nigehban'), 'listing', 'the offer at the start of the 1 MB post is found');
  assert.equal(await page.textContent('#ready-flag'), 'ready', 'the page still answers');
  assert.deepEqual(errors, []);
  // The extension still works afterwards: a normal feed is scanned in the same browser.
  const next = await openFeed('forum');
  assert.deepEqual(await scrollAndSettle(next.page, EXPECTED), []);
  await next.page.close();
  await page.close();
});
