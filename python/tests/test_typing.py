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
