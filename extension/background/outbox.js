// The durable report outbox. Self-registering: importing this module from the service worker
// (background/main.js: `import './outbox.js'`) adds its message and alarm listeners.
//
// A report is written to chrome.storage.local BEFORE any network use, then delivered to the
// endpoint the user set (DESIGN.md delivery contract), retried with backoff through
// chrome.alarms, and resumed whenever the worker starts, so a closed tab, a stopped worker, a
// browser restart or being offline loses nothing. Messages handled here:
//   report         {post}                     -> {ok, report_id, status, needsSetup?, message?}
//   report-page    {post?, tabId?}            -> same, for the whole page (popup)
//   seller-history {indicators: [values], key?, text?, verdict?} -> {listings: n}
//   outbox-retry   {report_id}                -> {ok, status}
//   outbox-discard {report_id}                -> {ok}
//   outbox-flush   {}                         -> {ok, pending}
//   outbox-email   {report_id}                -> {ok}   (open the email draft again)

import { buildEvidence } from './evidence.js';
import { captureCropped } from './report-screenshot.js';
import { pageContext, pageReportText } from './report-page.js';
import { deliver, checkEndpoint, DEFAULT_TIMEOUT_MS } from './report-delivery.js';
import { mailtoUrl, checkEmail } from './report-email.js';
import { sellerListings } from './report-seller-history.js';
import { getRecord, putRecord, deleteRecord, allRecords, updateRecord, fullReport } from './report-store.js';
import { readDestinations, readTestOverrides, SETTINGS_KEYS, SETUP_HINT_KEY } from './report-settings.js';
import { getScanner } from './engine.js';

const ALARM_PREFIX = 'outbox:';
const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 60 * 60_000;
const MAX_RETRY_AFTER_MS = 24 * 60 * 60_000;
const LEASE_MARGIN_MS = 5_000;
// Alarms are the durable timer (they survive the worker stopping) but Chrome may delay short
// ones; a plain timer covers short waits while the worker is alive. Both lead to deliverOne,
// which the in-flight guard and the record's status make safe to call twice.
const TIMER_MAX_MS = 60_000;
const PREPARE_MS = 60_000;

const inflight = new Set();
const creating = new Map(); // page url + post key -> promise of the response (double clicks)

// ---------------------------------------------------------------- creating a report

async function getScannerOrNull() {
  try {
    return await getScanner();
  } catch (e) {
    console.warn('nigehban: engine unavailable for the report (fallback masking):', e?.message ?? e);
    return null;
  }
}

function setupMessage() {
  const m = chrome.i18n?.getMessage?.('reportNeedsSetup');
  return (
    m ||
    'Saved in your report history. To send reports, open Nigehban\u2019s options and set a report endpoint (and token) or an email address.'
  );
}

