"""Signed means signed, through the Python API: the attack documents of tests/data/attacks
(made by make_signed.sh there; README.md and expected.tsv say what each must give) carry
signatures that xmlsec1 accepts, with forged content where a signature does not look —
inside a ``ds:Object``, which the enveloped transform cuts out of the digest — or XML
that only a lenient reader would take. Each test also checks the document is the threat
it claims to be, so that a refusal for another reason would not pass unnoticed.

Verification settings are those of tests/data/attacks/README.md."""

from __future__ import annotations

import base64
import ssl
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

import pytest

import trustmeta

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
ATTACKS = DATA / "attacks" / "signed"
PKI = DATA / "xmldsig-gen" / "pki"
METADATA = DATA / "metadata" / "signed"
NOW = datetime(2026, 6, 1, 10, tzinfo=timezone.utc)
AUDIENCE = "https://sp.example.org/metadata"
ACS = "https://sp.example.org/acs"
# The entity injected into the metadata, and the issuer of the attacker's SAML response.
INJECTED = "https://idp.example.org/"
HM = "urn:etoegang:HM:00000005000000000000:entities:1"
SMP_QUESTION = {
    "participant": "iso6523-actorid-upis::0088:5798000000001",
    "document": "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1",
    "now": datetime(2026, 6, 1, tzinfo=timezone.utc),
}


def der(name: str) -> bytes:
    return ssl.PEM_cert_to_DER_cert((PKI / f"{name}.pem").read_text())


@pytest.fixture(scope="module")
def federation() -> trustmeta.TrustStore:
    return trustmeta.TrustStore.from_pem((METADATA / "signer.pem").read_bytes())


@pytest.fixture(scope="module")
def original(federation: trustmeta.TrustStore) -> trustmeta.VerifiedMetadata:
    """The aggregate both metadata attacks start from."""
    return trustmeta.verify_metadata((METADATA / "aggregate.xml").read_bytes(), federation, now=NOW, profile="etoegang")


def saml_response(xml: bytes, trust: trustmeta.IssuerTrust, **kw: object) -> trustmeta.VerifiedSamlResponse:
    args: dict[str, Any] = {"audience": AUDIENCE, "acs": ACS, "request_id": "_req-4711", "now": NOW, **kw}
    return trustmeta.verify_saml_response(xml, trust, **args)


def attacker_trusted_for(issuer: str) -> trustmeta.IssuerTrust:
    keys = trustmeta.TrustStore()
    keys.add_keys_pem((PKI / "attacker-rsa2048.pem").read_bytes())
    trust = trustmeta.IssuerTrust()
    trust.add(issuer, keys)
    return trust


def streaming_paths(data: bytes, store: trustmeta.TrustStore, tmp_path: Path, **kw: Any) -> list[Callable[[], trustmeta.VerifiedMetadata]]:
    """The streaming paths: in pieces, from a file, and above 4 MiB through
    ``verify_metadata``."""
    file = tmp_path / "metadata.xml"
    file.write_bytes(data)
    big = data + b"<!--" + b"x" * (4 * 1024 * 1024) + b"-->\n"

    def pieces() -> trustmeta.VerifiedMetadata:
        v = trustmeta.MetadataStreamVerifier(store, **kw)
        for i in range(0, len(data), 1000):
            v.feed(data[i : i + 1000])
        return v.finish()

    return [
        pieces,
        lambda: trustmeta.verify_metadata_file(file, store, **kw),
        lambda: trustmeta.verify_metadata(big, store, **kw),
    ]


def every_path(data: bytes, store: trustmeta.TrustStore, tmp_path: Path, **kw: Any) -> list[Callable[[], object]]:
    """The calls that verify metadata: in memory, the streaming paths, and into issuer
    trust."""
    return [
        lambda: trustmeta.verify_metadata(data, store, **kw),
        *streaming_paths(data, store, tmp_path, **kw),
        lambda: trustmeta.metadata_issuer_trust(data, store, **kw),
    ]


# -- the table ----------------------------------------------------------------------------


def expected_rows() -> list[tuple[str, str, str]]:
    lines = (DATA / "attacks" / "expected.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t")[:3] == ["file", "operation", "expected"]
    rows = []
    for line in lines[1:]:
        if line:
            file, operation, expected = line.split("\t")[:3]
            rows.append((file, operation, expected))
    return rows


