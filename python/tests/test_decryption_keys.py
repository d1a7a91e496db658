"""trustmeta.DecryptionKeys: reading private keys, refusing what is not one, never showing
key material, and how the operations take it."""

from __future__ import annotations

import base64
import copy
import pickle
import re
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest
import trustmeta

REPO = Path(__file__).resolve().parents[2]
KEYS = REPO / "tests" / "data" / "saml" / "encrypted" / "keys"
ENCRYPTED = REPO / "tests" / "data" / "saml" / "encrypted" / "xmlsec1" / "oaep-mgf1p-sha1_aes256-gcm_both-signed.xml"
IDP = REPO / "tests" / "data" / "xmldsig-gen" / "pki" / "leaf-rsa2048.pem"
NOW = datetime(2026, 6, 1, 10, 1, tzinfo=timezone.utc)
AUDIENCE = "https://sp.example.org/metadata"
ACS = "https://sp.example.org/acs"


def pem_body(pem: bytes) -> bytes:
    return base64.b64decode(b"".join(line for line in pem.splitlines() if not line.startswith(b"-----")))


def pem(label: str, der: bytes) -> bytes:
    b64 = base64.encodebytes(der).replace(b"\n", b"")
    lines = [b64[i : i + 64] for i in range(0, len(b64), 64)]
    return b"\n".join([f"-----BEGIN {label}-----".encode(), *lines, f"-----END {label}-----".encode(), b""])


def tlv(der: bytes, i: int) -> tuple[int, int, int]:
    """The tag at ``i``, where its content starts and where it ends."""
    tag, length, j = der[i], der[i + 1], i + 2
    if length & 0x80:
        n = length & 0x7F
        length, j = int.from_bytes(der[j : j + n], "big"), j + n
    return tag, j, j + length


def pkcs8_parts(der: bytes) -> tuple[bytes, bytes]:
    """The AlgorithmIdentifier (whole) and the privateKey content of a PrivateKeyInfo."""
    _, start, _ = tlv(der, 0)
    _, _, version_end = tlv(der, start)
    _, _, alg_end = tlv(der, version_end)
    tag, key_start, key_end = tlv(der, alg_end)
    assert tag == 0x04
    return der[version_end:alg_end], der[key_start:key_end]


