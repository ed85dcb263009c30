//! Cue words: offer and commerce wording, "any person" targeting, lookup services, payment,
//! bulk-sale wording, and the negative contexts (news, warnings, victims, official services,
//! phone shops, vanity numbers, job ads, lost-and-found, legal services, telecom offers, ...).

use super::lexicon::Match;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CueHit {
    /// Index into `Rules::cue_families`.
    pub family: usize,
    /// Index of the term within its family (to count distinct terms).
    pub term: u32,
    pub start: usize,
    pub end: usize,
}

/// The cues among a post's words (`Words::cues`).
pub fn find(words: &[Match]) -> Vec<CueHit> {
    let mut hits: Vec<CueHit> = words
        .iter()
        .map(|m| CueHit {
            family: (m.payload >> 16) as usize,
            term: m.payload & 0xFFFF,
            start: m.start,
            end: m.end,
        })
        .collect();
    drop_contained(&mut hits);
    hits
}

/// A cue inside a longer cue of another family gives way to it: "no scam" is a seller's
/// promise, not a warning. Sorted by start, longest first; one pass.
fn drop_contained(hits: &mut Vec<CueHit>) {
    hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut reach: Option<CueHit> = None;
    hits.retain(|h| {
        let inside = reach.is_some_and(|r| {
            r.family != h.family && r.end >= h.end && (r.end - r.start) > (h.end - h.start)
        });
        if reach.is_none_or(|r| h.end > r.end) {
            reach = Some(*h);
        }
        !inside
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::normalize::normalize;
    use crate::engine::rules::{Rules, BUILTIN};

    fn families(t: &str) -> Vec<String> {
        let rules = Rules::parse(BUILTIN).unwrap();
        let mut f: Vec<String> = find(&rules.find_words(&normalize(t)).cues)
            .into_iter()
            .map(|h| rules.cue_families[h.family].id.clone())
            .collect();
        f.sort();
        f.dedup();
        f
    }

    #[test]
    fn offer_and_targeting_cues() {
        assert_eq!(families("kisi bhi number ki"), vec!["any_person"]);
        assert!(families("inbox karein, JazzCash only").contains(&"offer".to_string()));
        assert!(families("inbox karein, JazzCash only").contains(&"payment".to_string()));
    }

    #[test]
    fn negated_warnings_are_promises() {
        assert!(!families("No scam, no fake! 100% genuine").contains(&"warning".to_string()));
        assert!(families("This page is a scam").contains(&"warning".to_string()));
    }

    #[test]
    fn negative_contexts() {
        assert_eq!(families("FIA ne giraftar kar liya"), vec!["news"]);
        assert_eq!(families("Scam alert: beware"), vec!["warning"]);
        assert_eq!(families("PTA approved, IMEI matched"), vec!["phone_shop"]);
        assert_eq!(
            families("golden number for sale"),
            vec!["offer", "vanity_sim"]
        );
        assert_eq!(
            families("send your CNIC to 668"),
            vec!["official", "tutorial"]
        );
        assert_eq!(families("گمشدگی کی اطلاع"), vec!["lost_found"]);
    }
}
