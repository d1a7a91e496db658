"""trustmeta.verify_saml_response, verify_saml_request, verify_saml_request_redirect,
decode_post_binding, IssuerTrust and ReplayCache: every row of
tests/conformance/saml-cases.tsv (one test each, ``test_saml_case[<id>]``, closing with the
line ``python-saml: N passed, M failed`` printed by conftest.py), then the fields of our
signed messages, the replay cache, STORK attribute statuses, a signature-wrapping attempt
and the bindings."""

from __future__ import annotations

import csv
import os
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

import pytest

import trustmeta

REPO = Path(__file__).resolve().parents[2]
CASES = REPO / "tests" / "conformance" / "saml-cases.tsv"
SIGNED = REPO / "tests" / "data" / "saml" / "signed"
PKI = REPO / "tests" / "data" / "xmldsig-gen" / "pki"
NOW = datetime(2026, 6, 1, 10, 1, tzinfo=timezone.utc)
AUDIENCE = "https://sp.example.org/metadata"
ACS = "https://sp.example.org/acs"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"


def resolve(path: str) -> Path:
    """``shared/…`` in $TRUSTMETA_SHARED (default ../shared beside the repository), other
    paths in the repository."""
    if path.startswith("shared/"):
        shared = Path(os.environ.get("TRUSTMETA_SHARED") or REPO.parent / "shared")
        return shared / path[len("shared/") :]
    return REPO / path


class SamlCase(NamedTuple):
    id: str
    kind: str
    file: str
    encoding: str
    trust: str
    at: str
    audience: str
    acs: str
    request_id: str
    options: str
    expect: str


def load_cases() -> list[SamlCase]:
    with CASES.open(newline="", encoding="utf-8") as f:
        rows = [r for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if r and not r[0].startswith("#")]
    assert rows[0] == list(SamlCase._fields), rows[0]
    return [SamlCase(*r) for r in rows[1:]]


def trust_of(column: str) -> trustmeta.IssuerTrust:
    """``cert:``/``pem:`` files through ``add_pem``, ``key:`` files through
    ``add_keys_pem``; trusted for any issuer."""
    store = trustmeta.TrustStore()
    for token in column.split(","):
        kind, path = token.split(":", 1)
        pem = resolve(path).read_bytes()
        if kind == "key":
            store.add_keys_pem(pem)
        elif kind in ("cert", "pem"):
            store.add_pem(pem)
        else:
            raise AssertionError(f"unknown trust kind {kind}")
    return trustmeta.IssuerTrust.any_issuer(store)


def options_of(column: str) -> dict:
    out: dict = {}
    for opt in column.split(","):
        if opt == "-":
            continue
        key, _, value = opt.partition("=")
        if key == "allow_sha1":
            out["allow_sha1"] = True
        elif key in ("min_rsa_bits", "skew", "max_age"):
            out[key] = int(value)
        elif key in ("profile", "signed", "destination"):
            out[key] = value
        else:
            raise AssertionError(f"unknown option {key}")
    return out


def run_case(case: SamlCase) -> str:
    raw = resolve(case.file).read_bytes()
    opts = options_of(case.options)
    now = datetime.fromisoformat(case.at.replace("Z", "+00:00"))
    try:
        xml = trustmeta.decode_post_binding(re.sub(rb"\s", b"", raw)) if case.encoding == "b64" else raw
        trust = trust_of(case.trust)
        if case.kind == "response":
            opts.pop("max_age", None)
            opts.pop("destination", None)
            cache = trustmeta.ReplayCache(16)
            r = trustmeta.verify_saml_response(
                xml,
                trust,
                audience=case.audience,
                acs=case.acs,
                request_id=None if case.request_id == "-" else case.request_id,
                now=now,
                cache=cache,
                **opts,
            )
            assert len(cache) == 1 and r.signatures and r.signatures[0].verified_at == now
            return f"ok {r.name_id if r.name_id is not None else '-'}"
        opts.pop("signed", None)
        req = trustmeta.verify_saml_request(xml, trust, now=now, **opts)
        assert req.signature is not None and req.signature.verified_at == now
        return f"ok {req.id}"
    except trustmeta.VerificationError as e:
        return e.code


