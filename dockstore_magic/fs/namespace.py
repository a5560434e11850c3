"""A container's mount namespace: its root filesystem plus the mounts on top of it
(volumes, bind mounts, tmpfs).  Each operation is handed to the filesystem mounted at the
longest matching prefix of the (already resolved) path."""
from __future__ import annotations

from dataclasses import dataclass

from .base import FileSystem, join
from .errors import FSError, EXDEV, EBUSY, EROFS, EPERM


@dataclass
class Mount:
    target: str            # absolute path in the container
    fs: FileSystem         # what is mounted there (its root is the mount point)
    readonly: bool = False
    kind: str = "bind"     # bind | volume | tmpfs | overlay
    source: tuple = ()     # canonical path inside ``fs`` that appears at ``target``

    @property
    def parts(self) -> tuple:
        return tuple(p for p in self.target.split("/") if p)


class MountNamespace(FileSystem):
    def __init__(self, root: FileSystem, mounts: list[Mount] | None = None):
        self.root = root
        self.mounts: list[Mount] = []
        for m in mounts or []:
            self.add(m)

    def add(self, mount: Mount) -> None:
        # Longest target first; among mounts on the same target the newest is on top (the
        # sort is stable, and the new mount goes in front).
        self.mounts.insert(0, mount)
        self.mounts.sort(key=lambda m: len(m.parts), reverse=True)

    def _route(self, parts) -> tuple[FileSystem, tuple, Mount | None]:
        for m in self.mounts:
            mp = m.parts
            if parts[:len(mp)] == mp:
                return m.fs, m.source + parts[len(mp):], m
        return self.root, parts, None

    def mount_at(self, path: str) -> Mount | None:
        return self._route(self.resolve(path))[2]

    def _check_writable(self, parts):
        fs, rest, m = self._route(parts)
        if m is not None and m.readonly:
            raise FSError(EROFS, join(parts))
        fs._check_writable(rest)

    def _lstat(self, parts):
        fs, rest, _ = self._route(parts)
        return fs._lstat(rest)

    def _listdir(self, parts):
        fs, rest, _ = self._route(parts)
        return fs._listdir(rest)

    def _blob(self, parts):
        fs, rest, _ = self._route(parts)
        return fs._blob(rest)

    def _write(self, parts, blob, mode, uid, gid):
        fs, rest, _ = self._route(parts)
        fs._write(rest, blob, mode, uid, gid)

    def _mkdir(self, parts, mode, uid, gid):
        fs, rest, _ = self._route(parts)
        fs._mkdir(rest, mode, uid, gid)

    def _symlink(self, parts, target, uid, gid):
        fs, rest, _ = self._route(parts)
        fs._symlink(rest, target, uid, gid)

    def _mknod(self, parts, mode, rdev, uid, gid):
        fs, rest, _ = self._route(parts)
        fs._mknod(rest, mode, rdev, uid, gid)

    def _remove(self, parts):
        fs, rest, m = self._route(parts)
        if m is not None and rest == m.source:
            raise FSError(EBUSY, join(parts))
        fs._remove(rest)

    def _setattr(self, parts, **kw):
        fs, rest, _ = self._route(parts)
        fs._setattr(rest, **kw)

    def link(self, src: str, dst: str, cwd: str = "/") -> None:
        """A hard link, within one mount (EXDEV across mounts, as link(2))."""
        sp = self.resolve(src, follow=False, cwd=cwd)
        if self._lstat(sp) is None:
            from .errors import ENOENT
            raise FSError(ENOENT, src)
        dp = self.resolve(dst, follow=False, cwd=cwd)
        f1, r1, m1 = self._route(sp)
        f2, r2, m2 = self._route(dp)
        if m1 is not m2:
            raise FSError(EXDEV, dst)
        if m1 is not None and m1.readonly:
            raise FSError(EROFS, dst)
        if not hasattr(f1, "link"):
            raise FSError(EPERM, dst)
        f1.link(join(r1), join(r2))

    def _check_rename(self, src, dst):
        # do_renameat2 compares the mounts (EXDEV) before it asks for write access (EROFS);
        # vfs_rename: a mount point cannot be renamed or replaced (EBUSY).
        if any(m.parts in (tuple(src), tuple(dst)) for m in self.mounts):
            raise FSError(EBUSY, join(src))
        if self._route(src)[2] is not self._route(dst)[2]:
            raise FSError(EXDEV, join(src))

    def _rename(self, src, dst):
        self._check_rename(src, dst)
        f1, r1, _ = self._route(src)
        f2, r2, _ = self._route(dst)
        f1._rename(r1, r2)
