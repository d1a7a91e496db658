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
  ACS_METADATA         where the federation's metadata aggregate is published: a file
                       path or an http(s) URL
  ACS_METADATA_STATE   the folder where the verified copy and its entity index are kept,
                       shared by the workers (default: ACS_METADATA's path + ".state")
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
    metadata: str
    metadata_state: Path
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
            metadata=need("ACS_METADATA"),
            metadata_state=Path(os.environ.get("ACS_METADATA_STATE") or need("ACS_METADATA") + ".state"),
            federation_cert=Path(need("ACS_FEDERATION_CERT")),
            sp_entity_id=need("ACS_SP_ENTITY_ID"),
            acs_url=need("ACS_URL"),
            redis_url=os.environ.get("ACS_REDIS_URL", "redis://127.0.0.1:6379/0"),
            redis_timeout=float(os.environ.get("ACS_REDIS_TIMEOUT", "1.0")),
            metadata_recheck=float(os.environ.get("ACS_METADATA_RECHECK", "600")),
            worker_header=os.environ.get("ACS_WORKER_HEADER") == "1",
        )


def load_trust(config: Config) -> trustmeta.MetadataSource:
    """The federation's aggregate, kept verified in the state folder: identity-provider
    keys are read from its index one issuer at a time, so an aggregate of any size costs
    each worker a few megabytes. The one place that knows where trust comes from."""
    federation = trustmeta.TrustStore.from_pem(config.federation_cert.read_bytes())
    return trustmeta.MetadataSource(config.metadata, config.metadata_state, federation)


class Trust:
    """The aggregate of load_trust, refreshed when its file changes and every
    ``metadata_recheck`` seconds (a refresh verifies the copy again, so one past its
    validUntil stops being trusted). A changed file that does not verify (say, one still
    being written) leaves the copy held in place until the next recheck; an aggregate
    that no longer verifies at a recheck (expired) is dropped, and every response is
    then refused with 503 until one verifies. Workers share the state folder: one
    refresh at a time installs a copy, and each worker's next lookup reads it."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.lock = threading.Lock()
        self.source = load_trust(config)
        self.ok = False
        self.error = "metadata.not_loaded"
        self.stamp: tuple[int, int, int] | None = None
        self.checked = 0.0
        self.reload(force=True)

    def file_stamp(self) -> tuple[int, int, int] | None:
        if "://" in self.config.metadata:
            return None
        try:
            st = Path(self.config.metadata).stat()
        except OSError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def reload(self, force: bool = False) -> None:
        stamp = self.file_stamp()
        changed = stamp != self.stamp
        due = time.monotonic() - self.checked >= self.config.metadata_recheck
        if not (force or changed or due):
            return
        # One thread refreshes; the others go on with the copy held.
        if not self.lock.acquire(blocking=force):
            return
        try:
            self.stamp, self.checked = stamp, time.monotonic()
            try:
                r = self.source.refresh()
                self.ok = True
                log.info("acs: %s: %s (%d entities)", self.config.metadata, r.status, len(self.source))
            except (trustmeta.VerificationError, OSError) as e:
                code = getattr(e, "code", "metadata.unreadable")
                log.error("acs: %s does not verify (%s): %s", self.config.metadata, code, e)
                if not changed or not self.ok:
                    self.ok, self.error = False, code
        finally:
            self.lock.release()

    def current(self) -> trustmeta.MetadataSource | None:
        self.reload()
        return self.source if self.ok else None


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
        source = self.trust.current()
        if source is None:
            return "503 Service Unavailable", {"error": self.trust.error}
        try:
            xml = trustmeta.decode_post_binding(values[0].encode(), relay_state=relay)
        except trustmeta.VerificationError as e:
            return "400 Bad Request", {"error": e.code}
        try:
            # The issuers the response names only select keys; the signature decides.
            trust = source.trust_for_response(xml)
        except trustmeta.MetadataError as e:
            log.error("acs: the metadata state cannot be read (%s): %s", e.code, e)
            return "503 Service Unavailable", {"error": e.code}
        except trustmeta.VerificationError as e:
            return "403 Forbidden", {"error": e.code}
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