def der_len(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def rsa_private_key_pem(pkcs8_pem: bytes) -> bytes:
    """The same RSA key as an ``RSA PRIVATE KEY`` (PKCS#1) block."""
    _, key = pkcs8_parts(pem_body(pkcs8_pem))
    return pem("RSA PRIVATE KEY", key)


def ec_private_key_pem(pkcs8_pem: bytes) -> bytes:
    """The same EC key as an ``EC PRIVATE KEY`` (SEC1) block naming its curve, which
    PKCS#8 keeps outside."""
    alg, key = pkcs8_parts(pem_body(pkcs8_pem))
    _, alg_start, _ = tlv(alg, 0)
    _, _, oid_end = tlv(alg, alg_start)
    curve = alg[oid_end:]  # the curve's OBJECT IDENTIFIER
    _, start, end = tlv(key, 0)
    _, _, version_end = tlv(key, start)
    _, _, secret_end = tlv(key, version_end)
    rest = key[secret_end:end]
    assert not rest or rest[0] != 0xA0, "the curve is already named"
    params = b"\xa0" + der_len(len(curve)) + curve
    body = key[start:secret_end] + params + rest
    return pem("EC PRIVATE KEY", b"\x30" + der_len(len(body)) + body)


def decrypt_name_id(keys: trustmeta.DecryptionKeys) -> str | None:
    r = trustmeta.verify_saml_response(
        ENCRYPTED.read_bytes(),
        trustmeta.IssuerTrust.any_issuer(trustmeta.TrustStore.from_pem(IDP.read_bytes())),
        audience=AUDIENCE,
        acs=ACS,
        request_id="_req-4711",
        now=NOW,
        decrypt_keys=keys,
    )
    return r.name_id


@pytest.fixture(scope="module")
def sp_key() -> bytes:
    return (KEYS / "sp-rsa.key.pem").read_bytes()


def test_from_pem_reads_a_pkcs8_key(sp_key: bytes) -> None:
    keys = trustmeta.DecryptionKeys.from_pem(sp_key)
    assert isinstance(keys, trustmeta.DecryptionKeys)
    assert len(keys) == 1
    assert decrypt_name_id(keys) == "ross@octolabs.io"


def test_an_rsa_private_key_block_is_read(sp_key: bytes) -> None:
    keys = trustmeta.DecryptionKeys.from_pem(rsa_private_key_pem(sp_key))
    assert decrypt_name_id(keys) == "ross@octolabs.io"


@pytest.mark.parametrize("name", ["sp-ec-p256", "sp-ec-p384", "sp-ec-bp256"])
def test_ec_keys_are_read_in_both_forms(name: str) -> None:
    pkcs8 = (KEYS / f"{name}.key.pem").read_bytes()
    keys = trustmeta.DecryptionKeys.from_pem(pkcs8)
    keys.add_pem(ec_private_key_pem(pkcs8))
    assert len(keys) == 2


def test_add_pem_adds_and_the_right_key_is_chosen(sp_key: bytes) -> None:
    keys = trustmeta.DecryptionKeys()
    assert len(keys) == 0
    keys.add_pem((KEYS / "other-rsa.key.pem").read_bytes())
    keys.add_pem((KEYS / "sp-ec-p256.key.pem").read_bytes())
    with pytest.raises(trustmeta.DecryptionError) as e:
        decrypt_name_id(keys)
    assert e.value.code == "xmlenc.no_matching_key"
    keys.add_pem(sp_key)
    assert len(keys) == 3
    assert decrypt_name_id(keys) == "ross@octolabs.io"


@pytest.mark.parametrize(
    "bad",
    [
        b"",
        b"not a key",
        b"\xff\xfe binary",
        (REPO / "tests" / "data" / "saml" / "encrypted" / "keys" / "sp-rsa.pem").read_bytes(),  # a certificate
        pem("PRIVATE KEY", b"\x30\x03\x02\x01\x00"),  # damaged
        pem("ENCRYPTED PRIVATE KEY", b"\x30\x00"),
    ],
    ids=["empty", "text", "binary", "certificate", "damaged", "encrypted"],
)
def test_a_bad_key_raises_decryption_error(bad: bytes) -> None:
    with pytest.raises(trustmeta.DecryptionError) as e:
        trustmeta.DecryptionKeys.from_pem(bad)
    assert e.value.code == "xmlenc.bad_key"
    assert isinstance(e.value, trustmeta.VerificationError)
    assert e.value.number == trustmeta.ERROR_CODES["xmlenc.bad_key"]
    keys = trustmeta.DecryptionKeys()
    with pytest.raises(trustmeta.DecryptionError) as e:
        keys.add_pem(bad)
    assert e.value.code == "xmlenc.bad_key"
    assert len(keys) == 0  # nothing half-added


def test_a_failed_add_leaves_the_keys_as_they_were(sp_key: bytes) -> None:
    keys = trustmeta.DecryptionKeys.from_pem(sp_key)
    with pytest.raises(trustmeta.DecryptionError):
        keys.add_pem(b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
    assert len(keys) == 1
    assert decrypt_name_id(keys) == "ross@octolabs.io"


def test_pem_must_be_bytes(sp_key: bytes) -> None:
    with pytest.raises(TypeError, match=r"from_pem\(\) argument 'pem' must be a bytes-like object, not str \(pass the file's raw bytes"):
        trustmeta.DecryptionKeys.from_pem(sp_key.decode())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"add_pem\(\) argument 'pem' must be a bytes-like object, not int"):
        trustmeta.DecryptionKeys().add_pem(1)  # type: ignore[arg-type]
    for buffer in (bytearray(sp_key), memoryview(sp_key)):
        keys = trustmeta.DecryptionKeys()
        keys.add_pem(buffer)
        assert len(keys) == 1
        assert decrypt_name_id(keys) == "ross@octolabs.io"


def test_repr_and_errors_never_show_key_material(sp_key: bytes) -> None:
    assert repr(trustmeta.DecryptionKeys()) == "<trustmeta.DecryptionKeys: 0 keys>"
    keys = trustmeta.DecryptionKeys.from_pem(sp_key)
    assert repr(keys) == "<trustmeta.DecryptionKeys: 1 key>"
    keys.add_pem((KEYS / "sp-ec-p256.key.pem").read_bytes())
    assert repr(keys) == str(keys) == "<trustmeta.DecryptionKeys: 2 keys>"
    secret_lines = [line.decode() for line in sp_key.splitlines() if not line.startswith(b"-----")]
    shown = repr(keys) + str(keys) + " ".join(dir(keys))
    damaged = sp_key.replace(secret_lines[3].encode(), b"!" * len(secret_lines[3]))
    with pytest.raises(trustmeta.DecryptionError) as e:
        keys.add_pem(damaged)
    shown += str(e.value) + repr(e.value)
    for line in secret_lines:
        assert line[:16] not in shown
    public = [a for a in dir(keys) if not a.startswith("_")]
    assert public == ["add_pem", "add_pkcs11", "from_pem"]


def test_keys_cannot_be_pickled_or_copied(sp_key: bytes) -> None:
    keys = trustmeta.DecryptionKeys.from_pem(sp_key)
    with pytest.raises(TypeError):
        pickle.dumps(keys)
    with pytest.raises(TypeError):
        copy.copy(keys)


def test_a_wrong_object_is_a_type_error(sp_key: bytes) -> None:
    store = trustmeta.TrustStore.from_pem(IDP.read_bytes())
    xml = ENCRYPTED.read_bytes()
    trust = trustmeta.IssuerTrust.any_issuer(store)
    with pytest.raises(
        TypeError,
        match=r"^verify_saml_response\(\) argument 'decrypt_keys' must be a trustmeta\.DecryptionKeys "
        r"\(e\.g\. DecryptionKeys\.from_pem\(key_pem_bytes\)\) or None, not TrustStore$",
    ):
        trustmeta.verify_saml_response(xml, trust, audience=AUDIENCE, acs=ACS, decrypt_keys=store)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"'decrypt_keys' must be a trustmeta\.DecryptionKeys .*not bytes"):
        trustmeta.verify_saml_response(xml, trust, audience=AUDIENCE, acs=ACS, decrypt_keys=sp_key)  # type: ignore[arg-type]
    with pytest.raises(
        TypeError,
        match=r"^decrypt_saml_assertion\(\) argument 'keys' must be a trustmeta\.DecryptionKeys "
        r"\(e\.g\. DecryptionKeys\.from_pem\(key_pem_bytes\)\), not bytes$",
    ):
        trustmeta.decrypt_saml_assertion(xml, sp_key)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"'keys' must be a trustmeta\.DecryptionKeys .*not NoneType"):
        trustmeta.decrypt_saml_assertion(xml, None)  # type: ignore[arg-type]


def test_without_keys_encrypted_content_is_refused() -> None:
    with pytest.raises(trustmeta.SamlError) as e:
        decrypt_name_id(None)  # type: ignore[arg-type]
    assert e.value.code == "saml.encrypted_unsupported"
    with pytest.raises(trustmeta.DecryptionError) as d:
        trustmeta.decrypt_saml_assertion(ENCRYPTED.read_bytes(), trustmeta.DecryptionKeys())
    assert d.value.code == "xmlenc.no_matching_key"


def test_keys_are_shared_by_threads(sp_key: bytes) -> None:
    keys = trustmeta.DecryptionKeys.from_pem(sp_key)
    other = (KEYS / "other-rsa.key.pem").read_bytes()
    results: list[str | None] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(3):
                results.append(decrypt_name_id(keys))
                keys.add_pem(other)
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert results == ["ross@octolabs.io"] * 12
    assert len(keys) == 13
    assert re.fullmatch(r"<trustmeta\.DecryptionKeys: 13 keys>", repr(keys))
