// Launches headless Chromium with an unpacked extension loaded, in a fresh temporary profile.
// Shared by every e2e test: `const {context, extensionId, serviceWorker, close} =
// await launchWithExtension('dist/chrome')`.
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Flags that make an MV3 extension load headless in a sandbox-less container (COMMON.md). */
export function extensionArgs(dir) {
  return [
    '--headless=new',
    `--disable-extensions-except=${dir}`,
    `--load-extension=${dir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
}

/**
 * @param {string} dir unpacked extension directory (e.g. dist/chrome)
 * @param {{viewport?: {width:number,height:number}, locale?: string, args?: string[]}} [opts]
 *   `args` adds browser flags (e.g. '--lang=ur' for the extension's Urdu interface)
 * @returns {Promise<{context, extensionId: string, serviceWorker, profile: string, close: () => Promise<void>}>}
 */
export async function launchWithExtension(dir, opts = {}) {
  const extDir = path.resolve(dir);
  const profile = await mkdtemp(path.join(tmpdir(), 'nigehban-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false, // '--headless=new' below: the old headless mode cannot load extensions
    args: extensionArgs(extDir).concat(opts.args || []),
    viewport: opts.viewport || { width: 1280, height: 900 },
    locale: opts.locale,
  });
  let [serviceWorker] = context.serviceWorkers();
  if (!serviceWorker) {
    serviceWorker = await context.waitForEvent('serviceworker', { timeout: 15000 });
  }
  const extensionId = new URL(serviceWorker.url()).host;
  const close = async () => {
    await context.close().catch(() => {});
    await rm(profile, { recursive: true, force: true }).catch(() => {});
  };
  return { context, extensionId, serviceWorker, profile, close };
}

/** The current service worker of the extension (it may have been restarted since launch). */
export async function currentServiceWorker(context, extensionId) {
  const live = context.serviceWorkers().find((w) => w.url().includes(extensionId));
  if (live) return live;
  return context.waitForEvent('serviceworker', {
    predicate: (w) => w.url().includes(extensionId),
    timeout: 15000,
  });
}
