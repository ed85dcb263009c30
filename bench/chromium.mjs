// Engine throughput in headless Chromium: www/bench/ runs the wasm engine and the JS RegExp
// baseline on the same posts in the same tab. Writes target/bench-results/chromium.json.
// `node bench/chromium.mjs [--quick]` (needs a wasm build: see bench/lib/node-env.mjs).
import { chromium } from 'playwright-core';
import { cliOptions, wasmDir, writeResult } from './lib/node-env.mjs';
import { startBenchServer } from './lib/server.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const { quick } = cliOptions();
if (!wasmDir()) {
  console.error('chromium bench: no wasm build (dist/chrome/wasm, extension/wasm, www/wasm): run ./build.sh first');
  process.exit(2);
}
const server = await startBenchServer();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/bench/`);
  await page.waitForFunction(() => typeof window.nigehbanBench === 'function', null, { timeout: 20000 });
  const result = await page.evaluate((opts) => window.nigehbanBench(opts), { quick });
  if (errors.length) result.page_errors = errors;
  result.browser = `chromium ${browser.version()}`;
  const file = writeResult('chromium', result);
  const w = result.throughput.engines.wasm;
  const j = result.throughput.engines.js;
  console.log(`chromium: wasm ${w.mb_per_s.toFixed(1)} MB/s (${Math.round(w.posts_per_s)} posts/s), ` +
    `js ${j.mb_per_s.toFixed(1)} MB/s, wasm/js ${w.speedup_vs_js.toFixed(2)}x -> ${file}`);
} finally {
  await browser.close();
  await server.close();
}
