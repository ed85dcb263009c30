#!/usr/bin/env bash
# Every build, package and test step of Nigehban, from a fresh machine with rustup, cargo,
# Node and npm. Idempotent: a step with nothing to do says so and moves on.
#
#   ./build.sh          build the wasm engine, the extension packages and the native CLI
#   ./build.sh test     everything CI checks (fmt, clippy, Rust tests, wasm tests in Node,
#                       JS-vs-native parity, corpus evaluation, web-ext lint, browser e2e)
#   ./build.sh demo     build, serve www/ on 127.0.0.1 and open Chromium with the extension
#   ./build.sh bench    benchmarks (scripts/bench.sh)
#   ./build.sh stages-wasm  the engine with scans that stop after each stage, for
#                       bench/stages.mjs (target/wasm-stages/; never shipped)
#
# Outputs: extension/wasm/ and www/wasm/ (generated bindings), dist/chrome/, dist/firefox/,
# dist/nigehban-chrome.zip, dist/nigehban-firefox.zip, target/release/nigehban.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD
WASM_TARGET=wasm32-unknown-unknown
WASM_OVER_BUDGET=
# The shipped wasm must stay small: it loads in every browser profile that installs us
# (issue 8: at most 250 KB gzipped; KB = 1,000 bytes).
MAX_WASM_GZ_BYTES=250000
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m==> %s\033[0m  [%ss]\n' "$*" "$SECONDS"; }
note() { printf '    %s\n' "$*"; }
die() {
  printf '\nbuild.sh: %s\n' "$*" >&2
  exit 1
}
have() { command -v "$1" >/dev/null 2>&1; }
is_root() { [ "$(id -u)" = 0 ]; }

# --- tools -------------------------------------------------------------------------------

ensure_wasm_target() {
  step "Rust target $WASM_TARGET"
  have rustup || die "rustup not found: install it from https://rustup.rs"
  if rustup target list --installed | grep -qx "$WASM_TARGET"; then
    note "installed"
  else
    rustup target add "$WASM_TARGET"
  fi
}

# The version Cargo.lock pins for the wasm-bindgen crate; the CLI must match it exactly.
locked_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_wasm_bindgen() {
  local want have_version
  want=$(locked_wasm_bindgen_version)
  [ -n "$want" ] || die "wasm-bindgen is not in Cargo.lock"
  step "wasm-bindgen-cli $want (the version in Cargo.lock)"
  have_version=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have_version" = "$want" ]; then
    note "installed"
    return
  fi
  note "found '${have_version:-none}'; installing $want (takes a few minutes, once)"
  # --locked builds the CLI with the dependency versions its authors tested. A registry
  # mirror that lacks one of those versions makes that fail; the unlocked build still pins
  # the CLI version itself, which is what must match.
  cargo install --locked wasm-bindgen-cli --version "$want" ||
    cargo install wasm-bindgen-cli --version "$want" ||
    die "could not install wasm-bindgen-cli $want"
}

# node_modules matches package-lock.json when every locked package is installed at its
# locked version (npm's own record, node_modules/.package-lock.json, is not enough: a
# changed lock file must trigger a reinstall).
node_modules_fresh() {
  node --input-type=module -e '
    import { readFileSync, existsSync } from "node:fs";
    const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
    for (const [p, meta] of Object.entries(lock.packages ?? {})) {
      if (!p.startsWith("node_modules/") || meta.link) continue;
      const file = `${p}/package.json`;
      if (!existsSync(file)) { if (meta.optional) continue; process.exit(1); }
      if (JSON.parse(readFileSync(file, "utf8")).version !== meta.version) process.exit(1);
    }' 2>/dev/null
}

ensure_npm() {
  step "npm packages (package-lock.json)"
  have node || die "node not found: install Node.js 20 or later"
  have npm || die "npm not found: install npm"
  if [ -d node_modules ] && node_modules_fresh; then
    note "node_modules matches package-lock.json"
  else
    npm ci --no-audit --no-fund
  fi
}

# apt-get install for what the tests need, when missing and when we are allowed to.
apt_install() {
  local pkg=$1 probe=$2
  if [ -e "$probe" ] || have "$probe"; then
    note "$pkg: present"
    return 0
  fi
  if ! is_root || ! have apt-get; then
    note "$pkg: missing, and not root with apt-get; install it yourself (apt-get install $pkg)"
    return 1
  fi
  note "$pkg: installing with apt-get"
  if [ -z "${APT_UPDATED:-}" ]; then
    apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >/dev/null
}

# --- build -------------------------------------------------------------------------------

TARGET_DIR=${CARGO_TARGET_DIR:-target}
WASM_RAW=$TARGET_DIR/$WASM_TARGET/release/nigehban.wasm
WASM_STAGE=$TARGET_DIR/wasm-bindgen

# glue_and_optimise RAW OUTDIR: wasm-bindgen's JS glue for RAW into OUTDIR, then wasm-opt on
# the module there, as the extension ships it.
glue_and_optimise() {
  local raw=$1 out=$2
  step "wasm-bindgen --target web -> $out/"
  rm -rf "$out"
  wasm-bindgen --target web --out-name nigehban --out-dir "$out" "$raw"

  step "wasm-opt -Oz (binaryen from npm)"
  # -ocimfs 200: by default wasm-opt inlines every function with a single caller, which piles
  # 60+ KB into the constructor; V8 compiles functions lazily on first call, so that bloats
  # the cold start (first verdict 70 -> 51 ms in Node with this cap, same size and speed).
  # Features the Rust wasm32 target emits by default; wasm-opt must be allowed to keep them.
  node_modules/.bin/wasm-opt -Oz --one-caller-inline-max-function-size 200 \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    --strip-debug --strip-producers \
    -o "$out/nigehban_bg.opt.wasm" "$out/nigehban_bg.wasm"
  mv "$out/nigehban_bg.opt.wasm" "$out/nigehban_bg.wasm"
}

# cargo_build_wasm [CARGO ARGS...]: the engine library for the wasm target, as it ships.
cargo_build_wasm() {
  # strip=false for this build only: wasm-bindgen reads the target_features section that
  # `strip` would remove; wasm-opt strips everything at the end. opt-level 3 for the wasm: it
  # scans 2-3x faster than "z" for ~25 KB more gzipped (still under budget); natives keep "s".
  CARGO_PROFILE_RELEASE_STRIP=false CARGO_PROFILE_RELEASE_OPT_LEVEL=3 \
    cargo build --release --no-default-features --lib --target "$WASM_TARGET" "$@"
}

build_wasm() {
  step "Engine -> wasm (release, no default features)"
  cargo_build_wasm

  local stamp=$WASM_STAGE/.input.sha256 sum
  sum=$(sha256sum "$WASM_RAW" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ] && [ -f "$WASM_STAGE/nigehban_bg.wasm" ]; then
    step "wasm-bindgen + wasm-opt"
    note "engine unchanged since the last run; reusing $WASM_STAGE/"
  else
    glue_and_optimise "$WASM_RAW" "$WASM_STAGE"
    echo "$sum" >"$stamp"
  fi

  local dest
  for dest in extension/wasm www/wasm; do
    note "-> $dest/"
    rm -rf "$dest"
    mkdir -p "$dest"
    cp "$WASM_STAGE"/nigehban.js "$WASM_STAGE"/nigehban_bg.wasm "$WASM_STAGE"/nigehban.d.ts "$dest"/
    # the glue's own JS module (src/wasm/verdicts.js), which nigehban.js imports
    cp -r "$WASM_STAGE"/snippets "$dest"/
  done
  report_wasm_size extension/wasm/nigehban_bg.wasm
}

# The engine with scans that stop part-way (feature "stages"), for bench/stages.mjs: built like
# the shipped wasm, in a target directory of its own so that neither build undoes the other.
build_stages_wasm() {
  ensure_wasm_target
  ensure_wasm_bindgen
  ensure_npm
  step "Engine -> wasm with the stages feature (benchmarks only; not shipped)"
  cargo_build_wasm --features stages --target-dir "$TARGET_DIR/stages"
  glue_and_optimise "$TARGET_DIR/stages/$WASM_TARGET/release/nigehban.wasm" "$TARGET_DIR/wasm-stages"
}

report_wasm_size() {
  local f=$1 raw gz
  raw=$(wc -c <"$f")
  gz=$(gzip -9c "$f" | wc -c)
  step "Shipped wasm size"
  awk -v f="$f" -v raw="$raw" -v gz="$gz" -v max="$MAX_WASM_GZ_BYTES" 'BEGIN {
    printf "    %s: %d bytes raw (%.1f KB), %d bytes gzipped (%.1f KB; limit %.0f KB)\n",
      f, raw, raw / 1000, gz, gz / 1000, max / 1000 }'
  if [ "$gz" -gt "$MAX_WASM_GZ_BYTES" ]; then
    # A plain build still finishes (others need dist/ to work); ./build.sh test fails on it.
    WASM_OVER_BUDGET="$gz bytes gzipped, budget $MAX_WASM_GZ_BYTES"
    printf '    WARNING: over the size budget (%s); ./build.sh test fails on this\n' "$WASM_OVER_BUDGET"
  fi
}

