// Headless Chromium with (or without) the unpacked extension, plus a DevTools connection for
// the service worker and the content script's isolated world. Shared by bench/sw-path.mjs and
// bench/page-cost.mjs.
import { chromium } from 'playwright-core';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Cdp, waitFor } from './cdp.mjs';
import { ROOT } from './node-env.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The unpacked extension to measure: --ext DIR, else $NIGEHBAN_EXT_DIR, else dist/chrome. */
export function extensionDir() {
  const args = process.argv.slice(2);
  const dir = args.includes('--ext') ? args[args.indexOf('--ext') + 1] : process.env.NIGEHBAN_EXT_DIR || path.join(ROOT, 'dist/chrome');
  return path.resolve(dir);
}

export function checkExtension(dir) {
  if (!existsSync(path.join(dir, 'manifest.json')) || !existsSync(path.join(dir, 'wasm/nigehban_bg.wasm'))) {
    throw new Error(`no built extension at ${dir} (manifest.json and wasm/): run ./build.sh first, or pass --ext DIR`);
  }
}

/**
 * Launches Chromium, with the extension when `ext` is a directory, in a fresh profile.
 * Both modes get the same flags but the extension ones, so "on" and "off" compare fairly.
 */
export async function launch({ ext = null, also = [], viewport = { width: 1280, height: 900 } } = {}) {
  const profile = await mkdtemp(path.join(tmpdir(), 'nigehban-bench-'));
  const args = [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--remote-debugging-port=0',
  ];
  const dirs = ext ? [ext, ...also].join(',') : null;
  if (dirs) args.push(`--disable-extensions-except=${dirs}`, `--load-extension=${dirs}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false, // '--headless=new' above: the old headless mode cannot load extensions
    args,
    viewport,
  });
  const cdp = await Cdp.connectToProfile(profile);
  let extensionId = null;
  if (ext) {
    extensionId = unpackedExtensionId(ext);
    await waitFor(() => context.serviceWorkers().some((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)), 15000, 'the extension service worker');
  }
  const close = async () => {
    cdp.close();
    await context.close().catch(() => {});
    await rm(profile, { recursive: true, force: true }).catch(() => {});
  };
  return { context, cdp, extensionId, profile, close };
}

/** Chromium's id for an unpacked extension: SHA-256 of its absolute path, hex digits as a-p. */
export function unpackedExtensionId(dir) {
  const hex = createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 32);
  return [...hex].map((h) => String.fromCharCode(97 + parseInt(h, 16))).join('');
}

/**
 * A do-nothing extension with the same shape (module service worker answering `scan` with
 * empty verdicts, a content script on every page): measured beside ours, it shows what a
 * service-worker start costs in Chromium itself, before any engine.
 */
export async function writeControlExtension() {
  const dir = await mkdtemp(path.join(tmpdir(), 'nigehban-control-'));
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3,
    name: 'Bench control',
    version: '1.0',
    background: { service_worker: 'main.js', type: 'module' },
    content_scripts: [{ matches: ['http://*/*', 'https://*/*'], js: ['content.js'], run_at: 'document_idle' }],
  }));
  await writeFile(path.join(dir, 'main.js'), `chrome.runtime.onMessage.addListener((m, s, reply) => {
  if (m && m.type === 'scan') reply({ verdicts: m.texts.map(() => ({ flagged: false, level: 'none', score: 0 })) });
  return false;
});\n`);
  await writeFile(path.join(dir, 'content.js'), '// present so that this extension has a content script world\n');
  return { dir, id: unpackedExtensionId(dir), remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The DevTools target of the extension's service worker, if it is running. */
export async function serviceWorkerTarget(cdp, extensionId) {
  return (await cdp.targets()).find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
}

/** Stops the extension's service worker (as Chromium does after 30 s idle) and waits until it is gone. */
export async function stopServiceWorker(cdp, extensionId) {
  const t = await serviceWorkerTarget(cdp, extensionId);
  if (!t) return;
  await cdp.send('Target.closeTarget', { targetId: t.targetId });
  await waitFor(async () => !(await serviceWorkerTarget(cdp, extensionId)), 10000, 'the service worker to stop');
}

/**
 * An evaluator in the content script's isolated world of the page at `urlPrefix`: code run
 * there sends chrome.runtime messages exactly as the content script does.
 */
export async function contentScriptWorld(cdp, extensionId, urlPrefix) {
  const page = await waitFor(async () => (await cdp.targets()).find((t) => t.type === 'page' && t.url.startsWith(urlPrefix)), 10000, `a page at ${urlPrefix}`);
  const sessionId = await cdp.attach(page.targetId);
  const contexts = [];
  const off = cdp.on((m) => {
    if (m.sessionId === sessionId && m.method === 'Runtime.executionContextCreated') contexts.push(m.params.context);
  });
  await cdp.send('Runtime.enable', {}, sessionId);
  const world = await waitFor(() => contexts.find((c) => c.origin === `chrome-extension://${extensionId}`), 10000, 'the content script world (is the content script injected on this page?)');
  off();
  const evaluate = async (expression) => {
    const r = await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true }, sessionId);
    if (r.exceptionDetails) throw new Error(`in the content script world: ${r.exceptionDetails.exception?.description || r.exceptionDetails.text}`);
    return r.result.value;
  };
  return { evaluate, sessionId };
}

/**
 * Resident memory (MB) of the extension's renderer process, the one that hosts its service
 * worker, found under the browser started with `profile` (Linux /proc). Null where unknown.
 */
export async function extensionProcessRssMb(profile) {
  const { readdir, readFile } = await import('node:fs/promises');
  const procs = new Map(); // pid -> {ppid, cmd}
  for (const pid of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').join(' ');
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      procs.set(Number(pid), { ppid, cmd });
    } catch {
      // the process ended while we looked
    }
  }
  const root = [...procs].find(([, p]) => p.cmd.includes(`--user-data-dir=${profile}`) && !p.cmd.includes('--type='));
  if (!root) return null;
  const descends = (pid) => {
    for (let p = procs.get(pid); p; p = procs.get(p.ppid)) if (p.ppid === root[0]) return true;
    return false;
  };
  const ext = [...procs].find(([pid, p]) => p.cmd.includes('--extension-process') && descends(pid));
  if (!ext) return null;
  const status = await readFile(`/proc/${ext[0]}/status`, 'utf8').catch(() => '');
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : null;
}
