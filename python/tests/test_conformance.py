"""Runs every case of tests/conformance/cases.tsv through the Python binding.

Each case is one test (``test_case[<id>]``); the run closes with the line
``python: N passed, M failed`` (printed by conftest.py), like every front door's runner.
Also runnable without pytest: ``python python/tests/test_conformance.py``.

Case format (see docs/bindings-brief.md): ``id, file, trust, intermediates, at, options,
expect``; paths under ``shared/`` are relative to $TRUSTMETA_SHARED (default: ../shared
beside the repository), others to the repository root. Options: ``allow_sha1``,
``allow_stale_crl``, ``min_rsa_bits=N`` and ``crl=PATH`` (repeatable: each file goes
through ``add_crls_pem``).
"""

from __future__ import annotations

import csv
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parents[2]
CASES = REPO / "tests" / "conformance" / "cases.tsv"


class Case(NamedTuple):
    id: str
    file: str
    trust: str
    intermediates: str
    at: str
    options: str
    expect: str


def load_cases() -> list[Case]:
    with CASES.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    header, body = rows[0], rows[1:]
    assert header == list(Case._fields), f"unexpected header in {CASES}: {header}"
    return [Case(*row) for row in body if row]


def resolve(path: str) -> Path:
    if path.startswith("shared/"):
        shared = Path(os.environ.get("TRUSTMETA_SHARED") or REPO.parent / "shared")
        return shared / path[len("shared/") :]
    return REPO / path


def files(spec: str) -> list[Path]:
    return [] if spec == "-" else [resolve(p) for p in spec.split(",")]


def run_case(case: Case) -> str:
    """``"ok"`` or the error code the binding raised."""
    import trustmeta

    kwargs: dict = {"now": datetime.fromisoformat(case.at.replace("Z", "+00:00"))}
    crls: list[Path] = []
    for opt in [] if case.options == "-" else case.options.split(","):
        if opt == "allow_sha1":
            kwargs["allow_sha1"] = True
        elif opt == "allow_stale_crl":
            kwargs["allow_stale_crl"] = True
        elif opt.startswith("crl=") and opt != "crl=":
            crls.append(resolve(opt.split("=", 1)[1]))
        elif opt.startswith("min_rsa_bits="):
            kwargs["min_rsa_bits"] = int(opt.split("=", 1)[1])
        else:
            raise ValueError(f"{case.id}: unknown option {opt!r}")
    try:
        store = trustmeta.TrustStore()
        for t in files(case.trust):
            store.add_pem(t.read_bytes())
        for i in files(case.intermediates):
            store.add_intermediates_pem(i.read_bytes())
        for c in crls:
            store.add_crls_pem(c.read_bytes())
        trustmeta.verify(resolve(case.file).read_bytes(), store, **kwargs)
    except trustmeta.VerificationError as e:
        return e.code
    return "ok"


def pytest_generate_tests(metafunc) -> None:
    if "case" in metafunc.fixturenames:
        cases = load_cases()
        metafunc.parametrize("case", cases, ids=[c.id for c in cases])


def test_case(case: Case) -> None:
    assert run_case(case) == case.expect


def test_shared_vectors_are_present() -> None:
    """Cases under shared/ need the shared vectors folder beside the repository."""
    shared = resolve("shared/")
    assert (shared / "vectors").is_dir(), f"shared vectors not found at {shared}: set TRUSTMETA_SHARED"


def test_cases_cover_every_outcome_kind() -> None:
    """The table is not empty and exercises both acceptance and refusal."""
    expects = {c.expect for c in load_cases()}
    assert "ok" in expects and len(expects) > 5


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
    print(f"python: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