def pytest_generate_tests(metafunc) -> None:
    if "saml_case" in metafunc.fixturenames:
        cases = load_cases()
        metafunc.parametrize("saml_case", cases, ids=[c.id for c in cases])


def test_saml_case(saml_case: SamlCase) -> None:
    assert run_case(saml_case) == saml_case.expect


def test_the_table_has_every_case() -> None:
    assert len(load_cases()) == 69


# -- our signed messages -------------------------------------------------------------


def store(name: str) -> trustmeta.TrustStore:
    return trustmeta.TrustStore.from_pem((PKI / f"{name}.pem").read_bytes())


@pytest.fixture
def trust() -> trustmeta.IssuerTrust:
    return trustmeta.IssuerTrust.any_issuer(store("leaf-rsa2048"))


def response(file: str, trust: trustmeta.IssuerTrust, **kw: object) -> trustmeta.VerifiedSamlResponse:
    args: dict = {"audience": AUDIENCE, "acs": ACS, "request_id": "_req-4711", "now": NOW, **kw}
    return trustmeta.verify_saml_response((SIGNED / file).read_bytes(), trust, **args)


def test_response_fields(trust: trustmeta.IssuerTrust) -> None:
    r = response("assertion-signed.xml", trust)
    assert (r.id, r.assertion_id, r.issuer) == ("_resp-1", "_assert-1", "https://idp.example.org/")
    assert (r.in_response_to, r.destination) == ("_req-4711", ACS)
    assert r.name_id == "ross@octolabs.io"
    assert r.name_id_format == "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
    assert [(a.name, a.friendly_name, a.values, a.status) for a in r.attributes] == [
        ("urn:oid:2.5.4.42", "givenName", ["Ross"], None),
        ("urn:oid:1.3.6.1.4.1.5923.1.1.1.7", "eduPersonEntitlement", ["urn:example:admin", "urn:example:staff"], None),
    ]
    assert r.attributes[0].name_format == "urn:oasis:names:tc:SAML:2.0:attrname-format:uri"
    assert r.attribute("givenName") == r.attributes[0]
    assert r.attribute("surname") is None
    assert r.loa == "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
    assert r.stork_qaa is None
    assert r.session_index == "_session-1"
    assert r.issue_instant == datetime(2026, 6, 1, 10, 0, tzinfo=timezone.utc)
    assert r.not_on_or_after == datetime(2026, 6, 1, 10, 5, tzinfo=timezone.utc)
    assert r.audiences == [AUDIENCE]
    assert r.signed_by == "assertion"
    assert len(r.signatures) == 1
    sig = r.signatures[0]
    assert sig.signature_algorithm == RSA_SHA256
    assert "signer RSA-2048" in (sig.signer_subject or "")
    assert not hasattr(sig, "signed_xml")  # a report, not a document
    assert response("response-signed.xml", trust, signed="response").signed_by == "response"


def test_replay_is_refused_with_one_cache(trust: trustmeta.IssuerTrust) -> None:
    cache = trustmeta.ReplayCache(100)
    assert cache.capacity == 100 and len(cache) == 0
    response("assertion-signed.xml", trust, cache=cache)
    assert len(cache) == 1
    with pytest.raises(trustmeta.SamlError) as e:
        response("assertion-signed.xml", trust, cache=cache)
    assert e.value.code == "saml.replay"
    assert "_assert-1" in e.value.message
    assert len(cache) == 1
    # Another cache (or none) has not seen it.
    response("assertion-signed.xml", trust, cache=trustmeta.ReplayCache(100))
    response("assertion-signed.xml", trust)
    response("assertion-signed.xml", trust)
    # A refused response never fills the cache.
    fresh = trustmeta.ReplayCache(100)
    with pytest.raises(trustmeta.SamlError, match="audience"):
        response("assertion-signed.xml", trust, audience="https://other.example/", cache=fresh)
    assert len(fresh) == 0


