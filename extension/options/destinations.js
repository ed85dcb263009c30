// The options page's report destinations: #endpoint-url, #endpoint-token, #email-to.
// A change is saved on its own (no save button) and applies at once: the outbox listens for
// the endpoint keys and delivers what is waiting. An invalid value is not saved; the field says
// why.

import { SETTINGS_KEYS } from '../background/report-settings.js';
import { checkEndpoint } from '../background/report-delivery.js';
import { checkEmail } from '../background/report-email.js';

function t(key, fallback) {
  return chrome.i18n?.getMessage?.(key) || fallback;
}

const FIELDS = [
  {
    id: 'endpoint-url',
    key: SETTINGS_KEYS.endpointUrl,
    check: (v) => {
      const r = checkEndpoint(v);
      if (r.ok) return { ok: true, value: r.url };
      const plain = t('destEndpointInvalid', 'Use an https:// address (plain http only for 127.0.0.1 / localhost).');
      return { ok: false, error: r.error.startsWith('must be') ? plain : `${plain} (${r.error})` };
    },
  },
  {
    id: 'endpoint-token',
    key: SETTINGS_KEYS.endpointToken,
    check: (v) => (/^[\x21-\x7e]+$/.test(v) ? { ok: true, value: v } : { ok: false, error: t('destTokenInvalid', 'A token has no spaces or special characters.') }),
  },
  {
    id: 'email-to',
    key: SETTINGS_KEYS.emailTo,
    check: (v) => {
      const r = checkEmail(v);
      return r.ok ? { ok: true, value: r.address } : { ok: false, error: t('destEmailInvalid', 'Not an email address.') };
    },
  },
];

function statusFor(input) {
  const id = `${input.id}-status`;
  let node = document.getElementById(id);
  if (!node) {
    node = document.createElement('span');
    node.id = id;
    node.className = 'field-status';
    node.setAttribute('role', 'status');
    input.after(node);
  }
  input.setAttribute('aria-describedby', id);
  return node;
}

async function save(field, input) {
  const raw = input.value.trim();
  const status = statusFor(input);
  if (!raw) {
    await chrome.storage.local.remove(field.key);
    input.removeAttribute('aria-invalid');
    status.textContent = '';
    return;
  }
  const r = field.check(raw);
  if (!r.ok) {
    input.setAttribute('aria-invalid', 'true');
    status.textContent = r.error;
    return;
  }
  await chrome.storage.local.set({ [field.key]: r.value });
  input.removeAttribute('aria-invalid');
  status.textContent = t('destSaved', 'Saved.');
}

async function init() {
  const stored = await chrome.storage.local.get(FIELDS.map((f) => f.key));
  for (const field of FIELDS) {
    const input = document.getElementById(field.id);
    if (!input) continue;
    if (typeof stored[field.key] === 'string') input.value = stored[field.key];
    let timer = null;
    const now = () => {
      clearTimeout(timer);
      save(field, input).catch((e) => (statusFor(input).textContent = String(e?.message ?? e)));
    };
    input.addEventListener('change', now);
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(now, 800);
    });
  }
}

init();
