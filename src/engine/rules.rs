//! Loads, validates and compiles the rules file (rules/rules.toml, compiled into the binary).
//! Everything the engine knows about words lives there; this module turns it into automata.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

use super::normalize::Views;
use super::signals::lexicon::{Lexicon, LexiconBuilder, Match};
use super::verdict::Category;

/// The built-in rules as JSON, made from rules/rules.toml by build.rs (see there why).
pub const BUILTIN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/rules.json"));

/// The built-in rules' TOML source, for tests and tools that edit it.
#[cfg(not(target_arch = "wasm32"))]
pub const BUILTIN: &str = include_str!("../../rules/rules.toml");

/// A rules file that cannot be used, with what is wrong in words.
#[derive(Debug)]
pub struct RulesError(pub String);

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "bad rules file: {}", self.0)
    }
}

impl std::error::Error for RulesError {}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    version: String,
    scoring: Scoring,
    categories: BTreeMap<String, CategoryFile>,
    #[serde(default)]
    suppress: Vec<SuppressFile>,
    #[serde(default)]
    imply: Vec<ImplyFile>,
    cues: BTreeMap<String, CueFile>,
    contact: ContactWords,
    price: PriceRules,
}

/// Weights and thresholds; see the comments in rules.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    pub bias: f64,
    pub strong_term: f64,
    pub weak_term: f64,
    pub weak_priced: f64,
    pub extra_category: f64,
    pub max_extra_categories: usize,
    pub explicit_price: f64,
    pub priced_data: f64,
    pub priced_data_repeat: f64,
    pub max_priced_data: usize,
    pub contact: f64,
    pub near_bytes: usize,
    pub bulk: f64,
    pub low: f64,
    pub medium: f64,
    pub high: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryFile {
    name: String,
    strong: Vec<String>,
    #[serde(default)]
    weak: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SuppressFile {
    category: String,
    when: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ImplyFile {
    category: String,
    all: Vec<String>,
    #[serde(default)]
    unless: Vec<String>,
}

/// A category implied by cue families together (see `[[imply]]` in rules.toml).
#[derive(Debug, Clone)]
pub struct Imply {
    pub category: Category,
    /// Cue families or categories (any hit, weak ones included) that must all be present.
    pub all: Vec<Trigger>,
    pub unless: Vec<Category>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CueFile {
    role: String,
    weight: f64,
    repeat: f64,
    max_hits: usize,
    reason: String,
    #[serde(default = "one")]
    targeting_factor: f64,
    terms: Vec<String>,
}

fn one() -> f64 {
    1.0
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Offer,
    AnyPerson,
    Lookup,
    Payment,
    Bulk,
    /// Personal fields ("name, CNIC, address"): say what counted records hold.
    Fields,
    Negative,
}

/// One family of cue words and what it weighs.
#[derive(Debug, Clone)]
pub struct CueFamily {
    pub id: String,
    pub role: Role,
    pub weight: f64,
    pub repeat: f64,
    pub max_hits: usize,
    pub reason: String,
    /// Factor on the weight when the post also targets "any person".
    pub targeting_factor: f64,
}

/// Words that tell what a phone number beside them is.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactWords {
    pub whatsapp: Vec<String>,
    pub telegram: Vec<String>,
    pub payment: Vec<String>,
    pub call: Vec<String>,
    pub sample: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Currency {
    pub words: Vec<String>,
    pub pkr: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Multiplier {
    pub words: Vec<String>,
    pub value: f64,
    pub attached: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberWord {
    pub words: Vec<String>,
    pub value: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceRules {
    pub currencies: Vec<Currency>,
    pub multipliers: Vec<Multiplier>,
    pub number_words: Vec<NumberWord>,
    pub cue_before: Vec<String>,
    pub cue_after: Vec<String>,
    pub units: Vec<String>,
    pub quantity_nouns: Vec<String>,
}

/// What a suppression rule waits for: a category's presence or a cue family's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Trigger {
    Category(Category),
    Cue(usize),
}

/// Compiled rules, ready to scan with.
pub struct Rules {
    pub version: String,
    pub scoring: Scoring,
    /// Display names, indexed like `Category::ALL`.
    pub category_names: Vec<String>,
    /// Data-type terms, cue words and contact words in one automaton, so that a post is
    /// searched once; see [`Rules::find_words`].
    words: Lexicon,
    pub suppress: Vec<(Category, Vec<Trigger>)>,
    pub imply: Vec<Imply>,
    pub cue_families: Vec<CueFamily>,
    pub price: PriceRules,
}

/// The words of a post, by kind, each list sorted by (start, end).
pub struct Words {
    /// Data-type terms; payload = category index * 2 + (1 if strong).
    pub terms: Vec<Match>,
    /// Cue words; payload = (index into `Rules::cue_families`) << 16 | term index.
    pub cues: Vec<Match>,
    /// Contact words; payload = ContactWord as u32.
    pub contact: Vec<Match>,
}

/// The kind of a word in the merged lexicon, kept in the payload's top two bits.
const KIND_SHIFT: u32 = 30;
const TERM: u32 = 0;
const CUE: u32 = 1;
const CONTACT: u32 = 2;
const PAYLOAD_MASK: u32 = (1 << KIND_SHIFT) - 1;

/// Kinds of contact words (payloads of `Words::contact`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactWord {
    WhatsApp = 0,
    Telegram = 1,
    Payment = 2,
    Call = 3,
    Sample = 4,
}

impl ContactWord {
    pub fn from_payload(p: u32) -> ContactWord {
        match p {
            0 => ContactWord::WhatsApp,
            1 => ContactWord::Telegram,
            2 => ContactWord::Payment,
            3 => ContactWord::Call,
            _ => ContactWord::Sample,
        }
    }
}

/// A category's index in `Category::ALL`, which lists them in declaration order.
pub fn category_index(c: Category) -> usize {
    c as usize
}

fn err(msg: impl Into<String>) -> RulesError {
    RulesError(msg.into())
}

impl Rules {
    /// Parses a rules file's TOML text.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn parse(text: &str) -> Result<Rules, RulesError> {
        let file: RulesFile = toml::from_str(text).map_err(|e| err(e.to_string()))?;
        Rules::from_file(file, &[])
    }

    /// The built-in rules plus `extra` strong terms (a user's own terms) in their categories.
    pub fn builtin_with_extra(extra: &[(Category, String)]) -> Result<Rules, RulesError> {
        let file: RulesFile = serde_json::from_str(BUILTIN_JSON).map_err(|e| err(e.to_string()))?;
        Rules::from_file(file, extra)
    }

    /// Every data-type term, cue word and contact word in the post, by kind.
    pub fn find_words(&self, views: &Views) -> Words {
        let all = self.words.find(views);
        // Each list sized once (they grew one push at a time).
        let mut n = [0; 3];
        for m in &all {
            n[((m.payload >> KIND_SHIFT) as usize).min(2)] += 1;
        }
        let mut w = Words {
            terms: Vec::with_capacity(n[TERM as usize]),
            cues: Vec::with_capacity(n[CUE as usize]),
            contact: Vec::with_capacity(n[CONTACT as usize]),
        };
        for m in all {
            let list = match m.payload >> KIND_SHIFT {
                TERM => &mut w.terms,
                CUE => &mut w.cues,
                _ => &mut w.contact,
            };
            list.push(Match {
                payload: m.payload & PAYLOAD_MASK,
                ..m
            });
        }
        w
    }

    fn from_file(file: RulesFile, extra: &[(Category, String)]) -> Result<Rules, RulesError> {
        if file.version.trim().is_empty() {
            return Err(err("`version` is empty"));
        }
        validate_scoring(&file.scoring)?;

        let mut category_names = vec![String::new(); Category::ALL.len()];
        let mut term_list: Vec<(String, u32)> = Vec::new();
        for (id, cat) in &file.categories {
            let c = Category::from_id(id)
                .ok_or_else(|| err(format!("unknown category id `{id}` in [categories]")))?;
            let idx = category_index(c);
            if cat.strong.is_empty() {
                return Err(err(format!("category `{id}` has no strong terms")));
            }
            category_names[idx] = cat.name.clone();
            term_list.extend(cat.strong.iter().map(|t| (t.clone(), idx as u32 * 2 + 1)));
            term_list.extend(cat.weak.iter().map(|t| (t.clone(), idx as u32 * 2)));
        }
        for c in Category::ALL {
            if category_names[category_index(c)].is_empty() {
                return Err(err(format!(
                    "category `{}` is missing from [categories]",
                    c.id()
                )));
            }
        }
        for (c, t) in extra {
            if t.trim().is_empty() {
                return Err(err("an extra term is empty"));
            }
            term_list.push((t.to_lowercase(), category_index(*c) as u32 * 2 + 1));
        }
        let mut words = LexiconBuilder::default();
        for (t, p) in &term_list {
            words
                .add(t, TERM << KIND_SHIFT | p)
                .map_err(|e| err(format!("in [categories]: {e}")))?;
        }

        let mut cue_families = Vec::new();
        let mut cue_list: Vec<(String, u32)> = Vec::new();
        for (id, f) in &file.cues {
            let role = match f.role.as_str() {
                "offer" => Role::Offer,
                "any_person" => Role::AnyPerson,
                "lookup" => Role::Lookup,
                "payment" => Role::Payment,
                "bulk" => Role::Bulk,
                "fields" => Role::Fields,
                "negative" => Role::Negative,
                other => return Err(err(format!("cue family `{id}` has unknown role `{other}`"))),
            };
            if role == Role::Negative && (f.weight > 0.0 || f.repeat > 0.0) {
                return Err(err(format!(
                    "negative cue family `{id}` must have weights <= 0"
                )));
            }
            if role != Role::Negative && (f.weight < 0.0 || f.repeat < 0.0) {
                return Err(err(format!("cue family `{id}` must have weights >= 0")));
            }
            if !(0.0..=1.0).contains(&f.targeting_factor) {
                return Err(err(format!(
                    "cue family `{id}`: targeting_factor must be within 0..1"
                )));
            }
            if f.terms.is_empty() {
                return Err(err(format!("cue family `{id}` has no terms")));
            }
            // Payload: family index in the high bits, term index in the low 16 (to count distinct terms).
            let idx = cue_families.len() as u32;
            if f.terms.len() >= 1 << 16 {
                return Err(err(format!("cue family `{id}` has too many terms")));
            }
            cue_list.extend(
                f.terms
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (t.clone(), (idx << 16) | i as u32)),
            );
            cue_families.push(CueFamily {
                id: id.clone(),
                role,
                weight: f.weight,
                repeat: f.repeat,
                max_hits: f.max_hits.max(1),
                reason: f.reason.clone(),
                targeting_factor: f.targeting_factor,
            });
        }
        for role in [
            Role::Offer,
            Role::AnyPerson,
            Role::Lookup,
            Role::Payment,
            Role::Bulk,
        ] {
            if !cue_families.iter().any(|f| f.role == role) {
                return Err(err(format!("no cue family with role `{role:?}`")));
            }
        }
        for (t, p) in &cue_list {
            words
                .add(t, CUE << KIND_SHIFT | p)
                .map_err(|e| err(format!("in [cues]: {e}")))?;
        }

        let mut suppress = Vec::new();
        for s in &file.suppress {
            let c = Category::from_id(&s.category)
                .ok_or_else(|| err(format!("unknown category `{}` in [[suppress]]", s.category)))?;
            let mut triggers = Vec::new();
            for w in &s.when {
                if let Some(c) = Category::from_id(w) {
                    triggers.push(Trigger::Category(c));
                } else if let Some(i) = cue_families.iter().position(|f| f.id == *w) {
                    triggers.push(Trigger::Cue(i));
                } else {
                    return Err(err(format!(
                        "[[suppress]] `when` names `{w}`, neither a category nor a cue family"
                    )));
                }
            }
            suppress.push((c, triggers));
        }

        let mut imply = Vec::new();
        for i in &file.imply {
            let category = Category::from_id(&i.category)
                .ok_or_else(|| err(format!("unknown category `{}` in [[imply]]", i.category)))?;
            let all = i
                .all
                .iter()
                .map(|w| match Category::from_id(w) {
                    Some(c) => Ok(Trigger::Category(c)),
                    None => cue_families
                        .iter()
                        .position(|f| f.id == *w)
                        .map(Trigger::Cue)
                        .ok_or_else(|| {
                            err(format!(
                                "[[imply]] `all` names `{w}`, neither a category nor a cue family"
                            ))
                        }),
                })
                .collect::<Result<Vec<Trigger>, RulesError>>()?;
            let unless = i
                .unless
                .iter()
                .map(|w| {
                    Category::from_id(w).ok_or_else(|| {
                        err(format!("[[imply]] `unless` names `{w}`, not a category"))
                    })
                })
                .collect::<Result<Vec<Category>, RulesError>>()?;
            imply.push(Imply {
                category,
                all,
                unless,
            });
        }

        let cw = &file.contact;
        for (list, kind) in [
            (&cw.whatsapp, ContactWord::WhatsApp),
            (&cw.telegram, ContactWord::Telegram),
            (&cw.payment, ContactWord::Payment),
            (&cw.call, ContactWord::Call),
            (&cw.sample, ContactWord::Sample),
        ] {
            for t in list {
                words
                    .add(t, CONTACT << KIND_SHIFT | kind as u32)
                    .map_err(|e| err(format!("in [contact]: {e}")))?;
            }
        }
        let words = words.build().map_err(err)?;

        validate_price(&file.price)?;
        Ok(Rules {
            version: file.version,
            scoring: file.scoring,
            category_names,
            words,
            suppress,
            imply,
            cue_families,
            price: file.price,
        })
    }
}

fn validate_scoring(s: &Scoring) -> Result<(), RulesError> {
    let ordered = 0.0 < s.low && s.low < s.medium && s.medium < s.high && s.high < 1.0;
    if !ordered {
        return Err(err(
            "[scoring] thresholds must satisfy 0 < low < medium < high < 1",
        ));
    }
    let all = [
        s.bias,
        s.strong_term,
        s.weak_term,
        s.weak_priced,
        s.extra_category,
        s.explicit_price,
        s.priced_data,
        s.priced_data_repeat,
        s.contact,
        s.bulk,
    ];
    if all.iter().any(|w| !w.is_finite()) {
        return Err(err("[scoring] weights must be finite numbers"));
    }
    Ok(())
}

fn validate_price(p: &PriceRules) -> Result<(), RulesError> {
    if p.currencies.is_empty()
        || p.currencies
            .iter()
            .any(|c| c.words.is_empty() || c.pkr <= 0.0 || !c.pkr.is_finite())
    {
        return Err(err(
            "[price] currencies need words and a positive `pkr` rate",
        ));
    }
    if p.multipliers
        .iter()
        .any(|m| m.words.is_empty() || m.value <= 0.0 || !m.value.is_finite())
    {
        return Err(err("[price] multipliers need words and a positive value"));
    }
    let words = p
        .currencies
        .iter()
        .flat_map(|c| &c.words)
        .chain(p.multipliers.iter().flat_map(|m| &m.words))
        .chain(p.number_words.iter().flat_map(|n| &n.words));
    for w in words {
        if w.trim().is_empty() {
            return Err(err("[price] has an empty word"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_json_rules_equal_the_toml_source() {
        let from_toml: toml::Value = toml::from_str(BUILTIN).unwrap();
        let from_toml = serde_json::to_value(from_toml).unwrap();
        let embedded: serde_json::Value = serde_json::from_str(BUILTIN_JSON).unwrap();
        assert_eq!(embedded, from_toml, "build.rs output is stale or lossy");
        let a = Rules::parse(BUILTIN).unwrap();
        let b = Rules::builtin_with_extra(&[]).unwrap();
        assert_eq!(a.version, b.version);
    }

    #[test]
    fn builtin_rules_compile() {
        let r = Rules::parse(BUILTIN).unwrap();
        assert!(!r.version.is_empty());
        assert!(r.cue_families.iter().any(|f| f.role == Role::Negative));
    }

    #[test]
    fn syntax_error_is_reported() {
        let e = Rules::parse("version = ").err().unwrap();
        assert!(e.to_string().starts_with("bad rules file:"), "{e}");
    }

    #[test]
    fn unknown_category_is_named() {
        let bad = BUILTIN.replace("[categories.bank]", "[categories.banking]");
        let e = Rules::parse(&bad).err().unwrap().to_string();
        assert!(e.contains("banking"), "{e}");
    }

    #[test]
    fn thresholds_out_of_order_are_rejected() {
        let bad = BUILTIN.replace("medium = 0.5", "medium = 0.9");
        let e = Rules::parse(&bad).err().unwrap().to_string();
        assert!(e.contains("thresholds"), "{e}");
    }

    #[test]
    fn imply_must_name_cue_families() {
        let bad = BUILTIN.replace(
            r#"all = ["any_person", "fields"]"#,
            r#"all = ["any_person", "nonsense"]"#,
        );
        let e = Rules::parse(&bad).err().unwrap().to_string();
        assert!(e.contains("nonsense"), "{e}");
    }

    #[test]
    fn positive_weight_on_a_negative_family_is_rejected() {
        let news = "[cues.news]\nrole = \"negative\"\nweight = -";
        assert!(
            BUILTIN.contains(news),
            "the news family's layout changed; update this test"
        );
        let bad = BUILTIN.replace(news, "[cues.news]\nrole = \"negative\"\nweight = ");
        let e = Rules::parse(&bad).err().unwrap().to_string();
        assert!(e.contains("news"), "{e}");
    }
}