def test_stork_attribute_statuses(trust: trustmeta.IssuerTrust) -> None:
    with pytest.raises(trustmeta.UnsupportedAlgorithm) as e:
        response("stork-legacy-sha1.xml", trust, profile="stork")
    assert e.value.code == "dsig.algorithm_refused"
    r = response("stork-legacy-sha1.xml", trust, profile="stork", allow_sha1=True)
    assert [(a.name.rsplit("/", 1)[1], a.values, a.status) for a in r.attributes] == [
        ("eIdentifier", ["ES/AT/02635542Y"], "Available"),
        ("givenName", ["Javier"], "Available"),
        ("dateOfBirth", [], "NotAvailable"),
        ("isAgeOver", [], "Withheld"),
    ]
    assert r.stork_qaa == 3
    assert "rsa-sha1" in r.signatures[0].legacy_algorithms


def test_signature_wrapping_is_refused(trust: trustmeta.IssuerTrust) -> None:
    xml = (SIGNED / "assertion-signed.xml").read_bytes()
    signed = re.search(rb"<saml:Assertion .*</saml:Assertion>", xml, re.S)
    assert signed is not None
    # XSW: the signed assertion moved into Extensions, a forged copy (another subject, no
    # signature) put where the relying party reads the assertion.
    forged = re.sub(rb"<ds:Signature.*</ds:Signature>", b"", signed.group(0), flags=re.S)
    forged = forged.replace(b'ID="_assert-1"', b'ID="_evil"').replace(b"ross@octolabs.io", b"admin@octolabs.io")
    wrapped = xml.replace(
        signed.group(0),
        b"<samlp:Extensions>" + signed.group(0) + b"</samlp:Extensions>" + forged,
    )
    with pytest.raises(trustmeta.SamlError) as e:
        trustmeta.verify_saml_response(wrapped, trust, audience=AUDIENCE, acs=ACS, request_id="_req-4711", now=NOW)
    assert e.value.code == "saml.signature_profile"
    # The forged assertion alone is unsigned.
    alone = xml.replace(signed.group(0), forged)
    with pytest.raises(trustmeta.SamlError) as e:
        trustmeta.verify_saml_response(alone, trust, audience=AUDIENCE, acs=ACS, request_id="_req-4711", now=NOW)
    assert e.value.code == "saml.unsigned"


def test_issuer_trust_per_entity_id() -> None:
    trust = trustmeta.IssuerTrust()
    trust.add("https://idp.example.org/", store("leaf-rsa2048"))
    assert trust.issuers == ["https://idp.example.org/"]
    assert response("assertion-signed.xml", trust).issuer == "https://idp.example.org/"
    other = trustmeta.IssuerTrust()
    other.add("https://other.example.org/", store("leaf-rsa2048"))
    with pytest.raises(trustmeta.SamlError) as e:
        response("assertion-signed.xml", other)
    assert e.value.code == "saml.unknown_issuer"
    # Another issuer's key does not sign for this one.
    wrong = trustmeta.IssuerTrust()
    wrong.add("https://idp.example.org/", store("leaf-p256"))
    with pytest.raises(trustmeta.VerificationError) as e:
        response("assertion-signed.xml", wrong)
    assert e.value.code.startswith("pki.")


def test_bad_arguments(trust: trustmeta.IssuerTrust) -> None:
    xml = (SIGNED / "assertion-signed.xml").read_bytes()
    with pytest.raises(ValueError, match="profile"):
        trustmeta.verify_saml_response(xml, trust, audience=AUDIENCE, acs=ACS, profile="saml2")
    with pytest.raises(ValueError, match="signed"):
        trustmeta.verify_saml_response(xml, trust, audience=AUDIENCE, acs=ACS, signed="all")
    with pytest.raises(ValueError, match="skew"):
        trustmeta.verify_saml_response(xml, trust, audience=AUDIENCE, acs=ACS, skew=-1)
    with pytest.raises(TypeError, match="IssuerTrust"):
        trustmeta.verify_saml_response(xml, store("leaf-rsa2048"), audience=AUDIENCE, acs=ACS)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="bytes"):
        trustmeta.verify_saml_response(xml.decode(), trust, audience=AUDIENCE, acs=ACS)  # type: ignore[arg-type]
    with pytest.raises(trustmeta.SamlError) as e:
        trustmeta.verify_saml_response(xml, trust, audience=AUDIENCE, acs=ACS, now=NOW)
    assert e.value.code == "saml.in_response_to_mismatch"
    assert trustmeta.ERROR_CLASSES["saml.replay"] is trustmeta.SamlError


