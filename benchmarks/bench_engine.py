"""Engine benchmarks: each figure beside its goal (issue 12) and beside the real engine's time
for the same step where one is reachable.  It prints figures and asserts nothing.

Figures: ``docker run --rm`` of one command; ``docker create`` on a 1 MB and a 1 GB image and
their ratio; the 1,000th create against the first; ``du -sh`` over lesson 6's vfs folders
(about 40,000 files); a 120-step build; reading a file at the bottom of a 121-layer image
against a 2-layer one; resident memory after a 1 GB image and 100 containers; all lessons
headless.

    python benchmarks/bench_engine.py            # everything (the real engine if reachable)
    python benchmarks/bench_engine.py --no-real  # the simulator only
    python benchmarks/bench_engine.py --no-lessons

How it measures, on a shared 2-core machine:

* the simulator runs in this process, single-threaded: its figures are this process's CPU
  time (``time.process_time``), so the other programs on the machine do not inflate them;
  each is the median of many repetitions after a few warm-up runs;
* the real engine works in other processes (dockerd, containerd, runc, the CLI): its figures
  are wall-clock times of the ``docker`` command, medians of a few runs;
* resident memory is measured in a fresh process (``--memory-only``), so the other
  benchmarks' garbage does not count.

The real engine's images are made from the same busybox rootfs the differential tests use
(``tests/support/rootfs.py``), imported as ``h12-bench-base:1``; everything it creates is
named ``h12-bench-*`` and removed at the end.
"""
from __future__ import annotations

import gc
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from dockstore_magic.daemon import Engine          # noqa: E402

DOCKER = os.environ.get("DSM_DOCKER_CLI", "/usr/local/bin/docker")
BUILD_DOCKER = os.environ.get("DSM_DOCKER", "/usr/bin/docker")
PREFIX = "h12-bench-"
QUIET = dict(out=lambda s: None, err=lambda s: None)


# ---------------------------------------------------------------------------- helpers
def cpu(fn, n: int, warm: int = 3) -> list[float]:
    for _ in range(warm):
        fn()
    out = []
    for _ in range(n):
        t = time.process_time()
        fn()
        out.append(time.process_time() - t)
    return out


def wall(fn, n: int, warm: int = 1) -> list[float]:
    for _ in range(warm):
        fn()
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def med(ts: list[float]) -> float:
    return statistics.median(ts)


def ms(s: float) -> str:
    return f"{s * 1000:.2f} ms"


ROWS: list[tuple[str, str, str, str, str]] = []


def row(what: str, sim: str, goal: str, met: bool | None, real: str = "") -> None:
    mark = "" if met is None else ("ok" if met else "MISSED")
    ROWS.append((what, sim, goal, mark, real))
    print(f"  {what:<52} {sim:>14}   goal {goal:<14} {mark:<6} {real}", flush=True)


def cli(engine: Engine):
    from dockstore_magic.cli.main import DockerCLI
    c = DockerCLI(engine)
    return lambda line: c.run(line.split(), **QUIET)


def new_engine(driver: str = "overlay2") -> Engine:
    e = Engine(storage_driver=driver, seed=7, clock="2026-01-01T00:00:00Z")
    e.images.pull("busybox", lambda s: None)
    return e


def dockerfile_big(size_mb: int) -> str:
    return f"FROM busybox\nRUN dd if=/dev/zero of=/big.bin bs=1M count={size_mb} 2>/dev/null\n"


def dockerfile_steps(n: int, base: str = "busybox") -> str:
    return f"FROM {base}\n" + "".join(f"RUN echo {i} > /layer-{i}.txt\n" for i in range(n))


def sim_build(e: Engine, dockerfile: str, tag: str) -> None:
    e.builder.build(dockerfile, None, [tag], write=None, quiet=True)


# ---------------------------------------------------------------------------- real engine
class Real:
    """The reference engine, driven through its CLI (wall-clock times)."""

    def __init__(self):
        self.ok = False
        self.base = PREFIX + "base:1"
        self.containers: list[str] = []
        self.images: list[str] = []
        self.tmp = Path(tempfile.mkdtemp(prefix="h12-bench-"))

    def sh(self, *args, docker=DOCKER, check=True, input=None, env=None) -> subprocess.CompletedProcess:
        p = subprocess.run([docker, *args], capture_output=True, input=input,
                           env={**os.environ, "DOCKER_BUILDKIT": "1", **(env or {})})
        if check and p.returncode:
            raise RuntimeError(f"docker {' '.join(args)}: {p.stderr.decode(errors='replace')}")
        return p

    def start(self) -> bool:
        if not shutil.which(DOCKER) or not shutil.which(BUILD_DOCKER):
            return False
        try:
            if self.sh("version", check=False).returncode:
                return False
            sys.path.insert(0, str(ROOT / "tests"))
            from support.rootfs import rootfs_bytes
            tar = self.tmp / "rootfs.tar"
            tar.write_bytes(rootfs_bytes())
            self.sh("import", str(tar), self.base)
            self.images.append(self.base)
            self.ok = True
        except Exception as e:           # no busybox-static, no engine: skip the comparisons
            print(f"  (real engine not usable: {e})")
        return self.ok

    def build(self, dockerfile: str, tag: str) -> float:
        ctx = self.tmp / tag.replace(":", "_")
        ctx.mkdir(exist_ok=True)
        (ctx / "Dockerfile").write_text(dockerfile.replace("FROM busybox", f"FROM {self.base}"))
        t = time.perf_counter()
        self.sh("build", "--network=none", "--progress=plain", "--no-cache", "-t", tag, str(ctx),
                docker=BUILD_DOCKER)
        self.images.append(tag)
        return time.perf_counter() - t

    def create(self, image: str) -> str:
        cid = self.sh("create", "--network", "none", image, "true").stdout.decode().strip()
        self.containers.append(cid)
        return cid

    def cleanup(self) -> None:
        for cid in self.containers:
            self.sh("rm", "-f", cid, check=False)
        for img in reversed(self.images):
            self.sh("rmi", "-f", img, check=False)
        shutil.rmtree(self.tmp, ignore_errors=True)


