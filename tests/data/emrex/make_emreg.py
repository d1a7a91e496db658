#!/usr/bin/env python3
"""Builds EMREG lists in the shapes real registries publish, from certificates in this
repository and in ../shared/vectors/emrex (no real list is openly licensed).

- emreg-1.0-messy.json: 1.0-era `ncps`, a trailing comma before `]` and before `}`,
  `singleFetch` as a string, as a boolean and missing, `null` entries in `countries` and
  `ncps`, unknown members, PEM `pubKey` values with JSON-escaped newlines.
- emreg-emps.json: the newer schema (`emps`, boolean `singleFetch`), plus one `pubKey` with
  doubly escaped newlines (a literal backslash-n) and one bare base64 DER certificate.
- emreg-invalid.json: not JSON beyond the tolerated trailing comma (a missing comma at
  line 5, column 5).
- emreg-duplicate-acronym.json: valid JSON in the `emps` schema whose two EMPs share the
  acronym TEST-EMP, the first pinning the NCP's certificate and the second the attacker's:
  a client keeping the first and one building a map (keeping the last) would disagree.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
PKI = os.path.join(HERE, "..", "xmldsig-gen", "pki")
VEC = os.path.join(HERE, "..", "..", "..", "..", "shared", "vectors", "emrex")
CSC = os.path.join(VEC, "fi-emrex", "fi-smp", "src", "test", "resources", "csc-cert.crt")


def pem(path):
    return open(path).read().strip() + "\n"


ncp_pem = pem(os.path.join(PKI, "leaf-rsa2048.pem"))
attacker_pem = pem(os.path.join(PKI, "attacker-rsa2048.pem"))
try:
    csc_pem = pem(CSC)
except FileNotFoundError:  # the shared vectors are optional for regenerating
    csc_pem = attacker_pem

d = json.dumps
messy = (
    "{\n"
    '  "countries": [\n'
    '    {"countryCode": "NO", "countryName": "Norway", "singleFetch": "true", "flag": "no.png"},\n'
    '    {"countryCode": "FI", "countryName": "Finland", "singleFetch": false},\n'
    "    null,\n"
    '    {"countryCode": "SE", "countryName": "Sweden"},\n'
    "  ],\n"
    '  "ncps": [\n'
    '    {"acronym": "TEST-NCP", "countryCode": "NO", "institutions": ["University of Testing", "Test College"],'
    ' "url": "https://ncp.test.example/", "pubKey": ' + d(ncp_pem) + ', "contact": {"email": "ncp@test.example"}},\n'
    "    null,\n"
    '    {"acronym": "OTHER-NCP", "countryCode": "NO", "institutions": ["Test College", "Other University"],'
    ' "url": "https://other.test.example/", "pubKey": ' + d(attacker_pem) + "},\n"
    '    {"acronym": "CSC", "countryCode": "FI", "institutions": ["Helsingin yliopisto"],'
    ' "url": "https://emrex.csc.example/", "pubKey": ' + d(csc_pem) + "},\n"
    "  ],\n"
    '  "lastUpdated": "2016-05-01",\n'
    "}\n"
)
open(os.path.join(HERE, "emreg-1.0-messy.json"), "w").write(messy)

b64 = "".join(l for l in attacker_pem.splitlines() if not l.startswith("-----"))
emps = {
    "countries": [
        {"countryCode": "NO", "countryName": "Norway", "singleFetch": True},
        {"countryCode": "PL", "countryName": "Poland", "singleFetch": False},
    ],
    "emps": [
        {"acronym": "TEST-EMP", "countryCode": "NO", "institutions": ["University of Testing"],
         "pubKey": ncp_pem.replace("\n", "\\n"), "url": "https://emp.test.example/"},
        {"acronym": "BARE-EMP", "countryCode": "PL", "institutions": [],
         "pubKey": b64, "url": "https://bare.test.example/"},
    ],
}
open(os.path.join(HERE, "emreg-emps.json"), "w").write(json.dumps(emps, indent=2) + "\n")

open(os.path.join(HERE, "emreg-invalid.json"), "w").write(
    '{\n  "countries": [],\n  "ncps": [\n    {"acronym": "A"}\n    {"acronym": "B"}\n  ]\n}\n'
)

duplicate = {
    "countries": [{"countryCode": "NO", "countryName": "Norway", "singleFetch": False}],
    "emps": [
        {"acronym": "TEST-EMP", "countryCode": "NO", "institutions": ["University of Testing"],
         "pubKey": ncp_pem, "url": "https://emp.test.example/"},
        {"acronym": "TEST-EMP", "countryCode": "NO", "institutions": ["University of Testing"],
         "pubKey": attacker_pem, "url": "https://emp.test.example/"},
    ],
}
open(os.path.join(HERE, "emreg-duplicate-acronym.json"), "w").write(json.dumps(duplicate, indent=2) + "\n")
