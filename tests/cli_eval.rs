//! `nigehban eval`: metrics on a labeled corpus, and an exit code that says whether the
//! thresholds given were met.

use std::process::Command;

fn write_corpus(name: &str, lines: &[&str]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("nigehban-eval-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("corpus.jsonl");
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

const CORPUS: &[&str] = &[
    r#"{"id": "l1", "text": "CDR 3 months Rs 5500, WhatsApp 0300-1234567", "label": "listing", "lang": "en", "categories": ["cdr"], "obfuscated": false}"#,
    r#"{"id": "l2", "text": "S I M  O W N E R details 300 only, inbox", "label": "listing", "lang": "en", "categories": ["sim_owner"], "obfuscated": true}"#,
    r#"{"id": "b1", "text": "FIA ne CDR bechne wale giroh ko giraftar kar liya, report ke mutabiq 2000 rupay lete thay", "label": "benign", "lang": "roman_ur", "categories": [], "kind": "news"}"#,
];

fn eval(path: &std::path::Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_nigehban"))
        .arg("eval")
        .arg(path)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn prints_the_metrics() {
    let p = write_corpus("metrics", CORPUS);
    let (code, out) = eval(&p, &[]);
    assert_eq!(code, 0, "{out}");
    for want in [
        "overall",
        "precision 1.000",
        "recall 1.000",
        "obfuscated",
        "lang en",
        "category cdr",
        "exact-set accuracy 1.000",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
}

#[test]
fn thresholds_met_exit_zero_and_missed_exit_one() {
    let p = write_corpus("thresholds", CORPUS);
    let (code, _) = eval(
        &p,
        &[
            "--min-precision",
            "0.97",
            "--min-recall",
            "0.95",
            "--min-category-accuracy",
            "0.85",
        ],
    );
    assert_eq!(code, 0);
    let mut missed: Vec<&str> = CORPUS.to_vec();
    missed.push(r#"{"id": "l3", "text": "hello there", "label": "listing", "lang": "en", "categories": ["cdr"]}"#);
    let p = write_corpus("missed", &missed);
    let (code, out) = eval(&p, &["--min-recall", "0.95"]);
    assert_eq!(code, 1);
    assert!(out.contains("THRESHOLD MISSED: recall"), "{out}");
    assert!(out.contains("FN l3"), "the miss is listed:\n{out}");
}

#[test]
fn flag_rate_limit_for_benign_files() {
    let p = write_corpus(
        "benign",
        &[
            CORPUS[2],
            r#"{"id": "b2", "text": "CDR available, inbox for rates", "label": "benign"}"#,
        ],
    );
    let (code, out) = eval(&p, &["--max-flag-rate", "0.1"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("FP b2"), "{out}");
}

#[test]
fn missing_file_exits_two() {
    let (code, _) = eval(std::path::Path::new("/nonexistent.jsonl"), &[]);
    assert_eq!(code, 2);
}
