//! Export of a selection of reports for bulk submission to a platform or an authority:
//! JSON (the full reports, as moderators see them) or CSV (one row per report, flat columns).

use serde_json::Value;

use super::report::INDICATOR_KINDS;
use super::store::StoredReport;

pub fn to_json(reports: &[StoredReport]) -> String {
    let items: Vec<Value> = reports.iter().map(StoredReport::to_json).collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into())
}

const FIXED_COLUMNS: [&str; 17] = [
    "report_id",
    "created_at",
    "received_at",
    "status",
    "review_note",
    "review_reference",
    "platform",
    "page_url",
    "page_title",
    "permalink",
    "author",
    "level",
    "score",
    "categories",
    "prices_pkr",
    "reasons",
    "text_masked",
];

/// RFC 4180 CSV; list fields are joined with "; ". Cells that a spreadsheet would run as a
/// formula are prefixed with a quote, since reports carry text written by strangers.
pub fn to_csv(reports: &[StoredReport]) -> String {
    let mut out = String::new();
    let header: Vec<String> = FIXED_COLUMNS
        .iter()
        .map(|c| c.to_string())
        .chain(INDICATOR_KINDS.iter().map(|k| format!("indicators_{k}")))
        .chain(["text_sha256".to_string(), "reporter".to_string()])
        .collect();
    push_row(&mut out, &header);
    for r in reports {
        let b = &r.body;
        let s = |path: &[&str]| -> String {
            let mut v = b;
            for key in path {
                v = &v[*key];
            }
            match v {
                Value::String(s) => s.clone(),
                Value::Null => String::new(),
                other => other.to_string(),
            }
        };
        let list = |path: &[&str]| -> String {
            let mut v = b;
            for key in path {
                v = &v[*key];
            }
            v.as_array()
                .map(|items| {
                    items
                        .iter()
                        .map(|i| match i {
                            Value::String(s) => s.clone(),
                            Value::Object(o) => o
                                .get("amount_pkr")
                                .map(Value::to_string)
                                .unwrap_or_else(|| i.to_string()),
                            other => other.to_string(),
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                })
                .unwrap_or_default()
        };
        let mut row = vec![
            r.report_id.clone(),
            s(&["created_at"]),
            r.received_at.clone(),
            r.status.clone(),
            r.review_note.clone().unwrap_or_default(),
            r.review_reference.clone().unwrap_or_default(),
            s(&["page", "platform"]),
            s(&["page", "url"]),
            s(&["page", "title"]),
            s(&["post", "permalink"]),
            s(&["post", "author"]),
            s(&["verdict", "level"]),
            s(&["verdict", "score"]),
            list(&["verdict", "categories"]),
            list(&["verdict", "prices"]),
            list(&["verdict", "reasons"]),
            s(&["post", "text_masked"]),
        ];
        row.extend(INDICATOR_KINDS.iter().map(|k| list(&["indicators", k])));
        row.push(s(&["post", "text_sha256"]));
        row.push(r.reporter.clone());
        push_row(&mut out, &row);
    }
    out
}

fn push_row(out: &mut String, cells: &[String]) {
    let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

fn cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
