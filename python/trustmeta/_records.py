# Generated from the table (table/src/records.rs, table/src/ops.rs) by `cargo run -p trustmeta-table --bin generate`; do not edit.
"""The result records: one class per record of the table, read-only, compared and
hashed by value. Records are made by trustmeta, never by hand."""

from __future__ import annotations

from datetime import datetime
from collections.abc import Sequence
from typing import Any, ClassVar, Literal, NamedTuple

import base64
import binascii

from ._trustmeta import TrustStore


def _face(method: str, face: str) -> None:
    if face not in ("NCP-A", "NCP-B"):
        raise ValueError(f"{method}() argument 'face' must be \"NCP-A\" or \"NCP-B\", not {face!r}")


def _time(t: datetime) -> str:
    return t.isoformat().replace("+00:00", "Z")


__all__ = [
    "Certificate",
    "Contact",
    "Country",
    "DecryptedPart",
    "Duration",
    "Endpoint",
    "EntityRef",
    "EtoegangName",
    "ExtensionSignature",
    "FilteredEndpoint",
    "LangString",
    "Learner",
    "MetadataEndpoint",
    "MetadataEntity",
    "Ncp",
    "NcpChoice",
    "OpenNcpList",
    "OpenNcpService",
    "Redirect",
    "Reference",
    "RequestedAttribute",
    "SamlAttribute",
    "ServiceReference",
    "Signature",
    "SmpRecord",
    "TslPointer",
    "TslProvider",
    "TslService",
    "UnverifiedAssertion",
    "VerifiedAuthnRequest",
    "VerifiedDocument",
    "VerifiedElmo",
    "VerifiedMetadata",
    "VerifiedOcspResponse",
    "VerifiedSamlResponse",
    "VerifiedServiceGroup",
    "VerifiedServiceMetadata",
    "VerifiedTsl",
]


class _Record:
    """A result record: its values in field order, one read-only property each. The
    values are converted to Python as each is first read (a tuple after unpickling)."""

    __slots__ = ("_v",)
    _v: Sequence[Any]
    _fields: ClassVar[tuple[str, ...]] = ()

    def __repr__(self) -> str:
        fields = []
        for name, value in zip(self._fields, self._v):
            if isinstance(value, tuple) and value and isinstance(value[0], _Record):
                # A list of records is counted, or a trusted list would print whole.
                fields.append(f"{name}=<{len(value)} {type(value[0]).__name__}>")
            else:
                fields.append(f"{name}={getattr(self, name)!r}")
        return f"{type(self).__name__}({', '.join(fields)})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Record) or type(other) is not type(self):
            return NotImplemented
        return self._v == other._v

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._v))


class Reference(_Record):
    """One verified ``ds:Reference``."""

    __slots__ = ()
    _fields = ("uri", "element", "digest", "transforms", "unchecked_manifest")

    @property
    def uri(self) -> str:
        """The ``URI`` attribute as written: empty (the whole document) or ``#id``."""
        value: str = self._v[0]
        return value

    @property
    def element(self) -> str:
        """Local name of the element the reference covers."""
        value: str = self._v[1]
        return value

    @property
    def digest(self) -> str:
        """The DigestMethod algorithm URI."""
        value: str = self._v[2]
        return value

    @property
    def transforms(self) -> list[str]:
        """The transforms applied, by short name, in order."""
        value: list[str] = list(self._v[3])
        return value

    @property
    def unchecked_manifest(self) -> bool:
        """Whether it covers a ``ds:Manifest``: the manifest is signed, but the references
        it lists were not checked, so what they point to is not shown signed.
        """
        value: bool = self._v[4]
        return value


class Certificate(NamedTuple):
    """A certificate named by its subject and SHA-256 digest."""

    subject: str
    sha256: str


Certificate.subject.__doc__ = "The subject DN."
Certificate.sha256.__doc__ = "SHA-256 (lowercase hex) of the DER certificate."


class Signature(_Record):
    """One verified signature: who signed, with what."""

    __slots__ = ()
    _fields = ("signer_sha256", "signer_subject", "signer_key", "pinned", "signature_algorithm", "canonicalization", "references", "legacy_algorithms", "chain", "verified_at")

    @property
    def signer_sha256(self) -> str | None:
        """SHA-256 (lowercase hex) of the signer's certificate; ``None`` for a pinned bare
        public key.
        """
        value: str | None = self._v[0]
        return value

    @property
    def signer_subject(self) -> str | None:
        """The signer certificate's subject DN; ``None`` for a pinned bare public key."""
        value: str | None = self._v[1]
        return value

    @property
    def signer_key(self) -> str:
        """The signing key's type and size, e.g. ``RSA-2048``, ``EC P-256``."""
        value: str = self._v[2]
        return value

    @property
    def pinned(self) -> bool:
        """Whether the signer's certificate or key itself is in the trust store (not
        reached through a CA).
        """
        value: bool = self._v[3]
        return value

    @property
    def signature_algorithm(self) -> str:
        """The SignatureMethod algorithm URI."""
        value: str = self._v[4]
        return value

    @property
    def canonicalization(self) -> str:
        """The CanonicalizationMethod URI of SignedInfo."""
        value: str = self._v[5]
        return value

    @property
    def references(self) -> list[Reference]:
        """The verified references, in document order."""
        value: list[Reference] = list(self._v[6])
        return value

    @property
    def legacy_algorithms(self) -> list[str]:
        """Legacy algorithms the policy allowed and the signature used (``rsa-sha1``,
        ``sha1``, ``sha1-certificate``).
        """
        value: list[str] = list(self._v[7])
        return value

    @property
    def chain(self) -> list[Certificate]:
        """The certificate path, signer first, ending at the trusted certificate; empty for
        a pinned bare key.
        """
        value: list[Certificate] = list(self._v[8])
        return value

    @property
    def verified_at(self) -> datetime:
        """The time the verification used."""
        value: datetime = self._v[9]
        return value


class VerifiedDocument(_Record):
    """A document whose signature verified: who signed it, with what, and exactly what they
    signed.
    """

    __slots__ = ()
    _fields = ("signed_xml", "signer_sha256", "signer_subject", "signer_key", "pinned", "signature_algorithm", "canonicalization", "references", "legacy_algorithms", "chain", "verified_at")

    @property
    def signed_xml(self) -> list[bytes]:
        """The signed elements in canonical form (Exclusive C14N, the signature left out),
        one per reference: exactly what was signed.
        """
        value: list[bytes] = list(self._v[0])
        return value

    @property
    def signer_sha256(self) -> str | None:
        """SHA-256 (lowercase hex) of the signer's certificate; ``None`` for a pinned bare
        public key.
        """
        value: str | None = self._v[1]
        return value

    @property
    def signer_subject(self) -> str | None:
        """The signer certificate's subject DN; ``None`` for a pinned bare public key."""
        value: str | None = self._v[2]
        return value

    @property
    def signer_key(self) -> str:
        """The signing key's type and size, e.g. ``RSA-2048``, ``EC P-256``."""
        value: str = self._v[3]
        return value

    @property
    def pinned(self) -> bool:
        """Whether the signer's certificate or key itself is in the trust store (not
        reached through a CA).
        """
        value: bool = self._v[4]
        return value

    @property
    def signature_algorithm(self) -> str:
        """The SignatureMethod algorithm URI."""
        value: str = self._v[5]
        return value

    @property
    def canonicalization(self) -> str:
        """The CanonicalizationMethod URI of SignedInfo."""
        value: str = self._v[6]
        return value

    @property
    def references(self) -> list[Reference]:
        """The verified references, in document order."""
        value: list[Reference] = list(self._v[7])
        return value

    @property
    def legacy_algorithms(self) -> list[str]:
        """Legacy algorithms the policy allowed and the signature used (``rsa-sha1``,
        ``sha1``, ``sha1-certificate``).
        """
        value: list[str] = list(self._v[8])
        return value

    @property
    def chain(self) -> list[Certificate]:
        """The certificate path, signer first, ending at the trusted certificate; empty for
        a pinned bare key.
        """
        value: list[Certificate] = list(self._v[9])
        return value

    @property
    def verified_at(self) -> datetime:
        """The time the verification used."""
        value: datetime = self._v[10]
        return value

    def __repr__(self) -> str:
        elements = [r.element for r in self.references]
        return (
            f"<trustmeta.VerifiedDocument signer_subject={self.signer_subject!r}, "
            f"signer_sha256={self.signer_sha256!r}, signer_key={self.signer_key!r}, "
            f"pinned={self.pinned!r}, signature_algorithm={self.signature_algorithm!r}, "
            f"elements={elements!r}, legacy_algorithms={self.legacy_algorithms!r}, "
            f"verified_at={_time(self.verified_at)!r}>"
        )


