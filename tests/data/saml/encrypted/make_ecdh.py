#!/usr/bin/env python3
"""ECDH-ES encrypted SAML responses on every curve trustmeta agrees on, made with
pyca/cryptography because xmlsec1 1.2.37 has no ECDH-ES or ConcatKDF.

The assertion is the IdP-signed one of xmlsec1/oaep-mgf1p-sha1_aes256-gcm_both-signed.xml,
taken out with `xmlsec1 --decrypt`; it is encrypted again, ephemeral-static ECDH to each
relying-party key of keys/, ConcatKDF and an AES key wrap, AES-GCM content, in the layout
of the eIDAS-Node (shared/vectors/eidas/encryption). The Response around it is not
signed: the assertion's own signature is what verifies. Each output is decrypted back
here with cryptography before it is written.

    python3 make_ecdh.py [OUT_DIR]      (default: this directory's ecdh/)

Needs: python3 with cryptography, xmlsec1.
"""

import base64
import os
import re
import subprocess
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.concatkdf import ConcatKDFHash
from cryptography.hazmat.primitives.keywrap import aes_key_unwrap, aes_key_wrap

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "ecdh"))
XENC = "http://www.w3.org/2001/04/xmlenc#"
XENC11 = "http://www.w3.org/2009/xmlenc11#"
DS = "http://www.w3.org/2000/09/xmldsig#"
DS11 = "http://www.w3.org/2009/xmldsig11#"
DIGESTS = {"sha256": (hashes.SHA256(), XENC + "sha256"),
           "sha384": (hashes.SHA384(), "http://www.w3.org/2001/04/xmldsig-more#sha384"),
           "sha512": (hashes.SHA512(), XENC + "sha512")}
CURVES = {"p256": (ec.SECP256R1(), "1.2.840.10045.3.1.7"),
          "p384": (ec.SECP384R1(), "1.3.132.0.34"),
          "p521": (ec.SECP521R1(), "1.3.132.0.35"),
          "bp256": (ec.BrainpoolP256R1(), "1.3.36.3.3.2.8.1.1.7"),
          "bp384": (ec.BrainpoolP384R1(), "1.3.36.3.3.2.8.1.1.11"),
          "bp512": (ec.BrainpoolP512R1(), "1.3.36.3.3.2.8.1.1.13")}
# file stem: curve, KDF digest, key wrap bits, content bits, PartyUInfo/PartyVInfo
# (hexBinary with the leading padding-count octet, as XML Encryption 1.1 §5.4.1 has them)
CASES = [
    ("ecdh-p256_sha256_kw128_gcm128", "p256", "sha256", 128, 128, "00", "00"),
    ("ecdh-p384_sha384_kw192_gcm256", "p384", "sha384", 192, 256, "00", "00"),
    ("ecdh-p521_sha512_kw256_gcm256", "p521", "sha512", 256, 256, "00", "00"),
    ("ecdh-bp256_sha256_kw256_gcm256_party-info", "bp256", "sha256", 256, 256, "00696470", "00737000"),
    ("ecdh-bp384_sha384_kw256_gcm192", "bp384", "sha384", 256, 192, "00", "00"),
    ("ecdh-bp512_sha512_kw256_gcm256", "bp512", "sha512", 256, 256, "00", "00"),
]


def b64(b):
    return base64.b64encode(b).decode()


def pem_body(path):
    return "".join(l for l in open(path).read().splitlines() if "-----" not in l)


def signed_assertion():
    """The IdP-signed assertion, decrypted from the xmlsec1-made response."""
    src = os.path.join(HERE, "xmlsec1", "oaep-mgf1p-sha1_aes256-gcm_both-signed.xml")
    out = subprocess.run(["xmlsec1", "--decrypt", "--privkey-pem", os.path.join(HERE, "keys", "sp-rsa.key.pem"), src],
                         check=True, capture_output=True, text=True).stdout
    return re.search(r"<saml:Assertion\b.*?</saml:Assertion>", out, re.S).group(0)


