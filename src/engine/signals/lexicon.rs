//! Matches a list of terms (from the rules file) against both views of a post with one
//! Aho-Corasick automaton per script: Latin-script terms on the main view with word boundaries,
//! Urdu-script terms on the compact view (where Urdu word spacing no longer matters).
//! A Latin term ending in `*` matches as a prefix ("track*" finds "tracking", "tracker").

use std::collections::HashMap;

// A fast hasher (foldhash, as in hashbrown): the keys are the rules' own terms, so SipHash's
// guard against chosen keys buys nothing, and it cost more than the rest of collecting them.
use foldhash::fast::FixedState;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::{word_at, word_before};
use crate::engine::normalize::{fold_term, Normalized, Views};

/// One term's meaning, chosen by whoever builds the lexicon (a category, a cue family, ...).
pub type Payload = u32;

/// A match, in ORIGINAL byte offsets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub payload: Payload,
}

struct Side {
    ac: Option<AhoCorasick>,
    /// Per pattern: every (payload, prefix?) that folded to it.
    meta: Vec<Vec<(Payload, bool)>>,
}

pub struct Lexicon {
    latin: Side,
    arabic: Side,
}

fn build_side(patterns: Vec<(String, Vec<(Payload, bool)>)>) -> Result<Side, String> {
    if patterns.is_empty() {
        return Ok(Side {
            ac: None,
            meta: Vec::new(),
        });
    }
    // A contiguous NFA: with it a wasm scan runs 9-18% faster than with the noncontiguous one
    // the builder makes first (its states sit in one array, and this search is a third of a
    // wasm scan), for ~1 ms more in Scanner::new. Natively the two search alike: measure in
    // wasm (bench/node-wasm.mjs). No prefilter: none suits this many patterns (the builder
    // made none), yet it was fed every pattern.
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .prefilter(false)
        .build(patterns.iter().map(|(p, _)| p.as_str()))
        .map_err(|e| e.to_string())?;
    Ok(Side {
        ac: Some(ac),
        meta: patterns.into_iter().map(|(_, m)| m).collect(),
    })
}

/// Folded terms with what each means, in the order they were added.
#[derive(Default)]
struct PatternList {
    entries: Vec<(String, (Payload, bool))>,
}

impl PatternList {
    fn push(&mut self, pat: String, v: (Payload, bool)) {
        self.entries.push((pat, v));
    }

    /// The distinct patterns in the order first added, each with every (payload, prefix?) that
    /// folded to it, in the order added (repeats dropped).
    fn into_patterns(self) -> Vec<(String, Vec<(Payload, bool)>)> {
        // For each entry, the first entry with the same text.
        let first: Vec<usize> = {
            let mut seen: HashMap<&str, usize, FixedState> =
                HashMap::with_capacity_and_hasher(self.entries.len(), Default::default());
            self.entries
                .iter()
                .enumerate()
                .map(|(i, (pat, _))| *seen.entry(pat.as_str()).or_insert(i))
                .collect()
        };
        // Where each first entry's pattern went in the output.
        let mut slot = vec![0; self.entries.len()];
        let mut out: Vec<(String, Vec<(Payload, bool)>)> = Vec::new();
        for (i, (pat, v)) in self.entries.into_iter().enumerate() {
            if first[i] == i {
                slot[i] = out.len();
                out.push((pat, vec![v]));
            } else {
                let m = &mut out[slot[first[i]]].1;
                if !m.contains(&v) {
                    m.push(v);
                }
            }
        }
        out
    }
}

/// Collects terms, folding each as it comes so that a bad one is reported where it was added.
#[derive(Default)]
pub struct LexiconBuilder {
    latin: PatternList,
    arabic: PatternList,
}

impl LexiconBuilder {
    /// Adds a term; a term that folds to nothing is an error.
    pub fn add(&mut self, term: &str, payload: Payload) -> Result<(), String> {
        let (raw, prefix) = match term.strip_suffix('*') {
            Some(t) => (t, true),
            None => (term, false),
        };
        let (folded, is_arabic) = fold_term(raw);
        if folded.is_empty() {
            return Err(format!("term `{term}` is empty after folding"));
        }
        if is_arabic {
            self.arabic.push(folded, (payload, false));
        } else {
            self.latin.push(folded, (payload, prefix));
        }
        Ok(())
    }

    pub fn build(self) -> Result<Lexicon, String> {
        Ok(Lexicon {
            latin: build_side(self.latin.into_patterns())?,
            arabic: build_side(self.arabic.into_patterns())?,
        })
    }
}

