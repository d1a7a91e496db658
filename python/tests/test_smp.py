"""trustmeta.verify_smp and trustmeta.smp_name, and examples/python/smp_lookup.py against
a local HTTP server (no DNS, no network)."""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

import trustmeta

REPO = Path(__file__).resolve().parents[2]
SMP = REPO / "tests" / "data" / "smp" / "signed"
NOW = datetime(2026, 6, 1, tzinfo=timezone.utc)
PARTICIPANT = "iso6523-actorid-upis::0088:5798000000001"
DOCUMENT = "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1"


@pytest.fixture
def store() -> trustmeta.TrustStore:
    return trustmeta.TrustStore.from_pem((REPO / "tests/data/xmldsig-gen/pki/root.pem").read_bytes())


def verify(store: trustmeta.TrustStore, file: str, **kw: object) -> trustmeta.VerifiedServiceMetadata:
    args: dict = {"participant": PARTICIPANT, "document": DOCUMENT, "now": NOW, **kw}
    return trustmeta.verify_smp((SMP / file).read_bytes(), store, **args)


def test_endpoints_filtered_endpoints_and_signer(store: trustmeta.TrustStore) -> None:
    r = verify(store, "smp1-expired-endpoint.xml")
    assert r.version == "oasis-smp-1.0"
    assert (r.participant, r.document) == (PARTICIPANT, DOCUMENT)
    [e] = r.endpoints
    assert isinstance(e, trustmeta.Endpoint)
    assert (e.transport_profile, e.uri) == ("peppol-transport-as4-v2_0", "https://ap.example.org/as4")
    assert e.certificate_sha256 is not None and len(e.certificate_sha256) == 64
    [f] = r.filtered_endpoints
    assert f.reason == "expired" and f.endpoint.uri == "https://old-ap.example.org/as4"
    assert f.endpoint.expiration == datetime(2025, 12, 31, 23, tzinfo=timezone.utc)
    assert "2025-12-31T23:00:00Z" in f.message
    assert r.redirect is None and r.other_signatures == 0
    assert r.signer_sha256 is not None and len(r.signer_sha256) == 64
    assert r.signer_subject is not None and "CN=trustmeta test signer" in r.signer_subject
    assert r.signer_key == "RSA-2048" and not r.pinned
    assert r.references[0].uri == "" and len(r.chain) >= 2
    assert r.verified_at == NOW and r.legacy_algorithms == []
    assert "VerifiedServiceMetadata" in repr(r)


def test_smp2_dates_and_process_redirect(store: trustmeta.TrustStore) -> None:
    doc2 = DOCUMENT.replace("busdox-docid-qns", "bdx-docid-qns")
    r = verify(store, "smp2-exc.xml", document=doc2)
    assert r.version == "oasis-smp-2.0"
    e = r.endpoints[0]
    assert e.activation is not None and e.expiration is not None and e.activation < e.expiration
    assert e.activation.tzinfo is not None
    r = verify(store, "smp2-exc.xml", document=doc2, process="cenbii-procid-ubl::urn:example:redirected-process")
    assert r.endpoints == [] and r.redirect is not None
    assert len(r.redirect.certificates) == 1 and len(r.redirect.certificates[0]) == 64


def test_smp1_redirect(store: trustmeta.TrustStore) -> None:
    r = verify(store, "smp1-redirect.xml")
    assert r.redirect is not None and r.redirect.href.startswith("https://")
    assert r.redirect.certificate_uid is not None and r.participant is None


def redirect(store: trustmeta.TrustStore, first: str, target: str, **kw: object) -> trustmeta.VerifiedServiceMetadata:
    args: dict = {"participant": PARTICIPANT, "document": DOCUMENT, "now": NOW, **kw}
    return trustmeta.verify_smp_redirect((SMP / first).read_bytes(), (SMP / target).read_bytes(), store, **args)


def test_verify_smp_redirect_binds_the_target_signer(store: trustmeta.TrustStore) -> None:
    r = redirect(store, "smp1-redirect.xml", "smp1-exc.xml")
    assert r.participant == PARTICIPANT and r.redirect is None
    assert [e.uri for e in r.endpoints] == ["https://ap.example.org/as4"]
    for target, code in [
        ("smp1-other-signer.xml", "smp.redirect_signer_mismatch"),
        ("smp1-redirect.xml", "smp.double_redirect"),
    ]:
        with pytest.raises(trustmeta.SmpError) as info:
            redirect(store, "smp1-redirect.xml", target)
        assert info.value.code == code
    with pytest.raises(ValueError, match="not a redirect"):
        redirect(store, "smp1-exc.xml", "smp1-exc.xml")
    with pytest.raises(TypeError):
        trustmeta.verify_smp_redirect("x", b"", store, participant=PARTICIPANT, document=DOCUMENT)  # type: ignore[arg-type]


