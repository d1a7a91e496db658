#!/usr/bin/env bash
# eHealth-style records with an owner signature, signed the way DomiSMP has them signed:
# the owner signs the body it PUTs to the SMP, a standalone ServiceMetadata document
# (leaf-p256, enveloped signature inside ServiceInformation/Extension, URI=""); the SMP
# wraps that ServiceMetadata in SignedServiceMetadata and signs the record (leaf-rsa2048,
# root-level signature). Variants:
#   ehealth-owner-signed.xml                 both signatures hold
#   ehealth-owner-signature-broken.xml       endpoint changed after the owner signed, then
#                                            re-signed by the SMP: only the SMP's holds
#   ehealth-owner-tampered.xml               one byte inside ServiceMetadata changed after
#                                            both signed: neither holds
#   ehealth-owner-smp-signature-changed.xml  one byte of the SMP's SignatureValue changed:
#                                            only the owner's holds
#   ehealth-owner-over-serviceinformation.xml the owner signed ServiceInformation alone (the
#                                            reading the profile does not use): refused
# xmlsec1 checks each owner signature with ServiceMetadata (and, for the last, with
# ServiceInformation) as the document before the script ends.
set -euo pipefail
cd "$(dirname "$0")"
pki=../xmldsig-gen/pki
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ns=http://docs.oasis-open.org/bdxr/ns/SMP/2016/05
ap_cert=$(grep -v -- '-----' "$pki/leaf-rsa3072.pem" | tr -d '\n')
sig_template() {
  cat <<T
<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><SignatureMethod Algorithm="$1"/><Reference URI=""><Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></Transforms><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue/></Reference></SignedInfo><SignatureValue/><KeyInfo><X509Data/></KeyInfo></Signature>
T
}
# ServiceInformation; $1 = endpoint URI, $2 = attributes of its start tag.
si() {
  cat <<T
<ServiceInformation$2><ParticipantIdentifier scheme="ehealth-actorid-qns">urn:ehealth:pl:ncp-idp</ParticipantIdentifier><DocumentIdentifier scheme="ehealth-resid-qns">urn:ehealth:PatientIdentificationAndAuthentication::XCPD::CrossGatewayPatientDiscovery##ITI-55</DocumentIdentifier><ProcessList><Process><ProcessIdentifier scheme="ehealth-procid-qns">urn:ehealth:patientidentificationandauthentication</ProcessIdentifier><ServiceEndpointList><Endpoint transportProfile="urn:ihe:iti:2013:xcpd"><EndpointURI>$1</EndpointURI><RequireBusinessLevelSignature>false</RequireBusinessLevelSignature><ServiceActivationDate>2025-01-01T00:00:00Z</ServiceActivationDate><ServiceExpirationDate>2045-01-01T00:00:00Z</ServiceExpirationDate><Certificate>$ap_cert</Certificate><ServiceDescription>NCP-B</ServiceDescription><TechnicalContactUrl>mailto:ncp@example.pl</TechnicalContactUrl></Endpoint></ServiceEndpointList></Process></ProcessList><Extension>$(sig_template http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256)</Extension></ServiceInformation>
T
}
owner_sign() { xmlsec1 --sign --privkey-pem "$pki/leaf-p256.key,$pki/leaf-p256.pem" --output "$2" "$1"; }
smp_sign() { xmlsec1 --sign --node-xpath "/*/*[local-name()='Signature']" --privkey-pem "$pki/leaf-rsa2048.key,$pki/leaf-rsa2048.pem" --output "$2" "$1"; }
body() { grep -v '^<?xml' "$1" | tr -d '\n'; }
# SignedServiceMetadata around $1 (a ServiceMetadata document, or with $3 = wrap a
# ServiceInformation document in ServiceMetadata first), written to $2.
embed() {
  { echo '<?xml version="1.0" encoding="UTF-8"?>'
    printf '<SignedServiceMetadata xmlns="%s">' "$ns"
    if [ "${3:-}" = wrap ]; then printf '<ServiceMetadata>%s</ServiceMetadata>' "$(body "$1")"; else body "$1"; fi
    printf '%s</SignedServiceMetadata>\n' "$(sig_template http://www.w3.org/2001/04/xmldsig-more#rsa-sha256)"
  } > "$2"
}
# The element $2 of record $1 as a standalone document (its namespace declared on it).
extract() {
  python3 - "$1" "$2" "$ns" <<'P'
import sys
text, tag, ns = open(sys.argv[1]).read(), sys.argv[2], sys.argv[3]
start = text.index("<" + tag); end = text.index("</" + tag + ">", start) + len(tag) + 3
part = text[start:end]
head = part[: part.index(">")]
if "xmlns=" not in head:
    part = part.replace("<" + tag, '<%s xmlns="%s"' % (tag, ns), 1)
sys.stdout.write(part)
P
}
owner_verifies() {  # record, element taken as the document
  extract "$1" "$2" > "$tmp/doc.xml"
  xmlsec1 --verify --enabled-reference-uris empty --node-xpath "//*[local-name()='Extension']/*[local-name()='Signature']" \
    --trusted-pem "$pki/root.pem" --untrusted-pem "$pki/intermediate.pem" --verification-gmt-time "2026-06-01 00:00:00" \
    "$tmp/doc.xml" >/dev/null 2>&1
}
smp_verifies() {
  xmlsec1 --verify --node-xpath "/*/*[local-name()='Signature']" --trusted-pem "$pki/root.pem" --untrusted-pem "$pki/intermediate.pem" \
    --verification-gmt-time "2026-06-01 00:00:00" "$1" >/dev/null 2>&1
}
mkdir -p signed templates

