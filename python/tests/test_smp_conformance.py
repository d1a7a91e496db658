"""Runs tests/conformance/smp-cases.tsv (SMP records, each with the question asked),
smp-names.tsv (lookup names) and smp-redirects.tsv (a redirecting record and its target)
through the Python binding.

Each row is one test (``test_smp_case[<id>]``, ``test_smp_name[...]``,
``test_smp_redirect[<id>]``); the run closes with the lines ``python-smp: N passed, M
failed`` for the first two tables and ``python-smp-redirects: N passed, M failed``
(printed by conftest.py). Also runnable
without pytest: ``python python/tests/test_smp_conformance.py``.
"""

from __future__ import annotations

import csv
import sys
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_conformance import files, resolve  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
CASES = REPO / "tests" / "conformance" / "smp-cases.tsv"
NAMES = REPO / "tests" / "conformance" / "smp-names.tsv"
REDIRECTS = REPO / "tests" / "conformance" / "smp-redirects.tsv"


class SmpCase(NamedTuple):
    id: str
    file: str
    trust: str
    intermediates: str
    at: str
    options: str
    participant: str
    document: str
    process: str
    transport_profile: str
    expect: str
    endpoints: str

    def want(self) -> str:
        return f"ok {self.endpoints}" if self.expect == "ok" else self.expect


class SmpRedirect(NamedTuple):
    id: str
    first: str
    target: str
    trust: str
    intermediates: str
    at: str
    options: str
    participant: str
    document: str
    process: str
    transport_profile: str
    expect: str
    endpoints: str

    def want(self) -> str:
        return f"ok {self.endpoints}" if self.expect == "ok" else self.expect


class SmpName(NamedTuple):
    participant: str
    zone: str
    kind: str
    name: str


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[0], [r for r in rows[1:] if r]


def load_cases() -> list[SmpCase]:
    header, body = _rows(CASES)
    assert header == list(SmpCase._fields), f"unexpected header in {CASES}: {header}"
    return [SmpCase(*row) for row in body]


def load_names() -> list[SmpName]:
    header, body = _rows(NAMES)
    assert header == list(SmpName._fields), f"unexpected header in {NAMES}: {header}"
    return [SmpName(*row) for row in body]


def load_redirects() -> list[SmpRedirect]:
    header, body = _rows(REDIRECTS)
    assert header == list(SmpRedirect._fields), f"unexpected header in {REDIRECTS}: {header}"
    return [SmpRedirect(*row) for row in body]


def run_case(case: SmpCase | SmpRedirect) -> str:
    """``"ok N"`` (N active endpoints) or the error code the binding raised: the
    record's, then, when it verified and the row names owners' anchors, its owner
    signatures'."""
    import trustmeta

    opt = lambda v: None if v == "-" else v  # noqa: E731
    kwargs: dict = {"now": datetime.fromisoformat(case.at.replace("Z", "+00:00"))}
    owners: trustmeta.TrustStore | None = None
    for o in [] if case.options == "-" else case.options.split(","):
        if o == "allow_sha1":
            kwargs["allow_sha1"] = True
        elif o.startswith("min_rsa_bits="):
            kwargs["min_rsa_bits"] = int(o.split("=", 1)[1])
        elif o.startswith("owner="):
            owners = owners or trustmeta.TrustStore()
            owners.add_pem(resolve(o.split("=", 1)[1]).read_bytes())
        else:
            raise ValueError(f"{case.id}: unknown option {o!r}")
    try:
        store = trustmeta.TrustStore()
        for t in files(case.trust):
            store.add_pem(t.read_bytes())
        for i in files(case.intermediates):
            store.add_intermediates_pem(i.read_bytes())
        question = {
            "participant": case.participant,
            "document": case.document,
            "process": opt(case.process),
            "transport_profile": opt(case.transport_profile),
        }
        if isinstance(case, SmpRedirect):
            record = trustmeta.verify_smp_redirect(
                resolve(case.first).read_bytes(),
                resolve(case.target).read_bytes(),
                store,
                **question,
                **kwargs,
            )
        else:
            xml = resolve(case.file).read_bytes()
            record = trustmeta.verify_smp(xml, store, **question, **kwargs)
            if owners is not None:
                sigs = trustmeta.verify_smp_extension_signatures(xml, owners, **kwargs)
                assert [s.covered_element for s in sigs] == ["ServiceMetadata"]
    except trustmeta.VerificationError as e:
        return e.code
    assert record.verified_at == kwargs["now"]
    return f"ok {len(record.endpoints)}"


def run_name(row: SmpName) -> str:
    import trustmeta

    return trustmeta.smp_name(row.participant, row.zone, cname=row.kind == "cname")


def pytest_generate_tests(metafunc) -> None:
    if "smp_case" in metafunc.fixturenames:
        cases = load_cases()
        metafunc.parametrize("smp_case", cases, ids=[c.id for c in cases])
    if "smp_name_row" in metafunc.fixturenames:
        names = load_names()
        metafunc.parametrize("smp_name_row", names, ids=[f"{n.participant}@{n.zone}:{n.kind}" for n in names])
    if "smp_redirect" in metafunc.fixturenames:
        redirects = load_redirects()
        metafunc.parametrize("smp_redirect", redirects, ids=[r.id for r in redirects])


def test_smp_case(smp_case: SmpCase) -> None:
    assert run_case(smp_case) == smp_case.want()


def test_smp_name(smp_name_row: SmpName) -> None:
    assert run_name(smp_name_row) == smp_name_row.name


def test_smp_redirect(smp_redirect: SmpRedirect) -> None:
    assert run_case(smp_redirect) == smp_redirect.want()


def _run(checks: list) -> tuple[int, int]:
    passed = failed = 0
    for ident, want, run in checks:
        try:
            got = run()
        except Exception as e:  # a crash counts as a failure, and the run goes on
            got = f"crash: {e!r}"
        if got == want:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {ident}: expected {want}, got {got}")
    return passed, failed


if __name__ == "__main__":
    checks = [(c.id, c.want(), lambda c=c: run_case(c)) for c in load_cases()]
    checks += [(f"name {n.participant}", n.name, lambda n=n: run_name(n)) for n in load_names()]
    passed, failed = _run(checks)
    print(f"python-smp: {passed} passed, {failed} failed")
    r_passed, r_failed = _run([(r.id, r.want(), lambda r=r: run_case(r)) for r in load_redirects()])
    print(f"python-smp-redirects: {r_passed} passed, {r_failed} failed")
    sys.exit(1 if failed or r_failed else 0)
