# Generated from the table (table/src/records.rs, table/src/ops.rs) by `cargo run -p trustmeta-table --bin generate`; do not edit.
"""The operations: one function per operation of the table, with its arguments'
names, defaults and docs. Each checks and converts its arguments in the native
``_call``, which runs the operation without the GIL."""

from __future__ import annotations

from datetime import datetime

from ._records import (
    ExtensionSignature,
    UnverifiedAssertion,
    VerifiedAuthnRequest,
    VerifiedDocument,
    VerifiedElmo,
    VerifiedMetadata,
    VerifiedOcspResponse,
    VerifiedSamlResponse,
    VerifiedServiceGroup,
    VerifiedServiceMetadata,
    VerifiedTsl,
)
from ._trustmeta import (
    DecryptionKeys,
    Emreg,
    IssuerTrust,
    MetadataStreamVerifier,
    RedisReplayCache,
    ReplayCache,
    TrustStore,
    _call,
)
from ._replay import ReplayCacheProtocol
from ._types import (
    Buffer,
    MetadataProfileName,
    SamlProfileName,
    SignedPartsName,
    TrustRoleName,
)

__all__ = [
    "decode_elmo_field",
    "decode_post_binding",
    "decrypt_saml_assertion",
    "metadata_issuer_trust",
    "metadata_stream",
    "parse_return_code",
    "smp_name",
    "verify",
    "verify_elmo",
    "verify_metadata",
    "verify_ocsp_response",
    "verify_saml_request",
    "verify_saml_request_redirect",
    "verify_saml_response",
    "verify_service_group",
    "verify_smp",
    "verify_smp_extension_signatures",
    "verify_smp_redirect",
    "verify_tsl",
]


def verify(
    xml: Buffer,
    store: TrustStore,
    *,
    now: datetime | None = None,
    allow_sha1: bool = False,
    allow_stale_crl: bool = False,
    min_rsa_bits: int = 2048,
) -> VerifiedDocument:
    """Verifies the one XML signature in ``xml`` against the anchors in ``store``: every
    Reference same-document with a matching digest, the SignatureValue verified under a
    key the store trusts, directly or through a certificate path valid at ``now``.

    Arguments:
        xml: The signed document.
        store: The trusted certificates and keys.
        now: The verification time; the system clock when absent.
        allow_sha1: Accept SHA-1 signatures and digests (legacy documents).
        allow_stale_crl: Accept a certificate path whose CRL is past its nextUpdate
            (revocation status then unknown).
        min_rsa_bits: The smallest RSA key accepted, in bits.

    Returns a ``VerifiedDocument``.

    Raises:
        VerificationError: a subclass whose ``.code`` is the stable error code;
            besides the generic ones, ``xml.*``, ``dsig.*``, ``crypto.*``, ``pki.*``.
        TypeError: an argument of the wrong type.
        ValueError: an argument value it does not take.
    """
    result: VerifiedDocument = _call(
        "verify",
        xml,
        store,
        now,
        allow_sha1,
        allow_stale_crl,
        min_rsa_bits,
    )
    return result


def verify_smp(
    xml: Buffer,
    store: TrustStore,
    *,
    participant: str,
    document: str,
    process: str | None = None,
    transport_profile: str | None = None,
    now: datetime | None = None,
    allow_sha1: bool = False,
    allow_stale_crl: bool = False,
    min_rsa_bits: int = 2048,
    ap_store: TrustStore | None = None,
) -> VerifiedServiceMetadata:
    """Verifies a signed SMP ServiceMetadata record and checks that it answers the question
    (participant, document, optional process and transport profile). With ``ap_store``,
    each active endpoint's certificate is checked against the access-point anchors as
    well, and reported, not raised.

    Arguments:
        xml: The ServiceMetadata record.
        store: The SMP signers' anchors.
        participant: The participant looked up, ``scheme::value``.
        document: The document type looked up, ``scheme::value``.
        process: The process the record must list, ``scheme::value``; any when
            absent.
        transport_profile: Only endpoints of this transport profile are returned;
            all when absent.
        now: The verification time; the system clock when absent.
        allow_sha1: Accept SHA-1 signatures and digests (legacy documents).
        allow_stale_crl: Accept a certificate path whose CRL is past its nextUpdate
            (revocation status then unknown).
        min_rsa_bits: The smallest RSA key accepted, in bits.
        ap_store: Access-point anchors to check each endpoint's certificate against.

    Returns a ``VerifiedServiceMetadata``.

    Raises:
        VerificationError: a subclass whose ``.code`` is the stable error code;
            besides the generic ones, ``smp.*``.
        TypeError: an argument of the wrong type.
        ValueError: an argument value it does not take.
    """
    result: VerifiedServiceMetadata = _call(
        "verify_smp",
        xml,
        store,
        participant,
        document,
        process,
        transport_profile,
        now,
        allow_sha1,
        allow_stale_crl,
        min_rsa_bits,
        ap_store,
    )
    return result


