// One delivery attempt of a report to an HTTP endpoint, following DESIGN.md's delivery
// contract. It decides nothing about scheduling: it says sent / retry / failed and why.

export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Is this endpoint URL acceptable? HTTPS anywhere; plain http only to this machine
 * (127.0.0.1 / localhost / [::1]), for a local collector and tests.
 * Returns {ok: true, url} or {ok: false, error}.
 */
export function checkEndpoint(raw) {
  const text = String(raw ?? '').trim();
  if (!text) return { ok: false, error: 'empty' };
  let url;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, error: 'not a URL' };
  }
  if (url.username || url.password) return { ok: false, error: 'credentials in the URL; use the token field' };
  if (url.protocol === 'https:') return { ok: true, url: url.href };
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol === 'http:' && local) return { ok: true, url: url.href };
  return { ok: false, error: 'must be https:// (plain http only for 127.0.0.1 / localhost)' };
}

/** Retry-After as milliseconds (delta-seconds or an HTTP date), or null. */
export function parseRetryAfter(value, now = Date.now()) {
  if (value == null) return null;
  const v = String(value).trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isFinite(at)) return Math.max(0, at - now);
  return null;
}

async function errorText(response) {
  try {
    const body = (await response.text()).slice(0, 2000);
    try {
      const parsed = JSON.parse(body);
      if (parsed && typeof parsed.error === 'string') return parsed.error.slice(0, 300);
    } catch {
      // not JSON: the body itself, shortened
    }
    return body.trim().slice(0, 300);
  } catch {
    return '';
  }
}

/**
 * POST the report. Resolves (never rejects) to one of:
 *   {outcome: 'sent', status}
 *   {outcome: 'retry', reason, retryAfterMs?}   429, 5xx, timeout, network error
 *   {outcome: 'failed', reason}                  any other answer, or a bad endpoint
 */
export async function deliver(report, { url, token, timeoutMs = DEFAULT_TIMEOUT_MS, fetchImpl = fetch } = {}) {
  const endpoint = checkEndpoint(url);
  if (!endpoint.ok) return { outcome: 'failed', reason: `endpoint ${endpoint.error}` };
  const headers = {
    'Content-Type': 'application/json',
    'Idempotency-Key': report.report_id,
  };
  if (token) headers.Authorization = `Bearer ${token}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response;
  try {
    response = await fetchImpl(endpoint.url, {
      method: 'POST',
      headers,
      body: JSON.stringify(report),
      signal: controller.signal,
      credentials: 'omit',
      cache: 'no-store',
      // A redirect could move the report off HTTPS or to another host: refuse it, visibly.
      redirect: 'manual',
    });
  } catch (e) {
    clearTimeout(timer);
    const limit = timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`;
    const reason = controller.signal.aborted ? `timeout after ${limit}` : `network error: ${e?.message ?? e}`;
    return { outcome: 'retry', reason };
  }
  try {
    if (response.type === 'opaqueredirect') {
      return { outcome: 'failed', reason: 'the endpoint answered with a redirect; set the final URL' };
    }
    const status = response.status;
    if ((status >= 200 && status < 300) || status === 409) {
      response.body?.cancel?.().catch(() => {});
      return { outcome: 'sent', status };
    }
    const detail = await errorText(response);
    const reason = `HTTP ${status}${detail ? `: ${detail}` : ''}`;
    if (status === 429 || status >= 500 || status === 408) {
      return { outcome: 'retry', reason, retryAfterMs: parseRetryAfter(response.headers.get('Retry-After')) };
    }
    return { outcome: 'failed', reason };
  } catch (e) {
    return { outcome: 'retry', reason: `reading the answer failed: ${e?.message ?? e}` };
  } finally {
    clearTimeout(timer);
  }
}
