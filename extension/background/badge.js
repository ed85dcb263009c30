// Per-tab listing counts: the toolbar badge and the popup's list. Kept in storage.session so
// that a restarted service worker still knows them.
const KEY = (tabId) => `tabListings:${tabId}`;

export async function setTabListings(tabId, count, items, url) {
  const n = Number.isFinite(count) && count > 0 ? Math.floor(count) : 0;
  await chrome.action.setBadgeText({ tabId, text: n ? String(n > 999 ? '999+' : n) : '' });
  if (n) await chrome.action.setBadgeBackgroundColor({ tabId, color: '#B42318' });
  const list = Array.isArray(items) ? items.slice(0, 500) : [];
  await chrome.storage.session.set({ [KEY(tabId)]: { count: n, items: list, url: typeof url === 'string' ? url : '' } }).catch(() => {});
}

export async function getTabListings(tabId) {
  const got = await chrome.storage.session.get(KEY(tabId)).catch(() => ({}));
  return got[KEY(tabId)] || { count: 0, items: [] };
}

export function forgetTab(tabId) {
  return chrome.storage.session.remove(KEY(tabId)).catch(() => {});
}