printf '<ServiceMetadata xmlns="%s">%s</ServiceMetadata>\n' "$ns" "$(si https://ncp.example.pl/xcpd '')" > "$tmp/sm.xml"
owner_sign "$tmp/sm.xml" "$tmp/sm-signed.xml"
embed "$tmp/sm-signed.xml" "$tmp/record.xml"
cp "$tmp/record.xml" templates/ehealth-owner-signed.xml
smp_sign "$tmp/record.xml" signed/ehealth-owner-signed.xml

sed 's#https://ncp.example.pl/xcpd#https://attacker.example/xcpd#' "$tmp/sm-signed.xml" > "$tmp/sm-changed.xml"
embed "$tmp/sm-changed.xml" "$tmp/record-changed.xml"
smp_sign "$tmp/record-changed.xml" signed/ehealth-owner-signature-broken.xml

sed 's#https://ncp.example.pl/xcpd#https://ncp.example.pl/xcpe#' signed/ehealth-owner-signed.xml > signed/ehealth-owner-tampered.xml

python3 - signed/ehealth-owner-signed.xml signed/ehealth-owner-smp-signature-changed.xml <<'P'
import sys
text = open(sys.argv[1]).read()
at = text.rindex("<SignatureValue>") + len("<SignatureValue>") + 10
text = text[:at] + ("B" if text[at] != "B" else "C") + text[at + 1:]
open(sys.argv[2], "w").write(text)
P

si https://ncp.example.pl/xcpd " xmlns=\"$ns\"" > "$tmp/si.xml"
owner_sign "$tmp/si.xml" "$tmp/si-signed.xml"
embed "$tmp/si-signed.xml" "$tmp/record-si.xml" wrap
smp_sign "$tmp/record-si.xml" signed/ehealth-owner-over-serviceinformation.xml

fail() { echo "make_owner_signed: $*" >&2; exit 1; }
for f in ehealth-owner-signed ehealth-owner-signature-broken ehealth-owner-over-serviceinformation; do
  smp_verifies "signed/$f.xml" || fail "the SMP signature of $f does not verify"
done
for f in ehealth-owner-tampered ehealth-owner-smp-signature-changed; do
  ! smp_verifies "signed/$f.xml" || fail "the SMP signature of $f verifies"
done
for f in ehealth-owner-signed ehealth-owner-smp-signature-changed; do
  owner_verifies "signed/$f.xml" ServiceMetadata || fail "the owner signature of $f does not verify over ServiceMetadata"
done
for f in ehealth-owner-signature-broken ehealth-owner-tampered ehealth-owner-over-serviceinformation; do
  ! owner_verifies "signed/$f.xml" ServiceMetadata || fail "the owner signature of $f verifies over ServiceMetadata"
done
owner_verifies signed/ehealth-owner-over-serviceinformation.xml ServiceInformation \
  || fail "the ServiceInformation-only owner signature does not verify over ServiceInformation"
! owner_verifies signed/ehealth-owner-signed.xml ServiceInformation \
  || fail "the owner signature verifies over ServiceInformation alone"
echo "make_owner_signed: ok"
