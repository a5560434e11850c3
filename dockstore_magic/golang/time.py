"""Go's ``time.ParseDuration``: ``1h30m``, ``1.5s``, ``-2ms``; nanoseconds, Go's errors."""
from __future__ import annotations

import re
from fractions import Fraction

from .strconv import go_quote

__all__ = ["parse_duration", "unix_string"]


def unix_string(seconds: float) -> str:
    """Go's ``time.Unix(sec, 0).String()`` in UTC (the simulated host's zone): whole seconds,
    ``2006-01-02 15:04:05 +0000 UTC`` (what docker/cli's ``CreatedAt`` columns print)."""
    import datetime
    t = datetime.datetime.fromtimestamp(int(seconds), datetime.timezone.utc)
    return t.strftime("%Y-%m-%d %H:%M:%S +0000 UTC")


_DUR_UNITS = {"ns": 1, "us": 1000, "µs": 1000, "μs": 1000, "ms": 10**6, "s": 10**9,
              "m": 60 * 10**9, "h": 3600 * 10**9}


def parse_duration(s: str) -> int:
    """time.ParseDuration: returns nanoseconds; raises ValueError with Go's message."""
    orig = s
    q = go_quote(orig)
    neg = False
    if s and s[0] in "+-":
        neg = s[0] == "-"
        s = s[1:]
    if s == "0":
        return 0
    if s == "":
        raise ValueError(f"time: invalid duration {q}")
    total = 0
    while s:
        m = re.match(r"(\d*)(\.(\d*))?", s)
        ip, frac = m.group(1), m.group(3)
        if ip == "" and not frac:
            raise ValueError(f"time: invalid duration {q}")
        s = s[m.end():]
        u = re.match(r"[^\d.]*", s).group(0)
        if u == "":
            raise ValueError(f"time: missing unit in duration {q}")
        if u not in _DUR_UNITS:
            raise ValueError(f"time: unknown unit {go_quote(u)} in duration {q}")
        s = s[len(u):]
        unit = _DUR_UNITS[u]
        v = int(ip or "0") * unit
        if frac:
            v += int(Fraction(int(frac), 10 ** len(frac)) * unit)
        total += v
        if total > (1 << 63) - 1:
            raise ValueError(f"time: invalid duration {q}")
    return -total if neg else total
