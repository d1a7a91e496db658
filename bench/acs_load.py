#!/usr/bin/env python3
"""Load and failure run of the ACS example (examples/python/acs_service) on loopback:
a real redis-server, gunicorn with 4 gthread workers, and tens of thousands of signed
responses POSTed concurrently, each on a new connection, as many browsers would.

usage: acs_load.py [--valid N] [--concurrency C] [--workers W] [--dir DIR] [--deadline S]
Normally run through bench/acs-load.sh, which installs what it needs first.

Phases, in one run against one gunicorn and one Redis:
 1. Steady load: N valid responses (default 20,000) with distinct assertion IDs, a replay
    of every tenth one answered 200 (10 %: sent after its 200, on a new connection, so
    that it usually lands on another worker; how often it did is printed), and tampered
    and expired ones (2.5 % each). Every valid one must be accepted, every replay,
    tampered and expired one refused. Prints responses/s and p50/p99 latency.
 2. Redis outage: a paced load (valid responses, 10 % replays of phase-1 IDs, some
    tampered); Redis is killed (SIGKILL) mid-run and restarted 2 s later. Every request
    made wholly inside the outage must be refused (503, or 403 for a bad signature),
    none accepted; no replay is ever accepted; requests started after Redis answers again
    are served normally by the same gunicorn (no restart); the valid responses refused
    with 503 are posted again and accepted (or, if Redis had recorded the ID just before
    it died, refused as a replay: a lost login, never a double one).
 3. A worker killed: the same paced load; one gunicorn worker is killed with SIGKILL
    mid-run. The client retries a request whose connection broke, on a new connection.
    Such a request's first attempt may have been accepted by the dead worker with its
    answer lost, so its retry may be refused as a replay; nothing else may be. The master
    must replace the worker.
 Sweep: every assertion ID answered 200 in any phase is posted once more and must be
    refused as a replay. That is what "no request that was answered 200 is lost" means
    here: a 200 tells the user they are signed in, so the record of that ID must have
    reached Redis before the answer and must survive a killed worker and a killed and
    restarted Redis (append-only file, written before Redis answers; with the default
    --appendfsync always also fsynced, so that a machine crash loses none either, which
    this run cannot show). Each ID is answered 200 at most once over the whole run.

The signed responses come from examples/python/acs_service/fixtures.py (independent of
trustmeta) and are kept under DIR/pool (default target/acs-load), made again when fewer
than two hours of their validity remain. Only 127.0.0.1 is contacted; every phase is
bounded in count, and the whole run by --deadline seconds.
Prints PASS or FAIL per check and exits 1 on any violation.
"""

from __future__ import annotations

import argparse
import base64
import concurrent.futures
import http.client
import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "python" / "acs_service"
sys.path.insert(0, str(EXAMPLE))
import fixtures  # noqa: E402  (examples/python/acs_service/fixtures.py)

LIFETIME = timedelta(hours=8)
MIN_LEFT = timedelta(hours=2)
CONNECTION_ERRORS = (ConnectionError, http.client.HTTPException, socket.timeout, OSError)


# ---------------------------------------------------------------- the signed responses

_fed: fixtures.Federation  # in each signing process


def _init_signer(dir: str) -> None:
    global _fed
    _fed = fixtures.Federation.make(Path(dir), write_metadata=False)


def _sign_chunk(args: tuple[str, int, int, str, bool]) -> list[str]:
    prefix, start, end, issued, expired = args
    t = datetime.fromisoformat(issued)
    lines = []
    for i in range(start, end):
        aid = f"{prefix}-{i}"
        if expired:
            xml = _fed.idp.response(aid, user=f"user{i}", issued=t - timedelta(hours=3), lifetime=timedelta(minutes=10))
        else:
            xml = _fed.idp.response(aid, user=f"user{i}", issued=t, lifetime=LIFETIME)
        lines.append(f"{aid}\t{fixtures.post_value(xml)}\n")
    return lines


