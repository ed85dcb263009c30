// Firefox smoke test: the packaged Firefox extension (dist/firefox) in headless firefox-esr,
// over WebDriver BiDi, on two fake feeds served with the strict CSP: every post is scanned,
// nothing else is, and each listing has its badge in an open shadow root with its styles.
// Skipped where firefox-esr is not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXPECTED } from './lib/feeds.mjs';
import { firefoxSkip, firefoxWithFeeds } from './lib/firefox.mjs';

const skip = firefoxSkip;
const env = firefoxWithFeeds();

for (const name of ['facebook', 'forum']) {
  test(`Firefox: ${name} feed is scanned and listings get a styled badge`, { skip }, async () => {
    await env.ff.goto(`${env.server.url}/feeds/${name}.html`);
    let state;
    const deadline = Date.now() + 15000;
    do {
      state = await env.ff.evaluate(`
        const expected = [...document.querySelectorAll('${EXPECTED}')];
        const left = expected.filter((el) => !el.hasAttribute('data-nigehban'));
        left.forEach((el) => el.scrollIntoView({ block: 'center' }));
        const marked = [...document.querySelectorAll('[data-nigehban]')];
        return {
          left: left.length,
          strays: marked.filter((el) => !el.hasAttribute('data-expect')).length,
          listings: marked.filter((el) => el.getAttribute('data-nigehban') === 'listing').map((el) => {
            const host = el.querySelector('nigehban-badge');
            const box = host && host.shadowRoot && host.shadowRoot.querySelector('.box');
            const button = host && host.shadowRoot && host.shadowRoot.querySelector('[data-nigehban-action="report"]');
            return { badge: !!box, button: !!button, border: box ? getComputedStyle(box).borderTopStyle : '' };
          }),
        };`);
      if (state && state.left === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    } while (Date.now() < deadline);
    assert.equal(state.left, 0, 'posts never marked');
    assert.equal(state.strays, 0, 'elements marked that are not posts');
    assert.ok(state.listings.length > 0, 'the feed has listings');
    for (const l of state.listings) {
      assert.ok(l.badge && l.button, 'badge with a report button in an open shadow root');
      assert.equal(l.border, 'solid', 'the badge is styled (its stylesheet applied)');
    }
  });
}
