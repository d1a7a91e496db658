"""trustmeta.verify_metadata, verify_metadata_file, MetadataStreamVerifier, the lookups of
VerifiedMetadata (entity_ids, find_entity, read_entities) and metadata_issuer_trust on the
xmlsec1-signed eToegang-style aggregate of tests/data/metadata (made by make_signed.sh;
its values are those core/tests/metadata.rs and core/src/metadata/lookup.rs check), its
signed variants in python/tests/data (made by make_signed.sh there) and the identity
provider metadata of tests/data/saml."""

from __future__ import annotations

import hashlib
import ssl
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import trustmeta

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "metadata" / "signed"
AGGREGATE = DATA / "aggregate.xml"
PKI = REPO / "tests" / "data" / "xmldsig-gen" / "pki"
SAML = REPO / "tests" / "data" / "saml" / "signed"
VARIANTS = Path(__file__).resolve().parent / "data"
NOW = datetime(2026, 6, 1, tzinfo=timezone.utc)
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
ROLE = "urn:etoegang:role:"
AD1 = "urn:etoegang:AD:00000001000000000000:entities:1"
AD2 = "urn:etoegang:AD:00000001000000000001:entities:2"
MR = "urn:etoegang:MR:00000002000000000000:entities:1"
KR = "urn:etoegang:KR:00000003000000000000:entities:1"
EB = "urn:etoegang:IS:00000004000000000000:entities:eidas-berichtenservice"
HM = "urn:etoegang:HM:00000005000000000000:entities:1"
DV = "urn:etoegang:DV:00000006000000000000:entities:1"
GROUPS = [ROLE + g for g in ("Authenticatiediensten", "Machtigingenregisters", "Koppelregisters", "Interstelseldiensten", "Herkenningsmakelaars", "Dienstverleners")]


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def der(pem_path: Path) -> bytes:
    return ssl.PEM_cert_to_DER_cert(pem_path.read_text())


def pem_store(path: Path) -> trustmeta.TrustStore:
    return trustmeta.TrustStore.from_pem(path.read_bytes())


@pytest.fixture(scope="module")
def signer() -> trustmeta.TrustStore:
    return pem_store(DATA / "signer.pem")


@pytest.fixture(scope="module")
def xml() -> bytes:
    return AGGREGATE.read_bytes()


@pytest.fixture(scope="module")
def md(xml: bytes, signer: trustmeta.TrustStore) -> trustmeta.VerifiedMetadata:
    return trustmeta.verify_metadata(xml, signer, now=NOW, profile="etoegang")


def summary(m: trustmeta.VerifiedMetadata) -> tuple:
    """Everything but ``streamed``: what both paths must agree on."""
    return (
        m.root, m.id, m.name, m.entity_id, m.valid_until, m.cache_duration,
        m.expires, m.publisher, m.creation_instant, m.entities, m.groups,
        m.etoegang, m.nested_signatures,
        m.signer_sha256, m.signer_subject, m.signer_key, m.pinned, m.signature_algorithm,
        m.canonicalization, m.references, m.legacy_algorithms, m.chain, m.verified_at,
    )  # fmt: skip


def streamed(data: bytes, store: trustmeta.TrustStore, chunk: int, **kw: object) -> trustmeta.VerifiedMetadata:
    v = trustmeta.MetadataStreamVerifier(store, **kw)  # type: ignore[arg-type]
    for i in range(0, len(data), chunk):
        v.feed(data[i : i + chunk])
    return v.finish()


def tampered(data: bytes) -> bytes:
    """One byte of signed content changed (the service provider's ACS location)."""
    out = data.replace(b"https://sp.example.nl/acs", b"https://sp.example.nl/acx", 1)
    assert out != data and len(out) == len(data)
    return out


# -- the summary ------------------------------------------------------------------------


