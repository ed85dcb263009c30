// `./build.sh demo`: serves www/ on 127.0.0.1 and opens Chromium with the built extension
// (dist/chrome) on the demo page and a fake feed. Without a display it says so and keeps
// serving, so the pages can be opened from another browser on this machine.
//
//   node scripts/demo.mjs    (NIGEHBAN_DEMO_PORT=8737 by default; CHROMIUM=/path/to/chromium)

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXT_DIR = path.join(ROOT, 'dist', 'chrome');
const PREFERRED_PORT = Number(process.env.NIGEHBAN_DEMO_PORT ?? 8737);

function findChromium() {
  const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => p && existsSync(p));
}

async function serve() {
  const root = path.join(ROOT, 'www');
  try {
    return await startServer({ root, port: PREFERRED_PORT });
  } catch (err) {
    if (err.code !== 'EADDRINUSE') throw err;
    return startServer({ root, port: 0 }); // the usual port is taken: any free one will do
  }
}

const server = await serve();
const demo = `${server.url}/`;
const feed = `${server.url}/feeds/facebook.html`;
console.log(`    demo page:   ${demo}`);
console.log(`    fake feeds:  ${server.url}/feeds/`);

let browser;
let profile;
const stop = async (code = 0) => {
  browser?.kill('SIGTERM');
  await server.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  process.exit(code);
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const chromium = findChromium();
const display = process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
if (!display || !chromium) {
  console.log('');
  console.log(
    !display
      ? '    No display here ($DISPLAY is not set), so no browser was opened.'
      : '    Chromium was not found (set CHROMIUM=/path/to/chromium), so no browser was opened.',
  );
  console.log(`    Open ${demo} in a browser on this machine to try the engine.`);
  console.log(`    To see the extension at work, load ${EXT_DIR} (Chrome: chrome://extensions,`);
  console.log('    Developer mode, Load unpacked) and open a fake feed, e.g.');
  console.log(`    ${feed}`);
  console.log('    Serving until Ctrl-C.');
} else {
  // A throwaway profile: the demo never touches the user's own browser profile.
  profile = mkdtempSync(path.join(os.tmpdir(), 'nigehban-demo-'));
  const args = [
    `--user-data-dir=${profile}`,
    `--disable-extensions-except=${EXT_DIR}`,
    `--load-extension=${EXT_DIR}`,
    '--no-first-run',
    '--no-default-browser-check',
    feed,
    demo,
  ];
  console.log(`    opening ${chromium} with the extension from ${EXT_DIR}`);
  browser = spawn(chromium, args, { stdio: 'ignore' });
  browser.on('error', (err) => {
    console.error(`    could not start Chromium: ${err.message}; still serving ${demo}`);
    browser = undefined;
  });
  browser.on('exit', () => {
    console.log('    Chromium closed; stopping the server.');
    stop(0);
  });
}
