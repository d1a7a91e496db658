"""Re-encodes (or damages) the SignatureValue of an xmlsec1-signed document.

    python3 mutate.py IN.xml der|overpadded|flip OUT.xml

der: the ASN.1 DER ECDSA-Sig-Value (as X.509 uses) instead of XML-DSig's r||s.
overpadded: r and s each left-padded with one zero byte more than the curve's size.
flip: one bit of the value changed (any signature, same length).
"""
import base64
import re
import sys

src, how, out = sys.argv[1:4]
text = open(src, encoding="utf-8").read()
m = re.search(r"(<(?:\w+:)?SignatureValue>)([^<]*)(</(?:\w+:)?SignatureValue>)", text)
raw = base64.b64decode("".join(m.group(2).split()))
half = len(raw) // 2
r, s = raw[:half], raw[half:]


def der_int(b: bytes) -> bytes:
    b = b.lstrip(b"\0") or b"\0"
    if b[0] & 0x80:
        b = b"\0" + b
    return bytes([0x02, len(b)]) + b


if how == "der":
    body = der_int(r) + der_int(s)
    value = bytes([0x30, len(body)]) + body
elif how == "overpadded":
    value = b"\0" + r + b"\0" + s
elif how == "flip":
    value = raw[:half] + bytes([raw[half] ^ 1]) + raw[half + 1 :]
else:
    raise SystemExit(f"unknown mutation {how}")
new = m.group(1) + base64.b64encode(value).decode() + m.group(3)
open(out, "w", encoding="utf-8").write(text[: m.start()] + new + text[m.end() :])
