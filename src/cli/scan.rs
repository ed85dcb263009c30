//! `nigehban scan --jsonl FILE|-`: JSON lines in, one verdict per line out (DESIGN.md contract).
//! A bad line is reported on stderr with its line number and skipped; the rest are scanned.

use std::io::{self, BufRead, BufWriter, Write};

use nigehban::Scanner;
use serde_json::{Map, Value};

pub fn run(path: &str) -> i32 {
    let scanner = match Scanner::new() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("nigehban: {e}");
            return 2;
        }
    };
    let input: Box<dyn BufRead> = if path == "-" {
        Box::new(io::stdin().lock())
    } else {
        match std::fs::File::open(path) {
            Ok(f) => Box::new(io::BufReader::new(f)),
            Err(e) => {
                eprintln!("nigehban: cannot open {path}: {e}");
                return 2;
            }
        }
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut bad = 0usize;
    for (i, line) in input.split(b'\n').enumerate() {
        let lineno = i + 1;
        let bytes = match line {
            Ok(b) => b,
            Err(e) => {
                eprintln!("nigehban: read error after line {}: {e}", lineno - 1);
                return 2;
            }
        };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match scan_line(&scanner, &bytes) {
            Ok(v) => {
                if serde_json::to_writer(&mut out, &v).is_err() || out.write_all(b"\n").is_err() {
                    return 0; // stdout closed (e.g. piped into `head`): nothing more to do
                }
            }
            Err(msg) => {
                bad += 1;
                eprintln!("nigehban: line {lineno}: {msg}; skipped");
            }
        }
    }
    let _ = out.flush();
    if bad > 0 {
        1
    } else {
        0
    }
}

/// Scans one input line, echoing every field but "text" beside the verdict's fields.
fn scan_line(scanner: &Scanner, bytes: &[u8]) -> Result<Value, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not valid UTF-8 ({e})"))?;
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not valid JSON ({e})"))?;
    let Value::Object(mut obj) = value else {
        return Err("expected a JSON object".into());
    };
    let post = match obj.remove("text") {
        Some(Value::String(s)) => s,
        Some(_) => return Err("\"text\" must be a string".into()),
        None => return Err("missing \"text\" field".into()),
    };
    let verdict = scanner.scan(&post);
    let mut out = Map::new();
    out.insert("id".into(), obj.remove("id").unwrap_or(Value::Null));
    if let Value::Object(v) = serde_json::to_value(&verdict).map_err(|e| e.to_string())? {
        out.extend(v);
    }
    for (k, v) in obj {
        out.entry(k).or_insert(v);
    }
    Ok(out.into())
}