async function createReport(post, tab, documentId) {
  const scanner = await getScannerOrNull();
  const report = await buildEvidence(post, {
    scanner,
    extensionVersion: chrome.runtime.getManifest().version,
    tab,
  });

  // The same post already reported (a double click, or a second click later): one report.
  const existing = (await allRecords()).find(
    (r) =>
      r.report.post?.text_sha256 === report.post.text_sha256 &&
      r.report.page?.url === report.page.url &&
      r.report.post?.permalink === report.post.permalink
  );
  if (existing) {
    if (tab?.id != null && (existing.tab_id !== tab.id || existing.document_id !== documentId)) {
      await updateRecord(existing.report.report_id, (r) => {
        r.tab_id = tab.id;
        r.document_id = documentId ?? null;
        r.key = post?.key ?? r.key;
        return true;
      });
    }
    if (existing.status === 'failed') {
      // Reporting a failed report's post again is asking to try again (the button is back).
      const again = await retry(existing.report.report_id);
      return { ok: true, report_id: existing.report.report_id, status: again.status ?? 'queued', duplicate: true };
    }
    notifyTab({ ...existing, tab_id: tab?.id ?? existing.tab_id, document_id: documentId ?? null, key: post?.key ?? existing.key });
    return { ok: true, report_id: existing.report.report_id, status: existing.status, duplicate: true };
  }

  const now = Date.now();
  const record = {
    report,
    key: typeof post?.key === 'string' ? post.key : '',
    tab_id: tab?.id ?? null,
    // The page's document: a status sent later reaches this page only, never another page
    // that now has the tab (or the same tab id after a browser restart).
    document_id: documentId ?? null,
    status: 'queued',
    reason: '',
    attempts: 0,
    // Not due for a minute: the screenshot is still being added, and a resume or alarm must not
    // send the report without it. This click delivers it at once below; if the worker stops
    // first, the next start delivers it when due.
    next_at: now + PREPARE_MS,
    lease_until: 0,
    created_ms: now,
  };
  // Durable first: from here on nothing is lost, whatever happens to the tab or the worker.
  await putRecord(record);

  if (tab && post?.rect) {
    const screenshot = await captureCropped(tab, post.rect, post.maskRects);
    if (screenshot) {
      await updateRecord(report.report_id, (r) => {
        r.report.screenshot = screenshot;
        return true;
      });
    }
  }

  const dest = await readDestinations();
  const endpoint = checkEndpoint(dest.endpointUrl);
  const email = checkEmail(dest.emailTo);
  const response = { ok: true, report_id: report.report_id, status: 'queued' };

  if (email.ok) await openEmailDraft(report.report_id, email.address);

  if (endpoint.ok) {
    deliverOne(report.report_id, { force: true }).catch((e) => console.error('nigehban: delivery', e));
  } else if (email.ok) {
    // Email only: handing the draft to the mail program is the delivery.
    await updateRecord(report.report_id, (r) => {
      r.status = 'sent';
      r.reason = 'email draft opened';
      r.sent_ms = Date.now();
      return true;
    });
    response.status = 'sent';
  } else {
    await updateRecord(report.report_id, (r) => {
      r.reason = dest.endpointUrl ? `endpoint ${endpoint.error}` : 'no destination set';
      return true;
    });
    const { [SETUP_HINT_KEY]: shown } = await chrome.storage.local.get(SETUP_HINT_KEY);
    if (!shown) {
      await chrome.storage.local.set({ [SETUP_HINT_KEY]: true });
      response.needsSetup = true;
      response.message = setupMessage();
    }
  }
  notifyTab({ ...record, status: response.status });
  return response;
}

async function openEmailDraft(id, address) {
  const record = await getRecord(id);
  if (!record) return;
  try {
    await chrome.tabs.create({ url: mailtoUrl(address, record.report), active: true });
    await updateRecord(id, (r) => {
      r.email_opened_ms = Date.now();
      return true;
    });
  } catch (e) {
    console.warn('nigehban: could not open the email draft:', e?.message ?? e);
  }
}

function reportKey(post, tab) {
  return `${post?.url ?? tab?.url ?? ''}\n${post?.key ?? ''}`;
}

function handleCreate(post, tab, documentId) {
  const k = reportKey(post, tab);
  if (!creating.has(k)) {
    const p = createReport(post, tab, documentId).finally(() => creating.delete(k));
    creating.set(k, p);
  }
  return creating.get(k);
}

/** A page-level report from the popup: the page is the post; the verdict may be empty. */
async function handlePageReport(msg) {
  let tab = null;
  if (Number.isInteger(msg?.tabId)) tab = await chrome.tabs.get(msg.tabId).catch(() => null);
  if (!tab) [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true }).catch(() => []);
  // The popup may send {post} or just {url, title, text}.
  const given = msg?.post && typeof msg.post === 'object' ? msg.post : { url: msg?.url, title: msg?.title, text: msg?.text };
  for (const k of Object.keys(given)) if (given[k] == null) delete given[k];
  const title = given.title ?? tab?.title ?? '';
  const text =
    typeof given.text === 'string' && given.text ? given.text : pageReportText(title, await pageContext(tab?.id));
  const post = {
    key: given.key ?? 'page',
    text,
    url: given.url ?? tab?.url ?? '',
    title,
    platform: given.platform ?? 'web',
    permalink: given.permalink ?? given.url ?? tab?.url ?? '',
    author: given.author ?? '',
    verdict: given.verdict ?? null,
    rect: given.rect ?? (tab ? { x: 0, y: 0, width: tab.width, height: tab.height } : null),
  };
  // A page report's verdict comes from scanning its text here when the popup had none.
  if (!post.verdict && post.text) {
    const scanner = await getScannerOrNull();
    try {
      post.verdict = scanner ? scanner.scan(post.text) : null;
    } catch {
      post.verdict = null;
    }
  }
  return handleCreate(post, tab);
}

// ---------------------------------------------------------------- delivering

function backoffMs(attempts, override) {
  const base = override ?? BASE_BACKOFF_MS;
  const cap = override ? override * 8 : MAX_BACKOFF_MS;
  const raw = Math.min(cap, base * 2 ** Math.max(0, attempts - 1));
  return override ? raw : Math.round(raw * (0.8 + Math.random() * 0.4)); // jitter: no herd
}

