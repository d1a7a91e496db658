#!/usr/bin/env bash
# Writes documents whose signed content is markup — a SAML response (NameID, attribute
# names and values) and a metadata aggregate (entityID, display name, group name) that
# hold HTML and script elements as text — and signs them with xmlsec1 into signed/,
# using leaf-rsa2048 of ../xmldsig-gen/pki. The example page must show that content as
# text (wasm/test/browser.test.mjs): a verified document is still not to be interpreted.
#
#   bash make_signed.sh [OUT_DIR]     (default: this directory)
#
# The response is for https://sp.example.org/metadata (ACS https://sp.example.org/acs),
# valid from 2026-06-01T09:59:00Z to 10:05:00Z. Needs: xmlsec1, openssl. RSA PKCS#1 v1.5
# is deterministic: re-running gives the same bytes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
PKI=$here/../xmldsig-gen/pki
mkdir -p "$out/templates" "$out/signed"
cd "$out"

SAMLP="urn:oasis:names:tc:SAML:2.0:protocol"
SAML="urn:oasis:names:tc:SAML:2.0:assertion"
MD="urn:oasis:names:tc:SAML:2.0:metadata"
sig() { # id
  echo "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/><ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/><ds:Reference URI=\"#$1\"><ds:Transforms><ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/><ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></ds:Transforms><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo></ds:Signature>"
}
IMG='&lt;img src=x onerror="window.__pwned=1"&gt;'
SCRIPT='&lt;script&gt;window.__pwned=2&lt;/script&gt;'
IMG_ATTR='&lt;img src=x onerror=&quot;window.__pwned=4&quot;&gt;'

cat > templates/response-markup.xml <<XML
<?xml version="1.0" encoding="UTF-8"?>
<samlp:Response xmlns:samlp="$SAMLP" xmlns:saml="$SAML" Destination="https://sp.example.org/acs" ID="_resp-markup" InResponseTo="_req-4711" IssueInstant="2026-06-01T10:00:00Z" Version="2.0"><saml:Issuer>https://idp.example.org/</saml:Issuer>$(sig _resp-markup)<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="_assert-markup" IssueInstant="2026-06-01T10:00:00Z" Version="2.0"><saml:Issuer>https://idp.example.org/</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">$IMG</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="_req-4711" NotOnOrAfter="2026-06-01T10:05:00Z" Recipient="https://sp.example.org/acs"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="2026-06-01T09:59:00Z" NotOnOrAfter="2026-06-01T10:05:00Z"><saml:AudienceRestriction><saml:Audience>https://sp.example.org/metadata</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="2026-06-01T09:59:30Z" SessionIndex="_session-markup"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement><saml:Attribute Name="urn:oid:2.5.4.42" FriendlyName="&quot;&gt;&lt;svg onload=&quot;window.__pwned=3&quot;&gt;"><saml:AttributeValue>$SCRIPT</saml:AttributeValue><saml:AttributeValue>$IMG</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>
XML

cat > templates/aggregate-markup.xml <<XML
<?xml version="1.0" encoding="UTF-8"?>
<md:EntitiesDescriptor xmlns:md="$MD" ID="_agg-markup" Name="https://federation.example.org/$IMG_ATTR" validUntil="2026-07-01T00:00:00Z">$(sig _agg-markup)
  <md:EntitiesDescriptor Name="$SCRIPT">
    <md:EntityDescriptor entityID="https://idp.example.org/&quot;&gt;$IMG_ATTR">
      <md:IDPSSODescriptor protocolSupportEnumeration="$SAMLP">
        <md:Extensions><mdui:UIInfo xmlns:mdui="urn:oasis:names:tc:SAML:metadata:ui"><mdui:DisplayName xml:lang="en">$SCRIPT</mdui:DisplayName></mdui:UIInfo></md:Extensions>
        <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example.org/sso"/>
      </md:IDPSSODescriptor>
    </md:EntityDescriptor>
  </md:EntitiesDescriptor>
</md:EntitiesDescriptor>
XML

# Text that JSON must carry exactly (wasm/test/value-encoding.test.mjs): quotes,
# backslashes, the whitespace controls, characters outside the BMP and U+2028, and text
# that reads like the objects the module's JSON uses for dates, side values and repeats.
TRICKY='&quot;\\&quot;\\u0041&#9;&#10;&#13;&#x1F600;&#x2028;{&quot;$t&quot;:0}'
LONG=$(printf '&quot;\\%.0s' $(seq 1 150))
cat > templates/response-json.xml <<XML
<?xml version="1.0" encoding="UTF-8"?>
<samlp:Response xmlns:samlp="$SAMLP" xmlns:saml="$SAML" Destination="https://sp.example.org/acs" ID="_resp-json" InResponseTo="_req-4711" IssueInstant="2026-06-01T10:00:00Z" Version="2.0"><saml:Issuer>https://idp.example.org/</saml:Issuer>$(sig _resp-json)<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="_assert-json" IssueInstant="2026-06-01T10:00:00Z" Version="2.0"><saml:Issuer>https://idp.example.org/</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">$TRICKY</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="_req-4711" NotOnOrAfter="2026-06-01T10:05:00Z" Recipient="https://sp.example.org/acs"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="2026-06-01T09:59:00Z" NotOnOrAfter="2026-06-01T10:05:00Z"><saml:AudienceRestriction><saml:Audience>https://sp.example.org/metadata</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="2026-06-01T09:59:30Z" SessionIndex="_session-json"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement><saml:Attribute Name="{&quot;\$v&quot;:0}"><saml:AttributeValue>{&quot;\$r&quot;:0}</saml:AttributeValue><saml:AttributeValue>$LONG</saml:AttributeValue><saml:AttributeValue>$TRICKY</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>
XML

sign() { # template id-attr-element
  xmlsec1 --sign --id-attr:ID "$2" --privkey-pem "$PKI/leaf-rsa2048.key,$PKI/leaf-rsa2048.pem" \
    --output "signed/$1" "templates/$1"
  xmlsec1 --verify --id-attr:ID "$2" --pubkey-cert-pem "$PKI/leaf-rsa2048.pem" "signed/$1" >/dev/null 2>&1 ||
    { echo "make_signed: signed/$1 does not verify with xmlsec1" >&2; exit 1; }
  echo "make_signed: signed/$1 verifies with xmlsec1"
}
sign response-markup.xml "$SAMLP:Response"
sign response-json.xml "$SAMLP:Response"
sign aggregate-markup.xml "$MD:EntitiesDescriptor"
