#!/usr/bin/env bash
# Evaluates the detection engine against the shared corpora with the issue's thresholds.
# Exits non-zero when any threshold is missed. Uses target/release/nigehban, or $NIGEHBAN.
#   dev.jsonl:            precision >= 0.97, recall >= 0.95, obfuscated and per-language recall
#                         >= 0.90, category exact-set accuracy >= 0.85
#   real/positives:       recall >= 0.90
#   real/hard_negatives:  flagged <= 3 %
#   real/benign_bulk:     flagged <= 0.1 %
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${NIGEHBAN:-$here/target/release/nigehban}"
corpus="${NIGEHBAN_CORPUS:-$here/../shared/corpus}"

if [ ! -x "$bin" ]; then
  echo "eval.sh: $bin not found; build it with: cargo build --release" >&2
  exit 2
fi

status=0
run() {
  local name="$1"; shift
  local out
  if out="$("$bin" eval "$@" 2>&1)"; then
    echo "ok    $name"
  else
    echo "FAIL  $name"
    status=1
  fi
  echo "$out" | grep -E '^(overall|flagged rate|category exact|THRESHOLD|nigehban:)' | sed 's/^/      /'
}

run "dev.jsonl" "$corpus/dev.jsonl" \
  --min-precision 0.97 --min-recall 0.95 --min-obfuscated-recall 0.90 \
  --min-lang-recall 0.90 --min-category-accuracy 0.85
run "real/positives.jsonl" "$corpus/real/positives.jsonl" --min-recall 0.90
run "real/hard_negatives.jsonl" "$corpus/real/hard_negatives.jsonl" --max-flag-rate 0.03
run "real/benign_bulk.jsonl" "$corpus/real/benign_bulk.jsonl" --max-flag-rate 0.001
exit $status
