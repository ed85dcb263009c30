//! `nigehban eval FILE [FILE...]`: runs the engine over labeled corpora (the format of
//! ../shared/corpus/dev.jsonl) and prints precision, recall and F1 overall, per language, per
//! category and for obfuscated items, category exact-set accuracy on listings, the flagged rate,
//! and every miss. Thresholds (`--min-*`, `--max-flag-rate`) make it exit 1 when not met.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, BufRead};

use nigehban::{Category, Scanner, Verdict};
use serde_json::Value;

/// Thresholds a run must meet; `None` means "not checked".
#[derive(Debug, Default, Clone)]
pub struct Thresholds {
    pub min_precision: Option<f64>,
    pub min_recall: Option<f64>,
    pub min_obfuscated_recall: Option<f64>,
    pub min_lang_recall: Option<f64>,
    pub min_category_accuracy: Option<f64>,
    pub max_flag_rate: Option<f64>,
}

struct Item {
    id: String,
    text: String,
    listing: bool,
    lang: String,
    kind: String,
    obfuscated: bool,
    gold: BTreeSet<String>,
    verdict: Verdict,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

impl Counts {
    fn add(&mut self, gold: bool, pred: bool) {
        match (gold, pred) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }
    fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(&self) -> Option<f64> {
        let (p, r) = (self.precision()?, self.recall()?);
        Some(if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        })
    }
    fn flag_rate(&self) -> Option<f64> {
        ratio(self.tp + self.fp, self.tp + self.fp + self.fn_ + self.tn)
    }
    fn line(&self) -> String {
        format!(
            "precision {}  recall {}  F1 {}  (tp {} fp {} fn {} tn {})",
            fmt(self.precision()),
            fmt(self.recall()),
            fmt(self.f1()),
            self.tp,
            self.fp,
            self.fn_,
            self.tn
        )
    }
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

fn fmt(x: Option<f64>) -> String {
    x.map_or("n/a".to_string(), |v| format!("{v:.3}"))
}

fn snippet(t: &str) -> String {
    let one_line: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut s: String = one_line.chars().take(140).collect();
    if one_line.chars().count() > 140 {
        s.push('…');
    }
    s
}

pub fn run(files: &[String], th: &Thresholds) -> i32 {
    let scanner = match Scanner::new() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("nigehban: {e}");
            return 2;
        }
    };
    let mut items = Vec::new();
    let mut bad = 0;
    for path in files {
        let before = items.len();
        match load(path, &scanner, &mut items) {
            Ok(b) => bad += b,
            Err(e) => {
                eprintln!("nigehban: cannot read {path}: {e}");
                return 2;
            }
        }
        let added = &items[before..];
        let listings = added.iter().filter(|i| i.listing).count();
        let flagged = added.iter().filter(|i| i.verdict.flagged).count();
        println!(
            "{path}: {} items, {listings} listings, {flagged} flagged",
            added.len()
        );
    }
    if items.is_empty() {
        eprintln!("nigehban: no items to evaluate");
        return 2;
    }
    let failures = report(&items, th);
    if bad > 0 {
        eprintln!("nigehban: {bad} bad line(s) skipped");
    }
    if failures.is_empty() && bad == 0 {
        0
    } else {
        for f in &failures {
            println!("THRESHOLD MISSED: {f}");
        }
        1
    }
}

fn load(path: &str, scanner: &Scanner, items: &mut Vec<Item>) -> io::Result<usize> {
    let file = std::fs::File::open(path)?;
    let mut bad = 0;
    for (i, line) in io::BufReader::new(file).split(b'\n').enumerate() {
        let bytes = line?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match parse_item(&bytes, scanner) {
            Ok(item) => items.push(item),
            Err(msg) => {
                bad += 1;
                eprintln!("nigehban: {path}: line {}: {msg}; skipped", i + 1);
            }
        }
    }
    Ok(bad)
}

fn parse_item(bytes: &[u8], scanner: &Scanner) -> Result<Item, String> {
    let v: Value = serde_json::from_slice(bytes).map_err(|e| format!("not valid JSON ({e})"))?;
    let text = v
        .get("text")
        .and_then(Value::as_str)
        .ok_or("missing string \"text\"")?
        .to_string();
    let label = v
        .get("label")
        .and_then(Value::as_str)
        .ok_or("missing string \"label\"")?;
    let listing = match label {
        "listing" => true,
        "benign" => false,
        other => return Err(format!("unknown label `{other}`")),
    };
    let gold: BTreeSet<String> = v
        .get("categories")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    for c in &gold {
        if Category::from_id(c).is_none() {
            return Err(format!("unknown category `{c}`"));
        }
    }
    let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let obfuscated = match v.get("obfuscated") {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => !s.is_empty() && s != "false" && s != "none",
        _ => false,
    };
    let verdict = scanner.scan(&text);
    Ok(Item {
        id: v.get("id").map_or_else(String::new, |x| {
            x.as_str().map_or_else(|| x.to_string(), String::from)
        }),
        lang: s("lang"),
        kind: s("kind"),
        text,
        listing,
        obfuscated,
        gold,
        verdict,
    })
}

