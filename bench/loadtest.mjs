// Collector load test (loopback only, bounded): 10,000 report deliveries from 50 concurrent
// clients, 5 % of them re-sends of an earlier report (same report_id and Idempotency-Key, as the
// extension's outbox does after a lost answer), against a real `nigehban serve` on SQLite and,
// where available, PostgreSQL. Checks that every unique report is stored exactly once and none
// is lost; reports p50/p99 latency and throughput. Writes target/bench-results/loadtest.json.
//
//   node bench/loadtest.mjs [--quick] [--backend sqlite|postgres|both]
//   scripts/with-postgres.sh node bench/loadtest.mjs       (adds PostgreSQL via NIGEHBAN_TEST_PG)
//
// Every request goes to 127.0.0.1; the number of requests and the run time are bounded.
import { spawn, execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, writeResult } from './lib/node-env.mjs';
import { median, percentile } from './lib/measure.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick') || process.env.NIGEHBAN_BENCH_QUICK === '1';
const backendArg = args.includes('--backend') ? args[args.indexOf('--backend') + 1] : 'both';
const TOTAL = quick ? 2_000 : 10_000;
const CLIENTS = 50;
const DUPLICATE_SHARE = 0.05;
const MAX_ATTEMPTS = 6;
const RUN_LIMIT_MS = 120_000; // a hard stop for one backend's run, whatever happens
const BIN = process.env.NIGEHBAN_BIN || path.join(ROOT, 'target/release/nigehban');

const PLATFORMS = ['facebook', 'telegram', 'x', 'instagram', 'tiktok', 'web'];
const CATS = ['cdr', 'location', 'sim_owner', 'cnic', 'family', 'travel', 'imei', 'bank'];

/** A valid nigehban.report/1 body of about 1 KB; seller indicators repeat across reports. */
function makeReport(i) {
  const id = randomUUID();
  const text = `CDR 3 months Rs 2000, live location Rs 500, SIM owner details. Listing #${i}. ` +
    `WhatsApp 0300-0000${String(i % 1000).padStart(3, '0')}, CNIC 35202-*******-1. `.repeat(4);
  const categories = [CATS[i % CATS.length], CATS[(i * 3 + 1) % CATS.length]].filter((c, k, a) => a.indexOf(c) === k);
  return {
    schema: 'nigehban.report/1',
    report_id: id,
    created_at: new Date(Date.UTC(2026, 10, 23, 9, 0, 0) + i * 1000).toISOString(),
    page: { url: `https://example.test/groups/data-market/posts/${i}`, title: 'Data market', platform: PLATFORMS[i % PLATFORMS.length] },
    post: {
      permalink: `https://example.test/groups/data-market/posts/${i}`,
      author: `seller${i % 97}`,
      text_masked: text,
      text_sha256: createHash('sha256').update(text).digest('hex'),
    },
    verdict: {
      level: 'high',
      score: 0.92,
      categories,
      prices: [{ amount_pkr: 2000, text: 'Rs 2000' }, { amount_pkr: 500, text: 'Rs 500' }],
      reasons: ['offers call records', 'price Rs 2000', 'seller contact'],
    },
    indicators: {
      phones: [],
      whatsapp: [`0300-0000${String(i % 1000).padStart(3, '0')}`],
      telegram: i % 5 === 0 ? [`@datahub${i % 50}`] : [],
      emails: [],
      payment: i % 3 === 0 ? ['jazzcash 0311-0000999'] : [],
      urls: [],
    },
  };
}

/** The send plan: TOTAL deliveries, DUPLICATE_SHARE of them re-sends of an earlier report. */
function plan(total, share) {
  const dupCount = Math.round(total * share);
  const uniqueCount = total - dupCount;
  const reports = Array.from({ length: uniqueCount }, (_, i) => makeReport(i));
  const jobs = reports.map((r) => ({ report: r, duplicate: false }));
  // spread re-sends through the run; each re-sends a report placed a little earlier, so the
  // original may still be in flight on another client (the race idempotency must survive)
  for (let k = 0; k < dupCount; k++) {
    const at = Math.floor(((k + 1) * jobs.length) / (dupCount + 1));
    const of = Math.max(0, at - 1 - (k % 40));
    jobs.splice(at, 0, { report: jobs[of].report, duplicate: true });
  }
  return { jobs, uniqueCount, dupCount, reports };
}

