#!/usr/bin/env bash
# Builds every fuzz target and runs each for SECONDS (default 60) from the committed seeds.
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP lets the stable toolchain provide them.
# Short runs (up to a minute, as in CI) use a fixed seed, so their outcome does not depend
# on luck, and no sanitizer: the crate forbids `unsafe`, so what such a run can find is a
# panic, an endless loop or a blown limit, which the plain build shows at twice the speed
# and for less build time. Longer runs explore with random seeds under AddressSanitizer
# (for the `unsafe` inside dependencies). FUZZ_SANITIZER=address|none overrides. A run
# that finds a crash, a leak, a timeout or an input over the memory limit keeps it in
# artifacts/TARGET/ and exits 1.
#   fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-60}; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(xml c14n verify certificate crl smp emrex tsl saml stream ocsp metadata xmlenc)
# One install and build at a time (scripts/test-all.sh may build the targets ahead while
# the Rust door comes here).
mkdir -p target
exec 8>target/.run.lock
flock 8
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --debug --version 0.13.2 --locked
export RUSTC_BOOTSTRAP=1
san=${FUZZ_SANITIZER:-}; [ -n "$san" ] || { [ "$secs" -le 60 ] && san=none || san=address; }
case $san in address|none) ;; *) echo "FUZZ_SANITIZER: address or none, not $san" >&2; exit 2 ;; esac
cargo fuzz build -O -s "$san"
# FUZZ_BUILD_ONLY=1: install and build, no run (scripts/test-rust.sh --prepare).
[ "${FUZZ_BUILD_ONLY:-0}" = 1 ] && exit 0
exec 8>&-
seed=(); [ "$secs" -le 60 ] && seed=(-seed=1)
# Targets run side by side, one per core (FUZZ_JOBS overrides), each into a log of its
# own that is shown when the target ends; a run fails on a non-zero exit or a new
# artifact, whichever libFuzzer gives.
jobs=${FUZZ_JOBS:-$(nproc)}
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
fuzz_one() {
  local t=$1 rc=0
  mkdir -p "corpus/$t"
  cargo fuzz run -O -s "$san" "$t" "corpus/$t" "seeds/$t" -- -max_total_time="$secs" -max_len=65536 \
    -rss_limit_mb=2048 "${seed[@]}" >"$logs/$t" 2>&1 || rc=$?
  echo "$rc" >"$logs/$t.rc"
}
running=0
for t in "${targets[@]}"; do
  if [ "$running" -ge "$jobs" ]; then wait -n || true; running=$((running - 1)); fi
  fuzz_one "$t" &
  running=$((running + 1))
done
wait
failed=0
for t in "${targets[@]}"; do
  echo "== fuzzed $t for ${secs}s"
  grep -E "^#[0-9]+ +DONE|Done [0-9]+ runs|ERROR|panicked|SUMMARY" "$logs/$t" || true
  rc=$(cat "$logs/$t.rc" 2>/dev/null || echo 1)
  found=$(ls artifacts/"$t"/crash-* artifacts/"$t"/oom-* artifacts/"$t"/leak-* artifacts/"$t"/timeout-* 2>/dev/null || true)
  if [ "$rc" != 0 ] || [ -n "$found" ]; then
    failed=$((failed + 1))
    echo "fuzz: $t failed (exit status $rc)${found:+; artifacts: $found}"
    tail -n 30 "$logs/$t"
  fi
done
echo "fuzz: $((${#targets[@]} - failed)) passed, $failed failed (${secs}s each, sanitizer: $san)"
[ "$failed" -eq 0 ]
