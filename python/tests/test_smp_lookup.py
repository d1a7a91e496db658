"""``trustmeta.SmpLookup`` end to end: a real DNS server (dnsmasq, started here on a free
loopback port) and an HTTP server (``http.server`` in a thread) serving signed records.

The cases of ``tests/data/smp-lookup/cases.json``, which the command line and the C API
run too, come first (``test_shared_lookup_case``), with the servers of
``tests/lookup/lookup_env.py``; the tests after them check what only Python has.

Needs ``dnsmasq`` (Debian package dnsmasq-base; ``scripts/test-python.sh`` installs it and
sets ``TRUSTMETA_REQUIRE_DNSMASQ=1``, which turns a missing dnsmasq into a failure).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import pytest

import trustmeta

REPO = Path(__file__).resolve().parents[2]
GEN = REPO / "tests" / "data" / "xmldsig-gen"
# The verification time the fixtures were made for.
NOW = datetime(2026, 6, 1, tzinfo=timezone.utc)

PARTICIPANT = "iso6523-actorid-upis::0088:5798000000001"
DOCUMENT = (
    "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice"
    "##urn:cen.eu:en16931:2017::2.1"
)
ZONE = "lookup.test"
SIGNED = REPO / "tests" / "data" / "smp" / "signed"

sys.path.insert(0, str(REPO / "tests" / "lookup"))
import lookup_env  # noqa: E402 (found through the path just set)

CASES = lookup_env.load()


@pytest.mark.parametrize("case", CASES["cases"], ids=[c["name"] for c in CASES["cases"]])
def test_shared_lookup_case(case: Dict[str, Any]) -> None:
    if lookup_env.dnsmasq_binary() is None and "dns" in case["nameservers"]:
        if os.environ.get("TRUSTMETA_REQUIRE_DNSMASQ") == "1":
            pytest.fail("dnsmasq is missing (apt-get install dnsmasq-base)")
        pytest.skip("dnsmasq is not installed")
    store = trustmeta.TrustStore.from_pem((lookup_env.DATA / CASES["trust"]).read_bytes())
    at = datetime.fromisoformat(CASES["at"].replace("Z", "+00:00"))
    with lookup_env.Env(CASES, case) as env:
        lookup = trustmeta.SmpLookup(
            CASES["zone"],
            store,
            nameservers=env.nameservers,
            connect_to=env.connect_to,
            cache_dir=env.cache_dir,
            smp_version=case.get("smp_version", "auto"),
            timeout=10,
        )
        for run in case["runs"]:
            if run["outcome"] != "ok":
                with pytest.raises(trustmeta.VerificationError) as e:
                    lookup.lookup(case["participant"], case["document"], now=at)
                assert e.value.code == run["outcome"], str(e.value)
                assert e.value.number == trustmeta.ERROR_CODES[run["outcome"]]
                # The lookup's own codes raise LookupFailed; a refused record its own class.
                assert isinstance(e.value, trustmeta.LookupFailed) == run["outcome"].startswith("lookup.")
                continue
            found = lookup.lookup(case["participant"], case["document"], now=at)
            endpoint = found.record.endpoints[0] if found.record.endpoints else None
            got = {
                "dns_name": found.dns_name,
                "dns_record_type": found.dns_record_type,
                "smp_api": found.smp_api,
                "smp_url_prefix": found.smp_url,
                "cache": found.cache,
                "version": found.record.version,
                "endpoint_uri": endpoint.uri if endpoint else None,
                "transport_profile": endpoint.transport_profile if endpoint else None,
            }
            for field in lookup_env.FIELDS:
                if field not in run:
                    continue
                want = env.expected(run, field)
                if field == "smp_url_prefix" and want is not None:
                    assert got[field] is not None and got[field].startswith(want), (field, got[field])
                else:
                    assert got[field] == want, (field, got[field])
        assert len(env.requests) == case["requests"], env.requests


def _dnsmasq() -> Optional[str]:
    return lookup_env.dnsmasq_binary()


def _free_udp_port() -> int:
    return lookup_env._free_port()


def _wait_for_dns(port: int, proc: "subprocess.Popen[bytes]") -> bool:
    return lookup_env._wait_for_dns(port, ZONE, proc)


class Dns:
    """dnsmasq answering only from the records given."""

    def __init__(self, records: List[str]) -> None:
        binary = _dnsmasq()
        if binary is None:
            if os.environ.get("TRUSTMETA_REQUIRE_DNSMASQ") == "1":
                pytest.fail("dnsmasq is missing (apt-get install dnsmasq-base)")
            pytest.skip("dnsmasq is not installed")
        for _ in range(5):
            self.port = _free_udp_port()
            self.proc = subprocess.Popen(
                [
                    binary,
                    "--no-daemon",
                    f"--port={self.port}",
                    "--listen-address=127.0.0.1",
                    "--bind-interfaces",
                    "--no-resolv",
                    "--no-hosts",
                    "--conf-file=/dev/null",
                    "--pid-file=",
                    f"--local=/{ZONE}/",
                    *records,
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            if _wait_for_dns(self.port, self.proc):
                return
            self.stop()
        pytest.fail("dnsmasq did not start on a loopback port after 5 attempts")

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait()


class Http:
    """Serves ``body`` with ``status`` on every ``/…/services/…`` path; counts requests."""

    def __init__(self) -> None:
        self.status = 200
        self.body = b""
        self.requests: List[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
                outer.requests.append(self.path)
                status, body = (outer.status, outer.body) if "/services/" in self.path else (404, b"")
                self.send_response(status)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"


def smp_name() -> str:
    return trustmeta.smp_name(PARTICIPANT, ZONE)


def naptr(base: str, service: str = "Meta:SMP", order: int = 100) -> str:
    return f"--naptr-record={smp_name()},{order},10,U,{service},!^.*$!{base}!"


@pytest.fixture
def http() -> Iterator[Http]:
    server = Http()
    yield server
    server.server.shutdown()


@pytest.fixture
def root_store() -> trustmeta.TrustStore:
    return trustmeta.TrustStore.from_pem((GEN / "pki" / "root.pem").read_bytes())


def test_a_naptr_record_leads_to_the_verified_endpoints(http: Http, root_store: trustmeta.TrustStore, tmp_path: Path) -> None:
    http.body = (SIGNED / "smp1-exc.xml").read_bytes()
    dns = Dns([naptr(http.base)])
    try:
        lookup = trustmeta.SmpLookup(ZONE, root_store, nameservers=[dns.address], cache_dir=tmp_path)
        found = lookup.lookup(PARTICIPANT, DOCUMENT, now=NOW)
        assert found.dns_record_type == "NAPTR"
        assert found.dns_name == smp_name()
        assert found.smp_api == "1"
        assert found.smp_url is not None and found.smp_url.startswith(
            f"{http.base}/iso6523-actorid-upis%3A%3A0088%3A5798000000001/services/busdox-docid-qns%3A%3A"
        )
        assert found.cache == "miss"
        endpoint = found.record.endpoints[0]
        assert endpoint.transport_profile == "peppol-transport-as4-v2_0"
        assert endpoint.uri == "https://ap.example.org/as4"
        # The same record as verify_smp gives for the bytes served.
        direct = trustmeta.verify_smp(http.body, root_store, participant=PARTICIPANT, document=DOCUMENT, now=NOW)
        assert found.record == direct
        # Within the cache's time to live: no request.
        served = len(http.requests)
        again = lookup.lookup(PARTICIPANT, DOCUMENT, now=NOW)
        assert again.cache == "hit" and len(http.requests) == served
        assert again.record == found.record
    finally:
        dns.stop()


def test_an_smp2_naptr_record_is_asked_in_smp_2_0(http: Http, root_store: trustmeta.TrustStore) -> None:
    http.body = (SIGNED / "smp2-exc.xml").read_bytes()
    dns = Dns([naptr(http.base, "oasis-bdxr-smp-2", 10), naptr("http://127.0.0.1:9/unused", "Meta:SMP", 20)])
    try:
        document = DOCUMENT.replace("busdox-docid-qns", "bdx-docid-qns", 1)
        found = trustmeta.smp_lookup(PARTICIPANT, document, root_store, zone=ZONE, nameservers=[dns.address], now=NOW)
        assert found.smp_api == "2"
        assert found.record.version == "oasis-smp-2.0"
        assert found.smp_url is not None and "/bdxr-smp-2/" in found.smp_url
    finally:
        dns.stop()


def test_a_tampered_record_raises_its_own_code(http: Http, root_store: trustmeta.TrustStore) -> None:
    body = (SIGNED / "smp1-exc.xml").read_bytes()
    http.body = body.replace(b"https://ap.example.org/as4", b"https://ap.example.org/as5")
    assert http.body != body
    dns = Dns([naptr(http.base)])
    try:
        with pytest.raises(trustmeta.InvalidSignature) as e:
            trustmeta.smp_lookup(PARTICIPANT, DOCUMENT, root_store, zone=ZONE, nameservers=[dns.address], now=NOW)
        assert e.value.code == "dsig.digest_mismatch"
    finally:
        dns.stop()


def test_failures_raise_lookup_failed_with_their_codes(http: Http, root_store: trustmeta.TrustStore) -> None:
    http.status, http.body = 404, b"no such document"
    dns = Dns([naptr(http.base)])
    try:
        lookup = trustmeta.SmpLookup(ZONE, root_store, nameservers=[dns.address])
        with pytest.raises(trustmeta.LookupFailed) as e:
            lookup.lookup(PARTICIPANT, DOCUMENT, now=NOW)
        assert e.value.code == "lookup.no_service"
        assert e.value.number == trustmeta.ERROR_CODES["lookup.no_service"]
        with pytest.raises(trustmeta.LookupFailed) as e:
            lookup.lookup("iso6523-actorid-upis::0088:unknown", DOCUMENT, now=NOW)
        assert e.value.code == "lookup.not_registered"
        assert "is not registered in lookup.test" in str(e.value)
    finally:
        dns.stop()
    # A nameserver bound and silent: a DNS failure, within the attempts' time.
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as silent:
        silent.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{silent.getsockname()[1]}"
        started = time.monotonic()
        with pytest.raises(trustmeta.LookupFailed) as e:
            trustmeta.SmpLookup(ZONE, root_store, nameservers=[address], dns_timeout=0.5).lookup(PARTICIPANT, DOCUMENT, now=NOW)
        assert e.value.code == "lookup.dns_failure"
        assert time.monotonic() - started < 10


def test_bad_settings_are_value_errors(root_store: trustmeta.TrustStore) -> None:
    with pytest.raises(ValueError, match="write an IP address"):
        trustmeta.SmpLookup(ZONE, root_store, nameservers=["dns.example"])
    with pytest.raises(ValueError, match="must be 'auto', '1' or '2'"):
        trustmeta.SmpLookup(ZONE, root_store, nameservers=["127.0.0.1"], smp_version="3")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="positive number of seconds"):
        trustmeta.SmpLookup(ZONE, root_store, nameservers=["127.0.0.1"], timeout=0)


def test_lookups_release_the_gil(http: Http, root_store: trustmeta.TrustStore) -> None:
    # The server answers after 1 s; meanwhile this thread keeps running Python.
    http.body = (SIGNED / "smp1-exc.xml").read_bytes()
    dns = Dns([naptr(http.base)])
    original = http.server.RequestHandlerClass.do_GET  # type: ignore[attr-defined]

    def slow(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(1)
        original(handler)

    http.server.RequestHandlerClass.do_GET = slow  # type: ignore[attr-defined]
    try:
        lookup = trustmeta.SmpLookup(ZONE, root_store, nameservers=[dns.address])
        result: List[object] = []
        worker = threading.Thread(target=lambda: result.append(lookup.lookup(PARTICIPANT, DOCUMENT, now=NOW)))
        worker.start()
        ticks = 0
        while worker.is_alive():
            ticks += 1
            time.sleep(0.01)
        worker.join()
        assert len(result) == 1
        assert ticks > 20, ticks
    finally:
        dns.stop()


class DictCache:
    """A record cache of the caller's own, kept in a dict; counts its calls."""

    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}
        self.gets = 0

    def get(self, key: str) -> Optional[bytes]:
        self.gets += 1
        return self.data.get(key)

    def set(self, key: str, value: bytes) -> None:
        self.data[key] = value


