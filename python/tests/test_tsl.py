"""trustmeta.verify_tsl, VerifiedTsl.openncp and VerifiedTsl.to_smp on the trusted-list
vectors of the shared folder (EU LOTL, libdigidocpp) and the xmlsec1-signed OpenNCP lists
of tests/data/tsl (made by make_signed.sh)."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

import trustmeta

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "tsl"
PKI = REPO / "tests" / "data" / "xmldsig-gen" / "pki"
NOW = datetime(2026, 6, 1, tzinfo=timezone.utc)
XX = DATA / "signed" / "ncp-configuration-xx.xml"
EPSOS = "http://uri.epsos.eu/Svc/Svctype/"
INACCORD = "http://uri.etsi.org/TrstSvc/Svcstatus/inaccord"


def shared(rel: str) -> Path:
    return Path(os.environ.get("TRUSTMETA_SHARED") or REPO.parent / "shared") / rel


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def store(*pems: Path) -> trustmeta.TrustStore:
    return trustmeta.TrustStore.from_pem(b"".join(p.read_bytes() for p in pems))


def der(pem: Path) -> bytes:
    import base64

    body = "".join(line for line in pem.read_text().splitlines() if not line.startswith("-----"))
    return base64.b64decode(body)


@pytest.fixture(scope="module")
def signer() -> trustmeta.TrustStore:
    return store(DATA / "signed" / "signer.pem")


@pytest.fixture(scope="module")
def xx(signer: trustmeta.TrustStore) -> trustmeta.VerifiedTsl:
    return trustmeta.verify_tsl(XX.read_bytes(), signer, now=NOW)


def case_rows() -> list[tuple[str, str, str, str, str, str, str]]:
    lines = (REPO / "tests" / "conformance" / "tsl-cases.tsv").read_text().splitlines()
    return [tuple(line.split("\t")) for line in lines[1:] if line]  # type: ignore[misc]


def resolve(path: str) -> Path:
    return shared(path[len("shared/") :]) if path.startswith("shared/") else REPO / path


@pytest.mark.parametrize("case", case_rows(), ids=lambda c: c[0])
def test_conformance_cases(case: tuple[str, str, str, str, str, str, str]) -> None:
    _id, file, trust, intermediates, at, options, expect = case
    anchors = trustmeta.TrustStore.from_pem(resolve(trust).read_bytes())
    if intermediates != "-":
        anchors.add_intermediates_pem(resolve(intermediates).read_bytes())
    kw: dict = {"now": utc(at)}
    for opt in options.split(",") if options != "-" else []:
        if opt == "allow_sha1":
            kw["allow_sha1"] = True
        elif opt.startswith("min_rsa_bits="):
            kw["min_rsa_bits"] = int(opt.split("=")[1])
    xml = resolve(file).read_bytes()
    if expect.startswith("ok "):
        _, territory, sequence = expect.split(" ")
        tsl = trustmeta.verify_tsl(xml, anchors, **kw)
        assert (tsl.territory, tsl.sequence_number) == (territory, int(sequence))
    else:
        with pytest.raises(trustmeta.VerificationError) as e:
            trustmeta.verify_tsl(xml, anchors, **kw)
        assert e.value.code == expect
        assert type(e.value) is trustmeta.ERROR_CLASSES[expect]


def test_scheme_of_the_ncp_list(xx: trustmeta.VerifiedTsl) -> None:
    assert xx.id == "NCPConfiguration-XX"
    assert xx.tag == "http://uri.etsi.org/02231/TSLTag"
    assert (xx.territory, xx.sequence_number, xx.version) == ("XX", 7, 3)
    assert xx.tsl_type == "http://uri.etsi.org/TrstSvc/TSLType/generic"
    assert xx.operator_names == [("en", "Ministry of Health of Testland"), ("xx", "Gesundheit XX")]
    assert xx.scheme_names == [("en", "NCP-Service Status List: Testland(XX)")]
    assert xx.operator_electronic_addresses[0] == "https://health.xx.example/ncp-contact"
    assert xx.issued == utc("2026-05-01T10:00:00Z")
    assert xx.next_update == utc("2026-11-01T10:00:00Z")
    assert xx.signing_time == utc("2026-05-01T09:58:00Z")
    assert xx.verified_at == NOW
    assert xx.pointers == []
    assert xx.pinned and xx.chain[0][1] == xx.signer_sha256
    assert len(xx.references) == 2
    assert xx.legacy_algorithms == []


def test_providers_and_services(xx: trustmeta.VerifiedTsl) -> None:
    assert [p.name for p in xx.providers] == ["NCP-A", "NCP-B"]
    assert [len(p.services) for p in xx.providers] == [7, 3]
    services = xx.services
    assert len(services) == 10
    vpn = services[0]
    assert (vpn.provider, vpn.type_identifier, vpn.name) == ("NCP-A", EPSOS + "VPNGateway", "VPNGateway of XX")
    assert vpn.names == [("en", "VPNGateway of XX")]
    assert vpn.status == INACCORD
    assert vpn.status_starting_time == utc("2026-01-15T08:00:00Z")  # written +01:00
    assert vpn.supply_points == ["vpn-a.health.xx.example"]
    assert vpn.certificates == [der(PKI / "leaf-p256.pem")]
    assert vpn.history_entries == 0
    ncp = services[1]
    assert ncp.certificates == [der(PKI / "leaf-p384.pem"), der(PKI / "leaf-rsa3072.pem")]
    pid = services[2]
    assert pid.type_identifier == EPSOS + "PatientIdenitificationService"
    assert pid.status_starting_time == utc("2024-03-01T01:30:00Z")  # 2024-02-29T23:30:00-02:00
    assert pid.supply_points == ["https://ncp-a.health.xx.example/xcpd", "https://ncp-a2.health.xx.example/xcpd"]
    assert services[3].supply_points == ["https://ncp-a.health.xx.example/patient?a=1&b=2"]
    assert services[6].status == "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/withdrawn"
    assert (services[9].provider, services[9].type_identifier) == ("NCP-B", EPSOS + "IdP")


def test_openncp_view(xx: trustmeta.VerifiedTsl) -> None:
    v = xx.openncp
    assert v is not None
    assert v.country == "XX"
    assert v.unknown_services == 0
    assert [(s.face, s.role) for s in v.services] == [
        ("NCP-A", "VPNGateway"),
        ("NCP-A", "NCP"),
        ("NCP-A", "PatientIdentificationService"),
        ("NCP-A", "PatientService"),
        ("NCP-A", "OrderService"),
        ("NCP-A", "DispensationService"),
        ("NCP-A", "ConsentService"),
        ("NCP-B", "VPNGateway"),
        ("NCP-B", "NCP"),
        ("NCP-B", "IdP"),
    ]
    assert v.services[2].service.supply_points == xx.services[2].supply_points
    assert v.tls_certificate("NCP-A") == der(PKI / "leaf-p384.pem")
    assert v.signature_certificate("NCP-A") == der(PKI / "leaf-rsa3072.pem")
    assert v.tls_certificate("NCP-B") == der(PKI / "leaf-rsa3072.pem")
    with pytest.raises(ValueError):
        v.tls_certificate("NCP-C")


def test_to_smp_records(xx: trustmeta.VerifiedTsl) -> None:
    records = xx.to_smp()
    # The withdrawn ConsentService is not published; NCP services have no record.
    assert [r.file_name for r in records] == [
        "VPN_Gateway_A_XX.xml",
        "Patient_Identification_Service_XX.xml",
        "Patient_Service_XX.xml",
        "Order_Service_XX.xml",
        "Dispensation_Service_Initialize_XX.xml",
        "Dispensation_Service_Discard_XX.xml",
        "VPN_Gateway_B_XX.xml",
        "Identity_Provider_XX.xml",
    ]
    assert {r.participant for r in records} == {"urn:ehealth:xx:ncpb-idp"}
    pid = records[1]
    assert pid.document == "urn::epsos##services:extended:epsos::11"
    assert pid.process == "urn:epsosIdentityService::FindIdentityByTraits"
    assert pid.endpoints == 2
    assert b"<EndpointURI>https://ncp-a2.health.xx.example/xcpd</EndpointURI>" in pid.xml
    assert b"<ServiceActivationDate>2024-03-01T01:30:00Z</ServiceActivationDate>" in pid.xml
    assert b'xmlns="http://docs.oasis-open.org/bdxr/ns/SMP/2016/05"' in pid.xml
    busdox = xx.to_smp(format="busdox")
    assert [r.file_name for r in busdox] == [r.file_name for r in records]
    assert b"http://busdox.org/serviceMetadata/publishing/1.0/" in busdox[0].xml
    assert b"<wsa:Address>ipsec://vpn-a.health.xx.example</wsa:Address>" in busdox[0].xml
    with pytest.raises(ValueError):
        xx.to_smp(format="smp2")


def test_generic_list_has_no_openncp_view(signer: trustmeta.TrustStore) -> None:
    tsl = trustmeta.verify_tsl((DATA / "signed" / "generic-list.xml").read_bytes(), signer, now=NOW)
    assert tsl.id == "TSL-XX-generic"
    assert len(tsl.services) == 10
    assert tsl.openncp is None
    with pytest.raises(trustmeta.TslError) as e:
        tsl.to_smp()
    assert e.value.code == "tsl.not_openncp"
    assert isinstance(e.value, trustmeta.VerificationError)


def test_refusals(signer: trustmeta.TrustStore) -> None:
    def code(file: Path, anchors: trustmeta.TrustStore, **kw: object) -> tuple[str, type]:
        with pytest.raises(trustmeta.VerificationError) as e:
            trustmeta.verify_tsl(file.read_bytes(), anchors, **{"now": NOW, **kw})  # type: ignore[arg-type]
        return e.value.code, type(e.value)

    assert code(DATA / "signed" / "wrong-signing-certificate.xml", signer) == (
        "tsl.signing_certificate_mismatch",
        trustmeta.TslError,
    )
    assert code(DATA / "signed" / "no-xades.xml", signer) == ("tsl.signature_profile", trustmeta.TslError)
    assert code(XX, signer, now=utc("2026-11-02T00:00:00Z")) == ("tsl.expired", trustmeta.TslError)
    assert code(XX, signer, now=utc("2026-04-30T00:00:00Z")) == ("tsl.expired", trustmeta.TslError)
    # A certificate the list carries is not an anchor for it.
    assert code(XX, store(PKI / "leaf-rsa3072.pem")) == ("pki.untrusted_signer", trustmeta.UntrustedSigner)
    sha1 = DATA / "signed" / "rsa-sha1.xml"
    assert code(sha1, signer) == ("dsig.algorithm_refused", trustmeta.UnsupportedAlgorithm)
    legacy = trustmeta.verify_tsl(sha1.read_bytes(), signer, now=NOW, allow_sha1=True)
    assert (legacy.territory, legacy.sequence_number) == ("XX", 7)
    assert "rsa-sha1" in legacy.legacy_algorithms
    smp = REPO / "tests" / "data" / "sample"
    assert code(smp / "smp-signed.xml", store(smp / "signer.pem")) == ("tsl.unknown_document", trustmeta.TslError)


def test_through_the_test_pki() -> None:
    anchors = store(PKI / "root.pem")
    anchors.add_intermediates_pem((PKI / "intermediate.pem").read_bytes())
    tsl = trustmeta.verify_tsl((DATA / "signed" / "ncp-configuration-xx-inclusive.xml").read_bytes(), anchors, now=NOW)
    assert tsl.sequence_number == 7
    assert not tsl.pinned and len(tsl.chain) >= 2


def test_eu_list_of_lists() -> None:
    lotl = shared("vectors/tsl/eu-lotl/eu-lotl.xml").read_bytes()
    commission = store(shared("vectors/tsl/eu-lotl/eu-lotl.keyinfo-signer.pem"))
    tsl = trustmeta.verify_tsl(lotl, commission, now=utc("2026-05-01T00:00:00Z"))
    assert (tsl.territory, tsl.sequence_number, tsl.version, tsl.id) == ("EU", 386, 6, "ID0001")
    assert tsl.tsl_type == "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUlistofthelists"
    assert tsl.issued == utc("2026-04-28T21:59:59Z")
    assert tsl.next_update == utc("2026-10-21T13:10:30Z")
    assert tsl.signing_time == utc("2026-04-28T17:21:26Z")
    assert tsl.providers == [] and tsl.services == []
    assert "CN=EUROPEAN COMMISSION" in (tsl.signer_subject or "")
    assert len(tsl.pointers) == 43
    first, austria = tsl.pointers[0], tsl.pointers[1]
    assert (first.location, first.territory, first.mime_type) == (
        "https://ec.europa.eu/tools/lotl/eu-lotl.xml",
        "EU",
        "application/vnd.etsi.tsl+xml",
    )
    assert len(first.certificates) == 6
    assert (austria.location, austria.territory, len(austria.certificates)) == (
        "https://www.signatur.rtr.at/vertrauensliste.xml",
        "AT",
        5,
    )
    assert tsl.pointers[-1].territory == "UK"
    # A pointer's certificates are anchors for the list it points to.
    assert len(trustmeta.TrustStore.from_pem(austria.certificates[0])) == 1
    assert tsl.openncp is None


def test_libdigidocpp_lists() -> None:
    anchors = store(shared("vectors/tsl/libdigidocpp/test/data/TSL.crt"))
    tsl = trustmeta.verify_tsl(
        shared("vectors/tsl/libdigidocpp/test/data/EE_T-CA-withdrawn.xml").read_bytes(),
        anchors,
        now=utc("2024-11-15T00:00:00Z"),
    )
    assert (tsl.territory, tsl.sequence_number, len(tsl.services)) == ("EE_T", 22, 23)
    first = tsl.services[0]
    assert first.name.startswith("TEST of ESTEID-SK 2011")
    assert first.status == "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/supervisionrevoked"
    assert all(s.status.endswith("/granted") for s in tsl.services[1:])


def test_arguments_are_checked(signer: trustmeta.TrustStore) -> None:
    with pytest.raises(TypeError):
        trustmeta.verify_tsl(XX.read_text(), signer, now=NOW)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        trustmeta.verify_tsl(XX.read_bytes(), object(), now=NOW)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        trustmeta.verify_tsl(XX.read_bytes(), signer, now=NOW, min_rsa_bits=-1)


def test_tsl_codes_raise_tsl_error() -> None:
    tsl_codes = [c for c in trustmeta.ERROR_CODES if c.startswith("tsl.")]
    assert len(tsl_codes) == 9
    for c in tsl_codes:
        assert trustmeta.ERROR_CLASSES[c] is trustmeta.TslError
    assert trustmeta.TslError.__module__ == "trustmeta.exceptions"
    assert trustmeta.TslError.__mro__[1] is trustmeta.VerificationError
