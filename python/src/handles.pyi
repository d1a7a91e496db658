"""Native part of trustmeta; import ``trustmeta`` instead."""

from datetime import datetime
from collections.abc import Iterator
from typing import Any, Literal, final

from ._records import Country, EntityRef, MetadataEntity, Ncp, NcpChoice, SmpRecord, VerifiedMetadata
from ._types import Buffer, MetadataProfileName
from .exceptions import VerificationError

__version__: str
"""The version of this package, e.g. ``"0.1.0"``."""

ERROR_CODES: dict[str, int]
"""Every error code of the trustmeta core, mapped to its number, in table order."""

ERROR_CLASSES: dict[str, type[VerificationError]]
"""Every error code, mapped to the exception class that raises it."""

def version() -> str:
    """The version of the trustmeta package (same as ``__version__``)."""

@final
class TrustStore:
    """What you trust: pinned certificates and public keys, CA anchors, untrusted
    intermediates that may complete a certificate path, and the CRLs that revoke
    certificates on one."""

    def __init__(self) -> None:
        """An empty store. Add anchors with ``add_pem`` before verifying."""
    @staticmethod
    def from_pem(pem: Buffer) -> TrustStore:
        """A store trusting every CERTIFICATE and PUBLIC KEY block of ``pem`` (or the
        single DER certificate ``pem`` is). Raises ``UntrustedSigner`` (``pki.bad_pem``,
        ``pki.bad_certificate``)."""
    def add_pem(self, pem: Buffer) -> None:
        """Trusts every CERTIFICATE and PUBLIC KEY block of ``pem`` (or one DER
        certificate) as well."""
    def add_intermediates_pem(self, pem: Buffer) -> None:
        """Adds every certificate of ``pem`` as an untrusted intermediate."""
    def add_crls_pem(self, pem: Buffer) -> int:
        """Adds every certificate revocation list of ``pem`` (its X509 CRL blocks, or one
        DER CRL) and returns how many; a path through a certificate a CRL of its issuer
        lists is then refused (``pki.revoked``), and one whose CRL is past its
        nextUpdate too (``pki.crl_expired``) unless ``allow_stale_crl=True``. Raises
        ``UntrustedSigner`` (``pki.crl_invalid``); the store is then unchanged."""
    def add_keys_pem(self, pem: Buffer) -> None:
        """Trusts only the public key of each certificate in ``pem`` (pinned), ignoring
        the certificates' validity: the SAML metadata interoperability profile's rule.
        Raises ``UntrustedSigner`` (``pki.bad_pem``, ``pki.bad_certificate``)."""
    @property
    def certificates(self) -> list[tuple[str, str]]:
        """The trusted certificates as ``(subject, sha256_hex)`` pairs."""
    def __len__(self) -> int:
        """Number of trusted certificates and public keys (intermediates not counted)."""

@final
class IssuerTrust:
    """Which keys may sign for which SAML issuer: a ``TrustStore`` per issuer entity ID,
    or one for any issuer. Stores are copied when added."""

    def __init__(self) -> None:
        """No issuer is trusted yet; add stores with ``add``."""
    @staticmethod
    def any_issuer(store: TrustStore) -> IssuerTrust:
        """Trust that uses ``store`` for every issuer."""
    def add(self, entity_id: str, store: TrustStore) -> None:
        """Trusts ``store`` for messages whose ``Issuer`` is ``entity_id`` (exactly)."""
    @property
    def issuers(self) -> list[str]:
        """The entity IDs added with ``add``, in order."""

@final
class ReplayCache:
    """The assertion IDs already accepted, until they expire: keep one per relying party
    and pass it to every ``verify_saml_response``. Safe to share between threads."""

    def __new__(cls, capacity: int) -> ReplayCache:
        """A cache holding at most ``capacity`` unexpired assertion IDs."""
    @property
    def capacity(self) -> int:
        """How many unexpired IDs the cache may hold."""
    def __len__(self) -> int:
        """How many assertion IDs the cache holds."""

@final
class RedisReplayCache:
    """A replay cache on a Redis or Valkey server, shared by every worker of a relying
    party: a response accepted by one worker is refused as a replay by every other.
    Accepted wherever a ``ReplayCache`` is. Each assertion ID is recorded with one
    atomic ``SET <prefix><sha256(ID)> 1 NX PX <ms>`` until the assertion expires. It
    fails closed: a server that does not answer within ``timeout`` seconds refuses the
    response with ``ReplayCacheUnavailable`` (``saml.replay_cache_unavailable``); a
    restarted server is used again by the same object. Safe to share between threads."""

    def __new__(cls, url: str, *, prefix: str = "trustmeta:replay:", timeout: float = 1.0) -> RedisReplayCache:
        """A cache on the server at ``url`` (``redis://[:PASSWORD@]HOST[:PORT][/DB]``,
        ``valkey://…``, ``redis+unix:///PATH``; no TLS). Nothing is connected until the
        first verification. Raises ``ValueError`` for any other URL, or a ``timeout``
        that is not a positive number of seconds."""

