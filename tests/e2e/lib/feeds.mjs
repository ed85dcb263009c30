// Helpers shared by the extension e2e tests: bring every expected post near the viewport and
// wait until the extension has marked it, then read the marks.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The unpacked extension under test: dist/chrome (built by ./build.sh) unless overridden. */
export const EXT_DIR = path.resolve(REPO, process.env.NIGEHBAN_EXT_DIR || 'dist/chrome');

/**
 * Scroll each element matching `selector` into view in turn (as a reader would) and wait until
 * each carries data-nigehban. Returns the selector's elements that stayed unmarked.
 */
export async function scrollAndSettle(page, selector, { timeout = 8000 } = {}) {
  const deadline = Date.now() + timeout;
  const count = await page.locator(selector).count();
  for (let i = 0; i < count; i++) {
    await page.locator(selector).nth(i).evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(30);
  }
  for (;;) {
    const missing = await page.$$eval(selector, (els) => els.filter((el) => !el.hasAttribute('data-nigehban')).map((el) => el.id || el.outerHTML.slice(0, 120)));
    if (!missing.length || Date.now() > deadline) return missing;
    // Bring the still-unmarked ones into view again (virtualised pages move things).
    await page.$$eval(selector, (els) => els.filter((el) => !el.hasAttribute('data-nigehban')).forEach((el) => el.scrollIntoView({ block: 'center' })));
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
