// A real `nigehban serve` for e2e tests: a fresh SQLite database in a temporary folder, a
// moderator and a volunteer token, listening on 127.0.0.1 (an ephemeral port).
//
//   const c = await startCollector();   // c.url = 'http://127.0.0.1:PORT'
//   c.reportsUrl, c.volunteerToken, c.moderatorToken
//   await c.post(report)                -> fetch Response (as a volunteer)
//   await c.reports()                   -> GET /v1/reports as the moderator
//   const code = await c.stop()         -> SIGTERM; resolves with the exit code
//
// The binary is $NIGEHBAN_BIN, else target/release/nigehban, else target/debug/nigehban.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export function collectorBinary() {
  if (process.env.NIGEHBAN_BIN) return process.env.NIGEHBAN_BIN;
  for (const p of ['target/release/nigehban', 'target/debug/nigehban']) {
    if (existsSync(p)) return path.resolve(p);
  }
  throw new Error('no nigehban binary: run cargo build --release, or set NIGEHBAN_BIN');
}

/** `nigehban token create` prints the token alone on stdout. */
function createToken(bin, database, name, role) {
  return execFileSync(bin, ['token', 'create', '--database', database, '--name', name, '--role', role], {
    encoding: 'utf8',
  }).trim();
}

export async function startCollector({ args = [], moderatorName = 'Moderator' } = {}) {
  const bin = collectorBinary();
  const dir = await mkdtemp(path.join(tmpdir(), 'nigehban-collector-'));
  const database = `sqlite://${dir}/collector.db`;
  const moderatorToken = createToken(bin, database, moderatorName, 'moderator');
  const volunteerToken = createToken(bin, database, 'Volunteer', 'volunteer');

  const child = spawn(bin, ['serve', '--listen', '127.0.0.1:0', '--database', database, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NIGEHBAN_LOG: process.env.NIGEHBAN_LOG || 'warn' },
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const url = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error('nigehban serve did not start within 20 s')), 20_000);
    lines.on('line', (line) => {
      const m = /^nigehban: listening on (http:\/\/\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`nigehban serve exited (${code}) before listening`)));
  });

  const auth = (token) => ({ Authorization: `Bearer ${token}` });
  return {
    url,
    reportsUrl: `${url}/v1/reports`,
    database,
    moderatorToken,
    volunteerToken,
    post: (report, token = volunteerToken) => fetch(`${url}/v1/reports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': report.report_id, ...auth(token) },
      body: JSON.stringify(report),
    }),
    reports: async () => (await fetch(`${url}/v1/reports`, { headers: auth(moderatorToken) })).json(),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const code = await exited;
      await rm(dir, { recursive: true, force: true });
      return code;
    },
  };
}
