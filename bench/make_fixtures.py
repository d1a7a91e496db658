#!/usr/bin/env python3
"""Signed benchmark fixtures, made with openssl + xmlsec1 only (independent of trustmeta).

usage: make_fixtures.py [--out DIR] [--entities N] [--force]

Writes into DIR (default target/bench-fixtures, never committed):
  rsa.key/rsa.crt (RSA-2048) and ec.key/ec.crt (P-256), self-signed, 10 years;
  smp-signed.xml      OASIS SMP 1.0 SignedServiceMetadata, RSA-SHA256, ~4.5 KB
  smp-signed-ec.xml   the same record signed with ECDSA P-256
  saml-response.xml   SAML 2.0 Response whose Assertion is signed (~4 KB)
  saml-response-signed.xml  the same Response signed as a whole
  saml-eidas.xml      eIDAS-style Response (~7 KB), Assertion and Response signed with
                      ECDSA P-256 (ec.key): the plaintext twin of the two below
  saml-eidas-enc-rsa.xml  the same signed Assertion encrypted by xmlsec1 to sp-rsa3072.crt
                      (rsa-oaep-mgf1p, SHA-1; aes256-gcm), the Response signed over it
  saml-eidas-enc-ec.xml   the same, ECDH-ES on P-256 to sp-ec.crt with ConcatKDF (SHA-256)
                      and kw-aes256, built with the `cryptography` package (skipped
                      without it), the Response signed by xmlsec1
  *.tampered          each encrypted fixture with one content-ciphertext character changed
  md-aggregate.xml    a metadata aggregate of N entities (default 5,000 ~ 10 MB;
                      50,000 ~ 100 MB), enveloped signature over the document element
Keys and small fixtures are made once; the aggregate is rewritten only when N changes
(recorded in md-aggregate.entities). Each signature is checked with xmlsec1 --verify, the
RSA fixture with xmlsec1 --decrypt, the ECDH-ES one by decrypting it again in Python.
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

# 3. eIDAS-style Response, the assertion signed then encrypted to the relying party, the
# Response signed over the EncryptedAssertion (ECDSA P-256 signatures: the eIDAS
# cryptographic requirements exclude RSA PKCS#1 v1.5, and xmlsec1 1.2 has no RSA-PSS).
#   saml-eidas.xml          the plaintext twin: the same signed assertion, not encrypted,
#                           the Response signed the same way
#   saml-eidas-enc-rsa.xml  rsa-oaep-mgf1p (SHA-1) to sp-rsa3072.crt + aes256-gcm (xmlsec1)
#   saml-eidas-enc-ec.xml   ECDH-ES P-256 to sp-ec.crt, ConcatKDF (SHA-256), kw-aes256,
#                           aes256-gcm (built here with `cryptography`: xmlsec1 1.2 has no
#                           key agreement), the Response then signed with xmlsec1
# Each encrypted fixture gets a copy with one character of its content CipherValue
# changed (FILE.tampered) that every decryptor must refuse.
SAMLP, SAML = "urn:oasis:names:tc:SAML:2.0:protocol", "urn:oasis:names:tc:SAML:2.0:assertion"
XENC, XENC11 = "http://www.w3.org/2001/04/xmlenc#", "http://www.w3.org/2009/xmlenc11#"
DS, DS11 = "http://www.w3.org/2000/09/xmldsig#", "http://www.w3.org/2009/xmldsig11#"
IDS = ["--id-attr:ID", f"{SAMLP}:Response", "--id-attr:ID", f"{SAML}:Assertion"]
ASSERTION_XP = "//*[local-name()='EncryptedAssertion']/*[local-name()='Assertion']"
EIDAS = ["saml-eidas.xml", "saml-eidas-enc-rsa.xml", "saml-eidas-enc-ec.xml"]

if a.force or not os.path.exists(p("sp-rsa3072.crt")) or not os.path.exists(p("sp-ec.crt")):
    for f in EIDAS:
        if os.path.exists(p(f)): os.remove(p(f))
    sh("openssl", "req", "-x509", "-newkey", "rsa:3072", "-nodes", "-keyout", p("sp-rsa3072.key"), "-out", p("sp-rsa3072.crt"),
       "-days", "3650", "-subj", "/C=EU/O=Bench/CN=bench-sp-encryption-rsa")
    sh("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
       "-keyout", p("sp-ec.key"), "-out", p("sp-ec.crt"), "-days", "3650", "-subj", "/C=EU/O=Bench/CN=bench-sp-encryption-ec")

def pem_body(name):
    return "".join(l for l in open(p(name)).read().splitlines() if "-----" not in l)

def attr(friendly, name, typ, value):
    return (f'<saml2:Attribute FriendlyName="{friendly}" Name="http://eidas.europa.eu/attributes/naturalperson/{name}" '
            f'NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">'
            f'<saml2:AttributeValue xsi:type="eidas-natural:{typ}">{value}</saml2:AttributeValue></saml2:Attribute>\n')

EIDAS_ATTRS = "".join([
    attr("PersonIdentifier", "PersonIdentifier", "PersonIdentifierType", "ES/NL/02635542Y"),
    attr("FamilyName", "CurrentFamilyName", "CurrentFamilyNameType", "Garcia Lopez"),
    attr("FirstName", "CurrentGivenName", "CurrentGivenNameType", "Javier Maria"),
    attr("DateOfBirth", "DateOfBirth", "DateOfBirthType", "1964-12-31"),
    attr("PlaceOfBirth", "PlaceOfBirth", "PlaceOfBirthType", "Madrid"),
    attr("Gender", "Gender", "GenderType", "Male"),
])
EIDAS_ISSUER = "https://eidas-node.example.eu/EidasNode/ServiceMetadata"

def eidas_response(rid, body):
    # The Response signature template sits before the assertion, so xmlsec1 --sign (first
    # Signature in document order) signs the Response, not the assertion.
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<saml2p:Response xmlns:saml2p="{SAMLP}" xmlns:saml2="{SAML}" Consent="urn:oasis:names:tc:SAML:2.0:consent:obtained" Destination="https://sp.example.eu/acs" ID="{rid}" InResponseTo="_req1" IssueInstant="2026-01-01T00:00:00Z" Version="2.0">
<saml2:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">{EIDAS_ISSUER}</saml2:Issuer>
{SIG.format(alg=ECDSA256, uri="#" + rid)}
<saml2p:Status><saml2p:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/><saml2p:StatusMessage>urn:oasis:names:tc:SAML:2.0:status:Success</saml2p:StatusMessage></saml2p:Status>
{body}
</saml2p:Response>"""

