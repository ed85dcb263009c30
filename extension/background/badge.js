// Per-tab listing counts: the toolbar badge and the popup's list, summed over the tab's frames
// (comment embeds such as Disqus run in their own frame). Kept in storage.session so that a
// restarted service worker still knows them.
const KEY = (tabId) => `tabListings:${tabId}`;
const MAX_ITEMS = 500;

// Updates for one tab run one after another: frames report at the same moment.
const chains = new Map();
function serial(tabId, fn) {
  const next = (chains.get(tabId) || Promise.resolve()).then(fn, fn);
  chains.set(tabId, next.catch(() => {}));
  return next;
}

function total(entry) {
  let count = 0;
  let items = [];
  for (const f of Object.values(entry.frames || {})) {
    count += f.count;
    items = items.concat(f.items);
  }
  return { count, items: items.slice(0, MAX_ITEMS) };
}

async function read(tabId) {
  const got = await chrome.storage.session.get(KEY(tabId)).catch(() => ({}));
  return got[KEY(tabId)] || { url: '', frames: {} };
}

/**
 * Record what one frame of a tab reports. `born` is the reporting document's start time
 * (performance.timeOrigin): when the top frame shows a new page, frames of the old page are
 * dropped, while frames of the new one (born after it, whichever reports first) are kept.
 */
export function setTabListings(tabId, frameId, count, items, url, born) {
  return serial(tabId, async () => {
    const n = Number.isFinite(count) && count > 0 ? Math.floor(count) : 0;
    const list = Array.isArray(items) ? items.slice(0, MAX_ITEMS) : [];
    const start = Number.isFinite(born) ? born : 0;
    const entry = await read(tabId);
    if (frameId === 0 && (url !== entry.url || start !== entry.topBorn)) {
      // A new top document (another page, or the same one reloaded).
      entry.url = typeof url === 'string' ? url : '';
      entry.topBorn = start;
      for (const [fid, f] of Object.entries(entry.frames)) if (fid !== '0' && !(f.born >= start)) delete entry.frames[fid];
    } else if (frameId !== 0 && entry.topBorn && start < entry.topBorn) {
      return; // a frame of a page the tab has left
    }
    entry.frames[String(frameId)] = { count: n, items: list, born: start };
    const sum = total(entry);
    entry.count = sum.count;
    await chrome.storage.session.set({ [KEY(tabId)]: entry }).catch(() => {});
    await chrome.action.setBadgeText({ tabId, text: sum.count ? String(sum.count > 999 ? '999+' : sum.count) : '' });
    if (sum.count) await chrome.action.setBadgeBackgroundColor({ tabId, color: '#B42318' });
  });
}

/** {url, count, items} for the popup. */
export async function getTabListings(tabId) {
  const entry = await read(tabId);
  return { url: entry.url, ...total(entry) };
}

export function forgetTab(tabId) {
  chains.delete(tabId);
  return chrome.storage.session.remove(KEY(tabId)).catch(() => {});
}
