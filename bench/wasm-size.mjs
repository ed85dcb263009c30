// Where the wasm's bytes go: code size per crate (from the function names of the unstripped
// cargo output, before wasm-bindgen and wasm-opt) and the data section (constant tables).
// Writes target/bench-results/wasm-size.json.
//   node bench/wasm-size.mjs [path/to/nigehban.wasm]
// Default input: $CARGO_TARGET_DIR (or target)/wasm32-unknown-unknown/release/nigehban.wasm,
// which build.sh leaves unstripped (wasm-bindgen needs its sections).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, writeResult } from './lib/node-env.mjs';

const input = process.argv[2] ||
  path.join(process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target'), 'wasm32-unknown-unknown/release/nigehban.wasm');

// Crates as they appear in mangled names; the earliest one named in a symbol owns it.
const CRATES = [
  'regex_automata', 'regex_syntax', 'regex', 'aho_corasick', 'toml_edit', 'toml_datetime', 'toml', 'winnow',
  'serde_wasm_bindgen', 'unicode_normalization', 'wasm_bindgen', 'js_sys', 'nigehban', 'hashbrown', 'memchr',
  'serde_json', 'serde_core', 'serde', 'dlmalloc', 'alloc', 'core', 'std',
];

/** Parses the sections of a wasm module: per-function body sizes, names, data size. */
export function wasmSections(bytes) {
  let p = 8;
  const leb = () => {
    let r = 0;
    let shift = 0;
    let x;
    do {
      x = bytes[p++];
      r += (x & 0x7f) * 2 ** shift;
      shift += 7;
    } while (x & 0x80);
    return r;
  };
  const skipName = () => {
    const n = leb();
    p += n;
  };
  let imported = 0;
  const bodies = [];
  const names = new Map();
  let data = 0;
  let code = 0;
  while (p < bytes.length) {
    const id = bytes[p++];
    const size = leb();
    const start = p;
    if (id === 2) {
      // imports: count the imported functions, they come first in the function index space
      for (let n = leb(); n > 0; n--) {
        skipName();
        skipName();
        const kind = bytes[p++];
        if (kind === 0) {
          leb();
          imported++;
        } else if (kind === 1) {
          p++;
          const f = leb();
          leb();
          if (f & 1) leb();
        } else if (kind === 2) {
          const f = leb();
          leb();
          if (f & 1) leb();
        } else if (kind === 3) {
          p += 2;
        } else {
          throw new Error(`unknown import kind ${kind}`);
        }
      }
    } else if (id === 10) {
      code = size;
      for (let n = leb(), i = 0; i < n; i++) {
        const len = leb();
        bodies.push([imported + i, len]);
        p += len;
      }
    } else if (id === 11) {
      data = size;
    } else if (id === 0) {
      const len = leb();
      const name = bytes.subarray(p, p + len).toString();
      p += len;
      if (name === 'name') {
        while (p < start + size) {
          const sub = bytes[p++];
          const subSize = leb();
          const end = p + subSize;
          if (sub === 1) {
            for (let n = leb(); n > 0; n--) {
              const idx = leb();
              const l = leb();
              names.set(idx, bytes.subarray(p, p + l).toString());
              p += l;
            }
          }
          p = end;
        }
      }
    }
    p = start + size;
  }
  return { bodies, names, code, data };
}

if (!existsSync(input)) {
  console.error(`wasm-size: ${input} not found (build.sh builds it)`);
  process.exit(2);
}
const { bodies, names, code, data } = wasmSections(readFileSync(input));
if (names.size === 0) {
  console.error(`wasm-size: ${input} has no name section (stripped): build it with CARGO_PROFILE_RELEASE_STRIP=false`);
  process.exit(2);
}
const byCrate = new Map();
for (const [i, size] of bodies) {
  const name = names.get(i) || '';
  let owner = 'other';
  let at = Infinity;
  for (const c of CRATES) {
    const k = name.indexOf(c);
    if (k >= 0 && k < at) {
      at = k;
      owner = c;
    }
  }
  byCrate.set(owner, (byCrate.get(owner) || 0) + size);
}
const crates = [...byCrate].sort((a, b) => b[1] - a[1]).map(([crate, bytes]) => ({ crate, bytes, share: bytes / code }));
const file = writeResult('wasm-size', { input, code_bytes: code, data_bytes: data, crates });
console.log(`wasm-size: code ${Math.round(code / 1024)} KB, data ${Math.round(data / 1024)} KB (before wasm-opt); ` +
  crates.slice(0, 6).map((c) => `${c.crate} ${Math.round(c.bytes / 1024)} KB`).join(', ') + ` -> ${file}`);
