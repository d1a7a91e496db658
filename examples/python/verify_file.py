#!/usr/bin/env python3
"""Verify a signed XML file against trusted certificates, like `trustmeta verify`.

Usage:
    python verify_file.py --trust CERT.pem [--trust ...] [--intermediate CA.pem ...]
                          [--at 2026-06-01T00:00:00Z] [--allow-sha1] [--min-rsa-bits N]
                          FILE.xml

Prints the verdict and what was verified. Exit status: 0 verified, 1 rejected,
2 usage or I/O error.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

import trustmeta


def parse_time(text: str) -> datetime:
    """An RFC 3339 time with a zone, e.g. 2026-06-01T00:00:00Z."""
    t = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    if t.tzinfo is None:
        raise ValueError("the time needs a zone (Z or +hh:mm)")
    return t


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Verify the XML signature of FILE against trusted certificates.")
    parser.add_argument("file", type=Path, metavar="FILE", help="the signed XML document")
    parser.add_argument("--trust", type=Path, action="append", required=True, metavar="PEM", help="a trusted certificate or public key (PEM or DER); repeatable")
    parser.add_argument("--intermediate", type=Path, action="append", default=[], metavar="PEM", help="an untrusted intermediate CA certificate; repeatable")
    parser.add_argument("--at", type=parse_time, metavar="RFC3339", help="verification time (default: now)")
    parser.add_argument("--allow-sha1", action="store_true", help="accept legacy SHA-1 (reported in the result)")
    parser.add_argument("--min-rsa-bits", type=int, default=2048, metavar="N", help="smallest RSA key accepted (default 2048)")
    args = parser.parse_args(argv)

    try:
        xml = args.file.read_bytes()
        store = trustmeta.TrustStore()
        for path in args.trust:
            store.add_pem(path.read_bytes())
        for path in args.intermediate:
            store.add_intermediates_pem(path.read_bytes())
    except OSError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except trustmeta.VerificationError as e:
        print(f"error: cannot load trust anchors: {e}", file=sys.stderr)
        return 2

    try:
        doc = trustmeta.verify(xml, store, now=args.at, allow_sha1=args.allow_sha1, min_rsa_bits=args.min_rsa_bits)
    except trustmeta.VerificationError as e:
        print(f"rejected: {e.message} ({e.code})")
        return 1

    print("verified")
    if doc.signer_subject is not None:
        print(f"  signer:    {doc.signer_subject}")
        print(f"  sha256:    {doc.signer_sha256}")
    else:
        print(f"  signer:    pinned {doc.signer_key} key")
    print(f"  key:       {doc.signer_key}{' (pinned)' if doc.pinned else ''}")
    for subject, _sha256 in doc.chain[1:]:
        print(f"  issued by: {subject}")
    print(f"  algorithm: {doc.signature_algorithm} with {doc.canonicalization}")
    for ref in doc.references:
        print(f"  signed:    <{ref.element}> via URI {ref.uri!r} ({ref.digest}; {', '.join(ref.transforms)})")
    if doc.legacy_algorithms:
        print(f"  legacy:    {', '.join(doc.legacy_algorithms)} (allowed by policy)")
    print(f"  at:        {doc.verified_at.isoformat()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
