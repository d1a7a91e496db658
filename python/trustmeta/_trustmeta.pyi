"""Native part of trustmeta; import ``trustmeta`` instead."""

import os
from datetime import datetime, timedelta
from typing import final

from .exceptions import VerificationError

__all__ = [
    "Country",
    "ERROR_CLASSES",
    "ERROR_CODES",
    "Emreg",
    "Endpoint",
    "ExtensionSignature",
    "FilteredEndpoint",
    "IssuerTrust",
    "Learner",
    "MetadataEndpoint",
    "MetadataEntity",
    "MetadataStreamVerifier",
    "Ncp",
    "NcpChoice",
    "OpenNcpList",
    "OpenNcpService",
    "Redirect",
    "Reference",
    "ReplayCache",
    "RequestedAttribute",
    "SamlAttribute",
    "ServiceReference",
    "SmpRecord",
    "TrustStore",
    "TslPointer",
    "TslProvider",
    "TslService",
    "VerifiedAuthnRequest",
    "VerifiedDocument",
    "VerifiedElmo",
    "VerifiedMetadata",
    "VerifiedOcspResponse",
    "VerifiedSamlResponse",
    "VerifiedServiceGroup",
    "VerifiedServiceMetadata",
    "VerifiedTsl",
    "__version__",
    "decode_elmo_field",
    "decode_post_binding",
    "metadata_issuer_trust",
    "parse_return_code",
    "smp_name",
    "verify",
    "verify_elmo",
    "verify_metadata",
    "verify_metadata_file",
    "verify_ocsp_response",
    "verify_saml_request",
    "verify_saml_request_redirect",
    "verify_saml_response",
    "verify_service_group",
    "verify_smp",
    "verify_smp_extension_signatures",
    "verify_smp_redirect",
    "verify_tsl",
    "version",
]

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
    """What you trust: pinned certificates and public keys, CA anchors, and untrusted
    intermediates that may complete a certificate path."""

    def __init__(self) -> None:
        """An empty store. Add anchors with ``add_pem`` before verifying."""
    @staticmethod
    def from_pem(pem: bytes) -> TrustStore:
        """A store trusting every CERTIFICATE and PUBLIC KEY block of ``pem`` (or the
        single DER certificate ``pem`` is). Raises ``UntrustedSigner`` (``pki.bad_pem``,
        ``pki.bad_certificate``)."""
    def add_pem(self, pem: bytes) -> None:
        """Trusts every CERTIFICATE and PUBLIC KEY block of ``pem`` (or one DER
        certificate) as well."""
    def add_intermediates_pem(self, pem: bytes) -> None:
        """Adds every certificate of ``pem`` as an untrusted intermediate."""
    def add_keys_pem(self, pem: bytes) -> None:
        """Trusts only the public key of each certificate in ``pem`` (pinned), ignoring
        the certificates' validity: the SAML metadata interoperability profile's rule.
        Raises ``UntrustedSigner`` (``pki.bad_pem``, ``pki.bad_certificate``)."""
    @property
    def certificates(self) -> list[tuple[str, str]]:
        """The trusted certificates as ``(subject, sha256_hex)`` pairs."""
    def __len__(self) -> int:
        """Number of trusted certificates and public keys (intermediates not counted)."""

@final
class Reference:
    """One verified ``ds:Reference``."""

    @property
    def uri(self) -> str:
        """The ``URI`` attribute as written: ``""`` or ``"#id"``."""
    @property
    def element(self) -> str:
        """Local name of the element the reference covers."""
    @property
    def digest(self) -> str:
        """The DigestMethod algorithm URI."""
    @property
    def transforms(self) -> list[str]:
        """The transforms applied, by short name, in order."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class VerifiedDocument:
    """A document whose signature verified: who signed it, with what, and exactly what
    they signed. Returned by ``verify``."""

    @property
    def signer_sha256(self) -> str | None:
        """SHA-256 (lowercase hex) of the DER certificate that verified; ``None`` for a
        pinned bare public key."""
    @property
    def signer_subject(self) -> str | None:
        """The signer certificate's subject DN; ``None`` for a pinned bare public key."""
    @property
    def signer_key(self) -> str:
        """The signing key's type and size, e.g. ``"RSA-2048"``, ``"EC P-256"``."""
    @property
    def pinned(self) -> bool:
        """Whether the signer's certificate or key itself is in the trust store."""
    @property
    def signature_algorithm(self) -> str:
        """The SignatureMethod algorithm URI."""
    @property
    def canonicalization(self) -> str:
        """The CanonicalizationMethod URI of SignedInfo."""
    @property
    def references(self) -> list[Reference]:
        """The verified references, in document order."""
    @property
    def signed_xml(self) -> list[bytes]:
        """The signed elements in canonical form (Exclusive C14N), one per reference."""
    @property
    def legacy_algorithms(self) -> list[str]:
        """Legacy algorithms the policy allowed and the signature used."""
    @property
    def verified_at(self) -> datetime:
        """The time the verification used, timezone-aware, in UTC."""
    @property
    def chain(self) -> list[tuple[str, str]]:
        """The certificate path as ``(subject, sha256_hex)`` pairs, signer first."""

