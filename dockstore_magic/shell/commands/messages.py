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
