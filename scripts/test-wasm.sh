#!/usr/bin/env bash
# Builds the npm package `trustmeta` (wasm/pkg/) and runs its tests with node's test
# runner: the API tests, the conformance cases (closing line `wasm: N passed, M failed`),
# the encrypted SAML cases (`wasm-saml-encrypted: N passed, M failed`), every
# conformance table through the WebCrypto entry `trustmeta/webcrypto` (`wasm-webcrypto:
# N passed, M failed …`), the same in headless Chromium (`wasm-webcrypto-chromium: …`),
# the package/TypeScript checks, the README snippet, and the example page in Debian's
# headless Chromium (screenshots in target/artifacts/).
#
# `scripts/test-wasm.sh --prepare` only installs the tools and builds the package.
#
# Installs what it needs, each step only when missing, so it works from a fresh clone on
# a machine with just Rust, node 20 and npm: the wasm32 Rust target, wasm-bindgen-cli of
# exactly the version in Cargo.lock, Debian's chromium, and the npm devDependencies
# (playwright-core — which never downloads a browser here —, binaryen, typescript).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# What the door builds: the wasm32 target, wasm-bindgen-cli, the npm devDependencies and
# the package. Only this runs with --prepare (scripts/test-all.sh builds the next door's
# artifacts at low priority while the one before runs its tests; then the door finds
# them built).
prepare() {
  echo "== rust target wasm32-unknown-unknown"
  targets=$(rustup target list --installed)
  if ! grep -qx wasm32-unknown-unknown <<<"$targets"; then
    rustup target add wasm32-unknown-unknown
  fi

  echo "== wasm-bindgen-cli"
  # The crate pins wasm-bindgen exactly; make sure Cargo.lock records it, then match the CLI.
  if ! grep -qx 'name = "wasm-bindgen"' Cargo.lock 2>/dev/null; then
    cargo metadata --format-version 1 >/dev/null
  fi
  want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
  if [ "$have" != "$want" ]; then
    echo "installing wasm-bindgen-cli $want (found: ${have:-none})"
    # A debug build: it compiles in half the release build's time and adds about a
    # second to each of the package's two modules.
    cargo install wasm-bindgen-cli --debug --version "$want" --locked
  fi
  wasm-bindgen --version

  echo "== npm devDependencies"
  (cd "$repo/wasm" && npm ci --no-audit --no-fund)

  echo "== build"
  (cd "$repo/wasm" && npm run build)
}
if [ "${1:-}" = --prepare ]; then prepare; exit 0; fi

echo "== chromium"
if [ ! -x /usr/bin/chromium ]; then
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
fi
/usr/bin/chromium --version || true

# The crate's own tests on the host (the WebCrypto entry's passes) run with the other
# Rust tests, in scripts/test-rust.sh, where the host's debug build is still there.

prepare
cd "$repo/wasm"
wasm_bytes=$(wc -c < pkg/trustmeta_wasm_bg.wasm)
echo "wasm size: $(awk -v b="$wasm_bytes" 'BEGIN { printf "%.1f", b / 1024 }') KB ($wasm_bytes bytes, pkg/trustmeta_wasm_bg.wasm after wasm-opt -Oz)"
web_bytes=$(wc -c < pkg/webcrypto/trustmeta_wasm_bg.wasm)
echo "wasm size (WebCrypto entry): $(awk -v b="$web_bytes" 'BEGIN { printf "%.1f", b / 1024 }') KB ($web_bytes bytes, pkg/webcrypto/trustmeta_wasm_bg.wasm after wasm-opt -Oz)"

echo "== tests"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
TRUSTMETA_REQUIRE_BROWSER=1 node --test test/*.test.mjs 2>&1 | tee "$log"
# The conformance runners' closing lines, unprefixed, for scripts/test-all.sh's summary.
for runner in wasm wasm-saml-encrypted wasm-webcrypto wasm-webcrypto-chromium; do
  grep -oE "$runner: [0-9]+ passed, [0-9]+ failed" "$log" | tail -n 1
done
