// Timing helpers shared by the Node and the Chromium benchmarks (no Node or DOM APIs here).
// Every figure is a median over rounds; engines run in alternating order within a round so a
// slow spell of the shared machine hits both sides alike.

import { chunks, postOfSize, utf8Bytes, GROWTH_SIZES } from './workload.mjs';

export function median(values) {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values, p) {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const rank = Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1));
  return v[rank];
}

/** Runs fn once and returns its wall time in milliseconds (and keeps its result alive). */
function timeOnce(fn) {
  const t0 = performance.now();
  const out = fn();
  const ms = performance.now() - t0;
  if (out === undefined) throw new Error('engine returned nothing');
  return ms;
}

/**
 * Throughput of each engine over the same posts, scanned in batches of `batch` (the service
 * worker's unit of work). `engines` maps a name to `(texts) => verdicts`.
 * Returns per engine {mbPerS, postsPerS, msPerRound[]}, and the per-round ratios against `base`.
 */
export function throughput({ engines, posts, bytes, batch = 100, rounds = 7, warmup = 1, base = null }) {
  const batches = chunks(posts, batch);
  const names = Object.keys(engines);
  const ms = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < warmup + rounds; r++) {
    const order = r % 2 ? [...names].reverse() : names;
    for (const name of order) {
      const scan = engines[name];
      const t = timeOnce(() => {
        let n = 0;
        for (const b of batches) n += scan(b).length;
        if (n !== posts.length) throw new Error(`${name}: ${n} verdicts for ${posts.length} posts`);
        return n;
      });
      if (r >= warmup) ms[name].push(t);
    }
  }
  const result = { posts: posts.length, bytes, batch, rounds, engines: {} };
  for (const name of names) {
    const med = median(ms[name]);
    result.engines[name] = {
      ms_median: med,
      ms_min: Math.min(...ms[name]),
      ms_max: Math.max(...ms[name]),
      mb_per_s: bytes / 1e6 / (med / 1000),
      posts_per_s: posts.length / (med / 1000),
    };
  }
  if (base) {
    for (const name of names) {
      if (name === base) continue;
      // ratio > 1: `name` is faster than `base`; pair by pair, then the median
      result.engines[name][`speedup_vs_${base}`] = median(ms[base].map((b, i) => b / ms[name][i]));
    }
  }
  return result;
}

/**
 * Throughput for single posts of 100 B .. 1 MB. Each size scans about `bytesPerSize` in total
 * (many small posts, or one big post several times), so every row costs about the same time.
 */
export function growth({ engines, texts, sizes = GROWTH_SIZES, bytesPerSize = 1_000_000, rounds = 5, budgetMs = 4000 }) {
  const rows = [];
  for (const size of sizes) {
    const post = postOfSize(texts, size);
    const postBytes = utf8Bytes(post);
    const count = Math.max(1, Math.round(bytesPerSize / postBytes));
    const row = { size, bytes: postBytes, count, engines: {} };
    for (const [name, scan] of Object.entries(engines)) {
      const times = [];
      const run = () => timeOnce(() => {
        let n = 0;
        for (let i = 0; i < count; i++) n += scan([post]).length;
        return n;
      });
      // a warm-up round, then rounds until `rounds` or the time budget (a slow, superlinear
      // engine must not make the benchmark run for minutes); at least one counted round
      const first = run();
      let spent = first;
      if (first * 2 > budgetMs) times.push(first);
      while (times.length < rounds && (times.length === 0 || spent < budgetMs)) {
        const t = run();
        spent += t;
        times.push(t);
      }
      const med = median(times);
      row.engines[name] = { ms_median: med, rounds: times.length, mb_per_s: (postBytes * count) / 1e6 / (med / 1000) };
    }
    rows.push(row);
  }
  return rows;
}
