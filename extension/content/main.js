// Content script entry: settings, the scan round-trip to the background, marking posts, and
// the messages the popup and the background send to this tab.
(function (ng) {
  'use strict';
  if (ng.started) return; // injected twice (e.g. after an extension update): keep the first
  ng.started = true;

  const host = location.hostname;
  // A comment embed (Disqus, Facebook's comments plugin) follows the switch of the page it is in.
  const topHost = (() => {
    try {
      if (window === window.top) return host;
      const a = location.ancestorOrigins;
      return a && a.length ? new URL(a[a.length - 1]).hostname : host;
    } catch {
      return host;
    }
  })();
  const SETTINGS_DEFAULTS = { sensitivity: 'engine', disabledSites: [], extraTerms: [] };

  let settings = Object.assign({}, SETTINGS_DEFAULTS);
  let adapters = null;
  let watcher = null;
  let nextKey = 1;
  // Keys are unique across the tab's frames (the popup's scroll-to goes to every frame).
  const FRAME = Math.random().toString(36).slice(2, 8);
  const posts = new Map(); // key -> element
  const listed = new Set(); // elements whose decision is "listing": the list without a walk over all posts
  const state = new WeakMap(); // element -> {key, hash, text, verdict, decision, info, badge, host}
  let reportListings = () => {};

  const offFor = (h) => (settings.disabledSites || []).some((s) => s === h || h.endsWith('.' + s));
  const enabledHere = () => !offFor(host) && !offFor(topHost);

  // --- the channel to the background ------------------------------------------------------

  // Scan batches and the listings list go over one long-lived port: a message on a port costs
  // the page about half of a chrome.runtime.sendMessage round trip. The port opens with the
  // first message and again after the service worker stopped (MV3 stops it after 30 s idle,
  // and its ports close with it); it closes after a quiet spell and when the page goes into
  // the back/forward cache, so that an idle tab holds nothing open.
  const PORT_NAME = 'nigehban-content';
  const PORT_IDLE_MS = 20000;
  const channel = (() => {
    let port = null;
    let nextId = 1;
    let idleTimer = 0;
    let lastUsed = 0;
    const pending = new Map(); // id -> {message, resolve, reject, resend, port}
    const api = { generation: 0 }; // one per port opened: the background's per-port state

    function open() {
      const p = chrome.runtime.connect({ name: PORT_NAME }); // throws once the extension is gone
      port = p;
      api.generation++;
      p.onMessage.addListener((m) => {
        const entry = m && pending.get(m.id);
        if (!entry) return;
        pending.delete(m.id);
        entry.resolve(m);
      });
      p.onDisconnect.addListener(() => {
        void chrome.runtime.lastError; // read: Chrome logs an unread one
        if (port === p) port = null;
        // The worker stopped with requests in flight: each that may be sent again goes once
        // more on a new port (which wakes the worker); the others fail.
        const lost = [];
        for (const [id, e] of pending) {
          if (e.port !== p) continue;
          pending.delete(id);
          lost.push(e);
        }
        for (const e of lost) {
          if (e.resend) {
            e.resend = false;
            send(e);
          } else {
            e.reject(new Error('the background closed the channel'));
          }
        }
      });
    }

    function send(entry) {
      const id = entry.message.id;
      for (let attempt = 0; ; attempt++) {
        try {
          if (!port) open();
          entry.port = port;
          pending.set(id, entry);
          port.postMessage(entry.message);
          break;
        } catch (err) {
          pending.delete(id);
          if (attempt === 0 && port) {
            port = null; // closed before its onDisconnect reached us: a new one
            continue;
          }
          entry.reject(err);
          return;
        }
      }
      lastUsed = performance.now();
      if (!idleTimer) idleTimer = setTimeout(closeIfIdle, PORT_IDLE_MS);
    }

    function closeIfIdle() {
      idleTimer = 0;
      if (!port) return;
      const left = lastUsed + PORT_IDLE_MS - performance.now();
      if (pending.size || left > 0) {
        idleTimer = setTimeout(closeIfIdle, Math.max(left, 1000));
        return;
      }
      api.close();
    }

    /** The port's generation, opening it if needed (a new port: the background knows nothing). */
    api.connect = () => {
      if (!port) {
        try {
          open();
        } catch {
          // the extension is gone: the request that follows fails
        }
      }
      return api.generation;
    };

    /** Sends `message`; resolves with the background's answer. `resend`: it may go twice. */
    api.request = (message, resend = false) =>
      new Promise((resolve, reject) => {
        message.id = nextId++;
        send({ message, resolve, reject, resend, port: null });
      });

    api.close = () => {
      const p = port;
      port = null;
      if (p) p.disconnect();
      const lost = Array.from(pending.values());
      pending.clear();
      for (const e of lost) e.reject(new Error('the channel was closed'));
    };
    return api;
  })();
  addEventListener('pagehide', (e) => {
    if (e.persisted) channel.close();
  });

  // --- scanning ---------------------------------------------------------------------------

  // Verdicts of texts seen before on this page, so that a text goes to the background once:
  // feeds repeat posts (reposts, copy-pasted offers) and virtualised ones rebuild the rows the
  // user scrolls back to. A verdict depends on the text alone; the decision (settings) is made
  // here each time. Only verdicts that name no contact are kept: for the others the scan
  // answer also brings the seller history of that post. Bounded by the characters it holds.
  const VERDICTS_MAX_CHARS = 1000000;
  const verdictCache = new Map(); // text -> verdict, oldest first
  let verdictChars = 0;
  function rememberVerdict(text, verdict) {
    if (!verdict || verdictCache.has(text) || text.length > VERDICTS_MAX_CHARS) return;
    if ((verdict.contacts || []).some((c) => c && c.value)) return;
    verdictCache.set(text, verdict);
    verdictChars += text.length;
    for (const [t] of verdictCache) {
      if (verdictChars <= VERDICTS_MAX_CHARS) break;
      verdictCache.delete(t);
      verdictChars -= t.length;
    }
  }

  function scanPosts(batch) {
    if (!chrome.runtime || !chrome.runtime.id) {
      // The extension was updated or removed under this page: this script is orphaned.
      if (watcher) watcher.stop();
      watcher = null;
      return;
    }
    const toScan = [];
    for (const el of batch) {
      let st = state.get(el);
      const info = adapters.describe(el);
      // The text itself marks what was scanned: comparing strings is cheaper than hashing them.
      const h = info.text;
      if (st && st.hash === h) continue; // scanned once; again only when its text changes
      if (!st) {
        st = { key: FRAME + '-' + nextKey++ };
        state.set(el, st);
        posts.set(st.key, el);
      } else if (st.reported || st.historyAsked) {
        // New text in the same element (virtualised feeds recycle rows): a new post.
        st.reported = null;
        st.historyAsked = false;
        el.removeAttribute('data-nigehban-reported');
        posts.delete(st.key); // a late status for the old post must not land on this one
        st.key = FRAME + '-' + nextKey++;
        posts.set(st.key, el);
      }
      st.hash = h;
      st.info = info;
      st.text = info.text;
      // (The text is trimmed already.)
      if (!info.text && adapters.containsPost(el)) {
        // A wrapper around other posts with no words of its own: the inner posts count, once.
        unmark(el, st);
      } else if (!info.text) {
        // Nothing to scan (a photo, a sticker): clear without a round trip.
        apply(el, st, { flagged: false, level: 'none', score: 0, categories: [], prices: [], contacts: [], spans: [], reasons: [] });
      } else {
        const known = verdictCache.get(info.text);
        if (known) {
          st.tries = 0;
          st.history = null; // names no contact
          apply(el, st, known);
          listingsChanged();
        } else {
          toScan.push([el, st, h]);
        }
      }
    }
    if (!toScan.length) return listingsChanged();
    channel
      // With the keys, the answer also carries each post's seller history (one message, not two).
      // A batch lost with a stopping worker is sent again at once, on a new port.
      .request(
        Object.assign(
          { type: 'scan', texts: toScan.map(([, st]) => st.text), keys: toScan.map(([, st]) => st.key) },
          // The badge's messages come with the first answer that may hold a listing.
          ng.hasMessages() ? null : { messages: ng.messagePrefixes, terms: !!(settings.extraTerms && settings.extraTerms.length) },
        ),
        true,
      )
      .then((res) => {
        if (!res || !Array.isArray(res.verdicts)) throw new Error((res && res.error) || 'no verdicts');
        if (res.messages) ng.giveMessages(res.messages);
        const history = Array.isArray(res.history) ? res.history : [];
        toScan.forEach(([, st, h], i) => {
          rememberVerdict(h, res.verdicts[i]);
          st.tries = 0;
          st.history = Number.isFinite(history[i]) ? history[i] : null;
        });
        applyAnswer(toScan, res.verdicts, 0);
      })
      .catch((err) => {
        // The engine is unavailable (worker restarting, wasm failed to load): leave the posts
        // unmarked and try them again a few times, further apart each time.
        const again = [];
        for (const [el, st] of toScan) {
          st.hash = null;
          st.tries = (st.tries || 0) + 1;
          if (st.tries <= 3) again.push(el);
        }
        console.warn('Nigehban: scan failed:', err && err.message ? err.message : err);
        if (again.length) setTimeout(() => watcher && watcher.requeue(again), 1000 * 2 ** (toScan[0][1].tries - 1));
      });
  }

  // A scan answer is marked on the page in slices of about 8 ms: a batch may hold many
  // listings, each with a badge to build, and no task of ours should grow long.
  const APPLY_SLICE_MS = 8;
  function applyAnswer(toScan, verdicts, from) {
    const t0 = performance.now();
    for (let i = from; i < toScan.length; i++) {
      const [el, st, h] = toScan[i];
      // Not if its text changed since, or the site was switched off (and on) meanwhile.
      if (st.hash === h && el.isConnected && state.get(el) === st) apply(el, st, verdicts[i]);
      if (i + 1 < toScan.length && performance.now() - t0 > APPLY_SLICE_MS) {
        if (watcher) watcher.takeRecords();
        ng.later(() => {
          try {
            applyAnswer(toScan, verdicts, i + 1);
          } catch (err) {
            console.warn('Nigehban: skipped marking a batch:', err);
          }
        });
        return;
      }
    }
    if (watcher) watcher.takeRecords(); // the badges just placed
    listingsChanged();
  }

  function unmark(el, st) {
    listed.delete(el);
    el.removeAttribute('data-nigehban');
    if (st.host) st.host.remove();
    st.host = null;
    st.verdict = null;
    st.decision = null;
  }

  function apply(el, st, verdict) {
    st.verdict = verdict || {};
    st.decision = ng.decide(st.verdict, st.text, settings);
    if (st.decision.listing) listed.add(el);
    else listed.delete(el);
    mark(el, st);
  }

  function mark(el, st) {
    if (!watcher) return;
    const listing = st.decision.listing;
    el.setAttribute('data-nigehban', listing ? 'listing' : 'clear');
    if (!listing) {
      if (st.host) st.host.remove();
      st.host = null;
      return;
    }
    // A new badge is filled before it goes into the page: one insertion, not one per node.
    const fresh = !st.host || !st.host.isConnected;
    if (fresh) st.host = ng.createBadgeHost();
    st.badge = ng.renderBadge(st.host, {
      verdict: st.verdict,
      decision: st.decision,
      text: st.text,
      onReport: () => report(el, st),
    });
    if (st.reported) st.badge.setStatus(st.reported);
    if (fresh) placeBadge(el, st);
    askSellerHistory(st);
  }

  // The badge goes just before the post's text (inside the post, so it scrolls and hides with
  // it); table rows and posts without a text element get it as their first child cell content.
  function placeBadge(el, st) {
    const t = st.info.textEl;
    if (t && t !== el && el.contains(t) && t.parentElement && !/^(TR|TBODY|TABLE|UL|OL)$/.test(t.parentElement.tagName)) {
      t.before(st.host);
    } else if (/^(TR)$/.test(el.tagName)) {
      (el.cells[el.cells.length - 1] || el).prepend(st.host);
    } else {
      el.prepend(st.host);
    }
  }

  // Seller history is asked for all of a batch's listings in one message: a message costs the
  // page about a millisecond whatever it carries.
  let historyQueue = [];
  function askSellerHistory(st) {
    if (st.historyAsked) return;
    const indicators = (st.verdict.contacts || []).map((c) => c.value).filter(Boolean);
    if (!indicators.length) return;
    st.historyAsked = true;
    if (Number.isFinite(st.history)) {
      // Came with the scan answer.
      if (st.badge) st.badge.setHistory(st.history);
      return;
    }
    if (!historyQueue.length) setTimeout(sendHistoryQueue, 0);
    historyQueue.push(st);
  }

  function sendHistoryQueue() {
    const asked = historyQueue.splice(0, historyQueue.length);
    if (!asked.length) return;
    chrome.runtime
      .sendMessage({ type: 'seller-history-batch', items: asked.map((st) => ({ key: st.key, indicators: (st.verdict.contacts || []).map((c) => c.value).filter(Boolean) })) })
      .then((res) => {
        const counts = res && Array.isArray(res.listings) ? res.listings : [];
        asked.forEach((st, i) => {
          if (Number.isFinite(counts[i]) && st.badge) st.badge.setHistory(counts[i]);
        });
      })
      .catch(() => {}); // nobody answers: show nothing
  }

  // Where the post shows victims' data (the engine's "pii" spans: CNICs, IMEIs), as viewport
  // boxes; the background paints over them in the report's screenshot. Found by the matched
  // text itself, since the text the engine read was tidied (spaces folded) from the DOM's.
  // Only the post's own text nodes are searched: the badge lives in a shadow root.
  const MAX_MASK_RECTS = 200;
  function piiRects(el, st) {
    const needles = new Set();
    for (const s of (st.verdict && st.verdict.spans) || []) {
      if (s.kind !== 'pii') continue;
      const t = String(st.text || '').slice(s.start, s.end).trim();
      if (t.length >= 4) needles.add(t);
    }
    const rects = [];
    if (!needles.size) return rects;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n && rects.length < MAX_MASK_RECTS; n = walker.nextNode()) {
      for (const needle of needles) {
        for (let i = n.data.indexOf(needle); i !== -1; i = n.data.indexOf(needle, i + needle.length)) {
          const range = document.createRange();
          range.setStart(n, i);
          range.setEnd(n, i + needle.length);
          for (const b of range.getClientRects()) rects.push({ x: b.x, y: b.y, width: b.width, height: b.height });
          if (rects.length >= MAX_MASK_RECTS) return rects;
        }
      }
    }
    return rects;
  }

  function report(el, st) {
    const r = el.getBoundingClientRect();
    const post = {
      key: st.key,
      text: st.text,
      url: location.href,
      title: document.title,
      platform: st.info.platform,
      permalink: st.info.permalink,
      author: st.info.author,
      verdict: st.verdict,
      rect: { x: r.x, y: r.y, width: r.width, height: r.height, dpr: window.devicePixelRatio || 1 },
      maskRects: piiRects(el, st),
    };
    return chrome.runtime.sendMessage({ type: 'report', post }).then((res) => {
      const status = res && (res.status || (res.ok ? 'queued' : 'failed'));
      if (status) setReported(st.key, status);
      // The outbox may add a sentence for the user (e.g. "set an endpoint in the options").
      return { status, message: res && typeof res.message === 'string' ? res.message : '' };
    });
  }

  function setReported(key, status) {
    const el = posts.get(key);
    const st = el && state.get(el);
    if (!st) return;
    st.reported = status;
    el.setAttribute('data-nigehban-reported', status);
    if (st.badge) st.badge.setStatus(status);
  }

  // --- listings summary for the toolbar badge and the popup --------------------------------

  const PRUNE_EVERY_MS = 10000;
  let prunedAt = -Infinity;
  const before = (a, b) => a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING;
  let inOrder = new WeakSet(); // listings known to be in page order among themselves
  let orderRemovals = 0;
  function listings() {
    // Posts that left the page (virtualised feeds drop rows) are forgotten now and then: a
    // walk over every post seen is not needed for each list.
    if (performance.now() - prunedAt > PRUNE_EVERY_MS) {
      prunedAt = performance.now();
      for (const [key, el] of posts) if (!el.isConnected) posts.delete(key);
    }
    const found = [];
    for (const el of listed) {
      const st = state.get(el);
      if (!el.isConnected || !st || posts.get(st.key) !== el) {
        listed.delete(el);
        if (!el.isConnected && st) posts.delete(st.key);
        continue;
      }
      if (st.decision && st.decision.listing) found.push([el, st]);
    }
    // In page order, as the popup lists them. Posts mostly come in page order: a new listing is
    // checked against the one before it, and a sort happens only when one is out of order.
    // Listings checked before keep their order until the page removes or moves a node.
    const removals = watcher ? watcher.removals : 0;
    if (removals !== orderRemovals) {
      orderRemovals = removals;
      inOrder = new WeakSet();
    }
    let sorted = true;
    for (let i = 1; i < found.length && sorted; i++) {
      const el = found[i][0];
      if (!inOrder.has(el) || !inOrder.has(found[i - 1][0])) sorted = !!before(found[i - 1][0], el);
    }
    if (!sorted) {
      found.sort(([a], [b]) => (before(a, b) ? -1 : 1));
      listed.clear();
      for (const [el] of found) listed.add(el); // the set in page order: the next check is short
    }
    for (const [el] of found) inOrder.add(el);
    return found.map(([, st]) => {
      // Built again only when the post's decision changed.
      if (!st.item || st.itemFor !== st.decision || st.item.key !== st.key) {
        const cats = (st.verdict.categories || []).map(ng.categoryName).join(', ');
        const summary = `${ng.levelName(st.decision.level)}${cats ? ' · ' + cats : ''} — ${st.text.slice(0, 90)}`;
        st.item = { key: st.key, summary, level: st.decision.level, categories: st.verdict.categories || [], platform: st.info.platform };
        st.itemFor = st.decision;
      }
      return st.item;
    });
  }

  // The list goes to the background at most every two seconds while posts keep coming (each
  // message costs the page time in proportion to the whole list), and only when it changed.
  const LISTINGS_SETTLE_MS = 150;
  const LISTINGS_EVERY_MS = 2000;
  let listingsTimer = 0;
  let listingsSentAt = -Infinity;
  let listingsSent = null; // the items the background last heard, in order
  // The items the background holds for this frame, by key: a message carries the order of all
  // keys but only the items that are new or changed. Valid for one port (generation); a new
  // port starts from nothing.
  let itemsSent = new Map();
  let itemsGeneration = -1;
  let listingsRetried = false;
  function listingsChanged() {
    if (listingsTimer) return;
    const wait = Math.max(LISTINGS_SETTLE_MS, listingsSentAt + LISTINGS_EVERY_MS - performance.now());
    listingsTimer = setTimeout(() => {
      listingsTimer = 0;
      listingsSentAt = performance.now();
      reportListings();
    }, wait);
  }
  reportListings = () => {
    const items = listings();
    // Items are rebuilt only when a post's decision changes: the same objects, the same list.
    if (listingsSent && items.length === listingsSent.length && items.every((item, i) => item === listingsSent[i])) return;
    listingsSent = items;
    const generation = channel.connect();
    if (generation !== itemsGeneration) {
      itemsGeneration = generation;
      itemsSent = new Map();
    }
    const keys = [];
    const changed = [];
    const now = new Map();
    for (const item of items) {
      keys.push(item.key);
      now.set(item.key, item);
      if (itemsSent.get(item.key) !== item) changed.push(item);
    }
    itemsSent = now;
    channel
      .request({ type: 'listings', count: items.length, keys, items: changed, url: location.href, born: performance.timeOrigin })
      .then((res) => {
        if (!res || !res.ok) throw new Error('not recorded');
        listingsRetried = false;
      })
      .catch(() => {
        // Not delivered (the worker stopped under it): the whole list again, on a new port, once.
        listingsSent = null;
        itemsGeneration = -1;
        if (!listingsRetried) {
          listingsRetried = true;
          listingsChanged();
        }
      });
  };

  // --- lifecycle -----------------------------------------------------------------------------

  function start() {
    if (watcher || !enabledHere()) return;
    adapters = new ng.Adapters(host, document);
    watcher = new ng.Watcher(adapters, scanPosts);
    watcher.start();
  }

  function stop() {
    if (!watcher) return;
    watcher.stop();
    watcher = null;
    for (const [, el] of posts) {
      const st = state.get(el);
      if (st && st.host) st.host.remove();
      state.delete(el);
      el.removeAttribute('data-nigehban');
    }
    for (const el of document.querySelectorAll('[data-nigehban]')) el.removeAttribute('data-nigehban');
    for (const b of document.querySelectorAll('nigehban-badge')) b.remove();
    posts.clear();
    listed.clear();
    reportListings();
  }

  function redecide() {
    for (const [, el] of posts) {
      const st = state.get(el);
      if (st && st.verdict) {
        st.decision = ng.decide(st.verdict, st.text, settings);
        if (st.decision.listing) listed.add(el);
        else listed.delete(el);
        mark(el, st);
      }
    }
    listingsChanged();
  }

  function loadSettings() {
    return chrome.storage.sync
      .get(SETTINGS_DEFAULTS)
      .then((s) => (settings = Object.assign({}, SETTINGS_DEFAULTS, s)))
      .catch(() => settings);
  }

  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'sync') return;
    let touched = false;
    for (const k of Object.keys(SETTINGS_DEFAULTS)) {
      if (changes[k]) {
        settings[k] = changes[k].newValue === undefined ? SETTINGS_DEFAULTS[k] : changes[k].newValue;
        touched = true;
      }
    }
    if (!touched) return;
    if (!enabledHere()) stop();
    else if (!watcher) start();
    else redecide();
  });

  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (!message || typeof message !== 'object') return false;
    switch (message.type) {
      case 'report-status':
        setReported(message.key, message.status);
        return false;
      case 'get-listings': {
        if (window !== window.top) return false; // the popup asks the page, not its embeds
        const items = watcher ? listings() : [];
        sendResponse({ host, url: location.href, title: document.title, enabled: enabledHere(), count: items.length, items });
        return false;
      }
      case 'scroll-to': {
        const el = posts.get(message.key);
        if (!el && window !== window.top) return false; // another frame's post
        if (el && el.isConnected) {
          el.scrollIntoView({ block: 'center', behavior: 'smooth' });
          const st = state.get(el);
          const btn = st && st.host && st.host.shadowRoot && st.host.shadowRoot.querySelector('[data-nigehban-action="report"]');
          if (btn) setTimeout(() => btn.focus({ preventScroll: true }), 400);
          sendResponse({ ok: true });
        } else {
          sendResponse({ ok: false });
        }
        return false;
      }
      default:
        return false;
    }
  });

  loadSettings().then(start);
})(globalThis.nigehban);
