// Adapters: turn the selector data (selectors.js) into "which elements are posts on this page,
// and what are their text, author and permalink". No observers or messaging here.
(function (ng) {
  'use strict';

  const BADGE_TAG = 'NIGEHBAN-BADGE';

  function hostMatches(host, pattern) {
    return host === pattern || host.endsWith('.' + pattern);
  }

  function safeMatches(el, sel) {
    try {
      return !!sel && el.matches(sel);
    } catch {
      return false;
    }
  }

  function safeAll(root, sel) {
    try {
      return sel ? Array.from(root.querySelectorAll(sel)) : [];
    } catch {
      return []; // a selector this browser does not support must not stop the others
    }
  }

  // Whether any element of the page was taken as a generic text block (marked by an expando,
  // which no selector sees).
  let genericMarked = false;

  const validity = new Map();
  function validSelector(sel) {
    if (!validity.has(sel)) {
      let ok = true;
      try {
        document.createDocumentFragment().querySelector(sel);
      } catch {
        ok = false;
      }
      validity.set(sel, ok);
    }
    return validity.get(sel);
  }

  function safeFirst(root, sel) {
    try {
      return !!sel && !!root.querySelector(sel);
    } catch {
      return false;
    }
  }

  function safeClosest(el, sel) {
    try {
      return el.closest(sel);
    } catch {
      return null;
    }
  }

  function prepare(p) {
    return Object.assign({}, p, {
      postSel: p.posts.join(', '),
      excludeSel: (p.exclude || []).join(', '),
      textMode: p.textMode || 'all',
    });
  }

  /**
   * Adapters that apply to this page: the platforms whose host matches; on any other host, the
   * platforms whose markup signature is present (saved pages, mirrors, test feeds).
   */
  ng.Adapters = class Adapters {
    constructor(host, doc) {
      this.host = host;
      this.doc = doc;
      this.all = ng.platforms.map(prepare);
      this.byHost = this.all.filter((p) => p.hosts.some((h) => hostMatches(host, h)));
      this.active = this.byHost.slice();
      this.selsFor = -1; // active.length when the selector lists below were built
      this.detect();
    }

    /**
     * Selector lists over the active platforms, built again only when a platform joins them
     * (findPosts and the nested-post tests run per added subtree and per element read).
     */
    sels() {
      if (this.selsFor !== this.active.length) {
        this.selsFor = this.active.length;
        this.platformSel = this.active.map((p) => p.postSel).join(', ');
        this.anyPostSel = [ng.universalPosts].concat(this.active.map((p) => p.postSel)).join(', ');
        this.skipSels = new Map(); // adapter -> selector of what readText may skip in its posts
        this.waitingSig = this.all
          .filter((p) => !this.active.includes(p))
          .map((p) => p.signature || p.posts[0])
          .join(', ');
      }
      return this;
    }

    /**
     * Look again for platform markup (single-page apps render it late), in `roots` (the subtrees
     * just added; the whole document when absent): searching only what was added keeps an
     * infinite feed from costing a whole-document search per platform per batch.
     */
    detect(roots) {
      if (this.byHost.length) return false;
      const list = roots ? Array.from(roots) : [this.doc];
      const scopes = list.some((r) => r.nodeType === 9) ? [this.doc] : list.filter((r) => r.nodeType === 1 && r.isConnected);
      const found = (sig) => scopes.some((s) => (s.nodeType === 1 && safeMatches(s, sig)) || safeFirst(s, sig));
      // One search for all the platforms not seen yet; one per platform only when it hits (or
      // when this browser rejects one of the selectors, which spoils the combined one).
      const any = this.sels().waitingSig;
      if (!any || (validSelector(any) && !found(any))) return false;
      const waiting = this.all.filter((p) => !this.active.includes(p));
      let changed = false;
      for (const p of waiting) {
        if (found(p.signature || p.posts[0])) {
          this.active.push(p);
          changed = true;
        }
      }
      return changed;
    }

    /** Generic text blocks are looked for only where no platform adapter applies. */
    get genericOn() {
      return this.active.length === 0;
    }

    /** The adapter owning a post element (the first active platform whose post selector matches). */
    adapterFor(el) {
      for (const p of this.active) if (safeMatches(el, p.postSel)) return p;
      if (el.__nigehbanGeneric) return ng.genericAdapter;
      return ng.universalAdapter;
    }

    isPostElement(el) {
      for (const p of this.active) if (safeMatches(el, p.postSel)) return true;
      if (el.__nigehbanGeneric) return true;
      if (!safeMatches(el, ng.universalPosts)) return false;
      // Same rule as findPosts: inside a platform's post, an article is part of that post.
      const platformSel = this.sels().platformSel;
      return !(platformSel && el.parentElement && safeClosest(el.parentElement, platformSel));
    }

    /** Post elements at or under `root` (an element or the document): an iterable. */
    findPosts(root) {
      const { anyPostSel: sel, platformSel } = this.sels();
      const isPost = root.nodeType === 1 && safeMatches(root, sel);
      const inside = safeAll(root, sel);
      // A feed's appended post with no post inside and no platform adapter to ask: itself, with
      // none of the sets and tests below (an infinite feed adds hundreds of these).
      if (isPost && !inside.length && !platformSel) {
        return root.closest(ng.generic.skipAlways) ? [] : [root];
      }
      const found = new Set();
      const add = (el) => {
        if (!el.closest(ng.generic.skipAlways)) found.add(el);
      };
      if (isPost) add(root);
      for (const el of inside) add(el);
      // Generic blocks are never looked for inside a post (with no platform active, a post is
      // an article: findTextBlocks would stop at once).
      if (this.genericOn && !isPost) for (const el of ng.findTextBlocks(root, this)) found.add(el);
      for (const el of Array.from(found)) {
        const a = this.adapterFor(el);
        const parent = el.parentElement;
        if (!parent) continue;
        // An <article>/role=article inside a platform's post is part of that post (Disqus wraps
        // each comment's body in one), not a second post.
        if (a === ng.universalAdapter && platformSel && safeClosest(parent, platformSel)) found.delete(el);
        // "outer" platforms: a post inside another post of the same platform belongs to it.
        else if (a.nested === 'outer' && safeClosest(parent, a.postSel)) found.delete(el);
      }
      return found;
    }

    /** Whether a post element sits inside `el` (then `el` may be a mere wrapper of posts). */
    containsPost(el) {
      return safeAll(el, this.sels().anyPostSel).some((x) => this.isPostElement(x));
    }

    /** The nearest post element containing `node` (itself included), or null. */
    closestPost(node) {
      let el = node.nodeType === 1 ? node : node.parentElement;
      for (; el; el = el.parentElement) {
        if (el.__nigehbanTracked) return el;
      }
      return null;
    }

    /**
     * A selector that every element readText may skip in a post of adapter `a` matches: the
     * never-text elements, posts (nested posts are skipped) and the adapter's exclusions. A
     * post with none of them is read without a test per element. Generic blocks carry no
     * selector: where the page has any, there is no such selector (null).
     */
    skipSelector(a) {
      if (genericMarked) return null;
      const sels = this.sels();
      let sel = sels.skipSels.get(a);
      if (sel === undefined) {
        sel = [ng.neverText, sels.anyPostSel, a.excludeSel].filter(Boolean).join(', ');
        if (!validSelector(sel)) sel = null;
        sels.skipSels.set(a, sel);
      }
      return sel;
    }

    /** Text, author and permalink of a post element. */
    describe(post) {
      const a = this.adapterFor(post);
      const isNestedPost = (el) => el !== post && (el.__nigehbanTracked || this.isPostElement(el));
      const skip = (el) => el.tagName === BADGE_TAG || isNestedPost(el) || (a.excludeSel && safeMatches(el, a.excludeSel));
      const ownEl = (el) => {
        // An element that belongs to this post, not to a post nested inside it.
        for (let x = el; x && x !== post; x = x.parentElement) {
          if (isNestedPost(x) || (a.excludeSel && safeMatches(x, a.excludeSel))) return false;
        }
        return true;
      };
      const skipSel = this.skipSelector(a);
      let textEls = [];
      for (const sel of a.text || []) {
        const els = safeAll(post, sel).filter(ownEl);
        if (!els.length) continue;
        textEls = textEls.concat(els);
        if (a.textMode !== 'all') break;
      }
      if (a.textMode === 'first') textEls = textEls.slice(0, 1);
      // Keep the outermost of nested matches, in page order.
      textEls = textEls.filter((el) => !textEls.some((o) => o !== el && o.contains(el)));
      textEls.sort((x, y) => (x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
      let text;
      if (textEls.length) {
        text = ng.tidy(textEls.map((el) => ng.readText(el, skip, undefined, skipSel)).join('\n'));
      } else {
        text = ng.readText(post, skip, undefined, skipSel);
      }
      return new PostInfo(post, a, text, textEls[0] || null);
    }
  };

  /**
   * What describe() finds. Author and permalink are read when asked (a report), not for every
   * post scanned: each is a selector search in the post, and most posts are never reported.
   * (A class, not an object literal with getters: those are built the slow way, per post.)
   */
  class PostInfo {
    constructor(post, adapter, text, textEl) {
      this.adapter = adapter;
      this.platform = adapter.id;
      this.text = text;
      this.textEl = textEl;
      this.post = post;
      this.authorRead = undefined;
      this.permalinkRead = undefined;
    }

    get author() {
      if (this.authorRead === undefined) this.authorRead = readAuthor(this.post, this.adapter);
      return this.authorRead;
    }

    get permalink() {
      if (this.permalinkRead === undefined) this.permalinkRead = readPermalink(this.post, this.adapter);
      return this.permalinkRead;
    }
  }

  function readAuthor(post, a) {
    if (a.authorAttr && post.getAttribute(a.authorAttr)) return post.getAttribute(a.authorAttr).trim().slice(0, 200);
    // The first match that names someone (an avatar link has no text; its aria-label may).
    const scopes = [post];
    const outer = a.authorScope && post.parentElement ? safeClosest(post.parentElement, a.authorScope) : null;
    if (outer) scopes.push(outer);
    for (const scope of scopes) {
      for (const el of a.author ? safeAll(scope, a.author) : []) {
        const name = ((a.authorAttr && el.getAttribute(a.authorAttr)) || el.textContent || el.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim();
        if (name) return name.slice(0, 200);
      }
    }
    return '';
  }

  function readPermalink(post, a) {
    let href = '';
    if (a.permalinkAttr && post.getAttribute(a.permalinkAttr)) {
      try {
        href = new URL(post.getAttribute(a.permalinkAttr), location.href).href;
      } catch {
        href = '';
      }
    }
    for (const sel of [].concat(a.permalink || [])) {
      if (href) break;
      const el = safeAll(post, sel)[0];
      const link = el && (el.closest('a[href]') || el.querySelector('a[href]'));
      href = link ? link.href : '';
    }
    return /^https?:/i.test(href) ? href : '';
  }

  ng.universalAdapter = prepare({ id: 'web', hosts: [], posts: ['article', '[role="article"]'], text: [], nested: 'inner' });
  ng.genericAdapter = prepare({ id: 'web', hosts: [], posts: [], text: [], nested: 'inner', exclude: [ng.generic.skip] });
  ng.generic.skipAlways = 'nigehban-badge';

  /**
   * Generic adapter: blocks with at least minChars of their own text, grouped into the item
   * that repeats under its parent (a feed item, a comment) when there is one. Page chrome
   * (nav, header, footer, forms, menus) never counts.
   */
  ng.findTextBlocks = function findTextBlocks(root, adapters) {
    const g = ng.generic;
    const doc = root.ownerDocument || root;
    const body = doc.body;
    if (!body) return [];
    const start = root.nodeType === 9 ? body : root;
    if (start.nodeType !== 1 || !body.contains(start)) return [];
    // A post's own subtree first (a feed's appended posts): one short test, before the long one.
    if (start.closest(ng.universalPosts) || start.closest(g.skip)) return [];
    const blockTags = new Set(g.blockTags);
    const own = new Map(); // block element -> length of its own text
    const walker = doc.createTreeWalker(start, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(n) {
        if (n.nodeType === 1) {
          if (n.tagName === BADGE_TAG || safeMatches(n, g.skip) || adapters.isPostElement(n)) return NodeFilter.FILTER_REJECT;
          return NodeFilter.FILTER_SKIP;
        }
        return n.data.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
      },
    });
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      let b = t.parentElement;
      while (b && b !== body && !blockTags.has(b.tagName)) b = b.parentElement;
      if (!b || b === body) continue;
      own.set(b, (own.get(b) || 0) + t.data.trim().length);
    }
    const out = new Set();
    for (const [b, n] of own) {
      if (n < g.minChars) continue;
      out.add(groupUp(paragraphContainer(b, body, g), body, g));
    }
    // A block inside another chosen block is part of it.
    const list = Array.from(out);
    const result = list.filter((el) => !list.some((o) => o !== el && o.contains(el)));
    for (const el of result) el.__nigehbanGeneric = true;
    if (result.length) genericMarked = true;
    return result;
  };

  // Paragraphs are read together with their siblings (a forum post's or an article's body),
  // so that a price in one paragraph and an offer in the next are scanned as one text.
  function paragraphContainer(block, body, g) {
    const parent = block.parentElement;
    if (!/^(P|BLOCKQUOTE|PRE|H[1-6])$/.test(block.tagName) || !parent || parent === body) return block;
    if (!/^(DIV|SECTION|TD|DD|LI|BLOCKQUOTE)$/.test(parent.tagName) || safeMatches(parent, g.skip)) return block;
    return (parent.textContent || '').length <= g.maxChars ? parent : block;
  }

  function signature(el) {
    return el.tagName + '.' + (typeof el.className === 'string' ? el.className.trim() : '');
  }

  function groupUp(block, body, g) {
    let a = block.parentElement;
    for (let depth = 0; a && a !== body && depth < g.maxClimb; depth++, a = a.parentElement) {
      if (safeMatches(a, g.skip)) break;
      const parent = a.parentElement;
      if (!parent || !/^(DIV|LI|SECTION)$/.test(a.tagName)) continue;
      const sig = signature(a);
      if (a.tagName !== 'LI' && sig.endsWith('.')) continue; // bare divs repeat by accident
      let same = 0;
      for (const c of parent.children) if (signature(c) === sig) same++;
      if (same >= 2 && (a.textContent || '').length <= g.maxChars) return a;
    }
    return block;
  }
})(globalThis.nigehban);