def test_the_aggregate_summary(md: trustmeta.VerifiedMetadata, signer: trustmeta.TrustStore) -> None:
    assert (md.root, md.id, md.entity_id) == ("EntitiesDescriptor", "_agg-36", None)
    assert md.name == "urn:etoegang:1.13:metadata:P:36"
    assert md.etoegang is not None
    assert (md.etoegang.version, md.etoegang.environment, md.etoegang.sequence) == ("1.13", "P", 36)
    assert md.valid_until == utc("2026-07-01T00:00:00Z")
    assert md.cache_duration is not None
    assert md.cache_duration.seconds == timedelta(days=7).total_seconds() and md.cache_duration.months == 0
    # cacheDuration P7D from the verification time comes before validUntil.
    assert md.expires == utc("2026-06-08T00:00:00Z")
    assert md.publisher == "urn:etoegang:publisher:test"
    assert md.creation_instant == utc("2026-05-28T12:00:00Z")
    assert md.entities == 7
    assert md.groups == GROUPS
    assert md.streamed is False and md.nested_signatures == 0
    assert md.verified_at == NOW


def test_the_signer(md: trustmeta.VerifiedMetadata, signer: trustmeta.TrustStore) -> None:
    assert md.signer_sha256 == hashlib.sha256(der(DATA / "signer.pem")).hexdigest()
    assert md.signer_subject == signer.certificates[0][0]
    assert (md.signer_key, md.pinned) == ("RSA-2048", True)
    assert (md.signature_algorithm, md.canonicalization) == (RSA_SHA256, EXC_C14N)
    assert [(r.uri, r.element, r.transforms) for r in md.references] == [("#_agg-36", "EntitiesDescriptor", ["enveloped-signature", "exc-c14n"])]
    assert md.legacy_algorithms == []
    assert md.chain == signer.certificates
    assert repr(md) == f"<trustmeta.VerifiedMetadata root='EntitiesDescriptor', name='urn:etoegang:1.13:metadata:P:36', entities=7, streamed=False, signer_subject={md.signer_subject!r}>"


def test_a_reference_to_the_whole_document(signer: trustmeta.TrustStore, md: trustmeta.VerifiedMetadata) -> None:
    m = trustmeta.verify_metadata((DATA / "aggregate-uri-empty.xml").read_bytes(), signer, now=NOW, profile="etoegang")
    assert m.references[0].uri == "" and m.etoegang is not None and m.etoegang.sequence == 36
    assert summary(m)[:13] == summary(md)[:13]


def test_expiry_is_the_earlier_of_valid_until_and_cache_duration(xml: bytes, signer: trustmeta.TrustStore) -> None:
    late = trustmeta.verify_metadata(xml, signer, now=utc("2026-06-28T00:00:00Z"))
    assert late.expires == utc("2026-07-01T00:00:00Z")
    for at in ("2026-07-01T00:00:00Z", "2026-07-02T00:00:00Z"):
        with pytest.raises(trustmeta.MetadataError) as e:
            trustmeta.verify_metadata(xml, signer, now=utc(at))
        assert e.value.code == "metadata.expired"
        assert "2026-07-01T00:00:00Z" in e.value.message


def test_the_etoegang_profile(signer: trustmeta.TrustStore) -> None:
    for file in ("etoegang-bad-name.xml", "etoegang-missing-group.xml"):
        data = (DATA / file).read_bytes()
        # Signed, and fine as SAML metadata …
        generic = trustmeta.verify_metadata(data, signer, now=NOW)
        assert generic.id == "_agg-36"
        # … but not an eToegang aggregate, on either path.
        with pytest.raises(trustmeta.MetadataError) as e:
            trustmeta.verify_metadata(data, signer, now=NOW, profile="etoegang")
        assert e.value.code == "metadata.profile", file
        with pytest.raises(trustmeta.MetadataError) as e:
            streamed(data, signer, 1000, now=NOW, profile="etoegang")
        assert e.value.code == "metadata.profile", file
    bad_name = trustmeta.verify_metadata((DATA / "etoegang-bad-name.xml").read_bytes(), signer, now=NOW)
    assert bad_name.name == "https://federation.example.nl/metadata"
    assert bad_name.etoegang is None
    missing = trustmeta.verify_metadata((DATA / "etoegang-missing-group.xml").read_bytes(), signer, now=NOW)
    assert missing.entities == 6 and ROLE + "Koppelregisters" not in missing.groups


