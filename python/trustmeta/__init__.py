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

EMREX results: ``trustmeta.Emreg.parse(list_bytes)`` reads the EMREG registry list (NCPs,
countries, ``choices(country)``); ``trustmeta.verify_elmo(xml, emreg, ncp=...)`` verifies an
ELMO file against that NCP's certificate and returns the learner it is about
(``decode_elmo_field`` first for the ``elmo`` form field).

ETSI trusted lists: ``trustmeta.verify_tsl(xml, store)`` verifies a trusted list (the EU
list of lists, a national list, an OpenNCP NCP configuration list) and returns what it
says (scheme, pointers, providers and services); ``openncp`` gives the NCP roles and
``to_smp()`` the SMP records of an NCP configuration list.

SAML (Web Browser SSO, STORK, eIDAS): ``trustmeta.verify_saml_response(xml, trust,
audience=..., acs=..., cache=...)`` verifies a Response against an :class:`IssuerTrust`
and returns its signed assertion (subject, attributes, conditions), refusing a replay
that the :class:`ReplayCache` (or, shared by every worker, the
:class:`RedisReplayCache`) remembers; ``verify_saml_request`` (and
``verify_saml_request_redirect``) verify an AuthnRequest; ``decode_post_binding``
decodes the HTTP-POST form value. Encrypted assertions, NameIDs and attributes are
decrypted with the relying party's :class:`DecryptionKeys` (``decrypt_keys=``).

SAML metadata: ``trustmeta.verify_metadata(xml, store, profile=...)`` verifies a metadata
aggregate or entity (``"generic"`` or ``"etoegang"``; streamed above 4 MiB) and returns a
:class:`VerifiedMetadata`; ``verify_metadata_file`` and :class:`MetadataStreamVerifier`
verify large aggregates in pieces; the result's ``entity_ids()``, ``find_entity()`` and
``read_entities()`` read the entities of the document that verified;
``metadata_issuer_trust`` turns metadata into an :class:`IssuerTrust`.

The work is done by the trustmeta Rust core: no I/O, no network, DOCTYPEs refused,
same-document references only, SHA-1 and weak keys refused unless allowed. The one
exception is :class:`SmpLookup` (``smp_lookup``), which asks DNS and fetches the record
over HTTP(S) before verifying it the same way.
"""

from __future__ import annotations

# The exceptions first: the native module imports them.
from . import exceptions
from .exceptions import *  # noqa: F403
from ._trustmeta import (
    ERROR_CLASSES,
    ERROR_CODES,
    DecryptionKeys,
    Emreg,
    IssuerTrust,
    MetadataStreamVerifier,
    RedisReplayCache,
    ReplayCache,
    TrustStore,
    __version__,
    version,
)
from . import _files, _lookup, _metadata_source, _operations, _records, _replay, _types
from ._files import *  # noqa: F403
from ._lookup import *  # noqa: F403
from ._metadata_source import *  # noqa: F403
from ._replay import *  # noqa: F403
from ._operations import *  # noqa: F403
from ._records import *  # noqa: F403
from ._types import *  # noqa: F403

__all__ = sorted(
    [
        "ERROR_CLASSES",
        "ERROR_CODES",
        "DecryptionKeys",
        "Emreg",
        "IssuerTrust",
        "MetadataStreamVerifier",
        "RedisReplayCache",
        "ReplayCache",
        "TrustStore",
        "__version__",
        "version",
        *exceptions.__all__,
        *_files.__all__,
        *_lookup.__all__,
        *_metadata_source.__all__,
        *_replay.__all__,
        *_operations.__all__,
        *_records.__all__,
        *_types.__all__,
    ]
)
