// Observers and batching. The MutationObserver and IntersectionObserver callbacks only queue;
// the work (finding posts, reading text, hashing) runs later in small slices per idle callback
// (or animation frame), so a busy page never stalls on us.
(function (ng) {
  'use strict';

  // "Near the viewport": about a screen ahead, so that a post is read and scanned before the
  // user sees it even while batches wait out MESSAGE_GAP_MS below.
  const NEAR_VIEWPORT = '1000px 0px';
  const SLICE_MS = 8; // our own work per slice stays well under a frame
  const MAX_BATCH = 150; // posts per scan message (the background takes up to 200)
  // Each message costs the page a fixed ~0.3-1 ms in the browser's messaging layer, whatever
  // its size (more on a busy machine: the send wakes the browser's threads): while the user
  // scrolls, posts coming near are gathered and sent at most this often (the first batch after
  // a quiet spell goes at once). 1 s instead of 0.5 s: half the messages on a fast scroll
  // (bench/page-cost.mjs: 24 -> 13), and the margin above keeps the wait out of sight.
  const MESSAGE_GAP_MS = 1000;
  // The gap's timer may fire a little before the clock (performance.now() is coarse) says the
  // gap is over: that close counts as over, or the timer would be set again and again.
  const GAP_SLACK_MS = 4;
  const BADGE = 'nigehban-badge'; // our own element's local name

  // Setting up an idle callback or a timer costs a content script about 40 µs in Chromium, a
  // background-priority task about 5 µs; both wait for the page's own work. The work runs in
  // such a task where the browser has them (its slices then keep to SLICE_MS by the clock).
  const postTask = typeof scheduler === 'object' && scheduler && typeof scheduler.postTask === 'function' ? scheduler.postTask.bind(scheduler) : null;
  const later = (fn) =>
    postTask
      ? postTask(() => fn(null), { priority: 'background' })
      : typeof requestIdleCallback === 'function'
        ? requestIdleCallback(fn, { timeout: 250 })
        : requestAnimationFrame(() => fn({ timeRemaining: () => SLICE_MS }));

  ng.later = later; // main.js marks a large scan answer in slices too

  ng.Watcher = class Watcher {
    /**
     * @param {ng.Adapters} adapters
     * @param {(posts: Element[]) => void} onVisible called with posts whose text should be read
     *        and scanned (new, or changed since their last scan)
     */
    constructor(adapters, onVisible) {
      this.adapters = adapters;
      this.onVisible = onVisible;
      this.addedRoots = new Set(); // subtrees to look for new posts in
      this.changed = new Set(); // tracked posts whose text may have changed
      this.visible = new Set(); // tracked posts now near the viewport, to be read
      this.tracked = new Set();
      this.removals = 0; // nodes the page removed (or moved) so far: posts may have changed order
      this.scheduled = false;
      this.running = false;
      this.lastSend = -Infinity; // when the last batch went to the scanner
      this.gapTimer = 0;
      this.io = new IntersectionObserver((entries) => this.onIntersect(entries), { rootMargin: NEAR_VIEWPORT });
      this.mo = new MutationObserver((records) => this.onMutations(records));
    }

    start() {
      if (this.running) return;
      this.running = true;
      this.addedRoots.add(document);
      this.mo.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
      this.schedule();
    }

    stop() {
      this.running = false;
      clearTimeout(this.gapTimer);
      this.gapTimer = 0;
      this.mo.disconnect();
      this.io.disconnect();
      for (const el of this.tracked) {
        el.__nigehbanTracked = false;
        el.__nigehbanWatched = false;
      }
      this.tracked.clear();
      this.addedRoots.clear();
      this.changed.clear();
      this.visible.clear();
    }

    // --- observer callbacks: queue only ---------------------------------------------------

    onMutations(records) {
      let queued = false;
      for (const r of records) {
        if (r.type === 'characterData') {
          this.changed.add(r.target);
          queued = true;
          continue;
        }
        let ours = true;
        const added = r.addedNodes;
        for (let i = 0, len = added.length; i < len; i++) {
          const n = added[i];
          const element = n.nodeType === 1;
          if (element && n.localName === BADGE) continue;
          ours = false;
          if (element) this.addedRoots.add(n);
        }
        const removed = r.removedNodes;
        for (let i = 0, len = removed.length; i < len; i++) {
          const n = removed[i];
          if (n.nodeType === 1 && n.localName === BADGE) continue;
          ours = false;
          this.sawRemovals = true;
          this.removals++;
        }
        if (!ours) {
          this.changed.add(r.target);
          queued = true;
        }
      }
      // Our own badges coming and going leave nothing to do.
      if (queued) this.schedule();
    }

    /**
     * Takes the observer's queued records now: after our own badges went in, so that its
     * callback (a call into this world, ~0.1 ms) is not made only to find nothing to do. Records
     * of the page's queued with them are handled as the callback would have.
     */
    takeRecords() {
      if (!this.running) return;
      const records = this.mo.takeRecords();
      if (records.length) this.onMutations(records);
    }

    onIntersect(entries) {
      let near = false;
      for (const e of entries) {
        const post = e.target;
        if (!post.__nigehbanWatched || !e.isIntersecting) continue; // an entry queued before it was read, or far
        // Near: it goes with the next batch. Watching it longer would only report it leaving
        // (and the browser computes every watched post's intersection each frame); a change
        // to its text watches it again.
        this.unwatch(post);
        this.visible.add(post);
        near = true;
      }
      if (near) this.schedule();
    }

    // --- deferred work ------------------------------------------------------------------------

    schedule() {
      if (this.scheduled || !this.running) return;
      // Waiting out the gap between scan messages with only posts in view to send: the gap's
      // timer schedules the work; an idle callback per scroll step would only find it early.
      if (this.gapTimer && !this.addedRoots.size && !this.changed.size) return;
      this.scheduled = true;
      later((deadline) => {
        this.scheduled = false;
        this.run(deadline);
      });
    }

    run(deadline) {
      try {
        this.work(deadline);
      } catch (err) {
        console.warn('Nigehban: skipped a batch:', err);
      }
    }

    work(deadline) {
      if (!this.running) return;
      const t0 = performance.now();
      const budget = () => performance.now() - t0 < SLICE_MS || (deadline && deadline.didTimeout === false && deadline.timeRemaining() > 2);
      // 1. New subtrees: find posts and start watching them.
      if (this.addedRoots.size) {
        if (this.adapters.detect(this.addedRoots)) this.addedRoots = new Set([document]);
        for (const root of Array.from(this.addedRoots)) {
          this.addedRoots.delete(root);
          if (root !== document && !root.isConnected) continue;
          const known = root.__nigehbanTracked;
          for (const post of this.adapters.findPosts(root)) this.track(post);
          // Text added inside a tracked post changes that post. A post that arrived whole is
          // watched from now on: its first intersection reads it (a feed's appended posts).
          if (root !== document && (known || !root.__nigehbanTracked)) this.changed.add(root);
          if (!budget()) break;
        }
      }
      // 2. Changed nodes: their post is read again if it is near the viewport.
      if (this.changed.size) {
        for (const node of this.changed) {
          const post = node.isConnected ? this.adapters.closestPost(node) : null;
          if (!post) continue;
          // Read (or queued) already: watched again, its first entry says if it is near. A post
          // still watched is read when it comes near.
          if (!post.__nigehbanWatched) this.watch(post);
        }
        this.changed.clear();
      }
      // 3. Posts near the viewport: hand a batch to the scanner (a full one, or after the gap).
      let waiting = false;
      const wait = this.lastSend + MESSAGE_GAP_MS - performance.now();
      if (this.visible.size && this.visible.size < MAX_BATCH && wait > GAP_SLACK_MS) {
        waiting = true;
        if (!this.gapTimer) {
          this.gapTimer = setTimeout(() => {
            this.gapTimer = 0;
            // The timer's task does the work itself (no second task to wait for), unless
            // work is queued already: that sends the batch.
            if (!this.scheduled && this.running) this.run(null);
          }, wait);
        }
      } else if (this.visible.size) {
        this.lastSend = performance.now();
        const batch = [];
        for (const post of this.visible) {
          this.visible.delete(post);
          if (!post.isConnected || !post.__nigehbanTracked) continue;
          batch.push(post);
          // Read now: stop watching it come and go (the browser computes each watched post's
          // intersection every frame). A change to its text watches it again.
          this.unwatch(post);
          if (batch.length >= MAX_BATCH) break;
        }
        if (batch.length) this.onVisible(batch);
      }
      // Virtualised feeds drop rows as they scroll: forget them, at most every few seconds.
      if (this.sawRemovals && performance.now() - (this.lastPrune || 0) > 3000) {
        this.sawRemovals = false;
        this.lastPrune = performance.now();
        this.prune();
      }
      if (this.addedRoots.size || (this.visible.size && !waiting)) this.schedule();
    }

    track(post) {
      if (post.__nigehbanTracked) return;
      post.__nigehbanTracked = true;
      this.tracked.add(post);
      this.watch(post);
    }

    watch(post) {
      if (post.__nigehbanWatched) return;
      post.__nigehbanWatched = true;
      this.io.observe(post);
    }

    unwatch(post) {
      if (!post.__nigehbanWatched) return;
      post.__nigehbanWatched = false;
      this.io.unobserve(post);
    }

    /** Read these posts again when they are near the viewport (a failed scan being retried). */
    requeue(posts) {
      for (const p of posts) if (p.isConnected && p.__nigehbanTracked) this.watch(p);
      this.schedule();
    }

    /** Forget posts that left the page (virtualised lists recycle rows). */
    prune() {
      for (const el of this.tracked) {
        if (!el.isConnected) {
          this.tracked.delete(el);
          this.unwatch(el);
          el.__nigehbanTracked = false;
        }
      }
    }
  };
})(globalThis.nigehban);
