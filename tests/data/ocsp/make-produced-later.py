"""A response whose thisUpdate (2026-01-01) is long before the moment it was signed
(its producedAt, the day this script runs), made with pyca/cryptography: openssl's
responder always writes thisUpdate = producedAt, so it cannot make one.

Writes later-ca.pem, later-good.pem and later-good.der. Verified between thisUpdate and
producedAt, the response was not yet there to rely on: ocsp.not_yet_valid, naming
producedAt; verified after producedAt: good.

    python3 make-produced-later.py
"""

import datetime as dt
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509 import ocsp
from cryptography.x509.oid import NameOID

here = Path(__file__).resolve().parent
start = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
end = dt.datetime(2045, 1, 1, tzinfo=dt.timezone.utc)


def name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


ca_key = ec.generate_private_key(ec.SECP256R1())
ca = (
    x509.CertificateBuilder()
    .subject_name(name("trustmeta OCSP producedAt CA"))
    .issuer_name(name("trustmeta OCSP producedAt CA"))
    .public_key(ca_key.public_key())
    .serial_number(1)
    .not_valid_before(start)
    .not_valid_after(end)
    .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    .add_extension(
        x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
    )
    .sign(ca_key, hashes.SHA256())
)
leaf_key = ec.generate_private_key(ec.SECP256R1())
leaf = (
    x509.CertificateBuilder()
    .subject_name(name("later-good"))
    .issuer_name(ca.subject)
    .public_key(leaf_key.public_key())
    .serial_number(0x4001)
    .not_valid_before(start)
    .not_valid_after(end)
    .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
    .sign(ca_key, hashes.SHA256())
)
response = (
    ocsp.OCSPResponseBuilder()
    .add_response(
        cert=leaf,
        issuer=ca,
        algorithm=hashes.SHA256(),
        cert_status=ocsp.OCSPCertStatus.GOOD,
        this_update=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
        next_update=dt.datetime(2036, 1, 1, tzinfo=dt.timezone.utc),
        revocation_time=None,
        revocation_reason=None,
    )
    .responder_id(ocsp.OCSPResponderEncoding.NAME, ca)
    .sign(ca_key, hashes.SHA256())
)
(here / "later-ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
(here / "later-good.pem").write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
(here / "later-good.der").write_bytes(response.public_bytes(serialization.Encoding.DER))
print("producedAt:", response.produced_at_utc.isoformat())
