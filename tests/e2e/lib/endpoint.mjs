// A report endpoint for e2e tests, on 127.0.0.1 (port 0 = ephemeral). It records every request
// and answers as told: `mode` is 201 | 500 | 429 | 400 | 'hang' | 'down' (or any HTTP status).
//
//   const ep = await startEndpoint();      // ep.url = 'http://127.0.0.1:PORT/v1/reports'
//   ep.setMode(500);  ep.setMode('hang');  await ep.setMode('down');  // 'down' closes the port
//   await ep.waitFor((reqs) => reqs.length >= 2, 10_000);
//   ep.requests  -> [{method, path, headers, body (string), json (or null), at, answered}]
//
// 'down' really stops listening (connection refused), and a later mode brings the same port back,
// so a report queued while down reaches the same URL.
import http from 'node:http';

export async function startEndpoint({ mode = 201, retryAfter = '1' } = {}) {
  let current = mode;
  const requests = [];
  const hanging = new Set();
  const waiters = new Set();
  let port = 0;

  const notify = () => {
    for (const w of [...waiters]) w();
  };

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json = null;
      try {
        json = JSON.parse(body);
      } catch {
        json = null;
      }
      const entry = {
        method: req.method,
        path: req.url,
        headers: req.headers,
        body,
        json,
        at: Date.now(),
        answered: current,
      };
      requests.push(entry);
      notify();
      if (current === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return; // never answer: the client's timeout must fire
      }
      const status = Number(current) || 500;
      const headers = { 'content-type': 'application/json' };
      if (status === 429 || status === 503) headers['retry-after'] = retryAfter;
      const answer = status < 300 ? { id: json?.report_id ?? null } : { error: status === 400 ? 'schema: report_id missing or invalid' : `test endpoint answers ${status}` };
      res.writeHead(status, headers);
      res.end(JSON.stringify(answer));
    });
  });

  const listen = () =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        port = server.address().port;
        resolve();
      });
    });
  const stop = () =>
    new Promise((resolve) => {
      for (const res of hanging) res.destroy();
      hanging.clear();
      server.closeAllConnections?.();
      server.close(() => resolve());
    });

  if (mode !== 'down') await listen();
  else {
    // Reserve a port number first so the URL is known while down.
    await listen();
    await stop();
  }

  return {
    get url() {
      return `http://127.0.0.1:${port}/v1/reports`;
    },
    get port() {
      return port;
    },
    requests,
    get mode() {
      return current;
    },
    /** Change how the endpoint answers; 'down' closes the listening socket, anything else reopens it. */
    async setMode(next) {
      const wasDown = current === 'down';
      current = next;
      if (next === 'down' && !wasDown) await stop();
      else if (next !== 'down' && wasDown) await listen();
    },
    /** Resolves when `predicate(requests)` holds; rejects after `timeoutMs` saying what it saw. */
    waitFor(predicate, timeoutMs = 15_000, what = 'endpoint condition') {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (predicate(requests)) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(requests);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; endpoint saw ${requests.length} request(s): ${requests.map((r) => r.answered).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      for (const w of [...waiters]) waiters.delete(w);
      if (current !== 'down') await stop();
      current = 'down';
    },
  };
}