def outcome(file: str, operation: str) -> str:
    """``ok`` or the code of the refusal, verified as tests/data/attacks/README.md says."""
    data = (DATA / "attacks" / file).read_bytes()
    name = Path(file).name
    try:
        if operation == "metadata":
            federation = trustmeta.TrustStore.from_pem((METADATA / "signer.pem").read_bytes())
            md = trustmeta.verify_metadata(data, federation, now=NOW, profile="etoegang")
            assert md.entities == len(md.entity_ids()) == 7
        elif operation == "saml-response":
            trust = trustmeta.IssuerTrust.any_issuer(trustmeta.TrustStore.from_pem((PKI / "leaf-rsa2048.pem").read_bytes()))
            saml_response(data, trust, profile="stork" if name.startswith("stork-") else "generic")
        elif operation == "smp":
            root = trustmeta.TrustStore.from_pem((PKI / "root.pem").read_bytes())
            trustmeta.verify_smp(data, root, **SMP_QUESTION)  # type: ignore[arg-type]
        else:
            raise AssertionError(f"unknown operation {operation}")
    except trustmeta.VerificationError as e:
        return e.code
    return "ok"


@pytest.mark.parametrize(("file", "operation", "expected"), expected_rows(), ids=[r[0] for r in expected_rows()])
def test_every_attack_document_gives_what_the_table_says(file: str, operation: str, expected: str) -> None:
    assert outcome(file, operation) == expected


def test_the_table_has_every_attack_document() -> None:
    listed = sorted(Path(f).name for f, _, _ in expected_rows())
    assert listed == sorted(p.name for p in ATTACKS.glob("*.xml"))
    assert len(listed) == 13


# -- the attacker's SAML response --------------------------------------------------------


def test_the_attackers_response_verifies_where_its_key_is_trusted() -> None:
    # What the metadata attacks are after: were the attacker's key trusted for
    # https://idp.example.org/, this response would be accepted.
    r = saml_response((DATA / "saml" / "signed" / "attacker-signed.xml").read_bytes(), attacker_trusted_for(INJECTED))
    assert (r.issuer, r.name_id, r.audiences) == (INJECTED, "ross@octolabs.io", [AUDIENCE])


# -- metadata: an entity in ds:Object ---------------------------------------------------


def test_an_entity_in_the_root_signatures_object_is_refused(federation: trustmeta.TrustStore, tmp_path: Path) -> None:
    data = (ATTACKS / "metadata-object-entity.xml").read_bytes()
    # The forged entity is there, with the attacker's certificate …
    assert f'<ds:Object><md:EntityDescriptor entityID="{INJECTED}">'.encode() in data
    assert base64.b64encode(der("attacker-rsa2048")) in data
    # … inside the one signature of the aggregate, which is intact: the same document
    # without the ds:Object is the aggregate that verifies.
    start = data.index(b"<ds:Object>")
    end = data.index(b"</ds:Object>") + len(b"</ds:Object>")
    assert data[:start] + data[end:] == (METADATA / "aggregate.xml").read_bytes()
    for profile in ("generic", "etoegang"):
        for call in every_path(data, federation, tmp_path, now=NOW, profile=profile):
            with pytest.raises(trustmeta.MalformedSignature) as e:
                call()
            assert e.value.code == "dsig.object_refused", profile
            assert "ds:Object" in e.value.message


def test_an_entity_in_a_nested_signatures_object_is_never_an_entity(federation: trustmeta.TrustStore, original: trustmeta.VerifiedMetadata, tmp_path: Path) -> None:
    data = (ATTACKS / "metadata-nested-object-entity.xml").read_bytes()
    # The forged entity sits in a ds:Object of the HM entity's own signature, and the
    # aggregate's signature covers it: the document verifies.
    assert data.count(f'entityID="{INJECTED}"'.encode()) == 1
    assert base64.b64encode(der("attacker-rsa2048")) in data
    md = trustmeta.verify_metadata(data, federation, now=NOW, profile="etoegang")
    assert md.streamed is False and md.nested_signatures == 1
    # Exactly the entities of the original aggregate.
    assert md.entities == original.entities == 7
    assert md.entity_ids() == original.entity_ids()
    assert INJECTED not in [i for i, _ in md.entity_ids()]
    assert md.find_entity(INJECTED) is None
    every = md.read_entities()
    assert [e.entity_id for e in every] == [i for i, _ in original.entity_ids()]
    assert all(der("attacker-rsa2048") not in e.signing_certificates + e.encryption_certificates for e in every)
    # The entity whose signature carries it reads as before.
    hm, before = md.find_entity(HM), original.find_entity(HM)
    assert hm is not None and before is not None
    assert (hm.roles, hm.group, hm.signing_certificates, hm.endpoints) == (before.roles, before.group, before.signing_certificates, before.endpoints)
    assert hm.signing_certificates == [der("leaf-p256")]
    # Every streaming path lists the same entities.
    for call in streaming_paths(data, federation, tmp_path, now=NOW, profile="etoegang"):
        s = call()
        assert s.streamed is True and s.entity_ids() == original.entity_ids()
        assert s.nested_signatures == 1