def verify_smp_redirect(
    first: Buffer,
    target: Buffer,
    store: TrustStore,
    *,
    participant: str,
    document: str,
    process: str | None = None,
    transport_profile: str | None = None,
    now: datetime | None = None,
    allow_sha1: bool = False,
    allow_stale_crl: bool = False,
    min_rsa_bits: int = 2048,
) -> VerifiedServiceMetadata:
    """Verifies the redirecting record ``first`` (it must give a redirect) and the record
    ``target`` fetched from its href, for the same question, and checks that the
    target's signer is the one the redirect names. Returns the target's result.

    Arguments:
        first: The record that redirects.
        target: The record fetched from the redirect's href.
        store: The SMP signers' anchors.
        participant: The participant looked up, ``scheme::value``.
        document: The document type looked up, ``scheme::value``.
        process: The process the record must list, ``scheme::value``; any when
            absent.
        transport_profile: Only endpoints of this transport profile are returned;
            all when absent.
        now: The verification time; the system clock when absent.
        allow_sha1: Accept SHA-1 signatures and digests (legacy documents).
        allow_stale_crl: Accept a certificate path whose CRL is past its nextUpdate
            (revocation status then unknown).
        min_rsa_bits: The smallest RSA key accepted, in bits.

    Returns a ``VerifiedServiceMetadata``.

    Raises:
        VerificationError: a subclass whose ``.code`` is the stable error code;
            besides the generic ones, ``smp.redirect_signer_mismatch``,
            ``smp.double_redirect``, ``smp.*``.
        TypeError: an argument of the wrong type.
        ValueError: an argument value it does not take.
    """
    result: VerifiedServiceMetadata = _call(
        "verify_smp_redirect",
        first,
        target,
        store,
        participant,
        document,
        process,
        transport_profile,
        now,
        allow_sha1,
        allow_stale_crl,
        min_rsa_bits,
    )
    return result


def verify_service_group(
    xml: Buffer,
    store: TrustStore,
    *,
    participant: str,
    allow_unsigned: bool = False,
    now: datetime | None = None,
    allow_sha1: bool = False,
    allow_stale_crl: bool = False,
    min_rsa_bits: int = 2048,
) -> VerifiedServiceGroup:
    """Verifies an SMP ServiceGroup for ``participant``. An unsigned group is refused
    (``dsig.missing_signature``) unless ``allow_unsigned``; another participant's group
    is ``smp.participant_mismatch``.

    Arguments:
        xml: The ServiceGroup.
        store: The SMP signers' anchors.
        participant: The participant looked up, ``scheme::value``.
        allow_unsigned: Accept an unsigned group: it then proves nothing about who
            published it.
        now: The verification time; the system clock when absent.
        allow_sha1: Accept SHA-1 signatures and digests (legacy documents).
        allow_stale_crl: Accept a certificate path whose CRL is past its nextUpdate
            (revocation status then unknown).
        min_rsa_bits: The smallest RSA key accepted, in bits.

    Returns a ``VerifiedServiceGroup``.

    Raises:
        VerificationError: a subclass whose ``.code`` is the stable error code;
            besides the generic ones, ``dsig.missing_signature``, ``smp.*``.
        TypeError: an argument of the wrong type.
        ValueError: an argument value it does not take.
    """
    result: VerifiedServiceGroup = _call(
        "verify_service_group",
        xml,
        store,
        participant,
        allow_unsigned,
        now,
        allow_sha1,
        allow_stale_crl,
        min_rsa_bits,
    )
    return result


