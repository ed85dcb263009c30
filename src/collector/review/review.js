// The moderators' review page: a thin client over the collector's JSON API (/v1/...).
// Report text comes from strangers, so every string reaches the page through textContent
// (the el() helper); nothing is ever inserted as HTML.

const $ = (sel) => document.querySelector(sel);

/** Builds an element; string children become text nodes. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(method, path, body) {
  const init = { method, headers: {}, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  if (res.status === 401 && path !== '/review/api/login') {
    showLogin('Your session ended; log in again.');
    throw new ApiError(401, 'not logged in');
  }
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    try {
      message = (await res.json()).error || message;
    } catch { /* not JSON */ }
    throw new ApiError(res.status, message);
  }
  return res;
}

const json = async (method, path, body) => (await api(method, path, body)).json();

function toast(message, isError = false) {
  const t = $('#toast');
  t.textContent = message;
  t.classList.toggle('error', isError);
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 4000);
}

const fail = (e) => { if (e.status !== 401) toast(e.message, true); };

// ---- log-in -------------------------------------------------------------------------------

function showLogin(message = '') {
  $('#nav').hidden = true;
  for (const v of document.querySelectorAll('.view')) v.hidden = true;
  $('#login').hidden = false;
  $('#login-error').textContent = message;
  $('#login-token').focus();
}

async function startApp(me) {
  $('#login').hidden = true;
  $('#nav').hidden = false;
  $('#who').textContent = `${me.name} (${me.role})`;
  show('queue');
}

$('#login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const token = $('#login-token').value.trim();
  try {
    const me = await json('POST', '/review/api/login', { token });
    $('#login-token').value = '';
    await startApp(me);
  } catch (e) {
    $('#login-error').textContent = e.message;
  }
});

$('#logout').addEventListener('click', async () => {
  await api('POST', '/review/api/logout').catch(() => {});
  showLogin('Logged out.');
});

// ---- views --------------------------------------------------------------------------------

function show(view) {
  for (const v of document.querySelectorAll('.view')) v.hidden = v.id !== `view-${view}`;
  for (const tab of document.querySelectorAll('.tab')) {
    tab.classList.toggle('active', tab.dataset.view === view);
  }
  if (view === 'queue') loadQueue().catch(fail);
  if (view === 'tokens') loadTokens().catch(fail);
}

for (const tab of document.querySelectorAll('.tab')) {
  tab.addEventListener('click', () => show(tab.dataset.view));
}

// ---- queue --------------------------------------------------------------------------------

const state = { reports: [], selected: new Set(), open: null };

function filters() {
  return {
    status: $('#filter-status').value,
    platform: $('#filter-platform').value.trim(),
    category: $('#filter-category').value,
    indicator: $('#filter-indicator').value.trim(),
  };
}

async function loadQueue() {
  const params = new URLSearchParams({ limit: '500' });
  for (const [k, v] of Object.entries(filters())) if (v) params.set(k, v);
  state.reports = await json('GET', `/v1/reports?${params}`);
  const ids = new Set(state.reports.map((r) => r.report_id));
  state.selected = new Set([...state.selected].filter((id) => ids.has(id)));
  renderQueue();
}

const time = (iso) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') : '');
const snippet = (text, n = 90) => (text.length > n ? `${text.slice(0, n)}…` : text);

function statusBadge(status) {
  return el('span', { class: `status status-${status}`, dataset: { status } }, status);
}

function renderQueue() {
  const body = $('#queue tbody');
  body.replaceChildren(...state.reports.map((r) => el('tr', {
    dataset: { reportId: r.report_id, status: r.review.status },
    class: r.report_id === state.open ? 'open' : '',
    tabindex: 0,
    onclick: (event) => { if (event.target.type !== 'checkbox') openReport(r.report_id).catch(fail); },
    onkeydown: (event) => { if (event.key === 'Enter' && event.target === event.currentTarget) openReport(r.report_id).catch(fail); },
  },
  el('td', {}, el('input', {
    type: 'checkbox',
    'aria-label': 'Select',
    checked: state.selected.has(r.report_id),
    onchange: (event) => {
      if (event.target.checked) state.selected.add(r.report_id);
      else state.selected.delete(r.report_id);
      summary();
    },
  })),
  el('td', {}, time(r.received_at)),
  el('td', {}, r.page.platform),
  el('td', {}, el('span', { class: `level level-${r.verdict.level}` }, `${r.verdict.level} ${Number(r.verdict.score).toFixed(2)}`)),
  el('td', {}, r.verdict.categories.join(', ')),
  el('td', { class: 'post', dir: 'auto' }, snippet(r.post.text_masked)),
  el('td', { class: 'status-cell' }, statusBadge(r.review.status)))));
  if (!state.reports.length) {
    body.append(el('tr', {}, el('td', { colspan: 7, class: 'empty' }, 'No reports match.')));
  }
  summary();
}

