"""A SAML assertion consumer service (WSGI): verifies responses POSTed by the HTTP-POST
binding with trustmeta, trusting the identity providers of a federation metadata
aggregate, and refuses replays with a replay cache on Redis shared by every worker.

Answers, as JSON:
  200  {"issuer", "name_id", "name_id_format", "assertion_id", "session_index",
        "not_on_or_after", "attributes": {name: [values]}}  the response verified
  403  {"error": CODE}  refused: the trustmeta error code (saml.replay, dsig.digest_mismatch,
       saml.expired, saml.unknown_issuer, ...)
  503  {"error": CODE}  the replay cache cannot answer (saml.replay_cache_unavailable), or
       no aggregate could be verified: never accepted without the replay check
  400, 405, 413, 415  not a well-formed HTTP-POST binding request

Configuration (environment):
  ACS_METADATA         path of the federation's metadata aggregate
  ACS_FEDERATION_CERT  path of the federation's signing certificate(s), PEM
  ACS_SP_ENTITY_ID     this service provider's entity ID (the audience)
  ACS_URL              this endpoint's public URL (Destination and bearer Recipient)
  ACS_REDIS_URL        the replay cache, redis://HOST:PORT/DB (default redis://127.0.0.1:6379/0)
  ACS_REDIS_TIMEOUT    seconds to wait for Redis before refusing (default 1.0)
  ACS_METADATA_RECHECK seconds after which an unchanged aggregate is verified again, so
                       that one past its validUntil stops being trusted (default 600)
  ACS_WORKER_HEADER    1 to name the worker process in an X-ACS-Worker header (tests)

Run it with gunicorn and gunicorn.conf.py beside this file (README.md).
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import trustmeta

log = logging.getLogger("acs")

MAX_BODY = 256 * 1024
FORM = "application/x-www-form-urlencoded"

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


@dataclass(frozen=True)
class Config:
    metadata: Path
    federation_cert: Path
    sp_entity_id: str
    acs_url: str
    redis_url: str
    redis_timeout: float
    metadata_recheck: float
    worker_header: bool

    @classmethod
    def from_env(cls) -> Config:
        def need(name: str) -> str:
            value = os.environ.get(name)
            if not value:
                raise SystemExit(f"acs: set {name} (see app.py)")
            return value

        return cls(
            metadata=Path(need("ACS_METADATA")),
            federation_cert=Path(need("ACS_FEDERATION_CERT")),
            sp_entity_id=need("ACS_SP_ENTITY_ID"),
            acs_url=need("ACS_URL"),
            redis_url=os.environ.get("ACS_REDIS_URL", "redis://127.0.0.1:6379/0"),
            redis_timeout=float(os.environ.get("ACS_REDIS_TIMEOUT", "1.0")),
            metadata_recheck=float(os.environ.get("ACS_METADATA_RECHECK", "600")),
            worker_header=os.environ.get("ACS_WORKER_HEADER") == "1",
        )


def load_trust(config: Config) -> trustmeta.IssuerTrust:
    """The signing keys of every identity provider in the federation's aggregate, once
    the aggregate verifies against the federation's certificate (and is within its
    validUntil). The one place that knows where trust comes from."""
    federation = trustmeta.TrustStore.from_pem(config.federation_cert.read_bytes())
    return trustmeta.metadata_issuer_trust(config.metadata.read_bytes(), federation)


class Trust:
    """The trust of load_trust, loaded again when the aggregate file changes and every
    ``metadata_recheck`` seconds. A changed file that does not verify (say, one still
    being written) leaves the previous trust in place until the next recheck; an
    aggregate that no longer verifies at a recheck (expired) is dropped, and every
    response is then refused with 503 until one verifies."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.lock = threading.Lock()
        self.trust: trustmeta.IssuerTrust | None = None
        self.error = "metadata.not_loaded"
        self.stamp: tuple[int, int, int] | None = None
        self.checked = 0.0
        self.reload(force=True)

    def file_stamp(self) -> tuple[int, int, int] | None:
        try:
            st = self.config.metadata.stat()
        except OSError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def reload(self, force: bool = False) -> None:
        stamp = self.file_stamp()
        changed = stamp != self.stamp
        due = time.monotonic() - self.checked >= self.config.metadata_recheck
        if not (force or changed or due):
            return
        # One thread reloads; the others go on with the trust they have.
        if not self.lock.acquire(blocking=force):
            return
        try:
            self.stamp, self.checked = stamp, time.monotonic()
            try:
                self.trust = load_trust(self.config)
                log.info("acs: trusting %s from %s", ", ".join(self.trust.issuers), self.config.metadata)
            except (trustmeta.VerificationError, OSError) as e:
                code = getattr(e, "code", "metadata.unreadable")
                log.error("acs: %s does not verify (%s): %s", self.config.metadata, code, e)
                if not changed or self.trust is None:
                    self.trust, self.error = None, code
        finally:
            self.lock.release()

    def current(self) -> trustmeta.IssuerTrust | None:
        self.reload()
        return self.trust


