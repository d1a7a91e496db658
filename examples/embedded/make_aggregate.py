#!/usr/bin/env python3
"""A signed SAML metadata aggregate of at least SIZE bytes, for the firmware to stream.

usage: make_aggregate.py OUT.xml MIB

The layout is bench/make_fixtures.py's (eToegang-like groups of IdP entities, each with a
signing certificate, endpoint, organization and contact), with a validUntil of 2030; the
enveloped signature (exclusive C14N, rsa-sha256, by the document element's ID) is made by
xmlsec1 with tests/data/xmldsig-gen/pki/leaf-rsa2048.key, whose certificate the firmware
pins (tests/data/metadata/signed/signer.pem). RSA PKCS#1 v1.5 is deterministic: the same
SIZE gives the same bytes. Needs: xmlsec1.
"""
import os, subprocess, sys

if len(sys.argv) != 3:
    sys.exit(__doc__)
out, mib = sys.argv[1], float(sys.argv[2])
want = int(mib * 1024 * 1024)
pki = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../tests/data/xmldsig-gen/pki")
cert = "".join(l for l in open(os.path.join(pki, "leaf-rsa2048.pem")).read().splitlines() if "-----" not in l)

SIG = """<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>
<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
<ds:Reference URI="#_agg1"><ds:Transforms>
<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>
<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms>
<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference>
</ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo></ds:Signature>"""


def entity(i):
    return f"""<md:EntityDescriptor entityID="urn:etoegang:DV:0000000{i:06d}:entities:{i}"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp{i}.example.nl/sso"/></md:IDPSSODescriptor>
<md:Organization><md:OrganizationName xml:lang="nl">Organisatie {i}</md:OrganizationName><md:OrganizationDisplayName xml:lang="nl">Org {i}</md:OrganizationDisplayName><md:OrganizationURL xml:lang="nl">https://org{i}.example.nl</md:OrganizationURL></md:Organization>
<md:ContactPerson contactType="technical"><md:EmailAddress>mailto:tech{i}@example.nl</md:EmailAddress></md:ContactPerson></md:EntityDescriptor>"""


n = max(1, want // len(entity(0)) + 1)
roles = ["Authenticatiediensten", "Machtigingenregisters", "Koppelregisters", "Herkenningsmakelaars", "Interstelseldiensten"]
parts = [
    f'<md:EntitiesDescriptor Name="urn:etoegang:role:{role}">'
    + "\n".join(entity(i) for i in range(r, n, len(roles)))
    + "</md:EntitiesDescriptor>"
    for r, role in enumerate(roles)
]
agg = f"""<?xml version="1.0" encoding="UTF-8"?>
<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:mdrpi="urn:oasis:names:tc:SAML:metadata:rpi" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" ID="_agg1" Name="urn:etoegang:1.13:metadata:P:36" cacheDuration="P7D" validUntil="2030-01-01T00:00:00Z">
{SIG}
<md:Extensions><mdrpi:PublicationInfo publisher="https://example.nl/productie_metadata.xml" creationInstant="2026-05-07T10:39:03Z"/></md:Extensions>
{chr(10).join(parts)}
</md:EntitiesDescriptor>
"""
tmpl = out + ".tmpl"
with open(tmpl, "w") as f:
    f.write(agg)
r = subprocess.run(
    ["xmlsec1", "--sign", "--privkey-pem", f"{pki}/leaf-rsa2048.key,{pki}/leaf-rsa2048.pem",
     "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:metadata:EntitiesDescriptor", "--output", out, tmpl],
    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
os.remove(tmpl)
if r.returncode:
    sys.exit(f"make_aggregate: xmlsec1 --sign failed:\n{r.stderr.decode(errors='replace')}")
size = os.path.getsize(out)
assert size >= want, (size, want)
print(f"make_aggregate: {out}: {n} entities, {size} bytes")
