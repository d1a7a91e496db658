#!/usr/bin/env bash
# Tests the C front door (ffi-c/, include/trustmeta.h, tests/c/, examples/c-gateway/).
#
#   scripts/test-c.sh
#   scripts/test-c.sh --prepare    only install cbindgen and build the library
#
# Installs what it lacks (cbindgen at a pinned version, valgrind, openssl, redis-server, dnsmasq, xmlsec1, and SoftHSM2
# through scripts/softhsm.sh), builds the library, checks the committed header against a
# fresh cbindgen run, compiles the C tests with gcc -Wall -Wextra -Werror -std=c11 against
# the shared and the static library and under AddressSanitizer + UndefinedBehaviorSanitizer,
# decrypts through a SoftHSM2 token (tests/c/test_pkcs11.c, also under valgrind), checks
# revocation lists (tests/c/test_crl.c), runs the SMP lookup cases against dnsmasq and an
# HTTP server on loopback (tests/c/lookup_case.c), runs the metadata refresh table
# (tests/c/refresh_door.c, tm_metadata_source), runs the conformance cases through the C API,
# builds and runs the example gateway program (and under valgrind), and checks the README
# snippet. The last line is "c: N passed, M failed", counting the script's own checks,
# the C tests' assertions and the conformance cases; the exit status is non-zero if
# anything failed.
#
# Environment: CARGO_TARGET_DIR (default: target), TRUSTMETA_SHARED (default: ../shared
# beside the repository), CC (default: gcc), TRUSTMETA_PROFILE (the cargo profile the
# library is built and tested in: release, the default, or dev; scripts/test-all.sh takes
# dev, whose dependencies the Rust door has built, optimized, already).
set -euo pipefail