class Endpoint(_Record):
    """One endpoint of a verified SMP record."""

    __slots__ = ()
    _fields = ("transport_profile", "uri", "certificate_sha256", "activation", "expiration", "certificate_trusted", "certificate_error")

    @property
    def transport_profile(self) -> str:
        """The transport profile, e.g. ``peppol-transport-as4-v2_0``."""
        value: str = self._v[0]
        return value

    @property
    def uri(self) -> str:
        """The endpoint's address: where to send."""
        value: str = self._v[1]
        return value

    @property
    def certificate_sha256(self) -> str | None:
        """SHA-256 (lowercase hex) of the published certificate; ``None`` if none."""
        value: str | None = self._v[2]
        return value

    @property
    def activation(self) -> datetime | None:
        """The activation date; ``None`` if the record gives none."""
        value: datetime | None = self._v[3]
        return value

    @property
    def expiration(self) -> datetime | None:
        """The expiration date; ``None`` if the record gives none."""
        value: datetime | None = self._v[4]
        return value

    @property
    def certificate_trusted(self) -> bool | None:
        """With access-point anchors: whether the certificate chains to one; ``None`` when
        not checked.
        """
        value: bool | None = self._v[5]
        return value

    @property
    def certificate_error(self) -> str | None:
        """With access-point anchors: the error code when the certificate is not trusted."""
        value: str | None = self._v[6]
        return value


class FilteredEndpoint(_Record):
    """An endpoint that matches the question but was left out for its dates."""

    __slots__ = ()
    _fields = ("endpoint", "reason", "message")
    _reason_names: ClassVar[tuple[str, ...]] = ("not_yet_active", "expired",)

    @property
    def endpoint(self) -> Endpoint:
        """The endpoint."""
        value: Endpoint = self._v[0]
        return value

    @property
    def reason(self) -> Literal["not_yet_active", "expired"]:
        """Why it was left out."""
        value: Literal["not_yet_active", "expired"] = self._v[1]
        return value

    @property
    def message(self) -> str:
        """A sentence with the date and the verification time."""
        value: str = self._v[2]
        return value


class Redirect(_Record):
    """A signed redirect to another SMP."""

    __slots__ = ()
    _fields = ("href", "certificate_uid", "certificates")

    @property
    def href(self) -> str:
        """Where to ask instead."""
        value: str = self._v[0]
        return value

    @property
    def certificate_uid(self) -> str | None:
        """SMP 1.x ``CertificateUID``: subject DN (or serialNumber) of the target's signer."""
        value: str | None = self._v[1]
        return value

    @property
    def certificates(self) -> list[str]:
        """SMP 2.0: SHA-256 (lowercase hex) of each certificate the target's signer may
        have.
        """
        value: list[str] = list(self._v[2])
        return value


class VerifiedServiceMetadata(_Record):
    """A signed SMP ServiceMetadata record that verified and answers the question asked."""

    __slots__ = ()
    _fields = ("version", "participant", "document", "endpoints", "filtered_endpoints", "redirect", "other_signatures", "signer_sha256", "signer_subject", "signer_key", "pinned", "signature_algorithm", "canonicalization", "references", "legacy_algorithms", "chain", "verified_at")
    _version_names: ClassVar[tuple[str, ...]] = ("peppol-busdox", "bdxr-2014", "oasis-smp-1.0", "oasis-smp-2.0",)

    @property
    def version(self) -> Literal["peppol-busdox", "bdxr-2014", "oasis-smp-1.0", "oasis-smp-2.0"]:
        """The SMP vocabulary of the record."""
        value: Literal["peppol-busdox", "bdxr-2014", "oasis-smp-1.0", "oasis-smp-2.0"] = self._v[0]
        return value

    @property
    def participant(self) -> str | None:
        """The participant the record names (``None`` for an SMP 1.x redirect)."""
        value: str | None = self._v[1]
        return value

    @property
    def document(self) -> str | None:
        """The document type the record names (``None`` for an SMP 1.x redirect)."""
        value: str | None = self._v[2]
        return value

    @property
    def endpoints(self) -> list[Endpoint]:
        """The endpoints that answer the question and are active at the verification time."""
        value: list[Endpoint] = list(self._v[3])
        return value

    @property
    def filtered_endpoints(self) -> list[FilteredEndpoint]:
        """Endpoints that match the question but are outside their dates."""
        value: list[FilteredEndpoint] = list(self._v[4])
        return value

    @property
    def redirect(self) -> Redirect | None:
        """The redirect, when the record sends the caller to another SMP."""
        value: Redirect | None = self._v[5]
        return value

    @property
    def other_signatures(self) -> int:
        """Signatures below the document element: counted, not verified."""
        value: int = self._v[6]
        return value

    @property
    def signer_sha256(self) -> str | None:
        """SHA-256 (lowercase hex) of the signer's certificate; ``None`` for a pinned bare
        public key.
        """
        value: str | None = self._v[7]
        return value

    @property
    def signer_subject(self) -> str | None:
        """The signer certificate's subject DN; ``None`` for a pinned bare public key."""
        value: str | None = self._v[8]
        return value

    @property
    def signer_key(self) -> str:
        """The signing key's type and size, e.g. ``RSA-2048``, ``EC P-256``."""
        value: str = self._v[9]
        return value

    @property
    def pinned(self) -> bool:
        """Whether the signer's certificate or key itself is in the trust store (not
        reached through a CA).
        """
        value: bool = self._v[10]
        return value

    @property
    def signature_algorithm(self) -> str:
        """The SignatureMethod algorithm URI."""
        value: str = self._v[11]
        return value

    @property
    def canonicalization(self) -> str:
        """The CanonicalizationMethod URI of SignedInfo."""
        value: str = self._v[12]
        return value

    @property
    def references(self) -> list[Reference]:
        """The verified references, in document order."""
        value: list[Reference] = list(self._v[13])
        return value

    @property
    def legacy_algorithms(self) -> list[str]:
        """Legacy algorithms the policy allowed and the signature used (``rsa-sha1``,
        ``sha1``, ``sha1-certificate``).
        """
        value: list[str] = list(self._v[14])
        return value

    @property
    def chain(self) -> list[Certificate]:
        """The certificate path, signer first, ending at the trusted certificate; empty for
        a pinned bare key.
        """
        value: list[Certificate] = list(self._v[15])
        return value

    @property
    def verified_at(self) -> datetime:
        """The time the verification used."""
        value: datetime = self._v[16]
        return value


class ServiceReference(_Record):
    """One entry of a ServiceGroup."""

    __slots__ = ()
    _fields = ("document", "href")

    @property
    def document(self) -> str | None:
        """The document type, ``scheme::value``; ``None`` when the href names none."""
        value: str | None = self._v[0]
        return value

    @property
    def href(self) -> str | None:
        """SMP 1.x ``ServiceMetadataReference href``; ``None`` in SMP 2.0."""
        value: str | None = self._v[1]
        return value


class VerifiedServiceGroup(_Record):
    """A verified SMP ServiceGroup."""

    __slots__ = ()
    _fields = ("version", "participant", "references", "signed", "signer_sha256", "signer_subject", "other_signatures")
    _version_names: ClassVar[tuple[str, ...]] = ("peppol-busdox", "bdxr-2014", "oasis-smp-1.0", "oasis-smp-2.0",)

    @property
    def version(self) -> Literal["peppol-busdox", "bdxr-2014", "oasis-smp-1.0", "oasis-smp-2.0"]:
        """The SMP vocabulary of the group."""
        value: Literal["peppol-busdox", "bdxr-2014", "oasis-smp-1.0", "oasis-smp-2.0"] = self._v[0]
        return value

    @property
    def participant(self) -> str:
        """The participant the group is about."""
        value: str = self._v[1]
        return value

    @property
    def references(self) -> list[ServiceReference]:
        """Its entries, in document order."""
        value: list[ServiceReference] = list(self._v[2])
        return value

    @property
    def signed(self) -> bool:
        """False for an unsigned group accepted on request."""
        value: bool = self._v[3]
        return value

    @property
    def signer_sha256(self) -> str | None:
        """SHA-256 (lowercase hex) of the signer's certificate; ``None`` when unsigned or
        for a bare key.
        """
        value: str | None = self._v[4]
        return value

    @property
    def signer_subject(self) -> str | None:
        """The signer certificate's subject DN; ``None`` when unsigned or for a bare key."""
        value: str | None = self._v[5]
        return value

    @property
    def other_signatures(self) -> int:
        """Signatures below the document element: counted, not verified."""
        value: int = self._v[6]
        return value


