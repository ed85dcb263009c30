// End-to-end: the parts of the extension around the marks - toolbar badge and popup, the site
// switch, settings applied without reload, the report button's trust rule, and a service
// worker restart. Run after ./build.sh: node --test tests/e2e/extension-ui.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { launchWithExtension } from './lib/browser.mjs';
import { startServer, STRICT_CSP } from '../../scripts/serve.mjs';
import { EXT_DIR, REPO, EXPECTED, scrollAndSettle, until, tabListingsFor } from './lib/feeds.mjs';

let browser;
let server;
let disqus; // stands in for disqus.com: the browser resolves that host to it

before(async () => {
  assert.ok(existsSync(path.join(EXT_DIR, 'manifest.json')), `no extension at ${EXT_DIR}: run ./build.sh first`);
  // The blog page frames its Disqus comments; its CSP allows that frame and nothing else.
  const csp = (p) => (p === '/feeds/blog-embed.html' ? `${STRICT_CSP}; frame-src http://disqus.com` : STRICT_CSP);
  server = await startServer({ root: path.join(REPO, 'www'), port: 0, csp });
  disqus = await startServer({ root: path.join(REPO, 'www/feeds/disqus'), port: 0, csp: () => "default-src 'self'" }); // framable
  browser = await launchWithExtension(EXT_DIR, { args: [`--host-resolver-rules=MAP disqus.com 127.0.0.1:${disqus.port}`] });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await disqus?.close();
});

async function openSettled(name) {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/feeds/${name}.html`);
  assert.deepEqual(await scrollAndSettle(page, EXPECTED), [], `${name}: posts never marked`);
  return page;
}

async function openPopup(tabId) {
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html?tab=${tabId}`);
  return popup;
}

const countMarks = (page, value) => page.locator(`[data-nigehban="${value}"]`).count();

/** The background's entry for the page's tab once it reports `count` listings (or any). */
async function waitTabEntry(page, count) {
  const deadline = Date.now() + 5000;
  let entry;
  do {
    entry = await tabListingsFor(browser.serviceWorker, page.url());
    if (entry && (count === undefined || entry.count === count)) return entry;
    await page.waitForTimeout(100);
  } while (Date.now() < deadline);
  return entry;
}

test('toolbar badge and popup list match the listings on the page; a click scrolls to the post', async () => {
  const page = await openSettled('facebook');
  const listings = await countMarks(page, 'listing');
  assert.ok(listings > 0, 'the feed has listings');
  const entry = await waitTabEntry(page, listings);
  assert.ok(entry, 'the background knows the tab');
  assert.equal(entry.badge, String(listings), 'toolbar badge text');

  const popup = await openPopup(entry.tabId);
  const items = popup.locator('#listings button');
  await items.first().waitFor();
  assert.equal(await items.count(), listings, 'popup list length');
  assert.match(await popup.textContent('#count'), new RegExp(String(listings)));
  assert.match(await popup.textContent('#rules'), /\S/, 'rules version shown');
  for (const id of ['site-toggle', 'report-page', 'history-link', 'options-link']) {
    const name = await popup.locator(`#${id}`).evaluate((el) => (el.labels && el.labels[0] ? el.labels[0].textContent : el.getAttribute('aria-label') || el.textContent).trim());
    assert.ok(name, `#${id} has an accessible name`);
  }

  // The last listing: scroll the feed to the top, then ask the popup to show it.
  await page.evaluate(() => window.scrollTo(0, 0));
  const target = (await items.count()) - 1;
  await items.nth(target).click();
  const shown = await until(page, () => {
    const posts = Array.from(document.querySelectorAll('[data-nigehban="listing"]'));
    const r = posts[posts.length - 1].getBoundingClientRect();
    return r.top < innerHeight && r.bottom > 0;
  });
  assert.ok(shown, 'the post is scrolled into view');
  await popup.close();
  await page.close();
});

