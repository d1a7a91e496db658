"""The SAML assertion consumer service of examples/python/acs_service, as it runs: a real
gunicorn (two gthread workers) serving it on loopback, a real redis-server as the replay
cache they share, and responses signed by an identity provider independent of trustmeta
(examples/python/acs_service/fixtures.py: openssl keys, lxml C14N, `cryptography` RSA).

Valid is accepted once (200), then refused as a replay (403); tampered, expired and
unknown-issuer responses are refused (403); with Redis stopped a fresh valid response is
refused with 503 and nothing is accepted unchecked; once Redis is back the same gunicorn
accepts again, and what was accepted before is still a replay (Redis keeps its records
across the restart: append-only file, fsync on every write).

Skips without gunicorn, lxml, cryptography or redis-server unless TRUSTMETA_REQUIRE_REDIS
is set (scripts/test-python.sh installs them all and sets it)."""

from __future__ import annotations

import http.client
import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlencode

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "python" / "acs_service"


def require(what: str) -> None:
    if os.environ.get("TRUSTMETA_REQUIRE_REDIS"):
        pytest.fail(f"TRUSTMETA_REQUIRE_REDIS is set but {what} is missing (scripts/test-python.sh installs it)")
    pytest.skip(f"{what} is missing (scripts/test-python.sh installs it)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_until(ready: Any, what: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        assert time.monotonic() < deadline, f"{what} did not come up"
        time.sleep(0.05)


class Redis:
    """redis-server on 127.0.0.1 with an fsynced append-only file, stopped with SIGKILL."""

    def __init__(self, binary: str, dir: Path) -> None:
        self.binary, self.dir, self.port = binary, dir, free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes",
             "--appendfsync", "always", "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )

        def pong() -> bool:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    s.sendall(b"PING\r\n")
                    return s.recv(64).startswith(b"+PONG")
            except OSError:
                return False

        wait_until(pong, "redis-server")

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None


@dataclass
class Service:
    port: int
    fx: Any  # examples/python/acs_service/fixtures.py's Federation
    fixtures: ModuleType
    redis: Redis
    dir: Path

    def post(self, response: bytes | None, **form: str) -> tuple[int, dict[str, Any], str]:
        """POSTs on a new connection, as another browser would."""
        if response is not None:
            form["SAMLResponse"] = self.fixtures.post_value(response)
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("POST", "/acs", body=urlencode(form), headers={"Content-Type": "application/x-www-form-urlencoded"})
            r = conn.getresponse()
            return r.status, json.loads(r.read()), r.getheader("X-ACS-Worker", "")
        finally:
            conn.close()


def load_fixtures() -> ModuleType:
    for package in ("lxml", "cryptography", "gunicorn"):
        if importlib.util.find_spec(package) is None:
            require(f"the Python package {package}")
    spec = importlib.util.spec_from_file_location("acs_fixtures", EXAMPLE / "fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["acs_fixtures"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def service() -> Iterator[Service]:
    fixtures = load_fixtures()
    binary = shutil.which("redis-server") or shutil.which("valkey-server")
    if binary is None:
        require("redis-server")
    assert binary is not None
    work = Path(tempfile.mkdtemp(prefix="acs-test-"))
    fx = fixtures.Federation.make(work / "fx")
    redis = Redis(binary, work)
    redis.start()
    port = free_port()
    env = dict(
        os.environ,
        ACS_BIND=f"127.0.0.1:{port}",
        ACS_WORKERS="2",
        ACS_METADATA=str(work / "fx" / "metadata.xml"),
        ACS_FEDERATION_CERT=str(work / "fx" / "federation.pem"),
        ACS_SP_ENTITY_ID=fixtures.SP_ENTITY_ID,
        ACS_URL=fixtures.ACS_URL,
        ACS_REDIS_URL=f"redis://127.0.0.1:{redis.port}/0",
        ACS_REDIS_TIMEOUT="0.5",
        ACS_WORKER_HEADER="1",
        ACS_METADATA_RECHECK="3600",
    )
    log = open(work / "gunicorn.log", "wb")
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(EXAMPLE / "gunicorn.conf.py")], cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT
    )

    def listening() -> bool:
        assert gunicorn.poll() is None, (work / "gunicorn.log").read_text()
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            return False

    try:
        wait_until(listening, "gunicorn")
        yield Service(port, fx, fixtures, redis, work)
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        try:
            gunicorn.wait(15)
        except subprocess.TimeoutExpired:
            gunicorn.kill()
            gunicorn.wait()
        log.close()
        redis.kill()
        shutil.rmtree(work, ignore_errors=True)


