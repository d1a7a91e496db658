"""Verifying a metadata file in pieces, so that it is never held in memory whole."""

from __future__ import annotations

import os
from datetime import datetime
from typing import Union

from ._records import VerifiedMetadata
from ._trustmeta import MetadataStreamVerifier, TrustStore
from ._types import MetadataProfileName

__all__ = ["verify_metadata_file"]

# How much of the file is read at a time, as verify_metadata feeds a large document.
_CHUNK = 256 * 1024


def verify_metadata_file(
    path: Union[str, os.PathLike[str]],
    store: TrustStore,
    *,
    now: datetime | None = None,
    allow_sha1: bool = False,
    allow_stale_crl: bool = False,
    min_rsa_bits: int = 2048,
    profile: MetadataProfileName = "generic",
) -> VerifiedMetadata:
    """Verifies the SAML metadata in the file at ``path`` on the streaming path, reading
    it in 256 KiB pieces: memory stays flat however large the file. The checks, the
    other arguments and the result are those of ``verify_metadata`` (``streamed`` is
    ``True``, and the result does not hold the document: ``entity_ids()`` works,
    ``find_entity`` raises ``metadata.not_held``).

    Raises ``OSError`` when the file cannot be read, and as ``verify_metadata``."""
    verifier = MetadataStreamVerifier(
        store,
        now=now,
        allow_sha1=allow_sha1,
        allow_stale_crl=allow_stale_crl,
        min_rsa_bits=min_rsa_bits,
        profile=profile,
    )
    with open(path, "rb") as f:
        while True:
            chunk = f.read(_CHUNK)
            if not chunk:
                break
            verifier.feed(chunk)
    return verifier.finish()
