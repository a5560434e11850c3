"""Size strings (go-units RAMInBytes / FromHumanSize) used by engine options such as
``--tmpfs size=``; the CLI's own formatting lives in cli/units.py."""
from __future__ import annotations

import re

_BINARY = {"k": 1024, "m": 1024 ** 2, "g": 1024 ** 3, "t": 1024 ** 4, "p": 1024 ** 5}
_DECIMAL = {"k": 1000, "m": 1000 ** 2, "g": 1000 ** 3, "t": 1000 ** 4, "p": 1000 ** 5}
_GO_FLOAT = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")


def _parse_size(s: str, units: dict[str, int]) -> int:
    """go-units parseSize: a number (Go ParseFloat), an optional single space, then an
    optional case-insensitive suffix ``b``, ``k``, ``kb``, ``kib`` … ``p``, ``pib``."""
    sep = max(s.rfind(c) for c in "0123456789. ")
    if sep == -1:
        raise ValueError(f"invalid size: '{s}'")
    if s[sep] != " ":
        num, sfx = s[:sep + 1], s[sep + 1:]
    else:
        num, sfx = s[:sep], s[sep + 1:]
    if not _GO_FLOAT.match(num):
        raise ValueError(f'strconv.ParseFloat: parsing "{num}": invalid syntax')
    size = float(num)
    if size < 0:
        raise ValueError(f"invalid size: '{s}'")
    if not sfx:
        return int(size)
    if len(sfx) > 3:
        raise ValueError(f"invalid suffix: '{sfx}'")
    low = sfx.lower()
    if low[0] == "b":
        if len(low) > 1:
            raise ValueError(f"invalid suffix: '{low}'")
        return int(size)
    mul = units.get(low[0])
    if mul is None or (len(low) == 2 and low[1] != "b") or (len(low) == 3 and low[1:] != "ib"):
        raise ValueError(f"invalid suffix: '{low}'")
    return int(size * mul)


def ram_in_bytes(s: str) -> int:
    """go-units RAMInBytes: binary multiples (``64m`` = 64 MiB)."""
    return _parse_size(s, _BINARY)


def from_human_size(s: str) -> int:
    """go-units FromHumanSize: decimal multiples (``64m`` = 64 000 000)."""
    return _parse_size(s, _DECIMAL)
