// Node-side inputs of the benchmarks: where the repo, corpus, rules and wasm build are, and
// where results go. One place, so every bench script reads the same files.
import { readFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseToml } from 'smol-toml';
import { corpusTexts } from './workload.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS = process.env.NIGEHBAN_CORPUS || path.resolve(ROOT, '../shared/corpus/dev.jsonl');
export const RESULTS = process.env.NIGEHBAN_BENCH_OUT || path.join(ROOT, 'target/bench-results');

/** Wasm-bindgen output directories, the first that exists wins (the packaged extension first). */
const WASM_DIRS = ['dist/chrome/wasm', 'extension/wasm', 'www/wasm'];

export function readCorpus() {
  if (!existsSync(CORPUS)) throw new Error(`corpus not found at ${CORPUS} (set NIGEHBAN_CORPUS)`);
  return corpusTexts(readFileSync(CORPUS, 'utf8'));
}

export function readRules() {
  return parseToml(readFileSync(path.join(ROOT, 'rules/rules.toml'), 'utf8'));
}

export function wasmDir() {
  // NIGEHBAN_WASM_DIR measures another build (e.g. a candidate's) with the same scripts
  if (process.env.NIGEHBAN_WASM_DIR) return path.resolve(process.env.NIGEHBAN_WASM_DIR);
  for (const d of WASM_DIRS) {
    const dir = path.join(ROOT, d);
    if (existsSync(path.join(dir, 'nigehban.js')) && existsSync(path.join(dir, 'nigehban_bg.wasm'))) return dir;
  }
  return null;
}

/** Loads a wasm build (the shipped one by default) in Node: initSync with the module bytes, as DESIGN.md promises. */
export async function loadWasm(dir = wasmDir()) {
  if (!dir) throw new Error(`no wasm build found in ${WASM_DIRS.join(', ')}: run ./build.sh first`);
  const mod = await import(pathToFileURL(path.join(dir, 'nigehban.js')).href);
  const bytes = readFileSync(path.join(dir, 'nigehban_bg.wasm'));
  // start-up in three parts: what a cold service worker pays before its first verdict
  let t = performance.now();
  const module = new WebAssembly.Module(bytes);
  const compileMs = performance.now() - t;
  t = performance.now();
  mod.initSync({ module });
  const instantiateMs = performance.now() - t;
  t = performance.now();
  const scanner = new mod.Scanner();
  const constructMs = performance.now() - t;
  t = performance.now();
  scanner.scan('CDR 3 months Rs 2000, WhatsApp 0300-0000111');
  const firstScanMs = performance.now() - t;
  const startup = { compile_ms: compileMs, instantiate_ms: instantiateMs, new_scanner_ms: constructMs, first_scan_ms: firstScanMs };
  return { mod, dir, scanner, startup };
}

export function writeResult(name, data) {
  mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${name}.json`);
  writeFileSync(file, JSON.stringify({ ...data, written_at: new Date().toISOString() }, null, 2));
  return file;
}

/** Options from argv: --quick (fewer rounds, for a smoke run) and --out-only (no table). */
export function cliOptions() {
  const args = process.argv.slice(2);
  return { quick: args.includes('--quick') || process.env.NIGEHBAN_BENCH_QUICK === '1' };
}
