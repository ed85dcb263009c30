//! Prices in every form sellers write them ("Rs.450/-", "5000 PKR", "2.5k", "do hazar",
//! "۸۰۰ روپے", "1 lac 25 hazar", bare amounts in rate lists), normalised to rupees; and record
//! counts of bulk sales ("12 lakh entries"), which look like amounts but are not.
//! One regex, built once from the rules' currency, multiplier and number words.

use std::collections::HashSet;

use regex::Regex;

use crate::engine::normalize::{fold_term, Normalized};
use crate::engine::rules::PriceRules;

/// An amount found in the post; `explicit` when it carries a currency, "/-" or a multiplier.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceHit {
    pub amount_pkr: u64,
    pub explicit: bool,
    pub start: usize,
    pub end: usize,
}

pub struct PriceMatcher {
    re: Regex,
    currencies: Vec<(String, f64)>,
    multipliers: Vec<(String, f64, bool)>,
    number_words: Vec<(String, f64)>,
    cue_before: HashSet<String>,
    cue_after: HashSet<String>,
    units: HashSet<String>,
    quantity_nouns: HashSet<String>,
}

/// What the matcher found: prices, and spans that count records (bulk evidence).
#[derive(Debug, Default)]
pub struct PriceSignals {
    pub prices: Vec<PriceHit>,
    pub quantities: Vec<(usize, usize)>,
}

fn alternation(words: impl Iterator<Item = String>) -> String {
    let mut w: Vec<String> = words.collect();
    w.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    w.dedup();
    w.iter()
        .map(|x| regex::escape(x))
        .collect::<Vec<_>>()
        .join("|")
}

fn fold(w: &str) -> String {
    fold_term(w).0
}

/// Record counts of a bulk sale are large ("5,000 families"); "8 people" is not one.
const MIN_COUNT: f64 = 1000.0;
/// Smallest and largest bare amounts read as prices, and years that are not prices.
const MIN_BARE: f64 = 100.0;
const MAX_AMOUNT: f64 = 1.0e10;

impl PriceMatcher {
    pub fn new(rules: &PriceRules) -> Result<PriceMatcher, String> {
        let currencies: Vec<(String, f64)> = rules
            .currencies
            .iter()
            .flat_map(|c| c.words.iter().map(move |w| (fold(w), c.pkr)))
            .collect();
        let multipliers: Vec<(String, f64, bool)> = rules
            .multipliers
            .iter()
            .flat_map(|m| m.words.iter().map(move |w| (fold(w), m.value, m.attached)))
            .collect();
        let number_words: Vec<(String, f64)> = rules
            .number_words
            .iter()
            .flat_map(|n| n.words.iter().map(move |w| (fold(w), n.value)))
            .collect();
        let cur = alternation(currencies.iter().map(|c| c.0.clone()));
        let mult = alternation(multipliers.iter().map(|m| m.0.clone()));
        let wnum = alternation(number_words.iter().map(|n| n.0.clone()));
        let num = r"[0-9]+(?:,[0-9]{2,3})*(?:\.[0-9]+)?";
        let wnum_alt = if wnum.is_empty() {
            String::new()
        } else {
            format!("|{wnum}")
        };
        let pattern = format!(
            r"(?:(?P<c1>{cur})[ ]?\.?[ ]?)?(?P<n>{num}{wnum_alt})(?:[ ]?(?P<m>{mult}))?(?:[ ]?(?P<c2>{cur}))?(?P<d>[ ]?/-)?"
        );
        let re = Regex::new(&pattern).map_err(|e| e.to_string())?;
        Ok(PriceMatcher {
            re,
            currencies,
            multipliers,
            number_words,
            cue_before: rules.cue_before.iter().map(|w| fold(w)).collect(),
            cue_after: rules.cue_after.iter().map(|w| fold(w)).collect(),
            units: rules.units.iter().map(|w| fold(w)).collect(),
            quantity_nouns: rules.quantity_nouns.iter().map(|w| fold(w)).collect(),
        })
    }

