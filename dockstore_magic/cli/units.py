"""Human-readable sizes and durations, exactly as docker/go-units prints and parses them.

Ported from github.com/docker/go-units (size.go, duration.go; v0.5.0, the version vendored by
docker/cli v28 and moby v28) plus the two daemon-side strings that ``docker ps`` shows in its
STATUS column (moby ``container.State.String``).

Sizes::

    human_size(1_982_000)                -> '1.982MB'   # units.HumanSize, 4 significant digits
    human_size_precision(1_982_000, 3)   -> '1.98MB'    # used by docker images/history/ps -s
    bytes_size(1536)                     -> '1.5KiB'    # units.BytesSize (binary)
    ram_in_bytes('512m')                 -> 536870912   # units.RAMInBytes (--memory, tmpfs-size)
    from_human_size('1kB')               -> 1000        # units.FromHumanSize

Durations (seconds, as floats)::

    human_duration(47)                   -> '47 seconds'
    since(created, now)                  -> '3 minutes ago'
    container_status(...)                -> 'Up 2 minutes' / 'Exited (0) 3 seconds ago' / 'Created'
"""
from __future__ import annotations

import math
import re

__all__ = [
    "KB", "MB", "GB", "TB", "PB", "KiB", "MiB", "GiB", "TiB", "PiB",
    "SizeError",
    "human_size", "human_size_precision", "bytes_size", "custom_size",
    "from_human_size", "ram_in_bytes", "parse_go_float",
    "human_duration", "since", "container_status", "health_string",
    "go_format_g",
]

KB, MB, GB, TB, PB = 1000, 1000**2, 1000**3, 1000**4, 1000**5
KiB, MiB, GiB, TiB, PiB = 1024, 1024**2, 1024**3, 1024**4, 1024**5

_DECIMAL_ABBRS = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
_BINARY_ABBRS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"]
_DECIMAL_MAP = {"k": KB, "m": MB, "g": GB, "t": TB, "p": PB}
_BINARY_MAP = {"k": KiB, "m": MiB, "g": GiB, "t": TiB, "p": PiB}


class SizeError(ValueError):
    """A size string go-units refuses. ``str(err)`` is go-units' own message, e.g.
    ``invalid size: 'x'``, ``invalid suffix: 'q'`` or
    ``strconv.ParseFloat: parsing "1.2.3": invalid syntax``."""


# ----------------------------------------------------------------------------------------------
# Go's %g

def go_format_g(value: float, precision: int) -> str:
    """``fmt.Sprintf("%.*g", precision, value)`` for finite floats (Go and C agree on %g: the
    shortest of %e/%f, trailing zeros dropped, an exponent of at least two digits)."""
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if math.isnan(value):
        return "NaN"
    if precision == 0:
        precision = 1  # Go, like C, treats %.0g as %.1g
    return "%.*g" % (precision, value)


def _size_and_unit(size: float, base: float, abbrs: list[str]) -> tuple[float, str]:
    i = 0
    limit = len(abbrs) - 1
    while size >= base and i < limit:
        size = size / base
        i += 1
    return size, abbrs[i]


def custom_size(fmt: str, size: float, base: float, abbrs: list[str]) -> str:
    """units.CustomSize; ``fmt`` is a Python %-format taking (number, unit), e.g. '%.4g%s'."""
    size, unit = _size_and_unit(float(size), base, abbrs)
    return fmt % (size, unit)


def human_size_precision(size: float, precision: int) -> str:
    """units.HumanSizeWithPrecision: decimal units, ``%.<precision>g``. docker images,
    docker history and ``docker ps -s`` use precision 3: 1.98MB, 24.6kB, 0B, 117MB."""
    size, unit = _size_and_unit(float(size), 1000.0, _DECIMAL_ABBRS)
    return go_format_g(size, precision) + unit


def human_size(size: float) -> str:
    """units.HumanSize: 4 significant digits (1.982MB, 6B, 2.01GB). Used by ``system df``,
    ``volume``/``image``/``system prune`` "Total reclaimed space", VirtualSize, SharedSize..."""
    return human_size_precision(size, 4)


