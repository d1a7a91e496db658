"""Certificate revocation lists: ``TrustStore.add_crls_pem`` and ``allow_stale_crl``, on
the generated test PKI (tests/data/xmldsig-gen) and the CRL of tests/data/crl that
revokes its RSA-2048 leaf."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

import trustmeta

REPO = Path(__file__).resolve().parents[2]
GEN = REPO / "tests" / "data" / "xmldsig-gen"
DOC = GEN / "signed" / "rsa2048-exc-enveloped.xml"
REVOKES_LEAF = REPO / "tests" / "data" / "crl" / "intermediate-revokes-leaf-rsa2048.crl.pem"
NOW = datetime(2026, 6, 1, tzinfo=timezone.utc)


def pki_store() -> trustmeta.TrustStore:
    """The root trusted, the intermediate as a helper."""
    store = trustmeta.TrustStore.from_pem((GEN / "pki" / "root.pem").read_bytes())
    store.add_intermediates_pem((GEN / "pki" / "intermediate.pem").read_bytes())
    return store


def outcome(store: trustmeta.TrustStore, **kw: bool) -> str:
    """``"ok"`` or the code ``verify`` raised."""
    try:
        trustmeta.verify(DOC.read_bytes(), store, now=NOW, **kw)
    except trustmeta.VerificationError as e:
        return e.code
    return "ok"


def test_allow_stale_crl_is_a_keyword_option() -> None:
    store = pki_store()
    assert outcome(store) == "ok"
    assert outcome(store, allow_stale_crl=True) == "ok"
    assert outcome(store, allow_stale_crl=False) == "ok"
    with pytest.raises(TypeError, match="allow_stale_crl"):
        trustmeta.verify(DOC.read_bytes(), store, now=NOW, allow_stale_crl="yes")  # type: ignore[arg-type]


def test_pem_without_a_crl_is_refused() -> None:
    store = pki_store()
    with pytest.raises(trustmeta.UntrustedSigner) as info:
        store.add_crls_pem((GEN / "pki" / "root.pem").read_bytes())
    assert info.value.code == "pki.crl_invalid"
    assert len(store) == 1
    assert outcome(store) == "ok"


def test_junk_is_refused() -> None:
    store = pki_store()
    with pytest.raises(trustmeta.UntrustedSigner) as info:
        store.add_crls_pem(b"not a CRL")
    assert info.value.code == "pki.crl_invalid"


def test_type_errors_name_the_argument() -> None:
    store = pki_store()
    with pytest.raises(TypeError, match=r"add_crls_pem\(\) argument 'pem' must be a bytes-like object, not str"):
        store.add_crls_pem("-----BEGIN X509 CRL-----")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="argument 'pem' must be a bytes-like object, not NoneType"):
        store.add_crls_pem(None)  # type: ignore[arg-type]


def test_crl_is_accepted_and_counted() -> None:
    store = pki_store()
    assert store.add_crls_pem(REVOKES_LEAF.read_bytes()) == 1
    assert store.add_crls_pem(REVOKES_LEAF.read_bytes() * 2) == 2
    assert len(store) == 1, "CRLs are not counted"


def test_failed_add_leaves_store_unchanged() -> None:
    store = pki_store()
    broken = b"-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n"
    with pytest.raises(trustmeta.UntrustedSigner) as info:
        store.add_crls_pem(REVOKES_LEAF.read_bytes() + broken)
    assert info.value.code == "pki.crl_invalid"
    assert outcome(store) == "ok", "the good CRL before the broken one was not added"


def test_revoked_leaf_is_refused() -> None:
    store = pki_store()
    store.add_crls_pem(REVOKES_LEAF.read_bytes())
    assert outcome(store) == "pki.revoked"
    assert outcome(store, allow_stale_crl=True) == "pki.revoked"
    with pytest.raises(trustmeta.UntrustedSigner) as info:
        trustmeta.verify(DOC.read_bytes(), store, now=NOW)
    assert info.value.number == 412
