"""trustmeta.DecryptionKeys.add_pkcs11: the relying party's keys in a SoftHSM2 token that
scripts/softhsm.sh makes, the same decryptions as with the keys in memory.

PKCS#11 logs a process in per token, not per key: once any key of this process is logged
in, ``C_Login`` no longer checks a PIN. The wrong PIN is therefore tried first (pytest
runs a file's tests in order), and SoftHSM2 reads ``SOFTHSM2_CONF`` once, when the module
is first initialized, so every test here shares one token.

Skips, saying why, only when SoftHSM2 cannot be installed (softhsm.sh exits 3) and
``TRUSTMETA_REQUIRE_SOFTHSM`` is not set; scripts/test-python.sh sets it.
"""

from __future__ import annotations

import os
import re
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest
import trustmeta

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("TRUSTMETA_SHARED") or REPO.parent / "shared")
ENCRYPTED = REPO / "tests" / "data" / "saml" / "encrypted" / "xmlsec1" / "oaep-mgf1p-sha1_aes256-gcm_both-signed.xml"
EIDAS_EC = SHARED / "vectors" / "eidas" / "encryption" / "responses" / "saml_ec_NistCurve_kw-aes256_encrypted_response.xml"
IDP = REPO / "tests" / "data" / "xmldsig-gen" / "pki" / "leaf-rsa2048.pem"
NOW = datetime(2026, 6, 1, 10, 1, tzinfo=timezone.utc)
AUDIENCE = "https://sp.example.org/metadata"
ACS = "https://sp.example.org/acs"


@dataclass(frozen=True)
class Token:
    module: str
    label: str
    pin: str

    def uri(self, obj: str) -> str:
        return f"pkcs11:token={self.label};object={obj}"


