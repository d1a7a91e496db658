#!/usr/bin/env bash
# Build the README's sample: the SMP record of ../xmldsig-gen/templates with a real
# access point certificate (../xmldsig-gen/pki/leaf-p256.pem) in place of the template's
# placeholder, signed with xmlsec1 by leaf-rsa2048, whose certificate is signer.pem.
# `smp verify` checks the endpoint certificate it reports, so a placeholder fails it.
# Needs: openssl, xmlsec1 (Debian package xmlsec1, OpenSSL backend).
set -euo pipefail
cd "$(dirname "$0")"
gen=../xmldsig-gen
ap=$(openssl x509 -in "$gen/pki/leaf-p256.pem" -outform DER | base64 -w0)
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
sed -e "s|MIIBdummyBase64ForTestOnly|$ap|" "$gen/templates/smp-signed-service-metadata.xml" >"$tmp"
xmlsec1 --sign --privkey-pem "$gen/pki/leaf-rsa2048.key,$gen/pki/leaf-rsa2048.pem" \
    --output smp-signed.xml "$tmp"
cp "$gen/pki/leaf-rsa2048.pem" signer.pem
xmlsec1 --verify --trusted-pem "$gen/pki/root.pem" --untrusted-pem "$gen/pki/intermediate.pem" \
    smp-signed.xml >/dev/null
