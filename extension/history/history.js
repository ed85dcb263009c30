// The report history page: every report with its status and evidence, retry / discard,
// export (JSON, CSV) and the groups of reports that share a seller's indicator.
// Page text from reports is only ever set with textContent (never as HTML).

import { allRecords, fullReport, PREFIX } from '../background/report-store.js';
import { groupBySeller, keyLabel } from '../background/report-indicators.js';
import { toJson, toCsv } from './export.js';
import { localize } from '../ui/i18n.js';

/** A localised string, or the English fallback when the message is missing. */
function t(key, fallback, subs) {
  const m = chrome.i18n?.getMessage?.(key, subs);
  if (m) return m;
  if (!subs) return fallback;
  return [].concat(subs).reduce((s, v, i) => s.replace('$' + (i + 1), v), fallback);
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null) continue;
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c == null || c === '') continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** A link only for http(s) addresses; anything else is shown as text. */
function link(url) {
  try {
    const u = new URL(url);
    if (u.protocol === 'http:' || u.protocol === 'https:') {
      return el('a', { href: u.href, target: '_blank', rel: 'noopener noreferrer' }, url);
    }
  } catch {
    // not a URL
  }
  return document.createTextNode(url ?? '');
}

const STATUS_TEXT = {
  queued: () => t('status_queued', 'queued'),
  sent: () => t('status_sent', 'sent'),
  failed: () => t('status_failed', 'failed'),
};

function when(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso ?? '') : d.toLocaleString() + ' (' + iso + ')';
}

function indicatorRows(ind) {
  const rows = [];
  for (const [key, label] of [
    ['phones', t('historyPhones', 'Phones')],
    ['whatsapp', t('historyWhatsapp', 'WhatsApp')],
    ['telegram', t('historyTelegram', 'Telegram')],
    ['emails', t('historyEmails', 'Emails')],
    ['payment', t('historyPayment', 'Payment')],
    ['urls', t('historyLinks', 'Links')],
  ]) {
    const values = ind?.[key] ?? [];
    if (values.length) rows.push([label, values.join(', ')]);
  }
  return rows;
}

function send(message) {
  return chrome.runtime.sendMessage(message).catch((e) => ({ ok: false, error: String(e?.message ?? e) }));
}

function renderReport(record) {
  const r = record.report;
  const id = r.report_id;
  const v = r.verdict ?? {};
  const item = el('li', { class: 'report', id: 'r-' + id, 'data-report-id': id, 'data-status': record.status });

  item.append(
    el(
      'header',
      {},
      el('span', { class: 'status' }, (STATUS_TEXT[record.status] ?? (() => record.status))()),
      el('strong', {}, r.page?.platform ?? ''),
      el('span', {}, when(r.created_at)),
      record.reason ? el('span', { class: 'reason' }, record.reason) : null
    )
  );

  const dl = el('dl');
  const row = (label, value) => {
    if (value == null || value === '') return;
    dl.append(el('dt', {}, label), el('dd', {}, value));
  };
  row(t('historyPage', 'Page'), link(r.page?.url));
  row(t('historyTitleLabel', 'Title'), r.page?.title);
  if (r.post?.permalink && r.post.permalink !== r.page?.url) row(t('historyPermalink', 'Post'), link(r.post.permalink));
  row(t('historyAuthor', 'Author'), r.post?.author);
  row(
    t('historyVerdict', 'Verdict'),
    `${v.level ?? ''} (${Number(v.score ?? 0).toFixed(2)})${v.categories?.length ? ' \u2013 ' + v.categories.join(', ') : ''}`
  );
  if (v.prices?.length) row(t('historyPrices', 'Prices'), v.prices.map((p) => `Rs ${p.amount_pkr}`).join(', '));
  if (v.reasons?.length) row(t('historyReasons', 'Reasons'), v.reasons.join('; '));
  for (const [label, value] of indicatorRows(r.indicators)) row(label, value);
  row(t('historyHash', 'Text SHA-256'), el('code', {}, r.post?.text_sha256 ?? ''));
  row(t('historyVersions', 'Versions'), `extension ${r.extension_version ?? ''}, rules ${r.rules_version ?? ''}`);
  row(t('historyReportId', 'Report id'), el('code', {}, id));
  item.append(dl);

  item.append(el('pre', { class: 'text', dir: 'auto' }, r.post?.text_masked ?? ''));
  if (record.has_screenshot) {
    // Loaded when opened: hundreds of screenshots held at once would weigh down the page.
    const shot = el('details', { class: 'shot' }, el('summary', {}, t('historyScreenshot', 'Screenshot')));
    shot.addEventListener('toggle', async () => {
      if (!shot.open || shot.querySelector('img')) return;
      const full = await fullReport(record);
      if (typeof full?.screenshot === 'string' && full.screenshot.startsWith('data:image/png;base64,')) {
        shot.append(el('img', { class: 'screenshot', src: full.screenshot, alt: t('historyScreenshotAlt', 'Screenshot of the post') }));
      }
    });
    item.append(shot);
  }

  const actions = el('div', { class: 'actions' });
  if (record.status !== 'sent') {
    const retry = el('button', { type: 'button', 'data-action': 'retry' }, t('historyRetry', 'Retry now'));
    retry.addEventListener('click', async () => {
      retry.disabled = true;
      await send({ type: 'outbox-retry', report_id: id });
      retry.disabled = false;
    });
    actions.append(retry);
  }
  const email = el('button', { type: 'button', 'data-action': 'email' }, t('historyEmail', 'Email draft'));
  email.addEventListener('click', async () => {
    const res = await send({ type: 'outbox-email', report_id: id });
    if (!res?.ok) alert(t('historyNoEmail', 'Set an email address in the options first.'));
  });
  actions.append(email);
  const discard = el('button', { type: 'button', 'data-action': 'discard' }, t('historyDiscard', 'Discard'));
  discard.addEventListener('click', async () => {
    if (!confirm(t('historyDiscardConfirm', 'Discard this report? It will not be sent and leaves the history.'))) return;
    await send({ type: 'outbox-discard', report_id: id });
  });
  actions.append(discard);
  item.append(actions);
  return item;
}

