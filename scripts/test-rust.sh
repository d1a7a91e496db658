#!/usr/bin/env bash
# The Rust side: format, lints, unit/integration/doc tests on both crypto backends (the
# WebAssembly crate's own on the host too), the CLI suite again against the static musl
# binary, the no_std build type-checked for a Cortex-M target, the CLI conformance run
# and the fuzz targets' build and smoke runs.
#
#   scripts/test-rust.sh
#   scripts/test-rust.sh --prepare    only build the release CLI and the fuzz targets
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
# The door's builds that its first steps do not need: the static CLI and the fuzz
# targets. Only these run with --prepare (scripts/test-all.sh builds them at low priority
# while this door's tests run; then the steps below find them built).
if [ "${1:-}" = --prepare ]; then
  scripts/build-release.sh cli-x86_64
  FUZZ_BUILD_ONLY=1 fuzz/run.sh "${FUZZ_SECONDS:-10}"
  exit 0
fi
cargo fmt --all -- --check
# The `smp lookup` end-to-end tests (cli/tests/smp_lookup.rs) run a real DNS server:
# dnsmasq. Install it when missing (Debian: dnsmasq-base, no service started); without
# it those tests print why and skip.
if ! command -v dnsmasq >/dev/null && ! test -x /usr/sbin/dnsmasq; then
  if command -v apt-get >/dev/null; then
    sudo_=""; [ "$(id -u)" = 0 ] || sudo_="sudo -n"
    $sudo_ apt-get install -y -q dnsmasq-base >/dev/null 2>&1 ||
      { $sudo_ apt-get update -q >/dev/null 2>&1 && $sudo_ apt-get install -y -q dnsmasq-base >/dev/null 2>&1; } ||
      echo "test-rust.sh: could not install dnsmasq-base; the smp lookup end-to-end tests will skip" >&2
  fi
fi
# The shared replay cache's tests (hosted/tests/redis_replay.rs,
# cli/tests/saml_replay_redis.rs) start a redis-server of their own on loopback. Install
# it when missing (Debian: redis-server; no service is started), and make those tests
# fail rather than skip.
if ! command -v redis-server >/dev/null && ! command -v valkey-server >/dev/null; then
  sudo_=""; [ "$(id -u)" = 0 ] || sudo_="sudo -n"
  $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends redis-server >/dev/null 2>&1 ||
    { $sudo_ apt-get update -q >/dev/null 2>&1 &&
      $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends redis-server >/dev/null 2>&1; } ||
    { echo "test-rust.sh: could not install redis-server" >&2; exit 1; }
