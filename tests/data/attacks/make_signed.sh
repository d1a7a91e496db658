#!/usr/bin/env bash
# Writes attack documents into signed/ whose signatures are intact -- xmlsec1 --verify
# accepts them -- but whose content is forged or out of profile where the signature does
# not look: content injected into ds:Object (excluded by the enveloped transform), SAML
# assertions that are signed but break the Web Browser SSO profile. Two files are not
# well-formed at all (an element declaring the default namespace twice): for those the
# script checks that xmlsec1 REFUSES them. README.md says what trustmeta must give for
# each file; expected.tsv says it in columns.
#
#   bash make_signed.sh [OUT_DIR]     (default: this directory)
#
# Inputs, all in this repository:
#   ../metadata/signed/aggregate.xml, ../metadata/templates/aggregate.xml  the eToegang
#       aggregate (signer ../metadata/signed/signer.pem = leaf-rsa2048)
#   ../smp/signed/smp1-only-expired.xml                                    an SMP 1.0 record
#   ../xmldsig-gen/pki                                                     the test PKI:
#       leaf-rsa2048 signs everything here; attacker-rsa2048's certificate is the one
#       injected into metadata (a key that must never become trusted).
# SAML values are those of ../saml/make_signed.sh: audience https://sp.example.org/metadata,
# ACS https://sp.example.org/acs, request _req-4711, issuer https://idp.example.org/,
# valid from 2026-06-01T09:59:00Z to 10:05:00Z (verify at 2026-06-01T10:00:00Z).
#
# Needs: xmlsec1 (OpenSSL backend), openssl, python3, sed. Only RSA PKCS#1 v1.5 is used,
# so re-running gives the same bytes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
DATA=$here/..
PKI=$DATA/xmldsig-gen/pki
mkdir -p "$out/templates" "$out/signed"
cd "$out"

EXC="http://www.w3.org/2001/10/xml-exc-c14n#"
RSA_SHA256="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
SHA256="http://www.w3.org/2001/04/xmlenc#sha256"
DSIG="http://www.w3.org/2000/09/xmldsig#"
SAMLP="urn:oasis:names:tc:SAML:2.0:protocol"
SAML="urn:oasis:names:tc:SAML:2.0:assertion"
MD="urn:oasis:names:tc:SAML:2.0:metadata"
SMP1="http://docs.oasis-open.org/bdxr/ns/SMP/2016/05"
SIGNER=leaf-rsa2048
IDS=(--id-attr:ID "$SAMLP:Response" --id-attr:ID "$SAML:Assertion"
     --id-attr:ID "$MD:EntitiesDescriptor" --id-attr:ID "$MD:EntityDescriptor")

fail() { echo "make_signed: $*" >&2; exit 1; }

sig() { # id-ref [prefix-list]
  local pl=""
  [ -n "${2:-}" ] && pl="<ec:InclusiveNamespaces xmlns:ec=\"$EXC\" PrefixList=\"$2\"/>"
  echo "<ds:Signature xmlns:ds=\"$DSIG\"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm=\"$EXC\"/><ds:SignatureMethod Algorithm=\"$RSA_SHA256\"/><ds:Reference URI=\"#$1\"><ds:Transforms><ds:Transform Algorithm=\"${DSIG}enveloped-signature\"/><ds:Transform Algorithm=\"$EXC\">$pl</ds:Transform></ds:Transforms><ds:DigestMethod Algorithm=\"$SHA256\"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo></ds:Signature>"
}

# inject FILE N XML: inserts XML right after the first </ds:KeyInfo> that follows the N-th
# (1-based) ds:Signature start tag of FILE, in place. Inside a signature with the
# enveloped transform the digest does not see it, and SignedInfo is untouched.
inject() {
  python3 - "$@" <<'PY'
import re, sys
path, n, xml = sys.argv[1], int(sys.argv[2]), sys.argv[3].encode()
doc = open(path, "rb").read()
starts = [m.start() for m in re.finditer(rb"<ds:Signature[\s>]", doc)]
if len(starts) < n:
    sys.exit("inject: %s has fewer than %d signatures" % (path, n))
pos = starts[n - 1]
end = doc.index(b"</ds:KeyInfo>", pos) + len(b"</ds:KeyInfo>")
if doc.find(b"</ds:Signature>", pos) < end:
    sys.exit("inject: signature %d of %s has no KeyInfo" % (n, path))
open(path, "wb").write(doc[:end] + xml + doc[end:])
PY
}

