#!/usr/bin/env bash
# Documents that name their signing key in the ways XML-DSig allows (X509SKI,
# RetrievalMethod, KeyName only), a Manifest, and damaged ECDSA values. Signed by
# xmlsec1 (Debian xmlsec1 1.2.37, OpenSSL backend) with the test PKI of
# ../../xmldsig-gen/pki; each signed document is verified by xmlsec1 before it is kept.
# The damaged ECDSA values are re-encodings of an xmlsec1 signature (mutate.py).
#
#   bash make.sh
set -euo pipefail
cd "$(dirname "$0")"
PKI=../../xmldsig-gen/pki
VTIME="2026-06-01 00:00:00"
mkdir -p signed
leaf_b64=$(sed -e '/-----/d' "$PKI/leaf-rsa2048.pem" | tr -d '\n')

tail_part() { # $1 = KeyInfo/Object XML placed after SignatureValue
  printf '%s\n  </Signature>\n</doc:Document>\n' "$1"
}
verify() { # $1 file, rest = extra xmlsec1 args
  local f=$1; shift
  xmlsec1 --verify --trusted-pem "$PKI/root.pem" --untrusted-pem "$PKI/intermediate.pem" \
    --verification-gmt-time "$VTIME" "$@" "$f" >/dev/null 2>&1 \
    || { echo "xmlsec1 does not verify $f" >&2; exit 1; }
}

# 1. X509SKI only: xmlsec1 fills the SKI of the signing certificate.
{ cat templates/head.part; tail_part '    <KeyInfo><X509Data><X509SKI/></X509Data></KeyInfo>'; } > templates/ski-only.xml
xmlsec1 --sign --privkey-pem "$PKI/leaf-rsa2048.key,$PKI/leaf-rsa2048.pem" \
  --output signed/ski-only.xml templates/ski-only.xml
grep -q '<X509SKI>[A-Za-z0-9+/=]' signed/ski-only.xml
grep -q '<X509Certificate>' signed/ski-only.xml && { echo "ski-only carries a certificate" >&2; exit 1; }
verify signed/ski-only.xml --untrusted-pem "$PKI/leaf-rsa2048.pem"

# 2. RetrievalMethod to an X509Data elsewhere in the signature (in a ds:Object).
{ cat templates/head.part; tail_part "    <KeyInfo><RetrievalMethod URI=\"#signer-x509\" Type=\"http://www.w3.org/2000/09/xmldsig#X509Data\"/></KeyInfo>
    <Object><X509Data Id=\"signer-x509\"><X509Certificate>$leaf_b64</X509Certificate></X509Data></Object>"; } > templates/retrieval-x509data.xml
xmlsec1 --sign --privkey-pem "$PKI/leaf-rsa2048.key" \
  --id-attr:Id http://www.w3.org/2000/09/xmldsig#:X509Data \
  --output signed/retrieval-x509data.xml templates/retrieval-x509data.xml
verify signed/retrieval-x509data.xml --id-attr:Id http://www.w3.org/2000/09/xmldsig#:X509Data

# 3. KeyName only: the verifier must choose among the keys it was given.
{ cat templates/head.part; tail_part '    <KeyInfo><KeyName>signer</KeyName></KeyInfo>'; } > templates/keyname-only.xml
xmlsec1 --sign --privkey-pem "$PKI/leaf-rsa2048.key" \
  --output signed/keyname-only.xml templates/keyname-only.xml
xmlsec1 --verify --pubkey-cert-pem "$PKI/leaf-rsa2048.pem" signed/keyname-only.xml >/dev/null 2>&1 \
  || { echo "xmlsec1 does not verify keyname-only" >&2; exit 1; }
# The same document with its signed content changed.
sed 's/>first</>tampered</' signed/keyname-only.xml > signed/keyname-only-tampered.xml
! xmlsec1 --verify --pubkey-cert-pem "$PKI/leaf-rsa2048.pem" signed/keyname-only-tampered.xml >/dev/null 2>&1
# The same document with its SignatureValue changed.
python3 mutate.py signed/keyname-only.xml flip signed/keyname-only-bad-value.xml
! xmlsec1 --verify --pubkey-cert-pem "$PKI/leaf-rsa2048.pem" signed/keyname-only-bad-value.xml >/dev/null 2>&1