async function deliver(base, token, report, stats) {
  const body = JSON.stringify(report);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const t0 = performance.now();
    let status = 0;
    try {
      const res = await fetch(`${base}/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': report.report_id, authorization: `Bearer ${token}` },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      status = res.status;
      await res.arrayBuffer();
    } catch {
      status = 0; // network error or timeout: retried, like the outbox does
    }
    stats.latencies.push(performance.now() - t0);
    stats.status[status] = (stats.status[status] || 0) + 1;
    if (status >= 200 && status < 300 || status === 409) return status;
    if (status !== 0 && status !== 429 && status < 500) return status; // a refusal: not retried
    stats.retries++;
    await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
  }
  return -1;
}

function run(cmd, argv, env) {
  return execFileSync(cmd, argv, { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

async function startServer(database) {
  const child = spawn(BIN, ['serve', '--listen', '127.0.0.1:0', '--database', database, '--rate-limit', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NIGEHBAN_LOG: 'warn' },
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`collector did not start in 30 s: ${err.slice(-500)}`)), 30_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`collector exited (${code}) before listening: ${err.slice(-500)}`));
    });
  });
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
  return { base, child, stop };
}

function peakRssMb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

async function loadBackend(name, database) {
  const volunteer = run(BIN, ['token', 'create', '--database', database, '--name', `load-${name}`, '--role', 'volunteer']);
  const moderator = run(BIN, ['token', 'create', '--database', database, '--name', `load-mod-${name}`, '--role', 'moderator']);
  const server = await startServer(database);
  const { jobs, uniqueCount, dupCount, reports } = plan(TOTAL, DUPLICATE_SHARE);
  const stats = { latencies: [], status: {}, retries: 0 };
  const outcomes = new Map(); // report_id -> [final statuses]
  let next = 0;
  const deadline = Date.now() + RUN_LIMIT_MS;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (next < jobs.length && Date.now() < deadline) {
      const job = jobs[next++];
      const final = await deliver(server.base, volunteer, job.report, stats);
      const list = outcomes.get(job.report.report_id) || [];
      list.push(final);
      outcomes.set(job.report.report_id, list);
    }
  }));
  const wallMs = performance.now() - t0;
  const sent = [...outcomes.values()].reduce((n, l) => n + l.length, 0);
  const rss = peakRssMb(server.child.pid);

  // What was stored: every report the collector lists, counted by report_id.
  const res = await fetch(`${server.base}/v1/reports`, { headers: { authorization: `Bearer ${moderator}` } });
  const listed = res.ok ? await res.json() : [];
  const items = Array.isArray(listed) ? listed : listed.reports || listed.items || [];
  const storedCount = new Map();
  for (const item of items) {
    const id = item.report_id || (item.report && item.report.report_id) || item.id;
    storedCount.set(id, (storedCount.get(id) || 0) + 1);
  }
  const exitCode = await server.stop();
  let lost = 0;
  let stored_twice = 0;
  let created = 0;
  for (const r of reports) {
    const n = storedCount.get(r.report_id) || 0;
    if (n === 0) lost++;
    if (n > 1) stored_twice++;
    created += (outcomes.get(r.report_id) || []).filter((s) => s === 201).length > 0 ? 1 : 0;
  }
  const multiCreated = reports.filter((r) => (outcomes.get(r.report_id) || []).filter((s) => s === 201).length > 1).length;
  const result = {
    backend: name,
    requests_planned: jobs.length,
    requests_completed: sent,
    unique_reports: uniqueCount,
    duplicate_sends: dupCount,
    clients: CLIENTS,
    wall_s: wallMs / 1000,
    throughput_rps: sent / (wallMs / 1000),
    latency_ms: {
      p50: median(stats.latencies),
      p90: percentile(stats.latencies, 90),
      p99: percentile(stats.latencies, 99),
      max: Math.max(...stats.latencies),
    },
    status_counts: stats.status,
    retries: stats.retries,
    listed_status: res.status,
    stored_unique: storedCount.size,
    lost,
    stored_twice,
    answered_201_more_than_once: multiCreated,
    answered_201: created,
    server_peak_rss_mb: rss,
    server_exit_code: exitCode,
  };
  result.ok = res.ok && lost === 0 && stored_twice === 0 && multiCreated === 0 && sent === jobs.length;
  return result;
}

async function main() {
  if (!existsSync(BIN)) {
    console.error(`loadtest: ${BIN} not found: run ./build.sh (or cargo build --release) first`);
    process.exit(2);
  }
  const results = [];
  const wantSqlite = backendArg === 'sqlite' || backendArg === 'both';
  const wantPg = backendArg === 'postgres' || backendArg === 'both';
  if (wantSqlite) {
    const dir = mkdtempSync(path.join(tmpdir(), 'nigehban-load-'));
    try {
      results.push(await loadBackend('sqlite', `sqlite://${path.join(dir, 'load.db')}`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (wantPg) {
    const pg = process.env.NIGEHBAN_TEST_PG;
    if (pg) results.push(await loadBackend('postgres', pg));
    else results.push({ backend: 'postgres', skipped: 'NIGEHBAN_TEST_PG is not set (run under scripts/with-postgres.sh)' });
  }
  const file = writeResult('loadtest', { total: TOTAL, clients: CLIENTS, duplicate_share: DUPLICATE_SHARE, results });
  for (const r of results) {
    if (r.skipped) {
      console.log(`loadtest ${r.backend}: skipped: ${r.skipped}`);
      continue;
    }
    console.log(`loadtest ${r.backend}: ${r.requests_completed}/${r.requests_planned} requests, ` +
      `${r.throughput_rps.toFixed(0)} req/s, p99 ${r.latency_ms.p99.toFixed(1)} ms, ` +
      `stored ${r.stored_unique}/${r.unique_reports} unique, lost ${r.lost}, twice ${r.stored_twice} -> ${r.ok ? 'OK' : 'FAILED'}`);
  }
  console.log(`-> ${file}`);
  if (results.some((r) => r.ok === false)) process.exitCode = 1;
}

await main();