def make_pool(dir: Path, counts: dict[str, int]) -> dict[str, list[tuple[str, str]]]:
    """{kind: [(assertion ID, SAMLResponse value)]}: made once, reused while valid."""
    pool = dir / "pool"
    meta_file = pool / "meta.json"
    now = datetime.now(timezone.utc)
    fixtures.Federation.make(dir / "keys")  # keys once; metadata.xml fresh every run
    meta = json.loads(meta_file.read_text()) if meta_file.exists() else {}
    fresh = meta.get("until") and datetime.fromisoformat(meta["until"]) - now >= MIN_LEFT
    if not (fresh and all(meta.get("counts", {}).get(k, 0) >= n for k, n in counts.items())):
        shutil.rmtree(pool, ignore_errors=True)
        pool.mkdir(parents=True)
        stamp = now.strftime("%Y%m%dT%H%M%S")
        total = sum(counts.values())
        print(f"signing {total:,} responses into {pool} (fixtures.py: lxml exclusive C14N + cryptography RSA) ...", flush=True)
        t0 = time.perf_counter()
        with concurrent.futures.ProcessPoolExecutor(os.cpu_count() or 2, initializer=_init_signer, initargs=(str(dir / "keys"),)) as ex:
            for kind, n in counts.items():
                chunks = [(f"_{kind}-{stamp}", s, min(s + 500, n), now.isoformat(), kind == "expired") for s in range(0, n, 500)]
                with open(pool / f"{kind}.txt", "w") as f:
                    for lines in ex.map(_sign_chunk, chunks):
                        f.writelines(lines)
        took = time.perf_counter() - t0
        print(f"  {total:,} signed in {took:.1f} s ({took / total * 1e3:.2f} ms each, {os.cpu_count()} processes)", flush=True)
        meta_file.write_text(json.dumps({"until": (now + LIFETIME).isoformat(), "counts": counts}))
    out = {}
    for kind, n in counts.items():
        with open(pool / f"{kind}.txt") as f:
            out[kind] = [tuple(line.rstrip("\n").split("\t", 1)) for _, line in zip(range(n), f)]
    return out  # type: ignore[return-value]


# ---------------------------------------------------------------- the servers

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(ready, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            sys.exit(f"acs_load: {what} did not come up")
        time.sleep(0.02)


class Redis:
    """redis-server on 127.0.0.1: append-only file fsynced on every write, so that an
    acknowledged replay record survives SIGKILL."""

    def __init__(self, dir: Path, appendfsync: str) -> None:
        self.appendfsync = appendfsync
        binary = shutil.which("redis-server") or shutil.which("valkey-server")
        if not binary:
            sys.exit("acs_load: no redis-server (bench/acs-load.sh installs it)")
        self.binary = binary
        self.dir, self.port = dir, free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        shutil.rmtree(dir, ignore_errors=True)
        dir.mkdir(parents=True)

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                return s.recv(64).startswith(b"+PONG")
        except OSError:
            return False

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes",
             "--appendfsync", self.appendfsync, "--maxmemory-policy", "noeviction", "--dir", str(self.dir)],
            stdout=open(self.dir / "redis.log", "ab"), stderr=subprocess.STDOUT,
        )
        wait_for(self.ping, "redis-server")

    def kill(self) -> None:
        if self.proc:
            self.proc.kill()
            self.proc.wait()
            self.proc = None


class Gunicorn:
    def __init__(self, dir: Path, metadata: Path, federation: Path, redis: Redis, workers: int) -> None:
        self.port = free_port()
        env = dict(
            os.environ, ACS_BIND=f"127.0.0.1:{self.port}", ACS_WORKERS=str(workers), ACS_METADATA=str(metadata),
            ACS_FEDERATION_CERT=str(federation), ACS_SP_ENTITY_ID=fixtures.SP_ENTITY_ID, ACS_URL=fixtures.ACS_URL,
            ACS_REDIS_URL=f"redis://127.0.0.1:{redis.port}/0", ACS_REDIS_TIMEOUT="0.5", ACS_WORKER_HEADER="1",
        )
        self.log = dir / "gunicorn.log"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(EXAMPLE / "gunicorn.conf.py")], cwd=dir, env=env,
            stdout=open(self.log, "wb"), stderr=subprocess.STDOUT,
        )
        self.workers = workers

        def up() -> bool:
            if self.proc.poll() is not None:
                sys.exit(f"acs_load: gunicorn exited:\n{self.log.read_text()}")
            try:
                return len(self.worker_pids()) == workers and post(self.port, "")[0] == 400
            except CONNECTION_ERRORS:
                return False

        wait_for(up, "gunicorn")

    def worker_pids(self) -> list[int]:
        try:
            return [int(p) for p in Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()]
        except OSError:
            return []

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


# ---------------------------------------------------------------- the client

