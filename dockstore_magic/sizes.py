"""Size strings as docker/go-units parses them (size.go, v0.5.0): ``RAMInBytes`` for engine
options such as ``--tmpfs size=``/``tmpfs-size=`` and the CLI's ``--memory``, ``FromHumanSize``,
and the ``strconv.ParseFloat`` they rest on. This is the one implementation: ``cli/units.py``
(the CLI's formatting of sizes and durations) re-exports these names; this engine-level module
imports nothing from ``cli/``."""
from __future__ import annotations

import math

from .golang.strconv import parse_float

KB, MB, GB, TB, PB = 1000, 1000**2, 1000**3, 1000**4, 1000**5
KiB, MiB, GiB, TiB, PiB = 1024, 1024**2, 1024**3, 1024**4, 1024**5

_DECIMAL_MAP = {"k": KB, "m": MB, "g": GB, "t": TB, "p": PB}
_BINARY_MAP = {"k": KiB, "m": MiB, "g": GiB, "t": TiB, "p": PiB}


class SizeError(ValueError):
    """A size string go-units refuses. ``str(err)`` is go-units' own message, e.g.
    ``invalid size: 'x'``, ``invalid suffix: 'q'`` or
    ``strconv.ParseFloat: parsing "1.2.3": invalid syntax``."""


def _parse_size(size_str: str, umap: dict[str, int]) -> int:
    # go-units v0.5.0 parseSize (hand-written since the regexp version of v0.4.0)
    sep = max(size_str.rfind(c) for c in "0123456789. ")
    if sep == -1:
        raise SizeError(f"invalid size: '{size_str}'")
    if size_str[sep] != " ":
        num, sfx = size_str[: sep + 1], size_str[sep + 1:]
    else:
        num, sfx = size_str[:sep], size_str[sep + 1:]
    try:
        size = parse_float(num)
    except ValueError as e:
        raise SizeError(str(e)) from None
    if size < 0:
        raise SizeError(f"invalid size: '{size_str}'")
    if not sfx:
        return _go_int64(size)
    if len(sfx) > 3:
        raise SizeError(f"invalid suffix: '{sfx}'")
    sfx = sfx.lower()
    if sfx[0] == "b":
        if len(sfx) > 1:
            raise SizeError(f"invalid suffix: '{sfx}'")
        return _go_int64(size)
    mul = umap.get(sfx[0])
    if mul is None:
        raise SizeError(f"invalid suffix: '{sfx}'")
    size *= mul
    if (len(sfx) == 2 and sfx[1] != "b") or (len(sfx) == 3 and sfx[1:] != "ib"):
        raise SizeError(f"invalid suffix: '{sfx}'")
    return _go_int64(size)


def _go_int64(x: float) -> int:
    if math.isnan(x):
        return -(2**63)
    if math.isinf(x) or abs(x) >= 2**63:
        return -(2**63)  # what int64(f) yields on amd64 for out-of-range values
    return int(x)


def ram_in_bytes(size: str) -> int:
    """units.RAMInBytes: binary multipliers, case-insensitive, optional b/ib ('512m', '1GiB',
    '1.5g'). Raises SizeError with go-units' message."""
    return _parse_size(size, _BINARY_MAP)


def from_human_size(size: str) -> int:
    """units.FromHumanSize: decimal (SI) multipliers ('44kB' = 44000)."""
    return _parse_size(size, _DECIMAL_MAP)