const timers = new Map(); // report id -> the timer of its next attempt (one at a time)

function schedule(id, at) {
  const when = Math.max(Date.now() + 50, at);
  chrome.alarms.create(ALARM_PREFIX + id, { when });
  clearTimeout(timers.get(id));
  timers.delete(id);
  const wait = when - Date.now();
  if (wait <= TIMER_MAX_MS) {
    timers.set(
      id,
      setTimeout(() => {
        timers.delete(id);
        deliverOne(id).catch((e) => console.error('nigehban: delivery', e));
      }, wait)
    );
  }
}

function notifyTab(record) {
  if (record?.tab_id == null || !record.key) return;
  const message = { type: 'report-status', key: record.key, status: record.status, report_id: record.report?.report_id };
  const send = (options) => chrome.tabs.sendMessage(record.tab_id, message, options);
  // The tab may be gone or showing another page: the history still shows the status.
  if (record.document_id) {
    send({ documentId: record.document_id }).catch(() => {});
    return;
  }
  // No document id (Firefox): only while the tab still shows the reported page.
  chrome.tabs
    .get(record.tab_id)
    .then((tab) => (tab?.url === record.report?.page?.url ? send({ frameId: 0 }) : null))
    .catch(() => {});
}

/** One delivery attempt of a queued report, unless one is running or it is not yet due. */
async function deliverOne(id, { force = false } = {}) {
  if (inflight.has(id)) return;
  inflight.add(id);
  try {
    const dest = await readDestinations();
    if (!checkEndpoint(dest.endpointUrl).ok) return; // kept queued until an endpoint is set
    const test = await readTestOverrides();
    const timeoutMs = test.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const now = Date.now();
    let due = false;
    const record = await updateRecord(id, (r) => {
      if (r.status !== 'queued') return false;
      if (!force && (r.next_at ?? 0) > now + 1000) return false;
      if (!force && (r.lease_until ?? 0) > now) return false; // a worker before this one was mid-attempt
      r.lease_until = now + timeoutMs + LEASE_MARGIN_MS;
      r.attempts = (r.attempts ?? 0) + 1;
      due = true;
      return true;
    });
    if (!record || !due) {
      if (record && record.status === 'queued') schedule(id, Math.max(record.next_at ?? 0, record.lease_until ?? 0));
      return;
    }
    const result = await deliver(await fullReport(record), { url: dest.endpointUrl, token: dest.endpointToken, timeoutMs });
    const updated = await updateRecord(id, (r) => {
      if (r.status !== 'queued') return false; // discarded or changed meanwhile
      r.lease_until = 0;
      if (result.outcome === 'sent') {
        r.status = 'sent';
        r.reason = '';
        r.sent_ms = Date.now();
      } else if (result.outcome === 'failed') {
        r.status = 'failed';
        r.reason = result.reason;
      } else {
        let wait = backoffMs(r.attempts, test.backoffMs);
        if (result.retryAfterMs != null) wait = Math.max(wait, Math.min(result.retryAfterMs, MAX_RETRY_AFTER_MS));
        r.reason = result.reason;
        r.next_at = Date.now() + wait;
      }
      return true;
    });
    if (!updated) return;
    if (updated.status === 'queued') schedule(id, updated.next_at);
    else chrome.alarms.clear(ALARM_PREFIX + id).catch(() => {});
    if (updated.status !== 'queued') notifyTab(updated);
  } finally {
    inflight.delete(id);
  }
}

/** Deliver whatever is due and re-arm timers for the rest (worker start, endpoint set). */
async function resume({ now = false } = {}) {
  const dest = await readDestinations();
  if (!checkEndpoint(dest.endpointUrl).ok) return 0;
  const pending = (await allRecords()).filter((r) => r.status === 'queued');
  for (const r of pending) {
    const id = r.report.report_id;
    if (now || (r.next_at ?? 0) <= Date.now()) deliverOne(id, { force: now }).catch((e) => console.error('nigehban: delivery', e));
    else schedule(id, r.next_at);
  }
  return pending.length;
}

// ---------------------------------------------------------------- history actions

async function retry(id) {
  const record = await updateRecord(id, (r) => {
    if (r.status === 'sent') return false;
    r.status = 'queued';
    r.reason = '';
    r.attempts = 0;
    r.next_at = Date.now();
    r.lease_until = 0;
    return true;
  });
  if (!record) return { ok: false, error: 'no such report' };
  notifyTab(record);
  const dest = await readDestinations();
  if (checkEndpoint(dest.endpointUrl).ok) await deliverOne(id, { force: true });
  else {
    await updateRecord(id, (r) => {
      r.reason = 'no destination set';
      return true;
    });
  }
  return { ok: true, status: (await getRecord(id))?.status };
}

