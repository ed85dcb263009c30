// A pre-filled email draft (mailto:) of a report, for users whose destination is an address.
// Mail programs and browsers cut long mailto URLs, so the body is a summary bounded in length;
// the full evidence stays in the history page (export).

export const MAX_MAILTO_LENGTH = 1900;

export function checkEmail(raw) {
  const v = String(raw ?? '').trim();
  if (!v) return { ok: false, error: 'empty' };
  if (!/^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/.test(v)) return { ok: false, error: 'not an email address' };
  return { ok: true, address: v };
}

function summaryLines(report) {
  const ind = report.indicators ?? {};
  const lines = [
    `Report ${report.report_id} (${report.schema ?? 'nigehban.report/1'})`,
    `Time (UTC): ${report.created_at}`,
    `Page: ${report.page?.url ?? ''}`,
    `Title: ${report.page?.title ?? ''}`,
    `Platform: ${report.page?.platform ?? ''}`,
  ];
  if (report.post?.permalink) lines.push(`Post: ${report.post.permalink}`);
  if (report.post?.author) lines.push(`Author: ${report.post.author}`);
  const v = report.verdict ?? {};
  lines.push(`Verdict: ${v.level ?? ''} (${v.score ?? ''}) ${(v.categories ?? []).join(', ')}`);
  for (const [label, key] of [
    ['Phones', 'phones'],
    ['WhatsApp', 'whatsapp'],
    ['Telegram', 'telegram'],
    ['Emails', 'emails'],
    ['Payment', 'payment'],
    ['Links', 'urls'],
  ]) {
    if (ind[key]?.length) lines.push(`${label}: ${ind[key].join(', ')}`);
  }
  lines.push(`Text SHA-256: ${report.post?.text_sha256 ?? ''}`);
  lines.push('', 'Text (victims\u2019 data masked):');
  return lines;
}

/**
 * The mailto: URL, never longer than `max`: the post text is cut first (with an ellipsis), then
 * the summary itself.
 */
export function mailtoUrl(to, report, max = MAX_MAILTO_LENGTH) {
  const subject = `Nigehban report: personal data for sale (${report.page?.platform ?? 'web'})`;
  const head = `mailto:${encodeURIComponent(to).replace(/%40/g, '@')}?subject=${encodeURIComponent(subject)}&body=`;
  const summary = summaryLines(report).join('\n') + '\n';
  const text = String(report.post?.text_masked ?? '');
  const build = (body) => head + encodeURIComponent(body);
  const full = build(summary + text);
  if (full.length <= max) return full;
  // The longest prefix (in code points) that fits, by binary search on the text, then on the summary.
  const fit = (prefix, s, suffix) => {
    const chars = Array.from(s);
    let lo = 0;
    let hi = chars.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (build(prefix + chars.slice(0, mid).join('') + suffix).length <= max) lo = mid;
      else hi = mid - 1;
    }
    return chars.slice(0, lo).join('');
  };
  const ellipsis = '\u2026';
  if (build(summary + ellipsis).length <= max) return build(summary + fit(summary, text, ellipsis) + ellipsis);
  const short = fit('', summary, ellipsis);
  return short ? build(short + ellipsis) : head;
}
