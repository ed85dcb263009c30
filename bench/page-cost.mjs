// Page cost: the 1,000-post bench feed (www/feeds/bench/) scrolled from top to bottom in headless
// Chromium, with the extension off and then on. Measures, on the page's main thread:
//   - wall-clock time in the content script (V8 CPU profile: every sample whose stack holds a
//     chrome-extension:// frame), per 100 posts, and its longest unbroken stretch;
//   - the same samples in thread CPU time: each weighted by the thread-time / wall-time ratio of
//     the innermost trace event around it (a Chromium trace recorded alongside), so time the
//     main thread spent preempted on a busy machine does not count;
//   - long tasks (> 50 ms, PerformanceObserver 'longtask') with the extension on and off.
// Writes target/bench-results/page-cost.json.
//
//   node --experimental-websocket bench/page-cost.mjs [--quick] [--ext dist/chrome] [--no-trace]
// (--no-trace: the profiler alone, as before the CPU figure; to see what the trace adds to wall time)
import { checkExtension, extensionDir, launch, serviceWorkerTarget } from './lib/extension.mjs';
import { cliOptions, writeResult } from './lib/node-env.mjs';
import { startBenchServer } from './lib/server.mjs';

const { quick } = cliOptions();
const TRACE = !process.argv.includes('--no-trace');
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
  return { ours_ms: oursUs / 1000, busy_ms: busyUs / 1000, longest_run_ms: longestRun / 1000, top, hot_lines: hotLines, isOurs: ours, frameOf: ownFrame };
}

// Trace categories: the renderer's task, mojo-message, microtask-checkpoint and script-call
// slices, each with its wall (dur) and thread (tdur) duration. (No 'v8' category: it adds many
// small slices, and their cost, for no better attribution.)
const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline'];

async function startTrace(session) {
  const events = [];
  session.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((resolve) => session.once('Tracing.tracingComplete', resolve));
  await session.send('Tracing.start', { traceConfig: { includedCategories: TRACE_CATEGORIES, recordMode: 'recordContinuously' }, transferMode: 'ReportEvents' });
  return async () => {
    await session.send('Tracing.end');
    await complete;
    return events;
  };
}

/**
 * The page's main thread in a trace: the renderer main thread that ran the feed's own script
 * (in both modes; the content script runs on the same thread).
 */
function pageMainThread(events, pageScript) {
  const e = events.find((x) => x.name === 'FunctionCall' && x.args?.data?.url?.includes(pageScript)) ||
    events.find((x) => x.name === 'EvaluateScript' && x.args?.data?.url?.includes(pageScript));
  return e ? { pid: e.pid, tid: e.tid } : null;
}

/**
 * The content script's main-thread time in thread CPU time (which a wait for a core does not
 * advance; the CPU profiler samples by the wall clock, so on 2 shared cores a preempted stretch
 * counts in full there). Two parts, on the page's main thread:
 *   1. every call into an extension script that the trace names (callbacks of observers,
 *      timers and tasks, script evaluation and compilation: slices with the script's URL; the
 *      outermost one where they nest): their thread time (tdur), including what runs under
 *      them natively (DOM calls, the observers' entry objects), less garbage collection;
 *   2. extension samples of the CPU profile outside those slices (port-message handlers and
 *      promise continuations, which the trace does not attribute to a script): each sample's
 *      wall time scaled by the tdur/dur of the innermost trace slice around it (a microtask
 *      checkpoint, a mojo message, else the task), preemption taken to fall evenly in it.
 * Both clocks are the browser's monotonic clock. Also: the same split in wall time, the wall
 * time of samples no slice encloses (counted unscaled), the tasks' total thread time, and
 * thread time by function (samples only, scaled as in part 2: a rough split, since preemption
 * does not fall evenly: a port message wakes the browser process, which then takes the core,
 * so `send` gets more than its CPU share; kept in the JSON, not in the report).
 */
// Garbage collection slices (devtools.timeline): the wall figure leaves GC samples out (the
// profiler shows them apart, and the heap is shared with the page), so the CPU figure does too.
const GC_SLICES = new Set(['MinorGC', 'MajorGC']);

