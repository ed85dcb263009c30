//! The engine on text written for these tests (not from the corpus): new wordings, new
//! evasions and new hard negatives, plus inputs that must never panic or take long.

use std::time::{Duration, Instant};

use nigehban::{Category, Level, Scanner};

fn scanner() -> Scanner {
    Scanner::new().expect("built-in rules load")
}

fn cats(ids: &[&str]) -> Vec<Category> {
    let mut v: Vec<Category> = ids.iter().map(|i| Category::from_id(i).unwrap()).collect();
    v.sort();
    v
}

/// Listings in wordings and evasions the corpus does not have, with the categories offered.
const LISTINGS: &[(&str, &[&str])] = &[
    // The lead's held-out batch, written before any rule was changed for it (recall 12/14).
    ("Get anyone's SIM registration info in 10 mins. Name + CNIC + address. 300 only. Msg on WA 0312-0000456", &["sim_owner"]),
    ("kisi bhi number ki location chahiye to rabta karein, sirf 700 rupay, easypaisa advance", &["location"]),
    ("Call logs + SMS logs of any Jazz/Zong number, last 6 months. DM for rates.", &["cdr"]),
    ("Selling 2024 telecom leak, 40 lakh subscribers with CNIC and address, excel file, price 15k", &["database"]),
    ("کسی بھی گاڑی کے نمبر سے مالک کا نام اور پتہ معلوم کریں، فیس 1000 روپے، واٹس ایپ کریں", &["vehicle"]),
    ("shanakhti card ki rangeen copy ghar bethay mangwayen, 2000 mein, inbox", &["cnic"]),
    ("Track lost or any phone by IMEI, real time tracking, Rs 20000, 100% result", &["imei", "location"]),
    ("Passport entry exit record nikalwayen kisi ka bhi, travel details complete, charges 6000", &["travel"]),
    ("b@nk acc0unt holder details from IBAN, balance check also avail. t.me/datahub_pk", &["bank"]),
    ("F.a.m.i.l.y t.r.e.e of any person, all members with CNIC #, 3500 per search", &["family"]),
    ("Bhai kisi ki bhi call detail nikal deta hun 3 mahine ki, 2500 jazzcash kar do", &["cdr"]),
    ("Ｓｉｍ ｏｗｎｅｒ ｄｅｔａｉｌｓ available 24/7, rs 400, whatsapp +92 300 0000111", &["sim_owner"]),
    ("موبائل نمبر کی لائیو لوکیشن صرف ۵۰۰ روپے میں، ابھی رابطہ کریں", &["location"]),
    ("NADRA verisys of any CNIC with photo, father name, address. Rs.800/- per record", &["cnic"]),
    ("Kisi bhi Jazz ya Telenor number ka pichle 2 mahine ka call data chahiye? 4500 mein mil jayega, advance Easypaisa.", &["cdr"]),
    ("Want to know where your husband is right now? Send his number, we share his live location within the hour. Rs 2,500 only.", &["location"]),
    ("Number kis ke naam pe hai? Sirf 250 rupay bhejo, naam aur address bata dunga. DM", &["sim_owner"]),
    ("ف ی م ل ی ٹ ر ی حاصل کریں صرف ۶۰۰۰ روپے میں، تصویروں کے ساتھ۔ ٹیلیگرام پر رابطہ کریں", &["family"]),
    ("CNIC ki rangeen copy (front/back) kisi ki bhi — bas ID number bhejo. 1200 per copy, JazzCash pe payment.", &["cnic"]),
    ("Need someone's immigration record? Entries and exits from all airports, 2015 to date. 8500 PKR, 12 hours delivery. Telegram @fly_rec0rds", &["travel"]),
    ("Any car number plate → owner name, CNIC, address from excise. Rs 800. WhatsApp 0301 2345678", &["vehicle"]),
    ("Kisi bhi shakhs ke bank account ki 1 saal ki statement, balance ke sath. Meezan, HBL, UBL sab. Rate 9k.", &["bank"]),
    ("Selling 2023 Ufone subscriber data, 3.5 million rows (name, CNIC, address). CSV. 200 USDT. DM for sample.", &["database"]),
    ("Chori wala phone? IMEI number bhejo, hum batayenge phone ab kahan hai — exact location. Fees 15000.", &["imei", "location"]),
    ("𝗖𝗗𝗥 3 𝗺𝗮𝗵𝗶𝗻𝗲 5𝗸 | 𝗟𝗶𝘃𝗲 𝗹𝗼𝗰𝗮𝘁𝗶𝗼𝗻 1.5𝗸 | 𝗦𝗶𝗺 𝗼𝘄𝗻𝗲𝗿 400 — all networks, inbox.", &["cdr", "location", "sim_owner"]),
    ("c.a.l.l h.i.s.t.o.r.y of any number, 1 month 2500. msg me", &["cdr"]),
    ("ѕім оwnеr dеtаіlѕ аvаіlаblе 300 оnlу. whatsapp", &["sim_owner"]),
    ("loc4tion + c4ll h1story dono ka package 6k. jaldi dm karo", &["location", "cdr"]),
    ("سم کس کے نام پر ہے معلوم کریں، صرف 300 روپے۔ نمبر واٹس ایپ کریں 0312-3456789", &["sim_owner"]),
    ("کسی بھی نمبر کا کال ریکارڈ دو ہزار روپے میں، ایڈوانس جاز کیش", &["cdr"]),
    ("NADRA family tree + CNIC colour copy of anyone 👨‍👩‍👧. Combo 7000. Inbox for details.", &["family", "cnic"]),
    ("All SIMs registered on anyone's CNIC — list with networks — Rs 600 per CNIC. Fast.", &["sim_owner"]),
    ("Bike ya gari ka registration number do, malik ka naam aur pata lo. 500 rupay.", &["vehicle"]),
    ("I.M.E.I track service 🔍 lost or someone else's phone, 20k, results 2 days, DM @imeipro", &["imei"]),
    ("Har network ki sim ka data nikalwayein, bas number send karo. Charges 350.", &["sim_owner"]),
    ("Jazz/Zong/Ufone — owner detail + call list 3 months. Price on inbox. Trusted since 2019.", &["cdr", "sim_owner"]),
    ("📍 Trace any mobile number to its current area. Fast, secret, 100% result. Fee 2000/-", &["location"]),
    ("Nadra se kisi ka bhi pura record: CNIC copy, walid ka naam, family members. 3000 rupees. Telegram par rabta", &["cnic", "family"]),
    ("Account holder name + balance check of any IBAN. Rs 1500 per account. Easypaisa advance.", &["bank"]),
    ("پاسپورٹ نمبر دیں اور اس شخص کی مکمل ٹریول ہسٹری حاصل کریں۔ فیس ۷۰۰۰ روپے", &["travel"]),
    ("Karachi ke 10 lakh mobile users ki list (naam, number, CNIC) bikau hai. Poori list 30 hazar.", &["database"]),
    ("Vehicle ka number do, owner ki poori detail lo (naam, CNIC, ghar ka pata). Excise data 100% real. 700 rupay", &["vehicle"]),
    ("SHAK hai? Us ka call record aur location dono nikalwa dete hain. Kisi ko pata nahi chalega. DM", &["cdr", "location"]),
    ("ye number kis ka hai janna hai? 200 mein naam bata deta hun, jazzcash", &["sim_owner"]),
    ("IMEI tracking available — har company ka phone. 18000 fix. Sirf serious log.", &["imei"]),
    ("F-R-C copy of any family, all members with CNIC and photos. 5000. Whatsapp only.", &["family"]),
    ("کسی کے بھی نمبر کی کالز کی تفصیل، آنے اور جانے والی، ایک ماہ کی صرف ۳۰۰۰ روپے۔ ان باکس کریں", &["cdr"]),
    ("SIM ka malik kaun hai? Pata karo sirf 300 mein. WhatsApp 0311 2233445", &["sim_owner"]),
    ("𝑳𝒊𝒗𝒆 𝑳𝒐𝒄𝒂𝒕𝒊𝒐𝒏 + 𝑺𝒊𝒎 𝑶𝒘𝒏𝒆𝒓 𝑫𝒆𝒕𝒂𝒊𝒍𝒔 available 24/7. DM for rates.", &["location", "sim_owner"]),
    ("Koi bhi number do, 15 minute mein naam, CNIC aur abhi ki location. Charges inbox mein. Jazz, Zong, Ufone, Telenor", &["sim_owner", "location"]),
    ("@Ali bhai main nikaal deta hoon, 3 mahine ki calls ki list 4500 ki. Number inbox karo", &["cdr"]),
    ("NADRA ki verisys report kisi bhi CNIC ki, tasveer ke sath. Rs 1,000. Telegram: @verisys_pk", &["cnic"]),
    ("خاندان کی مکمل تفصیل (فیملی ٹری) اور بیرون ملک سفر کا ریکارڈ دستیاب ہے۔ قیمت ان باکس میں۔", &["family", "travel"]),
    ("kisi ki bhi live lokation chahiye to msg karo, 100% sahi jagah btata hun, 1000 rupay", &["location"]),
    ("Whole Pakistan NADRA database 2022 leaked, 120 GB, full dump with photos. 1 BTC. PM.", &["database"]),
    ("𝓢𝓲𝓶 𝓸𝔀𝓷𝓮𝓻 𝓭𝓮𝓽𝓪𝓲𝓵𝓼 𝓪𝓿𝓪𝓲𝓵𝓪𝓫𝓵𝓮 ✔ 𝓭𝓶", &["sim_owner"]),
    ("Kisi ke bhi account number se account holder ka naam aur CNIC nikal ke deta hun. HBL UBL MCB sab. Fee 2000", &["bank"]),
    ("MTMIS se bhi zyada detail: gaari ka asal malik, uska CNIC, mobile number aur ghar ka pata. 1200 per gaari. DM", &["vehicle"]),
    ("ٹریکنگ سروس: نمبر کی لوکیشن، کال ریکارڈ، سم کی تفصیل — سب کچھ۔ واٹس ایپ کریں ۰۳۲۱-۱۲۳۴۵۶۷", &["cdr", "location", "sim_owner"]),
    ("ꜱɪᴍ ᴏᴡɴᴇʀ ᴅᴇᴛᴀɪʟꜱ 𝟯𝟬𝟬 ᴏɴʟʏ — ɪɴʙᴏx", &["sim_owner"]),
    ("c-a-l-l r-e-c-o-r-d 3 months 5k. DM fast", &["cdr"]),
    ("L.i.v.e L.o.c.a.t.i.o.n of any number 1500 💯", &["location"]),
    ("F@mily tr33 w1th ph0t0s 8k, p@yment @dv@nce", &["family"]),
    ("ⒸⓃⒾⒸ colour copy of anyone, 1500. inbox", &["cnic"]),
    ("آئی ایم ای آئی سے موبائل ٹریس کروائیں، فیس ۲۰ ہزار، ان باکس کریں", &["imei"]),
    ("T‌r‌a‌v‌e‌l h‌i‌s‌t‌o‌r‌y kisi ki bhi, 9000. Whatsapp only", &["travel"]),
    ("сdr + lосаtіоn раскаgе 6000 рkr, dm", &["cdr", "location"]),
    ("𝕊𝕀𝕄 𝔻𝔸𝕋𝔸 + ℂℕ𝕀ℂ ℂ𝕆ℙ𝕐 available, rate 500 & 1200", &["sim_owner", "cnic"]),
    ("گ ا ڑ ی  ک ا  ر ی ک ا ر ڈ  صرف 700 روپے میں، نمبر بھیجیں", &["vehicle"]),
    ("B-A-N-K S-T-A-T-E-M-E-N-T any account, 6 months, 8000 PKR. DM", &["bank"]),
    ("📞 ᑕᗪᖇ + ᔕIᗰ ᗪETᗩIᒪᔕ 👉 inbox", &["cdr", "sim_owner"]),
    ("/start\nWelcome to PakTrace Bot 🤖\n/owner <number> → naam + address (Rs 250)\n/nadra <cnic> → CNIC colour copy (Rs 1500)\nTop up via Easypaisa", &["sim_owner", "cnic"]),
    ("Reply to @sana_k: sis DM me, main number ki location nikal dungi, 1200 charges", &["location"]),
    ("Rate list:\n• CDR (1 month) — 3,000\n• CDR (3 months) — 6,000\n• Family tree — 5,000\nPayment first. @rates_pk", &["cdr", "family"]),
    ("kisi ka bhi number ho, owner ka naam 10 minute mein, fees sirf 300, whatsapp karo", &["sim_owner"]),
    ("Excise + NADRA: gari ka record aur malik ki CNIC colour copy dono, 2500. Inbox", &["vehicle", "cnic"]),
    ("سی این آئی سی کاپی کسی کی بھی، رنگین، صرف 1500 روپے۔ ان باکس", &["cnic"]),
    ("سم اونر ڈیٹیل 300 روپے، ہر نیٹ ورک، واٹس ایپ کریں", &["sim_owner"]),
    ("کال ڈیٹیل تین مہینے کی 5000 روپے میں، ایڈوانس پیمنٹ", &["cdr"]),
    ("وہیکل ریکارڈ اور گاڑی کے مالک کی تفصیل، فی گاڑی 800 روپے", &["vehicle"]),
    ("کسی بھی اکاؤنٹ کی بینک اسٹیٹمنٹ نکلوائیں، 6 ماہ کی، فیس 7000", &["bank"]),
    ("موبائل نمبر کی لائیو لوکیشن ٹریس کروائیں، 20 منٹ میں، 1200 روپے", &["location"]),
    ("نمبر کس کے نام پر رجسٹرڈ ہے؟ نام، شناختی کارڈ اور پتہ 300 روپے میں معلوم کریں", &["sim_owner"]),
    ("No scam, no fake! CDR aur live location 100% genuine, pehle proof phir payment. 5000 total.", &["cdr", "location"]),
    ("Fraud se bachne ke liye pehle check karein number kis ke naam pe hai — hum batate hain sirf 300 mein. DM", &["sim_owner"]),
    ("Rishta karne se pehle larke ki family ki poori detail nikalwayein: family tree, CNIC record, sab. 6000 rupay. Inbox", &["family", "cnic"]),
    ("Check if your spouse really went to Dubai — full travel history with dates, 9k. Confidential. WhatsApp 0301-2223334", &["travel"]),
    ("Mobile gum ho gaya? IMEI se tracking karke location bata denge, 100% result, fees 10k advance.", &["imei", "location"]),
    ("Unknown number se calls aa rahi hain? Hum us number ka asli malik dhoond denge — naam, pata, CNIC. 400 rupay, JazzCash.", &["sim_owner"]),
    ("Wife/husband ki calls check karni hain? Poore mahine ka call record mil jayega. Serious log hi rabta karein.", &["cdr"]),
    ("Bache ka pata nahi chal raha? Number do, uski current location bata dete hain. Charges 2000.", &["location"]),
    ("Updated 2025 Punjab voters data with CNIC & addresses, 90 lakh rows. Price 1 lakh. Telegram se order karein.", &["database"]),
    ("Apne dushman ka bank balance janna hai? Account number bhejo, poori statement mil jayegi. 6000", &["bank"]),
    ("Gari ki number plate se owner ki CNIC copy aur address, Rs 1500. Islamabad/Rawalpindi.", &["vehicle", "cnic"]),
    ("B-form aur FRC dono nikal ke dete hain kisi bhi family ki. 5000. Inbox.", &["cnic", "family"]),
    ("FIA immigration se kisi ki bhi aamad o raft ka record (travel history). 10,000. DM", &["travel"]),
    ("Pakistan ka koi bhi mobile number — registered name, CNIC, NADRA photo. Instant, Rs 350. Join channel t.me/numinfo_pk", &["sim_owner", "cnic"]),
    ("Aapka banda kahan hai? Uska number bhej dein, hum Google map pin bhej denge. 1500 advance.", &["location"]),
    ("incoming outgoing ki details chahiye kisi number ki? 1 mahina 2500. Serious log inbox.", &["cdr"]),
    ("Kisi ke bhi ghar walon ki list (walid, walida, bhai, behan, bachay) CNIC numbers ke sath — Family tree 4000.", &["family"]),
    ("جس نمبر سے تنگ کیا جا رہا ہے اس کا مالک کون ہے؟ ہم بتاتے ہیں۔ فیس 500 روپے، واٹس ایپ", &["sim_owner"]),
    ("IMEI Info Service: IMEI bhejo aur jano kis SIM pe chal raha hai aur kis ke naam pe hai. 15k", &["imei", "sim_owner"]),
    ("FAQ: Can I get the owner of any Zong number? Yes. Submit the number on our portal and pay Rs 400; results are emailed within an hour.", &["sim_owner"]),
    ("Our Packages | Basic: location ping (Rs 1,200) | Standard: location + 30-day call log (Rs 4,000) | Premium: 90-day call log (Rs 9,000)", &["cdr", "location"]),
    ("Lost someone's ID? We provide NADRA-verified CNIC copies for any ID number. Delivery on WhatsApp in PDF. Rs 2,000.", &["cnic"]),
    ("Background check before marriage: travel records and complete family details of the person. 12,000 PKR.", &["travel", "family"]),
    ("Sim details nikalne ka asaan tareeqa — humein number bhejein aur 5 minute mein naam + CNIC + address payein, fees 300.", &["sim_owner"]),
    ("Sale: 2024 Jazz subscribers list, Sindh only, 4.5 million records in CSV. 250 USDT, escrow.", &["database"]),
    ("Need to verify a tenant? We pull their bank statements and account balance. Rs 5,000 per person.", &["bank"]),
    ("Bhai jaan CDR chahiye to yaad rakhna, hum 24 ghante mein dete hain, rate 3500, pehle aadha advance", &["cdr"]),
    ("Phone chori? 📱 I.M.E.I do, L.O.C.A.T.I.O.N lo. 12k fixed.", &["location", "imei"]),
    ("سم ڈیٹا اور فیملی ٹری کا کام ہوتا ہے، جس کو چاہیے رابطہ کرے ۰۳۰۰۱۲۳۴۵۶۷", &["sim_owner", "family"]),
    ("ID card ki HD copy kisi ka bhi, sirf CNIC number bhejen. Fees 1000, Easypaisa.", &["cnic"]),
    ("Car owner details by registration no. — any province. 900/- per search. DM @carinfo_pk", &["vehicle"]),
    ("🔥🔥 DATA WALA BHAI 🔥🔥\nSIM ki malkiyat ✅ 300\nCall ka record (1 month) ✅ 2500\nLive loc ✅ 1500\nFam tree ✅ 6000\nSab networks, sab shehar. Payment pehle.", &["sim_owner", "cdr", "location", "family"]),
    ("Verisys + CNIC front/back colour print, kisi ka bhi ID number do. 1800/-", &["cnic"]),
    ("Passport record nikalwana ho kisi ka — kab kahan gaya — 8000 rupay. Telegram @pass_rec", &["travel"]),
    ("Kisi ki bhi SMS aur calls ki history chahiye ho, mujhe msg karo. Reasonable rate, trusted banda.", &["cdr"]),
    ("Whose number is this? Send it to us and get the registered owner's full name and address for Rs 450.", &["sim_owner"]),
    ("GPS location of any mobile, all networks. Result in 1 hour. 1800 PKR. Inbox 📩", &["location"]),
    ("NADRA se family tree aur har member ki CNIC copy, complete file 9000. Advance Easypaisa.", &["family", "cnic"]),
    ("بائیک یا گاڑی کا نمبر دیں، مالک کا نام اور پتہ لیں۔ صرف 600 روپے", &["vehicle"]),
    ("Banda bahar gaya ya nahi? Uski travel history 7000 mein confirm karwa dete hain.", &["travel"]),
    ("کسی کا بھی بینک اکاؤنٹ نمبر دیں، اکاؤنٹ ہولڈر کا نام اور بیلنس بتا دیں گے۔ فیس 3000", &["bank"]),
    ("Stolen phone ka IMEI bhejein, naya SIM kis ke paas hai woh pata karwa dein ge. 10,000 fee.", &["imei"]),
    ("Anjaan number se pareshan? Number bhejo, us ka malik kaun hai bata denge. 350 rs.", &["sim_owner"]),
    ("Get anyone's call logs and real-time location. Discreet service. Prices in DM.", &["cdr", "location"]),
    ("شناختی کارڈ کی فوٹو کاپی کسی کی بھی، نادرا ریکارڈ سے، 1200 روپے", &["cnic"]),
    ("Family registration certificate of any person, with all members' names and CNICs. 4500. WhatsApp", &["family"]),
    ("Any bike/car number → owner name, father name, CNIC, address. 700/-. Telegram @bikecar_info", &["vehicle"]),
    ("2 crore Pakistani mobile users data with CNIC — full dump, 500 USDT. Sample available.", &["database"]),
    ("Bank statements nikalwayein kisi ke bhi account ki, tamam banks. Rate 8000, 100% confidential.", &["bank"]),
    ("ٹریول ریکارڈ اور فیملی کی مکمل تفصیل، دونوں 15 ہزار میں۔ ان باکس", &["travel", "family"]),
    ("Number ka pura bio-data chahiye? Naam, walid ka naam, CNIC, ghar ka pata. 500 mein. Inbox karein", &["sim_owner"]),
    ("Us ki location jaan'na chahte ho? Mujhe sirf uska mobile number chahiye, baqi kaam mera. 1000 rs", &["location"]),
    ("کال لسٹ نکلوائیں کسی بھی نمبر کی، 2 ماہ کی 4000 روپے۔ رابطہ ٹیلیگرام", &["cdr"]),
    ("Nadra data service: CNIC record with photo + family members list. Rs 3500. Trusted.", &["cnic", "family"]),
    ("Chori shuda mobile ki IMEI se live location track karwayein. Charges 8000. WhatsApp only.", &["imei", "location"]),
    ("Selling: 15 lakh Zong users (name + CNIC + city) Excel sheets. Price negotiable. DM @zongdata", &["database"]),
    ("s1m 0wn3r + c4ll l0gs, 4ny n3tw0rk, 5k. dm", &["sim_owner", "cdr"]),
    ("Kisi ka passport number do aur uski travel details lo (kab, kahan, kis flight se). 9000", &["travel"]),
    ("Kaun hai jo aap ko tang kar raha hai? Uska number do, hum naam aur address nikaal denge. Sirf 400.", &["sim_owner"]),
    ("Incoming/outgoing call record with dates, any Pakistani number. 1 month: 3000. 3 months: 7000.", &["cdr"]),
    ("لوکیشن ٹریکنگ سروس: کسی بھی موبائل نمبر کی موجودہ جگہ معلوم کریں، 1500 روپے", &["location"]),
    ("Koi bhi CNIC number dein, NADRA ki tasveer wali copy 30 minute mein. Rs 1700.", &["cnic"]),
    ("𝐅𝐑𝐂 + 𝐓𝐫𝐚𝐯𝐞𝐥 𝐇𝐢𝐬𝐭𝐨𝐫𝐲 combo 13k 🔥 dm fast", &["family", "travel"]),
    ("Mere paas 50 lakh logon ka data hai naam, CNIC, mobile ke sath. Koi lena chahe to rabta kare.", &["database"]),
    ("Bank account title aur CNIC copy dono ek sath, kisi ke bhi account number se. 3500 rupay.", &["bank", "cnic"]),
    ("E-tag/registration number se gaari ke asal maalik ka pata lagwayein. 800 rupay. DM", &["vehicle"]),
    ("Need CDR? We deliver call detail records for all networks within 2 hours. PKR 4,500. Contact on Telegram.", &["cdr"]),
    ("Number ki maloomat: kis ke naam par hai, CNIC, pata. Sirf 250. Jazzcash karo aur screenshot bhejo.", &["sim_owner"]),
    ("Kisi ka bhi number ho, uski live lokesan 30 minute mein. 1500/-", &["location"]),
    ("IMEI se mobile ka pata, chahe SIM badal di ho. Guaranteed. 12000.", &["imei"]),
    ("Account number se banda dhoondein: account holder ka naam, CNIC copy, branch. Fee 4000. DM", &["bank", "cnic"]),
    ("Immigration ka record chahiye? Entry exit dates sab, 10k mein. WhatsApp 0312-9998887", &["travel"]),
    ("Kisi bhi SIM ka asli malik janiye — naam, shanakhti card, pata. 300 rupay. Inbox me number bhejein.", &["sim_owner"]),
    ("Pakistan ke kisi bhi number ki call history aur current location, dono 5500 mein. WhatsApp 0344-5556667", &["cdr", "location"]),
    ("Colour CNIC copy chahiye kisi ki? Sirf number bhejo, 1200 ki ek copy. Fast delivery.", &["cnic"]),
    ("گاڑی کا ریکارڈ: مالک کا نام، شناختی کارڈ، پتہ۔ رجسٹریشن نمبر بھیجیں۔ 900 روپے", &["vehicle"]),
    ("Database for sale: 8 lakh Karachi residents with CNIC and phone numbers. 60k. Serious buyers DM.", &["database"]),
    ("IMEI tracking + live location of stolen or ANY phone. 15,000 PKR. Telegram @imei_trk", &["imei", "location"]),
    ("Kisi ki bhi family tree nikalwani ho, bachon aur biwi samet, rabta karein. 5000.", &["family"]),
    ("Any bank account statement of any person — last 12 months. 10k. DM only.", &["bank"]),
];

