//! The seller's contact channels: mobile numbers (from `digits`), WhatsApp links (wa.me),
//! Telegram links and @handles, e-mail addresses, other links, and payment channels
//! (Easypaisa, JazzCash, IBANs). A phone number is the seller's unless the words before it mark
//! it as a sample ("/sim 0300...", "example:") or it sits on a line with a CNIC or IMEI.

mod shapes;

use shapes::{Shape, Shapes};

use super::digits::{FoundNumber, NumberKind};
use super::lexicon::Match;
use crate::engine::normalize::Normalized;
use crate::engine::rules::ContactWord;
use crate::engine::verdict::Contact;

/// Finds contacts in a post; holds nothing, the shapes it looks for are fixed (see `Shapes`).
pub struct ContactMatcher;

/// How far before a number (bytes of original text) a word still says what the number is.
const WORD_REACH: usize = 48;
/// Longest contact word considered, in bytes of original text.
const MAX_WORD: usize = 64;

impl ContactMatcher {
    /// Never fails: kept fallible like the other matchers the engine builds from its rules.
    pub fn new() -> Result<ContactMatcher, String> {
        Ok(ContactMatcher)
    }

    /// Returns (seller contacts, sample phone numbers).
    pub fn find(
        &self,
        text: &str,
        view: &Normalized,
        numbers: &[FoundNumber],
        words: &[Match],
        telegram_context: bool,
    ) -> (Vec<Contact>, Vec<FoundNumber>) {
        let mut contacts = Vec::new();
        let mut samples = Vec::new();
        let mut seen_payment = std::collections::HashSet::new();
        let vt = view.text.as_str();
        for (shape, ns, ne) in Shapes::new(vt) {
            if shape == Shape::Handle && super::word_before(vt, ns) {
                continue;
            }
            let value = vt[ns..ne].trim_end_matches(['.', ',', ')']).to_string();
            let kind = match shape {
                Shape::Email => "email",
                Shape::WhatsApp => "whatsapp",
                Shape::Telegram => "telegram",
                Shape::Url => "url",
                Shape::Iban => "payment",
                Shape::Handle => {
                    // @handles: Telegram where the post speaks of Telegram, bots or channels, or
                    // where the handle looks like an account name rather than a person's.
                    let looks_like_account =
                        value.contains('_') || value.chars().any(|c| c.is_ascii_digit());
                    if !(telegram_context || looks_like_account) {
                        continue;
                    }
                    "telegram"
                }
            };
            let (start, end) = view.original_range(ns, ns + value.len().max(1));
            contacts.push(Contact {
                kind,
                value,
                start,
                end,
            });
        }
        for w in words
            .iter()
            .filter(|w| ContactWord::from_payload(w.payload) == ContactWord::Payment)
        {
            let value = crate::engine::normalize::normalize(&text[w.start..w.end])
                .main
                .text
                .replace(' ', "");
            if value.chars().all(|c| c.is_alphabetic()) && seen_payment.insert(value.clone()) {
                contacts.push(Contact {
                    kind: "payment",
                    value,
                    start: w.start,
                    end: w.end,
                });
            }
        }
        // Most posts have no phone number: no lines to find then.
        if !numbers.iter().any(|n| n.kind == NumberKind::Phone) {
            contacts.sort_by_key(|c| c.start);
            return (contacts, samples);
        }
        // Line breaks and victims' numbers, sorted, for binary searches (linear-logarithmic on
        // any input).
        let breaks: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
        let others: Vec<&FoundNumber> = numbers
            .iter()
            .filter(|o| o.kind != NumberKind::Phone)
            .collect();
        for n in numbers.iter().filter(|n| n.kind == NumberKind::Phone) {
            let b = breaks.partition_point(|&p| p < n.start);
            let line_start = if b > 0 { breaks[b - 1] + 1 } else { 0 };
            let line_end = breaks
                .get(breaks.partition_point(|&p| p < n.end))
                .copied()
                .unwrap_or(text.len());
            // Words are sorted by start; only those starting shortly before the number matter.
            let from = words.partition_point(|w| w.start + WORD_REACH + MAX_WORD < n.start);
            let to = words.partition_point(|w| w.start < n.start);
            let nearest = words[from..to.max(from)]
                .iter()
                .filter(|w| {
                    w.end <= n.start && w.end + WORD_REACH >= n.start && w.start >= line_start
                })
                .max_by_key(|w| w.end)
                .map(|w| ContactWord::from_payload(w.payload));
            let o = others.partition_point(|o| o.start < line_start);
            let pii_on_line = others.get(o).is_some_and(|o| o.end <= line_end);
            let kind = match nearest {
                Some(ContactWord::Sample) => None,
                Some(ContactWord::WhatsApp) => Some("whatsapp"),
                Some(ContactWord::Payment) => Some("payment"),
                Some(ContactWord::Telegram) => Some("telegram"),
                Some(ContactWord::Call) => Some("phone"),
                None if pii_on_line => None,
                None => Some("phone"),
            };
            match kind {
                Some(kind) => contacts.push(Contact {
                    kind,
                    value: n.digits.clone(),
                    start: n.start,
                    end: n.end,
                }),
                None => samples.push(n.clone()),
            }
        }
        contacts.sort_by_key(|c| c.start);
        (contacts, samples)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::normalize::normalize;
    use crate::engine::rules::{Rules, BUILTIN};
    use crate::engine::signals::digits;

    fn contacts(t: &str) -> (Vec<(&'static str, String)>, usize) {
        let rules = Rules::parse(BUILTIN).unwrap();
        let v = normalize(t);
        let nums = digits::scan(&v.main);
        let words = rules.find_words(&v).contact;
        let tg = words
            .iter()
            .any(|w| ContactWord::from_payload(w.payload) == ContactWord::Telegram);
        let (c, s) = ContactMatcher::new()
            .unwrap()
            .find(t, &v.main, &nums, &words, tg);
        (c.into_iter().map(|c| (c.kind, c.value)).collect(), s.len())
    }

    #[test]
    fn whatsapp_numbers_and_links() {
        assert_eq!(
            contacts("WhatsApp 0312-0000418 only").0,
            vec![("whatsapp", "03120000418".to_string())]
        );
        assert_eq!(contacts("order: wa.me/923001234567").0[0].0, "whatsapp");
        assert_eq!(
            contacts("واٹس ایپ: ۰۳۱۲-۰۰۰۰۶۴۷").0,
            vec![("whatsapp", "03120000647".to_string())]
        );
    }

    #[test]
    fn telegram_links_and_handles() {
        assert_eq!(contacts("Join t.me/pk_data_house").0[0].0, "telegram");
        assert_eq!(
            contacts("Telegram @imei_finder_pk").0,
            vec![("telegram", "@imei_finder_pk".to_string())]
        );
        assert!(contacts("@Kamran bhai ye sab fake hain").0.is_empty());
    }

    #[test]
    fn emails_and_payment_channels() {
        let c = contacts("mail hr.mills@mailbox.pk, advance on Easypaisa 0345-0000619").0;
        assert_eq!(c[0], ("email", "hr.mills@mailbox.pk".to_string()));
        assert!(c.contains(&("payment", "03450000619".to_string())));
        assert!(c.contains(&("payment", "easypaisa".to_string())));
    }

    #[test]
    fn links_lose_trailing_punctuation() {
        assert_eq!(
            contacts("details: www.site.pk. or https://x.io/p?id=7).").0,
            vec![
                ("url", "www.site.pk".to_string()),
                ("url", "https://x.io/p?id=7".to_string())
            ]
        );
        // The links, with or without a scheme (the numbers in them count as phones too).
        let c = contacts("msg https://wa.me/923001234567 or wa.me/923001234568").0;
        assert!(c.contains(&("whatsapp", "https://wa.me/923001234567".to_string())));
        assert!(c.contains(&("whatsapp", "wa.me/923001234568".to_string())));
    }

    #[test]
    fn ibans_emails_and_glued_handles() {
        assert_eq!(
            contacts("account PK36SCBL0000001123456702.").0,
            vec![("payment", "pk36scbl0000001123456702".to_string())]
        );
        assert_eq!(
            contacts("mail ali_99@gmail.com").0,
            vec![("email", "ali_99@gmail.com".to_string())]
        );
        // An "@" inside a word is no handle, even one that looks like an account.
        assert!(contacts("ali@imei_finder_pk").0.is_empty());
    }

    #[test]
    fn sample_numbers_are_not_the_sellers() {
        let (c, samples) = contacts("/sim 03001234567 → owner\nSample: 03111234567 Ali 35202-1234567-1\nWhatsApp 03217654321");
        assert_eq!(c, vec![("whatsapp", "03217654321".to_string())]);
        assert_eq!(samples, 2);
    }
}
