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
        p = self.__dict__.get("_parts")
        if p is None or p[0] != self.target:
            p = self.__dict__["_parts"] = (self.target, tuple(x for x in self.target.split("/") if x))
        return p[1]


class MountNamespace(FileSystem):
    def __init__(self, root: FileSystem, mounts: list[Mount] | None = None):
        self.root = root
        # mount point → the mounts on it, newest (on top) first; each mount with the number
        # of its mounting, which orders ``mounts``.  Mounting and unmounting touch one mount
        # point: a host with hundreds of containers' merged folders mounts in constant time.
        self._at: dict[tuple, list[tuple[int, Mount]]] = {}
        self._top: dict[tuple, Mount] = {}      # mount point → the mount on top of it
        self._depths: list[int] = []            # the lengths of mount points, longest first
        self._points_at_depth: dict[int, int] = {}
        self._seq = 0
        for m in mounts or []:
            self.add(m)

    @property
    def mounts(self) -> list[Mount]:
        """Longest target first; among mounts on one target the newest first."""
        every = [sm for ms in self._at.values() for sm in ms]
        every.sort(key=lambda sm: (-len(sm[1].parts), -sm[0]))
        return [m for _, m in every]

    @mounts.setter
    def mounts(self, mounts: list[Mount]) -> None:
        self._at, self._top, self._depths, self._points_at_depth = {}, {}, [], {}
        for m in reversed(list(mounts)):
            self.add(m)

    def add(self, mount: Mount) -> None:
        """Mount on top of whatever is mounted at the same place."""
        self._seq += 1
        p = mount.parts
        at = self._at.get(p)
        if at is None:
            at = self._at[p] = []
            n = self._points_at_depth.get(len(p), 0)
            self._points_at_depth[len(p)] = n + 1
            if not n:
                self._depths = sorted(self._depths + [len(p)], reverse=True)
        at.insert(0, (self._seq, mount))
        self._top[p] = mount

    def remove(self, target: str) -> None:
        """Unmount every mount on ``target``."""
        p = tuple(x for x in target.split("/") if x)
        at = self._at.get(p)
        if not at:
            return
        at[:] = [sm for sm in at if sm[1].target != target]
        if at:
            self._top[p] = at[0][1]
            return
        del self._at[p]
        del self._top[p]
        self._points_at_depth[len(p)] -= 1
        if not self._points_at_depth[len(p)]:
            del self._points_at_depth[len(p)]
            self._depths = [n for n in self._depths if n != len(p)]

    def _route(self, parts) -> tuple[FileSystem, tuple, Mount | None]:
        top = self._top
        for n in self._depths:
            if n <= len(parts):
                m = top.get(parts[:n] if n < len(parts) else parts)
                if m is not None:
                    return m.fs, m.source + parts[n:], m
        return self.root, parts, None

    # ---- lookup steps: the cursor is (filesystem, its cursor, path inside it); crossing a
    # mount point switches to the mounted filesystem at its source folder.
    def _root(self):
        m = self._top.get(())
        if m is None:
            return self.root, self.root._root(), ()
        return self._enter(m)

    @staticmethod
    def _enter(m: Mount):
        fs = m.fs
        if not m.source:
            return fs, fs._root(), ()
        try:
            parts, cur = fs._resolve(join(m.source), False)
        except FSError:
            return fs, None, m.source
        return fs, cur, parts

    def _step(self, cur, parts, name):
        fs, fcur, fparts = cur
        if self._top:
            m = self._top.get(parts + (name,))
            if m is not None:
                inner = self._enter(m)
                st = inner[0]._stat_at(inner[1], inner[2])
                return None if st is None else (inner, st.mode, st.target)
        r = fs._step(fcur, fparts, name)
        if r is None:
            return None
        return (fs, r[0], fparts + (name,)), r[1], r[2]

    def _stat_at(self, cur, parts):
        if cur is None:
            return self._lstat(parts)
        fs, fcur, fparts = cur
        return fs._stat_at(fcur, fparts)

    def _exists_at(self, cur, parts):
        if cur is None:
            return self._lstat(parts) is not None
        fs, fcur, fparts = cur
        return fs._exists_at(fcur, fparts)

    def _mode_at(self, cur, parts):
        if cur is None:
            st = self._lstat(parts)
            return None if st is None else st.mode
        fs, fcur, fparts = cur
        return fs._mode_at(fcur, fparts)

    def _listdir_at(self, cur, parts):
        if cur is None:
            return self._listdir(parts)
        fs, fcur, fparts = cur
        return fs._listdir_at(fcur, fparts)

    def _blob_at(self, cur, parts):
        if cur is None:
            return self._blob(parts)
        fs, fcur, fparts = cur
        return fs._blob_at(fcur, fparts)

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
        if tuple(src) in self._top or tuple(dst) in self._top:
            raise FSError(EBUSY, join(src))
        if self._route(src)[2] is not self._route(dst)[2]:
            raise FSError(EXDEV, join(src))

    def _rename(self, src, dst):
        self._check_rename(src, dst)
        f1, r1, _ = self._route(src)
        f2, r2, _ = self._route(dst)
        f1._rename(r1, r2)
