"""Writing many small files into a size-limited tmpfs: prints figures, asserts nothing
(run: ``python benchmarks/bench_tmpfs.py [N]``, default 10,000 files).

Each write to a tmpfs with ``size=`` checks that its pages fit.  The filesystem keeps the
pages in use as a running total (``TreeFS.pages_in_use``); the "walk" row does what the check
did before that, a walk of the whole tree on every write (``pages_used``), so its cost grows
with the files already there.  Both write the same N files of 100 bytes, spread over 100
folders, into a ``size=64m`` tmpfs (N×4 KiB must fit: 10,000 files take 40 MB)."""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dockstore_magic.fs import TreeFS                    # noqa: E402
from dockstore_magic.fs.tree import pages_used           # noqa: E402


class WalkingTreeFS(TreeFS):
    """The check as it was: every write walks the tree for the pages in use."""

    def pages_in_use(self) -> int:
        return pages_used(self.root)


def run(cls, n: int) -> tuple[float, int]:
    fs = cls(capacity=64 * 1024 * 1024)
    for d in range(100):
        fs.mkdir(f"/d{d}")
    data = b"x" * 100
    t0 = time.perf_counter()
    for i in range(n):
        fs.write(f"/d{i % 100}/f{i}", data)
    return time.perf_counter() - t0, pages_used(fs.root)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    print(f"{n} files of 100 B into a size=64m tmpfs")
    for name, cls in (("running total", TreeFS), ("walk per write", WalkingTreeFS)):
        secs, used = run(cls, n)
        print(f"  {name:15} {secs:8.3f} s  {secs / n * 1e6:9.1f} µs/write  ({used // 1024} KiB used)")


if __name__ == "__main__":
    main()
