// Popup: the listings on the current tab (click one to scroll to it), the site switch, the
// "Report this page" button, links, and the rules version.
import { t, localize } from '../ui/i18n.js';
import { hostOf, isSiteDisabled, setSiteDisabled } from '../ui/settings.js';

localize();

async function currentTab() {
  // ?tab=ID lets a test (or a pinned popup window) name the tab; otherwise the active tab.
  const id = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(id) && id > 0) return chrome.tabs.get(id);
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab;
}

function renderList(tabId, items) {
  const list = document.getElementById('listings');
  list.replaceChildren();
  document.getElementById('count').textContent = items.length ? t('popupCount', [String(items.length)]) : t('popupNone');
  for (const item of items) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.key = item.key;
    b.textContent = item.summary; // page text: textContent only
    b.setAttribute('aria-label', t('popupScrollTo', [item.summary]));
    b.addEventListener('click', () => chrome.tabs.sendMessage(tabId, { type: 'scroll-to', key: item.key }).catch(() => {}));
    li.append(b);
    list.append(li);
  }
}

async function main() {
  const tab = await currentTab();
  // The content script knows the live list, and the page's address (the popup sees tab.url
  // only under activeTab, so no "tabs" permission is needed); the background's copy covers a
  // tab whose content script does not answer.
  let live = null;
  if (tab) live = await chrome.tabs.sendMessage(tab.id, { type: 'get-listings' }, { frameId: 0 }).catch(() => null);
  // Listings of every frame (the page and its comment embeds), as the toolbar badge counts them.
  const all = tab ? await chrome.runtime.sendMessage({ type: 'tab-listings', tabId: tab.id }).catch(() => null) : null;
  const url = (tab && tab.url) || (live && live.url) || (all && all.url) || '';
  const title = (tab && tab.title) || (live && live.title) || '';
  const host = hostOf(url);
  if (!host) {
    document.getElementById('count').textContent = t('popupNotAvailable');
  } else {
    const items = all && all.count ? all.items : (live && live.items) || [];
    renderList(tab.id, items);
  }

  const toggle = document.getElementById('site-toggle');
  document.getElementById('site-toggle-label').textContent = t('popupSiteToggle', [host || '—']);
  toggle.disabled = !host;
  toggle.checked = host ? !(await isSiteDisabled(host)) : false;
  toggle.addEventListener('change', () => setSiteDisabled(host, !toggle.checked));

  const reportBtn = document.getElementById('report-page');
  reportBtn.disabled = !host;
  reportBtn.addEventListener('click', async () => {
    const status = document.getElementById('report-page-status');
    reportBtn.disabled = true;
    const res = await chrome.runtime
      .sendMessage({ type: 'report-page', tabId: tab.id, url, title })
      .catch(() => null);
    status.textContent = res && res.status ? t('popupReportPageSent', [t('status_' + res.status)]) : t('statusUnavailable');
    reportBtn.disabled = false;
  });

  const rules = await chrome.runtime.sendMessage({ type: 'rules-version' }).catch(() => null);
  if (rules && rules.version) document.getElementById('rules').textContent = t('popupRules', [rules.version]);
}

main();
