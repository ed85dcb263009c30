// Options: sensitivity, sites not to scan, extra terms. Each change is saved on its own and
// open pages apply it at once (their content script listens to storage.onChanged).
// The destinations section's inputs are wired by destinations.js (the outbox's settings).
import { t, localize } from '../ui/i18n.js';
import { getSettings, parseSites, parseTerms, SENSITIVITIES } from '../ui/settings.js';

localize();

const $ = (id) => document.getElementById(id);
let savedTimer = 0;

async function save(values) {
  try {
    await chrome.storage.sync.set(values);
  } catch (err) {
    $('saved').textContent = t('optSaveFailed', [String(err && err.message ? err.message : err)]);
    return;
  }
  $('saved').textContent = t('optSaved');
  clearTimeout(savedTimer);
  savedTimer = setTimeout(() => ($('saved').textContent = ''), 2000);
}

function debounce(fn, ms) {
  let timer = 0;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

async function main() {
  const s = await getSettings();
  $('sensitivity').value = SENSITIVITIES.includes(s.sensitivity) ? s.sensitivity : 'engine';
  $('disabled-sites').value = s.disabledSites.join('\n');
  $('extra-terms').value = s.extraTerms.join('\n');

  $('sensitivity').addEventListener('change', () => save({ sensitivity: $('sensitivity').value }));
  const saveSites = () => save({ disabledSites: parseSites($('disabled-sites').value) });
  const saveTerms = () => save({ extraTerms: parseTerms($('extra-terms').value) });
  $('disabled-sites').addEventListener('input', debounce(saveSites, 400));
  $('disabled-sites').addEventListener('change', saveSites);
  $('extra-terms').addEventListener('input', debounce(saveTerms, 400));
  $('extra-terms').addEventListener('change', saveTerms);
}

main();
