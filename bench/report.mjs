// Prints the benchmark table from target/bench-results/*.json and criterion's estimates, with
// each target of issue 8 marked met or missed. Also writes target/bench-results/summary.txt.
//   node bench/report.mjs [--criterion DIR]
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RESULTS, ROOT } from './lib/node-env.mjs';

const args = process.argv.slice(2);
const CRITERION = args.includes('--criterion')
  ? args[args.indexOf('--criterion') + 1]
  : path.join(process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target'), 'criterion');

const load = (name) => {
  const f = path.join(RESULTS, `${name}.json`);
  try {
    return JSON.parse(readFileSync(f, 'utf8'));
  } catch {
    return null;
  }
};

/** criterion's median time (ns) and bytes per iteration for one benchmark directory. */
function criterionBench(dir) {
  try {
    const est = JSON.parse(readFileSync(path.join(dir, 'new/estimates.json'), 'utf8'));
    const meta = JSON.parse(readFileSync(path.join(dir, 'new/benchmark.json'), 'utf8'));
    const ns = est.median.point_estimate;
    const bytes = meta.throughput && meta.throughput.Bytes;
    return { ns, bytes, mb_per_s: bytes / 1e6 / (ns / 1e9), param: Number(meta.value_str) };
  } catch {
    return null;
  }
}

function nativeResults() {
  const corpusDir = path.join(CRITERION, 'corpus/scan');
  let corpus = null;
  if (existsSync(corpusDir)) {
    // a directory per corpus size ever run: the newest is this run's
    let newest = 0;
    for (const d of readdirSync(corpusDir)) {
      const dir = path.join(corpusDir, d);
      const b = criterionBench(dir);
      const t = b ? statSync(path.join(dir, 'new/estimates.json')).mtimeMs : 0;
      if (b && t > newest) {
        newest = t;
        corpus = { ...b, posts: b.param, posts_per_s: b.param / (b.ns / 1e9) };
      }
    }
  }
  const growth = {};
  const growthDir = path.join(CRITERION, 'growth');
  if (existsSync(growthDir)) {
    for (const d of readdirSync(growthDir)) {
      const b = criterionBench(path.join(growthDir, d));
      if (b) growth[b.param] = b.mb_per_s;
    }
  }
  return { corpus, growth };
}

const fmt = (v, digits = 1) => (v === null || v === undefined || Number.isNaN(v) ? '-' : Number(v).toFixed(digits));
const int = (v) => (v === null || v === undefined || Number.isNaN(v) ? '-' : Math.round(v).toLocaleString('en-US'));
const verdict = (ok) => (ok === null ? 'n/a' : ok ? 'MET' : 'MISSED');

/** Plain-text table; the first `left` columns are left-aligned, the rest (figures) right. */
function table(rows, left = 1) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows.map((r) => r.map((cell, c) => (c < left ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  ').trimEnd()).join('\n');
}

const out = [];
const say = (s = '') => out.push(s);

const node = load('node');
const chromium = load('chromium');
const sw = load('sw-path');
const page = load('page-cost');
const loadtest = load('loadtest');
const wasmSize = load('wasm-size');
const stages = load('stages');
const native = nativeResults();
const targets = [];

const runAt = [node, chromium, sw, page, loadtest].filter(Boolean).map((r) => r.written_at).sort().pop() || new Date().toISOString();
say(`Nigehban benchmarks — ${runAt.slice(0, 16)}Z`);
say(`machine: ${os.cpus()[0]?.model || 'cpu'} x${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`);
const rulesVersion = (chromium || node || {}).rules_version;
if (rulesVersion) say(`rules: ${rulesVersion}`);
say();

// --- throughput ---------------------------------------------------------------------------
const tp = (chromium || node || {}).throughput;
say(`Engine throughput: dev corpus repeated to ${tp ? (tp.bytes / 1e6).toFixed(1) : '?'} MB` +
  `${tp ? ` (${int(tp.posts)} posts), scanBatch of ${tp.batch}, median of ${tp.rounds} rounds` : ''}`);
const rows = [['runtime', 'engine', 'MB/s', 'posts/s', 'wasm/JS']];
if (native.corpus) rows.push(['native (criterion)', 'rust', fmt(native.corpus.mb_per_s), int(native.corpus.posts_per_s), '']);
for (const [label, r] of [['node', node], ['chromium', chromium]]) {
  if (!r) continue;
  const w = r.throughput.engines.wasm;
  const j = r.throughput.engines.js;
  rows.push([`${label} (${label === 'node' ? r.runtime.replace('node ', '') : 'same tab'})`, 'wasm', fmt(w.mb_per_s), int(w.posts_per_s), `${fmt(w.speedup_vs_js, 2)}x`]);
  rows.push(['', 'js, one RegExp (trie)', fmt(j.mb_per_s), int(j.posts_per_s), '']);
}
for (const [label, r] of [['node', node], ['chromium', chromium]]) {
  if (!r || !r.per_list) continue;
  const p = r.per_list;
  rows.push([`${label} (${(p.bytes / 1e6).toFixed(1)} MB)`, 'js, one RegExp per list', fmt(p.engines.js_per_list.mb_per_s), int(p.engines.js_per_list.posts_per_s), `${fmt(p.engines.wasm.speedup_vs_js_per_list, 2)}x`]);
}
if (chromium && chromium.per_post) rows.push(['chromium', 'wasm scan() per post', fmt(chromium.per_post.mb_per_s), int(chromium.per_post.posts_per_s), '']);
say(table(rows, 2));
if (chromium) {
  const w = chromium.throughput.engines.wasm;
  targets.push(['wasm in Chromium >= 2x JS baseline', `${fmt(w.speedup_vs_js, 2)}x`, w.speedup_vs_js >= 2]);
  targets.push(['wasm in Chromium >= 50 MB/s', `${fmt(w.mb_per_s)} MB/s`, w.mb_per_s >= 50]);
  say(`baseline agrees with the engine on flagged/not for ${fmt(100 * chromium.flagged_agreement, 0)} % of corpus posts`);
}
say();

// --- stages -------------------------------------------------------------------------------
if (stages) {
  say(`Where a wasm scan's time goes: ${stages.runtime}, a build whose scans stop after each stage, ${(stages.bytes / 1e6).toFixed(1)} MB, median of ${stages.rounds} rounds`);
  const sr = [['scan up to', 'MB/s', 'ns per byte', 'stage adds', 'share']];
  for (const s of stages.stages) sr.push([s.label, fmt(s.mb_per_s), fmt(s.ns_per_byte), fmt(s.step_ns_per_byte), `${fmt(100 * s.step_share, 0)} %`]);
  say(table(sr));
  const terms = stages.stages.find((s) => s.stage === 'terms');
  if (terms) say(`folding and the term search alone, with nothing after them: ${fmt(terms.mb_per_s)} MB/s`);
  say();
}

// --- growth -------------------------------------------------------------------------------
const sizes = [100, 1000, 10000, 100000, 1000000];
const growthRows = [['post size', 'native MB/s', 'node wasm', 'chromium wasm', 'chromium js']];
const pick = (r, size, engine) => {
  const g = r && r.growth.find((x) => x.size === size);
  return g ? g.engines[engine].mb_per_s : null;
};
for (const s of sizes) {
  growthRows.push([s >= 1e6 ? `${s / 1e6} MB` : s >= 1e3 ? `${s / 1e3} KB` : `${s} B`, fmt(native.growth[s]), fmt(pick(node, s, 'wasm')), fmt(pick(chromium, s, 'wasm')), fmt(pick(chromium, s, 'js'))]);
}
say('Growth: throughput by post size (constant MB/s = linear cost)');
say(table(growthRows));
// How time grows with size from 10 KB to 1 MB: t ~ size^k; k = 1 is linear. (Posts under
// 10 KB are left out: there the fixed cost per post and the few matches of a short text
// dominate.)
const exponent = (mbps10k, mbps1m) => (mbps10k > 0 && mbps1m > 0 ? Math.log((1e6 / mbps1m) / (1e4 / mbps10k)) / Math.log(100) : null);
const kNative = exponent(native.growth[10000], native.growth[1000000]);
const kChromium = exponent(pick(chromium, 10000, 'wasm'), pick(chromium, 1000000, 'wasm'));
const kJs = exponent(pick(chromium, 10000, 'js'), pick(chromium, 1000000, 'js'));
say(`time ~ size^k from 10 KB to 1 MB (k = 1 is linear): native k = ${fmt(kNative, 2)}, chromium wasm k = ${fmt(kChromium, 2)}, chromium js k = ${fmt(kJs, 2)}`);
const ks = [kNative, kChromium].filter((k) => k !== null);
if (ks.length) targets.push(['cost linear in post size (k <= 1.1, 10 KB -> 1 MB)', `native k ${fmt(kNative, 2)}, chromium wasm k ${fmt(kChromium, 2)}`, ks.every((k) => k <= 1.1)]);
say();

// --- real path ----------------------------------------------------------------------------
if (sw) {
  say('Real path: content script -> message -> service worker -> wasm -> back');
  const br = [['batch', 'bytes', 'median ms', 'p90 ms', 'ms per post']];
  for (const b of sw.batches) br.push([`${b.posts} post${b.posts > 1 ? 's' : ''}`, int(b.bytes), fmt(b.ms_median, 2), fmt(b.ms_p90, 2), fmt(b.ms_per_post, 3)]);
  say(table(br));
  say(`service worker cold start to first verdict: median ${fmt(sw.cold_start.first_verdict_ms_median)} ms over ${sw.cold_start.runs} restarts ` +
    `(warm single-post round trip ${fmt(sw.cold_start.warm_single_ms_median, 2)} ms; an empty extension's worker: ${fmt(sw.cold_start.control_first_verdict_ms_median)} ms)`);
  const m = sw.memory;
  say(`service worker after ${int(m.posts)} posts: JS heap ${fmt(m.js_heap_used_mb_after, 2)} MB used (${fmt(m.js_heap_used_mb_before, 2)} MB before), ` +
    `extension process RSS ${fmt(m.extension_process_rss_mb_after)} MB (${fmt(m.extension_process_rss_mb_before)} MB before)`);
  if (node && node.startup) {
    const s = node.startup;
    say(`start-up parts (Node, same wasm): compile ${fmt(s.compile_ms)} ms, instantiate ${fmt(s.instantiate_ms)} ms, ` +
      `new Scanner() ${fmt(s.new_scanner_ms)} ms, first scan ${fmt(s.first_scan_ms)} ms`);
  }
  say(`wasm size: ${int(sw.wasm.raw_bytes / 1000)} KB raw, ${int(sw.wasm.gzip_bytes / 1000)} KB gzipped (+ ${int(sw.wasm.glue_js_bytes / 1000)} KB JS glue; KB = 1,000 bytes)`);
  if (wasmSize) {
    say(`wasm code by crate (before wasm-opt, ${int(wasmSize.code_bytes / 1024)} KB code + ${int(wasmSize.data_bytes / 1024)} KB data): ` +
      wasmSize.crates.slice(0, 7).map((c) => `${c.crate} ${int(c.bytes / 1024)} KB`).join(', '));
  }
  targets.push(['wasm <= 250 KB gzipped', `${fmt(sw.wasm.gzip_bytes / 1000)} KB`, sw.wasm.gzip_bytes <= 250_000]);
  targets.push(['cold start to first verdict < 100 ms', `${fmt(sw.cold_start.first_verdict_ms_median)} ms`, sw.cold_start.first_verdict_ms_median < 100]);
  say();
}

// --- page cost ----------------------------------------------------------------------------
if (page) {
  say(`Page cost: ${page.on.posts}-post feed scrolled top to bottom (${page.step_px} px every ${page.step_ms} ms)`);
  // Two clocks (BENCHMARKS.md, "What each benchmark does"): wall = CPU-profiler samples, which
  // count time the thread spent preempted; CPU = thread time from a trace recorded alongside.
  const cpuKnown = Number.isFinite(page.on.extension_cpu_ms_per_100_posts);
  const pr = [['extension', 'posts marked', 'listings', 'main busy ms (wall)', 'content script ms (wall)', 'per 100 posts (wall)', 'content script ms (CPU)', 'per 100 posts (CPU)', 'longest stretch ms (wall)', 'long tasks']];
  for (const r of [page.off, page.on]) {
    pr.push([r.mode, `${r.scanned}/${r.articles}`, r.listings, fmt(r.main_thread_busy_ms), fmt(r.extension_ms), fmt(r.extension_ms_per_100_posts, 2),
      cpuKnown ? fmt(r.extension_cpu_ms) : '-', cpuKnown ? fmt(r.extension_cpu_ms_per_100_posts, 2) : '-', fmt(r.extension_longest_run_ms), `${r.long_tasks} (max ${fmt(r.long_task_max_ms)} ms)`]);
  }
  say(table(pr));
  say(`extra main-thread time with the extension (wall, profiler samples): ${fmt(page.extra_busy_ms_per_100_posts, 2)} ms per 100 posts`);
  if (Number.isFinite(page.extra_busy_cpu_ms_per_100_posts)) {
    say(`extra main-thread CPU with the extension (every task's thread time, on minus off; style, layout and intersection work included, and another run's noise): ${fmt(page.extra_busy_cpu_ms_per_100_posts, 2)} ms per 100 posts`);
  }
  if (cpuKnown && page.on.extension_cpu_parts) {
    const p = page.on.extension_cpu_parts;
    say(`content script CPU: ${fmt(p.calls_ms)} ms in ${p.calls} calls into its scripts (trace slices' thread time) + ${fmt(p.outside_calls_ms)} ms of profiler samples outside them (port messages, promise continuations; scaled to thread time); the same parts in wall time ${fmt(p.same_parts_wall_ms)} ms`);
  }
  if (page.on.scan_messages) say(`scan messages: ${page.on.scan_messages} for ${page.on.scanned_texts} texts (${fmt(page.on.scanned_texts / page.on.scan_messages)} per message)`);
  if (page.on.extension_top_functions) {
    say('content script time by function (wall): ' + page.on.extension_top_functions.slice(0, 6).map((f) => `${f.function} ${fmt(f.ms)} ms`).join('; '));
  }
  if (page.on.extension_cpu_by_entry) {
    say('content script CPU by entry point (trace slices; GC included): ' + page.on.extension_cpu_by_entry.slice(0, 6).map((e) => `${e.entry} ${e.calls}x ${fmt(e.ms)} ms`).join('; '));
  }
  if (page.on.extension_hot_lines) {
    say('hottest lines (share of self samples): ' + page.on.extension_hot_lines.slice(0, 5).map((l) => `${l.line} ${fmt(100 * l.share, 0)} %`).join(', '));
  }
  // Judged on thread CPU time when the trace gave it (wall time counts the waits for a core of
  // a shared machine); the wall figure stays beside it.
  targets.push(cpuKnown
    ? ['content script < 5 ms per 100 posts (thread CPU)', `${fmt(page.on.extension_cpu_ms_per_100_posts, 2)} ms CPU (${fmt(page.on.extension_ms_per_100_posts, 2)} ms wall)`, page.on.extension_cpu_ms_per_100_posts < 5]
    : ['content script < 5 ms per 100 posts (wall)', `${fmt(page.on.extension_ms_per_100_posts, 2)} ms`, page.on.extension_ms_per_100_posts < 5]);
  targets.push(['no long task caused by the extension', `${page.extra_long_tasks} extra; longest stretch ${fmt(page.on.extension_longest_run_ms)} ms`, page.extra_long_tasks <= 0 && page.on.extension_longest_run_ms < 50]);
  if (page.on.scanned < page.on.articles) say(`WARNING: only ${page.on.scanned} of ${page.on.articles} posts were marked: the page-cost figure covers a partial scan`);
  say();
}

// --- collector load test ------------------------------------------------------------------
if (loadtest) {
  say(`Collector load test: ${int(loadtest.total)} deliveries, ${loadtest.clients} concurrent clients, ${fmt(100 * loadtest.duplicate_share, 0)} % re-sends (loopback)`);
  const lr = [['database', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'unique stored', 'lost', 'stored twice', 'retries', 'result']];
  for (const r of loadtest.results) {
    if (r.skipped) {
      lr.push([r.backend, '-', '-', '-', '-', '-', '-', '-', '-', `skipped: ${r.skipped}`]);
      continue;
    }
    lr.push([r.backend, fmt(r.throughput_rps, 0), fmt(r.latency_ms.p50), fmt(r.latency_ms.p99), fmt(r.latency_ms.max), `${r.stored_unique}/${r.unique_reports}`, r.lost, r.stored_twice, r.retries, r.ok ? 'OK' : 'FAILED']);
    targets.push([`collector ${r.backend}: every unique report stored once, none lost`, `${r.stored_unique}/${r.unique_reports}, lost ${r.lost}, twice ${r.stored_twice}`, r.ok]);
  }
  say(table(lr));
  say();
}

say('Targets');
say(table([['target', 'measured', 'result'], ...targets.map(([t, m, ok]) => [t, m, verdict(ok)])], 2));

const text = out.join('\n');
console.log(text);
if (existsSync(RESULTS)) writeFileSync(path.join(RESULTS, 'summary.txt'), text + '\n');