class ExtensionSignature(_Record):
    """A verified signature inside an SMP record's ``Extension`` (the eHealth owner
    signature).
    """

    __slots__ = ()
    _fields = ("covered_element", "signer_sha256", "signer_subject", "signer_key", "pinned", "signature_algorithm", "canonicalization", "references", "legacy_algorithms", "chain", "verified_at")

    @property
    def covered_element(self) -> str:
        """Local name of the element it covers: ``ServiceMetadata``, the document the owner
        signed before the SMP wrapped it.
        """
        value: str = self._v[0]
        return value

    @property
    def signer_sha256(self) -> str | None:
        """SHA-256 (lowercase hex) of the signer's certificate; ``None`` for a pinned bare
        public key.
        """
        value: str | None = self._v[1]
        return value

    @property
    def signer_subject(self) -> str | None:
        """The signer certificate's subject DN; ``None`` for a pinned bare public key."""
        value: str | None = self._v[2]
        return value

    @property
    def signer_key(self) -> str:
        """The signing key's type and size, e.g. ``RSA-2048``, ``EC P-256``."""
        value: str = self._v[3]
        return value

    @property
    def pinned(self) -> bool:
        """Whether the signer's certificate or key itself is in the trust store (not
        reached through a CA).
        """
        value: bool = self._v[4]
        return value

    @property
    def signature_algorithm(self) -> str:
        """The SignatureMethod algorithm URI."""
        value: str = self._v[5]
        return value

    @property
    def canonicalization(self) -> str:
        """The CanonicalizationMethod URI of SignedInfo."""
        value: str = self._v[6]
        return value

    @property
    def references(self) -> list[Reference]:
        """The verified references, in document order."""
        value: list[Reference] = list(self._v[7])
        return value

    @property
    def legacy_algorithms(self) -> list[str]:
        """Legacy algorithms the policy allowed and the signature used (``rsa-sha1``,
        ``sha1``, ``sha1-certificate``).
        """
        value: list[str] = list(self._v[8])
        return value

    @property
    def chain(self) -> list[Certificate]:
        """The certificate path, signer first, ending at the trusted certificate; empty for
        a pinned bare key.
        """
        value: list[Certificate] = list(self._v[9])
        return value

    @property
    def verified_at(self) -> datetime:
        """The time the verification used."""
        value: datetime = self._v[10]
        return value


class DecryptedPart(_Record):
    """One encrypted element that was decrypted."""

    __slots__ = ()
    _fields = ("element", "content_algorithm", "legacy", "key_algorithm")

    @property
    def element(self) -> str:
        """``EncryptedAssertion``, ``EncryptedID`` or ``EncryptedAttribute``."""
        value: str = self._v[0]
        return value

    @property
    def content_algorithm(self) -> str:
        """The content encryption: ``aes128-gcm``, ``aes192-gcm``, ``aes256-gcm``, or by
        policy ``aes128-cbc``, ``aes192-cbc``, ``aes256-cbc``, ``tripledes-cbc``.
        """
        value: str = self._v[1]
        return value

    @property
    def legacy(self) -> bool:
        """Whether the content encryption is a legacy one (CBC, Triple-DES) that
        authenticates nothing.
        """
        value: bool = self._v[2]
        return value

    @property
    def key_algorithm(self) -> str:
        """How the content key came: ``rsa-oaep-mgf1p``, ``rsa-oaep``,
        ``ecdh-es+kw-aes128``, ``ecdh-es+kw-aes192`` or ``ecdh-es+kw-aes256``.
        """
        value: str = self._v[3]
        return value


class UnverifiedAssertion(_Record):
    """A Response's assertion decrypted WITHOUT any signature check: for inspection only."""

    __slots__ = ()
    _fields = ("xml", "decrypted")

    @property
    def xml(self) -> bytes:
        """The decrypted ``Assertion`` element, exactly as decrypted; nothing in it is
        verified.
        """
        value: bytes = self._v[0]
        return value

    @property
    def decrypted(self) -> DecryptedPart:
        """What decrypted it."""
        value: DecryptedPart = self._v[1]
        return value


class Country(_Record):
    """One country of an EMREG list."""

    __slots__ = ()
    _fields = ("code", "name", "single_fetch")

    @property
    def code(self) -> str:
        """``countryCode`` as written (compared case-insensitively)."""
        value: str = self._v[0]
        return value

    @property
    def name(self) -> str:
        """``countryName`` (empty when the list gives none)."""
        value: str = self._v[1]
        return value

    @property
    def single_fetch(self) -> bool:
        """Learners of this country choose an institution, not an NCP."""
        value: bool = self._v[2]
        return value


class Ncp(_Record):
    """One National Contact Point (an EMP in newer lists) of an EMREG list."""

    __slots__ = ()
    _fields = ("acronym", "country_code", "institutions", "url", "pub_key")

    @property
    def acronym(self) -> str:
        """The name ELMO verification takes as ``ncp``."""
        value: str = self._v[0]
        return value

    @property
    def country_code(self) -> str:
        """``countryCode`` as written."""
        value: str = self._v[1]
        return value

    @property
    def institutions(self) -> list[str]:
        """The institutions it serves, in list order."""
        value: list[str] = list(self._v[2])
        return value

    @property
    def url(self) -> str:
        """Where to send the learner (empty when the list gives none)."""
        value: str = self._v[3]
        return value

    @property
    def pub_key(self) -> str:
        """The ``pubKey`` as the list gives it (normally a PEM certificate)."""
        value: str = self._v[4]
        return value

    def trust_store(self) -> TrustStore:
        """A ``TrustStore`` trusting this NCP's certificate, for ``verify_elmo``'s check.
        Besides PEM, a ``pubKey`` whose newlines were escaped twice or that is bare base64
        DER is accepted. Raises ``UntrustedSigner`` (``pki.bad_pem``,
        ``pki.bad_certificate``) when it holds no certificate."""
        text = self.pub_key.replace("\\n", "\n").replace("\\r", "")
        if "-----BEGIN" in text:
            return TrustStore.from_pem(text.encode())
        try:
            der = base64.b64decode("".join(text.split()), validate=True)
        except (binascii.Error, ValueError):
            # Nothing to parse: from_pem raises pki.bad_pem, the code for a key that is none.
            der = b""
        return TrustStore.from_pem(der)


class NcpChoice(_Record):
    """One entry to offer a learner of a country."""

    __slots__ = ()
    _fields = ("ncp", "institution")

    @property
    def ncp(self) -> Ncp:
        """The NCP to send the learner to, whose certificate the result must carry."""
        value: Ncp = self._v[0]
        return value

    @property
    def institution(self) -> str | None:
        """For a ``singleFetch`` country the institution this entry stands for, otherwise
        the NCP's first.
        """
        value: str | None = self._v[1]
        return value


class Learner(_Record):
    """The learner a verified ELMO file is about."""

    __slots__ = ()
    _fields = ("given_names", "family_name", "birth_date", "citizenship")

    @property
    def given_names(self) -> str:
        """``givenNames``."""
        value: str = self._v[0]
        return value

    @property
    def family_name(self) -> str:
        """``familyName``."""
        value: str = self._v[1]
        return value

    @property
    def birth_date(self) -> str | None:
        """``bday`` as written (the format differs between NCPs)."""
        value: str | None = self._v[2]
        return value

    @property
    def citizenship(self) -> str | None:
        """``citizenship``."""
        value: str | None = self._v[3]
        return value