def verify(
    xml: bytes,
    store: TrustStore,
    *,
    now: datetime | None = None,
    allow_sha1: bool = False,
    min_rsa_bits: int = 2048,
) -> VerifiedDocument:
    """Verifies the one XML signature in ``xml`` against the anchors in ``store`` at
    ``now`` (default: the system clock). Raises a ``VerificationError`` subclass whose
    ``.code`` says why, ``TypeError`` for a non-bytes ``xml``, ``ValueError`` for a
    naive ``now``."""

@final
class Endpoint:
    """One endpoint of a verified SMP record."""

    @property
    def transport_profile(self) -> str:
        """The transport profile, e.g. ``"peppol-transport-as4-v2_0"``."""
    @property
    def uri(self) -> str:
        """The endpoint's address: where to send."""
    @property
    def certificate_sha256(self) -> str | None:
        """SHA-256 (lowercase hex) of the published certificate; ``None`` if none."""
    @property
    def activation(self) -> datetime | None:
        """The activation date (timezone-aware, UTC); ``None`` if the record gives none."""
    @property
    def expiration(self) -> datetime | None:
        """The expiration date (timezone-aware, UTC); ``None`` if the record gives none."""
    @property
    def certificate_trusted(self) -> bool | None:
        """With ``verify_smp(..., ap_store=...)``: whether the certificate chains to an
        access-point anchor; ``None`` when not checked."""
    @property
    def certificate_error(self) -> str | None:
        """With ``ap_store=``: the error code when the certificate is not trusted."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class FilteredEndpoint:
    """An endpoint that matches the question but was left out for its dates."""

    @property
    def endpoint(self) -> Endpoint:
        """The endpoint."""
    @property
    def reason(self) -> str:
        """``"expired"`` or ``"not_yet_active"``."""
    @property
    def message(self) -> str:
        """A sentence with the date and the verification time."""

@final
class Redirect:
    """A signed redirect to another SMP."""

    @property
    def href(self) -> str:
        """Where to ask instead."""
    @property
    def certificate_uid(self) -> str | None:
        """SMP 1.x ``CertificateUID``: subject DN (or serialNumber) of the target's signer."""
    @property
    def certificates(self) -> list[str]:
        """SMP 2.0: SHA-256 (lowercase hex) of each certificate the target's signer may have."""

@final
class VerifiedServiceMetadata:
    """A signed SMP ServiceMetadata record that verified and answers the question asked.
    Returned by ``verify_smp``."""

    @property
    def version(self) -> str:
        """``"peppol-busdox"``, ``"bdxr-2014"``, ``"oasis-smp-1.0"`` or ``"oasis-smp-2.0"``."""
    @property
    def participant(self) -> str | None:
        """The participant the record names (``None`` for an SMP 1.x redirect)."""
    @property
    def document(self) -> str | None:
        """The document type the record names (``None`` for an SMP 1.x redirect)."""
    @property
    def endpoints(self) -> list[Endpoint]:
        """The endpoints that answer the question and are active at the verification time."""
    @property
    def filtered_endpoints(self) -> list[FilteredEndpoint]:
        """Endpoints that match the question but are outside their dates."""
    @property
    def redirect(self) -> Redirect | None:
        """The redirect, when the record sends the caller to another SMP."""
    @property
    def other_signatures(self) -> int:
        """Signatures below the document element: counted, not verified."""
    @property
    def signer_sha256(self) -> str | None:
        """SHA-256 (lowercase hex) of the signer's certificate; ``None`` for a bare key."""
    @property
    def signer_subject(self) -> str | None:
        """The signer certificate's subject DN; ``None`` for a pinned bare public key."""
    @property
    def signer_key(self) -> str:
        """The signing key's type and size, e.g. ``"RSA-2048"``."""
    @property
    def pinned(self) -> bool:
        """Whether the signer's certificate or key itself is in the trust store."""
    @property
    def signature_algorithm(self) -> str:
        """The SignatureMethod algorithm URI."""
    @property
    def canonicalization(self) -> str:
        """The CanonicalizationMethod URI of SignedInfo."""
    @property
    def references(self) -> list[Reference]:
        """The verified reference (one, ``URI=""``)."""
    @property
    def legacy_algorithms(self) -> list[str]:
        """Legacy algorithms the policy allowed and the signature used."""
    @property
    def chain(self) -> list[tuple[str, str]]:
        """The certificate path as ``(subject, sha256_hex)`` pairs, signer first."""
    @property
    def verified_at(self) -> datetime:
        """The time the verification used, timezone-aware, in UTC."""