impl Lexicon {
    /// Builds from (term, payload) pairs. A term that folds to nothing is an error.
    pub fn new<'a>(terms: impl IntoIterator<Item = (&'a str, Payload)>) -> Result<Lexicon, String> {
        let mut b = LexiconBuilder::default();
        for (term, payload) in terms {
            b.add(term, payload)?;
        }
        b.build()
    }

    /// Every match in the post (overlapping ones included), in original byte offsets, sorted by
    /// (start, end).
    pub fn find(&self, views: &Views) -> Vec<Match> {
        let mut out = Vec::new();
        find_side(&self.latin, &views.main, true, &mut out);
        // Every Urdu-script term has non-ASCII bytes: an all-ASCII post (most Latin-script
        // posts) cannot hold one, and the second pass would be wasted.
        if !views.compact().text.is_ascii() {
            find_side(&self.arabic, views.compact(), false, &mut out);
        }
        out.sort_by_key(|m| (m.start, m.end));
        out.dedup();
        out
    }
}

fn find_side(side: &Side, view: &Normalized, boundaries: bool, out: &mut Vec<Match>) {
    let Some(ac) = &side.ac else { return };
    let text = view.text.as_str();
    for m in ac.find_overlapping_iter(text) {
        let (s, e) = (m.start(), m.end());
        if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        let pat = &text[s..e];
        for &(payload, prefix) in &side.meta[m.pattern().as_usize()] {
            if boundaries {
                let first_word = pat.chars().next().is_some_and(|c| c.is_alphanumeric());
                let last_word = pat.chars().next_back().is_some_and(|c| c.is_alphanumeric());
                if first_word && word_before(text, s) {
                    continue;
                }
                // Words inside handles and links ("@trace_khi_01") are names, not terms.
                // A bot command ("/owner") or "bike/car" is a word; a link path ("t.me/trace",
                // "site.pk/owner") is not: its head, back to the last space, holds a dot.
                let before = text[..s].chars().next_back();
                let in_link = before == Some('/')
                    && text[..s - 1]
                        .chars()
                        .rev()
                        .take(64)
                        .take_while(|c| !c.is_whitespace())
                        .any(|c| c == '.');
                if matches!(before, Some('@' | '_')) || in_link || text[e..].starts_with('_') {
                    continue;
                }
                if !prefix && last_word && word_at(text, e) {
                    continue;
                }
            }
            // A prefix term covers the rest of its word ("track*" -> "tracking").
            let e = if prefix {
                e + text[e..]
                    .find(|c: char| !c.is_alphanumeric())
                    .unwrap_or(text.len() - e)
            } else {
                e
            };
            let (os, oe) = view.original_range(s, e);
            out.push(Match {
                start: os,
                end: oe,
                payload,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::normalize::normalize;

    fn hits(lex: &Lexicon, t: &str) -> Vec<(String, Payload)> {
        lex.find(&normalize(t))
            .into_iter()
            .map(|m| (t[m.start..m.end].to_string(), m.payload))
            .collect()
    }

    #[test]
    fn latin_terms_need_word_boundaries() {
        let lex = Lexicon::new([("cdr", 1), ("track*", 2)]).unwrap();
        assert_eq!(hits(&lex, "CDR available"), vec![("CDR".into(), 1)]);
        assert!(hits(&lex, "cdrskin").is_empty());
        assert_eq!(hits(&lex, "IMEI tracking"), vec![("tracking".into(), 2)]);
    }

    #[test]
    fn words_in_links_and_handles_are_not_terms_but_bot_commands_are() {
        let lex = Lexicon::new([("trace", 1), ("owner", 2)]).unwrap();
        assert!(hits(&lex, "t.me/trace_pk @trace_khi").is_empty());
        assert_eq!(hits(&lex, "/owner 0300"), vec![("owner".into(), 2)]);
        assert_eq!(hits(&lex, "car/owner"), vec![("owner".into(), 2)]);
        assert!(hits(&lex, "site.pk/owner").is_empty());
    }

    #[test]
    fn urdu_terms_match_across_split_words() {
        let lex = Lexicon::new([("کال ریکارڈ", 7)]).unwrap();
        assert_eq!(hits(&lex, "ک🔸ا🔸ل ریکارڈ ۵۰۰۰").len(), 1);
        assert_eq!(hits(&lex, "كال ريكارڈ").len(), 1);
    }

    #[test]
    fn obfuscated_latin_terms_map_back_to_the_original() {
        let lex = Lexicon::new([("call record", 3)]).unwrap();
        assert_eq!(
            hits(&lex, "c4ll rec0rd 5000"),
            vec![("c4ll rec0rd".into(), 3)]
        );
    }
}
