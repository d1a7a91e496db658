#!/usr/bin/env python3
"""Signed benchmark fixtures, made with openssl + xmlsec1 only (independent of trustmeta).

usage: make_fixtures.py [--out DIR] [--entities N]

Writes into DIR (default target/bench-fixtures, never committed):
  rsa.key/rsa.crt (RSA-2048) and ec.key/ec.crt (P-256), self-signed, 10 years;
  smp-signed.xml      OASIS SMP 1.0 SignedServiceMetadata, RSA-SHA256, ~4.5 KB
  smp-signed-ec.xml   the same record signed with ECDSA P-256
  saml-response.xml   SAML 2.0 Response whose Assertion is signed (~4 KB)
  saml-response-signed.xml  the same Response signed as a whole
  md-aggregate.xml    a metadata aggregate of N entities (default 5,000 ~ 10 MB;
                      50,000 ~ 100 MB), enveloped signature over the document element
Keys and small fixtures are made once; the aggregate is rewritten only when N changes
(recorded in md-aggregate.entities).
Adapted from shared/bench/make_fixtures.py.
"""
import argparse, base64, os, subprocess, sys, time, uuid

ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
ap.add_argument("--out", default="target/bench-fixtures")
ap.add_argument("--entities", type=int, default=5000)
ap.add_argument("--force", action="store_true", help="remake everything")
a = ap.parse_args()
out, n = a.out, a.entities
os.makedirs(out, exist_ok=True)
def sh(*args):
    r = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if r.returncode:
        sys.exit(f"make_fixtures: {' '.join(args)} failed:\n{r.stderr.decode(errors='replace')}")
def p(x): return os.path.join(out, x)

if a.force or not os.path.exists(p("rsa.crt")) or not os.path.exists(p("ec.crt")):
    for f in ("smp-signed.xml", "md-aggregate.entities"):
        if os.path.exists(p(f)): os.remove(p(f))
    sh("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", p("rsa.key"), "-out", p("rsa.crt"),
       "-days", "3650", "-subj", "/C=EU/O=Bench/CN=bench-rsa")
    sh("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
       "-keyout", p("ec.key"), "-out", p("ec.crt"), "-days", "3650", "-subj", "/C=EU/O=Bench/CN=bench-ec")
cert_b64 = "".join(l for l in open(p("rsa.crt")).read().splitlines() if "-----" not in l)

SIG = """<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>
<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
<ds:SignatureMethod Algorithm="{alg}"/>
<ds:Reference URI="{uri}"><ds:Transforms>
<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>
<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms>
<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference>
</ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo></ds:Signature>"""
RSA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
ECDSA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"

def sign(tmpl, name, key, crt, idattr=None):
    open(p(name + ".tmpl"), "w").write(tmpl)
    args = ["xmlsec1", "--sign", "--privkey-pem", f"{p(key)},{p(crt)}", "--output", p(name)]
    if idattr: args += ["--id-attr:ID", idattr]
    sh(*args, p(name + ".tmpl"))

small = ["smp-signed.xml", "smp-signed-ec.xml", "saml-response.xml", "saml-response-signed.xml"]
made = []
def sign_once(tmpl, name, key, crt, idattr=None):
    if a.force or not os.path.exists(p(name)):
        sign(tmpl, name, key, crt, idattr); made.append(name)

# 1. OASIS SMP 1.0 SignedServiceMetadata (PEPPOL-style, whole-document reference)
ep = """<Endpoint transportProfile="bdxr-transport-ebms3-as4-v1p0">
<EndpointURI>https://ap.example.eu/as4</EndpointURI><RequireBusinessLevelSignature>false</RequireBusinessLevelSignature>
<ServiceActivationDate>2024-01-01T00:00:00Z</ServiceActivationDate><ServiceExpirationDate>2030-01-01T00:00:00Z</ServiceExpirationDate>
<Certificate>{c}</Certificate><ServiceDescription>AS4 endpoint</ServiceDescription><TechnicalContactUrl>https://ap.example.eu/contact</TechnicalContactUrl></Endpoint>""".format(c=cert_b64)
smp = f"""<?xml version="1.0" encoding="UTF-8"?>
<SignedServiceMetadata xmlns="http://docs.oasis-open.org/bdxr/ns/SMP/2016/05"><ServiceMetadata><ServiceInformation>
<ParticipantIdentifier scheme="ehealth-participantid-qns">urn:ehealth:pt:ncp-idp</ParticipantIdentifier>
<DocumentIdentifier scheme="ehealth-resid-qns">urn:ehealth:PatientIdentificationAndAuthentication::XCPD::CrossGatewayPatientDiscovery##ITI-55</DocumentIdentifier>
<ProcessList><Process><ProcessIdentifier scheme="ehealth-procid-qns">urn:ehealth:patientidentificationandauthentication</ProcessIdentifier>
<ServiceEndpointList>{ep}</ServiceEndpointList></Process></ProcessList></ServiceInformation></ServiceMetadata>
{SIG.format(alg=RSA256, uri="")}</SignedServiceMetadata>"""
sign_once(smp, "smp-signed.xml", "rsa.key", "rsa.crt")
sign_once(smp.replace(RSA256, ECDSA256), "smp-signed-ec.xml", "ec.key", "ec.crt")

