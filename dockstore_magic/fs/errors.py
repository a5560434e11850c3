"""Filesystem errors, carrying an errno and the path, worded like strerror(3)."""
from __future__ import annotations

import errno as _errno
import os


class FSError(OSError):
    """An errno-style failure of a simulated filesystem operation."""

    def __init__(self, code: int, path: str = ""):
        super().__init__(code, os.strerror(code), path)
        self.code = code
        self.path = path

    @property
    def message(self) -> str:
        return os.strerror(self.code)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ShortWrite(FSError):
    """ENOSPC after a short write: the first ``written`` bytes went in (a full tmpfs takes
    what fits, as write(2) returns a short count before it fails)."""

    def __init__(self, path: str, written: int):
        super().__init__(ENOSPC, path)
        self.written = written


ENOENT = _errno.ENOENT
EEXIST = _errno.EEXIST
ENOTDIR = _errno.ENOTDIR
EISDIR = _errno.EISDIR
ENOTEMPTY = _errno.ENOTEMPTY
EROFS = _errno.EROFS
EXDEV = _errno.EXDEV
ELOOP = _errno.ELOOP
EINVAL = _errno.EINVAL
EPERM = _errno.EPERM
EACCES = _errno.EACCES
EBUSY = _errno.EBUSY
ENOSPC = _errno.ENOSPC
