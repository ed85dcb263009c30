//! The "nigehban.report/1" schema (DESIGN.md): parses and validates a report body.
//! Every refusal names the field and what is wrong, so a sender can fix it.

use base64::Engine as _;
use serde_json::{Map, Value};

use crate::Category;

pub const SCHEMA: &str = "nigehban.report/1";
const PNG_DATA_URL: &str = "data:image/png;base64,";
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
/// Longest text field accepted; a post is a few kilobytes, so this only stops abuse.
const MAX_TEXT: usize = 200_000;

/// The indicator lists of a report, in schema order.
pub const INDICATOR_KINDS: [&str; 6] = [
    "phones", "whatsapp", "telegram", "emails", "payment", "urls",
];

/// Why a body was refused: bad JSON (400) or valid JSON that breaks the schema (422).
#[derive(Debug, PartialEq)]
pub enum Invalid {
    Json(String),
    Schema(String),
}

/// A report that passed validation, with the columns the store indexes.
#[derive(Debug, Clone)]
pub struct ValidReport {
    pub report_id: String,
    pub created_at: String,
    pub platform: String,
    pub page_url: String,
    pub level: String,
    pub score: f64,
    pub text_sha256: String,
    pub categories: Vec<String>,
    /// (kind, value) for every indicator, kinds as in [`INDICATOR_KINDS`].
    pub indicators: Vec<(String, String)>,
    pub screenshot_png: Option<Vec<u8>>,
    /// The report as sent, without the screenshot (kept apart, served to moderators only).
    pub body: Value,
}

pub fn parse(bytes: &[u8]) -> Result<ValidReport, Invalid> {
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|e| Invalid::Json(format!("body is not JSON: {e}")))?;
    validate(value).map_err(Invalid::Schema)
}

pub fn validate(mut value: Value) -> Result<ValidReport, String> {
    let root = value
        .as_object_mut()
        .ok_or("report must be a JSON object")?;
    if let Some(schema) = root.get("schema") {
        if schema.as_str() != Some(SCHEMA) {
            return Err(format!("schema: expected \"{SCHEMA}\", got {schema}"));
        }
    }
    let report_id = string(root, "report_id", "report_id")?.to_ascii_lowercase();
    if !is_uuid(&report_id) {
        return Err(format!("report_id: not a UUID: {report_id:?}"));
    }
    root.insert("report_id".into(), Value::String(report_id.clone()));
    let created_at = string(root, "created_at", "created_at")?;
    chrono::DateTime::parse_from_rfc3339(&created_at)
        .map_err(|e| format!("created_at: not an RFC 3339 time ({e}): {created_at:?}"))?;

    let page = object(root, "page", "page")?;
    let page_url = string(page, "url", "page.url")?;
    if !(page_url.starts_with("http://") || page_url.starts_with("https://")) {
        return Err(format!("page.url: not an http(s) URL: {page_url:?}"));
    }
    optional_string(page, "title", "page.title")?;
    let platform = string(page, "platform", "page.platform")?;
    if platform.is_empty() {
        return Err("page.platform: must not be empty".into());
    }

    let post = object(root, "post", "post")?;
    optional_string(post, "permalink", "post.permalink")?;
    optional_string(post, "author", "post.author")?;
    string(post, "text_masked", "post.text_masked")?;
    let text_sha256 = string(post, "text_sha256", "post.text_sha256")?.to_ascii_lowercase();
    if text_sha256.len() != 64 || !text_sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err("post.text_sha256: expected 64 hex digits".into());
    }

    let verdict = object(root, "verdict", "verdict")?;
    let level = string(verdict, "level", "verdict.level")?;
    if !["none", "low", "medium", "high"].contains(&level.as_str()) {
        return Err(format!(
            "verdict.level: expected none|low|medium|high, got {level:?}"
        ));
    }
    let score = verdict
        .get("score")
        .and_then(Value::as_f64)
        .ok_or("verdict.score: missing or not a number")?;
    if !(0.0..=1.0).contains(&score) {
        return Err(format!("verdict.score: must be within 0..1, got {score}"));
    }
    let categories = string_list(verdict, "categories", "verdict.categories", true)?;
    for c in &categories {
        serde_json::from_value::<Category>(Value::String(c.clone()))
            .map_err(|_| format!("verdict.categories: unknown category {c:?}"))?;
    }
    let prices = verdict
        .get("prices")
        .and_then(Value::as_array)
        .ok_or("verdict.prices: missing or not an array")?;
    for (i, p) in prices.iter().enumerate() {
        if p.get("amount_pkr").and_then(Value::as_f64).is_none() {
            return Err(format!(
                "verdict.prices[{i}].amount_pkr: missing or not a number"
            ));
        }
    }
    string_list(verdict, "reasons", "verdict.reasons", true)?;

    let ind = object(root, "indicators", "indicators")?;
    let mut indicators = Vec::new();
    for kind in INDICATOR_KINDS {
        for v in string_list(ind, kind, &format!("indicators.{kind}"), false)? {
            let v = v.trim().to_string();
            if !v.is_empty() && !indicators.contains(&(kind.to_string(), v.clone())) {
                indicators.push((kind.to_string(), v));
            }
        }
    }

    let screenshot_png = match root.remove("screenshot") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(decode_png(&s)?),
        Some(_) => return Err("screenshot: expected a PNG data URL string".into()),
    };

    Ok(ValidReport {
        report_id,
        created_at,
        platform,
        page_url,
        level,
        score,
        text_sha256,
        categories,
        indicators,
        screenshot_png,
        body: value,
    })
}

