//! Combines the signals of one post into a verdict: a score in 0..1 from a weighted sum
//! (weights in rules.toml), the level, the categories offered (following DESIGN.md's labelling
//! rules) and reasons a moderator can read.
//!
//! Proximity matters: a price in the same line or sentence as a data-type term (or within
//! `near_bytes` of it) counts as that term's price; elsewhere it only counts as commerce.

use std::borrow::Cow;

use super::rules::{category_index, Role, Rules, Trigger};
use super::signals::terms::TermHit;
use super::signals::{has, Signals};
use super::verdict::{Category, Level, Price, Span, Verdict};

/// The bytes a cut starts with (one look-up rules out most bytes).
const MAY_CUT: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    let bytes = b"\n|!?;.\xE2\xDB\xD8";
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
};

/// Line and sentence boundaries of the original text, to tell "beside" from "elsewhere".
struct Segments(Vec<usize>);

impl Segments {
    /// Byte by byte: every cut is an ASCII byte or starts with a lead byte no other byte can be,
    /// so no decoding is needed (decoding every char cost more than the rest of the scorer).
    /// The cuts before byte `limit`: enough to place any position up to `limit`.
    fn before(text: &str, limit: usize) -> Segments {
        let b = text.as_bytes();
        let mut cuts = Vec::new();
        for (i, &c) in b[..limit.min(b.len())].iter().enumerate() {
            if !MAY_CUT[usize::from(c)] {
                continue;
            }
            let cut = match c {
                b'\n' | b'|' | b'!' | b'?' | b';' => true,
                b'.' => b.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()),
                // '•', '۔', '؟'
                0xE2 => has(b, i, "•".as_bytes()),
                0xDB => has(b, i, "۔".as_bytes()),
                0xD8 => has(b, i, "؟".as_bytes()),
                _ => false,
            };
            if cut {
                cuts.push(i);
            }
        }
        Segments(cuts)
    }

    fn of(&self, pos: usize) -> usize {
        self.0.partition_point(|&c| c < pos)
    }
}

/// A set of categories as bits (by declaration order, which is also `Category::ALL`'s): the
/// scorer builds several per post, and tree sets cost an allocation each.
#[derive(Clone, Copy, Default)]
struct CategorySet(u32);

impl CategorySet {
    fn insert(&mut self, c: Category) {
        self.0 |= 1 << c as u32;
    }
    fn contains(&self, c: &Category) -> bool {
        self.0 & (1 << *c as u32) != 0
    }
    fn len(&self) -> usize {
        self.0.count_ones() as usize
    }
    fn is_empty(&self) -> bool {
        self.0 == 0
    }
    fn iter(&self) -> impl Iterator<Item = Category> + '_ {
        Category::ALL.into_iter().filter(|c| self.contains(c))
    }
}

impl FromIterator<Category> for CategorySet {
    fn from_iter<I: IntoIterator<Item = Category>>(iter: I) -> Self {
        let mut s = CategorySet::default();
        s.extend(iter);
        s
    }
}

impl Extend<Category> for CategorySet {
    fn extend<I: IntoIterator<Item = Category>>(&mut self, iter: I) {
        for c in iter {
            self.insert(c);
        }
    }
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Sum of a cue family's contribution for `n` distinct terms.
fn family_weight(w: f64, repeat: f64, max_hits: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        w + repeat * (n.min(max_hits) - 1) as f64
    }
}

pub fn format_rupees(amount: u64) -> String {
    let mut out = String::with_capacity(32);
    push_rupees(&mut out, amount);
    out
}

/// Appends "Rs 1,234,567" (grouped by thousands) to `out`, with no string in between.
fn push_rupees(out: &mut String, amount: u64) {
    out.push_str("Rs ");
    let digits = amount.to_string();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
}

