"""Exceptions raised by trustmeta.

Every failure of verification, and of loading trust anchors, raises a
:class:`VerificationError` (a :class:`ValueError`) whose ``.code`` is the stable error
code of the trustmeta core, e.g. ``"dsig.digest_mismatch"``. Codes are never renamed or
reused; ``trustmeta.ERROR_CODES`` lists them all.

The subclass says what kind of failure it is, derived from the code's layer:

=========================  ===========================================================
class                      codes
=========================  ===========================================================
``MalformedDocument``      ``xml.*``: not acceptable XML, a DOCTYPE, an attribute given
                           twice, an encoding or XML version refused, a limit exceeded
``MalformedSignature``     other ``dsig.*``: missing, duplicate or ill-formed signature,
                           references that do not resolve or point at the wrong element,
                           a ``ds:Object`` the document's profile has no use for
``UnsupportedAlgorithm``   ``dsig.unsupported_*``, ``dsig.algorithm_refused``,
                           ``crypto.unsupported_*``, ``crypto.weak_key``
``InvalidSignature``       ``dsig.digest_mismatch`` and other ``crypto.*``: the content
                           or the signature value does not verify
``UntrustedSigner``        ``pki.*``: no trusted key or path, an expired certificate,
                           or unusable trust anchors
``SmpError``               ``smp.*``: an SMP record that is not SMP or breaks its
                           signature profile, answers another question (a replay),
                           lacks the process or transport profile asked for, has no
                           active endpoint; a malformed identifier
``EmrexError``             ``emrex.*``: an EMREG list that is not JSON or not an EMREG
                           list, an ``elmo`` field that does not decode, an ELMO file
                           outside the EMREX signature profile or naming no learner,
                           an NCP not in the list, an unknown ``returnCode``
``TslError``               ``tsl.*``: a trusted list that is not one, a signature
                           outside the trusted-list XAdES profile or naming another
                           signing certificate, a list that is not current or is
                           malformed, a list with no OpenNCP mapping
``SamlError``              ``saml.*``: a SAML response or AuthnRequest refused by the
                           SAML profile (a signature out of place, an unknown issuer
                           or an Issuer of another format, a non-success status,
                           conditions — missing audience, an empty time window, a
                           condition not understood —, audience, recipient, a
                           replayed assertion), a bad binding encoding
``ReplayCacheUnavailable`` ``saml.replay_cache_unavailable`` (a ``SamlError``): the
                           replay cache could not answer, so the response was refused
                           unchecked; retry once the cache is back (an HTTP 503, not
                           a 403)
``MetadataError``          ``metadata.*``: SAML metadata that is not metadata, is past
                           its ``validUntil``, breaks the eToegang profile, has a value
                           not of its type, an entity that cannot be looked up, or a
                           lookup in a streamed result that does not hold the document
``OcspError``              ``ocsp.*``: an OCSP response that is malformed, not signed
                           by the CA or a responder it authorised, about another
                           certificate, not current, without the nonce sent, or that
                           says revoked or unknown
``DecryptionError``        ``xmlenc.*``: encrypted content the relying party's keys do
                           not decrypt (one code for every way it fails), an
                           algorithm refused (RSA 1.5, legacy content encryption
                           without the switch) or not supported, no key for the
                           recipient named, a key that cannot be read or used
``LookupFailed``           ``lookup.*``: an SMP lookup found the participant not
                           registered or without a service for the document, or could
                           not reach DNS or the SMP
``VerificationError``      anything else (``time.*``)
=========================  ===========================================================

``trustmeta.ERROR_CLASSES`` maps every code to the class it raises.
"""

from __future__ import annotations

__all__ = [
    "VerificationError",
    "MalformedDocument",
    "MalformedSignature",
    "UnsupportedAlgorithm",
    "InvalidSignature",
    "UntrustedSigner",
    "SmpError",
    "EmrexError",
    "TslError",
    "SamlError",
    "ReplayCacheUnavailable",
    "MetadataError",
    "OcspError",
    "DecryptionError",
    "LookupFailed",
]


class VerificationError(ValueError):
    """The document did not verify (or the trust anchors could not be loaded).

    Attributes:
        code: the stable error code, e.g. ``"dsig.digest_mismatch"``; one of the keys
            of ``trustmeta.ERROR_CODES``.
        message: a sentence saying what was wrong and what to do.
    """

    code: str
    message: str

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code, message)
        self.code = code
        self.message = message

    @property
    def number(self) -> int:
        """The numeric form of ``code`` (as returned by the C API), e.g. ``211``."""
        from ._trustmeta import ERROR_CODES

        return ERROR_CODES[self.code]

    def __str__(self) -> str:
        return f"{self.message} ({self.code})"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"