CBINDGEN_VERSION=0.29.4

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
case "$CARGO_TARGET_DIR" in
  /*) target_dir=$CARGO_TARGET_DIR ;;
  *) target_dir=$repo/$CARGO_TARGET_DIR ;;
esac
profile=${TRUSTMETA_PROFILE:-release}
case "$profile" in
  release) lib_dir=$target_dir/release ;;
  dev) lib_dir=$target_dir/debug ;;
  *) echo "TRUSTMETA_PROFILE must be release or dev, not '$profile'" >&2; exit 2 ;;
esac
export TRUSTMETA_SHARED=${TRUSTMETA_SHARED:-$repo/../shared}
CC=${CC:-gcc}
CFLAGS=(-Wall -Wextra -Werror -std=c11 -I"$repo/include" -I"$repo/tests/c")
STATIC_LIBS=(-lpthread -ldl -lm)
SANITIZE=(-g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=23
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# What the door builds: cbindgen at its pinned version and the library. Only this runs
# with --prepare (scripts/test-all.sh builds the next door's tools and library at low
# priority while the one before runs its tests; then the door finds them built). The dev
# library is left to the door: built at low priority, it would hold the lock of the debug
# tree while the Rust door's commands wait for it.
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
install_cbindgen() {
  if [ "$(cbindgen --version 2>/dev/null || true)" != "cbindgen $CBINDGEN_VERSION" ]; then
    echo "installing cbindgen $CBINDGEN_VERSION"
    # A debug build: it compiles in 40 % of the release build's time and writes the same
    # header in about a second.
    cargo install cbindgen --debug --locked --version "$CBINDGEN_VERSION" --quiet
  fi
}
build_library() { cargo build -p trustmeta-ffi --profile "$profile"; }
if [ "${1:-}" = --prepare ]; then
  install_cbindgen
  [ "$profile" = dev ] || build_library
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
# check NAME COMMAND...: runs COMMAND, counts and reports the outcome, carries on.
check() {
  local name=$1
  shift
  if "$@" >"$work/out" 2>&1; then
    passed=$((passed + 1))
    echo "ok   $name"
  else
    failed=$((failed + 1))
    echo "FAIL $name"
    sed 's/^/     | /' "$work/out" | tail -n 40
  fi
}
# Adds the "N passed, M failed" of a runner's last line to the totals.
count_runner() {
  local line
  line=$(tail -n 1 "$1")
  if [[ $line =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
  else
    failed=$((failed + 1))
    echo "FAIL no summary line in $1"
  fi
}
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2
    return 1
  fi
}

# ---- tools -------------------------------------------------------------------------
echo "== tools"
missing=()
command -v valgrind >/dev/null || missing+=(valgrind)
command -v openssl >/dev/null || missing+=(openssl)
command -v make >/dev/null || missing+=(make)
command -v cmake >/dev/null || missing+=(cmake)
command -v pkg-config >/dev/null || missing+=(pkg-config)
command -v patchelf >/dev/null || missing+=(patchelf)
command -v "$CC" >/dev/null || missing+=(gcc)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v dnsmasq >/dev/null || test -x /usr/sbin/dnsmasq || missing+=(dnsmasq-base)
command -v xmlsec1 >/dev/null || missing+=(xmlsec1)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# tests/c/test_pkcs11.c makes its own SoftHSM2 token with scripts/softhsm.sh, which
# installs softhsm2 and opensc when missing; run it once here so a machine that cannot
# have them fails now, and make the test fail rather than skip.
bash scripts/softhsm.sh "$work/softhsm-probe" >/dev/null 2>"$work/softhsm.log" || { cat "$work/softhsm.log" >&2; exit 1; }
export TRUSTMETA_REQUIRE_SOFTHSM=1

# tests/c/test_api.c checks the shared replay cache (tm_replay_cache_new_redis) against
# the redis-server named by TRUSTMETA_TEST_REDIS_URL: one on loopback, on a free port,
# without persistence, stopped when the script ends.
redis_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
  --daemonize no >"$work/redis.log" 2>&1 &
redis_pid=$!
trap 'kill "$redis_pid" 2>/dev/null || true; wait "$redis_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do
  [ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = PONG ] && break
  sleep 0.1
done
[ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = PONG ] || { cat "$work/redis.log" >&2; exit 1; }
export TRUSTMETA_TEST_REDIS_URL=redis://127.0.0.1:$redis_port/0

# ---- library -----------------------------------------------------------------------
echo "== build"
install_cbindgen
build_library
cbindgen --version
for f in libtrustmeta.a libtrustmeta.so; do
  [ -f "$lib_dir/$f" ] || { echo "missing $lib_dir/$f" >&2; exit 1; }
done

echo "== header"
header_is_current() {
  cbindgen --quiet --config ffi-c/cbindgen.toml --crate trustmeta-ffi --output "$work/trustmeta.h" &&
    diff -u include/trustmeta.h "$work/trustmeta.h"
}
check "include/trustmeta.h matches cbindgen $CBINDGEN_VERSION output (else regenerate: see ffi-c/README.md)" header_is_current
check "header compiles alone as C11 -pedantic" \
  "$CC" "${CFLAGS[@]}" -pedantic -fsyntax-only -x c include/trustmeta.h
check "header compiles alone as C++" \
  g++ -Wall -Wextra -Werror -fsyntax-only -x c++ include/trustmeta.h
exported_symbols_are_prefixed() {
  local bad
  bad=$(nm -D --defined-only "$lib_dir/libtrustmeta.so" | awk '$2 ~ /^[TDRB]$/ {print $3}' | grep -v '^tm_' || true)
  [ -z "$bad" ] || { echo "exported without tm_ prefix:"; echo "$bad"; return 1; }
}
check "every exported symbol starts with tm_" exported_symbols_are_prefixed
header_functions_are_exported() {
  local fn rc=0
  # Listed once into a file: `nm | grep -q` would fail under pipefail whenever grep
  # stops reading before nm has written its last block (SIGPIPE).
  nm -D --defined-only "$lib_dir/libtrustmeta.so" >"$work/exports"
  for fn in $(grep -oE '\btm_[a-z0-9_]+\(' include/trustmeta.h | tr -d '(' | sort -u); do
    grep -qw "$fn" "$work/exports" || { echo "not exported: $fn"; rc=1; }
  done
  return $rc
}
check "every function of the header is exported" header_functions_are_exported

# ---- C API tests -------------------------------------------------------------------
echo "== C API tests"
fingerprint=$(openssl x509 -noout -fingerprint -sha256 -in tests/data/sample/signer.pem |
  sed 's/.*=//; s/://g' | tr 'A-F' 'a-f')
echo "signer.pem sha256 (openssl): $fingerprint"

check "compile tests/c/test_api.c (shared)" \
  "$CC" "${CFLAGS[@]}" -O1 tests/c/test_api.c -L"$lib_dir" -ltrustmeta -lpthread -o "$work/test_api_shared"
# Each run of test_api records the same assertion: each has its own Redis database.
if TRUSTMETA_TEST_REDIS_URL=redis://127.0.0.1:$redis_port/1 LD_LIBRARY_PATH=$lib_dir \
  "$work/test_api_shared" "$repo" "$fingerprint" >"$work/api.out" 2>&1; then :; fi
cat "$work/api.out"
count_runner "$work/api.out"

check "compile tests/c/test_api.c (static)" \
  "$CC" "${CFLAGS[@]}" -O1 tests/c/test_api.c "$lib_dir/libtrustmeta.a" "${STATIC_LIBS[@]}" -o "$work/test_api_static"
TRUSTMETA_TEST_REDIS_URL=redis://127.0.0.1:$redis_port/2 \
  check "run test_api (static)" "$work/test_api_static" "$repo" "$fingerprint"

check "compile tests/c/test_api.c (ASan+UBSan, static)" \
  "$CC" "${CFLAGS[@]}" "${SANITIZE[@]}" tests/c/test_api.c "$lib_dir/libtrustmeta.a" "${STATIC_LIBS[@]}" -o "$work/test_api_asan"
TRUSTMETA_TEST_REDIS_URL=redis://127.0.0.1:$redis_port/3 \
  check "run test_api under ASan+UBSan" "$work/test_api_asan" "$repo" "$fingerprint"

# c_test_program NAME: compiles tests/c/test_NAME.c against the shared library and runs
# it with the repository root, counting its "N passed, M failed" line; then again static
# under AddressSanitizer + UndefinedBehaviorSanitizer.
c_test_program() {
  local name=$1
  check "compile tests/c/test_$name.c (shared)" \
    "$CC" "${CFLAGS[@]}" -O1 "tests/c/test_$name.c" -L"$lib_dir" -ltrustmeta -lpthread -o "$work/test_${name}_shared"
  if LD_LIBRARY_PATH=$lib_dir "$work/test_${name}_shared" "$repo" >"$work/$name.out" 2>&1; then :; fi
  cat "$work/$name.out"
  count_runner "$work/$name.out"
  check "compile tests/c/test_$name.c (ASan+UBSan, static)" \
    "$CC" "${CFLAGS[@]}" "${SANITIZE[@]}" "tests/c/test_$name.c" "$lib_dir/libtrustmeta.a" "${STATIC_LIBS[@]}" -o "$work/test_${name}_asan"
  check "run test_$name under ASan+UBSan" "$work/test_${name}_asan" "$repo"
}

echo "== OCSP (tests/c/test_ocsp.c on tests/data/ocsp)"
c_test_program ocsp

echo "== Finding the signer's key (tests/c/test_keyinfo.c on tests/data/xmldsig-more/keyinfo)"
c_test_program keyinfo

echo "== CRLs (tests/c/test_crl.c on tests/data/xmldsig-gen and tests/data/crl)"
c_test_program crl

echo "== SAML metadata (tests/c/test_metadata.c on tests/data/metadata)"
md_fingerprint=$(openssl x509 -noout -fingerprint -sha256 -in tests/data/metadata/signed/signer.pem |
  sed 's/.*=//; s/://g' | tr 'A-F' 'a-f')
echo "metadata signer.pem sha256 (openssl): $md_fingerprint"
check "compile tests/c/test_metadata.c (shared)" \
  "$CC" "${CFLAGS[@]}" -O1 tests/c/test_metadata.c -L"$lib_dir" -ltrustmeta -lpthread -o "$work/test_metadata_shared"
if LD_LIBRARY_PATH=$lib_dir "$work/test_metadata_shared" "$repo" "$md_fingerprint" >"$work/metadata.out" 2>&1; then :; fi
cat "$work/metadata.out"
count_runner "$work/metadata.out"
check "compile tests/c/test_metadata.c (ASan+UBSan, static)" \
  "$CC" "${CFLAGS[@]}" "${SANITIZE[@]}" tests/c/test_metadata.c "$lib_dir/libtrustmeta.a" "${STATIC_LIBS[@]}" -o "$work/test_metadata_asan"
check "run test_metadata under ASan+UBSan" "$work/test_metadata_asan" "$repo" "$md_fingerprint"

echo "== PKCS#11 (tests/c/test_pkcs11.c through a SoftHSM2 token)"
# Each run makes a token of its own: PKCS#11 logs a process in per token, and the wrong
# PIN is checked first, before any key is logged in.
check "compile tests/c/test_pkcs11.c (shared)" \
  "$CC" "${CFLAGS[@]}" -O1 tests/c/test_pkcs11.c -L"$lib_dir" -ltrustmeta -lpthread -o "$work/test_pkcs11_shared"
if LD_LIBRARY_PATH=$lib_dir "$work/test_pkcs11_shared" "$repo" "$work/hsm-shared" >"$work/pkcs11.out" 2>&1; then :; fi
cat "$work/pkcs11.out"
count_runner "$work/pkcs11.out"
check "compile tests/c/test_pkcs11.c (static)" \
  "$CC" "${CFLAGS[@]}" -O1 tests/c/test_pkcs11.c "$lib_dir/libtrustmeta.a" "${STATIC_LIBS[@]}" -o "$work/test_pkcs11_static"
check "run test_pkcs11 (static)" "$work/test_pkcs11_static" "$repo" "$work/hsm-static"
check "compile tests/c/test_pkcs11.c (ASan+UBSan, static)" \
  "$CC" "${CFLAGS[@]}" "${SANITIZE[@]}" tests/c/test_pkcs11.c "$lib_dir/libtrustmeta.a" "${STATIC_LIBS[@]}" -o "$work/test_pkcs11_asan"
check "run test_pkcs11 under ASan+UBSan" "$work/test_pkcs11_asan" "$repo" "$work/hsm-asan"
# libsofthsm2.so is dlopened and never finalized (C_Finalize would end every other
# key's sessions); what it holds stays reachable from its globals, so it is no leak.
check "valgrind: test_pkcs11 (shared), no leak or error" \
  env LD_LIBRARY_PATH="$lib_dir" valgrind --leak-check=full --show-leak-kinds=definite,indirect,possible \
  --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=9 -q \
  "$work/test_pkcs11_shared" "$repo" "$work/hsm-valgrind"

# The handle registry must not hide a caller's leak from leak checkers.
# The handle is made in a function of its own, below a padding frame, and the stack below
# main is cleared afterwards: LeakSanitizer scans stacks conservatively, so a stale copy
# of the pointer left there by the library's frames would otherwise make the leak look
# reachable. The padding puts those frames below the clearing function's own header,
# where an unoptimized library keeps its locals.
leak_is_reported() {
  cat >"$work/leak.c" <<'C'
#include <string.h>
#include "trustmeta.h"
__attribute__((noinline)) static int make(void) { return tm_trust_store_new() == NULL; }
__attribute__((noinline)) static int padded(void) { volatile char pad[1024]; pad[0] = 0; return make() + pad[0]; }
__attribute__((noinline)) static void scrub(void) { volatile char b[65536]; memset((char *)b, 0, sizeof b); }
int main(void) { int r = padded(); scrub(); return r; }
C
  "$CC" "${CFLAGS[@]}" "${SANITIZE[@]}" "$work/leak.c" "$lib_dir/libtrustmeta.a" "${STATIC_LIBS[@]}" -o "$work/leak"
  local rc=0
  "$work/leak" >"$work/leak.out" 2>&1 || rc=$?
  [ "$rc" -ne 0 ] && grep -q "LeakSanitizer: detected memory leaks" "$work/leak.out" &&
    grep -q "Direct leak of .* allocated from" "$work/leak.out"
}
check "LeakSanitizer reports a handle the caller forgot to free" leak_is_reported

# ---- SMP lookup --------------------------------------------------------------------
# The cases of tests/data/smp-lookup/cases.json, the table the command line's and
# Python's lookup tests run too: tests/lookup/lookup_env.py starts dnsmasq and an HTTP
# server on loopback for each case and runs tests/c/lookup_case.c on it.
echo "== SMP lookup (tests/data/smp-lookup/cases.json through tests/c/lookup_case.c)"
check "compile tests/c/lookup_case.c (shared)" \
  "$CC" "${CFLAGS[@]}" -O1 tests/c/lookup_case.c -L"$lib_dir" -ltrustmeta -lpthread -o "$work/lookup_case"
if LD_LIBRARY_PATH=$lib_dir python3 tests/lookup/lookup_env.py "$work/lookup_case" >"$work/lookup.out" 2>&1; then :; fi
cat "$work/lookup.out"
count_runner "$work/lookup.out"
check "compile tests/c/lookup_case.c (ASan+UBSan, static)" \
  "$CC" "${CFLAGS[@]}" "${SANITIZE[@]}" tests/c/lookup_case.c "$lib_dir/libtrustmeta.a" "${STATIC_LIBS[@]}" -o "$work/lookup_case_asan"
check "lookup cases under ASan+UBSan" python3 tests/lookup/lookup_env.py "$work/lookup_case_asan"

# ---- metadata refresh --------------------------------------------------------------
# The steps of tests/data/metadata/refresh-cases.json, the table the command line and
# Python run too: tests/conformance/run_refresh_table.py signs the variants with xmlsec1,
# serves them on loopback and runs tests/c/refresh_door.c (tm_metadata_source) for each.
echo "== metadata refresh (tests/data/metadata/refresh-cases.json through tests/c/refresh_door.c)"
check "compile tests/c/refresh_door.c (shared)" \
  "$CC" "${CFLAGS[@]}" -O1 tests/c/refresh_door.c -L"$lib_dir" -ltrustmeta -lpthread -o "$work/refresh_door"
if LD_LIBRARY_PATH=$lib_dir python3 tests/conformance/run_refresh_table.py c --program "$work/refresh_door" \
  >"$work/refresh.out" 2>&1; then :; fi
cat "$work/refresh.out"
count_runner "$work/refresh.out"
check "compile tests/c/refresh_door.c (ASan+UBSan, static)" \
  "$CC" "${CFLAGS[@]}" "${SANITIZE[@]}" tests/c/refresh_door.c "$lib_dir/libtrustmeta.a" "${STATIC_LIBS[@]}" -o "$work/refresh_door_asan"
check "refresh table under ASan+UBSan" \
  python3 tests/conformance/run_refresh_table.py c --program "$work/refresh_door_asan"

# ---- conformance -------------------------------------------------------------------
echo "== conformance (tests/conformance/cases.tsv through the C API)"
check "compile tests/c/conformance.c (shared)" \
  "$CC" "${CFLAGS[@]}" -O1 tests/c/conformance.c -L"$lib_dir" -ltrustmeta -o "$work/conformance"
if LD_LIBRARY_PATH=$lib_dir "$work/conformance" "$repo" >"$work/conf.out" 2>&1; then :; fi
cat "$work/conf.out"
count_runner "$work/conf.out"
check "compile tests/c/conformance.c (ASan+UBSan, static)" \
  "$CC" "${CFLAGS[@]}" "${SANITIZE[@]}" tests/c/conformance.c "$lib_dir/libtrustmeta.a" "${STATIC_LIBS[@]}" -o "$work/conformance_asan"
sanitized_conformance_is_clean() {
  # Mismatching cases are reported above; here only sanitizer findings fail.
  local rc=0
  "$work/conformance_asan" "$repo" >"$work/conf_asan.out" 2>&1 || rc=$?
  cat "$work/conf_asan.out"
  [ "$rc" -le 1 ] && ! grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$work/conf_asan.out"
}
check "conformance cases under ASan+UBSan: no sanitizer finding" sanitized_conformance_is_clean

# ---- example -----------------------------------------------------------------------
echo "== example: examples/c-gateway"
check "make -C examples/c-gateway" make -C examples/c-gateway CARGO_TARGET_DIR="$target_dir" PROFILE="$profile"
example=examples/c-gateway/verify_smp
trust=tests/data/sample/signer.pem
sample=tests/data/sample/smp-signed.xml
sed 's/ap\.example\.org/ap.exbmple.org/' "$sample" >"$work/tampered.xml"
cmp -s "$sample" "$work/tampered.xml" && { echo "tampering did not change the sample" >&2; exit 1; }
# expect_exit CODE PATTERN COMMAND...: COMMAND exits with CODE and prints PATTERN.
expect_exit() {
  local want=$1 pattern=$2 rc=0
  shift 2
  "$@" >"$work/ex.out" 2>&1 || rc=$?
  cat "$work/ex.out"
  [ "$rc" -eq "$want" ] || { echo "exit status $rc, expected $want"; return 1; }
  [ "$(wc -l <"$work/ex.out")" -eq 1 ] || { echo "expected exactly one line"; return 1; }
  grep -qE "$pattern" "$work/ex.out" || { echo "output does not match /$pattern/"; return 1; }
}
check "verify_smp on the sample: exit 0, signer and fingerprint" \
  expect_exit 0 "^verified: <SignedServiceMetadata> signed by .*CN=trustmeta test signer RSA-2048.*sha256 $fingerprint" \
  "$example" "$trust" "$sample" --at 2026-06-01T00:00:00Z
check "verify_smp on a tampered copy: exit 1, digest mismatch" \
  expect_exit 1 '^rejected: dsig\.digest_mismatch: ' "$example" "$trust" "$work/tampered.xml" --at 2026-06-01T00:00:00Z
check "verify_smp after the certificate expired: exit 1" \
  expect_exit 1 '^rejected: pki\.expired: ' "$example" "$trust" "$sample" --at 2050-01-01T00:00:00Z
check "verify_smp without arguments: exit 2" expect_exit 2 '^usage: ' "$example"
check "verify_smp with a missing file: exit 2" expect_exit 2 'cannot read' "$example" "$trust" "$work/missing.xml"
check "verify_smp with a bad --at: exit 2" expect_exit 2 'malformed date' "$example" "$trust" "$sample" --at yesterday
VALGRIND=(valgrind --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=9 -q)
check "valgrind: verify_smp on the sample, no leak or error" \
  expect_exit 0 '^verified: ' "${VALGRIND[@]}" "$example" "$trust" "$sample" --at 2026-06-01T00:00:00Z
check "valgrind: verify_smp on the tampered copy, no leak or error" \
  expect_exit 1 '^rejected: ' "${VALGRIND[@]}" "$example" "$trust" "$work/tampered.xml" --at 2026-06-01T00:00:00Z

echo "== installed library (scripts/install-c.sh): pkg-config and CMake"
prefix=$work/prefix
check "scripts/install-c.sh installs into a prefix" env TRUSTMETA_PROFILE="$profile" scripts/install-c.sh "$prefix" --no-build
cat "$work/out"
soname_is_versioned() {
  local soname
  soname=$(objdump -p "$prefix/lib/libtrustmeta.so" | awk '$1 == "SONAME" {print $2}')
  echo "SONAME $soname"
  [[ $soname =~ ^libtrustmeta\.so\.[0-9]+(\.[0-9]+)?$ ]] && [ -e "$prefix/lib/$soname" ]
}
check "the shared library has a versioned SONAME, installed with its links" soname_is_versioned
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
check "pkg-config knows trustmeta" pkg-config --exists --print-errors trustmeta
# shellcheck disable=SC2046 # pkg-config prints words meant to be split
check "compile verify_smp against the prefix with pkg-config (shared)" \
  "$CC" -Wall -Wextra -Werror -std=c11 examples/c-gateway/verify_smp.c $(pkg-config --cflags --libs trustmeta) -o "$work/pc_shared"
# shellcheck disable=SC2046
check "compile verify_smp against the prefix with pkg-config (static)" \
  "$CC" -Wall -Wextra -Werror -std=c11 examples/c-gateway/verify_smp.c $(pkg-config --cflags trustmeta) \
  "$prefix/lib/libtrustmeta.a" $(pkg-config --static --libs trustmeta | sed 's/-L[^ ]*//; s/-ltrustmeta//') -o "$work/pc_static"
