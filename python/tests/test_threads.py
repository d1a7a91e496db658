"""Long native calls release the GIL, and the streamed ones let signal handlers run
between their pieces: another Python thread keeps running during a large ELMO decode,
and a signal stops a large metadata verification (``verify_metadata`` on a document
above the streaming threshold, ``MetadataStreamVerifier.feed`` with a large piece)
long before it would have finished."""

from __future__ import annotations

import base64
import signal
import sys
import threading
import time
import zlib
from datetime import datetime, timezone
from pathlib import Path
from types import FrameType
from typing import Callable, Iterator

import pytest

import trustmeta

REPO = Path(__file__).resolve().parents[2]
METADATA = REPO / "tests" / "data" / "metadata" / "signed"
NOW = datetime(2026, 6, 1, tzinfo=timezone.utc)
MIB = 1024 * 1024


def gzip_of_repeated(piece: bytes, size: int) -> bytes:
    """A gzip member of ``piece`` repeated to ``size`` bytes, made in pieces."""
    assert size % len(piece) == 0
    c = zlib.compressobj(1, zlib.DEFLATED, 31)
    block = piece * (MIB // len(piece))
    out = []
    left = size
    while left:
        part = block[: min(left, len(block))]
        out.append(c.compress(part))
        left -= len(part)
    out.append(c.flush())
    return b"".join(out)


@pytest.fixture()
def fast_switching() -> Iterator[None]:
    """Hands the GIL over every millisecond, so a thread that wants it waits no longer."""
    old = sys.getswitchinterval()
    sys.setswitchinterval(0.001)
    try:
        yield
    finally:
        sys.setswitchinterval(old)


def test_a_large_elmo_decode_lets_another_thread_run(fast_switching: None) -> None:
    piece = b"<elmo><learner/></elmo>\n"
    size = len(piece) * (64 * MIB // len(piece))
    field = base64.b64encode(gzip_of_repeated(piece, size))
    started = threading.Event()
    done = threading.Event()
    took: list[float] = []
    decoded: list[int] = []

    def decode() -> None:
        started.set()
        t0 = time.perf_counter()
        out = trustmeta.decode_elmo_field(field, max_elmo_bytes=size)
        took.append(time.perf_counter() - t0)
        decoded.append(len(out))
        done.set()

    worker = threading.Thread(target=decode)
    worker.start()
    started.wait()
    # This thread counts while the other decodes; were the GIL held through the native
    # call, it would stand still for the whole of it.
    ticks = [time.perf_counter()]
    while not done.is_set():
        ticks.append(time.perf_counter())
    worker.join()
    assert decoded == [size]
    longest_pause = max(b - a for a, b in zip(ticks, ticks[1:]))
    assert len(ticks) > 100
    assert longest_pause < took[0] / 2, (longest_pause, took[0])


class Interrupted(Exception):
    pass


def alarm_after(seconds: float) -> Callable[[], None]:
    """Raises ``Interrupted`` in this (the main) thread after ``seconds``; returns the
    function that restores the previous handler."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise Interrupted()

    previous = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, seconds)

    def restore() -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

    return restore


def padded_aggregate(pieces: int) -> bytes:
    """The signed aggregate followed by ``pieces`` comments of a MiB: the same signed
    document, far above the streaming threshold."""
    xml = (METADATA / "aggregate.xml").read_bytes()
    return xml + (b"<!--" + b"x" * (MIB - 8) + b"-->\n") * pieces


requires_alarm = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs signal.setitimer (Unix)")


@requires_alarm
def test_a_signal_stops_a_streamed_verify_metadata() -> None:
    store = trustmeta.TrustStore.from_pem((METADATA / "signer.pem").read_bytes())
    big = padded_aggregate(192)
    t0 = time.perf_counter()
    md = trustmeta.verify_metadata(big, store, now=NOW, profile="etoegang")
    whole = time.perf_counter() - t0
    assert md.streamed
    restore = alarm_after(min(0.02, whole / 10))
    try:
        t0 = time.perf_counter()
        with pytest.raises(Interrupted):
            trustmeta.verify_metadata(big, store, now=NOW, profile="etoegang")
        stopped = time.perf_counter() - t0
    finally:
        restore()
    assert stopped < whole / 2, (stopped, whole)


@requires_alarm
def test_a_signal_stops_a_large_feed_and_the_verifier_says_so() -> None:
    store = trustmeta.TrustStore.from_pem((METADATA / "signer.pem").read_bytes())
    big = padded_aggregate(192)
    v = trustmeta.MetadataStreamVerifier(store, now=NOW, profile="etoegang")
    t0 = time.perf_counter()
    v.feed(big)
    whole = time.perf_counter() - t0
    assert v.finish().streamed
    v = trustmeta.MetadataStreamVerifier(store, now=NOW, profile="etoegang")
    restore = alarm_after(min(0.02, whole / 10))
    try:
        t0 = time.perf_counter()
        with pytest.raises(Interrupted):
            v.feed(big)
        stopped = time.perf_counter() - t0
    finally:
        restore()
    assert stopped < whole / 2, (stopped, whole)
    assert "interrupted" in repr(v)
    with pytest.raises(ValueError, match="interrupted"):
        v.feed(b"")
    with pytest.raises(ValueError, match="interrupted"):
        v.finish()
