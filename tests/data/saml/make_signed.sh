#!/usr/bin/env bash
# Writes SAML test messages into templates/ and signs them with xmlsec1 into signed/
# (and one HTTP-Redirect query signed with openssl), using the test PKI of
# ../xmldsig-gen/pki. Every XML output is checked with xmlsec1 --verify against the
# signer's certificate; the query signature with openssl dgst -verify.
#
#   bash make_signed.sh [OUT_DIR]     (default: this directory)
#
# The messages are for https://sp.example.org (entity ID https://sp.example.org/metadata,
# ACS https://sp.example.org/acs) from the identity provider https://idp.example.org/;
# they are valid from 2026-06-01T09:59:00Z to 10:05:00Z. core/tests/saml_attacks.rs builds
# the wrapping and other attack variants from them.
#
# Needs: xmlsec1 (OpenSSL backend), openssl, python3. RSA PKCS#1 v1.5 signatures are
# deterministic (re-running gives the same bytes); ECDSA ones are not.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
PKI=$here/../xmldsig-gen/pki
mkdir -p "$out/templates" "$out/signed"
cd "$out"

EXC="http://www.w3.org/2001/10/xml-exc-c14n#"
RSA_SHA256="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
RSA_SHA1="http://www.w3.org/2000/09/xmldsig#rsa-sha1"
ECDSA_SHA256="http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
SHA256="http://www.w3.org/2001/04/xmlenc#sha256"
SHA1="http://www.w3.org/2000/09/xmldsig#sha1"
SAMLP="urn:oasis:names:tc:SAML:2.0:protocol"
SAML="urn:oasis:names:tc:SAML:2.0:assertion"

sig() { # id-ref method digest [prefix-list]
  local pl=""
  [ -n "${4:-}" ] && pl="<ec:InclusiveNamespaces xmlns:ec=\"$EXC\" PrefixList=\"$4\"/>"
  echo "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm=\"$EXC\"/><ds:SignatureMethod Algorithm=\"$2\"/><ds:Reference URI=\"#$1\"><ds:Transforms><ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/><ds:Transform Algorithm=\"$EXC\">$pl</ds:Transform></ds:Transforms><ds:DigestMethod Algorithm=\"$3\"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo></ds:Signature>"
}

# assertion ID SIGNATURE-XML ATTRIBUTES-XML AUTHN-CONTEXT EXTRA-NS
assertion() {
  cat <<EOF
<saml:Assertion xmlns:saml="$SAML"$5 ID="$1" IssueInstant="2026-06-01T10:00:00Z" Version="2.0"><saml:Issuer>https://idp.example.org/</saml:Issuer>$2<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" NameQualifier="https://idp.example.org/" SPNameQualifier="https://sp.example.org/metadata">ross@octolabs.io</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="_req-4711" NotOnOrAfter="2026-06-01T10:05:00Z" Recipient="https://sp.example.org/acs"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="2026-06-01T09:59:00Z" NotOnOrAfter="2026-06-01T10:05:00Z"><saml:AudienceRestriction><saml:Audience>https://sp.example.org/metadata</saml:Audience></saml:AudienceRestriction><saml:OneTimeUse/></saml:Conditions><saml:AuthnStatement AuthnInstant="2026-06-01T09:59:30Z" SessionIndex="_session-1"><saml:AuthnContext>$4</saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>$3</saml:AttributeStatement></saml:Assertion>
EOF
}

# response ID RESPONSE-SIGNATURE ASSERTION-XML [STATUS-XML]
response() {
  local status=${4:-<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status>}
  cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<samlp:Response xmlns:samlp="$SAMLP" xmlns:saml="$SAML" Destination="https://sp.example.org/acs" ID="$1" InResponseTo="_req-4711" IssueInstant="2026-06-01T10:00:00Z" Version="2.0"><saml:Issuer>https://idp.example.org/</saml:Issuer>$2$status$3</samlp:Response>
EOF
}

