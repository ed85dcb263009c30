//! The detection engine: normalise a post, extract signals, score them into a [`Verdict`].
//! Plain Rust, no browser types: the CLI, the wasm layer and the tests all call [`Scanner`].
//!
//! Flow: [`normalize`] (folded views + offset map) -> [`signals`] (terms, cues, prices,
//! contacts, PII; spans in original byte offsets) -> [`score`] (score, level, categories,
//! reasons). Words, weights and thresholds come from [`rules`] (rules/rules.toml).

pub mod fold;
pub mod normalize;
pub mod rules;
pub mod score;
pub mod signals;
#[cfg(feature = "stages")]
pub mod stages;
pub mod verdict;

use verdict::{Category, Verdict};

pub use rules::RulesError;

/// Built once (compiling the rules is the costly part), then used for any number of posts.
pub struct Scanner {
    rules: rules::Rules,
    matchers: signals::Matchers,
}

impl Scanner {
    /// A scanner with the rules compiled into the binary.
    pub fn new() -> Result<Scanner, RulesError> {
        Scanner::build(rules::Rules::builtin_with_extra(&[])?)
    }

    /// A scanner from a rules file's text; a bad file gives an error that says what is wrong.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_rules_toml(text: &str) -> Result<Scanner, RulesError> {
        Scanner::build(rules::Rules::parse(text)?)
    }

    /// The built-in rules plus a user's own data-type terms (the extension's "your own extra
    /// terms"), each counted as a strong term of its category.
    pub fn with_extra_terms(extra: &[(Category, &str)]) -> Result<Scanner, RulesError> {
        let extra: Vec<(Category, String)> =
            extra.iter().map(|(c, t)| (*c, t.to_string())).collect();
        Scanner::build(rules::Rules::builtin_with_extra(&extra)?)
    }

    fn build(rules: rules::Rules) -> Result<Scanner, RulesError> {
        let matchers = signals::Matchers {
            price: signals::price::PriceMatcher::new(&rules.price)
                .map_err(|e| RulesError(format!("in [price]: {e}")))?,
            contact: signals::contact::ContactMatcher::new().map_err(RulesError)?,
        };
        Ok(Scanner { rules, matchers })
    }

    pub fn rules_version(&self) -> &str {
        &self.rules.version
    }

    /// Scans one post. Offsets in the verdict are UTF-8 byte offsets into `text`; see
    /// [`Verdict::into_utf16`] for JavaScript.
    pub fn scan(&self, text: &str) -> Verdict {
        let views = normalize::normalize(text);
        let sig = signals::extract(&self.rules, &self.matchers, text, &views);
        score::score(&self.rules, text, &sig)
    }

    /// The post with victims' data masked, for reports: CNICs as 35202-*******-1, IMEIs with
    /// the serial hidden, and phone numbers that are not the seller's contact as 0300-*******.
    /// The seller's own contact numbers stay in clear.
    pub fn mask(&self, text: &str) -> String {
        let views = normalize::normalize(text);
        let sig = signals::extract(&self.rules, &self.matchers, text, &views);
        let spans: Vec<(usize, usize, String)> = sig
            .pii
            .iter()
            .map(|n| (n.start, n.end, signals::pii::mask(n)))
            .collect();
        signals::pii::replace_spans(text, &spans)
    }
}

/// Converts a UTF-8 byte offset into `text` to a UTF-16 code-unit offset (what JavaScript
/// string indices count). An offset inside a char counts up to that char's start; one past
/// the end clamps to the end.
pub fn utf16_offset(text: &str, byte_offset: usize) -> usize {
    let mut b = byte_offset.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    text[..b].encode_utf16().count()
}

