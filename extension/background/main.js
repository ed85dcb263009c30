// Service worker entry. Hosts the wasm engine for content scripts (which cannot compile wasm on
// pages whose CSP lacks 'wasm-unsafe-eval') and keeps the per-tab listing counts.
// Listeners are registered synchronously at the top level, so that a restarted worker receives
// the message that woke it.
import { scanTexts, rulesVersion } from './engine.js';
import { setTabListings, getTabListings, forgetTab } from './badge.js';
import { sellerListings } from './report-seller-history.js';
// The report outbox registers its own listeners (report, report-page, seller-history, ...).
import './outbox.js';

const MAX_BATCH = 200;

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (!message || typeof message !== 'object') return false;
  switch (message.type) {
    case 'scan': {
      scanReply(message, sender).then(sendResponse);
      return true; // answered asynchronously
    }
    case 'seller-history-batch': {
      // The content script asks for a batch of listings at once (one message per batch keeps
      // the page's cost down): {items: [{key, indicators}]} -> {listings: [n, ...]}, same order.
      if (!Array.isArray(message.items) || message.items.length > MAX_BATCH) {
        sendResponse({ error: `seller-history-batch expects an array of at most ${MAX_BATCH} items` });
        return false;
      }
      const url = sender.url ?? sender.tab?.url;
      (async () => {
        // One after another: the first call builds the index the others reuse.
        const listings = [];
        for (const it of message.items) {
          const indicators = it && Array.isArray(it.indicators) ? it.indicators : [];
          const key = it && typeof it.key === 'string' ? it.key : undefined;
          listings.push(await sellerListings(indicators, key, undefined, undefined, url).catch(() => null));
        }
        return listings;
      })().then((listings) => sendResponse({ listings }));
      return true;
    }
    case 'listings': {
      const tabId = sender.tab && sender.tab.id;
      if (tabId === undefined) return false;
      listingsReply(tabId, sender, message.items, message).then(sendResponse);
      return true;
    }
    case 'tab-listings': {
      // Only the extension's own pages (the popup) may read a tab's list, not content scripts.
      if (!String(sender.url || '').startsWith(chrome.runtime.getURL(''))) return false;
      getTabListings(message.tabId).then(sendResponse);
      return true;
    }
    case 'rules-version': {
      rulesVersion().then(
        (version) => sendResponse({ version }),
        (err) => sendResponse({ error: String(err && err.message ? err.message : err) }),
      );
      return true;
    }
    default:
      return false; // other messages (report, report-page, seller-history) belong to the outbox
  }
});

/**
 * The answer to a scan batch ({texts, keys?, messages?, terms?}), by message or over a content
 * port. With `messages` (prefixes of message names), the answer also carries those texts of the
 * interface when the batch may hold a listing (a verdict above "none", or the user's own terms
 * in play): the content script then builds its first badge without chrome.i18n's first call
 * on the page, which fetches the whole catalogue synchronously (about 4 ms of the page's time).
 */
function scanReply(message, sender) {
  if (!Array.isArray(message.texts) || message.texts.length > MAX_BATCH) {
    return Promise.resolve({ error: `scan expects an array of at most ${MAX_BATCH} texts` });
  }
  const keys = Array.isArray(message.keys) ? message.keys : null;
  return scanTexts(message.texts)
    .then(async (verdicts) => {
      const res = keys ? { verdicts, history: await historyFor(verdicts, keys, sender) } : { verdicts };
      const mayList = message.terms === true || verdicts.some((v) => v && (v.flagged || (v.level && v.level !== 'none')));
      if (Array.isArray(message.messages) && mayList) res.messages = await messagesFor(message.messages);
      return res;
    })
    .catch((err) => ({ error: String(err && err.message ? err.message : err) }));
}

// Where substitutions go in a message with placeholders: private-use markers the content
// script replaces with the values, as chrome.i18n would (getMessage takes up to nine).
const MARKERS = Array.from({ length: 9 }, (_, i) => `\ue000${i}\ue001`);
const messageSets = new Map(); // prefixes -> Promise<{plain, marked} | null>

