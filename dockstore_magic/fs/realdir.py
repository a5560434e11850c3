"""A folder of the real disk, seen as a simulated filesystem: the notebook's own folder on the
simulated Docker host (see ``DockerHost.share`` and the README's "One host" section).

Every operation reads or writes the real files, so a page saved with ``%%writefile`` is what
nginx serves through ``-v ./site:/usr/share/nginx/html``, and what ``docker cp`` writes shows
in JupyterLab's file browser.  Nothing outside the folder is ever touched:

* path resolution (``..``, symlinks) is done by :class:`~.base.FileSystem` on the *simulated*
  host, so a symlink or ``..`` leads to the simulated host's files, never to the real disk's;
* the primitives receive canonical parts (names, no ``..``) and open each folder on the way
  with ``O_NOFOLLOW`` relative to the one before (``openat(2)``), so a real symlink met on the
  way — made outside the simulation, or swapped in between two calls — fails with ENOTDIR or
  ELOOP instead of being followed.

What the real disk cannot hold is kept beside it, in memory: owners given by ``chown`` (the
kernel may not be root) and permission bits that would lock the kernel's own user out (the
real file keeps ``u+rw``, ``u+rwx`` for a folder).  Times written by the simulation come from
its clock, as every other file of the simulated host (a fixed clock gives the same layer IDs
on every run).  Device nodes cannot be made (EPERM, as for an unprivileged ``mknod``).
"""
from __future__ import annotations

import errno
import os
import stat as _st
from contextlib import contextmanager
from typing import Callable

from .base import FileSystem, Stat, join
from .blob import BytesBlob
from .errors import FSError, EINVAL, EPERM, EROFS

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_KEEP_FILE, _KEEP_DIR = 0o600, 0o700      # the kernel's user keeps its own access


