// Localises an extension page: every [data-i18n] gets its message as text, [data-i18n-label]
// as aria-label, [data-i18n-placeholder] as placeholder; the page direction follows the locale
// (right-to-left for Urdu).
export const t = (key, subs) => chrome.i18n.getMessage(key, subs) || key;

/** Direction of the strings actually shown (their locale's, even if the browser's differs). */
export function textDirection() {
  const d = chrome.i18n.getMessage('textDirection') || chrome.i18n.getMessage('@@bidi_dir');
  return d === 'rtl' ? 'rtl' : 'ltr';
}

export function localize(root = document) {
  document.documentElement.lang = chrome.i18n.getMessage('langCode') || chrome.i18n.getUILanguage();
  document.documentElement.dir = textDirection();
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder));
}
