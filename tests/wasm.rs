//! The JavaScript-facing API (src/wasm.rs) gives the same verdicts as the native engine, with
//! offsets JavaScript can slice with. Runs only on wasm32, in Node:
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!  cargo test --target wasm32-unknown-unknown --no-default-features --test wasm`
#![cfg(target_arch = "wasm32")]

use nigehban::wasm::WasmScanner;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const DEV_CORPUS: &str = include_str!("../../shared/corpus/dev.jsonl");

/// Urdu and astral-plane letters before the matched terms, so offsets must move.
const NON_ASCII_SAMPLES: &[&str] = &[
    "کال ریکارڈ اور CDR 3 months, live location bhi milegi",
    "𝐒𝐈𝐌 𝐃𝐚𝐭𝐚 ✅ family tree aur travel history, WhatsApp karein",
];

fn dev_texts() -> Vec<String> {
    DEV_CORPUS
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("dev corpus line is JSON");
            v["text"]
                .as_str()
                .expect("dev corpus line has a text")
                .to_owned()
        })
        .collect()
}

fn sample_texts() -> Vec<String> {
    let mut texts = dev_texts();
    texts.extend(NON_ASCII_SAMPLES.iter().map(|s| s.to_string()));
    texts
}

fn from_js(v: JsValue) -> Value {
    serde_wasm_bindgen::from_value(v).expect("verdict converts back from JS")
}

/// JS numbers carry no int/float distinction; compare every number as f64.
fn numbers_as_f64(v: Value) -> Value {
    match v {
        Value::Number(n) => Value::from(n.as_f64().expect("finite number")),
        Value::Array(a) => Value::Array(a.into_iter().map(numbers_as_f64).collect()),
        Value::Object(o) => {
            Value::Object(o.into_iter().map(|(k, v)| (k, numbers_as_f64(v))).collect())
        }
        other => other,
    }
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// The native verdict as JSON, with its byte offsets turned into UTF-16 code units here,
/// independently of the wasm layer's own conversion.
fn native_expected(scanner: &nigehban::Scanner, text: &str) -> Value {
    let mut v = serde_json::to_value(scanner.scan(text)).unwrap();
    for list in ["spans", "prices", "contacts"] {
        for item in v[list].as_array_mut().unwrap() {
            for key in ["start", "end"] {
                let byte = item[key].as_u64().unwrap() as usize;
                item[key] = Value::from(utf16_len(&text[..byte]));
            }
        }
    }
    numbers_as_f64(v)
}

#[wasm_bindgen_test]
fn scan_matches_native_engine_on_dev_corpus() {
    let native = nigehban::Scanner::new().unwrap();
    let js = WasmScanner::new().unwrap();
    let mut flagged = 0;
    for text in sample_texts() {
        let got = numbers_as_f64(from_js(js.scan(JsValue::from_str(&text)).unwrap()));
        assert_eq!(
            got,
            native_expected(&native, &text),
            "verdicts differ for: {text}"
        );
        flagged += got["flagged"].as_bool().unwrap() as usize;
    }
    assert!(
        flagged > 0,
        "no sample was flagged, so the comparison proved little"
    );
}

#[wasm_bindgen_test]
fn scan_batch_equals_one_scan_per_text_in_order() {
    let js = WasmScanner::new().unwrap();
    let texts = sample_texts();
    let array = js_sys::Array::new();
    for t in &texts {
        array.push(&JsValue::from_str(t));
    }
    let batch = from_js(js.scan_batch(array.into()).unwrap());
    let batch = batch.as_array().expect("scanBatch returns an array");
    assert_eq!(batch.len(), texts.len());
    for (text, got) in texts.iter().zip(batch) {
        let one = from_js(js.scan(JsValue::from_str(text)).unwrap());
        assert_eq!(got, &one, "batch verdict differs for: {text}");
    }
}

#[wasm_bindgen_test]
fn offsets_slice_the_matched_text_in_javascript() {
    let native = nigehban::Scanner::new().unwrap();
    let js = WasmScanner::new().unwrap();
    let mut non_ascii_checked = 0;
    for text in sample_texts() {
        let rust_verdict = native.scan(&text);
        let js_verdict = from_js(js.scan(JsValue::from_str(&text)).unwrap());
        let js_text = js_sys::JsString::from(text.as_str());
        let rust_ranges = rust_verdict
            .spans
            .iter()
            .map(|s| (s.start, s.end))
            .chain(rust_verdict.prices.iter().map(|p| (p.start, p.end)))
            .chain(rust_verdict.contacts.iter().map(|c| (c.start, c.end)));
        let js_ranges = ["spans", "prices", "contacts"]
            .iter()
            .flat_map(|k| js_verdict[*k].as_array().unwrap().clone());
        for ((b_start, b_end), item) in rust_ranges.zip(js_ranges) {
            let (start, end) = (
                item["start"].as_u64().unwrap(),
                item["end"].as_u64().unwrap(),
            );
            let sliced: String = js_text.slice(start as u32, end as u32).into();
            assert_eq!(
                sliced,
                &text[b_start..b_end],
                "offsets {start}..{end} in: {text}"
            );
            if !text[..b_start].is_ascii() {
                non_ascii_checked += 1;
            }
        }
    }
    assert!(
        non_ascii_checked > 0,
        "no span after non-ASCII text was checked"
    );
}

#[wasm_bindgen_test]
fn results_are_plain_objects_not_maps() {
    let js = WasmScanner::new().unwrap();
    let v = js
        .scan(JsValue::from_str("CDR 3 months Rs 2000 WhatsApp 0300"))
        .unwrap();
    assert!(v.is_object());
    assert!(
        !v.is_instance_of::<js_sys::Map>(),
        "a verdict must be a plain object"
    );
    let flagged = js_sys::Reflect::get(&v, &JsValue::from_str("flagged")).unwrap();
    assert_eq!(flagged.as_bool(), Some(true));
    let score = js_sys::Reflect::get(&v, &JsValue::from_str("score")).unwrap();
    assert!(score.as_f64().is_some(), "score is a JS number");
}

#[wasm_bindgen_test]
fn mask_matches_native_engine_and_hides_a_cnic() {
    let native = nigehban::Scanner::new().unwrap();
    let js = WasmScanner::new().unwrap();
    for text in sample_texts() {
        let got = js.mask(JsValue::from_str(&text)).unwrap();
        assert_eq!(got, native.mask(&text), "masks differ for: {text}");
    }
    let masked = js
        .mask(JsValue::from_str(
            "CNIC copy mil jayegi, sample 35202-0000000-1 dekh lo. WhatsApp 0300-0000123",
        ))
        .unwrap();
    assert!(
        !masked.contains("35202-0000000-1"),
        "CNIC left in clear: {masked}"
    );
    assert!(
        js.mask(JsValue::from_f64(1.0)).is_err(),
        "a number is not a post"
    );
}

#[wasm_bindgen_test]
fn rules_version_is_the_engines() {
    let js = WasmScanner::new().unwrap();
    assert_eq!(
        js.rules_version(),
        nigehban::Scanner::new().unwrap().rules_version()
    );
}

#[wasm_bindgen_test]
fn bad_input_is_an_error_not_a_crash() {
    let js = WasmScanner::new().unwrap();
    assert!(
        js.scan(JsValue::from_f64(42.0)).is_err(),
        "a number is not a post"
    );
    assert!(js.scan(JsValue::NULL).is_err());
    assert!(js.scan_batch(JsValue::from_str("not an array")).is_err());
    let mixed = js_sys::Array::of2(&JsValue::from_str("ok"), &JsValue::UNDEFINED);
    assert!(
        js.scan_batch(mixed.into()).is_err(),
        "an undefined item is refused"
    );
    let empty = from_js(js.scan_batch(js_sys::Array::new().into()).unwrap());
    assert_eq!(empty, Value::Array(vec![]));
    let blank = from_js(js.scan(JsValue::from_str("")).unwrap());
    assert_eq!(blank["flagged"], Value::Bool(false));
}