def test_replay_and_unanswered_questions_raise_smp_error(store: trustmeta.TrustStore) -> None:
    with pytest.raises(trustmeta.SmpError) as info:
        verify(store, "smp1-exc.xml", participant="iso6523-actorid-upis::0088:5798000000002")
    assert info.value.code == "smp.participant_mismatch" and info.value.number == 607
    assert isinstance(info.value, trustmeta.VerificationError)
    for kw, code in [
        ({"document": DOCUMENT.replace("Invoice", "CreditNote")}, "smp.document_mismatch"),
        ({"process": "cenbii-procid-ubl::urn:other"}, "smp.process_mismatch"),
        ({"transport_profile": "busdox-transport-as2-ver2p0"}, "smp.transport_profile_not_found"),
        ({"participant": ""}, "smp.bad_identifier"),
    ]:
        with pytest.raises(trustmeta.SmpError) as info:
            verify(store, "smp1-exc.xml", **kw)
        assert info.value.code == code, kw
    with pytest.raises(trustmeta.SmpError, match="no endpoint"):
        verify(store, "smp1-only-expired.xml")
    # Other layers keep their classes.
    with pytest.raises(trustmeta.UntrustedSigner):
        verify(trustmeta.TrustStore.from_pem((REPO / "tests/data/sample/signer.pem").read_bytes()), "smp1-other-signer.xml")


def test_argument_errors(store: trustmeta.TrustStore) -> None:
    with pytest.raises(TypeError, match="xml"):
        trustmeta.verify_smp("<x/>", store, participant=PARTICIPANT, document=DOCUMENT)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="store"):
        trustmeta.verify_smp(b"<x/>", object(), participant=PARTICIPANT, document=DOCUMENT)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        trustmeta.verify_smp(b"<x/>", store)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="timezone-aware"):
        verify(store, "smp1-exc.xml", now=datetime(2026, 6, 1))


def test_error_classes_of_smp_codes() -> None:
    smp_codes = [c for c in trustmeta.ERROR_CODES if c.startswith("smp.")]
    assert "smp.double_redirect" in smp_codes
    assert all(trustmeta.ERROR_CLASSES[c] is trustmeta.SmpError for c in smp_codes)
    assert trustmeta.SmpError.__mro__[1] is trustmeta.VerificationError
    assert trustmeta.SmpError.__module__ == "trustmeta.exceptions"


def test_smp_name() -> None:
    assert (
        trustmeta.smp_name("iso6523-actorid-upis::0088:123ABC", "participant.sml.test.tech.peppol.org")
        == "y7dzfxaf3d4cjz4kcgrxtec6twvcga4ky7zwa5boif6mswd4tdrq.iso6523-actorid-upis.participant.sml.test.tech.peppol.org"
    )
    assert trustmeta.smp_name("iso6523-actorid-upis::9915:test", "acc.edelivery.tech.ec.europa.eu", cname=True).startswith(
        "B-85008b8279e07ab0392da75fa55856a2."
    )
    with pytest.raises(trustmeta.SmpError) as info:
        trustmeta.smp_name("", "zone")
    assert info.value.code == "smp.bad_identifier"


# ---- examples/python/smp_lookup.py ------------------------------------------------


@pytest.fixture
def smp_server() -> Iterator[tuple[str, dict[str, str]]]:
    """An SMP on loopback: serves SMP/<name> for GET /<participant>/services/<document>
    where `served["file"]` names the record; records the paths asked for."""
    served: dict[str, str] = {"file": "smp1-exc.xml"}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            served["path"] = self.path
            body = (SMP / served["file"]).read_bytes() if "/services/" in self.path else b""
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", served
    finally:
        server.shutdown()
        server.server_close()


def lookup(url: str, *extra: str, participant: str = PARTICIPANT) -> subprocess.CompletedProcess[str]:
    args = [sys.executable, str(REPO / "examples/python/smp_lookup.py"), participant, DOCUMENT, "--trust", "tests/data/xmldsig-gen/pki/root.pem", "--smp-url", url, "--at", "2026-06-01T00:00:00Z", *extra]
    return subprocess.run(args, cwd=REPO, capture_output=True, text=True, timeout=60)


