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
# Every line of the console, and of the builds ahead below, carries the seconds since the
# run began, so that a run's log shows where its time went. The stamped console is kept
# in a file named on its first line, which outlives the run (a machine that only keeps
# /tmp keeps it too); the builds ahead are appended to it when the run ends.
TRUSTMETA_T0=$(date +%s)
export TRUSTMETA_T0
stamp() { perl -ne 'BEGIN { $| = 1 } printf "[%5d] %s", time - $ENV{TRUSTMETA_T0}, $_'; }
export -f stamp
kept=$(mktemp "${TMPDIR:-/tmp}/trustmeta-test-all.XXXXXX")
exec > >(stamp | tee -a "$kept") 2>&1
echo "test-all: this console is kept in $kept"
# Incremental state is for editing, not for a run that builds each tree once.
export CARGO_INCREMENTAL=${CARGO_INCREMENTAL:-0}
# The C library and `pip install ./python` are built in the dev profile, whose
# dependencies the Rust door has built (optimized: Cargo.toml) and tested: a release tree
# of the same crates would be the run's largest build. The release build of the same code
# is tested through the artifacts that are shipped: the wheel, the static CLI, the
# WebAssembly package and the firmware. TRUSTMETA_PROFILE=release tests release instead.
export TRUSTMETA_PROFILE=${TRUSTMETA_PROFILE:-dev}
scripts/setup.sh
prep=$(mktemp -d)
# What the doors print, unstamped, for the summary at the end.
log=$prep/doors.log
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
# The doors' tools and artifacts are built ahead, one door after the other, at the lowest
# priority (each door's script with --prepare; the Rust door's release CLI and fuzz
# targets, which it needs only after its tests): a door's tests leave a core idle most
# of the time, and the build ahead takes it. Nothing here is trusted: each
# door runs its own build again, which finds the work done (or does it, and reports what
# failed). TRUSTMETA_PREPARE_AHEAD=0 builds each door's artifacts in turn instead.
ahead=(rust c python wasm embedded)
[ "${TRUSTMETA_PREPARE_AHEAD:-1}" = 1 ] || ahead=()
# A process group of its own (job control), to stop it with cargo and the compilers if a
# door fails; the same session, though: where the kernel groups scheduling by session
# (autogroup), a new one would share the cores equally with the doors whatever its nice.
# shellcheck disable=SC2016 # expanded by the inner shell
set -m
bash -c '
  set -o pipefail
  prep=$1; shift
  for door in "$@"; do
    t0=$SECONDS
    if nice -n 19 bash "scripts/test-$door.sh" --prepare 2>&1 | stamp >"$prep/$door.log"; then
      echo "ok $((SECONDS - t0))" >"$prep/$door.done"
    else
      echo "failed $((SECONDS - t0))" >"$prep/$door.done"
    fi
  done' prepare-ahead "$prep" "${ahead[@]}" &
prep_pid=$!
set +m
# shellcheck disable=SC2016 # expanded when the trap runs
trap 'kill -- -"$prep_pid" 2>/dev/null || true
  for door in "${ahead[@]}"; do
    [ -e "$prep/$door.log" ] && { echo "=== built ahead: $door"; cat "$prep/$door.log"; }
  done >>"$kept"
  rm -rf "$prep"' EXIT
# Waits until DOOR's preparation has ended (if it was started), and says how it went.
prepared() {
  local door=$1 t0=$SECONDS
  [[ " ${ahead[*]} " == *" $door "* ]] || return 0
  while [ ! -e "$prep/$door.done" ] && kill -0 "$prep_pid" 2>/dev/null; do sleep 1; done
  [ -e "$prep/$door.done" ] || { echo "test-all: $door was not built ahead"; return 0; }
  echo "test-all: $door built ahead: $(cat "$prep/$door.done") s; waited $((SECONDS - t0)) s for it"
  if grep -q '^failed' "$prep/$door.done"; then tail -n 20 "$prep/$door.log"; fi
}
run rust scripts/test-rust.sh
# The C and Python doors build in target/debug (or target/release); the rest goes.
prune thumbv7em-none-eabihf/debug x86_64-unknown-linux-musl
prepared c
# Run through bash: a lost executable bit must not skip a front door silently.
run c bash scripts/test-c.sh
# The C door's tree stays for the Python door: its `pip install ./python` builds there
# and reuses what the C door compiled.
prepared python
run python bash scripts/test-python.sh
prune debug release x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu py-venv py-venv-pip release-venv
prepared wasm
run wasm bash scripts/test-wasm.sh
prune wasm32-unknown-unknown wasm-opt
prepared embedded
run embedded bash scripts/test-embedded.sh
echo "=== summary"
grep -E '^[a-z0-9 -]+: [0-9]+ passed, [0-9]+ failed' "$log" || true
# What each front door took, setup included, to see where a run's time goes.
echo "test-all: time per front door: ${took[*]/%/;} all $SECONDS s"
# Two cores are busy most of a run, so the processor time is what a change saves or costs.
wait "$prep_pid" 2>/dev/null || true
# `times` of this shell (not of a command substitution's): its second line is what every
# process it waited for used.
times >"$prep/times"
echo "test-all: processor time of every build and test (user, system): $(tail -n 1 "$prep/times")"
