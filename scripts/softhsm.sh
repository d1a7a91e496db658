#!/usr/bin/env bash
# A throwaway SoftHSM2 token holding the relying party's test keys, for the PKCS#11 tests
# (pkcs11/tests/softhsm.rs, cli/tests/saml_decrypt_cli.rs).
#
#   scripts/softhsm.sh [DIR]
#
# DIR (default: a new temporary directory) receives softhsm2.conf, the token and a PIN
# file. On standard output, and nothing else there, the environment for the callers:
#
#   export SOFTHSM2_CONF=DIR/softhsm2.conf         SoftHSM2 reads it when the module loads
#   export TRUSTMETA_PKCS11_MODULE=/usr/lib/softhsm/libsofthsm2.so
#   export TRUSTMETA_PKCS11_TOKEN=trustmeta-test
#   export TRUSTMETA_PKCS11_PIN=1234
#   export TRUSTMETA_PKCS11_PIN_FILE=DIR/pin
#
# The token (user PIN 1234, SO PIN 5678) holds, each as a private and a public key object
# with the same label and CKA_ID:
#
#   sp-rsa            id 01  tests/data/saml/encrypted/keys/sp-rsa.key.pem
#   sp-ec-p256        id 02  tests/data/saml/encrypted/keys/sp-ec-p256.key.pem
#   eidas-rsa         id 03  $TRUSTMETA_SHARED/vectors/eidas/encryption/keys/test-rsa.key.pem
#   eidas-ec-nist     id 04  $TRUSTMETA_SHARED/vectors/eidas/encryption/keys/test-ec-nist.key.pem
#   sp-ec-noderive    id 12  sp-ec-p256 again, as softhsm2-util leaves it: CKA_DERIVE false
#
# softhsm2-util --import reads PKCS#8 PEM and writes both objects of a pair. It gives an
# EC private key no CKA_DERIVE, though, so C_DeriveKey (ECDH) refuses it with
# CKR_KEY_FUNCTION_NOT_PERMITTED; the EC private objects are therefore written again by
# pkcs11-tool (Debian's opensc) with --usage-derive, keeping softhsm2-util's public ones.
#
# Installs softhsm2 and opensc when missing (as root, or through sudo). Exits 3, saying
# why on standard error, when they cannot be installed: the tests skip only then.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared=${TRUSTMETA_SHARED:-$repo/../shared}
label=trustmeta-test
pin=1234
so_pin=5678

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

find_module() {
  local m
  for m in ${SOFTHSM2_MODULE:-} /usr/lib/softhsm/libsofthsm2.so \
    "/usr/lib/$(uname -m)-linux-gnu/softhsm/libsofthsm2.so" /usr/local/lib/softhsm/libsofthsm2.so; do
    if [ -f "$m" ]; then echo "$m"; return 0; fi
  done
  return 1
}

if ! command -v softhsm2-util >/dev/null || ! command -v pkcs11-tool >/dev/null || ! find_module >/dev/null; then
  echo "softhsm.sh: installing softhsm2 and opensc" >&2
  if ! command -v apt-get >/dev/null; then
    echo "softhsm.sh: softhsm2 is missing and there is no apt-get to install it" >&2
    exit 3
  fi
  { as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends softhsm2 opensc ||
    { as_root apt-get update -q && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends softhsm2 opensc; }
  } >&2 || { echo "softhsm.sh: could not install softhsm2 and opensc" >&2; exit 3; }
fi
module=$(find_module) || { echo "softhsm.sh: libsofthsm2.so not found after installing softhsm2" >&2; exit 3; }

dir=${1:-$(mktemp -d)}
mkdir -p "$dir/tokens"
dir=$(cd "$dir" && pwd)
if [ -n "$(ls -A "$dir/tokens")" ]; then
  echo "softhsm.sh: $dir/tokens is not empty; give a new directory" >&2
  exit 1
fi
cat > "$dir/softhsm2.conf" <<EOF
directories.tokendir = $dir/tokens
objectstore.backend = file
log.level = ERROR
slots.removable = false
EOF
printf '%s\n' "$pin" > "$dir/pin"
export SOFTHSM2_CONF=$dir/softhsm2.conf

softhsm2-util --init-token --free --label "$label" --pin "$pin" --so-pin "$so_pin" >&2

p11() { pkcs11-tool --module "$module" --token-label "$label" --login --pin "$pin" "$@" >&2; }

import() { # KEY.pem LABEL ID
  softhsm2-util --import "$1" --token "$label" --label "$2" --id "$3" --pin "$pin" >&2
}

import_ec() { # KEY.pem LABEL ID: the pair, then the private object again, allowed to derive
  import "$@"
  p11 --delete-object --type privkey --id "$3"
  p11 --write-object "$1" --type privkey --label "$2" --id "$3" --usage-derive
}

keys=$repo/tests/data/saml/encrypted/keys
eidas=$shared/vectors/eidas/encryption/keys
import "$keys/sp-rsa.key.pem" sp-rsa 01
import_ec "$keys/sp-ec-p256.key.pem" sp-ec-p256 02
import "$eidas/test-rsa.key.pem" eidas-rsa 03
import_ec "$eidas/test-ec-nist.key.pem" eidas-ec-nist 04
import "$keys/sp-ec-p256.key.pem" sp-ec-noderive 12

# Every pair must be there: a public key object beside each private one.
objects=$(pkcs11-tool --module "$module" --token-label "$label" --login --pin "$pin" -O 2>/dev/null)
for l in sp-rsa sp-ec-p256 eidas-rsa eidas-ec-nist sp-ec-noderive; do
  n=$(grep -c "label: *$l\$" <<<"$objects" || true)
  if [ "$n" != 2 ]; then
    echo "softhsm.sh: expected a private and a public key labelled $l, found $n objects" >&2
    exit 1
  fi
done

echo "export SOFTHSM2_CONF=$dir/softhsm2.conf"
echo "export TRUSTMETA_PKCS11_MODULE=$module"
echo "export TRUSTMETA_PKCS11_TOKEN=$label"
echo "export TRUSTMETA_PKCS11_PIN=$pin"
echo "export TRUSTMETA_PKCS11_PIN_FILE=$dir/pin"
