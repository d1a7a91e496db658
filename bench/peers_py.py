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
"""
import datetime
import os
import sys
import time

d = sys.argv[1] if len(sys.argv) > 1 else "target/bench-fixtures"
BATCH = int(os.environ.get("TRUSTMETA_BENCH_BATCH_MS", "200")) / 1000
BATCHES = max(1, int(os.environ.get("TRUSTMETA_BENCH_BATCHES", "7")))

FIXTURES = [  # name, certificate, a signed string and what to change it to
    ("smp-signed.xml", "rsa.crt", b"https://ap.example.eu/as4", b"https://ap.example.eu/as5"),
    ("smp-signed-ec.xml", "ec.crt", b"https://ap.example.eu/as4", b"https://ap.example.eu/as5"),
    ("saml-response.xml", "rsa.crt", b"NL/EU/123456", b"NL/EU/123457"),
    ("saml-response-signed.xml", "rsa.crt", b"NL/EU/123456", b"NL/EU/123457"),
]


def rd(name):
    with open(os.path.join(d, name), "rb") as f:
        return f.read()


def measure(fn):
    t0, calls = time.perf_counter(), 0
    while calls < 3 or time.perf_counter() - t0 < BATCH / 2:
        fn()
        calls += 1
    n = max(1, int(BATCH / ((time.perf_counter() - t0) / calls)))
    times = []
    for _ in range(BATCHES):
        t = time.perf_counter()
        for _ in range(n):
            fn()
        times.append((time.perf_counter() - t) / n)
    times.sort()
    return times[len(times) // 2], times[0], n


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