pub fn score(rules: &Rules, text: &str, sig: &Signals) -> Verdict {
    let sc = &rules.scoring;
    let fams = &rules.cue_families;

    // Cue families: which fired, with how many distinct terms.
    let mut pairs: Vec<(usize, u32)> = sig.cues.iter().map(|c| (c.family, c.term)).collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut distinct = vec![0usize; fams.len()];
    for (f, _) in pairs {
        distinct[f] += 1;
    }
    // The roles of the families that fired, as bits (asked for several times below).
    let roles = fams
        .iter()
        .zip(&distinct)
        .filter(|(_, &n)| n > 0)
        .fold(0u32, |bits, (f, _)| bits | 1 << f.role as u32);
    let role_present = |role: Role| roles & 1 << role as u32 != 0;
    let any_person = role_present(Role::AnyPerson);

    // Data-type terms, after suppression of weak hits by their context.
    let present: CategorySet = sig.terms.iter().map(|h| h.category).collect();
    let suppressed = |h: &TermHit| {
        !h.strong
            && rules.suppress.iter().any(|(c, when)| {
                *c == h.category
                    && when.iter().any(|t| match t {
                        Trigger::Category(o) => present.contains(o),
                        Trigger::Cue(i) => distinct[*i] > 0,
                    })
            })
    };
    // Most posts suppress nothing: then the signals' own list serves, uncopied.
    let terms: Cow<[TermHit]> = if sig.terms.iter().any(suppressed) {
        Cow::Owned(
            sig.terms
                .iter()
                .copied()
                .filter(|h| !suppressed(h))
                .collect(),
        )
    } else {
        Cow::Borrowed(&sig.terms)
    };
    // Segments only place terms beside prices and cues: a post without a term (most posts)
    // never asks where a segment starts, and its text is not split; nor is the text after the
    // last term, price, cue or record count (no position there is asked about).
    let seg = if terms.is_empty() {
        Segments(Vec::new())
    } else {
        let last = (sig.terms.iter().map(|h| h.start))
            .chain(sig.prices.iter().map(|p| p.start))
            .chain(sig.cues.iter().map(|c| c.start))
            .chain(sig.quantities.iter().map(|q| q.0))
            .max()
            .unwrap_or(0);
        Segments::before(text, last)
    };
    // A bulk sale: record counts, a strong database term, or dump wording beside "database".
    let bulk_words =
        role_present(Role::Bulk) && terms.iter().any(|h| h.category == Category::Database);
    let db_strong = terms
        .iter()
        .any(|h| h.category == Category::Database && h.strong);
    // Record counts make a bulk sale only beside some data wording ("12 lakh entries" of what?).
    let counted = !sig.quantities.is_empty()
        && (!terms.is_empty() || role_present(Role::Bulk) || role_present(Role::Fields));
    let bulk = counted || bulk_words || db_strong;

    // Prices beside terms: same segment, or an explicit price within reach.
    // Prices are sorted and do not overlap, so their segments and ends ascend too: binary
    // searches keep this linear-logarithmic on any input.
    let prices = &sig.prices;
    let pseg: Vec<usize> = if terms.is_empty() {
        Vec::new()
    } else {
        prices.iter().map(|p| seg.of(p.start)).collect()
    };
    let price_of = |h: &TermHit| -> Option<usize> {
        let s = seg.of(h.start);
        let lo = pseg.partition_point(|&x| x < s);
        let hi = pseg.partition_point(|&x| x <= s);
        let k = lo + prices[lo..hi].partition_point(|p| p.start < h.end);
        let mut best: Option<usize> = None;
        let mut consider = |i: usize| {
            let d = |j: usize| prices[j].start.abs_diff(h.end);
            if best.is_none_or(|b| d(i) < d(b)) {
                best = Some(i);
            }
        };
        if k > lo {
            consider(k - 1);
        }
        if k < hi {
            consider(k);
        }
        let wlo = prices.partition_point(|p| p.end + sc.near_bytes < h.start);
        let whi = prices.partition_point(|p| p.start <= h.end + sc.near_bytes);
        let window = wlo..whi.max(wlo);
        for (i, p) in prices[window.clone()].iter().enumerate() {
            if p.explicit {
                consider(window.start + i);
            }
        }
        best
    };
    // Only strong terms take a price: "family pack Rs 1,499" is food, "passport ... Rs 118,000"
    // a ticket.
    let priced: Vec<(TermHit, Option<usize>)> = terms
        .iter()
        .map(|h| (*h, if h.strong { price_of(h) } else { None }))
        .collect();

    // Which categories a weak term may add: only with offer context in its own segment.
    let mut positive_segs: Vec<usize> = Vec::new();
    if !terms.is_empty() {
        positive_segs.reserve_exact(pseg.len() + sig.cues.len() + terms.len());
        positive_segs.extend_from_slice(&pseg);
        positive_segs.extend(
            sig.cues
                .iter()
                .filter(|c| fams[c.family].role != Role::Negative)
                .map(|c| seg.of(c.start)),
        );
        positive_segs.extend(terms.iter().filter(|o| o.strong).map(|o| seg.of(o.start)));
        positive_segs.sort_unstable();
    }
    let positive_in_segment = |s: usize| positive_segs.binary_search(&s).is_ok();
    let mut cats = CategorySet::default();
    for (h, p) in &priced {
        if h.strong || p.is_some() || positive_in_segment(seg.of(h.start)) {
            cats.insert(h.category);
        }
    }
    // Categories implied by cues together ("any number" + "naam, CNIC" asks for a SIM owner).
    let implied: CategorySet = rules
        .imply
        .iter()
        .filter(|i| {
            i.all.iter().all(|t| match t {
                Trigger::Category(c) => present.contains(c),
                Trigger::Cue(f) => distinct[*f] > 0,
            })
        })
        .filter(|i| !i.unless.iter().any(|c| present.contains(c)))
        .map(|i| i.category)
        .collect();
    let strong_cats: CategorySet = terms
        .iter()
        .filter(|h| h.strong)
        .map(|h| h.category)
        .collect();

    // The weighted sum.
    let mut z = sc.bias;
    if !strong_cats.is_empty() {
        z += sc.strong_term;
    } else if !terms.is_empty() || !implied.is_empty() {
        z += sc.weak_term;
    }
    if counted || bulk_words {
        z += sc.bulk;
    }
    let n_cats =
        strong_cats.len() + usize::from(bulk && !strong_cats.contains(&Category::Database));
    z += sc.extra_category * n_cats.saturating_sub(1).min(sc.max_extra_categories) as f64;
    // `pseg` ascends (prices are sorted).
    let weak_priced = terms
        .iter()
        .any(|h| !h.strong && pseg.binary_search(&seg.of(h.start)).is_ok());
    if strong_cats.is_empty() && weak_priced {
        z += sc.weak_priced;
    }
    if sig.prices.iter().any(|p| p.explicit) {
        z += sc.explicit_price;
    }
    let n_priced = priced.iter().filter(|(_, p)| p.is_some()).count();
    if n_priced > 0 {
        z += sc.priced_data + sc.priced_data_repeat * (n_priced.min(sc.max_priced_data) - 1) as f64;
    }
    if sig.contacts.iter().any(|c| c.kind != "payment") {
        z += sc.contact;
    }
    for (i, f) in fams.iter().enumerate() {
        let w = family_weight(f.weight, f.repeat, f.max_hits, distinct[i]);
        // Some contexts (an official code, a telecom offer) are mentioned by sellers too; beside
        // an offer of anyone's data, or beside record counts of a bulk sale, they count for less.
        z += if any_person || counted {
            w * f.targeting_factor
        } else {
            w
        };
    }
    let mut score = sigmoid(z);
    // Something must name the data outright: a strong term, a bulk sale, or a weak term in a
    // post that targets anyone or runs a lookup. Commerce words around "car" or "call" are not
    // enough.
    let targeted = any_person || role_present(Role::Lookup);
    let has_data =
        !strong_cats.is_empty() || bulk || ((!terms.is_empty() || !implied.is_empty()) && targeted);
    if !has_data {
        // Without a data-type term nothing is offered: at most "low".
        score = score.min((sc.low + sc.medium) / 2.0);
    }
    let level = if score >= sc.high {
        Level::High
    } else if score >= sc.medium {
        Level::Medium
    } else if score >= sc.low {
        Level::Low
    } else {
        Level::None
    };
    let flagged = level >= Level::Medium;

    // Categories, by DESIGN.md: a bulk sale is `database` alone unless per-person services are
    // offered beside it; then terms in the bulk sentences still belong to the bulk sale.
    let mut categories = CategorySet::default();
    if flagged {
        // Sentences that hold the bulk sale: record counts and strong database terms.
        let mut bulk_segs: Vec<usize> = sig.quantities.iter().map(|q| seg.of(q.0)).collect();
        bulk_segs.extend(
            terms
                .iter()
                .filter(|h| h.category == Category::Database && h.strong)
                .map(|h| seg.of(h.start)),
        );
        bulk_segs.sort_unstable();
        // A rate list: strong terms in three or more lines or sentences. Terms are sorted by
        // start, so their segments ascend: counting the changes counts the segments.
        let (mut n_strong_segs, mut last) = (0, None);
        for s in terms.iter().filter(|h| h.strong).map(|h| seg.of(h.start)) {
            if last != Some(s) {
                n_strong_segs += 1;
                last = Some(s);
            }
        }
        let keep_others = !bulk || any_person || n_strong_segs >= 3;
        if bulk {
            categories.insert(Category::Database);
        }
        if keep_others {
            categories.extend(implied.iter());
            for (h, _) in &priced {
                let in_bulk_sale =
                    bulk && (bulk_segs.binary_search(&seg.of(h.start)).is_ok() || !h.strong);
                if cats.contains(&h.category) && !in_bulk_sale {
                    categories.insert(h.category);
                }
            }
        }
    }
    // A post that reads as an offer but names its data only with weak terms away from the
    // offer wording still offers that data.
    if flagged && categories.is_empty() {
        categories.extend(terms.iter().map(|h| h.category));
    }
    let flagged = flagged && !categories.is_empty();
    if !flagged && score >= sc.medium {
        score = (sc.low + sc.medium) / 2.0;
    }
    let level = if flagged {
        level
    } else {
        level.min(Level::Low)
    };
    let categories: Vec<Category> = categories.iter().collect();

    // Prices: explicit ones, and bare amounts beside a data-type term, in the post's order.
    let mut term_prices: Vec<usize> = priced.iter().filter_map(|(_, p)| *p).collect();
    term_prices.sort_unstable();
    let prices: Vec<Price> = sig
        .prices
        .iter()
        .enumerate()
        .filter(|(i, p)| p.explicit || term_prices.binary_search(i).is_ok())
        .map(|(_, p)| Price {
            amount_pkr: p.amount_pkr,
            text: text[p.start..p.end].to_string(),
            start: p.start,
            end: p.end,
        })
        .collect();

    let reasons = reasons(rules, flagged, &categories, &priced, sig, &distinct, bulk);
    let spans = spans(rules, &terms, &prices, sig);
    Verdict {
        flagged,
        level,
        score: (score * 1000.0).round() / 1000.0,
        categories,
        prices,
        contacts: sig.contacts.clone(),
        spans,
        reasons,
    }
}

