#!/usr/bin/env bash
# One benchmark run: trustmeta next to its peers, same fixtures, same machine, one go.
#
# usage: scripts/bench.sh [--entities N] [--quick] [--no-install] [--no-bergshamra] [--no-hostile]
#   --entities N     entities in md-aggregate.xml (default 5000 ~ 10 MB; 50000 ~ 100 MB)
#   --quick          shorter batches (50 ms x 5) and one aggregate run: a smoke test
#   --no-install     use what is installed; skip apt, pip and npm
#   --no-bergshamra  skip the bergshamra crate peer (its first build takes ~3 minutes)
#   --no-hostile     skip the hostile-input table (bench/hostile.py) printed at the end
#
# It installs what it needs (Debian: xmlsec1, libxmlsec1-dev, pkg-config, time; a venv in
# target/bench-venv with python-xmlsec, signxml, lxml, pybergshamra and, if built, the
# trustmeta wheel from target/wheels; xml-crypto in target/bench-node), makes the fixtures
# (bench/make_fixtures.py, openssl + xmlsec1 only), builds everything first, then runs the
# measurements one after another, never in parallel. The full log goes to
# target/bench-results/run-<date>.log and a summary table with ratios follows; then the
# hostile-input table of bench/hostile.py (refusal time and peak RSS of the CLI on hostile
# documents; with --quick its 200 MB inputs are 20 MB), kept in <log>.hostile.
# Decryption: the encrypted eIDAS-style fixtures must decrypt and verify with the CLI
# (`saml verify-response --decrypt-key`) and their one-character-changed copies must be
# refused, before anything is timed; summary.py then prints the decrypt + verify table.
# Speed is measured here, never asserted in a test; absolute figures drift with the
# machine's load, so compare the ratios of one run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

ENTITIES=5000 QUICK=0 INSTALL=1 BERG=1 HOSTILE=1
while [ $# -gt 0 ]; do
  case "$1" in
    --entities) ENTITIES=$2; shift 2 ;;
    --entities=*) ENTITIES=${1#*=}; shift ;;
    --quick) QUICK=1; shift ;;
    --no-install) INSTALL=0; shift ;;
    --no-bergshamra) BERG=0; shift ;;
    --no-hostile) HOSTILE=0; shift ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ "$QUICK" = 1 ]; then
  export TRUSTMETA_BENCH_BATCH_MS=${TRUSTMETA_BENCH_BATCH_MS:-50} TRUSTMETA_BENCH_BATCHES=${TRUSTMETA_BENCH_BATCHES:-5}
  export TRUSTMETA_BENCH_AGGREGATE_RUNS=${TRUSTMETA_BENCH_AGGREGATE_RUNS:-1}
fi
AGG_RUNS=${TRUSTMETA_BENCH_AGGREGATE_RUNS:-5}

FIX=$ROOT/target/bench-fixtures
VENV=$ROOT/target/bench-venv
NODE_DIR=$ROOT/target/bench-node
CARGO_TARGET_DIR_BENCH=$ROOT/target/bench-rust
mkdir -p target/bench-results
LOG=$ROOT/target/bench-results/run-$(date -u +%Y%m%dT%H%M%SZ).log
say() { printf '\n== %s\n' "$*" >&2; }