def test_lookup_example_fetches_and_verifies(smp_server: tuple[str, dict[str, str]]) -> None:
    url, served = smp_server
    out = lookup(url)
    assert out.returncode == 0, out.stdout + out.stderr
    assert served["path"] == "/iso6523-actorid-upis%3A%3A0088%3A5798000000001/services/busdox-docid-qns%3A%3Aurn%3Aoasis%3Anames%3Aspecification%3Aubl%3Aschema%3Axsd%3AInvoice-2%3A%3AInvoice%23%23urn%3Acen.eu%3Aen16931%3A2017%3A%3A2.1"
    lines = out.stdout.splitlines()
    assert lines[0].startswith("verified: oasis-smp-1.0 record from ")
    assert lines[1].startswith("endpoint: peppol-transport-as4-v2_0 https://ap.example.org/as4 certificate-sha256 ")
    served["file"] = "smp1-expired-endpoint.xml"
    out = lookup(url)
    assert out.returncode == 0 and "filtered: peppol-transport-as4-v2_0 https://old-ap.example.org/as4: expired at" in out.stdout


def test_lookup_example_refuses_a_replay(smp_server: tuple[str, dict[str, str]]) -> None:
    url, _ = smp_server
    out = lookup(url, participant="iso6523-actorid-upis::0088:5798000000002")
    assert out.returncode == 1
    assert out.stdout.startswith("rejected: ") and "(smp.participant_mismatch)" in out.stdout


def test_lookup_example_errors() -> None:
    out = lookup("http://127.0.0.1:9/")  # discard port: connection refused
    assert out.returncode == 2 and "error: GET http://127.0.0.1:9/" in out.stderr


def test_lookup_example_naptr_selection() -> None:
    sys.path.insert(0, str(REPO / "examples" / "python"))
    try:
        import smp_lookup
    finally:
        sys.path.pop(0)
    records = [
        (100, 20, "U", "Meta:SMP", "!^.*$!https://second.example/!"),
        (100, 10, "U", "Meta:SMP", "!^.*$!https://first.example/!"),
        (10, 10, "U", "Meta:OTHER", "!^.*$!https://other.example/!"),
        (10, 10, "S", "Meta:SMP", "!^.*$!https://srv.example/!"),
        (50, 10, "U", "Meta:SMP", "!^(.*)$!https://\\1.example/!"),
    ]
    assert smp_lookup.select_smp_url(records) == "https://first.example/"
    assert smp_lookup.select_smp_url(records[2:4]) is None
    assert smp_lookup.same_dn("CN=a, O=B,C=be", "c=BE,o=b,cn=A")


def _vefa(name: str) -> bytes:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from test_conformance import resolve

    return resolve(f"shared/vectors/smp/vefa-peppol/peppol-lookup/src/test/resources/{name}").read_bytes()


@pytest.mark.parametrize(
    ("name", "participant", "count", "version"),
    [
        ("busdox-servicegroup-0192-991825827.xml", "iso6523-actorid-upis::0192:991825827", 9, "peppol-busdox"),
        ("bdxr201605-servicegroup-9908-991825827.xml", "iso6523-actorid-upis::9908:991825827", 7, "oasis-smp-1.0"),
    ],
)
def test_verify_service_group_vectors(store: trustmeta.TrustStore, name: str, participant: str, count: int, version: str) -> None:
    xml = _vefa(name)
    when = datetime(2024, 1, 1, tzinfo=timezone.utc)
    with pytest.raises(trustmeta.VerificationError) as info:
        trustmeta.verify_service_group(xml, store, participant=participant, now=when)
    assert info.value.code == "dsig.missing_signature"
    g = trustmeta.verify_service_group(xml, store, participant=participant, allow_unsigned=True, now=when)
    assert isinstance(g, trustmeta.VerifiedServiceGroup)
    assert (g.version, g.participant, len(g.references)) == (version, participant, count)
    assert not g.signed and g.signer_sha256 is None
    assert all(isinstance(r, trustmeta.ServiceReference) and r.document is not None for r in g.references)
    with pytest.raises(trustmeta.SmpError) as info:
        trustmeta.verify_service_group(xml, store, participant="iso6523-actorid-upis::0192:1", allow_unsigned=True, now=when)
    assert info.value.code == "smp.participant_mismatch"