class BrokenCache:
    def get(self, key: str) -> Optional[bytes]:
        raise RuntimeError("down")

    def set(self, key: str, value: bytes) -> None:
        raise RuntimeError("down")


def test_a_cache_object_of_ones_own_is_used_and_never_trusted(http: Http, root_store: trustmeta.TrustStore) -> None:
    http.body = (SIGNED / "smp1-exc.xml").read_bytes()
    dns = Dns([naptr(http.base)])
    try:
        cache = DictCache()
        assert isinstance(cache, trustmeta.RecordCacheProtocol)
        lookup = trustmeta.SmpLookup(ZONE, root_store, nameservers=[dns.address], cache=cache)
        first = lookup.lookup(PARTICIPANT, DOCUMENT, now=NOW)
        assert first.cache == "miss" and list(cache.data) == [first.smp_url]
        served = len(http.requests)
        again = lookup.lookup(PARTICIPANT, DOCUMENT, now=NOW)
        assert again.cache == "hit" and len(http.requests) == served and again.record == first.record
        # Whoever can write the cache cannot make a forged record accepted: the tampered
        # value fails verification and the record is fetched again.
        key = first.smp_url
        assert key is not None
        cache.data[key] = cache.data[key].replace(b"https://ap.example.org/as4", b"https://evil.example/as4")
        third = lookup.lookup(PARTICIPANT, DOCUMENT, now=NOW)
        assert third.record.endpoints[0].uri == "https://ap.example.org/as4"
        assert len(http.requests) == served + 1
        # A cache that raises is a miss, and a warning.
        broken = trustmeta.SmpLookup(ZONE, root_store, nameservers=[dns.address], cache=BrokenCache())
        found = broken.lookup(PARTICIPANT, DOCUMENT, now=NOW)
        assert found.cache == "miss" and any("set() raised" in w for w in found.warnings)
        with pytest.raises(TypeError, match="must have get"):
            trustmeta.SmpLookup(ZONE, root_store, nameservers=[dns.address], cache=object())  # type: ignore[arg-type]
    finally:
        dns.stop()