def test_metadata_gives_the_attackers_key_no_trust(federation: trustmeta.TrustStore) -> None:
    attacker_response = (DATA / "saml" / "signed" / "attacker-signed.xml").read_bytes()
    # Refused outright when the forged entity is in the root signature …
    with pytest.raises(trustmeta.MalformedSignature) as e:
        trustmeta.metadata_issuer_trust((ATTACKS / "metadata-object-entity.xml").read_bytes(), federation, now=NOW)
    assert e.value.code == "dsig.object_refused"
    # … and never an issuer when it is in a nested signature.
    nested = (ATTACKS / "metadata-nested-object-entity.xml").read_bytes()
    trust = trustmeta.metadata_issuer_trust(nested, federation, now=NOW, profile="etoegang")
    original = trustmeta.metadata_issuer_trust((METADATA / "aggregate.xml").read_bytes(), federation, now=NOW, profile="etoegang")
    assert trust.issuers == original.issuers
    assert INJECTED not in trust.issuers and HM in trust.issuers
    # So the attacker's response names an issuer nobody trusts.
    with pytest.raises(trustmeta.SamlError) as unknown:
        saml_response(attacker_response, trust)
    assert unknown.value.code == "saml.unknown_issuer"


# -- SAML: a STORK QAA in ds:Object -----------------------------------------------------


def test_a_stork_qaa_in_the_assertion_signatures_object_is_refused() -> None:
    trust = trustmeta.IssuerTrust.any_issuer(trustmeta.TrustStore.from_pem((PKI / "leaf-rsa2048.pem").read_bytes()))
    # The signed response, QAA 1 in the signed AuthnContextDecl.
    ok = saml_response((ATTACKS / "stork-qaa1.xml").read_bytes(), trust, profile="stork")
    assert ok.stork_qaa == 1 and ok.signed_by == "assertion"
    # The same with a QAA 4 in a ds:Object of the assertion's signature.
    data = (ATTACKS / "stork-object-qaa.xml").read_bytes()
    assert b"<ds:Object><stork:QualityAuthenticationAssuranceLevel" in data and b">4</stork:QualityAuthenticationAssuranceLevel></ds:Object>" in data
    for profile in ("stork", "generic"):
        with pytest.raises(trustmeta.SamlError) as e:
            saml_response(data, trust, profile=profile)
        assert e.value.code == "saml.signature_profile", profile


# -- SMP: two default namespaces ----------------------------------------------------------


def test_an_smp_record_declaring_the_default_namespace_twice_is_not_xml() -> None:
    root = trustmeta.TrustStore.from_pem((PKI / "root.pem").read_bytes())
    # The record it comes from is signed, and refused for its expired endpoint …
    with pytest.raises(trustmeta.SmpError) as e:
        trustmeta.verify_smp((DATA / "smp" / "signed" / "smp1-only-expired.xml").read_bytes(), root, **SMP_QUESTION)  # type: ignore[arg-type]
    assert e.value.code == "smp.no_active_endpoint"
    # … which a reader keeping the first of two xmlns would no longer see.
    data = (ATTACKS / "smp-duplicate-xmlns.xml").read_bytes()
    assert b'<ServiceExpirationDate xmlns="urn:evil" xmlns="http://docs.oasis-open.org/bdxr/ns/SMP/2016/05">' in data
    for call in (
        lambda: trustmeta.verify_smp(data, root, **SMP_QUESTION),  # type: ignore[arg-type]
        lambda: trustmeta.verify(data, root, now=SMP_QUESTION["now"]),  # type: ignore[arg-type]
    ):
        with pytest.raises(trustmeta.MalformedDocument) as refused:
            call()
        assert refused.value.code == "xml.duplicate_attribute"
        assert refused.value.number == 112
