//! Verdicts handed to JavaScript as one array of numbers and one string, which
//! `verdicts.js` turns into plain objects (the CLI's snake_case fields). Building the objects
//! with object literals in JavaScript is many times faster than `JSON.parse` of the same
//! verdicts, and no JSON is written (writing, decoding and parsing JSON took a fifth of a batch
//! scan in V8, profiled in Node).
//!
//! Layout of `numbers` (`verdicts.js` reads it in the same order):
//! `[count, names_at, names_offset, verdict..., name_count, name_len...]`, where each verdict is
//! `flagged, level, score, n, category... , n, (amount_pkr, text, start, end)..., n, (kind,
//! value, start, end)..., n, (start, end, kind, category or -1)..., n, reason...`.
//! A string field is its length in UTF-16 code units; the strings follow one another in
//! `strings`. A name (level, kind, category id) is an index into the names, which come last:
//! from `names_at` in `numbers` and from UTF-16 offset `names_offset` in `strings`.

use wasm_bindgen::prelude::*;

use crate::engine::verdict::Level;
use crate::Verdict;

#[wasm_bindgen(module = "/src/wasm/verdicts.js")]
extern "C" {
    #[wasm_bindgen(js_name = readVerdicts)]
    fn read_verdicts(numbers: &[f64], strings: &str) -> js_sys::Array;
}

/// The verdicts as an array of plain JS objects.
pub fn to_js(verdicts: &[Verdict]) -> js_sys::Array {
    let mut e = Encoder::default();
    e.numbers.extend([verdicts.len() as f64, 0.0, 0.0]);
    for v in verdicts {
        e.verdict(v);
    }
    e.numbers[1] = e.numbers.len() as f64;
    e.numbers[2] = e.utf16_len as f64;
    let names = std::mem::take(&mut e.names);
    e.numbers.push(names.len() as f64);
    for name in names {
        e.text(name);
    }
    read_verdicts(&e.numbers, &e.strings)
}

#[derive(Default)]
struct Encoder {
    numbers: Vec<f64>,
    strings: String,
    /// UTF-16 length of `strings` so far.
    utf16_len: usize,
    /// The distinct names met so far (a handful: levels, kinds, category ids).
    names: Vec<&'static str>,
}

impl Encoder {
    fn num(&mut self, n: usize) {
        self.numbers.push(n as f64);
    }

    fn text(&mut self, s: &str) {
        let len = s.encode_utf16().count();
        self.num(len);
        self.utf16_len += len;
        self.strings.push_str(s);
    }

    fn name(&mut self, name: &'static str) {
        let i = match self.names.iter().position(|&n| n == name) {
            Some(i) => i,
            None => {
                self.names.push(name);
                self.names.len() - 1
            }
        };
        self.num(i);
    }

    fn verdict(&mut self, v: &Verdict) {
        self.num(usize::from(v.flagged));
        self.name(level_name(v.level));
        self.numbers.push(v.score);
        self.num(v.categories.len());
        for c in &v.categories {
            self.name(c.id());
        }
        self.num(v.prices.len());
        for p in &v.prices {
            // Amounts are whole rupees far below 2^53: exact as f64, as in JSON.
            self.numbers.push(p.amount_pkr as f64);
            self.text(&p.text);
            self.num(p.start);
            self.num(p.end);
        }
        self.num(v.contacts.len());
        for c in &v.contacts {
            self.name(c.kind);
            self.text(&c.value);
            self.num(c.start);
            self.num(c.end);
        }
        self.num(v.spans.len());
        for s in &v.spans {
            self.num(s.start);
            self.num(s.end);
            self.name(s.kind);
            match s.category {
                Some(c) => self.name(c.id()),
                None => self.numbers.push(-1.0),
            }
        }
        self.num(v.reasons.len());
        for r in &v.reasons {
            self.text(r);
        }
    }
}

/// The level as serde writes it (the wasm tests compare every verdict with the native JSON).
fn level_name(level: Level) -> &'static str {
    match level {
        Level::None => "none",
        Level::Low => "low",
        Level::Medium => "medium",
        Level::High => "high",
    }
}