def post(port: int, body: str) -> tuple[int, str, str]:
    """One POST on a new connection: (status, error code or "", worker pid)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("POST", "/acs", body=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
        r = conn.getresponse()
        data = json.loads(r.read())
        return r.status, data.get("error", ""), r.getheader("X-ACS-Worker", "")
    finally:
        conn.close()


@dataclass
class Job:
    kind: str  # valid, replay, tampered, expired, retry, sweep
    id: str
    body: str
    accepted_by: str = ""  # for a replay: the worker that accepted the original


@dataclass
class Result:
    job: Job
    phase: str
    attempt: int
    status: int  # 0: the connection broke
    code: str
    worker: str
    t0: float
    t1: float


@dataclass
class Runner:
    port: int
    concurrency: int
    deadline: float
    results: list[Result] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def run(self, phase: str, jobs: list[Job], *, rate: float = 0.0, retries: int = 0, on_result=None) -> list[Result]:
        """Posts every job (and what on_result adds) with `concurrency` threads; `rate`
        requests per second at most when given; a broken connection retried `retries`
        times on a new one."""
        q: queue.Queue[Job] = queue.Queue()
        for j in jobs:
            q.put(j)
        mine: list[Result] = []
        failures: list[BaseException] = []
        started = [0]
        t_start = time.monotonic()

        def worker() -> None:
            while True:
                try:
                    job = q.get_nowait()
                except queue.Empty:
                    return
                try:
                    if rate:
                        with self.lock:
                            slot = t_start + started[0] / rate
                            started[0] += 1
                        delay = slot - time.monotonic()
                        if delay > 0:
                            time.sleep(delay)
                    for attempt in range(retries + 1):
                        if time.monotonic() > self.deadline:
                            raise TimeoutError("the run's deadline passed")
                        t0 = time.monotonic()
                        try:
                            status, code, pid = post(self.port, job.body)
                        except CONNECTION_ERRORS as e:
                            status, code, pid = 0, type(e).__name__, ""
                        r = Result(job, phase, attempt, status, code, pid, t0, time.monotonic())
                        with self.lock:
                            mine.append(r)
                        if status:
                            break
                        time.sleep(0.05)
                    if on_result is not None:
                        for extra in on_result(r) or ():
                            q.put(extra)
                except BaseException as e:
                    failures.append(e)
                    return
                finally:
                    q.task_done()

        threads = [threading.Thread(target=worker, daemon=True) for _ in range(self.concurrency)]
        for t in threads:
            t.start()
        # Threads leave when the queue is empty; on_result may refill it, so restart
        # the pool until nothing is left.
        while True:
            for t in threads:
                t.join()
            if failures:
                raise failures[0]
            if q.empty():
                break
            threads = [threading.Thread(target=worker, daemon=True) for _ in range(self.concurrency)]
            for t in threads:
                t.start()
        self.results += mine
        return mine


def form(value: str) -> str:
    return "SAMLResponse=" + quote(value, safe="")


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))] if xs else float("nan")


class Checks:
    def __init__(self) -> None:
        self.failed: list[str] = []
        self.lines: list[str] = []

    def check(self, ok: bool, what: str) -> None:
        line = f"  {'PASS' if ok else 'FAIL'}  {what}"
        print(line, flush=True)
        self.lines.append(line)
        if not ok:
            self.failed.append(what)


def outcome(r: Result) -> str:
    return f"{r.status} {r.code}".strip() if r.status else f"broken ({r.code})"


# ---------------------------------------------------------------- the run

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--valid", type=int, default=20000, help="valid responses in phase 1 (at least 20,000 for the record)")
    ap.add_argument("--concurrency", type=int, default=32, help="client threads")
    ap.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    ap.add_argument("--paced", type=int, default=3000, help="requests in each of phases 2 and 3")
    ap.add_argument("--rate", type=float, default=500, help="requests/s in phases 2 and 3")
    ap.add_argument("--dir", type=Path, default=REPO / "target" / "acs-load")
    ap.add_argument("--deadline", type=float, default=900, help="seconds the whole run may take")
    ap.add_argument("--appendfsync", default="always", choices=["always", "everysec"],
                    help="Redis's fsync policy (both keep what was acknowledged through a killed Redis; "
                    "everysec may lose the last second on a machine crash, which this run does not make)")
    a = ap.parse_args()
    deadline = time.monotonic() + a.deadline

    n_bad = max(1, a.valid // 40)
    n_paced_valid = a.paced * 9 // 10
    n_paced_bad = a.paced // 50 + 1
    pool = make_pool(a.dir, {"valid": a.valid + 2 * n_paced_valid, "spare": n_bad + 2 * n_paced_bad, "expired": n_bad})
    valid = pool["valid"]
    tampered = [(aid, fixtures.post_value(fixtures.tamper(base64.b64decode(v)))) for aid, v in pool["spare"]]
    expired = pool["expired"]

    run_dir = a.dir / "run"
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    redis = Redis(run_dir / "redis", a.appendfsync)
    redis.start()
    g = Gunicorn(run_dir, a.dir / "keys" / "metadata.xml", a.dir / "keys" / "federation.pem", redis, a.workers)
    runner = Runner(g.port, a.concurrency, deadline)
    checks = Checks()
    accepted: dict[str, list[Result]] = {}  # assertion ID -> its 200 answers
    bodies = {aid: form(v) for aid, v in valid}
    print(f"gunicorn {g.proc.pid} (workers {g.worker_pids()}) on 127.0.0.1:{g.port}, redis-server on 127.0.0.1:{redis.port}, "
          f"{a.concurrency} client threads, Redis appendfsync {a.appendfsync}; "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores", flush=True)

    def note(r: Result) -> None:
        if r.status == 200:
            accepted.setdefault(r.job.id, []).append(r)

    try:
        # ---------------------------------------------------------------- phase 1
        print(f"\nphase 1: steady load, {a.valid:,} valid + {a.valid // 10:,} replays + {n_bad:,} tampered + {n_bad:,} expired", flush=True)
        jobs: list[Job] = []
        bad = [Job("tampered", i, form(v)) for i, v in tampered[:n_bad]] + [Job("expired", i, form(v)) for i, v in expired]
        every = max(1, a.valid // len(bad))
        for k, (aid, _) in enumerate(valid[: a.valid]):
            jobs.append(Job("valid", aid, bodies[aid]))
            if k % every == every - 1 and bad:
                jobs.append(bad.pop())
        jobs += bad

        def replay_every_tenth(r: Result) -> list[Job]:
            note(r)
            if r.job.kind == "valid" and r.status == 200 and int(r.job.id.rsplit("-", 1)[1]) % 10 == 0:
                return [Job("replay", r.job.id, r.job.body, accepted_by=r.worker)]
            return []

        t0 = time.monotonic()
        res = runner.run("1", jobs, on_result=replay_every_tenth)
        took = time.monotonic() - t0
        by = Counter((r.job.kind, outcome(r)) for r in res)
        for (kind, out), n in sorted(by.items()):
            print(f"    {kind:9} {out:40} {n:7,}")
        lat = [(r.t1 - r.t0) * 1e3 for r in res]
        print(f"  {len(res):,} requests in {took:.1f} s: {len(res) / took:,.0f} responses/s, latency p50 {pct(lat, 0.5):.1f} ms, "
              f"p99 {pct(lat, 0.99):.1f} ms, max {max(lat):.1f} ms", flush=True)
        for kind in ("valid", "replay"):
            ls = [(r.t1 - r.t0) * 1e3 for r in res if r.job.kind == kind]
            print(f"    {kind}: p50 {pct(ls, 0.5):.1f} ms, p99 {pct(ls, 0.99):.1f} ms")
        replays = [r for r in res if r.job.kind == "replay"]
        other = sum(1 for r in replays if r.worker and r.worker != r.job.accepted_by)
        workers_seen = Counter(r.worker for r in res if r.worker)
        print(f"  requests per worker: {dict(workers_seen)}")
        n_valid_200 = sum(1 for r in res if r.job.kind == "valid" and r.status == 200)
        checks.check(n_valid_200 == a.valid, f"phase 1: every valid response accepted ({n_valid_200:,}/{a.valid:,})")
        checks.check(len(replays) == a.valid // 10 and all((r.status, r.code) == (403, "saml.replay") for r in replays),
                     f"phase 1: every replay refused as saml.replay ({sum(r.code == 'saml.replay' for r in replays):,}/{len(replays):,}; "
                     f"{other:,} of them by another worker than the one that had accepted it)")
        checks.check(other > 0, "phase 1: replays reached other workers than the accepting one (the cache is shared, not per worker)")
        t_ok = [r for r in res if r.job.kind == "tampered"]
        checks.check(len(t_ok) == n_bad and all((r.status, r.code) == (403, "dsig.digest_mismatch") for r in t_ok),
                     f"phase 1: every tampered response refused as dsig.digest_mismatch ({len(t_ok):,})")
        e_ok = [r for r in res if r.job.kind == "expired"]
        checks.check(len(e_ok) == n_bad and all((r.status, r.code) == (403, "saml.expired") for r in e_ok),
                     f"phase 1: every expired response refused as saml.expired ({len(e_ok):,})")
        checks.check(all(r.status for r in res), "phase 1: no broken connection")

        phase1_accepted = [aid for aid in accepted]

        def paced_jobs(start: int, n: int, tampered_from: int) -> list[Job]:
            out: list[Job] = []
            fresh = iter(valid[start:start + n_paced_valid])
            bad_iter = iter(tampered[tampered_from:])
            for k in range(a.paced):
                if k % 10 == 5:
                    aid = phase1_accepted[(k * 7919) % len(phase1_accepted)]
                    out.append(Job("replay", aid, bodies[aid]))
                elif k % 50 == 7:
                    aid, v = next(bad_iter)
                    out.append(Job("tampered", aid, form(v)))
                else:
                    item = next(fresh, None)
                    if item:
                        out.append(Job("valid", item[0], bodies[item[0]]))
            return out

        # ---------------------------------------------------------------- phase 2
        duration = a.paced / a.rate
        print(f"\nphase 2: Redis killed (SIGKILL) at {duration * 0.25:.1f} s and restarted at {duration * 0.55:.1f} s of a "
              f"{duration:.0f} s run ({a.paced:,} requests at {a.rate:.0f}/s)", flush=True)
        events: dict[str, float] = {}

        def outage() -> None:
            time.sleep(duration * 0.25)
            events["kill"] = time.monotonic()
            redis.kill()
            events["killed"] = time.monotonic()
            time.sleep(duration * 0.3)
            events["restart"] = time.monotonic()
            redis.start()
            events["up"] = time.monotonic()

        ctl = threading.Thread(target=outage)
        ctl.start()
        res = runner.run("2", paced_jobs(a.valid, n_paced_valid, n_bad), rate=a.rate, on_result=note)
        ctl.join()
        by = Counter((r.job.kind, outcome(r)) for r in res)
        for (kind, out), n in sorted(by.items()):
            print(f"    {kind:9} {out:40} {n:7,}")
        inside = [r for r in res if r.t0 >= events["killed"] and r.t1 <= events["restart"]]
        checks.check(len(inside) > 50 and all(r.status in (403, 503) for r in inside),
                     f"phase 2: every request made wholly inside the outage refused ({len(inside):,}: "
                     f"{dict(Counter(outcome(r) for r in inside))})")
        checks.check(all(r.status == 503 for r in inside if r.job.kind in ("valid", "replay")),
                     "phase 2: inside the outage every valid response and every replay answered 503 saml.replay_cache_unavailable")
        bad_replays = [r for r in res if r.job.kind == "replay" and r.status not in (403, 503)]
        checks.check(not bad_replays and all(r.code in ("saml.replay", "saml.replay_cache_unavailable") for r in res if r.job.kind == "replay"),
                     f"phase 2: no replay accepted at any time ({sum(1 for r in res if r.job.kind == 'replay'):,} replays)")
        after = [r for r in res if r.t0 >= events["up"]]
        checks.check(len(after) > 50 and all(r.status != 503 for r in after),
                     f"phase 2: once Redis answers again, the same gunicorn serves normally ({len(after):,} requests after, "
                     f"{sum(r.status == 503 for r in after)} of them 503; first 200 "
                     f"{min((r.t1 for r in res if r.status == 200 and r.t0 >= events['restart']), default=float('nan')) - events['up']:+.3f} s after Redis was up)")
        refused_503 = {r.job.id for r in res if r.job.kind == "valid" and r.status == 503}
        straddling = [r for r in res if r.job.kind == "valid" and r.status == 503 and r.job.id in accepted]
        checks.check(not straddling, "phase 2: no valid response both accepted and answered 503")
        retry = runner.run("2-retry", [Job("retry", i, bodies[i]) for i in sorted(refused_503)], on_result=note)
        retry_out = Counter(outcome(r) for r in retry)
        checks.check(all(r.status == 200 or (r.status, r.code) == (403, "saml.replay") for r in retry),
                     f"phase 2: the {len(refused_503):,} valid responses refused with 503, posted again after the outage: {dict(retry_out)}")
        print(f"  Redis down {events['restart'] - events['killed']:.2f} s, back {events['up'] - events['restart']:.2f} s after restart", flush=True)

        # ---------------------------------------------------------------- phase 3
        jobs = paced_jobs(a.valid + n_paced_valid, n_paced_valid, n_bad + n_paced_bad)
        print(f"\nphase 3: one gunicorn worker killed (SIGKILL) once {len(jobs) * 2 // 5:,} of {len(jobs):,} requests are "
              "answered, at full speed so that every worker has requests in flight", flush=True)
        before = g.worker_pids()
        killed: list[int] = []
        answered = [0]

        def note3(r: Result) -> None:
            note(r)
            with runner.lock:
                answered[0] += 1
                if killed or answered[0] < len(jobs) * 2 // 5:
                    return
                # The worker that answered this one: busy, with other requests in flight.
                pid = int(r.worker) if r.worker and int(r.worker) in g.worker_pids() else before[0]
                killed.append(pid)
            os.kill(pid, signal.SIGKILL)

        res = runner.run("3", jobs, retries=5, on_result=note3)
        by3 = Counter((r.job.kind, outcome(r), r.attempt > 0) for r in res)
        for (kind, out, retried), n in sorted(by3.items()):
            print(f"    {kind:9} {out:40} {'(retry)' if retried else '':8} {n:7,}")
        broken_ids = {r.job.id for r in res if r.status == 0}
        final: dict[str, Result] = {}
        for r in res:
            if r.status:
                final[r.job.id] = r
        unanswered = [r for r in res if r.status == 0 and r.job.id not in final]
        checks.check(not unanswered, f"phase 3: every request answered, after retries ({len(broken_ids)} connections broke when the worker died)")
        wrong = [r for r in final.values() if r.job.kind == "valid" and not (r.status == 200 or ((r.status, r.code) == (403, "saml.replay") and r.job.id in broken_ids))]
        lost_answers = sum(1 for r in final.values() if r.job.kind == "valid" and r.status == 403 and r.job.id in broken_ids)
        checks.check(not wrong, f"phase 3: every valid response accepted, or refused as a replay only after a broken first attempt "
                     f"({lost_answers} such: accepted by the dead worker, its answer lost)")
        checks.check(all((r.status, r.code) == (403, "saml.replay") for r in final.values() if r.job.kind == "replay"),
                     "phase 3: every replay refused")
        checks.check(all((r.status, r.code) == (403, "dsig.digest_mismatch") for r in final.values() if r.job.kind == "tampered"),
                     "phase 3: every tampered response refused")
        wait_for(lambda: len(g.worker_pids()) == a.workers, "the replacement worker", 30)
        after_pids = g.worker_pids()
        checks.check(len(after_pids) == a.workers and killed[0] not in after_pids and set(after_pids) != set(before),
                     f"phase 3: the master replaced worker {killed[0]} ({sorted(before)} -> {sorted(after_pids)})")

        # ---------------------------------------------------------------- sweep
        twice = {aid: rs for aid, rs in accepted.items() if len(rs) > 1}
        checks.check(not twice, f"whole run: no assertion ID answered 200 twice ({len(accepted):,} accepted; {len(twice)} twice)")
        print(f"\nsweep: each of the {len(accepted):,} IDs answered 200 posted again", flush=True)
        t0 = time.monotonic()
        res = runner.run("sweep", [Job("sweep", aid, bodies[aid]) for aid in accepted], retries=2)
        took = time.monotonic() - t0
        final = {r.job.id: r for r in res if r.status}
        not_replay = [aid for aid in accepted if (final.get(aid) and (final[aid].status, final[aid].code)) != (403, "saml.replay")]
        checks.check(not not_replay, f"sweep: every ID answered 200 is refused as a replay: its record persisted in Redis through the "
                     f"killed worker and the killed Redis ({len(accepted) - len(not_replay):,}/{len(accepted):,}; "
                     f"{len(res) / took:,.0f} responses/s)")
        if not_replay:
            print("    e.g. " + ", ".join(f"{aid}: {outcome(final[aid]) if aid in final else 'unanswered'}" for aid in not_replay[:5]))
    except TimeoutError as e:
        checks.check(False, f"the run finished within --deadline {a.deadline:.0f} s ({e})")
    finally:
        g.stop()
        redis.kill()

    total = len(runner.results)
    print(f"\nload average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"\n{total:,} requests in all. {'PASS' if not checks.failed else 'FAIL'}: {len(checks.lines) - len(checks.failed)} checks passed, "
          f"{len(checks.failed)} failed (gunicorn log: {g.log})")
    for f in checks.failed:
        print(f"  FAILED: {f}")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