# must_verify FILE [xmlsec1 options]: xmlsec1 must accept FILE signed by $SIGNER.
must_verify() {
  local f=$1; shift
  xmlsec1 --verify "${IDS[@]}" --pubkey-cert-pem "$PKI/$SIGNER.pem" "$@" "$f" >/dev/null 2>&1 ||
    fail "$f does not verify with xmlsec1"
  echo "make_signed: $f verifies with xmlsec1${*:+ ($*)}"
}
# must_refuse FILE: xmlsec1 must refuse FILE, and because it is not well-formed.
must_refuse() {
  local f=$1 msg
  if msg=$(xmlsec1 --verify "${IDS[@]}" --pubkey-cert-pem "$PKI/$SIGNER.pem" "$f" 2>&1); then
    fail "$f is ACCEPTED by xmlsec1; it must be refused as not well-formed"
  fi
  grep -q "redefined" <<<"$msg" ||
    fail "$f is refused by xmlsec1, but not for the duplicate xmlns: $(head -n1 <<<"$msg")"
  echo "make_signed: $f refused by xmlsec1 as not well-formed: $(grep -m1 -o 'Attribute xmlns redefined' <<<"$msg")"
}
sign() { # template [xmlsec1 options]
  local t=$1; shift
  xmlsec1 --sign "${IDS[@]}" --privkey-pem "$PKI/$SIGNER.key,$PKI/$SIGNER.pem" "$@" \
    --output "signed/$t" "templates/$t"
}

# ---------------------------------------------------------------- 1. metadata: ds:Object
ATTACKER_CERT=$(openssl x509 -in "$PKI/attacker-rsa2048.pem" -outform DER | base64 -w 0)
EVIL_ENTITY="<md:EntityDescriptor entityID=\"https://idp.example.org/\"><md:IDPSSODescriptor protocolSupportEnumeration=\"$SAMLP\"><md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>$ATTACKER_CERT</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor><md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"https://idp.example.org/sso\"/></md:IDPSSODescriptor></md:EntityDescriptor>"

# 1a. The signed aggregate, an entity added inside its root signature (after KeyInfo).
cp "$DATA/metadata/signed/aggregate.xml" signed/metadata-object-entity.xml
inject signed/metadata-object-entity.xml 1 "<ds:Object>$EVIL_ENTITY</ds:Object>"
must_verify signed/metadata-object-entity.xml

# 1b. One entity of the aggregate carries its own signature (ID _hm-1, signed by
#     leaf-rsa2048 first), with the entity in that signature's ds:Object; then the whole
#     aggregate is signed, so the aggregate signature covers the injected entity too.
HM='<md:EntityDescriptor entityID="urn:etoegang:HM:00000005000000000000:entities:1">'
grep -qF "$HM" "$DATA/metadata/templates/aggregate.xml" || fail "no $HM in the metadata template"
python3 - "$DATA/metadata/templates/aggregate.xml" templates/metadata-nested-object-entity.xml \
  "$HM" "${HM%>} ID=\"_hm-1\">$(sig _hm-1)" <<'PY'
import sys
src, dst, old, new = sys.argv[1:]
doc = open(src, encoding="utf-8").read()
assert doc.count(old) == 1
open(dst, "w", encoding="utf-8").write(doc.replace(old, new))
PY
INNER="(//*[local-name()='Signature'])[2]"
xmlsec1 --sign "${IDS[@]}" --privkey-pem "$PKI/$SIGNER.key,$PKI/$SIGNER.pem" --node-xpath "$INNER" \
  --output templates/metadata-nested-object-entity.inner.xml templates/metadata-nested-object-entity.xml
mv templates/metadata-nested-object-entity.inner.xml templates/metadata-nested-object-entity.xml
inject templates/metadata-nested-object-entity.xml 2 "<ds:Object>$EVIL_ENTITY</ds:Object>"
must_verify templates/metadata-nested-object-entity.xml --node-xpath "$INNER"
sign metadata-nested-object-entity.xml
must_verify signed/metadata-nested-object-entity.xml
must_verify signed/metadata-nested-object-entity.xml --node-xpath "$INNER"

