#!/usr/bin/env python3
"""In-process verify timings from Python: python-xmlsec (libxmlsec1), signxml, pybergshamra
(the pure-Rust bergshamra) and, when importable, the trustmeta wheel.

usage: peers_py.py [FIXDIR]    (default target/bench-fixtures)
env:   TRUSTMETA_BENCH_BATCH_MS (200), TRUSTMETA_BENCH_BATCHES (7)

Each verifier is set up once per fixture (key or trust store loaded once, as a server
would), then each timed call parses and verifies the document bytes. Every verifier must
accept the fixture and reject a copy with one signed character changed, or it is not
timed. Lines have the format of core/benches/verify.rs:
    IMPL  FIXTURE  MEDIAN us/verify  (best B, BATCHESxN)

Then decryption (saml-eidas*.xml, see make_fixtures.py): python-xmlsec, what python3-saml
runs underneath, verifying the Response signature, decrypting the EncryptedAssertion with
the relying party's key and verifying the Assertion's signature (the plaintext twin: both
signatures); and the trustmeta wheel's verify_saml_response with decrypt_keys. A copy
whose content ciphertext has one character changed (FILE.tampered) must be refused.
"""
import datetime
import os
import sys

from timing import BATCHES, measure

d = sys.argv[1] if len(sys.argv) > 1 else "target/bench-fixtures"
FIXTURES = [  # name, certificate, a signed string and what to change it to
    ("smp-signed.xml", "rsa.crt", b"https://ap.example.eu/as4", b"https://ap.example.eu/as5"),
    ("smp-signed-ec.xml", "ec.crt", b"https://ap.example.eu/as4", b"https://ap.example.eu/as5"),
    ("saml-response.xml", "rsa.crt", b"NL/EU/123456", b"NL/EU/123457"),
    ("saml-response-signed.xml", "rsa.crt", b"NL/EU/123456", b"NL/EU/123457"),
]


def rd(name):
    with open(os.path.join(d, name), "rb") as f:
        return f.read()


# Each peer: name -> setup(cert_pem) returning verify(data: bytes) that raises or returns
# False on failure.
peers = []
missing = []

try:
    import xmlsec
    from lxml import etree

    def xmlsec_setup(crt):
        key = xmlsec.Key.from_memory(crt, xmlsec.constants.KeyDataFormatCertPem)

        def verify(data):
            root = etree.fromstring(data)
            xmlsec.tree.add_ids(root, ["ID"])
            sig = xmlsec.tree.find_node(root, xmlsec.constants.NodeSignature)
            ctx = xmlsec.SignatureContext()
            ctx.key = key
            ctx.verify(sig)  # raises xmlsec.VerificationError
            return True

        return verify

    peers.append(("python-xmlsec", xmlsec_setup))
except ImportError as e:
    missing.append(f"python-xmlsec ({e})")

try:
    from signxml import XMLVerifier

    def signxml_setup(crt):
        pem = crt.decode()

        def verify(data):
            XMLVerifier().verify(data, x509_cert=pem)  # raises InvalidSignature
            return True

        return verify

    peers.append(("signxml", signxml_setup))
except ImportError as e:
    missing.append(f"signxml ({e})")

try:
    import pybergshamra as bg

    def bergshamra_setup(crt):
        km = bg.KeysManager()
        km.add_key(bg.load_x509_cert_pem(crt))
        ctx = bg.DsigContext(km)

        def verify(data):
            return bool(bg.verify(ctx, data.decode()))

        return verify

    peers.append(("pybergshamra", bergshamra_setup))
except ImportError as e:
    missing.append(f"pybergshamra ({e})")

try:
    import trustmeta

    def trustmeta_setup(crt):
        store = trustmeta.TrustStore.from_pem(crt)
        now = datetime.datetime.now(datetime.timezone.utc)

        def verify(data):
            trustmeta.verify(data, store, now=now)  # raises VerificationError
            return True

        return verify

    peers.insert(0, ("trustmeta-py", trustmeta_setup))
except ImportError as e:
    missing.append(f"trustmeta-py (no wheel installed: {e})")

for m in missing:
    print(f"# not measured: {m}")
versions = []
for mod, label in [("xmlsec", "python-xmlsec"), ("signxml", "signxml"), ("pybergshamra", "pybergshamra"), ("trustmeta", "trustmeta")]:
    try:
        from importlib.metadata import version

        versions.append(f"{label} {version(mod)}")
    except Exception:  # noqa: BLE001 - only for the header line
        pass
print(f"# python {sys.version.split()[0]}: " + ", ".join(versions))

for name, cert, good, bad in FIXTURES:
    data = rd(name)
    tampered = data.replace(good, bad, 1)
    assert tampered != data, name
    crt = rd(cert)
    for label, setup in peers:
        try:
            verify = setup(crt)
            if not verify(data):
                raise ValueError("returned False")
        except Exception as e:  # noqa: BLE001 - a peer that cannot do it is reported
            print(f"{label:<22} {name:<26} does not verify: {type(e).__name__}: {str(e)[:120]}")
            continue
        try:
            rejected = not verify(tampered)
        except Exception:  # noqa: BLE001 - rejection by exception is the norm
            rejected = True
        if not rejected:
            print(f"{label:<22} {name:<26} ACCEPTS A TAMPERED COPY: not timed")
            continue
        med, best, n = measure(lambda: verify(data))
        print(f"{label:<22} {name:<26} {med * 1e6:10.1f} us/verify  (best {best * 1e6:.1f}, {BATCHES}x{n})", flush=True)


