#!/usr/bin/env bash
# Writes OpenNCP "NCP configuration" trusted lists for the test country XX into
# templates/ and signs them with xmlsec1 (XAdES-BES: a Reference to the list and one to
# the SignedProperties, whose SigningCertificate(V2) carries the signer's digest) into
# signed/, using the test PKI of ../xmldsig-gen/pki (leaf-rsa2048, issued by its
# intermediate, anchored at its root). Every output meant to verify is checked with
#   xmlsec1 --verify --trusted-pem root.pem --untrusted-pem intermediate.pem
# at 2026-06-01 00:00:00 UTC, and the script stops if one does not.
#
#   bash make_signed.sh [OUT_DIR]     (default: this directory)
#
# Needs: xmlsec1 (Debian package xmlsec1, OpenSSL backend), openssl.
# RSA PKCS#1 v1.5 signatures are deterministic and every time in the templates is
# fixed, so re-running gives the same bytes (scripts/test-rust.sh checks that).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
PKI=$here/../xmldsig-gen/pki
VTIME="2026-06-01 00:00:00"
mkdir -p "$out/templates" "$out/signed"
cd "$out"

EXC="http://www.w3.org/2001/10/xml-exc-c14n#"
C10="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
RSA_SHA256="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
RSA_SHA512="http://www.w3.org/2001/04/xmldsig-more#rsa-sha512"
RSA_SHA1="http://www.w3.org/2000/09/xmldsig#rsa-sha1"
SHA256="http://www.w3.org/2001/04/xmlenc#sha256"
TSL_NS="http://uri.etsi.org/02231/v2#"
SVC="http://uri.epsos.eu/Svc/Svctype"
INACCORD="http://uri.etsi.org/TrstSvc/Svcstatus/inaccord"
WITHDRAWN="http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/withdrawn"

der_b64() { openssl x509 -in "$PKI/$1.pem" -outform DER | base64 -w 0; }
der_sha256() { openssl x509 -in "$PKI/$1.pem" -outform DER | openssl dgst -sha256 -binary | base64 -w 0; }
VPN_A=$(der_b64 leaf-p256)
TLS_A=$(der_b64 leaf-p384)
SIG_A=$(der_b64 leaf-rsa3072)
VPN_B=$(der_b64 leaf-p256)
TLS_B=$(der_b64 leaf-rsa3072)
SIG_B=$(der_b64 leaf-p384)
IDP_B=$(der_b64 attacker-rsa2048)
cp "$PKI/leaf-rsa2048.pem" signed/signer.pem

service() { # type status starting-time supply-points(space separated) certs(b64, space separated)
  local sp="" ids="" p c
  for p in $4; do sp+="<ServiceSupplyPoint>$p</ServiceSupplyPoint>"; done
  for c in $5; do ids+="<DigitalId><X509Certificate>$c</X509Certificate></DigitalId>"; done
  cat <<EOF
      <TSPService>
        <ServiceInformation>
          <ServiceTypeIdentifier>$SVC/$1</ServiceTypeIdentifier>
          <ServiceName><Name xml:lang="en">$1 of XX</Name></ServiceName>
          <ServiceDigitalIdentity>$ids</ServiceDigitalIdentity>
          <ServiceStatus>$2</ServiceStatus>
          <StatusStartingTime>$3</StatusStartingTime>
          ${sp:+<ServiceSupplyPoints>$sp</ServiceSupplyPoints>}
        </ServiceInformation>
      </TSPService>
EOF
}

provider() { # name services-xml
  cat <<EOF
    <TrustServiceProvider>
      <TSPInformation>
        <TSPName><Name xml:lang="en">$1</Name></TSPName>
        <TSPAddress>
          <PostalAddresses><PostalAddress xml:lang="en"><StreetAddress>1 Test Street</StreetAddress><Locality>Testville</Locality><PostalCode>0000</PostalCode><CountryName>XX</CountryName></PostalAddress></PostalAddresses>
          <ElectronicAddress><URI>mailto:ncp@health.xx.example</URI></ElectronicAddress>
        </TSPAddress>
      </TSPInformation>
      <TSPServices>
$2
      </TSPServices>
    </TrustServiceProvider>
EOF
}

