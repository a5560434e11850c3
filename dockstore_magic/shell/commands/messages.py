"""What the file commands print about a path and an error, shared by every module of
``shell/commands``: GNU's quoting of a file name, the errno of an error and its text."""
from __future__ import annotations

import os


def q(s: str) -> str:
    """GNU's quoting of a file name in messages (C locale shell-escape style)."""
    if "'" in s:
        return '"' + s + '"'
    return "'" + s + "'"


def _code(e) -> int:
    return getattr(e, "code", None) or getattr(e, "errno", 0) or 5


def _msg(e) -> str:
    return os.strerror(_code(e))


def _child(d: str, name: str) -> str:
    return (d.rstrip("/") + "/" + name) if d.rstrip("/") else "/" + name


#: What a program says, and its exit status, when its redirected output meets a full
#: filesystem (ENOSPC), where it differs from ``NAME: write error: No space left on device``
#: and status 1.  Busybox 1.36, seen on the engine (a tmpfs with ``size=8k``): ``head`` goes
#: through stdio and reports the failed flush; ash's ``printf`` and ``seq`` say nothing.
BUSYBOX_WRITE_ERRORS = {
    "head": ("head: standard output: I/O error", 1),
    "printf": ("", 1),
    "seq": ("", 255),
}
#: GNU coreutils words it with the stream's name (lib/closeout.c close_stdout).
GNU_WRITE_ERRORS = {
    "head": ("head: error writing 'standard output': No space left on device", 1),
}


def write_error(name: str, busybox: bool) -> tuple[str, int]:
    """``(message, status)`` of ``name`` whose output did not fit (ENOSPC)."""
    table = BUSYBOX_WRITE_ERRORS if busybox else GNU_WRITE_ERRORS
    return table.get(name, (f"{name}: write error: No space left on device", 1))
