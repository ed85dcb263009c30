// Headless Firefox driven over WebDriver BiDi (no Playwright build of Firefox is needed): start
// firefox-esr with a fresh profile, install the unpacked extension (webExtension.install),
// navigate and evaluate. Just enough for the extension's Firefox smoke test.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, after } from 'node:test';
import { startServer } from '../../../scripts/serve.mjs';
import { REPO } from './feeds.mjs';

export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const FF_EXT = path.join(REPO, 'dist/firefox');

/** Why the Firefox tests cannot run here (a reason for `skip`), or false. */
export const firefoxSkip = !existsSync(FIREFOX)
  ? `no ${FIREFOX}`
  : !existsSync(path.join(FF_EXT, 'manifest.json'))
    ? 'no dist/firefox: run ./build.sh'
    : false;

/**
 * Registers the suite's hooks: www/ served with the strict CSP and Firefox with dist/firefox
 * installed. Returns a handle whose `ff` and `server` are set once `before` has run.
 */
export function firefoxWithFeeds() {
  const env = { ff: null, server: null };
  before(async () => {
    if (firefoxSkip) return;
    env.server = await startServer({ root: path.join(REPO, 'www'), port: 0 });
    env.ff = await launchFirefoxWithExtension(FF_EXT);
  });
  after(async () => {
    await env.ff?.close();
    await env.server?.close();
  });
  return env;
}

// Node 20 has WebSocket only behind a flag; playwright-core (pinned) bundles the ws package.
function WebSocketImpl() {
  if (globalThis.WebSocket) return globalThis.WebSocket;
  return createRequire(import.meta.url)('playwright-core/lib/utilsBundle').ws;
}

async function connect(url, deadline) {
  const WS = WebSocketImpl();
  for (;;) {
    try {
      const ws = new WS(url);
      await new Promise((resolve, reject) => {
        ws.onopen = resolve;
        ws.onerror = reject;
      });
      return ws;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`Firefox did not accept WebDriver BiDi at ${url}: ${err.message || err}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export async function launchFirefoxWithExtension(extDir) {
  const profile = await mkdtemp(path.join(tmpdir(), 'nigehban-ff-'));
  // Unsigned extensions install only as temporary add-ons, which webExtension.install does.
  await writeFile(path.join(profile, 'user.js'), 'user_pref("datareporting.policy.dataSubmissionEnabled", false);\nuser_pref("browser.shell.checkDefaultBrowser", false);\n');
  const port = 20000 + Math.floor(Math.random() * 20000);
  const proc = spawn(FIREFOX, ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port', String(port)], { stdio: 'ignore' });
  const ws = await connect(`ws://127.0.0.1:${port}/session`, Date.now() + 20000);
  let nextId = 0;
  const pending = new Map();
  ws.onmessage = (e) => {
    const m = JSON.parse(typeof e.data === 'string' ? e.data : e.data.toString());
    if (m.id && pending.has(m.id)) {
      pending.get(m.id)(m);
      pending.delete(m.id);
    }
  };
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, (m) => (m.type === 'success' ? resolve(m.result) : reject(new Error(`${method}: ${m.error} ${m.message || ''}`))));
      ws.send(JSON.stringify({ id, method, params }));
    });
  await send('session.new', { capabilities: {} });
  await send('webExtension.install', { extensionData: { type: 'path', path: path.resolve(extDir) } });
  const tree = await send('browsingContext.getTree', {});
  const context = tree.contexts[0].context;
  return {
    async goto(url) {
      await send('browsingContext.navigate', { context, url, wait: 'complete' });
    },
    /** Evaluate an expression in the page; JSON-serialisable results only. */
    async evaluate(expression) {
      const r = await send('script.evaluate', { target: { context }, expression: `JSON.stringify((() => { ${expression} })())`, awaitPromise: false });
      return r.result && r.result.type === 'string' ? JSON.parse(r.result.value) : undefined;
    },
    /** A real (trusted) mouse click at viewport coordinates (input.performActions). */
    async click(x, y) {
      const actions = [
        { type: 'pointerMove', x: Math.round(x), y: Math.round(y) },
        { type: 'pointerDown', button: 0 },
        { type: 'pointerUp', button: 0 },
      ];
      await send('input.performActions', { context, actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }] });
    },
    async close() {
      try {
        await send('browser.close');
      } catch {
        // already gone
      }
      ws.close();
      proc.kill();
      await rm(profile, { recursive: true, force: true }).catch(() => {});
    },
  };
}
