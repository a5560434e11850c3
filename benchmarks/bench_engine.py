"""Engine benchmarks: prints figures, asserts nothing (run: python benchmarks/bench_engine.py).

* container creation time on a 1 MB and on a 1 GB image, under overlay2 and under vfs;
* time to read a file at the bottom of a 120-layer image against a 1-layer image;
* resident memory after 100 containers of a 1 GB image.

Images are built directly through the engine's Python API (``dd`` in a RUN makes the big
file: a size-only blob, so the 1 GB never exists in real memory)."""
from __future__ import annotations

import gc
import os
import resource
import statistics
import sys
import time

from dockstore_magic.daemon import Engine

BUSYBOX_TAR = None


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def base_engine(driver: str) -> Engine:
    e = Engine(storage_driver=driver, seed=7, clock="2026-01-01T00:00:00Z")
    e.images.pull("busybox", lambda s: None)
    return e


def build_big(e: Engine, size_mb: int, tag: str, layers: int = 1) -> None:
    lines = ["FROM busybox", f"RUN dd if=/dev/zero of=/big.bin bs=1M count={size_mb} 2>/dev/null"]
    for i in range(layers - 1):
        lines.append(f"RUN echo {i} > /layer-{i}.txt")
    e.builder.build("\n".join(lines) + "\n", None, [tag], write=None, quiet=True)


def timed(fn, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def fmt(ts: list[float]) -> str:
    return f"median {statistics.median(ts) * 1000:8.2f} ms  (min {min(ts) * 1000:.2f}, max {max(ts) * 1000:.2f}, n={len(ts)})"


def bench_create() -> None:
    print("== container creation (docker create: init layer + read-write layer)")
    for driver in ("overlay2", "vfs"):
        for size_mb in (1, 1024):
            e = base_engine(driver)
            build_big(e, size_mb, "big:1")
            img = e.images.get("big:1")
            n = 20
            sim0 = e.clock.peek()
            ts = timed(lambda: e.containers.create({"Image": "big:1", "Cmd": ["true"]}), n)
            sim = (e.clock.peek() - sim0) / n
            disk = sum(e.driver.disk_usage(c.rw.mount_id) for c in e.container_store)
            print(f"{driver:8} {size_mb:5} MB image ({img.size / 1e6:8.1f} MB): real {fmt(ts)}; "
                  f"simulated {sim * 1000:9.1f} ms each; disk used by {n} containers' layers: "
                  f"{disk / 1e6:10.1f} MB")


def bench_read_depth() -> None:
    print("== reading a file at the bottom of the stack (overlay2 lookup through every lower)")
    for layers in (1, 120):
        e = base_engine("overlay2")
        build_big(e, 1, "deep:1", layers=layers)
        img = e.images.get("deep:1")
        c = e.containers.create({"Image": "deep:1", "Cmd": ["true"]})
        fs = e.layer_store.mount(c.rw)
        ts = timed(lambda: fs.read_bytes("/etc/passwd"), 200)
        print(f"{len(img.layers):4} layers: read /etc/passwd {fmt(ts)}")


def bench_memory() -> None:
    print("== resident memory after 100 containers of a 1 GB image")
    gc.collect()
    before = rss_mb()
    e = base_engine("overlay2")
    build_big(e, 1024, "big:1")
    after_image = rss_mb()
    for i in range(100):
        c = e.containers.create({"Image": "big:1", "Cmd": ["true"]})
        e.containers.start(c.id, detached=False)
    gc.collect()
    after = rss_mb()
    print(f"RSS before {before:.1f} MB; after the 1 GB image {after_image:.1f} MB; "
          f"after 100 containers {after:.1f} MB (+{after - after_image:.1f} MB)")


if __name__ == "__main__":
    print(f"python {sys.version.split()[0]}, pid {os.getpid()}")
    bench_create()
    bench_read_depth()
    bench_memory()
