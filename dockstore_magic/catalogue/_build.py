"""Helpers that lay out a layer's content as a fresh in-memory tree.

A :class:`Layout` wraps a :class:`~dockstore_magic.fs.TreeFS` whose clock is frozen at the
layer's creation time, so every node it makes carries that mtime.  Text files get their real
bytes; binaries and other bulky files are :class:`~dockstore_magic.fs.FillerBlob` stand-ins of
a realistic size, seeded by ``"<family>:<path>"`` so that two builds (and two images sharing a
layer) get byte-identical content.

Sizes are made to match the real images' ``docker images`` SIZE: a layout records *exact*
files (text, and binaries whose size is known) and *bulk* fillers (locales, docs, modules, …)
whose nominal sizes are only estimates; :meth:`Layout.finish` scales the bulk fillers so the
layer's apparent size (regular files plus symlink targets, hard links once — moby's
``directory.Size``) hits the target exactly.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import stat as _st

from ..fs import Dir, FillerBlob, TreeFS, tree_size
from ..fs.tree import File, Symlink


def epoch(iso: str) -> float:
    """``2024-12-23T00:00:00Z`` (optionally with a fraction) as a POSIX timestamp."""
    s = iso.rstrip("Z")
    frac = 0.0
    if "." in s:
        s, f = s.split(".", 1)
        frac = float("0." + f)
    d = _dt.datetime.strptime(s, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=_dt.timezone.utc)
    return d.timestamp() + frac


def digest_of(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


class Layout:
    """Build one layer's tree.  Paths are absolute; missing parents become 0755 root dirs."""

    def __init__(self, mtime: float, family: str):
        self.mtime = float(mtime)
        self.family = family
        self.root = Dir(0o755, mtime=self.mtime)
        self.fs = TreeFS(root=self.root, clock=lambda: self.mtime)
        self._bulk: list[tuple[str, int, str]] = []
        self.group = "main"                          # bulk group of the next bulk() calls
        self.factors: dict[str, float] = {}          # bulk group -> scale used by finish()
        self.owned: dict[str, list[str]] = {}      # dpkg package -> paths it installed
        self._pkg: str | None = None

    # ------------------------------------------------------------------ bookkeeping
    def package(self, name: str | None) -> "Layout":
        """Attribute the following paths to a dpkg package (for its .list file)."""
        self._pkg = name
        if name is not None:
            self.owned.setdefault(name, [])
        return self

    def _own(self, path: str) -> None:
        if self._pkg is not None:
            self.owned[self._pkg].append(path)

    def _parent(self, path: str) -> None:
        parent = path.rsplit("/", 1)[0] or "/"
        if not self.fs.exists(parent, follow=False):
            self.fs.mkdir(parent, parents=True)

    # ------------------------------------------------------------------ makers
    def dir(self, path: str, mode: int = 0o755, uid: int = 0, gid: int = 0) -> None:
        if not self.fs.exists(path, follow=False):
            self.fs.mkdir(path, parents=True)
        self.fs.chmod(path, mode)
        self.fs.chown(path, uid, gid)
        self._own(path)

    def dirs(self, *paths: str, mode: int = 0o755) -> None:
        for p in paths:
            self.dir(p, mode)

    def text(self, path: str, content, mode: int = 0o644, uid: int = 0, gid: int = 0) -> None:
        data = content.encode() if isinstance(content, str) else bytes(content)
        self._parent(path)
        self.fs.write(path, data, mode=mode, uid=uid, gid=gid)
        self.fs.chmod(path, mode)
        self.fs.chown(path, uid, gid)
        self._own(path)

    def blob(self, path: str, size: int, mode: int = 0o755, uid: int = 0, gid: int = 0,
             seed: str | None = None) -> None:
        """An exact-size filler (a binary or library whose real size is known)."""
        self._parent(path)
        blob = FillerBlob(int(size), seed or f"{self.family}:{path}")
        self.fs.write(path, blob, mode=mode, uid=uid, gid=gid)
        self.fs.chmod(path, mode)
        self.fs.chown(path, uid, gid)
        self._own(path)

    def bulk(self, path: str, nominal: int, mode: int = 0o644, uid: int = 0, gid: int = 0) -> None:
        """A filler whose size is an estimate: :meth:`finish` rescales it to hit the target."""
        self.blob(path, nominal, mode, uid, gid)
        self._bulk = [b for b in self._bulk if b[0] != path]
        self._bulk.append((path, int(nominal), self.group))

    def empty(self, path: str, mode: int = 0o644, uid: int = 0, gid: int = 0) -> None:
        self.text(path, b"", mode, uid, gid)

    def link(self, target: str, path: str) -> None:
        """A symbolic link ``path -> target``."""
        self._parent(path)
        if self.fs.exists(path, follow=False):
            self.fs.unlink(path)
        self.fs.symlink(target, path)
        self._own(path)

    def hardlink(self, existing: str, path: str) -> None:
        self._parent(path)
        self.fs.link(existing, path)
        self._own(path)

    def exists(self, path: str) -> bool:
        return self.fs.exists(path, follow=False)

    def size(self) -> int:
        return tree_size(self.root)

    # ------------------------------------------------------------------ finishing
    def finish(self, target: int | None = None, fixed: dict[str, float] | None = None) -> Dir:
        """Rescale the bulk fillers so the tree's size is exactly ``target``; freeze mtimes.

        Groups named in ``fixed`` are scaled by the given factor (so a layer variant can keep
        the very same files as another); the other groups absorb the rest."""
        fixed = dict(fixed or {})
        if target is not None and self._bulk:
            sizes: dict[str, int] = {}
            for path, n, group in self._bulk:
                if group in fixed:
                    sizes[path] = max(1, int(n * fixed[group]))
            free = [(p, n) for p, n, g in self._bulk if g not in fixed]
            nominal = sum(n for _, n in free)
            rest = self.size() - sum(n for _, n, _ in self._bulk) + sum(sizes.values())
            want = target - rest
            if want < len(free):
                raise ValueError(f"{self.family}: exact files ({rest} B) exceed target {target} B")
            factor = want / nominal if nominal else 0.0
            for g in {g for _, _, g in self._bulk if g not in fixed}:
                self.factors[g] = factor
            self.factors.update(fixed)
            scaled = [max(1, int(n * factor)) for _, n in free]
            if free:
                scaled[-1] += want - sum(scaled)
            sizes.update({p: s for (p, _), s in zip(free, scaled)})
            for path, size in sizes.items():
                node = self.fs.node_at(path, follow=False)
                assert isinstance(node, File)
                node.blob = FillerBlob(size, node.blob.seed)  # type: ignore[attr-defined]
        if target is not None and self.size() != target:
            raise ValueError(f"{self.family}: size {self.size()} != target {target}")
        stack = [self.root]
        while stack:
            n = stack.pop()
            n.mtime = self.mtime
            if isinstance(n, Dir):
                stack.extend(n.entries.values())
        return self.root