package_extension() {
  step "Extension packages -> dist/"
  [ -f extension/manifest.json ] || die "extension/manifest.json is missing"
  node scripts/package.mjs
  note "dist/chrome/, dist/firefox/, dist/nigehban-chrome.zip, dist/nigehban-firefox.zip"
}

build_cli() {
  step "Native CLI -> $TARGET_DIR/release/nigehban"
  cargo build --release --bin nigehban
}

build_all() {
  ensure_wasm_target
  ensure_wasm_bindgen
  ensure_npm
  build_wasm
  package_extension
  build_cli
  step "Built"
}

# --- test --------------------------------------------------------------------------------

run_tests() {
  local started=$SECONDS
  step "Test prerequisites"
  local chromium_ok=1
  apt_install chromium /usr/bin/chromium || chromium_ok=0
  if [ -f scripts/with-postgres.sh ]; then
    apt_install postgresql /usr/lib/postgresql || true
  fi
  # Optional: the Firefox smoke tests skip themselves without it.
  apt_install firefox-esr /usr/bin/firefox-esr || true

  build_all

  step "cargo fmt --check"
  cargo fmt --all -- --check

  # With the benchmarks' "stages" feature too, so that its code is checked and tested.
  step "cargo clippy --all-targets --features stages -D warnings"
  cargo clippy --all-targets --features stages -- -D warnings

  if [ -f scripts/with-postgres.sh ]; then
    step "cargo test (with a throwaway PostgreSQL: scripts/with-postgres.sh)"
    bash scripts/with-postgres.sh cargo test --features stages
  else
    step "cargo test"
    cargo test --features stages
  fi

  step "wasm tests in Node (wasm-bindgen-test): JS API vs native engine"
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test --target "$WASM_TARGET" --no-default-features --test wasm

  step "JS API (www/wasm/nigehban.js in Node) vs native CLI on the whole dev corpus"
  node scripts/wasm-parity.mjs

  if [ -f scripts/eval.sh ]; then
    step "Engine evaluation on ../shared/corpus/dev.jsonl (scripts/eval.sh)"
    bash scripts/eval.sh
  else
    step "Engine evaluation"
    note "scripts/eval.sh not present yet; skipped"
  fi

  step "web-ext lint (dist/firefox)"
  node_modules/.bin/web-ext lint --source-dir dist/firefox --no-config-discovery --output text

  step "Browser end-to-end tests (node --test tests/e2e/)"
  if [ "$chromium_ok" = 1 ]; then
    node --test --test-concurrency=1 tests/e2e/
  else
    die "Chromium is missing (/usr/bin/chromium); the browser tests cannot run"
  fi

  step "Shipped wasm size budget"
  if [ -n "${WASM_OVER_BUDGET:-}" ]; then
    die "extension/wasm/nigehban_bg.wasm is over the size budget: $WASM_OVER_BUDGET"
  fi
  note "within budget"

  step "All tests passed in $((SECONDS - started)) s"
}

# --- demo --------------------------------------------------------------------------------

run_demo() {
  build_all
  step "Demo: serving www/ on 127.0.0.1"
  exec node scripts/demo.mjs
}

run_bench() {
  if [ -f scripts/bench.sh ]; then
    step "Benchmarks (scripts/bench.sh)"
    exec bash scripts/bench.sh "$@"
  fi
  die "scripts/bench.sh not present yet"
}

case "${1:-build}" in
  build | "") build_all ;;
  test) run_tests ;;
  demo) run_demo ;;
  bench) shift; run_bench "$@" ;;
  stages-wasm) build_stages_wasm ;; # for scripts/bench.sh
  -h | --help | help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) die "unknown command '$1' (use: ./build.sh [test|demo|bench|stages-wasm])" ;;
esac