def verify_smp(
    xml: bytes,
    store: TrustStore,
    *,
    participant: str,
    document: str,
    process: str | None = None,
    transport_profile: str | None = None,
    now: datetime | None = None,
    allow_sha1: bool = False,
    min_rsa_bits: int = 2048,
    ap_store: TrustStore | None = None,
) -> VerifiedServiceMetadata:
    """Verifies a signed SMP ServiceMetadata record and checks that it answers the
    question (participant, document, optional process and transport profile). Raises a
    ``VerificationError`` subclass (``SmpError`` for ``smp.*`` codes)."""

def verify_smp_redirect(
    first: bytes,
    target: bytes,
    store: TrustStore,
    *,
    participant: str,
    document: str,
    process: str | None = None,
    transport_profile: str | None = None,
    now: datetime | None = None,
    allow_sha1: bool = False,
    min_rsa_bits: int = 2048,
) -> VerifiedServiceMetadata:
    """Verifies the redirecting record ``first`` (it must give a redirect) and the record
    ``target`` fetched from its href, for the same question, and checks that the target's
    signer is the one the redirect names. Returns the target's result. Raises
    ``SmpError`` (``smp.redirect_signer_mismatch``, ``smp.double_redirect``, or as
    ``verify_smp``), ``ValueError`` if ``first`` is not a redirect."""

@final
class ServiceReference:
    """One entry of a ServiceGroup."""

    @property
    def document(self) -> str | None:
        """The document type, ``"scheme::value"``, or ``None`` when the href names none."""
    @property
    def href(self) -> str | None:
        """SMP 1.x ``ServiceMetadataReference href``; ``None`` in SMP 2.0."""

@final
class VerifiedServiceGroup:
    """A verified SMP ServiceGroup. Returned by ``verify_service_group``."""

    @property
    def version(self) -> str: ...
    @property
    def participant(self) -> str: ...
    @property
    def references(self) -> list[ServiceReference]: ...
    @property
    def signed(self) -> bool:
        """``False`` for an unsigned group accepted with ``allow_unsigned=True``."""
    @property
    def signer_sha256(self) -> str | None: ...
    @property
    def signer_subject(self) -> str | None: ...
    @property
    def other_signatures(self) -> int: ...

def verify_service_group(
    xml: bytes,
    store: TrustStore,
    *,
    participant: str,
    allow_unsigned: bool = False,
    now: datetime | None = None,
    allow_sha1: bool = False,
    min_rsa_bits: int = 2048,
) -> VerifiedServiceGroup:
    """Verifies an SMP ServiceGroup for ``participant``. An unsigned group raises
    ``VerificationError`` (``dsig.missing_signature``) unless ``allow_unsigned=True``;
    another participant's group raises ``SmpError`` (``smp.participant_mismatch``)."""

@final
class ExtensionSignature:
    """A verified signature inside an SMP record's ``Extension`` (eHealth owner signature)."""

    @property
    def covered_element(self) -> str:
        """Local name of the element it covers (``"ServiceInformation"``)."""
    @property
    def signer_sha256(self) -> str | None: ...
    @property
    def signer_subject(self) -> str | None: ...
    @property
    def signer_key(self) -> str: ...
    @property
    def pinned(self) -> bool: ...
    @property
    def signature_algorithm(self) -> str: ...
    @property
    def canonicalization(self) -> str: ...
    @property
    def legacy_algorithms(self) -> list[str]: ...
    @property
    def chain(self) -> list[tuple[str, str]]: ...
    @property
    def verified_at(self) -> datetime: ...

def verify_smp_extension_signatures(
    xml: bytes,
    store: TrustStore,
    *,
    now: datetime | None = None,
    allow_sha1: bool = False,
    min_rsa_bits: int = 2048,
) -> list[ExtensionSignature]:
    """Verifies every signature inside an ``Extension`` of an SMP record (the eHealth owner
    signature) over the element it covers, against the owners' anchors in ``store``.
    Raises ``VerificationError`` (``dsig.missing_signature`` when there is none, or the
    failing signature's code)."""

def smp_name(participant: str, zone: str, *, cname: bool = False) -> str:
    """The BDXL (NAPTR) name of ``participant`` in ``zone``, or with ``cname=True`` the
    PEPPOL SML CNAME. Raises ``SmpError`` for a malformed identifier."""

@final
class Country:
    """One country of an EMREG list."""

    @property
    def code(self) -> str:
        """``countryCode`` as written (compared case-insensitively)."""
    @property
    def name(self) -> str:
        """``countryName`` (empty when the list gives none)."""
    @property
    def single_fetch(self) -> bool:
        """Learners of this country choose an institution, not an NCP."""

@final
class Ncp:
    """One National Contact Point (an EMP in newer lists) of an EMREG list."""

    @property
    def acronym(self) -> str:
        """The name ``verify_elmo(ncp=...)`` takes."""
    @property
    def country_code(self) -> str: ...
    @property
    def institutions(self) -> list[str]: ...
    @property
    def url(self) -> str:
        """Where to send the learner (empty when the list gives none)."""
    @property
    def pub_key(self) -> str:
        """The ``pubKey`` as the list gives it (normally a PEM certificate)."""
    def trust_store(self) -> TrustStore:
        """A ``TrustStore`` pinning this NCP's certificate alone. Raises
        ``UntrustedSigner`` when ``pubKey`` holds no parsable certificate."""

