//! Turns rules/rules.toml into JSON for the engine to embed. The wasm build then carries a
//! small JSON reader instead of a TOML parser (which alone cost ~200 KB of wasm). The TOML stays
//! the file people edit; a syntax error in it stops the build here, with the parser's message.

use std::{env, fs, path::Path};

fn main() {
    let src = "rules/rules.toml";
    println!("cargo:rerun-if-changed={src}");
    let text = fs::read_to_string(src).unwrap_or_else(|e| panic!("cannot read {src}: {e}"));
    let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{src}: {e}"));
    let json = serde_json::to_string(&value).expect("TOML values are representable as JSON");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("rules.json");
    fs::write(&out, json).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
