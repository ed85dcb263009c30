// The JavaScript baseline: the same rules (rules/rules.toml, read at run time) applied the way a
// keyword-highlighting extension would, with one RegExp per list of terms, run on the page's
// thread. It exists only to be measured against the wasm engine (bench/chromium.mjs,
// www/bench/); it is not the detector and its verdicts are not the contract.
//
// Works in Node and in the browser: give it the rules as a parsed object (smol-toml's parse of
// rules/rules.toml). What it uses of the rules, every section optional:
//   [scoring]               bias and weights, thresholds low/medium/high (logistic score)
//   [categories.ID]         strong / weak term lists per data category
//   [[suppress]]            a weak hit of `category` is dropped when any of `when` is present
//   [cues.FAMILY]           role, weight, repeat, max_hits, reason, terms
//   [contact]               words that name a channel (whatsapp, telegram, payment, ...)
//   [price]                 currencies and multipliers
// Terms: lower case; Latin-script terms match whole words, a trailing `*` matches a prefix;
// other scripts match as substrings. Its normalisation is the cheap one a highlighter does
// (NFKC, lower case, Arabic-Indic digits), not the engine's full folding of obfuscation.

export const CATEGORY_IDS = [
  'cnic', 'sim_owner', 'cdr', 'location', 'imei', 'family', 'travel', 'vehicle', 'bank', 'database',
];

const DEFAULT_SCORING = {
  bias: -4.2, strong_term: 2.4, weak_term: 0.9, extra_category: 0.4, max_extra_categories: 3,
  explicit_price: 0.7, priced_data: 1.6, priced_data_repeat: 0.4, max_priced_data: 4, contact: 0.6,
  near_bytes: 60, low: 0.25, medium: 0.5, high: 0.8,
};

