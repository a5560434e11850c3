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


from ..golang.fmt import format_g

# parsing (RAMInBytes, FromHumanSize, ParseFloat) is engine-level: one implementation, in sizes.py
from ..sizes import (  # noqa: F401  (re-exported)
    KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB,
    SizeError, from_human_size, ram_in_bytes,
)

__all__ = [
    "KB", "MB", "GB", "TB", "PB", "KiB", "MiB", "GiB", "TiB", "PiB",
    "SizeError",
    "human_size", "human_size_precision", "bytes_size", "custom_size",
    "from_human_size", "ram_in_bytes",
    "human_duration", "since", "container_status", "health_string",
]

_DECIMAL_ABBRS = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
_BINARY_ABBRS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"]


# ----------------------------------------------------------------------------------------------
# Go's %g

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
    return format_g(size, precision) + unit


def human_size(size: float) -> str:
    """units.HumanSize: 4 significant digits (1.982MB, 6B, 2.01GB). Used by ``system df``,
    ``volume``/``image``/``system prune`` "Total reclaimed space", VirtualSize, SharedSize..."""
    return human_size_precision(size, 4)


def bytes_size(size: float) -> str:
    """units.BytesSize: binary units with 4 significant digits (1.5KiB, 512MiB)."""
    size, unit = _size_and_unit(float(size), 1024.0, _BINARY_ABBRS)
    return format_g(size, 4) + unit


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