def verify_smp_extension_signatures(
    xml: Buffer,
    store: TrustStore,
    *,
    now: datetime | None = None,
    allow_sha1: bool = False,
    allow_stale_crl: bool = False,
    min_rsa_bits: int = 2048,
) -> list[ExtensionSignature]:
    """Verifies every signature inside an ``Extension`` of an SMP record (the eHealth owner
    signature) against the owners' anchors in ``store``, over the ``ServiceMetadata``
    document the owner signed before the SMP wrapped it in ``SignedServiceMetadata``
    (docs/xml-profile.md).

    Arguments:
        xml: The ServiceMetadata record.
        store: The owners' anchors.
        now: The verification time; the system clock when absent.
        allow_sha1: Accept SHA-1 signatures and digests (legacy documents).
        allow_stale_crl: Accept a certificate path whose CRL is past its nextUpdate
            (revocation status then unknown).
        min_rsa_bits: The smallest RSA key accepted, in bits.

    Returns a list of ``ExtensionSignature``.

    Raises:
        VerificationError: a subclass whose ``.code`` is the stable error code;
            besides the generic ones, ``dsig.missing_signature``,
            ``smp.signature_profile``.
        TypeError: an argument of the wrong type.
        ValueError: an argument value it does not take.
    """
    result: list[ExtensionSignature] = _call(
        "verify_smp_extension_signatures",
        xml,
        store,
        now,
        allow_sha1,
        allow_stale_crl,
        min_rsa_bits,
    )
    return result


def smp_name(
    participant: str,
    zone: str,
    *,
    cname: bool = False,
) -> str:
    """The BDXL (NAPTR) name of ``participant`` in ``zone``, or with ``cname`` the PEPPOL
    SML CNAME.

    Arguments:
        participant: The participant, ``scheme::value``.
        zone: The SML or BDXL zone.
        cname: The PEPPOL SML CNAME instead of the BDXL name.

    Returns a ``str``.

    Raises:
        VerificationError: a subclass whose ``.code`` is the stable error code;
            besides the generic ones, ``smp.bad_identifier``.
        TypeError: an argument of the wrong type.
        ValueError: an argument value it does not take.
    """
    result: str = _call(
        "smp_name",
        participant,
        zone,
        cname,
    )
    return result


def verify_elmo(
    xml: Buffer,
    emreg: Emreg,
    *,
    ncp: str,
    now: datetime | None = None,
    allow_sha1: bool = False,
    allow_stale_crl: bool = False,
    min_rsa_bits: int = 2048,
) -> VerifiedElmo:
    """Verifies an ELMO file against the certificate the EMREG list gives for NCP ``ncp``,
    under the EMREX profile: one signature, a child of the root ``elmo``, one
    ``Reference URI=""``, only the enveloped transform.

    Arguments:
        xml: The ELMO file (for the ``elmo`` form field, first
            ``decode_elmo_field``).
        emreg: The EMREG list.
        ncp: The acronym of the NCP the learner was sent to.
        now: The verification time; the system clock when absent.
        allow_sha1: Accept SHA-1 signatures and digests (legacy documents).
        allow_stale_crl: Accept a certificate path whose CRL is past its nextUpdate
            (revocation status then unknown).
        min_rsa_bits: The smallest RSA key accepted, in bits.

    Returns a ``VerifiedElmo``.

    Raises:
        VerificationError: a subclass whose ``.code`` is the stable error code;
            besides the generic ones, ``emrex.*``.
        TypeError: an argument of the wrong type.
        ValueError: an argument value it does not take.
    """
    result: VerifiedElmo = _call(
        "verify_elmo",
        xml,
        emreg,
        ncp,
        now,
        allow_sha1,
        allow_stale_crl,
        min_rsa_bits,
    )
    return result


