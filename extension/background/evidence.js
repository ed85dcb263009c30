// The evidence of one report (DESIGN.md schema "nigehban.report/1"), built from what the
// content script (or the popup) saw and what the engine said. No network use here.

import { indicatorsFrom } from './report-indicators.js';
import { maskText } from './report-mask.js';

export const SCHEMA = 'nigehban.report/1';
const MAX_TEXT_CHARS = 20_000; // a post longer than this is kept cut (the hash covers it whole)

export async function sha256Hex(text) {
  const bytes = new TextEncoder().encode(text);
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const str = (v, max = 2048) => (typeof v === 'string' ? v.slice(0, max) : '');
const num = (v) => (Number.isFinite(Number(v)) ? Number(v) : 0);
const strList = (v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string').map((x) => x.slice(0, 300)) : []);

/** The verdict's reportable part; an empty verdict (page reports) gives level "none". */
export function verdictPart(verdict) {
  const v = verdict && typeof verdict === 'object' ? verdict : {};
  const prices = Array.isArray(v.prices)
    ? v.prices
        .filter((p) => p && typeof p === 'object')
        .map((p) => ({ amount_pkr: num(p.amount_pkr ?? p.amountPkr), text: str(p.text, 200) }))
    : [];
  return {
    level: ['none', 'low', 'medium', 'high'].includes(v.level) ? v.level : 'none',
    score: Math.min(1, Math.max(0, num(v.score))),
    categories: strList(v.categories),
    prices,
    reasons: strList(v.reasons),
  };
}

/**
 * Build a report.
 * @param {object} post  {key, text, url, title, platform, permalink, author, verdict}
 * @param {object} ctx   {scanner (wasm Scanner or null), extensionVersion, tab (sender.tab)}
 */
export async function buildEvidence(post, { scanner = null, extensionVersion = '', tab = null } = {}) {
  const text = typeof post?.text === 'string' ? post.text : '';
  const pageUrl = str(post?.url) || str(tab?.url);
  let rulesVersion = '';
  try {
    rulesVersion = scanner?.rulesVersion?.() ?? '';
  } catch {
    rulesVersion = '';
  }
  return {
    schema: SCHEMA,
    report_id: crypto.randomUUID(),
    created_at: new Date().toISOString(),
    page: {
      url: pageUrl,
      title: str(post?.title, 500) || str(tab?.title, 500),
      platform: str(post?.platform, 40) || 'web',
    },
    post: {
      permalink: str(post?.permalink),
      author: str(post?.author, 300),
      // Masked whole, then cut: a cut first could leave half a CNIC that no longer matches.
      text_masked: maskText(scanner, text).slice(0, MAX_TEXT_CHARS),
      text_sha256: await sha256Hex(text),
    },
    verdict: verdictPart(post?.verdict),
    indicators: indicatorsFrom(post?.verdict, text, pageUrl),
    extension_version: str(extensionVersion, 40),
    rules_version: str(rulesVersion, 80),
  };
}
