//! Prices in every form sellers write them ("Rs.450/-", "5000 PKR", "2.5k", "do hazar",
//! "۸۰۰ روپے", "1 lac 25 hazar", bare amounts in rate lists), normalised to rupees; and record
//! counts of bulk sales ("12 lakh entries"), which look like amounts but are not.
//! A small hand-written scanner, built once from the rules' currency, multiplier and number
//! words, finds the price-shaped stretches; the checks after it decide which are prices.
//! (It replaced a regex with the same matches: the regex crates were a third of the wasm.)

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, Input, MatchKind};
// The sets and maps hold the rules' own words: SipHash's guard against chosen keys buys
// nothing, and hashing the word after each number cost more than the rest of its checks.
use foldhash::fast::FixedState;

use super::{has, word_at, word_before};
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
    /// Finds where a price-shaped stretch may start: an ASCII digit or a currency or number word.
    starts: AhoCorasick,
    /// The words as the scanner tries them.
    scan_currencies: Words,
    scan_multipliers: Words,
    scan_numbers: Words,
    /// Each word's meaning: the first given for it in the rules.
    currencies: HashMap<String, f64, FixedState>,
    multipliers: HashMap<String, (f64, bool), FixedState>,
    number_words: HashMap<String, f64, FixedState>,
    cue_before: HashSet<String, FixedState>,
    cue_after: HashSet<String, FixedState>,
    units: HashSet<String, FixedState>,
    quantity_nouns: HashSet<String, FixedState>,
}

/// A map from each word to the first value given for it (the value a search in list order
/// finds).
fn first_wins<V>(pairs: &[(String, V)]) -> HashMap<String, V, FixedState>
where
    V: Copy,
{
    let mut map = HashMap::with_capacity_and_hasher(pairs.len(), FixedState::default());
    for (w, v) in pairs {
        map.entry(w.clone()).or_insert(*v);
    }
    map
}

/// What the matcher found: prices, and spans that count records (bulk evidence).
#[derive(Debug, Default)]
pub struct PriceSignals {
    pub prices: Vec<PriceHit>,
    pub quantities: Vec<(usize, usize)>,
}

/// A byte range `[start, end)` of the normalised text.
type Span = (usize, usize);

/// One price-shaped stretch, in the parts `(c1 ?.? ?)? n( ?m)?( ?c2)?( ?/-)?`: a currency
/// before, the number (digits or a number word), a multiplier, a currency after, and the "/-"
/// that closes an amount (its span includes the space before it).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Shape {
    c1: Option<Span>,
    n: Span,
    m: Option<Span>,
    c2: Option<Span>,
    d: Option<Span>,
}

impl Shape {
    fn end(&self) -> usize {
        self.d.or(self.c2).or(self.m).map_or(self.n.1, |s| s.1)
    }
}

/// Words tried at one position in priority order: longest first, so that "rs." wins over "rs"
/// and "lakhs" over "lakh" (ties by bytes, to be deterministic).
struct Words {
    list: Vec<String>,
    /// The list split by first byte, each part in priority order: a position is compared only
    /// with the words that start with its byte (most positions start none).
    by_first: Vec<Vec<String>>,
}

impl Words {
    /// A word that folds to nothing (only invisible characters) would match anywhere: left out.
    fn new(words: impl Iterator<Item = String>) -> Words {
        let mut list: Vec<String> = words.filter(|w| !w.is_empty()).collect();
        list.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        list.dedup();
        let mut by_first = vec![Vec::new(); 256];
        for w in &list {
            by_first[usize::from(w.as_bytes()[0])].push(w.clone());
        }
        Words { list, by_first }
    }

    /// Every word at `at`, in priority order.
    fn all_at<'a>(&'a self, b: &'a [u8], at: usize) -> impl Iterator<Item = Span> + 'a {
        let list = b
            .get(at)
            .map_or(&[][..], |&c| &self.by_first[usize::from(c)]);
        list.iter()
            .filter(move |w| has(b, at, w.as_bytes()))
            .map(move |w| (at, at + w.len()))
    }

    /// The first word at `at`.
    fn at(&self, b: &[u8], at: usize) -> Option<Span> {
        self.all_at(b, at).next()
    }

