"""The generated part of the package against the table the native module was built with:
every record class with every field, in order, documented and typed; every operation
with the table's arguments; the one converter reaching every record on real documents;
and the table's argument checks in Python's words."""

from __future__ import annotations

import inspect
import sys
import types
import typing
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

import trustmeta
from trustmeta import _records, _trustmeta

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
PKI = DATA / "xmldsig-gen" / "pki"
NOW = datetime(2026, 6, 1, tzinfo=timezone.utc)
RECORDS, OPERATIONS = _trustmeta._table()


def test_every_record_of_the_table_is_a_class_with_its_fields() -> None:
    assert sorted(c for _, c, _, _ in RECORDS) == sorted(_records.__all__)
    for name, class_name, is_tuple, fields in RECORDS:
        cls = getattr(trustmeta, class_name)
        assert _records._BY_NAME[name] is cls
        assert cls.__module__ == "trustmeta" and len(cls.__doc__.strip()) > 20, class_name
        assert list(cls._fields) == fields, class_name
        assert issubclass(cls, tuple) is is_tuple, class_name
        for field in fields:
            member = getattr(cls, field)
            assert member.__doc__ and member.__doc__.strip(), f"{class_name}.{field}"


def test_every_operation_of_the_table_has_its_signature() -> None:
    assert sorted(n for n, _ in OPERATIONS) == sorted(trustmeta._operations.__all__)
    for name, args in OPERATIONS:
        fn = getattr(trustmeta, name)
        assert fn.__doc__ and "Arguments:" in fn.__doc__, name
        params = inspect.signature(fn).parameters
        assert list(params) == [a for a, _, _ in args], name
        for arg, positional, required in args:
            p = params[arg]
            kind = inspect.Parameter.POSITIONAL_OR_KEYWORD if positional else inspect.Parameter.KEYWORD_ONLY
            assert p.kind == kind, (name, arg)
            assert (p.default is inspect.Parameter.empty) is required, (name, arg)


# -- the converter on real documents ------------------------------------------------------


def store(*names: str) -> trustmeta.TrustStore:
    s = trustmeta.TrustStore()
    for n in names:
        s.add_pem((REPO / n).read_bytes())
    return s


def shared(rel: str) -> Path:
    import os

    return Path(os.environ.get("TRUSTMETA_SHARED") or REPO.parent / "shared") / rel


def results() -> list[Any]:
    """One result of every kind, reaching every record of the table."""
    out: list[Any] = []
    out.append(trustmeta.verify((DATA / "sample/smp-signed.xml").read_bytes(), store("tests/data/sample/signer.pem"), now=NOW))
    root = store("tests/data/xmldsig-gen/pki/root.pem")
    q = {
        "participant": "iso6523-actorid-upis::0088:5798000000001",
        "document": "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1",
        "now": NOW,
    }
    smp = DATA / "smp" / "signed"
    out.append(trustmeta.verify_smp((smp / "smp1-expired-endpoint.xml").read_bytes(), root, ap_store=root, **q))  # type: ignore[arg-type]
    out.append(trustmeta.verify_smp((smp / "smp1-redirect.xml").read_bytes(), root, **q))  # type: ignore[arg-type]
    out.append(trustmeta.verify_service_group((smp / "servicegroup-unsigned.xml").read_bytes(), root, participant=q["participant"], allow_unsigned=True, now=NOW))  # type: ignore[arg-type]
    out.extend(trustmeta.verify_smp_extension_signatures((smp / "ehealth-owner-signed.xml").read_bytes(), store("tests/data/xmldsig-gen/pki/leaf-p256.pem"), now=NOW))
    emreg = trustmeta.Emreg.parse((DATA / "emrex" / "emreg-1.0-messy.json").read_bytes())
    out.extend([*emreg.ncps, *emreg.countries, *emreg.choices("NO")])
    out.append(trustmeta.verify_elmo((DATA / "emrex/signed/v1-rsa-sha256.xml").read_bytes(), emreg, ncp="TEST-NCP", now=NOW))
    tsl = trustmeta.verify_tsl((DATA / "tsl/signed/ncp-configuration-xx.xml").read_bytes(), store("tests/data/tsl/signed/signer.pem"), now=NOW)
    out.extend([tsl, *tsl.to_smp()])
    lotl = shared("vectors/tsl/eu-lotl/eu-lotl.xml")
    out.append(trustmeta.verify_tsl(lotl.read_bytes(), trustmeta.TrustStore.from_pem(shared("vectors/tsl/eu-lotl/eu-lotl.keyinfo-signer.pem").read_bytes()), now=datetime(2026, 5, 1, tzinfo=timezone.utc)))
    saml = DATA / "saml" / "signed"
    trust = trustmeta.IssuerTrust.any_issuer(store("tests/data/xmldsig-gen/pki/leaf-rsa2048.pem"))
    at = datetime(2026, 6, 1, 10, 1, tzinfo=timezone.utc)
    out.append(trustmeta.verify_saml_response((saml / "assertion-signed.xml").read_bytes(), trust, audience="https://sp.example.org/metadata", acs="https://sp.example.org/acs", request_id="_req-4711", now=at))
    out.append(trustmeta.verify_saml_request((saml / "stork-request.xml").read_bytes(), trust, profile="stork", now=at))
    encrypted = (DATA / "saml/encrypted/xmlsec1/oaep-mgf1p-sha1_aes256-gcm_both-signed.xml").read_bytes()
    keys = trustmeta.DecryptionKeys.from_pem((DATA / "saml/encrypted/keys/sp-rsa.key.pem").read_bytes())
    out.append(trustmeta.verify_saml_response(encrypted, trust, audience="https://sp.example.org/metadata", acs="https://sp.example.org/acs", request_id="_req-4711", now=at, decrypt_keys=keys))
    out.append(trustmeta.decrypt_saml_assertion(encrypted, keys))
    md = trustmeta.verify_metadata((DATA / "metadata/signed/aggregate.xml").read_bytes(), store("tests/data/metadata/signed/signer.pem"), now=NOW, profile="etoegang")
    out.extend([md, *md.entity_ids(), *md.read_entities()])
    ocsp = DATA / "ocsp"
    out.append(trustmeta.verify_ocsp_response((ocsp / "good-ca.der").read_bytes(), (ocsp / "ca.pem").read_bytes(), (ocsp / "good.pem").read_bytes(), now=datetime(2027, 1, 1, tzinfo=timezone.utc)))
    return out


