"""The metadata refresh cases of ``tests/data/metadata/refresh-cases.json``, which the CLI
and C run too, through ``trustmeta.MetadataSource`` (tests/conformance/run_refresh_table.py
with this interpreter, so the installed package is the one under test)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_every_refresh_case_gives_the_answer_the_table_says() -> None:
    out = subprocess.run(
        [sys.executable, str(REPO / "tests" / "conformance" / "run_refresh_table.py"), "python"],
        capture_output=True, text=True, timeout=300,
    )
    m = re.search(r"^refresh-table-python: (\d+) passed, (\d+) failed$", out.stdout, re.M)
    assert m, out.stdout + out.stderr
    assert (int(m[2]), out.returncode) == (0, 0), out.stdout + out.stderr
    assert int(m[1]) >= 20