    /// ` ?word`: the first word after one space at `at` (tried first), else right at `at`.
    fn after(&self, b: &[u8], at: usize) -> Option<Span> {
        let spaced = (b.get(at) == Some(&b' ')).then(|| self.at(b, at + 1));
        spaced.flatten().or_else(|| self.at(b, at))
    }
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
        let multipliers: Vec<(String, (f64, bool))> = rules
            .multipliers
            .iter()
            .flat_map(|m| {
                m.words
                    .iter()
                    .map(move |w| (fold(w), (m.value, m.attached)))
            })
            .collect();
        let number_words: Vec<(String, f64)> = rules
            .number_words
            .iter()
            .flat_map(|n| n.words.iter().map(move |w| (fold(w), n.value)))
            .collect();
        let scan_currencies = Words::new(currencies.iter().map(|c| c.0.clone()));
        let scan_multipliers = Words::new(multipliers.iter().map(|m| m.0.clone()));
        let scan_numbers = Words::new(number_words.iter().map(|n| n.0.clone()));
        let digits = (b'0'..=b'9').map(|d| char::from(d).to_string());
        // Leftmost-first: a search must report the leftmost start (the standard kind reports the
        // earliest end, which would skip "rupees" for the "e" inside it).
        let starts = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(
                scan_currencies
                    .list
                    .iter()
                    .chain(&scan_numbers.list)
                    .cloned()
                    .chain(digits),
            )
            .map_err(|e| e.to_string())?;
        let set = |words: &[String]| words.iter().map(|w| fold(w)).collect();
        Ok(PriceMatcher {
            starts,
            scan_currencies,
            scan_multipliers,
            scan_numbers,
            currencies: first_wins(&currencies),
            multipliers: first_wins(&multipliers),
            number_words: first_wins(&number_words),
            cue_before: set(&rules.cue_before),
            cue_after: set(&rules.cue_after),
            units: set(&rules.units),
            quantity_nouns: set(&rules.quantity_nouns),
        })
    }

    /// `taken` are normalised spans already claimed by phones, CNICs and IMEIs.
    pub fn find(&self, view: &Normalized, taken: &[(usize, usize)]) -> PriceSignals {
        let text = view.text.as_str();
        let mut out = PriceSignals::default();
        // The last amount read, still open to merging: "1 lac 25 hazar", "14 لاکھ 50 ہزار" (a
        // larger unit followed by a smaller one adds up).
        let mut pending: Option<Raw> = None;
        for Shape { c1, n, m, c2, d } in self.shapes(text) {
            // A price's span holds its number's: a number inside a phone, CNIC or IMEI is no
            // price however it reads (the same test as below on the whole span, made first).
            let t = taken.partition_point(|&(_, e)| e <= n.0);
            if taken.get(t).is_some_and(|&(s, _)| s < n.1) {
                continue;
            }
            let n_str = &text[n.0..n.1];
            let mut start = n.0;
            let mut end = n.1;
            let mut rate = None;
            if let Some(c1) = c1 {
                if !word_before(text, c1.0) {
                    start = c1.0;
                    rate = self.rate(&text[c1.0..c1.1]);
                }
            }
            if start == n.0 && !clean_before(text, n.0) {
                continue;
            }
            let (value, is_word) = match self.number_words.get(n_str) {
                Some(&v) => (v, true),
                None => match without_commas(n_str).parse::<f64>() {
                    Ok(v) => (v, false),
                    Err(_) => continue,
                },
            };
            let mut mult = 1.0;
            let mut has_mult = false;
            if let Some(m) = m {
                let info = self.multipliers.get(&text[m.0..m.1]);
                let spaced = m.0 > n.1;
                if let Some(&(v, attached)) = info {
                    if !(word_at(text, m.1) || attached && spaced) {
                        mult = v;
                        has_mult = true;
                        end = m.1;
                    }
                }
            }
            if is_word && !has_mult {
                continue;
            }
            if has_mult || m.is_none() {
                if let Some(c2) = c2 {
                    if !word_at(text, c2.1) && rate.is_none() {
                        rate = self.rate(&text[c2.0..c2.1]);
                        end = c2.1;
                    }
                }
                if let Some(d) = d {
                    if d.0 == end || text[end..d.0].trim().is_empty() {
                        end = d.1;
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
            // A small bare amount ("3 months", "24 hrs") is neither a record count nor a price
            // (see both tests below): dropped before the words around it are read.
            if rate.is_none() && !has_mult && value * mult < MIN_COUNT && value < MIN_BARE {
                continue;
            }
            let next = next_word(text, end);
            // "12 lakh entries", "10 lakh mobile users": the count's noun may come one word later.
            let next2 = || {
                next_word(
                    text,
                    (end + text[end..].find(next).unwrap_or(0) + next.len()).min(text.len()),
                )
            };
            let count_noun = self.quantity_nouns.contains(next)
                || (has_mult && self.quantity_nouns.contains(next2()));
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
                let digits = n_str.bytes().filter(|&c| c != b',').count();
                let year_like = digits == 4 && (1950.0..=2035.0).contains(&value);
                if value < MIN_BARE || year_like || n_str.contains('.') {
                    continue;
                }
            }
            let amount = value * mult * rate.unwrap_or(1.0);
            if !(amount.is_finite() && amount > 0.0 && amount <= MAX_AMOUNT) {
                continue;
            }
            let r = (start, end, amount, explicit, mult);
            if let Some(last) = pending.as_mut() {
                let gap = &text[last.1.min(r.0)..r.0];
                if last.4 > r.4 && r.4 > 1.0 && gap.trim().is_empty() {
                    last.1 = r.1;
                    last.2 += r.2;
                    continue;
                }
            }
            if let Some(done) = pending.replace(r) {
                out.prices.push(price_hit(view, done));
            }
        }
        if let Some(done) = pending {
            out.prices.push(price_hit(view, done));
        }
        out
    }

    fn rate(&self, word: &str) -> Option<f64> {
        self.currencies.get(word).copied()
    }

    /// Every price-shaped stretch of `text`, leftmost first and without overlaps: at each
    /// possible start the first shape that fits, and the search goes on after its end. (Exactly
    /// what the regex this replaced returned, groups and all: the checks in `find` rely on it.)
    fn shapes<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Shape> + 'a {
        let mut pos = 0;
        std::iter::from_fn(move || {
            while pos <= text.len() {
                let start = self.starts.find(Input::new(text).range(pos..))?;
                match self.shape_at(text.as_bytes(), start.start()) {
                    Some(shape) => {
                        pos = shape.end();
                        return Some(shape);
                    }
                    None => pos = start.start() + 1,
                }
            }
            None
        })
    }

    /// The shape starting at `at`, if any. A currency word counts only with a number after it;
    /// else the stretch starts with the number itself. Every optional part after the number is
    /// taken where present (a space before it is taken first).
    fn shape_at(&self, b: &[u8], at: usize) -> Option<Shape> {
        let led = self.scan_currencies.all_at(b, at).find_map(|c1| {
            let n = gap_ends(b, c1.1).find_map(|q| self.number_at(b, q))?;
            Some((Some(c1), n))
        });
        let (c1, n) = match led {
            Some(found) => found,
            None => (None, self.number_at(b, at)?),
        };
        let m = self.scan_multipliers.after(b, n.1);
        let c2 = self.scan_currencies.after(b, m.map_or(n.1, |m| m.1));
        let d_at = c2.or(m).map_or(n.1, |s| s.1);
        let d = [" /-", "/-"]
            .iter()
            .find(|d| has(b, d_at, d.as_bytes()))
            .map(|d| (d_at, d_at + d.len()));
        Some(Shape { c1, n, m, c2, d })
    }

    /// A number at `at`: digits with optional comma groups ("1,20,000", "2,000") and decimals
    /// ("2.5"), or a number word.
    fn number_at(&self, b: &[u8], at: usize) -> Option<Span> {
        let mut end = digits_end(b, at, usize::MAX);
        if end == at {
            return self.scan_numbers.at(b, at);
        }
        // Each comma takes three digits where there are three, else two (Indian grouping).
        while b.get(end) == Some(&b',') {
            let group = digits_end(b, end + 1, 3) - (end + 1);
            if group < 2 {
                break;
            }
            end += 1 + group;
        }
        if b.get(end) == Some(&b'.') {
            let fraction = digits_end(b, end + 1, usize::MAX);
            if fraction > end + 1 {
                end = fraction;
            }
        }
        Some((at, end))
    }
}

