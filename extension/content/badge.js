// The listing badge: a host element with an OPEN shadow root (page CSS cannot reach it, tests
// and assistive tools can). Built from DOM nodes and textContent only: page text is never
// parsed as HTML. Its buttons act only on trusted (user) events.
(function (ng) {
  'use strict';

  // Each message is asked of the browser once: a getMessage call crosses into native code, and
  // a badge needs a dozen of them. A message with substitutions (a price, a count) is asked
  // once too, with markers where they go; each use puts its values in, literally, as the
  // browser does. The background usually sends the badge's messages with the first scan
  // answer that may hold a listing (main.js): chrome.i18n's first call on a page fetches the
  // whole catalogue synchronously, about 4 ms of the page's time.
  const cache = new Map();
  const MARKER = /\ue000(\d)\ue001/g;
  const markers = (n) => Array.from({ length: n }, (_, i) => '\ue000' + i + '\ue001');
  let given = null; // {plain: {name: text}, marked: {name: text with markers}} from the background
  ng.messagePrefixes = ['badge', 'reportButton', 'reasonUserTerm', 'sellerHistory', 'status', 'level_', 'cat_', 'textDirection', '@@bidi_dir'];
  ng.hasMessages = () => given !== null;
  ng.giveMessages = (m) => {
    if (given || !m || typeof m !== 'object' || !m.plain || !m.marked) return;
    given = m;
  };
  const getMessage = (key, subs) => {
    try {
      return chrome.i18n.getMessage(key, subs) || '';
    } catch {
      return null; // the extension was reloaded under this page
    }
  };
  const msg = (key, subs) => {
    if (subs === undefined) {
      const hit = cache.get(key);
      if (hit !== undefined) return hit;
      const text = given && typeof given.plain[key] === 'string' ? given.plain[key] : getMessage(key);
      if (text === null) return key; // keep the badge readable
      cache.set(key, text || key);
      return text || key;
    }
    const values = [].concat(subs);
    const id = key + '\u0000' + values.length;
    let template = cache.get(id);
    if (template === undefined) {
      template = given && typeof given.marked[key] === 'string' ? given.marked[key] : getMessage(key, markers(values.length));
      if (template === null) return key;
      cache.set(id, template);
    }
    return template ? template.replace(MARKER, (_, i) => (values[i] === undefined ? '' : String(values[i]))) : key;
  };
  ng.msg = msg;

  const CSS = `
:host { all: initial; display: block; margin: 6px 0; font: 13px/1.4 system-ui, sans-serif; }
.box { border: 2px solid #b42318; border-radius: 8px; background: #fff5f4; color: #2b0b08; padding: 6px 10px; max-width: 60em; }
.box[data-level="medium"] { border-color: #c4320a; background: #fff6ed; }
.box[data-level="low"] { border-color: #b54708; background: #fffaeb; }
.head { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.pill { font-weight: 700; }
.cats { color: #5c1a12; }
.why { margin-top: 4px; }
button.toggle { border: 0; background: none; color: inherit; padding: 0; border-radius: 2px; }
button.toggle::before { content: "▸ "; content: "▸ " / ""; }
.box[dir="rtl"] button.toggle::before { content: "◂ "; content: "◂ " / ""; }
button.toggle[aria-expanded="true"]::before { content: "▾ "; content: "▾ " / ""; }
ul { margin: 4px 0; padding-inline-start: 18px; }
.snippet { white-space: pre-wrap; word-break: break-word; border-inline-start: 3px solid #d0d5dd; padding-inline-start: 6px; margin: 4px 0; color: #344054; }
mark { background: #fde272; color: inherit; }
mark.price { background: #abefc6; }
mark.contact { background: #b2ddff; }
button { font: inherit; border: 1px solid #b42318; background: #b42318; color: #fff; border-radius: 6px; padding: 2px 10px; cursor: pointer; }
button:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
button[disabled] { opacity: .6; cursor: default; }
.status:empty, .history:empty { display: none; }
.history { font-weight: 600; }
`;

  let sheet = null;
  let styleElements = false; // this browser took no constructed sheet: a <style> in each root
  function styleInto(root) {
    try {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
      }
      root.adoptedStyleSheets = [sheet]; // constructed sheets are not subject to the page's CSP
    } catch {
      styleElements = true;
      const style = document.createElement('style');
      style.textContent = CSS;
      root.appendChild(style);
    }
  }

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  ng.levelName = (level) => msg('level_' + level);
  // Thousands separators by hand: building an Intl.NumberFormat costs the page ~15 ms (ICU
  // data), more than all the badges it would format. Same output as en-US, no decimals.
  const rupees = { format: (n) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',') };
  ng.categoryName = (id) => msg('cat_' + id) || id;

  /**
   * Snippet of `text` around the verdict's spans, each span a <mark>. Offsets are UTF-16 code
   * units (the wasm layer converts them), the same units as String.prototype.slice.
   */
  function snippet(text, spans) {
    const marks = (spans || [])
      .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.end > s.start && s.end <= text.length && s.kind !== 'negative')
      .sort((a, b) => a.start - b.start);
    const box = el('div', { class: 'snippet', dir: 'auto' });
    if (!marks.length) {
      box.textContent = text.length > 280 ? text.slice(0, 280) + '…' : text;
      return box;
    }
    const from = Math.max(0, marks[0].start - 60);
    const to = Math.min(text.length, Math.max(marks[marks.length - 1].end + 60, from + 120), from + 600);
    let pos = from;
    if (from > 0) box.append('…');
    for (const s of marks) {
      if (s.start < pos || s.start >= to) continue;
      box.append(text.slice(pos, s.start));
      box.append(el('mark', { class: s.kind || 'data' }, text.slice(s.start, Math.min(s.end, to))));
      pos = Math.min(s.end, to);
    }
    box.append(text.slice(pos, to));
    if (to < text.length) box.append('…');
    return box;
  }

  // The badge's fixed structure, built once per level and cloned for each badge: a clone costs
  // the page a fraction of building the same nodes one by one. What every badge of a level
  // says alike (title, labels, the buttons, direction) is in its template; each badge sets its
  // own categories, prices and reasons.
  // "Why?" is a disclosure of our own (a <button aria-expanded> over a hidden region), not a
  // <details>: a <details> costs the page several times a whole badge to build and to insert
  // (its own internal shadow tree), and every listing gets one. A real button takes Enter and
  // Space by itself (no key listener per badge); its marker is decorative CSS text.
  const templates = new Map(); // level -> box
  function badgeTemplate(level) {
    let box = templates.get(level);
    if (!box) {
      const dir = (msg('textDirection') || msg('@@bidi_dir')) === 'rtl' ? 'rtl' : 'ltr';
      box = el('div', { class: 'box', role: 'note', dir, 'aria-label': msg('badgeLabel'), 'data-level': level });
      const head = el('div', { class: 'head' });
      head.append(
        el('span', { class: 'pill' }, msg('badgeTitle', [ng.levelName(level)])),
        el('span', { class: 'cats' }),
        el('span', { class: 'prices' }),
        el('button', { type: 'button', 'data-nigehban-action': 'report', 'aria-label': msg('reportButtonLabel') }, msg('reportButton')),
        el('span', { class: 'status', role: 'status', 'aria-live': 'polite' }),
      );
      const why = el('div', { class: 'why' });
      const body = el('div', { class: 'why-body', id: 'why-body', hidden: '' });
      body.append(el('ul'));
      why.append(el('button', { type: 'button', class: 'toggle', 'aria-expanded': 'false', 'aria-controls': 'why-body' }, msg('badgeWhy')), body);
      box.append(head, el('div', { class: 'history' }), why);
      templates.set(level, box);
    }
    return box.cloneNode(true);
  }

  /**
   * Build (or rebuild) the badge for a listing post. `onReport()` is called on a trusted click
   * and returns a promise of a status string.
   */
  ng.renderBadge = function renderBadge(host, info) {
    const { verdict, decision, text } = info;
    let root = host.shadowRoot;
    if (root) {
      // A badge built again (new settings): an adopted sheet stays, a <style> child does not.
      root.replaceChildren();
      if (styleElements) styleInto(root);
    } else {
      root = host.attachShadow({ mode: 'open' });
      styleInto(root);
    }
    const box = badgeTemplate(decision.level);
    // Only the nodes written now are looked up now (each node first touched from this script
    // costs the page a wrapper object); the buttons, status and history when they are used.
    const catsEl = box.querySelector('.cats');
    const pricesEl = catsEl.nextElementSibling;
    const find = (sel) => box.querySelector(sel);
    const cats = (verdict.categories || []).map(ng.categoryName);
    if (cats.length) catsEl.textContent = cats.join(' · ');
    else catsEl.remove();
    const prices = (verdict.prices || []).map((p) => (Number.isFinite(p.amount_pkr) && p.amount_pkr > 0 ? 'Rs ' + rupees.format(p.amount_pkr) : p.text)).filter(Boolean);
    if (prices.length) pricesEl.textContent = msg('badgePrices', [prices.slice(0, 6).join(', ')]);
    else pricesEl.remove();
    const reasons = find('ul');
    for (const r of decision.reasons) reasons.append(el('li', {}, r));
    for (const t of decision.terms) reasons.append(el('li', {}, msg('reasonUserTerm', [t])));
    root.append(box);

    // The highlighted snippet is built when the user first opens "Why?": most badges are never
    // opened, and a closed one shows nothing of it anyway.
    let filled = false;
    const toggleOpen = (toggle) => {
      const body = find('.why-body');
      const open = body.hidden;
      toggle.setAttribute('aria-expanded', String(open));
      body.hidden = !open;
      if (open && !filled) {
        filled = true;
        body.append(snippet(text, verdict.spans));
      }
    };
    const fileReport = (event, report) => {
      if (!event.isTrusted) return; // a page script must not be able to file reports
      event.preventDefault();
      const status = find('.status');
      report.disabled = true;
      status.textContent = msg('statusSending');
      Promise.resolve(info.onReport())
        .then((res) => {
          const st = res && res.status;
          status.textContent = st ? msg('status_' + st) : msg('statusUnavailable');
          if (res && res.message) status.textContent += ' — ' + res.message;
          if (!st || st === 'failed') report.disabled = false;
        })
        .catch(() => {
          status.textContent = msg('statusUnavailable');
          report.disabled = false;
        });
    };
    // One listener for the badge's clicks (buttons click on Enter and Space too): clicks inside
    // it must not open the post underneath (feeds link whole cards).
    box.addEventListener('click', (event) => {
      event.stopPropagation();
      const target = event.target;
      if (target.localName !== 'button') return;
      if (target.getAttribute('data-nigehban-action') === 'report') fileReport(event, target);
      else if (target.classList.contains('toggle')) toggleOpen(target);
    });
    const setStatus = (st) => {
      find('.status').textContent = msg('status_' + st) || st;
      // A failed delivery can be tried again from the post (the outbox retries that report).
      if (st === 'failed') find('[data-nigehban-action="report"]').disabled = false;
    };
    return { setStatus, setHistory: (n) => (find('.history').textContent = n > 0 ? msg('sellerHistory', [String(n)]) : '') };
  };

  // Hosts are cloned too: creating an element by a custom-element name looks the name up.
  let hostTemplate = null;
  ng.createBadgeHost = function createBadgeHost() {
    if (!hostTemplate) {
      hostTemplate = document.createElement('nigehban-badge');
      hostTemplate.setAttribute('data-nigehban-badge', '');
    }
    return hostTemplate.cloneNode(false);
  };
})(globalThis.nigehban);
