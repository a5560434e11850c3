"""The path-level filesystem API that every view shares.

:class:`FileSystem` resolves paths (``.``/``..``, symlinks, ELOOP, ENOTDIR) and turns them into
*canonical parts* — a tuple of names in which every component but possibly the last is a real
directory — before calling a small set of primitives that each kind of filesystem implements:
the host's own tree (:mod:`.tree`), an overlay2 merged view (:mod:`.overlay`), a subtree of the
host (vfs layers, bind mounts, volumes) and a container's mount namespace (:mod:`.namespace`).
The shell, ``docker cp`` and the builder only ever use this API.
"""
from __future__ import annotations

import stat as _st
from dataclasses import dataclass, field
from typing import Iterator

from .blob import Blob, as_blob, EMPTY
from .errors import FSError, ENOENT, ENOTDIR, ELOOP, EEXIST, EISDIR, ENOTEMPTY, EINVAL, EBUSY

Parts = tuple


@dataclass
class Stat:
    mode: int                 # type bits | permission bits, as st_mode
    uid: int = 0
    gid: int = 0
    size: int = 0
    mtime: float = 0.0
    nlink: int = 1
    ino: int = 0
    rdev: int = 0
    target: str = ""          # symlink target
    xattrs: dict = field(default_factory=dict)

    @property
    def is_dir(self) -> bool:
        return _st.S_ISDIR(self.mode)

    @property
    def is_file(self) -> bool:
        return _st.S_ISREG(self.mode)

    @property
    def is_symlink(self) -> bool:
        return _st.S_ISLNK(self.mode)

    @property
    def is_chardev(self) -> bool:
        return _st.S_ISCHR(self.mode)

    @property
    def perm(self) -> int:
        return _st.S_IMODE(self.mode)

    @property
    def blocks(self) -> int:
        """512-byte blocks, as a 4 KiB-block filesystem allocates them."""
        if self.is_dir:
            return 8
        if self.is_file:
            return -(-self.size // 4096) * 8
        return 0


class DirEntry:
    """One entry of :meth:`FileSystem.scandir`: its name, its ``lstat`` (None where it cannot
    be read: a mount point whose source is gone; ``lstat`` by path says why), and for a
    regular file its content."""
    __slots__ = ("name", "stat", "blob")

    def __init__(self, name: str, stat: Stat, blob: Blob | None):
        self.name, self.stat, self.blob = name, stat, blob


def split(path: str) -> list[str]:
    return [p for p in path.split("/") if p]


def join(parts) -> str:
    return "/" + "/".join(parts)


def normpath(path: str, cwd: str = "/") -> str:
    """Lexical normalisation (no symlinks): what ``cd`` and ``WORKDIR`` do with their argument."""
    if not path.startswith("/"):
        path = cwd.rstrip("/") + "/" + path
    out: list[str] = []
    for p in split(path):
        if p == ".":
            continue
        if p == "..":
            if out:
                out.pop()
            continue
        out.append(p)
    return join(out)


class FileSystem:
    """Base class: path resolution plus the public operations, over abstract primitives."""

    readonly = False
    MAXSYMLINKS = 40

    # ---------------------------------------------------------------- primitives
    def _lstat(self, parts: Parts) -> Stat | None:
        raise NotImplementedError

    def _listdir(self, parts: Parts) -> list[str]:
        raise NotImplementedError

    def _blob(self, parts: Parts) -> Blob:
        raise NotImplementedError

    def _write(self, parts: Parts, blob: Blob, mode: int, uid: int, gid: int) -> None:
        """Create or replace a regular file's content (metadata kept if it exists)."""
        raise NotImplementedError

    def _mkdir(self, parts: Parts, mode: int, uid: int, gid: int) -> None:
        raise NotImplementedError

    def _symlink(self, parts: Parts, target: str, uid: int, gid: int) -> None:
        raise NotImplementedError

    def _remove(self, parts: Parts) -> None:
        """Remove a non-directory or an empty directory."""
        raise NotImplementedError

    def _setattr(self, parts: Parts, mode=None, uid=None, gid=None, mtime=None) -> None:
        raise NotImplementedError

    def _rename(self, src: Parts, dst: Parts) -> None:
        raise NotImplementedError

    def _mknod(self, parts: Parts, mode: int, rdev: int, uid: int, gid: int) -> None:
        raise FSError(EINVAL, join(parts))

    def _check_writable(self, parts: Parts) -> None:
        """Raise EROFS where the path lies on a read-only filesystem."""

    def _check_rename(self, src: Parts, dst: Parts) -> None:
        """What rename(2) refuses before it asks for write access (EXDEV across mounts)."""

    def check_writable(self, path: str, cwd: str = "/") -> None:
        """open(2) for writing an existing file: EROFS on a read-only filesystem or mount."""
        self._check_writable(self.resolve(path, cwd=cwd))

    # ---------------------------------------------------------------- lookup steps
    # Resolution walks one name at a time from a *cursor*: what a filesystem keeps of a folder
    # to find its entries without starting again from the root (the kernel's dentry: a node
    # of the host's tree, the folders that merge into an overlay folder, a mount's own view).
    # The defaults work from canonical parts and the primitives above, so a filesystem that
    # defines only those resolves correctly, one ``_lstat`` per name.

    def _root(self):
        """The cursor of the root folder."""
        return ()

    def _step(self, cur, parts: Parts, name: str):
        """``(cursor, st_mode, symlink target)`` of the entry ``name`` in the folder whose
        cursor is ``cur`` and canonical parts ``parts``; None when there is no such entry."""
        p = parts + (name,)
        st = self._lstat(p)
        return None if st is None else (p, st.mode, st.target)

    def _stat_at(self, cur, parts: Parts) -> Stat | None:
        """``_lstat`` of a path already resolved to ``cur`` (None: it does not exist)."""
        return self._lstat(parts)

    def _exists_at(self, cur, parts: Parts) -> bool:
        return self._stat_at(cur, parts) is not None

    def _mode_at(self, cur, parts: Parts) -> int | None:
        """``st_mode`` of a resolved path (None: it does not exist)."""
        st = self._stat_at(cur, parts)
        return None if st is None else st.mode

    def _listdir_at(self, cur, parts: Parts) -> list[str]:
        return self._listdir(parts)

    def _blob_at(self, cur, parts: Parts) -> Blob:
        return self._blob(parts)

    # ---------------------------------------------------------------- resolution
    def resolve(self, path: str, follow: bool = True, cwd: str = "/") -> Parts:
        """Canonical parts of ``path``.  The last component need not exist."""
        return self._resolve(path, follow, cwd)[0]

    def _resolve(self, path: str, follow: bool = True, cwd: str = "/"):
        """``(canonical parts, cursor)`` of ``path``; the cursor is None where the last
        component does not exist."""
        parts, curs, _ = self._lookup_path(path, follow, cwd)
        return parts, curs[-1]

    def _lookup_path(self, path: str, follow: bool, cwd: str):
        """``(canonical parts, the cursor of each folder on the way and of the last name,
        symlinks followed)``."""
        if not path.startswith("/"):
            path = cwd.rstrip("/") + "/" + path
        todo = [p for p in path.split("/") if p]
        # A trailing slash makes the last component a directory: a final symlink is followed
        # and an existing non-directory is ENOTDIR (path_resolution(7)).
        trailing = path.endswith("/") and bool(todo)
        if trailing:
            follow = True
        todo.reverse()
        parts: Parts = ()
        root = self._root()
        curs = [root]
        step = self._step
        hops = 0
        while todo:
            name = todo.pop()
            if name == ".":
                continue
            if name == "..":
                if parts:
                    parts = parts[:-1]
                    curs.pop()
                continue
            r = step(curs[-1], parts, name)
            if r is None:
                if todo:
                    raise FSError(ENOENT, path)
                parts += (name,)
                curs.append(None)
                continue
            fmt = r[1] & 0o170000
            if fmt == 0o120000 and (follow or todo):           # a symlink
                hops += 1
                if hops > self.MAXSYMLINKS:
                    raise FSError(ELOOP, path)
                target = r[2]
                tgt = [p for p in target.split("/") if p]
                tgt.reverse()
                todo.extend(tgt)
                if target.startswith("/"):
                    parts = ()
                    curs = [root]
                continue
            if todo and fmt != 0o040000:
                raise FSError(ENOTDIR, path)
            parts += (name,)
            curs.append(r[0])
        if trailing and parts:
            st = self._stat_at(curs[-1], parts)
            if st is not None and not st.is_dir:
                raise FSError(ENOTDIR, path)
        return parts, curs, hops

    def _resolve_entry(self, path: str, cwd: str = "/") -> Parts:
        """Parts of a path that names a directory entry itself (unlink, rmdir, rename): a
        final symlink is not followed, and a trailing slash requires the entry to be a
        folder (ENOTDIR otherwise), as do_unlinkat/do_rmdir/do_renameat2 check."""
        bare = path.rstrip("/")
        if not bare or bare == path:
            return self.resolve(path, follow=False, cwd=cwd)
        parts = self.resolve(bare, follow=False, cwd=cwd)
        st = self._lstat(parts)
        if st is not None and not st.is_dir:
            raise FSError(ENOTDIR, path)
        return parts

    # ---------------------------------------------------------------- queries
    def lstat(self, path: str, cwd: str = "/") -> Stat:
        parts, cur = self._resolve(path, False, cwd)
        st = self._stat_at(cur, parts)
        if st is None:
            raise FSError(ENOENT, path)
        return st

    def stat(self, path: str, cwd: str = "/") -> Stat:
        parts, cur = self._resolve(path, True, cwd)
        st = self._stat_at(cur, parts)
        if st is None:
            raise FSError(ENOENT, path)
        return st

    def exists(self, path: str, follow: bool = True, cwd: str = "/") -> bool:
        try:
            parts, cur = self._resolve(path, follow, cwd)
            return self._exists_at(cur, parts)
        except FSError:
            return False

    def isdir(self, path: str, cwd: str = "/") -> bool:
        try:
            return self.stat(path, cwd=cwd).is_dir
        except FSError:
            return False

    def isfile(self, path: str, cwd: str = "/") -> bool:
        try:
            return self.stat(path, cwd=cwd).is_file
        except FSError:
            return False

    def _open_dir(self, path: str, cwd: str):
        """``(parts, cursor)`` of a folder (ENOENT, ENOTDIR otherwise), as opendir(3)."""
        parts, cur = self._resolve(path, True, cwd)
        st = self._stat_at(cur, parts)
        if st is None:
            raise FSError(ENOENT, path)
        if not st.is_dir:
            raise FSError(ENOTDIR, path)
        return parts, cur

    def listdir(self, path: str, cwd: str = "/") -> list[str]:
        parts, cur = self._open_dir(path, cwd)
        return sorted(self._listdir_at(cur, parts))

    def scandir(self, path: str, cwd: str = "/") -> list["DirEntry"]:
        """A folder's entries, sorted, each with its ``lstat`` (and a regular file's content):
        readdir plus fstatat, as ``du`` and ``find`` read a tree, without resolving every
        name again from the root."""
        parts, cur = self._open_dir(path, cwd)
        out = []
        step, stat_at = self._step, self._stat_at
        for name in sorted(self._listdir_at(cur, parts)):
            child = parts + (name,)
            r = step(cur, parts, name)
            cst = None if r is None else stat_at(r[0], child)
            out.append(DirEntry(name, cst, self._blob_at(r[0], child) if cst is not None and cst.is_file
                                else None))
        return out

    def read_blob(self, path: str, cwd: str = "/") -> Blob:
        parts, cur = self._resolve(path, True, cwd)
        st = self._stat_at(cur, parts)
        if st is None:
            raise FSError(ENOENT, path)
        if st.is_dir:
            raise FSError(EISDIR, path)
        if st.is_chardev:
            return EMPTY
        return self._blob_at(cur, parts)

    def read_bytes(self, path: str, cwd: str = "/") -> bytes:
        return self.read_blob(path, cwd=cwd).read()

    def read_text(self, path: str, cwd: str = "/") -> str:
        return self.read_bytes(path, cwd=cwd).decode("utf-8", "replace")

    def readlink(self, path: str, cwd: str = "/") -> str:
        st = self.lstat(path, cwd=cwd)
        if not st.is_symlink:
            raise FSError(EINVAL, path)
        return st.target

    def realpath(self, path: str, cwd: str = "/") -> str:
        return join(self.resolve(path, cwd=cwd))

    def walk(self, path: str = "/", cwd: str = "/") -> Iterator[tuple[str, Stat]]:
        """Every path below ``path`` (itself first), depth first, sorted, not following links."""
        parts, cur = self._resolve(path, True, cwd)
        yield from self._walk(parts, cur)

    def _walk(self, parts: Parts, cur=None):
        st = self._stat_at(cur, parts) if cur is not None else self._lstat(parts)
        if st is None:
            return
        yield join(parts), st
        if st.is_dir:
            if cur is None:
                cur = self._resolve(join(parts), False)[1]
            for name in sorted(self._listdir_at(cur, parts)):
                r = self._step(cur, parts, name)
                yield from self._walk(parts + (name,), r[0] if r is not None else None)

    def du(self, path: str = "/", cwd: str = "/") -> int:
        """Apparent bytes of regular files and symlinks below ``path``."""
        return sum(st.size for _, st in self.walk(path, cwd=cwd) if st.is_file or st.is_symlink)

    # ---------------------------------------------------------------- changes
    def _parent_dir(self, parts: Parts, path: str) -> None:
        """ENOENT/ENOTDIR unless the folder of ``parts`` exists.  (Parts that ``_resolve``
        returned need no check: it raises the same errors for any name but the last.)"""
        if not parts:
            return
        st = self._lstat(parts[:-1]) if parts[:-1] else self._lstat(())
        if st is None:
            raise FSError(ENOENT, path)
        if not st.is_dir:
            raise FSError(ENOTDIR, path)

    def write(self, path: str, data=b"", append: bool = False, mode: int = 0o644,
              uid: int = 0, gid: int = 0, cwd: str = "/") -> None:
        """Create or overwrite (or append to) a regular file, following a final symlink."""
        blob = as_blob(data)
        parts, cur = self._resolve(path, True, cwd)
        if not parts:
            raise FSError(EISDIR, path)
        m = self._mode_at(cur, parts)
        if m is not None:
            if _st.S_ISDIR(m):
                raise FSError(EISDIR, path)
            if not _st.S_ISREG(m):
                # A device, FIFO or socket: the data goes to the device, the node stays (and
                # an overlay does not copy special files up on open).
                return
        self._check_writable(parts)
        if append and m is not None and self._stat_at(cur, parts).size:
            from .blob import ConcatBlob
            blob = ConcatBlob([self._blob_at(cur, parts), blob])
        self._write(parts, blob, mode, uid, gid)

    def touch(self, path: str, mtime: float | None = None, cwd: str = "/", uid=0, gid=0) -> None:
        parts, cur = self._resolve(path, True, cwd)
        if not self._exists_at(cur, parts):
            self._check_writable(parts)
            self._write(parts, EMPTY, 0o644, uid, gid)
            if mtime is not None:
                self._setattr(parts, mtime=mtime)
        else:
            self._check_writable(parts)
            self._setattr(parts, mtime=mtime)

    def mkdir(self, path: str, mode: int = 0o755, parents: bool = False, exist_ok: bool = False,
              uid: int = 0, gid: int = 0, cwd: str = "/") -> None:
        if parents:
            full = normpath(path, cwd)
            cur = "/"
            for name in split(full):
                cur = cur.rstrip("/") + "/" + name
                parts, at = self._resolve(cur)
                m = self._mode_at(at, parts)
                if m is None:
                    self._check_writable(parts)
                    self._mkdir(parts, mode, uid, gid)
                elif not _st.S_ISDIR(m):
                    raise FSError(EEXIST if cur == full else ENOTDIR, path)
            return
        parts, cur = self._resolve(path, False, cwd)
        if self._exists_at(cur, parts):
            if exist_ok and self.isdir(path, cwd=cwd):
                return
            raise FSError(EEXIST, path)
        self._check_writable(parts)
        self._mkdir(parts, mode, uid, gid)

    def symlink(self, target: str, path: str, uid: int = 0, gid: int = 0, cwd: str = "/") -> None:
        parts, cur = self._resolve(path, False, cwd)
        if self._exists_at(cur, parts):
            raise FSError(EEXIST, path)
        self._check_writable(parts)
        self._symlink(parts, target, uid, gid)

    def mknod(self, path: str, mode: int, rdev: int = 0, uid: int = 0, gid: int = 0,
              cwd: str = "/") -> None:
        parts, cur = self._resolve(path, False, cwd)
        if self._exists_at(cur, parts):
            raise FSError(EEXIST, path)
        self._check_writable(parts)
        self._mknod(parts, mode, rdev, uid, gid)

    def unlink(self, path: str, cwd: str = "/") -> None:
        parts = self._resolve_entry(path, cwd)
        # do_unlinkat and do_rmdir take write access to the mount before looking the name
        # up: on a read-only mount even a missing or non-empty target gives EROFS.
        self._check_writable(parts)
        st = self._lstat(parts)
        if st is None:
            raise FSError(ENOENT, path)
        if st.is_dir:
            raise FSError(EISDIR, path)
        self._remove(parts)

    def rmdir(self, path: str, cwd: str = "/") -> None:
        parts = self._resolve_entry(path, cwd)
        self._check_writable(parts)
        st = self._lstat(parts)
        if st is None:
            raise FSError(ENOENT, path)
        if not st.is_dir:
            raise FSError(ENOTDIR, path)
        if self._listdir(parts):
            raise FSError(ENOTEMPTY, path)
        if not parts:                  # the root is a mount point: rmdir(2) says EBUSY
            raise FSError(EBUSY, path)
        self._remove(parts)

    def remove_tree(self, path: str, cwd: str = "/") -> None:
        """``rm -rf``: remove a path and everything below it (missing is an error)."""
        parts = self._resolve_entry(path, cwd)
        if self._lstat(parts) is None:
            raise FSError(ENOENT, path)
        self._remove_tree(parts)

    def _remove_tree(self, parts: Parts) -> None:
        st = self._lstat(parts)
        if st is None:
            return
        self._check_writable(parts)
        if st.is_dir:
            for name in self._listdir(parts):
                self._remove_tree(parts + (name,))
        if not parts:                  # the root itself stays (EBUSY), as rm -rf / finds
            raise FSError(EBUSY, "/")
        self._remove(parts)

    def chmod(self, path: str, mode: int, follow: bool = True, cwd: str = "/") -> None:
        parts = self.resolve(path, follow=follow, cwd=cwd)
        st = self._lstat(parts)
        if st is None:
            raise FSError(ENOENT, path)
        self._check_writable(parts)
        self._setattr(parts, mode=_st.S_IFMT(st.mode) | (mode & 0o7777))

    def chown(self, path: str, uid: int | None, gid: int | None, follow: bool = True,
              cwd: str = "/") -> None:
        parts = self.resolve(path, follow=follow, cwd=cwd)
        if self._lstat(parts) is None:
            raise FSError(ENOENT, path)
        self._check_writable(parts)
        # chown(2) with -1 leaves an id alone; the mtime never changes (only the ctime).
        self._setattr(parts, uid=-1 if uid is None else uid, gid=-1 if gid is None else gid)

    def utime(self, path: str, mtime: float, follow: bool = True, cwd: str = "/") -> None:
        parts = self.resolve(path, follow=follow, cwd=cwd)
        if self._lstat(parts) is None:
            raise FSError(ENOENT, path)
        self._check_writable(parts)
        self._setattr(parts, mtime=mtime)

    def rename(self, src: str, dst: str, cwd: str = "/") -> None:
        sp = self._resolve_entry(src, cwd)
        ss = self._lstat(sp)
        if ss is None:
            raise FSError(ENOENT, src)
        dp = self._resolve_entry(dst, cwd)
        self._parent_dir(dp, dst)
        if sp == dp:
            return
        if ss.is_dir and dp[:len(sp)] == sp:
            raise FSError(EINVAL, dst)
        ds = self._lstat(dp)
        if ds is not None:
            if ds.is_dir and not ss.is_dir:
                raise FSError(EISDIR, dst)
            if ss.is_dir and not ds.is_dir:
                raise FSError(ENOTDIR, dst)
            if ds.is_dir and self._listdir(dp):
                raise FSError(ENOTEMPTY, dst)
        self._check_rename(sp, dp)
        self._check_writable(sp)
        self._check_writable(dp)
        self._rename(sp, dp)

    # ---------------------------------------------------------------- copying
    def copy_from(self, src_fs: "FileSystem", src: str, dst: str, preserve: bool = True,
                  uid: int | None = None, gid: int | None = None, follow_top: bool = True) -> None:
        """Copy a file, symlink or tree from ``src_fs:src`` to ``self:dst`` (dst is the new
        name).  File contents are shared blobs, never duplicated in memory."""
        st = src_fs.stat(src) if follow_top else src_fs.lstat(src)
        self._copy_node(src_fs, src_fs.resolve(src, follow=follow_top), st, dst, preserve, uid, gid)

    def _copy_node(self, src_fs, sparts, st, dst, preserve, uid, gid):
        o_uid = st.uid if uid is None else uid
        o_gid = st.gid if gid is None else gid
        if st.is_dir:
            if not self.isdir(dst):
                self.mkdir(dst, mode=st.perm, uid=o_uid, gid=o_gid)
            for name in sorted(src_fs._listdir(sparts)):
                cst = src_fs._lstat(sparts + (name,))
                self._copy_node(src_fs, sparts + (name,), cst, dst.rstrip("/") + "/" + name,
                                preserve, uid, gid)
            if preserve:
                self.chmod(dst, st.perm)
                self.chown(dst, o_uid, o_gid)
                self.utime(dst, st.mtime)
        elif st.is_symlink:
            if self.exists(dst, follow=False):
                self.unlink(dst)
            self.symlink(st.target, dst, uid=o_uid, gid=o_gid)
            if preserve:
                self.utime(dst, st.mtime, follow=False)
        elif st.is_file:
            self.write(dst, src_fs._blob(sparts), mode=st.perm, uid=o_uid, gid=o_gid)
            if preserve:
                self.chmod(dst, st.perm)
                self.chown(dst, o_uid, o_gid)
                self.utime(dst, st.mtime)
        else:
            self.mknod(dst, st.mode, st.rdev, uid=o_uid, gid=o_gid)
