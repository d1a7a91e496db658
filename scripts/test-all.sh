#!/usr/bin/env bash
# Every test of the repository, installing what it needs first. Each front door prints a
# closing "N passed, M failed" line; the summary at the end repeats them.
#
# Disk: a run from a clean clone writes several build trees under target/. When the disk
# holding target/ has less than TRUSTMETA_PRUNE_BELOW_GB (default 40) GiB free, the build
# outputs that no later front door reads are deleted as each door ends (TRUSTMETA_PRUNE=1
# always, =0 never). After each door the free space is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
# Incremental state is for editing, not for a run that builds each tree once.
export CARGO_INCREMENTAL=${CARGO_INCREMENTAL:-0}
scripts/setup.sh
log=$(mktemp)
target=${CARGO_TARGET_DIR:-target}
mkdir -p "$target"
free_gb() { df -Pk "$target" | awk 'NR == 2 { print int($4 / 1048576) }'; }
prune() {
  local want=${TRUSTMETA_PRUNE:-}
  if [ -z "$want" ]; then
    if [ "$(free_gb)" -lt "${TRUSTMETA_PRUNE_BELOW_GB:-40}" ]; then want=1; else want=0; fi
  fi
  [ "$want" = 1 ] || return 0
  local d
  for d in "$@"; do
    if [ -e "$target/$d" ]; then
      rm -rf "${target:?}/$d"
      echo "test-all: removed $target/$d (no later front door reads it)"
    fi
  done
}
took=()
run() {
  local door=$1 t0=$SECONDS
  echo "=== $door"; shift; "$@" 2>&1 | tee -a "$log"
  took+=("$door $((SECONDS - t0)) s")
  echo "test-all: $door took $((SECONDS - t0)) s; $(free_gb) GiB free on the disk of $target"
}
run rust scripts/test-rust.sh
# The C door builds the release library again from target/release; the rest goes.
prune debug embedded x86_64-unknown-linux-musl
# Run through bash: a lost executable bit must not skip a front door silently.
run c bash scripts/test-c.sh
# target/release stays for the Python door: its `pip install ./python` builds there and
# reuses what the C door compiled.
run python bash scripts/test-python.sh
prune release x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu py-venv py-venv-pip release-venv
run wasm bash scripts/test-wasm.sh
prune wasm32-unknown-unknown
run embedded bash scripts/test-embedded.sh
echo "=== summary"
grep -E '^[a-z0-9 -]+: [0-9]+ passed, [0-9]+ failed' "$log" || true
# What each front door took, setup included, to see where a run's time goes.
echo "test-all: time per front door: ${took[*]/%/;} all $SECONDS s"
