// Reads the verdicts that src/wasm/verdicts.rs encodes (its header describes the layout) into
// plain objects with the CLI's snake_case fields, in the order serde writes them. Called by the
// wasm glue; `numbers` is a view of wasm memory, valid only during this call.
export function readVerdicts(numbers, strings) {
  const n = numbers;
  let i = n[1];
  let p = n[2];
  const names = new Array(n[i++]);
  for (let k = 0; k < names.length; k++) {
    const len = n[i++];
    names[k] = strings.slice(p, p + len);
    p += len;
  }
  i = 3;
  p = 0;
  const text = () => {
    const len = n[i++];
    const s = strings.slice(p, p + len);
    p += len;
    return s;
  };
  const out = new Array(n[0]);
  for (let v = 0; v < out.length; v++) {
    const flagged = n[i++] === 1;
    const level = names[n[i++]];
    const score = n[i++];
    const categories = new Array(n[i++]);
    for (let k = 0; k < categories.length; k++) categories[k] = names[n[i++]];
    const prices = new Array(n[i++]);
    for (let k = 0; k < prices.length; k++) {
      const amount_pkr = n[i++];
      const t = text();
      prices[k] = { amount_pkr, text: t, start: n[i++], end: n[i++] };
    }
    const contacts = new Array(n[i++]);
    for (let k = 0; k < contacts.length; k++) {
      const kind = names[n[i++]];
      const value = text();
      contacts[k] = { kind, value, start: n[i++], end: n[i++] };
    }
    const spans = new Array(n[i++]);
    for (let k = 0; k < spans.length; k++) {
      const start = n[i++];
      const end = n[i++];
      const kind = names[n[i++]];
      const c = n[i++];
      spans[k] = c < 0 ? { start, end, kind } : { start, end, kind, category: names[c] };
    }
    const reasons = new Array(n[i++]);
    for (let k = 0; k < reasons.length; k++) reasons[k] = text();
    out[v] = { flagged, level, score, categories, prices, contacts, spans, reasons };
  }
  return out;
}