ATTRS='<saml:Attribute Name="urn:oid:2.5.4.42" FriendlyName="givenName" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue>Ross</saml:AttributeValue></saml:Attribute><saml:Attribute Name="urn:oid:1.3.6.1.4.1.5923.1.1.1.7" FriendlyName="eduPersonEntitlement"><saml:AttributeValue>urn:example:admin</saml:AttributeValue><saml:AttributeValue>urn:example:staff</saml:AttributeValue></saml:Attribute>'
PWD_CTX='<saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef>'

# 1. The Assertion signed (rsa-sha256), the Response not.
response _resp-1 "" "$(assertion _assert-1 "$(sig _assert-1 "$RSA_SHA256" "$SHA256")" "$ATTRS" "$PWD_CTX" "")" > templates/assertion-signed.xml
# 2. The Response signed, the Assertion not.
response _resp-2 "$(sig _resp-2 "$RSA_SHA256" "$SHA256")" "$(assertion _assert-2 "" "$ATTRS" "$PWD_CTX" "")" > templates/response-signed.xml
# 3. The same Assertion signed by an attacker's own key (its certificate in KeyInfo).
cp templates/assertion-signed.xml templates/attacker-signed.xml
# 4. A non-success response (STORK QAA not supported), signed.
response _resp-4 "$(sig _resp-4 "$RSA_SHA256" "$SHA256")" "" '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"><samlp:StatusCode Value="urn:eu:stork:names:tc:STORK:1.0:status:QAANotSupported"/></samlp:StatusCode><samlp:StatusMessage>QAA level 4 is not supported</samlp:StatusMessage></samlp:Status>' > templates/status-qaa-not-supported.xml
# 5. A legacy STORK response: rsa-sha1, SHA-1 digests, exclusive C14N with a prefix list,
#    attribute statuses and the QAA level.
STORK_NS=' xmlns:stork="urn:eu:stork:names:tc:STORK:1.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
STORK_ATTRS='<saml:Attribute Name="http://www.stork.gov.eu/1.0/eIdentifier" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri" stork:AttributeStatus="Available"><saml:AttributeValue xsi:type="xs:anyType">ES/AT/02635542Y</saml:AttributeValue></saml:Attribute><saml:Attribute Name="http://www.stork.gov.eu/1.0/givenName" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri" stork:AttributeStatus="Available"><saml:AttributeValue xsi:type="xs:anyType">Javier</saml:AttributeValue></saml:Attribute><saml:Attribute Name="http://www.stork.gov.eu/1.0/dateOfBirth" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri" stork:AttributeStatus="NotAvailable"/><saml:Attribute Name="http://www.stork.gov.eu/1.0/isAgeOver" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri" stork:AttributeStatus="Withheld"/>'
STORK_CTX='<saml:AuthnContextDecl><stork:QualityAuthenticationAssuranceLevel>3</stork:QualityAuthenticationAssuranceLevel></saml:AuthnContextDecl>'
response _resp-5 "" "$(assertion _assert-5 "$(sig _assert-5 "$RSA_SHA1" "$SHA1" "xs")" "$STORK_ATTRS" "$STORK_CTX" "$STORK_NS")" > templates/stork-legacy-sha1.xml
# 6. An eIDAS-style response signed with ECDSA P-256 (level of assurance substantial).
EIDAS_ATTRS='<saml:Attribute FriendlyName="PersonIdentifier" Name="http://eidas.europa.eu/attributes/naturalperson/PersonIdentifier" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue>XX/YY/123456</saml:AttributeValue></saml:Attribute><saml:Attribute FriendlyName="FamilyName" Name="http://eidas.europa.eu/attributes/naturalperson/CurrentFamilyName" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue>Garcia</saml:AttributeValue></saml:Attribute>'
EIDAS_CTX='<saml:AuthnContextClassRef>http://eidas.europa.eu/LoA/substantial</saml:AuthnContextClassRef>'
response _resp-6 "" "$(assertion _assert-6 "$(sig _assert-6 "$ECDSA_SHA256" "$SHA256")" "$EIDAS_ATTRS" "$EIDAS_CTX" "")" > templates/eidas-ecdsa.xml

