// The JavaScript baseline: the same rules (rules/rules.toml, read at run time) applied the way a
// keyword-highlighting extension would, with one RegExp per list of terms, run on the page's
// thread. It exists only to be measured against the wasm engine (bench/chromium.mjs,
// www/bench/); it is not the detector and its verdicts are not the contract.
//
// Works in Node and in the browser: give it the rules as a parsed object (smol-toml's parse of
// rules/rules.toml). It walks the rules generically, so it keeps up as the rules file grows:
//   - every array of strings is a list of terms; under [terms] (or a table named for a category
//     id) the list names a data category; elsewhere the table's path names a cue group
//     (negative / offer / contact / price / other) by its words;
//   - strings and string arrays under a key ending in `pattern`, `patterns`, `regex` or `re` are
//     regular expressions (Rust regex syntax, translated where JS differs; untranslatable ones
//     are counted in `skipped` and left out).

export const CATEGORY_IDS = [
  'cnic', 'sim_owner', 'cdr', 'location', 'imei', 'family', 'travel', 'vehicle', 'bank', 'database',
];

const REGEX_KEY = /(^|_)(patterns?|regex(es)?|re)$/;

/** Builds the baseline scanner from parsed rules. */
export function createBaseline(rules) {
  const groups = []; // {name, kind, category?, re}
  const skipped = [];
  const terms = new Map(); // group key -> {kind, category, words: []}

  const addTerms = (key, kind, category, words) => {
    if (!terms.has(key)) terms.set(key, { kind, category, words: [] });
    terms.get(key).words.push(...words);
  };

  const walk = (node, path) => {
    if (Array.isArray(node)) {
      const strings = node.filter((x) => typeof x === 'string' && x.length > 0);
      if (strings.length > 0) classify(strings, path);
      node.forEach((x, i) => { if (x && typeof x === 'object') walk(x, [...path, String(i)]); });
      return;
    }
    if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
      return;
    }
    if (typeof node === 'string' && REGEX_KEY.test(path[path.length - 1] || '')) classify([node], path);
  };

  const classify = (strings, path) => {
    const last = path[path.length - 1] || '';
    const category = path.find((p) => CATEGORY_IDS.includes(p)) || null;
    const kind = kindOf(path, category);
    if (path[0] === 'version' || kind === 'meta') return;
    if (REGEX_KEY.test(last)) {
      for (const src of strings) {
        const re = translateRegex(src);
        if (re) groups.push({ name: path.join('.'), kind, category, re });
        else skipped.push(path.join('.') + ': ' + src);
      }
    } else {
      addTerms(path.filter((p) => !/^\d+$/.test(p)).join('.'), kind, category, strings);
    }
  };

  walk(rules, []);

  for (const [name, g] of terms) {
    const words = [...new Set(g.words.map((w) => fold(w)))].filter(Boolean);
    if (words.length === 0) continue;
    // longest first, so an alternation prefers "call record" over "call"
    words.sort((a, b) => b.length - a.length);
    const body = words.map(escapeRegex).join('|');
    // Unicode-aware word edges, so "frc" does not fire inside "afrc" and Urdu words stay whole
    const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'gu');
    groups.push({ name, kind: g.kind, category: g.category, re });
  }
  const hasPriceRule = groups.some((g) => g.kind === 'price');
  if (!hasPriceRule) groups.push({ name: 'builtin.price', kind: 'price', category: null, re: PRICE_RE });
  const hasContactRule = groups.some((g) => g.kind === 'contact');
  if (!hasContactRule) groups.push({ name: 'builtin.contact', kind: 'contact', category: null, re: CONTACT_RE });

  const version = typeof rules.version === 'string' ? rules.version : 'unknown';

  function scan(text) {
    const norm = fold(text);
    const categories = new Set();
    const spans = [];
    const prices = [];
    const contacts = [];
    const hits = { offer: 0, negative: 0, contact: 0, price: 0, other: 0 };
    for (const g of groups) {
      g.re.lastIndex = 0;
      let m;
      while ((m = g.re.exec(norm)) !== null) {
        if (m[0].length === 0) { g.re.lastIndex++; continue; }
        const start = m.index;
        const end = start + m[0].length;
        if (g.category) {
          categories.add(g.category);
          spans.push({ start, end, kind: 'data', category: g.category });
        } else if (g.kind === 'price') {
          const amount = priceAmount(m[0]);
          if (amount > 0) prices.push({ amount_pkr: amount, text: m[0], start, end });
          spans.push({ start, end, kind: 'price' });
          hits.price++;
        } else if (g.kind === 'contact') {
          contacts.push({ kind: contactKind(m[0]), value: m[0], start, end });
          spans.push({ start, end, kind: 'contact' });
          hits.contact++;
        } else {
          spans.push({ start, end, kind: g.kind === 'other' ? 'offer' : g.kind });
          hits[g.kind]++;
        }
      }
    }
    let score = 0;
    if (categories.size > 0) score += 0.4 + 0.05 * Math.min(3, categories.size - 1);
    if (prices.length > 0) score += 0.2;
    if (hits.offer > 0) score += 0.2;
    if (contacts.length > 0) score += 0.15;
    if (hits.negative > 0) score -= 0.35;
    score = Math.max(0, Math.min(1, score));
    const flagged = categories.size > 0 && score >= 0.5;
    const level = !flagged ? 'none' : score >= 0.8 ? 'high' : score >= 0.65 ? 'medium' : 'low';
    const cats = CATEGORY_IDS.filter((c) => categories.has(c));
    const reasons = cats.map((c) => `offers ${c}`);
    if (prices.length) reasons.push(`price Rs ${prices[0].amount_pkr}`);
    if (hits.negative) reasons.push('negative context');
    return { flagged, level, score, categories: cats, prices, contacts, spans, reasons };
  }

  return {
    scan,
    scanBatch: (texts) => texts.map(scan),
    rulesVersion: () => version,
    /** How the rules were read: groups compiled and rules left out (untranslatable regexes). */
    describe: () => ({ groups: groups.map((g) => `${g.kind}:${g.name}`), skipped }),
  };
}