fn decode_png(s: &str) -> Result<Vec<u8>, String> {
    let data = s
        .strip_prefix(PNG_DATA_URL)
        .ok_or("screenshot: expected a data URL starting with data:image/png;base64,")?;
    let png = base64::engine::general_purpose::STANDARD
        .decode(data.trim())
        .map_err(|e| format!("screenshot: bad base64: {e}"))?;
    if !png.starts_with(PNG_SIGNATURE) {
        return Err("screenshot: the data is not a PNG image".into());
    }
    Ok(png)
}

fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn object<'a>(
    parent: &'a mut Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<&'a mut Map<String, Value>, String> {
    parent
        .get_mut(key)
        .and_then(Value::as_object_mut)
        .ok_or_else(|| format!("{path}: missing or not an object"))
}

fn string(parent: &Map<String, Value>, key: &str, path: &str) -> Result<String, String> {
    let s = parent
        .get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("{path}: missing or not a string"))?;
    if s.len() > MAX_TEXT {
        return Err(format!("{path}: longer than {MAX_TEXT} bytes"));
    }
    Ok(s.to_string())
}

fn optional_string(parent: &Map<String, Value>, key: &str, path: &str) -> Result<(), String> {
    match parent.get(key) {
        None | Some(Value::Null) => Ok(()),
        Some(Value::String(_)) => string(parent, key, path).map(|_| ()),
        Some(_) => Err(format!("{path}: not a string")),
    }
}

/// An array of strings; a missing key is an empty list unless `required`.
fn string_list(
    parent: &Map<String, Value>,
    key: &str,
    path: &str,
    required: bool,
) -> Result<Vec<String>, String> {
    let items = match parent.get(key) {
        None | Some(Value::Null) if !required => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        _ => return Err(format!("{path}: missing or not an array of strings")),
    };
    items
        .iter()
        .enumerate()
        .map(|(i, v)| match v.as_str() {
            Some(s) if s.len() <= MAX_TEXT => Ok(s.to_string()),
            _ => Err(format!("{path}[{i}]: not a string")),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Value {
        json!({
            "schema": SCHEMA,
            "report_id": "0b7c2f4e-1d2a-4c3b-9e8f-123456789abc",
            "created_at": "2026-11-23T10:00:00Z",
            "page": {"url": "https://facebook.com/groups/x", "title": "x", "platform": "facebook"},
            "post": {"permalink": null, "author": "a", "text_masked": "CDR Rs 2000",
                     "text_sha256": "a".repeat(64)},
            "verdict": {"level": "high", "score": 0.9, "categories": ["cdr"],
                        "prices": [{"amount_pkr": 2000}], "reasons": ["price"]},
            "indicators": {"phones": ["03000000001"], "whatsapp": [], "telegram": [],
                           "emails": [], "payment": [], "urls": []}
        })
    }

    #[test]
    fn a_complete_report_is_valid() {
        let r = validate(sample()).unwrap();
        assert_eq!(r.categories, vec!["cdr"]);
        assert_eq!(
            r.indicators,
            vec![("phones".to_string(), "03000000001".to_string())]
        );
    }

    #[test]
    fn each_broken_field_is_named() {
        let cases: [(&str, Value); 5] = [
            ("report_id", json!("nope")),
            ("created_at", json!("yesterday")),
            (
                "page",
                json!({"url": "ftp://x", "title": "", "platform": "x"}),
            ),
            ("verdict", json!({"level": "extreme"})),
            ("screenshot", json!("data:image/png;base64,AAAA")),
        ];
        for (key, bad) in cases {
            let mut v = sample();
            v[key] = bad;
            let err = validate(v).unwrap_err();
            assert!(err.starts_with(key), "{key}: {err}");
        }
    }

    #[test]
    fn unknown_categories_and_bad_json_are_refused() {
        let mut v = sample();
        v["verdict"]["categories"] = json!(["gossip"]);
        assert!(validate(v).unwrap_err().contains("gossip"));
        assert!(matches!(parse(b"{not json"), Err(Invalid::Json(_))));
    }
}
