// Screenshots for the README: a marked Facebook-like feed and the popup. Written to
// tests/e2e/artifacts/ on every run (a visual check), and to docs/screenshots/ when
// NIGEHBAN_SCREENSHOTS=1 (to refresh the checked-in ones).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { existsSync, mkdirSync } from 'node:fs';
import { launchWithExtension } from './lib/browser.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { EXT_DIR, REPO, EXPECTED, scrollAndSettle, tabListingsFor } from './lib/feeds.mjs';

const OUT = process.env.NIGEHBAN_SCREENSHOTS === '1' ? path.join(REPO, 'docs/screenshots') : path.join(REPO, 'tests/e2e/artifacts');

let browser;
let server;

before(async () => {
  assert.ok(existsSync(path.join(EXT_DIR, 'manifest.json')), `no extension at ${EXT_DIR}: run ./build.sh first`);
  mkdirSync(OUT, { recursive: true });
  server = await startServer({ root: path.join(REPO, 'www'), port: 0 });
  browser = await launchWithExtension(EXT_DIR, { viewport: { width: 900, height: 1000 } });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('screenshots of a marked Facebook-like feed and of the popup', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/feeds/facebook.html`);
  assert.deepEqual(await scrollAndSettle(page, EXPECTED), []);
  // Open the first listing's "Why?" so the reasons and highlighted spans show.
  const first = page.locator('[data-nigehban="listing"]').first();
  await first.locator('nigehban-badge button.toggle').first().click();
  await first.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.evaluate(() => window.scrollBy(0, -60));
  const feedShot = path.join(OUT, 'facebook-feed.png');
  await page.screenshot({ path: feedShot });
  assert.ok(existsSync(feedShot));

  let entry;
  for (let i = 0; i < 50 && !(entry && entry.count); i++) {
    entry = await tabListingsFor(browser.serviceWorker, page.url());
    await page.waitForTimeout(100);
  }
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 390, height: 560 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html?tab=${entry.tabId}`);
  await popup.locator('#listings button').first().waitFor();
  await popup.locator('#rules').filter({ hasText: /\S/ }).waitFor();
  const popupShot = path.join(OUT, 'popup.png');
  await popup.locator('body').screenshot({ path: popupShot });
  assert.ok(existsSync(popupShot));
  await popup.close();
  await page.close();
});

test('screenshot of the options page in Urdu (right-to-left)', async () => {
  const ur = await launchWithExtension(EXT_DIR, { args: ['--lang=ur'], viewport: { width: 820, height: 900 } });
  try {
    const page = await ur.context.newPage();
    await page.goto(`chrome-extension://${ur.extensionId}/options/options.html`);
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    // Always an artifact only: test machines often lack an Urdu font (glyphs show as boxes).
    const dir = path.join(REPO, 'tests/e2e/artifacts');
    mkdirSync(dir, { recursive: true });
    const shot = path.join(dir, 'options-ur.png');
    await page.screenshot({ path: shot });
    assert.ok(existsSync(shot));
  } finally {
    await ur.close();
  }
});
