"""The timing rule of every in-process Python measurement here, the same as
core/benches/verify.rs: a warm-up of at least 3 calls and half a batch, then
TRUSTMETA_BENCH_BATCHES (7) batches of about TRUSTMETA_BENCH_BATCH_MS (200) ms."""
import os
import time

BATCH = int(os.environ.get("TRUSTMETA_BENCH_BATCH_MS", "200")) / 1000
BATCHES = max(1, int(os.environ.get("TRUSTMETA_BENCH_BATCHES", "7")))


def measure(fn):
    """(median, best) seconds per call of `fn`, and the calls per batch."""
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