@final
class NcpChoice:
    """One entry to offer a learner of a country (``Emreg.choices``)."""

    @property
    def ncp(self) -> Ncp: ...
    @property
    def institution(self) -> str | None:
        """For a ``singleFetch`` country the institution this entry stands for, otherwise
        the NCP's first."""

@final
class Emreg:
    """A parsed EMREG registry list (unsigned: fetch it over an authenticated channel)."""

    @staticmethod
    def parse(data: bytes) -> Emreg:
        """Parses the list; raises ``EmrexError`` (``emrex.json_malformed``,
        ``emrex.json_limit``, ``emrex.emreg_malformed``)."""
    @property
    def ncps(self) -> list[Ncp]: ...
    @property
    def countries(self) -> list[Country]: ...
    @property
    def emps(self) -> bool:
        """Whether the NCPs came from the newer ``emps`` member."""
    @property
    def skipped_nulls(self) -> int: ...
    def ncp(self, acronym: str) -> Ncp:
        """The NCP called ``acronym``; raises ``EmrexError`` (``emrex.ncp_not_found``)."""
    def country(self, code: str) -> Country | None: ...
    def ncps_of_country(self, code: str) -> list[Ncp]: ...
    def choices(self, code: str) -> list[NcpChoice]:
        """What to offer a learner of country ``code``: one entry per institution for a
        ``singleFetch`` country, otherwise one per NCP."""
    def __len__(self) -> int: ...

@final
class Learner:
    """The learner a verified ELMO file is about."""

    @property
    def given_names(self) -> str: ...
    @property
    def family_name(self) -> str: ...
    @property
    def birth_date(self) -> str | None:
        """``bday`` as written (the format differs between NCPs)."""
    @property
    def citizenship(self) -> str | None: ...

@final
class VerifiedElmo:
    """A verified ELMO result file. Returned by ``verify_elmo``."""

    @property
    def namespace(self) -> str: ...
    @property
    def learner(self) -> Learner:
        """The learner to match against the person who started the EMREX session."""
    @property
    def learners(self) -> list[Learner]:
        """Every distinct learner identity the file gives, ``learner`` first."""
    @property
    def reports(self) -> int: ...
    @property
    def nested_signatures(self) -> int: ...
    @property
    def signer_sha256(self) -> str | None: ...
    @property
    def signer_subject(self) -> str | None: ...
    @property
    def signer_key(self) -> str: ...
    @property
    def pinned(self) -> bool: ...
    @property
    def signature_algorithm(self) -> str: ...
    @property
    def canonicalization(self) -> str: ...
    @property
    def references(self) -> list[Reference]: ...
    @property
    def legacy_algorithms(self) -> list[str]: ...
    @property
    def chain(self) -> list[tuple[str, str]]: ...
    @property
    def verified_at(self) -> datetime: ...

def verify_elmo(
    xml: bytes,
    emreg: Emreg,
    *,
    ncp: str,
    now: datetime | None = None,
    allow_sha1: bool = False,
    min_rsa_bits: int = 2048,
) -> VerifiedElmo:
    """Verifies an ELMO file against the certificate ``emreg`` gives for NCP ``ncp``,
    under the EMREX profile. Raises ``EmrexError`` (``emrex.*``) or another
    ``VerificationError``."""

def decode_elmo_field(field: bytes, *, max_elmo_bytes: int | None = None) -> bytes:
    """Decodes the ``elmo`` form field (base64, then gunzip when gzip) into the ELMO XML.
    Raises ``EmrexError`` (``emrex.bad_base64``, ``emrex.gzip_malformed``,
    ``emrex.decompressed_too_large``)."""

def parse_return_code(value: str) -> str:
    """``"OK"``, ``"NO_RESULTS"``, ``"CANCEL"`` or ``"ERROR"`` for an ``NCP_*``/``EMP_*``
    ``returnCode``; raises ``EmrexError`` (``emrex.bad_return_code``)."""

@final
class TslPointer:
    """One ``OtherTSLPointer`` of a verified trusted list."""

    @property
    def location(self) -> str:
        """``TSLLocation``: where to fetch the other list."""
    @property
    def territory(self) -> str | None: ...
    @property
    def mime_type(self) -> str | None: ...
    @property
    def certificates(self) -> list[bytes]:
        """The certificates allowed to sign the other list, DER-encoded."""

