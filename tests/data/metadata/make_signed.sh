#!/usr/bin/env bash
# Writes a small eToegang-style metadata aggregate into templates/ and signs it with
# xmlsec1 into signed/ (enveloped signature, the document element's #ID, exclusive C14N,
# rsa-sha256), using leaf-rsa2048 of ../xmldsig-gen/pki; signed/signer.pem is its
# certificate. Also writes a variant whose signature follows the first entity (schema
# order broken) and one signed over URI="".
#
#   bash make_signed.sh [OUT_DIR]     (default: this directory)
#
# Needs: xmlsec1, openssl. RSA PKCS#1 v1.5 is deterministic: re-running gives the same
# bytes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
PKI=$here/../xmldsig-gen/pki
mkdir -p "$out/templates" "$out/signed"
cd "$out"
cp "$PKI/leaf-rsa2048.pem" signed/signer.pem
CERT=$(openssl x509 -in "$PKI/leaf-p256.pem" -outform DER | base64 -w 0)
MD="urn:oasis:names:tc:SAML:2.0:metadata"

sig() { # reference-uri
  echo "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/><ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/><ds:Reference URI=\"$1\"><ds:Transforms><ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/><ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></ds:Transforms><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo></ds:Signature>"
}

entity() { # entity-id role-element extra
  cat <<XML
    <md:EntityDescriptor entityID="$1">
      <md:Extensions><mdattr:EntityAttributes xmlns:mdattr="urn:oasis:names:tc:SAML:metadata:attribute"><saml:Attribute xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" Name="http://macedir.org/entity-category" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue>http://refeds.org/category/research-and-scholarship</saml:AttributeValue></saml:Attribute></mdattr:EntityAttributes></md:Extensions>
      <md:$2 protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
        <md:Extensions><mdui:UIInfo xmlns:mdui="urn:oasis:names:tc:SAML:metadata:ui"><mdui:DisplayName xml:lang="nl">$1 &amp; co</mdui:DisplayName></mdui:UIInfo></md:Extensions>
        <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>$CERT</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
        $3
      </md:$2>
      <md:Organization><md:OrganizationName xml:lang="nl">Org $1</md:OrganizationName><md:OrganizationDisplayName xml:lang="nl">Org $1</md:OrganizationDisplayName><md:OrganizationURL xml:lang="nl">https://example.nl/</md:OrganizationURL></md:Organization>
      <md:ContactPerson contactType="technical"><md:EmailAddress>mailto:ops@example.nl</md:EmailAddress></md:ContactPerson>
    </md:EntityDescriptor>
XML
}
IDP_EP='<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example.nl/sso"/>'
SP_EP='<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp.example.nl/acs" index="0" isDefault="true"/>'
AA_EP='<md:AttributeService Binding="urn:oasis:names:tc:SAML:2.0:bindings:SOAP" Location="https://aa.example.nl/aa"/>'

group() { # name entities
  echo "  <md:EntitiesDescriptor Name=\"urn:etoegang:role:$1\">"
  echo "$2"
  echo "  </md:EntitiesDescriptor>"
}

aggregate() { # signature-before body-signature-after [name] [skip-group]
  cat <<XML
<?xml version="1.0" encoding="UTF-8"?>
<!-- eToegang-style test aggregate made by make_signed.sh -->
<md:EntitiesDescriptor xmlns:md="$MD" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:mdrpi="urn:oasis:names:tc:SAML:metadata:rpi" ID="_agg-36" Name="${3:-urn:etoegang:1.13:metadata:P:36}" cacheDuration="P7D" validUntil="2026-07-01T00:00:00Z">
$1
  <md:Extensions><mdrpi:PublicationInfo publisher="urn:etoegang:publisher:test" creationInstant="2026-05-28T12:00:00Z"/></md:Extensions>
$(group Authenticatiediensten "$(entity urn:etoegang:AD:00000001000000000000:entities:1 IDPSSODescriptor "$IDP_EP")
$(entity urn:etoegang:AD:00000001000000000001:entities:2 IDPSSODescriptor "$IDP_EP")")
$(group Machtigingenregisters "$(entity urn:etoegang:MR:00000002000000000000:entities:1 AttributeAuthorityDescriptor "$AA_EP")")
$([ "${4:-}" = Koppelregisters ] || group Koppelregisters "$(entity urn:etoegang:KR:00000003000000000000:entities:1 AttributeAuthorityDescriptor "$AA_EP")")
$(group Interstelseldiensten "$(entity urn:etoegang:IS:00000004000000000000:entities:eidas-berichtenservice IDPSSODescriptor "$IDP_EP")")
$(group Herkenningsmakelaars "$(entity urn:etoegang:HM:00000005000000000000:entities:1 IDPSSODescriptor "$IDP_EP")")
$(group Dienstverleners "$(entity urn:etoegang:DV:00000006000000000000:entities:1 SPSSODescriptor "$SP_EP")")
$2
</md:EntitiesDescriptor>
XML
}
aggregate "$(sig '#_agg-36')" "" > templates/aggregate.xml
aggregate "$(sig '')" "" > templates/aggregate-uri-empty.xml
aggregate "" "$(sig '#_agg-36')" > templates/aggregate-signature-last.xml
# Signed, but outside the eToegang profile: a role group missing, a Name of another form.
aggregate "$(sig '#_agg-36')" "" "" Koppelregisters > templates/etoegang-missing-group.xml
aggregate "$(sig '#_agg-36')" "" "https://federation.example.nl/metadata" > templates/etoegang-bad-name.xml

for t in aggregate.xml aggregate-uri-empty.xml aggregate-signature-last.xml \
         etoegang-missing-group.xml etoegang-bad-name.xml; do
  xmlsec1 --sign --id-attr:ID "$MD:EntitiesDescriptor" --privkey-pem "$PKI/leaf-rsa2048.key,$PKI/leaf-rsa2048.pem" \
    --output "signed/$t" "templates/$t"
  xmlsec1 --verify --id-attr:ID "$MD:EntitiesDescriptor" --pubkey-cert-pem "$PKI/leaf-rsa2048.pem" "signed/$t" >/dev/null 2>&1 ||
    { echo "make_signed: signed/$t does not verify with xmlsec1" >&2; exit 1; }
  echo "make_signed: signed/$t verifies with xmlsec1"
done
