// Settings in chrome.storage.sync (documented in extension/README.md). Content scripts read the
// same keys and apply changes on storage.onChanged, without a reload.
export const DEFAULTS = { sensitivity: 'engine', disabledSites: [], extraTerms: [] };
export const SENSITIVITIES = ['engine', 'low', 'medium', 'high'];

export function hostOf(url) {
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) ? u.hostname : '';
  } catch {
    return '';
  }
}

export async function getSettings() {
  return Object.assign({}, DEFAULTS, await chrome.storage.sync.get(DEFAULTS));
}

/** Hosts one per line; blank lines, schemes and paths dropped; lower case; no duplicates. */
export function parseSites(text) {
  const out = [];
  for (let line of String(text).split(/[\n,]+/)) {
    line = line.trim().toLowerCase();
    if (!line) continue;
    const host = hostOf(/^[a-z]+:\/\//.test(line) ? line : 'https://' + line);
    if (host && !out.includes(host)) out.push(host);
  }
  return fitted(out);
}

// chrome.storage.sync keeps at most 8 KB per key; lists are cut to fit with room to spare.
const MAX_LIST_BYTES = 7000;

function fitted(list) {
  const out = [];
  let bytes = 2;
  for (const v of list) {
    bytes += new TextEncoder().encode(JSON.stringify(v)).length + 1;
    if (bytes > MAX_LIST_BYTES) break;
    out.push(v);
  }
  return out;
}

export function parseTerms(text) {
  const out = [];
  for (const line of String(text).split('\n')) {
    const t = line.trim().slice(0, 200);
    if (t && !out.includes(t)) out.push(t);
  }
  return fitted(out);
}

export async function isSiteDisabled(host) {
  const { disabledSites } = await getSettings();
  return disabledSites.some((s) => s === host || host.endsWith('.' + s));
}

export async function setSiteDisabled(host, disabled) {
  const { disabledSites } = await getSettings();
  const rest = disabledSites.filter((s) => s !== host && !host.endsWith('.' + s));
  await chrome.storage.sync.set({ disabledSites: fitted(disabled ? [host].concat(rest) : rest) });
}
