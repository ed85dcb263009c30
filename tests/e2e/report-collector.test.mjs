// The extension's reports against the real collector (`nigehban serve`): a click files a report
// the collector accepts and stores once, with the seller's indicators; a wrong token is a
// failure with the collector's reason, not an endless retry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { startCollector } from './lib/collector.mjs';
import { Profile, reportPost, ROOT } from './lib/report-harness.mjs';

let site;
let collector;
let profile;

before(async () => {
  site = await startServer({ root: path.join(ROOT, 'www') });
  collector = await startCollector();
  profile = await Profile.create();
  await profile.launch();
  await profile.storageSet({
    'report.endpointUrl': collector.reportsUrl,
    'report.endpointToken': collector.volunteerToken,
    'outbox.testBackoffMs': 300,
  });
});

after(async () => {
  await profile?.remove();
  if (collector) assert.equal(await collector.stop(), 0, 'the collector exits 0 on SIGTERM');
  await site?.close();
});

test('a click files a report that the collector stores once, with its indicators', async () => {
  const { page, reportId } = await reportPost(profile, `${site.url}/feeds/report/facebook.html?case=collector`);
  const rec = await profile.waitForRecord(reportId, (r) => r.status !== 'queued', 20_000, 'delivery to the collector');
  assert.equal(rec.status, 'sent', `collector refused the report: ${rec.reason}`);
  await page.locator('#listing[data-nigehban-reported="sent"]').waitFor({ timeout: 10_000 });

  const stored = await collector.reports();
  const mine = stored.filter((r) => (r.report_id ?? r.report?.report_id) === reportId);
  assert.equal(mine.length, 1, `stored once; the collector has ${stored.length} report(s)`);
  assert.ok(JSON.stringify(mine[0]).includes('03000000123'), 'the seller WhatsApp number is stored');
  assert.ok(!JSON.stringify(mine[0]).includes('35202-1234567-1'), 'no victim CNIC in clear');

  // The same report again (as a retry after a lost answer would send it) is not filed twice.
  const again = await collector.post(rec.report);
  assert.ok([200, 409].includes(again.status), `a repeated report_id answers 200 or 409, got ${again.status}`);
  const after = (await collector.reports()).filter((r) => (r.report_id ?? r.report?.report_id) === reportId);
  assert.equal(after.length, 1);
  await page.close();
});

test('a wrong token marks the report failed with the collector\u2019s reason; the right one sends it', async () => {
  await profile.storageSet({ 'report.endpointToken': 'not-a-real-token' });
  const { page, reportId } = await reportPost(profile, `${site.url}/feeds/report/telegram.html?case=collector-401`);
  const rec = await profile.waitForRecord(reportId, (r) => r.status === 'failed', 20_000, 'status failed');
  assert.match(rec.reason, /^HTTP 401/);

  // Correcting the token applies at once: the report the wrong token failed is sent.
  await profile.storageSet({ 'report.endpointToken': collector.volunteerToken });
  await profile.waitForRecord(reportId, (r) => r.status === 'sent', 20_000, 'sent after the token was corrected');
  await page.locator('#listing[data-nigehban-reported="sent"]').waitFor({ timeout: 10_000 });
  const stored = (await collector.reports()).filter((r) => (r.report_id ?? r.report?.report_id) === reportId);
  assert.equal(stored.length, 1);
  await page.close();
});