function renderGroup(group, byId) {
  const shared = group.keys.map(keyLabel).join(', ');
  const item = el('li', { class: 'seller-group', 'data-report-ids': group.ids.join(' '), 'data-keys': group.keys.join(' ') });
  item.append(
    el('p', {}, t('historyGroupShared', '$1 reports share: ', [String(group.ids.length)]), el('span', { class: 'shared' }, shared))
  );
  const list = el('ul');
  for (const id of group.ids) {
    const r = byId.get(id)?.report;
    if (!r) continue;
    list.append(el('li', {}, el('a', { href: '#r-' + id }, `${r.page?.platform ?? ''}: ${r.page?.title || r.page?.url || id}`), ` (${r.created_at})`));
  }
  item.append(list);
  return item;
}

let records = [];

async function render() {
  records = await allRecords();
  const newestFirst = [...records].reverse();
  const byId = new Map(records.map((r) => [r.report.report_id, r]));
  const counts = { queued: 0, sent: 0, failed: 0 };
  for (const r of records) counts[r.status] = (counts[r.status] ?? 0) + 1;
  document.getElementById('summary').textContent = t(
    'historySummary',
    '$1 reports: $2 sent, $3 waiting, $4 failed.',
    [String(records.length), String(counts.sent), String(counts.queued), String(counts.failed)]
  );

  const groups = groupBySeller(records.map((r) => r.report));
  document.getElementById('group-list').replaceChildren(...groups.map((g) => renderGroup(g, byId)));
  document.getElementById('groups-empty').hidden = groups.length > 0;

  // A redraw keeps the screenshots the reader had opened.
  const open = new Set([...document.querySelectorAll('.report details.shot[open]')].map((d) => d.closest('.report').dataset.reportId));
  document.getElementById('report-list').replaceChildren(...newestFirst.map(renderReport));
  for (const id of open) {
    const d = document.querySelector(`.report[data-report-id="${CSS.escape(id)}"] details.shot`);
    if (d) d.open = true;
  }
  document.getElementById('reports-empty').hidden = records.length > 0;
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function stamp() {
  return new Date().toISOString().replace(/[:]/g, '-').replace(/\..*$/, '');
}

localize(); // the shared page localiser: texts, lang and direction of the shown locale
document.getElementById('export-json').addEventListener('click', async () => {
  download(`nigehban-reports-${stamp()}.json`, 'application/json', toJson(await allRecords({ withScreenshots: true })));
});
document.getElementById('export-csv').addEventListener('click', async () => {
  download(`nigehban-reports-${stamp()}.csv`, 'text/csv;charset=utf-8', toCsv(await allRecords({ withScreenshots: true })));
});

let pending = null;
chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local' || !Object.keys(changes).some((k) => k.startsWith(PREFIX))) return;
  // Coalesce bursts (a delivery writes several times) into one redraw.
  clearTimeout(pending);
  pending = setTimeout(() => render().catch(console.error), 100);
});
render().catch((e) => {
  document.getElementById('summary').textContent = String(e?.message ?? e);
});
