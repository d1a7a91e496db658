#!/usr/bin/env python3
"""pysaml2 as the identity provider https://idp.example.org/: writes encrypted SAML responses
for the relying party https://sp.example.org/metadata into OUTDIR, and OUTDIR/cases.tsv
listing what each must give.

    python3 pysaml2_idp.py OUTDIR

pysaml2 signs and encrypts by running xmlsec1, so xmlsec1 must be on PATH. Its clock is
frozen at 2026-06-01T10:00:00Z (every instant pysaml2 writes comes from saml2.time_util), so
the responses verify at the same instant as the project's own test messages.

The responses:
  a. pysaml2's defaults (its encryption template: tripledes-cbc content, rsa-oaep-mgf1p key
     transport, a des-192 session key; its signatures: rsa-sha1 with SHA-1 digests), the
     assertion signed then encrypted, the Response signed over the EncryptedAssertion;
  b. the same with AES-256-GCM content and rsa-sha256 signatures: pysaml2 has no option for
     the content algorithm, so its template function and session key type are swapped for
     the call;
  c. AES-256-GCM, the assertion signed and encrypted, the Response unsigned.
"""
import calendar
import datetime
import functools
import os
import shutil
import sys
import tempfile
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PKI = "tests/data/xmldsig-gen/pki"
KEYS = "tests/data/saml/encrypted/keys"
IDP = "https://idp.example.org/"
SP = "https://sp.example.org/metadata"
ACS = "https://sp.example.org/acs"
REQUEST_ID = "_req-4711"
NAME_ID = "ross@octolabs.io"
FROZEN = calendar.timegm((2026, 6, 1, 10, 0, 0, 0, 0, 0))
AT = "2026-06-01T10:01:00Z"
AES256_GCM = "http://www.w3.org/2009/xmlenc11#aes256-gcm"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"


class _FrozenTime:
    """The time module as saml2.time_util sees it, with "now" fixed."""

    def __getattr__(self, name):
        return getattr(time, name)

    @staticmethod
    def gmtime(secs=None):
        return time.gmtime(FROZEN if secs is None else secs)


class _FrozenDatetime(datetime.datetime):
    """datetime as saml2.time_util sees it, for the lifetimes it adds to "now"."""

    @classmethod
    def now(cls, tz=None):
        return datetime.datetime.fromtimestamp(FROZEN, tz or datetime.timezone.utc)


def _sp_metadata(path):
    cert = open(os.path.join(REPO, KEYS, "sp-rsa.pem")).read()
    b64 = "".join(line for line in cert.splitlines() if "-----" not in line)
    with open(path, "w") as f:
        f.write(
            f"""<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="{SP}">
<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" WantAssertionsSigned="true">
<md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{b64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="{ACS}" index="0"/>
</md:SPSSODescriptor></md:EntityDescriptor>
"""
        )


def _server(workdir):
    from saml2 import BINDING_HTTP_REDIRECT
    from saml2.config import IdPConfig
    from saml2.server import Server

    md = os.path.join(workdir, "sp-metadata.xml")
    _sp_metadata(md)
    conf = IdPConfig()
    conf.load(
        {
            "entityid": IDP,
            "service": {
                "idp": {
                    "endpoints": {
                        "single_sign_on_service": [("https://idp.example.org/sso", BINDING_HTTP_REDIRECT)],
                    },
                    "policy": {"default": {"lifetime": {"minutes": 5}}},
                    "name_id_format": ["urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"],
                }
            },
            "key_file": os.path.join(REPO, PKI, "leaf-rsa2048.key"),
            "cert_file": os.path.join(REPO, PKI, "leaf-rsa2048.pem"),
            "metadata": {"local": [md]},
            "xmlsec_binary": shutil.which("xmlsec1"),
            "delete_tmpfiles": True,
        }
    )
    return Server(config=conf)


