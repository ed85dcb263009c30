// Engine throughput in Node: the wasm build (the same files the extension ships) against the
// JavaScript RegExp baseline, on the dev corpus repeated to 3 MB, plus growth from 100 B to
// 1 MB posts. Writes target/bench-results/node.json; `node bench/node-wasm.mjs [--quick]`.
import { cliOptions, loadWasm, readCorpus, readRules, writeResult } from './lib/node-env.mjs';
import { compareEngines } from './lib/compare.mjs';
import { growth } from './lib/measure.mjs';
import { createBaseline } from './js-baseline.mjs';

const { quick } = cliOptions();
const texts = readCorpus();
const { scanner, dir, startup } = await loadWasm();
const rules = readRules();
const baseline = createBaseline(rules, { mode: 'combined' });
const perList = createBaseline(rules, { mode: 'per-list' });

const { engines, agreement, throughput: tp, perList: plain } = compareEngines({ scanner, baseline, perList, texts, quick });
// growth in Node for wasm only: the JS baseline's growth is measured in Chromium
const gr = growth({ engines: { wasm: engines.wasm }, texts, bytesPerSize: quick ? 300_000 : 1_000_000, rounds: quick ? 3 : 5 });

const file = writeResult('node', {
  runtime: `node ${process.version}`,
  wasm_dir: dir,
  startup,
  rules_version: scanner.rulesVersion(),
  baseline_rules: baseline.describe(),
  flagged_agreement: agreement,
  throughput: tp,
  per_list: plain,
  growth: gr,
});
const w = tp.engines.wasm;
const j = tp.engines.js;
console.log(`node: wasm ${w.mb_per_s.toFixed(1)} MB/s (${Math.round(w.posts_per_s)} posts/s), ` +
  `js ${j.mb_per_s.toFixed(1)} MB/s, wasm/js ${w.speedup_vs_js.toFixed(2)}x -> ${file}`);