fn reasons(
    rules: &Rules,
    flagged: bool,
    categories: &[Category],
    priced: &[(TermHit, Option<usize>)],
    sig: &Signals,
    distinct: &[usize],
    bulk: bool,
) -> Vec<String> {
    let fams = &rules.cue_families;
    let mut out = Vec::new();
    if flagged {
        for &c in categories {
            let name = &rules.category_names[category_index(c)];
            if c == Category::Database && bulk {
                out.push(["sells ", name].concat());
                continue;
            }
            let price = priced
                .iter()
                .find(|(h, p)| h.category == c && p.is_some())
                .and_then(|(_, p)| *p);
            // Built in place, with no intermediate strings.
            let mut reason = String::with_capacity(name.len() + 40);
            reason.push_str("offers ");
            reason.push_str(name);
            if let Some(i) = price {
                reason.push_str(" for ");
                push_rupees(&mut reason, sig.prices[i].amount_pkr);
            }
            out.push(reason);
        }
        for (i, f) in fams.iter().enumerate() {
            if distinct[i] > 0 && matches!(f.role, Role::AnyPerson | Role::Lookup) {
                out.push(f.reason.clone());
            }
        }
        for (kind, text) in [
            ("whatsapp", "contact via WhatsApp"),
            ("telegram", "contact via Telegram"),
            ("phone", "contact by phone"),
            ("email", "contact by e-mail"),
            ("url", "contact through a link"),
            ("payment", "payment via mobile wallet or bank"),
        ] {
            if sig.contacts.iter().any(|c| c.kind == kind) {
                out.push(text.to_string());
            }
        }
    } else {
        for (i, f) in fams.iter().enumerate() {
            if distinct[i] > 0 && f.role == Role::Negative {
                out.push(f.reason.clone());
            }
        }
        if !sig.terms.is_empty() && out.is_empty() {
            out.push("mentions personal data but no offer of it".to_string());
        }
    }
    out
}