/// An amount read, in normalised offsets: (start, end, amount, explicit, multiplier value).
type Raw = (usize, usize, f64, bool, f64);

fn price_hit(view: &Normalized, (s, e, amount, explicit, _): Raw) -> PriceHit {
    let (start, end) = view.original_range(s, e);
    PriceHit {
        amount_pkr: amount.round() as u64,
        explicit,
        start,
        end,
    }
}

/// A number as written, without its group commas (most have none: then no copy is made).
fn without_commas(n: &str) -> std::borrow::Cow<'_, str> {
    if n.contains(',') {
        n.replace(',', "").into()
    } else {
        n.into()
    }
}

/// The end of the run of at most `max` ASCII digits at `at`.
fn digits_end(b: &[u8], at: usize, max: usize) -> usize {
    at + b[at..]
        .iter()
        .take(max)
        .take_while(|c| c.is_ascii_digit())
        .count()
}

/// Where a number may start after a currency word ending at `at`: after an optional space, dot
/// and space ("Rs. 450", "rs .500"), in the order a backtracking match tries them (each one
/// taken before left out).
fn gap_ends(b: &[u8], at: usize) -> impl Iterator<Item = usize> + '_ {
    (0..8u8).filter_map(move |left_out| {
        let mut i = at;
        for (bit, c) in [(4, b' '), (2, b'.'), (1, b' ')] {
            if left_out & bit == 0 {
                if b.get(i) != Some(&c) {
                    return None;
                }
                i += 1;
            }
        }
        Some(i)
    })
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

    /// The scanner's shapes, each as its parts' texts ("c1" "n" "m" "c2" "d").
    fn parts(t: &str) -> Vec<Vec<(&'static str, &str)>> {
        let rules = Rules::parse(BUILTIN).unwrap();
        let m = PriceMatcher::new(&rules.price).unwrap();
        m.shapes(t)
            .map(|s| {
                [
                    ("c1", s.c1),
                    ("n", Some(s.n)),
                    ("m", s.m),
                    ("c2", s.c2),
                    ("d", s.d),
                ]
                .into_iter()
                .filter_map(|(name, span)| span.map(|(a, b)| (name, &t[a..b])))
                .collect()
            })
            .collect()
    }

    #[test]
    fn currency_spacing_and_closing_dash() {
        assert_eq!(
            parts("rs. 450/-"),
            vec![vec![("c1", "rs."), ("n", "450"), ("d", "/-")]]
        );
        assert_eq!(parts("rs .450"), vec![vec![("c1", "rs"), ("n", "450")]]);
        assert_eq!(parts("rs.. 450"), vec![vec![("c1", "rs."), ("n", "450")]]);
        assert_eq!(
            parts("rs 450 /-"),
            vec![vec![("c1", "rs"), ("n", "450"), ("d", " /-")]]
        );
        // Two spaces before "/-" are too many for the shape.
        assert_eq!(parts("450  /-"), vec![vec![("n", "450")]]);
        // A currency word with no number after it is no start: the number starts alone.
        assert_eq!(parts("rs . . 450"), vec![vec![("n", "450")]]);
        assert_eq!(
            prices("Rs. 450 /- only"),
            vec![(450, true, "Rs. 450 /-".into())]
        );
    }

    #[test]
    fn currency_before_a_number_word() {
        assert_eq!(
            parts("rs do hazar"),
            vec![vec![("c1", "rs"), ("n", "do"), ("m", "hazar")]]
        );
        // The earlier start wins: "dollar" before the "do" inside it.
        assert_eq!(parts("dollar 5"), vec![vec![("c1", "dollar"), ("n", "5")]]);
        assert_eq!(parts("dollar"), vec![vec![("n", "do")]]);
        assert_eq!(amounts("Rs do hazar"), vec![2000]);
        assert_eq!(amounts("pkr paanch sau"), vec![500]);
    }

    #[test]
    fn digit_groups_and_decimals() {
        assert_eq!(parts("1,20,000"), vec![vec![("n", "1,20,000")]]);
        // A comma takes three digits where it can: the fourth starts a new number.
        assert_eq!(
            parts("12,3456"),
            vec![vec![("n", "12,345")], vec![("n", "6")]]
        );
        assert_eq!(
            parts("1,2 and 3."),
            vec![vec![("n", "1")], vec![("n", "2")], vec![("n", "3")]]
        );
        assert_eq!(parts("2.5k"), vec![vec![("n", "2.5"), ("m", "k")]]);
        assert_eq!(
            parts("5 lakhs pkr"),
            vec![vec![("n", "5"), ("m", "lakhs"), ("c2", "pkr")]]
        );
        assert_eq!(amounts("1,00,00,000 rupees"), vec![10_000_000]);
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
