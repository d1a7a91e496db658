"""How the signer's key is found and which refusal wins, through the Python API: the
documents of tests/data/xmldsig-more/keyinfo (signed by xmlsec1; its README says what each
must give)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

import trustmeta

REPO = Path(__file__).resolve().parents[2]
PKI = REPO / "tests" / "data" / "xmldsig-gen" / "pki"
SIGNED = REPO / "tests" / "data" / "xmldsig-more" / "keyinfo" / "signed"
NOW = datetime(2026, 6, 1, tzinfo=timezone.utc)


def store(*trusted: str, intermediates: tuple[str, ...] = ("intermediate",)) -> trustmeta.TrustStore:
    s = trustmeta.TrustStore.from_pem(b"".join((PKI / f"{t}.pem").read_bytes() for t in trusted))
    for i in intermediates:
        s.add_intermediates_pem((PKI / f"{i}.pem").read_bytes())
    return s


def doc(name: str) -> bytes:
    return (SIGNED / name).read_bytes()


def test_a_manifest_is_reported_as_unchecked() -> None:
    r = trustmeta.verify(doc("manifest.xml"), store("root"), now=NOW)
    assert [x.unchecked_manifest for x in r.references] == [True]
    assert r.references[0].element == "Manifest"
    plain = trustmeta.verify(doc("ski-only.xml"), store("root", intermediates=("intermediate", "leaf-rsa2048")), now=NOW)
    assert [x.unchecked_manifest for x in plain.references] == [False]


def test_x509ski_selects_a_supplied_certificate() -> None:
    r = trustmeta.verify(doc("ski-only.xml"), store("root", intermediates=("intermediate", "leaf-rsa2048")), now=NOW)
    assert "signer RSA-2048" in (r.signer_subject or "")
    with pytest.raises(trustmeta.UntrustedSigner) as e:
        trustmeta.verify(doc("ski-only.xml"), store("root"), now=NOW)
    assert e.value.code == "dsig.no_matching_key"
    assert "X509SKI" in e.value.message


def test_retrieval_method_names_the_certificate() -> None:
    r = trustmeta.verify(doc("retrieval-x509data.xml"), store("root"), now=NOW)
    assert len(r.chain) == 3
    assert "CN=trustmeta test Root CA" in r.chain[-1].subject


def test_a_missing_key_is_not_a_bad_signature() -> None:
    with pytest.raises(trustmeta.UntrustedSigner) as e:
        trustmeta.verify(doc("keyname-only.xml"), store("leaf-rsa3072", intermediates=()), now=NOW)
    assert e.value.code == "dsig.no_matching_key"
    assert "RSA-2048" in e.value.message
    with pytest.raises(trustmeta.InvalidSignature) as bad:
        trustmeta.verify(doc("keyname-only-bad-value.xml"), store("leaf-rsa2048", intermediates=()), now=NOW)
    assert bad.value.code == "crypto.bad_signature"


def test_a_der_encoded_ecdsa_value_is_malformed() -> None:
    with pytest.raises(trustmeta.InvalidSignature) as e:
        trustmeta.verify(doc("ecdsa-der-value.xml"), store("root"), now=NOW)
    assert e.value.code == "crypto.malformed_signature"
