"""trustmeta: verify signed trust metadata against trust anchors you choose.

SMP records, SAML metadata and messages, EMREX results and trusted lists are signed
XML. ``trustmeta.verify`` answers one question: *is this document signed by someone I
trust, and what exactly did they sign?* Bytes go in; a :class:`VerifiedDocument` comes
out, or a :class:`VerificationError` with a stable ``.code`` is raised — never a
``False`` to forget to check.

Example::

    from pathlib import Path
    import trustmeta

    store = trustmeta.TrustStore.from_pem(Path("signer.pem").read_bytes())
    doc = trustmeta.verify(Path("smp-signed.xml").read_bytes(), store)
    print(doc.signer_sha256)

SMP records: ``trustmeta.verify_smp(xml, store, participant=..., document=...)`` verifies
a ServiceMetadata record as the answer to that question and returns its endpoints;
``trustmeta.smp_name(participant, zone)`` computes the DNS name to look the SMP up.

The work is done by the trustmeta Rust core: no I/O, no network, DOCTYPEs refused,
same-document references only, SHA-1 and weak keys refused unless allowed.
"""

from __future__ import annotations

# The exceptions first: the native module imports them.
from .exceptions import (
    InvalidSignature,
    MalformedDocument,
    MalformedSignature,
    SmpError,
    UnsupportedAlgorithm,
    UntrustedSigner,
    VerificationError,
)
from ._trustmeta import (
    ERROR_CLASSES,
    ERROR_CODES,
    Endpoint,
    ExtensionSignature,
    FilteredEndpoint,
    Redirect,
    Reference,
    ServiceReference,
    TrustStore,
    VerifiedDocument,
    VerifiedServiceGroup,
    VerifiedServiceMetadata,
    __version__,
    smp_name,
    verify,
    verify_service_group,
    verify_smp,
    verify_smp_extension_signatures,
    verify_smp_redirect,
    version,
)

__all__ = [
    "ERROR_CLASSES",
    "ERROR_CODES",
    "Endpoint",
    "ExtensionSignature",
    "FilteredEndpoint",
    "InvalidSignature",
    "MalformedDocument",
    "MalformedSignature",
    "Redirect",
    "Reference",
    "ServiceReference",
    "SmpError",
    "TrustStore",
    "UnsupportedAlgorithm",
    "UntrustedSigner",
    "VerificationError",
    "VerifiedDocument",
    "VerifiedServiceGroup",
    "VerifiedServiceMetadata",
    "__version__",
    "smp_name",
    "verify",
    "verify_service_group",
    "verify_smp",
    "verify_smp_extension_signatures",
    "verify_smp_redirect",
    "version",
]
