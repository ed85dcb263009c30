//! The JavaScript face of the engine (wasm32 only): a thin layer over [`crate::Scanner`].
//!
//! ```js
//! import init, { Scanner } from './wasm/nigehban.js';
//! await init();
//! const scanner = new Scanner();          // compiles the rules once
//! scanner.scan(text);                     // -> Verdict
//! scanner.scanBatch([a, b, c]);           // -> Verdict[], one JS/wasm crossing for many posts
//! scanner.rulesVersion();                 // -> string
//! ```
//!
//! Verdicts cross as plain JS objects (the CLI's snake_case fields) through serde-wasm-bindgen.
//! The one change from the Rust [`Verdict`]: every `start`/`end` is converted from UTF-8 byte
//! offsets to UTF-16 code units, so `text.slice(start, end)` in JavaScript is the matched text.
//! Errors arrive as JS `Error`s with a message.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::Verdict;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** A stretch of the text (UTF-16 offsets, so `text.slice(start, end)` is what matched). */
export interface Span { start: number; end: number; kind: "data" | "price" | "offer" | "contact" | "pii" | "negative"; category?: string }
export interface Price { amount_pkr: number; text: string; start: number; end: number }
export interface Contact { kind: "phone" | "whatsapp" | "telegram" | "email" | "url" | "payment"; value: string; start: number; end: number }
export interface Verdict {
  flagged: boolean;
  level: "none" | "low" | "medium" | "high";
  score: number;
  categories: string[];
  prices: Price[];
  contacts: Contact[];
  spans: Span[];
  reasons: string[];
}
"#;

/// The engine, built once with the rules compiled into the module.
#[wasm_bindgen(js_name = Scanner)]
pub struct WasmScanner {
    inner: crate::Scanner,
}

#[wasm_bindgen(js_class = Scanner)]
impl WasmScanner {
    /// Compiles the built-in rules; throws an Error saying what is wrong if they are bad.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<WasmScanner, JsError> {
        crate::Scanner::new()
            .map(|inner| WasmScanner { inner })
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// The version of the rules this scanner was built with.
    #[wasm_bindgen(js_name = rulesVersion)]
    pub fn rules_version(&self) -> String {
        self.inner.rules_version().to_owned()
    }

    /// Scans one post's text.
    #[wasm_bindgen(unchecked_return_type = "Verdict")]
    pub fn scan(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, JsError> {
        let text = text
            .as_string()
            .ok_or_else(|| JsError::new("scan: expected a string"))?;
        to_js(&self.scan_for_js(&text))
    }

    /// Scans many posts in one call; the verdicts come back in the same order.
    #[wasm_bindgen(js_name = scanBatch, unchecked_return_type = "Verdict[]")]
    pub fn scan_batch(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] texts: JsValue,
    ) -> Result<JsValue, JsError> {
        if !js_sys::Array::is_array(&texts) {
            return Err(JsError::new("scanBatch: expected an array of strings"));
        }
        let texts = js_sys::Array::from(&texts);
        let mut verdicts = Vec::with_capacity(texts.length() as usize);
        for (i, item) in texts.iter().enumerate() {
            let text = item
                .as_string()
                .ok_or_else(|| JsError::new(&format!("scanBatch: item {i} is not a string")))?;
            verdicts.push(self.scan_for_js(&text));
        }
        to_js(&verdicts)
    }
}

impl WasmScanner {
    fn scan_for_js(&self, text: &str) -> Verdict {
        let mut verdict = self.inner.scan(text);
        to_utf16_offsets(text, &mut verdict);
        verdict
    }
}

/// Plain objects, arrays and numbers (no Maps, no BigInts): what JSON.stringify and
/// structured cloning (extension messages) handle as they are.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot convert the verdict for JavaScript: {e}")))
}

/// Rewrites every offset in `verdict` from UTF-8 bytes to UTF-16 code units of `text`.
fn to_utf16_offsets(text: &str, verdict: &mut Verdict) {
    if text.is_ascii() {
        return; // one byte is one code unit: nothing to convert
    }
    let map = Utf16Map::new(text);
    for span in &mut verdict.spans {
        span.start = map.get(span.start);
        span.end = map.get(span.end);
    }
    for price in &mut verdict.prices {
        price.start = map.get(price.start);
        price.end = map.get(price.end);
    }
    for contact in &mut verdict.contacts {
        contact.start = map.get(contact.start);
        contact.end = map.get(contact.end);
    }
}

/// UTF-16 offset of every UTF-8 byte offset in a text (a byte inside a character maps to the
/// character's start; an offset past the end maps to the end), so bad offsets never panic.
struct Utf16Map {
    units: Vec<u32>,
}

impl Utf16Map {
    fn new(text: &str) -> Utf16Map {
        let mut units = Vec::with_capacity(text.len() + 1);
        let mut at = 0u32;
        for ch in text.chars() {
            units.extend(std::iter::repeat_n(at, ch.len_utf8()));
            at += ch.len_utf16() as u32;
        }
        units.push(at);
        Utf16Map { units }
    }

    fn get(&self, byte: usize) -> usize {
        let last = self.units.len() - 1;
        self.units[byte.min(last)] as usize
    }
}