    /// `taken` are normalised spans already claimed by phones, CNICs and IMEIs.
    pub fn find(&self, view: &Normalized, taken: &[(usize, usize)]) -> PriceSignals {
        let text = view.text.as_str();
        let mut out = PriceSignals::default();
        // (start, end, amount, explicit, multiplier value) in normalised offsets.
        let mut raw: Vec<(usize, usize, f64, bool, f64)> = Vec::new();
        for caps in self.re.captures_iter(text) {
            let Some(n) = caps.name("n") else { continue };
            let mut start = n.start();
            let mut end = n.end();
            let mut rate = None;
            if let Some(c1) = caps.name("c1") {
                if !word_before(text, c1.start()) {
                    start = c1.start();
                    rate = self.rate(c1.as_str());
                }
            }
            if start == n.start() && !clean_before(text, n.start()) {
                continue;
            }
            let (value, is_word) = match self.number_words.iter().find(|w| w.0 == n.as_str()) {
                Some(w) => (w.1, true),
                None => match n.as_str().replace(',', "").parse::<f64>() {
                    Ok(v) => (v, false),
                    Err(_) => continue,
                },
            };
            let mut mult = 1.0;
            let mut has_mult = false;
            if let Some(m) = caps.name("m") {
                let info = self.multipliers.iter().find(|x| x.0 == m.as_str());
                let spaced = m.start() > n.end();
                if let Some(&(_, v, attached)) = info {
                    if !(word_at(text, m.end()) || attached && spaced) {
                        mult = v;
                        has_mult = true;
                        end = m.end();
                    }
                }
            }
            if is_word && !has_mult {
                continue;
            }
            if has_mult || caps.name("m").is_none() {
                if let Some(c2) = caps.name("c2") {
                    if !word_at(text, c2.end()) && rate.is_none() {
                        rate = self.rate(c2.as_str());
                        end = c2.end();
                    }
                }
                if let Some(d) = caps.name("d") {
                    if d.start() == end || text[end..d.start()].trim().is_empty() {
                        end = d.end();
                        rate = rate.or(Some(1.0));
                    }
                }
            }
            if !is_word && word_at(text, end) && !has_mult {
                continue;
            }
            let t = taken.partition_point(|&(_, e)| e <= start);
            if taken.get(t).is_some_and(|&(s, _)| s < end) {
                continue;
            }
            let next = next_word(text, end);
            // "12 lakh entries", "10 lakh mobile users": the count's noun may come one word later.
            let next2 = next_word(
                text,
                (end + text[end..].find(next).unwrap_or(0) + next.len()).min(text.len()),
            );
            let count_noun = self.quantity_nouns.contains(next)
                || (has_mult && self.quantity_nouns.contains(next2));
            if count_noun && value * mult >= MIN_COUNT {
                out.quantities.push(view.original_range(start, end));
                continue;
            }
            let cued =
                self.cue_before.contains(prev_word(text, start)) || self.cue_after.contains(next);
            let explicit = rate.is_some() || has_mult || cued;
            if !explicit || (cued && rate.is_none() && !has_mult) {
                if self.units.contains(next) || looks_like_date_or_ratio(text, start, end) {
                    continue;
                }
                let digits = n.as_str().replace(',', "");
                let year_like = digits.len() == 4 && (1950.0..=2035.0).contains(&value);
                if value < MIN_BARE || year_like || n.as_str().contains('.') {
                    continue;
                }
            }
            let amount = value * mult * rate.unwrap_or(1.0);
            if !(amount.is_finite() && amount > 0.0 && amount <= MAX_AMOUNT) {
                continue;
            }
            raw.push((start, end, amount, explicit, mult));
        }
        // "1 lac 25 hazar", "14 لاکھ 50 ہزار": a larger unit followed by a smaller one adds up.
        let mut merged: Vec<(usize, usize, f64, bool, f64)> = Vec::new();
        for r in raw {
            if let Some(last) = merged.last_mut() {
                let gap = &text[last.1.min(r.0)..r.0];
                if last.4 > r.4 && r.4 > 1.0 && gap.trim().is_empty() {
                    last.1 = r.1;
                    last.2 += r.2;
                    continue;
                }
            }
            merged.push(r);
        }
        for (s, e, amount, explicit, _) in merged {
            let (start, end) = view.original_range(s, e);
            out.prices.push(PriceHit {
                amount_pkr: amount.round() as u64,
                explicit,
                start,
                end,
            });
        }
        out
    }

    fn rate(&self, word: &str) -> Option<f64> {
        self.currencies.iter().find(|c| c.0 == word).map(|c| c.1)
    }
}

fn word_before(text: &str, pos: usize) -> bool {
    text[..pos]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric())
}

fn word_at(text: &str, pos: usize) -> bool {
    text[pos..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric())
}