def verified_json(r: trustmeta.VerifiedSamlResponse) -> dict[str, object]:
    attributes: dict[str, list[str]] = {}
    for a in r.attributes:
        attributes.setdefault(a.friendly_name or a.name, []).extend(a.values)
    return {
        "issuer": r.issuer,
        "name_id": r.name_id,
        "name_id_format": r.name_id_format,
        "assertion_id": r.assertion_id,
        "session_index": r.session_index,
        "not_on_or_after": r.not_on_or_after.isoformat() if r.not_on_or_after else None,
        "attributes": attributes,
    }


class Acs:
    """The WSGI application: one per worker process, shared by its threads."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.trust = Trust(config)
        # Connects on first use, after gunicorn has forked this worker.
        self.cache = trustmeta.RedisReplayCache(config.redis_url, timeout=config.redis_timeout)
        self.pid = str(os.getpid())

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        status, body = self.handle(environ)
        payload = json.dumps(body).encode()
        headers = [("Content-Type", "application/json"), ("Content-Length", str(len(payload))), ("Cache-Control", "no-store")]
        if status.startswith("503"):
            headers.append(("Retry-After", "1"))
        if self.config.worker_header:
            headers.append(("X-ACS-Worker", str(os.getpid())))
        start_response(status, headers)
        return [payload]

    def handle(self, environ: dict[str, Any]) -> tuple[str, dict[str, object]]:
        if environ["REQUEST_METHOD"] != "POST":
            return "405 Method Not Allowed", {"error": "method"}
        if environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower() != FORM:
            return "415 Unsupported Media Type", {"error": "content_type"}
        try:
            length = int(environ.get("CONTENT_LENGTH") or "0")
        except ValueError:
            return "400 Bad Request", {"error": "content_length"}
        if length > MAX_BODY:
            return "413 Content Too Large", {"error": "too_large"}
        form = parse_qs(environ["wsgi.input"].read(length).decode("latin-1"), max_num_fields=8)
        values = form.get("SAMLResponse", [])
        relay = form.get("RelayState", [None])[0]
        if len(values) != 1:
            return "400 Bad Request", {"error": "saml.binding"}
        trust = self.trust.current()
        if trust is None:
            return "503 Service Unavailable", {"error": self.trust.error}
        try:
            xml = trustmeta.decode_post_binding(values[0].encode(), relay_state=relay)
        except trustmeta.VerificationError as e:
            return "400 Bad Request", {"error": e.code}
        try:
            verified = trustmeta.verify_saml_response(xml, trust, audience=self.config.sp_entity_id, acs=self.config.acs_url, cache=self.cache)
        except trustmeta.ReplayCacheUnavailable as e:
            log.warning("acs: %s", e)
            return "503 Service Unavailable", {"error": e.code}
        except trustmeta.VerificationError as e:
            log.info("acs: refused (%s): %s", e.code, e)
            return "403 Forbidden", {"error": e.code}
        return "200 OK", verified_json(verified)


def make_app() -> Acs:
    logging.basicConfig(level=os.environ.get("ACS_LOG_LEVEL", "WARNING").upper(), format="%(asctime)s %(process)d %(message)s")
    return Acs(Config.from_env())


application = make_app()
