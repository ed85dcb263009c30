// Masking victims' data in a report's text. The engine's `mask` (wasm) is the authority: it
// knows which numbers are the seller's contact. This file is the fallback for an engine build
// without `mask`, and it masks only what is unambiguous by shape: CNIC numbers (5-7-1) and
// 15-digit IMEIs. Digits of any script (ASCII, Urdu/Arabic-Indic) are matched.

const D = '[0-9\u0660-\u0669\u06F0-\u06F9]';
const SEP = '[-\u2010-\u2015 .]?';
// 35202-1234567-1, 3520212345671, 35202 1234567 1; not inside a longer run of digits.
const CNIC_RE = new RegExp(`(?<!${D})(${D}{5})${SEP}(${D}{7})${SEP}(${D})(?!${D})`, 'gu');
// An IMEI is 15 digits, sometimes grouped (35-209900-176148-1); keep the first two and last one.
const IMEI_RE = new RegExp(`(?<!${D})(${D}{2})((?:${SEP}${D}){12})${SEP}(${D})(?!${D})`, 'gu');

function stars(s) {
  return s.replace(new RegExp(D, 'gu'), '*');
}

export function fallbackMask(text) {
  return String(text ?? '')
    .replace(CNIC_RE, (_m, a, b, c) => `${a}-${stars(b)}-${c}`)
    .replace(IMEI_RE, (_m, a, mid, z) => `${a}${stars(mid)}${z}`);
}

/**
 * The text with victims' data masked: the engine's mask when it has one, then the fallback's
 * shapes on top (a no-op on text the engine already masked).
 */
export function maskText(scanner, text) {
  let out = String(text ?? '');
  if (scanner && typeof scanner.mask === 'function') {
    try {
      out = scanner.mask(out);
    } catch (e) {
      console.warn('nigehban: engine mask failed, using the fallback', e);
    }
  }
  return fallbackMask(out);
}