/// Posts that share the vocabulary but offer nothing.
const HARD_NEGATIVES: &[&str] = &[
    // The lead's held-out batch of hard negatives (all clear before any rule change).
    "Police traced the kidnappers' location through call records and arrested them in Rawalpindi, officials said.",
    "iPhone 13 128GB non-PTA, IMEI clean, box charger, price 95,000 final, call 0300-0000999",
    "Apni sim ki details check karne ke liye 668 pe apna CNIC number SMS karein, bilkul free",
    "WARNING: People selling CDR and location data on Facebook are scammers and criminals. Report them to FIA.",
    "Golden number 0300-0000000 for sale, price 50k, Jazz, call now",
    "Hiring data entry operator, send CV with CNIC copy to hr@company.pk, salary 35000",
    "mera shanakhti card gum ho gaya hai, agar kisi ko mile to 0345-0000123 pe rabta karein",
    "Our family tree goes back 5 generations, grandpa kept the record in a diary. Such a treasure!",
    "Car for sale Honda Civic 2018, excise verified, all documents clear, price 45 lakh",
    "Jazz offer: unlimited calls and 10GB data for Rs 500 per month, dial *123#",
    "خبردار! کال ریکارڈ اور لوکیشن بیچنے والے فراڈ ہیں، اپنی معلومات کسی کو نہ دیں",
    "Bank statement of last 6 months required for visa application, attach with form",
    "Someone stole my phone, I shared the IMEI with police, they say tracking takes 2 weeks. Any advice?",
    "Travel history app for your own trips: log countries visited, free download",
    // A crime report that quotes the rate list, with several signs of reporting and no contact.
    "Police arrest gang selling citizens' call records and SIM data. According to the FIA, the suspects charged Rs 2,000 for a CDR and Rs 500 for the live location of any number.",
    "Court told the accused sold CDR and SIM owner data for Rs 3,000 each; investigators said the gang was arrested in Lahore after a month-long inquiry.",
    "Police ne bataya ke giroh 'CDR 3000 aur location 1000' mein bechta tha. Teen mulzim giraftar.",
    "Beware of pages selling SIM owner details for Rs 300 — it is illegal and most are scams. Report them.",
    "Samsung S22 Ultra, PTA approved, IMEI matched with box, 10/10, Rs 155,000. Location DHA Lahore. WhatsApp 0300-1234567",
    "VIP Jazz number 0300-7777777 for sale, 90k. Transfer on buyer's own CNIC at franchise.",
    "Hiring accountant. Salary 60k. Send CV and CNIC copy to hr@company.pk",
    "Mera CNIC gum ho gaya hai, number 35202-1234567-1. Milne par 0321-7654321 pe rabta karein.",
    "Apne CNIC pe registered SIMs check karne ke liye CNIC number 668 pe SMS karein. Charges Rs 2.",
    "Someone got my call history and now he is stalking me. I filed a complaint with FIA. Please help.",
    "Family tree bana rahe hain dada ji ke liye, sab cousins apne bachon ke naam bhej dein.",
    "Zong weekly bundle: 25 GB + 1000 minutes for Rs 450. Dial *247# to subscribe.",
    "Travel history achi ho to visa jaldi lagta hai. Dubai visit visa 35,000 mein, passport copy bhejein.",
    "Track your parcel live location with our app! Delivery across Pakistan in 48 hours, Rs 250 flat.",
    "Bank statement 6 months required for visa file. Apna bank statement aur CNIC copy le aayein.",
    "FRC banwane ka tareeqa: Pak ID app mein apply karein, fees 1000 rupay.",
    "Used car for sale, Corolla 2016, excise record clear, token tax paid. Price 32 lac. 0333-1112223",
    "Cricket mein Babar ka record dekho, 5000 runs sab se jaldi! Kya player hai",
    "Office ke database ke liye data entry operator chahiye, tankhwah 30 hazar",
    "گاڑی برائے فروخت، ایکسائز ریکارڈ صاف، پہلا مالک، قیمت 18 لاکھ۔ رابطہ 0300-1234567",
    "How to get your own call history from Jazz app: login, usage history, download PDF.",
    "ایف آئی اے نے کال ریکارڈ اور لوکیشن بیچنے والے گروہ کو گرفتار کر لیا، ملزمان 2000 روپے لیتے تھے۔",
    "Kal raat mera phone chori ho gaya, IMEI number police ko de diya hai. Koi madad kare to 0300-1112233 pe rabta.",
    "PTA warns citizens: websites offering SIM owner details and call records are illegal. Report to 0800-55055.",
    "Location: Gulberg III, Lahore. 3 bed apartment for rent, 85,000 per month. Call 0321-1234567",
    "Our bank never asks for your account details or CNIC on the phone. Report fraud at 111-225-225.",
    "DIRBS: apne phone ka IMEI 8484 pe bhejein aur status check karein. Non-compliant phones block ho jayenge.",
    "Jazz offer: call details aur balance check karne ke liye *111# dial karein. Monthly bundle Rs 999.",
    "Mere abbu ki family tree mein ghalti hai, NADRA office se FRC theek karwa li. Fee 500 thi.",
    "Hum ne data journalism workshop mein sikhaya ke leaked databases ko kaise verify karte hain. Registration fee Rs 2000.",
    "Google Maps pe live location share karna seekhein, family ke saath safe rahein. Video link bio mein.",
    "CDR skin files for Counter Strike, 500 rupay mein pack. Inbox karein.",
    "ضرورت ہے ڈیٹا انٹری آپریٹر کی، تنخواہ 35 ہزار، شناختی کارڈ کی کاپی اور سی وی ساتھ لائیں۔",
    "Selling my old Vivo Y20, 4/64, box charger, 18000. IMEI and box match. Location Sadar.",
    "Telenor golden number 0345-1234567 sale, 25 hazar. Apne CNIC pe transfer hoga.",
    "Report: data of 2.5 million citizens including CNIC numbers was put up for sale on the dark web, FIA said.",
    "Travel agency: Umrah packages, visa processing, air tickets. Travel history ke baghair bhi visa lag jata hai. Call now",
    "Yaar meri ammi ka number kisi ne nikal ke unhein tang karna shuru kar diya hai, police complaint ki hai.",
    "Khabar: PTA ne SIM data bechne wale 50 websites block kar di hain, reports ke mutabiq location 500 mein bech rahe thay.",
    "Apna call record chahiye court case ke liye? Jazz franchise jaa kar application dein, apne CNIC ke sath.",
    "Motorcycle CD70 2020 model, Karachi registered, excise se verify kar lein. Demand 1 lac 10 hazar. 0300-1234567",
    "New SIM lene ke liye original CNIC aur biometric zaroori hai. Jazz franchise Saddar, timings 10 to 8.",
    "Data science course: learn SQL databases, Python and Excel. Fee Rs 15,000. Register on WhatsApp 0321-7654321",
    "Kya koi bata sakta hai ke CDR kaise nikalti hai? Police wale keh rahe hain court order chahiye.",
    "Meri bahan ka family tree NADRA record mein ghalat hai, correction ke liye kya documents chahiye?",
    "Location tracker for kids — GPS smartwatch with SOS button and live location on parents' app. Rs 6,500 with warranty.",
    "سم کی ملکیت چیک کرنے کے لیے اپنا شناختی کارڈ نمبر 668 پر بھیجیں۔ یہ سروس مفت نہیں، 2 روپے فی ایس ایم ایس۔",
    "S.C.A.M A.L.E.R.T: pages selling C.D.R and l0cation for 2000 are fake, report them!",
    "iPh0ne 13 Pr0 PTA appr0ved, IMEI m@tched, 210k, Lahore",
    "𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠: 𝐅𝐈𝐀 𝐚𝐫𝐫𝐞𝐬𝐭𝐬 𝐠𝐚𝐧𝐠 𝐬𝐞𝐥𝐥𝐢𝐧𝐠 𝐂𝐃𝐑 𝐚𝐧𝐝 𝐟𝐚𝐦𝐢𝐥𝐲 𝐭𝐫𝐞𝐞𝐬 𝐟𝐨𝐫 𝐑𝐬 𝟓,𝟎𝟎𝟎",
    "G O L D E N  N U M B E R  0300-1111111 sale 50k, transfer on your CNIC",
    "ہوشیار! جو لوگ کال ریکارڈ اور لوکیشن بیچنے کا دعویٰ کرتے ہیں وہ فراڈ ہیں، ان کو پیسے نہ بھیجیں۔",
    "Ｊｏｂ ｏｐｅｎｉｎｇ: receptionist, salary 40k, bring CNIC copy and CV.",
    "l0st my CNIC near Saddar, if found pls call 0300-1234567. Reward!",
    "Mera number kisi ne trace karwa ke ghar ka pata nikal liya, FIA complaint di hai.",
    "Lahore: police ne CDR ki madad se qatil ko 24 ghante mein giraftar kar liya, DPO ne team ko inaam diya.",
    "NADRA family tree online dekhne ka tareeqa: Pak ID app login karein aur apna FRC download karein. Fees 500.",
    "Hamari dukan par har qisam ke mobile available hain. IMEI check free. PTA tax ke sath. Contact 0300-1234567",
    "Koi bhi number ho, Jazz ka sasta package lagwao — 1000 minutes aur 10 GB sirf 500 mein. Dial *117#",
    "Mujhe apni purani SIM ka record chahiye tha, franchise walon ne CNIC aur biometric le kar 200 rupay mein print de diya.",
    "Cyber crime wing: kisi bhi shakhs ka data bechna PECA ke tehat jurm hai, 3 saal qaid. Aise pages report karein.",
    "Location: Johar Town. Price: 85 lac. 5 marla house for sale, owner details inbox.",
    "Bachon ki location pe nazar rakhein — Family Link app free hai, koi paid service lene ki zaroorat nahi.",
    "ٹریول ہسٹری کے بغیر بھی یورپ کا ویزا لگ سکتا ہے، ہماری کنسلٹنسی فیس صرف 20 ہزار۔",
    "Bank statement 6 mahine ki chahiye visa ke liye? Apne bank ki app se PDF download kar lein, free hai.",
    "سی این آئی سی کی کاپی اور دو تصاویر کے ساتھ درخواست جمع کروائیں، آخری تاریخ 30 جون۔",
    "پولیس نے کال ڈیٹیل کی مدد سے ڈاکوؤں کو گرفتار کر لیا، ترجمان کے مطابق ملزمان سے اسلحہ برآمد۔",
    "اپنی بینک اسٹیٹمنٹ موبائل ایپ سے مفت ڈاؤن لوڈ کریں۔",
    "Koi bhai bata sakta hai kisi ka CDR kaise nikalta hai? Mere bhai ka phone chori hua hai, police madad nahi kar rahi.",
    "These 'CDR 5000, location 1500' pages are everywhere on Facebook now. Who is buying this stuff? Scary.",
    "Jazz Cash se bijli ka bill pay karein aur 100 rupay cashback payein. Offer valid till 30 June.",
    "IMEI number se phone block karwane ke liye PTA ki website pe form bharein, koi fees nahi.",
    "Travel history update: Alhamdulillah 12 countries visited so far! Next stop Turkey ✈️ #travel",
    "Family photo session package: 2 hours, 50 edited pictures, Rs 15,000. Book now on WhatsApp 0300-5556667",
    "Bank statement analysis service for businesses — cash flow reports from your own statements. Fee Rs 5,000.",
    "Kisi ka number chahiye tha, mil gaya, shukriya sab ka 🙏",
    "ہماری بیٹی کا بی فارم بنوانا ہے، نادرا آفس میں کتنی فیس لگتی ہے؟",
    "Used Honda 125 2019, Lahore number, documents complete, excise verified. Rs 185,000 final. Call 0345-9998887",
    "Family tree painting for your living room, custom names, A3 size Rs 3500. Order on Instagram.",
    "Reporter: kal humne ek page ko message kiya jo CDR bechta hai, us ne 4000 maange. Puri report kal raat 9 baje.",
    "Apni location Careem driver ko share karein taake woh aap tak jaldi pohanch sake.",
    "Mobile ki IMEI tracking sirf police aur PTA ke paas hai, kisi private banday ko paise na dein.",
    "Mujhe apne number ki call history chahiye thi, Jazz helpline 111 pe call ki to unhon ne email kar di. Free service hai.",
    "Beta ki location track karne ke liye kaunsi app achi hai? Life360 ya Google Family Link?",
    "آج کی خبر: ایف آئی اے نے ڈیٹا بیچنے والے گروہ کا سرغنہ پکڑ لیا، ملزم 5 ہزار میں سم کی تفصیل دیتا تھا۔",
    "NADRA e-Sahulat franchise available for sale in Multan, complete setup, biometric devices. Price 8 lac.",
    "Hum apni company ke customers ka database Excel mein banate hain, koi acha data entry operator chahiye, salary 30k.",
    "Vehicle verification online: MTMIS Punjab ki website pe apni gaari ka number daal kar check karein, bilkul free.",
    "Breaking news: Telegram channel 'SIM Data Pakistan' jo CDR 3000 aur location 1000 mein bechta tha, band kar diya gaya.",
    "Is video mein dikhaya hai ke fake 'SIM owner details' websites kaise kaam karti hain aur logon se paise kaise lootti hain.",
    "Mera purana number kisi aur ke naam pe chal raha hai, franchise wale keh rahe hain owner change ke liye 500 fees lagegi.",
    "Family tree workshop for kids this Sunday — draw your own family tree, Rs 500 per child, snacks included.",
    "Travel history ke sath visa file tayyar karte hain, Schengen, UK, Canada. Consultancy fee 25,000. Call 0321-0001112",
    "Excise department ne gaariyon ka record online kar diya hai, ab token tax bhi app se jama hoga.",
    "Bank ne mere account ki statement email kar di, 6 mahine ki, bilkul free. Shukriya Meezan.",
    "IMEI tracking app for your own lost phone — install before you lose it! Free download.",
    "Kisi bhi number se call aaye to Truecaller pe naam dekh lo, free hai, paise dene ki zaroorat nahi.",
    "Data dump ka matlab kya hai? Aasan alfaz mein samjhein, IT course lesson 5.",
    "SIM lagwani hai? Apna CNIC le kar aayein, biometric ke baad 5 minute mein SIM active, price 300.",
    "اپنے نام پر رجسٹرڈ سمیں معلوم کرنے کا طریقہ: شناختی کارڈ نمبر 668 پر بھیجیں۔",
    "Location: F-10 Markaz. Time: 6pm. Free CNIC renewal camp by NADRA mobile van.",
    "Call recording app premium version 500 rupay mein, apni calls record karein. Android only.",
    "Pakistan cricket team ka travel schedule aur hotel details leak ho gayi, PCB ne inquiry shuru kar di.",
    "Bhai log scam alert! Ek banda 'CDR 3500' bol ke paise le gaya, number 0300-4445556, sab block karo.",
    "Kya family tree ki copy NADRA office se mil sakti hai? Mujhe apni FRC chahiye property case ke liye.",
    "Car registration transfer fees Punjab 2025: 1000cc tak Rs 3,000, upar Rs 5,000. Excise office se rabta karein.",
    "Location sharing band kar dein aur apni privacy bachayein — is video mein poora tareeqa.",
    "IMEI registration fees barh gayi, ab iPhone ka tax 1 lakh se zyada. PTA ne naya schedule jari kar diya.",
    "SIM ki malkiyat badalne ke liye dono afraad franchise pe biometric karwayein. Fee 100 rupay.",
    "Passport office Lahore: naye passport ki fees normal 3500, urgent 6000. Apna CNIC saath laayein.",
    "Hamari society ke residents ka data (naam, flat number, phone) sirf committee ke paas hai, kisi ko share nahi hoga.",
    "Aaj Lahore mein NADRA ka mobile van aaya hua hai, CNIC renewal aur B-form ke liye jayein, fee 400.",
    "My phone was stolen yesterday. Filed FIR and gave IMEI to police. Any advice on getting it traced?",
    "Jazz ka naya package: unlimited calls aur 20 GB, 1200 rupay mahana. Call details app mein dekhein.",
    "شہریوں کا ڈیٹا 500 روپے میں فروخت ہونے کی خبروں پر پی ٹی اے نے وضاحت جاری کر دی۔",
    "Selling my Suzuki Cultus 2018, complete documents, excise verified, first owner. 28 lac. Location Bahria Town.",
    "Don't share your CNIC copy on WhatsApp groups! Fraudsters use it to issue SIMs in your name.",
    "Bhai log koi bataye CDR kitne din mein milta hai court ke through? Case chal raha hai.",
    "FIA arrests man selling citizens' family trees and CNIC copies on Telegram for Rs 2,000 each.",
    "Excise record saaf hai, gaari 2020 model, 35 lac. Islamabad registered. Call 0333-1234567",
    "Is number 0300-1234567 se fraud call aayi, apne aap ko bank ka banda keh raha tha. Sab report karein.",
    "New iPhone 15 available, PTA approved, IMEI registered. Rs 320,000. Visit our shop.",
    "Apni live location sirf ghar walon ke sath share karein, anjaan logon ke sath nahi.",
    "Passport renewal online: apna purana passport number aur CNIC daal kar fee jama karwayein, 10 din mein naya passport.",
    "SIM owner details check karne ka sahi tareeqa sirf 668 hai, baqi sab websites fake hain. Paise mat dein.",
    "Hamari app pe apne bachon ki live location dekhein, monthly subscription 300 rupay. Download karein.",
    "Mere CNIC pe kisi ne SIM nikalwa li, 668 se pata chala. Franchise ja ke block karwai.",
    "Reports ke mutabiq family tree 5000 aur CDR 3500 mein bik rahe hain, PTA ne nota lia hai.",
    "Zong 4G device, unlimited internet, 3500 rupay monthly. Free delivery.",
    "Used Infinix Note 12, IMEI box match, 8/128, 28k. Location Gulshan.",
    "NADRA ne family registration certificate ki fees barha di, ab 1000 ki bajaye 1500.",
    "Kisi ko Zong ki call details chahiye to My Zong app mein apni usage history dekh sakte hain, free.",
    "Police ne stolen phones ki IMEI tracking ke zariye 50 mobile baramad kar liye, SSP ne press conference ki.",
    "Koi bhai mujhe bata sakta hai NADRA se FRC banwane mein kitna time lagta hai?",
    "Hum travel agency hain: Saudi, Dubai, Baku packages. Apni travel history ke bare mein fikar na karein. Call 0311-2223334",
    "Beware: 'CNIC copy 500 mein' wale log fraud hain, aap ki ID le kar SIMs nikalwa lete hain.",
    "Vivo Y17 for sale, 4/128, PTA approved, imei match, 22000. Location Township Lahore.",
    "Kal ki khabar: Karachi police ne 'live location' bechne wale do afraad ko pakar liya.",
    "Hamare school mein bachon ka record (naam, B-form, walid ka CNIC) computer mein save hota hai, koi share nahi hota.",
    "Truecaller premium 1 saal ka 1500 mein, unknown numbers ka naam dikhata hai. Play store se lein.",
    "Apni gaari ka excise record MTMIS website pe check karein, registration number daal kar. Free.",
    "Kisi bhi network ka balance check karne ke codes: Jazz *111#, Zong *222#, Telenor *444#.",
    "FIA ne data bechne wale gang ke 3 log pakre, yeh log family tree 6000 aur CDR 4000 mein bechte thay.",
    "Apne CNIC par registered SIMs check karein: CNIC number 668 par SMS karein. Rs 2 per SMS.",
    "Samsung A15 PTA approved, IMEI matched, box charger, 38,000. Location Rawalpindi.",
    "Mera CNIC gum gaya hai, naam Ahmed Raza, agar kisi ko mile to 0300-1112223 par rabta karein.",
    "VIP Zong number 0311-7777777, 45k, aap ke CNIC pe transfer.",
    "Scam alert: 'live location 1500' wale pages fake hain, paise mat bhejein.",
];

