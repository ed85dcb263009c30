// Firefox: a real click on a listing's report button files the report into the outbox of the
// packaged Firefox extension (dist/firefox, an event page rather than a service worker): the
// post is marked queued and, with no destination set yet, the badge says what to set.
// (Firefox's WebDriver BiDi cannot open the extension's own pages, so delivery to an endpoint
// is covered in Chromium.) Skipped where firefox-esr is not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firefoxSkip, firefoxWithFeeds } from './lib/firefox.mjs';

const skip = firefoxSkip;
const env = firefoxWithFeeds();

async function poll(fn, timeoutMs, what) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('Firefox: a trusted click files the report into the outbox and explains the missing destination', { skip }, async () => {
  await env.ff.goto(`${env.server.url}/feeds/report/facebook.html`);
  const button = await poll(
    () =>
      env.ff.evaluate(`
        const host = document.querySelector('#listing nigehban-badge');
        const b = host && host.shadowRoot && host.shadowRoot.querySelector('[data-nigehban-action="report"]');
        if (!b) return null;
        b.scrollIntoView({ block: 'center' });
        const r = b.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };`),
    15_000,
    'the report button'
  );
  await env.ff.click(button.x, button.y);
  const state = await poll(
    () =>
      env.ff.evaluate(`
        const post = document.querySelector('#listing');
        const status = post.getAttribute('data-nigehban-reported');
        return status ? { status, badge: post.querySelector('nigehban-badge').shadowRoot.textContent } : null;`),
    15_000,
    'data-nigehban-reported'
  );
  assert.equal(state.status, 'queued');
  assert.match(state.badge, /set a report endpoint/);
});
