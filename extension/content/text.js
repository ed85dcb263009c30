// Post text: reading it from the DOM (visible text, without nested posts or our own badge),
// hashing it cheaply to notice changes, and deciding "listing" from a verdict and settings.
(function (ng) {
  'use strict';

  // Longer posts are cut for scanning: an offer sits near the start, and a bounded message keeps
  // the engine's time per batch small. The cut never splits a surrogate pair.
  ng.MAX_TEXT = 100000;

  // Elements that end a line, by local name (a set lookup, not a tag name string per element).
  const BLOCK = new Set(['p', 'div', 'li', 'tr', 'td', 'th', 'dd', 'dt', 'blockquote', 'pre', 'section', 'article', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'table', 'br', 'hr', 'header', 'footer']);

  // ng.neverText as a quick test: its type selectors by local name and its [attr="value"]
  // selectors by attribute, so that most elements need no selector matching; any other
  // selector in it is still matched.
  let neverTags = null;
  let neverAttrs = null;
  let neverRest = '';
  function isNeverText(el, name = el.localName) {
    if (!neverTags) {
      neverTags = new Set();
      neverAttrs = [];
      const rest = [];
      for (const part of ng.neverText.split(',')) {
        const sel = part.trim();
        const attr = /^\[([a-z-]+)="([^"\\]*)"\]$/i.exec(sel);
        if (/^[a-z][a-z0-9-]*$/i.test(sel)) neverTags.add(sel.toLowerCase());
        else if (attr) neverAttrs.push([attr[1], attr[2]]);
        else if (sel) rest.push(sel);
      }
      neverRest = rest.join(', ');
    }
    if (neverTags.has(name)) return true;
    for (const [name, value] of neverAttrs) if (el.getAttribute(name) === value) return true;
    return neverRest ? el.matches(neverRest) : false;
  }

  /**
   * Visible-ish text of `root`: text nodes in page order, a line break at block boundaries,
   * skipping `skip(el)` subtrees (nested posts, excluded parts, our badge). textContent-based,
   * so no layout is forced; hidden elements are left to the IntersectionObserver.
   * `skipSel`, if given, matches every element that the never-text rule or `skip` would skip:
   * when nothing under `root` matches it (one search), no element is tested on the way.
   */
  ng.readText = function readText(root, skip, limit = ng.MAX_TEXT + 1, skipSel = null) {
    if (root.nodeType !== 1 || isNeverText(root)) return '';
    const tested = !skipSel || !!root.querySelector(skipSel);
    let out = '';
    // Whether `out` is empty or ends with a line break, kept as we go: asking the string
    // (endsWith) would flatten it at every block.
    let atBreak = true;
    // An explicit stack, not recursion: a pathologically deep page must not overflow ours.
    // Entries are nodes to visit, or BLOCK_END markers closing a block element.
    const BLOCK_END = null;
    const stack = [];
    for (let c = root.lastChild; c; c = c.previousSibling) stack.push(c);
    while (stack.length && out.length < limit) {
      const n = stack.pop();
      if (n === BLOCK_END) {
        if (!atBreak) {
          out += '\n';
          atBreak = true;
        }
        continue;
      }
      // Elements have a local name, other nodes none: one property read tells them apart.
      const name = n.localName;
      if (name === undefined || name === null) {
        if (n.nodeType !== 3) continue; // a comment, a processing instruction
        const d = n.data;
        if (d) {
          out += d;
          atBreak = d.charCodeAt(d.length - 1) === 10;
        }
      } else {
        if (tested && (isNeverText(n, name) || (skip && skip(n)))) continue;
        const block = BLOCK.has(name);
        if (block && !atBreak) {
          out += '\n';
          atBreak = true;
        }
        // An element without child elements holds only text: its textContent is that text, in
        // one call instead of a visit per text node (unless it would cross the limit, where
        // the visits stop at the node that crosses it).
        const d = n.firstElementChild ? null : n.textContent;
        if (d !== null && out.length + d.length < limit) {
          if (d) {
            out += d;
            atBreak = d.charCodeAt(d.length - 1) === 10;
          }
          if (block && !atBreak) {
            out += '\n';
            atBreak = true;
          }
          continue;
        }
        if (block) stack.push(BLOCK_END);
        for (let c = n.lastChild; c; c = c.previousSibling) stack.push(c);
      }
    }
    return ng.tidy(out);
  };

  // Text that tidy() would change in its middle: most posts have none of it, and a test
  // is cheaper than two replacements.
  const UNTIDY = /[\t\f\v\u00a0]| [ \n]|\n[ \n]/;

  /** Collapse runs of spaces, keep line breaks, trim; cut at MAX_TEXT. */
  ng.tidy = function tidy(text) {
    let t = UNTIDY.test(text) ? text.replace(/[ \t\f\v\u00a0]+/g, ' ').replace(/ *\n[ \n]*/g, '\n').trim() : text.trim();
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