class VerifiedElmo(_Record):
    """A verified ELMO result file."""

    __slots__ = ()
    _fields = ("namespace", "learner", "learners", "reports", "nested_signatures", "signer_sha256", "signer_subject", "signer_key", "pinned", "signature_algorithm", "canonicalization", "references", "legacy_algorithms", "chain", "verified_at")

    @property
    def namespace(self) -> str:
        """The ELMO namespace of the file."""
        value: str = self._v[0]
        return value

    @property
    def learner(self) -> Learner:
        """The learner to match against the person who started the EMREX session."""
        value: Learner = self._v[1]
        return value

    @property
    def learners(self) -> list[Learner]:
        """Every distinct learner identity the file gives, ``learner`` first."""
        value: list[Learner] = list(self._v[2])
        return value

    @property
    def reports(self) -> int:
        """How many reports the file holds."""
        value: int = self._v[3]
        return value

    @property
    def nested_signatures(self) -> int:
        """Signatures deeper inside (a Diploma Supplement's): neither checked nor counted
        as the file's.
        """
        value: int = self._v[4]
        return value

    @property
    def signer_sha256(self) -> str | None:
        """SHA-256 (lowercase hex) of the signer's certificate; ``None`` for a pinned bare
        public key.
        """
        value: str | None = self._v[5]
        return value

    @property
    def signer_subject(self) -> str | None:
        """The signer certificate's subject DN; ``None`` for a pinned bare public key."""
        value: str | None = self._v[6]
        return value

    @property
    def signer_key(self) -> str:
        """The signing key's type and size, e.g. ``RSA-2048``, ``EC P-256``."""
        value: str = self._v[7]
        return value

    @property
    def pinned(self) -> bool:
        """Whether the signer's certificate or key itself is in the trust store (not
        reached through a CA).
        """
        value: bool = self._v[8]
        return value

    @property
    def signature_algorithm(self) -> str:
        """The SignatureMethod algorithm URI."""
        value: str = self._v[9]
        return value

    @property
    def canonicalization(self) -> str:
        """The CanonicalizationMethod URI of SignedInfo."""
        value: str = self._v[10]
        return value

    @property
    def references(self) -> list[Reference]:
        """The verified references, in document order."""
        value: list[Reference] = list(self._v[11])
        return value

    @property
    def legacy_algorithms(self) -> list[str]:
        """Legacy algorithms the policy allowed and the signature used (``rsa-sha1``,
        ``sha1``, ``sha1-certificate``).
        """
        value: list[str] = list(self._v[12])
        return value

    @property
    def chain(self) -> list[Certificate]:
        """The certificate path, signer first, ending at the trusted certificate; empty for
        a pinned bare key.
        """
        value: list[Certificate] = list(self._v[13])
        return value

    @property
    def verified_at(self) -> datetime:
        """The time the verification used."""
        value: datetime = self._v[14]
        return value


class LangString(NamedTuple):
    """A text and its language."""

    lang: str
    text: str


LangString.lang.__doc__ = "The ``xml:lang`` (empty when none)."
LangString.text.__doc__ = "The text."


class TslPointer(_Record):
    """One ``OtherTSLPointer`` of a verified trusted list."""

    __slots__ = ()
    _fields = ("location", "territory", "mime_type", "certificates")

    @property
    def location(self) -> str:
        """``TSLLocation``: where to fetch the other list."""
        value: str = self._v[0]
        return value

    @property
    def territory(self) -> str | None:
        """``SchemeTerritory`` of the other list."""
        value: str | None = self._v[1]
        return value

    @property
    def mime_type(self) -> str | None:
        """The other list's MIME type."""
        value: str | None = self._v[2]
        return value

    @property
    def certificates(self) -> list[bytes]:
        """The certificates allowed to sign the other list, DER-encoded."""
        value: list[bytes] = list(self._v[3])
        return value


class TslService(_Record):
    """One ``TSPService`` of a verified trusted list."""

    __slots__ = ()
    _fields = ("provider", "type_identifier", "name", "names", "status", "status_starting_time", "supply_points", "certificates", "history_entries")

    @property
    def provider(self) -> str:
        """The first ``TSPName`` of its provider."""
        value: str = self._v[0]
        return value

    @property
    def type_identifier(self) -> str:
        """``ServiceTypeIdentifier``."""
        value: str = self._v[1]
        return value

    @property
    def name(self) -> str:
        """The first ``ServiceName``."""
        value: str = self._v[2]
        return value

    @property
    def names(self) -> list[LangString]:
        """Every ``ServiceName``."""
        value: list[LangString] = list(self._v[3])
        return value

    @property
    def status(self) -> str:
        """``ServiceStatus``."""
        value: str = self._v[4]
        return value

    @property
    def status_starting_time(self) -> datetime:
        """``StatusStartingTime``."""
        value: datetime = self._v[5]
        return value

    @property
    def supply_points(self) -> list[str]:
        """``ServiceSupplyPoint``s."""
        value: list[str] = list(self._v[6])
        return value

    @property
    def certificates(self) -> list[bytes]:
        """The ``X509Certificate`` digital identities, DER-encoded, in order."""
        value: list[bytes] = list(self._v[7])
        return value

    @property
    def history_entries(self) -> int:
        """How many ``ServiceHistoryInstance``s it has."""
        value: int = self._v[8]
        return value


class TslProvider(_Record):
    """One ``TrustServiceProvider`` of a verified trusted list."""

    __slots__ = ()
    _fields = ("name", "names", "trade_names", "services")

    @property
    def name(self) -> str:
        """The first ``TSPName``."""
        value: str = self._v[0]
        return value

    @property
    def names(self) -> list[LangString]:
        """Every ``TSPName``."""
        value: list[LangString] = list(self._v[1])
        return value

    @property
    def trade_names(self) -> list[LangString]:
        """Every ``TSPTradeName``."""
        value: list[LangString] = list(self._v[2])
        return value

    @property
    def services(self) -> list[TslService]:
        """Its services, in document order."""
        value: list[TslService] = list(self._v[3])
        return value


class OpenNcpService(_Record):
    """A service of an NCP configuration list with its face and role."""

    __slots__ = ()
    _fields = ("face", "role", "service")
    _face_names: ClassVar[tuple[str, ...]] = ("NCP-A", "NCP-B",)
    _role_names: ClassVar[tuple[str, ...]] = ("VPNGateway", "NCP", "PatientIdentificationService", "PatientService", "OrderService", "DispensationService", "ConsentService", "IdP",)

    @property
    def face(self) -> Literal["NCP-A", "NCP-B"]:
        """The provider the service is listed under."""
        value: Literal["NCP-A", "NCP-B"] = self._v[0]
        return value

    @property
    def role(self) -> Literal["VPNGateway", "NCP", "PatientIdentificationService", "PatientService", "OrderService", "DispensationService", "ConsentService", "IdP"]:
        """What the service does."""
        value: Literal["VPNGateway", "NCP", "PatientIdentificationService", "PatientService", "OrderService", "DispensationService", "ConsentService", "IdP"] = self._v[1]
        return value

    @property
    def service(self) -> TslService:
        """The service."""
        value: TslService = self._v[2]
        return value


class OpenNcpList(_Record):
    """The OpenNCP view of a verified NCP configuration list."""

    __slots__ = ()
    _fields = ("country", "services", "unknown_services", "tls_certificate_a", "tls_certificate_b", "signature_certificate_a", "signature_certificate_b")

    @property
    def country(self) -> str:
        """The country the list is for."""
        value: str = self._v[0]
        return value

    @property
    def services(self) -> list[OpenNcpService]:
        """Its services with their faces and roles."""
        value: list[OpenNcpService] = list(self._v[1])
        return value

    @property
    def unknown_services(self) -> int:
        """Services whose provider or type the view does not know."""
        value: int = self._v[2]
        return value

    @property
    def tls_certificate_a(self) -> bytes | None:
        """The NCP service's first certificate on ``NCP-A`` (its TLS certificate),
        DER-encoded.
        """
        value: bytes | None = self._v[3]
        return value

    @property
    def tls_certificate_b(self) -> bytes | None:
        """The NCP service's first certificate on ``NCP-B`` (its TLS certificate),
        DER-encoded.
        """
        value: bytes | None = self._v[4]
        return value

    @property
    def signature_certificate_a(self) -> bytes | None:
        """The NCP service's second certificate on ``NCP-A`` (its signing certificate),
        DER-encoded.
        """
        value: bytes | None = self._v[5]
        return value

    @property
    def signature_certificate_b(self) -> bytes | None:
        """The NCP service's second certificate on ``NCP-B`` (its signing certificate),
        DER-encoded.
        """
        value: bytes | None = self._v[6]
        return value

    def tls_certificate(self, face: str) -> bytes | None:
        """The NCP's TLS certificate on ``face`` (``"NCP-A"`` or ``"NCP-B"``), DER-encoded;
        ``None`` when the list gives none. Raises ``ValueError`` for another face."""
        _face("tls_certificate", face)
        return self.tls_certificate_a if face == "NCP-A" else self.tls_certificate_b

    def signature_certificate(self, face: str) -> bytes | None:
        """The NCP's signature certificate on ``face`` (``"NCP-A"`` or ``"NCP-B"``),
        DER-encoded; ``None`` when the list gives none. Raises ``ValueError`` for another
        face."""
        _face("signature_certificate", face)
        return self.signature_certificate_a if face == "NCP-A" else self.signature_certificate_b


