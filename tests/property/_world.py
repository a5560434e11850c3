"""The simulated world the properties run in, and what they observe of it: the state a
rejected command must leave alone, the internal errors a run must never show, file trees."""
from __future__ import annotations

import copy
import logging
import os
import shutil
import stat as _st

from dockstore_magic.cli.main import DockerCLI
from dockstore_magic.daemon import Engine
from dockstore_magic.dockerhost import DOCKER_ROOT
from dockstore_magic.shell import interp

from _strategies import CONTEXT_FILES

#: files the engine's init layer adds to every container and that images never hold
INIT_PATHS = {"/etc/hosts", "/etc/hostname", "/etc/resolv.conf", "/etc/mtab", "/.dockerenv",
              "/dev", "/dev/console", "/dev/pts", "/dev/shm", "/proc", "/sys"}


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[str] = []

    def emit(self, record):
        self.records.append(logging.Formatter().format(record))


class World:
    """A fresh engine (seeded IDs, fixed clock) with busybox, an image ``img:1``, an exited
    container ``c1`` that changed files, a created ``c2`` using volume ``v1``, and a build
    context and image tarball in ``folder`` (the CLI's working folder)."""

    def __init__(self, folder: str, storage_driver: str = "overlay2"):
        self.folder = folder
        self._fill_folder()
        self.engine = Engine(storage_driver=storage_driver, seed=7, clock="2026-01-01T09:00:00Z")
        self.cli = DockerCLI(self.engine, cwd=folder)
        self.log = _Collect()
        logging.getLogger("dockstore_magic").addHandler(self.log)
        for line in (["pull", "-q", "busybox"], ["tag", "busybox", "img:1"],
                     ["save", "-o", "image.tar", "busybox"],
                     ["run", "--name", "c1", "busybox", "sh", "-c",
                      "echo x > /etc/motd; rm /etc/group; mkdir /data"],
                     ["volume", "create", "v1"],
                     ["create", "--name", "c2", "-v", "v1:/data", "busybox"]):
            r = self.cli.run(line)
            assert r.exit_code == 0, (line, r.stderr)
        interp.LAST_ERROR = ""

    def _fill_folder(self) -> None:
        """The working folder as the world starts: the build context ``ctx`` (and, once saved,
        ``image.tar``); whatever an example wrote there is removed."""
        for name in os.listdir(self.folder):
            if name != "image.tar":
                p = os.path.join(self.folder, name)
                shutil.rmtree(p) if os.path.isdir(p) and not os.path.islink(p) else os.unlink(p)
        ctx = os.path.join(self.folder, "ctx")
        for rel, data in CONTEXT_FILES.items():
            p = os.path.join(ctx, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "wb") as f:
                f.write(data)
        with open(os.path.join(ctx, "Dockerfile"), "w") as f:
            f.write("FROM busybox\nCOPY a.txt /\n")

    def fork(self) -> "World":
        """The same world, fresh (a deep copy of the engine, the folder as it started), for one
        example: examples never see each other's effects."""
        w = copy.copy(self)
        w.engine = copy.deepcopy(self.engine)
        w.cli = DockerCLI(w.engine, cwd=self.folder)
        self._fill_folder()
        self.log.records = []
        interp.LAST_ERROR = ""
        return w

    def close(self):
        logging.getLogger("dockstore_magic").removeHandler(self.log)

    # ------------------------------------------------------------------ acting
    def docker(self, argv):
        return self.cli.run(list(argv))

    def build(self, argv, text):
        return self.cli.build_cell(list(argv), text)

    def host(self, script):
        return self.cli.host(script)

    # ------------------------------------------------------------------ observing
    def internal_errors(self, result) -> list[str]:
        """Every sign of a bug of ours in a command's run: the CLI's and the shell's
        ``internal error`` lines, a traceback, a logged exception."""
        found = []
        for line in (result.stdout + result.stderr).splitlines():
            if "internal error" in line or "Traceback" in line:
                found.append(line)
        if found and interp.LAST_ERROR:
            found.append(interp.LAST_ERROR)
        found += self.log.records
        self.log.records = []
        interp.LAST_ERROR = ""
        return found

    def state(self) -> dict:
        """What a rejected command must not change: ``ps -a``, ``images -a``, ``volume ls``
        and every file below /var/lib/docker on the host."""
        out = {}
        for argv in (["ps", "-a", "--no-trunc", "-s"], ["images", "-a", "--no-trunc"],
                     ["volume", "ls"]):
            r = self.cli.run(argv)
            out[" ".join(argv)] = (r.exit_code, r.stdout, r.stderr)
        out[DOCKER_ROOT] = tree(self.engine.host.tree, DOCKER_ROOT)
        return out


def tree(fs, top: str = "/", skip=()) -> dict:
    """Every path below ``top`` in ``fs``: type, mode, owner, size, mtime, link target, and the
    content itself (compared by identity first, by sha256 only when it differs).  A folder's
    mtime is left out: mounting a container's layer (``docker cp`` does, even when it then
    fails) makes and removes its ``merged`` folder, as moby's overlay2 Get/Put do."""
    out = {}
    if not fs.exists(top, follow=False):
        return out
    for path, st in fs.walk(top):
        if path in skip or any(path.startswith(s + "/") for s in skip):
            continue
        blob = fs.read_blob(path) if st.is_file else None
        out[path] = (st.mode, st.uid, st.gid, st.size, None if st.is_dir else st.mtime,
                     st.nlink, st.rdev, st.target,
                     tuple(sorted(st.xattrs.items())), blob)
    return out


_DIGESTS: dict[int, tuple] = {}


def _sha256(blob) -> str:
    """A blob's digest, computed once per blob (busybox's 400 hard links share one)."""
    hit = _DIGESTS.get(id(blob))
    if hit is None or hit[0] is not blob:
        if len(_DIGESTS) > 50_000:            # a long run: let old blobs go
            _DIGESTS.clear()
        hit = _DIGESTS[id(blob)] = (blob, blob.sha256())
    return hit[1]


def files(fs, top: str = "/", skip=INIT_PATHS) -> dict:
    """A file tree as a user sees it: type and permissions, owner, content, link target,
    mtime to the second (what a tar keeps)."""
    out = {}
    for path, st in fs.walk(top):
        if path in skip or any(path.startswith(s + "/") for s in skip):
            continue
        content = _sha256(fs.read_blob(path)) if st.is_file else None
        out[path] = (_st.S_IFMT(st.mode), st.perm if not st.is_symlink else 0, st.uid, st.gid,
                     content, st.target, int(st.mtime) if not st.is_dir else None)
    return out
