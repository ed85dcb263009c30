// The review page in headless Chromium against a real `nigehban serve` (SQLite, 127.0.0.1):
// a moderator logs in, confirms one report and rejects another, and the statuses show (in the
// queue and in the collector's API). Leaves a screenshot of the queue (see SHOT_DIR).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './lib/browser.mjs';
import { startCollector } from './lib/collector.mjs';

// Like the extension's screenshots: a test artifact on every run, the README's copy only when
// asked (NIGEHBAN_SCREENSHOTS=1), so a test run leaves the checkout clean.
const SHOT_DIR = process.env.NIGEHBAN_SCREENSHOTS === '1' ? 'docs/screenshots' : 'tests/e2e/artifacts';
const SCREENSHOT = `${SHOT_DIR}/review-queue.png`;

/** A report as the extension sends it (contact numbers are fake: last seven digits 0000...). */
function report({ platform, text, author, categories, level = 'high', score = 0.9, prices = [], reasons, indicators = {}, screenshot }) {
  return {
    schema: 'nigehban.report/1',
    report_id: randomUUID(),
    created_at: new Date().toISOString(),
    page: { url: `https://www.${platform}.com/groups/data-services`, title: `${author} | ${platform}`, platform },
    post: {
      permalink: `https://www.${platform}.com/groups/data-services/posts/${Math.floor(Math.random() * 1e9)}`,
      author,
      text_masked: text,
      text_sha256: createHash('sha256').update(text).digest('hex'),
    },
    verdict: { level, score, categories, prices: prices.map((amount_pkr) => ({ amount_pkr, text: `Rs ${amount_pkr}` })), reasons },
    indicators: { phones: [], whatsapp: [], telegram: [], emails: [], payment: [], urls: [], ...indicators },
    ...(screenshot ? { screenshot } : {}),
  };
}

