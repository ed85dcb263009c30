// Platform adapters as DATA: how to find one post, its text, author and permalink on each site.
// A site's markup change should be an edit here, not in code. Fields:
//   id         platform id, sent with reports
//   hosts      host names (exact or a parent domain: "facebook.com" covers m.facebook.com)
//   signature  selector that identifies this platform's markup on a page of another host (saved
//              pages, archives, mirrors, test feeds); defaults to the first post selector
//   posts      selectors of one post, comment or message element
//   text       selectors of the text inside a post, tried in order; all matches are joined.
//              ":scope > ..." keeps a thread's text from swallowing its replies'.
//   textMode   "all" (default): every match of every text selector, in page order;
//              "firstGroup": the matches of the first selector that matches anything;
//              "first": only the first match (the head of a thread, not its replies).
//              No match at all: the post's own visible text.
//   author, permalink  selectors inside the post (the permalink is an <a href>); a list is
//              tried in order (a selector group would answer in page order instead)
//   authorAttr, permalinkAttr  attribute holding them, on the found element or the post itself
//   authorScope  an ancestor to look in when the author is beside the post, not inside it
//   exclude    elements inside a post whose text is not the post's (buttons, counters, menus)
//   nested     "inner": a post inside a post is its own post (comments in a thread);
//              "outer": a post inside a post belongs to the outer one (a quoted tweet)
(function (ng) {
  'use strict';

  ng.platforms = [
    {
      id: 'facebook',
      hosts: ['facebook.com', 'fb.com'],
      // Comet (2020+): feed stories are div[role=article] with aria-posinset; comments are
      // nested div[role=article]. Classic (pre-2020): .userContentWrapper, text in .userContent.
      signature: '[data-ad-rendering-role="story_message"], [data-ad-preview="message"], div[role="article"] .userContent, div[role="feed"] div[aria-posinset]',
      // Newer builds mark a feed unit only by aria-posinset; a posinset wrapper around the
      // story's own div[role=article] has no text of its own and is left unmarked (main.js).
      posts: ['div[role="article"]', 'div[aria-posinset]'],
      text: [
        ':scope [data-ad-rendering-role="story_message"]',
        ':scope [data-ad-preview="message"]',
        ':scope .userContent',
        ':scope div[dir="auto"]',
      ],
      textMode: 'firstGroup',
      author: 'h2 a, h3 a, h4 a, strong a, span.fwb a, a[role="link"] > strong, a[href*="profile.php"], a[href*="/user/"]',
      permalink: 'a[href*="/posts/"], a[href*="/permalink/"], a[href*="story_fbid"], a[href*="comment_id"], a[href*="/videos/"], abbr[data-utime]',
      exclude: ['[role="button"]', 'form'],
      nested: 'inner',
    },
    {
      id: 'instagram',
      hosts: ['instagram.com'],
      // Modern web: each feed post is an <article>; the caption is a span in h1 or the first
      // li of its comment list. 2013 web: div.Item with div.Comment children.
      signature: 'div.Item .Story .ibContent, main article a[href*="/p/"]',
      posts: ['article', 'div.Item', 'div.Comment'],
      text: [
        ':scope h1[dir="auto"]',
        ':scope ._a9zs',
        ':scope span[dir="auto"][style*="line-height"]',
        ':scope ul li span[dir="auto"]',
        ':scope > .Story .ibContent > span:nth-of-type(2)',
        ':scope > .ibContent > span:last-child',
      ],
      textMode: 'firstGroup',
      author: 'header a[role="link"], header a, .ibContent > a.cNameLink, a.cNameLink',
      permalink: ['a[href*="/p/"]', 'a[href*="/reel/"]', 'time'],
      exclude: ['button', 'form', 'section'],
      nested: 'inner',
    },
    {
      id: 'x',
      hosts: ['x.com', 'twitter.com'],
      signature: 'article[data-testid="tweet"]',
      posts: ['article[data-testid="tweet"]'],
      // A quote tweet's text is a second tweetText inside the same article; both are read.
      text: [':scope [data-testid="tweetText"]'],
      author: '[data-testid="User-Name"] a[role="link"]',
      permalink: ['a[href*="/status/"]:has(time)', 'a[href*="/status/"]'],
      exclude: ['[role="group"]'],
      nested: 'outer',
    },
    {
      id: 'tiktok',
      hosts: ['tiktok.com'],
      signature: '[data-e2e="recommend-list-item-container"], [data-e2e="browse-video-desc"], [data-e2e="comment-level-1"], [data-e2e="video-desc"]',
      posts: [
        '[data-e2e="recommend-list-item-container"]',
        '[data-e2e="browse-video-desc"]',
        'div[class*="DivCommentItemContainer"]',
        'div[class*="DivCommentObjectWrapper"]',
      ],
      text: [
        ':scope [data-e2e="video-desc"]',
        ':scope [data-e2e="comment-level-1"]',
        ':scope [data-e2e="comment-level-2"]',
      ],
      author: '[data-e2e="video-author-uniqueid"], [data-e2e="comment-username-1"], [data-e2e="browse-username"], a[href^="/@"]',
      permalink: 'a[href*="/video/"]',
      exclude: [],
      nested: 'inner',
    },
    {
      id: 'youtube',
      hosts: ['youtube.com'],
      signature: 'ytd-comment-thread-renderer, ytd-watch-metadata, ytd-app',
      posts: [
        'ytd-comment-thread-renderer',
        'ytd-comment-replies-renderer ytd-comment-renderer',
        'ytd-comment-replies-renderer ytd-comment-view-model',
        'ytd-watch-metadata #description',
        'ytd-video-secondary-info-renderer #description',
      ],
      // The first #content-text in a thread is its top comment; replies are posts of their own.
      text: [':scope #content-text', ':scope #description-inline-expander', ':scope yt-attributed-string', ':scope yt-formatted-string'],
      textMode: 'first',
      author: '#author-text, ytd-channel-name a',
      authorScope: 'ytd-watch-metadata', // a description's author is the channel, beside it
      permalink: 'a[href*="lc="], .published-time-text a, a#published-time-text',
      exclude: ['#replies', 'ytd-comment-replies-renderer'],
      nested: 'inner',
    },
    {
      id: 'telegram',
      hosts: ['t.me', 'web.telegram.org', 'telegram.me'],
      // t.me/s/<channel> previews; Telegram Web K (.bubble[data-mid]); Telegram Web A (.Message).
      signature: 'div.tgme_widget_message, .bubble[data-mid], .Message.message-list-item',
      posts: ['div.tgme_widget_message', '.bubble[data-mid]', '.Message.message-list-item'],
      text: [
        ':scope .tgme_widget_message_bubble > .tgme_widget_message_text',
        ':scope .translatable-message',
        ':scope .text-content',
      ],
      textMode: 'first',
      author: '.tgme_widget_message_owner_name, .tgme_widget_message_from_author, .peer-title, .message-title-name, .sender-title',
      permalink: ['a.tgme_widget_message_date', 'a[href^="https://t.me/"]'],
      exclude: ['.reply', '.message-subheader', '.EmbeddedMessage', '.tgme_widget_message_reply'],
      nested: 'inner',
    },
    {
      id: 'whatsapp',
      hosts: ['web.whatsapp.com'],
      signature: 'div[role="row"] [data-id]',
      posts: ['div[role="row"] [data-id]'],
      text: [':scope span.selectable-text.copyable-text'],
      textMode: 'first',
      author: '[data-pre-plain-text], span[aria-label]',
      authorAttr: 'data-pre-plain-text',
      permalink: '',
      exclude: ['.quoted-mention', '[aria-label="Quoted message"]'],
      nested: 'outer',
    },
    {
      id: 'reddit',
      hosts: ['reddit.com'],
      // Old layout: div.thing (link + comments nested via div.child). New: shreddit-* elements.
      signature: 'div.thing[data-fullname], shreddit-post, shreddit-comment',
      posts: ['div.thing[data-fullname]', 'shreddit-post', 'shreddit-comment'],
      text: [
        ':scope > div.entry a.title',
        ':scope > div.entry div.md',
        ':scope > [slot="title"]',
        ':scope > [slot="text-body"]',
        ':scope > [slot="comment"]',
      ],
      author: ':scope > div.entry a.author, [slot="authorName"]',
      authorAttr: 'author', // shreddit-* carry it on the post element itself
      permalink: [':scope > div.entry a.bylink', ':scope > div.entry a.comments', 'a[slot="full-post-link"]', 'a.title'],
      permalinkAttr: 'permalink',
      exclude: [],
      nested: 'inner',
    },
    {
      id: 'hackernews',
      hosts: ['news.ycombinator.com'],
      signature: 'tr.athing.comtr',
      posts: ['tr.athing.comtr'],
      text: [':scope div.comment'],
      author: 'a.hnuser',
      permalink: 'span.age a',
      exclude: ['.reply'],
      nested: 'inner',
    },
    {
      id: 'disqus',
      hosts: ['disqus.com'],
      signature: 'li.post div.post-message',
      posts: ['li.post'],
      text: [':scope > div div.post-message'],
      author: 'span.author a, .post-byline .author',
      permalink: 'a.time-ago',
      exclude: ['ul.children'],
      nested: 'inner',
    },
  ];

  // Everywhere (DESIGN.md): every <article> and role="article" element is a post.
  ng.universalPosts = 'article, [role="article"]';

  // Generic adapter: blocks of visible text of meaningful length on pages no platform matched.
  ng.generic = {
    id: 'web',
    minChars: 60,
    maxChars: 20000,
    blockTags: ['P', 'DIV', 'LI', 'TD', 'DD', 'BLOCKQUOTE', 'PRE', 'SECTION', 'ARTICLE'],
    // Page chrome and interactive regions never hold a post.
    skip: 'nav, header, footer, aside, button, select, textarea, label, script, style, noscript, template, svg, code, [role="navigation"], [role="banner"], [role="contentinfo"], [role="menu"], [role="menubar"], [role="toolbar"], [role="dialog"], [role="search"], [aria-hidden="true"], [contenteditable=""], [contenteditable="true"]',
    // Containers that repeat under one parent (feed items, comments) group their paragraphs.
    maxClimb: 4,
  };

  // Never part of a post's text, on any site.
  ng.neverText = 'script, style, noscript, template, svg, nigehban-badge, button, [aria-hidden="true"]';
})(globalThis.nigehban);
