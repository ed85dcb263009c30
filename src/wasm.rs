//! The JavaScript face of the engine (wasm32 only): a thin layer over [`crate::Scanner`].
//!
//! ```js
//! import init, { Scanner } from './wasm/nigehban.js';
//! await init();
//! const scanner = new Scanner();          // compiles the rules once
//! scanner.scan(text);                     // -> Verdict
//! scanner.scanBatch([a, b, c]);           // -> Verdict[], one JS/wasm crossing for many posts
//! scanner.rulesVersion();                 // -> string
//! scanner.mask(text);                     // -> text with victims' data masked, for reports
//! ```
//!
//! Verdicts cross as plain JS objects (the CLI's snake_case fields), built in JavaScript from one
//! array of numbers and one string per call (see [`verdicts`]): far cheaper than building each
//! object and field through a JS call, or than JSON.
//! The one change from the Rust [`Verdict`]: every `start`/`end` is converted from UTF-8 byte
//! offsets to UTF-16 code units, so `text.slice(start, end)` in JavaScript is the matched text.
//! Errors arrive as JS `Error`s with a message.

use wasm_bindgen::prelude::*;

mod verdicts;

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
        Ok(verdicts::to_js(&[self.scan_for_js(&text)]).get(0))
    }

    /// Scans many posts in one call; the verdicts come back in the same order.
    #[wasm_bindgen(js_name = scanBatch, unchecked_return_type = "Verdict[]")]
    pub fn scan_batch(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] texts: JsValue,
    ) -> Result<JsValue, JsError> {
        let mut verdicts = Vec::new();
        each_text(&texts, "scanBatch", |text| {
            verdicts.push(self.scan_for_js(text))
        })?;
        Ok(verdicts::to_js(&verdicts).into())
    }

    /// Scans as far as stage `stage` only (an index into `engine::stages::Stage::ALL`) and
    /// returns a count from what it made: for measuring what each stage costs. Only in a build
    /// with the `stages` feature.
    #[cfg(feature = "stages")]
    #[wasm_bindgen(js_name = scanBatchUntil)]
    pub fn scan_batch_until(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] texts: JsValue,
        stage: u32,
    ) -> Result<f64, JsError> {
        let stage = *crate::engine::stages::Stage::ALL
            .get(stage as usize)
            .ok_or_else(|| JsError::new("scanBatchUntil: no such stage"))?;
        let mut n = 0;
        each_text(&texts, "scanBatchUntil", |text| {
            n += self.inner.scan_until(text, stage)
        })?;
        Ok(n as f64)
    }

    /// The post with victims' data masked, for reports (CNIC numbers, IMEIs, sample phone
    /// numbers that are not the seller's contact); the seller's contacts stay in clear.
    pub fn mask(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<String, JsError> {
        let text = text
            .as_string()
            .ok_or_else(|| JsError::new("mask: expected a string"))?;
        Ok(self.inner.mask(&text))
    }
}

/// Calls `f` with each string of the JS array `texts`, in order; `method` names the caller in
/// the error for anything else.
fn each_text(texts: &JsValue, method: &str, mut f: impl FnMut(&str)) -> Result<(), JsError> {
    if !js_sys::Array::is_array(texts) {
        return Err(JsError::new(&format!(
            "{method}: expected an array of strings"
        )));
    }
    for (i, item) in js_sys::Array::from(texts).iter().enumerate() {
        let text = item
            .as_string()
            .ok_or_else(|| JsError::new(&format!("{method}: item {i} is not a string")))?;
        f(&text);
    }
    Ok(())
}

impl WasmScanner {
    fn scan_for_js(&self, text: &str) -> Verdict {
        self.inner.scan(text).into_utf16(text)
    }
}