/** The messages whose names start with one of `prefixes`, in the browser's language. */
function messagesFor(prefixes) {
  const wanted = prefixes.filter((p) => typeof p === 'string' && p).slice(0, 20);
  const id = wanted.join('\u0000');
  if (!messageSets.has(id)) {
    // The default locale's file names every message (the others may leave some out).
    const manifest = chrome.runtime.getManifest();
    const set = fetch(chrome.runtime.getURL(`_locales/${manifest.default_locale || 'en'}/messages.json`))
      .then((r) => r.json())
      .then((catalogue) => {
        const plain = {};
        const marked = {};
        const names = Object.keys(catalogue).concat(['@@bidi_dir']);
        for (const name of names) {
          if (!wanted.some((p) => name.startsWith(p))) continue;
          plain[name] = chrome.i18n.getMessage(name);
          if (String((catalogue[name] || {}).message || '').includes('$')) marked[name] = chrome.i18n.getMessage(name, MARKERS);
        }
        return { plain, marked };
      })
      .catch(() => null); // the content script asks chrome.i18n itself
    messageSets.set(id, set);
  }
  return messageSets.get(id);
}

function listingsReply(tabId, sender, items, message) {
  return setTabListings(tabId, sender.frameId || 0, message.count, items, message.url, message.born).then(
    () => ({ ok: true }),
    () => ({ ok: false }),
  );
}

// Content scripts send their scan batches and their listings over one long-lived port: a
// message on a port costs the page about half of a chrome.runtime.sendMessage round trip.
// Each message carries an id, echoed in its answer. The port closes when this worker stops;
// the content script opens a new one with its next message.
const CONTENT_PORT = 'nigehban-content';

chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== CONTENT_PORT) return; // other ports are not ours to answer
  const sender = port.sender || {};
  // The frame's listings as this port last described them: the content script sends the
  // full order of keys but only the items that are new or changed since its last message on
  // this port (a new port, e.g. after a worker restart, starts from nothing and gets them all).
  const listed = new Map();
  let open = true;
  port.onDisconnect.addListener(() => {
    open = false;
  });
  const reply = (id, res) => {
    if (!open) return; // the page went away: nobody to answer
    try {
      port.postMessage(Object.assign({ id }, res));
    } catch {
      open = false; // closed before its onDisconnect reached us
    }
  };
  port.onMessage.addListener((message) => {
    if (!message || typeof message !== 'object') return;
    switch (message.type) {
      case 'scan':
        scanReply(message, sender).then((res) => reply(message.id, res));
        break;
      case 'listings': {
        const tabId = sender.tab && sender.tab.id;
        if (tabId === undefined) {
          reply(message.id, { ok: false });
          break;
        }
        for (const it of Array.isArray(message.items) ? message.items : []) {
          if (it && typeof it.key === 'string') listed.set(it.key, it);
        }
        const keys = Array.isArray(message.keys) ? message.keys : [];
        const keep = new Set(keys);
        for (const k of listed.keys()) if (!keep.has(k)) listed.delete(k);
        const items = [];
        for (const k of keys) if (listed.has(k)) items.push(listed.get(k));
        listingsReply(tabId, sender, items, message).then((res) => reply(message.id, res));
        break;
      }
      default:
        reply(message.id, { error: `unknown message type on ${CONTENT_PORT}` });
    }
  });
});

/**
 * Seller history for the verdicts that name a contact (null for the rest), sent with the scan
 * answer when the content script gives the posts' keys: a separate message per batch of
 * listings cost the page as much time again.
 */
async function historyFor(verdicts, keys, sender) {
  const url = sender.url ?? sender.tab?.url;
  const out = [];
  for (let i = 0; i < verdicts.length; i++) {
    const values = ((verdicts[i] && verdicts[i].contacts) || []).map((c) => c.value).filter(Boolean);
    const key = typeof keys[i] === 'string' ? keys[i] : undefined;
    // One after another: the first call builds the index the others reuse.
    out.push(values.length ? await sellerListings(values, key, undefined, undefined, url).catch(() => null) : null);
  }
  return out;
}

chrome.tabs.onRemoved.addListener((tabId) => {
  forgetTab(tabId);
});
