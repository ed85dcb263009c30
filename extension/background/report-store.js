// The outbox's records in chrome.storage.local, one key per report ("report:<uuid>"), so that
// writing one report never rewrites another. A report's screenshot (tens of kB) is kept under
// its own key ("report-shot:<uuid>"), so the worker's frequent reads of the records (on every
// start, for seller history) stay small. Only the service worker writes them (the history page
// asks it by message), and writes to one record are serialised here.
//
// record = {report (without screenshot), key, tab_id, status: 'queued'|'sent'|'failed', reason,
//           attempts, next_at (ms), lease_until (ms), created_ms, updated_ms, sent_ms,
//           email_opened_ms, has_screenshot}

export const PREFIX = 'report:';
export const SHOT_PREFIX = 'report-shot:';

export const keyOf = (id) => PREFIX + id;
const shotKeyOf = (id) => SHOT_PREFIX + id;

export async function getRecord(id) {
  const got = await chrome.storage.local.get(keyOf(id));
  return got[keyOf(id)] ?? null;
}

export async function putRecord(record) {
  record.updated_ms = Date.now();
  const { screenshot, ...report } = record.report;
  const items = { [keyOf(report.report_id)]: { ...record, report } };
  if (screenshot) {
    items[shotKeyOf(report.report_id)] = screenshot;
    items[keyOf(report.report_id)].has_screenshot = true;
  }
  await chrome.storage.local.set(items);
  return record;
}

/** The report as it is sent and exported: with its screenshot, when it has one. */
export async function fullReport(record) {
  if (!record?.has_screenshot) return record?.report ?? null;
  const key = shotKeyOf(record.report.report_id);
  const got = await chrome.storage.local.get(key);
  return typeof got[key] === 'string' ? { ...record.report, screenshot: got[key] } : record.report;
}

export async function deleteRecord(id) {
  await chrome.storage.local.remove([keyOf(id), shotKeyOf(id)]);
}

/** Every record, oldest first; with `withScreenshots`, each record's report carries its screenshot. */
export async function allRecords({ withScreenshots = false } = {}) {
  let all;
  if (!withScreenshots && typeof chrome.storage.local.getKeys === 'function') {
    const keys = (await chrome.storage.local.getKeys()).filter((k) => k.startsWith(PREFIX));
    all = keys.length ? await chrome.storage.local.get(keys) : {};
  } else {
    all = await chrome.storage.local.get(null);
  }
  const records = Object.entries(all)
    .filter(([k, v]) => k.startsWith(PREFIX) && v && v.report)
    .map(([, v]) => v)
    .sort((a, b) => (a.created_ms ?? 0) - (b.created_ms ?? 0));
  if (withScreenshots) {
    for (const r of records) {
      const shot = all[shotKeyOf(r.report.report_id)];
      if (typeof shot === 'string') r.report = { ...r.report, screenshot: shot };
    }
  }
  return records;
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
  next
    .finally(() => {
      if (chains.get(id) === next) chains.delete(id);
    })
    .catch(() => {});
  return next;
}
