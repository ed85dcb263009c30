// Static server for the browser benchmarks, on 127.0.0.1 and an ephemeral port. It mounts the
// few directories the pages need under fixed prefixes, so the bench page can load the wasm
// build, the JS baseline, the TOML parser, the rules and the corpus without copies:
//   /wasm/       -> the wasm build (dist/chrome/wasm, extension/wasm or www/wasm: the same files)
//   /            -> www/                        (feeds, demo, www/bench)
//   /bench-lib/  -> bench/                      (js-baseline.mjs, lib/*.mjs)
//   /vendor/smol-toml/ -> node_modules/smol-toml/dist/
//   /rules/      -> rules/
//   /corpus/dev.jsonl -> the dev corpus (../shared, read in place)
// Pages get the strict CSP of the feeds; only /bench/ may compile wasm ('wasm-unsafe-eval').
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CORPUS, ROOT, wasmDir } from './node-env.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.jsonl': 'application/x-ndjson; charset=utf-8',
  '.toml': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'";
export const BENCH_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'";

const MOUNTS = [
  ['/wasm/', wasmDir() || path.join(ROOT, 'www/wasm')],
  ['/bench-lib/', path.join(ROOT, 'bench')],
  ['/vendor/smol-toml/', path.join(ROOT, 'node_modules/smol-toml/dist')],
  ['/rules/', path.join(ROOT, 'rules')],
  ['/', path.join(ROOT, 'www')],
];

function resolve(urlPath) {
  if (urlPath === '/corpus/dev.jsonl') return CORPUS;
  for (const [prefix, dir] of MOUNTS) {
    if (!urlPath.startsWith(prefix)) continue;
    const file = path.join(dir, urlPath.slice(prefix.length));
    return file.startsWith(dir) ? file : null;
  }
  return null;
}

export async function startBenchServer({ port = 0 } = {}) {
  const server = http.createServer(async (req, res) => {
    try {
      const u = new URL(req.url, 'http://127.0.0.1');
      let file = resolve(decodeURIComponent(u.pathname));
      if (!file) throw new Error('outside the mounts');
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
        'cache-control': 'no-store',
        'content-security-policy': u.pathname.startsWith('/bench/') ? BENCH_CSP : STRICT_CSP,
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const { port: bound } = server.address();
  return { url: `http://127.0.0.1:${bound}`, close: () => new Promise((ok) => server.close(ok)) };
}

// `node bench/lib/server.mjs [PORT]`: serve for a person to open /bench/ in a browser.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await startBenchServer({ port: Number(process.argv[2] || 0) });
  console.log(`bench pages at ${url}/bench/ and ${url}/feeds/bench/`);
}