def test_refusals_have_their_codes(xml: bytes, signer: trustmeta.TrustStore, sample_xml: bytes, sample_store: trustmeta.TrustStore) -> None:
    cases = [
        (tampered(xml), signer, trustmeta.InvalidSignature, "dsig.digest_mismatch"),
        ((DATA / "aggregate-signature-last.xml").read_bytes(), signer, trustmeta.MalformedSignature, "dsig.malformed"),
        (xml, pem_store(PKI / "leaf-rsa3072.pem"), trustmeta.UntrustedSigner, "pki.untrusted_signer"),
        (sample_xml, sample_store, trustmeta.MetadataError, "metadata.unknown_document"),
        (b"<md:EntitiesDescriptor", signer, trustmeta.MalformedDocument, None),
    ]
    for data, store, cls, code in cases:
        with pytest.raises(trustmeta.VerificationError) as e:
            trustmeta.verify_metadata(data, store, now=NOW)
        assert type(e.value) is cls, (code, e.value)
        if code is not None:
            assert e.value.code == code
        assert type(e.value) is trustmeta.ERROR_CLASSES[e.value.code]


def test_metadata_codes_raise_metadata_error() -> None:
    codes = [c for c in trustmeta.ERROR_CODES if c.startswith("metadata.")]
    assert codes == ["metadata.unknown_document", "metadata.malformed", "metadata.expired", "metadata.profile", "metadata.not_held"]
    assert [trustmeta.ERROR_CODES[c] for c in codes] == [1101, 1102, 1103, 1104, 1105]
    assert all(trustmeta.ERROR_CLASSES[c] is trustmeta.MetadataError for c in codes)
    assert trustmeta.MetadataError.__mro__[1] is trustmeta.VerificationError
    assert trustmeta.MetadataError.__module__ == "trustmeta.exceptions"


def test_argument_errors(xml: bytes, signer: trustmeta.TrustStore) -> None:
    with pytest.raises(TypeError, match="'xml' must be a bytes-like object"):
        trustmeta.verify_metadata(xml.decode(), signer)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="'store' must be a trustmeta.TrustStore"):
        trustmeta.verify_metadata(xml, object())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="'profile' must be \"generic\" or \"etoegang\""):
        trustmeta.verify_metadata(xml, signer, profile="eherkenning")
    with pytest.raises(ValueError, match="timezone-aware"):
        trustmeta.verify_metadata(xml, signer, now=datetime(2026, 6, 1))
    with pytest.raises(TypeError):
        trustmeta.verify_metadata(xml, signer, NOW)  # type: ignore[misc]
    with pytest.raises(ValueError, match="'profile'"):
        trustmeta.MetadataStreamVerifier(signer, profile="x")
    with pytest.raises(TypeError, match="'store'"):
        trustmeta.verify_metadata_file(AGGREGATE, "signer.pem")  # type: ignore[arg-type]


# -- streaming --------------------------------------------------------------------------


@pytest.mark.parametrize("chunk", [7, 64, 1000, 4096, 1 << 20])
def test_streaming_in_any_chunks_gives_the_same_summary(chunk: int, xml: bytes, signer: trustmeta.TrustStore, md: trustmeta.VerifiedMetadata) -> None:
    s = streamed(xml, signer, chunk, now=NOW, profile="etoegang")
    assert s.streamed is True
    assert summary(s) == summary(md)


@pytest.mark.parametrize("chunk", [7, 4096, 1 << 20])
def test_streaming_a_changed_byte_fails(chunk: int, xml: bytes, signer: trustmeta.TrustStore) -> None:
    with pytest.raises(trustmeta.InvalidSignature) as e:
        streamed(tampered(xml), signer, chunk, now=NOW)
    assert e.value.code == "dsig.digest_mismatch"


def test_the_stream_verifier_ends_once(xml: bytes, signer: trustmeta.TrustStore) -> None:
    v = trustmeta.MetadataStreamVerifier(signer, now=NOW, profile="etoegang")
    assert repr(v) == "<trustmeta.MetadataStreamVerifier running>"
    v.feed(b"")
    v.feed(xml)
    assert v.finish().etoegang.sequence == 36  # type: ignore[union-attr]
    assert repr(v) == "<trustmeta.MetadataStreamVerifier finished>"
    with pytest.raises(ValueError, match="finish\\(\\) was called") as e:
        v.feed(b"<x/>")
    assert not isinstance(e.value, trustmeta.VerificationError)
    with pytest.raises(ValueError, match="finish\\(\\) was called"):
        v.finish()
    with pytest.raises(TypeError, match="'chunk' must be a bytes-like object"):
        trustmeta.MetadataStreamVerifier(signer).feed("<x/>")  # type: ignore[arg-type]


