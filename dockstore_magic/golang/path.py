"""Go's ``path.Match``: shell patterns over slash-separated names (``*`` and ``?`` never
match ``/``; ``[a-z]``, ``[^abc]``; ``\\`` escapes), with ``path.ErrBadPattern``."""
from __future__ import annotations

import re

__all__ = ["match", "BAD_PATTERN"]

BAD_PATTERN = "syntax error in pattern"


def _translate(pattern: str) -> str:
    out, i, n = [], 0, len(pattern)
    while i < n:
        ch = pattern[i]
        i += 1
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "\\":
            if i == n:
                raise ValueError(BAD_PATTERN)
            out.append(re.escape(pattern[i]))
            i += 1
        elif ch == "[":
            negate = i < n and pattern[i] == "^"
            i += negate
            items, first = [], True
            while True:
                if i >= n:
                    raise ValueError(BAD_PATTERN)
                c = pattern[i]
                if c == "]" and not first:
                    i += 1
                    break
                if c == "]" and first:         # Go: an empty class is a bad pattern
                    raise ValueError(BAD_PATTERN)
                first = False
                lo, i = _class_char(pattern, i)
                if i < n and pattern[i] == "-":
                    hi, i = _class_char(pattern, i + 1)
                    items.append(f"{re.escape(lo)}-{re.escape(hi)}")
                else:
                    items.append(re.escape(lo))
            out.append("[" + ("^/" if negate else "") + "".join(items) + "]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _class_char(pattern: str, i: int) -> tuple[str, int]:
    if i >= len(pattern) or pattern[i] in "-]":
        raise ValueError(BAD_PATTERN)
    if pattern[i] == "\\":
        i += 1
        if i >= len(pattern):
            raise ValueError(BAD_PATTERN)
    return pattern[i], i + 1


def match(pattern: str, name: str) -> bool:
    """path.Match; ValueError(BAD_PATTERN) for a malformed pattern."""
    return re.fullmatch(_translate(pattern), name, re.S) is not None