class RealFolderFS(FileSystem):
    """The real folder ``root`` as a filesystem whose ``/`` is that folder."""

    def __init__(self, root: str, clock: Callable[[], float] | None = None, readonly: bool = False):
        self.root = os.path.realpath(root)
        self.clock = clock or (lambda: 0.0)
        self.readonly = readonly
        self._meta: dict[tuple[int, int], dict] = {}    # (st_dev, st_ino) -> mode/uid/gid

    # ------------------------------------------------------------ safe access
    @staticmethod
    def _check(parts) -> None:
        for p in parts:
            if p in ("", ".", "..") or "/" in p or "\0" in p:
                raise FSError(EINVAL, join(parts))

    @contextmanager
    def _dirfd(self, parts):
        """An fd of the folder ``parts`` (inside the root), opened one name at a time without
        following symlinks."""
        self._check(parts)
        try:
            fd = os.open(self.root, _DIR_FLAGS)
        except OSError as e:
            raise FSError(e.errno or errno.EIO, join(parts)) from None
        try:
            for name in parts:
                try:
                    nfd = os.open(name, _DIR_FLAGS, dir_fd=fd)
                except OSError as e:
                    code = errno.ENOTDIR if e.errno == errno.ELOOP else (e.errno or errno.EIO)
                    raise FSError(code, join(parts)) from None
                os.close(fd)
                fd = nfd
            yield fd
        finally:
            os.close(fd)

    @contextmanager
    def _at(self, parts):
        """(fd of the parent folder, last name) of ``parts``; OSErrors become FSErrors."""
        if not parts:
            raise FSError(EINVAL, "/")
        with self._dirfd(parts[:-1]) as fd:
            try:
                yield fd, parts[-1]
            except OSError as e:
                if isinstance(e, FSError):
                    raise
                raise FSError(e.errno or errno.EIO, join(parts)) from None

    def _os_lstat(self, parts):
        if not parts:
            return os.stat(self.root)
        try:
            with self._at(parts) as (fd, name):
                return os.stat(name, dir_fd=fd, follow_symlinks=False)
        except FSError as e:
            if e.code in (errno.ENOENT, errno.ENOTDIR):
                return None
            raise

    # ------------------------------------------------------------ primitives
    def _lstat(self, parts):
        st = self._os_lstat(tuple(parts))
        if st is None:
            return None
        meta = self._meta.get((st.st_dev, st.st_ino), {})
        mode = meta.get("mode", st.st_mode)
        target = ""
        if _st.S_ISLNK(st.st_mode):
            with self._at(parts) as (fd, name):
                target = os.readlink(name, dir_fd=fd)
        return Stat(mode=mode, uid=meta.get("uid", st.st_uid), gid=meta.get("gid", st.st_gid),
                    size=st.st_size if not _st.S_ISDIR(st.st_mode) else 4096, mtime=st.st_mtime,
                    nlink=st.st_nlink, ino=st.st_ino, rdev=st.st_rdev, target=target)

    def _listdir(self, parts):
        with self._dirfd(tuple(parts)) as fd:
            return os.listdir(fd)

    def _blob(self, parts):
        with self._at(parts) as (fd, name):
            f = os.open(name, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=fd)
            with os.fdopen(f, "rb") as fh:
                return BytesBlob(fh.read())

    def _stamp(self, fd, name) -> None:
        t = self.clock()
        os.utime(name, (t, t), dir_fd=fd, follow_symlinks=False)

    def _write(self, parts, blob, mode, uid, gid):
        with self._at(parts) as (fd, name):
            existed = self._os_lstat(parts) is not None
            f = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW,
                        (mode | _KEEP_FILE) & 0o7777, dir_fd=fd)
            with os.fdopen(f, "wb") as fh:
                for chunk in blob.chunks():
                    fh.write(chunk)
                if not existed:
                    os.fchmod(fh.fileno(), (mode | _KEEP_FILE) & 0o7777)
            self._stamp(fd, name)
            if not existed:
                self._remember(parts, mode=_st.S_IFREG | (mode & 0o7777), uid=uid, gid=gid)
            self._stamp_parent(parts)

    def _stamp_parent(self, parts) -> None:
        if len(parts) > 1:
            with self._at(parts[:-1]) as (fd, name):
                self._stamp(fd, name)

    def _remember(self, parts, mode=None, uid=None, gid=None) -> None:
        """Keep what the real inode does not show (a mode it cannot have, an owner it
        cannot get) beside it."""
        st = self._os_lstat(parts)
        if st is None:
            return
        key = (st.st_dev, st.st_ino)
        meta = self._meta.setdefault(key, {})
        if mode is not None:
            if mode == st.st_mode:
                meta.pop("mode", None)
            else:
                meta["mode"] = mode
        for k, v in (("uid", uid), ("gid", gid)):
            if v is None or v < 0:
                continue
            if v == getattr(st, "st_" + k):
                meta.pop(k, None)
            else:
                meta[k] = v
        if not meta:
            del self._meta[key]

    def _mkdir(self, parts, mode, uid, gid):
        with self._at(parts) as (fd, name):
            os.mkdir(name, (mode | _KEEP_DIR) & 0o7777, dir_fd=fd)
            os.chmod(name, (mode | _KEEP_DIR) & 0o7777, dir_fd=fd)
            self._stamp(fd, name)
        self._remember(parts, mode=_st.S_IFDIR | (mode & 0o7777), uid=uid, gid=gid)
        self._stamp_parent(parts)

    def _symlink(self, parts, target, uid, gid):
        with self._at(parts) as (fd, name):
            os.symlink(target, name, dir_fd=fd)
            self._stamp(fd, name)
        self._remember(parts, uid=uid, gid=gid)
        self._stamp_parent(parts)

    def _mknod(self, parts, mode, rdev, uid, gid):
        raise FSError(EPERM, join(parts))

    def _remove(self, parts):
        st = self._os_lstat(parts)
        with self._at(parts) as (fd, name):
            if st is not None and _st.S_ISDIR(st.st_mode):
                os.rmdir(name, dir_fd=fd)
            else:
                os.unlink(name, dir_fd=fd)
        if st is not None and st.st_nlink <= 1:
            self._meta.pop((st.st_dev, st.st_ino), None)
        self._stamp_parent(parts)

    def _setattr(self, parts, mode=None, uid=None, gid=None, mtime=None):
        parts = tuple(parts)
        st = self._os_lstat(parts)
        if st is None:
            raise FSError(errno.ENOENT, join(parts))
        is_link = _st.S_ISLNK(st.st_mode)
        if mode is not None and not is_link:
            keep = _KEEP_DIR if _st.S_ISDIR(st.st_mode) else _KEEP_FILE
            if parts:
                with self._at(parts) as (fd, name):
                    os.chmod(name, (mode | keep) & 0o7777, dir_fd=fd)
            else:
                os.chmod(self.root, (mode | keep) & 0o7777)
        self._remember(parts, mode=None if is_link or mode is None else mode, uid=uid, gid=gid)
        touch = mtime is None and mode is None and uid is None and gid is None
        if touch or mtime is not None:
            t = self.clock() if touch else mtime
            if parts:
                with self._at(parts) as (fd, name):
                    os.utime(name, (t, t), dir_fd=fd, follow_symlinks=False)
            else:
                os.utime(self.root, (t, t))

    def _check_writable(self, parts):
        if self.readonly:
            raise FSError(EROFS, join(parts))

    def _rename(self, src, dst):
        with self._at(src) as (sfd, sname), self._at(dst) as (dfd, dname):
            os.rename(sname, dname, src_dir_fd=sfd, dst_dir_fd=dfd)
        self._stamp_parent(src)
        self._stamp_parent(dst)

    def link(self, src: str, dst: str) -> None:
        """A hard link inside the folder (``MountNamespace.link`` checks both are here)."""
        sp = self.resolve(src, follow=False)
        dp = self.resolve(dst, follow=False)
        self._check_writable(dp)
        with self._at(sp) as (sfd, sname), self._at(dp) as (dfd, dname):
            os.link(sname, dname, src_dir_fd=sfd, dst_dir_fd=dfd, follow_symlinks=False)


__all__ = ["RealFolderFS"]