# ---------------------------------------------------------------- installs
if [ "$INSTALL" = 1 ]; then
  need=()
  command -v xmlsec1 >/dev/null || need+=(xmlsec1)
  command -v openssl >/dev/null || need+=(openssl)
  [ -x /usr/bin/time ] || need+=(time)
  command -v pkg-config >/dev/null || need+=(pkg-config)
  dpkg -s libxmlsec1-dev >/dev/null 2>&1 || need+=(libxmlsec1-dev)
  if [ ${#need[@]} -gt 0 ]; then
    say "apt-get install ${need[*]}"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    say "python venv $VENV"
    python3 -m venv "$VENV"
  fi
  say "pip install xmlsec signxml lxml pybergshamra"
  "$VENV/bin/pip" install -q --disable-pip-version-check xmlsec signxml lxml pybergshamra \
    || echo "bench.sh: some Python peers did not install; they will be reported as not measured" >&2
  WHEEL=$(ls -t target/wheels/trustmeta-*.whl 2>/dev/null | head -n1 || true)
  if [ -n "$WHEEL" ]; then
    say "pip install $WHEEL"
    "$VENV/bin/pip" install -q --disable-pip-version-check --force-reinstall --no-deps "$WHEEL"
  else
    "$VENV/bin/pip" uninstall -q -y trustmeta >/dev/null 2>&1 || true
    echo "bench.sh: no target/wheels/trustmeta-*.whl (scripts/test-python.sh builds it): trustmeta-py not measured" >&2
  fi
  if command -v npm >/dev/null; then
    say "npm install xml-crypto @xmldom/xmldom"
    npm install -s --prefix "$NODE_DIR" --no-audit --no-fund xml-crypto @xmldom/xmldom >/dev/null \
      || echo "bench.sh: npm install failed; xml-crypto not measured" >&2
  fi
fi
[ -x "$VENV/bin/python" ] && PY=$VENV/bin/python || PY=python3

# ---------------------------------------------------------------- fixtures and builds
say "fixtures ($ENTITIES entities in the aggregate)"
# The venv's interpreter when there is one: the ECDH-ES fixture needs `cryptography`.
"$PY" bench/make_fixtures.py --out "$FIX" --entities "$ENTITIES"
# Distinct records for the throughput lines: signed by python-xmlsec, from the venv.
RECORDS=$([ "$QUICK" = 1 ] && echo 2000 || echo 10000)
"$PY" bench/make_records.py --out "$FIX" --records "$RECORDS" \
  || echo "bench.sh: bench/make_records.py failed (python-xmlsec missing?); throughput not measured" >&2

say "build (release): trustmeta CLI, bench binary, allocation counter, bergshamra peer"
cargo build -q --release -p trustmeta-cli
# The C API: the static library and a program timing it (bench/c-api/bench.c).
cargo build -q --release -p trustmeta-ffi
# Cargo makes the directory only below; on a fresh clone the C program comes first.
mkdir -p "$CARGO_TARGET_DIR_BENCH"
cc -O2 -std=c11 -Wall -Wextra -Werror -pthread -Iinclude bench/c-api/bench.c target/release/libtrustmeta.a \
  -ldl -lm -o "$CARGO_TARGET_DIR_BENCH/c-api-bench"
cargo bench -q -p trustmeta --features fast --bench verify --no-run 2>/dev/null \
  || cargo bench -p trustmeta --features fast --bench verify --no-run
# Outside the workspace (see their Cargo.toml): own lock files, shared target dir.
(cd bench/alloc-count && CARGO_TARGET_DIR=$CARGO_TARGET_DIR_BENCH cargo build -q --release)
if [ "$BERG" = 1 ]; then
  (cd bench/bergshamra-peer && CARGO_TARGET_DIR=$CARGO_TARGET_DIR_BENCH cargo build -q --release) \
    || { echo "bench.sh: bergshamra peer did not build; not measured" >&2; BERG=0; }
fi

# ---------------------------------------------------------------- measurements
# best of $AGG_RUNS runs of a whole process under /usr/bin/time: wall seconds and peak RSS
timed_process() {  # label fixture command...
  local label=$1 fixture=$2; shift 2
  local best="" best_kb="" out rc secs kb
  local t0 t1
  for _ in $(seq "$AGG_RUNS"); do
    set +e
    # Wall time to the nanosecond around the process (/usr/bin/time prints hundredths,
    # too coarse beside a 0.07 s floor); /usr/bin/time for the peak RSS.
    t0=$(date +%s%N)
    /usr/bin/time -f "TIME %e %M" "$@" >"$LOG.out" 2>"$LOG.err"
    rc=$?
    t1=$(date +%s%N)
    set -e
    out=$(grep '^TIME ' "$LOG.err" | tail -n1 || true)
    if [ "$rc" != 0 ]; then
      echo "$label $fixture refused or failed (exit $rc): $(cat "$LOG.out" "$LOG.err" | grep -v -e '^TIME ' -e '^Command exited' | head -n2 | tr '\n' ' ')"
      return 0
    fi
    read -r _ _ kb <<<"$out"
    secs=$(awk "BEGIN{printf \"%.4f\", ($t1 - $t0) / 1e9}")
    if [ -z "$best" ] || awk "BEGIN{exit !($secs < $best)}"; then best=$secs; best_kb=$kb; fi
  done
  printf '%-22s %-26s %10.4f s/verify  (best of %s, wall time of the process; peak RSS %d MB = /usr/bin/time %%M)\n' \
    "$label" "$fixture" "$best" "$AGG_RUNS" "$((best_kb / 1024))"
}

# The CLI decrypts and verifies each encrypted fixture with the relying party's key, and
# refuses the copy whose content ciphertext has one character changed (FILE.tampered), in
# verify-response and in the signature-free `saml decrypt`, so the change is caught by
# decryption itself and not only by the Response signature around it.
check_decryption() {
  local pair f key out rc rc_v rc_d code_v code_d
  for pair in saml-eidas-enc-rsa.xml:sp-rsa3072.key saml-eidas-enc-ec.xml:sp-ec.key; do
    f=${pair%%:*} key=${pair##*:}
    if [ ! -f "$FIX/$f" ]; then echo "# not measured: $f (no such fixture)"; continue; fi
    local args=(saml verify-response --trust "$FIX/ec.crt" --audience https://sp.example.eu
      --acs https://sp.example.eu/acs --request-id _req1 --profile eidas --signed both
      --decrypt-key "$FIX/$key" --json)
    set +e
    out=$(target/release/trustmeta "${args[@]}" "$FIX/$f" 2>&1); rc=$?
    set -e
    if [ "$rc" != 0 ] || ! grep -q '"decrypted":\[{' <<<"$out"; then
      echo "trustmeta-cli          $f does not verify: exit $rc $(head -c 200 <<<"$out")"
      continue
    fi
    set +e
    code_v=$(target/release/trustmeta "${args[@]}" "$FIX/$f.tampered" 2>&1); rc_v=$?
    code_d=$(target/release/trustmeta saml decrypt --decrypt-key "$FIX/$key" --json "$FIX/$f.tampered" 2>&1); rc_d=$?
    set -e
    code_v=$(grep -o '"code":"[^"]*"' <<<"$code_v" | head -n1 || true)
    code_d=$(grep -o '"code":"[^"]*"' <<<"$code_d" | head -n1 || true)
    # exit 1 is a refusal; 0 an acceptance, 2 a usage or I/O error
    if [ "$rc_v" = 0 ] || [ "$rc_d" = 0 ]; then
      echo "trustmeta-cli          $f ACCEPTS A TAMPERED COPY (verify-response exit $rc_v, saml decrypt exit $rc_d)"
      continue
    elif [ "$rc_v" != 1 ] || [ "$rc_d" != 1 ]; then
      echo "trustmeta-cli          $f does not verify: the tampered copy gave exit $rc_v / $rc_d, not a refusal"
      continue
    fi
    echo "# acceptance $f: trustmeta saml verify-response --decrypt-key decrypts and verifies it; the tampered copy is refused (verify-response ${code_v#*:}, saml decrypt ${code_d#*:})"
  done
}

run() {
  {
    echo "# bench run $(date -u +%FT%TZ) on $(uname -srm), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "# $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
    echo "# rustc $(rustc --version | cut -d' ' -f2), $(xmlsec1 --version 2>/dev/null | head -n1), $(openssl version)"
    echo "# fixtures: $(cd "$FIX" && for f in smp-signed.xml smp-signed-ec.xml saml-response.xml saml-response-signed.xml saml-eidas.xml saml-eidas-enc-rsa.xml saml-eidas-enc-ec.xml md-aggregate.xml; do [ -f "$f" ] && printf '%s %s B; ' "$f" "$(stat -c %s "$f")"; done)"

    say "decryption fixtures: the CLI decrypts each and refuses its tampered copy"
    check_decryption

    say "trustmeta in process (core/benches/verify.rs)"
    TRUSTMETA_BENCH_FIXTURES=$FIX cargo bench -q -p trustmeta --features fast --bench verify 2>/dev/null \
      | grep -v '^\s*$' || echo "# trustmeta bench failed"

    say "trustmeta through the C API (bench/c-api/bench.c)"
    "$CARGO_TARGET_DIR_BENCH/c-api-bench" "$FIX" || echo "# not measured: the C API (bench/c-api/bench.c failed)"

    say "heap allocations (bench/alloc-count)"
    "$CARGO_TARGET_DIR_BENCH/release/trustmeta-alloc-count" "$FIX"

    if [ "$BERG" = 1 ]; then
      say "bergshamra crate (bench/bergshamra-peer)"
      "$CARGO_TARGET_DIR_BENCH/release/bergshamra-peer" "$FIX"
    else
      echo "# not measured: bergshamra-rs (--no-bergshamra)"
    fi

    say "Python peers (bench/peers_py.py)"
    "$PY" bench/peers_py.py "$FIX" || echo "# not measured: python peers (peers_py.py failed)"
    if "$PY" -c 'import trustmeta' 2>/dev/null; then
      say "the trustmeta wheel: verify_smp and throughput (bench/bindings_py.py)"
      "$PY" bench/bindings_py.py "$FIX" || echo "# not measured: Python throughput (bindings_py.py failed)"
    fi

    if command -v node >/dev/null; then
      say "node peers (bench/peers_node.js)"
      BENCH_NODE_MODULES=$NODE_DIR/node_modules node bench/peers_node.js "$FIX" \
        || echo "# not measured: node peers (peers_node.js failed)"
    else
      echo "# not measured: node peers (no node)"
    fi

    if command -v node >/dev/null; then
      say "headless Chromium (bench/peers_browser.mjs)"
      BENCH_NODE_MODULES=$NODE_DIR/node_modules node bench/peers_browser.mjs "$FIX" \
        || echo "# not measured: chromium (peers_browser.mjs failed)"
    else
      echo "# not measured: chromium (no node)"
    fi

    say "processes on the aggregate: openssl dgst, xmlsec1, trustmeta CLI"
    timed_process openssl-sha256 md-aggregate.xml openssl dgst -sha256 "$FIX/md-aggregate.xml"
    timed_process xmlsec1-cli md-aggregate.xml xmlsec1 --verify --pubkey-cert-pem "$FIX/rsa.crt" \
      --id-attr:ID urn:oasis:names:tc:SAML:2.0:metadata:EntitiesDescriptor "$FIX/md-aggregate.xml"
    # `trustmeta verify` keeps its 32 MiB in-memory limit (a bigger aggregate is reported
    # as refused); `trustmeta metadata verify` streams anything above 4 MiB.
    timed_process trustmeta-cli md-aggregate.xml target/release/trustmeta verify --trust "$FIX/rsa.crt" "$FIX/md-aggregate.xml"
    timed_process trustmeta-metadata md-aggregate.xml target/release/trustmeta metadata verify --trust "$FIX/rsa.crt" "$FIX/md-aggregate.xml"

    say "processes on the small fixtures (startup included)"
    N=$([ "$QUICK" = 1 ] && echo 20 || echo 100)
    for f in smp-signed.xml saml-response.xml; do
      id=(); [ "$f" = saml-response.xml ] && id=(--id-attr:ID urn:oasis:names:tc:SAML:2.0:assertion:Assertion)
      t0=$(date +%s%N)
      for _ in $(seq "$N"); do xmlsec1 --verify --pubkey-cert-pem "$FIX/rsa.crt" "${id[@]}" "$FIX/$f" >/dev/null 2>&1; done
      t1=$(date +%s%N)
      for _ in $(seq "$N"); do target/release/trustmeta verify --trust "$FIX/rsa.crt" "$FIX/$f" >/dev/null; done
      t2=$(date +%s%N)
      printf '%-22s %-26s %10.1f us/verify  (mean of %d processes, startup included)\n' xmlsec1-cli "$f" "$(( (t1 - t0) / N / 1000 ))" "$N"
      printf '%-22s %-26s %10.1f us/verify  (mean of %d processes, startup included)\n' trustmeta-cli "$f" "$(( (t2 - t1) / N / 1000 ))" "$N"
    done
    echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  } 2>&1 | tee "$LOG"
}

run
rm -f "$LOG.err" "$LOG.out"
echo
python3 bench/summary.py "$LOG" | tee "$LOG.summary"
if [ "$HOSTILE" = 1 ]; then
  say "hostile inputs (bench/hostile.py): the CLI refusing them, time and peak RSS"
  hostile=(); [ "$QUICK" = 1 ] && hostile=(--quick)
  echo
  python3 bench/hostile.py "${hostile[@]}" | tee "$LOG.hostile" \
    || echo "bench.sh: bench/hostile.py failed; no hostile-input table" >&2
fi
echo
echo "log: $LOG"
