// The seller's indicators (contact and payment channels) in a report, and the normalised keys
// that link reports of one seller across platforms. Shared by the outbox (seller-history) and
// the history page (grouping), so both link reports the same way.

const INDICATOR_KINDS = ['phones', 'whatsapp', 'telegram', 'emails', 'payment', 'urls'];

// Engine contact kind -> report indicator field.
const FIELD_FOR_KIND = {
  phone: 'phones',
  whatsapp: 'whatsapp',
  telegram: 'telegram',
  email: 'emails',
  payment: 'payment',
  url: 'urls',
};

// Hosts whose bare front page links nobody (a seller's own site or a deep link does).
const SHARED_HOSTS = new Set([
  'facebook.com', 'm.facebook.com', 'fb.com', 'instagram.com', 'x.com', 'twitter.com', 'tiktok.com',
  'youtube.com', 'youtu.be', 't.me', 'telegram.me', 'web.telegram.org', 'wa.me', 'whatsapp.com',
  'web.whatsapp.com', 'google.com', 'nadra.gov.pk', 'pta.gov.pk',
]);

// http(s) links and bare www./t.me/wa.me links; stops at whitespace, quotes and brackets.
const URL_RE = /\b(?:https?:\/\/|www\.|(?:t|wa)\.me\/)[^\s<>"'`()[\]{}]+/giu;
const TRAILING_PUNCT_RE = /[.,;:!?،۔]+$/u;

export function emptyIndicators() {
  return Object.fromEntries(INDICATOR_KINDS.map((k) => [k, []]));
}

/** Phone numbers as one key: digits only, Pakistan's +92 / 0092 / 92 prefix written as 0. */
export function normalizePhone(value) {
  const digits = String(value).replace(/[^\d+]/g, '').replace(/^\+/, '');
  if (/^0092\d{10}$/.test(digits)) return '0' + digits.slice(4);
  if (/^92\d{10}$/.test(digits)) return '0' + digits.slice(2);
  if (/^3\d{9}$/.test(digits)) return '0' + digits;
  return digits;
}

/** Links found in the text, as written (minus trailing punctuation). */
export function urlsInText(text) {
  const found = [];
  for (const m of String(text ?? '').matchAll(URL_RE)) {
    const url = m[0].replace(TRAILING_PUNCT_RE, '');
    if (url.length > 4 && !found.includes(url)) found.push(url);
  }
  return found;
}

// wa.me/923001234567 and api.whatsapp.com/send?phone=... carry a WhatsApp number;
// t.me/handle a Telegram handle. Structural, so no word lists are needed here.
function channelFromUrl(url) {
  let parsed;
  try {
    parsed = new URL(/^[a-z]+:\/\//i.test(url) ? url : 'https://' + url);
  } catch {
    return null;
  }
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  if (host === 'wa.me') {
    const num = parsed.pathname.replace(/\//g, '');
    if (/^\+?\d{10,15}$/.test(num)) return ['whatsapp', normalizePhone(num)];
  }
  if (host === 'api.whatsapp.com' || host === 'whatsapp.com') {
    const num = parsed.searchParams.get('phone');
    if (num && /^\+?\d{10,15}$/.test(num)) return ['whatsapp', normalizePhone(num)];
  }
  if (host === 't.me' || host === 'telegram.me') {
    const handle = parsed.pathname.split('/').filter(Boolean)[0];
    if (handle && /^[A-Za-z0-9_]{4,64}$/.test(handle) && handle !== 'joinchat') {
      return ['telegram', '@' + handle];
    }
  }
  return null;
}

function pushUnique(list, value) {
  if (value && !list.includes(value)) list.push(value);
}

/**
 * The report's `indicators` from the verdict's contacts plus the links in the text.
 * Values are kept in clear (they are the seller's, not a victim's).
 */
export function indicatorsFrom(verdict, text, pageUrl) {
  const out = emptyIndicators();
  const contacts = Array.isArray(verdict?.contacts) ? verdict.contacts : [];
  for (const c of contacts) {
    const field = FIELD_FOR_KIND[c?.kind];
    if (!field || typeof c.value !== 'string' || !c.value.trim()) continue;
    const value = field === 'phones' || field === 'whatsapp' ? normalizePhone(c.value) : c.value.trim();
    pushUnique(out[field], value);
  }
  for (const url of urlsInText(text)) {
    if (pageUrl && url === pageUrl) continue;
    pushUnique(out.urls, url);
    const channel = channelFromUrl(url);
    if (channel) pushUnique(out[channel[0]], channel[1]);
  }
  return out;
}

/**
 * Keys that identify a seller, from a report's indicators or a flat list of values. A phone and
 * a WhatsApp number share one key space, so a number seen as either links the reports.
 */
export function linkKeys(indicators) {
  const keys = new Set();
  if (!indicators || typeof indicators !== 'object') return keys;
  for (const kind of INDICATOR_KINDS) {
    for (const v of indicators[kind] ?? []) {
      const k = linkKey(kind, v);
      if (k) keys.add(k);
    }
  }
  return keys;
}

/** One value of a given indicator kind as a linking key, or null when too vague to link. */
export function linkKey(kind, value) {
  const v = String(value ?? '').trim();
  if (!v) return null;
  switch (kind) {
    case 'phones':
    case 'whatsapp': {
      const p = normalizePhone(v);
      return p.length >= 10 ? 'phone:' + p : null;
    }
    case 'telegram':
      return 'telegram:' + v.toLowerCase().replace(/^@/, '');
    case 'emails':
      return 'email:' + v.toLowerCase();
    case 'payment': {
      // Only an account (a mobile-wallet number, an IBAN, an account number) identifies a
      // seller; a method name ("JazzCash only") is shared by half the listings and links nothing.
      const iban = v.replace(/\s+/g, '').toUpperCase();
      if (/^PK\d{2}[A-Z]{4}\d{16}$/.test(iban)) return 'payment:' + iban;
      const digits = v.replace(/\D/g, '');
      if (digits.length >= 10) {
        const phone = normalizePhone(digits);
        // A wallet number is the seller's phone number: link it with phones and WhatsApp.
        return /^03\d{9}$/.test(phone) ? 'phone:' + phone : 'payment:' + digits;
      }
      return null;
    }
    case 'urls': {
      const u = v.toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/[/?#]+$/, '');
      // The bare front page of a big platform is in countless posts: it identifies nobody.
      return u && !SHARED_HOSTS.has(u) ? 'url:' + u : null;
    }
    default:
      return null;
  }
}

/**
 * Keys for a flat list of indicator values whose kind is unknown (the seller-history message):
 * something that reads as a phone number becomes a phone key, '@handle' a Telegram key,
 * 'a@b' an email, else a URL / free-form key.
 */
export function linkKeysForValues(values) {
  const keys = new Set();
  for (const raw of Array.isArray(values) ? values : []) {
    if (typeof raw !== 'string' && typeof raw !== 'number') continue;
    const v = String(raw).trim();
    if (!v) continue;
    const channel = channelFromUrl(v);
    let k;
    if (channel) k = linkKey(channel[0], channel[1]);
    else if (/^[+\d][\d\s().-]{8,}$/.test(v)) k = linkKey('phones', v);
    else if (/^@[A-Za-z0-9_]{3,}$/.test(v)) k = linkKey('telegram', v);
    else if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) k = linkKey('emails', v);
    else if (/[./]/.test(v) && !/\s/.test(v)) k = linkKey('urls', v);
    else k = linkKey('payment', v); // an account number or IBAN; a bare method name gives none
    if (k) keys.add(k);
    if (channel) keys.add(linkKey('urls', v));
  }
  return keys;
}

/**
 * Groups of reports sharing at least one key (union-find over keys), largest first; only groups
 * of two or more reports. Each group: {ids: [...], keys: [shared keys]}.
 */
export function groupBySeller(reports) {
  const parent = new Map();
  const find = (x) => {
    while (parent.get(x) !== x) {
      parent.set(x, parent.get(parent.get(x)));
      x = parent.get(x);
    }
    return x;
  };
  const union = (a, b) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  const ownerOfKey = new Map();
  const keyCount = new Map();
  for (const r of reports) {
    parent.set(r.report_id, r.report_id);
    for (const k of linkKeys(r.indicators)) {
      keyCount.set(k, (keyCount.get(k) ?? 0) + 1);
      if (ownerOfKey.has(k)) union(r.report_id, ownerOfKey.get(k));
      else ownerOfKey.set(k, r.report_id);
    }
  }
  const groups = new Map();
  for (const r of reports) {
    const root = find(r.report_id);
    if (!groups.has(root)) groups.set(root, { ids: [], keys: new Set() });
    const g = groups.get(root);
    g.ids.push(r.report_id);
    for (const k of linkKeys(r.indicators)) if (keyCount.get(k) > 1) g.keys.add(k);
  }
  return [...groups.values()]
    .filter((g) => g.ids.length > 1)
    .map((g) => ({ ids: g.ids, keys: [...g.keys].sort() }))
    .sort((a, b) => b.ids.length - a.ids.length);
}

/** A link key shown to a person: 'phone:03001234567' -> '03001234567'. */
export function keyLabel(key) {
  return String(key).replace(/^[a-z]+:/, '');
}
