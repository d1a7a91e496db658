# Generated from the table (table/src/records.rs, table/src/ops.rs) by `cargo run -p trustmeta-table --bin generate`; do not edit.
"""The types of the operations' arguments: one ``Literal`` alias per list of names
a choice argument takes (so that a misspelled option fails the type checker), and
``Buffer``, what a byte argument accepts: ``bytes`` or any object with the buffer
protocol (``bytearray``, a contiguous ``memoryview``, ``mmap.mmap``)."""

from __future__ import annotations

import mmap
import sys
from typing import Literal, Union

if sys.version_info >= (3, 12):
    from collections.abc import Buffer
else:
    Buffer = Union[bytes, bytearray, memoryview, mmap.mmap]

__all__ = [
    "MetadataProfileName",
    "SamlProfileName",
    "SignedPartsName",
    "TrustRoleName",
]

SamlProfileName = Union[Literal["generic"], Literal["stork"], Literal["eidas"]]
"""The names accepted by ``verify_saml_response(profile=...)``,
``verify_saml_request(profile=...)``, ``verify_saml_request_redirect(profile=...)``.
"""

SignedPartsName = Union[Literal["any"], Literal["response"], Literal["assertion"], Literal["both"]]
"""The names accepted by ``verify_saml_response(signed=...)``."""

MetadataProfileName = Union[Literal["generic"], Literal["etoegang"]]
"""The names accepted by ``verify_metadata(profile=...)``,
``metadata_stream(profile=...)``, ``metadata_issuer_trust(profile=...)``.
"""

TrustRoleName = Union[Literal["IDPSSODescriptor"], Literal["SPSSODescriptor"], Literal["AttributeAuthorityDescriptor"], Literal["AuthnAuthorityDescriptor"], Literal["PDPDescriptor"]]
"""The names accepted by ``metadata_issuer_trust(role=...)``."""