check "verify_smp (pkg-config, shared) verifies the sample" \
  expect_exit 0 '^verified: ' env LD_LIBRARY_PATH="$prefix/lib" "$work/pc_shared" "$trust" "$sample" --at 2026-06-01T00:00:00Z
check "verify_smp (pkg-config, static) refuses the tampered copy" \
  expect_exit 1 '^rejected: dsig\.digest_mismatch' "$work/pc_static" "$trust" "$work/tampered.xml" --at 2026-06-01T00:00:00Z
check "CMake find_package(trustmeta) configures and builds" \
  bash -c "cmake -S tests/c/installed -B '$work/cmake' -DCMAKE_PREFIX_PATH='$prefix' -DCMAKE_C_COMPILER='$CC' >/dev/null && cmake --build '$work/cmake' >/dev/null"
check "verify_smp (CMake, shared) verifies the sample" \
  expect_exit 0 '^verified: ' "$work/cmake/verify_smp_shared" "$trust" "$sample" --at 2026-06-01T00:00:00Z
check "verify_smp (CMake, static) verifies the sample" \
  expect_exit 0 '^verified: ' "$work/cmake/verify_smp_static" "$trust" "$sample" --at 2026-06-01T00:00:00Z
echo "sizes: $(stat -c %s "$work/pc_shared") bytes dynamic, $(stat -c %s "$work/pc_static") bytes static (verify_smp)"
# The archive holds every dependency; without --gc-sections from trustmeta.pc and the
# CMake target, a static program carries all of it: about 20 MB instead of about 2 MB
# from the release library (40 MB instead of 5 MB from the dev one). Measured against the
# same program linked without it, so that it holds for either profile; the release one
# must stay under 4 MiB as well.
static_is_small() {
  local f size all
  "$CC" -std=c11 examples/c-gateway/verify_smp.c -I"$prefix/include" "$prefix/lib/libtrustmeta.a" \
    "${STATIC_LIBS[@]}" -o "$work/all_static" || return 1
  all=$(stat -c %s "$work/all_static")
  echo "without --gc-sections: $all bytes"
  for f in "$work/pc_static" "$work/cmake/verify_smp_static"; do
    size=$(stat -c %s "$f")
    echo "$f: $size bytes"
    [ "$((size * 4))" -lt "$all" ] || return 1
    [ "$profile" != release ] || [ "$size" -lt $((4 * 1024 * 1024)) ] || return 1
  done
}
check "static programs keep only what they call (under a quarter of the whole archive, and 4 MiB in release; pkg-config and CMake)" static_is_small

