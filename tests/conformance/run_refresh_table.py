#!/usr/bin/env python3
"""Runs the metadata refresh cases of tests/data/metadata/refresh-cases.json through one
front door, in order, on one state directory, against a loopback HTTP server
(metadata_server.py). Every door must give the same answers:

    run_refresh_table.py cli --bin target/debug/trustmeta
    run_refresh_table.py python            (the trustmeta package importable)
    run_refresh_table.py c --program PATH  (tests/c/refresh_door.c, built)

After each refresh step the copy held must be byte for byte the file the case names
(`held`), and the state directory must hold nothing else than its four files. The
variants of the committed template are signed here by xmlsec1. Prints
"refresh-table-DOOR: N passed, M failed" and exits non-zero on a failure.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DATA = REPO / "tests" / "data" / "metadata"
PKI = REPO / "tests" / "data" / "xmldsig-gen" / "pki"
MD = "urn:oasis:names:tc:SAML:2.0:metadata"
SIGNER = DATA / "signed" / "signer.pem"
OTHER = PKI / "leaf-rsa3072.pem"
STATE_FILES = {"metadata.xml", "metadata.previous.xml", "state.json", "index.tsv", ".lock"}


def variant(work: Path, name: str, seq: int, created: str, until: str, extra: int) -> Path:
    """The committed template with another sequence number, dates and entities, signed
    by xmlsec1 with the federation key (as run_cli_metadata_refresh.sh makes them)."""
    t = (DATA / "templates" / "aggregate.xml").read_text()
    t = t.replace("urn:etoegang:1.13:metadata:P:36", f"urn:etoegang:1.13:metadata:P:{seq}")
    t = t.replace('creationInstant="2026-05-28T12:00:00Z"', f'creationInstant="{created}"')
    t = t.replace('validUntil="2026-07-01T00:00:00Z"', f'validUntil="{until}"')
    anchor = '<md:EntitiesDescriptor Name="urn:etoegang:role:Dienstverleners">'
    if extra == 1:
        t = t.replace(anchor, anchor + '\n    <md:EntityDescriptor entityID="urn:test:a&amp;b"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:KeyDescriptor><ds:KeyInfo><ds:X509Data><ds:X509Certificate>MIIB</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor><md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp2.example.nl/acs?a=1&amp;b=2" index="3"/></md:SPSSODescriptor></md:EntityDescriptor><!-- <md:EntityDescriptor entityID="urn:test:ghost"><md:IDPSSODescriptor/></md:EntityDescriptor> -->')
    if extra == 2:
        t = t.replace(anchor, anchor + '\n    <md:EntitiesDescriptor Name="urn:test:nested" xmlns:n="urn:oasis:names:tc:SAML:2.0:metadata"><n:EntityDescriptor entityID="urn:test:nested-sp"><n:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><n:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://nested.example.nl/acs" index="0"/></n:SPSSODescriptor></n:EntityDescriptor></md:EntitiesDescriptor>')
    tmpl, out = work / f"{name}.tmpl.xml", work / f"{name}.xml"
    tmpl.write_text(t)
    subprocess.run(
        ["xmlsec1", "--sign", "--id-attr:ID", f"{MD}:EntitiesDescriptor",
         "--privkey-pem", f"{PKI / 'leaf-rsa2048.key'},{PKI / 'leaf-rsa2048.pem'}",
         "--output", str(out), str(tmpl)],
        check=True, capture_output=True,
    )
    return out


def fixtures(work: Path) -> dict[str, Path]:
    files = {"aggregate": DATA / "signed" / "aggregate.xml"}
    files["seq37"] = variant(work, "seq37", 37, "2026-05-29T12:00:00Z", "2026-07-01T00:00:00Z", 1)
    files["seq37b"] = variant(work, "seq37b", 37, "2026-05-29T12:00:00Z", "2026-07-02T00:00:00Z", 1)
    files["seq35"] = variant(work, "seq35", 35, "2026-05-27T12:00:00Z", "2026-07-01T00:00:00Z", 0)
    files["seq38"] = variant(work, "seq38", 38, "2026-05-30T12:00:00Z", "2026-07-01T00:00:00Z", 1)
    files["seq39"] = variant(work, "seq39", 39, "2026-05-31T12:00:00Z", "2026-07-01T00:00:00Z", 2)
    tampered = files["seq38"].read_bytes().replace(b"Org urn:etoegang:KR", b"Org urn:etoegang:KX", 1)
    assert tampered != files["seq38"].read_bytes(), "the tampering changed nothing"
    files["seq38-tampered"] = work / "seq38-tampered.xml"
    files["seq38-tampered"].write_bytes(tampered)
    return files


# -- doors: each answers a refresh or an entity lookup with one summary line ------------


class Cli:
    def __init__(self, binary: str) -> None:
        self.bin = binary

    def refresh(self, source: str, state: Path, trust: Path, force: bool, at: str) -> str:
        args = [self.bin, "metadata", "refresh", "--json", "--source", source, "--state", str(state),
                "--trust", str(trust), "--profile", "etoegang", "--at", at]
        out = subprocess.run(args + (["--force"] if force else []), capture_output=True, text=True)
        try:
            d = json.loads(out.stdout)
        except ValueError:
            return f"no JSON (exit {out.returncode}): {out.stderr.strip()}"
        want_exit = {"updated": 0, "unchanged": 0, "rejected": 1, "failed": 2}.get(d.get("status"))
        if out.returncode != want_exit:
            return f"exit {out.returncode} for {d.get('status')}"
        return summary(d.get("status"), d.get("etoegang", {}) and d["etoegang"].get("sequence"),
                       d.get("entities"), d.get("reason"), (d.get("error") or {}).get("code"))

    def entity(self, state: Path, entity_id: str) -> str:
        out = subprocess.run([self.bin, "metadata", "entity", entity_id, "--state", str(state), "--json"],
                             capture_output=True, text=True)
        d = json.loads(out.stdout)
        if not d.get("found"):
            return "missing" if out.returncode == 1 else f"exit {out.returncode}"
        return f"found {d['group']} {','.join(d['roles'])}"


class Python:
    def __init__(self) -> None:
        import trustmeta
        self.tm = trustmeta

    def refresh(self, source: str, state: Path, trust: Path, force: bool, at: str) -> str:
        from datetime import datetime
        tm = self.tm
        store = tm.TrustStore()
        store.add_pem(trust.read_bytes())
        src = tm.MetadataSource(source, state, store, profile="etoegang")
        now = datetime.fromisoformat(at.replace("Z", "+00:00"))
        try:
            r = src.refresh(force=force, now=now)
        except tm.LookupFailed as e:
            return summary("failed", None, None, None, e.code)
        except tm.VerificationError as e:
            return summary("rejected", None, None, None, e.code)
        md = r.metadata
        seq = md.etoegang.sequence if md is not None and md.etoegang is not None else None
        return summary(r.status, seq, md.entities if md is not None else None, r.reason, None)

    def entity(self, state: Path, entity_id: str) -> str:
        tm = self.tm
        src = tm.MetadataSource("unused", state, tm.TrustStore())
        e = src.entity(entity_id)
        return "missing" if e is None else f"found {e.group} {','.join(e.roles)}"


class C:
    """tests/c/refresh_door.c: `refresh SOURCE STATE TRUST PROFILE AT FORCE` and
    `entity STATE ID`, each printing the summary line and exiting 0 (a refusal is an
    answer too); any other exit status (a sanitizer's finding under ASan) fails the step."""

    def __init__(self, program: str) -> None:
        self.program = program

    def run(self, *args: str) -> str:
        out = subprocess.run([self.program, *args], capture_output=True, text=True)
        line = out.stdout.strip()
        if out.returncode != 0:
            return f"exit {out.returncode}: {line} {out.stderr.strip()[-2000:]}"
        return line if line else f"nothing printed (exit {out.returncode}): {out.stderr.strip()}"

    def refresh(self, source: str, state: Path, trust: Path, force: bool, at: str) -> str:
        return self.run("refresh", source, str(state), str(trust), "etoegang", at, "1" if force else "0")

    def entity(self, state: Path, entity_id: str) -> str:
        return self.run("entity", str(state), entity_id)


def summary(status: str | None, seq: object, entities: object, reason: str | None, code: str | None) -> str:
    if status == "updated":
        return f"updated {seq} {entities}"
    if status == "unchanged":
        return f"unchanged {reason}"
    return f"{status} {code}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("door", choices=["cli", "python", "c"])
    ap.add_argument("--bin", default=str(REPO / "target" / "debug" / "trustmeta"))
    ap.add_argument("--program")
    a = ap.parse_args()
    door = {"cli": lambda: Cli(a.bin), "python": Python, "c": lambda: C(a.program)}[a.door]()
    cases = json.loads((DATA / "refresh-cases.json").read_text())
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files = fixtures(work)
        www = work / "www"
        www.mkdir()
        server = subprocess.Popen([sys.executable, str(HERE / "metadata_server.py"), str(www)])
        try:
            for _ in range(200):
                if (www / "port").is_file() and (www / "port").read_text().strip():
                    break
                time.sleep(0.05)
            url = f"http://127.0.0.1:{(www / 'port').read_text().strip()}"
            state = work / "state"
            by_seq = {36: files["aggregate"], 37: files["seq37"], 35: files["seq35"], 38: files["seq38"], 39: files["seq39"]}
            for step in cases["steps"]:
                if "serve" in step:
                    shutil.copy(files[step["serve"]], www / "agg.xml")
                if "entity" in step:
                    got = door.entity(state, step["entity"])
                else:
                    src = step.get("source", "http")
                    source = {
                        "http": f"{url}/agg.xml",
                        "drop": f"{url}/drop/agg.xml",
                        "nolen": f"{url}/nolen/agg.xml",
                        "status500": f"{url}/status/500",
                        "refused": "http://127.0.0.1:1/agg.xml",
                        "missing-file": str(work / "does-not-exist.xml"),
                    }.get(src) or str(files[src.removeprefix("file:")])
                    trust = OTHER if step.get("trust") == "other" else SIGNER
                    got = door.refresh(source, state, trust, bool(step.get("force")), cases["verify_at"])
                problems = []
                if got != step["expect"]:
                    problems.append(f"expected [{step['expect']}], got [{got}]")
                if "held" in step:
                    held = hashlib.sha256((state / "metadata.xml").read_bytes()).hexdigest()
                    if held != hashlib.sha256(by_seq[step["held"]].read_bytes()).hexdigest():
                        problems.append(f"the copy held is not sequence {step['held']}")
                    extra = sorted(set(os.listdir(state)) - STATE_FILES)
                    if extra:
                        problems.append(f"left in the state directory: {extra}")
                if problems:
                    failed += 1
                    print(f"FAIL {step['name']}: {'; '.join(problems)}")
                else:
                    passed += 1
        finally:
            server.terminate()
            server.wait()
    print(f"refresh-table-{a.door}: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
