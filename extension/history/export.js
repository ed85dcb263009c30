// Export of the report history: JSON (the reports as the schema has them, plus how their
// delivery went) and CSV (one row per report, for spreadsheets and bulk submission).

export const CSV_COLUMNS = [
  'report_id',
  'created_at',
  'status',
  'status_reason',
  'page_url',
  'page_title',
  'platform',
  'permalink',
  'author',
  'level',
  'score',
  'categories',
  'prices_pkr',
  'reasons',
  'phones',
  'whatsapp',
  'telegram',
  'emails',
  'payment',
  'urls',
  'text_sha256',
  'text_masked',
  'extension_version',
  'rules_version',
  'has_screenshot',
];

/** One report with its delivery state, as exported in JSON. */
export function exportRecord(record) {
  return {
    ...record.report,
    delivery: {
      status: record.status,
      reason: record.reason ?? '',
      attempts: record.attempts ?? 0,
      sent_at: record.sent_ms ? new Date(record.sent_ms).toISOString() : null,
    },
  };
}

export function toJson(records) {
  return JSON.stringify(records.map(exportRecord), null, 2) + '\n';
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled.
 * A field that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe: page text is attacker-controlled and must stay text.
 */
export function csvField(value) {
  let s = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  if (/[",\r\n]/.test(s) || /^\s|\s$/.test(s)) s = '"' + s.replace(/"/g, '""') + '"';
  return s;
}

const list = (v) => (Array.isArray(v) ? v.join('; ') : '');

export function csvRow(record) {
  const r = record.report ?? {};
  const v = r.verdict ?? {};
  const ind = r.indicators ?? {};
  const cells = {
    report_id: r.report_id,
    created_at: r.created_at,
    status: record.status,
    status_reason: record.reason,
    page_url: r.page?.url,
    page_title: r.page?.title,
    platform: r.page?.platform,
    permalink: r.post?.permalink,
    author: r.post?.author,
    level: v.level,
    score: v.score,
    categories: list(v.categories),
    prices_pkr: list((v.prices ?? []).map((p) => p.amount_pkr)),
    reasons: list(v.reasons),
    phones: list(ind.phones),
    whatsapp: list(ind.whatsapp),
    telegram: list(ind.telegram),
    emails: list(ind.emails),
    payment: list(ind.payment),
    urls: list(ind.urls),
    text_sha256: r.post?.text_sha256,
    text_masked: r.post?.text_masked,
    extension_version: r.extension_version,
    rules_version: r.rules_version,
    has_screenshot: r.screenshot ? 'yes' : 'no',
  };
  return CSV_COLUMNS.map((c) => csvField(cells[c])).join(',');
}

/** The whole CSV, CRLF line ends (RFC 4180), with a BOM so spreadsheets read Urdu as UTF-8. */
export function toCsv(records) {
  return '\uFEFF' + [CSV_COLUMNS.join(','), ...records.map(csvRow)].join('\r\n') + '\r\n';
}
