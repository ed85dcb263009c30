//! The detection engine: normalise a post, extract signals, score them into a [`Verdict`].
//! Plain Rust, no browser types: the CLI, the wasm layer and the tests all call [`Scanner`].

pub mod rules;
pub mod verdict;

use verdict::{Category, Level, Span, Verdict};

pub use rules::RulesError;

/// Built once (compiling the rules is the costly part), then used for any number of posts.
pub struct Scanner {
    rules: rules::Rules,
}

impl Scanner {
    /// A scanner with the rules compiled into the binary.
    pub fn new() -> Result<Scanner, RulesError> {
        Scanner::from_rules_toml(rules::BUILTIN)
    }

    /// A scanner from a rules file's text; a bad file gives an error that says what is wrong.
    pub fn from_rules_toml(text: &str) -> Result<Scanner, RulesError> {
        Ok(Scanner { rules: rules::Rules::parse(text)? })
    }

    pub fn rules_version(&self) -> &str {
        &self.rules.version
    }

    pub fn scan(&self, text: &str) -> Verdict {
        // Thin first version: lower-case term lookup. Replaced by normalise -> signals -> score.
        let lower = text.to_lowercase();
        let mut categories = Vec::new();
        let mut spans = Vec::new();
        for (cat, terms) in &self.rules.terms {
            for t in terms {
                if let Some(pos) = lower.find(t.as_str()) {
                    if !categories.contains(cat) {
                        categories.push(*cat);
                    }
                    if lower.len() == text.len() {
                        spans.push(Span { start: pos, end: pos + t.len(), kind: "data", category: Some(*cat) });
                    }
                }
            }
        }
        categories.sort();
        let flagged = !categories.is_empty();
        Verdict {
            flagged,
            level: if flagged { Level::Medium } else { Level::None },
            score: if flagged { 0.6 } else { 0.0 },
            reasons: categories.iter().map(|c| format!("offers {}", c.id())).collect(),
            categories,
            prices: Vec::new(),
            contacts: Vec::new(),
            spans,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_load() {
        let s = Scanner::new().unwrap();
        assert!(!s.rules_version().is_empty());
    }

    #[test]
    fn call_records_offer_is_flagged() {
        let v = Scanner::new().unwrap().scan("CDR 3 months Rs 2000 WhatsApp 0300");
        assert!(v.flagged);
        assert_eq!(v.categories, vec![Category::Cdr]);
    }
}