/// A number must not be glued to a word or be part of a code ("a54", "*345#", "v1.2").
fn clean_before(text: &str, pos: usize) -> bool {
    match text[..pos].chars().next_back() {
        None => true,
        Some(c) => {
            !(c.is_alphanumeric() || matches!(c, '*' | '#' | '.' | '/' | ':' | '+' | '@' | '_'))
        }
    }
}

fn looks_like_date_or_ratio(text: &str, start: usize, end: usize) -> bool {
    let after = &text.as_bytes()[end..];
    let glued_after = after.len() >= 2
        && matches!(after[0], b'/' | b':' | b'.' | b'x')
        && after[1].is_ascii_digit();
    let before = &text.as_bytes()[..start];
    let glued_before = before.len() >= 2 && matches!(before[before.len() - 1], b'/' | b':' | b'+');
    glued_after || glued_before || after.first() == Some(&b'#') || after.first() == Some(&b'%')
}

/// The word right before `pos` (skipping spaces and a colon), for price cues ("rate: 300").
fn prev_word(text: &str, pos: usize) -> &str {
    let head = text[..pos].trim_end_matches([' ', ':', '-']);
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

/// The word right after `pos` (skipping spaces), for unit and count checks.
fn next_word(text: &str, pos: usize) -> &str {
    let rest = text[pos..].trim_start_matches([' ', '+']);
    let first = rest.chars().next();
    if first == Some('%') {
        return "%";
    }
    let end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    &rest[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::normalize::normalize;
    use crate::engine::rules::{Rules, BUILTIN};

    fn prices(t: &str) -> Vec<(u64, bool, String)> {
        let rules = Rules::parse(BUILTIN).unwrap();
        let m = PriceMatcher::new(&rules.price).unwrap();
        let v = normalize(t);
        m.find(&v.main, &[])
            .prices
            .into_iter()
            .map(|p| (p.amount_pkr, p.explicit, t[p.start..p.end].to_string()))
            .collect()
    }

    fn amounts(t: &str) -> Vec<u64> {
        prices(t).into_iter().map(|p| p.0).collect()
    }

    #[test]
    fn currency_forms() {
        assert_eq!(
            prices("Only Rs.450/- per query"),
            vec![(450, true, "Rs.450/-".into())]
        );
        assert_eq!(amounts("5000 PKR"), vec![5000]);
        assert_eq!(amounts("Rs 2,000 and Rs500"), vec![2000, 500]);
        assert_eq!(amounts("₨ 1,500"), vec![1500]);
        assert_eq!(amounts("300 rupay"), vec![300]);
        assert_eq!(amounts("۸۰۰ روپے"), vec![800]);
        assert_eq!(amounts("٥٠٠ روپے"), vec![500]);
        assert_eq!(amounts("1,20,000 rupees"), vec![120000]);
    }

    #[test]
    fn multipliers_and_number_words() {
        assert_eq!(amounts("CDR 5k, location 1.5k"), vec![5000, 1500]);
        assert_eq!(amounts("do hazar mein"), vec![2000]);
        assert_eq!(amounts("sirf paanch sau"), vec![500]);
        assert_eq!(amounts("5 sau"), vec![500]);
        assert_eq!(amounts("دو ہزار روپے"), vec![2000]);
        assert_eq!(amounts("۱۰ ہزار"), vec![10000]);
        assert_eq!(amounts("1 lac 25 hazar"), vec![125000]);
        assert_eq!(amounts("150 USDT"), vec![42000]);
    }

    #[test]
    fn bare_amounts_in_rate_lists() {
        assert_eq!(
            prices("sim owner 200, cdr 3500"),
            vec![(200, false, "200".into()), (3500, false, "3500".into())]
        );
    }

    #[test]
    fn durations_sizes_years_and_codes_are_not_prices() {
        assert!(
            amounts("last 3 months, 24 hrs, 128 GB, 2024, *345#, 10/10, 8/256, A54, 90 days")
                .is_empty()
        );
        assert!(amounts("do you know").is_empty());
    }

    #[test]
    fn record_counts_are_quantities_not_prices() {
        let rules = Rules::parse(BUILTIN).unwrap();
        let m = PriceMatcher::new(&rules.price).unwrap();
        let v = normalize("12 lakh entries, 5 crore records, 18M rows. Full 40k");
        let s = m.find(&v.main, &[]);
        assert_eq!(s.quantities.len(), 3);
        assert_eq!(
            s.prices.iter().map(|p| p.amount_pkr).collect::<Vec<_>>(),
            vec![40000]
        );
    }
}