class SmpRecord(_Record):
    """One unsigned SMP ``ServiceMetadata`` document written from an NCP configuration
    list.
    """

    __slots__ = ()
    _fields = ("file_name", "participant", "document", "process", "endpoints", "xml")

    @property
    def file_name(self) -> str:
        """The file name OpenNCP's stylesheet gives it, e.g. ``Patient_Service_AT.xml``."""
        value: str = self._v[0]
        return value

    @property
    def participant(self) -> str:
        """The participant, ``scheme::value``."""
        value: str = self._v[1]
        return value

    @property
    def document(self) -> str:
        """The document type, ``scheme::value``."""
        value: str = self._v[2]
        return value

    @property
    def process(self) -> str:
        """The process, ``scheme::value``."""
        value: str = self._v[3]
        return value

    @property
    def endpoints(self) -> int:
        """How many endpoints it lists."""
        value: int = self._v[4]
        return value

    @property
    def xml(self) -> bytes:
        """The document."""
        value: bytes = self._v[5]
        return value


class VerifiedTsl(_Record):
    """A verified ETSI trusted list."""

    __slots__ = ("_held",)
    _held: Any
    _fields = ("id", "tag", "territory", "version", "sequence_number", "tsl_type", "operator_names", "operator_electronic_addresses", "scheme_names", "issued", "next_update", "signing_time", "pointers", "providers", "services", "openncp", "signer_sha256", "signer_subject", "signer_key", "pinned", "signature_algorithm", "canonicalization", "references", "legacy_algorithms", "chain", "verified_at")

    @property
    def id(self) -> str | None:
        """The ``Id`` of the document element."""
        value: str | None = self._v[0]
        return value

    @property
    def tag(self) -> str | None:
        """``TSLTag``."""
        value: str | None = self._v[1]
        return value

    @property
    def territory(self) -> str:
        """``SchemeTerritory``."""
        value: str = self._v[2]
        return value

    @property
    def version(self) -> int:
        """``TSLVersionIdentifier``."""
        value: int = self._v[3]
        return value

    @property
    def sequence_number(self) -> int:
        """``TSLSequenceNumber``: a newer list has a higher one."""
        value: int = self._v[4]
        return value

    @property
    def tsl_type(self) -> str:
        """``TSLType``."""
        value: str = self._v[5]
        return value

    @property
    def operator_names(self) -> list[LangString]:
        """``SchemeOperatorName``s."""
        value: list[LangString] = list(self._v[6])
        return value

    @property
    def operator_electronic_addresses(self) -> list[str]:
        """The operator's electronic addresses."""
        value: list[str] = list(self._v[7])
        return value

    @property
    def scheme_names(self) -> list[LangString]:
        """``SchemeName``s."""
        value: list[LangString] = list(self._v[8])
        return value

    @property
    def issued(self) -> datetime:
        """``ListIssueDateTime``."""
        value: datetime = self._v[9]
        return value

    @property
    def next_update(self) -> datetime | None:
        """``NextUpdate``; ``None`` for a closed list."""
        value: datetime | None = self._v[10]
        return value

    @property
    def signing_time(self) -> datetime:
        """The XAdES ``SigningTime`` (XAdES baseline B requires it)."""
        value: datetime = self._v[11]
        return value

    @property
    def pointers(self) -> list[TslPointer]:
        """``OtherTSLPointer``s."""
        value: list[TslPointer] = list(self._v[12])
        return value

    @property
    def providers(self) -> list[TslProvider]:
        """``TrustServiceProvider``s."""
        value: list[TslProvider] = list(self._v[13])
        return value

    @property
    def services(self) -> list[TslService]:
        """Every service of every provider, in document order."""
        value: list[TslService] = list(self._v[14])
        return value

    @property
    def openncp(self) -> OpenNcpList | None:
        """The OpenNCP view, for an NCP configuration list; ``None`` for other lists."""
        value: OpenNcpList | None = self._v[15]
        return value

    @property
    def signer_sha256(self) -> str | None:
        """SHA-256 (lowercase hex) of the signer's certificate; ``None`` for a pinned bare
        public key.
        """
        value: str | None = self._v[16]
        return value

    @property
    def signer_subject(self) -> str | None:
        """The signer certificate's subject DN; ``None`` for a pinned bare public key."""
        value: str | None = self._v[17]
        return value

    @property
    def signer_key(self) -> str:
        """The signing key's type and size, e.g. ``RSA-2048``, ``EC P-256``."""
        value: str = self._v[18]
        return value

    @property
    def pinned(self) -> bool:
        """Whether the signer's certificate or key itself is in the trust store (not
        reached through a CA).
        """
        value: bool = self._v[19]
        return value

    @property
    def signature_algorithm(self) -> str:
        """The SignatureMethod algorithm URI."""
        value: str = self._v[20]
        return value

    @property
    def canonicalization(self) -> str:
        """The CanonicalizationMethod URI of SignedInfo."""
        value: str = self._v[21]
        return value

    @property
    def references(self) -> list[Reference]:
        """The verified references, in document order."""
        value: list[Reference] = list(self._v[22])
        return value

    @property
    def legacy_algorithms(self) -> list[str]:
        """Legacy algorithms the policy allowed and the signature used (``rsa-sha1``,
        ``sha1``, ``sha1-certificate``).
        """
        value: list[str] = list(self._v[23])
        return value

    @property
    def chain(self) -> list[Certificate]:
        """The certificate path, signer first, ending at the trusted certificate; empty for
        a pinned bare key.
        """
        value: list[Certificate] = list(self._v[24])
        return value

    @property
    def verified_at(self) -> datetime:
        """The time the verification used."""
        value: datetime = self._v[25]
        return value

    def to_smp(self, format: Literal["oasis-smp1", "busdox"] = "oasis-smp1") -> list[SmpRecord]:
        """The unsigned SMP ``ServiceMetadata`` records of an NCP configuration list, as
        the community's ``tsl2smp`` stylesheet writes them (``"oasis-smp1"``, OASIS SMP
        1.0, or ``"busdox"``, PEPPOL), with its two defects fixed. Withdrawn and revoked
        services are not published. All records or none.

        Raises ``TslError`` (``tsl.not_openncp`` for another list, ``tsl.malformed`` when a
        published service lacks what its record needs); ``ValueError`` for another
        ``format``."""
        records: list[SmpRecord] = self._held.to_smp(format)
        return records


class SamlAttribute(_Record):
    """One ``Attribute`` of a verified assertion."""

    __slots__ = ()
    _fields = ("name", "name_format", "friendly_name", "values", "status")
    _status_names: ClassVar[tuple[str, ...]] = ("Available", "NotAvailable", "Withheld",)

    @property
    def name(self) -> str:
        """``Name``."""
        value: str = self._v[0]
        return value

    @property
    def name_format(self) -> str | None:
        """``NameFormat``."""
        value: str | None = self._v[1]
        return value

    @property
    def friendly_name(self) -> str | None:
        """``FriendlyName``."""
        value: str | None = self._v[2]
        return value

    @property
    def values(self) -> list[str]:
        """Each ``AttributeValue``'s text."""
        value: list[str] = list(self._v[3])
        return value

    @property
    def status(self) -> Literal["Available", "NotAvailable", "Withheld"] | None:
        """STORK's ``AttributeStatus``, when given."""
        value: Literal["Available", "NotAvailable", "Withheld"] | None = self._v[4]
        return value


