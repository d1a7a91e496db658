"""Runs tests/conformance/saml-encrypted-cases.tsv (encrypted SAML responses made by
xmlsec1, openssl, pysaml2 and samlify, the attacks built from them, and the eIDAS
reference implementation's vectors) through the Python binding.

Each row is one test (``test_saml_encrypted_case[<id>]``); the run closes with the line
``python-saml-encrypted: N passed, M failed`` (printed by conftest.py). The columns and
options are those of core/tests/saml_encrypted_conformance.rs. Also runnable without
pytest: ``python python/tests/test_saml_encrypted_conformance.py``.
"""

from __future__ import annotations

import csv
import sys
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_conformance import files, resolve  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
CASES = REPO / "tests" / "conformance" / "saml-encrypted-cases.tsv"

# Prefixes a decrypted assertion may use while declaring them only on the Response it
# was cut from: wrapping it in an element declaring them lets it parse on its own.
_PREFIXES = {
    "saml": "urn:oasis:names:tc:SAML:2.0:assertion",
    "saml2": "urn:oasis:names:tc:SAML:2.0:assertion",
    "samlp": "urn:oasis:names:tc:SAML:2.0:protocol",
    "saml2p": "urn:oasis:names:tc:SAML:2.0:protocol",
    "ds": "http://www.w3.org/2000/09/xmldsig#",
    "xenc": "http://www.w3.org/2001/04/xmlenc#",
    "xs": "http://www.w3.org/2001/XMLSchema",
    "xsd": "http://www.w3.org/2001/XMLSchema",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "eidas": "http://eidas.europa.eu/saml-extensions",
    "eidas-natural": "http://eidas.europa.eu/attributes/naturalperson",
}


class EncryptedCase(NamedTuple):
    id: str
    file: str
    trust: str
    at: str
    audience: str
    acs: str
    request_id: str
    decrypt_keys: str
    options: str
    expect: str


def load_cases() -> list[EncryptedCase]:
    with CASES.open(newline="", encoding="utf-8") as f:
        rows = [r for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if r]
    assert rows[0] == list(EncryptedCase._fields), f"unexpected header in {CASES}: {rows[0]}"
    return [EncryptedCase(*r) for r in rows[1:]]


def keys_of(column: str):
    import trustmeta

    keys = trustmeta.DecryptionKeys()
    for path in files(column):
        keys.add_pem(path.read_bytes())
    return keys


def name_id_of(xml: bytes) -> str:
    """The text of the first ``NameID`` of a decrypted assertion."""
    try:
        root = ET.fromstring(xml)
    except ET.ParseError:
        declared = " ".join(f'xmlns:{p}="{ns}"' for p, ns in _PREFIXES.items())
        root = ET.fromstring(f"<wrap {declared}>".encode() + xml + b"</wrap>")
    for el in root.iter():
        if el.tag == "NameID" or el.tag.endswith("}NameID"):
            return (el.text or "").strip()
    return ""


def run_case(case: EncryptedCase) -> str:
    """``"ok NAMEID"`` or the error code the binding raised."""
    import trustmeta

    kwargs: dict = {}
    decrypt_only = False
    for o in [] if case.options == "-" else case.options.split(","):
        key, _, value = o.partition("=")
        if o == "allow_legacy_encryption":
            kwargs["allow_legacy_encryption"] = True
        elif o == "allow_sha1":
            kwargs["allow_sha1"] = True
        elif o == "decrypt_only":
            decrypt_only = True
        elif key == "min_rsa_bits" and value:
            kwargs["min_rsa_bits"] = int(value)
        elif o == "profile=eidas":
            kwargs["profile"] = "eidas"
        elif key == "signed" and value in ("response", "assertion", "both"):
            kwargs["signed"] = value
        else:
            raise ValueError(f"{case.id}: unknown option {o!r}")
    xml = resolve(case.file).read_bytes()
    keys = keys_of(case.decrypt_keys)
    try:
        if decrypt_only:
            unsupported = set(kwargs) - {"allow_legacy_encryption"}
            assert not unsupported, f"{case.id}: decrypt_saml_assertion takes no {sorted(unsupported)}"
            a = trustmeta.decrypt_saml_assertion(xml, keys, **kwargs)
            assert a.decrypted.element == "EncryptedAssertion"
            return f"ok {name_id_of(a.xml)}"
        store = trustmeta.TrustStore()
        for t in files(case.trust):
            store.add_pem(t.read_bytes())
        r = trustmeta.verify_saml_response(
            xml,
            trustmeta.IssuerTrust.any_issuer(store),
            audience=case.audience,
            acs=case.acs,
            request_id=None if case.request_id == "-" else case.request_id,
            now=datetime.fromisoformat(case.at.replace("Z", "+00:00")),
            cache=trustmeta.ReplayCache(16),
            decrypt_keys=keys if len(keys) else None,
            **kwargs,
        )
    except trustmeta.VerificationError as e:
        return e.code
    assert r.decrypted, f"{case.id}: nothing was decrypted"
    return f"ok {r.name_id or ''}"