NCP_A=$(provider NCP-A "$(
  service VPNGateway "$INACCORD" 2026-01-15T09:00:00+01:00 "vpn-a.health.xx.example" "$VPN_A"
  service NCP "$INACCORD" 2026-01-15T09:00:00+01:00 "https://ncp-a.health.xx.example/" "$TLS_A $SIG_A"
  service PatientIdenitificationService "$INACCORD" 2024-02-29T23:30:00-02:00 "https://ncp-a.health.xx.example/xcpd https://ncp-a2.health.xx.example/xcpd" "$TLS_A"
  service PatientService "$INACCORD" 2026-03-01T12:30:00+02:00 "https://ncp-a.health.xx.example/patient?a=1&amp;b=2" "$TLS_A"
  service OrderService "$INACCORD" 2026-03-01T12:30:00Z "https://ncp-a.health.xx.example/order" "$TLS_A"
  service DispensationService "$INACCORD" 2026-03-01T12:30:00.250+00:00 "https://ncp-a.health.xx.example/dispensation" "$TLS_A"
  service ConsentService "$WITHDRAWN" 2026-03-01T12:30:00Z "https://ncp-a.health.xx.example/consent" "$TLS_A"
)")
NCP_B=$(provider NCP-B "$(
  service VPNGateway "$INACCORD" 2026-01-15T09:00:00+01:00 "" "$VPN_B"
  service NCP "$INACCORD" 2026-01-15T09:00:00+01:00 "https://ncp-b.health.xx.example/" "$TLS_B $SIG_B"
  service IdP "$INACCORD" 2026-02-01T00:00:00+01:00 "" "$IDP_B"
)")

