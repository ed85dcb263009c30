// Real saved platform markup (../shared/markup, read in place): on each file served as a page,
// the extension scans exactly the posts that the markup README counts (each carries
// data-nigehban; no page chrome, no nested duplicate), and the adapters read the text the
// README names for each post.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import vm from 'node:vm';
import { launchWithExtension } from './lib/browser.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { EXT_DIR, REPO } from './lib/feeds.mjs';

const MARKUP = path.resolve(REPO, '../shared/markup');

// From ../shared/markup/README.md: file, post selector (-> n), text selector (-> n).
const CASES = [
  ['whatsapp/chat-pane-2023-08.html', 'div[role="row"] [data-id]', 22, 'span.selectable-text.copyable-text', 22],
  ['whatsapp/group-chat-pane-mac-2023-08.html', 'div[role="row"] [data-id]', 17, 'span.selectable-text.copyable-text', 16],
  ['whatsapp/message-rows-media-quotes-2023-08.html', 'div[role="row"] [data-id]', 12, 'span.selectable-text.copyable-text', 6],
  ['x/tweet-link-card-2025-10.html', 'article[data-testid="tweet"]', 1, '[data-testid="tweetText"]', 1],
  ['x/quote-tweet-2025-10.html', 'article[data-testid="tweet"]', 1, '[data-testid="tweetText"]', 2],
  ['x/conversation-thread-2025-04.html', 'article[data-testid="tweet"]', 3, '[data-testid="tweetText"]', 3],
  ['youtube/watch-comments-2022-03.html', 'ytd-comment-thread-renderer', 3, 'ytd-comment-thread-renderer #content-text', 3],
  ['youtube/watch-comments-2018-04.html', 'ytd-comment-thread-renderer', 3, 'ytd-comment-thread-renderer #content-text', 3],
  ['tiktok/video-comments-2022-08.html', 'div[class*="DivCommentItemContainer"], [data-e2e="browse-video-desc"]', 13, '[data-e2e="comment-level-1"], [data-e2e="browse-video-desc"]', 13],
  ['tiktok/foryou-feed-2022-05.html', '[data-e2e="recommend-list-item-container"]', 5, '[data-e2e="video-desc"]', 5],
  ['reddit/old-reddit-comments-2018-04.html', 'div.thing', 13, 'div.thing > div.entry div.md', 12],
  ['facebook/feed-story-page-post-2018-04.html', 'div[role="article"]', 1, 'div[role="article"] .userContent', 1],
  ['facebook/feed-story-sponsored-video-2018-04.html', 'div[role="article"]', 1, 'div[role="article"] .userContent', 1],
  ['instagram/photo-page-comments-2013-10.html', 'div.Item, div.Comment', 21, 'div.Item .Story .ibContent > span:nth-of-type(2), div.Comment .ibContent > span:last-child', 21],
  ['telegram/channel-preview-tme-s-2023-02.html', 'div.tgme_widget_message', 13, '.tgme_widget_message_bubble > .tgme_widget_message_text', 13],
  ['forum/hackernews-comments-2018-04.html', 'tr.athing.comtr', 32, 'tr.athing.comtr div.comment', 32],
  ['forum/disqus-comments-2018-04.html', 'li.post', 13, 'li.post div.post-message', 13],
];

const ADAPTER_SCRIPTS = ['namespace.js', 'selectors.js', 'text.js', 'adapters.js'];

let browser;
let server;
let feeds; // www/feeds without a CSP, so that the adapter scripts can be loaded into the page

before(async () => {
  assert.ok(existsSync(MARKUP), `no markup at ${MARKUP}`);
  assert.ok(existsSync(path.join(EXT_DIR, 'manifest.json')), `no extension at ${EXT_DIR}: run ./build.sh first`);
  // Served without a CSP: the text check below loads the adapter scripts into the page itself.
  server = await startServer({ root: MARKUP, port: 0, csp: () => null });
  feeds = await startServer({ root: path.join(REPO, 'www/feeds'), port: 0, csp: () => null });
  browser = await launchWithExtension(EXT_DIR);
});

after(async () => {
  await browser?.close();
  await server?.close();
  await feeds?.close();
});