async function streamText(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Renders a post the way a volunteer saw it and returns its PNG data URL (the evidence). */
async function postScreenshot(browser, text) {
  const page = await browser.newPage({ viewport: { width: 520, height: 200 } });
  await page.setContent('<div id="post"></div>');
  await page.evaluate((t) => {
    const post = document.getElementById('post');
    post.style.cssText = 'font: 15px system-ui; padding: 14px; width: 460px; border: 1px solid #ccd; border-radius: 8px; background: #fff';
    const who = document.createElement('b');
    who.textContent = 'Data Services PK';
    const body = document.createElement('p');
    body.textContent = t;
    post.append(who, body);
  }, text);
  const png = await page.locator('#post').screenshot();
  await page.close();
  return `data:image/png;base64,${png.toString('base64')}`;
}

test('a moderator confirms one report and rejects another in the review page', async (t) => {
  const collector = await startCollector({ moderatorName: 'Ayesha (T&S)' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  t.after(async () => {
    await browser.close();
    const code = await collector.stop();
    assert.equal(code, 0, 'nigehban serve exits 0 on SIGTERM');
  });

  const cdrText = 'CDR 3 months Rs 2000, live location Rs 500, SIM owner details bhi milengi. WhatsApp 0300-0000123';
  const reports = [
    report({
      platform: 'facebook', author: 'Data Services PK', text: cdrText,
      categories: ['cdr', 'location', 'sim_owner'], score: 0.97, prices: [2000, 500],
      reasons: ['offers call records (CDR)', 'offers live location', 'price Rs 2000', 'seller contact on WhatsApp'],
      indicators: { whatsapp: ['0300-0000123'] },
      screenshot: await postScreenshot(browser, cdrText),
    }),
    report({
      platform: 'telegram', author: 'detail wala', categories: ['cnic', 'family'], score: 0.88, prices: [800],
      text: 'number ki complete detail chahiye? CNIC copy colour Rs 800 (35202-*******-1), family tree bhi. inbox karein, JazzCash only',
      reasons: ['offers CNIC copies', 'offers family tree', 'payment by JazzCash'],
      indicators: { telegram: ['@detail_wala'], payment: ['JazzCash 0311-0000456'] },
    }),
    report({
      platform: 'tiktok', author: 'ریکارڈ سروس', categories: ['cdr', 'location'], score: 0.91, prices: [2000, 500],
      text: 'کال ریکارڈ ۲۰۰۰ روپے، لوکیشن ۵۰۰ روپے۔ واٹس ایپ 0300-0000123',
      reasons: ['offers call records (Urdu)', 'price Rs 2000'],
      indicators: { whatsapp: ['+92 300 0000123'] },
    }),
    report({
      platform: 'instagram', author: 'imei tracker', categories: ['imei'], score: 0.8, prices: [25000],
      text: '<img src=x id=injected onerror="document.title=1"> IMEI tracking Rs 25000, t.me/imei_tracker',
      reasons: ['offers IMEI tracking', 'price Rs 25000'],
      indicators: { telegram: ['t.me/imei_tracker'] },
    }),
    report({
      platform: 'facebook', author: 'Mobile Mall', categories: ['imei'], level: 'low', score: 0.35, prices: [145000],
      text: 'iPhone 15 Pro, PTA approved, IMEI matched with box, Rs 145,000. Visit our shop.',
      reasons: ['mentions IMEI', 'price Rs 145000'],
      indicators: { phones: ['042-0000789'] },
    }),
  ];
  for (const r of reports) {
    const res = await collector.post(r);
    assert.equal(res.status, 201, `report accepted: ${await res.text()}`);
  }
  const [cdr, , , , phoneShop] = reports;

  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const consoleErrors = [];
  // Refused requests (401 before log-in, 422 for a missing note) are expected; script errors are not.
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(`${collector.url}/review/`);

  // Log in with the moderator token; the page switches to the queue of new reports.
  await page.locator('#login-token').fill('ngb_not-a-token');
  await page.locator('#login-submit').click();
  await page.locator('#login-error').filter({ hasText: /unknown or revoked/ }).waitFor();
  await page.locator('#login-token').fill(collector.moderatorToken);
  await page.locator('#login-submit').click();
  await page.locator('#who').filter({ hasText: 'Ayesha (T&S)' }).waitFor();
  const rows = page.locator('#queue tbody tr[data-report-id]');
  await rows.nth(reports.length - 1).waitFor();
  assert.equal(await rows.count(), reports.length);
  assert.equal(await rows.first().getAttribute('data-report-id'), phoneShop.report_id, 'newest first');

  // Report text is shown as text, never run as HTML.
  assert.equal(await page.locator('#injected').count(), 0, 'no element injected from a report');
  assert.ok((await page.locator('#queue').innerText()).includes('<img src=x'), 'the markup shows as text');

  const row = (r) => page.locator(`#queue tbody tr[data-report-id="${r.report_id}"]`);

  // Confirm the CDR listing: its evidence, then the decision.
  await row(cdr).click();
  await page.locator('#detail pre.text').filter({ hasText: 'CDR 3 months' }).waitFor();
  await page.locator('#detail img.shot').waitFor();
  assert.ok(await page.locator('#detail img.shot').evaluate((img) => img.complete && img.naturalWidth > 0), 'screenshot loads');
  await page.locator('#action-confirm').click();
  await row(cdr).locator('.status[data-status="confirmed"]').waitFor();

  // Reject the phone-shop ad as a false positive, with a note.
  await row(phoneShop).click();
  await page.locator('#detail pre.text').filter({ hasText: 'PTA approved' }).waitFor();
  await page.locator('#action-reject').click();
  await page.locator('#toast').filter({ hasText: /note/ }).waitFor(); // a rejection needs a note
  await page.locator('#action-note').fill('phone shop ad, not a data sale');
  await page.locator('#action-reject').click();
  await row(phoneShop).locator('.status[data-status="rejected"]').waitFor();
  await page.locator('#detail .current').filter({ hasText: 'phone shop ad' }).waitFor();

  // The collector holds the decisions.
  const stored = Object.fromEntries((await collector.reports()).map((r) => [r.report_id, r.review]));
  assert.equal(stored[cdr.report_id].status, 'confirmed');
  assert.equal(stored[cdr.report_id].by, 'Ayesha (T&S)');
  assert.equal(stored[phoneShop.report_id].status, 'rejected');
  assert.equal(stored[phoneShop.report_id].note, 'phone shop ad, not a data sale');
  assert.equal(Object.values(stored).filter((r) => r.status === 'new').length, 3);

  // Filtering by status: the new queue no longer holds the decided reports.
  await page.locator('#filters button[type="submit"]').click();
  await page.waitForFunction(() => document.querySelectorAll('#queue tbody tr[data-report-id]').length === 3);

  // Seller linking: the WhatsApp number joins the Facebook and TikTok listings.
  await page.locator('#filter-status').selectOption('');
  await page.locator('#filters button[type="submit"]').click();
  await rows.nth(reports.length - 1).waitFor();
  await row(cdr).click();
  await page.locator('#show-links').click();
  const linked = page.locator('#links-result .link-group tr[data-report-id]');
  await linked.nth(1).waitFor();
  assert.equal(await linked.count(), 2, 'two reports share the WhatsApp number');

  // The screenshot for the README: the whole queue with one report's evidence open.
  await page.locator('.tab[data-view="queue"]').click();
  await rows.nth(reports.length - 1).waitFor();
  await row(cdr).click();
  await page.locator('#detail img.shot').waitFor();
  await page.locator('#toast').evaluate((toast) => { toast.hidden = true; });
  await mkdir(SHOT_DIR, { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: false });

  // Export a selection as CSV: the file holds exactly the selected reports.
  await page.locator('.tab[data-view="queue"]').click();
  await rows.nth(reports.length - 1).waitFor();
  await row(cdr).locator('input[type="checkbox"]').check();
  await row(phoneShop).locator('input[type="checkbox"]').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
  const csv = await streamText(await download.createReadStream());
  assert.match(download.suggestedFilename(), /^nigehban-reports-.*\.csv$/);
  assert.equal(csv.trim().split('\r\n').length, 3, 'a header and two rows');
  assert.ok(csv.includes(cdr.report_id) && csv.includes(phoneShop.report_id));

  // Issue a volunteer token on the Tokens tab; it works at once; then revoke it.
  page.on('dialog', (dialog) => dialog.accept());
  await page.locator('.tab[data-view="tokens"]').click();
  await page.locator('#token-name').fill('Field volunteer');
  await page.locator('#token-form button[type="submit"]').click();
  const issued = (await page.locator('#token-new code').textContent()).trim();
  assert.match(issued, /^ngb_[0-9a-f]{64}$/);
  const extra = report({ platform: 'x', author: 'x', text: 'SIM owner details Rs 300', categories: ['sim_owner'], reasons: ['offers SIM owner details'] });
  assert.equal((await collector.post(extra, issued)).status, 201, 'the issued token sends reports');
  const tokenRow = page.locator('#tokens tbody tr').filter({ hasText: 'Field volunteer' });
  await tokenRow.locator('button').click();
  await tokenRow.filter({ hasText: 'revoked' }).waitFor();
  const again = report({ platform: 'x', author: 'x', text: 'SIM owner details again', categories: ['sim_owner'], reasons: ['offers SIM owner details'] });
  assert.equal((await collector.post(again, issued)).status, 401, 'revoked at once');

  assert.deepEqual(consoleErrors, [], 'no errors in the page');
});
