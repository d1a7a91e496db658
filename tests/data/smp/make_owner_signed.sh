#!/usr/bin/env bash
# An eHealth-style record: the ServiceInformation is signed first, standalone, by its
# owner (leaf-p256, signature inside ServiceInformation/Extension, URI=""), then embedded
# in a SignedServiceMetadata that the SMP signs (leaf-rsa2048, root-level signature).
# Also a copy whose embedded ServiceInformation was changed after the owner signed it and
# then re-signed by the SMP: the SMP signature verifies, the owner's must not.
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
si() {
  cat <<T
<ServiceInformation xmlns="$ns"><ParticipantIdentifier scheme="ehealth-actorid-qns">urn:ehealth:pl:ncp-idp</ParticipantIdentifier><DocumentIdentifier scheme="ehealth-resid-qns">urn:ehealth:PatientIdentificationAndAuthentication::XCPD::CrossGatewayPatientDiscovery##ITI-55</DocumentIdentifier><ProcessList><Process><ProcessIdentifier scheme="ehealth-procid-qns">urn:ehealth:patientidentificationandauthentication</ProcessIdentifier><ServiceEndpointList><Endpoint transportProfile="urn:ihe:iti:2013:xcpd"><EndpointURI>$1</EndpointURI><RequireBusinessLevelSignature>false</RequireBusinessLevelSignature><ServiceActivationDate>2025-01-01T00:00:00Z</ServiceActivationDate><ServiceExpirationDate>2045-01-01T00:00:00Z</ServiceExpirationDate><Certificate>$ap_cert</Certificate><ServiceDescription>NCP-B</ServiceDescription><TechnicalContactUrl>mailto:ncp@example.pl</TechnicalContactUrl></Endpoint></ServiceEndpointList></Process></ProcessList><Extension>$(sig_template http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256)</Extension></ServiceInformation>
T
}
si "https://ncp.example.pl/xcpd" > "$tmp/si.xml"
xmlsec1 --sign --privkey-pem "$pki/leaf-p256.key,$pki/leaf-p256.pem" --output "$tmp/si-signed.xml" "$tmp/si.xml"
embed() {
  { echo '<?xml version="1.0" encoding="UTF-8"?>'
    printf '<SignedServiceMetadata xmlns="%s"><ServiceMetadata>' "$ns"
    grep -v '^<?xml' "$1" | tr -d '\n'
    printf '</ServiceMetadata>%s</SignedServiceMetadata>\n' "$(sig_template http://www.w3.org/2001/04/xmldsig-more#rsa-sha256)"
  } > "$2"
}
mkdir -p signed templates
embed "$tmp/si-signed.xml" "$tmp/record.xml"
cp "$tmp/record.xml" templates/ehealth-owner-signed.xml
xmlsec1 --sign --node-xpath "/*/*[local-name()='Signature']" --privkey-pem "$pki/leaf-rsa2048.key,$pki/leaf-rsa2048.pem" --output signed/ehealth-owner-signed.xml "$tmp/record.xml"
# The endpoint URI changed after the owner signed, then the SMP re-signed the record.
sed 's#https://ncp.example.pl/xcpd#https://attacker.example/xcpd#' "$tmp/si-signed.xml" > "$tmp/si-changed.xml"
embed "$tmp/si-changed.xml" "$tmp/record-changed.xml"
xmlsec1 --sign --node-xpath "/*/*[local-name()='Signature']" --privkey-pem "$pki/leaf-rsa2048.key,$pki/leaf-rsa2048.pem" --output signed/ehealth-owner-signature-broken.xml "$tmp/record-changed.xml"
for f in signed/ehealth-owner-signed.xml signed/ehealth-owner-signature-broken.xml; do
  xmlsec1 --verify --node-xpath "/*/*[local-name()='Signature']" --trusted-pem "$pki/root.pem" --untrusted-pem "$pki/intermediate.pem" --verification-gmt-time "2026-06-01 00:00:00" "$f" >/dev/null 2>&1 \
    || { echo "make_owner_signed: SMP signature of $f does not verify" >&2; exit 1; }
done
echo "make_owner_signed: ok"
