"""verify_ocsp_response on the committed responses of tests/data/ocsp (made by its make.sh
against a live ``openssl ocsp`` responder), and on responses fetched during the test from
a live responder with requests built by ``openssl ocsp`` and a nonce."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

import trustmeta

D = Path(__file__).resolve().parents[2] / "tests" / "data" / "ocsp"
AT = datetime(2027, 1, 1, tzinfo=timezone.utc)


def _listening(port: int) -> bool:
    """Whether a socket listens on `port`: Linux's /proc/net/tcp and tcp6 (state 0A), or,
    where they cannot be read, whether the port cannot be bound (openssl binds just before
    it listens)."""
    tables: list[list[str]] = []
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(name) as f:
                tables.append(f.read().splitlines()[1:])
        except OSError:
            pass
    if tables:
        suffix = ":%04X" % port
        return any(len(f) > 3 and f[1].endswith(suffix) and f[3] == "0A"
                   for rows in tables for f in (row.split() for row in rows))
    try:
        with socket.socket() as s:
            s.bind(("127.0.0.1", port))
    except OSError:
        return True
    return False


def data(name: str) -> bytes:
    return (D / name).read_bytes()


def verify(resp: str, cert: str, **kw: object) -> trustmeta.VerifiedOcspResponse:
    return trustmeta.verify_ocsp_response(data(resp), data("ca.pem"), data(cert), **kw)  # type: ignore[arg-type]


def test_good_from_the_ca() -> None:
    r = verify("good-ca.der", "good.pem", now=AT)
    assert r.status == "good"
    assert r.responder.subject == "CN=trustmeta OCSP test CA"
    assert r.delegated is False
    assert r.cert_id_hash == "sha1"
    assert r.signature_algorithm == "rsa-sha256"
    assert r.revocation_time is None and r.revocation_reason is None
    assert r.next_update is not None and (r.next_update - r.this_update).days == 3650
    assert r.verified_at == AT


def test_revoked_from_a_delegated_responder() -> None:
    with pytest.raises(trustmeta.OcspError) as e:
        verify("revoked-delegated.der", "revoked.pem", now=AT)
    assert e.value.code == "ocsp.status_revoked"
    assert e.value.number == 913
    r = verify("revoked-delegated.der", "revoked.pem", now=AT, require_good=False)
    assert r.status == "revoked"
    assert r.revocation_time == datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    assert r.revocation_reason == "keyCompromise"
    assert r.delegated is True
    assert r.responder.subject == "CN=responder"


def test_unknown_with_a_sha256_cert_id() -> None:
    with pytest.raises(trustmeta.OcspError) as e:
        verify("unknown-sha256.der", "unknown.pem", now=AT)
    assert e.value.code == "ocsp.status_unknown"
    r = verify("unknown-sha256.der", "unknown.pem", now=AT, require_good=False)
    assert (r.status, r.cert_id_hash) == ("unknown", "sha256")


@pytest.mark.parametrize(
    ("resp", "cert", "kw", "code", "cls"),
    [
        ("good-ca.der", "good.pem", {"now": datetime(2037, 1, 1, tzinfo=timezone.utc)}, "ocsp.stale", trustmeta.OcspError),
        ("good-ca.der", "good.pem", {"now": datetime(2026, 1, 1, tzinfo=timezone.utc)}, "ocsp.not_yet_valid", trustmeta.OcspError),
        ("revoked-delegated.der", "good.pem", {"now": AT}, "ocsp.cert_id_mismatch", trustmeta.OcspError),
        ("good-ca.der", "good.pem", {"now": AT, "nonce": b"\x01\x02"}, "ocsp.nonce_mismatch", trustmeta.OcspError),
        ("good-sha1-signed.der", "good.pem", {"now": AT}, "ocsp.algorithm_refused", trustmeta.OcspError),
        ("ca.pem", "good.pem", {"now": AT}, "ocsp.malformed", trustmeta.OcspError),
        ("good-ca.der", "README.md", {"now": AT}, "pki.bad_certificate", trustmeta.UntrustedSigner),
    ],
)
def test_refusals(resp: str, cert: str, kw: dict[str, object], code: str, cls: type[Exception]) -> None:
    with pytest.raises(cls) as e:
        verify(resp, cert, **kw)
    assert getattr(e.value, "code") == code


def test_sha1_by_policy_and_tampering() -> None:
    assert verify("good-sha1-signed.der", "good.pem", now=AT, allow_sha1=True).status == "good"
    der = bytearray(data("good-ca.der"))
    at = der.index(bytes([0x02, 0x02, 0x20, 0x01]))  # the CertID serial, inside the signed part
    der[at + 3] ^= 1
    with pytest.raises(trustmeta.InvalidSignature) as e:
        trustmeta.verify_ocsp_response(bytes(der), data("ca.pem"), data("good.pem"), now=AT)
    assert e.value.code == "crypto.bad_signature"
    assert trustmeta.ERROR_CLASSES["ocsp.stale"] is trustmeta.OcspError


@pytest.mark.parametrize("resp", ["dup-good-revoked.der", "dup-good-good.der", "dup-sha1-sha256.der"])
def test_two_answers_about_one_certificate_are_refused(resp: str) -> None:
    # good then revoked for one CertID, twice good, a SHA-1 and a SHA-256 CertID: RFC 6960
    # does not say which answer counts, so none does (make-duplicates.sh).
    with pytest.raises(trustmeta.OcspError) as e:
        trustmeta.verify_ocsp_response(data(resp), data("dup-ca.pem"), data("dup-good.pem"), now=AT, require_good=False)
    assert (e.value.code, e.value.number) == ("ocsp.duplicate_response", 915)
    assert trustmeta.ERROR_CLASSES["ocsp.duplicate_response"] is trustmeta.OcspError


def test_one_answer_for_each_of_two_certificates() -> None:
    two = data("dup-two-certs.der")
    r = trustmeta.verify_ocsp_response(two, data("dup-ca.pem"), data("dup-good.pem"), now=AT)
    assert r.status == "good"
    r = trustmeta.verify_ocsp_response(two, data("dup-ca.pem"), data("dup-revoked.pem"), now=AT, require_good=False)
    assert r.status == "revoked"


def test_argument_types() -> None:
    with pytest.raises(TypeError):
        trustmeta.verify_ocsp_response("text", data("ca.pem"), data("good.pem"))  # type: ignore[arg-type]


def test_live_responder(tmp_path: Path) -> None:
    # The fixture CA's key is not committed, so a fresh CA is made here (openssl is
    # required, as for the Rust tests); openssl's client builds the request.
    assert shutil.which("openssl"), "openssl must be installed (scripts/setup.sh)"
    def ossl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=tmp_path, check=True, capture_output=True)

    ossl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
         "-subj", "/CN=py CA", "-days", "2", "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign")
    ossl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "leaf.key", "-subj", "/CN=leaf", "-out", "leaf.csr")
    ossl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "0x2002",
         "-days", "2", "-out", "leaf.pem")
    (tmp_path / "index.txt").write_text("R\t300101000000Z\t250102030405Z,superseded\t2002\tunknown\t/CN=leaf\n")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        ["openssl", "ocsp", "-index", "index.txt", "-port", str(port), "-CA", "ca.pem", "-rsigner", "ca.pem",
         "-rkey", "ca.key", "-ndays", "1", "-nrequest", "1"],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):  # until the port is listened on (a probe connection would stall it)
            if _listening(port):
                break
            time.sleep(0.05)
        ossl("ocsp", "-issuer", "ca.pem", "-cert", "leaf.pem", "-url", f"http://127.0.0.1:{port}",
             "-noverify", "-respout", "resp.der")
    finally:
        server.kill()
        server.wait()
    r = trustmeta.verify_ocsp_response((tmp_path / "resp.der").read_bytes(), (tmp_path / "ca.pem").read_bytes(),
                                       (tmp_path / "leaf.pem").read_bytes(), require_good=False)
    assert (r.status, r.revocation_reason) == ("revoked", "superseded")
    with pytest.raises(trustmeta.OcspError) as e:
        trustmeta.verify_ocsp_response((tmp_path / "resp.der").read_bytes(), (tmp_path / "ca.pem").read_bytes(),
                                       (tmp_path / "leaf.pem").read_bytes(), nonce=b"not sent")
    assert e.value.code == "ocsp.nonce_mismatch"
