#!/usr/bin/env bash
# Runs the embedded example (examples/embedded/) on an emulated Cortex-M4 and checks its
# verdicts.
#
#   scripts/test-embedded.sh [MIB ...]     (default: 1 10 — the aggregates to stream)
#   scripts/test-embedded.sh --prepare     only install the tools and build the firmware
#
# Installs what it lacks: qemu-system-arm (apt), the thumbv7em-none-eabihf target
# (rustup) and defmt-print at a pinned version (cargo install --locked --debug, into
# $CARGO_TARGET_DIR/embedded-tools). Builds the firmware in release, writes signed
# metadata aggregates of the given sizes with examples/embedded/make_aggregate.py
# (xmlsec1), runs the firmware under qemu-system-arm -machine mps2-an386 with a timeout,
# decodes its defmt output and prints it. Fails on a nonzero QEMU status (a wrong verdict,
# a panic or an allocation failure in the firmware's fixed heap), a timeout, or output
# without the closing "all verdicts right". The last line is "embedded: N passed, M
# failed", one check per verdict.
#
# Environment: CARGO_TARGET_DIR (default: target), TRUSTMETA_HEAP_KB (the firmware's heap,
# default 32), EMBEDDED_TIMEOUT (seconds, default 300).
set -euo pipefail

DEFMT_PRINT_VERSION=1.2.0
TARGET=thumbv7em-none-eabihf

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
case "${CARGO_TARGET_DIR:-target}" in
  /*) target_dir=${CARGO_TARGET_DIR} ;;
  *) target_dir=$repo/${CARGO_TARGET_DIR:-target} ;;
esac
# What the door builds: the target, defmt-print and the firmware. Only this runs with
# --prepare (scripts/test-all.sh builds the next door's artifacts at low priority while
# the one before runs its tests; then the door finds them built).
prepare_tools() {
  rustup target list --installed | grep -qx "$TARGET" || rustup target add "$TARGET"
  if ! "$defmt_print" --version 2>/dev/null | grep -qx "defmt-print $DEFMT_PRINT_VERSION"; then
    echo "installing defmt-print $DEFMT_PRINT_VERSION"
    # A debug build: it decodes a few kilobytes, and compiles in half the time of a release one.
    cargo install defmt-print --debug --locked --version "$DEFMT_PRINT_VERSION" --root "$tools" --quiet --force
  fi
}
build_firmware() {
  # The firmware is its own workspace; it shares the target directory.
  (cd examples/embedded && CARGO_TARGET_DIR=$target_dir cargo build --release --quiet)
}
tools=$target_dir/embedded-tools
defmt_print=$tools/bin/defmt-print
if [ "${1:-}" = --prepare ]; then prepare_tools; build_firmware; exit 0; fi
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 10)
t_start=$SECONDS

if ! command -v qemu-system-arm >/dev/null; then
  echo "installing qemu-system-arm"
  sudo_=""; [ "$(id -u)" = 0 ] || sudo_="sudo -n"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_ apt-get install -y -qq --no-install-recommends qemu-system-arm >/dev/null 2>&1 ||
    { $sudo_ apt-get update -qq >/dev/null && $sudo_ apt-get install -y -qq --no-install-recommends qemu-system-arm >/dev/null; }
fi
command -v xmlsec1 >/dev/null || { echo "test-embedded.sh: xmlsec1 is missing (scripts/setup.sh installs it)" >&2; exit 2; }
prepare_tools
t_tools=$SECONDS
build_firmware
elf=$target_dir/$TARGET/release/trustmeta-embedded
t_build=$SECONDS

fixtures=$target_dir/embedded-fixtures
mkdir -p "$fixtures"
args=arg=trustmeta-embedded
for mib in "${sizes[@]}"; do
  f=$fixtures/md-${mib}mib.xml
  [ -s "$f" ] || python3 examples/embedded/make_aggregate.py "$f" "$mib" >/dev/null
  args="$args,arg=$f"
done

raw=$fixtures/run.defmt
out=$fixtures/run.txt
status=0
# -icount shift=0: one instruction per nanosecond of virtual time, so that SysTick counts
# instructions (QEMU does not model the DWT cycle counter).
timeout "${EMBEDDED_TIMEOUT:-300}" qemu-system-arm -machine mps2-an386 -cpu cortex-m4 \
  -nographic -monitor none -serial none -icount shift=0 \
  -semihosting-config "enable=on,target=native,$args" -kernel "$elf" >"$raw" || status=$?
"$defmt_print" -e "$elf" <"$raw" >"$out" || true
cat "$out"
t_run=$SECONDS

passed=$(grep -c ' (right, expected ' "$out" || true)
failed=$(grep -c ' (WRONG, expected ' "$out" || true)
[ "$status" = 0 ] || { echo "test-embedded.sh: qemu exited with status $status (124: timeout)" >&2; failed=$((failed + 1)); }
grep -qx 'all verdicts right' "$out" || { echo "test-embedded.sh: the firmware did not finish with 'all verdicts right'" >&2; failed=$((failed + 1)); }
size=$(arm-none-eabi-size "$elf" 2>/dev/null || size "$elf" 2>/dev/null || true)
[ -z "$size" ] || echo "$size"
echo "time: tools $((t_tools - t_start)) s, build $((t_build - t_tools)) s, fixtures and QEMU $((t_run - t_build)) s"
echo "embedded: $passed passed, $failed failed"
[ "$failed" = 0 ]
