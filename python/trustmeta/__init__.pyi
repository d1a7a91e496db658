"""trustmeta: verify signed trust metadata against trust anchors you choose."""

from ._trustmeta import (
    ERROR_CLASSES as ERROR_CLASSES,
    ERROR_CODES as ERROR_CODES,
    Reference as Reference,
    TrustStore as TrustStore,
    VerifiedDocument as VerifiedDocument,
    __version__ as __version__,
    verify as verify,
    version as version,
)
from .exceptions import (
    InvalidSignature as InvalidSignature,
    MalformedDocument as MalformedDocument,
    MalformedSignature as MalformedSignature,
    UnsupportedAlgorithm as UnsupportedAlgorithm,
    UntrustedSigner as UntrustedSigner,
    VerificationError as VerificationError,
)

__all__ = [
    "ERROR_CLASSES",
    "ERROR_CODES",
    "InvalidSignature",
    "MalformedDocument",
    "MalformedSignature",
    "Reference",
    "TrustStore",
    "UnsupportedAlgorithm",
    "UntrustedSigner",
    "VerificationError",
    "VerifiedDocument",
    "__version__",
    "verify",
    "version",
]