test('turning a site off in the popup removes the marks and stops scanning; on again rescans', async () => {
  const page = await openSettled('infinite');
  const entry = await waitTabEntry(page);
  assert.ok(entry, 'the background knows the tab');
  const popup = await openPopup(entry.tabId);
  const toggle = popup.locator('#site-toggle');
  await until(popup, () => !document.getElementById('site-toggle').disabled);
  assert.equal(await toggle.isChecked(), true, 'on by default');
  await toggle.uncheck();
  assert.ok(await until(page, () => !document.querySelector('[data-nigehban], nigehban-badge')), 'marks and badges removed');
  // A post that appears while the site is off stays unmarked.
  await page.evaluate(() => {
    const a = document.createElement('article');
    a.id = 'while-off';
    a.textContent = 'CDR 3 months Rs 3,000, SIM owner details Rs 500, live location Rs 1,500. WhatsApp 0300-0000123';
    document.getElementById('feed').prepend(a);
    a.scrollIntoView();
  });
  await page.waitForTimeout(600);
  assert.equal(await page.getAttribute('#while-off', 'data-nigehban'), null, 'not scanned while off');

  await toggle.check();
  assert.ok(await until(page, () => document.getElementById('while-off').hasAttribute('data-nigehban')), 'scanned again when on');
  await popup.close();
  await page.close();
});

test('extra terms from the options page apply at once, without reloading the page', async () => {
  const page = await openSettled('forum');
  assert.equal(await page.getAttribute('#post1', 'data-nigehban'), 'clear');
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options/options.html`);
  for (const id of ['sensitivity', 'disabled-sites', 'extra-terms', 'endpoint-url', 'endpoint-token', 'email-to']) {
    const label = await options.locator(`label[for="${id}"]`).count();
    assert.ok(label > 0, `#${id} has a label`);
  }
  await options.fill('#extra-terms', 'keeps calling my sister');
  assert.ok(await until(page, () => document.getElementById('post1').getAttribute('data-nigehban') === 'listing'), 'the term flags the post');
  const reason = await page.locator('#post1 nigehban-badge li').allTextContents();
  assert.ok(reason.some((r) => r.includes('keeps calling my sister')), 'the badge names the term');
  await options.fill('#extra-terms', '');
  assert.ok(await until(page, () => document.getElementById('post1').getAttribute('data-nigehban') === 'clear'), 'removing the term clears it');
  await options.close();
  await page.close();
});

test('the report button ignores untrusted clicks and reports on a real click', async () => {
  const page = await openSettled('forum');
  await page.evaluate(() => {
    // A page script can reach the open shadow root, but its click is not trusted.
    const btn = document.querySelector('[data-nigehban="listing"] nigehban-badge').shadowRoot.querySelector('[data-nigehban-action="report"]');
    btn.click();
    btn.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  });
  await page.waitForTimeout(500);
  assert.equal(await page.locator('[data-nigehban-reported]').count(), 0, 'untrusted clicks file nothing');
  await page.locator('[data-nigehban="listing"] [data-nigehban-action="report"]').first().click();
  assert.ok(await until(page, () => !!document.querySelector('[data-nigehban-reported]'), null, 8000), 'the post carries data-nigehban-reported');
  const status = await page.getAttribute('[data-nigehban-reported]', 'data-nigehban-reported');
  assert.match(status, /^(queued|sent|failed)$/);
  await page.close();
});

test('a stopped service worker restarts and answers the next batch', async () => {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  await page.goto(`${server.url}/feeds/x.html`);
  assert.deepEqual(await scrollAndSettle(page, EXPECTED), [], 'posts scanned after the restart');
  await page.close();
});