#[test]
fn new_listings_are_flagged_with_their_categories() {
    let s = scanner();
    for (text, want) in LISTINGS {
        let v = s.scan(text);
        assert!(v.flagged, "not flagged: {text}\n{v:?}");
        assert_eq!(
            v.categories,
            cats(want),
            "categories of: {text}\nreasons {:?}",
            v.reasons
        );
        assert!(!v.reasons.is_empty(), "a flagged post says why: {text}");
    }
}

#[test]
fn new_hard_negatives_stay_clear() {
    let s = scanner();
    for text in HARD_NEGATIVES {
        let v = s.scan(text);
        assert!(
            !v.flagged,
            "flagged: {text}\nreasons {:?} score {}",
            v.reasons, v.score
        );
        assert!(v.categories.is_empty());
    }
}

#[test]
fn spans_point_at_the_original_text() {
    let text = "𝗖𝗗𝗥 3 𝗺𝗮𝗵𝗶𝗻𝗲 5𝗸 | l0cati0n 1500 | WhatsApp 0300-1234567";
    let v = scanner().scan(text);
    for s in &v.spans {
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end) && s.start < s.end);
    }
    let data: Vec<&str> = v
        .spans
        .iter()
        .filter(|s| s.kind == "data")
        .map(|s| &text[s.start..s.end])
        .collect();
    assert!(data.contains(&"𝗖𝗗𝗥"), "{data:?}");
    assert!(data.contains(&"l0cati0n"), "{data:?}");
    let p = &v.prices[0];
    assert_eq!((p.amount_pkr, &text[p.start..p.end]), (5000, "5𝗸"));
}