@final
class DecryptionKeys:
    """A relying party's private decryption keys, for the encrypted assertions, NameIDs
    and attributes of ``verify_saml_response(..., decrypt_keys=keys)``. Never shows key
    material. Safe to share between threads."""

    def __init__(self) -> None:
        """No keys yet; add them with ``add_pem``."""
    @staticmethod
    def from_pem(pem: Buffer) -> DecryptionKeys:
        """Keys holding the first private key of ``pem`` (``PRIVATE KEY``,
        ``RSA PRIVATE KEY`` or ``EC PRIVATE KEY``, unencrypted). Raises
        ``DecryptionError`` (``xmlenc.bad_key``)."""
    def add_pem(self, pem: Buffer) -> None:
        """Adds the first private key of ``pem`` as well; on error nothing is added."""
    def add_pkcs11(self, module: str, uri: str, pin: str) -> None:
        """Adds a private key held in a PKCS#11 token: ``module`` is the PKCS#11 library,
        ``uri`` an RFC 7512 ``pkcs11:`` URI naming the token and the key (``object`` or
        ``id``), ``pin`` the user PIN. The key stays in the token. Raises
        ``DecryptionError`` (``xmlenc.key_unavailable``); on error nothing is added."""
    def __len__(self) -> int:
        """Number of keys."""

@final
class Emreg:
    """A parsed EMREG registry list (unsigned: fetch it over an authenticated channel)."""

    @staticmethod
    def parse(data: Buffer) -> Emreg:
        """Parses the list; raises ``EmrexError`` (``emrex.json_malformed``,
        ``emrex.json_limit``, ``emrex.emreg_malformed``)."""
    @property
    def ncps(self) -> list[Ncp]:
        """The NCPs (EMPs), in list order."""
    @property
    def countries(self) -> list[Country]:
        """The countries, in list order."""
    @property
    def emps(self) -> bool:
        """Whether the NCPs came from the newer ``emps`` member."""
    @property
    def skipped_nulls(self) -> int:
        """How many ``null`` entries were skipped."""
    def ncp(self, acronym: str) -> Ncp:
        """The NCP called ``acronym``; raises ``EmrexError`` (``emrex.ncp_not_found``)."""
    def country(self, code: str) -> Country | None:
        """The country ``code`` (any case); ``None`` when not listed."""
    def ncps_of_country(self, code: str) -> list[Ncp]:
        """The NCPs of country ``code`` (any case), in list order."""
    def choices(self, code: str) -> list[NcpChoice]:
        """What to offer a learner of country ``code``: one entry per institution for a
        ``singleFetch`` country, otherwise one per NCP."""
    def __len__(self) -> int:
        """How many NCPs the list has."""

@final
class MetadataStreamVerifier:
    """Verifies SAML metadata fed in pieces: ``feed`` each, then ``finish``. Memory stays
    flat however large the document."""

    def __new__(
        cls,
        store: TrustStore,
        *,
        now: datetime | None = None,
        allow_sha1: bool = False,
        allow_stale_crl: bool = False,
        min_rsa_bits: int = 2048,
        profile: MetadataProfileName = "generic",
    ) -> MetadataStreamVerifier:
        """A verifier for metadata signed by a key of ``store`` (copied): the arguments
        of ``metadata_stream``."""
    def feed(self, chunk: Buffer) -> None:
        """Reads the next piece of the document; a large piece in parts, with signal
        handlers run between them (an interrupted verifier is unusable)."""
    def finish(self) -> VerifiedMetadata:
        """Ends the document and returns the result."""

@final
class _HeldMetadata:
    """What a ``VerifiedMetadata`` holds to answer its lookups."""

    def entity_ids(self) -> list[EntityRef]: ...
    def find_entity(self, entity_id: str) -> MetadataEntity | None: ...
    def read_entities(self) -> list[MetadataEntity]: ...

@final
class _Values:
    """A record's values (its ``_v``), each converted to Python when first read."""

    def __len__(self) -> int: ...
    def __getitem__(self, index: int, /) -> Any: ...
    def __iter__(self) -> Iterator[Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[tuple[Any, ...]], tuple[tuple[Any, ...]]]: ...

@final
class _HeldTsl:
    """What a ``VerifiedTsl`` holds to write its SMP records."""

    def to_smp(self, format: str) -> list[SmpRecord]: ...

@final
class _SmpLookup:
    """The native SMP lookup; use ``trustmeta.SmpLookup``."""

    def __new__(
        cls,
        zone: str,
        store: TrustStore,
        *,
        nameservers: list[str],
        connect_to: list[str],
        cache_dir: str | None,
        cache: Any,
        cache_ttl: float,
        timeout: float,
        dns_timeout: float,
        smp_version: str,
        allow_sha1: bool,
        allow_stale_crl: bool,
        min_rsa_bits: int,
    ) -> _SmpLookup: ...
    def lookup(
        self,
        participant: str,
        document: str,
        *,
        process: str | None,
        transport_profile: str | None,
        now: datetime | None,
    ) -> tuple[Any, dict[str, Any]]: ...

def _table() -> tuple[
    list[tuple[str, str, bool, list[str]]],
    list[tuple[str, list[tuple[str, bool, bool]]]],
]:
    """The table this module was built with, as ``(records, operations)``."""

@final
class _MetadataSource:
    """The native metadata source; use ``trustmeta.MetadataSource``."""

    def __new__(
        cls,
        source: str,
        state_dir: str,
        store: TrustStore,
        *,
        profile: str,
        allow_sha1: bool,
        min_rsa_bits: int,
    ) -> _MetadataSource: ...
    def refresh(
        self, *, force: bool, now: datetime | None, timeout: float, max_bytes: int
    ) -> dict[str, Any]: ...
    def index(self) -> _MetadataIndex: ...

@final
class _MetadataIndex:
    """The native entity index; use ``trustmeta.MetadataSource``."""

    def __len__(self) -> int: ...
    def is_current(self) -> bool: ...
    def entity(self, entity_id: str) -> MetadataEntity | None: ...
    def entries(self) -> list[tuple[str, str | None, list[str]]]: ...
    def issuer_trust(self, issuers: list[str], role: str) -> IssuerTrust: ...
    def trust_for_response(self, xml: Buffer) -> IssuerTrust: ...