for (const [file, postSel, postN, textSel, textN] of CASES) {
  test(`${file}: the ${postN} posts the README counts are scanned, nothing else`, async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/${file}`, { waitUntil: 'domcontentloaded' }); // saved pages link to hosts we cannot reach
    // Sanity: the README's counts hold in this browser's parse too.
    assert.equal(await page.locator(postSel).count(), postN, 'README post count');
    assert.equal(await page.locator(textSel).count(), textN, 'README text count');

    // Bring each post near the viewport in turn, as a reader scrolling would.
    const deadline = Date.now() + 15000; // generous: a loaded CI machine is slow, a pass returns early
    let missing;
    for (;;) {
      missing = await page.$$eval(postSel, (els) => {
        const left = els.filter((el) => !el.hasAttribute('data-nigehban'));
        left.forEach((el) => el.scrollIntoView({ block: 'center' }));
        return left.length;
      });
      if (!missing || Date.now() > deadline) break;
      await page.waitForTimeout(120);
    }
    await page.waitForTimeout(300); // let any extra (wrong) marks land before counting them
    const result = await page.evaluate((sel) => {
      const expected = new Set(document.querySelectorAll(sel));
      const marked = Array.from(document.querySelectorAll('[data-nigehban]'));
      return {
        missing: Array.from(expected).filter((el) => !el.hasAttribute('data-nigehban')).length,
        extra: marked.filter((el) => !expected.has(el)).map((el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '')),
      };
    }, postSel);
    assert.equal(result.missing, 0, `${result.missing} README posts not scanned`);
    assert.deepEqual(result.extra, [], 'elements scanned that the README does not count as posts');

    // Texts: in the page's own world, run the same adapter code and compare each post's text
    // with the README's text elements inside it.
    for (const s of ADAPTER_SCRIPTS) await page.addScriptTag({ path: path.join(EXT_DIR, 'content', s) });
    const texts = await page.evaluate(
      ([pSel, tSel]) => {
        const ng = globalThis.nigehban;
        // Compared without whitespace: block boundaries become line breaks in the adapter's text.
        const squash = (s) => s.replace(/\s+/g, '');
        // The README element minus what the adapter deliberately leaves out (reply links,
        // buttons, quoted parts): those are page chrome, not the post's words.
        const wanted = (t, a) => {
          const c = t.cloneNode(true);
          const drop = [ng.neverText, a.excludeSel].filter(Boolean).join(', ');
          c.querySelectorAll(drop).forEach((x) => x.remove());
          return squash(c.textContent);
        };
        const adapters = new ng.Adapters(location.hostname, document);
        const posts = Array.from(document.querySelectorAll(pSel));
        const textEls = Array.from(document.querySelectorAll(tSel));
        const problems = [];
        for (const post of posts) {
          // README text elements that belong to this post (not to a post nested in it).
          const own = textEls.filter((t) => post.contains(t) && posts.filter((p) => p !== post && post.contains(p) && p.contains(t)).length === 0);
          const read = squash(adapters.describe(post).text);
          const a = adapters.adapterFor(post);
          for (const t of own) {
            const want = wanted(t, a);
            if (!read.includes(want)) problems.push({ want: want.slice(0, 80), read: read.slice(0, 80) });
          }
        }
        return problems;
      },
      [postSel, textSel],
    );
    assert.deepEqual(texts, [], 'adapter text differs from the README text element');
    await page.close();
  });
}

test('every selector in the adapter data is valid CSS in Chromium', async () => {
  const ctx = vm.createContext({});
  for (const f of ['namespace.js', 'selectors.js']) vm.runInContext(readFileSync(path.join(EXT_DIR, 'content', f), 'utf8'), ctx);
  const ng = ctx.nigehban;
  const sels = [ng.universalPosts, ng.generic.skip, ng.neverText];
  for (const p of ng.platforms) {
    sels.push(...p.posts, ...p.text, ...(p.exclude || []));
    for (const k of ['signature', 'author', 'permalink', 'authorScope']) if (p[k]) sels.push(...[].concat(p[k]));
  }
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/${CASES[0][0]}`, { waitUntil: 'domcontentloaded' });
  const bad = await page.evaluate((list) => {
    const out = [];
    const probe = document.createElement('div');
    for (const s of list) {
      try {
        probe.querySelector(s);
      } catch {
        out.push(s);
      }
    }
    return out;
  }, JSON.parse(JSON.stringify(sels)));
  assert.deepEqual(bad, [], 'selectors this browser rejects');
  await page.close();
});

// Per fake feed: platform id the adapters should report, and whether its posts have permalinks.
const FEED_PLATFORMS = [
  ['facebook', 'facebook', true],
  ['instagram', 'instagram', true],
  ['x', 'x', true],
  ['tiktok', 'tiktok', false],
  ['youtube', 'youtube', false],
  ['telegram-tme', 'telegram', true],
  ['telegram-web-k', 'telegram', false],
  ['telegram-web-a', 'telegram', false],
  ['whatsapp', 'whatsapp', false],
  ['reddit', 'reddit', true],
];

test('fake feeds: each post is attributed to its platform, with its author, and a permalink where the platform shows one', async () => {
  const page = await browser.context.newPage();
  const problems = [];
  for (const [feed, platform, hasPermalink] of FEED_PLATFORMS) {
    await page.goto(`${feeds.url}/${feed}.html`, { waitUntil: 'domcontentloaded' });
    for (const s of ADAPTER_SCRIPTS) await page.addScriptTag({ path: path.join(EXT_DIR, 'content', s) });
    const got = await page.evaluate(() => {
      const ng = globalThis.nigehban;
      const adapters = new ng.Adapters(location.hostname, document);
      return Array.from(document.querySelectorAll('[data-expect="listing"], [data-expect="clear"]')).map((el) => {
        const d = adapters.describe(el);
        return { id: el.id || el.tagName.toLowerCase(), platform: d.platform, author: d.author, permalink: d.permalink, text: d.text.length };
      });
    });
    for (const g of got) {
      if (g.platform !== platform) problems.push(`${feed} ${g.id}: platform ${g.platform}`);
      if (!g.author) problems.push(`${feed} ${g.id}: no author`);
      if (hasPermalink && !/^https?:\/\//.test(g.permalink)) problems.push(`${feed} ${g.id}: no permalink`);
      if (!g.text) problems.push(`${feed} ${g.id}: no text`);
    }
  }
  assert.deepEqual(problems, []);
  await page.close();
});
