// Shared steps of the report e2e tests: a browser profile that can be closed and relaunched
// (the outbox must survive that), the extension's storage, and the report button click.
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, extensionArgs } from './browser.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The unpacked extension under test: $NIGEHBAN_EXT_DIR, else dist/chrome, else extension/. */
export function extensionDir() {
  if (process.env.NIGEHBAN_EXT_DIR) return path.resolve(ROOT, process.env.NIGEHBAN_EXT_DIR);
  const dist = path.join(ROOT, 'dist/chrome');
  return existsSync(path.join(dist, 'manifest.json')) ? dist : path.join(ROOT, 'extension');
}

/** A browser profile directory that outlives one browser launch. */
export class Profile {
  static async create() {
    const p = new Profile();
    p.dir = await mkdtemp(path.join(tmpdir(), 'nigehban-report-'));
    return p;
  }

  async launch() {
    const ext = extensionDir();
    this.context = await chromium.launchPersistentContext(this.dir, {
      executablePath: CHROMIUM,
      headless: false, // '--headless=new' is in the args: old headless cannot load extensions
      args: extensionArgs(ext),
      viewport: { width: 1200, height: 900 },
      acceptDownloads: true,
    });
    let [sw] = this.context.serviceWorkers();
    if (!sw) sw = await this.context.waitForEvent('serviceworker', { timeout: 15_000 });
    this.extensionId = new URL(sw.url()).host;
    return this;
  }

  /** The live service worker (it may have been stopped and restarted since launch). */
  async worker() {
    const live = this.context.serviceWorkers().find((w) => w.url().includes(this.extensionId));
    if (live) return live;
    // Waking it: opening an extension page starts it if it was stopped.
    const page = await this.context.newPage();
    await page.goto(`chrome-extension://${this.extensionId}/history/history.html`);
    const sw = this.context.serviceWorkers().find((w) => w.url().includes(this.extensionId)) ??
      (await this.context.waitForEvent('serviceworker', { timeout: 15_000 }));
    await page.close();
    return sw;
  }

  async storageSet(items) {
    await (await this.worker()).evaluate((i) => chrome.storage.local.set(i), items);
  }

  async storageGet(keys = null) {
    return (await this.worker()).evaluate((k) => chrome.storage.local.get(k), keys);
  }

  /** Every outbox record, oldest first. */
  async records() {
    const all = await this.storageGet(null);
    return Object.entries(all)
      .filter(([k]) => k.startsWith('report:'))
      .map(([, v]) => v)
      .sort((a, b) => a.created_ms - b.created_ms);
  }

  async record(reportId) {
    return (await this.storageGet(`report:${reportId}`))[`report:${reportId}`] ?? null;
  }

  /** Poll until `predicate(record)` holds for the report; returns that record. */
  async waitForRecord(reportId, predicate, timeoutMs = 15_000, what = 'the report record') {
    const end = Date.now() + timeoutMs;
    let last = null;
    while (Date.now() < end) {
      last = await this.record(reportId);
      if (last && predicate(last)) return last;
      await sleep(150);
    }
    throw new Error(`timed out waiting for ${what}; last record: ${JSON.stringify(last && { status: last.status, reason: last.reason, attempts: last.attempts })}`);
  }

  async close() {
    await this.context?.close().catch(() => {});
    this.context = null;
  }

  async remove() {
    await this.close();
    await rm(this.dir, { recursive: true, force: true }).catch(() => {});
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Open a feed page and click the report button of the post `postSelector` with a real
 * (trusted) mouse click. Returns {page, reportId} (the id from the outbox's new record).
 */
export async function reportPost(profile, url, postSelector = '#listing') {
  const page = await profile.context.newPage();
  await page.goto(url);
  const post = page.locator(`${postSelector}[data-nigehban="listing"]`);
  await post.waitFor({ timeout: 15_000 });
  const before = new Set((await profile.records()).map((r) => r.report.report_id));
  // Playwright's CSS engine pierces the badge's open shadow root.
  await page.locator(`${postSelector} [data-nigehban-action="report"]`).first().click();
  const end = Date.now() + 15_000;
  while (Date.now() < end) {
    const created = (await profile.records()).find((r) => !before.has(r.report.report_id));
    if (created) return { page, reportId: created.report.report_id, post };
    await sleep(100);
  }
  throw new Error(`clicking the report button on ${url} made no outbox record`);
}
