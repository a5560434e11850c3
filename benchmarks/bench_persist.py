"""Saving the host after each command: prints figures, asserts nothing
(run: ``python benchmarks/bench_persist.py [NOTEBOOK…]``).

Each lesson notebook (default: all of ``notebooks/``) is run cell by cell in an in-process
IPython shell, in a copy of its folder, with ``DOCKSTORE_HOME`` in a temporary folder.
Every save the magics make after a command is timed: wall clock (which includes the time
other processes on a busy machine take the CPU away) and this thread's CPU time.  Then the
host is read back, as a kernel restart does.  The goal: a save costs at most 5 ms (its
median and its 90th percentile); each figure is printed beside it, ``ok`` or ``MISSED``.
The CPU time is the save's own cost; the wall clock adds the waits of a busy machine.
The saves are counted in two groups: those after a command that made new layer folders
(a pull, a build, a commit, a container on vfs: each a full copy) or wrote more than
100 kB of segments, and the others."""
from __future__ import annotations

import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 0.005            # seconds: a save after a command
#: The segments that are a layer's folder (overlay2 diff, vfs copy, containerd snapshot).
LAYER_FOLDER = re.compile(r"/overlay2/[^/]+/diff$|/vfs/dir/[^/]+$|/snapshots/[^/]+/fs$")


def figures(xs) -> tuple:
    """(median, p90, max) of ``xs``, or None."""
    xs = sorted(xs)
    if not xs:
        return None
    return statistics.median(xs), xs[min(len(xs) - 1, int(len(xs) * 0.9))], xs[-1]


def verdict(x: float) -> str:
    return "ok" if x <= GOAL else "MISSED"


def ms(xs) -> str:
    f = figures(xs)
    if f is None:
        return "-"
    med, p90, top = f
    return (f"median {med * 1000:6.2f} ({verdict(med)})  p90 {p90 * 1000:6.2f} ({verdict(p90)})  "
            f"max {top * 1000:6.2f} ms   [goal <= {GOAL * 1000:.0f} ms]")


def bench_lesson(path: Path, work: Path) -> dict | None:
    import nbformat
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output
    from dockstore_magic import session
    from dockstore_magic.persist import Persistence, store as store_mod

    saves: list[dict] = []
    real_save = store_mod.HostStore.save

    def save(self, engine, full=False):
        before = set(self.roots)
        real_save(self, engine, full)
        layers = sum(1 for k in self.roots if k not in before and LAYER_FOLDER.search(k))
        saves.append(dict(self.last_save, full=full, layers=layers))

    store_mod.HostStore.save = save
    folder = work / path.stem
    shutil.copytree(path.parent, folder, ignore=shutil.ignore_patterns("*.ipynb"))
    os.chdir(folder)
    session.persistence, session._engine = Persistence(), None
    session.use_host(path.stem)         # as %load_ext does (a second one would do nothing)
    shell = InteractiveShell.instance()
    nb = nbformat.read(path, as_version=4)
    t = time.perf_counter()
    with capture_output() as cap:
        for cell in nb.cells:
            if cell.cell_type == "code":
                shell.run_cell(cell.source)
    ran = time.perf_counter() - t
    store_mod.HostStore.save = real_save
    store = session.persistence.store
    if store is None:
        print(f"== {path.name}: the host stopped being saved: "
              + "".join(l for l in cap.stderr.splitlines(True) if "cannot be saved" in l))
        return None
    size = sum(p.stat().st_size for p in store.dir.rglob("*") if p.is_file())
    per_command = [s for s in saves if not s["full"]]
    big = [s for s in per_command if s["layers"] or s["bytes"] - s["main"] > 100_000]
    rest = [s for s in per_command if not (s["layers"] or s["bytes"] - s["main"] > 100_000)]
    session.persistence, session._engine = Persistence(), None   # a kernel restart
    t = time.perf_counter()
    session.use_host(store.name)
    load = time.perf_counter() - t
    print(f"== {path.name}: {len(per_command)} saves in {ran:.1f} s of cells; state on disk "
          f"{size / 1e6:.2f} MB ({len(store.files)} segments, main pickle "
          f"{saves[-1]['main'] / 1e3:.0f} kB)")
    print(f"   saves making no layer folder, writing at most 100 kB of segments ({len(rest)}):")
    print(f"     wall {ms([s['seconds'] for s in rest])}")
    print(f"     cpu  {ms([s['cpu'] for s in rest])}")
    written = figures([s["bytes"] - s["main"] for s in big])
    print(f"   saves making layer folders (pull, build, commit, vfs copies) or writing more "
          f"({len(big)}"
          + (f"; median {written[0] / 1e3:.0f} kB, max {written[2] / 1e3:.0f} kB of segments"
             if written else "") + "):")
    print(f"     wall {ms([s['seconds'] for s in big])}")
    print(f"     cpu  {ms([s['cpu'] for s in big])}")
    total = sum(s["seconds"] for s in per_command)
    print(f"   all saves together: {total:.2f} s ({total / ran:.0%} of the cells' time); "
          f"reading the host back: {load * 1000:.0f} ms")
    return {"lesson": path.stem, "rest": figures([s["cpu"] for s in rest]),
            "rest wall": figures([s["seconds"] for s in rest]),
            "big": figures([s["cpu"] for s in big]), "cells": ran, "saves": total}


def summary(rows: list[dict]) -> None:
    """One line a lesson: the CPU figures (ms) beside the goal."""
    def cell(f, i):
        return "-" if f is None else f"{f[i] * 1000:.2f}" + ("" if i == 2 else
                                                             " " + verdict(f[i]))
    print(f"\n== CPU time of a save (ms), beside the goal (<= {GOAL * 1000:.0f} ms); "
          f"big: a save after new layer folders")
    print(f"{'lesson':26} {'median':>11} {'p90':>11} {'max':>6} {'big: median':>12} "
          f"{'big: p90':>11} {'big: max':>8}")
    for r in rows:
        print(f"{r['lesson']:26} {cell(r['rest'], 0):>11} {cell(r['rest'], 1):>11} "
              f"{cell(r['rest'], 2):>6} {cell(r['big'], 0):>12} {cell(r['big'], 1):>11} "
              f"{cell(r['big'], 2):>8}")
    for what in ("rest", "big"):
        ok = all(r[what] is None or max(r[what][:2]) <= GOAL for r in rows)
        print(f"{'ordinary' if what == 'rest' else 'big'} saves (median and p90, every lesson): "
              f"{'ok' if ok else 'MISSED'}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def main(argv: list[str]) -> None:
    paths = [Path(a).resolve() for a in argv] or sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
    work = Path(tempfile.mkdtemp(prefix="bench-persist-"))
    os.environ["DOCKSTORE_HOME"] = str(work / "home")
    os.environ.setdefault("COLUMNS", "80")
    here = os.getcwd()
    rows = []
    try:
        for p in paths:
            row = bench_lesson(p, work)
            if row is not None:
                rows.append(row)
        summary(rows)
    finally:
        os.chdir(here)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
