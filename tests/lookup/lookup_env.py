"""The servers of one SMP lookup case of tests/data/smp-lookup/cases.json, on loopback.

For a case, ``Env`` starts dnsmasq (answering for the case's zone from the case's DNS
records only), an HTTP server (serving the case's routes, counting requests) and, when the
case lists one, a "silent" nameserver (a bound UDP socket that never answers); it stops
them on exit. Standard library only: python/tests/test_smp_lookup.py imports it, and run
as a script it drives the C runner (tests/c/lookup_case.c) through every case:

    python3 tests/lookup/lookup_env.py PROGRAM

runs ``PROGRAM ARGS`` once per case (ARGS: the case, with the servers' addresses filled
in), checks the HTTP request count of each case itself, and ends with the line
``lookup cases (C): N passed, M failed``; the exit status is 1 if anything failed.

Needs dnsmasq (Debian: dnsmasq-base).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, List, Optional

REPO = Path(__file__).resolve().parents[2]
CASES = REPO / "tests" / "data" / "smp-lookup" / "cases.json"
DATA = REPO / "tests" / "data"

# The fields a successful run may check, each read from the record or the trace.
FIELDS = (
    "dns_name",
    "dns_record_type",
    "smp_api",
    "smp_url_prefix",
    "cache",
    "version",
    "endpoint_uri",
    "transport_profile",
)


class Missing(Exception):
    """dnsmasq is not installed."""


def load(path: Path = CASES) -> Dict[str, Any]:
    """The case table."""
    with open(path, encoding="utf-8") as f:
        table: Dict[str, Any] = json.load(f)
    return table


def dnsmasq_binary() -> Optional[str]:
    return shutil.which("dnsmasq") or next(
        (p for p in ("/usr/sbin/dnsmasq", "/sbin/dnsmasq") if os.path.exists(p)), None
    )


def _free_port() -> int:
    """A loopback port free for UDP and TCP both, as dnsmasq listens on both."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u, socket.socket() as t:
            u.bind(("127.0.0.1", 0))
            port = int(u.getsockname()[1])
            try:
                t.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port


def dnsmasq_options(record: Dict[str, Any], subst: Any) -> str:
    """One DNS record of the table as a dnsmasq option."""
    kind = record["type"]
    if kind == "NAPTR":
        return "--naptr-record={},{},{},{},{},{}".format(
            record["name"],
            record["order"],
            record["preference"],
            record["flags"],
            record["service"],
            subst(record["regexp"]),
        )
    if kind == "CNAME":
        return f"--cname={record['name']},{record['target']}"
    if kind == "A":
        return f"--host-record={record['name']},{record['address']}"
    raise ValueError(f"unknown DNS record type {kind!r}")


def _wait_for_dns(port: int, zone: str, proc: "subprocess.Popen[bytes]") -> bool:
    query = b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00"
    for label in zone.split("."):
        query += bytes([len(label)]) + label.encode()
    query += b"\x00\x00\x01\x00\x01"
    deadline = time.monotonic() + 10
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(0.2)
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                return False
            s.sendto(query, ("127.0.0.1", port))
            try:
                s.recvfrom(512)
                return True
            except socket.timeout:
                continue
    return False


