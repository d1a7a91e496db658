"""A replay cache shared by several workers: ``RedisReplayCache`` against a real
redis-server started on loopback for the test (two caches on one server are two
workers), and any object with ``check_and_insert``. Both fail closed: a cache that
cannot answer refuses the response with ``ReplayCacheUnavailable``
(``saml.replay_cache_unavailable``), never accepts it.

The Redis tests skip when there is no redis-server, unless TRUSTMETA_REQUIRE_REDIS is set
(scripts/test-python.sh installs redis-server and sets it)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import trustmeta

REPO = Path(__file__).resolve().parents[2]
SIGNED = REPO / "tests" / "data" / "saml" / "signed"
PKI = REPO / "tests" / "data" / "xmldsig-gen" / "pki"
NOW = datetime(2026, 6, 1, 10, 1, tzinfo=timezone.utc)
AUDIENCE = "https://sp.example.org/metadata"
ACS = "https://sp.example.org/acs"


@pytest.fixture(scope="module")
def trust() -> trustmeta.IssuerTrust:
    store = trustmeta.TrustStore.from_pem((PKI / "leaf-rsa2048.pem").read_bytes())
    return trustmeta.IssuerTrust.any_issuer(store)


def verify(trust: trustmeta.IssuerTrust, cache: object, file: str = "assertion-signed.xml") -> trustmeta.VerifiedSamlResponse:
    return trustmeta.verify_saml_response(
        (SIGNED / file).read_bytes(),
        trust,
        audience=AUDIENCE,
        acs=ACS,
        request_id="_req-4711",
        now=NOW,
        cache=cache,  # type: ignore[arg-type]
    )


class RedisServer:
    """A redis-server on 127.0.0.1, no persistence, that the test stops and restarts."""

    def __init__(self, binary: str) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.binary = binary
        self.dir = tempfile.mkdtemp()
        self.proc: subprocess.Popen[bytes] | None = None
        self.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", self.dir],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(64).startswith(b"+PONG"):
                        return
            except OSError:
                pass
            assert time.monotonic() < deadline, "redis-server did not answer"
            time.sleep(0.02)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None


@pytest.fixture
def redis() -> Iterator[RedisServer]:
    binary = shutil.which("redis-server") or shutil.which("valkey-server")
    if binary is None:
        if os.environ.get("TRUSTMETA_REQUIRE_REDIS"):
            pytest.fail("TRUSTMETA_REQUIRE_REDIS is set but there is no redis-server")
        pytest.skip("no redis-server (Debian: apt-get install redis-server)")
    server = RedisServer(binary)
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.dir, ignore_errors=True)


def test_two_workers_on_one_redis_accept_a_response_once(trust: trustmeta.IssuerTrust, redis: RedisServer) -> None:
    worker1 = trustmeta.RedisReplayCache(redis.url)
    worker2 = trustmeta.RedisReplayCache(redis.url)
    assert repr(worker1) == f"<trustmeta.RedisReplayCache 127.0.0.1:{redis.port}>"
    assert verify(trust, worker1).assertion_id == "_assert-1"
    for cache in (worker2, worker1):
        with pytest.raises(trustmeta.SamlError) as e:
            verify(trust, cache)
        assert e.value.code == "saml.replay"
        assert not isinstance(e.value, trustmeta.ReplayCacheUnavailable)
    # Another prefix is another relying party.
    verify(trust, trustmeta.RedisReplayCache(redis.url, prefix="rp2:"))


def test_many_threads_accept_a_response_once(trust: trustmeta.IssuerTrust, redis: RedisServer) -> None:
    caches = [trustmeta.RedisReplayCache(redis.url) for _ in range(2)]
    outcomes: list[str] = []

    def work(i: int) -> None:
        try:
            verify(trust, caches[i % 2])
            outcomes.append("accepted")
        except trustmeta.SamlError as e:
            outcomes.append(e.code)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["accepted"] + ["saml.replay"] * 7


def test_an_id_is_kept_until_the_assertion_expires(trust: trustmeta.IssuerTrust, redis: RedisServer) -> None:
    # What the cache is asked: the assertion's last moment (NotOnOrAfter plus the skew),
    # counted from the verification's `now`.
    asked: list[tuple[str, datetime, datetime]] = []

    class Recorder:
        def check_and_insert(self, id: str, expires: datetime, now: datetime) -> bool:
            asked.append((id, expires, now))
            return True

    verify(trust, Recorder())
    ((id, expires, now),) = asked
    assert (id, now) == ("_assert-1", NOW)
    assert expires.tzinfo is not None and expires > now
    not_on_or_after = expires - timedelta(seconds=180)  # the default skew

    # One second before it expires, without skew: Redis keeps the ID for that second.
    late = not_on_or_after - timedelta(seconds=1)
    cache = trustmeta.RedisReplayCache(redis.url)

    def at_the_last_second() -> None:
        trustmeta.verify_saml_response(
            (SIGNED / "assertion-signed.xml").read_bytes(), trust, audience=AUDIENCE, acs=ACS, request_id="_req-4711", now=late, skew=0, cache=cache
        )

    at_the_last_second()
    with pytest.raises(trustmeta.SamlError) as e:
        at_the_last_second()
    assert e.value.code == "saml.replay"
    time.sleep(1.5)
    # Its second is over on the server: the ID is forgotten (at that `now` the assertion
    # would still pass, which is why the cache must keep an ID until it expires).
    at_the_last_second()


def test_a_stopped_redis_refuses_and_a_restarted_one_works_again(trust: trustmeta.IssuerTrust, redis: RedisServer) -> None:
    cache = trustmeta.RedisReplayCache(redis.url, timeout=0.5)
    never_connected = trustmeta.RedisReplayCache(redis.url, timeout=0.5)
    verify(trust, cache, "response-signed.xml")
    redis.stop()
    for c in (cache, never_connected):
        with pytest.raises(trustmeta.ReplayCacheUnavailable) as e:
            verify(trust, c)
        assert isinstance(e.value, trustmeta.SamlError)
        assert e.value.code == "saml.replay_cache_unavailable"
        assert e.value.number == 1024
        assert f"127.0.0.1:{redis.port}" in e.value.message
    redis.start()
    # The same objects, without being made again.
    verify(trust, cache)
    with pytest.raises(trustmeta.SamlError) as e2:
        verify(trust, never_connected)
    assert e2.value.code == "saml.replay"


def test_redis_urls_are_checked_when_the_cache_is_made() -> None:
    for bad in ("memory", "http://cache/", "rediss://127.0.0.1"):
        with pytest.raises(ValueError, match="not a usable replay-cache URL"):
            trustmeta.RedisReplayCache(bad)
    with pytest.raises(ValueError, match="timeout"):
        trustmeta.RedisReplayCache("redis://127.0.0.1", timeout=0)


class DictCache:
    """A cache of one's own, shared by the "workers" that hold it: a dict and a lock."""

    def __init__(self) -> None:
        self.seen: dict[str, datetime] = {}
        self.lock = threading.Lock()

    def check_and_insert(self, id: str, expires: datetime, now: datetime) -> bool:
        with self.lock:
            if id in self.seen and self.seen[id] > now:
                return False
            self.seen[id] = expires
            return True