# ---------------------------------------------------------------------------- benchmarks
def bench_run_rm(real: Real) -> None:
    e = new_engine()
    d = cli(e)
    ts = cpu(lambda: d("run --rm busybox cat /etc/passwd"), 60, warm=5)
    rt = ""
    if real.ok:
        r = wall(lambda: real.sh("run", "--rm", "--network", "none", real.base, "cat", "/etc/passwd"), 5)
        rt = f"real engine {ms(med(r))} ({med(r) / med(ts):.0f}x)"
    row("docker run --rm busybox cat /etc/passwd", ms(med(ts)), "<= 2.5 ms", med(ts) <= 0.0025, rt)


def bench_create(real: Real) -> None:
    # The two engines take turns, so that a change in the machine's load hits both alike.
    runs = {}
    for size_mb in (1, 1024):
        e = new_engine()
        sim_build(e, dockerfile_big(size_mb), "big:1")
        runs[size_mb] = (cli(e), [])
    for _ in range(3):
        for d, _ts in runs.values():
            d("create big:1 true")
    for _ in range(80):
        for d, ts in runs.values():
            t = time.process_time()
            d("create big:1 true")
            ts.append(time.process_time() - t)
    real_ts = {}
    for size_mb, (_, ts) in runs.items():
        rt = ""
        if real.ok:
            tag = f"{PREFIX}big{size_mb}:1"
            real.build(dockerfile_big(size_mb), tag)
            real_ts[size_mb] = r = wall(lambda: real.create(tag), 5)
            rt = f"real engine {ms(med(r))}"
        row(f"docker create on a {size_mb} MB image", ms(med(ts)), "<= 1 ms", med(ts) <= 0.001, rt)
    ratio = med(runs[1024][1]) / med(runs[1][1])
    rt = f"real engine {med(real_ts[1024]) / med(real_ts[1]):.2f}" if real_ts else ""
    row("  ratio 1 GB / 1 MB image", f"{ratio:.2f}", "<= 1.1", ratio <= 1.1, rt)


def bench_create_many() -> None:
    e = new_engine()
    d = cli(e)
    ts = []
    for _ in range(1000):
        t = time.process_time()
        d("create busybox true")
        ts.append(time.process_time() - t)
    first, last = med(ts[:50]), med(ts[-50:])
    row("docker create: creates 951-1000 / 1-50", f"{last / first:.2f}", "<= 1.1", last / first <= 1.1,
        "")
    print(f"    (first 50: {ms(first)} each, last 50: {ms(last)} each)")


def lesson6_vfs_engine() -> Engine:
    """Lesson 6's vfs half: python:3.12-slim, a running container, three more, a 2-step build."""
    e = Engine(storage_driver="vfs", seed=6, clock="2026-01-01T09:00:00Z")
    d = cli(e)
    d("pull python:3.12-slim")
    d("run -d --name app python:3.12-slim python -m http.server 8000")
    for i in (1, 2, 3):
        d(f"create --name c{i} python:3.12-slim")
    sim_build(e, 'FROM python:3.12-slim\nRUN echo "first step" > /step1.txt\n'
                 'RUN echo "second step" > /step2.txt\n', "tool:1")
    return e


def bench_du(real: Real) -> None:
    from dockstore_magic.cli.main import DockerCLI
    e = lesson6_vfs_engine()
    c = DockerCLI(e)
    out: list[str] = []
    c.host("find /var/lib/docker/vfs/dir | wc -l", out=out.append, err=out.append)
    files = int("".join(out).strip() or 0)
    ts = cpu(lambda: c.host("du -sh /var/lib/docker/vfs/dir/*", **QUIET), 3, warm=1)
    rt = ""
    if shutil.which("du"):
        # The same number of files on this machine's disk, measured by GNU du.
        tmp = Path(tempfile.mkdtemp(prefix="h12-bench-du-"))
        try:
            for i in range(files):
                sub = tmp / f"d{i // 100}"
                if i % 100 == 0:
                    sub.mkdir()
                (sub / f"f{i}").write_bytes(b"x")
            r = wall(lambda: subprocess.run(["du", "-sh", str(tmp)], capture_output=True), 3)
            rt = f"GNU du, same number of files on this disk: {ms(med(r))}"
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    row(f"du -sh /var/lib/docker/vfs/dir/* ({files} files)", f"{med(ts):.3f} s", "<= 0.3 s",
        med(ts) <= 0.3, rt)


