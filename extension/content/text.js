// Post text: reading it from the DOM (visible text, without nested posts or our own badge),
// hashing it cheaply to notice changes, and deciding "listing" from a verdict and settings.
(function (ng) {
  'use strict';

  // Longer posts are cut for scanning: an offer sits near the start, and a bounded message keeps
  // the engine's time per batch small. The cut never splits a surrogate pair.
  ng.MAX_TEXT = 100000;

  const BLOCK = /^(P|DIV|LI|TR|TD|TH|DD|DT|BLOCKQUOTE|PRE|SECTION|ARTICLE|H[1-6]|UL|OL|TABLE|BR|HR|HEADER|FOOTER)$/;

  /**
   * Visible-ish text of `root`: text nodes in page order, a line break at block boundaries,
   * skipping `skip(el)` subtrees (nested posts, excluded parts, our badge). textContent-based,
   * so no layout is forced; hidden elements are left to the IntersectionObserver.
   */
  ng.readText = function readText(root, skip, limit = ng.MAX_TEXT + 1) {
    if (root.nodeType !== 1 || root.matches(ng.neverText)) return '';
    let out = '';
    const brk = () => {
      if (out && !out.endsWith('\n')) out += '\n';
    };
    // An explicit stack, not recursion: a pathologically deep page must not overflow ours.
    // Entries are nodes to visit, or BLOCK_END markers closing a block element.
    const BLOCK_END = {};
    const stack = [];
    for (let c = root.lastChild; c; c = c.previousSibling) stack.push(c);
    while (stack.length && out.length < limit) {
      const n = stack.pop();
      if (n === BLOCK_END) {
        brk();
      } else if (n.nodeType === 3) {
        out += n.data;
      } else if (n.nodeType === 1) {
        if (n.matches(ng.neverText) || (skip && skip(n))) continue;
        if (BLOCK.test(n.tagName)) {
          brk();
          stack.push(BLOCK_END);
        }
        for (let c = n.lastChild; c; c = c.previousSibling) stack.push(c);
      }
    }
    return ng.tidy(out);
  };

  /** Collapse runs of spaces, keep line breaks, trim; cut at MAX_TEXT. */
  ng.tidy = function tidy(text) {
    let t = text.replace(/[ \t\f\v\u00a0]+/g, ' ').replace(/ *\n[ \n]*/g, '\n').trim();
    if (t.length > ng.MAX_TEXT) {
      let end = ng.MAX_TEXT;
      const c = t.charCodeAt(end - 1);
      if (c >= 0xd800 && c <= 0xdbff) end -= 1;
      t = t.slice(0, end);
    }
    return t;
  };

  /** FNV-1a over UTF-16 code units, plus the length: cheap change detection, not security. */
  ng.hash = function hash(text) {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return (h >>> 0).toString(36) + ':' + text.length;
  };

  const RANK = { none: 0, low: 1, medium: 2, high: 3 };

  /** Fold case and compatibility forms so that a user's term matches styled or wide text. */
  ng.fold = function fold(text) {
    try {
      return text.normalize('NFKC').toLowerCase();
    } catch {
      return String(text).toLowerCase();
    }
  };

  /**
   * The decision for one post. `settings.sensitivity`: "engine" (the engine's own flag),
   * or "low" | "medium" | "high" (that level and above count). The user's extra terms flag a
   * post on their own and add a reason.
   * @returns {{listing: boolean, level: string, reasons: string[], terms: string[]}}
   */
  ng.decide = function decide(verdict, text, settings) {
    const v = verdict || {};
    const level = RANK[v.level] !== undefined ? v.level : 'none';
    const sens = settings.sensitivity || 'engine';
    let listing = sens === 'engine' ? !!v.flagged : RANK[level] >= (RANK[sens] || 1) && level !== 'none';
    const terms = [];
    if (settings.extraTerms && settings.extraTerms.length && text) {
      const folded = ng.fold(text);
      for (const term of settings.extraTerms) {
        const t = ng.fold(String(term).trim());
        if (t && folded.includes(t)) terms.push(String(term).trim());
      }
    }
    if (terms.length) listing = true;
    return {
      listing,
      level: listing && level === 'none' ? 'low' : level,
      reasons: Array.isArray(v.reasons) ? v.reasons.slice() : [],
      terms,
    };
  };
})(globalThis.nigehban);