def test_an_object_with_check_and_insert_is_a_replay_cache(trust: trustmeta.IssuerTrust) -> None:
    shared = DictCache()
    assert isinstance(shared, trustmeta.ReplayCacheProtocol)
    verify(trust, shared)
    assert list(shared.seen) == ["_assert-1"]
    with pytest.raises(trustmeta.SamlError) as e:
        verify(trust, shared)
    assert e.value.code == "saml.replay"
    # A refused response never reaches the cache.
    fresh = DictCache()
    with pytest.raises(trustmeta.SamlError, match="audience"):
        trustmeta.verify_saml_response(
            (SIGNED / "assertion-signed.xml").read_bytes(), trust, audience="https://other.example/", acs=ACS, request_id="_req-4711", now=NOW, cache=fresh
        )
    assert fresh.seen == {}


class Broken:
    def __init__(self, answer: object) -> None:
        self.answer = answer
        self.calls = 0

    def check_and_insert(self, id: str, expires: datetime, now: datetime) -> object:
        self.calls += 1
        if isinstance(self.answer, BaseException):
            raise self.answer
        return self.answer


@pytest.mark.parametrize(
    "answer, said",
    [
        (ConnectionError("cache down"), "ConnectionError: cache down"),
        (None, "returned NoneType, not a bool"),
        (1, "returned int, not a bool"),
        ("yes", "returned str, not a bool"),
    ],
)
def test_a_cache_that_cannot_answer_refuses(trust: trustmeta.IssuerTrust, answer: object, said: str) -> None:
    cache = Broken(answer)
    with pytest.raises(trustmeta.ReplayCacheUnavailable) as e:
        verify(trust, cache)
    assert e.value.code == "saml.replay_cache_unavailable"
    assert said in e.value.message
    assert cache.calls == 1
    assert trustmeta.ERROR_CLASSES["saml.replay_cache_unavailable"] is trustmeta.ReplayCacheUnavailable


def test_what_is_not_a_cache_is_refused(trust: trustmeta.IssuerTrust) -> None:
    class NotCallable:
        check_and_insert = 3

    for bad in (object(), NotCallable(), {"check_and_insert": True}):
        with pytest.raises(TypeError, match="argument 'cache' must be a trustmeta.ReplayCache"):
            verify(trust, bad)
