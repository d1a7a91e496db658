"""A metadata aggregate kept verified on disk, and issuer keys read from its index."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Optional, Sequence, Tuple, Union

from ._records import MetadataEntity, VerifiedMetadata
from ._trustmeta import IssuerTrust, TrustStore, _MetadataIndex, _MetadataSource

__all__ = ["MetadataEntry", "MetadataRefresh", "MetadataSource"]

_Role = Union[
    Literal["IDPSSODescriptor"],
    Literal["SPSSODescriptor"],
    Literal["AttributeAuthorityDescriptor"],
    Literal["AuthnAuthorityDescriptor"],
    Literal["PDPDescriptor"],
]


@dataclass(frozen=True)
class MetadataRefresh:
    """How a refresh that kept a verified copy ended.

    Attributes:
        status: ``"updated"`` (a newer copy verified and was installed) or
            ``"unchanged"`` (an HTTP 304, or the very bytes held).
        metadata: the verified copy's summary, when updated.
        sha256: the SHA-256 of the installed bytes (hex), when updated.
        reason: why nothing changed, when unchanged.
    """

    status: str
    metadata: Optional[VerifiedMetadata]
    sha256: Optional[str]
    reason: Optional[str]


@dataclass(frozen=True)
class MetadataEntry:
    """One entity as the index lists it: ``entity_id``, its ``group`` (the innermost
    ``EntitiesDescriptor`` name) and its role descriptors (``roles``)."""

    entity_id: str
    group: Optional[str]
    roles: Tuple[str, ...]


class MetadataSource:
    """A metadata aggregate published at ``source`` (an ``http://``/``https://`` URL or a
    file), kept verified in the folder ``state_dir``.

    :meth:`refresh` fetches it (conditionally, with the validators of the copy held),
    verifies it while it arrives with memory that does not grow with its size, and
    installs it only when it verified and is newer: an older eToegang sequence number or
    creationInstant is refused (``refresh.not_newer``) unless ``force``. The copy held
    stays whatever goes wrong. Several processes may share the folder: one refreshes
    (a timer, a cron job or ``trustmeta metadata refresh``), the others read.

    Lookups read the entity index written while the copy was verified, and then just
    the few kilobytes of the one entity asked for, so a relying party can take its
    identity providers' keys from an aggregate of any size::

        source = trustmeta.MetadataSource(url, "/var/lib/sp/federation", federation_signer)
        source.refresh()
        trust = source.trust_for_response(saml_response_xml)
        verified = trustmeta.verify_saml_response(saml_response_xml, trust, ...)

    Safe to share between threads; the blocking calls release the GIL. After a refresh
    by this or another process, the next lookup reopens the index.
    """

    def __init__(
        self,
        source: str,
        state_dir: Union[str, "os.PathLike[str]"],
        store: TrustStore,
        *,
        profile: str = "generic",
        allow_sha1: bool = False,
        min_rsa_bits: int = 2048,
    ) -> None:
        """
        Args:
            source: where the aggregate is published (URL or file path).
            state_dir: the folder holding the verified copy (made when missing).
            store: the federation's metadata signing certificate or key (copied).
            profile: ``"generic"`` or ``"etoegang"`` (the eToegang aggregate rules).
            allow_sha1: accept rsa-sha1 and SHA-1 digests (older federations).
            min_rsa_bits: the smallest RSA key accepted.

        Raises:
            ValueError: an unknown profile.
        """
        self._native = _MetadataSource(
            source,
            os.fspath(state_dir),
            store,
            profile=profile,
            allow_sha1=allow_sha1,
            min_rsa_bits=min_rsa_bits,
        )
        self._lock = threading.Lock()
        self._index: Optional[_MetadataIndex] = None

    def refresh(
        self,
        *,
        force: bool = False,
        now: Optional[datetime] = None,
        timeout: float = 300,
        max_bytes: int = 512 << 20,
    ) -> MetadataRefresh:
        """Fetches, verifies and installs a newer copy.

        Args:
            force: accept a copy that is not newer, and fetch unconditionally.
            now: verify as of this aware datetime (default: the system clock).
            timeout: seconds the download may take.
            max_bytes: refuse a larger aggregate.

        Raises:
            VerificationError: the copy fetched did not verify (the class of its code);
                :class:`MetadataError` ``refresh.not_newer`` for a copy that verified
                but is not newer; :class:`LookupFailed` ``lookup.http_failure`` when
                the source could not be read.
            OSError: the state folder could not be written.
        """
        out = self._native.refresh(force=force, now=now, timeout=float(timeout), max_bytes=int(max_bytes))
        return MetadataRefresh(
            status=out["status"], metadata=out["record"], sha256=out["sha256"], reason=out["reason"]
        )

    def _current(self) -> _MetadataIndex:
        with self._lock:
            if self._index is None or not self._index.is_current():
                self._index = self._native.index()
            return self._index

    def __len__(self) -> int:
        """How many entities the copy held has."""
        return len(self._current())

    def entity(self, entity_id: str) -> Optional[MetadataEntity]:
        """The entity ``entity_id`` (as the parser reads it: ``&``, not ``&amp;``) of the
        copy held, or None.

        Raises:
            MetadataError: ``metadata.not_held`` before a first refresh or when the files
                no longer match; ``metadata.malformed`` when two entities carry the
                entityID.
        """
        return self._current().entity(entity_id)

    def entries(self) -> list[MetadataEntry]:
        """Every entity of the copy held, in document order."""
        return [MetadataEntry(i, g, tuple(r)) for i, g, r in self._current().entries()]

    def issuer_trust(self, entity_ids: Sequence[str], *, role: _Role = "IDPSSODescriptor") -> IssuerTrust:
        """An :class:`IssuerTrust` with the signing keys of the ``role`` descriptors of
        each entity of ``entity_ids`` the copy lists (``KeyDescriptor`` with
        ``use="signing"`` or none), as :func:`metadata_issuer_trust` takes them; entities
        the copy lacks are left out, so their messages are refused."""
        return self._current().issuer_trust(list(entity_ids), role)

    def trust_for_response(self, xml: bytes) -> IssuerTrust:
        """The identity-provider keys of the issuers the SAML Response ``xml`` names
        (its own ``Issuer`` and its assertion's), to verify it with. The names are read
        before verification and only select keys: the signature must still verify
        with them."""
        return self._current().trust_for_response(xml)
