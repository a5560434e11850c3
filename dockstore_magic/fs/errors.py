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