def bytes_size(size: float) -> str:
    """units.BytesSize: binary units with 4 significant digits (1.5KiB, 512MiB)."""
    size, unit = _size_and_unit(float(size), 1024.0, _BINARY_ABBRS)
    return go_format_g(size, 4) + unit


# ----------------------------------------------------------------------------------------------
# Parsing

# strconv.ParseFloat syntax (decimal, exponent, hex floats, underscores only between digits in
# "base-prefixed" literals are not accepted by ParseFloat for decimal, so we do not allow them)
_GO_FLOAT = re.compile(
    r"[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?\d+"
    r"|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?|[nN][aA][nN])\Z"
)


def parse_go_float(s: str) -> float:
    """strconv.ParseFloat(s, 64); raises ValueError with Go's message on failure."""
    if not _GO_FLOAT.match(s):
        raise ValueError(f'strconv.ParseFloat: parsing {_go_quote(s)}: invalid syntax')
    t = s.lower()
    if "x" in t:
        return float.fromhex(s)
    try:
        return float(s)
    except (ValueError, OverflowError):  # pragma: no cover - regex already checked
        raise ValueError(f'strconv.ParseFloat: parsing {_go_quote(s)}: invalid syntax') from None


def _go_quote(s: str) -> str:
    # local, minimal strconv.Quote (the full one lives in args.py; avoid an import cycle)
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif o < 0x20 or o == 0x7F:
            out.append("\\x%02x" % o)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


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
        size = parse_go_float(num)
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


# ----------------------------------------------------------------------------------------------
# Durations

def human_duration(seconds: float) -> str:
    """units.HumanDuration for a duration given in seconds (may be fractional or negative)."""
    s = int(seconds)  # Go: int(d.Seconds()) truncates toward zero
    if s < 1:
        return "Less than a second"
    if s == 1:
        return "1 second"
    if s < 60:
        return f"{s} seconds"
    minutes = int(seconds / 60)
    if minutes == 1:
        return "About a minute"
    if minutes < 60:
        return f"{minutes} minutes"
    hours = int(seconds / 3600 + 0.5)
    if hours == 1:
        return "About an hour"
    if hours < 48:
        return f"{hours} hours"
    if hours < 24 * 7 * 2:
        return f"{hours // 24} days"
    if hours < 24 * 30 * 2:
        return f"{hours // 24 // 7} weeks"
    if hours < 24 * 365 * 2:
        return f"{hours // 24 // 30} months"
    return f"{int(seconds / 3600) // 24 // 365} years"


def since(then: float, now: float) -> str:
    """``units.HumanDuration(now - then) + " ago"``: the CREATED column of ``docker ps``,
    ``docker images`` and ``docker history`` (times are epoch seconds)."""
    return human_duration(now - then) + " ago"


def health_string(status: str) -> str:
    """moby container.Health.String(): "health: starting", else the status itself."""
    return "health: starting" if status == "starting" else status


def container_status(*, now: float, running: bool = False, paused: bool = False,
                     restarting: bool = False, exit_code: int = 0,
                     started_at: float | None = None, finished_at: float | None = None,
                     health: str | None = None, removal_in_progress: bool = False,
                     dead: bool = False) -> str:
    """moby ``container.State.String()``: the STATUS column of ``docker ps``.

    ``started_at``/``finished_at`` are epoch seconds, None for Go's zero time.
    Examples: "Up 2 minutes", "Up 5 seconds (Paused)", "Up 3 hours (healthy)",
    "Exited (0) 3 seconds ago", "Restarting (1) 2 seconds ago", "Created", "Dead"."""
    if running:
        up = human_duration(now - (started_at or 0.0))
        if paused:
            return f"Up {up} (Paused)"
        if restarting:
            return f"Restarting ({exit_code}) {human_duration(now - (finished_at or 0.0))} ago"
        if health is not None:
            return f"Up {up} ({health_string(health)})"
        return f"Up {up}"
    if removal_in_progress:
        return "Removal In Progress"
    if dead:
        return "Dead"
    if started_at is None:
        return "Created"
    if finished_at is None:
        return ""
    return f"Exited ({exit_code}) {human_duration(now - finished_at)} ago"