def check_type(value: Any, hint: Any, where: str) -> None:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Union or origin is getattr(types, "UnionType", None):
        assert any(_fits(value, a) for a in args), (where, value, hint)
    elif origin is typing.Literal:
        assert value in args, (where, value, hint)
    elif origin is list:
        assert isinstance(value, list), (where, value)
        for i, item in enumerate(value):
            check_type(item, args[0], f"{where}[{i}]")
    else:
        assert isinstance(value, hint) and (hint is not int or not isinstance(value, bool)), (where, value, hint)


def _fits(value: Any, hint: Any) -> bool:
    try:
        check_type(value, hint, "")
    except AssertionError:
        return False
    return True


def walk(obj: Any, seen: set[str], where: str) -> None:
    cls = type(obj)
    if cls.__name__ not in _records.__all__:
        return
    seen.add(cls.__name__)
    for field in cls._fields:
        value = getattr(obj, field)
        if sys.version_info >= (3, 10):  # the hints use X | None
            fget = getattr(cls, field).fget if not issubclass(cls, tuple) else None
            hints = typing.get_type_hints(fget if fget else cls, vars(_records))
            check_type(value, hints["return" if fget else field], f"{where}.{field}")
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            walk(item, seen, f"{where}.{field}[{i}]")


def test_every_record_reaches_python_with_its_fields_and_types() -> None:
    seen: set[str] = set()
    for i, r in enumerate(results()):
        walk(r, seen, f"result{i}")
    assert seen == set(_records.__all__)


def test_records_are_values() -> None:
    doc = trustmeta.verify((DATA / "sample/smp-signed.xml").read_bytes(), store("tests/data/sample/signer.pem"), now=NOW)
    again = trustmeta.verify((DATA / "sample/smp-signed.xml").read_bytes(), store("tests/data/sample/signer.pem"), now=NOW)
    assert doc == again and hash(doc) == hash(again) and doc is not again
    assert doc != doc.references[0] and doc.references[0] != "Reference"
    with pytest.raises(AttributeError):
        doc.pinned = False  # type: ignore[misc]
    with pytest.raises(AttributeError):
        doc.other = 1  # type: ignore[attr-defined]
    # A pair-like record is a named tuple: it compares equal to a plain tuple.
    (cert,) = doc.chain
    assert isinstance(cert, trustmeta.Certificate) and cert == (cert.subject, cert.sha256)
    # Lists of records are counted in a repr, so that a trusted list does not print whole.
    tsl = trustmeta.verify_tsl((DATA / "tsl/signed/ncp-configuration-xx.xml").read_bytes(), store("tests/data/tsl/signed/signer.pem"), now=NOW)
    assert "providers=<2 TslProvider>" in repr(tsl) and "territory='XX'" in repr(tsl)


def test_xml_is_bytes_and_enums_are_the_core_names() -> None:
    tsl = trustmeta.verify_tsl((DATA / "tsl/signed/ncp-configuration-xx.xml").read_bytes(), store("tests/data/tsl/signed/signer.pem"), now=NOW)
    assert all(isinstance(r.xml, bytes) for r in tsl.to_smp())
    assert tsl.openncp is not None and tsl.openncp.tls_certificate_a == tsl.openncp.tls_certificate("NCP-A")
    assert typing.get_args(typing.get_type_hints(trustmeta.OpenNcpService.face.fget, vars(_records))["return"]) == ("NCP-A", "NCP-B")