# 7. AuthnRequests: STORK (rsa-sha256) and eIDAS (ECDSA P-384).
cat > templates/stork-request.xml <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<saml2p:AuthnRequest xmlns:saml2p="$SAMLP" xmlns:saml2="$SAML" xmlns:stork="urn:eu:stork:names:tc:STORK:1.0:assertion" xmlns:storkp="urn:eu:stork:names:tc:STORK:1.0:protocol" AssertionConsumerServiceURL="https://sp.example.org/acs" Consent="urn:oasis:names:tc:SAML:2.0:consent:unspecified" Destination="https://peps.example.org/PEPS/ServiceProvider" ForceAuthn="true" ID="_stork-req-1" IsPassive="false" IssueInstant="2026-06-01T10:00:00Z" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" ProviderName="DEMO-SP" Version="2.0"><saml2:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">https://sp.example.org/metadata</saml2:Issuer>$(sig _stork-req-1 "$RSA_SHA256" "$SHA256")<saml2p:Extensions><stork:QualityAuthenticationAssuranceLevel>3</stork:QualityAuthenticationAssuranceLevel><stork:spSector>EDU001</stork:spSector><stork:spInstitution>OXF001</stork:spInstitution><stork:spApplication>APP001</stork:spApplication><stork:spCountry>XX</stork:spCountry><stork:SomethingNew>tolerated</stork:SomethingNew><storkp:eIDSectorShare>true</storkp:eIDSectorShare><storkp:eIDCrossSectorShare>false</storkp:eIDCrossSectorShare><storkp:eIDCrossBorderShare>true</storkp:eIDCrossBorderShare><storkp:RequestedAttributes><stork:RequestedAttribute Name="http://www.stork.gov.eu/1.0/eIdentifier" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri" isRequired="true"/><stork:RequestedAttribute Name="http://www.stork.gov.eu/1.0/isAgeOver" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri" isRequired="false"><stork:AttributeValue>16</stork:AttributeValue><stork:AttributeValue>18</stork:AttributeValue></stork:RequestedAttribute></storkp:RequestedAttributes></saml2p:Extensions></saml2p:AuthnRequest>
EOF
cat > templates/eidas-request.xml <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<saml2p:AuthnRequest xmlns:saml2p="$SAMLP" xmlns:saml2="$SAML" xmlns:eidas="http://eidas.europa.eu/saml-extensions" Destination="https://proxy.example.org/EidasNode/ColleagueRequest" ForceAuthn="true" ID="_eidas-req-1" IsPassive="false" IssueInstant="2026-06-01T10:00:00Z" ProviderName="Test SP" Version="2.0"><saml2:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">https://connector.example.org/metadata</saml2:Issuer>$(sig _eidas-req-1 "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384" "http://www.w3.org/2001/04/xmldsig-more#sha384")<saml2p:Extensions><eidas:SPType>public</eidas:SPType><eidas:RequestedAttributes><eidas:RequestedAttribute FriendlyName="PersonIdentifier" Name="http://eidas.europa.eu/attributes/naturalperson/PersonIdentifier" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri" isRequired="true"/><eidas:RequestedAttribute FriendlyName="DateOfBirth" Name="http://eidas.europa.eu/attributes/naturalperson/DateOfBirth" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri" isRequired="false"/></eidas:RequestedAttributes></saml2p:Extensions><saml2p:NameIDPolicy AllowCreate="true" Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"/><saml2p:RequestedAuthnContext Comparison="minimum"><saml2:AuthnContextClassRef>http://eidas.europa.eu/LoA/substantial</saml2:AuthnContextClassRef></saml2p:RequestedAuthnContext></saml2p:AuthnRequest>
EOF

# Signed requests outside the STORK profile: a plain-http ACS, a ProviderName of 129.
sed 's#AssertionConsumerServiceURL="https://sp.example.org/acs"#AssertionConsumerServiceURL="http://sp.example.org/acs"#' templates/stork-request.xml > templates/stork-request-http-acs.xml
sed "s#ProviderName=\"DEMO-SP\"#ProviderName=\"$(printf 'P%.0s' $(seq 129))\"#" templates/stork-request.xml > templates/stork-request-long-provider.xml

