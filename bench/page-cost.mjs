// Page cost: the 1,000-post bench feed (www/feeds/bench/) scrolled from top to bottom in headless
// Chromium, with the extension off and then on. Measures, on the page's main thread:
//   - CPU time in the content script (V8 CPU profile: every sample whose stack holds a
//     chrome-extension:// frame), per 100 posts, and its longest unbroken stretch;
//   - long tasks (> 50 ms, PerformanceObserver 'longtask') with the extension on and off.
// Writes target/bench-results/page-cost.json.
//
//   node --experimental-websocket bench/page-cost.mjs [--quick] [--ext dist/chrome]
import { checkExtension, extensionDir, launch, serviceWorkerTarget } from './lib/extension.mjs';
import { cliOptions, writeResult } from './lib/node-env.mjs';
import { startBenchServer } from './lib/server.mjs';

const { quick } = cliOptions();
const ext = extensionDir();
checkExtension(ext);
const STEP_PX = 900; // about one screen per step
const STEP_MS = quick ? 40 : 50;
const SETTLE_MS = 2000; // after the last scroll, for batches still in flight

// Registered before any page script: collects long tasks from the start of the page.
function observeLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__longTasks.push({ start: e.startTime, duration: e.duration, name: e.name, attribution: (e.attribution || []).map((a) => a.containerType || a.name) });
    }
  }).observe({ type: 'longtask', buffered: true });
}

/** Sums CPU profile samples whose stack includes a frame from `urlPrefix`. */
export function profileShare(profile, urlPrefix) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const memo = new Map();
  const ours = (id) => {
    if (memo.has(id)) return memo.get(id);
    const n = byId.get(id);
    let v = Boolean(n && n.callFrame.url && n.callFrame.url.startsWith(urlPrefix));
    if (!v && parent.has(id)) v = ours(parent.get(id));
    memo.set(id, v);
    return v;
  };
  const idle = new Set(profile.nodes.filter((n) => ['(idle)', '(program)', '(garbage collector)'].includes(n.callFrame.functionName)).map((n) => n.id));
  // the innermost extension frame of a sample: where our time goes, by function
  const innermost = new Map();
  const ownFrame = (id) => {
    if (innermost.has(id)) return innermost.get(id);
    const n = byId.get(id);
    let v = null;
    if (n && n.callFrame.url && n.callFrame.url.startsWith(urlPrefix)) {
      const f = n.callFrame;
      v = `${f.functionName || '(anonymous)'} ${f.url.slice(urlPrefix.length)}:${f.lineNumber + 1}`;
    } else if (parent.has(id)) {
      v = ownFrame(parent.get(id));
    }
    innermost.set(id, v);
    return v;
  };
  const byFunction = new Map();
  let oursUs = 0;
  let busyUs = 0;
  let run = 0;
  let longestRun = 0;
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    // a sample stands for the time until the next one
    const dt = i + 1 < timeDeltas.length ? timeDeltas[i + 1] : 0;
    const id = samples[i];
    if (!idle.has(id)) busyUs += dt;
    if (ours(id)) {
      oursUs += dt;
      const f = ownFrame(id);
      byFunction.set(f, (byFunction.get(f) || 0) + dt);
      run += dt;
      longestRun = Math.max(longestRun, run);
    } else if (!idle.has(id) || byId.get(id).callFrame.functionName === '(idle)') {
      run = 0; // other work or idle ends our stretch; GC/program inside it does not
    }
  }
  const top = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([f, us]) => ({ function: f, ms: us / 1000 }));
  // the hottest source lines of our code (self samples; native calls count on the calling line)
  const lines = new Map();
  for (const n of profile.nodes) {
    if (!n.callFrame.url || !n.callFrame.url.startsWith(urlPrefix) || !n.positionTicks) continue;
    for (const { line, ticks } of n.positionTicks) {
      const key = `${n.callFrame.url.slice(urlPrefix.length)}:${line}`;
      lines.set(key, (lines.get(key) || 0) + ticks);
    }
  }
  const totalTicks = [...lines.values()].reduce((a, b) => a + b, 0) || 1;
  const hotLines = [...lines].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([line, ticks]) => ({ line, share: ticks / totalTicks }));
  return { ours_ms: oursUs / 1000, busy_ms: busyUs / 1000, longest_run_ms: longestRun / 1000, top, hot_lines: hotLines };
}

async function scrollFeed(page) {
  const total = await page.$eval('#feed', (el) => Number(el.dataset.total));
  const t0 = Date.now();
  for (;;) {
    const done = await page.evaluate((step) => {
      window.scrollBy(0, step);
      const atEnd = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
      return atEnd && document.body.dataset.feedComplete === 'true';
    }, STEP_PX);
    if (done) break;
    if (Date.now() - t0 > 120_000) throw new Error('the feed did not finish loading in 2 minutes');
    await page.waitForTimeout(STEP_MS);
  }
  return { posts: total, scroll_s: (Date.now() - t0) / 1000 };
}

