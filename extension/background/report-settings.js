// Where reports go, as the options page stores it (chrome.storage.local: the token is a secret
// and should not travel with browser sync). Also the test-only timing overrides.

export const SETTINGS_KEYS = {
  endpointUrl: 'report.endpointUrl',
  endpointToken: 'report.endpointToken',
  emailTo: 'report.emailTo',
};

// Test-only: shorten backoff and timeout so end-to-end tests of retries run in seconds.
// Never set by the extension itself; see docs/reports.md.
export const TEST_KEYS = {
  backoffMs: 'outbox.testBackoffMs',
  timeoutMs: 'outbox.testTimeoutMs',
};

export const SETUP_HINT_KEY = 'outbox.setupHintShown';

export async function readDestinations() {
  const got = await chrome.storage.local.get(Object.values(SETTINGS_KEYS));
  const s = (k) => (typeof got[k] === 'string' ? got[k].trim() : '');
  return {
    endpointUrl: s(SETTINGS_KEYS.endpointUrl),
    endpointToken: s(SETTINGS_KEYS.endpointToken),
    emailTo: s(SETTINGS_KEYS.emailTo),
  };
}

export async function readTestOverrides() {
  const got = await chrome.storage.local.get(Object.values(TEST_KEYS));
  const pos = (v) => (Number.isFinite(v) && v > 0 ? v : null);
  return { backoffMs: pos(got[TEST_KEYS.backoffMs]), timeoutMs: pos(got[TEST_KEYS.timeoutMs]) };
}