export function threadTimeShare(profile, events, thread, urlPrefix, isOurs, frameOf) {
  const slices = events
    .filter((e) => e.ph === 'X' && e.pid === thread.pid && e.tid === thread.tid && e.dur > 0 && e.tdur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  let taskThreadUs = 0;
  let taskEnd = -Infinity;
  const calls = []; // outermost slices of calls into our scripts
  let callEnd = -Infinity;
  let gcInCallsUs = 0;
  let gcInCallsWallUs = 0;
  for (const e of slices) {
    if (e.name === 'ThreadControllerImpl::RunTask' && e.ts >= taskEnd) {
      taskEnd = e.ts + e.dur;
      taskThreadUs += e.tdur;
    }
    const url = e.args && e.args.data && e.args.data.url;
    if (typeof url === 'string' && url.startsWith(urlPrefix) && e.ts >= callEnd) {
      callEnd = e.ts + e.dur;
      calls.push(e);
    } else if (GC_SLICES.has(e.name) && e.ts < callEnd) {
      gcInCallsUs += e.tdur; // the heap is shared with the page: not counted, as in the wall figure
      gcInCallsWallUs += e.dur;
    }
  }
  let callsUs = -gcInCallsUs;
  let callsWallUs = -gcInCallsWallUs;
  const byEntry = new Map(); // entry point (the function the browser called) -> [calls, thread µs]
  for (const e of calls) {
    callsUs += Math.min(e.tdur, e.dur);
    callsWallUs += e.dur;
    const d = e.args.data;
    const key = `${e.name === 'FunctionCall' ? d.functionName || '(anonymous)' : e.name} ${d.url.slice(urlPrefix.length)}:${d.lineNumber ?? '?'}`; // trace line numbers are 1-based
    const v = byEntry.get(key) || [0, 0];
    v[0]++;
    v[1] += Math.min(e.tdur, e.dur);
    byEntry.set(key, v);
  }
  const entries = [...byEntry].sort((a, b) => b[1][1] - a[1][1]).slice(0, 10).map(([entry, [n, us]]) => ({ entry, calls: n, ms: us / 1000 }));
  const stack = [];
  let next = 0;
  let call = 0;
  let t = profile.startTime;
  let outsideUs = 0;
  let outsideWallUs = 0;
  let unenclosedUs = 0;
  const byFunction = new Map();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    t += timeDeltas[i];
    while (next < slices.length && slices[next].ts <= t) {
      const e = slices[next++];
      while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur < e.ts) stack.pop();
      stack.push(e);
    }
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur < t) stack.pop();
    if (!isOurs(samples[i])) continue;
    const dt = i + 1 < timeDeltas.length ? timeDeltas[i + 1] : 0;
    const inner = stack[stack.length - 1];
    if (!inner) unenclosedUs += dt;
    const us = inner ? dt * Math.min(1, inner.tdur / inner.dur) : dt;
    const f = frameOf(samples[i]);
    byFunction.set(f, (byFunction.get(f) || 0) + us);
    while (call < calls.length && calls[call].ts + calls[call].dur < t) call++;
    if (call < calls.length && calls[call].ts <= t) continue; // counted with its call's slice
    outsideUs += us;
    outsideWallUs += dt;
  }
  const top = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([f, us]) => ({ function: f, ms: us / 1000 }));
  return {
    ours_thread_ms: (callsUs + outsideUs) / 1000,
    ours_wall_ms: (callsWallUs + outsideWallUs) / 1000,
    calls: calls.length,
    calls_thread_ms: callsUs / 1000,
    gc_in_calls_thread_ms: gcInCallsUs / 1000,
    outside_calls_thread_ms: outsideUs / 1000,
    unenclosed_ms: unenclosedUs / 1000,
    busy_thread_ms: taskThreadUs / 1000,
    top,
    entries,
  };
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
    const stopTrace = TRACE ? await startTrace(session) : async () => null;
    await session.send('Profiler.start');
    const tLoad = Date.now();
    await page.goto(`${server.url}/feeds/bench/`, { waitUntil: 'load' });
    await page.waitForTimeout(500); // document_idle: the content script starts
    const scroll = await scrollFeed(page);
    await page.waitForTimeout(SETTLE_MS);
    const { profile } = await session.send('Profiler.stop');
    const traceEvents = await stopTrace();
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
    const ourPrefix = extensionId ? `chrome-extension://${extensionId}/` : 'chrome-extension://';
    const share = profileShare(profile, ourPrefix);
    const thread = traceEvents && pageMainThread(traceEvents, '/feeds/bench/feed.js');
    if (traceEvents && !thread) throw new Error("the trace holds no call into the feed's script: cannot tell the page's main thread");
    const cpu = !traceEvents ? null : threadTimeShare(profile, traceEvents, thread, ourPrefix, share.isOurs, share.frameOf);
    return {
      mode,
      ...scroll,
      wall_s: wall,
      ...marks,
      main_thread_busy_ms: share.busy_ms,
      extension_ms: share.ours_ms,
      extension_ms_per_100_posts: share.ours_ms / (scroll.posts / 100),
      extension_longest_run_ms: share.longest_run_ms,
      // thread CPU time (see threadTimeShare): without the time the thread waited for a core
      main_thread_busy_cpu_ms: cpu ? cpu.busy_thread_ms : null,
      extension_cpu_ms: cpu ? cpu.ours_thread_ms : null,
      extension_cpu_ms_per_100_posts: cpu ? cpu.ours_thread_ms / (scroll.posts / 100) : null,
      extension_cpu_parts: cpu ? { calls: cpu.calls, calls_ms: cpu.calls_thread_ms, gc_left_out_ms: cpu.gc_in_calls_thread_ms, outside_calls_ms: cpu.outside_calls_thread_ms, same_parts_wall_ms: cpu.ours_wall_ms, unenclosed_wall_ms: cpu.unenclosed_ms } : null,
      extension_top_functions_cpu: cpu ? cpu.top : null,
      extension_cpu_by_entry: cpu ? cpu.entries : null,
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
  traced: TRACE,
  // every task's thread time on the page's main thread, on minus off (style, layout and the
  // observers' intersection work the extension causes count here, not in the content script)
  extra_busy_cpu_ms_per_100_posts: TRACE ? (on.main_thread_busy_cpu_ms - off.main_thread_busy_cpu_ms) / (on.posts / 100) : null,
  extra_long_tasks: on.long_tasks - off.long_tasks,
};
const file = writeResult('page-cost', result);
const cpuNote = TRACE ? ` / ${on.extension_cpu_ms_per_100_posts.toFixed(2)} ms thread CPU` : '';
console.log(`page-cost: content script ${on.extension_ms_per_100_posts.toFixed(2)} ms wall${cpuNote} per 100 posts ` +
  `(longest stretch ${on.extension_longest_run_ms.toFixed(1)} ms), scanned ${on.scanned}/${on.articles} posts, ` +
  `${on.listings} listings; long tasks on ${on.long_tasks} / off ${off.long_tasks} -> ${file}`);
