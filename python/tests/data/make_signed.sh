#!/usr/bin/env bash
# Writes signed variants of the eToegang-style test aggregate for the metadata tests of
# test_metadata.py: the template of ../../../tests/data/metadata (made by its
# make_signed.sh) with one change each, signed with xmlsec1 as that script signs it
# (leaf-rsa2048 of ../../../tests/data/xmldsig-gen/pki, whose certificate is
# ../../../tests/data/metadata/signed/signer.pem; the document element's #ID, enveloped,
# exclusive C14N, rsa-sha256).
#
#   metadata-duplicate-entity-id.xml  the second Authenticatiediensten entity carries the
#                                     first one's entityID: it verifies, and a lookup of
#                                     that entityID must refuse rather than guess
#   metadata-plain-group.xml          the Herkenningsmakelaars group renamed "brokers": an
#                                     entity outside the eToegang role groups
#
#   bash make_signed.sh [OUT_DIR]     (default: this directory)
#
# Needs: xmlsec1, sed. RSA PKCS#1 v1.5 is deterministic: re-running gives the same bytes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
DATA=$here/../../../tests/data
PKI=$DATA/xmldsig-gen/pki
TEMPLATE=$DATA/metadata/templates/aggregate.xml
MD="urn:oasis:names:tc:SAML:2.0:metadata"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

variant() { # name sed-expression
  sed "$2" "$TEMPLATE" > "$work/$1"
  cmp -s "$TEMPLATE" "$work/$1" && { echo "make_signed: $1: the substitution did not apply" >&2; exit 1; }
  xmlsec1 --sign --id-attr:ID "$MD:EntitiesDescriptor" --privkey-pem "$PKI/leaf-rsa2048.key,$PKI/leaf-rsa2048.pem" \
    --output "$out/$1" "$work/$1"
  xmlsec1 --verify --id-attr:ID "$MD:EntitiesDescriptor" --pubkey-cert-pem "$PKI/leaf-rsa2048.pem" "$out/$1" >/dev/null 2>&1 ||
    { echo "make_signed: $1 does not verify with xmlsec1" >&2; exit 1; }
  echo "make_signed: $1 verifies with xmlsec1"
}

variant metadata-duplicate-entity-id.xml \
  's#entityID="urn:etoegang:AD:00000001000000000001:entities:2"#entityID="urn:etoegang:AD:00000001000000000000:entities:1"#'
variant metadata-plain-group.xml \
  's#Name="urn:etoegang:role:Herkenningsmakelaars"#Name="brokers"#'