def decode_elmo_field(
    field: Buffer,
    *,
    max_elmo_bytes: int = 16777216,
) -> bytes:
    """Decodes the ``elmo`` form field (base64, then gunzip when gzip) into the ELMO XML,
    capping the decoded size while inflating.

    Arguments:
        field: The form field's value.
        max_elmo_bytes: The largest decoded ELMO accepted, in bytes.

    Returns ``bytes``.

    Raises:
        VerificationError: a subclass whose ``.code`` is the stable error code;
            besides the generic ones, ``emrex.bad_base64``, ``emrex.gzip_malformed``,
            ``emrex.decompressed_too_large``.
        TypeError: an argument of the wrong type.
        ValueError: an argument value it does not take.
    """
    result: bytes = _call(
        "decode_elmo_field",
        field,
        max_elmo_bytes,
    )
    return result


def parse_return_code(
    value: str,
) -> str:
    """``OK``, ``NO_RESULTS``, ``CANCEL`` or ``ERROR`` for an ``NCP_*``/``EMP_*``
    ``returnCode``.

    Arguments:
        value: The ``returnCode`` form field.

    Returns a ``str``.

    Raises:
        VerificationError: a subclass whose ``.code`` is the stable error code;
            besides the generic ones, ``emrex.bad_return_code``.
        TypeError: an argument of the wrong type.
        ValueError: an argument value it does not take.
    """
    result: str = _call(
        "parse_return_code",
        value,
    )
    return result


def verify_tsl(
    xml: Buffer,
    store: TrustStore,
    *,
    now: datetime | None = None,
    allow_sha1: bool = False,
    allow_stale_crl: bool = False,
    min_rsa_bits: int = 2048,
) -> VerifiedTsl:
    """Verifies a signed ETSI trusted list against ``store`` under the trusted-list XAdES
    profile.

    Arguments:
        xml: The trusted list.
        store: The certificates allowed to sign it.
        now: The verification time; the system clock when absent.
        allow_sha1: Accept SHA-1 signatures and digests (legacy documents).
        allow_stale_crl: Accept a certificate path whose CRL is past its nextUpdate
            (revocation status then unknown).
        min_rsa_bits: The smallest RSA key accepted, in bits.

    Returns a ``VerifiedTsl``.

    Raises:
        VerificationError: a subclass whose ``.code`` is the stable error code;
            besides the generic ones, ``tsl.*``.
        TypeError: an argument of the wrong type.
        ValueError: an argument value it does not take.
    """
    result: VerifiedTsl = _call(
        "verify_tsl",
        xml,
        store,
        now,
        allow_sha1,
        allow_stale_crl,
        min_rsa_bits,
    )
    return result


def verify_metadata(
    xml: Buffer,
    store: TrustStore,
    *,
    now: datetime | None = None,
    allow_sha1: bool = False,
    allow_stale_crl: bool = False,
    min_rsa_bits: int = 2048,
    profile: MetadataProfileName = "generic",
) -> VerifiedMetadata:
    """Verifies signed SAML metadata; documents above 4 MiB are streamed.

    Arguments:
        xml: The metadata.
        store: The federation's signing keys.
        now: The verification time; the system clock when absent.
        allow_sha1: Accept SHA-1 signatures and digests (legacy documents).
        allow_stale_crl: Accept a certificate path whose CRL is past its nextUpdate
            (revocation status then unknown).
        min_rsa_bits: The smallest RSA key accepted, in bits.
        profile: The profile: ``etoegang`` checks the eToegang aggregate's name,
            duration and groups.

    Returns a ``VerifiedMetadata``.

    Raises:
        VerificationError: a subclass whose ``.code`` is the stable error code;
            besides the generic ones, ``metadata.*``.
        TypeError: an argument of the wrong type.
        ValueError: an argument value it does not take.
    """
    result: VerifiedMetadata = _call(
        "verify_metadata",
        xml,
        store,
        now,
        allow_sha1,
        allow_stale_crl,
        min_rsa_bits,
        profile,
    )
    return result


