#!/usr/bin/env bash
# Installs what the tests need on a fresh machine; quick when everything is present.
set -euo pipefail
need_apt=()
command -v xmlsec1 >/dev/null || need_apt+=(xmlsec1)
command -v xmllint >/dev/null || need_apt+=(libxml2-utils)
command -v openssl >/dev/null || need_apt+=(openssl)
command -v valgrind >/dev/null || need_apt+=(valgrind)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
installed=$(rustup target list --installed)
for t in thumbv7em-none-eabihf wasm32-unknown-unknown; do
  grep -qx "$t" <<<"$installed" || rustup target add "$t"
done
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
