#!/usr/bin/env python3
"""Edits a DER BasicOCSPResponse for make-duplicates.sh (standard library only).

usage: edit_der.py serial IN.der INDEX SERIAL_HEX OUT.der
           replaces the serialNumber of the INDEX-th (0-based) SingleResponse by SERIAL_HEX,
           which must have the same DER length, so no enclosing length changes
       edit_der.py tbs IN.der OUT.der
           writes tbsResponseData, the bytes the signature covers, exactly as they are
       edit_der.py signature IN.der SIG.bin OUT.der
           replaces the signature BIT STRING's content by SIG.bin (same length)

Only offsets are computed here; signing is left to openssl.
"""
import sys


def tlv(b, i):
    """(tag, content start, end) of the DER TLV at i; one-byte tags, definite lengths."""
    tag, n = b[i], b[i + 1]
    if n < 0x80:
        return tag, i + 2, i + 2 + n
    k = n & 0x7F
    length = int.from_bytes(b[i + 2:i + 2 + k], "big")
    return tag, i + 2 + k, i + 2 + k + length


def children(b, start, end):
    out, i = [], start
    while i < end:
        t = tlv(b, i)
        out.append((i,) + t)
        i = t[2]
    return out


def locate(b):
    """Offsets of tbsResponseData, the responses list and the signature in an OCSPResponse."""
    # Each TLV is (offset, tag, content start, end).
    _, s, e = tlv(b, 0)  # OCSPResponse
    _status, response_bytes = children(b, s, e)
    _, s, e = tlv(b, response_bytes[2])  # ResponseBytes, inside [0] EXPLICIT
    _oid, octets = children(b, s, e)
    _, s, e = tlv(b, octets[2])  # BasicOCSPResponse, inside the OCTET STRING
    tbs, alg, sig = children(b, s, e)[:3]
    fields = children(b, tbs[2], tbs[3])
    # version [0] (optional), responderID, producedAt, responses
    responses = [f for f in fields if f[1] == 0x30][0]
    return tbs, responses, sig


def main(argv):
    op, src = argv[1], argv[2]
    b = bytearray(open(src, "rb").read())
    tbs, responses, sig = locate(b)
    if op == "serial":
        index, serial, out = int(argv[3]), bytes.fromhex(argv[4]), argv[5]
        single = children(b, responses[2], responses[3])[index]
        cert_id = children(b, single[2], single[3])[0]
        integer = children(b, cert_id[2], cert_id[3])[3]
        assert integer[1] == 0x02, "serialNumber is not an INTEGER"
        assert integer[3] - integer[2] == len(serial), "the new serial must have the same length"
        b[integer[2]:integer[3]] = serial
    elif op == "tbs":
        out = argv[3]
        b = b[tbs[0]:tbs[3]]
    elif op == "signature":
        value, out = open(argv[3], "rb").read(), argv[4]
        assert sig[1] == 0x03 and b[sig[2]] == 0, "signature is not a BIT STRING"
        assert sig[3] - sig[2] - 1 == len(value), "the new signature must have the same length"
        b[sig[2] + 1:sig[3]] = value
    else:
        sys.exit(__doc__)
    open(out, "wb").write(bytes(b))


if __name__ == "__main__":
    main(sys.argv)