@final
class TslService:
    """One ``TSPService`` of a verified trusted list."""

    @property
    def provider(self) -> str:
        """The first ``TSPName`` of its provider."""
    @property
    def type_identifier(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def names(self) -> list[tuple[str, str]]:
        """Every ``ServiceName`` as ``(lang, text)``."""
    @property
    def status(self) -> str: ...
    @property
    def status_starting_time(self) -> datetime: ...
    @property
    def supply_points(self) -> list[str]: ...
    @property
    def certificates(self) -> list[bytes]:
        """The ``X509Certificate`` digital identities, DER-encoded, in order."""
    @property
    def history_entries(self) -> int: ...

@final
class TslProvider:
    """One ``TrustServiceProvider`` of a verified trusted list."""

    @property
    def name(self) -> str: ...
    @property
    def names(self) -> list[tuple[str, str]]: ...
    @property
    def trade_names(self) -> list[tuple[str, str]]: ...
    @property
    def services(self) -> list[TslService]: ...

@final
class OpenNcpService:
    """A service of an NCP configuration list with its face and role."""

    @property
    def face(self) -> str:
        """``"NCP-A"`` or ``"NCP-B"``."""
    @property
    def role(self) -> str:
        """``"VPNGateway"``, ``"NCP"``, ``"PatientIdentificationService"``, ``"PatientService"``,
        ``"OrderService"``, ``"DispensationService"``, ``"ConsentService"`` or ``"IdP"``."""
    @property
    def service(self) -> TslService: ...

@final
class OpenNcpList:
    """The OpenNCP view of a verified NCP configuration list. Returned by
    ``VerifiedTsl.openncp()``."""

    @property
    def country(self) -> str: ...
    @property
    def services(self) -> list[OpenNcpService]: ...
    @property
    def unknown_services(self) -> int: ...
    def tls_certificate(self, face: str) -> bytes | None:
        """The NCP service's first certificate on ``face`` (``"NCP-A"`` or ``"NCP-B"``)."""
    def signature_certificate(self, face: str) -> bytes | None:
        """The NCP service's second certificate on ``face``."""

@final
class SmpRecord:
    """One unsigned SMP ``ServiceMetadata`` document written by ``VerifiedTsl.to_smp``."""

    @property
    def file_name(self) -> str: ...
    @property
    def participant(self) -> str: ...
    @property
    def document(self) -> str: ...
    @property
    def process(self) -> str: ...
    @property
    def endpoints(self) -> int: ...
    @property
    def xml(self) -> str: ...

@final
class VerifiedTsl:
    """A verified ETSI trusted list. Returned by ``verify_tsl``."""

    @property
    def id(self) -> str | None: ...
    @property
    def tag(self) -> str | None: ...
    @property
    def territory(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def sequence_number(self) -> int: ...
    @property
    def tsl_type(self) -> str: ...
    @property
    def operator_names(self) -> list[tuple[str, str]]: ...
    @property
    def operator_electronic_addresses(self) -> list[str]: ...
    @property
    def scheme_names(self) -> list[tuple[str, str]]: ...
    @property
    def issued(self) -> datetime: ...
    @property
    def next_update(self) -> datetime | None: ...
    @property
    def signing_time(self) -> datetime | None: ...
    @property
    def pointers(self) -> list[TslPointer]: ...
    @property
    def providers(self) -> list[TslProvider]: ...
    @property
    def services(self) -> list[TslService]:
        """Every service of every provider, in document order."""
    @property
    def signer_sha256(self) -> str | None: ...
    @property
    def signer_subject(self) -> str | None: ...
    @property
    def signer_key(self) -> str: ...
    @property
    def pinned(self) -> bool: ...
    @property
    def signature_algorithm(self) -> str: ...
    @property
    def canonicalization(self) -> str: ...
    @property
    def references(self) -> list[Reference]: ...
    @property
    def legacy_algorithms(self) -> list[str]: ...
    @property
    def chain(self) -> list[tuple[str, str]]: ...
    @property
    def verified_at(self) -> datetime: ...
    def openncp(self) -> OpenNcpList:
        """The OpenNCP view; raises ``TslError`` (``tsl.not_openncp``) for other lists."""
    def to_smp(self, format: str = "oasis-smp1") -> list[SmpRecord]:
        """SMP records of an NCP configuration list (``"oasis-smp1"`` or ``"busdox"``);
        raises ``TslError`` (``tsl.not_openncp``, ``tsl.malformed``)."""

def verify_tsl(
    xml: bytes,
    store: TrustStore,
    *,
    now: datetime | None = None,
    allow_sha1: bool = False,
    min_rsa_bits: int = 2048,
) -> VerifiedTsl:
    """Verifies a signed ETSI trusted list against ``store`` under the trusted-list XAdES
    profile. Raises ``TslError`` (``tsl.*``) or another ``VerificationError``."""

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
    def capacity(self) -> int: ...
    def __len__(self) -> int:
        """How many assertion IDs the cache holds."""

@final
class SamlAttribute:
    """One ``Attribute`` of a verified assertion."""

    @property
    def name(self) -> str: ...
    @property
    def name_format(self) -> str | None: ...
    @property
    def friendly_name(self) -> str | None: ...
    @property
    def values(self) -> list[str]:
        """Each ``AttributeValue``'s text."""
    @property
    def status(self) -> str | None:
        """STORK's ``AttributeStatus``: ``"Available"``, ``"NotAvailable"``,
        ``"Withheld"``, or ``None``."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class VerifiedSamlResponse:
    """A verified SAML response and its one assertion. Returned by
    ``verify_saml_response``."""

    @property
    def id(self) -> str:
        """The Response ``ID``."""
    @property
    def issuer(self) -> str: ...
    @property
    def in_response_to(self) -> str | None: ...
    @property
    def destination(self) -> str | None: ...
    @property
    def assertion_id(self) -> str: ...
    @property
    def issue_instant(self) -> datetime: ...
    @property
    def name_id(self) -> str | None: ...
    @property
    def name_id_format(self) -> str | None: ...
    @property
    def attributes(self) -> list[SamlAttribute]: ...
    def attribute(self, name: str) -> SamlAttribute | None:
        """The first attribute whose ``Name`` or ``FriendlyName`` is ``name``."""
    @property
    def loa(self) -> str | None:
        """The first ``AuthnContextClassRef`` (the eIDAS level of assurance)."""
    @property
    def stork_qaa(self) -> int | None: ...
    @property
    def session_index(self) -> str | None: ...
    @property
    def not_before(self) -> datetime | None: ...
    @property
    def not_on_or_after(self) -> datetime | None: ...
    @property
    def audiences(self) -> list[str]: ...
    @property
    def one_time_use(self) -> bool: ...
    @property
    def signed_by(self) -> str:
        """``"response"``, ``"assertion"`` or ``"both"``."""
    @property
    def signatures(self) -> list[VerifiedDocument]:
        """The verified signatures, the Response's first (``signed_xml`` empty)."""

def verify_saml_response(
    xml: bytes,
    trust: IssuerTrust,
    *,
    audience: str,
    acs: str,
    request_id: str | None = None,
    now: datetime | None = None,
    profile: str = "generic",
    signed: str = "any",
    allow_sha1: bool = False,
    min_rsa_bits: int = 2048,
    skew: int = 180,
    cache: ReplayCache | None = None,
) -> VerifiedSamlResponse:
    """Verifies a SAML Response against the issuer's trust and this relying party's
    expectations. Raises ``SamlError`` (``saml.*``, ``saml.replay`` for an assertion
    ``cache`` holds) or another ``VerificationError``."""

@final
class RequestedAttribute:
    """An attribute an AuthnRequest asks for."""

    @property
    def name(self) -> str: ...
    @property
    def friendly_name(self) -> str | None: ...
    @property
    def required(self) -> bool: ...
    @property
    def values(self) -> list[str]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class VerifiedAuthnRequest:
    """A verified SAML AuthnRequest. Returned by ``verify_saml_request`` and
    ``verify_saml_request_redirect``."""

    @property
    def id(self) -> str: ...
    @property
    def issuer(self) -> str | None: ...
    @property
    def issue_instant(self) -> datetime: ...
    @property
    def destination(self) -> str | None: ...
    @property
    def acs_url(self) -> str | None: ...
    @property
    def force_authn(self) -> bool: ...
    @property
    def is_passive(self) -> bool: ...
    @property
    def provider_name(self) -> str | None: ...
    @property
    def name_id_format(self) -> str | None: ...
    @property
    def sp_type(self) -> str | None:
        """eIDAS ``SPType``: ``"public"`` or ``"private"``."""
    @property
    def requested_loa(self) -> list[str]: ...
    @property
    def loa_comparison(self) -> str | None: ...
    @property
    def requested_attributes(self) -> list[RequestedAttribute]: ...
    @property
    def stork_qaa(self) -> int | None: ...
    @property
    def stork_sp_sector(self) -> str | None: ...
    @property
    def stork_sp_institution(self) -> str | None: ...
    @property
    def stork_sp_application(self) -> str | None: ...
    @property
    def stork_sp_country(self) -> str | None: ...
    @property
    def stork_citizen_country(self) -> str | None: ...
    @property
    def relay_state(self) -> str | None: ...
    @property
    def redirect_signature_algorithm(self) -> str | None: ...
    @property
    def signature(self) -> VerifiedDocument | None:
        """The XML signature; ``None`` for the Redirect binding."""

def verify_saml_request(
    xml: bytes,
    trust: IssuerTrust,
    *,
    destination: str | None = None,
    now: datetime | None = None,
    profile: str = "generic",
    allow_sha1: bool = False,
    min_rsa_bits: int = 2048,
    skew: int = 180,
    max_age: int = 600,
) -> VerifiedAuthnRequest:
    """Verifies a signed AuthnRequest under the profile. Raises ``SamlError``
    (``saml.*``) or another ``VerificationError``."""

def verify_saml_request_redirect(
    query: str,
    trust: IssuerTrust,
    *,
    destination: str | None = None,
    now: datetime | None = None,
    profile: str = "generic",
    allow_sha1: bool = False,
    min_rsa_bits: int = 2048,
    skew: int = 180,
    max_age: int = 600,
) -> VerifiedAuthnRequest:
    """Verifies an AuthnRequest from the HTTP-Redirect binding's query string (its
    query signature, then the request)."""

def decode_post_binding(value: bytes, relay_state: str | None = None) -> bytes:
    """Decodes the HTTP-POST form value (base64) into the message XML. Raises
    ``SamlError`` (``saml.binding``)."""

@final
class VerifiedMetadata:
    """Verified SAML metadata: what the document element says about itself, who signed
    it, and its entities. Returned by ``verify_metadata``, ``verify_metadata_file`` and
    ``MetadataStreamVerifier.finish``; the same values whichever path verified it.
    ``find_entity`` and ``read_entities`` read the verified document, which only a result
    of ``verify_metadata`` holds."""

    @property
    def root(self) -> str:
        """``"EntitiesDescriptor"`` or ``"EntityDescriptor"``."""
    @property
    def id(self) -> str | None: ...
    @property
    def name(self) -> str | None:
        """``Name`` of an aggregate."""
    @property
    def entity_id(self) -> str | None:
        """``entityID`` of a single ``EntityDescriptor``."""
    @property
    def valid_until(self) -> datetime | None: ...
    @property
    def cache_duration(self) -> timedelta | None:
        """``cacheDuration`` without its months; ``None`` when absent."""
    @property
    def cache_duration_months(self) -> int:
        """The months part of ``cacheDuration`` (years times 12 plus months)."""
    @property
    def expires(self) -> datetime | None:
        """The earlier of ``validUntil`` and the verification time plus ``cacheDuration``."""
    @property
    def publisher(self) -> str | None: ...
    @property
    def creation_instant(self) -> datetime | None: ...
    @property
    def entities(self) -> int:
        """``EntityDescriptor`` elements at any depth."""
    @property
    def groups(self) -> list[str]:
        """The ``Name`` of each ``EntitiesDescriptor`` child of the document element."""
    @property
    def etoegang_version(self) -> str | None: ...
    @property
    def etoegang_environment(self) -> str | None:
        """``"P"`` (production) or ``"A"`` (acceptance)."""
    @property
    def etoegang_sequence(self) -> int | None:
        """The publication sequence number: a newer aggregate has a higher one."""
    @property
    def streamed(self) -> bool:
        """Whether the streaming path verified the document."""
    @property
    def nested_signatures(self) -> int:
        """Signatures on inner elements: counted, not checked."""
    @property
    def signer_sha256(self) -> str | None: ...
    @property
    def signer_subject(self) -> str | None: ...
    @property
    def signer_key(self) -> str: ...
    @property
    def pinned(self) -> bool: ...
    @property
    def signature_algorithm(self) -> str: ...
    @property
    def canonicalization(self) -> str: ...
    @property
    def references(self) -> list[Reference]: ...
    @property
    def legacy_algorithms(self) -> list[str]: ...
    @property
    def chain(self) -> list[tuple[str, str]]: ...
    @property
    def verified_at(self) -> datetime: ...
    def entity_ids(self) -> list[tuple[str, str | None]]:
        """``(entity_id, group)`` for each entity of the verified document, in document
        order, as the verifying parser met them; works after every verification path."""
    def find_entity(self, entity_id: str) -> MetadataEntity | None:
        """Finds and reads the entity ``entity_id`` of the verified document; ``None`` when
        no entity has it. Raises ``MetadataError``: ``metadata.not_held`` after
        ``verify_metadata_file`` or ``MetadataStreamVerifier`` (the document is not held),
        ``metadata.malformed`` for an ``entityID`` carried twice."""
    def read_entities(self) -> list[MetadataEntity]:
        """Reads every entity of the verified document, in document order. Raises
        ``MetadataError`` (``metadata.not_held``) as ``find_entity``."""

def verify_metadata(
    xml: bytes,
    store: TrustStore,
    *,
    now: datetime | None = None,
    profile: str = "generic",
    allow_sha1: bool = False,
    min_rsa_bits: int = 2048,
) -> VerifiedMetadata:
    """Verifies signed SAML metadata (``profile`` ``"generic"`` or ``"etoegang"``); streams
    documents above 4 MiB. Raises ``MetadataError`` (``metadata.*``) or another
    ``VerificationError``."""

def verify_metadata_file(
    path: str | os.PathLike[str],
    store: TrustStore,
    *,
    now: datetime | None = None,
    profile: str = "generic",
    allow_sha1: bool = False,
    min_rsa_bits: int = 2048,
) -> VerifiedMetadata:
    """Verifies the metadata in the file at ``path``, streamed in pieces (never loaded
    whole). Raises as ``verify_metadata``, and ``OSError`` when the file cannot be read."""

@final
class MetadataStreamVerifier:
    """Verifies SAML metadata fed in pieces: ``feed`` each, then ``finish``. Memory stays
    flat however large the document."""

    def __new__(
        cls,
        store: TrustStore,
        *,
        now: datetime | None = None,
        profile: str = "generic",
        allow_sha1: bool = False,
        min_rsa_bits: int = 2048,
    ) -> MetadataStreamVerifier:
        """A verifier for metadata signed by a key of ``store`` (copied)."""
    def feed(self, chunk: bytes) -> None:
        """Reads the next piece of the document."""
    def finish(self) -> VerifiedMetadata:
        """Ends the document and returns the result."""

@final
class MetadataEndpoint:
    """A protocol endpoint of one role of an entity."""

    @property
    def role(self) -> str:
        """The role descriptor holding it, e.g. ``"IDPSSODescriptor"``."""
    @property
    def kind(self) -> str:
        """The endpoint element, e.g. ``"SingleSignOnService"``."""
    @property
    def binding(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def index(self) -> int | None: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class MetadataEntity:
    """What one ``EntityDescriptor`` of verified metadata says. Returned by
    ``VerifiedMetadata.find_entity`` and ``VerifiedMetadata.read_entities``."""

    @property
    def entity_id(self) -> str: ...
    @property
    def roles(self) -> list[str]:
        """The local names of its role descriptors, in document order."""
    @property
    def signing_certificates(self) -> list[bytes]:
        """DER certificates of ``KeyDescriptor`` elements for signing (or without ``use``)."""
    @property
    def encryption_certificates(self) -> list[bytes]:
        """DER certificates of ``KeyDescriptor`` elements for encryption (or without ``use``)."""
    @property
    def endpoints(self) -> list[MetadataEndpoint]: ...
    @property
    def display_names(self) -> list[tuple[str, str]]:
        """``mdui:DisplayName`` values as ``(lang, text)``."""
    @property
    def entity_categories(self) -> list[str]: ...
    @property
    def organization_name(self) -> str | None: ...
    @property
    def contact_emails(self) -> list[str]: ...
    @property
    def group(self) -> str | None:
        """``Name`` of the enclosing ``EntitiesDescriptor``."""
    @property
    def etoegang_role(self) -> str | None:
        """``"AD"``, ``"MR"``, ``"KR"``, ``"EB"``, ``"HM"`` or ``"DV"`` from its eToegang
        role group; ``None`` outside those groups."""
    @property
    def offered_for_ad_selection(self) -> bool:
        """Whether users may choose it as authentication service (``"AD"`` entities only)."""
    def acts_as(self, role: str) -> bool:
        """Whether it may be treated as ``role`` (an abbreviation) when a message is
        validated: the eIDAS-berichtenservice (``"EB"``) also acts as ``"AD"`` and
        ``"MR"``. Raises ``ValueError`` for an unknown abbreviation."""

def metadata_issuer_trust(
    xml: bytes,
    store: TrustStore,
    *,
    role: str = "IDPSSODescriptor",
    now: datetime | None = None,
    profile: str = "generic",
    allow_sha1: bool = False,
    min_rsa_bits: int = 2048,
) -> IssuerTrust:
    """Verifies metadata (of any size) and returns an ``IssuerTrust`` pinning the signing
    keys of each entity with ``role`` for its ``entityID``. Raises as ``verify_metadata``,
    and ``MetadataError`` (``metadata.malformed``) for an ``entityID`` carried twice."""

@final
class VerifiedOcspResponse:
    """A verified OCSP response about one certificate. Returned by
    ``verify_ocsp_response``."""

    @property
    def status(self) -> str:
        """``"good"``, ``"revoked"`` or ``"unknown"``."""
    @property
    def revocation_reason(self) -> str | None:
        """For ``"revoked"``: the RFC 5280 reason name (``"keyCompromise"``) or ``None``."""
    @property
    def responder_subject(self) -> str: ...
    @property
    def responder_sha256(self) -> str: ...
    @property
    def delegated(self) -> bool:
        """Whether a delegated responder signed, not the CA itself."""
    @property
    def signature_algorithm(self) -> str: ...
    @property
    def cert_id_hash(self) -> str: ...
    @property
    def this_update(self) -> datetime: ...
    @property
    def next_update(self) -> datetime | None: ...
    @property
    def revocation_time(self) -> datetime | None: ...
    @property
    def verified_at(self) -> datetime: ...

def verify_ocsp_response(
    response: bytes,
    issuer: bytes,
    cert: bytes,
    *,
    nonce: bytes | None = None,
    now: datetime | None = None,
    allow_sha1: bool = False,
    require_good: bool = True,
) -> VerifiedOcspResponse:
    """Verifies a DER OCSP response about ``cert`` (PEM or DER), issued by the CA
    ``issuer``: signed by the CA or a responder it authorised, about ``cert``, current at
    ``now``, echoing ``nonce``. Raises ``OcspError`` (``ocsp.*``, including
    ``ocsp.status_revoked`` and ``ocsp.status_unknown`` unless ``require_good=False``) or
    another ``VerificationError``."""
