#!/usr/bin/env python3
"""Writes the public keys that the XML-DSig 1.1 interop vectors carry in KeyValue as PEM
files, so tests can pin them (a KeyValue alone never grants trust).

Usage: extract_keyvalues.py SHARED_DIR   (writes into this folder)
"""
import base64, os, re, sys

def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b

def tlv(tag, body):
    return bytes([tag]) + der_len(len(body)) + body

def integer(b):
    b = b.lstrip(b"\0") or b"\0"
    if b[0] & 0x80:
        b = b"\0" + b
    return tlv(0x02, b)

OIDS = {"ec": bytes.fromhex("06072a8648ce3d0201"), "rsa": bytes.fromhex("06092a864886f70d010101"),
        "p256": bytes.fromhex("06082a8648ce3d030107"), "p521": bytes.fromhex("06052b81040023")}

def spki(alg, key_bits):
    return tlv(0x30, alg + tlv(0x03, b"\0" + key_bits))

def pem(der):
    b = base64.b64encode(der).decode()
    return "-----BEGIN PUBLIC KEY-----\n" + "\n".join(b[i:i + 64] for i in range(0, len(b), 64)) + "\n-----END PUBLIC KEY-----\n"

def text(xml, tag):
    m = re.search(r"<(?:\w+:)?%s[^>]*>(.*?)</(?:\w+:)?%s>" % (tag, tag), xml, re.S)
    return base64.b64decode("".join(m.group(1).split()))

shared = sys.argv[1]
d = os.path.join(shared, "vectors/xmldsig/xmlsec/tests/xmldsig11-interop-2012")
here = os.path.dirname(os.path.abspath(__file__))
for name, curve in (("p256_sha256", "p256"), ("p521_sha512", "p521")):
    xml = open(os.path.join(d, "signature-enveloping-%s.xml" % name)).read()
    point = text(xml, "PublicKey")
    der = spki(tlv(0x30, OIDS["ec"] + OIDS[curve]), point)
    open(os.path.join(here, "interop2012-%s.pem" % curve), "w").write(pem(der))
xml = open(os.path.join(d, "signature-enveloping-rsa-sha256.xml")).read()
rsa = tlv(0x30, integer(text(xml, "Modulus")) + integer(text(xml, "Exponent")))
open(os.path.join(here, "interop2012-rsa.pem"), "w").write(pem(spki(tlv(0x30, OIDS["rsa"] + b"\x05\x00"), rsa)))