async function measure(mode, server) {
  const { context, cdp, extensionId, close } = await launch({ ext: mode === 'on' ? ext : null });
  try {
    // count the scan messages the service worker receives (posts per message says how well
    // the content script batches)
    let swSession = null;
    let swTargetId = null;
    const swEval = async (expression) => {
      const r = await cdp.send('Runtime.evaluate', { expression, returnByValue: true }, swSession);
      return r.result.value;
    };
    if (extensionId) {
      const sw = await serviceWorkerTarget(cdp, extensionId);
      if (sw) {
        swTargetId = sw.targetId;
        swSession = await cdp.attach(sw.targetId);
        // Attached early, the worker may not have its extension API yet ("chrome is not
        // defined"): the counting listeners would then never be added. Wait for it.
        for (let i = 0; i < 100 && !(await swEval(`typeof chrome === 'object' && !!chrome.runtime && !!chrome.runtime.onConnect`)); i++) {
          await new Promise((r) => setTimeout(r, 50));
        }
        // scan batches come as messages or over a content script's port
        await swEval(`self.__benchScans = { messages: 0, posts: 0 };
          const count = (m) => {
            if (m && m.type === 'scan' && Array.isArray(m.texts)) { self.__benchScans.messages++; self.__benchScans.posts += m.texts.length; }
          };
          chrome.runtime.onMessage.addListener((m) => { count(m); return false; });
          chrome.runtime.onConnect.addListener((port) => port.onMessage.addListener(count)); true`);
      }
    }
    await context.addInitScript(observeLongTasks);
    const page = await context.newPage();
    const session = await context.newCDPSession(page);
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 200 }); // microseconds
    await page.goto('about:blank');
    await session.send('Profiler.start');
    const tLoad = Date.now();
    await page.goto(`${server.url}/feeds/bench/`, { waitUntil: 'load' });
    await page.waitForTimeout(500); // document_idle: the content script starts
    const scroll = await scrollFeed(page);
    await page.waitForTimeout(SETTLE_MS);
    const { profile } = await session.send('Profiler.stop');
    const wall = (Date.now() - tLoad) / 1000;
    const longTasks = await page.evaluate(() => window.__longTasks || []);
    const marks = await page.evaluate(() => ({
      scanned: document.querySelectorAll('[data-nigehban]').length,
      listings: document.querySelectorAll('[data-nigehban="listing"]').length,
      articles: document.querySelectorAll('article').length,
    }));
    // a worker restarted during the run took the count with it: then the count is unknown
    const swNow = extensionId ? await serviceWorkerTarget(cdp, extensionId) : null;
    const sameWorker = swNow && swNow.targetId === swTargetId;
    const scans = swSession && sameWorker ? await swEval('self.__benchScans').catch(() => null) : null;
    const share = extensionId ? profileShare(profile, `chrome-extension://${extensionId}/`) : profileShare(profile, 'chrome-extension://');
    return {
      mode,
      ...scroll,
      wall_s: wall,
      ...marks,
      main_thread_busy_ms: share.busy_ms,
      extension_ms: share.ours_ms,
      extension_ms_per_100_posts: share.ours_ms / (scroll.posts / 100),
      extension_longest_run_ms: share.longest_run_ms,
      scan_messages: scans ? scans.messages : null,
      scanned_texts: scans ? scans.posts : null,
      extension_top_functions: share.top,
      extension_hot_lines: share.hot_lines,
      long_tasks: longTasks.length,
      long_task_ms: longTasks.reduce((s, t) => s + t.duration, 0),
      long_task_max_ms: longTasks.reduce((m, t) => Math.max(m, t.duration), 0),
    };
  } finally {
    await close();
  }
}

const server = await startBenchServer();
const runs = [];
try {
  runs.push(await measure('off', server));
  runs.push(await measure('on', server));
} finally {
  await server.close();
}
const [off, on] = runs;
const result = {
  extension: ext,
  step_px: STEP_PX,
  step_ms: STEP_MS,
  off,
  on,
  extra_busy_ms_per_100_posts: (on.main_thread_busy_ms - off.main_thread_busy_ms) / (on.posts / 100),
  extra_long_tasks: on.long_tasks - off.long_tasks,
};
const file = writeResult('page-cost', result);
console.log(`page-cost: content script ${on.extension_ms_per_100_posts.toFixed(2)} ms per 100 posts ` +
  `(longest stretch ${on.extension_longest_run_ms.toFixed(1)} ms), scanned ${on.scanned}/${on.articles} posts, ` +
  `${on.listings} listings; long tasks on ${on.long_tasks} / off ${off.long_tasks} -> ${file}`);