def xmlsec_check(*args):
    r = subprocess.run(["xmlsec1", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return r.returncode == 0

def check_response_signature(name):
    if not xmlsec_check("--verify", *IDS, "--pubkey-cert-pem", p("ec.crt"),
                        "--node-xpath", "/*[local-name()='Response']/*[local-name()='Signature']", p(name)):
        sys.exit(f"make_fixtures: {name}: xmlsec1 does not verify the Response signature")

def check_assertion_signature(path, name):
    if not xmlsec_check("--verify", *IDS, "--pubkey-cert-pem", p("ec.crt"),
                        "--node-xpath", "//*[local-name()='Assertion']/*[local-name()='Signature']", path):
        sys.exit(f"make_fixtures: {name}: xmlsec1 does not verify the (decrypted) assertion's signature")

def write_tampered(name):
    s = open(p(name)).read()
    # The content CipherValue is the last one (the EncryptedKey's comes first).
    start = s.rindex("<xenc:CipherValue>") + len("<xenc:CipherValue>")
    end = s.index("</xenc:CipherValue>", start)
    i = start + (end - start) // 2
    while not s[i].isalnum(): i += 1
    t = s[:i] + ("B" if s[i] == "A" else "A") + s[i + 1:]
    open(p(name + ".tampered"), "w").write(t)

def ecdh_es_encrypted_data(plaintext, recipient_crt):
    """EncryptedData for one element: ECDH-ES (P-256, ephemeral-static) + ConcatKDF
    (SHA-256) + kw-aes256 + aes256-gcm, laid out as the eIDAS-Node writes it (see
    shared/vectors/eidas/encryption). OtherInfo is AlgorithmID || PartyUInfo ||
    PartyVInfo, each hexBinary value without its leading padding-count octet: here
    the eIDAS-Node's "0000" three times, so OtherInfo = 00 00 00."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.concatkdf import ConcatKDFHash
    from cryptography.hazmat.primitives.keywrap import aes_key_wrap
    cert = x509.load_pem_x509_certificate(open(recipient_crt, "rb").read())
    eph = ec.generate_private_key(ec.SECP256R1())
    z = eph.exchange(ec.ECDH(), cert.public_key())
    kek = ConcatKDFHash(algorithm=hashes.SHA256(), length=32, otherinfo=b"\x00\x00\x00").derive(z)
    cek = os.urandom(32)
    wrapped = aes_key_wrap(kek, cek)
    iv = os.urandom(12)
    content = iv + AESGCM(cek).encrypt(iv, plaintext, None)
    point = eph.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    spki = eph.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    b64 = lambda b: base64.b64encode(b).decode()
    ed_id, ek_id = "_" + uuid.uuid4().hex, "_" + uuid.uuid4().hex
    return (f'<xenc:EncryptedData xmlns:xenc="{XENC}" Id="{ed_id}" Type="{XENC}Element">'
            f'<xenc:EncryptionMethod Algorithm="{XENC11}aes256-gcm"/>'
            f'<ds:KeyInfo xmlns:ds="{DS}"><xenc:EncryptedKey Id="{ek_id}">'
            f'<xenc:EncryptionMethod Algorithm="{XENC}kw-aes256"/>'
            f'<ds:KeyInfo><xenc:AgreementMethod Algorithm="{XENC11}ECDH-ES">'
            f'<xenc11:KeyDerivationMethod xmlns:xenc11="{XENC11}" Algorithm="{XENC11}ConcatKDF">'
            f'<xenc11:ConcatKDFParams AlgorithmID="0000" PartyUInfo="0000" PartyVInfo="0000">'
            f'<ds:DigestMethod Algorithm="{XENC}sha256"/></xenc11:ConcatKDFParams></xenc11:KeyDerivationMethod>'
            f'<xenc:OriginatorKeyInfo><ds:KeyValue><ds11:ECKeyValue xmlns:ds11="{DS11}">'
            f'<ds11:NamedCurve URI="urn:oid:1.2.840.10045.3.1.7"/><ds11:PublicKey>{b64(point)}</ds11:PublicKey>'
            f'</ds11:ECKeyValue></ds:KeyValue>'
            f'<ds11:DEREncodedKeyValue xmlns:ds11="{DS11}">{b64(spki)}</ds11:DEREncodedKeyValue></xenc:OriginatorKeyInfo>'
            f'<xenc:RecipientKeyInfo><ds:X509Data><ds:X509Certificate>{pem_body(os.path.basename(recipient_crt))}</ds:X509Certificate></ds:X509Data></xenc:RecipientKeyInfo>'
            f'</xenc:AgreementMethod></ds:KeyInfo>'
            f'<xenc:CipherData><xenc:CipherValue>{b64(wrapped)}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo>'
            f'<xenc:CipherData><xenc:CipherValue>{b64(content)}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData>')

def ecdh_es_decrypt(xml, key_pem):
    """Reads back what ecdh_es_encrypted_data wrote, from the relying party's side."""
    import re
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.concatkdf import ConcatKDFHash
    from cryptography.hazmat.primitives.keywrap import aes_key_unwrap
    key = serialization.load_pem_private_key(open(key_pem, "rb").read(), None)
    point = base64.b64decode(re.search(r"<ds11:PublicKey>([^<]+)<", xml).group(1))
    wrapped, content = (base64.b64decode(v) for v in re.findall(r"<xenc:CipherValue>([^<]+)<", xml))
    z = key.exchange(ec.ECDH(), ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point))
    kek = ConcatKDFHash(algorithm=hashes.SHA256(), length=32, otherinfo=b"\x00\x00\x00").derive(z)
    cek = aes_key_unwrap(kek, wrapped)
    return AESGCM(cek).decrypt(content[:12], content[12:], None)

if a.force or any(not os.path.exists(p(f)) for f in EIDAS):
    aid = "_" + uuid.uuid4().hex
    # Every prefix the assertion uses is declared on it, so its plaintext stands alone once
    # decrypted.
    assertion = f"""<?xml version="1.0" encoding="UTF-8"?>
<saml2:Assertion xmlns:saml2="{SAML}" xmlns:eidas-natural="http://eidas.europa.eu/attributes/naturalperson" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="{aid}" IssueInstant="2026-01-01T00:00:00Z" Version="2.0">
<saml2:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">{EIDAS_ISSUER}</saml2:Issuer>
{SIG.format(alg=ECDSA256, uri="#" + aid)}
<saml2:Subject>
<saml2:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" NameQualifier="https://eidas-node.example.eu">ES/NL/02635542Y</saml2:NameID>
<saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
<saml2:SubjectConfirmationData Address="192.0.2.10" InResponseTo="_req1" NotOnOrAfter="2036-01-01T00:05:00Z" Recipient="https://sp.example.eu/acs"/>
</saml2:SubjectConfirmation>
</saml2:Subject>
<saml2:Conditions NotBefore="2026-01-01T00:00:00Z" NotOnOrAfter="2036-01-01T00:05:00Z">
<saml2:AudienceRestriction><saml2:Audience>https://sp.example.eu</saml2:Audience></saml2:AudienceRestriction>
</saml2:Conditions>
<saml2:AuthnStatement AuthnInstant="2026-01-01T00:00:00Z">
<saml2:SubjectLocality Address="192.0.2.10"/>
<saml2:AuthnContext><saml2:AuthnContextClassRef>http://eidas.europa.eu/LoA/substantial</saml2:AuthnContextClassRef></saml2:AuthnContext>
</saml2:AuthnStatement>
<saml2:AttributeStatement>
{EIDAS_ATTRS}</saml2:AttributeStatement>
</saml2:Assertion>"""
    open(p("eidas-assertion.xml.tmpl"), "w").write(assertion)
    sh("xmlsec1", "--sign", *IDS, "--privkey-pem", f"{p('ec.key')},{p('ec.crt')}",
       "--output", p("eidas-assertion.signed"), p("eidas-assertion.xml.tmpl"))
    check_assertion_signature(p("eidas-assertion.signed"), "eidas assertion")
    signed = open(p("eidas-assertion.signed")).read()
    signed = signed[signed.index("<saml2:Assertion"):].rstrip()
    os.remove(p("eidas-assertion.signed"))

    # the plaintext twin
    open(p("saml-eidas.xml.tmpl"), "w").write(eidas_response("_r" + uuid.uuid4().hex, signed))
    sh("xmlsec1", "--sign", *IDS, "--privkey-pem", f"{p('ec.key')},{p('ec.crt')}",
       "--output", p("saml-eidas.xml"), p("saml-eidas.xml.tmpl"))
    check_response_signature("saml-eidas.xml")
    check_assertion_signature(p("saml-eidas.xml"), "saml-eidas.xml")

    # (a) RSA-OAEP + AES-256-GCM, by xmlsec1
    open(p("enc-rsa.doc.tmpl"), "w").write(eidas_response(
        "_r" + uuid.uuid4().hex, f"<saml2:EncryptedAssertion>{signed}</saml2:EncryptedAssertion>"))
    open(p("enc-rsa.ed.tmpl"), "w").write(
        f'<xenc:EncryptedData xmlns:xenc="{XENC}" xmlns:ds="{DS}" Type="{XENC}Element">'
        f'<xenc:EncryptionMethod Algorithm="{XENC11}aes256-gcm"/><ds:KeyInfo>'
        f'<xenc:EncryptedKey><xenc:EncryptionMethod Algorithm="{XENC}rsa-oaep-mgf1p"><ds:DigestMethod Algorithm="{DS}sha1"/></xenc:EncryptionMethod>'
        f'<ds:KeyInfo><ds:X509Data/></ds:KeyInfo><xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedKey>'
        f'</ds:KeyInfo><xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedData>\n')
    sh("xmlsec1", "--encrypt", "--pubkey-cert-pem", p("sp-rsa3072.crt"), "--session-key", "aes-256",
       "--xml-data", p("enc-rsa.doc.tmpl"), "--node-xpath", ASSERTION_XP,
       "--output", p("enc-rsa.enc.tmpl"), p("enc-rsa.ed.tmpl"))
    sh("xmlsec1", "--sign", *IDS, "--privkey-pem", f"{p('ec.key')},{p('ec.crt')}",
       "--output", p("saml-eidas-enc-rsa.xml"), p("enc-rsa.enc.tmpl"))
    check_response_signature("saml-eidas-enc-rsa.xml")
    if not xmlsec_check("--decrypt", "--privkey-pem", f"{p('sp-rsa3072.key')},{p('sp-rsa3072.crt')}",
                        "--output", p("enc-rsa.dec.tmpl"), p("saml-eidas-enc-rsa.xml")):
        sys.exit("make_fixtures: saml-eidas-enc-rsa.xml: xmlsec1 --decrypt fails")
    check_assertion_signature(p("enc-rsa.dec.tmpl"), "saml-eidas-enc-rsa.xml")
    write_tampered("saml-eidas-enc-rsa.xml")
    made.append("saml-eidas.xml"); made.append("saml-eidas-enc-rsa.xml")

    # (b) ECDH-ES + ConcatKDF + kw-aes256 + AES-256-GCM, by `cryptography`, then signed
    try:
        import cryptography  # noqa: F401 - only to know whether (b) can be made
    except ImportError:
        print("make_fixtures: no Python `cryptography` module: saml-eidas-enc-ec.xml not made")
    else:
        ed = ecdh_es_encrypted_data(signed.encode(), p("sp-ec.crt"))
        assert ecdh_es_decrypt(ed, p("sp-ec.key")) == signed.encode()
        open(p("enc-ec.doc.tmpl"), "w").write(eidas_response(
            "_r" + uuid.uuid4().hex, f"<saml2:EncryptedAssertion>{ed}</saml2:EncryptedAssertion>"))
        sh("xmlsec1", "--sign", *IDS, "--privkey-pem", f"{p('ec.key')},{p('ec.crt')}",
           "--output", p("saml-eidas-enc-ec.xml"), p("enc-ec.doc.tmpl"))
        check_response_signature("saml-eidas-enc-ec.xml")
        write_tampered("saml-eidas-enc-ec.xml")
        made.append("saml-eidas-enc-ec.xml")

# 4. Large metadata aggregate (eToegang-like layout), whole-document enveloped signature by ID
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
