// Unit tests of the extension's pure parts, in Node without a browser: text tidying, hashing,
// the listing decision (sensitivity, extra terms), settings parsing, and the adapter data.
// The content scripts are classic scripts; they are evaluated here as the browser would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { REPO } from './lib/feeds.mjs';
import { parseSites, parseTerms, hostOf } from '../../extension/ui/settings.js';

function loadContent(files) {
  const ctx = vm.createContext({});
  for (const f of files) vm.runInContext(readFileSync(path.join(REPO, 'extension/content', f), 'utf8'), ctx, { filename: f });
  return ctx.nigehban;
}

const ng = loadContent(['namespace.js', 'selectors.js', 'text.js']);

test('tidy collapses spaces, keeps line breaks, trims', () => {
  assert.equal(ng.tidy('  a \t b\u00a0 c \n\n  d  '), 'a b c\nd');
});

test('tidy cuts long text without splitting a surrogate pair', () => {
  const long = 'x'.repeat(ng.MAX_TEXT - 1) + '😀' + 'y'.repeat(10);
  const cut = ng.tidy(long);
  assert.ok(cut.length <= ng.MAX_TEXT);
  assert.ok(!/[\ud800-\udbff]$/.test(cut), 'no lone high surrogate at the end');
});

test('hash changes with the text and is stable for the same text', () => {
  assert.equal(ng.hash('CDR Rs 2000'), ng.hash('CDR Rs 2000'));
  assert.notEqual(ng.hash('CDR Rs 2000'), ng.hash('CDR Rs 2001'));
  assert.notEqual(ng.hash(''), ng.hash(' '));
});

const medium = { flagged: true, level: 'medium', reasons: ['offers call records'] };
const low = { flagged: false, level: 'low', reasons: [] };
const none = { flagged: false, level: 'none', reasons: [] };

test('decide: "engine" sensitivity follows the engine\'s flag', () => {
  assert.equal(ng.decide(medium, 't', { sensitivity: 'engine' }).listing, true);
  assert.equal(ng.decide(low, 't', { sensitivity: 'engine' }).listing, false);
});

test('decide: a level sensitivity counts that level and above', () => {
  assert.equal(ng.decide(low, 't', { sensitivity: 'low' }).listing, true);
  assert.equal(ng.decide(medium, 't', { sensitivity: 'high' }).listing, false);
  assert.equal(ng.decide(none, 't', { sensitivity: 'low' }).listing, false);
});

test('decide: an extra term flags a post, folded for case and styled letters, and is named', () => {
  const d = ng.decide(none, 'Contact for 𝗩𝗘𝗥𝗜𝗦𝗬𝗦 today', { sensitivity: 'engine', extraTerms: ['verisys'] });
  assert.equal(d.listing, true);
  assert.equal(d.level, 'low');
  assert.deepEqual([...d.terms], ['verisys']); // copied: the vm context has its own Array
  assert.equal(ng.decide(none, 'nothing here', { extraTerms: ['verisys', '  '] }).listing, false);
});

test('decide tolerates a missing or malformed verdict', () => {
  assert.equal(ng.decide(undefined, '', {}).listing, false);
  assert.equal(ng.decide({ level: 'bogus', reasons: 'x' }, '', {}).level, 'none');
});

test('settings: sites are host names, deduplicated; terms are trimmed lines', () => {
  assert.deepEqual(parseSites('https://www.Facebook.com/groups/x\nfacebook.com, t.me\n\nwww.facebook.com'), ['www.facebook.com', 'facebook.com', 't.me']);
  assert.deepEqual(parseTerms(' verisys \n\nverisys\nکال ریکارڈ'), ['verisys', 'کال ریکارڈ']);
  assert.equal(hostOf('chrome://extensions'), '');
  assert.equal(hostOf('not a url'), '');
});

test('adapter data: every platform has an id, hosts, posts and text selectors, and a known nesting rule', () => {
  const ids = new Set();
  for (const p of ng.platforms) {
    assert.ok(p.id && !ids.has(p.id), `unique id ${p.id}`);
    ids.add(p.id);
    assert.ok(Array.isArray(p.hosts) && p.hosts.length, `${p.id}: hosts`);
    assert.ok(Array.isArray(p.posts) && p.posts.length, `${p.id}: posts`);
    assert.ok(Array.isArray(p.text) && p.text.length, `${p.id}: text`);
    assert.ok(['inner', 'outer'].includes(p.nested), `${p.id}: nested`);
    assert.ok([undefined, 'all', 'first', 'firstGroup'].includes(p.textMode), `${p.id}: textMode`);
  }
  for (const want of ['facebook', 'instagram', 'x', 'tiktok', 'youtube', 'telegram', 'whatsapp']) assert.ok(ids.has(want), `adapter for ${want}`);
});

test('settings lists stay under the 8 KB chrome.storage.sync item limit', () => {
  const many = Array.from({ length: 2000 }, (_, i) => `term number ${i} with some words`).join('\n');
  const terms = parseTerms(many);
  assert.ok(terms.length > 10 && terms.length < 2000);
  assert.ok(new TextEncoder().encode(JSON.stringify(terms)).length <= 8192);
});
