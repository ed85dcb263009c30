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
      if (!Array.isArray(message.texts) || message.texts.length > MAX_BATCH) {
        sendResponse({ error: `scan expects an array of at most ${MAX_BATCH} texts` });
        return false;
      }
      const keys = Array.isArray(message.keys) ? message.keys : null;
      scanTexts(message.texts)
        .then(async (verdicts) => (keys ? { verdicts, history: await historyFor(verdicts, keys, sender) } : { verdicts }))
        .then(
          (res) => sendResponse(res),
          (err) => sendResponse({ error: String(err && err.message ? err.message : err) }),
        );
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
      setTabListings(tabId, sender.frameId || 0, message.count, message.items, message.url, message.born).then(
        () => sendResponse({ ok: true }),
        () => sendResponse({ ok: false }),
      );
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
