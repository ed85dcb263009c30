// A tiny static file server for the www demo and the fake feeds the end-to-end tests load.
//
//   import { startServer } from '../../scripts/serve.mjs';
//   const { url, close } = await startServer({ root: 'www' });   // 127.0.0.1, ephemeral port
//
//   node scripts/serve.mjs [--root www] [--host 127.0.0.1] [--port 0]
//
// HTML is sent with a strict Content-Security-Policy, like the sites the extension runs on:
// no inline script or style, and no 'wasm-unsafe-eval' under /feeds/ (so a page can never
// compile wasm; the extension must scan from its background). The demo page itself runs the
// engine in the page, so outside /feeds/ script-src also allows 'wasm-unsafe-eval'.

import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const DEMO_CSP = STRICT_CSP.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'");

/** The default policy per path: fake feeds strict, the demo page allowed to run wasm. */
export function defaultCsp(urlPath) {
  return urlPath === '/feeds' || urlPath.startsWith('/feeds/') ? STRICT_CSP : DEMO_CSP;
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

/**
 * Serves `root` until `close()` is called.
 * @param {object} opts
 * @param {string} opts.root directory to serve
 * @param {string} [opts.host] address to bind (default 127.0.0.1: nothing else is reachable)
 * @param {number} [opts.port] 0 (default) picks a free port, so parallel test runs never clash
 * @param {string | ((urlPath: string) => string | null)} [opts.csp] CSP for HTML: one policy
 *   for every page, or a function of the path (null for none); default `defaultCsp`
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>}>}
 */
export async function startServer({ root, host = '127.0.0.1', port = 0, csp = defaultCsp } = {}) {
  if (!root) throw new Error('startServer: `root` (the directory to serve) is required');
  const rootDir = path.resolve(root);
  if (!(await stat(rootDir).catch(() => null))?.isDirectory()) {
    throw new Error(`startServer: ${rootDir} is not a directory`);
  }
  const cspFor = typeof csp === 'function' ? csp : () => csp;
  const server = createServer((req, res) => {
    handle(rootDir, cspFor, req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `server error: ${err.message}\n`);
      else res.destroy();
    });
  });
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actual = server.address().port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${actual}`,
    port: actual,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy(); // keep-alive sockets would hold close() open
      }),
  };
}

async function handle(rootDir, cspFor, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
  }
  let urlPath;
  try {
    urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    return send(res, 400, 'text/plain; charset=utf-8', 'bad path\n');
  }
  if (urlPath.includes('\0')) return send(res, 400, 'text/plain; charset=utf-8', 'bad path\n');
  const file = path.join(rootDir, path.normalize(urlPath));
  if (file !== rootDir && !file.startsWith(rootDir + path.sep)) {
    return send(res, 403, 'text/plain; charset=utf-8', 'forbidden\n');
  }
  let info = await stat(file).catch(() => null);
  let target = file;
  if (info?.isDirectory()) {
    if (!urlPath.endsWith('/')) {
      res.writeHead(301, { Location: encodeURI(`${urlPath}/`) });
      return res.end();
    }
    target = path.join(file, 'index.html');
    info = await stat(target).catch(() => null);
    if (!info) return sendListing(res, req, file, urlPath, cspFor);
  }
  if (!info?.isFile()) return send(res, 404, 'text/plain; charset=utf-8', `not found: ${urlPath}\n`);
  const type = MIME[path.extname(target).toLowerCase()] ?? 'application/octet-stream';
  const headers = {
    'Content-Type': type,
    'Content-Length': info.size,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
  const policy = type.startsWith('text/html') ? cspFor(urlPath) : null;
  if (policy) headers['Content-Security-Policy'] = policy;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') return res.end();
  createReadStream(target).on('error', () => res.destroy()).pipe(res);
}

/** A plain index of a directory without index.html (names escaped, never raw HTML). */
async function sendListing(res, req, dir, urlPath, cspFor) {
  const entries = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => !e.name.startsWith('.'))
    .map((e) => (e.isDirectory() ? `${e.name}/` : e.name))
    .sort();
  const esc = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const items = entries.map((n) => `<li><a href="${esc(encodeURI(n))}">${esc(n)}</a></li>`).join('\n');
  const body = `<!doctype html>\n<meta charset="utf-8">\n<title>${esc(urlPath)}</title>\n<h1>${esc(urlPath)}</h1>\n<ul>\n${items}\n</ul>\n`;
  const policy = cspFor(urlPath);
  if (policy) res.setHeader('Content-Security-Policy', policy);
  res.setHeader('Cache-Control', 'no-store');
  send(res, 200, 'text/html; charset=utf-8', req.method === 'HEAD' ? '' : body);
}

function send(res, status, type, body) {
  res.writeHead(status, { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

function parseArgs(argv) {
  const opts = { root: 'www', host: '127.0.0.1', port: 0 };
  for (let i = 0; i < argv.length; i++) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (key === '--root') opts.root = value;
    else if (key === '--host') opts.host = value;
    else if (key === '--port') opts.port = Number(value);
    else throw new Error(`unknown argument ${key} (use --root DIR --host ADDR --port N)`);
    i++;
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    throw new Error('--port must be a number from 0 to 65535');
  }
  return opts;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const opts = parseArgs(process.argv.slice(2));
    const { url, close } = await startServer(opts);
    console.log(`serving ${path.resolve(opts.root)} at ${url}/ (Ctrl-C stops)`);
    const stop = () => close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (err) {
    console.error(`serve: ${err.message}`);
    process.exit(2);
  }
}