def metadata_stream(
    store: TrustStore,
    *,
    now: datetime | None = None,
    allow_sha1: bool = False,
    allow_stale_crl: bool = False,
    min_rsa_bits: int = 2048,
    profile: MetadataProfileName = "generic",
) -> MetadataStreamVerifier:
    """A verifier of SAML metadata fed in pieces: memory stays flat however large the
    document. It owns a copy of ``store``.

    Arguments:
        store: The federation's signing keys.
        now: The verification time; the system clock when absent.
        allow_sha1: Accept SHA-1 signatures and digests (legacy documents).
        allow_stale_crl: Accept a certificate path whose CRL is past its nextUpdate
            (revocation status then unknown).
        min_rsa_bits: The smallest RSA key accepted, in bits.
        profile: As for ``verify_metadata``.

    Returns a ``MetadataStreamVerifier``.

    Raises:
        VerificationError: a subclass whose ``.code`` is the stable error code;
            besides the generic ones, ``metadata.*``.
        TypeError: an argument of the wrong type.
        ValueError: an argument value it does not take.
    """
    result: MetadataStreamVerifier = _call(
        "metadata_stream",
        store,
        now,
        allow_sha1,
        allow_stale_crl,
        min_rsa_bits,
        profile,
    )
    return result


def metadata_issuer_trust(
    xml: Buffer,
    store: TrustStore,
    *,
    role: TrustRoleName = "IDPSSODescriptor",
    now: datetime | None = None,
    allow_sha1: bool = False,
    allow_stale_crl: bool = False,
    min_rsa_bits: int = 2048,
    profile: MetadataProfileName = "generic",
) -> IssuerTrust:
    """Verifies metadata (of any size) and returns an issuer trust pinning the signing keys
    of each entity with ``role`` for its ``entityID``. An ``entityID`` carried twice by
    entities of the role is ``metadata.malformed``.

    Arguments:
        xml: The metadata.
        store: The federation's signing keys.
        role: The role descriptor whose entities are trusted.
        now: The verification time; the system clock when absent.
        allow_sha1: Accept SHA-1 signatures and digests (legacy documents).
        allow_stale_crl: Accept a certificate path whose CRL is past its nextUpdate
            (revocation status then unknown).
        min_rsa_bits: The smallest RSA key accepted, in bits.
        profile: As for ``verify_metadata``.

    Returns a ``IssuerTrust``.

    Raises:
        VerificationError: a subclass whose ``.code`` is the stable error code;
            besides the generic ones, ``metadata.*``.
        TypeError: an argument of the wrong type.
        ValueError: an argument value it does not take.
    """
    result: IssuerTrust = _call(
        "metadata_issuer_trust",
        xml,
        store,
        role,
        now,
        allow_sha1,
        allow_stale_crl,
        min_rsa_bits,
        profile,
    )
    return result


def verify_saml_response(
    xml: Buffer,
    trust: IssuerTrust,
    *,
    audience: str,
    acs: str,
    request_id: str | None = None,
    now: datetime | None = None,
    allow_sha1: bool = False,
    allow_stale_crl: bool = False,
    min_rsa_bits: int = 2048,
    profile: SamlProfileName = "generic",
    signed: SignedPartsName = "any",
    skew: int = 180,
    cache: ReplayCache | RedisReplayCache | ReplayCacheProtocol | None = None,
    decrypt_keys: DecryptionKeys | None = None,
    allow_legacy_encryption: bool = False,
) -> VerifiedSamlResponse:
    """Verifies a SAML Response against the trust of the issuer it names and this relying
    party's expectations, and returns only what a verified signature covered.

    Arguments:
        xml: The Response (for the HTTP-POST form value, first
            ``decode_post_binding``).
        trust: Which keys may sign for which issuer.
        audience: This relying party's entity ID, which the audience restriction
            must name.
        acs: This relying party's assertion consumer service URL: the expected
            ``Destination`` and bearer ``Recipient``.
        request_id: The ID of the AuthnRequest sent; only unsolicited responses are
            accepted when absent.
        now: The verification time; the system clock when absent.
        allow_sha1: Accept SHA-1 signatures and digests (legacy documents).
        allow_stale_crl: Accept a certificate path whose CRL is past its nextUpdate
            (revocation status then unknown).
        min_rsa_bits: The smallest RSA key accepted, in bits.
        profile: The profile: STORK and eIDAS raise the algorithm and key
            requirements whatever the other arguments say.
        signed: Which signatures are required: ``any`` (the Response or the
            Assertion), ``response``, ``assertion`` or ``both``.
        skew: Allowed clock difference, in seconds.
        cache: The relying party's replay cache: in memory, or (C, Python, CLI)
            shared by every worker of the relying party on Redis or your own store;
            without one a replayed assertion is not detected. A cache that cannot answer
            refuses the response (``saml.replay_cache_unavailable``).
        decrypt_keys: The relying party's decryption keys, for an
            ``EncryptedAssertion``, ``EncryptedID`` or ``EncryptedAttribute``; without
            them encrypted content is refused (``saml.encrypted_unsupported``). The
            recipient a message names only chooses among them.
        allow_legacy_encryption: Accept AES-CBC and Triple-DES content encryption,
            which authenticate nothing (the default of pysaml2 and samlify); the
            result's ``decrypted`` says what was used.

    Returns a ``VerifiedSamlResponse``.

    Raises:
        VerificationError: a subclass whose ``.code`` is the stable error code;
            besides the generic ones, ``saml.*``.
        TypeError: an argument of the wrong type.
        ValueError: an argument value it does not take.
    """
    result: VerifiedSamlResponse = _call(
        "verify_saml_response",
        xml,
        trust,
        audience,
        acs,
        request_id,
        now,
        allow_sha1,
        allow_stale_crl,
        min_rsa_bits,
        profile,
        signed,
        skew,
        cache,
        decrypt_keys,
        allow_legacy_encryption,
    )
    return result


