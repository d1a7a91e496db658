"""Shared fixtures, and the closing line of the conformance run.

The tests import the *installed* ``trustmeta`` (the wheel built by maturin), never the
source tree: run them with ``scripts/test-python.sh``, or from any directory other than
``python/`` after installing the wheel.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "tests" / "data" / "sample"
GEN = REPO / "tests" / "data" / "xmldsig-gen"
# The verification time the sample and the generated fixtures were made for.
NOW = datetime(2026, 6, 1, tzinfo=timezone.utc)


def shared_dir() -> Path:
    """The shared vectors folder: $TRUSTMETA_SHARED, else ../shared beside the repo."""
    return Path(os.environ.get("TRUSTMETA_SHARED") or REPO.parent / "shared")


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def now() -> datetime:
    return NOW


@pytest.fixture(scope="session")
def sample_pem() -> bytes:
    return (SAMPLE / "signer.pem").read_bytes()


@pytest.fixture(scope="session")
def sample_xml() -> bytes:
    return (SAMPLE / "smp-signed.xml").read_bytes()


@pytest.fixture
def sample_store(sample_pem: bytes):
    import trustmeta

    return trustmeta.TrustStore.from_pem(sample_pem)


@pytest.fixture
def gen_store():
    """The generated test PKI: the root trusted, the intermediate as a helper."""
    import trustmeta

    store = trustmeta.TrustStore.from_pem((GEN / "pki" / "root.pem").read_bytes())
    store.add_intermediates_pem((GEN / "pki" / "intermediate.pem").read_bytes())
    return store


@pytest.fixture(scope="session")
def gen() -> Path:
    return GEN


# -- conformance closing line -------------------------------------------------------

_conformance = {"passed": 0, "failed": 0}
_smp_conformance = {"passed": 0, "failed": 0}
_smp_redirects = {"passed": 0, "failed": 0}
_saml_conformance = {"passed": 0, "failed": 0}
_saml_encrypted = {"passed": 0, "failed": 0}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if "test_conformance.py::test_case[" in report.nodeid:
        tally = _conformance
    elif "test_smp_conformance.py::test_smp_redirect[" in report.nodeid:
        tally = _smp_redirects
    elif "test_smp_conformance.py::test_smp_" in report.nodeid:
        tally = _smp_conformance
    elif "test_saml.py::test_saml_case[" in report.nodeid:
        tally = _saml_conformance
    elif "test_saml_encrypted_conformance.py::test_saml_encrypted_case[" in report.nodeid:
        tally = _saml_encrypted
    else:
        return
    if report.when == "call":
        tally["passed" if report.passed else "failed"] += 1
    elif report.failed:  # an error in setup or teardown
        tally["failed"] += 1


def pytest_terminal_summary(terminalreporter) -> None:
    if _smp_conformance["passed"] or _smp_conformance["failed"]:
        terminalreporter.write_line(f"python-smp: {_smp_conformance['passed']} passed, {_smp_conformance['failed']} failed")
    if _smp_redirects["passed"] or _smp_redirects["failed"]:
        terminalreporter.write_line(f"python-smp-redirects: {_smp_redirects['passed']} passed, {_smp_redirects['failed']} failed")
    if _saml_conformance["passed"] or _saml_conformance["failed"]:
        terminalreporter.write_line(f"python-saml: {_saml_conformance['passed']} passed, {_saml_conformance['failed']} failed")
    if _saml_encrypted["passed"] or _saml_encrypted["failed"]:
        terminalreporter.write_line(f"python-saml-encrypted: {_saml_encrypted['passed']} passed, {_saml_encrypted['failed']} failed")
    if _conformance["passed"] or _conformance["failed"]:
        terminalreporter.write_line(f"python: {_conformance['passed']} passed, {_conformance['failed']} failed")