const strings = (v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string' && x.trim()) : []);

/**
 * Builds the baseline scanner from parsed rules. `mode` says how the term lists are matched:
 * 'per-list' (one RegExp per list, run one after another: the plain way) or 'combined' (every
 * list in one RegExp and one pass, the matched term looked up in a table: the fastest simple
 * way in JavaScript; a term that is also the start of a longer term in another list can be
 * missed there, which the benchmark accepts).
 */
export function createBaseline(rules, { mode = 'combined' } = {}) {
  const scoring = { ...DEFAULT_SCORING, ...(rules.scoring || {}) };
  const lists = new Map(); // list id -> terms

  const categories = [];
  for (const [id, c] of Object.entries(rules.categories || rules.terms || {})) {
    // the first rules format had `[terms] id = [...]`: all strong
    lists.set(`${id}.strong`, Array.isArray(c) ? strings(c) : strings(c.strong));
    lists.set(`${id}.weak`, Array.isArray(c) ? [] : strings(c.weak));
    categories.push({ id, name: (c && c.name) || id });
  }

  const cues = [];
  for (const [family, c] of Object.entries(rules.cues || {})) {
    if (!strings(c.terms).length) continue;
    lists.set(`cue.${family}`, strings(c.terms));
    cues.push({
      family, role: c.role || family, weight: +c.weight || 0, repeat: +c.repeat || 0,
      maxHits: Math.max(1, +c.max_hits || 1), reason: c.reason || family,
    });
  }
  const matchLists = mode === 'combined' ? combinedMatcher(lists) : perListMatcher(lists);

  const suppress = (rules.suppress || []).map((s) => ({ category: s.category, when: new Set(strings(s.when)) }));

  const channelWords = [];
  for (const [kind, words] of Object.entries(rules.contact || {})) {
    if (kind === 'sample' || kind === 'call') continue;
    const re = termsRegex(strings(words));
    if (re) channelWords.push({ kind, re: new RegExp(re.source, 'u') });
  }

  const price = buildPrice(rules.price || {});
  const version = typeof rules.version === 'string' ? rules.version : 'unknown';

  function scan(text) {
    const norm = fold(text);
    const hits = matchLists(norm);
    const spans = [];
    const found = new Map(); // category id -> {strong, weak}
    for (const c of categories) {
      const strong = hits.get(`${c.id}.strong`) || NONE;
      const weak = hits.get(`${c.id}.weak`) || NONE;
      if (!strong.length && !weak.length) continue;
      found.set(c.id, { strong: strong.length, weak: weak.length, name: c.name });
      for (const m of strong.concat(weak)) spans.push({ start: m.start, end: m.end, kind: 'data', category: c.id });
    }

    const present = new Set(found.keys());
    const cueHits = [];
    for (const cue of cues) {
      const ms = hits.get(`cue.${cue.family}`) || NONE;
      if (!ms.length) continue;
      const distinct = new Set(ms.map((m) => m.text)).size;
      cueHits.push({ cue, distinct });
      present.add(cue.family);
      present.add(cue.role);
      for (const m of ms) spans.push({ start: m.start, end: m.end, kind: cue.role === 'negative' ? 'negative' : 'offer' });
    }

    for (const s of suppress) {
      const f = found.get(s.category);
      if (f && !f.strong && [...s.when].some((w) => present.has(w))) found.delete(s.category);
    }

    const prices = [];
    for (const m of allMatches(price.re, norm)) {
      const amount = price.amount(m.groups);
      if (amount > 0) {
        prices.push({ amount_pkr: amount, text: m.text, start: m.start, end: m.end });
        spans.push({ start: m.start, end: m.end, kind: 'price' });
      }
    }

    const contacts = [];
    for (const m of allMatches(CONTACT_RE, norm)) {
      let kind = m.text.includes('@') ? (m.text.startsWith('@') ? 'telegram' : 'email') : /^(https?:|t\.me|wa\.me)/.test(m.text) ? 'url' : 'phone';
      if (kind === 'phone') {
        const before = norm.slice(Math.max(0, m.start - 24), m.start);
        const named = channelWords.find((w) => w.re.test(before));
        if (named) kind = named.kind;
      }
      contacts.push({ kind, value: m.text, start: m.start, end: m.end });
      spans.push({ start: m.start, end: m.end, kind: 'contact' });
    }

    // the logistic score of the rules' [scoring]
    const cats = CATEGORY_IDS.filter((c) => found.has(c));
    const reasons = [];
    let z = scoring.bias;
    if (cats.length) {
      z += cats.some((c) => found.get(c).strong) ? scoring.strong_term : scoring.weak_term;
      z += scoring.extra_category * Math.min(scoring.max_extra_categories, cats.length - 1);
      for (const c of cats) reasons.push(`offers ${found.get(c).name}`);
    }
    if (prices.length) {
      z += scoring.explicit_price;
      const dataSpans = spans.filter((s) => s.kind === 'data');
      const near = prices.filter((p) => dataSpans.some((d) => Math.abs(d.start - p.start) <= scoring.near_bytes)).length;
      if (near) z += scoring.priced_data + scoring.priced_data_repeat * Math.min(scoring.max_priced_data, near - 1);
      reasons.push(`price Rs ${prices[0].amount_pkr}`);
    }
    if (contacts.length) z += scoring.contact;
    for (const { cue, distinct } of cueHits) {
      z += cue.weight + cue.repeat * (Math.min(cue.maxHits, distinct) - 1);
      reasons.push(cue.reason);
    }
    const score = 1 / (1 + Math.exp(-z));
    const level = score >= scoring.high ? 'high' : score >= scoring.medium ? 'medium' : score >= scoring.low ? 'low' : 'none';
    const flagged = cats.length > 0 && (level === 'medium' || level === 'high');
    spans.sort((a, b) => a.start - b.start);
    return { flagged, level: cats.length ? level : 'none', score, categories: cats, prices, contacts, spans, reasons };
  }

  return {
    scan,
    scanBatch: (texts) => texts.map(scan),
    rulesVersion: () => version,
    /** What the baseline took from the rules (for the benchmark's record). */
    describe: () => ({
      mode,
      categories: categories.length,
      cue_families: cues.length,
      suppress: suppress.length,
      terms: [...lists.values()].reduce((n, l) => n + l.length, 0),
    }),
  };
}

const NONE = [];

/** One RegExp per list: a Map list id -> matches, for the lists that matched. */
function perListMatcher(lists) {
  const res = [...lists].map(([id, terms]) => [id, termsRegex(terms)]).filter(([, re]) => re);
  return (text) => {
    const out = new Map();
    for (const [id, re] of res) {
      const ms = allMatches(re, text);
      if (ms.length) out.set(id, ms);
    }
    return out;
  };
}

/** All lists in one RegExp; each match is looked up (exact term, else prefix term). */
function combinedMatcher(lists) {
  const owners = new Map(); // folded term -> [list ids]
  const prefixes = []; // [prefix, list id]
  const all = [];
  for (const [id, terms] of lists) {
    for (const raw of terms) {
      const t = fold(raw.trim());
      if (!t) continue;
      all.push(t);
      if (t.endsWith('*')) prefixes.push([t.slice(0, -1), id]);
      else owners.set(t, [...(owners.get(t) || []), id]);
    }
  }
  const re = termsRegex(all, { trie: true });
  return (text) => {
    const out = new Map();
    for (const m of allMatches(re, text)) {
      const key = m.text.replace(/\s+/g, ' ');
      let ids = owners.get(key);
      if (!ids) ids = prefixes.filter(([p]) => key.startsWith(p)).map(([, id]) => id);
      for (const id of ids) {
        if (!out.has(id)) out.set(id, []);
        out.get(id).push(m);
      }
    }
    return out;
  };
}

/** The baseline's normalisation: compatibility forms (bold/italic letters), lower case, digits. */
export function fold(text) {
  return text.normalize('NFKC').toLowerCase().replace(DIGITS_RE, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}

// Arabic-Indic (U+0660..9) and Extended Arabic-Indic (U+06F0..9): the low nibble is the digit.
const DIGITS_RE = /[\u0660-\u0669\u06f0-\u06f9]/g;
const LATIN_RE = /^[\p{Script=Latin}\p{N}\p{P}\p{S}\s]+$/u;
const EDGE_BEFORE = '\\b';
const EDGE_AFTER = '\\b';

const CONTACT_RE = /(?:(?:\+92|0092|92|0)?3\d{2}[\s-]?\d{7}(?!\d)|(?<![\w.+-])[\w.+-]+@[\w-]+\.[a-z]{2,}|@[a-z0-9_]{4,}|t\.me\/\w+|wa\.me\/\d+|https?:\/\/[^\s]+)/gu;

/**
 * One RegExp for a list of terms: Latin-script terms as whole words (a trailing `*` as a
 * prefix), other scripts as substrings. As a plain alternation (longest first), or with
 * `trie` as a prefix tree ("c(?:dr|nic(?: copy| data))"), which spares the regex engine from
 * trying every term at every position.
 */
export function termsRegex(terms, { trie = false } = {}) {
  const latin = [];
  const other = [];
  for (const raw of new Set(terms.map((t) => fold(t.trim())))) {
    if (!raw) continue;
    const prefix = raw.endsWith('*');
    const t = prefix ? raw.slice(0, -1) : raw;
    if (!t) continue;
    const tokens = [...t].map((ch) => (ch === ' ' ? '\\s+' : escapeRegex(ch)));
    if (prefix) tokens.push(WORD_TAIL);
    (LATIN_RE.test(t) ? latin : other).push(tokens);
  }
  const alt = (list) => (trie ? trieSource(list) : list.sort((a, b) => b.length - a.length).map((x) => x.join('')).join('|'));
  const parts = [];
  if (latin.length) parts.push(`${EDGE_BEFORE}(?:${alt(latin)})${EDGE_AFTER}`);
  if (other.length) parts.push(`(?:${alt(other)})`);
  return parts.length ? new RegExp(parts.join('|'), 'gu') : null;
}

const WORD_TAIL = '[\\p{L}\\p{N}]*';

/** Regex source of a prefix tree of token lists; a longer term is tried before its prefix. */
function trieSource(tokenLists) {
  const root = new Map();
  const END = '';
  for (const tokens of tokenLists) {
    let node = root;
    for (const tok of tokens) {
      if (!node.has(tok)) node.set(tok, new Map());
      node = node.get(tok);
    }
    node.set(END, null);
  }
  const emit = (node) => {
    const ends = node.has(END);
    const branches = [...node.keys()].filter((k) => k !== END).sort().map((k) => k + emit(node.get(k)));
    if (branches.length === 0) return '';
    const body = branches.length === 1 && !ends ? branches[0] : `(?:${branches.join('|')})`;
    return ends ? (branches.length === 1 ? `(?:${branches[0]})?` : `${body}?`) : body;
  };
  return emit(root);
}

/**
 * The price RegExp: "CURRENCY NUMBER [MULTIPLIER]" or "NUMBER [MULTIPLIER] CURRENCY|/-", with
 * the currency rate and multiplier value looked up from the matched words.
 */
function buildPrice(price) {
  const table = (list, key) => {
    const map = new Map();
    for (const x of list || []) for (const w of strings(x.words)) map.set(fold(w), +x[key] || 1);
    return map;
  };
  const rates = table(price.currencies, 'pkr');
  if (!rates.size) for (const w of ['rs', 'pkr', 'rupees']) rates.set(w, 1);
  const mults = table(price.multipliers, 'value');
  const alt = (map) => [...map.keys()].sort((a, b) => b.length - a.length).map(escapeRegex).join('|');
  const num = '(\\d[\\d,]*(?:\\.\\d+)?)';
  const mult = mults.size ? `(?:\\s*(${alt(mults)})${EDGE_AFTER})?` : '()';
  const cur = `(${alt(rates)})`;
  const re = new RegExp(`${EDGE_BEFORE}${cur}\\s*[.:=]?\\s*${num}${mult}(?:\\s*\\/-)?|${num}${mult}\\s*(?:${cur}${EDGE_AFTER}|\\/-)`, 'gu');
  const amount = (m) => {
    const [curWord, n, mulWord] = m[1] !== undefined ? [m[1], m[2], m[3]] : [m[6], m[4], m[5]];
    const value = Number(n.replace(/,/g, ''));
    return Math.round(value * (mults.get(mulWord) || 1) * (rates.get(curWord) || 1));
  };
  return { re, amount };
}

function allMatches(re, text) {
  if (!re) return [];
  const out = [];
  re.lastIndex = 0;
  let m;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], groups: m });
  }
  return out;
}

function escapeRegex(s) {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