def _response(idp, *, sign_response, sign_assertion, gcm):
    from saml2 import entity, saml
    from saml2.sigver import pre_encryption_part

    name_id = saml.NameID(
        format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
        name_qualifier=IDP,
        sp_name_qualifier=SP,
        text=NAME_ID,
    )
    kwargs = dict(
        identity={"givenName": ["Ross"], "mail": [NAME_ID]},
        in_response_to=REQUEST_ID,
        destination=ACS,
        sp_entity_id=SP,
        name_id=name_id,
        authn={
            "class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
            "authn_auth": IDP,
        },
        sign_response=sign_response,
        sign_assertion=sign_assertion,
        encrypt_assertion=True,
        encrypt_cert_assertion=open(os.path.join(REPO, KEYS, "sp-rsa.pem")).read(),
    )
    if not gcm:
        # pysaml2's own signature defaults too (rsa-sha1, sha1 digests)
        return str(idp.create_authn_response(**kwargs))
    kwargs.update(sign_alg=RSA_SHA256, digest_alg=SHA256)
    orig_part, orig_encrypt = entity.pre_encryption_part, idp.sec.encrypt_assertion
    entity.pre_encryption_part = functools.partial(pre_encryption_part, msg_enc=AES256_GCM)
    idp.sec.encrypt_assertion = functools.partial(orig_encrypt, key_type="aes-256")
    try:
        return str(idp.create_authn_response(**kwargs))
    finally:
        entity.pre_encryption_part, idp.sec.encrypt_assertion = orig_part, orig_encrypt


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: pysaml2_idp.py OUTDIR")
    out = os.path.abspath(sys.argv[1])
    os.makedirs(out, exist_ok=True)

    import saml2
    import saml2.time_util

    saml2.time_util.time = _FrozenTime()
    saml2.time_util.datetime = _FrozenDatetime
    version = getattr(saml2, "__version__", None)
    if version is None:
        from importlib.metadata import version as dist_version

        version = dist_version("pysaml2")

    def rel(path):
        p = os.path.relpath(path, REPO)
        return path if p.startswith("..") else p

    cases = [
        # id, file, sign_response, sign_assertion, gcm, options, expect
        ("pysaml2-default-3des-both-signed", "pysaml2_default-tripledes_both-signed.xml", True, True, False,
         "allow_legacy_encryption,allow_sha1", f"ok {NAME_ID}"),
        ("pysaml2-default-3des-refused", "pysaml2_default-tripledes_both-signed.xml", None, None, None,
         "allow_sha1", "xmlenc.legacy_content_encryption"),
        ("pysaml2-aes256gcm-both-signed", "pysaml2_aes256-gcm_both-signed.xml", True, True, True,
         "signed=both", f"ok {NAME_ID}"),
        ("pysaml2-aes256gcm-assertion-signed", "pysaml2_aes256-gcm_assertion-signed.xml", False, True, True,
         "signed=assertion", f"ok {NAME_ID}"),
        ("pysaml2-aes256gcm-assertion-signed-no-key", "pysaml2_aes256-gcm_assertion-signed.xml", None, None, None,
         "-", "saml.encrypted_unsupported"),
    ]
    trust = f"{PKI}/leaf-rsa2048.pem"
    rows = []
    with tempfile.TemporaryDirectory() as work:
        idp = _server(work)
        for cid, name, sresp, sassert, gcm, opts, expect in cases:
            path = os.path.join(out, name)
            if sresp is not None:
                xml = _response(idp, sign_response=sresp, sign_assertion=sassert, gcm=gcm)
                with open(path, "w") as f:
                    f.write(xml)
                print(f"pysaml2_idp: {name}")
            keys = "-" if expect == "saml.encrypted_unsupported" else f"{KEYS}/sp-rsa.key.pem"
            rows.append([cid, rel(path), trust, AT, SP, ACS, REQUEST_ID, keys, opts, expect])
    manifest = os.path.join(out, "cases.tsv")
    fresh = not os.path.exists(manifest)
    with open(manifest, "a") as f:
        if fresh:
            f.write("id\tfile\ttrust\tat\taudience\tacs\trequest_id\tdecrypt_keys\toptions\texpect\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"pysaml2_idp: pysaml2 {version}, {len(rows)} cases added to {os.path.join(out, 'cases.tsv')}")


if __name__ == "__main__":
    main()