test('sensitivity "high" keeps only high-level listings, at once; back to the default restores them', async () => {
  const page = await openSettled('facebook');
  const before = await countMarks(page, 'listing');
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options/options.html`);
  await options.selectOption('#sensitivity', 'high');
  const levels = () => page.$$eval('[data-nigehban="listing"] nigehban-badge', (hosts) => hosts.map((h) => h.shadowRoot.querySelector('.box').dataset.level));
  assert.ok(
    await until(page, () => Array.from(document.querySelectorAll('[data-nigehban="listing"] nigehban-badge')).every((h) => h.shadowRoot.querySelector('.box').dataset.level === 'high')),
    'only high-level listings stay marked',
  );
  assert.ok((await levels()).length <= before);
  await options.selectOption('#sensitivity', 'engine');
  assert.ok(await until(page, (n) => document.querySelectorAll('[data-nigehban="listing"]').length === n, before), 'the default restores every listing');
  await options.close();
  await page.close();
});

test('a reported seller contact shows "appeared in N earlier listings" on another listing', async () => {
  const forum = await openSettled('forum');
  // post2 offers data with WhatsApp 0300-0000123; report it.
  await forum.locator('#post2 [data-nigehban-action="report"]').click();
  assert.ok(await until(forum, () => document.getElementById('post2').hasAttribute('data-nigehban-reported'), null, 8000));
  await forum.close();
  // The Facebook feed's first post uses the same WhatsApp number.
  const page = await openSettled('facebook');
  const line = await until(
    page,
    () => {
      const host = document.querySelector('[data-nigehban="listing"] nigehban-badge');
      const h = host && host.shadowRoot.querySelector('.history');
      return h && /\d/.test(h.textContent);
    },
    null,
    5000,
  );
  assert.ok(line, 'the seller-history line is shown');
  await page.close();
});

test('Urdu interface: popup and options are right-to-left with Urdu labels', async () => {
  const ur = await launchWithExtension(EXT_DIR, { args: ['--lang=ur'] });
  try {
    for (const p of ['popup/popup.html', 'options/options.html']) {
      const page = await ur.context.newPage();
      await page.goto(`chrome-extension://${ur.extensionId}/${p}`);
      await page.waitForFunction(() => document.documentElement.dir !== '');
      assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl', `${p} is rtl`);
      assert.match(await page.textContent('h1'), /[\u0600-\u06ff]/, `${p} heading is in Urdu`);
      await page.close();
    }
  } finally {
    await ur.close();
  }
});

test("comments in a Disqus embed frame are scanned, counted in the toolbar badge, and follow the page's site switch", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/feeds/blog-embed.html`);
  await page.locator('#disqus-thread').scrollIntoViewIfNeeded();
  const frame = page.frameLocator('#disqus-thread');
  const frameObj = page.frames().find((f) => f.url().startsWith('http://disqus.com/'));
  assert.ok(frameObj, 'the embed frame loaded');
  assert.deepEqual(await scrollAndSettle(frameObj, EXPECTED), [], 'comments never marked');
  assert.deepEqual(await scrollAndSettle(page, EXPECTED), [], 'the article never marked');
  // One mark per comment: the role=article inside each li.post is part of it, not a second post.
  assert.equal(await frameObj.locator('[data-nigehban]').count(), 3);
  const marks = await frameObj.$$eval('[data-nigehban]', (els) => els.map((el) => [el.id, el.getAttribute('data-nigehban'), el.getAttribute('data-expect')]));
  assert.deepEqual(marks.filter(([, m, e]) => m !== e), [], 'comments marked against their label');
  const listings = (await frame.locator('[data-nigehban="listing"]').count()) + (await page.locator('[data-nigehban="listing"]').count());
  const entry = await waitTabEntry(page, listings);
  assert.equal(entry && entry.badge, String(listings), "the toolbar badge counts the frame's listings");

  const popup = await openPopup(entry.tabId);
  await until(popup, () => !document.getElementById('site-toggle').disabled);
  await popup.locator('#site-toggle').uncheck();
  assert.ok(await until(frameObj, () => !document.querySelector('[data-nigehban]')), 'the embed stops with its page');
  await popup.locator('#site-toggle').check();
  await popup.close();
  await page.close();
});

test('"Report this page" in the popup hands the page to the outbox and shows its status', async () => {
  const page = await openSettled('telegram-tme');
  const entry = await waitTabEntry(page);
  assert.ok(entry, 'the background knows the tab');
  const popup = await openPopup(entry.tabId);
  await until(popup, () => !document.getElementById('report-page').disabled);
  await popup.click('#report-page');
  assert.ok(await until(popup, () => document.getElementById('report-page-status').textContent.trim() !== '', null, 8000), 'a status is shown');
  const status = await popup.textContent('#report-page-status');
  assert.doesNotMatch(status, /not available/i, `the outbox answered: ${status}`);
  await popup.close();
  await page.close();
});