# 2. SAML Response with a signed Assertion
aid = "_" + uuid.uuid4().hex
resp = f"""<?xml version="1.0" encoding="UTF-8"?>
<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r{uuid.uuid4().hex}" Version="2.0" IssueInstant="2026-01-01T00:00:00Z" Destination="https://sp.example.eu/acs" InResponseTo="_req1">
<saml:Issuer>https://idp.example.eu</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>
<saml:Assertion ID="{aid}" Version="2.0" IssueInstant="2026-01-01T00:00:00Z"><saml:Issuer>https://idp.example.eu</saml:Issuer>
{SIG.format(alg=RSA256, uri="#" + aid)}
<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">abc123</saml:NameID>
<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="2036-01-01T00:05:00Z" Recipient="https://sp.example.eu/acs" InResponseTo="_req1"/></saml:SubjectConfirmation></saml:Subject>
<saml:Conditions NotBefore="2026-01-01T00:00:00Z" NotOnOrAfter="2036-01-01T00:05:00Z"><saml:AudienceRestriction><saml:Audience>https://sp.example.eu</saml:Audience></saml:AudienceRestriction></saml:Conditions>
<saml:AuthnStatement AuthnInstant="2026-01-01T00:00:00Z"><saml:AuthnContext><saml:AuthnContextClassRef>http://eidas.europa.eu/LoA/substantial</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>
<saml:AttributeStatement><saml:Attribute Name="http://eidas.europa.eu/attributes/naturalperson/PersonIdentifier" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue>NL/EU/123456</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>
</saml:Assertion></samlp:Response>"""
sign_once(resp, "saml-response.xml", "rsa.key", "rsa.crt", "urn:oasis:names:tc:SAML:2.0:assertion:Assertion")
# 2b. the same Response signed as a whole (Response-level signature, assertion unsigned)
rid = resp.split('ID="', 1)[1].split('"', 1)[0]
a_start, a_end = resp.index("<saml:Assertion "), resp.index("</saml:Assertion>")
sig_start = resp.index("<ds:Signature", a_start); sig_end = resp.index("</ds:Signature>", a_start) + len("</ds:Signature>")
resp2 = resp[:sig_start] + resp[sig_end:]
iss_end = resp2.index("</saml:Issuer>") + len("</saml:Issuer>")
resp2 = resp2[:iss_end] + SIG.format(alg=RSA256, uri="#" + rid) + resp2[iss_end:]
sign_once(resp2, "saml-response-signed.xml", "rsa.key", "rsa.crt", "urn:oasis:names:tc:SAML:2.0:protocol:Response")

# 3. Large metadata aggregate (eToegang-like layout), whole-document enveloped signature by ID
stamp = p("md-aggregate.entities")
have = open(stamp).read().strip() if os.path.exists(stamp) else None
if a.force or have != str(n) or not os.path.exists(p("md-aggregate.xml")):
    t0 = time.time()
    roles = ["Authenticatiediensten", "Machtigingenregisters", "Koppelregisters", "Herkenningsmakelaars", "Interstelseldiensten"]
    parts = []
    for r_i, role in enumerate(roles):
        ents = []
        for i in range(r_i, n, len(roles)):
            ents.append(f"""<md:EntityDescriptor entityID="urn:etoegang:DV:0000000{i:06d}:entities:{i}"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{cert_b64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp{i}.example.nl/sso"/></md:IDPSSODescriptor>
<md:Organization><md:OrganizationName xml:lang="nl">Organisatie {i}</md:OrganizationName><md:OrganizationDisplayName xml:lang="nl">Org {i}</md:OrganizationDisplayName><md:OrganizationURL xml:lang="nl">https://org{i}.example.nl</md:OrganizationURL></md:Organization>
<md:ContactPerson contactType="technical"><md:EmailAddress>mailto:tech{i}@example.nl</md:EmailAddress></md:ContactPerson></md:EntityDescriptor>""")
        parts.append(f'<md:EntitiesDescriptor Name="urn:etoegang:role:{role}">' + "\n".join(ents) + "</md:EntitiesDescriptor>")
    agg = f"""<?xml version="1.0" encoding="UTF-8"?>
<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:mdrpi="urn:oasis:names:tc:SAML:metadata:rpi" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" ID="_agg1" Name="urn:etoegang:1.13:metadata:P:36" cacheDuration="P7D">
{SIG.format(alg=RSA256, uri="#_agg1")}
<md:Extensions><mdrpi:PublicationInfo publisher="https://example.nl/productie_metadata.xml" creationInstant="2019-05-07T10:39:03Z"/></md:Extensions>
{chr(10).join(parts)}
</md:EntitiesDescriptor>"""
    sign(agg, "md-aggregate.xml", "rsa.key", "rsa.crt", "urn:oasis:names:tc:SAML:2.0:metadata:EntitiesDescriptor")
    del agg, parts
    open(stamp, "w").write(f"{n}\n"); made.append("md-aggregate.xml")
    print(f"make_fixtures: made and signed md-aggregate.xml ({n:,d} entities) in {time.time() - t0:.1f} s")
for f in os.listdir(out):
    if f.endswith(".tmpl"): os.remove(p(f))
sizes = {f: os.path.getsize(p(f)) for f in sorted(os.listdir(out)) if f.endswith(".xml")}
print("fixtures in", out, "(made now: " + (", ".join(made) or "none") + ")")
for f, s in sizes.items(): print(f"  {f:26s} {s:>12,d} bytes")