/// The next number of a fixed, repeatable pseudo-random stream (xorshift64), for tests that
/// try many generated strings without a dependency.
#[cfg(test)]
pub(crate) fn xorshift(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scanner() -> Scanner {
        Scanner::new().unwrap()
    }

    #[test]
    fn builtin_rules_load() {
        assert!(!scanner().rules_version().is_empty());
    }

    #[test]
    fn call_records_offer_is_flagged() {
        let v = scanner().scan("CDR 3 months Rs 2000, WhatsApp 0300-1234567");
        assert!(v.flagged, "{v:?}");
        assert_eq!(v.categories, vec![Category::Cdr]);
        assert!(
            v.reasons
                .iter()
                .any(|r| r == "offers call records (CDR) for Rs 2,000"),
            "{:?}",
            v.reasons
        );
        assert!(
            v.reasons.iter().any(|r| r == "contact via WhatsApp"),
            "{:?}",
            v.reasons
        );
    }

    #[test]
    fn empty_and_odd_text_is_clear() {
        for t in ["", " ", "\u{301}", "🙂🙂", "\u{200b}\u{200b}"] {
            let v = scanner().scan(t);
            assert!(!v.flagged);
            assert_eq!(v.level, verdict::Level::None);
        }
    }

    #[test]
    fn masking_hides_victims_and_keeps_the_seller() {
        let s = scanner();
        let t = "Sample result: Ali 35202-1234567-1, IMEI 490154203237518. Order on WhatsApp 0300-7654321";
        let m = s.mask(t);
        assert!(m.contains("35202-*******-1"), "{m}");
        assert!(m.contains("49015420*******"), "{m}");
        assert!(m.contains("0300-7654321"), "{m}");
        let m = s.mask("/sim 03001234567 → owner name (Rs 300). WhatsApp 03217654321");
        assert!(
            m.contains("0300-*******") && m.contains("03217654321"),
            "{m}"
        );
    }

    #[test]
    fn utf16_offsets_count_code_units() {
        let t = "a😀b ک";
        assert_eq!(utf16_offset(t, 0), 0);
        assert_eq!(utf16_offset(t, 1), 1);
        assert_eq!(utf16_offset(t, 5), 3);
        assert_eq!(utf16_offset(t, 3), 1); // inside the emoji
        assert_eq!(utf16_offset(t, t.len()), 6);
        assert_eq!(utf16_offset(t, 999), 6);
    }

    #[test]
    fn verdict_offsets_convert_to_utf16() {
        let t = "😀 CDR Rs 2000 WhatsApp 03001234567";
        let v = scanner().scan(t).into_utf16(t);
        let cdr = v.spans.iter().find(|s| s.kind == "data").unwrap();
        let units: Vec<u16> = t.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&units[cdr.start..cdr.end]).unwrap(),
            "CDR"
        );
    }

    #[test]
    fn every_verdict_offset_converts_like_utf16_offset() {
        // Urdu (2-byte), symbols (3-byte) and emoji (4-byte, two UTF-16 units) around signals.
        let texts = [
            "😀 CDR Rs 2000 WhatsApp 03001234567",
            "کال ریکارڈ 🔥 ۵۰۰۰ روپے 📞 0300-1234567 ✅ CNIC 35202-1234567-1",
            "𝐒𝐈𝐌 𝐃𝐀𝐓𝐀 Rs.500 💯 location ٹریکنگ 25k IMEI 356938035643809",
        ];
        let s = scanner();
        for t in texts {
            let bytes = s.scan(t);
            let units = bytes.clone().into_utf16(t);
            assert!(!bytes.spans.is_empty(), "{t}");
            let pairs = |v: &Verdict| -> Vec<(usize, usize)> {
                let mut p: Vec<_> = v.spans.iter().map(|x| (x.start, x.end)).collect();
                p.extend(v.prices.iter().map(|x| (x.start, x.end)));
                p.extend(v.contacts.iter().map(|x| (x.start, x.end)));
                p
            };
            for ((bs, be), (us, ue)) in pairs(&bytes).into_iter().zip(pairs(&units)) {
                assert_eq!((us, ue), (utf16_offset(t, bs), utf16_offset(t, be)), "{t}");
            }
        }
    }

    #[test]
    fn extra_terms_are_detected() {
        let s = Scanner::with_extra_terms(&[(Category::Cdr, "kaal ka kaccha chittha")]).unwrap();
        let v = s.scan("kaal ka kaccha chittha 3000 rupay, inbox karo");
        assert!(v.flagged, "{v:?}");
        assert_eq!(v.categories, vec![Category::Cdr]);
    }

    #[test]
    fn bad_rules_give_a_clear_error() {
        let e = Scanner::from_rules_toml("version = \"x\"").err().unwrap();
        assert!(e.to_string().starts_with("bad rules file:"), "{e}");
    }
}