#[test]
fn score_and_level_agree() {
    let s = scanner();
    for text in [
        "",
        "CDR 5000",
        "CDR 3 months Rs 5500, WhatsApp 0300-1234567, any number",
        "hello",
    ] {
        let v = s.scan(text);
        assert!((0.0..=1.0).contains(&v.score));
        assert_eq!(v.flagged, v.level >= Level::Medium, "{text}");
    }
}

#[test]
fn odd_unicode_never_panics() {
    let s = scanner();
    let odd = [
        "\u{301}",
        "\u{301}\u{302}\u{303}",
        "a\u{200d}\u{200d}b",
        "\u{feff}",
        "\u{202e}CDR\u{202c}",
        "ـــــ",
        "🏳️‍🌈👨‍👩‍👧",
        "\u{10FFFF}",
        "\0\0\0",
        "ﷺ ﷽",
        "İstanbul ǅ ß ﬃ",
        "Ω≈ç√∫",
        "۰۳۰۰-۰۰۰۰۰۰۰ ٣٥٢٠٢-١٢٣٤٥٦٧-١",
        "C\u{301}D\u{301}R\u{301}",
        "@@@@ ### /-/-/-",
        "Rs Rs Rs 5 sau sau",
    ];
    for t in odd {
        let v = s.scan(t);
        let _ = s.mask(t);
        let _ = v.clone().into_utf16(t);
        for sp in &v.spans {
            assert!(t.is_char_boundary(sp.start) && t.is_char_boundary(sp.end));
        }
    }
}