# -- arguments ----------------------------------------------------------------------------


@pytest.fixture
def saml_args() -> dict[str, Any]:
    trust = trustmeta.IssuerTrust.any_issuer(store("tests/data/xmldsig-gen/pki/leaf-rsa2048.pem"))
    return {"xml": b"<x/>", "trust": trust, "audience": "a", "acs": "b"}


def test_the_tables_sentences_are_python_exceptions(saml_args: dict[str, Any]) -> None:
    xml, trust = saml_args.pop("xml"), saml_args.pop("trust")
    with pytest.raises(ValueError) as e:
        trustmeta.verify_saml_response(xml, trust, skew=-1, **saml_args)
    assert str(e.value) == "verify_saml_response() argument 'skew' must be between 0 and 4294967295, not -1"
    assert not isinstance(e.value, trustmeta.VerificationError)
    with pytest.raises(ValueError) as e:
        trustmeta.verify_saml_response(xml, trust, skew=2**70, **saml_args)
    assert str(e.value) == f"verify_saml_response() argument 'skew' must be between 0 and 4294967295, not {2**70}"
    with pytest.raises(ValueError) as e:
        trustmeta.verify_saml_response(xml, trust, profile="saml2", **saml_args)  # type: ignore[arg-type]
    assert str(e.value) == 'verify_saml_response() argument \'profile\' must be "generic", "stork" or "eidas", not "saml2"'
    with pytest.raises(TypeError) as e:
        trustmeta.verify_saml_response(xml, trust, skew="180", **saml_args)  # type: ignore[arg-type]
    assert str(e.value) == "verify_saml_response() argument 'skew' must be int, not str"
    with pytest.raises(TypeError) as e:
        trustmeta.verify_saml_response(xml, trust, cache=object(), **saml_args)  # type: ignore[arg-type]
    assert str(e.value) == (
        "verify_saml_response() argument 'cache' must be a trustmeta.ReplayCache, a trustmeta.RedisReplayCache "
        "or an object with a check_and_insert(id, expires, now) method or None, not object"
    )
    with pytest.raises(TypeError) as e:
        trustmeta.verify_saml_response(None, trust, **saml_args)  # type: ignore[arg-type]
    assert str(e.value) == "verify_saml_response() argument 'xml' must be a bytes-like object, not NoneType"


def test_call_checks_what_the_generated_functions_cannot_get_wrong(saml_args: dict[str, Any]) -> None:
    # `_call` takes the operation's arguments by position, in the table's order.
    names = dict(_trustmeta._table()[1])["verify_saml_response"]
    given = inspect.signature(trustmeta.verify_saml_response).bind(**saml_args)
    given.apply_defaults()
    args = [given.arguments[name] for name, _, _ in names]
    with pytest.raises(trustmeta.VerificationError):
        _trustmeta._call("verify_saml_response", *args)  # the arguments are taken: <x/> is refused
    audience = [name for name, _, _ in names].index("audience")
    with pytest.raises(TypeError) as e:
        _trustmeta._call("verify_saml_response", *args[:audience], None, *args[audience + 1 :])
    assert str(e.value) == "verify_saml_response() argument 'audience' must be str, not NoneType"
    with pytest.raises(TypeError) as e:
        _trustmeta._call("verify_saml_response", *args[:-1])
    assert str(e.value) == (
        f'_call("verify_saml_response") takes the operation\'s {len(names)} arguments in order, not {len(names) - 1}'
    )
    with pytest.raises(TypeError, match="unexpected keyword argument 'audience'"):
        _trustmeta._call("verify_saml_response", audience="a")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="no operation"):
        _trustmeta._call("verify_everything")  # type: ignore[arg-type]


def test_the_streaming_verifier_checks_its_keywords() -> None:
    anchors = store("tests/data/xmldsig-gen/pki/leaf-rsa2048.pem")
    with pytest.raises(TypeError, match="unexpected keyword argument 'profiles'"):
        trustmeta.MetadataStreamVerifier(anchors, profiles="saml")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="argument 'profile' must be"):
        trustmeta.MetadataStreamVerifier(anchors, profile="nonesuch")  # type: ignore[arg-type]


def test_a_large_metadata_document_is_refused_in_verify_metadatas_words() -> None:
    big = (DATA / "metadata/signed/aggregate.xml").read_bytes() + b"<!--" + b"x" * (4 * 1024 * 1024) + b"-->"
    signer = store("tests/data/metadata/signed/signer.pem")
    with pytest.raises(ValueError) as e:
        trustmeta.verify_metadata(big, signer, now=NOW, profile="eherkenning")  # type: ignore[arg-type]
    assert str(e.value) == 'verify_metadata() argument \'profile\' must be "generic" or "etoegang", not "eherkenning"'
