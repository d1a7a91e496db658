#!/usr/bin/env python3
"""The trustmeta wheel against the Rust figures of the same run: its `verify_smp` per call
(the Rust bench prints `trustmeta-fast-verify_smp`), and throughput on every core: the
records of smp-many/ (bench/make_records.py) verified with `verify_smp` by one thread, then
by two. The wheel releases the GIL while it verifies, so Python threads run in parallel;
what holds the GIL (converting arguments and results) limits the speedup.

usage: bindings_py.py FIXTURES_DIR

Per call: the rules of peers_py.py (warm-up, TRUSTMETA_BENCH_BATCHES batches of about
TRUSTMETA_BENCH_BATCH_MS ms, the median). Throughput: the best of three runs of each thread
count; the speedup is 1-thread time / 2-thread time. Every record's answer must name its
own endpoint, or the script exits non-zero.
"""
import datetime
import os
import sys
import threading
import time

import trustmeta

from timing import BATCHES, measure

PARTICIPANT = "ehealth-participantid-qns::urn:ehealth:pt:ncp-idp"
DOCUMENT = ("ehealth-resid-qns::urn:ehealth:PatientIdentificationAndAuthentication::XCPD::"
            "CrossGatewayPatientDiscovery##ITI-55")

d = sys.argv[1]


def rd(name):
    with open(os.path.join(d, name), "rb") as f:
        return f.read()


store = trustmeta.TrustStore.from_pem(rd("rsa.crt"))
now = datetime.datetime.now(datetime.timezone.utc)


def verify_smp(xml):
    return trustmeta.verify_smp(xml, store, participant=PARTICIPANT, document=DOCUMENT, now=now)


xml = rd("smp-signed.xml")
if verify_smp(xml).endpoints[0].uri != "https://ap.example.eu/as4":
    sys.exit("bindings_py: smp-signed.xml answers with another endpoint")
med, best, n = measure(lambda: verify_smp(xml))
print(f"{'trustmeta-py-verify_smp':<26} {'smp-signed.xml':<28} {med * 1e6:8.1f} us/verify  (best {best * 1e6:.1f}, {BATCHES}x{n})",
      flush=True)

many = os.path.join(d, "smp-many")
if not os.path.exists(os.path.join(many, "count")):
    print(f"# not measured: Python throughput (no smp-many/ in {d}: bench/make_records.py)")
    sys.exit(0)
count = int(open(os.path.join(many, "count")).read())
records = [rd(os.path.join("smp-many", f"{i:05d}.xml")) for i in range(count)]


def share(first, step, failures):
    for i in range(first, count, step):
        uri = verify_smp(records[i]).endpoints[0].uri
        if uri != f"https://ap{i:05d}.example.eu/as4":
            failures.append(f"record {i} answers with {uri}")


def run(threads):
    failures = []
    workers = [threading.Thread(target=share, args=(k, threads, failures)) for k in range(threads)]
    t = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    took = time.perf_counter() - t
    if failures:
        sys.exit(f"bindings_py: {failures[0]}")
    return took


best = {1: None, 2: None}
for _ in range(3):
    for threads in (1, 2):
        t = run(threads)
        best[threads] = t if best[threads] is None else min(best[threads], t)
print(f"scaling trustmeta-py {count} records: 1 thread {best[1]:.3f} s, 2 threads {best[2]:.3f} s, "
      f"speedup {best[1] / best[2]:.2f}x", flush=True)