# ---------------------------------------------------------------- decryption
DECRYPT = [  # fixture, the relying party's decryption key (None: the plaintext twin)
    ("saml-eidas.xml", None),
    ("saml-eidas-enc-rsa.xml", "sp-rsa3072.key"),
    ("saml-eidas-enc-ec.xml", "sp-ec.key"),
]
NS = {
    "ds": "http://www.w3.org/2000/09/xmldsig#",
    "saml2": "urn:oasis:names:tc:SAML:2.0:assertion",
    "xenc": "http://www.w3.org/2001/04/xmlenc#",
}
dpeers = []
try:
    import xmlsec
    from lxml import etree

    def xmlsec_saml_setup(idp_crt, sp_key):
        sig_key = xmlsec.Key.from_memory(idp_crt, xmlsec.constants.KeyDataFormatCertPem)
        manager = None
        if sp_key is not None:
            manager = xmlsec.KeysManager()
            manager.add_key(xmlsec.Key.from_memory(sp_key, xmlsec.constants.KeyDataFormatPem))

        def check(sig):
            ctx = xmlsec.SignatureContext()
            ctx.key = sig_key
            ctx.verify(sig)  # raises xmlsec.VerificationError

        def verify(data):
            root = etree.fromstring(data)
            xmlsec.tree.add_ids(root, ["ID"])
            check(root.find("ds:Signature", NS))
            if manager is None:
                assertion = root.find("saml2:Assertion", NS)
            else:
                ed = root.find("saml2:EncryptedAssertion/xenc:EncryptedData", NS)
                assertion = xmlsec.EncryptionContext(manager).decrypt(ed)
                xmlsec.tree.add_ids(assertion, ["ID"])
            check(assertion.find("ds:Signature", NS))
            return True

        return verify

    dpeers.append(("python-xmlsec", xmlsec_saml_setup))
except ImportError:
    pass  # already reported above

try:
    import trustmeta

    if not hasattr(trustmeta, "DecryptionKeys") or not hasattr(trustmeta, "verify_saml_response"):
        raise AttributeError("the installed wheel has no DecryptionKeys / verify_saml_response")

    def trustmeta_saml_setup(idp_crt, sp_key):
        trust = trustmeta.IssuerTrust.any_issuer(trustmeta.TrustStore.from_pem(idp_crt))
        keys = trustmeta.DecryptionKeys.from_pem(sp_key) if sp_key is not None else None
        now = datetime.datetime.now(datetime.timezone.utc)

        def verify(data):
            trustmeta.verify_saml_response(
                data, trust, audience="https://sp.example.eu", acs="https://sp.example.eu/acs",
                request_id="_req1", now=now, profile="eidas", signed="both", decrypt_keys=keys)
            return True

        return verify

    dpeers.insert(0, ("trustmeta-py", trustmeta_saml_setup))
except ImportError:
    pass  # already reported above
except AttributeError as e:
    print(f"# not measured: trustmeta-py decrypt + verify ({e})")

if not os.path.exists(os.path.join(d, "saml-eidas.xml")):
    print("# not measured: decryption (no saml-eidas.xml; remake the fixtures)")
    dpeers = []
elif "python-xmlsec" in [label for label, _ in dpeers]:
    print(f"# python-xmlsec decryption with libxmlsec1 {'.'.join(map(str, xmlsec.get_libxmlsec_version()))}")
for name, key in DECRYPT if dpeers else []:
    if not os.path.exists(os.path.join(d, name)):
        print(f"# not measured: {name} (no such fixture)")
        continue
    data = rd(name)
    tampered = rd(name + ".tampered") if key else data.replace(b"ES/NL/02635542Y", b"ES/NL/02635542Z", 1)
    assert tampered != data, name
    for label, setup in dpeers:
        try:
            verify = setup(rd("ec.crt"), rd(key) if key else None)
            if not verify(data):
                raise ValueError("returned False")
        except Exception as e:  # noqa: BLE001 - a peer that cannot do it is reported
            why = f"{type(e).__name__}: {str(e)[:120]}"
            if label == "python-xmlsec" and name == "saml-eidas-enc-ec.xml":
                # Key agreement came with libxmlsec1 1.3.0, which also disabled reading
                # keys from KeyValue and DEREncodedKeyValue unless a KeyInfo context
                # enables them; the originator's ephemeral key is only given that way,
                # and python-xmlsec's EncryptionContext cannot enable them.
                v = xmlsec.get_libxmlsec_version()
                why = (f"no ECDH-ES in libxmlsec1 {'.'.join(map(str, v))}" if v < (1, 3) else
                       f"libxmlsec1 {'.'.join(map(str, v))} does not read the originator's KeyValue "
                       f"(disabled by default; EncryptionContext cannot enable it): {why}")
                print(f"{label:<22} {name:<26} not supported: {why}")
            else:
                print(f"{label:<22} {name:<26} does not verify: {why}")
            continue
        try:
            rejected = not verify(tampered)
        except Exception:  # noqa: BLE001 - rejection by exception is the norm
            rejected = True
        if not rejected:
            print(f"{label:<22} {name:<26} ACCEPTS A TAMPERED COPY: not timed")
            continue
        med, best, n = measure(lambda: verify(data))
        what = "decrypt + verify" if key else "verify only (the plaintext twin)"
        print(f"{label:<22} {name:<26} {med * 1e6:10.1f} us/verify  (best {best * 1e6:.1f}, {BATCHES}x{n})  {what}", flush=True)
