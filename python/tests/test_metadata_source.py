"""``trustmeta.MetadataSource``: an aggregate refreshed into a state folder (from a file
and from a loopback HTTP server), lookups from its entity index, and issuer keys taken
from it one issuer at a time — checked against ``metadata_issuer_trust`` and against
real SAML verification. Older copies are signed here by xmlsec1."""

from __future__ import annotations

import http.server
import shutil
import subprocess
import threading
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

import trustmeta

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "metadata"
AGGREGATE = DATA / "signed" / "aggregate.xml"
SIGNER = DATA / "signed" / "signer.pem"
PKI = REPO / "tests" / "data" / "xmldsig-gen" / "pki"
SAML = REPO / "tests" / "data" / "saml" / "signed"
NOW = datetime(2026, 6, 1, 10, 1, tzinfo=timezone.utc)
MD = "urn:oasis:names:tc:SAML:2.0:metadata"
AD1 = "urn:etoegang:AD:00000001000000000000:entities:1"


def store(path: Path) -> trustmeta.TrustStore:
    s = trustmeta.TrustStore()
    s.add_pem(path.read_bytes())
    return s


def idp_source(state: Path) -> trustmeta.MetadataSource:
    return trustmeta.MetadataSource(str(SAML / "idp-metadata.xml"), state, store(PKI / "leaf-rsa3072.pem"))


def test_refresh_then_trust_for_response_verifies_the_response(tmp_path: Path) -> None:
    src = idp_source(tmp_path / "state")
    with pytest.raises(trustmeta.MetadataError) as e:
        src.entity("https://idp.example.org/")
    assert e.value.code == "metadata.not_held"
    first = src.refresh(now=NOW)
    assert first.status == "updated" and first.metadata is not None
    assert first.metadata.entity_id == "https://idp.example.org/"
    assert first.sha256 and len(first.sha256) == 64
    again = src.refresh(now=NOW)
    assert (again.status, again.reason, again.metadata) == ("unchanged", "the copy fetched is identical to the one held", None)
    assert len(src) == 1
    kw = {"audience": "https://sp.example.org/metadata", "acs": "https://sp.example.org/acs", "request_id": "_req-4711", "now": NOW}
    good = (SAML / "assertion-signed.xml").read_bytes()
    trust = src.trust_for_response(good)
    assert trust.issuers == ["https://idp.example.org/"]
    r = trustmeta.verify_saml_response(good, trust, **kw)  # type: ignore[arg-type]
    assert r.issuer == "https://idp.example.org/" and r.name_id == "ross@octolabs.io"
    # The same issuer named, another key signing.
    evil = (SAML / "attacker-signed.xml").read_bytes()
    with pytest.raises(trustmeta.UntrustedSigner):
        trustmeta.verify_saml_response(evil, src.trust_for_response(evil), **kw)  # type: ignore[arg-type]
    # An issuer the copy does not list has no keys: its messages are refused.
    assert src.issuer_trust(["https://other.example/"]).issuers == []
    with pytest.raises(trustmeta.SamlError) as e:
        src.trust_for_response(b"<x/>")
    assert e.value.code == "saml.unknown_document"
    with pytest.raises(ValueError, match="'role' must be one of"):
        src.issuer_trust(["https://idp.example.org/"], role="IDPSSO")  # type: ignore[arg-type]


def test_index_answers_as_metadata_issuer_trust_and_verify_metadata(tmp_path: Path) -> None:
    src = trustmeta.MetadataSource(str(AGGREGATE), tmp_path, store(SIGNER), profile="etoegang")
    assert src.refresh(now=NOW).status == "updated"
    entries = src.entries()
    held = trustmeta.verify_metadata(AGGREGATE.read_bytes(), store(SIGNER), now=NOW)
    assert [(e.entity_id, e.group) for e in entries] == [(r.entity_id, r.group) for r in held.entity_ids()]
    assert entries[0] == trustmeta.MetadataEntry(AD1, "urn:etoegang:role:Authenticatiediensten", ("IDPSSODescriptor",))
    assert src.entity(AD1) == held.find_entity(AD1)
    assert src.entity("urn:etoegang:AD:nobody") is None
    ids = [e.entity_id for e in entries]
    for role in ("IDPSSODescriptor", "SPSSODescriptor", "AttributeAuthorityDescriptor"):
        memory = trustmeta.metadata_issuer_trust(AGGREGATE.read_bytes(), store(SIGNER), now=NOW, profile="etoegang", role=role)
        indexed = src.issuer_trust(ids, role=role)  # type: ignore[arg-type]
        assert indexed.issuers == memory.issuers and memory.issuers


