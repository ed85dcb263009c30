// Where a wasm scan's time goes: the same posts scanned by a build whose scans can stop after
// each stage (feature "stages", built by `./build.sh stages-wasm` into target/wasm-stages/;
// never shipped), in Node. Each stage's cost is its throughput's time per byte less the stage
// before. Writes target/bench-results/stages.json; `node bench/stages.mjs [--quick]`.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT, cliOptions, loadWasm, readCorpus, writeResult } from './lib/node-env.mjs';
import { throughput } from './lib/measure.mjs';
import { repeatToBytes } from './lib/workload.mjs';

// In the order of engine::stages::Stage::ALL; the last is the whole scan, verdicts to JS included.
const STAGES = [
  ['input', 'texts into wasm'],
  ['normalize', '+ folding (normalize)'],
  ['terms', '+ term search (Aho-Corasick)'],
  ['signals', '+ prices, contacts, numbers'],
  ['score', '+ scoring, the verdict'],
  ['full', '+ UTF-16 offsets, verdicts to JS'],
];

const { quick } = cliOptions();
const dir = path.resolve(process.env.NIGEHBAN_STAGES_WASM_DIR || path.join(ROOT, 'target/wasm-stages'));
if (!existsSync(path.join(dir, 'nigehban_bg.wasm'))) {
  throw new Error(`no stages build in ${dir}: run ./build.sh stages-wasm first`);
}
const { scanner } = await loadWasm(dir);
if (typeof scanner.scanBatchUntil !== 'function') throw new Error(`${dir} was built without the stages feature`);

const { posts, bytes } = repeatToBytes(readCorpus(), quick ? 1_000_000 : 3_000_000);
let sink = 0; // what each stage made, kept so that nothing is optimised away
const engines = Object.fromEntries(
  STAGES.map(([name], i) => [
    name,
    name === 'full'
      ? (batch) => scanner.scanBatch(batch)
      : (batch) => {
          sink += scanner.scanBatchUntil(batch, i);
          return batch;
        },
  ]),
);
const tp = throughput({ engines, posts, bytes, batch: 100, rounds: quick ? 3 : 7 });
const nsPerByte = (name) => (tp.engines[name].ms_median * 1e6) / bytes;
const full = nsPerByte('full');
const stages = STAGES.map(([name, label], i) => {
  const ns = nsPerByte(name);
  const step = i === 0 ? ns : ns - nsPerByte(STAGES[i - 1][0]);
  return { stage: name, label, mb_per_s: tp.engines[name].mb_per_s, ns_per_byte: ns, step_ns_per_byte: step, step_share: step / full };
});
const file = writeResult('stages', { runtime: `node ${process.version}`, wasm_dir: dir, posts: posts.length, bytes, rounds: tp.rounds, stages, sink });
for (const s of stages) {
  console.log(`${s.label.padEnd(34)} ${s.mb_per_s.toFixed(1).padStart(6)} MB/s  ${s.step_ns_per_byte.toFixed(1).padStart(5)} ns/byte  ${(100 * s.step_share).toFixed(0).padStart(3)} %`);
}
console.log(`-> ${file}`);
