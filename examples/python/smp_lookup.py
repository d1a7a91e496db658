"""Look a participant up end to end, with the standard library, and verify the answer.

    python smp_lookup.py PARTICIPANT DOCUMENT --trust SMP-CA.pem --zone ZONE
    python smp_lookup.py PARTICIPANT DOCUMENT --trust SMP-CA.pem --smp-url http://smp.example/

1. The DNS name: ``trustmeta.smp_name`` (BDXL NAPTR name, or the PEPPOL CNAME name with
   ``--cname``).
2. DNS: a NAPTR query (flag ``U``, service ``Meta:SMP``, lowest order then preference,
   only ``!^.*$!URL!`` regexps) — with ``dnspython`` when it is installed, else a minimal
   UDP query built here; with ``--cname`` the SMP is ``http://<name>/``. ``--resolver IP``
   picks the DNS server (default: the first ``nameserver`` of /etc/resolv.conf).
   ``--smp-url`` skips DNS altogether.
3. HTTP: ``GET <smp>/<participant>/services/<document>`` (SMP 1.0 / PEPPOL form, each
   identifier percent-encoded) with ``urllib``.
4. ``trustmeta.verify_smp`` with the question asked: a record for another participant or
   document is a replay and is refused. A redirect is followed once; its target must be
   signed by the certificate the redirect names and must not redirect again.

Exit status: 0 found endpoints, 1 rejected or not found, 2 usage, DNS or HTTP error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import socket
import struct
import sys
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime
from pathlib import Path

import trustmeta

NAPTR = 35


class LookupError_(Exception):
    """DNS or HTTP failed: exit status 2."""


class NotFound(Exception):
    """The participant is not registered, or its SMP has no such service: exit status 1."""


def resolver_address(resolver: str | None) -> tuple[str, int]:
    if resolver:
        host, _, port = resolver.rpartition(":") if resolver.count(":") == 1 else (resolver, "", "")
        return (host or resolver, int(port) if port else 53)
    try:
        for line in Path("/etc/resolv.conf").read_text().splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[0] == "nameserver":
                return (parts[1], 53)
    except OSError:
        pass
    return ("127.0.0.1", 53)


def _read_name(msg: bytes, pos: int) -> tuple[str, int]:
    """A (possibly compressed) domain name at ``pos``; returns it and the position after."""
    labels: list[str] = []
    end = -1
    for _ in range(128):  # bounds pointer loops
        length = msg[pos]
        if length & 0xC0 == 0xC0:
            if end < 0:
                end = pos + 2
            pos = ((length & 0x3F) << 8) | msg[pos + 1]
            continue
        if length == 0:
            return ".".join(labels), (end if end >= 0 else pos + 1)
        labels.append(msg[pos + 1 : pos + 1 + length].decode("ascii", "replace"))
        pos += 1 + length
    raise LookupError_("malformed DNS answer (name compression loop)")


def _char_string(msg: bytes, pos: int) -> tuple[str, int]:
    length = msg[pos]
    return msg[pos + 1 : pos + 1 + length].decode("utf-8", "replace"), pos + 1 + length


def naptr_udp(name: str, server: tuple[str, int]) -> list[tuple[int, int, str, str, str]]:
    """NAPTR records of ``name`` as (order, preference, flags, service, regexp), by one
    UDP query (RFC 1035 §4, RFC 3403 §4.1)."""
    qid = int.from_bytes(os.urandom(2), "big")
    query = struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    for label in name.rstrip(".").split("."):
        query += bytes([len(label)]) + label.encode("ascii")
    query += b"\0" + struct.pack(">HH", NAPTR, 1)
    with socket.socket(socket.AF_INET6 if ":" in server[0] else socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(5)
        try:
            s.sendto(query, server)
            msg = s.recv(65535)
        except OSError as e:
            raise LookupError_(f"DNS query to {server[0]}:{server[1]} failed: {e}") from e
    rid, flags, qd, an = struct.unpack(">HHHH", msg[:8])
    if rid != qid:
        raise LookupError_("DNS answer does not match the query")
    rcode = flags & 0xF
    if rcode == 3:
        return []  # NXDOMAIN: not registered
    if rcode != 0:
        raise LookupError_(f"DNS failure (rcode {rcode}) for {name}")
    pos = 12
    for _ in range(qd):
        _, pos = _read_name(msg, pos)
        pos += 4
    records = []
    for _ in range(an):
        _, pos = _read_name(msg, pos)
        rtype, _, _, rdlen = struct.unpack(">HHIH", msg[pos : pos + 10])
        pos += 10
        rdata_end = pos + rdlen
        if rtype == NAPTR:
            order, preference = struct.unpack(">HH", msg[pos : pos + 4])
            flags_s, p = _char_string(msg, pos + 4)
            service, p = _char_string(msg, p)
            regexp, p = _char_string(msg, p)
            records.append((order, preference, flags_s, service, regexp))
        pos = rdata_end
    return records


def naptr_dnspython(name: str, resolver: str | None) -> list[tuple[int, int, str, str, str]]:
    """The same with dnspython (``pip install dnspython``), when it is installed."""
    dns_resolver = importlib.import_module("dns.resolver")
    r = dns_resolver.Resolver()
    if resolver:
        host, port = resolver_address(resolver)
        r.nameservers, r.port = [host], port
    try:
        answer = r.resolve(name, "NAPTR")
    except dns_resolver.NXDOMAIN:
        return []
    except Exception as e:  # dnspython's own exception tree
        raise LookupError_(f"DNS failure for {name}: {e}") from e
    return [
        (int(a.order), int(a.preference), a.flags.decode(), a.service.decode(), a.regexp.decode())
        for a in answer
    ]


def select_smp_url(records: list[tuple[int, int, str, str, str]]) -> str | None:
    """Flag U, service Meta:SMP, order then preference; only "!^.*$!URL!" regexps."""
    usable = [r for r in records if r[2].upper() == "U" and r[3].lower() == "meta:smp"]
    for _, _, _, _, regexp in sorted(usable, key=lambda r: (r[0], r[1])):
        m = re.fullmatch(r"!\^\.\*\$!([^!]+)!", regexp)
        if m:
            return m.group(1)
    return None


def find_smp(participant: str, args: argparse.Namespace) -> str:
    name = trustmeta.smp_name(participant, args.zone, cname=args.cname)
    if args.cname:
        return f"http://{name}/"
    try:
        importlib.import_module("dns.resolver")
        records = naptr_dnspython(name, args.resolver)
    except ImportError:
        records = naptr_udp(name, resolver_address(args.resolver))
    url = select_smp_url(records)
    if url is None:
        raise NotFound(f"not registered: no Meta:SMP NAPTR record at {name}")
    return url


def fetch(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            data: bytes = response.read(10 * 1024 * 1024)
            return data
    except urllib.error.HTTPError as e:
        if e.code == 404:
            raise NotFound(f"no matching SMP service: {url} answered 404") from e
        raise LookupError_(f"GET {url}: HTTP {e.code}") from e
    except (urllib.error.URLError, OSError) as e:
        raise LookupError_(f"GET {url}: {e}") from e


def same_dn(a: str, b: str) -> bool:
    """Distinguished names compared order-, case- and space-insensitively."""

    def norm(dn: str) -> list[str]:
        return sorted(re.sub(r"\s*=\s*", "=", part.strip()).lower() for part in dn.split(","))

    return norm(a) == norm(b)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("participant", help="scheme::value")
    ap.add_argument("document", help="scheme::value")
    ap.add_argument("--trust", required=True, type=Path, help="SMP anchors (PEM)")
    ap.add_argument("--intermediate", type=Path, action="append", default=[], help="untrusted intermediates (PEM)")
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--zone", help="SML/BDXL zone, e.g. edelivery.tech.ec.europa.eu")
    where.add_argument("--smp-url", help="the SMP's base URL: skip DNS")
    ap.add_argument("--cname", action="store_true", help="PEPPOL SML CNAME instead of BDXL NAPTR")
    ap.add_argument("--resolver", help="DNS server IP[:PORT]")
    ap.add_argument("--process", help="scheme::value")
    ap.add_argument("--transport-profile")
    ap.add_argument("--at", help="verification time (RFC 3339)")
    ap.add_argument("--allow-sha1", action="store_true")
    args = ap.parse_args(argv)

    try:
        store = trustmeta.TrustStore.from_pem(args.trust.read_bytes())
        for i in args.intermediate:
            store.add_intermediates_pem(i.read_bytes())
    except (OSError, trustmeta.VerificationError) as e:
        print(f"error: --trust: {e}", file=sys.stderr)
        return 2
    now = datetime.fromisoformat(args.at.replace("Z", "+00:00")) if args.at else None

    def verify(xml: bytes) -> trustmeta.VerifiedServiceMetadata:
        return trustmeta.verify_smp(
            xml,
            store,
            participant=args.participant,
            document=args.document,
            process=args.process,
            transport_profile=args.transport_profile,
            now=now,
            allow_sha1=args.allow_sha1,
        )

    try:
        base = args.smp_url or find_smp(args.participant, args)
        q = urllib.parse.quote
        url = f"{base.rstrip('/')}/{q(args.participant, safe='')}/services/{q(args.document, safe='')}"
        record = verify(fetch(url))
        if record.redirect is not None:
            redirect = record.redirect
            record = verify(fetch(redirect.href))
            by_uid = redirect.certificate_uid is not None and record.signer_subject is not None and same_dn(redirect.certificate_uid, record.signer_subject)
            by_cert = record.signer_sha256 is not None and record.signer_sha256 in redirect.certificates
            signer_ok = by_uid or by_cert
            if record.redirect is not None:
                print(f"rejected: the redirect target redirects again (to {record.redirect.href}) (smp.double_redirect)")
                return 1
            if not signer_ok:
                print(f"rejected: the redirect target is signed by {record.signer_subject}, not {redirect.certificate_uid} (smp.redirect_signer_mismatch)")
                return 1
    except trustmeta.VerificationError as e:
        print(f"rejected: {e}")
        return 1
    except NotFound as e:
        print(e)
        return 1
    except LookupError_ as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    print(f"verified: {record.version} record from {url}, signed by {record.signer_subject}")
    for endpoint in record.endpoints:
        print(f"endpoint: {endpoint.transport_profile} {endpoint.uri} certificate-sha256 {endpoint.certificate_sha256 or '-'}")
    for f in record.filtered_endpoints:
        print(f"filtered: {f.endpoint.transport_profile} {f.endpoint.uri}: {f.message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