function kindOf(path, category) {
  const p = path.join('.').toLowerCase();
  if (/^(version|meta|score|weights?|levels?|thresholds?)\b/.test(p)) return 'meta';
  if (/neg|news|aware|benign|exclude|official|victim|shop|job/.test(p)) return 'negative';
  if (category) return 'data';
  if (/price|currency|rupee|amount/.test(p)) return 'price';
  if (/contact|phone|whatsapp|telegram|email|url|payment|channel/.test(p)) return 'contact';
  if (/offer|sell|sale|cta|service|cue/.test(p)) return 'offer';
  return 'other';
}

/** The baseline's normalisation: compatibility forms (bold/italic letters), lower case, digits. */
export function fold(text) {
  return text.normalize('NFKC').toLowerCase().replace(DIGITS_RE, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}

// Arabic-Indic (U+0660..9) and Extended Arabic-Indic (U+06F0..9) digits; their low nibble is
// the digit value.
const DIGITS_RE = /[\u0660-\u0669\u06f0-\u06f9]/g;

const PRICE_RE = /(?:(?:rs\.?|pkr|rupees?)\s*[:=]?\s*\d[\d,]*(?:\.\d+)?\s*(?:k|\/-)?|\d[\d,]*\s*(?:k\s*)?(?:rs\b|pkr|rupees?|روپے|روپیہ))/gu;
const CONTACT_RE = /(?:(?:\+92|0092|0)3\d{2}[\s-]?\d{7}|[\w.+-]+@[\w-]+\.[\w.]+|t\.me\/\w+|wa\.me\/\d+|https?:\/\/\S+|jazz\s?cash|easy\s?paisa)/gu;

function priceAmount(text) {
  const m = /(\d[\d,]*(?:\.\d+)?)\s*(k)?/.exec(text);
  if (!m) return 0;
  const n = Number(m[1].replace(/,/g, ''));
  return Math.round(m[2] ? n * 1000 : n);
}

function contactKind(text) {
  if (text.includes('@')) return 'email';
  if (/t\.me/.test(text)) return 'telegram';
  if (/wa\.me/.test(text)) return 'whatsapp';
  if (/^https?:/.test(text)) return 'url';
  if (/cash|paisa/.test(text)) return 'payment';
  return 'phone';
}

function escapeRegex(s) {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Translates a Rust `regex` pattern to a JS RegExp (global, Unicode). Handles the differences
 * that occur in rules files: a leading `(?i)`/`(?x)`-style flag group, `(?-u:\b)`, `\A`/`\z`,
 * named groups `(?P<n>`. Returns null when JS cannot express it.
 */
export function translateRegex(src) {
  let flags = 'gu';
  let body = src;
  const lead = /^\(\?([imsxu-]+)\)/.exec(body);
  if (lead) {
    body = body.slice(lead[0].length);
    if (/i/.test(lead[1].split('-')[0])) flags += 'i';
    if (/s/.test(lead[1].split('-')[0])) flags += 's';
    if (/x/.test(lead[1].split('-')[0])) body = body.replace(/\\#/g, '\u0000').replace(/#.*$/gm, '').replace(/\s+/g, '').replace(/\u0000/g, '\\#');
  }
  body = body
    .replace(/\(\?-u:\\b\)/g, '\\b')
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$');
  try {
    return new RegExp(body, flags);
  } catch {
    try {
      return new RegExp(body, flags.replace('u', ''));
    } catch {
      return null;
    }
  }
}
