"""SMP lookup: DNS, HTTP, an on-disk cache and verification in one call."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Optional, Protocol, Sequence, Tuple, Union, runtime_checkable

from ._records import VerifiedServiceMetadata
from ._trustmeta import TrustStore, _SmpLookup

__all__ = ["RecordCacheProtocol", "SmpLookup", "SmpLookupResult", "smp_lookup"]

_SmpVersionName = Union[Literal["auto"], Literal["1"], Literal["2"]]


@runtime_checkable
class RecordCacheProtocol(Protocol):
    """What ``SmpLookup(cache=...)`` takes: a store of bytes by key, shared however you
    like (a dict, memcached, your database). Keys are record URLs; values are opaque.
    What ``get`` returns is verified again before any use, so a wrong, stale or
    tampered value costs a fetch, never a forged record. An exception from ``get``
    counts as a miss; one from ``set`` becomes a warning of the lookup."""

    def get(self, key: str) -> Optional[bytes]: ...

    def set(self, key: str, value: bytes) -> None: ...


@dataclass(frozen=True)
class SmpLookupResult:
    """A verified SMP record and how it was found.

    Attributes:
        record: the record, verified and bound to the question, as ``verify_smp``
            returns it.
        dns_name: the DNS name that led to the SMP.
        dns_record_type: ``"NAPTR"`` (BDXL), ``"CNAME"`` or ``"A"`` (PEPPOL SML).
        smp_api: ``"1"`` (OASIS SMP 1.0, PEPPOL) or ``"2"`` (OASIS SMP 2.0): the protocol
            the SMP was asked in.
        smp_url: the URL of the record (the redirect's target after an SMP redirect).
        redirected_from: the first URL, when its record redirected.
        cache: ``"hit"``, ``"miss"``, ``"revalidated"`` or ``"replaced"``; None without a
            cache folder.
        warnings: what went wrong without failing the lookup (a cache entry that could
            not be written).
    """

    record: VerifiedServiceMetadata
    dns_name: Optional[str]
    dns_record_type: Optional[str]
    smp_api: Optional[str]
    smp_url: Optional[str]
    redirected_from: Optional[str]
    cache: Optional[str]
    warnings: Tuple[str, ...]


class SmpLookup:
    """Finds a participant's SMP and returns its verified record for a document type.

    DNS (hickory-resolver) asks the BDXL name for NAPTR records of service ``Meta:SMP``
    (SMP 1.0, PEPPOL) or ``oasis-bdxr-smp-2`` (SMP 2.0), then falls back to the PEPPOL
    SML CNAME; every nameserver is asked (``nameservers``, or those of
    ``/etc/resolv.conf``), over UDP then TCP. The record is fetched over HTTP(S),
    verified against ``store`` and bound to the question; one SMP redirect is followed.
    With ``cache_dir`` verified records are kept on disk and revalidated with
    conditional requests after ``cache_ttl`` seconds.

    One instance may serve many lookups, from any number of threads; each call releases
    the GIL while it waits on the network.

    Raises (from :meth:`lookup`): :class:`LookupFailed` (``lookup.not_registered``,
    ``lookup.no_service``, ``lookup.dns_failure``, ``lookup.http_failure``), or the
    class of the record's own refusal (:class:`SmpError`, :class:`UntrustedSigner`…).

    Example::

        lookup = trustmeta.SmpLookup("edelivery.tech.ec.europa.eu", store,
                                     cache_dir="/var/cache/trustmeta-smp")
        found = lookup.lookup("iso6523-actorid-upis::0088:5798000000001", document)
        for e in found.record.endpoints:
            print(e.transport_profile, e.uri)
    """

    def __init__(
        self,
        zone: str,
        store: TrustStore,
        *,
        nameservers: Sequence[str] = (),
        connect_to: Sequence[str] = (),
        cache_dir: Union[str, "os.PathLike[str]", None] = None,
        cache: Optional[RecordCacheProtocol] = None,
        cache_ttl: float = 3600,
        timeout: float = 20,
        dns_timeout: float = 2,
        smp_version: _SmpVersionName = "auto",
        allow_sha1: bool = False,
        allow_stale_crl: bool = False,
        min_rsa_bits: int = 2048,
    ) -> None:
        """
        Args:
            zone: the SML/BDXL zone, e.g. ``"edelivery.tech.ec.europa.eu"``.
            store: the SMP signers' trust anchors (copied: later changes to ``store``
                do not apply).
            nameservers: ``"IP"`` or ``"IP:PORT"`` of the DNS servers to ask instead of
                those of ``/etc/resolv.conf``; SMP host names are then resolved through
                them too.
            connect_to: ``"HOST:PORT:CONNECT-HOST:CONNECT-PORT"`` redirections (as
                curl's ``--connect-to``; TLS still checks HOST).
            cache_dir: keep verified records in this folder, or on the Redis or Valkey
                server of a ``redis://HOST[:PORT][/DB]`` URL, shared by every instance
                (cached records are verified again at every use).
            cache: a cache of your own instead: any object with ``get(key)`` returning
                the bytes last ``set`` for the key (or None) and ``set(key, value)``
                (see :class:`RecordCacheProtocol`).
            cache_ttl: seconds a cached record is used without asking the SMP again.
            timeout: seconds each HTTP request may take.
            dns_timeout: seconds each DNS attempt may take (two per server).
            smp_version: ``"auto"`` (as the NAPTR service says), or ``"1"``/``"2"``.
            allow_sha1: accept SHA-1 signatures (still used by PEPPOL SMPs).
            allow_stale_crl: accept a CRL past its nextUpdate.
            min_rsa_bits: the smallest RSA key accepted.

        Raises:
            ValueError: a malformed nameserver or connect-to, a bad number, no
                nameserver in ``/etc/resolv.conf``, a cache folder that cannot be made.
        """
        self._native = _SmpLookup(
            zone,
            store,
            nameservers=list(nameservers),
            connect_to=list(connect_to),
            cache_dir=None if cache_dir is None else os.fspath(cache_dir),
            cache=cache,
            cache_ttl=float(cache_ttl),
            timeout=float(timeout),
            dns_timeout=float(dns_timeout),
            smp_version=smp_version,
            allow_sha1=allow_sha1,
            allow_stale_crl=allow_stale_crl,
            min_rsa_bits=min_rsa_bits,
        )

    def lookup(
        self,
        participant: str,
        document: str,
        *,
        process: Optional[str] = None,
        transport_profile: Optional[str] = None,
        now: Optional[datetime] = None,
    ) -> SmpLookupResult:
        """The verified record of ``participant`` (``scheme::value``) for ``document``,
        with the ``process`` and ``transport_profile`` asked for, verified at ``now``
        (an aware datetime; default: the system clock)."""
        record, how = self._native.lookup(
            participant, document, process=process, transport_profile=transport_profile, now=now
        )
        return SmpLookupResult(
            record=record,
            dns_name=how["dns_name"],
            dns_record_type=how["dns_record_type"],
            smp_api=how["smp_api"],
            smp_url=how["smp_url"],
            redirected_from=how["redirected_from"],
            cache=how["cache"],
            warnings=tuple(how["warnings"]),
        )


def smp_lookup(
    participant: str,
    document: str,
    store: TrustStore,
    *,
    zone: str,
    nameservers: Sequence[str] = (),
    cache_dir: Union[str, "os.PathLike[str]", None] = None,
    process: Optional[str] = None,
    transport_profile: Optional[str] = None,
    now: Optional[datetime] = None,
    smp_version: _SmpVersionName = "auto",
    allow_sha1: bool = False,
    timeout: float = 20,
) -> SmpLookupResult:
    """One lookup with a fresh :class:`SmpLookup` (see there); keep an instance to reuse
    its settings."""
    return SmpLookup(
        zone,
        store,
        nameservers=nameservers,
        cache_dir=cache_dir,
        smp_version=smp_version,
        allow_sha1=allow_sha1,
        timeout=timeout,
    ).lookup(participant, document, process=process, transport_profile=transport_profile, now=now)