def bench_build_and_depth(real: Real) -> None:
    steps = dockerfile_steps(120)
    ts = []
    for _ in range(3):
        e = new_engine()
        t = time.process_time()
        sim_build(e, steps, "deep:1")
        ts.append(time.process_time() - t)
    rt = ""
    if real.ok:
        rt = f"real engine (BuildKit) {real.build(steps, PREFIX + 'deep:1'):.1f} s"
    row("a 120-step build (FROM + 120 RUN)", f"{med(ts):.3f} s", "<= 0.5 s", med(ts) <= 0.5, rt)

    sim_build(e, dockerfile_steps(0) + "RUN echo 0 > /layer-0.txt\n", "shallow:1")
    reads = {}
    for tag in ("shallow:1", "deep:1"):
        c = e.containers.create({"Image": tag, "Cmd": ["true"]})
        fs = e.layer_store.mount(c.rw)
        reads[tag] = cpu(lambda: fs.read_bytes("/etc/passwd"), 2000, warm=50)
        e.layer_store.unmount(c.rw)
    n_deep = len(e.images.get("deep:1").layers)
    ratio = med(reads["deep:1"]) / med(reads["shallow:1"])
    rt = ""
    if real.ok:
        times = {}
        for tag in (PREFIX + "deep:1", PREFIX + "shallow:1"):
            if tag.endswith("shallow:1"):
                real.build(dockerfile_steps(1), tag)
            cid = real.sh("run", "-d", "--network", "none", tag, "sleep", "600").stdout.decode().strip()
            real.containers.append(cid)
            times[tag] = med(wall(lambda: real.sh("exec", cid, "cat", "/etc/passwd"), 5))
        rt = f"real engine, docker exec cat: {times[PREFIX + 'deep:1'] / times[PREFIX + 'shallow:1']:.2f}"
    row(f"read /etc/passwd: {n_deep}-layer / 2-layer image", f"{ratio:.2f}", "<= 1.2", ratio <= 1.2, rt)
    print(f"    ({n_deep} layers: {med(reads['deep:1']) * 1e6:.1f} us; 2 layers: "
          f"{med(reads['shallow:1']) * 1e6:.1f} us)")


def bench_lessons() -> None:
    # Kernels load the package from bytecode, as after ``pip install`` (an environment with
    # PYTHONDONTWRITEBYTECODE would compile it again in each of the seven kernels).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "dockstore_magic")],
                   capture_output=True, env=env)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "dockstore_magic.lessons", str(ROOT / "notebooks")],
                       capture_output=True, text=True, cwd=ROOT, env=env)
    took = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_s = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    for line in p.stdout.splitlines():
        print("    " + line)
    row("all lessons headless (wall clock)", f"{took:.1f} s", "<= 10 s", took <= 10 and p.returncode == 0)
    # The CPU the runner and its seven kernels used: on a shared machine the wall clock is
    # mostly waiting for a core.
    row("  the same: CPU time of the runner and its kernels", f"{cpu_s:.1f} s", "<= 10 s", cpu_s <= 10)


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def memory_only() -> None:
    gc.collect()
    e = new_engine()
    sim_build(e, dockerfile_big(1024), "big:1")
    for _ in range(100):
        c = e.containers.create({"Image": "big:1", "Cmd": ["true"]})
        e.containers.start(c.id, detached=False)
    gc.collect()
    print(f"{rss_mb():.1f}")


def bench_memory() -> None:
    p = subprocess.run([sys.executable, __file__, "--memory-only"], capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    mb = float(p.stdout.strip().splitlines()[-1])
    row("resident memory: 1 GB image + 100 containers", f"{mb:.1f} MB", "<= 40.6 MB", mb <= 40.6)


def main(argv: list[str]) -> None:
    if "--memory-only" in argv:
        memory_only()
        return
    print(f"python {sys.version.split()[0]}, pid {os.getpid()}, load {os.getloadavg()[0]:.1f}")
    real = Real()
    if "--no-real" not in argv and real.start():
        print(f"real engine: {real.sh('version', '--format', '{{.Server.Version}}').stdout.decode().strip()}")
    else:
        print("real engine: not reachable, its column is left empty")
    try:
        bench_run_rm(real)
        bench_create(real)
        bench_create_many()
        bench_du(real)
        bench_build_and_depth(real)
        bench_memory()
        if "--no-lessons" not in argv:
            bench_lessons()
    finally:
        real.cleanup()


if __name__ == "__main__":
    main(sys.argv[1:])