# ---------------------------------------------------------------- SAML building blocks
SUBJECT="<saml:Subject><saml:NameID Format=\"urn:oasis:names:tc:SAML:2.0:nameid-format:persistent\" NameQualifier=\"https://idp.example.org/\" SPNameQualifier=\"https://sp.example.org/metadata\">ross@octolabs.io</saml:NameID><saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\"><saml:SubjectConfirmationData InResponseTo=\"_req-4711\" NotOnOrAfter=\"2026-06-01T10:05:00Z\" Recipient=\"https://sp.example.org/acs\"/></saml:SubjectConfirmation></saml:Subject>"
AUDIENCE="<saml:AudienceRestriction><saml:Audience>https://sp.example.org/metadata</saml:Audience></saml:AudienceRestriction>"
WINDOW='NotBefore="2026-06-01T09:59:00Z" NotOnOrAfter="2026-06-01T10:05:00Z"'
CONDITIONS="<saml:Conditions $WINDOW>$AUDIENCE</saml:Conditions>"
ISSUER="<saml:Issuer>https://idp.example.org/</saml:Issuer>"
AUTHN="<saml:AuthnStatement AuthnInstant=\"2026-06-01T09:59:30Z\" SessionIndex=\"_session-1\"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>"
ATTRS='<saml:AttributeStatement><saml:Attribute Name="urn:oid:2.5.4.42" FriendlyName="givenName" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue>Ross</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>'

# assertion ID ISSUER-XML CONDITIONS-XML [ISSUE-INSTANT] [AUTHN+ATTRS] [EXTRA-NS] [PREFIX-LIST]
assertion() {
  echo "<saml:Assertion xmlns:saml=\"$SAML\"${6:-} ID=\"$1\" IssueInstant=\"${4:-2026-06-01T10:00:00Z}\" Version=\"2.0\">$2$(sig "$1" "${7:-}")$SUBJECT$3${5:-$AUTHN$ATTRS}</saml:Assertion>"
}
# response ID ASSERTION-XML
response() {
  cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<samlp:Response xmlns:samlp="$SAMLP" xmlns:saml="$SAML" Destination="https://sp.example.org/acs" ID="$1" InResponseTo="_req-4711" IssueInstant="2026-06-01T10:00:00Z" Version="2.0"><saml:Issuer>https://idp.example.org/</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>$2</samlp:Response>
EOF
}

# ---------------------------------------------------------------- 2. STORK: ds:Object QAA
# Like ../saml stork-legacy-sha1.xml, but QAA 1 and rsa-sha256 / sha256 digests.
STORK_NS=' xmlns:stork="urn:eu:stork:names:tc:STORK:1.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
STORK_BODY='<saml:AuthnStatement AuthnInstant="2026-06-01T09:59:30Z" SessionIndex="_session-1"><saml:AuthnContext><saml:AuthnContextDecl><stork:QualityAuthenticationAssuranceLevel>1</stork:QualityAuthenticationAssuranceLevel></saml:AuthnContextDecl></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement><saml:Attribute Name="http://www.stork.gov.eu/1.0/eIdentifier" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri" stork:AttributeStatus="Available"><saml:AttributeValue xsi:type="xs:anyType">ES/AT/02635542Y</saml:AttributeValue></saml:Attribute><saml:Attribute Name="http://www.stork.gov.eu/1.0/givenName" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri" stork:AttributeStatus="Available"><saml:AttributeValue xsi:type="xs:anyType">Javier</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>'
response _resp-s1 "$(assertion _assert-s1 "$ISSUER" "<saml:Conditions $WINDOW>$AUDIENCE<saml:OneTimeUse/></saml:Conditions>" "" "$STORK_BODY" "$STORK_NS" xs)" > templates/stork-qaa1.xml
sign stork-qaa1.xml
must_verify signed/stork-qaa1.xml
cp signed/stork-qaa1.xml signed/stork-object-qaa.xml
inject signed/stork-object-qaa.xml 1 '<ds:Object><stork:QualityAuthenticationAssuranceLevel xmlns:stork="urn:eu:stork:names:tc:STORK:1.0:assertion">4</stork:QualityAuthenticationAssuranceLevel></ds:Object>'
must_verify signed/stork-object-qaa.xml

# ---------------------------------------------------------------- 3. two default namespaces
sed 's#<ServiceExpirationDate>#<ServiceExpirationDate xmlns="urn:evil" xmlns="'"$SMP1"'">#' \
  "$DATA/smp/signed/smp1-only-expired.xml" > signed/smp-duplicate-xmlns.xml
grep -q 'xmlns="urn:evil"' signed/smp-duplicate-xmlns.xml || fail "the SMP substitution did not apply"
# The SMP record itself verifies with xmlsec1 against the test PKI's root.
xmlsec1 --verify --trusted-pem "$PKI/root.pem" --untrusted-pem "$PKI/intermediate.pem" \
  --verification-gmt-time "2026-06-01 00:00:00" "$DATA/smp/signed/smp1-only-expired.xml" >/dev/null 2>&1 ||
  fail "../smp/signed/smp1-only-expired.xml does not verify with xmlsec1"