class VerifiedSamlResponse(_Record):
    """A verified SAML response and its one assertion."""

    __slots__ = ()
    _fields = ("id", "issuer", "in_response_to", "destination", "assertion_id", "issue_instant", "name_id", "name_id_format", "attributes", "loa", "stork_qaa", "session_index", "session_not_on_or_after", "not_before", "not_on_or_after", "audiences", "one_time_use", "signed_by", "signatures", "decrypted")
    _signed_by_names: ClassVar[tuple[str, ...]] = ("response", "assertion", "both",)

    @property
    def id(self) -> str:
        """The Response ``ID``."""
        value: str = self._v[0]
        return value

    @property
    def issuer(self) -> str:
        """The Response ``Issuer``."""
        value: str = self._v[1]
        return value

    @property
    def in_response_to(self) -> str | None:
        """``InResponseTo``."""
        value: str | None = self._v[2]
        return value

    @property
    def destination(self) -> str | None:
        """``Destination``."""
        value: str | None = self._v[3]
        return value

    @property
    def assertion_id(self) -> str:
        """The Assertion ``ID``."""
        value: str = self._v[4]
        return value

    @property
    def issue_instant(self) -> datetime:
        """The assertion's ``IssueInstant``."""
        value: datetime = self._v[5]
        return value

    @property
    def name_id(self) -> str | None:
        """The subject's ``NameID``."""
        value: str | None = self._v[6]
        return value

    @property
    def name_id_format(self) -> str | None:
        """The ``NameID``'s ``Format``."""
        value: str | None = self._v[7]
        return value

    @property
    def attributes(self) -> list[SamlAttribute]:
        """The assertion's attributes, in document order."""
        value: list[SamlAttribute] = list(self._v[8])
        return value

    @property
    def loa(self) -> str | None:
        """The first ``AuthnContextClassRef`` (the eIDAS level of assurance)."""
        value: str | None = self._v[9]
        return value

    @property
    def stork_qaa(self) -> int | None:
        """STORK's ``QualityAuthenticationAssuranceLevel``."""
        value: int | None = self._v[10]
        return value

    @property
    def session_index(self) -> str | None:
        """The first ``AuthnStatement``'s ``SessionIndex``."""
        value: str | None = self._v[11]
        return value

    @property
    def session_not_on_or_after(self) -> datetime | None:
        """The first ``AuthnStatement``'s ``SessionNotOnOrAfter``: when the identity
        provider ends the session.
        """
        value: datetime | None = self._v[12]
        return value

    @property
    def not_before(self) -> datetime | None:
        """``Conditions/@NotBefore``."""
        value: datetime | None = self._v[13]
        return value

    @property
    def not_on_or_after(self) -> datetime | None:
        """``Conditions/@NotOnOrAfter``: keep the session no longer."""
        value: datetime | None = self._v[14]
        return value

    @property
    def audiences(self) -> list[str]:
        """The ``Audience``s of the conditions."""
        value: list[str] = list(self._v[15])
        return value

    @property
    def one_time_use(self) -> bool:
        """Whether the conditions hold ``OneTimeUse``."""
        value: bool = self._v[16]
        return value

    @property
    def signed_by(self) -> Literal["response", "assertion", "both"]:
        """Which signatures covered the assertion."""
        value: Literal["response", "assertion", "both"] = self._v[17]
        return value

    @property
    def signatures(self) -> list[Signature]:
        """The verified signatures, the Response's first."""
        value: list[Signature] = list(self._v[18])
        return value

    @property
    def decrypted(self) -> list[DecryptedPart]:
        """What was decrypted, and with what: the ``EncryptedAssertion``, an
        ``EncryptedID``, each ``EncryptedAttribute``; empty when nothing was encrypted.
        """
        value: list[DecryptedPart] = list(self._v[19])
        return value

    def attribute(self, name: str) -> SamlAttribute | None:
        """The first attribute whose ``Name`` or ``FriendlyName`` is ``name``; ``None``
        when there is none."""
        for a in self.attributes:
            if name in (a.name, a.friendly_name):
                return a
        return None


class RequestedAttribute(_Record):
    """An attribute an AuthnRequest asks for."""

    __slots__ = ()
    _fields = ("name", "name_format", "friendly_name", "required", "values")

    @property
    def name(self) -> str:
        """``Name``."""
        value: str = self._v[0]
        return value

    @property
    def name_format(self) -> str | None:
        """``NameFormat``."""
        value: str | None = self._v[1]
        return value

    @property
    def friendly_name(self) -> str | None:
        """``FriendlyName``."""
        value: str | None = self._v[2]
        return value

    @property
    def required(self) -> bool:
        """``isRequired``."""
        value: bool = self._v[3]
        return value

    @property
    def values(self) -> list[str]:
        """The values asked for."""
        value: list[str] = list(self._v[4])
        return value


class VerifiedAuthnRequest(_Record):
    """A verified SAML AuthnRequest."""

    __slots__ = ()
    _fields = ("id", "issuer", "issue_instant", "destination", "acs_url", "force_authn", "is_passive", "provider_name", "name_id_format", "sp_type", "requested_loa", "loa_comparison", "requested_attributes", "stork_qaa", "stork_sp_sector", "stork_sp_institution", "stork_sp_application", "stork_sp_country", "stork_citizen_country", "relay_state", "redirect_signature_algorithm", "signature")
    _sp_type_names: ClassVar[tuple[str, ...]] = ("public", "private",)

    @property
    def id(self) -> str:
        """``ID``."""
        value: str = self._v[0]
        return value

    @property
    def issuer(self) -> str | None:
        """``Issuer``."""
        value: str | None = self._v[1]
        return value

    @property
    def issue_instant(self) -> datetime:
        """``IssueInstant``."""
        value: datetime = self._v[2]
        return value

    @property
    def destination(self) -> str | None:
        """``Destination``."""
        value: str | None = self._v[3]
        return value

    @property
    def acs_url(self) -> str | None:
        """``AssertionConsumerServiceURL``."""
        value: str | None = self._v[4]
        return value

    @property
    def force_authn(self) -> bool:
        """``ForceAuthn``."""
        value: bool = self._v[5]
        return value

    @property
    def is_passive(self) -> bool:
        """``IsPassive``."""
        value: bool = self._v[6]
        return value

    @property
    def provider_name(self) -> str | None:
        """``ProviderName``."""
        value: str | None = self._v[7]
        return value

    @property
    def name_id_format(self) -> str | None:
        """``NameIDPolicy/@Format``."""
        value: str | None = self._v[8]
        return value

    @property
    def sp_type(self) -> Literal["public", "private"] | None:
        """eIDAS ``SPType``."""
        value: Literal["public", "private"] | None = self._v[9]
        return value

    @property
    def requested_loa(self) -> list[str]:
        """The requested ``AuthnContextClassRef``s."""
        value: list[str] = list(self._v[10])
        return value

    @property
    def loa_comparison(self) -> str | None:
        """``RequestedAuthnContext/@Comparison``."""
        value: str | None = self._v[11]
        return value

    @property
    def requested_attributes(self) -> list[RequestedAttribute]:
        """The attributes asked for."""
        value: list[RequestedAttribute] = list(self._v[12])
        return value

    @property
    def stork_qaa(self) -> int | None:
        """STORK ``QualityAuthenticationAssuranceLevel``."""
        value: int | None = self._v[13]
        return value

    @property
    def stork_sp_sector(self) -> str | None:
        """STORK ``spSector``."""
        value: str | None = self._v[14]
        return value

    @property
    def stork_sp_institution(self) -> str | None:
        """STORK ``spInstitution``."""
        value: str | None = self._v[15]
        return value

    @property
    def stork_sp_application(self) -> str | None:
        """STORK ``spApplication``."""
        value: str | None = self._v[16]
        return value

    @property
    def stork_sp_country(self) -> str | None:
        """STORK ``spCountry``."""
        value: str | None = self._v[17]
        return value

    @property
    def stork_citizen_country(self) -> str | None:
        """STORK ``CitizenCountryCode``."""
        value: str | None = self._v[18]
        return value

    @property
    def relay_state(self) -> str | None:
        """The HTTP-Redirect binding's ``RelayState``."""
        value: str | None = self._v[19]
        return value

    @property
    def redirect_signature_algorithm(self) -> str | None:
        """The HTTP-Redirect binding's ``SigAlg``."""
        value: str | None = self._v[20]
        return value

    @property
    def signature(self) -> Signature | None:
        """The XML signature; ``None`` for the HTTP-Redirect binding."""
        value: Signature | None = self._v[21]
        return value


class EtoegangName(_Record):
    """The parts of an eToegang aggregate's ``Name``
    (``urn:etoegang:<version>:metadata:<P|A>:<sequence>``).
    """

    __slots__ = ()
    _fields = ("version", "environment", "sequence")

    @property
    def version(self) -> str:
        """The version part."""
        value: str = self._v[0]
        return value

    @property
    def environment(self) -> str:
        """``P`` (production) or ``A`` (acceptance)."""
        value: str = self._v[1]
        return value

    @property
    def sequence(self) -> int:
        """The publication sequence number: a newer aggregate has a higher one."""
        value: int = self._v[2]
        return value


class Duration(_Record):
    """An ``xs:duration``, with months apart as they have no fixed length."""

    __slots__ = ()
    _fields = ("months", "seconds")

    @property
    def months(self) -> int:
        """Years times 12 plus months."""
        value: int = self._v[0]
        return value

    @property
    def seconds(self) -> int:
        """Days, hours, minutes and seconds, in seconds."""
        value: int = self._v[1]
        return value


