//! What the engine says about one post. These field names are a contract: the CLI prints them,
//! the wasm layer hands them to JavaScript, and reports carry them (see DESIGN.md).

use serde::Serialize;

/// The category ids shared by the engine, the corpus and reports.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Cnic,
    SimOwner,
    Cdr,
    Location,
    Imei,
    Family,
    Travel,
    Vehicle,
    Bank,
    Database,
}

impl Category {
    pub const ALL: [Category; 10] = [
        Category::Cnic,
        Category::SimOwner,
        Category::Cdr,
        Category::Location,
        Category::Imei,
        Category::Family,
        Category::Travel,
        Category::Vehicle,
        Category::Bank,
        Category::Database,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Category::Cnic => "cnic",
            Category::SimOwner => "sim_owner",
            Category::Cdr => "cdr",
            Category::Location => "location",
            Category::Imei => "imei",
            Category::Family => "family",
            Category::Travel => "travel",
            Category::Vehicle => "vehicle",
            Category::Bank => "bank",
            Category::Database => "database",
        }
    }

    pub fn from_id(id: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.id() == id)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    None,
    Low,
    Medium,
    High,
}

/// A price found in the post, normalised to rupees.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Price {
    pub amount_pkr: u64,
    /// The price as written in the post.
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// A way to reach the seller.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contact {
    /// "phone" | "whatsapp" | "telegram" | "email" | "url" | "payment"
    pub kind: &'static str,
    /// Normalised value (a phone as 03XXXXXXXXX, a handle with its @, a link as written).
    pub value: String,
    pub start: usize,
    pub end: usize,
}

/// A stretch of the original text that a signal came from, for highlighting.
/// `start`/`end` are byte offsets into the original UTF-8 text (the wasm layer converts them
/// to UTF-16 code units for JavaScript).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    /// "data" | "price" | "offer" | "contact" | "pii" | "negative"
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    pub flagged: bool,
    pub level: Level,
    pub score: f64,
    pub categories: Vec<Category>,
    pub prices: Vec<Price>,
    pub contacts: Vec<Contact>,
    pub spans: Vec<Span>,
    pub reasons: Vec<String>,
}

impl Verdict {
    /// The same verdict with every `start`/`end` converted from UTF-8 byte offsets into `text`
    /// to UTF-16 code units, as JavaScript string indices count. `text` must be the scanned
    /// text. Linear in the text's length (one pass, offsets sorted).
    pub fn into_utf16(mut self, text: &str) -> Verdict {
        // In ASCII text every char is one byte and one code unit: nothing to convert.
        if text.is_ascii() {
            return self;
        }
        let mut offsets: Vec<usize> = Vec::new();
        for p in &self.prices {
            offsets.extend([p.start, p.end]);
        }
        for c in &self.contacts {
            offsets.extend([c.start, c.end]);
        }
        for s in &self.spans {
            offsets.extend([s.start, s.end]);
        }
        offsets.sort_unstable();
        offsets.dedup();
        let mut table = Vec::with_capacity(offsets.len());
        let (mut byte, mut units) = (0usize, 0usize);
        let mut chars = text.char_indices().peekable();
        for &o in &offsets {
            while let Some(&(i, c)) = chars.peek() {
                if i + c.len_utf8() > o {
                    break;
                }
                units += c.len_utf16();
                byte = i + c.len_utf8();
                chars.next();
            }
            let _ = byte;
            table.push(units);
        }
        let conv = |b: usize| table[offsets.binary_search(&b).unwrap_or(0)];
        for p in &mut self.prices {
            (p.start, p.end) = (conv(p.start), conv(p.end));
        }
        for c in &mut self.contacts {
            (c.start, c.end) = (conv(c.start), conv(c.end));
        }
        for s in &mut self.spans {
            (s.start, s.end) = (conv(s.start), conv(s.end));
        }
        self
    }
}