def test_stork_request() -> None:
    trust = trustmeta.IssuerTrust.any_issuer(store("leaf-rsa2048"))
    xml = (SIGNED / "stork-request.xml").read_bytes()
    r = trustmeta.verify_saml_request(
        xml, trust, destination="https://peps.example.org/PEPS/ServiceProvider", profile="stork", now=NOW
    )
    assert (r.id, r.acs_url, r.provider_name) == ("_stork-req-1", ACS, "DEMO-SP")
    assert r.stork_qaa == 3
    assert (r.stork_sp_sector, r.stork_sp_institution, r.stork_sp_application, r.stork_sp_country) == (
        "EDU001",
        "OXF001",
        "APP001",
        "XX",
    )
    assert [(a.name.rsplit("/", 1)[1], a.required) for a in r.requested_attributes] == [
        ("eIdentifier", True),
        ("isAgeOver", False),
    ]
    assert r.signature is not None and r.relay_state is None and r.redirect_signature_algorithm is None
    with pytest.raises(trustmeta.SamlError) as e:
        trustmeta.verify_saml_request(xml, trust, destination="https://other.example/", profile="stork", now=NOW)
    assert e.value.code == "saml.destination_mismatch"


def test_redirect_request() -> None:
    trust = trustmeta.IssuerTrust.any_issuer(store("leaf-rsa2048"))
    query = (SIGNED / "redirect-request.query").read_text().strip()
    r = trustmeta.verify_saml_request_redirect(query, trust, now=NOW)
    assert (r.id, r.relay_state, r.redirect_signature_algorithm) == ("_eidas-req-1", "state/42", RSA_SHA256)
    assert r.signature is None
    assert (r.sp_type, r.requested_loa, r.loa_comparison) == (
        "public",
        ["http://eidas.europa.eu/LoA/substantial"],
        "minimum",
    )
    with pytest.raises(trustmeta.InvalidSignature) as e:
        trustmeta.verify_saml_request_redirect(query.replace("state%2F42", "state%2F43"), trust, now=NOW)
    assert e.value.code == "crypto.bad_signature"
    with pytest.raises(trustmeta.UnsupportedAlgorithm):
        trustmeta.verify_saml_request_redirect(query, trust, now=NOW, profile="eidas")
    with pytest.raises(trustmeta.SamlError) as e:
        trustmeta.verify_saml_request_redirect(query.split("&SigAlg=")[0], trust, now=NOW)
    assert e.value.code == "saml.binding"


def test_post_binding() -> None:
    assert trustmeta.decode_post_binding(b"PHNhbWxwOlJl\r\nc3BvbnNlLz4=", relay_state="abc") == b"<samlp:Response/>"
    with pytest.raises(trustmeta.SamlError) as e:
        trustmeta.decode_post_binding(b"!!!")
    assert e.value.code == "saml.binding"
    with pytest.raises(trustmeta.SamlError):
        trustmeta.decode_post_binding(b"PHNhbWxwOlJlc3BvbnNlLz4=", relay_state="r" * 81)
    assert trustmeta.decode_post_binding(b"PHNhbWxwOlJlc3BvbnNlLz4=", relay_state="r" * 80) == b"<samlp:Response/>"


def test_add_keys_pem_ignores_validity_and_refuses_bare_keys() -> None:
    s = trustmeta.TrustStore()
    s.add_keys_pem((PKI / "leaf-rsa2048.pem").read_bytes())
    assert len(s) == 1 and s.certificates == []
    with pytest.raises(trustmeta.UntrustedSigner) as e:
        s.add_keys_pem((REPO / "tests" / "data" / "xmldsig-keys" / "interop2012-rsa.pem").read_bytes())
    assert e.value.code == "pki.bad_pem"
    assert len(s) == 1