def test_valid_once_then_replay_tampered_expired_unknown_refused(service: Service) -> None:
    idp = service.fx.idp
    valid = idp.response("_acs-valid-1", user="alice")
    status, body, worker = service.post(valid)
    assert (status, body["assertion_id"], body["issuer"]) == (200, "_acs-valid-1", service.fixtures.IDP), body
    assert body["name_id"] == "alice-persistent-id"
    assert body["attributes"] == {"mail": ["alice@example.org"], "eduPersonAffiliation": ["member", "staff"]}
    # The same response again, on new connections: whichever worker takes it refuses it.
    for _ in range(4):
        assert service.post(valid)[:2] == (403, {"error": "saml.replay"})

    assert service.post(service.fixtures.tamper(idp.response("_acs-tampered")))[:2] == (403, {"error": "dsig.digest_mismatch"})
    expired = idp.response("_acs-expired", issued=datetime.now(timezone.utc) - timedelta(hours=2), lifetime=timedelta(minutes=5))
    assert service.post(expired)[:2] == (403, {"error": "saml.expired"})
    assert service.post(service.fx.rogue.response("_acs-rogue"))[:2] == (403, {"error": "saml.unknown_issuer"})
    # Another identity provider of the federation signing in the first one's name.
    impostor = service.fixtures.Idp(service.fixtures.IDP, service.fx.idp2.signer).response("_acs-impostor")
    assert service.post(impostor)[:2] == (403, {"error": "pki.untrusted_signer"})


def test_the_binding_is_checked(service: Service) -> None:
    assert service.post(None)[:2] == (400, {"error": "saml.binding"})
    assert service.post(None, SAMLResponse="not base64 !")[:2] == (400, {"error": "saml.binding"})
    conn = http.client.HTTPConnection("127.0.0.1", service.port, timeout=10)
    conn.request("GET", "/acs")
    assert conn.getresponse().status == 405
    conn.close()


def test_redis_down_refuses_with_503_and_recovers_without_restarting_gunicorn(service: Service) -> None:
    idp = service.fx.idp
    accepted = idp.response("_acs-before-outage")
    assert service.post(accepted)[0] == 200
    service.redis.kill()
    fresh = idp.response("_acs-during-outage")
    for _ in range(4):
        assert service.post(fresh)[:2] == (503, {"error": "saml.replay_cache_unavailable"})
        # Not even a replay gets through unchecked.
        assert service.post(accepted)[:2] == (503, {"error": "saml.replay_cache_unavailable"})
    # A refused signature is refused before the cache is asked: 403, not 503.
    assert service.post(service.fixtures.tamper(fresh))[:2] == (403, {"error": "dsig.digest_mismatch"})

    service.redis.start()
    assert service.post(idp.response("_acs-after-outage"))[0] == 200
    # The response refused during the outage was never recorded: the user may post it again.
    assert service.post(fresh)[0] == 200
    # What was accepted before the outage is still known to the restarted server.
    for _ in range(4):
        assert service.post(accepted)[:2] == (403, {"error": "saml.replay"})


def test_a_changed_aggregate_is_loaded_and_a_bad_one_ignored(service: Service) -> None:
    fixtures, fx = service.fixtures, service.fx
    metadata = service.dir / "fx" / "metadata.xml"
    rogue_response = fx.rogue.response("_acs-rogue-2")
    # An aggregate naming the rogue IdP, signed by the rogue key: it does not verify, and
    # every worker keeps the federation's trust.
    bad = fixtures.aggregate(fx.rogue.signer, [fx.idp, fx.rogue], fx.rogue.signer.cert_b64)
    write_atomically(metadata, bad)
    for i in range(4):
        assert service.post(fx.idp.response(f"_acs-bad-md-{i}"))[0] == 200
    assert service.post(rogue_response)[:2] == (403, {"error": "saml.unknown_issuer"})
    # The federation adds it: the next request of each worker loads the new aggregate.
    write_atomically(metadata, fixtures.aggregate(fx.federation, [fx.idp, fx.rogue], fx.idp2.signer.cert_b64))
    for i in range(4):
        status, body, _ = service.post(fx.rogue.response(f"_acs-rogue-ok-{i}"))
        assert (status, body.get("issuer")) == (200, fixtures.ROGUE), body
    # And idp2, no longer in it, is no longer trusted.
    assert service.post(fx.idp2.response("_acs-idp2"))[:2] == (403, {"error": "saml.unknown_issuer"})


def write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)

