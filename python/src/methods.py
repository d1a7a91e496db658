"""Methods of the generated record classes beyond their fields.

Not part of the package: the generator (table/src/gen/python.rs) copies what stands
before the first class into trustmeta/_records.py, and the body of each ``class Name:``
section into the generated class ``Name`` there.
"""

from __future__ import annotations

import base64
import binascii

from ._trustmeta import TrustStore


def _face(method: str, face: str) -> None:
    if face not in ("NCP-A", "NCP-B"):
        raise ValueError(f"{method}() argument 'face' must be \"NCP-A\" or \"NCP-B\", not {face!r}")


def _time(t: datetime) -> str:
    return t.isoformat().replace("+00:00", "Z")


class VerifiedDocument:
    def __repr__(self) -> str:
        elements = [r.element for r in self.references]
        return (
            f"<trustmeta.VerifiedDocument signer_subject={self.signer_subject!r}, "
            f"signer_sha256={self.signer_sha256!r}, signer_key={self.signer_key!r}, "
            f"pinned={self.pinned!r}, signature_algorithm={self.signature_algorithm!r}, "
            f"elements={elements!r}, legacy_algorithms={self.legacy_algorithms!r}, "
            f"verified_at={_time(self.verified_at)!r}>"
        )


class Ncp:
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


class OpenNcpList:
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


class VerifiedTsl:
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


class VerifiedSamlResponse:
    def attribute(self, name: str) -> SamlAttribute | None:
        """The first attribute whose ``Name`` or ``FriendlyName`` is ``name``; ``None``
        when there is none."""
        for a in self.attributes:
            if name in (a.name, a.friendly_name):
                return a
        return None


class VerifiedMetadata:
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


class MetadataEndpoint:
    def __repr__(self) -> str:
        return f"MetadataEndpoint(kind={self.kind!r}, binding={self.binding!r}, location={self.location!r}, index={self.index!r})"


class MetadataEntity:
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
