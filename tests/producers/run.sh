#!/usr/bin/env bash
# Runs the third-party identity providers (pysaml2, samlify) to write encrypted SAML
# responses for the relying party of tests/data/saml/encrypted/keys into OUTDIR, with
# OUTDIR/cases.tsv (the columns of tests/conformance/saml-encrypted-cases.tsv) saying what
# each must give. Then checks every response with xmlsec1: it decrypts with sp-rsa to the
# NameID and an AuthnStatement, its signatures verify, and samlify's sign-then-encrypt
# Response signature fails.
#
#   bash tests/producers/run.sh OUTDIR
#
# Installs what it needs: xmlsec1 and nodejs/npm from Debian when missing (as root, or
# through sudo), pinned pysaml2 in a venv under target/producers-venv, and the pinned npm
# packages of package-lock.json. Both producers freeze their clocks at 2026-06-01T10:00:00Z,
# so their output verifies at 2026-06-01T10:01:00Z like the project's own messages.
# tests/data/saml/encrypted/producers/ is a snapshot of one run, for offline tests.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: bash tests/producers/run.sh OUTDIR" >&2; exit 2; }
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here=$repo/tests/producers
mkdir -p "$1"
out=$(cd "$1" && pwd)
PYSAML2_VERSION=7.5.5

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
missing=()
command -v xmlsec1 >/dev/null || missing+=(xmlsec1)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== apt-get install ${missing[*]}"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi
echo "== $(xmlsec1 --version), node $(node --version)"

echo "== pysaml2 $PYSAML2_VERSION (venv)"
venv=$repo/target/producers-venv
if ! "$venv/bin/python" -c 'import saml2' 2>/dev/null; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check "pysaml2==$PYSAML2_VERSION"

echo "== npm ci"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

rm -f "$out/cases.tsv"
echo "== pysaml2 identity provider"
"$venv/bin/python" -W ignore "$here/pysaml2_idp.py" "$out"
echo "== samlify identity provider"
# samlify's warning about the IdP's missing logout endpoint is noise here
node "$here/samlify_idp.mjs" "$out" 2> >(grep -v 'missing endpoint of SingleLogoutService' >&2)

echo "== checks with xmlsec1"
PKI=$repo/tests/data/xmldsig-gen/pki
KEYS=$repo/tests/data/saml/encrypted/keys
IDS=(--id-attr:ID urn:oasis:names:tc:SAML:2.0:protocol:Response --id-attr:ID urn:oasis:names:tc:SAML:2.0:assertion:Assertion)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
check() { # FILE RESPONSE-SIGNATURE(good|bad|none)
  local f=$out/$1 want=$2 got=none
  if grep -q '<[A-Za-z0-9]*:Signature\b' <(sed 's/<[A-Za-z0-9]*:EncryptedAssertion.*//' "$f"); then
    if xmlsec1 --verify "${IDS[@]}" --pubkey-cert-pem "$PKI/leaf-rsa2048.pem" \
      --node-xpath "/*[local-name()='Response']/*[local-name()='Signature']" "$f" >/dev/null 2>&1; then
      got=good
    else
      got=bad
    fi
  fi
  [ "$got" = "$want" ] || { echo "FAIL $1: Response signature $got, expected $want"; fail=1; }
  if ! xmlsec1 --decrypt --privkey-pem "$KEYS/sp-rsa.key.pem" --output "$work/dec.xml" "$f" >/dev/null 2>&1 ||
     ! grep -q '>ross@octolabs.io</' "$work/dec.xml"; then
    echo "FAIL $1: xmlsec1 does not decrypt it to NameID ross@octolabs.io"; fail=1; return
  fi
  # Web Browser SSO requires it (saml-profiles §4.1.4.2); samlify's template leaves it out
  if ! grep -q 'AuthnStatement AuthnInstant=' "$work/dec.xml"; then
    echo "FAIL $1: the decrypted assertion has no AuthnStatement"; fail=1; return
  fi
  if ! xmlsec1 --verify "${IDS[@]}" --pubkey-cert-pem "$PKI/leaf-rsa2048.pem" \
    --node-xpath "//*[local-name()='Assertion']/*[local-name()='Signature']" "$work/dec.xml" >/dev/null 2>&1; then
    echo "FAIL $1: the decrypted assertion's signature does not verify"; fail=1; return
  fi
  echo "ok $1 (Response signature: $got; decrypts, with an AuthnStatement; assertion signature verifies)"
}
check pysaml2_default-tripledes_both-signed.xml good
check pysaml2_aes256-gcm_both-signed.xml good
check pysaml2_aes256-gcm_assertion-signed.xml none
check samlify_aes256-gcm_encrypt-then-sign.xml good
check samlify_default-aes256-cbc_assertion-signed.xml none
check samlify_aes128-gcm_assertion-signed.xml none
check samlify_default-order_sign-then-encrypt.xml bad
[ "$fail" -eq 0 ] || { echo "producers: some output does not hold" >&2; exit 1; }
echo "producers: $(($(wc -l < "$out/cases.tsv") - 1)) cases in $out/cases.tsv"
