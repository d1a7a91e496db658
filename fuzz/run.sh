#!/usr/bin/env bash
# Builds every fuzz target and runs each for SECONDS (default 60) from the committed seeds.
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP lets the stable toolchain provide them.
# Short runs (up to a minute, as in CI) use a fixed seed, so their outcome does not depend
# on luck, and no sanitizer: the crate forbids `unsafe`, so what such a run can find is a
# panic, an endless loop or a blown limit, which the plain build shows at twice the speed
# and for less build time. Longer runs explore with random seeds under AddressSanitizer
# (for the `unsafe` inside dependencies). FUZZ_SANITIZER=address|none overrides. A run
# that finds a crash keeps it in artifacts/TARGET/ and exits 1.
#   fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-60}; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(xml c14n verify certificate crl smp emrex tsl saml stream ocsp metadata xmlenc)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --debug --version 0.13.2 --locked
export RUSTC_BOOTSTRAP=1
san=${FUZZ_SANITIZER:-}; [ -n "$san" ] || { [ "$secs" -le 60 ] && san=none || san=address; }
case $san in address|none) ;; *) echo "FUZZ_SANITIZER: address or none, not $san" >&2; exit 2 ;; esac
cargo fuzz build -O -s "$san"
seed=(); [ "$secs" -le 60 ] && seed=(-seed=1)
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  echo "== fuzzing $t for ${secs}s"
  cargo fuzz run -O -s "$san" "$t" "corpus/$t" "seeds/$t" -- -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 "${seed[@]}" 2>&1 | grep -E "^#[0-9]+ +DONE|Done [0-9]+ runs|ERROR|panicked|SUMMARY" || true
  if ls artifacts/"$t"/crash-* >/dev/null 2>&1; then echo "crash found for $t"; exit 1; fi
done
echo "fuzz: ${#targets[@]} passed, 0 failed (${secs}s each, sanitizer: $san)"