class Env:
    """The servers of one case; use as a context manager."""

    def __init__(self, table: Dict[str, Any], case: Dict[str, Any]) -> None:
        self.table = table
        self.case = case
        self.zone: str = table["zone"]
        self.requests: List[str] = []
        self._dns: Optional["subprocess.Popen[bytes]"] = None
        self._silent: Optional[socket.socket] = None
        self._http: Optional[ThreadingHTTPServer] = None
        self._tmp: Optional[tempfile.TemporaryDirectory[str]] = None
        self.dns_port = 0

    # ---- what the runners read ------------------------------------------------------
    @property
    def http_port(self) -> int:
        assert self._http is not None
        return int(self._http.server_address[1])

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def subst(self, text: str) -> str:
        """The case's text with {http} and {http_port} filled in."""
        return text.replace("{http_port}", str(self.http_port)).replace("{http}", self.base)

    @property
    def nameservers(self) -> List[str]:
        out = []
        for n in self.case["nameservers"]:
            if n == "dns":
                out.append(f"127.0.0.1:{self.dns_port}")
            elif n == "silent":
                assert self._silent is not None
                out.append(f"127.0.0.1:{self._silent.getsockname()[1]}")
            else:
                raise ValueError(f"unknown nameserver {n!r}")
        return out

    @property
    def connect_to(self) -> List[str]:
        return [self.subst(c) for c in self.case.get("connect_to", [])]

    @property
    def cache_dir(self) -> Optional[str]:
        if not self.case.get("cache"):
            return None
        assert self._tmp is not None
        return os.path.join(self._tmp.name, "cache")

    @property
    def trust(self) -> Path:
        return DATA / self.table["trust"]

    def expected(self, run: Dict[str, Any], field: str) -> Optional[str]:
        value = run[field]
        return None if value is None else self.subst(value)

    # ---- servers --------------------------------------------------------------------
    def __enter__(self) -> "Env":
        try:
            self._start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self._dns is not None:
            self._dns.kill()
            self._dns.wait()
            self._dns = None
        if self._http is not None:
            self._http.shutdown()
            self._http.server_close()
            self._http = None
        if self._silent is not None:
            self._silent.close()
            self._silent = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def _start(self) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="trustmeta-lookup-")
        self._start_http()
        if "silent" in self.case["nameservers"]:
            self._silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            self._silent.bind(("127.0.0.1", 0))
        if "dns" in self.case["nameservers"]:
            self._start_dns()

    def _start_http(self) -> None:
        routes = []
        for r in self.case["http"]:
            body = b""
            if "file" in r:
                body = (DATA / r["file"]).read_bytes()
                if "replace" in r:
                    old, new = (s.encode() for s in r["replace"])
                    if old not in body:
                        raise ValueError(f"{r['file']} holds no {old!r} to replace")
                    body = body.replace(old, new, 1)
            routes.append((r["path_prefix"], int(r["status"]), body))
        env = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
                env.requests.append(self.path)
                status, body = 404, b"not found"
                for prefix, s, b in routes:
                    if self.path.startswith(prefix):
                        status, body = s, (b or f"status {s}".encode())
                        break
                self.send_response(status)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._http.serve_forever, daemon=True).start()

    def _start_dns(self) -> None:
        binary = dnsmasq_binary()
        if binary is None:
            raise Missing("dnsmasq is not installed (Debian: apt-get install dnsmasq-base)")
        records = [dnsmasq_options(r, self.subst) for r in self.case["dns"]]
        why: List[str] = []
        for _ in range(5):
            port = _free_port()
            proc = subprocess.Popen(
                [
                    binary,
                    "--no-daemon",
                    f"--port={port}",
                    "--listen-address=127.0.0.1",
                    "--bind-interfaces",
                    "--no-resolv",
                    "--no-hosts",
                    "--conf-file=/dev/null",
                    "--pid-file=",
                    # Names under the zone are answered from the records only: an unknown
                    # one is NXDOMAIN, never forwarded.
                    f"--local=/{self.zone}/",
                    *records,
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            if _wait_for_dns(port, self.zone, proc):
                self._dns, self.dns_port = proc, port
                return
            proc.kill()
            _, err = proc.communicate()
            why.append(f"port {port}: exit {proc.returncode}: {err.decode(errors='replace').strip()}")
        raise RuntimeError("dnsmasq did not start on a loopback port after 5 attempts: " + "; ".join(why))


def c_arguments(env: Env) -> List[str]:
    """The C runner's arguments for the case of `env` (see tests/c/lookup_case.c)."""
    table, case = env.table, env.case
    args = [
        "--trust", str(env.trust),
        "--zone", table["zone"],
        "--at", table["at"],
        "--participant", case["participant"],
        "--document", case["document"],
        "--smp-version", case.get("smp_version", "auto"),
    ]  # fmt: skip
    for n in env.nameservers:
        args += ["--nameserver", n]
    for c in env.connect_to:
        args += ["--connect-to", c]
    if env.cache_dir is not None:
        args += ["--cache", env.cache_dir]
    for run in case["runs"]:
        args += ["--run", run["outcome"]]
        for field in FIELDS:
            if field in run:
                value = env.expected(run, field)
                args += ["--expect-null", field] if value is None else ["--expect", f"{field}={value}"]
    return args


def main(argv: List[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    program = argv[1]
    table = load()
    passed = failed = 0
    for case in table["cases"]:
        with Env(table, case) as env:
            cmd = [program, *c_arguments(env)]
            started = time.monotonic()
            out = subprocess.run(cmd, capture_output=True, text=True, check=False)
            took = time.monotonic() - started
            text = out.stdout + out.stderr
            m = re.search(r"(\d+) passed, (\d+) failed\s*$", out.stdout)
            ok = m is not None and out.returncode in (0, 1)
            if m is not None:
                passed += int(m.group(1))
                failed += int(m.group(2))
            if not ok:
                failed += 1
            # The servers' side: the HTTP requests the case expects, no more.
            if len(env.requests) == case["requests"]:
                passed += 1
            else:
                failed += 1
                ok = False
                text += f"\nFAIL {len(env.requests)} HTTP requests, expected {case['requests']}: {env.requests}"
            good = ok and m is not None and m.group(2) == "0" and out.returncode == 0
            print(f"{'ok  ' if good else 'FAIL'} {case['name']} ({took:.1f} s)")
            if not good:
                print("     | " + "\n     | ".join(text.strip().splitlines()[-30:]))
    print(f"lookup cases (C): {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
