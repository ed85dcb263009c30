// The wasm engine, loaded lazily on the first scan. A stopped service worker loses it; the next
// scan after a restart loads it again (scanning keeps no state, so nothing else is lost).
import init, { Scanner } from '../wasm/nigehban.js';

let ready = null;

function load() {
  if (!ready) {
    ready = init({ module_or_path: chrome.runtime.getURL('wasm/nigehban_bg.wasm') })
      .then(() => new Scanner())
      .catch((err) => {
        ready = null; // let the next call try again instead of failing forever
        throw new Error(`the Nigehban engine could not start: ${err && err.message ? err.message : err}`);
      });
  }
  return ready;
}

/** The shared Scanner itself, for the report outbox (mask, rulesVersion): one wasm instance. */
export function getScanner() {
  return load();
}

/** Verdicts for `texts`, in the same order. Non-string entries are scanned as empty text. */
export async function scanTexts(texts) {
  const scanner = await load();
  const clean = texts.map((t) => (typeof t === 'string' ? t : ''));
  if (typeof scanner.scanBatch === 'function') return scanner.scanBatch(clean);
  return clean.map((t) => scanner.scan(t));
}

export async function rulesVersion() {
  const scanner = await load();
  return scanner.rulesVersion();
}