#: Debian's multiarch library folder
ML = "/usr/lib/x86_64-linux-gnu"


def lib(L: Layout, real: str, size: int, *links: str, bulk: bool = False) -> None:
    """A shared library in :data:`ML` (exact size, or bulk) and its symlinks."""
    if bulk:
        L.bulk(f"{ML}/{real}", size)
    else:
        L.blob(f"{ML}/{real}", size, mode=0o644)
    for link in links:
        L.link(real, f"{ML}/{link}")


def walk_tree(root: Dir, prefix: str = ""):
    """(path, node) for every node below ``root`` (sorted, depth first, root excluded)."""
    for name in sorted(root.entries):
        node = root.entries[name]
        path = f"{prefix}/{name}"
        yield path, node
        if isinstance(node, Dir):
            yield from walk_tree(node, path)


def md5_of(node) -> str:
    """md5 of a small file's bytes; a stand-in digest for fillers (never read in full)."""
    blob = node.blob
    if isinstance(blob, FillerBlob):
        return hashlib.md5(f"{blob.seed}:{blob.size}".encode()).hexdigest()
    return hashlib.md5(blob.read()).hexdigest()


def is_file(node) -> bool:
    return isinstance(node, File) and _st.S_ISREG(node.mode)


__all__ = ["Layout", "ML", "lib", "epoch", "digest_of", "walk_tree", "md5_of", "is_file", "Symlink"]


def history_text(name: str) -> str:
    """A long ``created_by`` (an upstream RUN line) kept as data in ``catalogue/history/``."""
    from pathlib import Path
    return (Path(__file__).with_name("history") / name).read_text(encoding="utf-8").rstrip("\n")


def hist(created: str, created_by: str, empty: bool = False, comment: str | None = None) -> dict:
    """One OCI history entry, with the keys in the order Docker writes them."""
    h: dict = {"created": created, "created_by": created_by}
    if comment is not None:
        h["comment"] = comment
    if empty:
        h["empty_layer"] = True
    return h


BUILDKIT = "buildkit.dockerfile.v0"