# 9. The identity provider's metadata, signed by the federation (leaf-rsa3072): its
#    signing key is leaf-rsa2048's, which signs the messages above.
IDP_CERT=$(openssl x509 -in "$PKI/leaf-rsa2048.pem" -outform DER | base64 -w 0)
cat > templates/idp-metadata.xml <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" ID="_idp-md" entityID="https://idp.example.org/" validUntil="2027-01-01T00:00:00Z">$(sig _idp-md "$RSA_SHA256" "$SHA256")<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>$IDP_CERT</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.org/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>
EOF

IDS=(--id-attr:ID "$SAMLP:Response" --id-attr:ID "$SAML:Assertion" --id-attr:ID "$SAMLP:AuthnRequest"
     --id-attr:ID "urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor")
sign() { # template key
  local t=$1 key=$2
  xmlsec1 --sign "${IDS[@]}" --privkey-pem "$PKI/$key.key,$PKI/$key.pem" \
    --output "signed/$t" "templates/$t"
  xmlsec1 --verify "${IDS[@]}" --pubkey-cert-pem "$PKI/$key.pem" "signed/$t" >/dev/null 2>&1 ||
    { echo "make_signed: signed/$t does not verify with xmlsec1" >&2; exit 1; }
  echo "make_signed: signed/$t (by $key) verifies with xmlsec1"
}
sign assertion-signed.xml leaf-rsa2048
sign response-signed.xml leaf-rsa2048
sign attacker-signed.xml attacker-rsa2048
sign status-qaa-not-supported.xml leaf-rsa2048
sign stork-legacy-sha1.xml leaf-rsa2048
sign eidas-ecdsa.xml leaf-p256
sign stork-request.xml leaf-rsa2048
sign stork-request-http-acs.xml leaf-rsa2048
sign stork-request-long-provider.xml leaf-rsa2048
sign eidas-request.xml leaf-p384
sign idp-metadata.xml leaf-rsa3072

# 8. The eIDAS request over the HTTP-Redirect binding (no XML signature; the query is
#    signed with openssl, SAML bindings 3.4.4.1), RelayState included.
python3 - "$PKI/leaf-rsa2048.key" > signed/redirect-request.query <<'PY'
import base64, subprocess, sys, urllib.parse, zlib
xml = open("templates/eidas-request.xml", "rb").read()
start = xml.index(b"<ds:Signature"); end = xml.index(b"</ds:Signature>") + len(b"</ds:Signature>")
xml = xml[:start] + xml[end:]
c = zlib.compressobj(9, zlib.DEFLATED, -15)
deflated = c.compress(xml) + c.flush()
q = "SAMLRequest=" + urllib.parse.quote_plus(base64.b64encode(deflated).decode())
q += "&RelayState=" + urllib.parse.quote_plus("state/42")
q += "&SigAlg=" + urllib.parse.quote_plus("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256")
sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", sys.argv[1]], input=q.encode(),
                     capture_output=True, check=True).stdout
print(q + "&Signature=" + urllib.parse.quote_plus(base64.b64encode(sig).decode()))
PY
python3 - "$PKI/leaf-rsa2048.pem" <<'PY'
import base64, subprocess, sys, urllib.parse
q = open("signed/redirect-request.query").read().strip()
signed, sig = q.rsplit("&Signature=", 1)
open("signed/.sig", "wb").write(base64.b64decode(urllib.parse.unquote_plus(sig)))
pub = subprocess.run(["openssl", "x509", "-in", sys.argv[1], "-pubkey", "-noout"], capture_output=True, check=True).stdout
open("signed/.pub", "wb").write(pub)
r = subprocess.run(["openssl", "dgst", "-sha256", "-verify", "signed/.pub", "-signature", "signed/.sig"], input=signed.encode(), capture_output=True)
if r.returncode != 0:
    sys.exit("make_signed: the redirect query signature does not verify with openssl")
print("make_signed: signed/redirect-request.query verifies with openssl")
PY
rm -f signed/.sig signed/.pub