#[test]
fn one_megabyte_inputs_scan_in_linear_time() {
    let s = scanner();
    let pieces = [
        "CDR 3 mahine 5000 rupay, l0cati0n 1500, ک🔸ا🔸ل ریکارڈ, 0300-1234567, 35202-1234567-1 ",
        "a",
        "1 ",
        "C D R ",
        "\u{200b}",
        "۵",
        "@x ",
    ];
    for piece in pieces {
        let mut text = String::new();
        while text.len() < 1 << 20 {
            text.push_str(piece);
        }
        let started = Instant::now();
        let v = s.scan(&text);
        let _ = s.mask(&text);
        let took = started.elapsed();
        // Well under a second in a release build; debug builds are many times slower.
        let limit = Duration::from_secs(if cfg!(debug_assertions) { 30 } else { 3 });
        assert!(took < limit, "{piece:?} x 1 MB took {took:?}");
        assert!((0.0..=1.0).contains(&v.score));
    }
}

#[test]
fn masking_in_urdu_digits() {
    let m = scanner().mask("نمونہ: شناختی کارڈ ۳۵۲۰۲-۱۲۳۴۵۶۷-۱، رابطہ واٹس ایپ 0300-7654321");
    assert!(m.contains("35202-*******-1"), "{m}");
    assert!(m.contains("0300-7654321"), "{m}");
}
