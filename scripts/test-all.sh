#!/usr/bin/env bash
# Every test of the repository, installing what it needs first. Each front door prints a
# closing "N passed, M failed" line; the summary at the end repeats them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
log=$(mktemp)
run() { echo "=== $1"; shift; "$@" 2>&1 | tee -a "$log"; }
run rust scripts/test-rust.sh
# Run through bash: a lost executable bit must not skip a front door silently.
for door in c python wasm embedded; do
  run "$door" bash "scripts/test-$door.sh"
done
echo "=== summary"
grep -E '^[a-z0-9 -]+: [0-9]+ passed, [0-9]+ failed' "$log" || true