def pytest_generate_tests(metafunc) -> None:
    if "encrypted_case" in metafunc.fixturenames:
        cases = load_cases()
        metafunc.parametrize("encrypted_case", cases, ids=[c.id for c in cases])


def test_saml_encrypted_case(encrypted_case: EncryptedCase) -> None:
    assert run_case(encrypted_case) == encrypted_case.expect


def test_the_table_has_every_case() -> None:
    cases = load_cases()
    # Every committed response file is in the table, and no id is used twice.
    files = {c.file for c in cases}
    for folder in ("xmlsec1", "ecdh", "producers"):
        for f in (REPO / "tests/data/saml/encrypted" / folder).glob("*.xml"):
            assert str(f.relative_to(REPO)) in files, f
    assert len({c.id for c in cases}) == len(cases)


def _case(ident: str) -> EncryptedCase:
    return next(c for c in load_cases() if c.id == ident)


def _verify(case: EncryptedCase, **kw: object):
    import trustmeta

    return trustmeta.verify_saml_response(
        resolve(case.file).read_bytes(),
        trustmeta.IssuerTrust.any_issuer(trustmeta.TrustStore.from_pem(resolve(case.trust).read_bytes())),
        audience=case.audience,
        acs=case.acs,
        request_id=case.request_id,
        now=datetime.fromisoformat(case.at.replace("Z", "+00:00")),
        decrypt_keys=keys_of(case.decrypt_keys),
        **kw,
    )


def test_what_was_decrypted_is_reported() -> None:
    r = _verify(_case("xmlsec-oaep-sha1-aes256gcm-both"))
    assert [(d.element, d.content_algorithm, d.legacy, d.key_algorithm) for d in r.decrypted] == [
        ("EncryptedAssertion", "aes256-gcm", False, "rsa-oaep-mgf1p"),
    ]
    assert r.name_id == "ross@octolabs.io"


def test_legacy_content_encryption_is_reported_when_allowed() -> None:
    r = _verify(_case("xmlsec-aes256cbc-legacy-allowed"), allow_legacy_encryption=True)
    [d] = r.decrypted
    assert (d.element, d.content_algorithm, d.legacy) == ("EncryptedAssertion", "aes256-cbc", True)


def test_an_encrypted_name_id_is_reported() -> None:
    r = _verify(_case("xmlsec-encrypted-id"), signed="assertion")
    assert "EncryptedID" in [d.element for d in r.decrypted]
    assert r.name_id == "ross@octolabs.io"


def test_decrypt_saml_assertion_returns_the_assertion_unverified() -> None:
    import trustmeta

    case = _case("xmlsec-oaep-sha1-aes256gcm-both")
    a = trustmeta.decrypt_saml_assertion(resolve(case.file).read_bytes(), keys_of(case.decrypt_keys))
    assert isinstance(a, trustmeta.UnverifiedAssertion)
    assert isinstance(a.xml, bytes) and b"Assertion" in a.xml
    assert name_id_of(a.xml) == "ross@octolabs.io"
    d = a.decrypted
    assert (d.element, d.content_algorithm, d.legacy, d.key_algorithm) == (
        "EncryptedAssertion",
        "aes256-gcm",
        False,
        "rsa-oaep-mgf1p",
    )


if __name__ == "__main__":
    passed = failed = 0
    for c in load_cases():
        try:
            got = run_case(c)
        except Exception as e:  # a crash counts as a failure, and the run goes on
            got = f"crash: {e!r}"
        if got == c.expect:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {c.id}: expected {c.expect}, got {got}")
    print(f"python-saml-encrypted: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