def signed_variant(tmp: Path, sequence: int, created: str) -> Path:
    """The committed template with another sequence number and creationInstant, signed
    by xmlsec1 with the federation key."""
    xmlsec1 = shutil.which("xmlsec1")
    assert xmlsec1, "xmlsec1 is needed (scripts/test-python.sh installs it)"
    t = (DATA / "templates" / "aggregate.xml").read_text()
    t = t.replace("urn:etoegang:1.13:metadata:P:36", f"urn:etoegang:1.13:metadata:P:{sequence}")
    t = t.replace('creationInstant="2026-05-28T12:00:00Z"', f'creationInstant="{created}"')
    tmpl, out = tmp / f"seq{sequence}.tmpl.xml", tmp / f"seq{sequence}.xml"
    tmpl.write_text(t)
    subprocess.run(
        [xmlsec1, "--sign", "--id-attr:ID", f"{MD}:EntitiesDescriptor",
         "--privkey-pem", f"{PKI / 'leaf-rsa2048.key'},{PKI / 'leaf-rsa2048.pem'}", "--output", str(out), str(tmpl)],
        check=True, capture_output=True,
    )
    return out


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[tuple[str, Path, list[str]]]:
    """A loopback HTTP server for ``www/agg.xml`` with ETag revalidation; the requests'
    ``If-None-Match`` headers are logged."""
    www = tmp_path / "www"
    www.mkdir()
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            path = www / self.path.lstrip("/")
            if not path.is_file():
                self.send_error(404)
                return
            body = path.read_bytes()
            etag = f'"{len(body)}-{hash(body) & 0xFFFF}"'
            seen.append(self.headers.get("If-None-Match") or "-")
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", www, seen
    finally:
        httpd.shutdown()


def test_refresh_over_http_revalidates_and_refuses_older_and_tampered_copies(
    tmp_path: Path, server: tuple[str, Path, list[str]]
) -> None:
    url, www, seen = server
    state = tmp_path / "state"
    src = trustmeta.MetadataSource(f"{url}/agg.xml", state, store(SIGNER), profile="etoegang")
    shutil.copy(AGGREGATE, www / "agg.xml")
    assert src.refresh(now=NOW).status == "updated"
    r = src.refresh(now=NOW)
    assert (r.status, r.reason) == ("unchanged", "the server answered 304 Not Modified")
    assert seen[-1] != "-"
    # Older (sequence 35): refused and the copy held stays; taken with force.
    shutil.copy(signed_variant(tmp_path, 35, "2026-05-27T12:00:00Z"), www / "agg.xml")
    with pytest.raises(trustmeta.MetadataError) as e:
        src.refresh(now=NOW)
    assert e.value.code == "refresh.not_newer"
    assert "sequence number 35 is not above the held copy's 36" in str(e.value)
    assert (state / "metadata.xml").read_bytes() == AGGREGATE.read_bytes()
    newer = signed_variant(tmp_path, 37, "2026-05-29T12:00:00Z")
    tampered = newer.read_bytes().replace(b"Org urn:etoegang:KR", b"Org urn:etoegang:KX", 1)
    (www / "agg.xml").write_bytes(tampered)
    with pytest.raises(trustmeta.InvalidSignature) as e:
        src.refresh(now=NOW)
    assert e.value.code == "dsig.digest_mismatch"
    assert (state / "metadata.xml").read_bytes() == AGGREGATE.read_bytes()
    shutil.copy(newer, www / "agg.xml")
    r = src.refresh(now=NOW)
    assert r.status == "updated" and r.metadata is not None and r.metadata.etoegang is not None
    assert r.metadata.etoegang.sequence == 37
    assert (state / "metadata.previous.xml").read_bytes() == AGGREGATE.read_bytes()
    assert sorted(p.name for p in state.iterdir()) == [".lock", "index.tsv", "metadata.previous.xml", "metadata.xml", "state.json"]
    missing = trustmeta.MetadataSource(f"{url}/nothing.xml", state, store(SIGNER))
    with pytest.raises(trustmeta.LookupFailed) as e:
        missing.refresh(now=NOW)
    assert e.value.code == "lookup.http_failure" and "HTTP status 404" in str(e.value)
    with pytest.raises(trustmeta.LookupFailed) as e:
        trustmeta.MetadataSource(f"{url}/agg.xml", tmp_path / "small", store(SIGNER)).refresh(now=NOW, max_bytes=1000)
    assert e.value.code == "lookup.http_failure"


def test_a_refresh_elsewhere_is_seen_by_the_next_lookup(tmp_path: Path) -> None:
    reader = idp_source(tmp_path)
    reader.refresh(now=NOW)
    assert len(reader) == 1 and reader.entity(AD1) is None
    # Another process (here another source on the same folder) installs another copy.
    writer = trustmeta.MetadataSource(str(AGGREGATE), tmp_path, store(SIGNER), profile="etoegang")
    assert writer.refresh(now=NOW, force=True).status == "updated"
    assert len(reader) == 7
    entity = reader.entity(AD1)
    assert entity is not None and entity.entity_id == AD1


def test_bad_arguments_are_refused_clearly(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="'profile' must be one of"):
        trustmeta.MetadataSource(str(AGGREGATE), tmp_path, store(SIGNER), profile="nonsense")
    src = trustmeta.MetadataSource(str(tmp_path / "missing.xml"), tmp_path / "s", store(SIGNER))
    with pytest.raises(trustmeta.LookupFailed) as e:
        src.refresh(now=NOW)
    assert e.value.code == "lookup.http_failure"
    with pytest.raises(ValueError, match="'timeout' must be a positive number"):
        src.refresh(timeout=0)