function summary() {
  const n = state.reports.length;
  const s = state.selected.size;
  $('#queue-summary').textContent = `${n} report${n === 1 ? '' : 's'}` +
    (s ? `, ${s} selected (export takes the selection)` : ' (export takes all shown)');
  $('#select-all').checked = n > 0 && s === n;
}

$('#filters').addEventListener('submit', (event) => {
  event.preventDefault();
  loadQueue().catch(fail);
});

$('#select-all').addEventListener('change', (event) => {
  state.selected = event.target.checked ? new Set(state.reports.map((r) => r.report_id)) : new Set();
  renderQueue();
});

async function exportAs(format) {
  const ids = state.selected.size ? [...state.selected] : state.reports.map((r) => r.report_id);
  const res = await api('POST', '/v1/export', { format, ids });
  const disposition = res.headers.get('Content-Disposition') || '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] || `nigehban-reports.${format}`;
  const url = URL.createObjectURL(await res.blob());
  const link = el('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  toast(`Exported ${ids.length} report${ids.length === 1 ? '' : 's'} as ${format.toUpperCase()}`);
}

$('#export-csv').addEventListener('click', () => exportAs('csv').catch(fail));
$('#export-json').addEventListener('click', () => exportAs('json').catch(fail));

// ---- one report's evidence ------------------------------------------------------------------

/** Only web links become anchors; anything else (javascript:, data:) stays plain text. */
function safeLink(url) {
  try {
    const u = new URL(url);
    if (u.protocol === 'http:' || u.protocol === 'https:') {
      return el('a', { href: u.href, target: '_blank', rel: 'noopener noreferrer' }, url);
    }
  } catch { /* not a URL */ }
  return el('span', {}, url || '—');
}

function field(label, ...value) {
  return el('div', { class: 'field' }, el('span', { class: 'label' }, label), el('span', {}, ...value));
}

const INDICATOR_LABELS = {
  phones: 'Phones', whatsapp: 'WhatsApp', telegram: 'Telegram', emails: 'E-mail', payment: 'Payment', urls: 'URLs',
};

async function openReport(id) {
  const { report: r, history } = await json('GET', `/v1/reports/${encodeURIComponent(id)}`);
  state.open = id;
  for (const row of document.querySelectorAll('#queue tbody tr')) {
    row.classList.toggle('open', row.dataset.reportId === id);
  }
  const indicators = Object.entries(INDICATOR_LABELS)
    .filter(([kind]) => (r.indicators[kind] || []).length)
    .map(([kind, label]) => field(label, ...r.indicators[kind].map((v) => (kind === 'urls'
      ? safeLink(v)
      : el('button', { type: 'button', class: 'chip', title: 'All reports with this', onclick: () => findLinks(v) }, v)))));
  const prices = (r.verdict.prices || []).map((p) => `Rs ${p.amount_pkr}`).join(', ');
  const detail = $('#detail');
  const parts = [
    el('h2', {}, `${r.page.platform} · ${r.verdict.level} (${Number(r.verdict.score).toFixed(2)})`),
    el('p', { class: 'current' }, 'Status: ', statusBadge(r.review.status),
      r.review.by ? ` by ${r.review.by} at ${time(r.review.at)}` : '',
      r.review.note ? ` — note: ${r.review.note}` : '',
      r.review.reference ? ` — reference: ${r.review.reference}` : ''),
    el('h3', {}, 'Post (victims’ data masked)'),
    el('pre', { class: 'text', dir: 'auto' }, r.post.text_masked),
    field('Author', r.post.author || '—'),
    field('Permalink', safeLink(r.post.permalink)),
    field('Page', safeLink(r.page.url), r.page.title ? ` — ${r.page.title}` : ''),
    field('Posted / reported', `${time(r.created_at)} / received ${time(r.received_at)} from ${r.reporter}`),
    field('SHA-256 of the text', el('code', {}, r.post.text_sha256)),
    field('Categories', r.verdict.categories.join(', ') || '—'),
    field('Prices', prices || '—'),
    el('h3', {}, 'Why it was flagged'),
    el('ul', {}, r.verdict.reasons.map((reason) => el('li', {}, reason))),
    el('h3', {}, 'Seller indicators'),
    indicators.length ? indicators : el('p', {}, 'None in this report.'),
    el('button', { type: 'button', id: 'show-links', onclick: () => reportLinks(id).catch(fail) }, 'Seller links for this report'),
    r.screenshot_url ? [el('h3', {}, 'Screenshot'), el('img', { class: 'shot', src: r.screenshot_url, alt: 'Screenshot of the post' })] : null,
    el('h3', {}, 'Decision'),
    el('div', { class: 'actions' },
      el('button', { type: 'button', id: 'action-confirm', class: 'confirm', onclick: () => act(id, { action: 'confirm' }) }, 'Confirm'),
      el('input', { id: 'action-note', placeholder: 'why it is a false positive' }),
      el('button', { type: 'button', id: 'action-reject', class: 'reject', onclick: () => act(id, { action: 'reject', note: $('#action-note').value }) }, 'Reject'),
      el('input', { id: 'action-reference', placeholder: 'case / ticket reference' }),
      el('button', { type: 'button', id: 'action-escalate', class: 'escalate', onclick: () => act(id, { action: 'escalate', reference: $('#action-reference').value }) }, 'Escalate')),
    history.length ? [el('h3', {}, 'History'), el('ol', { class: 'history' }, history.map((h) => el('li', {},
      `${time(h.at)} ${h.by}: ${h.action}${h.note ? ` — ${h.note}` : ''}${h.reference ? ` — ${h.reference}` : ''}`)))] : null,
  ];
  detail.replaceChildren(...parts.flat().filter((part) => part !== null));
  detail.hidden = false;
}

async function act(id, body) {
  try {
    const updated = await json('POST', `/v1/reports/${encodeURIComponent(id)}/review`, body);
    const i = state.reports.findIndex((r) => r.report_id === id);
    if (i >= 0) state.reports[i] = updated;
    renderQueue();
    await openReport(id);
    toast(`Report ${updated.review.status}`);
  } catch (e) {
    fail(e);
  }
}

// ---- seller links ---------------------------------------------------------------------------

function renderLinks(result, title) {
  const out = $('#links-result');
  const groups = result.links.map((link) => el('section', { class: 'card link-group' },
    el('h3', {}, `${link.values.join(' · ')} `, el('span', { class: 'muted' }, `(${link.kinds.join(', ')}; ${link.report_ids.length} report${link.report_ids.length === 1 ? '' : 's'})`)),
    el('table', { class: 'queue' }, el('tbody', {}, link.report_ids.map((rid) => {
      const r = result.reports[rid];
      if (!r) return null;
      return el('tr', { dataset: { reportId: rid }, onclick: () => { show('queue'); openReport(rid).catch(fail); } },
        el('td', {}, time(r.created_at)),
        el('td', {}, r.page.platform),
        el('td', {}, r.post.author || ''),
        el('td', { class: 'post', dir: 'auto' }, snippet(r.post.text_masked)),
        el('td', {}, statusBadge(r.review.status)));
    })))));
  out.replaceChildren(el('h2', {}, title), ...(groups.length ? groups : [el('p', {}, 'No reports share it.')]));
}

async function findLinks(text) {
  $('#links-indicator').value = text;
  show('links');
  renderLinks(await json('GET', `/v1/links?indicator=${encodeURIComponent(text)}`), `Reports carrying “${text}”`);
}

async function reportLinks(id) {
  const result = await json('GET', `/v1/reports/${encodeURIComponent(id)}/links`);
  show('links');
  renderLinks(result, 'Every report sharing a seller channel with this one');
}

$('#links-form').addEventListener('submit', (event) => {
  event.preventDefault();
  findLinks($('#links-indicator').value.trim()).catch(fail);
});

// ---- tokens -------------------------------------------------------------------------------

async function loadTokens() {
  const tokens = await json('GET', '/v1/tokens');
  $('#tokens tbody').replaceChildren(...tokens.map((t) => el('tr', { dataset: { tokenId: t.id } },
    el('td', {}, t.id),
    el('td', {}, t.name),
    el('td', {}, t.role),
    el('td', {}, time(t.created_at)),
    el('td', {}, t.created_by),
    el('td', {}, t.revoked_at ? `revoked ${time(t.revoked_at)}` : 'live'),
    el('td', {}, t.revoked_at ? '' : el('button', {
      type: 'button',
      class: 'reject',
      onclick: async () => {
        if (!window.confirm(`Revoke the token of ${t.name}? It stops working at once.`)) return;
        await api('POST', `/v1/tokens/${t.id}/revoke`).catch(fail);
        loadTokens().catch(fail);
      },
    }, 'Revoke')))));
}

$('#token-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const { token, info } = await json('POST', '/v1/tokens', { name: $('#token-name').value });
    $('#token-name').value = '';
    const p = $('#token-new');
    p.replaceChildren(`Token for ${info.name} (shown once; give it to them now): `, el('code', {}, token));
    p.hidden = false;
    await loadTokens();
  } catch (e) {
    fail(e);
  }
});

// ---- start: resume a session or ask to log in --------------------------------------------------

fetch('/review/api/me', { credentials: 'same-origin' })
  .then(async (res) => (res.ok ? startApp(await res.json()) : showLogin()))
  .catch(() => showLogin('The collector is not answering.'));
