#!/usr/bin/env python3
"""A test identity provider and federation for the ACS example, independent of trustmeta:
keys and certificates from `openssl`, signatures from lxml's exclusive C14N and the
`cryptography` package (enveloped signature, rsa-sha256, exc-c14n, sha256 digest).

usage: fixtures.py OUT_DIR [--responses N] [--sp-entity-id ID] [--acs-url URL]

Writes into OUT_DIR (made once, then reused):
  federation.key/.pem   the federation's signing key and self-signed certificate (the
                        trust anchor the service is configured with)
  idp.key/.pem          the identity provider https://idp.example.org/idp
  idp2.key/.pem         a second identity provider of the federation
  rogue.key/.pem        a key outside the federation (its responses name an issuer the
                        aggregate does not hold)
  metadata.xml          the federation's aggregate: both identity providers and the SP,
                        signed by federation.key, valid for 7 days from now
and N responses (default 3) for the HTTP-POST binding, `response-<i>.b64`, valid for an
hour, ready for `curl --data-urlencode SAMLResponse@response-0.b64`.

Imported by python/tests/test_acs_service.py and bench/acs_load.py, which make many
responses with `Idp.response`.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from lxml import etree  # type: ignore[import-untyped]

SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
MD = "urn:oasis:names:tc:SAML:2.0:metadata"
DS = "http://www.w3.org/2000/09/xmldsig#"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"

IDP = "https://idp.example.org/idp"
IDP2 = "https://idp2.example.org/idp"
ROGUE = "https://rogue.example.net/idp"
SP_ENTITY_ID = "https://sp.example.org/metadata"
ACS_URL = "https://sp.example.org/acs"

SIGNED_INFO = (
    f'<ds:SignedInfo xmlns:ds="{DS}">'
    f'<ds:CanonicalizationMethod Algorithm="{EXC_C14N}"/>'
    '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>'
    '<ds:Reference URI="#{ref}"><ds:Transforms>'
    '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>'
    f'<ds:Transform Algorithm="{EXC_C14N}"/></ds:Transforms>'
    '<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>'
    "<ds:DigestValue>{digest}</ds:DigestValue></ds:Reference></ds:SignedInfo>"
)


def xs_time(t: datetime) -> str:
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def make_key(out: Path, name: str, subject: str) -> None:
    """An RSA-2048 key and a self-signed certificate valid for ten years, by openssl."""
    if (out / f"{name}.pem").exists() and (out / f"{name}.key").exists():
        return
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "3650",
         "-keyout", str(out / f"{name}.key"), "-out", str(out / f"{name}.pem"), "-subj", subject],
        check=True, capture_output=True,
    )


@dataclass
class Signer:
    """Signs one element of a document with an enveloped signature."""

    key_path: Path
    cert_path: Path
    _key: Any = field(init=False, repr=False)
    _cert_b64: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        key = serialization.load_pem_private_key(self.key_path.read_bytes(), password=None)
        assert isinstance(key, rsa.RSAPrivateKey)
        self._key = key
        self._cert_b64 = "".join(line for line in self.cert_path.read_text().splitlines() if "-----" not in line)

    @property
    def cert_b64(self) -> str:
        return self._cert_b64

    def sign(self, target: Any) -> None:
        """Puts a ds:Signature over ``target`` (an lxml element with an ``ID``) as its
        child after its Issuer (or first, when it has none). The digest is taken before
        the signature is inserted, which is what the enveloped-signature transform gives
        back: the signature is inserted without surrounding text."""
        ref = target.get("ID")
        digest = hashlib.sha256(etree.tostring(target, method="c14n", exclusive=True, with_comments=False)).digest()
        signed_info = etree.fromstring(SIGNED_INFO.format(ref=ref, digest=base64.b64encode(digest).decode()))
        sig = etree.Element(f"{{{DS}}}Signature", nsmap={"ds": DS})
        sig.append(signed_info)
        etree.SubElement(sig, f"{{{DS}}}SignatureValue")
        x509 = etree.SubElement(etree.SubElement(etree.SubElement(sig, f"{{{DS}}}KeyInfo"), f"{{{DS}}}X509Data"), f"{{{DS}}}X509Certificate")
        x509.text = self._cert_b64
        first = target[0] if len(target) else None
        if first is not None and first.tag in (f"{{{SAML}}}Issuer",):
            first.addnext(sig)
        else:
            target.insert(0, sig)
            sig.tail = None
        c14n = etree.tostring(signed_info, method="c14n", exclusive=True, with_comments=False)
        value = self._key.sign(c14n, padding.PKCS1v15(), hashes.SHA256())
        sig[1].text = base64.b64encode(value).decode()


RESPONSE = (
    f'<samlp:Response xmlns:samlp="{SAMLP}" xmlns:saml="{SAML}" Destination="{{acs}}" ID="_r{{aid}}" '
    'IssueInstant="{issued}" Version="2.0"><saml:Issuer>{issuer}</saml:Issuer>'
    '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>'
    '<saml:Assertion ID="{aid}" IssueInstant="{issued}" Version="2.0"><saml:Issuer>{issuer}</saml:Issuer>'
    '<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">{name_id}</saml:NameID>'
    '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">'
    '<saml:SubjectConfirmationData NotOnOrAfter="{until}" Recipient="{acs}"/></saml:SubjectConfirmation></saml:Subject>'
    '<saml:Conditions NotBefore="{not_before}" NotOnOrAfter="{until}"><saml:AudienceRestriction>'
    "<saml:Audience>{audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions>"
    '<saml:AuthnStatement AuthnInstant="{issued}" SessionIndex="_s{aid}"><saml:AuthnContext>'
    "<saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef>"
    "</saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>"
    '<saml:Attribute FriendlyName="mail" Name="urn:oid:0.9.2342.19200300.100.1.3" '
    'NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue>{mail}</saml:AttributeValue></saml:Attribute>'
    '<saml:Attribute FriendlyName="eduPersonAffiliation" Name="urn:oid:1.3.6.1.4.1.5923.1.1.1.1" '
    'NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue>member</saml:AttributeValue>'
    "<saml:AttributeValue>staff</saml:AttributeValue></saml:Attribute>"
    "</saml:AttributeStatement></saml:Assertion></samlp:Response>"
)


@dataclass
class Idp:
    """An identity provider issuing unsolicited responses whose Assertion it signs."""

    entity_id: str
    signer: Signer
    audience: str = SP_ENTITY_ID
    acs: str = ACS_URL

    def response(self, assertion_id: str, *, user: str = "alice", issued: datetime | None = None, lifetime: timedelta = timedelta(hours=1)) -> bytes:
        """A signed Response, issued at ``issued`` (now by default), whose assertion
        and bearer confirmation end ``lifetime`` later (a negative or short one in the
        past makes an expired response)."""
        issued = issued or datetime.now(timezone.utc)
        xml = RESPONSE.format(
            acs=self.acs, audience=self.audience, aid=assertion_id, issuer=self.entity_id, name_id=f"{user}-persistent-id",
            mail=f"{user}@example.org", issued=xs_time(issued), not_before=xs_time(issued - timedelta(minutes=1)),
            until=xs_time(issued + lifetime),
        )
        root = etree.fromstring(xml)
        self.signer.sign(root.find(f"{{{SAML}}}Assertion"))
        out: bytes = etree.tostring(root)
        return out


def tamper(response: bytes) -> bytes:
    """The same response with one signed character changed: the subject's e-mail."""
    changed = response.replace(b"@example.org</saml:AttributeValue>", b"@example.com</saml:AttributeValue>", 1)
    assert changed != response
    return changed


