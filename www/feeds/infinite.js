// Infinite scroll imitation: more posts are appended when the end of the feed comes into view,
// one post arrives "live" at the top, and one post is edited after it was shown.
// Posts after the long spacer are never scrolled into view by the tests.
(function () {
  'use strict';
  const MORE = [
    [
      "Khalid",
      "🔰 Premium Services 🔰\n• CDR (3 months) — 5500\n• Live location — 1500\n• Travel history — 9000\nتمام ریٹ فکس ہیں، پہلے پیمنٹ پھر کام۔ WhatsApp 0302-0000147",
      "listing"
    ],
    [
      "Irfan",
      "Wanted: receptionist for a clinic in Lahore. Salary Rs 35,000. Bring your CNIC copy, two photos and CV. Walk-in interview Monday 10am.",
      "clear"
    ],
    [
      "Nadia",
      "🤖 PakData Bot\n/sim 03XXXXXXXXX → owner name + CNIC (Rs 300)\n/cdr → call records 1 month (Rs 2500)\n/loc → live location (Rs 1500)\nTop up via JazzCash, results in 60 seconds.",
      "listing"
    ],
    [
      "Omar",
      "Bijli ka bill 18,000 aya hai is mahine 😭 ek AC bhi nahi chalaya. Sab apne bill is group mein share karo.",
      "clear"
    ],
    [
      "Raheel",
      "Bank account holder details from IBAN or account number, with CNIC and mobile number. Any bank. Rs 3,500 per account. Statements also available. Inbox for orders.",
      "listing"
    ],
    [
      "Fatima",
      "Police arrest gang selling citizens' call records and SIM data. According to the FIA, the suspects charged Rs 2,000 for a CDR and Rs 500 for the live location of any number. Investigation continues.",
      "clear"
    ],
    [
      "Usman",
      "Fresh database 2026 ⚡ 5 lakh Jazz + Zong subscribers with name, CNIC and address, Excel file. Rs 15,000 only. Telegram @pkdata_store_0000",
      "listing"
    ],
    [
      "Hina",
      "Golden number for sale: 0300-0000786, Jazz, new SIM issued on your own CNIC at the franchise. Price Rs 25,000 final.",
      "clear"
    ],
    [
      "Kamran",
      "Family tree (FRC) of any CNIC Rs 2,000, travel history Rs 5,000, vehicle registration owner record Rs 1,000. 100% genuine NADRA data. DM for rates, payment first.",
      "listing"
    ],
    [
      "Ayesha",
      "Check how many SIMs are registered on your CNIC: send your CNIC number to 668 (free). For the IMEI status of a phone, use PTA DIRBS: send the IMEI to 8484.",
      "clear"
    ],
    [
      "Zubair",
      "تمام نیٹ ورکس کی سم کی مکمل تفصیل دستیاب ہے۔ سم مالک کا نام اور شناختی کارڈ نمبر: 400 روپے۔ کال ریکارڈ تین ماہ: 3000 روپے۔ لائیو لوکیشن: 1500 روپے۔ رابطہ واٹس ایپ 0333-0000789",
      "listing"
    ],
    [
      "Mehwish",
      "Mera CNIC gum ho gaya hai, Saddar bazaar ke qareeb. Naam Ahmed Raza. Jis ko mile please 0321-0000555 par rabta karein. Shukriya.",
      "clear"
    ]
  ];
  const PAGE = 4;
  let next = 0;

  function article(author, text, expect, id) {
    const a = document.createElement('article');
    a.className = 'feed-post';
    a.id = id;
    a.dataset.expect = expect;
    const h = document.createElement('h3');
    h.textContent = author;
    const p = document.createElement('p');
    p.textContent = text; // page text as text, never as HTML
    a.append(h, p);
    return a;
  }

  const feed = document.getElementById('feed');
  const sentinel = document.getElementById('sentinel');

  function loadMore() {
    if (next >= MORE.length) {
      sentinel.textContent = 'You are all caught up.';
      return;
    }
    for (const [author, text, expect] of MORE.slice(next, next + PAGE)) {
      feed.append(article(author, text, expect, 'more-' + next++));
    }
    document.body.dataset.loaded = String(next);
  }

  new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) loadMore();
  }).observe(sentinel);

  setTimeout(() => {
    feed.prepend(article('Live update', "Kisi bhi number ki complete detail chahiye? SIM owner ka naam, CNIC aur address sirf 400 rupay mein. Call history 1 mahina 2500. Inbox karein ya WhatsApp 0312-0000456, JazzCash only.", 'listing', 'live-1'));
  }, 300);

  setTimeout(() => {
    const edited = document.getElementById('edit-me');
    edited.querySelector('p').textContent = "IMEI tracking service: phone lost? Send the IMEI, get the current location of whoever is using it within 24 hours. Rs 25,000. WhatsApp 0301-0000321";
    edited.dataset.expect = 'listing';
    document.body.dataset.edited = 'yes';
  }, 900);
})();