fn predicted(item: &Item) -> BTreeSet<String> {
    item.verdict
        .categories
        .iter()
        .map(|c| c.id().to_string())
        .collect()
}

fn report(items: &[Item], th: &Thresholds) -> Vec<String> {
    let mut fails = Vec::new();
    let mut check_min = |name: &str, got: Option<f64>, min: Option<f64>| {
        if let (Some(min), Some(got)) = (min, got) {
            if got < min {
                fails.push(format!("{name} {got:.3} < {min}"));
            }
        }
    };

    let mut all = Counts::default();
    let mut obf = Counts::default();
    let mut by_lang: BTreeMap<String, Counts> = BTreeMap::new();
    for it in items {
        all.add(it.listing, it.verdict.flagged);
        by_lang
            .entry(it.lang.clone())
            .or_default()
            .add(it.listing, it.verdict.flagged);
        if it.obfuscated {
            obf.add(it.listing, it.verdict.flagged);
        }
    }
    println!("\noverall     {}", all.line());
    println!(
        "flagged rate {} ({} of {})",
        fmt(all.flag_rate()),
        all.tp + all.fp,
        items.len()
    );
    println!("obfuscated  {}", obf.line());
    for (lang, c) in &by_lang {
        println!("lang {lang:<9} {}", c.line());
    }

    // Per category, on listings: does the engine name the categories the label names?
    let listings: Vec<&Item> = items.iter().filter(|i| i.listing).collect();
    let mut exact = 0;
    let mut exact_detected = 0;
    let mut per_cat: BTreeMap<&str, Counts> = BTreeMap::new();
    for it in &listings {
        let pred = predicted(it);
        if pred == it.gold {
            exact += 1;
            if it.verdict.flagged {
                exact_detected += 1;
            }
        }
        for c in Category::ALL {
            per_cat
                .entry(c.id())
                .or_default()
                .add(it.gold.contains(c.id()), pred.contains(c.id()));
        }
    }
    let detected = listings.iter().filter(|i| i.verdict.flagged).count();
    let cat_acc = ratio(exact, listings.len());
    if !listings.is_empty() {
        println!(
            "category exact-set accuracy {} on listings ({exact} of {}); {} on detected listings",
            fmt(cat_acc),
            listings.len(),
            fmt(ratio(exact_detected, detected))
        );
        for (c, n) in &per_cat {
            if n.tp + n.fp + n.fn_ > 0 {
                println!("category {c:<10} {}", n.line());
            }
        }
    }

    check_min(
        "precision",
        if all.tp + all.fp + all.tn > 0 {
            all.precision().or(Some(1.0))
        } else {
            None
        },
        th.min_precision,
    );
    check_min("recall", all.recall(), th.min_recall);
    check_min("obfuscated recall", obf.recall(), th.min_obfuscated_recall);
    for (lang, c) in &by_lang {
        check_min(&format!("recall ({lang})"), c.recall(), th.min_lang_recall);
    }
    check_min("category accuracy", cat_acc, th.min_category_accuracy);
    if let (Some(max), Some(rate)) = (th.max_flag_rate, all.flag_rate()) {
        if rate > max {
            fails.push(format!("flagged rate {rate:.4} > {max}"));
        }
    }

    let misses: Vec<&Item> = items
        .iter()
        .filter(|i| i.listing != i.verdict.flagged)
        .collect();
    if !misses.is_empty() {
        println!("\nmisses ({}):", misses.len());
        for it in misses {
            let what = if it.listing { "FN" } else { "FP" };
            let gold: Vec<&str> = it.gold.iter().map(String::as_str).collect();
            println!(
                "  {what} {} [{} {}{}] score {:.3} gold {:?} reasons {:?}\n     {}",
                it.id,
                it.lang,
                it.kind,
                if it.obfuscated { " obf" } else { "" },
                it.verdict.score,
                gold,
                it.verdict.reasons,
                snippet(&it.text)
            );
        }
    }
    let wrong_cats: Vec<&&Item> = listings
        .iter()
        .filter(|i| i.verdict.flagged && predicted(i) != i.gold)
        .collect();
    if !wrong_cats.is_empty() {
        println!(
            "\ncategory mismatches on detected listings ({}):",
            wrong_cats.len()
        );
        for it in wrong_cats {
            let gold: Vec<&str> = it.gold.iter().map(String::as_str).collect();
            let pred = predicted(it);
            println!(
                "  {} gold {:?} got {:?}\n     {}",
                it.id,
                gold,
                pred,
                snippet(&it.text)
            );
        }
    }
    fails
}
