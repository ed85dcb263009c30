// Edge cases built by script (a 1 MB post would bloat the repository): huge, odd Unicode,
// deeply nested and fragmented posts. The extension must mark them without breaking the page.
(function () {
  'use strict';
  const listing = "SIM owner details available for all networks 🔥 Name + CNIC + address: Rs 500. CDR 3 months: Rs 3,000. Live location: Rs 1,500. Payment JazzCash/Easypaisa in advance. WhatsApp 0300-0000123";
  const filler = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. ';
  let huge = listing + '\n';
  while (huge.length < 1024 * 1024) huge += filler;
  document.getElementById('huge-text').textContent = huge;

  // Odd Unicode: combining marks, bidi overrides, zero-width characters, a lone surrogate,
  // emoji sequences, mathematical bold, NUL and other controls, a BOM, astral-plane letters.
  const odd = [
    'Z\u0351\u0362\u036Ba\u0364\u0358l\u0350g\u0307o\u0312',
    '\u202Eevil reversed\u202C \u2066isolate\u2069',
    'zero\u200Bwidth\u200Cjoin\u200Dhere\uFEFF',
    'lone \uD800 surrogate \uDC00 pair',
    '👨‍👩‍👧‍👦 🏳️‍🌈 🇵🇰',
    '𝗦𝗜𝗠 𝗼𝘄𝗻𝗲𝗿 𝗱𝗲𝘁𝗮𝗶𝗹𝘀',
    'nul\u0000bell\u0007esc\u001B',
    '𐌀𐌁𐌂 𝔘𝔯𝔡𝔲',
  ].join('\n');
  document.getElementById('odd-text').textContent = odd;

  let node = document.getElementById('deep-root');
  for (let i = 0; i < 200; i++) {
    const d = document.createElement(i % 2 ? 'span' : 'div');
    node.append(d);
    node = d;
  }
  node.textContent = 'Deep inside: ' + listing;

  const many = document.getElementById('many-root');
  for (let i = 0; i < 5000; i++) many.append(document.createTextNode(i % 50 ? 'x' : ' word '));

  document.getElementById('ready-flag').textContent = 'ready';
  document.body.dataset.ready = 'yes';
})();