fi
export TRUSTMETA_REQUIRE_REDIS=1
# The PKCS#11 tests (pkcs11/tests/softhsm.rs, cli/tests/saml_decrypt_cli.rs) decrypt
# through a SoftHSM2 token. scripts/softhsm.sh installs softhsm2 and opensc when missing;
# run it once here so a machine that cannot have them fails now, and make the tests fail
# rather than skip.
hsm=$(mktemp -d)
bash scripts/softhsm.sh "$hsm" >/dev/null
rm -rf "$hsm"
export TRUSTMETA_REQUIRE_SOFTHSM=1
# Re-sign the xmlsec1 fixtures now (ECDSA signatures come out new each time) and run the
# Rust tests on those as well as on the committed copies.
fresh=$(mktemp -d); samlgen=$(mktemp -d); encgen=$(mktemp -d); prodgen=$(mktemp -d)
trap 'rm -rf "$fresh" "$samlgen" "$encgen" "$prodgen"' EXIT
cp -r tests/data/xmldsig-gen/. "$fresh/"
(cd "$fresh" && bash make_signed.sh >/dev/null)
bash tests/data/saml/make_signed.sh "$samlgen" >/dev/null
scripts/check-released.sh
# Lints ride on the builds the tests need: clippy-driver compiles the workspace's own
# crates (what `cargo clippy` does, through the same two variables), with full code
# generation instead of a check-only pass. A separate `cargo clippy` of the workspace
# would check the whole dependency graph once more, in a mode nothing else reuses; on a
# new machine that was the Rust door's largest step. Every cargo command from here on
# keeps them, so each configuration is built once; the release and fuzz builds drop them.
RUSTC_WORKSPACE_WRAPPER=$(rustup which clippy-driver)
CLIPPY_ARGS=-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__
export RUSTC_WORKSPACE_WRAPPER CLIPPY_ARGS
no_lints=(env -u RUSTC_WORKSPACE_WRAPPER -u CLIPPY_ARGS)
# The workspace as its tests resolve it (the core with `fast`, `testing` and both portable
# features): every later command on these crates names the same selection, so that it
# reuses what this run built.
ws=(--workspace --exclude trustmeta-python --exclude trustmeta-wasm --exclude trustmeta-ffi)
# The benchmark is linted and built, not run (`cargo test` would run it in full).
cargo test "${ws[@]}" --benches --no-run
cargo test "${ws[@]}"
# The binaries of that configuration: the CLI the conformance scripts below run, and the
# table generator.
cargo build "${ws[@]}" --features trustmeta/testing
# The files the table generates for the front doors must be current.
"$target/debug/generate" --check
# The crates the workspace run leaves out: the C library and the Python extension (their
# front doors build them for release; here they are linted), and the core as a crate
# user gets it by default, RustCrypto only, where code behind `not(feature = "fast")` is
# compiled.
cargo build -p trustmeta-ffi -p trustmeta-python --all-targets
cargo clippy -p trustmeta --all-targets -- -D warnings
# The WebAssembly crate's own tests, on the host (the WebCrypto entry's passes), with
# `portable` too: the tests answer the checks with the portable backend.
cargo test -q -p trustmeta-wasm --lib --features webcrypto
# The CLI that is shipped is a static musl binary (scripts/build-release.sh links it with
# zig and fails unless `file` says it is statically linked): the whole CLI suite again,
# against that binary (cli/tests/common/mod.rs reads TRUSTMETA_CLI_BIN).
"${no_lints[@]}" scripts/build-release.sh cli-x86_64
musl_target=$(mkdir -p "${CARGO_TARGET_DIR:-target}" && cd "${CARGO_TARGET_DIR:-target}" && pwd)
# `trustmeta/testing` as the workspace run resolves the core (its tests enable it), so the
# CLI's test programs built there are reused; the CLI uses nothing that feature adds.
TRUSTMETA_CLI_BIN=$musl_target/x86_64-unknown-linux-musl/release/trustmeta cargo test -p trustmeta-cli --features trustmeta/testing
TRUSTMETA_XMLDSIG_GEN=$fresh cargo test "${ws[@]}" --test conformance --test attacks
# In the debug build the first run made (dependencies are optimized there): a release
# build of the crate and its dependencies for this one test cost more than the test.
TRUSTMETA_XMLDSIG_GEN=$fresh cargo test "${ws[@]}" --test mutations
# The public XML-DSig vectors against their projects' verdicts, as a table.
cargo test -q "${ws[@]}" --test xmldsig_vectors -- --nocapture
TRUSTMETA_SAML_GEN=$samlgen cargo test "${ws[@]}" --test saml_attacks --test saml_conformance
# A build without content ciphers (the npm package's WebCrypto module) refuses to decrypt
# before a caller's key is used.
cargo test -p trustmeta --no-default-features --features std --test no_decryption
# The smallest no_std build type-checks (and is linted) for a Cortex-M target. The
# embedded front door (scripts/test-embedded.sh) builds the firmware, which has the core
# with `defmt` and the portable backends, and runs it. In the workspace's target
# directory, where the host's proc macros are built already.
cargo check -p trustmeta --no-default-features --target thumbv7em-none-eabihf
RUSTDOCFLAGS="-D warnings" cargo doc -q -p trustmeta --no-deps --features fast
test "$("$target/debug/examples/readme_snippet")" = "$(openssl x509 -in tests/data/sample/signer.pem -outform der | sha256sum | cut -d" " -f1)"
tests/conformance/run_cli.sh
tests/conformance/run_cli_smp.sh
tests/conformance/run_cli_tsl.sh
tests/conformance/run_cli_saml.sh
tests/conformance/run_cli_metadata.sh
tests/conformance/run_cli_metadata_refresh.sh
# The refresh cases every front door runs (Python: python/tests/test_refresh_table.py; C:
# scripts/test-c.sh), here through the CLI.
python3 tests/conformance/run_refresh_table.py cli
TRUSTMETA_SAML_GEN=$samlgen tests/conformance/run_cli_saml.sh
# Encrypted responses: the committed table; the xmlsec1-made ones encrypted again now
# (new session keys each run); and fresh output of the real identity providers (pysaml2,
# samlify), which tests/producers/run.sh installs and runs.
tests/conformance/run_cli_saml_encrypted.sh
bash tests/data/saml/encrypted/make_encrypted.sh "$encgen" >/dev/null
sed "s#tests/data/saml/encrypted/xmlsec1/#$encgen/#" tests/conformance/saml-encrypted-cases.tsv > "$encgen/cases.tsv"
tests/conformance/run_cli_saml_encrypted.sh "$encgen/cases.tsv" cli-saml-encrypted-fresh
bash tests/producers/run.sh "$prodgen" >/dev/null
tests/conformance/run_cli_saml_encrypted.sh "$prodgen/cases.tsv" cli-saml-producers
tests/oracle/run.sh
"${no_lints[@]}" fuzz/run.sh "${FUZZ_SECONDS:-10}"