def test_a_refused_stream_raises_the_same_error_again(xml: bytes, signer: trustmeta.TrustStore) -> None:
    v = trustmeta.MetadataStreamVerifier(signer, now=NOW)
    with pytest.raises(trustmeta.MalformedDocument) as first:
        v.feed(b"<!DOCTYPE x>" + xml)
    assert repr(v) == "<trustmeta.MetadataStreamVerifier failed>"
    for call in (lambda: v.feed(xml), v.finish):
        with pytest.raises(trustmeta.MalformedDocument) as again:
            call()
        assert (again.value.code, again.value.message) == (first.value.code, first.value.message)


def test_a_document_cut_short_is_refused(xml: bytes, signer: trustmeta.TrustStore) -> None:
    v = trustmeta.MetadataStreamVerifier(signer, now=NOW)
    v.feed(xml[: len(xml) // 2])
    with pytest.raises(trustmeta.VerificationError) as e:
        v.finish()
    assert e.value.code.startswith("xml.")


def test_the_store_is_copied(xml: bytes) -> None:
    store = pem_store(DATA / "signer.pem")
    v = trustmeta.MetadataStreamVerifier(store, now=NOW)
    store.add_pem((PKI / "root.pem").read_bytes())
    v.feed(xml)
    assert v.finish().entities == 7


def test_many_stream_verifiers_at_once(xml: bytes, signer: trustmeta.TrustStore) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def work(i: int) -> str:
        try:
            return str(streamed(tampered(xml) if i % 4 == 0 else xml, signer, 2048, now=NOW).etoegang.sequence)  # type: ignore[union-attr]
        except trustmeta.VerificationError as e:
            return e.code

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(work, range(24)))
    assert results.count("dsig.digest_mismatch") == 6 and results.count("36") == 18


def test_large_documents_are_streamed(xml: bytes, signer: trustmeta.TrustStore, md: trustmeta.VerifiedMetadata) -> None:
    # A comment after the document element is not signed content: it makes the document
    # larger than 4 MiB without changing what verifies.
    big = xml + b"<!--" + b"x" * (4 * 1024 * 1024) + b"-->\n"
    m = trustmeta.verify_metadata(big, signer, now=NOW, profile="etoegang")
    assert m.streamed is True and summary(m) == summary(md)
    with pytest.raises(trustmeta.InvalidSignature):
        trustmeta.verify_metadata(tampered(big), signer, now=NOW)


def test_verify_metadata_file(tmp_path: Path, signer: trustmeta.TrustStore, xml: bytes, md: trustmeta.VerifiedMetadata) -> None:
    for path in (AGGREGATE, str(AGGREGATE)):
        m = trustmeta.verify_metadata_file(path, signer, now=NOW, profile="etoegang")
        assert m.streamed is True and summary(m) == summary(md)
    # Larger than one read.
    big = tmp_path / "big.xml"
    big.write_bytes(xml + b"<!--" + b"y" * 600_000 + b"-->")
    assert summary(trustmeta.verify_metadata_file(big, signer, now=NOW, profile="etoegang")) == summary(md)
    bad = tmp_path / "tampered.xml"
    bad.write_bytes(tampered(xml))
    with pytest.raises(trustmeta.InvalidSignature) as e:
        trustmeta.verify_metadata_file(bad, signer, now=NOW)
    assert e.value.code == "dsig.digest_mismatch"
    with pytest.raises(trustmeta.MetadataError) as e:
        trustmeta.verify_metadata_file(DATA / "etoegang-bad-name.xml", signer, now=NOW, profile="etoegang")
    assert e.value.code == "metadata.profile"
    with pytest.raises(FileNotFoundError):
        trustmeta.verify_metadata_file(tmp_path / "missing.xml", signer, now=NOW)
    with pytest.raises(IsADirectoryError):
        trustmeta.verify_metadata_file(tmp_path, signer, now=NOW)


# -- lookup ----------------------------------------------------------------------------

ENTITY_IDS = [
    (AD1, GROUPS[0]),
    (AD2, GROUPS[0]),
    (MR, GROUPS[1]),
    (KR, GROUPS[2]),
    (EB, GROUPS[3]),
    (HM, GROUPS[4]),
    (DV, GROUPS[5]),
]


def facts(e: trustmeta.MetadataEntity | None) -> tuple | None:
    """Everything a ``MetadataEntity`` says, to compare two readings of one entity."""
    if e is None:
        return None
    return (
        e.entity_id, e.roles, e.group, e.signing_certificates, e.encryption_certificates, e.endpoints,
        e.display_names, e.entity_categories, e.organization_name, e.contact_emails, e.etoegang_role,
    )  # fmt: skip


def test_entity_ids(md: trustmeta.VerifiedMetadata) -> None:
    assert md.entity_ids() == ENTITY_IDS
    assert len(md.entity_ids()) == md.entities


def test_an_identity_provider_with_exact_values(md: trustmeta.VerifiedMetadata) -> None:
    e = md.find_entity(AD1)
    assert e is not None
    assert e.entity_id == AD1
    assert e.roles == ["IDPSSODescriptor"]
    assert e.group == ROLE + "Authenticatiediensten"
    assert e.signing_certificates == [der(PKI / "leaf-p256.pem")]
    assert e.encryption_certificates == []
    assert e.endpoints == [md.find_entity(HM).endpoints[0]]  # type: ignore[union-attr]
    (ep,) = e.endpoints
    assert (ep.role, ep.kind, ep.binding, ep.location, ep.index) == ("IDPSSODescriptor", "SingleSignOnService", POST, "https://idp.example.nl/sso", None)
    assert e.display_names == [("nl", AD1 + " & co")]
    assert e.entity_categories == ["http://refeds.org/category/research-and-scholarship"]
    assert e.organization_name == "Org " + AD1
    assert e.contact_emails == ["mailto:ops@example.nl"]
    assert (e.etoegang_role, e.offered_for_ad_selection) == ("AD", True)
    assert e.acts_as("AD") and e.acts_as("ad") and not e.acts_as("MR") and not e.acts_as("EB")
    assert repr(e) == f"<trustmeta.MetadataEntity entity_id='{AD1}', roles=['IDPSSODescriptor'], group='{ROLE}Authenticatiediensten'>"


def test_the_eidas_berichtenservice_acts_as_authentication_service_and_mandate_register(md: trustmeta.VerifiedMetadata) -> None:
    eb = md.find_entity(EB)
    assert eb is not None
    assert (eb.group, eb.roles, eb.etoegang_role) == (ROLE + "Interstelseldiensten", ["IDPSSODescriptor"], "EB")
    assert [r for r in ("AD", "MR", "KR", "EB", "HM", "DV") if eb.acts_as(r)] == ["AD", "MR", "EB"]
    # … but it is not offered to users as an authentication service to choose.
    assert eb.offered_for_ad_selection is False
    mr = md.find_entity(MR)
    assert mr is not None and mr.etoegang_role == "MR"
    assert [r for r in ("AD", "MR", "KR", "EB", "HM", "DV") if mr.acts_as(r)] == ["MR"]
    with pytest.raises(ValueError, match="abbreviation"):
        eb.acts_as("IS")


def test_a_service_provider_and_an_attribute_authority(md: trustmeta.VerifiedMetadata) -> None:
    sp = md.find_entity(DV)
    assert sp is not None
    assert (sp.roles, sp.etoegang_role, sp.offered_for_ad_selection) == (["SPSSODescriptor"], "DV", False)
    assert sp.endpoints == [sp.endpoints[0]] and sp.endpoints[0].kind == "AssertionConsumerService"
    assert (sp.endpoints[0].location, sp.endpoints[0].index) == ("https://sp.example.nl/acs", 0)
    assert repr(sp.endpoints[0]) == f"MetadataEndpoint(kind='AssertionConsumerService', binding='{POST}', location='https://sp.example.nl/acs', index=0)"
    kr = md.find_entity(KR)
    assert kr is not None
    assert (kr.roles, kr.group, kr.etoegang_role) == (["AttributeAuthorityDescriptor"], ROLE + "Koppelregisters", "KR")
    assert [(p.kind, p.binding, p.location) for p in kr.endpoints] == [("AttributeService", "urn:oasis:names:tc:SAML:2.0:bindings:SOAP", "https://aa.example.nl/aa")]


def test_read_entities_reads_each_entity_once_in_order(md: trustmeta.VerifiedMetadata) -> None:
    every = md.read_entities()
    assert [(e.entity_id, e.group) for e in every] == ENTITY_IDS
    assert [facts(e) for e in every] == [facts(md.find_entity(i)) for i, _ in ENTITY_IDS]


def test_lookups_that_find_nothing(md: trustmeta.VerifiedMetadata, signer: trustmeta.TrustStore) -> None:
    assert md.find_entity("urn:etoegang:AD:nobody") is None
    assert md.find_entity(AD1 + " ") is None
    with pytest.raises(TypeError):
        md.find_entity(AD1.encode())  # type: ignore[arg-type]
    # Outside the eToegang groups an entity has no eToegang role.
    plain = trustmeta.verify_metadata((VARIANTS / "metadata-plain-group.xml").read_bytes(), signer, now=NOW)
    hm = plain.find_entity(HM)
    assert hm is not None and (hm.group, hm.etoegang_role, hm.offered_for_ad_selection) == ("brokers", None, False)
    assert not any(hm.acts_as(r) for r in ("AD", "MR", "KR", "EB", "HM", "DV"))
    assert plain.entity_ids()[5] == (HM, "brokers")
    # A document that is one EntityDescriptor is its own entity.
    single = trustmeta.verify_metadata((SAML / "idp-metadata.xml").read_bytes(), pem_store(PKI / "leaf-rsa3072.pem"), now=NOW)
    idp = single.find_entity("https://idp.example.org/")
    assert idp is not None and (idp.roles, idp.group, idp.etoegang_role) == (["IDPSSODescriptor"], None, None)
    assert idp.signing_certificates == [der(PKI / "leaf-rsa2048.pem")]
    assert [(p.kind, p.location) for p in idp.endpoints] == [("SingleSignOnService", "https://idp.example.org/sso")]
    assert single.entity_ids() == [("https://idp.example.org/", None)]
    assert [facts(e) for e in single.read_entities()] == [facts(idp)]


def test_an_entity_id_carried_twice_is_an_error_not_a_guess(xml: bytes, signer: trustmeta.TrustStore) -> None:
    # Changed after signing, it does not verify, so there is nothing to look up.
    with pytest.raises(trustmeta.InvalidSignature):
        trustmeta.verify_metadata(xml.replace(AD2.encode(), AD1.encode()), signer, now=NOW)
    # Signed that way, it verifies, and the lookup of that entityID refuses — in memory
    # and on the bytes the streaming path verified.
    twice = (VARIANTS / "metadata-duplicate-entity-id.xml").read_bytes()
    big = twice + b"<!--" + b"x" * (4 * 1024 * 1024) + b"-->\n"
    for data, was_streamed in ((twice, False), (big, True)):
        md = trustmeta.verify_metadata(data, signer, now=NOW, profile="etoegang")
        assert md.streamed is was_streamed
        assert md.entity_ids()[:2] == [(AD1, GROUPS[0]), (AD1, GROUPS[0])]
        with pytest.raises(trustmeta.MetadataError) as e:
            md.find_entity(AD1)
        assert e.value.code == "metadata.malformed"
        assert "more than one entity" in e.value.message
        # The other entities are still read.
        mr = md.find_entity(MR)
        assert mr is not None and mr.group == GROUPS[1]
    with pytest.raises(trustmeta.MetadataError) as e:
        trustmeta.metadata_issuer_trust(twice, signer, now=NOW)
    assert e.value.code == "metadata.malformed"


def test_a_streamed_result_lists_its_entities_but_does_not_hold_them(xml: bytes, signer: trustmeta.TrustStore, md: trustmeta.VerifiedMetadata) -> None:
    for s in (streamed(xml, signer, 1000, now=NOW, profile="etoegang"), trustmeta.verify_metadata_file(AGGREGATE, signer, now=NOW, profile="etoegang")):
        assert s.streamed is True
        assert s.entity_ids() == md.entity_ids() == ENTITY_IDS
        for lookup in (lambda: s.find_entity(AD1), lambda: s.find_entity("urn:etoegang:AD:nobody"), s.read_entities):
            with pytest.raises(trustmeta.MetadataError) as e:
                lookup()
            assert e.value.code == "metadata.not_held"
            assert type(e.value) is trustmeta.ERROR_CLASSES["metadata.not_held"]


def test_a_large_document_is_streamed_and_its_bytes_are_read(xml: bytes, signer: trustmeta.TrustStore, md: trustmeta.VerifiedMetadata) -> None:
    # verify_metadata streams above 4 MiB and reads entities from the bytes it verified.
    big = xml + b"<!--" + b"x" * (4 * 1024 * 1024) + b"-->\n"
    m = trustmeta.verify_metadata(big, signer, now=NOW, profile="etoegang")
    del big  # the result keeps what it needs
    assert m.streamed is True
    assert m.entity_ids() == ENTITY_IDS
    for entity_id, _ in ENTITY_IDS:
        assert facts(m.find_entity(entity_id)) == facts(md.find_entity(entity_id)) is not None
    assert m.find_entity("urn:etoegang:AD:nobody") is None
    assert [facts(e) for e in m.read_entities()] == [facts(e) for e in md.read_entities()]
    assert m.find_entity(EB).acts_as("MR")  # type: ignore[union-attr]


# -- issuer trust from metadata ---------------------------------------------------------


def test_issuer_trust_from_verified_metadata() -> None:
    federation = pem_store(PKI / "leaf-rsa3072.pem")
    md = (SAML / "idp-metadata.xml").read_bytes()
    trust = trustmeta.metadata_issuer_trust(md, federation, now=NOW)
    assert isinstance(trust, trustmeta.IssuerTrust)
    assert trust.issuers == ["https://idp.example.org/"]
    at = datetime(2026, 6, 1, 10, 1, tzinfo=timezone.utc)
    kw = {"audience": "https://sp.example.org/metadata", "acs": "https://sp.example.org/acs", "request_id": "_req-4711", "now": at}
    r = trustmeta.verify_saml_response((SAML / "assertion-signed.xml").read_bytes(), trust, **kw)  # type: ignore[arg-type]
    assert r.issuer == "https://idp.example.org/" and r.name_id == "ross@octolabs.io"
    # The attacker's assertion names the same issuer but is signed by another key.
    with pytest.raises(trustmeta.UntrustedSigner):
        trustmeta.verify_saml_response((SAML / "attacker-signed.xml").read_bytes(), trust, **kw)  # type: ignore[arg-type]
    # Metadata that does not verify yields no trust at all.
    with pytest.raises(trustmeta.InvalidSignature) as e:
        trustmeta.metadata_issuer_trust(md.replace(b"https://idp.example.org/sso", b"https://evil.example/sso", 1), federation, now=NOW)
    assert e.value.code == "dsig.digest_mismatch"
    with pytest.raises(trustmeta.UntrustedSigner):
        trustmeta.metadata_issuer_trust(md, pem_store(DATA / "signer.pem"), now=NOW)


def test_issuer_trust_of_each_role_of_the_aggregate(xml: bytes, signer: trustmeta.TrustStore) -> None:
    idps = trustmeta.metadata_issuer_trust(xml, signer, now=NOW, profile="etoegang")
    assert idps.issuers == [AD1, AD2, EB, HM]
    sps = trustmeta.metadata_issuer_trust(xml, signer, now=NOW, role="SPSSODescriptor")
    assert sps.issuers == [DV]
    aas = trustmeta.metadata_issuer_trust(xml, signer, now=NOW, role="AttributeAuthorityDescriptor")
    assert aas.issuers == [MR, KR]
    with pytest.raises(ValueError, match="'role' must be \"IDPSSODescriptor\", "):
        trustmeta.metadata_issuer_trust(xml, signer, now=NOW, role="IDPSSO")
    with pytest.raises(trustmeta.MetadataError) as e:
        trustmeta.metadata_issuer_trust((DATA / "etoegang-bad-name.xml").read_bytes(), signer, now=NOW, profile="etoegang")
    assert e.value.code == "metadata.profile"
    with pytest.raises(trustmeta.MetadataError) as e:
        trustmeta.metadata_issuer_trust(xml, signer, now=utc("2026-07-02T00:00:00Z"))
    assert e.value.code == "metadata.expired"