class MalformedDocument(VerificationError):
    """The input is not acceptable XML: not UTF-8 or declaring another encoding
    (``xml.encoding_refused``) or an XML version other than 1.0 (``xml.version_refused``),
    not well-formed, a DOCTYPE or entity, a duplicate ID, an attribute given twice in any
    spelling — two ``xmlns`` on one element too — (``xml.duplicate_attribute``), or a
    size, depth, attribute, name, tag, text or node limit exceeded (codes ``xml.*``)."""


class MalformedSignature(VerificationError):
    """The ``ds:Signature`` is missing, repeated or ill-formed, its references do not
    resolve to the element they must cover, or it carries a ``ds:Object`` that the
    document's profile has no use for (``dsig.object_refused``: nothing inside a
    signature is read as content), or a reference covers a ``ds:Manifest`` where the
    profile expects none (``dsig.manifest_refused``) — the ``dsig.*`` codes other than
    algorithm refusals, digest mismatches and ``dsig.no_matching_key``."""


class UnsupportedAlgorithm(VerificationError):
    """An algorithm, transform, reference form or key the library does not support or
    the policy refuses: SHA-1 without ``allow_sha1=True``, RSA under ``min_rsa_bits``,
    HMAC, XPath, XSLT, MD5 anywhere in the certificate chain… (codes
    ``dsig.unsupported_*``, ``dsig.algorithm_refused``, ``crypto.unsupported_*``,
    ``crypto.weak_key``)."""


class InvalidSignature(VerificationError):
    """The signed content was changed (``dsig.digest_mismatch``), the signature value
    does not verify with the trusted key the document names (``crypto.bad_signature``),
    or the value is not a signature of its method at all (``crypto.malformed_signature``:
    a DER-encoded or over-padded ECDSA value, for instance)."""


class UntrustedSigner(VerificationError):
    """The signer is not trusted: no trusted key is the one the document names
    (``dsig.no_matching_key``, which says what was looked for), no valid path reaches a
    trusted anchor, a certificate on the path is expired, not yet valid, revoked
    (``pki.revoked``, by a CRL or OCSP evidence) or may not sign, a CRL is stale or
    unusable (``pki.crl_*``), or the trust anchors themselves could not be loaded (codes
    ``pki.*``)."""


class SmpError(VerificationError):
    """An SMP record was refused by the SMP profile (codes ``smp.*``): it is not an SMP
    document or its signature is not the root-level one the profile requires
    (``smp.unknown_document``, ``smp.signature_profile``), it answers another question —
    a replayed or misrouted record (``smp.participant_mismatch``,
    ``smp.document_mismatch``) —, it lists neither the process nor the transport profile
    asked for (``smp.process_mismatch``, ``smp.transport_profile_not_found``), every
    matching endpoint is outside its dates (``smp.no_active_endpoint``), or an identifier
    is not ``scheme::value`` (``smp.bad_identifier``)."""


class EmrexError(VerificationError):
    """EMREX input was refused by the EMREX profile (codes ``emrex.*``): the EMREG list is
    not JSON, too large or deep, or not an EMREG list (``emrex.json_malformed``,
    ``emrex.json_limit``, ``emrex.emreg_malformed``), the ``elmo`` form field is not
    base64 or not valid gzip or decodes to more than the cap (``emrex.bad_base64``,
    ``emrex.gzip_malformed``, ``emrex.decompressed_too_large``), the file is not an ELMO
    file, its signature is not the root-level one the profile requires, or it names no
    learner (``emrex.unknown_document``, ``emrex.signature_profile``,
    ``emrex.missing_learner``), the ``returnCode`` is unknown (``emrex.bad_return_code``),
    the list has no NCP with the acronym asked for (``emrex.ncp_not_found``), or two of
    its NCPs share an acronym or two countries a code (``emrex.duplicate_key``)."""


class TslError(VerificationError):
    """An ETSI trusted list was refused by the trusted-list profile (codes ``tsl.*``): the
    document is not a ``TrustServiceStatusList`` (``tsl.unknown_document``), its signature
    is not the one enveloped XAdES signature covering the list and its SignedProperties
    (``tsl.signature_profile``), the signed ``SigningCertificate`` names another
    certificate than the one that verified it (``tsl.signing_certificate_mismatch``), the
    ``SignedProperties`` Reference is not typed as such or the list's is
    (``tsl.signed_properties_type``), the XAdES ``SigningTime`` is missing
    (``tsl.signing_time_missing``) or after ``now`` or the list's ``NextUpdate``
    (``tsl.signing_time_invalid``), it is past its ``NextUpdate``, closed or not yet
    issued (``tsl.expired``), a required
    element is missing or a value is not of its type (``tsl.malformed``), or it is not an
    OpenNCP NCP configuration list and so has no SMP mapping (``tsl.not_openncp``)."""


