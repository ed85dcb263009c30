// The texts every benchmark scans, built the same way in Node, in Chromium and in the Rust
// criterion bench (benches/engine.rs), so their figures are comparable.
// Pure functions over strings: no file or DOM access here.

const encoder = new TextEncoder();

/** UTF-8 length of a string (what MB/s is counted in, as in Rust). */
export function utf8Bytes(text) {
  return encoder.encode(text).length;
}

/** The `text` of every JSON line of a corpus file; bad or text-less lines are skipped. */
export function corpusTexts(jsonl) {
  const texts = [];
  for (const line of jsonl.split('\n')) {
    if (!line.trim()) continue;
    try {
      const row = JSON.parse(line);
      if (typeof row.text === 'string' && row.text.length > 0) texts.push(row.text);
    } catch {
      // a broken line is not a post; the corpus tests report it, the benchmark skips it
    }
  }
  return texts;
}

/** The corpus repeated, in order, until its UTF-8 size reaches `targetBytes`. */
export function repeatToBytes(texts, targetBytes) {
  if (texts.length === 0) throw new Error('empty corpus');
  const posts = [];
  let bytes = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    const text = texts[i % texts.length];
    posts.push(text);
    bytes += utf8Bytes(text);
  }
  return { posts, bytes };
}

/**
 * One post of about `size` UTF-8 bytes: corpus texts joined by newlines, cut at a character
 * boundary (never inside a surrogate pair). Big posts are many listings glued together, the
 * worst case for the number of matches per byte.
 */
export function postOfSize(texts, size) {
  let out = '';
  let bytes = 0;
  for (let i = 0; bytes < size; i++) {
    const piece = (i ? '\n' : '') + texts[i % texts.length];
    out += piece;
    bytes += utf8Bytes(piece);
  }
  // cut back to at most `size` bytes, on a code point boundary
  while (bytes > size) {
    const last = out.codePointAt(out.length - 1) > 0xffff || isLowSurrogate(out, out.length - 1) ? 2 : 1;
    bytes -= utf8Bytes(out.slice(out.length - last));
    out = out.slice(0, out.length - last);
  }
  return out;
}

function isLowSurrogate(s, i) {
  const c = s.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}

/** The post sizes of the growth benchmark: 100 B to 1 MB. */
export const GROWTH_SIZES = [100, 1_000, 10_000, 100_000, 1_000_000];

/** Splits `items` into arrays of at most `n` (how the content script batches posts). */
export function chunks(items, n) {
  const out = [];
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out;
}