must_refuse signed/smp-duplicate-xmlns.xml

# An ADFS-style response: the Assertion in the default namespace, unprefixed children.
adfs() { # ID CONDITIONS-XML
  cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<samlp:Response xmlns:samlp="$SAMLP" ID="_resp-$1" Version="2.0" IssueInstant="2026-06-01T10:00:00Z" Destination="https://sp.example.org/acs" Consent="urn:oasis:names:tc:SAML:2.0:consent:unspecified" InResponseTo="_req-4711"><Issuer xmlns="$SAML">https://idp.example.org/</Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><Assertion xmlns="$SAML" ID="_assert-$1" IssueInstant="2026-06-01T10:00:00Z" Version="2.0"><Issuer>https://idp.example.org/</Issuer>$(sig "_assert-$1")<Subject><NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient">_adfs-name-1</NameID><SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><SubjectConfirmationData InResponseTo="_req-4711" NotOnOrAfter="2026-06-01T10:05:00Z" Recipient="https://sp.example.org/acs"/></SubjectConfirmation></Subject>$2<AttributeStatement><Attribute Name="http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn"><AttributeValue>ross@octolabs.io</AttributeValue></Attribute></AttributeStatement><AuthnStatement AuthnInstant="2026-06-01T09:59:30Z" SessionIndex="_session-1"><AuthnContext><AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</AuthnContextClassRef></AuthnContext></AuthnStatement></Assertion></samlp:Response>
EOF
}
adfs adfs-1 "<Conditions $WINDOW><AudienceRestriction><Audience>https://sp.example.org/metadata</Audience></AudienceRestriction></Conditions>" > templates/saml-adfs.xml
sign saml-adfs.xml
must_verify signed/saml-adfs.xml
sed 's#<Conditions #<Conditions xmlns="urn:evil" xmlns="'"$SAML"'" #' signed/saml-adfs.xml \
  > signed/saml-adfs-duplicate-xmlns.xml
grep -q 'xmlns="urn:evil"' signed/saml-adfs-duplicate-xmlns.xml || fail "the SAML substitution did not apply"
must_refuse signed/saml-adfs-duplicate-xmlns.xml

# ---------------------------------------------------------------- SAML profile violations
# Signed normally; xmlsec1 accepts each one. Only the named part differs from a valid
# response.
adfs adfs-2 "<Conditions $WINDOW/>" > templates/saml-adfs-no-audience.xml
response _resp-nc "$(assertion _assert-nc "$ISSUER" "")" > templates/saml-no-conditions.xml
# An inverted window (NotBefore 10:04 after NotOnOrAfter 09:59): no instant is inside it,
# so at 10:00 a checker that only compares against now would say "not yet valid".
response _resp-tw "$(assertion _assert-tw "$ISSUER" "<saml:Conditions NotBefore=\"2026-06-01T10:04:00Z\" NotOnOrAfter=\"2026-06-01T09:59:00Z\">$AUDIENCE</saml:Conditions>")" > templates/saml-notbefore-after-notonorafter.xml
# A Condition of a type nobody here understands (SAML core 2.5.1: the assertion is then
# Indeterminate and must not be used). x is in the c14n prefix list so its binding is signed.
response _resp-uc "$(assertion _assert-uc "$ISSUER" "<saml:Conditions $WINDOW>$AUDIENCE<saml:Condition xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:x=\"urn:example:conditions\" xsi:type=\"x:Custom\"/></saml:Conditions>" "" "" "" x)" > templates/saml-unknown-condition.xml
response _resp-if "$(assertion _assert-if "<saml:Issuer Format=\"urn:oasis:names:tc:SAML:2.0:nameid-format:transient\">https://idp.example.org/</saml:Issuer>" "$CONDITIONS")" > templates/saml-issuer-format-transient.xml
# The assertion's IssueInstant and the Conditions times without a zone (the Response's
# IssueInstant and the SubjectConfirmationData keep theirs).
response _resp-tz "$(assertion _assert-tz "$ISSUER" '<saml:Conditions NotBefore="2026-06-01T09:59:00" NotOnOrAfter="2026-06-01T10:05:00">'"$AUDIENCE</saml:Conditions>" 2026-06-01T10:00:00)" > templates/saml-datetime-no-zone.xml

for t in saml-adfs-no-audience.xml saml-no-conditions.xml saml-notbefore-after-notonorafter.xml \
         saml-unknown-condition.xml saml-issuer-format-transient.xml saml-datetime-no-zone.xml; do
  sign "$t"
  must_verify "signed/$t"
done
