// A minimal Chrome DevTools Protocol client over the browser's WebSocket, with flat sessions,
// for what Playwright does not reach: the extension's service worker (heap, stop) and the
// content script's isolated world (to send messages along the real path).
// Needs a WebSocket in Node: Node 22+, or Node 20 with --experimental-websocket.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export class Cdp {
  static async connectToProfile(profileDir, timeoutMs = 10000) {
    if (typeof WebSocket !== 'function') {
      throw new Error('no WebSocket in this Node: run with node --experimental-websocket (Node 20) or Node 22+');
    }
    const deadline = Date.now() + timeoutMs;
    let lines = null;
    while (!lines) {
      try {
        lines = (await readFile(path.join(profileDir, 'DevToolsActivePort'), 'utf8')).split('\n');
      } catch {
        if (Date.now() > deadline) throw new Error('Chromium wrote no DevToolsActivePort (launch it with --remote-debugging-port=0)');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const ws = new WebSocket(`ws://127.0.0.1:${lines[0].trim()}${lines[1].trim()}`);
    await new Promise((ok, fail) => {
      ws.onopen = ok;
      ws.onerror = () => fail(new Error('cannot connect to the DevTools WebSocket'));
    });
    return new Cdp(ws);
  }

  constructor(ws) {
    this.ws = ws;
    this.nextId = 0;
    this.pending = new Map();
    this.listeners = new Set();
    ws.onmessage = (e) => {
      const msg = JSON.parse(e.data);
      if (msg.id && this.pending.has(msg.id)) {
        const { ok, fail, method } = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error) fail(new Error(`${method}: ${msg.error.message}`));
        else ok(msg.result);
      } else if (msg.method) {
        for (const l of this.listeners) l(msg);
      }
    };
  }

  send(method, params = {}, sessionId = undefined) {
    const id = ++this.nextId;
    return new Promise((ok, fail) => {
      this.pending.set(id, { ok, fail, method });
      this.ws.send(JSON.stringify({ id, method, params, sessionId }));
    });
  }

  /** Calls fn(event) for every event; returns a function that stops it. */
  on(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  async targets() {
    return (await this.send('Target.getTargets')).targetInfos;
  }

  async attach(targetId) {
    return (await this.send('Target.attachToTarget', { targetId, flatten: true })).sessionId;
  }

  close() {
    this.ws.close();
  }
}

/** Waits until `predicate()` returns a truthy value (polling), or throws after timeoutMs. */
export async function waitFor(predicate, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await predicate();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
