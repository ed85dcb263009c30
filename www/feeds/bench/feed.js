// Infinite scroll for the bench feed: when the end of the feed comes near the viewport, append
// the next page of posts from posts.json (built with DOM calls: post text is never HTML).
(function () {
  'use strict';
  const PAGE = 50;
  const feed = document.getElementById('feed');
  const more = document.getElementById('more');
  let posts = null;
  let shown = feed.querySelectorAll('article').length;

  function article(p) {
    const el = document.createElement('article');
    el.className = 'post';
    el.dataset.id = p.id;
    const header = document.createElement('header');
    const author = document.createElement('a');
    author.className = 'author';
    author.href = '#' + p.id;
    author.textContent = p.author;
    header.append(author);
    const text = document.createElement('p');
    text.className = 'text';
    text.dir = 'auto';
    text.textContent = p.text;
    const footer = document.createElement('footer');
    const link = document.createElement('a');
    link.className = 'permalink';
    link.href = '#' + p.id;
    link.textContent = 'link';
    footer.append(link);
    el.append(header, text, footer);
    return el;
  }

  async function appendPage() {
    if (!posts) posts = await fetch('posts.json').then((r) => r.json());
    const next = posts.slice(shown, shown + PAGE);
    const frag = document.createDocumentFragment();
    for (const p of next) frag.append(article(p));
    feed.append(frag);
    shown += next.length;
    if (shown >= posts.length) {
      observer.disconnect();
      document.body.dataset.feedComplete = 'true';
    }
  }

  const observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) appendPage();
  }, { rootMargin: '800px 0px' });
  observer.observe(more);
})();
