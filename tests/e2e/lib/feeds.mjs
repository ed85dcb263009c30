// Helpers shared by the extension e2e tests: bring every expected post near the viewport and
// wait until the extension has marked it, then read the marks.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The unpacked extension under test: dist/chrome (built by ./build.sh) unless overridden. */
export const EXT_DIR = path.resolve(REPO, process.env.NIGEHBAN_EXT_DIR || 'dist/chrome');

/** Posts a feed declares: listings, hard negatives, and posts whose verdict is free ("any"). */
export const EXPECTED = '[data-expect="listing"], [data-expect="clear"], [data-expect="any"]';

/**
 * Scroll the elements matching `selector` into view in turn (as a reader would) until each
 * carries data-nigehban. Returns descriptions of those that stayed unmarked.
 */
export async function scrollAndSettle(page, selector, { timeout = 15000 } = {}) {
  const deadline = Date.now() + timeout;
  let first = true;
  for (;;) {
    const missing = await page.$$eval(
      selector,
      (els, all) => {
        const left = els.filter((el) => !el.hasAttribute('data-nigehban'));
        for (const el of all ? els : left) el.scrollIntoView({ block: 'center' });
        return left.map((el) => el.id || el.outerHTML.slice(0, 120));
      },
      first,
    );
    first = false;
    if (!missing.length || Date.now() > deadline) return missing;
    await page.waitForTimeout(100);
  }
}

/** Every element carrying data-nigehban, with its mark and its data-expect (if any). */
export function readMarks(page) {
  return page.$$eval('[data-nigehban]', (els) =>
    els.map((el) => ({
      mark: el.getAttribute('data-nigehban'),
      expect: el.getAttribute('data-expect'),
      what: el.id || el.getAttribute('data-testid') || el.tagName.toLowerCase(),
      text: (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 90),
    })),
  );
}

/** Wait until `fn` (evaluated in the page) returns truthy; false on timeout. */
export async function until(page, fn, arg, timeout = 5000) {
  try {
    await page.waitForFunction(fn, arg, { timeout, polling: 50 });
    return true;
  } catch {
    return false;
  }
}

/** The toolbar badge entry the background keeps for the tab showing `url`. */
export async function tabListingsFor(serviceWorker, url) {
  return serviceWorker.evaluate(async (u) => {
    const all = await chrome.storage.session.get(null);
    for (const [k, v] of Object.entries(all)) {
      if (k.startsWith('tabListings:') && v.url === u) {
        const tabId = Number(k.slice('tabListings:'.length));
        return { tabId, count: v.count, badge: await chrome.action.getBadgeText({ tabId }) };
      }
    }
    return null;
  }, url);
}