def post_value(response: bytes) -> str:
    """The HTTP-POST binding's SAMLResponse form value (base64)."""
    return base64.b64encode(response).decode()


def entity(entity_id: str, role: str, cert_b64: str, endpoint: str) -> str:
    return (
        f'  <md:EntityDescriptor entityID="{entity_id}">\n'
        f'    <md:{role} protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">\n'
        f'      <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{cert_b64}'
        "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>\n"
        f"      {endpoint}\n"
        f"    </md:{role}>\n"
        "  </md:EntityDescriptor>\n"
    )


def aggregate(federation: Signer, idps: list[Idp], sp_cert_b64: str, *, now: datetime | None = None, valid: timedelta = timedelta(days=7)) -> bytes:
    """The federation's signed metadata aggregate: the identity providers and the SP."""
    now = now or datetime.now(timezone.utc)
    sp = entity(
        SP_ENTITY_ID, "SPSSODescriptor", sp_cert_b64,
        f'<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="{ACS_URL}" index="0"/>',
    )
    body = "".join(
        entity(idp.entity_id, "IDPSSODescriptor", idp.signer.cert_b64,
               f'<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="{idp.entity_id}/sso"/>')
        for idp in idps
    )
    xml = (
        f'<md:EntitiesDescriptor xmlns:md="{MD}" xmlns:ds="{DS}" ID="_agg-{int(now.timestamp())}" '
        f'Name="urn:example:federation" validUntil="{xs_time(now + valid)}">\n{body}{sp}</md:EntitiesDescriptor>\n'
    )
    root = etree.fromstring(xml)
    federation.sign(root)
    out: bytes = b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root)
    return out


@dataclass
class Federation:
    """The keys of OUT_DIR, and the identity providers made from them."""

    dir: Path
    federation: Signer
    idp: Idp
    idp2: Idp
    rogue: Idp

    @classmethod
    def make(cls, out: Path, *, audience: str = SP_ENTITY_ID, acs: str = ACS_URL, write_metadata: bool = True) -> Federation:
        """Makes the keys (once) and writes metadata.xml (unless told not to: every time,
        valid 7 days)."""
        out.mkdir(parents=True, exist_ok=True)
        for name, subject in (("federation", "/O=Example Federation/CN=metadata signer"), ("idp", "/O=Example IdP/CN=idp.example.org"),
                              ("idp2", "/O=Example IdP 2/CN=idp2.example.org"), ("rogue", "/O=Rogue/CN=rogue.example.net"),
                              ("sp", "/O=Example SP/CN=sp.example.org")):
            make_key(out, name, subject)

        def signer(name: str) -> Signer:
            return Signer(out / f"{name}.key", out / f"{name}.pem")

        fed = cls(
            out, signer("federation"), Idp(IDP, signer("idp"), audience, acs), Idp(IDP2, signer("idp2"), audience, acs),
            Idp(ROGUE, signer("rogue"), audience, acs),
        )
        if write_metadata:
            (out / "metadata.xml").write_bytes(aggregate(fed.federation, [fed.idp, fed.idp2], signer("sp").cert_b64))
        return fed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--responses", type=int, default=3)
    ap.add_argument("--sp-entity-id", default=SP_ENTITY_ID)
    ap.add_argument("--acs-url", default=ACS_URL)
    a = ap.parse_args()
    fed = Federation.make(a.out, audience=a.sp_entity_id, acs=a.acs_url)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    for i in range(a.responses):
        (a.out / f"response-{i}.b64").write_text(post_value(fed.idp.response(f"_a{stamp}-{i}", user=f"user{i}")))
    print(f"fixtures.py: {a.out}/metadata.xml (trust anchor {a.out}/federation.pem), {a.responses} responses", file=sys.stderr)


if __name__ == "__main__":
    main()