echo "== README snippet"
check "snippet.c verifies the sample at the system clock's time" \
  expect_exit 0 '^signed by .*trustmeta test signer' examples/c-gateway/snippet "$trust" "$sample"
snippet_matches_readme() {
  # The ```c block after the marker for FILE in ffi-c/README.md: each line must be a line
  # of FILE (leading indentation aside).
  local file=$1 in=0 seen=0 line
  sed 's/^[[:space:]]*//' "$file" >"$work/snippet.lines"
  while IFS= read -r line; do
    line=${line#"${line%%[![:space:]]*}"}
    case $in in
      0) [[ $line == "<!-- snippet: $file -->" ]] && in=1 ;;
      1) [[ $line == '```c' ]] && in=2 ;;
      2)
        [[ $line == '```' ]] && break
        seen=$((seen + 1))
        grep -qxF -- "$line" "$work/snippet.lines" || { echo "not in $file: $line"; return 1; }
        ;;
    esac
  done <ffi-c/README.md
  [ "$seen" -gt 0 ] || { echo "no snippet found in ffi-c/README.md"; return 1; }
}
check "every line of the README snippet is in examples/c-gateway/snippet.c" \
  snippet_matches_readme examples/c-gateway/snippet.c
# expect_output CODE PATTERN COMMAND...: COMMAND exits with CODE and a line matches PATTERN.
expect_output() {
  local want=$1 pattern=$2 rc=0
  shift 2
  "$@" >"$work/ex.out" 2>&1 || rc=$?
  cat "$work/ex.out"
  [ "$rc" -eq "$want" ] || { echo "exit status $rc, expected $want"; return 1; }
  grep -qE "$pattern" "$work/ex.out" || { echo "output does not match /$pattern/"; return 1; }
}
check "metadata_snippet.c: the eIDAS-berichtenservice of the aggregate acts as AD" \
  expect_output 0 'eToegang role EB, acts as AD: yes' examples/c-gateway/metadata_snippet \
  tests/data/metadata/signed/signer.pem tests/data/metadata/signed/aggregate.xml \
  urn:etoegang:IS:00000004000000000000:entities:eidas-berichtenservice 2026-06-01T00:00:00Z
check "metadata_snippet.c: an unknown entity is not found, not an error" \
  expect_output 0 'urn:example:none: not in the metadata' examples/c-gateway/metadata_snippet \
  tests/data/metadata/signed/signer.pem tests/data/metadata/signed/aggregate.xml urn:example:none 2026-06-01T00:00:00Z
check "valgrind: metadata_snippet.c on the aggregate, no leak or error" \
  expect_output 0 'acts as AD: no' "${VALGRIND[@]}" examples/c-gateway/metadata_snippet \
  tests/data/metadata/signed/signer.pem tests/data/metadata/signed/aggregate.xml \
  urn:etoegang:MR:00000002000000000000:entities:1 2026-06-01T00:00:00Z
check "metadata_snippet.c: the aggregate after its validUntil is rejected" \
  expect_exit 1 '^rejected: metadata\.expired: ' examples/c-gateway/metadata_snippet \
  tests/data/metadata/signed/signer.pem tests/data/metadata/signed/aggregate.xml urn:example:none 2026-07-01T00:00:00Z
check "every line of the README metadata snippet is in examples/c-gateway/metadata_snippet.c" \
  snippet_matches_readme examples/c-gateway/metadata_snippet.c

echo "c: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