def encrypted_data(plaintext, curve, digest, kw, gcm, party_u, party_v, crt):
    named, oid = CURVES[curve]
    algorithm_id = "00" + (XENC + "kw-aes%d" % kw).encode().hex()
    other_info = b"".join(bytes.fromhex(h)[1:] for h in (algorithm_id, party_u, party_v))
    recipient = x509.load_pem_x509_certificate(open(crt, "rb").read()).public_key()
    eph = ec.generate_private_key(named)
    z = eph.exchange(ec.ECDH(), recipient)
    kek = ConcatKDFHash(algorithm=DIGESTS[digest][0], length=kw // 8, otherinfo=other_info).derive(z)
    cek = os.urandom(gcm // 8)
    iv = os.urandom(12)
    content = iv + AESGCM(cek).encrypt(iv, plaintext.encode(), None)
    wrapped = aes_key_wrap(kek, cek)
    point = eph.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return ('<xenc:EncryptedData xmlns:xenc="%s" Id="_ed" Type="%sElement">' % (XENC, XENC)
            + '<xenc:EncryptionMethod Algorithm="%saes%d-gcm"/>' % (XENC11, gcm)
            + '<ds:KeyInfo xmlns:ds="%s"><xenc:EncryptedKey Id="_ek">' % DS
            + '<xenc:EncryptionMethod Algorithm="%skw-aes%d"/>' % (XENC, kw)
            + '<ds:KeyInfo><xenc:AgreementMethod Algorithm="%sECDH-ES">' % XENC11
            + '<xenc11:KeyDerivationMethod xmlns:xenc11="%s" Algorithm="%sConcatKDF">' % (XENC11, XENC11)
            + '<xenc11:ConcatKDFParams AlgorithmID="%s" PartyUInfo="%s" PartyVInfo="%s">' % (algorithm_id, party_u, party_v)
            + '<ds:DigestMethod Algorithm="%s"/></xenc11:ConcatKDFParams></xenc11:KeyDerivationMethod>' % DIGESTS[digest][1]
            + '<xenc:OriginatorKeyInfo><ds:KeyValue><ds11:ECKeyValue xmlns:ds11="%s">' % DS11
            + '<ds11:NamedCurve URI="urn:oid:%s"/><ds11:PublicKey>%s</ds11:PublicKey>' % (oid, b64(point))
            + '</ds11:ECKeyValue></ds:KeyValue></xenc:OriginatorKeyInfo>'
            + '<xenc:RecipientKeyInfo><ds:X509Data><ds:X509Certificate>%s</ds:X509Certificate></ds:X509Data></xenc:RecipientKeyInfo>' % pem_body(crt)
            + '</xenc:AgreementMethod></ds:KeyInfo>'
            + '<xenc:CipherData><xenc:CipherValue>%s</xenc:CipherValue></xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo>' % b64(wrapped)
            + '<xenc:CipherData><xenc:CipherValue>%s</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData>' % b64(content))


def decrypt_back(xml, curve, digest, kw, key_pem):
    """The relying party's side, with cryptography: the check that each file is sound."""
    named, _ = CURVES[curve]
    key = serialization.load_pem_private_key(open(key_pem, "rb").read(), None)
    params = re.search(r'AlgorithmID="(\w+)" PartyUInfo="(\w+)" PartyVInfo="(\w+)"', xml).groups()
    other_info = b"".join(bytes.fromhex(h)[1:] for h in params)
    point = base64.b64decode(re.search(r"<ds11:PublicKey>([^<]+)<", xml).group(1))
    wrapped, content = (base64.b64decode(v) for v in re.findall(r"<xenc:CipherValue>([^<]+)<", xml))
    z = key.exchange(ec.ECDH(), ec.EllipticCurvePublicKey.from_encoded_point(named, point))
    kek = ConcatKDFHash(algorithm=DIGESTS[digest][0], length=kw // 8, otherinfo=other_info).derive(z)
    cek = aes_key_unwrap(kek, wrapped)
    return AESGCM(cek).decrypt(content[:12], content[12:], None).decode()


def main():
    os.makedirs(OUT, exist_ok=True)
    assertion = signed_assertion()
    for n, (stem, curve, digest, kw, gcm, party_u, party_v) in enumerate(CASES, 1):
        crt = os.path.join(HERE, "keys", "sp-ec-%s.pem" % curve)
        ed = encrypted_data(assertion, curve, digest, kw, gcm, party_u, party_v, crt)
        response = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                    '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
                    'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" Destination="https://sp.example.org/acs" '
                    'ID="_ecdh-resp-%d" InResponseTo="_req-4711" IssueInstant="2026-06-01T10:00:00Z" Version="2.0">'
                    '<saml:Issuer>https://idp.example.org/</saml:Issuer><samlp:Status><samlp:StatusCode '
                    'Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>'
                    '<saml:EncryptedAssertion>%s</saml:EncryptedAssertion></samlp:Response>\n' % (n, ed))
        if decrypt_back(response, curve, digest, kw, os.path.join(HERE, "keys", "sp-ec-%s.key.pem" % curve)) != assertion:
            sys.exit("make_ecdh: %s does not decrypt back" % stem)
        with open(os.path.join(OUT, stem + "_assertion-signed.xml"), "w") as f:
            f.write(response)
        print("make_ecdh: %s" % stem)


if __name__ == "__main__":
    main()
