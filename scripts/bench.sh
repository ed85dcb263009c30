#!/usr/bin/env bash
# Every benchmark of issue 8 and the collector load test of issue 9, side by side, then one
# table (bench/report.mjs). Called by `./build.sh bench`; not part of the test suite's pass/fail.
#
#   ./build.sh bench [--quick] [--no-build]
#
#   --quick     fewer rounds and a 2,000-report load test (a smoke run, ~1 minute)
#   --no-build  use the existing build (dist/chrome, www/wasm, target/release/nigehban)
#
# Results: target/bench-results/*.json and summary.txt; criterion's own report under
# target/criterion/. A step that fails is reported and the others still run; the exit status
# is 1 when any step failed (a missed target is not a failure: the table says MISSED).
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

quick=0
build=1
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --no-build) build=0 ;;
    *) echo "bench.sh: unknown option '$arg' (use --quick, --no-build)" >&2; exit 2 ;;
  esac
done
node_quick=()
if [ "$quick" = 1 ]; then
  node_quick=(--quick)
  export NIGEHBAN_BENCH_QUICK=1
fi

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
failed=()
run() { # run NAME COMMAND...: one benchmark; a failure is noted, not fatal
  local name=$1
  shift
  step "$name"
  local t0=$SECONDS
  if "$@"; then
    printf '    (%s s)\n' $((SECONDS - t0))
  else
    echo "bench.sh: $name failed (exit $?)" >&2
    failed+=("$name")
  fi
}

if [ "$build" = 1 ]; then
  step "Build (./build.sh: wasm, extension, native CLI; does nothing when up to date)"
  ./build.sh || { echo "bench.sh: the build failed; nothing to measure" >&2; exit 1; }
fi

results="${NIGEHBAN_BENCH_OUT:-target/bench-results}"
rm -rf "$results"
mkdir -p "$results"

# Native engine only (no CLI or server features): the library the wasm build compiles.
run "Native engine (criterion)" cargo bench --quiet --no-default-features --bench engine -- --noplot
run "wasm in Node against the JS baseline" node bench/node-wasm.mjs "${node_quick[@]}"
run "Where a wasm scan's time goes (a build with the stages feature, in Node)" \
  bash -c './build.sh stages-wasm >/dev/null && node bench/stages.mjs "$@"' stages "${node_quick[@]}"
run "wasm in headless Chromium against the JS baseline (same tab)" node bench/chromium.mjs "${node_quick[@]}"
# These two drive DevTools over a WebSocket: Node 20 needs the flag, later Nodes ignore it.
ws_flag=()
if node --experimental-websocket -e '' 2>/dev/null; then ws_flag=(--experimental-websocket); fi
run "Where the wasm bytes go (per crate, before wasm-opt)" node bench/wasm-size.mjs
run "Service-worker path: batches, cold start, memory" node "${ws_flag[@]}" bench/sw-path.mjs "${node_quick[@]}"
run "Page cost: 1,000-post feed, extension on and off" node "${ws_flag[@]}" bench/page-cost.mjs "${node_quick[@]}"
run "Collector load test (SQLite, and PostgreSQL where it can start)" scripts/with-postgres.sh node bench/loadtest.mjs "${node_quick[@]}"

step "Results"
node bench/report.mjs --criterion "${CARGO_TARGET_DIR:-target}/criterion"

if [ ${#failed[@]} -gt 0 ]; then
  printf '\nbench.sh: failed steps: %s\n' "${failed[*]}" >&2
  exit 1
fi