@pytest.fixture(scope="module")
def token(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Token]:
    out = subprocess.run(
        ["bash", str(REPO / "scripts" / "softhsm.sh"), str(tmp_path_factory.mktemp("softhsm") / "token")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if out.returncode == 3:
        why = (out.stderr.strip().splitlines() or ["softhsm.sh exited 3"])[-1]
        if os.environ.get("TRUSTMETA_REQUIRE_SOFTHSM"):
            pytest.fail(f"SoftHSM2 is required (TRUSTMETA_REQUIRE_SOFTHSM) but: {why}")
        pytest.skip(f"SoftHSM2 cannot be installed: {why}")
    assert out.returncode == 0, f"scripts/softhsm.sh failed:\n{out.stderr}"
    env = dict(
        line[len("export ") :].split("=", 1) for line in out.stdout.splitlines() if line.startswith("export ")
    )
    previous = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = env["SOFTHSM2_CONF"]
    yield Token(env["TRUSTMETA_PKCS11_MODULE"], env["TRUSTMETA_PKCS11_TOKEN"], env["TRUSTMETA_PKCS11_PIN"])
    if previous is None:
        del os.environ["SOFTHSM2_CONF"]
    else:
        os.environ["SOFTHSM2_CONF"] = previous


def verify_name_id(keys: trustmeta.DecryptionKeys) -> trustmeta.VerifiedSamlResponse:
    return trustmeta.verify_saml_response(
        ENCRYPTED.read_bytes(),
        trustmeta.IssuerTrust.any_issuer(trustmeta.TrustStore.from_pem(IDP.read_bytes())),
        audience=AUDIENCE,
        acs=ACS,
        request_id="_req-4711",
        now=NOW,
        decrypt_keys=keys,
    )


def name_id_of(xml: bytes) -> str:
    m = re.search(rb"NameID[^>]*>\s*([^<]*?)\s*<", xml)
    assert m is not None, xml[:200]
    return m.group(1).decode()


def test_a_wrong_pin_is_key_unavailable(token: Token) -> None:
    keys = trustmeta.DecryptionKeys()
    with pytest.raises(trustmeta.DecryptionError) as e:
        keys.add_pkcs11(token.module, token.uri("sp-rsa"), "0000")
    assert e.value.code == "xmlenc.key_unavailable"
    assert e.value.number == trustmeta.ERROR_CODES["xmlenc.key_unavailable"]
    assert "CKR_PIN_INCORRECT" in str(e.value)
    assert len(keys) == 0


@pytest.mark.parametrize(
    ("module", "uri", "why"),
    [
        (None, "pkcs11:token={label};object=no-such-key", "no-such-key"),
        (None, "pkcs11:token=no-such-token;object=sp-rsa", "no-such-token"),
        (None, "pkcs11:token={label};object=sp-rsa?pin-value=1234", "pin-value"),
        (None, "file:///etc/passwd", ""),
        ("/nonexistent/libpkcs11.so", "pkcs11:token={label};object=sp-rsa", "/nonexistent/libpkcs11.so"),
    ],
    ids=["no-such-key", "no-such-token", "pin-in-uri", "not-a-pkcs11-uri", "no-module"],
)
def test_what_cannot_be_opened_is_key_unavailable(token: Token, module: str | None, uri: str, why: str) -> None:
    keys = trustmeta.DecryptionKeys()
    with pytest.raises(trustmeta.DecryptionError) as e:
        keys.add_pkcs11(module or token.module, uri.format(label=token.label), token.pin)
    assert e.value.code == "xmlenc.key_unavailable"
    assert why in str(e.value)
    assert len(keys) == 0


def test_arguments_must_be_str(token: Token) -> None:
    keys = trustmeta.DecryptionKeys()
    with pytest.raises(TypeError):
        keys.add_pkcs11(Path(token.module), token.uri("sp-rsa"), token.pin)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        keys.add_pkcs11(token.module, token.uri("sp-rsa"), b"1234")  # type: ignore[arg-type]
    assert len(keys) == 0


def test_the_token_rsa_key_decrypts_a_verified_response(token: Token) -> None:
    keys = trustmeta.DecryptionKeys()
    keys.add_pkcs11(token.module, token.uri("sp-rsa"), token.pin)
    assert len(keys) == 1
    assert repr(keys) == "<trustmeta.DecryptionKeys: 1 key>"
    r = verify_name_id(keys)
    assert r.name_id == "ross@octolabs.io"
    assert [(d.element, d.content_algorithm, d.key_algorithm) for d in r.decrypted] == [
        ("EncryptedAssertion", "aes256-gcm", "rsa-oaep-mgf1p")
    ]


def test_the_token_ec_key_decrypts_the_eidas_vector(token: Token) -> None:
    xml = EIDAS_EC.read_bytes()
    keys = trustmeta.DecryptionKeys()
    keys.add_pkcs11(token.module, token.uri("sp-rsa"), token.pin)
    with pytest.raises(trustmeta.DecryptionError) as e:
        trustmeta.decrypt_saml_assertion(xml, keys)
    assert e.value.code == "xmlenc.no_matching_key"
    keys.add_pkcs11(token.module, token.uri("eidas-ec-nist"), token.pin)
    assert len(keys) == 2
    a = trustmeta.decrypt_saml_assertion(xml, keys)
    assert name_id_of(a.xml) == "0123456"
    assert a.decrypted.element == "EncryptedAssertion"
    assert a.decrypted.key_algorithm == "ecdh-es+kw-aes256"


def test_token_and_memory_keys_mix_and_threads_share_them(token: Token) -> None:
    keys = trustmeta.DecryptionKeys.from_pem((REPO / "tests/data/saml/encrypted/keys/other-rsa.key.pem").read_bytes())
    keys.add_pkcs11(token.module, token.uri("sp-rsa"), token.pin)
    results: list[str | None] = []

    def work() -> None:
        for _ in range(5):
            results.append(verify_name_id(keys).name_id)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["ross@octolabs.io"] * 20