def test_verify_service_group_ours(store: trustmeta.TrustStore) -> None:
    xml = (SMP / "servicegroup-unsigned.xml").read_bytes()
    g = trustmeta.verify_service_group(xml, store, participant=PARTICIPANT, allow_unsigned=True, now=NOW)
    assert g.references and g.references[0].document is not None
    assert g.references[0].document.startswith("busdox-docid-qns::")
    assert g.references[0].href is not None
    with pytest.raises(trustmeta.SmpError) as info:
        trustmeta.verify_service_group(xml, store, participant="", allow_unsigned=True, now=NOW)
    assert info.value.code == "smp.bad_identifier"


def test_verify_smp_extension_signatures() -> None:
    pki = REPO / "tests/data/xmldsig-gen/pki"
    owner = trustmeta.TrustStore.from_pem((pki / "leaf-p256.pem").read_bytes())
    xml = (SMP / "ehealth-owner-signed.xml").read_bytes()
    [sig] = trustmeta.verify_smp_extension_signatures(xml, owner, now=NOW)
    assert isinstance(sig, trustmeta.ExtensionSignature)
    assert sig.covered_element == "ServiceMetadata"
    assert sig.signer_subject is not None and "P-256" in sig.signer_subject
    assert sig.verified_at == NOW
    wrong = trustmeta.TrustStore.from_pem((pki / "leaf-rsa2048.pem").read_bytes())
    with pytest.raises(trustmeta.VerificationError) as info:
        trustmeta.verify_smp_extension_signatures(xml, wrong, now=NOW)
    assert info.value.code == "pki.untrusted_signer"
    broken = (SMP / "ehealth-owner-signature-broken.xml").read_bytes()
    with pytest.raises(trustmeta.VerificationError) as info:
        trustmeta.verify_smp_extension_signatures(broken, owner, now=NOW)
    assert info.value.code == "dsig.digest_mismatch"
    with pytest.raises(trustmeta.VerificationError) as info:
        trustmeta.verify_smp_extension_signatures((SMP / "smp1-exc.xml").read_bytes(), owner, now=NOW)
    assert info.value.code == "dsig.missing_signature"
    # One byte inside ServiceMetadata breaks the owner's signature as well as the SMP's.
    with pytest.raises(trustmeta.VerificationError) as info:
        trustmeta.verify_smp_extension_signatures((SMP / "ehealth-owner-tampered.xml").read_bytes(), owner, now=NOW)
    assert info.value.code == "dsig.digest_mismatch"
    # A change inside the SMP's signature leaves the owner's intact.
    [sig] = trustmeta.verify_smp_extension_signatures(
        (SMP / "ehealth-owner-smp-signature-changed.xml").read_bytes(), owner, now=NOW
    )
    assert sig.covered_element == "ServiceMetadata"
    # Signed over ServiceInformation alone: the profile's refusal, which names it.
    with pytest.raises(trustmeta.SmpError) as info:
        trustmeta.verify_smp_extension_signatures(
            (SMP / "ehealth-owner-over-serviceinformation.xml").read_bytes(), owner, now=NOW
        )
    assert info.value.code == "smp.signature_profile"
    assert "ServiceInformation" in str(info.value)


def test_verify_smp_checks_endpoint_certificates_with_ap_store(store: trustmeta.TrustStore) -> None:
    pki = REPO / "tests/data/xmldsig-gen/pki"
    ap = trustmeta.TrustStore.from_pem((pki / "root.pem").read_bytes())
    ap.add_intermediates_pem((pki / "intermediate.pem").read_bytes())
    [e] = verify(store, "smp1-exc.xml", ap_store=ap).endpoints
    assert e.certificate_trusted is True and e.certificate_error is None
    other = trustmeta.TrustStore.from_pem((REPO / "tests/data/sample/signer.pem").read_bytes())
    [e] = verify(store, "smp1-exc.xml", ap_store=other).endpoints
    assert e.certificate_trusted is False and e.certificate_error == "pki.untrusted_signer"
    [e] = verify(store, "smp1-exc.xml").endpoints
    assert e.certificate_trusted is None and e.certificate_error is None
    with pytest.raises(TypeError, match="ap_store"):
        verify(store, "smp1-exc.xml", ap_store="root.pem")
