// Generates the page-cost feed, www/feeds/bench/: 1,000 fake social posts (mostly everyday
// chatter, some hard negatives, about one in ten a listing), written from templates here with a
// fixed seed, so the feed is the same on every machine and holds no corpus text.
// The page shows the first posts at load and appends the rest as the reader scrolls (as real
// feeds do), so the extension's MutationObserver and IntersectionObserver paths both run.
// `node bench/make-feed.mjs` rewrites www/feeds/bench/{index.html,posts.json}.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib/node-env.mjs';

export const POSTS = 1000;
export const FIRST_PAGE = 50;

// mulberry32: a tiny seeded PRNG, so the feed never changes between runs
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHATTER = [
  'Aaj Lahore mein mausam bohat acha hai, chai aur pakoray ka plan ban gaya.',
  'What a finish in the last over! Pakistan needed 12 off 6 and Naseem did it again.',
  'Anyone know a good tailor in Saddar who can finish a sherwani before the wedding?',
  'کل شام بارش کے بعد مال روڈ پر بہت رش تھا، گھر پہنچنے میں دو گھنٹے لگ گئے۔',
  'Biryani recipe from my nani: soak the rice for exactly 30 minutes, trust me.',
  'Load shedding schedule for our area changed again, 4 hours today. Phone charged rakhna.',
  'Our school reunion is on Saturday at 7 pm, please confirm in the comments.',
  'یونیورسٹی کے داخلوں کی آخری تاریخ پندرہ دسمبر ہے، فارم جلدی جمع کروائیں۔',
  'Selling my old study table, good condition, pickup from Gulberg only. DM for photos.',
  'Motorway pe fog bohat hai, slow chalayein aur fog lights on rakhein.',
  'Finally finished reading Udaas Naslain. Some chapters hit very close to home.',
  'Can someone recommend a reliable AC technician in DHA Karachi? Mine is leaking water.',
  'Happy birthday to my little brother! Twenty already, time flies.',
  'Eid ki shopping ke liye Liberty market jana hai, kaun kaun saath chalega?',
  'New cafe opened near Jinnah Super, their karak chai is worth the queue.',
  'بچوں کی سکول وین کے لیے قابل اعتماد ڈرائیور چاہیے، جی ٹین سیکٹر۔',
];

const HARD_NEGATIVE = [
  'NEWS: FIA arrests gang selling call records (CDR) and live location for Rs 2,000 to Rs 5,000; officials urge citizens to report such ads.',
  'Awareness: never share your CNIC copy or SIM details with strangers. Scammers sell family tree and travel history data; report them to PTA.',
  'Samsung A55 PTA approved, IMEI matched, box pack, Rs 145,000. Exchange possible. Call 0300-0000123.',
  'Golden number for sale 0333-0000777, easy to remember, Rs 25,000 final.',
  'Job opening: receptionist required in Rawalpindi. Send CV with CNIC copy and two photos.',
  'Lost CNIC near Anarkali, number 35202-0000000-1. If found please call 0321-0000456.',
  'Check how many SIMs are registered on your CNIC: SMS your CNIC number to 668 (official PTA service).',
  'میری سم کسی اور کے نام پر نکلی، کسی کو پتا ہے شکایت کہاں درج کروں؟',
];

const DATA = [
  'CDR 3 months', 'call record with location', 'SIM owner details', 'live location',
  'family tree (FRC)', 'travel history', 'IMEI tracking', 'vehicle excise record',
  'bank statement', 'colour CNIC copy', 'NADRA verisys record', 'full database 5 lakh records',
  'number ki complete detail', 'کال ریکارڈ', 'سم مالک کی تفصیل', 'فیملی ٹری',
];
const PRICE = ['Rs 500', 'Rs.2000/-', 'Rs 3,500', 'PKR 5000', '25k', '۲۰۰۰ روپے', 'Rs 1500 only'];
const CONTACT = [
  'WhatsApp 0300-0000111', 'inbox karein', 't.me/data_hub_pk', 'JazzCash only', 'Easypaisa advance',
  'DM for rates', 'واٹس ایپ 0345-0000222', 'contact 0312-0000333',
];
const LISTING = [
  (d, p, c) => `${d} available ${p}, 100% genuine, same day delivery. ${c}`,
  (d, p, c) => `Kisi ka bhi ${d} chahiye? Sirf ${p} mein. ${c}`,
  (d, p, c) => `✅ ${d} ✅ ${p} ✅ ${c} ✅ all networks Jazz Zong Telenor Ufone`,
  (d, p, c) => `${d} ${p} — فوری سروس، ${c}`,
  (d, p, c) => `Services: ${d}, ${DATA[(d.length * 7) % DATA.length]}. Rates: ${p}. ${c}. Trusted, no fake.`,
];

const NAMES = ['Ayesha K', 'Bilal Ahmed', 'Sana', 'Usman R', 'Hina Malik', 'Faraz', 'Mehwish', 'Kamran A', 'Zainab', 'Ali Raza'];

const pick = (r, list) => list[Math.floor(r() * list.length)];

/** The feed's posts: {id, author, text, kind}. */
export function feedPosts(count = POSTS, seed = 20261123) {
  const r = rng(seed);
  const posts = [];
  for (let i = 0; i < count; i++) {
    const roll = r();
    let text;
    let kind;
    if (roll < 0.1) {
      kind = 'listing';
      text = pick(r, LISTING)(pick(r, DATA), pick(r, PRICE), pick(r, CONTACT));
    } else if (roll < 0.2) {
      kind = 'negative';
      text = pick(r, HARD_NEGATIVE);
    } else {
      kind = 'chatter';
      // one to four sentences; about one post in twenty is a long one
      const n = r() < 0.05 ? 12 + Math.floor(r() * 12) : 1 + Math.floor(r() * 4);
      text = Array.from({ length: n }, () => pick(r, CHATTER)).join(' ');
    }
    posts.push({ id: `p${i + 1}`, author: pick(r, NAMES), text, kind });
  }
  return posts;
}

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

export function articleHtml(p) {
  return `<article class="post" data-id="${p.id}"><header><a class="author" href="#${p.id}">${escapeHtml(p.author)}</a></header>` +
    `<p class="text" dir="auto">${escapeHtml(p.text)}</p><footer><a class="permalink" href="#${p.id}">link</a></footer></article>`;
}

function pageHtml(posts) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Bench feed: ${posts.length} posts</title>
  <link rel="stylesheet" href="feed.css">
  <script src="feed.js" defer></script>
</head>
<body>
  <!-- Generated by bench/make-feed.mjs: the first ${FIRST_PAGE} posts; feed.js appends the rest from posts.json on scroll. -->
  <main id="feed" data-total="${posts.length}">
${posts.slice(0, FIRST_PAGE).map(articleHtml).join('\n')}
  </main>
  <div id="more" aria-hidden="true"></div>
</body>
</html>
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = path.join(ROOT, 'www/feeds/bench');
  mkdirSync(dir, { recursive: true });
  const posts = feedPosts();
  writeFileSync(path.join(dir, 'index.html'), pageHtml(posts));
  writeFileSync(path.join(dir, 'posts.json'), JSON.stringify(posts.map(({ id, author, text }) => ({ id, author, text }))));
  const kinds = posts.reduce((m, p) => ((m[p.kind] = (m[p.kind] || 0) + 1), m), {});
  console.log(`wrote ${posts.length} posts to ${dir}:`, kinds);
}