# list ID-attribute-value reference-uri c14n method signing-cert-element signer-digest
# The XAdES details can be changed for one list through the environment of the call:
#   ST     the SigningTime (default 2026-05-01T09:58:00Z; "none" leaves it out)
#   PTYPE  the Type of the SignedProperties Reference (default the XAdES one; "none": no Type)
#   LTYPE  a Type for the Reference to the list (default none)
list() {
  local id=$1 uri=$2 c14n=$3 method=$4 sc=$5 digest=$6 transforms
  local st=${ST:-2026-05-01T09:58:00Z} ptype=${PTYPE:-http://uri.etsi.org/01903#SignedProperties}
  local ltype=${LTYPE:+ Type=\"$LTYPE\"} stel="" ptattr=""
  [ "$st" != none ] && stel="<xades:SigningTime>$st</xades:SigningTime>"
  [ "$ptype" != none ] && ptattr=" Type=\"$ptype\""
  transforms="<Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>"
  [ "$c14n" = "$EXC" ] && transforms+="<Transform Algorithm=\"$EXC\"/>"
  local props=""
  if [ -n "$sc" ]; then
    props="<Reference$ptattr URI=\"#xades-sig-xx\"><Transforms><Transform Algorithm=\"$c14n\"/></Transforms><DigestMethod Algorithm=\"$SHA256\"/><DigestValue/></Reference>"
  fi
  cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<TrustServiceStatusList xmlns="$TSL_NS" Id="$id" TSLTag="http://uri.etsi.org/02231/TSLTag">
  <SchemeInformation>
    <TSLVersionIdentifier>3</TSLVersionIdentifier>
    <TSLSequenceNumber>7</TSLSequenceNumber>
    <TSLType>http://uri.etsi.org/TrstSvc/TSLType/generic</TSLType>
    <SchemeOperatorName><Name xml:lang="en">Ministry of Health of Testland</Name><Name xml:lang="xx">Gesundheit XX</Name></SchemeOperatorName>
    <SchemeOperatorAddress>
      <PostalAddresses><PostalAddress xml:lang="en"><StreetAddress>1 Test Street</StreetAddress><Locality>Testville</Locality><PostalCode>0000</PostalCode><CountryName>XX</CountryName></PostalAddress></PostalAddresses>
      <ElectronicAddress><URI>https://health.xx.example/ncp-contact</URI><URI>mailto:ncp@health.xx.example</URI></ElectronicAddress>
    </SchemeOperatorAddress>
    <SchemeName><Name xml:lang="en">NCP-Service Status List: Testland(XX)</Name></SchemeName>
    <SchemeInformationURI><URI xml:lang="en">http://www.epsos.eu/docs/SecPol.pdf</URI></SchemeInformationURI>
    <StatusDeterminationApproach>http://uri.etsi.org/TrstSvc/TSLType/StatusDetn/eSigDir-1999-93-EC-TrustedList/appropriate</StatusDeterminationApproach>
    <SchemeTypeCommunityRules><URI>http://www.epsos.eu</URI></SchemeTypeCommunityRules>
    <SchemeTerritory>XX</SchemeTerritory>
    <PolicyOrLegalNotice><TSLPolicy xml:lang="en">http://www.epsos.eu/docs/fwa.pdf</TSLPolicy></PolicyOrLegalNotice>
    <HistoricalInformationPeriod>0</HistoricalInformationPeriod>
    <ListIssueDateTime>2026-05-01T10:00:00Z</ListIssueDateTime>
    <NextUpdate><dateTime>2026-11-01T10:00:00Z</dateTime></NextUpdate>
  </SchemeInformation>
  <TrustServiceProviderList>
$NCP_A
$NCP_B
  </TrustServiceProviderList>
<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="sig-xx"><SignedInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><CanonicalizationMethod Algorithm="$c14n"/><SignatureMethod Algorithm="$method"/><Reference Id="ref-list"$ltype URI="$uri"><Transforms>$transforms</Transforms><DigestMethod Algorithm="$SHA256"/><DigestValue/></Reference>$props</SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo>$(
  [ -n "$sc" ] && echo "<ds:Object><xades:QualifyingProperties xmlns:xades=\"http://uri.etsi.org/01903/v1.3.2#\" Target=\"#sig-xx\"><xades:SignedProperties Id=\"xades-sig-xx\"><xades:SignedSignatureProperties>$stel<xades:$sc><xades:Cert><xades:CertDigest><ds:DigestMethod Algorithm=\"$SHA256\"/><ds:DigestValue>$digest</ds:DigestValue></xades:CertDigest></xades:Cert></xades:$sc></xades:SignedSignatureProperties></xades:SignedProperties></xades:QualifyingProperties></ds:Object>"
)</ds:Signature>
</TrustServiceStatusList>
EOF
}

GOOD=$(der_sha256 leaf-rsa2048)
OTHER=$(der_sha256 attacker-rsa2048)
list NCPConfiguration-XX "#NCPConfiguration-XX" "$EXC" "$RSA_SHA256" SigningCertificateV2 "$GOOD" > templates/ncp-configuration-xx.xml
list NCPConfiguration-XX "" "$C10" "$RSA_SHA512" SigningCertificate "$GOOD" > templates/ncp-configuration-xx-inclusive.xml
list NCPConfiguration-XX "" "$EXC" "$RSA_SHA1" SigningCertificateV2 "$GOOD" > templates/rsa-sha1.xml
list NCPConfiguration-XX "" "$EXC" "$RSA_SHA256" SigningCertificateV2 "$OTHER" > templates/wrong-signing-certificate.xml
list NCPConfiguration-XX "" "$EXC" "$RSA_SHA256" "" "" > templates/no-xades.xml
list TSL-XX-generic "" "$EXC" "$RSA_SHA256" SigningCertificateV2 "$GOOD" > templates/generic-list.xml
# XAdES baseline B refusals: the reference types and the SigningTime.
PTYPE=none list NCPConfiguration-XX "" "$EXC" "$RSA_SHA256" SigningCertificateV2 "$GOOD" > templates/signed-properties-untyped.xml
LTYPE=http://uri.etsi.org/01903#SignedProperties list NCPConfiguration-XX "" "$EXC" "$RSA_SHA256" SigningCertificateV2 "$GOOD" > templates/list-reference-typed.xml
ST=none list NCPConfiguration-XX "" "$EXC" "$RSA_SHA256" SigningCertificateV2 "$GOOD" > templates/no-signing-time.xml
ST=2099-01-01T00:00:00Z list NCPConfiguration-XX "" "$EXC" "$RSA_SHA256" SigningCertificateV2 "$GOOD" > templates/signing-time-2099.xml
ST=2026-11-05T00:00:00Z list NCPConfiguration-XX "" "$EXC" "$RSA_SHA256" SigningCertificateV2 "$GOOD" > templates/signing-time-after-next-update.xml

sign() { # template
  local t=$1
  xmlsec1 --sign --privkey-pem "$PKI/leaf-rsa2048.key,$PKI/leaf-rsa2048.pem" \
    --id-attr:Id "$TSL_NS:TrustServiceStatusList" \
    --id-attr:Id "http://uri.etsi.org/01903/v1.3.2#:SignedProperties" \
    --output "signed/$t" "templates/$t"
  xmlsec1 --verify --trusted-pem "$PKI/root.pem" --untrusted-pem "$PKI/intermediate.pem" \
    --id-attr:Id "$TSL_NS:TrustServiceStatusList" \
    --id-attr:Id "http://uri.etsi.org/01903/v1.3.2#:SignedProperties" \
    --verification-gmt-time "$VTIME" "signed/$t" >/dev/null 2>&1 ||
    { echo "make_signed: signed/$t does not verify with xmlsec1" >&2; exit 1; }
  echo "make_signed: signed/$t verifies with xmlsec1"
}
for t in ncp-configuration-xx.xml ncp-configuration-xx-inclusive.xml rsa-sha1.xml \
         wrong-signing-certificate.xml no-xades.xml generic-list.xml \
         signed-properties-untyped.xml list-reference-typed.xml no-signing-time.xml \
         signing-time-2099.xml signing-time-after-next-update.xml; do
  sign "$t"
done