class VerifiedMetadata(_Record):
    """Verified SAML metadata: what the document element says about itself, and who signed
    it.
    """

    __slots__ = ("_held",)
    _held: Any
    _fields = ("root", "id", "name", "entity_id", "valid_until", "cache_duration", "expires", "publisher", "creation_instant", "entities", "groups", "etoegang", "streamed", "nested_signatures", "signer_sha256", "signer_subject", "signer_key", "pinned", "signature_algorithm", "canonicalization", "references", "legacy_algorithms", "chain", "verified_at")

    @property
    def root(self) -> str:
        """``EntitiesDescriptor`` or ``EntityDescriptor``."""
        value: str = self._v[0]
        return value

    @property
    def id(self) -> str | None:
        """``ID`` of the document element."""
        value: str | None = self._v[1]
        return value

    @property
    def name(self) -> str | None:
        """``Name`` of an aggregate."""
        value: str | None = self._v[2]
        return value

    @property
    def entity_id(self) -> str | None:
        """``entityID`` of a single ``EntityDescriptor``."""
        value: str | None = self._v[3]
        return value

    @property
    def valid_until(self) -> datetime | None:
        """``validUntil``."""
        value: datetime | None = self._v[4]
        return value

    @property
    def cache_duration(self) -> Duration | None:
        """``cacheDuration``."""
        value: Duration | None = self._v[5]
        return value

    @property
    def expires(self) -> datetime | None:
        """The earlier of ``validUntil`` and the verification time plus ``cacheDuration``."""
        value: datetime | None = self._v[6]
        return value

    @property
    def publisher(self) -> str | None:
        """``mdrpi:PublicationInfo/@publisher``."""
        value: str | None = self._v[7]
        return value

    @property
    def creation_instant(self) -> datetime | None:
        """``mdrpi:PublicationInfo/@creationInstant``."""
        value: datetime | None = self._v[8]
        return value

    @property
    def entities(self) -> int:
        """``EntityDescriptor`` elements at any depth."""
        value: int = self._v[9]
        return value

    @property
    def groups(self) -> list[str]:
        """The ``Name`` of each ``EntitiesDescriptor`` child of the document element."""
        value: list[str] = list(self._v[10])
        return value

    @property
    def etoegang(self) -> EtoegangName | None:
        """The parts of an eToegang aggregate's ``Name``."""
        value: EtoegangName | None = self._v[11]
        return value

    @property
    def streamed(self) -> bool:
        """Whether the streaming path verified the document."""
        value: bool = self._v[12]
        return value

    @property
    def nested_signatures(self) -> int:
        """Signatures on inner elements: counted, not checked."""
        value: int = self._v[13]
        return value

    @property
    def signer_sha256(self) -> str | None:
        """SHA-256 (lowercase hex) of the signer's certificate; ``None`` for a pinned bare
        public key.
        """
        value: str | None = self._v[14]
        return value

    @property
    def signer_subject(self) -> str | None:
        """The signer certificate's subject DN; ``None`` for a pinned bare public key."""
        value: str | None = self._v[15]
        return value

    @property
    def signer_key(self) -> str:
        """The signing key's type and size, e.g. ``RSA-2048``, ``EC P-256``."""
        value: str = self._v[16]
        return value

    @property
    def pinned(self) -> bool:
        """Whether the signer's certificate or key itself is in the trust store (not
        reached through a CA).
        """
        value: bool = self._v[17]
        return value

    @property
    def signature_algorithm(self) -> str:
        """The SignatureMethod algorithm URI."""
        value: str = self._v[18]
        return value

    @property
    def canonicalization(self) -> str:
        """The CanonicalizationMethod URI of SignedInfo."""
        value: str = self._v[19]
        return value

    @property
    def references(self) -> list[Reference]:
        """The verified references, in document order."""
        value: list[Reference] = list(self._v[20])
        return value

    @property
    def legacy_algorithms(self) -> list[str]:
        """Legacy algorithms the policy allowed and the signature used (``rsa-sha1``,
        ``sha1``, ``sha1-certificate``).
        """
        value: list[str] = list(self._v[21])
        return value

    @property
    def chain(self) -> list[Certificate]:
        """The certificate path, signer first, ending at the trusted certificate; empty for
        a pinned bare key.
        """
        value: list[Certificate] = list(self._v[22])
        return value

    @property
    def verified_at(self) -> datetime:
        """The time the verification used."""
        value: datetime = self._v[23]
        return value

    def entity_ids(self) -> list[EntityRef]:
        """The entities of the verified document as ``(entity_id, group)`` pairs, in
        document order, as the parser that verified it met them; ``group`` is the ``Name``
        of the enclosing ``EntitiesDescriptor``. Works after every verification path."""
        ids: list[EntityRef] = self._held.entity_ids()
        return ids

    def find_entity(self, entity_id: str) -> MetadataEntity | None:
        """Finds the entity ``entity_id`` and reads it from the verified document, parsing
        only its ``EntityDescriptor``; ``None`` when no entity has that ``entityID``.

        Raises ``MetadataError``: ``metadata.not_held`` after ``verify_metadata_file`` or
        ``MetadataStreamVerifier`` (the document is not held), ``metadata.malformed`` for
        an ``entityID`` carried by more than one entity."""
        entity: MetadataEntity | None = self._held.find_entity(entity_id)
        return entity

    def read_entities(self) -> list[MetadataEntity]:
        """Reads every entity of the verified document, in document order. Raises as
        ``find_entity``."""
        entities: list[MetadataEntity] = self._held.read_entities()
        return entities

    def __repr__(self) -> str:
        named = f"entity_id={self.entity_id!r}" if self.entity_id is not None else f"name={self.name!r}"
        return (
            f"<trustmeta.VerifiedMetadata root={self.root!r}, {named}, entities={self.entities}, "
            f"streamed={self.streamed}, signer_subject={self.signer_subject!r}>"
        )


class EntityRef(NamedTuple):
    """An entity of verified metadata and its group."""

    entity_id: str
    group: str | None


EntityRef.entity_id.__doc__ = "Its ``entityID``."
EntityRef.group.__doc__ = "``Name`` of the enclosing ``EntitiesDescriptor``."


class MetadataEndpoint(_Record):
    """A protocol endpoint of one role of an entity."""

    __slots__ = ()
    _fields = ("role", "kind", "binding", "location", "index")

    @property
    def role(self) -> str:
        """The role descriptor holding it, e.g. ``IDPSSODescriptor``."""
        value: str = self._v[0]
        return value

    @property
    def kind(self) -> str:
        """The endpoint element, e.g. ``SingleSignOnService``."""
        value: str = self._v[1]
        return value

    @property
    def binding(self) -> str:
        """``Binding``."""
        value: str = self._v[2]
        return value

    @property
    def location(self) -> str:
        """``Location``."""
        value: str = self._v[3]
        return value

    @property
    def index(self) -> int | None:
        """``index``, for indexed endpoints."""
        value: int | None = self._v[4]
        return value

    def __repr__(self) -> str:
        return f"MetadataEndpoint(kind={self.kind!r}, binding={self.binding!r}, location={self.location!r}, index={self.index!r})"


class Contact(_Record):
    """One ``ContactPerson`` of an entity."""

    __slots__ = ()
    _fields = ("contact_type", "company", "given_name", "surname", "emails", "telephones")

    @property
    def contact_type(self) -> str:
        """``contactType``: ``technical``, ``support``, ``administrative``, ``billing`` or
        ``other``.
        """
        value: str = self._v[0]
        return value

    @property
    def company(self) -> str | None:
        """``Company``."""
        value: str | None = self._v[1]
        return value

    @property
    def given_name(self) -> str | None:
        """``GivenName``."""
        value: str | None = self._v[2]
        return value

    @property
    def surname(self) -> str | None:
        """``SurName``."""
        value: str | None = self._v[3]
        return value

    @property
    def emails(self) -> list[str]:
        """``EmailAddress``es."""
        value: list[str] = list(self._v[4])
        return value

    @property
    def telephones(self) -> list[str]:
        """``TelephoneNumber``s."""
        value: list[str] = list(self._v[5])
        return value


