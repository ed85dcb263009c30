//! Data-type terms: words that name a kind of personal data (per category, strong or weak).
//! A term inside a longer one ("database" in "sim database") gives way to the longer one.

use super::lexicon::Match;
use crate::engine::verdict::Category;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TermHit {
    pub category: Category,
    pub strong: bool,
    pub start: usize,
    pub end: usize,
}

/// The data-type terms among a post's words (`Words::terms`).
pub fn find(words: &[Match]) -> Vec<TermHit> {
    let mut hits: Vec<TermHit> = words
        .iter()
        .map(|m| TermHit {
            category: Category::ALL[(m.payload / 2) as usize],
            strong: m.payload % 2 == 1,
            start: m.start,
            end: m.end,
        })
        .collect();
    drop_contained(&mut hits);
    hits
}

/// Removes hits lying inside a longer hit, and hits of another category that start inside an
/// earlier hit ("owner details" in "vehicle owner details" is the vehicle's owner). Sorted by
/// start, longest first, so one pass with the furthest-reaching hit so far decides.
fn drop_contained(hits: &mut Vec<TermHit>) {
    hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut reach: Option<TermHit> = None; // the hit reaching furthest so far
    hits.retain(|h| {
        let drop = reach.is_some_and(|r| {
            r.end > h.end
                || (r.end == h.end && r.start < h.start)
                || (h.start < r.end && r.start < h.start && r.category != h.category)
        });
        if reach.is_none_or(|r| h.end > r.end) && !drop {
            reach = Some(*h);
        }
        !drop
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::normalize::normalize;
    use crate::engine::rules::{Rules, BUILTIN};

    fn cats(t: &str) -> Vec<(Category, bool)> {
        let rules = Rules::parse(BUILTIN).unwrap();
        let mut v: Vec<_> = find(&rules.find_words(&normalize(t)).terms)
            .into_iter()
            .map(|h| (h.category, h.strong))
            .collect();
        v.sort_by_key(|x| x.0);
        v.dedup();
        v
    }

    #[test]
    fn english_terms() {
        assert_eq!(cats("CDR 3 months"), vec![(Category::Cdr, true)]);
        assert_eq!(
            cats("Family Tree with pictures"),
            vec![(Category::Family, true)]
        );
        assert_eq!(
            cats("vehicle verification"),
            vec![(Category::Vehicle, true)]
        );
    }

    #[test]
    fn roman_urdu_and_urdu_terms() {
        assert_eq!(
            cats("number ki complete detail chahiye"),
            vec![(Category::SimOwner, true)]
        );
        assert_eq!(cats("کال ریکارڈ ۲۰۰۰ روپے"), vec![(Category::Cdr, true)]);
        assert_eq!(
            cats("گاڑی کا ایکسائز ریکارڈ"),
            vec![(Category::Vehicle, true)]
        );
        assert_eq!(cats("ٹریول ہسٹری"), vec![(Category::Travel, true)]);
    }

    #[test]
    fn obfuscated_terms() {
        assert_eq!(cats("f4m1ly tr33"), vec![(Category::Family, true)]);
        assert_eq!(cats("I M E I trасkіng"), vec![(Category::Imei, true)]);
        assert_eq!(
            cats("t.r.a.v.e.l h.i.s.t.o.r.y"),
            vec![(Category::Travel, true)]
        );
        assert_eq!(cats("ک🔸ا🔸ل ریکارڈ"), vec![(Category::Cdr, true)]);
    }

    #[test]
    fn longer_term_wins() {
        assert_eq!(
            cats("SIM database lookup"),
            vec![(Category::SimOwner, true)]
        );
    }

    #[test]
    fn overlapping_term_of_another_category_gives_way() {
        assert_eq!(
            cats("Vehicle owner details"),
            vec![(Category::Vehicle, true)]
        );
    }

    #[test]
    fn plain_cnic_is_not_a_data_term() {
        assert!(cats("bring your original CNIC").is_empty());
    }
}
