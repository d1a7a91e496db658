#!/usr/bin/env python3
"""Hostile inputs against the trustmeta CLI: time and peak memory of refusing them.

usage: bench/hostile.py [--bin PATH] [--timeout SECONDS] [--quick] [--runs N]
                        [--fixtures DIR] [--regen] [--only NAME[,NAME...]] [--strict]

Writes hostile documents (streamed to disk, never built in memory) into
target/bench-fixtures/hostile/, then runs the CLI once per process on each, best of 3
runs: wall time with time.perf_counter_ns around the child, peak RSS from os.wait4's
rusage (ru_maxrss) of that child. The child is forked by a bare interpreter started with
subprocess (see RUNNER): forked from this script, ru_maxrss would start at this script's
own resident set (~15 MB), not at the CLI's. Prints one table row per input and command:
size, exit status, the error code (the "error.code" of --json output, else the first
line of stderr), wall ms, peak RSS MB, the goal (DESIGN.md, "Security invariants" 6, 10,
11) and PASS/FAIL against it. A run that takes longer than --timeout (default 120 s) is killed
and reported as "> timeout"; the remaining runs of that row are skipped.

A row passes when the input is refused (exit status 1 with an error code; 0 = accepted,
2 = usage or I/O error, a signal = crash: all FAIL) — or, for the rows whose goal says
"accepted", accepted (exit 0, "valid": true) — within its time goal and, where the goal
names one, under its peak-RSS bound: < 16 MB ("flat"; the CLI takes ~5 MB on a small
valid document, the streamed 100 MB aggregate ~8 MB).

Inputs (--quick divides the 200 MB sizes by 10):
  attrs-1e5         one element with 100,000 attributes a0="" a1="" ...
  nsdecls-1e5       one element with 100,000 declarations xmlns:p0="urn:x0" ...
  ns-copy-7mb       a samlp:Response whose root declares 55 namespaces with ~100-byte URIs;
  ns-copy-20mb        its ds:CanonicalizationMethod (inclusive C14N 1.0) holds <a xmlns:q="u"/>
                    elements up to 7 / 20 MB (20 MB is below the 32 MiB in-memory limit)
  comment-200mb     tests/data/metadata/signed/aggregate.xml with a 200 MB comment right
                    after the root start tag, before the signature
  attrvalue-200mb   the same aggregate with one 200 MB attribute value on the first
                    EntitiesDescriptor group, after the signature

Readers of other formats (each goal: < 100 ms; "accept" rows must be accepted):
  json-320k         an EMREG list whose member "x" is an object of 320,000 members
                    (3.8 MB, under the 8 MiB cap): accepted by `emrex ncps`
  json-320k-dup     the same names shuffled, and the first repeated at the end: refused
  elmo-b64-16mib    an `elmo` field of plain base64 (76-column lines) decoding to 16 MiB
                    minus 1 KiB, just under the default cap: decoded, then refused as XML
  elmo-b64-200mb    200 MB of base64 (40 MB with --quick): refused before decoding, being
                    longer than any encoding of 16 MiB
  elmo-gzip-16mib   an `elmo` field gzipping 16 MiB minus 1 KiB of XML around a comment of
                    random letters (few matches: the slowest inflate per output byte):
                    inflated, CRC-checked, then refused as XML
  ocsp-answers-1e5  a DER OCSP response of 100,000 SingleResponses (10 MB) about one
                    certificate, signed by openssl with a throwaway CA: refused
  ocsp-certs-10mb   a response signed by a delegated responder (openssl) whose `certs` holds
                    10 MB of other certificates before the responder's: accepted
  cert-rdn-1e5      tests/data/sample/smp-signed.xml with its KeyInfo certificate replaced by
                    one (syntax only, 1.4 MB of DER) whose subject is one RDN of 100,000
                    attributes

The OCSP and certificate inputs need `openssl` (a throwaway CA is made under the fixtures
directory); everything else is standard library only.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SAMPLE_CERT = "tests/data/sample/signer.pem"
AGGREGATE = "tests/data/metadata/signed/aggregate.xml"
MD_CERT = "tests/data/metadata/signed/signer.pem"
AT = "2026-06-01T10:00:00Z"  # inside the validity of every fixture the inputs derive from
OCSP_AT = "2027-01-01T00:00:00Z"  # the throwaway PKI's responses last ten years from today
MB = 1000 * 1000
FLAT_MB = 16
CHUNK = 1 << 20

SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
DSIG = "http://www.w3.org/2000/09/xmldsig#"
C14N10 = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"


# ---------------------------------------------------------------- generators (streaming)

def write_repeated(f, unit, total):
    """Writes `total` bytes made of `unit` repeated, a megabyte at a time."""
    block = unit * (CHUNK // len(unit))
    left = total
    while left >= len(block):
        f.write(block)
        left -= len(block)
    reps, rest = divmod(left, len(unit))
    f.write(unit * reps + unit[:rest])


def gen_many(f, count, item):
    f.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<root><e')
    batch = []
    for i in range(count):
        batch.append(item(i))
        if len(batch) == 10000:
            f.write(b"".join(batch))
            batch = []
    f.write(b"".join(batch))
    f.write(b"/></root>\n")


def gen_attrs(f, _size):
    gen_many(f, 100_000, lambda i: b' a%d=""' % i)


def gen_nsdecls(f, _size):
    gen_many(f, 100_000, lambda i: b' xmlns:p%d="urn:x%d"' % (i, i))


def gen_ns_copy(f, size):
    decls = []
    for i in range(55):
        uri = "urn:example:hostile:namespace:%02d:" % i
        decls.append(' xmlns:n%02d="%s"' % (i, uri + "x" * (100 - len(uri))))
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<samlp:Response xmlns:samlp="%s" xmlns:saml="%s" xmlns:ds="%s"%s'
        ' Destination="https://sp.example.org/acs" ID="_hostile" IssueInstant="%s" Version="2.0">'
        "<saml:Issuer>https://idp.example.org/</saml:Issuer>"
        '<ds:Signature><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="%s">'
        % (SAMLP, SAML, DSIG, "".join(decls), AT, C14N10)
    ).encode()
    tail = (
        '</ds:CanonicalizationMethod><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>'
        '<ds:Reference URI="#_hostile"><ds:Transforms><ds:Transform Algorithm="%senveloped-signature"/>'
        '<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms>'
        '<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>'
        "<ds:DigestValue>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=</ds:DigestValue></ds:Reference>"
        "</ds:SignedInfo><ds:SignatureValue>%s</ds:SignatureValue></ds:Signature>"
        '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>'
        "</samlp:Response>\n" % (DSIG, "A" * 344)
    ).encode()
    unit = b'<a xmlns:q="u"/>'
    n = max(0, size - len(head) - len(tail)) // len(unit)
    f.write(head)
    write_repeated(f, unit, n * len(unit))
    f.write(tail)


def gen_comment(f, size):
    doc = open(os.path.join(ROOT, AGGREGATE), "rb").read()
    i = doc.index(b"<md:EntitiesDescriptor ")  # the root
    cut = doc.index(b">", i) + 1
    f.write(doc[:cut])
    f.write(b"<!--")
    write_repeated(f, b"comment ", size)
    f.write(b"-->")
    f.write(doc[cut:])


def gen_attrvalue(f, size):
    doc = open(os.path.join(ROOT, AGGREGATE), "rb").read()
    sig_end = doc.index(b"</ds:Signature>")
    i = doc.index(b"<md:EntitiesDescriptor ", sig_end)
    cut = doc.index(b">", i)
    f.write(doc[:cut])
    f.write(b' x="')
    write_repeated(f, b"a", size)
    f.write(b'"')
    f.write(doc[cut:])


def json_members(n, repeat):
    names = ['"%07d":0' % i for i in range(n)]
    if repeat:
        # In no order, so that sorting the names does all its work, and one repeated last.
        import random
        random.Random(7).shuffle(names)
        names.append(names[0][:-1] + "1")
    return ('{"countries":[],"emps":[],"x":{%s}}\n' % ",".join(names)).encode()


def gen_json(f, _size):
    f.write(json_members(320_000, False))


def gen_json_dup(f, _size):
    f.write(json_members(320_000, True))


ELMO_NS = "https://github.com/emrex-eu/elmo-schemas/tree/v1"
MIB = 1 << 20


def letters(n, seed):
    """n pseudo-random lowercase letters and spaces: text that deflate cannot match much."""
    import random
    rnd = random.Random(seed)
    table = bytes((b"abcdefghijklmnopqrstuvwxyz " * 10)[:256])
    return rnd.randbytes(n).translate(table)


def elmo_doc(size):
    head = ('<elmo xmlns="%s"><!-- ' % ELMO_NS).encode()
    tail = b" --></elmo>\n"
    return head + letters(size - len(head) - len(tail), 11) + tail


def gen_elmo_b64(f, _size):
    import base64
    f.write(base64.encodebytes(elmo_doc(16 * MIB - 1024)))


def gen_elmo_b64_big(f, size):
    write_repeated(f, b"QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\r\n", size)


def gen_elmo_gzip(f, _size):
    import base64
    import gzip
    f.write(base64.encodebytes(gzip.compress(elmo_doc(16 * MIB - 1024), 9, mtime=0)))


def der(tag, content):
    n = len(content)
    if n < 0x80:
        return bytes([tag, n]) + content
    length = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(length)]) + length + content


def der_at(b, i):
    """(content start, end) of the DER TLV at i."""
    n = b[i + 1]
    if n < 0x80:
        return i + 2, i + 2 + n
    k = n & 0x7F
    return i + 2 + k, i + 2 + k + int.from_bytes(b[i + 2:i + 2 + k], "big")


def der_children(b, start, end):
    out = []
    while start < end:
        s, e = der_at(b, start)
        out.append(b[start:e])
        start = e
    return out


def openssl(cwd, *args):
    subprocess.run(["openssl"] + list(args), cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def throwaway_pki(directory):
    """A CA, a delegated OCSP responder and a leaf (serial 3001, good) in directory."""
    if os.path.exists(os.path.join(directory, "good.der")):
        return
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "ext.cnf"), "w") as f:
        f.write("[leaf]\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                "[ocsp]\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                "extendedKeyUsage=OCSPSigning\n")
    openssl(directory, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key",
            "-out", "ca.pem", "-subj", "/CN=hostile OCSP CA", "-days", "3650", "-sha256",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    for name, serial, ext in (("responder", "1001", "ocsp"), ("leaf", "3001", "leaf")):
        openssl(directory, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key",
                "-subj", "/CN=" + name, "-out", name + ".csr")
        openssl(directory, "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-set_serial", "0x" + serial, "-days", "3650", "-sha256", "-extfile", "ext.cnf",
                "-extensions", ext, "-out", name + ".pem")
    openssl(directory, "ocsp", "-issuer", "ca.pem", "-cert", "leaf.pem", "-no_nonce", "-reqout", "req.der")
    with open(os.path.join(directory, "index.txt"), "w") as f:
        f.write("V\t360101000000Z\t\t3001\tunknown\t/CN=leaf\n")
    with open(os.path.join(directory, "good.der"), "wb") as f:
        f.write(respond(directory, open(os.path.join(directory, "req.der"), "rb").read(), "ca"))


def pki_dir(path):
    return os.path.join(os.path.dirname(path), "ocsp-pki")


def respond(directory, request, signer):
    """openssl answers `request` (DER) offline, signing as `signer` (ca or responder)."""
    req, resp = os.path.join(directory, "req-n.der"), os.path.join(directory, "resp-n.der")
    with open(req, "wb") as f:
        f.write(request)
    openssl(directory, "ocsp", "-index", "index.txt", "-CA", "ca.pem", "-rsigner", signer + ".pem",
            "-rkey", signer + ".key", "-reqin", req, "-respout", resp, "-ndays", "3650")
    return open(resp, "rb").read()


def gen_ocsp_answers(f, _size):
    directory = pki_dir(f.name)
    throwaway_pki(directory)
    req = open(os.path.join(directory, "req.der"), "rb").read()
    s, e = der_at(req, 0)  # OCSPRequest
    s, e = der_at(req, s)  # tbsRequest
    s, e = der_at(req, s)  # requestList
    # openssl answers every Request in the list, one SingleResponse each.
    f.write(respond(directory, der(0x30, der(0x30, der(0x30, req[s:e] * 100_000))), "ca"))


def gen_ocsp_certs(f, size):
    directory = pki_dir(f.name)
    throwaway_pki(directory)
    resp = respond(directory, open(os.path.join(directory, "req.der"), "rb").read(), "responder")
    s, e = der_at(resp, 0)
    status, response_bytes = der_children(resp, s, e)
    s, e = der_at(response_bytes, 0)
    s, e = der_at(response_bytes, s)
    oid, octets = der_children(response_bytes, s, e)
    s, e = der_at(octets, 0)
    s, e = der_at(octets, s)
    tbs, alg, sig, certs = der_children(octets, s, e)
    s, e = der_at(certs, 0)
    s, e = der_at(certs, s)
    responder = certs[s:e]
    leaf = pem_der(os.path.join(directory, "leaf.pem"))
    # `certs` is outside the signed data: anything may be put in front of the responder's.
    junk = leaf * (size // len(leaf))
    basic = der(0x30, tbs + alg + sig + der(0xA0, der(0x30, junk + responder)))
    f.write(der(0x30, status + der(0xA0, der(0x30, oid + der(0x04, basic)))))


def pem_der(path):
    import base64
    text = open(path).read()
    return base64.b64decode("".join(l for l in text.splitlines() if not l.startswith("-----")))


def gen_cert_rdn(f, _size):
    cn = der(0x06, bytes([0x55, 0x04, 0x03]))
    atvs = b"".join(der(0x30, cn + der(0x0C, b"%d" % i)) for i in range(100_000))
    subject = der(0x30, der(0x31, atvs))
    issuer = der(0x30, der(0x31, der(0x30, cn + der(0x0C, b"hostile OCSP CA"))))
    alg = der(0x30, der(0x06, bytes.fromhex("2a864886f70d01010b")) + der(0x05, b""))
    validity = der(0x30, der(0x17, b"250101000000Z") + der(0x17, b"350101000000Z"))
    directory = pki_dir(f.name)
    throwaway_pki(directory)
    spki = der_children(*tbs_fields(pem_der(os.path.join(directory, "leaf.pem"))))[6]
    tbs = der(0x30, der(0xA0, der(0x02, b"\x02")) + der(0x02, b"\x30\x01") + alg + issuer + validity
              + subject + spki)
    f.write(der(0x30, tbs + alg + der(0x03, b"\x00" + b"\x01" * 256)))


def gen_keyinfo_rdn(f, _size):
    import base64
    import io
    cert = io.BytesIO()
    cert.name = f.name
    gen_cert_rdn(cert, 0)
    doc = open(os.path.join(ROOT, "tests/data/sample/smp-signed.xml"), "rb").read()
    start = doc.index(b"<X509Certificate>") + len(b"<X509Certificate>")
    end = doc.index(b"</X509Certificate>", start)
    f.write(doc[:start] + base64.encodebytes(cert.getvalue()) + doc[end:])


def tbs_fields(cert):
    s, e = der_at(cert, 0)
    s, e = der_at(cert, s)
    return cert, s, e


# ---------------------------------------------------------------- cases

def cmd_verify(path):
    return ["verify", "--trust", SAMPLE_CERT, path, "--at", AT, "--json"]


def cmd_saml(path):
    return ["saml", "verify-response", path, "--trust", SAMPLE_CERT,
            "--audience", "https://sp.example.org/metadata", "--acs", "https://sp.example.org/acs",
            "--at", AT, "--json"]


def cmd_metadata(path):
    return ["metadata", "verify", path, "--trust", MD_CERT, "--at", AT, "--json"]


def cmd_emreg(path):
    return ["emrex", "ncps", path, "--json"]


def cmd_elmo(path):
    return ["emrex", "verify-elmo", "--emreg", "tests/data/emrex/emreg-1.0-messy.json", "--ncp", "TEST-NCP",
            "--base64", path, "--at", AT, "--json"]


def cmd_ocsp_response(path):
    pki = pki_dir(path)
    return ["ocsp", "verify", path, "--issuer", os.path.join(pki, "ca.pem"),
            "--cert", os.path.join(pki, "leaf.pem"), "--at", OCSP_AT, "--json"]


def cases(quick):
    big = 200 * MB // (10 if quick else 1)
    big_tag = "%dmb" % (big // MB)
    fast = dict(ms=50, rss=FLAT_MB)
    # Past the 22.4 MB that 16 MiB encodes to, also with --quick.
    b64_big = max(big, 40 * MB)
    b64_tag = "%dmb" % (b64_big // MB)
    return [
        # name, generator, size, [(label, argv-maker)], goal
        ("attrs-1e5", gen_attrs, 0, [("verify", cmd_verify)], fast),
        ("nsdecls-1e5", gen_nsdecls, 0, [("verify", cmd_verify)], fast),
        ("ns-copy-7mb", gen_ns_copy, 7 * MB,
         [("verify", cmd_verify), ("saml verify-response", cmd_saml)], dict(ms=200, rss=None)),
        ("ns-copy-20mb", gen_ns_copy, 20 * MB,
         [("verify", cmd_verify), ("saml verify-response", cmd_saml)], dict(ms=200, rss=None)),
        ("comment-" + big_tag, gen_comment, big, [("metadata verify", cmd_metadata)], fast),
        ("attrvalue-" + big_tag, gen_attrvalue, big, [("metadata verify", cmd_metadata)], fast),
        # Readers of JSON, base64, gzip and DER: linear, each under 100 ms.
        ("json-320k", gen_json, 0, [("emrex ncps", cmd_emreg)], dict(ms=100, rss=None, accept=True, ext="json")),
        ("json-320k-dup", gen_json_dup, 0, [("emrex ncps", cmd_emreg)], dict(ms=100, rss=None, ext="json")),
        ("elmo-b64-16mib", gen_elmo_b64, 0, [("emrex verify-elmo", cmd_elmo)], dict(ms=100, rss=None, ext="b64")),
        ("elmo-b64-" + b64_tag, gen_elmo_b64_big, b64_big, [("emrex verify-elmo", cmd_elmo)],
         dict(ms=100, rss=None, ext="b64")),
        ("elmo-gzip-16mib", gen_elmo_gzip, 0, [("emrex verify-elmo", cmd_elmo)], dict(ms=100, rss=None, ext="b64")),
        ("ocsp-answers-1e5", gen_ocsp_answers, 0, [("ocsp verify", cmd_ocsp_response)],
         dict(ms=100, rss=None, ext="der")),
        ("ocsp-certs-10mb", gen_ocsp_certs, 10 * MB, [("ocsp verify", cmd_ocsp_response)],
         dict(ms=100, rss=None, accept=True, ext="der")),
        ("cert-rdn-1e5", gen_keyinfo_rdn, 0, [("verify", cmd_verify)], dict(ms=100, rss=None)),
    ]


def goal_text(goal):
    g = "%s <%d ms" % ("accepted" if goal.get("accept") else "refused", goal["ms"])
    return g + (", RSS <%d MB" % goal["rss"] if goal["rss"] else "")


# ---------------------------------------------------------------- running

# The process that forks the measured one: a bare interpreter (-I -S) running only this.
# ru_maxrss of a process counts, at its exec, the resident set of the address space it
# leaves: a child of this script made by subprocess.Popen (vfork) would report this
# script's own ~15 MB as its floor, a plain fork of it ~11 MB. Forked from this bare
# interpreter the floor is ~5 MB (what /bin/true reports; printed under the table), about
# what the CLI needs for a small document.
RUNNER = r"""
import os, signal, sys, time
timeout, out, err, argv = float(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
killed = []
t0 = time.perf_counter_ns()
pid = os.fork()
if pid == 0:
    try:
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.dup2(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 1)
        os.dup2(os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 2)
        os.execv(argv[0], argv)
    finally:
        os._exit(127)
def on_alarm(*_):
    killed.append(1)
    os.kill(pid, signal.SIGKILL)
signal.signal(signal.SIGALRM, on_alarm)
signal.setitimer(signal.ITIMER_REAL, timeout)
_, status, ru = os.wait4(pid, 0)
t1 = time.perf_counter_ns()
signal.setitimer(signal.ITIMER_REAL, 0)
print(t1 - t0, os.waitstatus_to_exitcode(status), ru.ru_maxrss, len(killed))
"""


def run_once(argv, timeout):
    """One child process: (wall_ns or None on timeout, exit status, maxrss_kb, stdout, stderr).
    Wall time is taken with perf_counter_ns from just before the fork to os.wait4's return."""
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        out, err = os.path.join(tmp, "out"), os.path.join(tmp, "err")
        runner = subprocess.run([sys.executable, "-I", "-S", "-c", RUNNER, str(timeout), out, err] + argv,
                                stdin=subprocess.DEVNULL, capture_output=True, cwd=ROOT, timeout=timeout + 60)
        fields = runner.stdout.split()
        if runner.returncode != 0 or len(fields) != 4:
            sys.exit("hostile.py: the runner failed: %s" % runner.stderr.decode("utf-8", "replace")[-500:])
        wall, rc, maxrss, killed = (int(x) for x in fields)
        o = open(out, encoding="utf-8", errors="replace").read() if os.path.exists(out) else ""
        e = open(err, encoding="utf-8", errors="replace").read() if os.path.exists(err) else ""
    return (None if killed else wall), rc, maxrss, o, e


def error_code(rc, stdout, stderr):
    if rc is not None and rc < 0:
        try:
            return "signal %s" % signal.Signals(-rc).name
        except ValueError:
            return "signal %d" % -rc
    try:
        obj = json.loads(stdout)
        err = obj.get("error")
        if isinstance(err, dict) and err.get("code"):
            return err["code"]
        if obj.get("valid") is True:
            return "(valid)"
    except (ValueError, AttributeError):
        pass
    first = stderr.strip().splitlines()
    return first[0][:60] if first else "-"


def measure(binary, argv, runs, timeout):
    best = None
    rss_kb = 0
    rc = code = None
    for _ in range(runs):
        wall, rc, maxrss, o, e = run_once([binary] + argv, timeout)
        rss_kb = max(rss_kb, maxrss)
        code = "-" if wall is None else error_code(rc, o, e)
        if wall is None:
            return None, rc, rss_kb, "killed at timeout"
        best = wall if best is None else min(best, wall)
    return best, rc, rss_kb, code


def human(n):
    return "%.1f MB" % (n / MB) if n >= MB else "%.0f KB" % (n / 1000)


def shown_path(path):
    """Relative to the repository when inside it (the CLI runs there), else absolute."""
    rel = os.path.relpath(path, ROOT)
    return path if rel.startswith("..") else rel


def make_fixture(directory, name, gen, size, regen, ext="xml"):
    path = os.path.join(directory, name + "." + ext)
    if regen or not os.path.exists(path):
        tmp = path + ".part"
        with open(tmp, "wb", buffering=CHUNK) as f:
            gen(f, size)
        os.replace(tmp, path)
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/trustmeta"))
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--quick", action="store_true", help="the 200 MB inputs at 20 MB")
    ap.add_argument("--runs", type=int, default=3, help="runs per row; the best is reported")
    ap.add_argument("--fixtures", default=os.path.join(ROOT, "target/bench-fixtures/hostile"))
    ap.add_argument("--regen", action="store_true", help="rewrite the inputs even if present")
    ap.add_argument("--only", default="", help="comma-separated input names")
    ap.add_argument("--strict", action="store_true", help="exit 1 if a row fails its goal")
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)
    if not os.access(binary, os.X_OK):
        sys.exit("hostile.py: no executable %s (cargo build --release -p trustmeta-cli)" % binary)
    os.makedirs(args.fixtures, exist_ok=True)
    only = {s for s in args.only.split(",") if s}

    rows = []
    commands = {}
    for name, gen, size, cmds, goal in cases(args.quick):
        if only and name not in only:
            continue
        t0 = time.perf_counter()
        path = make_fixture(args.fixtures, name, gen, size, args.regen, goal.get("ext", "xml"))
        made = time.perf_counter() - t0
        print("# %s: %s (%s, %.1f s to write or find)" % (name, shown_path(path), human(os.path.getsize(path)), made),
              file=sys.stderr, flush=True)
        for label, maker in cmds:
            argv = maker(shown_path(os.path.abspath(path)))
            commands[label] = maker("FILE")
            wall, rc, rss_kb, code = measure(binary, argv, args.runs, args.timeout)
            rss_mb = rss_kb / 1024
            if wall is None:
                ok = False
                shown = "> %g s timeout" % args.timeout
            else:
                ms = wall / 1e6
                if goal.get("accept"):
                    answered = rc == 0 and code == "(valid)"
                else:
                    answered = rc == 1 and code not in ("-", "usage", "(valid)")
                ok = answered and ms < goal["ms"] and (goal["rss"] is None or rss_mb < goal["rss"])
                shown = "%.1f" % ms
            rows.append((name, human(os.path.getsize(path)), label, "killed" if wall is None else str(rc),
                         code, shown, "%.1f" % rss_mb, goal_text(goal), "PASS" if ok else "FAIL"))
            print("#   %-22s exit %-6s %-28s %s%s, %s MB" % (label, rows[-1][3], code, shown,
                                                            "" if wall is None else " ms", rows[-1][6]),
                  file=sys.stderr, flush=True)

    head = ("input", "size", "command", "exit", "error code", "wall ms", "peak RSS MB", "goal", "result")
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    line = lambda r: "  ".join(str(v).ljust(w) if i not in (5, 6) else str(v).rjust(w)
                              for i, (v, w) in enumerate(zip(r, widths))).rstrip()
    print("HOSTILE INPUTS: %s, best of %d runs per row (one process each), timeout %g s%s"
          % (shown_path(binary), args.runs, args.timeout,
             ", --quick" if args.quick else ""))
    print(line(head))
    print(line(tuple("-" * w for w in widths)))
    for r in rows:
        print(line(r))
    fails = sum(1 for r in rows if r[-1] == "FAIL")
    floor = run_once(["/bin/true"], 10)[2] / 1024
    print("%d of %d rows meet their goal. Peak RSS is the largest ru_maxrss of the runs; the method's"
          % (len(rows) - fails, len(rows)))
    print("floor (/bin/true measured the same way) is %.1f MB. Commands, run from %s:" % (floor, ROOT))
    for label, argv in commands.items():
        print("  %-22s trustmeta %s" % (label, " ".join(argv)))
    if args.strict and fails:
        sys.exit(1)


if __name__ == "__main__":
    main()
