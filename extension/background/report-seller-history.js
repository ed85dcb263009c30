// "This contact appeared in n earlier listings": how many stored reports share an indicator
// with a post on screen. The index of the reports' link keys is built once and dropped whenever
// a report changes, so a feed full of flagged posts does not reread the outbox for each one.

import { sha256Hex } from './evidence.js';
import { indicatorsFrom, linkKeys, linkKeysForValues } from './report-indicators.js';
import { allRecords, PREFIX } from './report-store.js';

let keyIndex = null; // report_id -> {keys, key, url, sha}; rebuilt when reports change
let generation = 0; // bumped on every change, so an index built from older data is not kept

/**
 * @param {Array} values  indicator values (strings, or {value}) of the post
 * @param {string} [key]  the post's content-script key; with `pageUrl`, its own reports are left out
 * @param {string} [text] the post's text: adds its links, and leaves out reports of the same text
 * @param {object} [verdict]
 * @param {string} [pageUrl]
 */
export async function sellerListings(values, key, text, verdict, pageUrl) {
  let index = keyIndex;
  if (!index) {
    const built = generation;
    index = new Map(); // filled before it is shared: a concurrent call never sees it half-built
    for (const r of await allRecords()) {
      index.set(r.report.report_id, { keys: linkKeys(r.report.indicators), key: r.key, url: r.report.page?.url, sha: r.report.post?.text_sha256 });
    }
    if (built === generation) keyIndex = index;
  }
  const ownSha = typeof text === 'string' && text ? await sha256Hex(text) : null;
  const flat = (Array.isArray(values) ? values : []).map((v) => (v && typeof v === 'object' ? v.value : v));
  const wanted = linkKeysForValues(flat);
  // With the post's text (and verdict), the same indicators a report would carry (links too).
  if (typeof text === 'string' && text) for (const k of linkKeys(indicatorsFrom(verdict, text))) wanted.add(k);
  if (!wanted.size) return 0;
  let n = 0;
  for (const entry of index.values()) {
    // The post asking is not its own earlier listing (once reported itself).
    if ((ownSha && entry.sha === ownSha) || (key && entry.key === key && entry.url === pageUrl)) continue;
    for (const k of entry.keys) {
      if (wanted.has(k)) {
        n++;
        break;
      }
    }
  }
  return n;
}

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && Object.keys(changes).some((k) => k.startsWith(PREFIX))) {
    keyIndex = null;
    generation++;
  }
});
