"""The type stubs are complete and right: mypy's stubtest compares them with the
installed module, and the examples type-check against them under --strict.

Skipped when mypy is not installed (scripts/test-python.sh installs it).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytest.importorskip("mypy")


def mypy(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_stubtest(tmp_path: Path) -> None:
    # From an empty directory, so that the installed package is the one inspected.
    out = mypy("mypy.stubtest", "trustmeta", "--concise", cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr


def test_examples_type_check_strictly(tmp_path: Path) -> None:
    examples = sorted(str(p) for p in (REPO / "examples" / "python").glob("*.py"))
    # The ACS service (its fixtures need lxml and cryptography, which test-python.sh installs).
    examples += sorted(str(p) for p in (REPO / "examples" / "python" / "acs_service").glob("*.py"))
    out = mypy("mypy", "--strict", "--no-incremental", *examples, cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr


def test_misuse_is_caught_by_the_stubs(tmp_path: Path) -> None:
    bad = tmp_path / "misuse.py"
    bad.write_text(
        "import trustmeta\n"
        "store = trustmeta.TrustStore.from_pem('text')\n"
        "doc = trustmeta.verify(b'', store, allow_sha1=1.5)\n"
        "x: int = doc.signer_sha256\n"
    )
    out = mypy("mypy", "--strict", "--no-incremental", str(bad), cwd=tmp_path)
    assert out.returncode == 1
    assert out.stdout.count("error:") == 3, out.stdout


def test_choice_options_are_literal_types(tmp_path: Path) -> None:
    # Each choice argument is typed by its named Literal alias: a misspelled option fails
    # `mypy --strict`, every spelled one passes.
    good = tmp_path / "good.py"
    good.write_text(
        "import trustmeta\n"
        "from trustmeta import MetadataProfileName, SamlProfileName, SignedPartsName, TrustRoleName\n"
        "def check(xml: bytes, trust: trustmeta.IssuerTrust, store: trustmeta.TrustStore) -> None:\n"
        "    profile: SamlProfileName = 'eidas'\n"
        "    signed: SignedPartsName = 'both'\n"
        "    trustmeta.verify_saml_response(xml, trust, audience='a', acs='b', profile=profile, signed=signed)\n"
        "    trustmeta.verify_saml_response(xml, trust, audience='a', acs='b', profile='stork', signed='any')\n"
        "    md: MetadataProfileName = 'etoegang'\n"
        "    role: TrustRoleName = 'SPSSODescriptor'\n"
        "    trustmeta.verify_metadata(xml, store, profile=md)\n"
        "    trustmeta.metadata_issuer_trust(xml, store, role=role, profile='generic')\n"
        "    trustmeta.verify_metadata_file('m.xml', store, profile='etoegang')\n"
        "    trustmeta.MetadataStreamVerifier(store, profile='etoegang')\n"
    )
    out = mypy("mypy", "--strict", "--no-incremental", str(good), cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr

    bad = tmp_path / "bad.py"
    bad.write_text(
        "import trustmeta\n"
        "def check(xml: bytes, trust: trustmeta.IssuerTrust, store: trustmeta.TrustStore, s: str) -> None:\n"
        "    trustmeta.verify_saml_response(xml, trust, audience='a', acs='b', profile='eidass')\n"
        "    trustmeta.verify_saml_response(xml, trust, audience='a', acs='b', signed='al')\n"
        "    trustmeta.verify_saml_response(xml, trust, audience='a', acs='b', profile=s)\n"
        "    trustmeta.verify_metadata(xml, store, profile='etoegan')\n"
        "    trustmeta.metadata_issuer_trust(xml, store, role='IdPSSODescriptor')\n"
        "    trustmeta.verify_metadata_file('m.xml', store, profile='Generic')\n"
        "    trustmeta.MetadataStreamVerifier(store, profile='stork')\n"
    )
    out = mypy("mypy", "--strict", "--no-incremental", str(bad), cwd=tmp_path)
    assert out.returncode == 1
    errors = [line for line in out.stdout.splitlines() if "error:" in line]
    assert [int(e.split(":")[1]) for e in errors] == [3, 4, 5, 6, 7, 8, 9], out.stdout


def test_byte_arguments_take_buffers(tmp_path: Path) -> None:
    good = tmp_path / "good.py"
    good.write_text(
        "import mmap\n"
        "import trustmeta\n"
        "def check(b: bytes, ba: bytearray, mv: memoryview, mm: mmap.mmap) -> None:\n"
        "    store = trustmeta.TrustStore.from_pem(ba)\n"
        "    store.add_pem(mv)\n"
        "    trustmeta.verify(b, store)\n"
        "    trustmeta.verify(ba, store)\n"
        "    trustmeta.verify(mv, store)\n"
        "    trustmeta.verify(mm, store)\n"
        "    trustmeta.verify_metadata(mm, store).entity_ids()\n"
    )
    out = mypy("mypy", "--strict", "--no-incremental", str(good), cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr

    bad = tmp_path / "bad.py"
    bad.write_text(
        "import trustmeta\n"
        "def check(s: str, store: trustmeta.TrustStore) -> None:\n"
        "    trustmeta.verify(s, store)\n"
        "    trustmeta.TrustStore.from_pem(s)\n"
    )
    out = mypy("mypy", "--strict", "--no-incremental", str(bad), cwd=tmp_path)
    assert out.returncode == 1
    assert out.stdout.count("error:") == 2, out.stdout
