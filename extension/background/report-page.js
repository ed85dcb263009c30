// What a page report says about the page beyond its title: the reader's selection, else the
// page's own description (meta description / og:description). Read with chrome.scripting in
// an isolated world; where that is not allowed (no host access, a browser page), nothing.

const MAX_CHARS = 5_000;

function readPage(max) {
  const selection = String(globalThis.getSelection?.() ?? '').trim();
  const meta = document.querySelector('meta[name="description" i], meta[property="og:description" i]');
  const description = (meta?.getAttribute('content') ?? '').trim();
  return { selection: selection.slice(0, max), description: description.slice(0, max) };
}

/** {selection, description} of the tab's top document; empty strings when unavailable. */
export async function pageContext(tabId) {
  if (!Number.isInteger(tabId) || !chrome.scripting?.executeScript) return { selection: '', description: '' };
  try {
    const [res] = await chrome.scripting.executeScript({ target: { tabId }, func: readPage, args: [MAX_CHARS] });
    const r = res?.result ?? {};
    return { selection: typeof r.selection === 'string' ? r.selection : '', description: typeof r.description === 'string' ? r.description : '' };
  } catch (e) {
    console.info('nigehban: page context unavailable:', e?.message ?? e);
    return { selection: '', description: '' };
  }
}

/** The text of a page report: the title, then the selection or else the description. */
export function pageReportText(title, { selection, description }) {
  return [title, selection || description].map((s) => String(s ?? '').trim()).filter(Boolean).join('\n\n');
}
