"""Go's ``time.ParseDuration`` (``1h30m``, ``1.5s``, ``-2ms``; nanoseconds) and ``time.Parse``
for the numeric layouts Docker uses (``2006-01-02T15:04:05.999999999Z07:00`` and its cuts),
with Go's errors (src/time/format.go)."""
from __future__ import annotations

import re
from fractions import Fraction

from .strconv import go_quote

__all__ = ["parse_duration", "duration_string", "parse_time", "TimeParseError", "unix_string",
           "time_string"]


def unix_string(seconds: float) -> str:
    """Go's ``time.Unix(sec, 0).String()`` in UTC (the simulated host's zone): whole seconds,
    ``2006-01-02 15:04:05 +0000 UTC`` (what docker/cli's ``CreatedAt`` columns print)."""
    return time_string(int(seconds))


def time_string(seconds: float) -> str:
    """Go's ``Time.String()`` in UTC (src/time/format.go: layout
    ``2006-01-02 15:04:05.999999999 -0700 MST``): the nanoseconds with their trailing zeros
    cut, none at all on a whole second."""
    import datetime
    whole = int(seconds // 1)
    nanos = round((seconds - whole) * 1e9)
    if nanos >= 10**9:
        whole, nanos = whole + 1, nanos - 10**9
    t = datetime.datetime.fromtimestamp(whole, datetime.timezone.utc)
    frac = f".{nanos:09d}".rstrip("0") if nanos else ""
    return t.strftime("%Y-%m-%d %H:%M:%S") + frac + " +0000 UTC"


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


def duration_string(ns: int) -> str:
    """time.Duration.String (src/time/time.go): ``1h2m3.5s``, ``1.5s``, ``250ms``, ``0s``."""
    if ns == 0:
        return "0s"
    sign, u = ("-", -ns) if ns < 0 else ("", ns)
    if u < 10**9:                          # below a second: one unit, a fraction
        for unit, size in (("ms", 10**6), ("µs", 10**3), ("ns", 1)):
            if u >= size:
                return sign + _frac(u, size) + unit
    h, rest = divmod(u, 3600 * 10**9)
    m, rest = divmod(rest, 60 * 10**9)
    out = (f"{h}h" if h else "") + (f"{m}m" if h or m else "")
    return sign + out + _frac(rest, 10**9) + "s"


def _frac(v: int, size: int) -> str:
    whole, frac = divmod(v, size)
    digits = str(frac).rjust(len(str(size)) - 1, "0").rstrip("0") if frac else ""
    return f"{whole}.{digits}" if digits else str(whole)


# ------------------------------------------------------------------ time.Parse
class TimeParseError(ValueError):
    """time.ParseError, worded by its Error method."""


#: the layout elements of the numeric layouts (longest first), as nextStdChunk finds them
_STD = ("2006", "Z07:00", ".999999999", ".000000000", "01", "02", "15", "04", "05")
_RANGE = {"01": ("month", 1, 12), "02": ("day", 1, 31), "15": ("hour", 0, 23),
          "04": ("minute", 0, 59), "05": ("second", 0, 59)}


def _chunks(layout: str):
    """(literal prefix, std element) pairs of ``layout``; the last std is '' (the rest)."""
    out, lit, i = [], "", 0
    while i < len(layout):
        std = next((e for e in _STD if layout.startswith(e, i)), None)
        if std is None:
            lit += layout[i]
            i += 1
            continue
        out.append((lit, std))
        lit, i = "", i + len(std)
    out.append((lit, ""))
    return out


def _err(layout, value, elem, rest, message=""):
    if message:
        return TimeParseError(f"parsing time {go_quote(value)}{message}")
    return TimeParseError(f"parsing time {go_quote(value)} as {go_quote(layout)}: cannot parse "
                          f"{go_quote(rest)} as {go_quote(elem)}")


def parse_time(layout: str, value: str, offset: int = 0) -> tuple[int, int]:
    """time.Parse (``offset``: the zone, in seconds east of UTC, when the value names none, as
    ParseInLocation): (Unix seconds, nanoseconds); TimeParseError with Go's text."""
    import calendar
    fields = {"2006": 1, "01": 1, "02": 1, "15": 0, "04": 0, "05": 0}
    nanos, rest = 0, value
    for lit, std in _chunks(layout):
        if not rest.startswith(lit):
            raise _err(layout, value, lit, rest)
        rest = rest[len(lit):]
        if not std:
            break
        hold = rest
        if std == "2006":
            if len(rest) < 4 or not rest[:4].isdigit():
                raise _err(layout, value, std, hold)
            fields[std], rest = int(rest[:4]), rest[4:]
        elif std in _RANGE:
            n = 1 if std == "15" and (len(rest) < 2 or not rest[1].isdigit()) else 2
            if len(rest) < n or not rest[:n].isdigit():
                raise _err(layout, value, std, hold)
            fields[std], rest = int(rest[:n]), rest[n:]
            what, lo, hi = _RANGE[std]
            if std != "02" and not lo <= fields[std] <= hi:
                raise _err(layout, value, std, rest, f": {what} out of range")
            if std == "05" and len(rest) > 1 and rest[0] in ".," and rest[1].isdigit() \
                    and ".9" not in layout and ".0" not in layout:
                # a fractional second the layout does not name is accepted after the seconds
                digits = re.match(r"\d+", rest[1:]).group(0)
                nanos, rest = int(digits[:9].ljust(9, "0")), rest[1 + len(digits):]
        elif std.startswith("."):
            if len(rest) >= 2 and rest[0] in ".," and rest[1].isdigit():
                digits = re.match(r"\d+", rest[1:]).group(0)
                nanos, rest = int(digits[:9].ljust(9, "0")), rest[1 + len(digits):]
        elif std == "Z07:00":
            if rest[:1] == "Z":
                offset, rest = 0, rest[1:]
            elif len(rest) >= 6 and rest[0] in "+-" and rest[3] == ":" \
                    and rest[1:3].isdigit() and rest[4:6].isdigit():
                sign = -1 if rest[0] == "-" else 1
                offset, rest = sign * (int(rest[1:3]) * 3600 + int(rest[4:6]) * 60), rest[6:]
            else:
                raise _err(layout, value, std, hold)
    if rest:
        raise _err(layout, value, "", rest, f": extra text: {go_quote(rest)}")
    year, month, day = fields["2006"], fields["01"], fields["02"]
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise _err(layout, value, "", rest, ": day out of range")
    secs = calendar.timegm((year, month, day, fields["15"], fields["04"], fields["05"]))
    return secs - offset, nanos