def decrypt_saml_assertion(
    xml: Buffer,
    keys: DecryptionKeys,
    *,
    allow_legacy_encryption: bool = False,
) -> UnverifiedAssertion:
    """Decrypts the one ``EncryptedAssertion`` of a SAML Response and returns the
    assertion's bytes WITHOUT checking any signature: it answers whether the keys
    decrypt the message (as ``xmlsec1 --decrypt`` does), for setting a relying party up
    and for inspection. Nothing it returns is verified; ``verify_saml_response`` with
    ``decrypt_keys`` is how a response is consumed.

    Arguments:
        xml: The Response.
        keys: The relying party's decryption keys.
        allow_legacy_encryption: Accept AES-CBC and Triple-DES content encryption.

    Returns a ``UnverifiedAssertion``.

    Raises:
        VerificationError: a subclass whose ``.code`` is the stable error code;
            besides the generic ones, ``xmlenc.*``, ``saml.assertion_count``.
        TypeError: an argument of the wrong type.
        ValueError: an argument value it does not take.
    """
    result: UnverifiedAssertion = _call(
        "decrypt_saml_assertion",
        xml,
        keys,
        allow_legacy_encryption,
    )
    return result


def verify_saml_request(
    xml: Buffer,
    trust: IssuerTrust,
    *,
    destination: str | None = None,
    now: datetime | None = None,
    allow_sha1: bool = False,
    allow_stale_crl: bool = False,
    min_rsa_bits: int = 2048,
    profile: SamlProfileName = "generic",
    skew: int = 180,
    max_age: int = 600,
) -> VerifiedAuthnRequest:
    """Verifies a signed SAML AuthnRequest: one signature, a child of the request, with one
    Reference to its ID; the trust of the issuer it names; ``Destination``;
    ``IssueInstant`` no older than ``max_age``; and the STORK or eIDAS extensions.

    Arguments:
        xml: The AuthnRequest (for the HTTP-POST form value, first
            ``decode_post_binding``).
        trust: Which keys may sign for which issuer.
        destination: This endpoint's URL, which the request must name as its
            ``Destination``; not compared when absent.
        now: The verification time; the system clock when absent.
        allow_sha1: Accept SHA-1 signatures and digests (legacy documents).
        allow_stale_crl: Accept a certificate path whose CRL is past its nextUpdate
            (revocation status then unknown).
        min_rsa_bits: The smallest RSA key accepted, in bits.
        profile: The profile: STORK and eIDAS raise the algorithm and key
            requirements whatever the other arguments say.
        skew: Allowed clock difference, in seconds.
        max_age: How old ``IssueInstant`` may be, in seconds.

    Returns a ``VerifiedAuthnRequest``.

    Raises:
        VerificationError: a subclass whose ``.code`` is the stable error code;
            besides the generic ones, ``saml.*``.
        TypeError: an argument of the wrong type.
        ValueError: an argument value it does not take.
    """
    result: VerifiedAuthnRequest = _call(
        "verify_saml_request",
        xml,
        trust,
        destination,
        now,
        allow_sha1,
        allow_stale_crl,
        min_rsa_bits,
        profile,
        skew,
        max_age,
    )
    return result


