// The wasm-vs-JavaScript comparison that both runtimes run (Node in bench/node-wasm.mjs,
// Chromium in www/bench/bench.js, served there as /bench-lib/lib/compare.mjs), so that their
// figures measure the same thing on the same workload.
import { throughput } from './measure.mjs';
import { repeatToBytes } from './workload.mjs';

/**
 * Scans the corpus repeated to a few MB with the wasm engine and the JS baseline (one RegExp
 * built as a prefix tree), and the first MB with the plain one-RegExp-per-list baseline.
 * Returns the engines, the repeated workload, how often the baseline agrees with the engine on
 * flagged/not, and both throughput tables.
 */
export function compareEngines({ scanner, baseline, perList, texts, quick = false }) {
  const engines = {
    wasm: (batch) => scanner.scanBatch(batch),
    js: (batch) => baseline.scanBatch(batch),
  };
  let agree = 0;
  for (const t of texts) if (scanner.scan(t).flagged === baseline.scan(t).flagged) agree++;
  const { posts, bytes } = repeatToBytes(texts, quick ? 1_000_000 : 3_000_000);
  const tp = throughput({ engines, posts, bytes, batch: 100, rounds: quick ? 3 : 5, base: 'js' });
  // one RegExp per list (the plain way) is slower still: measured on the first 1 MB only
  const small = repeatToBytes(texts, quick ? 300_000 : 1_000_000);
  const plain = throughput({
    engines: { wasm: engines.wasm, js_per_list: (batch) => perList.scanBatch(batch) },
    ...small, batch: 100, rounds: quick ? 2 : 3, base: 'js_per_list',
  });
  return { engines, posts, bytes, agreement: agree / texts.length, throughput: tp, perList: plain };
}