class MetadataEntity(_Record):
    """What one ``EntityDescriptor`` of verified metadata says."""

    __slots__ = ()
    _fields = ("entity_id", "roles", "signing_certificates", "encryption_certificates", "endpoints", "display_names", "entity_categories", "organization_name", "contact_emails", "contacts", "registration_authority", "registration_instant", "group", "etoegang_role", "offered_for_ad_selection", "validated_as")
    _etoegang_role_names: ClassVar[tuple[str, ...]] = ("AD", "MR", "KR", "EB", "HM", "DV",)
    _validated_as_names: ClassVar[tuple[str, ...]] = ("AD", "MR", "KR", "EB", "HM", "DV",)

    @property
    def entity_id(self) -> str:
        """``entityID``."""
        value: str = self._v[0]
        return value

    @property
    def roles(self) -> list[str]:
        """The local names of its role descriptors, in document order."""
        value: list[str] = list(self._v[1])
        return value

    @property
    def signing_certificates(self) -> list[bytes]:
        """DER certificates of ``KeyDescriptor``s for signing (or without ``use``)."""
        value: list[bytes] = list(self._v[2])
        return value

    @property
    def encryption_certificates(self) -> list[bytes]:
        """DER certificates of ``KeyDescriptor``s for encryption (or without ``use``)."""
        value: list[bytes] = list(self._v[3])
        return value

    @property
    def endpoints(self) -> list[MetadataEndpoint]:
        """Its protocol endpoints, in document order."""
        value: list[MetadataEndpoint] = list(self._v[4])
        return value

    @property
    def display_names(self) -> list[LangString]:
        """``mdui:DisplayName``s."""
        value: list[LangString] = list(self._v[5])
        return value

    @property
    def entity_categories(self) -> list[str]:
        """Its entity categories."""
        value: list[str] = list(self._v[6])
        return value

    @property
    def organization_name(self) -> str | None:
        """``OrganizationName``."""
        value: str | None = self._v[7]
        return value

    @property
    def contact_emails(self) -> list[str]:
        """Every contact's ``EmailAddress``."""
        value: list[str] = list(self._v[8])
        return value

    @property
    def contacts(self) -> list[Contact]:
        """Its ``ContactPerson``s, in document order."""
        value: list[Contact] = list(self._v[9])
        return value

    @property
    def registration_authority(self) -> str | None:
        """``mdrpi:RegistrationInfo/@registrationAuthority``."""
        value: str | None = self._v[10]
        return value

    @property
    def registration_instant(self) -> str | None:
        """``mdrpi:RegistrationInfo/@registrationInstant``, as written."""
        value: str | None = self._v[11]
        return value

    @property
    def group(self) -> str | None:
        """``Name`` of the enclosing ``EntitiesDescriptor``."""
        value: str | None = self._v[12]
        return value

    @property
    def etoegang_role(self) -> Literal["AD", "MR", "KR", "EB", "HM", "DV"] | None:
        """The role of its eToegang role group; ``None`` outside those groups."""
        value: Literal["AD", "MR", "KR", "EB", "HM", "DV"] | None = self._v[13]
        return value

    @property
    def offered_for_ad_selection(self) -> bool:
        """Whether users may choose it as authentication service (``AD`` entities only)."""
        value: bool = self._v[14]
        return value

    @property
    def validated_as(self) -> list[Literal["AD", "MR", "KR", "EB", "HM", "DV"]]:
        """The roles it may be treated as when a message is validated: its group's, and for
        the eIDAS-berichtenservice (``EB``) also ``AD`` and ``MR``.
        """
        value: list[Literal["AD", "MR", "KR", "EB", "HM", "DV"]] = list(self._v[15])
        return value

    def acts_as(self, role: str) -> bool:
        """Whether the entity may be treated as ``role`` (an eToegang abbreviation such as
        ``"AD"``, any case) when a message is validated (see ``validated_as``). Raises
        ``ValueError`` for an unknown abbreviation."""
        if role.upper() not in self._validated_as_names:
            names = ", ".join(f'"{n}"' for n in self._validated_as_names)
            raise ValueError(f"acts_as() argument 'role' must be an eToegang role abbreviation ({names}), not {role!r}")
        return role.upper() in self.validated_as

    def __repr__(self) -> str:
        return f"<trustmeta.MetadataEntity entity_id={self.entity_id!r}, roles={self.roles!r}, group={self.group!r}>"


class VerifiedOcspResponse(_Record):
    """A verified OCSP response about one certificate."""

    __slots__ = ()
    _fields = ("status", "revocation_time", "revocation_reason", "responder", "delegated", "signature_algorithm", "cert_id_hash", "this_update", "next_update", "produced_at", "verified_at")
    _status_names: ClassVar[tuple[str, ...]] = ("good", "revoked", "unknown",)
    _revocation_reason_names: ClassVar[tuple[str, ...]] = ("unspecified", "keyCompromise", "cACompromise", "affiliationChanged", "superseded", "cessationOfOperation", "certificateHold", "removeFromCRL", "privilegeWithdrawn", "aACompromise",)

    @property
    def status(self) -> Literal["good", "revoked", "unknown"]:
        """What the responder says about the certificate."""
        value: Literal["good", "revoked", "unknown"] = self._v[0]
        return value

    @property
    def revocation_time(self) -> datetime | None:
        """When it was revoked."""
        value: datetime | None = self._v[1]
        return value

    @property
    def revocation_reason(self) -> Literal["unspecified", "keyCompromise", "cACompromise", "affiliationChanged", "superseded", "cessationOfOperation", "certificateHold", "removeFromCRL", "privilegeWithdrawn", "aACompromise"] | None:
        """Why it was revoked (the RFC 5280 name), when the responder says."""
        value: Literal["unspecified", "keyCompromise", "cACompromise", "affiliationChanged", "superseded", "cessationOfOperation", "certificateHold", "removeFromCRL", "privilegeWithdrawn", "aACompromise"] | None = self._v[2]
        return value

    @property
    def responder(self) -> Certificate:
        """The certificate that signed the response."""
        value: Certificate = self._v[3]
        return value

    @property
    def delegated(self) -> bool:
        """Whether a delegated responder signed, not the CA itself."""
        value: bool = self._v[4]
        return value

    @property
    def signature_algorithm(self) -> str:
        """The response's signature algorithm, by short name (``rsa-sha256``)."""
        value: str = self._v[5]
        return value

    @property
    def cert_id_hash(self) -> str:
        """The digest algorithm of the ``CertID``, by short name (``sha1``, ``sha256``)."""
        value: str = self._v[6]
        return value

    @property
    def this_update(self) -> datetime:
        """``thisUpdate``."""
        value: datetime = self._v[7]
        return value

    @property
    def next_update(self) -> datetime | None:
        """``nextUpdate``."""
        value: datetime | None = self._v[8]
        return value

    @property
    def produced_at(self) -> datetime:
        """``producedAt``."""
        value: datetime = self._v[9]
        return value

    @property
    def verified_at(self) -> datetime:
        """The time the verification used."""
        value: datetime = self._v[10]
        return value


# The native converter finds each record's class here, by the table's name.
_BY_NAME: dict[str, type] = {
    "reference": Reference,
    "certificate": Certificate,
    "signature": Signature,
    "document": VerifiedDocument,
    "endpoint": Endpoint,
    "filtered_endpoint": FilteredEndpoint,
    "redirect": Redirect,
    "service_metadata": VerifiedServiceMetadata,
    "service_reference": ServiceReference,
    "service_group": VerifiedServiceGroup,
    "extension_signature": ExtensionSignature,
    "decrypted_part": DecryptedPart,
    "unverified_assertion": UnverifiedAssertion,
    "country": Country,
    "ncp": Ncp,
    "ncp_choice": NcpChoice,
    "learner": Learner,
    "elmo": VerifiedElmo,
    "lang_string": LangString,
    "tsl_pointer": TslPointer,
    "tsl_service": TslService,
    "tsl_provider": TslProvider,
    "openncp_service": OpenNcpService,
    "openncp_list": OpenNcpList,
    "smp_record": SmpRecord,
    "tsl": VerifiedTsl,
    "saml_attribute": SamlAttribute,
    "saml_response": VerifiedSamlResponse,
    "requested_attribute": RequestedAttribute,
    "authn_request": VerifiedAuthnRequest,
    "etoegang_name": EtoegangName,
    "duration": Duration,
    "metadata": VerifiedMetadata,
    "entity_ref": EntityRef,
    "metadata_endpoint": MetadataEndpoint,
    "contact": Contact,
    "metadata_entity": MetadataEntity,
    "ocsp": VerifiedOcspResponse,
}

for _class in _BY_NAME.values():
    # Public as trustmeta.<Class>, which is where they are documented and pickled from.
    _class.__module__ = "trustmeta"
