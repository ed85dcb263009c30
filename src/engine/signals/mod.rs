//! Signal extraction: each extractor reads the normalised views and reports what it found,
//! with spans in the original text. The scorer (`engine::score`) combines them.

pub mod contact;
pub mod cues;
pub mod digits;
pub mod lexicon;
pub mod pii;
pub mod price;
pub mod terms;

use crate::engine::normalize::Views;
use crate::engine::rules::{ContactWord, Role, Rules};
use crate::engine::verdict::Contact;

/// Everything found in one post.
pub struct Signals {
    pub terms: Vec<terms::TermHit>,
    pub cues: Vec<cues::CueHit>,
    pub prices: Vec<price::PriceHit>,
    /// Record counts of a bulk sale ("12 lakh entries").
    pub quantities: Vec<(usize, usize)>,
    pub contacts: Vec<Contact>,
    /// CNICs, IMEIs and sample phone numbers: victims' data.
    pub pii: Vec<digits::FoundNumber>,
}

/// The compiled matchers that are not lexicons.
pub struct Matchers {
    pub price: price::PriceMatcher,
    pub contact: contact::ContactMatcher,
}

/// Whether `b` holds `lit` at `at` (compared in place: a library call per position costs more
/// than the comparison, which mostly stops at the first byte).
pub(crate) fn has(b: &[u8], at: usize, lit: &[u8]) -> bool {
    b.len() >= at + lit.len() && lit.iter().zip(&b[at..]).all(|(x, y)| x == y)
}

/// Whether the char before byte `pos` of `text` is a letter or digit.
pub(crate) fn word_before(text: &str, pos: usize) -> bool {
    text[..pos]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric())
}

/// Whether the char at byte `pos` of `text` is a letter or digit.
pub(crate) fn word_at(text: &str, pos: usize) -> bool {
    text[pos..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric())
}

pub fn extract(rules: &Rules, m: &Matchers, text: &str, views: &Views) -> Signals {
    let numbers = digits::scan(&views.main);
    let taken: Vec<(usize, usize)> = numbers.iter().map(|n| (n.nstart, n.nend)).collect();
    let price = m.price.find(&views.main, &taken);
    let words = rules.find_words(views);
    let cues = cues::find(&words.cues);
    let telegram_context = words
        .contact
        .iter()
        .any(|w| ContactWord::from_payload(w.payload) == ContactWord::Telegram)
        || cues
            .iter()
            .any(|c| rules.cue_families[c.family].role == Role::Lookup);
    let (contacts, samples) = m.contact.find(
        text,
        &views.main,
        &numbers,
        &words.contact,
        telegram_context,
    );
    let mut pii: Vec<digits::FoundNumber> = numbers
        .into_iter()
        .filter(|n| n.kind != digits::NumberKind::Phone)
        .chain(samples)
        .collect();
    pii.sort_by_key(|n| n.start);
    Signals {
        terms: terms::find(&words.terms),
        cues,
        prices: price.prices,
        quantities: price.quantities,
        contacts,
        pii,
    }
}
