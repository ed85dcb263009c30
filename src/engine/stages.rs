//! A scan stopped part-way, to measure what each stage costs (`./build.sh bench`, "Where a
//! wasm scan's time goes"). Built only with the `stages` feature: never in the shipped wasm.

use super::{normalize, signals, Scanner};

/// How far [`Scanner::scan_until`] goes. Each stage includes the ones before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Nothing: the text reaching the engine is all that is measured.
    Input,
    /// The folded views of the post.
    Normalize,
    /// The data-type terms, cue words and contact words (the Aho-Corasick searches).
    Terms,
    /// Every signal: terms, prices, contacts, record counts, victims' numbers.
    Signals,
    /// The verdict, as the engine returns it.
    Score,
}

impl Stage {
    /// The stages in order, by the index the wasm layer is given.
    pub const ALL: [Stage; 5] = [
        Stage::Input,
        Stage::Normalize,
        Stage::Terms,
        Stage::Signals,
        Stage::Score,
    ];
}

impl Scanner {
    /// Runs a scan of `text` as far as `stage` and returns a count taken from what that stage
    /// made (so that no stage can be optimised away).
    pub fn scan_until(&self, text: &str, stage: Stage) -> usize {
        match stage {
            Stage::Input => text.len(),
            Stage::Normalize => normalize::normalize(text).main.text.len(),
            Stage::Terms => {
                let views = normalize::normalize(text);
                self.rules.find_words(&views).terms.len()
            }
            Stage::Signals => {
                let views = normalize::normalize(text);
                let sig = signals::extract(&self.rules, &self.matchers, text, &views);
                sig.terms.len() + sig.prices.len() + sig.contacts.len() + sig.pii.len()
            }
            // The engine's own scan, whole.
            Stage::Score => {
                let v = self.scan(text);
                v.spans.len() + v.reasons.len()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_stage_sees_what_the_full_scan_sees() {
        let s = Scanner::new().unwrap();
        let t = "CDR 3 months Rs 2000, WhatsApp 0300-1234567";
        let v = s.scan(t);
        assert_eq!(s.scan_until(t, Stage::Input), t.len());
        assert!(s.scan_until(t, Stage::Normalize) > 0);
        assert_eq!(s.scan_until(t, Stage::Terms), 1, "one data-type term: CDR");
        assert!(s.scan_until(t, Stage::Signals) >= 3, "term, price, contact");
        assert_eq!(
            s.scan_until(t, Stage::Score),
            v.spans.len() + v.reasons.len()
        );
    }
}
