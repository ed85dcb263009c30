//! The `nigehban scan` contract (DESIGN.md): JSON lines in, one verdict per line out, other
//! fields echoed, a bad line reported with its line number while the rest are still scanned.

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn scan_stdin(input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nigehban"))
        .args(["scan", "--jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("nigehban runs");
    let mut stdin = child.stdin.take().unwrap();
    let data = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&data));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

#[test]
fn good_input_gives_one_verdict_per_line_with_fields_echoed() {
    let input = concat!(
        r#"{"id": "a", "text": "CDR 3 months Rs 2000, live location Rs 500. WhatsApp 0300-1234567", "platform": "facebook"}"#,
        "\n",
        r#"{"id": 7, "text": "Samsung A54 PTA approved, IMEI matched, Rs 78,000"}"#,
        "\n"
    );
    let out = scan_stdin(input.as_bytes());
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = lines(&out);
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["id"], "a");
    assert_eq!(v[0]["platform"], "facebook");
    assert_eq!(v[0]["flagged"], true);
    assert_eq!(v[0]["level"], "high");
    assert_eq!(v[0]["categories"], serde_json::json!(["cdr", "location"]));
    assert_eq!(v[0]["prices"][0]["amount_pkr"], 2000);
    assert!(v[0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r == "contact via WhatsApp"));
    assert_eq!(v[1]["id"], 7);
    assert_eq!(v[1]["flagged"], false);
    let score = v[1]["score"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&score));
}

#[test]
fn bad_lines_are_reported_by_number_and_the_rest_scanned() {
    let input = concat!(
        r#"{"id": 1, "text": "family tree 8000 rupay, inbox"}"#,
        "\n",
        "this is not json\n",
        r#"{"id": 3, "note": "no text"}"#,
        "\n",
        r#"{"id": 4, "text": "nihari 1000 ki deg"}"#,
        "\n"
    );
    let out = scan_stdin(input.as_bytes());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2"), "stderr: {err}");
    assert!(err.contains("line 3"), "stderr: {err}");
    assert!(!out.status.success());
    let v = lines(&out);
    assert_eq!(
        v.iter().map(|x| x["id"].clone()).collect::<Vec<_>>(),
        vec![serde_json::json!(1), serde_json::json!(4)]
    );
    assert_eq!(v[0]["flagged"], true);
}

#[test]
fn invalid_utf8_line_is_skipped() {
    let mut input = b"{\"id\": 1, \"text\": \"\xff\xfe\"}\n".to_vec();
    input.extend_from_slice(b"{\"id\": 2, \"text\": \"ok\"}\n");
    let out = scan_stdin(&input);
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 1"));
    assert_eq!(lines(&out).len(), 1);
}

#[test]
fn empty_input_gives_no_output_and_success() {
    let out = scan_stdin(b"");
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let out = scan_stdin(b"\n\n  \n");
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
}

#[test]
fn a_one_megabyte_post_is_scanned_quickly() {
    let chunk = "CDR 3 mahine 5000 rupay, l0cati0n 1500, ک🔸ا🔸ل ریکارڈ, 0300-1234567, ";
    let mut text = String::new();
    while text.len() < 1 << 20 {
        text.push_str(chunk);
    }
    let line = serde_json::json!({"id": "big", "text": text}).to_string() + "\n";
    let started = Instant::now();
    let out = scan_stdin(line.as_bytes());
    assert!(out.status.success());
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
    let v = lines(&out);
    assert_eq!(v[0]["flagged"], true);
}

#[test]
fn missing_file_is_a_clear_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_nigehban"))
        .args(["scan", "--jsonl", "/nonexistent/posts.jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot open"));
}
