// The in-browser half of the engine benchmark: loads the wasm engine and the JS baseline, reads
// the rules and the corpus, and measures both on the same posts in this tab.
// `window.nigehbanBench({quick})` returns the figures (bench/chromium.mjs calls it); the Run
// button shows them in a table.
import init, { Scanner } from '/wasm/nigehban.js';
import { parse as parseToml } from '/vendor/smol-toml/index.js';
import { createBaseline } from '/bench-lib/js-baseline.mjs';
import { compareEngines } from '/bench-lib/lib/compare.mjs';
import { growth, throughput } from '/bench-lib/lib/measure.mjs';
import { corpusTexts } from '/bench-lib/lib/workload.mjs';

async function setup() {
  const [rulesText, corpusText] = await Promise.all([
    fetch('/rules/rules.toml').then((r) => r.text()),
    fetch('/corpus/dev.jsonl').then((r) => {
      if (!r.ok) throw new Error(`corpus: HTTP ${r.status}`);
      return r.text();
    }),
  ]);
  const t0 = performance.now();
  await init({ module_or_path: '/wasm/nigehban_bg.wasm' });
  const scanner = new Scanner();
  const initMs = performance.now() - t0;
  const rules = parseToml(rulesText);
  const baseline = createBaseline(rules, { mode: 'combined' });
  const perList = createBaseline(rules, { mode: 'per-list' });
  return { scanner, baseline, perList, texts: corpusTexts(corpusText), initMs };
}

const ready = setup();

async function nigehbanBench({ quick = false } = {}) {
  const { scanner, baseline, perList, texts, initMs } = await ready;
  const { engines, posts, bytes, agreement, throughput: tp, perList: plain } = compareEngines({ scanner, baseline, perList, texts, quick });
  // one call per post, as a content script without batching would do
  const single = throughput({
    engines: { wasm_per_post: (batch) => batch.map((t) => scanner.scan(t)) },
    posts, bytes, batch: 100, rounds: quick ? 2 : 3,
  });
  const gr = growth({ engines, texts, bytesPerSize: quick ? 300_000 : 1_000_000, rounds: quick ? 2 : 3 });
  return {
    runtime: navigator.userAgent,
    rules_version: scanner.rulesVersion(),
    wasm_init_ms: initMs,
    flagged_agreement: agreement,
    baseline_rules: baseline.describe(),
    throughput: tp,
    per_post: single.engines.wasm_per_post,
    per_list: plain,
    growth: gr,
  };
}

function row(tbody, cells) {
  const tr = document.createElement('tr');
  for (const c of cells) {
    const td = document.createElement('td');
    td.textContent = c; // text only: nothing here is HTML
    tr.append(td);
  }
  tbody.append(tr);
}

function show(result) {
  const table = document.getElementById('results');
  const tbody = table.querySelector('tbody');
  tbody.replaceChildren();
  const tp = result.throughput;
  for (const [name, e] of Object.entries(tp.engines)) {
    const vs = e.speedup_vs_js ? `${e.speedup_vs_js.toFixed(2)}x` : '';
    row(tbody, [`corpus ${(tp.bytes / 1e6).toFixed(1)} MB`, name, e.mb_per_s.toFixed(1), Math.round(e.posts_per_s), vs]);
  }
  for (const g of result.growth) {
    for (const [name, e] of Object.entries(g.engines)) row(tbody, [`one ${g.size} B post`, name, e.mb_per_s.toFixed(1), '', '']);
  }
  table.hidden = false;
}

window.nigehbanBench = nigehbanBench;
const button = document.getElementById('run');
const status = document.getElementById('status');
ready.then(
  ({ texts }) => {
    status.textContent = `ready: ${texts.length} corpus posts`;
    button.disabled = false;
  },
  (e) => { status.textContent = `cannot start: ${e.message}`; },
);
button.addEventListener('click', async () => {
  button.disabled = true;
  status.textContent = 'running…';
  await new Promise((r) => setTimeout(r, 50));
  try {
    show(await nigehbanBench({ quick: false }));
    status.textContent = 'done';
  } catch (e) {
    status.textContent = `failed: ${e.message}`;
  }
  button.disabled = false;
});