// Failures that a change of endpoint or token can cure: not found, wrong method, not allowed.
const DESTINATION_FAILURE_RE = /^(HTTP (401|403|404|405)\b|endpoint |the endpoint answered with a redirect)/;

async function requeueDestinationFailures() {
  for (const r of await allRecords()) {
    if (r.status !== 'failed' || !DESTINATION_FAILURE_RE.test(r.reason ?? '')) continue;
    const updated = await updateRecord(r.report.report_id, (x) => {
      if (x.status !== 'failed') return false;
      x.status = 'queued';
      x.reason = '';
      x.attempts = 0;
      x.next_at = Date.now();
      x.lease_until = 0;
      return true;
    });
    if (updated) notifyTab(updated);
  }
}

async function discard(id) {
  await chrome.alarms.clear(ALARM_PREFIX + id).catch(() => {});
  // Through updateRecord so a delivery in progress sees the record gone, not a stale copy.
  await updateRecord(id, () => false);
  await deleteRecord(id);
  return { ok: true };
}

// ---------------------------------------------------------------- settings

let settingsTimer = null;
const SETTINGS_SETTLE_MS = 1_500;
chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  if (changes[SETTINGS_KEYS.endpointUrl] || changes[SETTINGS_KEYS.endpointToken]) {
    // A destination set (or corrected) applies at once to what waits in the outbox, and to
    // what failed because of the destination (wrong address or token); after a short pause,
    // so that an address still being typed is not tried.
    clearTimeout(settingsTimer);
    settingsTimer = setTimeout(
      () =>
        requeueDestinationFailures()
          .then(() => resume({ now: true }))
          .catch((e) => console.error('nigehban: resume', e)),
      SETTINGS_SETTLE_MS
    );
  }
});

// ---------------------------------------------------------------- listeners

const HANDLERS = {
  report: (msg, sender) => handleCreate(msg.post ?? {}, sender.tab ?? null, sender.documentId),
  'report-page': (msg) => handlePageReport(msg),
  'seller-history': async (msg, sender) => ({
    listings: await sellerListings(msg.indicators, msg.key, msg.text, msg.verdict, sender.url ?? sender.tab?.url),
  }),
  'outbox-retry': (msg) => retry(String(msg.report_id ?? '')),
  'outbox-discard': (msg) => discard(String(msg.report_id ?? '')),
  'outbox-flush': async () => ({ ok: true, pending: await resume({ now: true }) }),
  'outbox-email': async (msg) => {
    const email = checkEmail((await readDestinations()).emailTo);
    if (!email.ok) return { ok: false, error: 'no email address set' };
    await openEmailDraft(String(msg.report_id ?? ''), email.address);
    return { ok: true };
  },
};

// What a content script may ask; the rest (page reports, the history's actions) is for the
// extension's own pages (popup, history), so a content script cannot discard or re-send reports.
const CONTENT_SCRIPT_TYPES = new Set(['report', 'seller-history']);

function fromExtensionPage(sender) {
  return typeof sender.url === 'string' && sender.url.startsWith(chrome.runtime.getURL(''));
}

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const handler = msg && typeof msg === 'object' ? HANDLERS[msg.type] : undefined;
  if (!handler) return false; // someone else's message
  // Reports come from content scripts or from the extension's own pages, never other extensions.
  if (sender.id !== chrome.runtime.id) return false;
  if (!CONTENT_SCRIPT_TYPES.has(msg.type) && !fromExtensionPage(sender)) {
    sendResponse({ ok: false, error: `${msg.type} is only for the extension's own pages` });
    return false;
  }
  Promise.resolve()
    .then(() => handler(msg, sender))
    .then(sendResponse, (e) => sendResponse({ ok: false, error: String(e?.message ?? e) }));
  return true; // answered asynchronously
});

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name.startsWith(ALARM_PREFIX)) {
    deliverOne(alarm.name.slice(ALARM_PREFIX.length)).catch((e) => console.error('nigehban: delivery', e));
  }
});

chrome.runtime.onStartup.addListener(() => resume().catch((e) => console.error('nigehban: resume', e)));
chrome.runtime.onInstalled.addListener(() => resume().catch((e) => console.error('nigehban: resume', e)));
// The worker itself starting (after being stopped) is the most common case.
resume().catch((e) => console.error('nigehban: resume', e));
