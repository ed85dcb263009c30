//! Build-time work, so the wasm carries data instead of parsers and Unicode tables:
//! - rules/rules.toml -> JSON for the engine to embed (a TOML parser alone cost ~200 KB of
//!   wasm). The TOML stays the file people edit; a syntax error in it stops the build here.
//! - the per-char fold table (`fold_table.rs`): every char whose fold differs from itself,
//!   worked out with the unicode-normalization crate through the engine's own folding rules
//!   (src/engine/fold.rs), stored as runs. The decomposition tables it replaces were ~50 KB of
//!   the gzipped wasm.

use std::fmt::Write as _;
use std::{env, fs, path::Path};

#[path = "src/engine/fold.rs"]
#[allow(dead_code)]
mod fold;

fn main() {
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    rules_json(Path::new(&out_dir));
    fold_table(Path::new(&out_dir));
}

fn rules_json(out_dir: &Path) {
    let src = "rules/rules.toml";
    println!("cargo:rerun-if-changed={src}");
    let text = fs::read_to_string(src).unwrap_or_else(|e| panic!("cannot read {src}: {e}"));
    let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{src}: {e}"));
    let json = serde_json::to_string(&value).expect("TOML values are representable as JSON");
    write(&out_dir.join("rules.json"), &json);
}

/// A run of consecutive chars `start..start + len` folding to one char each, `first + i * step`,
/// or to nothing (`first` = DROPPED).
struct Run {
    start: u32,
    len: u32,
    first: u32,
    step: u32,
}

const DROPPED: u32 = u32::MAX;

fn fold_table(out_dir: &Path) {
    println!("cargo:rerun-if-changed=src/engine/fold.rs");
    let mut runs: Vec<Run> = Vec::new();
    let mut multi: Vec<(u32, String)> = Vec::new();
    for ch in (0x80..=0x10FFFF).filter_map(char::from_u32) {
        if fold::is_cjk(ch) {
            continue;
        }
        let mut folded = String::new();
        fold::fold_char_with(
            ch,
            |c, f| unicode_normalization::char::decompose_compatible(c, f),
            unicode_normalization::char::is_combining_mark,
            &mut |c| folded.push(c),
        );
        if folded.chars().all(fold::is_cjk) && !folded.is_empty() {
            continue;
        }
        let mut chars = folded.chars();
        let value = match (chars.next(), chars.next()) {
            (Some(c), None) if c == ch => continue,
            (Some(c), None) => c as u32,
            (None, _) => DROPPED,
            _ => {
                multi.push((ch as u32, folded));
                continue;
            }
        };
        let c = ch as u32;
        if let Some(r) = runs.last_mut() {
            if r.start + r.len == c {
                let step_ok = |step: u32| {
                    if r.first == DROPPED {
                        value == DROPPED
                    } else {
                        value != DROPPED && value == r.first + r.len * step
                    }
                };
                if r.len == 1 && (step_ok(0) || step_ok(1)) {
                    r.step = if r.first != DROPPED && value == r.first + 1 {
                        1
                    } else {
                        0
                    };
                    r.len += 1;
                    continue;
                }
                if r.len > 1 && step_ok(r.step) {
                    r.len += 1;
                    continue;
                }
            }
        }
        runs.push(Run {
            start: c,
            len: 1,
            first: value,
            step: 0,
        });
    }
    let mut src = String::new();
    writeln!(
        src,
        "/// No output: the char is dropped (a mark, an invisible char)."
    )
    .unwrap();
    writeln!(src, "const DROPPED: u32 = {DROPPED};").unwrap();
    writeln!(
        src,
        "/// (start, len, first, step): chars start..start+len fold to first + i * step."
    )
    .unwrap();
    writeln!(
        src,
        "static FOLD_RUNS: [(u32, u32, u32, u32); {}] = [",
        runs.len()
    )
    .unwrap();
    for r in &runs {
        writeln!(src, "({}, {}, {}, {}),", r.start, r.len, r.first, r.step).unwrap();
    }
    writeln!(src, "];\n/// Chars that fold to more than one char.").unwrap();
    writeln!(src, "static FOLD_MULTI: [(u32, &str); {}] = [", multi.len()).unwrap();
    for (c, s) in &multi {
        writeln!(src, "({c}, {s:?}),").unwrap();
    }
    writeln!(src, "];").unwrap();
    write(&out_dir.join("fold_table.rs"), &src);
}

fn write(path: &Path, text: &str) {
    fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}