def verify_saml_request_redirect(
    query: str,
    trust: IssuerTrust,
    *,
    destination: str | None = None,
    now: datetime | None = None,
    allow_sha1: bool = False,
    allow_stale_crl: bool = False,
    min_rsa_bits: int = 2048,
    profile: SamlProfileName = "generic",
    skew: int = 180,
    max_age: int = 600,
) -> VerifiedAuthnRequest:
    """Verifies an AuthnRequest that came over the HTTP-Redirect binding: the query
    string's signature, then the inflated request as ``verify_saml_request`` checks it,
    except that an XML signature inside it is refused.

    Arguments:
        query: The query string (with or without the leading ``?``), still
            URL-encoded.
        trust: Which keys may sign for which issuer.
        destination: This endpoint's URL, which the request must name as its
            ``Destination``; not compared when absent.
        now: The verification time; the system clock when absent.
        allow_sha1: Accept SHA-1 signatures and digests (legacy documents).
        allow_stale_crl: Accept a certificate path whose CRL is past its nextUpdate
            (revocation status then unknown).
        min_rsa_bits: The smallest RSA key accepted, in bits.
        profile: The profile: STORK and eIDAS raise the algorithm and key
            requirements whatever the other arguments say.
        skew: Allowed clock difference, in seconds.
        max_age: How old ``IssueInstant`` may be, in seconds.

    Returns a ``VerifiedAuthnRequest``.

    Raises:
        VerificationError: a subclass whose ``.code`` is the stable error code;
            besides the generic ones, ``saml.binding``, ``saml.*``.
        TypeError: an argument of the wrong type.
        ValueError: an argument value it does not take.
    """
    result: VerifiedAuthnRequest = _call(
        "verify_saml_request_redirect",
        query,
        trust,
        destination,
        now,
        allow_sha1,
        allow_stale_crl,
        min_rsa_bits,
        profile,
        skew,
        max_age,
    )
    return result


def decode_post_binding(
    value: Buffer,
    *,
    relay_state: str | None = None,
) -> bytes:
    """Decodes the HTTP-POST binding's ``SAMLResponse`` or ``SAMLRequest`` form value
    (base64, line breaks allowed) into the message XML, and checks the ``RelayState``
    that came with it.

    Arguments:
        value: The form value, URL-decoded.
        relay_state: The ``RelayState`` that came with it (at most 80 bytes).

    Returns ``bytes``.

    Raises:
        VerificationError: a subclass whose ``.code`` is the stable error code;
            besides the generic ones, ``saml.binding``.
        TypeError: an argument of the wrong type.
        ValueError: an argument value it does not take.
    """
    result: bytes = _call(
        "decode_post_binding",
        value,
        relay_state,
    )
    return result


def verify_ocsp_response(
    response: Buffer,
    issuer: Buffer,
    cert: Buffer,
    *,
    nonce: Buffer | None = None,
    now: datetime | None = None,
    allow_sha1: bool = False,
    require_good: bool = True,
) -> VerifiedOcspResponse:
    """Verifies a DER OCSP response about ``cert``, issued by the CA ``issuer``: signed by
    the CA or a responder it authorised, about ``cert``, current at ``now`` give or take
    five minutes, echoing ``nonce``.

    Arguments:
        response: The DER ``OCSPResponse`` as received.
        issuer: The issuing CA's certificate, PEM or DER.
        cert: The certificate asked about, PEM or DER.
        nonce: The nonce sent in the request, which the response must then echo.
        now: The verification time; the system clock when absent.
        allow_sha1: Accept a SHA-1 signature.
        require_good: Raise ``ocsp.status_revoked`` or ``ocsp.status_unknown``
            unless the status is good.

    Returns a ``VerifiedOcspResponse``.

    Raises:
        VerificationError: a subclass whose ``.code`` is the stable error code;
            besides the generic ones, ``ocsp.*``.
        TypeError: an argument of the wrong type.
        ValueError: an argument value it does not take.
    """
    result: VerifiedOcspResponse = _call(
        "verify_ocsp_response",
        response,
        issuer,
        cert,
        nonce,
        now,
        allow_sha1,
        require_good,
    )
    return result