# 4. A Reference to a ds:Manifest (Type=#Manifest) in a ds:Object, whose own Reference
#    covers the payload.
cat > templates/manifest.xml <<TPL
<?xml version="1.0" encoding="UTF-8"?>
<doc:Document xmlns:doc="urn:trustmeta:test:document" Version="1">
  <doc:Item n="1" Id="payload">first</doc:Item>
  <Signature xmlns="http://www.w3.org/2000/09/xmldsig#">
    <SignedInfo>
      <CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
      <SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
      <Reference URI="#manifest" Type="http://www.w3.org/2000/09/xmldsig#Manifest">
        <Transforms><Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></Transforms>
        <DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
        <DigestValue/>
      </Reference>
    </SignedInfo>
    <SignatureValue/>
    <KeyInfo><X509Data/></KeyInfo>
    <Object>
      <Manifest Id="manifest">
        <Reference URI="#payload">
          <Transforms><Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></Transforms>
          <DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
          <DigestValue/>
        </Reference>
      </Manifest>
    </Object>
  </Signature>
</doc:Document>
TPL
ids=(--id-attr:Id urn:trustmeta:test:document:Item --id-attr:Id http://www.w3.org/2000/09/xmldsig#:Manifest)
xmlsec1 --sign "${ids[@]}" --privkey-pem "$PKI/leaf-rsa2048.key,$PKI/leaf-rsa2048.pem" \
  --output signed/manifest.xml templates/manifest.xml
verify signed/manifest.xml "${ids[@]}"

# 5. An SMP record whose signature also covers a ds:Manifest in the record: a profile
#    that expects no Manifest must refuse it.
sed -e 's#<ServiceMetadata>#<ServiceMetadata><Manifest xmlns="http://www.w3.org/2000/09/xmldsig\#" Id="m"><Reference URI="\#si"><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc\#sha256"/><DigestValue/></Reference></Manifest>#' \
    -e 's#<ServiceInformation>#<ServiceInformation Id="si">#' \
    ../../xmldsig-gen/templates/smp-signed-service-metadata.xml > templates/smp-manifest.xml
python3 - templates/smp-manifest.xml <<'PY'
import sys, re
p = sys.argv[1]; s = open(p).read()
# The second Reference goes just before </SignedInfo> (sed cannot span lines).
s = s.replace('</Reference>\n    </SignedInfo>', '</Reference>\n      <Reference URI="#m" Type="http://www.w3.org/2000/09/xmldsig#Manifest"><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue/></Reference>\n    </SignedInfo>', 1)
open(p, "w").write(s)
PY
smp_ids=(--id-attr:Id http://www.w3.org/2000/09/xmldsig#:Manifest --id-attr:Id http://docs.oasis-open.org/bdxr/ns/SMP/2016/05:ServiceInformation)
xmlsec1 --sign "${smp_ids[@]}" --privkey-pem "$PKI/leaf-rsa2048.key,$PKI/leaf-rsa2048.pem" \
  --output signed/smp-manifest.xml templates/smp-manifest.xml
verify signed/smp-manifest.xml "${smp_ids[@]}"

# 6. ECDSA values in the wrong encoding, from ../../xmldsig-gen/signed/p256-ecdsa-sha256.xml.
python3 mutate.py ../../xmldsig-gen/signed/p256-ecdsa-sha256.xml der signed/ecdsa-der-value.xml
python3 mutate.py ../../xmldsig-gen/signed/p256-ecdsa-sha256.xml overpadded signed/ecdsa-overpadded.xml
echo "made: $(ls signed | tr '\n' ' ')"

# 7. X509Digest of the leaf in SHA-1 and SHA3-256 (RFC 9231) instead of the X509SKI: KeyInfo
#    lies outside what the signature covers, so the signature still verifies.
leaf_der=$(mktemp); trap 'rm -f "$leaf_der"' EXIT
openssl x509 -in "$PKI/leaf-rsa2048.pem" -outform DER -out "$leaf_der"
for alg in sha1:http://www.w3.org/2000/09/xmldsig#sha1 sha3-256:http://www.w3.org/2007/05/xmldsig-more#sha3-256; do
  name=${alg%%:*}; uri=${alg#*:}
  d=$(openssl dgst -"$name" -binary "$leaf_der" | base64 -w0)
  python3 - "$uri" "$d" signed/ski-only.xml "signed/x509digest-$name.xml" <<'PY'
import re, sys
uri, digest, src, out = sys.argv[1:5]
text = open(src, encoding="utf-8").read()
new, n = re.subn(r"<X509SKI>[^<]*</X509SKI>",
    f'<dsig11:X509Digest xmlns:dsig11="http://www.w3.org/2009/xmldsig11#" Algorithm="{uri}">{digest}</dsig11:X509Digest>', text)
assert n == 1, "no X509SKI to replace"
open(out, "w", encoding="utf-8").write(new)
PY
done
echo "made: x509digest-sha1.xml x509digest-sha3-256.xml"
