// The outbox's records in chrome.storage.local, one key per report ("report:<uuid>"), so that
// writing one report never rewrites another. Only the service worker writes them (the history
// page asks it by message), and writes to one record are serialised here.
//
// record = {report, key, tab_id, status: 'queued'|'sent'|'failed', reason, attempts,
//           next_at (ms), lease_until (ms), created_ms, updated_ms, sent_ms, email_opened_ms}

export const PREFIX = 'report:';

export const keyOf = (id) => PREFIX + id;

export async function getRecord(id) {
  const got = await chrome.storage.local.get(keyOf(id));
  return got[keyOf(id)] ?? null;
}

export async function putRecord(record) {
  record.updated_ms = Date.now();
  await chrome.storage.local.set({ [keyOf(record.report.report_id)]: record });
  return record;
}

export async function deleteRecord(id) {
  await chrome.storage.local.remove(keyOf(id));
}

/** Every record, oldest first. */
export async function allRecords() {
  const all = await chrome.storage.local.get(null);
  return Object.entries(all)
    .filter(([k, v]) => k.startsWith(PREFIX) && v && v.report)
    .map(([, v]) => v)
    .sort((a, b) => (a.created_ms ?? 0) - (b.created_ms ?? 0));
}

const chains = new Map();

/**
 * Run `fn(record)` with no other update of the same record in between (within this worker).
 * `fn` may change the record in place and return true to save it. Resolves to the record
 * (after the change) or null when it does not exist.
 */
export function updateRecord(id, fn) {
  const prev = chains.get(id) ?? Promise.resolve();
  const next = prev
    .catch(() => {})
    .then(async () => {
      const record = await getRecord(id);
      if (!record) return null;
      if (await fn(record)) await putRecord(record);
      return record;
    });
  chains.set(id, next);
  next.finally(() => {
    if (chains.get(id) === next) chains.delete(id);
  }).catch(() => {});
  return next;
}
