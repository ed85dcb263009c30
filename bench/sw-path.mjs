// The real path, measured from the content script's own world on a page: scan message ->
// service worker -> wasm -> verdicts back. Per-batch cost for 1, 10 and 100 posts; service
// worker cold start to first verdict (the worker stopped as Chromium stops an idle one); the
// service worker's heap after scanning 10,000 posts. Writes target/bench-results/sw-path.json.
//
//   node --experimental-websocket bench/sw-path.mjs [--quick] [--ext dist/chrome]
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { checkExtension, contentScriptWorld, extensionDir, extensionProcessRssMb, launch, serviceWorkerTarget, stopServiceWorker, writeControlExtension } from './lib/extension.mjs';
import { median, percentile } from './lib/measure.mjs';
import { cliOptions, readCorpus, writeResult } from './lib/node-env.mjs';
import { startBenchServer } from './lib/server.mjs';

const { quick } = cliOptions();
const ext = extensionDir();
checkExtension(ext);
const texts = readCorpus();
const BATCHES = [1, 10, 100];
const REPEATS = quick ? 10 : 40;
const COLD_RUNS = quick ? 3 : 7;
const MEMORY_POSTS = 10_000;

const wasmFile = path.join(ext, 'wasm/nigehban_bg.wasm');
const wasmRaw = statSync(wasmFile).size;
const wasmGz = gzipSync(readFileSync(wasmFile), { level: 9 }).length;
const glueRaw = statSync(path.join(ext, 'wasm/nigehban.js')).size;

const server = await startBenchServer();
const control = await writeControlExtension();
const { context, cdp, extensionId, profile, close } = await launch({ ext, also: [control.dir] });
const result = { extension: ext, wasm: { raw_bytes: wasmRaw, gzip_bytes: wasmGz, glue_js_bytes: glueRaw } };
try {
  const page = await context.newPage();
  const url = `${server.url}/bench/blank.html`;
  await page.goto(url);
  const world = await contentScriptWorld(cdp, extensionId, url);

  const controlWorld = await contentScriptWorld(cdp, control.id, url);

  // Round trips timed inside the content script world (no DevTools hop in the figure).
  const roundTrips = (batch, repeats, w = world) => w.evaluate(`(async () => {
    const batch = ${JSON.stringify(batch)};
    const ms = [];
    for (let i = 0; i < ${repeats}; i++) {
      const t0 = performance.now();
      const res = await chrome.runtime.sendMessage({ type: 'scan', texts: batch });
      ms.push(performance.now() - t0);
      if (!res || !Array.isArray(res.verdicts) || res.verdicts.length !== batch.length) {
        throw new Error('bad answer: ' + JSON.stringify(res).slice(0, 200));
      }
    }
    return ms;
  })()`);

  // --- cold start: stop the worker, then time the first scan that wakes it --------------
  const cold = [];
  const warmAfter = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    await stopServiceWorker(cdp, extensionId);
    const [first] = await roundTrips([texts[i % texts.length]], 1);
    cold.push(first);
    const again = await roundTrips([texts[i % texts.length]], 3);
    warmAfter.push(median(again));
  }
  // the same for the do-nothing control extension: Chromium's own share of a cold start
  const controlCold = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    await stopServiceWorker(cdp, control.id);
    const [first] = await roundTrips([texts[i % texts.length]], 1, controlWorld);
    controlCold.push(first);
  }
  result.cold_start = {
    control_first_verdict_ms_median: median(controlCold),
    runs: COLD_RUNS,
    first_verdict_ms_median: median(cold),
    first_verdict_ms: cold,
    warm_single_ms_median: median(warmAfter),
  };

  // --- per-batch cost -------------------------------------------------------------------
  result.batches = [];
  for (const n of BATCHES) {
    const batch = Array.from({ length: n }, (_, i) => texts[(i * 7) % texts.length]);
    await roundTrips(batch, 3); // warm-up
    const ms = await roundTrips(batch, REPEATS);
    result.batches.push({
      posts: n,
      bytes: batch.reduce((s, t) => s + Buffer.byteLength(t), 0),
      repeats: REPEATS,
      ms_median: median(ms),
      ms_p90: percentile(ms, 90),
      ms_per_post: median(ms) / n,
    });
  }

  // --- memory after 10,000 posts, in a fresh worker -------------------------------------
  await stopServiceWorker(cdp, extensionId);
  await roundTrips([texts[0]], 1);
  const sw = await serviceWorkerTarget(cdp, extensionId);
  const swSession = await cdp.attach(sw.targetId);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage', {}, swSession).catch(() => {});
    return cdp.send('Runtime.getHeapUsage', {}, swSession);
  };
  const before = await heap();
  const rssBefore = await extensionProcessRssMb(profile);
  await world.evaluate(`(async () => {
    const texts = ${JSON.stringify(texts)};
    for (let b = 0; b < ${MEMORY_POSTS / 100}; b++) {
      const batch = [];
      for (let i = 0; i < 100; i++) batch.push(texts[(b * 100 + i) % texts.length]);
      const res = await chrome.runtime.sendMessage({ type: 'scan', texts: batch });
      if (!res || !res.verdicts) throw new Error('no verdicts');
    }
    return true;
  })()`);
  const after = await heap();
  // wasm linear memory lives outside the JS heap: the process's resident size shows it
  const rssAfter = await extensionProcessRssMb(profile);
  result.memory = {
    posts: MEMORY_POSTS,
    js_heap_used_mb_before: before.usedSize / 1e6,
    js_heap_used_mb_after: after.usedSize / 1e6,
    js_heap_total_mb_after: after.totalSize / 1e6,
    embedder_heap_mb_after: (after.embedderHeapUsedSize || 0) / 1e6,
    backing_store_mb_after: (after.backingStorageSize || 0) / 1e6,
    extension_process_rss_mb_before: rssBefore,
    extension_process_rss_mb_after: rssAfter,
    same_worker: Boolean(await serviceWorkerTarget(cdp, extensionId)),
  };
} finally {
  await close();
  await server.close();
  await control.remove();
}

const file = writeResult('sw-path', result);
console.log(`sw-path: cold start ${result.cold_start.first_verdict_ms_median.toFixed(1)} ms; ` +
  result.batches.map((b) => `batch ${b.posts}: ${b.ms_median.toFixed(2)} ms`).join(', ') +
  `; SW heap after ${MEMORY_POSTS} posts ${result.memory.js_heap_used_mb_after.toFixed(1)} MB; ` +
  `wasm ${(wasmRaw / 1024).toFixed(0)} KB raw, ${(wasmGz / 1024).toFixed(0)} KB gz -> ${file}`);
