#!/usr/bin/env bash
# A signature whose KeyInfo carries 15 CA certificates that all have one subject and one
# key, each signed by that key: every one is a valid issuer of every other, so a path
# search without a budget explores up to 15!/8! paths. The signer is a leaf issued by
# that name; nothing chains to the test root. Made with openssl and signed by xmlsec1.
#
#   bash make.sh
set -euo pipefail
cd "$(dirname "$0")"
PKI=../../xmldsig-gen/pki
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/ca.key" 2>/dev/null
cat > "$work/ext.cnf" <<'CNF'
[ ca ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign
[ leaf ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
CNF
openssl req -new -key "$work/ca.key" -subj "/CN=loop CA" -out "$work/ca.csr" 2>/dev/null
: > "$work/chain.pem"
for i in $(seq 1 15); do
  openssl x509 -req -in "$work/ca.csr" -signkey "$work/ca.key" -set_serial "$i" \
    -days 7300 -extfile "$work/ext.cnf" -extensions ca -out "$work/ca$i.pem" 2>/dev/null
  cat "$work/ca$i.pem" >> "$work/chain.pem"
done
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/leaf.key" 2>/dev/null
openssl req -new -key "$work/leaf.key" -subj "/CN=loop signer" -out "$work/leaf.csr" 2>/dev/null
openssl x509 -req -in "$work/leaf.csr" -CA "$work/ca1.pem" -CAkey "$work/ca.key" -set_serial 100 \
  -days 7300 -extfile "$work/ext.cnf" -extensions leaf -out "$work/leaf.pem" 2>/dev/null
sed 's#<X509Data/>#<X509Data/>#' ../keyinfo/templates/ski-only.xml \
  | sed 's#<X509Data><X509SKI/></X509Data>#<X509Data/>#' > "$work/tpl.xml"
xmlsec1 --sign --privkey-pem "$work/leaf.key,$work/leaf.pem" \
  --output "$work/signed.xml" "$work/tpl.xml" 2>/dev/null
# KeyInfo is outside what the signature covers: the 15 CA certificates go in after signing.
python3 - "$work/signed.xml" "$work/chain.pem" loop-chain.xml <<'PY'
import re, sys
src, chain, out = sys.argv[1:4]
text = open(src, encoding="utf-8").read()
certs = re.findall(r"-----BEGIN CERTIFICATE-----\n(.*?)-----END CERTIFICATE-----", open(chain).read(), re.S)
extra = "".join(f"<X509Certificate>{c.replace(chr(10), '')}</X509Certificate>" for c in certs)
new, n = re.subn(r"(</X509Certificate>)(\s*</X509Data>)", lambda m: m.group(1) + extra + m.group(2), text, count=1)
assert n == 1
open(out, "w", encoding="utf-8").write(new)
PY
n=$(grep -o '<X509Certificate>' loop-chain.xml | wc -l)
[ "$n" -eq 16 ] || { echo "expected 17 certificates, got $n" >&2; exit 1; }
echo "made loop-chain.xml ($n certificates)"
