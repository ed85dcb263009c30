// The real JavaScript API gives the native verdicts: loads www/wasm/nigehban.js in Node
// (initSync, as tests and benchmarks do), runs scanBatch over a JSON-lines corpus, and compares
// every verdict with `target/release/nigehban scan --jsonl` on the same file. JS offsets are
// UTF-16 code units and the CLI's are UTF-8 bytes, so offsets are compared after conversion.
//
//   node scripts/wasm-parity.mjs [CORPUS]     (default ../shared/corpus/dev.jsonl)

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(process.argv[2] ?? path.join(ROOT, '..', 'shared', 'corpus', 'dev.jsonl'));
const cli = path.join(path.resolve(ROOT, process.env.CARGO_TARGET_DIR ?? 'target'), 'release', 'nigehban');
const wasmDir = path.join(ROOT, 'www', 'wasm');

const FIELDS = ['flagged', 'level', 'score', 'categories', 'prices', 'contacts', 'spans', 'reasons'];

function fail(msg) {
  console.error(`wasm-parity: ${msg}`);
  process.exit(1);
}

/** UTF-16 offset -> UTF-8 byte offset in `text`. */
const byteOffset = (text, utf16) => Buffer.byteLength(text.slice(0, utf16), 'utf8');

function jsToNativeOffsets(text, verdict) {
  const out = structuredClone(verdict);
  for (const list of ['spans', 'prices', 'contacts']) {
    for (const item of out[list] ?? []) {
      item.start = byteOffset(text, item.start);
      item.end = byteOffset(text, item.end);
    }
  }
  return out;
}

const posts = readFileSync(corpus, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l, i) => {
    try {
      return JSON.parse(l);
    } catch (err) {
      return fail(`${corpus}:${i + 1} is not JSON (${err.message})`);
    }
  });

let mod;
try {
  mod = await import(pathToFileURL(path.join(wasmDir, 'nigehban.js')).href);
  mod.initSync({ module: readFileSync(path.join(wasmDir, 'nigehban_bg.wasm')) });
} catch (err) {
  fail(`cannot load ${wasmDir}/nigehban.js (run ./build.sh first): ${err.message}`);
}
const scanner = new mod.Scanner();
const t0 = performance.now();
const jsVerdicts = scanner.scanBatch(posts.map((p) => p.text));
const jsMs = performance.now() - t0;

let nativeOut;
try {
  nativeOut = execFileSync(cli, ['scan', '--jsonl', corpus], { encoding: 'utf8', maxBuffer: 1 << 28 });
} catch (err) {
  fail(`${cli} scan failed (run ./build.sh first): ${err.message}`);
}
const native = nativeOut.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

if (jsVerdicts.length !== posts.length) fail(`scanBatch gave ${jsVerdicts.length} verdicts for ${posts.length} posts`);
if (native.length !== posts.length) fail(`the CLI gave ${native.length} verdicts for ${posts.length} posts`);

let diffs = 0;
posts.forEach((post, i) => {
  const js = jsToNativeOffsets(post.text, jsVerdicts[i]);
  const nat = native[i];
  if (nat.id !== (post.id ?? null)) fail(`CLI line ${i + 1} has id ${nat.id}, expected ${post.id}`);
  for (const f of FIELDS) {
    if (!isDeepStrictEqual(js[f], nat[f])) {
      diffs++;
      if (diffs <= 10) {
        console.error(`  ${post.id ?? `line ${i + 1}`}: ${f} differs\n    js:     ${JSON.stringify(js[f])}\n    native: ${JSON.stringify(nat[f])}`);
      }
    }
  }
});
const flagged = jsVerdicts.filter((v) => v.flagged).length;
if (diffs > 0) fail(`${diffs} field(s) differ between the JS API and the native CLI`);
console.log(
  `    ${posts.length} posts: JS scanBatch and native CLI agree on every field ` +
    `(${flagged} flagged; scanBatch ${jsMs.toFixed(1)} ms, rules ${scanner.rulesVersion()})`,
);