class SamlError(VerificationError):
    """A SAML message was refused by the SAML profile (codes ``saml.*``): it is not the
    message expected or is malformed — a time without a zone, say —
    (``saml.unknown_document``, ``saml.malformed``), a signature is out of place, does not
    cover exactly its parent — signature wrapping — or carries a ``ds:Object``
    (``saml.signature_profile``), a required signature is missing (``saml.unsigned``), no
    trust is configured for its issuer or the Response and Assertion issuers differ
    (``saml.unknown_issuer``, ``saml.issuer_mismatch``), an Issuer has a ``Format`` other
    than the entity format (``saml.issuer_format``), the identity provider answered
    with an error status (``saml.status``), the response does not carry exactly one
    assertion (``saml.assertion_count``), it is for another endpoint, request, time or
    audience (``saml.destination_mismatch``, ``saml.in_response_to_mismatch``,
    ``saml.not_yet_valid``, ``saml.expired``, ``saml.audience_mismatch``,
    ``saml.subject_confirmation``), a bearer assertion names no audience
    (``saml.audience_missing``), its Conditions give a time window no instant is in
    (``saml.invalid_time_window``) or a condition not understood
    (``saml.unknown_condition``), the assertion was already used (``saml.replay``), it
    is encrypted (``saml.encrypted_unsupported``), it has no AuthnStatement
    (``saml.missing_authn_statement``), an AuthnRequest breaks the STORK/eIDAS rules
    (``saml.request_profile``), or a binding's encoding is wrong (``saml.binding``).
    When the replay cache cannot answer, the subclass :class:`ReplayCacheUnavailable` is
    raised (``saml.replay_cache_unavailable``)."""


class ReplayCacheUnavailable(SamlError):
    """The replay cache could not say whether the assertion was used before — its
    Redis or Valkey server unreachable or timing out, a custom cache's
    ``check_and_insert`` that raised or returned something other than a bool — so the
    response was refused rather than accepted without its replay check (code
    ``saml.replay_cache_unavailable``). Nothing is wrong with the response itself: the
    user may retry once the cache is back, so answer it as a temporary failure."""


class MetadataError(VerificationError):
    """SAML metadata was refused (codes ``metadata.*``): the document element is not an
    ``EntitiesDescriptor`` or ``EntityDescriptor`` (``metadata.unknown_document``), it is
    past its ``validUntil`` (``metadata.expired``), it breaks the eToegang aggregate's
    rules — ``Name``, ``cacheDuration``, ``PublicationInfo``, the role groups —
    (``metadata.profile``), a value is not of its type, an entity cannot be delimited
    or its ``entityID`` is carried twice (``metadata.malformed``), or an entity is looked
    up in the result of a streamed verification, which does not hold the document
    (``metadata.not_held``)."""


class OcspError(VerificationError):
    """An OCSP response (RFC 6960) was refused, or says the certificate is not good
    (codes ``ocsp.*``): it is not a DER OCSP response or the responder answered an error
    status (``ocsp.malformed``, ``ocsp.not_successful``, ``ocsp.unsupported_*``), it is
    signed with SHA-1 without ``allow_sha1=True`` (``ocsp.algorithm_refused``), neither the
    CA nor a responder certificate it issued with the OCSP-signing EKU signed it
    (``ocsp.responder_not_authorized``), it is about another certificate or the issuer
    given did not issue the certificate (``ocsp.cert_id_mismatch``, ``ocsp.wrong_issuer``),
    it answers more than once about the certificate (``ocsp.duplicate_response``),
    it is not current (``ocsp.stale``, ``ocsp.not_yet_valid``), it does not echo the nonce
    sent (``ocsp.nonce_mismatch``), or it says the certificate is revoked or unknown
    (``ocsp.status_revoked``, ``ocsp.status_unknown``)."""


class DecryptionError(VerificationError):
    """Encrypted content was not decrypted (codes ``xmlenc.*``): the relying party's keys
    do not decrypt it — wrong key, bad padding, bad tag, bad key wrap or a plaintext that
    is not what was encrypted, deliberately one code (``xmlenc.decryption_failed``) —, RSA
    PKCS#1 v1.5 key transport (``xmlenc.rsa_1_5_refused``), CBC or Triple-DES content
    without ``allow_legacy_encryption=True`` (``xmlenc.legacy_content_encryption``), an
    algorithm not supported (``xmlenc.unsupported_algorithm``), no key for the recipient
    the message names (``xmlenc.no_matching_key``), broken encryption markup
    (``xmlenc.malformed``), a plaintext over the limit (``xmlenc.plaintext_too_large``), a
    key store that cannot be used (``xmlenc.key_unavailable``) or a key that cannot be
    read (``xmlenc.bad_key``)."""


class LookupFailed(VerificationError):
    """An SMP lookup ended without a record to verify (codes ``lookup.*``): the participant
    is not registered in the zone (``lookup.not_registered``), the SMP has no record for
    the document type (``lookup.no_service``), or DNS (``lookup.dns_failure``) or HTTP
    (``lookup.http_failure``) failed — those two may pass on a retry. A record that was
    fetched and refused raises the class of its own code instead."""
