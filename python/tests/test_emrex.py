"""trustmeta.Emreg, trustmeta.verify_elmo, trustmeta.decode_elmo_field and
trustmeta.parse_return_code on the EMREX cases of tests/data/emrex and the fi-emrex
vectors of the shared folder."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

import trustmeta

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "emrex"
NOW = datetime(2026, 6, 1, tzinfo=timezone.utc)
V1 = "https://github.com/emrex-eu/elmo-schemas/tree/v1"
OLD = "http://purl.org/net/elmo"


@pytest.fixture(scope="module")
def emreg() -> trustmeta.Emreg:
    return trustmeta.Emreg.parse((DATA / "emreg-1.0-messy.json").read_bytes())


def verify(emreg: trustmeta.Emreg, file: str, ncp: str = "TEST-NCP", **kw: object) -> trustmeta.VerifiedElmo:
    args: dict = {"ncp": ncp, "now": NOW, **kw}
    return trustmeta.verify_elmo((DATA / file).read_bytes(), emreg, **args)


def expected_rows() -> list[tuple[str, str, bool, str]]:
    rows = []
    for line in (DATA / "expected.tsv").read_text().splitlines():
        if line and not line.startswith("#"):
            file, cert, sha1, expect = line.split("\t")
            rows.append((file, cert, sha1 == "yes", expect))
    return rows


@pytest.mark.parametrize("file,cert,allow_sha1,expect", expected_rows())
def test_expected_results(file: str, cert: str, allow_sha1: bool, expect: str) -> None:
    # expected.tsv pins a certificate of the test PKI; the same check through a one-NCP list.
    pem = (REPO / "tests/data/xmldsig-gen/pki" / f"{cert}.pem").read_text()
    listing = '{"ncps": [{"acronym": "X", "countryCode": "NO", "pubKey": %s}]}' % repr(pem).replace("'", '"')
    emreg = trustmeta.Emreg.parse(listing.encode())
    if expect == "VALID":
        r = verify(emreg, file, ncp="X", allow_sha1=allow_sha1)
        assert r.learner.family_name == "Nordmann"
    else:
        with pytest.raises(trustmeta.VerificationError) as e:
            verify(emreg, file, ncp="X", allow_sha1=allow_sha1)
        assert e.value.code == expect
        assert isinstance(e.value, trustmeta.ERROR_CLASSES[expect])


def test_emreg_list(emreg: trustmeta.Emreg) -> None:
    assert len(emreg) == 3 and not emreg.emps and emreg.skipped_nulls == 2
    assert [n.acronym for n in emreg.ncps] == ["TEST-NCP", "OTHER-NCP", "CSC"]
    n = emreg.ncp("TEST-NCP")
    assert isinstance(n, trustmeta.Ncp)
    assert (n.country_code, n.url) == ("NO", "https://ncp.test.example/")
    assert n.institutions == ["University of Testing", "Test College"]
    assert n.pub_key.startswith("-----BEGIN CERTIFICATE-----\nMII")
    assert len(n.trust_store()) == 1 and isinstance(n.trust_store(), trustmeta.TrustStore)
    assert [c.code for c in emreg.countries] == ["NO", "FI", "SE"]
    no = emreg.country("no")
    assert no is not None and no.single_fetch and isinstance(no, trustmeta.Country)
    assert emreg.country("XX") is None
    assert [x.acronym for x in emreg.ncps_of_country("NO")] == ["TEST-NCP", "OTHER-NCP"]
    choices = emreg.choices("NO")
    assert all(isinstance(c, trustmeta.NcpChoice) for c in choices)
    assert [(c.ncp.acronym, c.institution) for c in choices] == [
        ("TEST-NCP", "University of Testing"),
        ("TEST-NCP", "Test College"),
        ("OTHER-NCP", "Other University"),
    ]
    assert [(c.ncp.acronym, c.institution) for c in emreg.choices("FI")] == [("CSC", "Helsingin yliopisto")]
    assert "3 NCPs" in repr(emreg) and "TEST-NCP" in repr(n)


def test_emps_list_and_errors() -> None:
    emps = trustmeta.Emreg.parse((DATA / "emreg-emps.json").read_bytes())
    assert emps.emps
    for n in emps.ncps:
        assert len(n.trust_store()) == 1, n.acronym
    assert emps.choices("PL")[0].institution is None

    with pytest.raises(trustmeta.EmrexError) as e:
        trustmeta.Emreg.parse((DATA / "emreg-invalid.json").read_bytes())
    assert e.value.code == "emrex.json_malformed" and e.value.number == 701
    assert "line 5, column 5" in e.value.message
    with pytest.raises(trustmeta.EmrexError) as e:
        trustmeta.Emreg.parse(b"{}")
    assert e.value.code == "emrex.emreg_malformed"
    with pytest.raises(trustmeta.EmrexError) as e:
        trustmeta.Emreg.parse((DATA / "emreg-1.0-messy.json").read_bytes()).ncp("test-ncp")
    assert e.value.code == "emrex.ncp_not_found" and isinstance(e.value, ValueError)
    with pytest.raises(TypeError, match="must be a bytes-like object"):
        trustmeta.Emreg.parse("{}")  # type: ignore[arg-type]


def test_one_ncp_per_acronym() -> None:
    # Two EMPs called TEST-EMP pin different certificates: a client keeping the first and
    # one building a dict would disagree, so the list is refused.
    with pytest.raises(trustmeta.EmrexError) as e:
        trustmeta.Emreg.parse((DATA / "emreg-duplicate-acronym.json").read_bytes())
    assert (e.value.code, e.value.number) == ("emrex.duplicate_key", 712)
    assert "line 19, column 5" in e.value.message
    assert isinstance(e.value, ValueError)
    countries = b'{"countries": [{"countryCode": "NO"}, {"countryCode": "no"}], "emps": []}'
    with pytest.raises(trustmeta.EmrexError) as e:
        trustmeta.Emreg.parse(countries)
    assert e.value.code == "emrex.duplicate_key"


def test_a_json_object_of_320000_members() -> None:
    members = ",".join('"%07d":0' % i for i in range(320_000))
    emreg = trustmeta.Emreg.parse(('{"countries":[],"emps":[],"x":{%s}}' % members).encode())
    assert len(emreg.ncps) == 0
    with pytest.raises(trustmeta.EmrexError) as e:
        trustmeta.Emreg.parse(('{"countries":[],"emps":[],"x":{%s,"0000001":1}}' % members).encode())
    assert e.value.code == "emrex.json_malformed"
    # Every emrex.* code raises EmrexError, derived from the prefix.
    emrex_codes = [c for c in trustmeta.ERROR_CODES if c.startswith("emrex.")]
    assert len(emrex_codes) >= 11
    assert all(trustmeta.ERROR_CLASSES[c] is trustmeta.EmrexError for c in emrex_codes)


def test_learner_and_signer(emreg: trustmeta.Emreg) -> None:
    r = verify(emreg, "signed/v1-rsa-sha256.xml")
    assert isinstance(r, trustmeta.VerifiedElmo)
    assert r.namespace == V1
    l = r.learner
    assert isinstance(l, trustmeta.Learner)
    assert (l.given_names, l.family_name, l.birth_date, l.citizenship) == ("Ola", "Nordmann", "1990-01-31", "NO")
    assert r.learners == [l]
    assert (r.reports, r.nested_signatures) == (1, 0)
    assert r.signer_subject is not None and "signer RSA-2048" in r.signer_subject
    assert r.signer_sha256 is not None and len(r.signer_sha256) == 64
    assert r.signer_key == "RSA-2048" and r.pinned
    assert r.signature_algorithm == "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
    assert r.canonicalization == "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
    assert [x.uri for x in r.references] == [""]
    assert r.legacy_algorithms == [] and r.verified_at == NOW
    assert r.chain[0][1] == r.signer_sha256
    assert "Nordmann" in repr(r) and "Ola" in repr(l)


def test_form_field(emreg: trustmeta.Emreg) -> None:
    xml = (DATA / "signed/v1-rsa-sha256.xml").read_bytes()
    for field in ("signed/v1-rsa-sha256.xml.gz.b64", "signed/v1-rsa-sha256.xml.b64"):
        decoded = trustmeta.decode_elmo_field((DATA / field).read_bytes())
        assert decoded == xml, field
        assert trustmeta.verify_elmo(decoded, emreg, ncp="TEST-NCP", now=NOW).learner.given_names == "Ola"
    # The cap applies while inflating.
    with pytest.raises(trustmeta.EmrexError) as e:
        trustmeta.decode_elmo_field((DATA / "signed/v1-rsa-sha256.xml.gz.b64").read_bytes(), max_elmo_bytes=len(xml) - 1)
    assert e.value.code == "emrex.decompressed_too_large"
    with pytest.raises(trustmeta.EmrexError) as e:
        trustmeta.decode_elmo_field((DATA / "signed/bomb.gz.b64").read_bytes())
    assert e.value.code == "emrex.decompressed_too_large"
    with pytest.raises(trustmeta.EmrexError) as e:
        trustmeta.decode_elmo_field(b"not base64!")
    assert e.value.code == "emrex.bad_base64"
    with pytest.raises(TypeError, match="must be a bytes-like object"):
        trustmeta.decode_elmo_field("PGVsbW8+")  # type: ignore[arg-type]


def test_refusals(emreg: trustmeta.Emreg) -> None:
    with pytest.raises(trustmeta.InvalidSignature) as e:
        verify(emreg, "signed/tampered-learner.xml")
    assert e.value.code == "dsig.digest_mismatch"
    # Another NCP of the same country (same subject, another key) did not sign it.
    with pytest.raises(trustmeta.VerificationError) as e:
        verify(emreg, "signed/v1-rsa-sha256.xml", ncp="OTHER-NCP")
    assert e.value.code in ("pki.untrusted_signer", "crypto.bad_signature")
    with pytest.raises(trustmeta.EmrexError) as e:
        verify(emreg, "signed/v1-rsa-sha256.xml", ncp="NOPE")
    assert e.value.code == "emrex.ncp_not_found"
    with pytest.raises(trustmeta.EmrexError) as e:
        verify(emreg, "signed/c14n-transform.xml")
    assert e.value.code == "emrex.signature_profile"
    with pytest.raises(trustmeta.EmrexError) as e:
        verify(emreg, "signed/no-learner.xml")
    assert e.value.code == "emrex.missing_learner"
    with pytest.raises(trustmeta.UntrustedSigner) as e:
        verify(emreg, "signed/attacker-signed.xml")
    assert e.value.code == "pki.bad_chain_signature"
    # KeyInfo naming another certificate grants nothing: the signer is the pinned NCP's.
    r = verify(emreg, "signed/keyinfo-foreign-cert.xml")
    assert r.signer_subject is not None and "signer RSA-2048" in r.signer_subject
    assert verify(emreg, "signed/nested-dsig.xml").nested_signatures == 1
    with pytest.raises(TypeError, match="trustmeta.Emreg"):
        trustmeta.verify_elmo(b"<elmo/>", trustmeta.TrustStore(), ncp="X")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="min_rsa_bits"):
        verify(emreg, "signed/v1-rsa-sha256.xml", min_rsa_bits=-1)


def test_sha1_refused_by_default_allowed_by_policy(emreg: trustmeta.Emreg) -> None:
    with pytest.raises(trustmeta.UnsupportedAlgorithm) as e:
        verify(emreg, "signed/old-ns-rsa-sha1.xml")
    assert e.value.code == "dsig.algorithm_refused"
    r = verify(emreg, "signed/old-ns-rsa-sha1.xml", allow_sha1=True)
    assert r.namespace == OLD and r.learner.given_names == "Ola"
    assert r.legacy_algorithms != []


def test_csc_vector(emreg: trustmeta.Emreg) -> None:
    shared = Path(os.environ.get("TRUSTMETA_SHARED") or REPO.parent / "shared")
    vector = shared / "vectors/emrex/fi-emrex/fi-smp/src/test/resources/elmo_vastaus_base64_gzipped.decoded.xml"
    if not vector.exists():
        pytest.skip(f"shared vectors not found at {vector}")
    xml = vector.read_bytes()
    in_2016 = datetime(2016, 6, 1, tzinfo=timezone.utc)
    # RSA-1024, SHA-1 and a certificate valid in 2016: the legacy allowances it needs.
    r = trustmeta.verify_elmo(xml, emreg, ncp="CSC", now=in_2016, allow_sha1=True, min_rsa_bits=1024)
    assert r.namespace == OLD and r.reports == 2
    assert [(x.given_names, x.family_name, x.birth_date) for x in r.learners] == [
        ("Kaisa", "Keränen", "18-07-1966"),
        ("Kaisa", "Keranen", "18.07.1966"),
    ]
    with pytest.raises(trustmeta.UnsupportedAlgorithm):
        trustmeta.verify_elmo(xml, emreg, ncp="CSC", now=in_2016)
    with pytest.raises(trustmeta.UntrustedSigner) as e:
        trustmeta.verify_elmo(xml, emreg, ncp="CSC", now=NOW, allow_sha1=True, min_rsa_bits=1024)
    assert e.value.code == "pki.expired"


def test_return_codes() -> None:
    assert trustmeta.parse_return_code("NCP_OK") == "OK"
    assert trustmeta.parse_return_code(" EMP_NO_RESULTS\n") == "NO_RESULTS"
    assert trustmeta.parse_return_code("EMP_CANCEL") == "CANCEL"
    assert trustmeta.parse_return_code("NCP_ERROR") == "ERROR"
    with pytest.raises(trustmeta.EmrexError) as e:
        trustmeta.parse_return_code("ncp_ok")
    assert e.value.code == "emrex.bad_return_code"
