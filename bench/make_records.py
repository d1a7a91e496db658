#!/usr/bin/env python3
"""Distinct signed SMP records for the throughput measurements, signed by python-xmlsec
(libxmlsec1 through lxml: independent of trustmeta).

usage: make_records.py [--out DIR] [--records N]

Reads DIR/smp-signed.xml and DIR/rsa.key, DIR/rsa.crt (bench/make_fixtures.py) and writes
DIR/smp-many/00000.xml … N-1 (default 10,000) and DIR/smp-many/count: each the same record
with its own endpoint address (https://apNNNNN.example.eu/as4), signed again. Made once; a
run with another N remakes them. Every 500th record (and the last) is checked with
`xmlsec1 --verify`, the command-line tool, before the set is kept.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

import xmlsec
from lxml import etree

DS = "http://www.w3.org/2000/09/xmldsig#"
SMP = "http://docs.oasis-open.org/bdxr/ns/SMP/2016/05"

ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
ap.add_argument("--out", default="target/bench-fixtures")
ap.add_argument("--records", type=int, default=10_000)
a = ap.parse_args()
many = os.path.join(a.out, "smp-many")
count_file = os.path.join(many, "count")
if os.path.exists(count_file) and open(count_file).read().strip() == str(a.records):
    print(f"make_records: {a.records:,d} records in {many} (made before)")
    sys.exit(0)

t0 = time.time()
shutil.rmtree(many, ignore_errors=True)
os.makedirs(many)
template = etree.parse(os.path.join(a.out, "smp-signed.xml"))
sig = template.find(f"{{{DS}}}Signature")
# The signature back to a template: xmlsec fills digest, value and certificate again.
for name in ("DigestValue", "SignatureValue"):
    for e in sig.iter(f"{{{DS}}}{name}"):
        e.text = None
for x509 in sig.iter(f"{{{DS}}}X509Data"):
    for child in list(x509):
        x509.remove(child)
key = xmlsec.Key.from_file(os.path.join(a.out, "rsa.key"), xmlsec.constants.KeyDataFormatPem)
key.load_cert_from_file(os.path.join(a.out, "rsa.crt"), xmlsec.constants.KeyDataFormatPem)
for i in range(a.records):
    root = etree.fromstring(etree.tostring(template))
    root.find(f".//{{{SMP}}}EndpointURI").text = f"https://ap{i:05d}.example.eu/as4"
    ctx = xmlsec.SignatureContext()  # one per signature: a context signs once
    ctx.key = key
    ctx.sign(root.find(f"{{{DS}}}Signature"))
    path = os.path.join(many, f"{i:05d}.xml")
    with open(path, "wb") as f:
        f.write(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    if i % 500 == 0 or i == a.records - 1:
        r = subprocess.run(["xmlsec1", "--verify", "--pubkey-cert-pem", os.path.join(a.out, "rsa.crt"), path],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if r.returncode:
            sys.exit(f"make_records: xmlsec1 does not verify {path}:\n{r.stderr.decode(errors='replace')}")
with open(count_file, "w") as f:
    f.write(f"{a.records}\n")
print(f"make_records: {a.records:,d} records signed into {many} in {time.time() - t0:.1f} s")