fn spans(rules: &Rules, terms: &[TermHit], prices: &[Price], sig: &Signals) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(
        terms.len() + prices.len() + sig.cues.len() + sig.contacts.len() + sig.pii.len(),
    );
    out.extend(terms.iter().map(|h| Span {
        start: h.start,
        end: h.end,
        kind: "data",
        category: Some(h.category),
    }));
    out.extend(prices.iter().map(|p| Span {
        start: p.start,
        end: p.end,
        kind: "price",
        category: None,
    }));
    for c in &sig.cues {
        let kind = match rules.cue_families[c.family].role {
            Role::Negative => "negative",
            // Field names ("name", "CNIC") only qualify record counts; nothing to highlight.
            Role::Fields => continue,
            _ => "offer",
        };
        out.push(Span {
            start: c.start,
            end: c.end,
            kind,
            category: None,
        });
    }
    out.extend(sig.contacts.iter().map(|c| Span {
        start: c.start,
        end: c.end,
        kind: "contact",
        category: None,
    }));
    out.extend(sig.pii.iter().map(|n| Span {
        start: n.start,
        end: n.end,
        kind: "pii",
        category: None,
    }));
    out.sort_by(|a, b| (a.start, a.end, a.kind).cmp(&(b.start, b.end, b.kind)));
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rupees_are_grouped_by_thousands() {
        assert_eq!(format_rupees(2000), "Rs 2,000");
        assert_eq!(format_rupees(500), "Rs 500");
        assert_eq!(format_rupees(1234567), "Rs 1,234,567");
    }

    /// The cuts as first written, char by char.
    fn cuts_by_chars(text: &str) -> Vec<usize> {
        let b = text.as_bytes();
        text.char_indices()
            .filter(|&(i, c)| match c {
                '\n' | '|' | '•' | '۔' | '!' | '?' | '؟' | ';' => true,
                '.' => b.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()),
                _ => false,
            })
            .map(|(i, _)| i)
            .collect()
    }

    #[test]
    fn segments_cut_where_the_char_by_char_reading_does() {
        use crate::engine::xorshift;
        // Strings of the cut chars, their neighbours in UTF-8 (same lead byte) and others.
        let alphabet: Vec<char> = "\n|•۔!?؟;. \ta€ۓؠ‚ب😀".chars().collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..3000 {
            let len = (seed % 12) as usize;
            let t: String = (0..len)
                .map(|_| alphabet[(xorshift(&mut seed) % alphabet.len() as u64) as usize])
                .collect();
            assert_eq!(Segments::before(&t, t.len()).0, cuts_by_chars(&t), "{t:?}");
        }
    }

    #[test]
    fn segments_split_lines_and_sentences_not_decimals() {
        let t = "CDR Rs.2000. Location 2.5k\nFRC";
        let s = Segments::before(t, t.len());
        assert_eq!(s.of(0), s.of(8));
        assert_ne!(s.of(0), s.of(14));
        assert_eq!(s.of(14), s.of(24));
        assert_ne!(s.of(24), s.of(28));
    }
}
