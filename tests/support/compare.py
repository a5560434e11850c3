"""One normalise-and-compare helper for outputs of the real engine and the simulator.

What is volatile (IDs, times, durations, column padding) is normalised; what the lessons
teach (layers, sizes, cache hits, file lists, wording) is compared exactly.  Known
differences between the engine here (20.10) and current Docker, which the simulator follows,
are applied from :mod:`realdocker.differences` only where a test names them."""
from __future__ import annotations

import re

_ID64 = re.compile(r"\b(?:sha256:)?[0-9a-f]{64}\b")
_ID12 = re.compile(r"\b[0-9a-f]{12}\b")
_AGO = re.compile(r"\b(?:Less than a second|About a minute|About an hour|\d+ (?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)) ago\b")
_UP = re.compile(r"\bUp (?:Less than a second|About a minute|About an hour|\d+ \w+)")
_TIME = re.compile(r"\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)\b"
                   r"|\b\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? [+-]\d{4} [A-Z]+\b")   # RFC 3339, Go's Time.String
_DUR = re.compile(r"\b\d+\.\d+s\b")
_LOGTS = re.compile(r"^(#\d+) \d+\.\d+ ", re.M)


def normalize(text: str, extra: list[tuple[str, str]] | None = None) -> str:
    """IDs become ``<ID1>``, ``<ID2>``… in order of appearance (a 12-character prefix maps to
    its full ID's number), times ``<TIME>``, ``… ago`` ``<AGO>``, build timings ``0.0s``."""
    ids: dict[str, str] = {}

    def sub64(m):
        h = m.group(0).split(":")[-1]
        key = h[:12]
        ids.setdefault(key, f"<ID{len(ids) + 1}>")
        return ("sha256:" if m.group(0).startswith("sha256:") else "") + ids[key]

    def sub12(m):
        ids.setdefault(m.group(0), f"<ID{len(ids) + 1}>")
        return ids[m.group(0)]

    text = _TIME.sub("<TIME>", text)
    text = _ID64.sub(sub64, text)
    text = _ID12.sub(sub12, text)
    text = _AGO.sub("<AGO>", text)
    text = _UP.sub("Up <AGO>", text)
    text = _DUR.sub("0.0s", text)
    text = _LOGTS.sub(r"\1 0.000 ", text)
    for pat, rep in extra or []:
        text = re.sub(pat, rep, text, flags=re.M)
    return text


def table(text: str) -> list[list[str]]:
    """A docker table as rows of cells (cells are separated by two or more spaces)."""
    rows = []
    for line in normalize(text).splitlines():
        if line.strip():
            rows.append([c for c in re.split(r" {2,}", line.rstrip())])
    return rows


_STEP = re.compile(r"^#(\d+) (\[[^\]]*\d+/\d+\] .*)$")


def build_steps(progress: str, with_from: bool = False) -> dict[str, str]:
    """``{"[2/6] WORKDIR /opt/app": "CACHED" | "DONE" | "ERROR"}`` from plain progress.
    FROM steps are left out unless asked for: whether the engine shows a base as CACHED
    depends on whether it ever built on it before, which outlives a test session."""
    names: dict[str, str] = {}
    state: dict[str, str] = {}
    for line in progress.splitlines():
        m = _STEP.match(line)
        if m:
            names[m.group(1)] = m.group(2)
            continue
        m = re.match(r"^#(\d+) (CACHED|DONE|ERROR)", line)
        if m and m.group(1) in names:
            state[names[m.group(1)]] = m.group(2)
    if not with_from:
        state = {k: v for k, v in state.items() if "] FROM " not in k}
    return state


def history_rows(text: str) -> list[tuple[str, str, str]]:
    """(CREATED BY, SIZE, COMMENT) of each ``docker history --no-trunc`` row."""
    rows = table(text)[1:]
    out = []
    for r in rows:
        # IMAGE, CREATED, CREATED BY, SIZE, COMMENT (CREATED BY may be empty for imports)
        if len(r) == 5:
            out.append((r[2], r[3], r[4]))
        elif len(r) == 4:
            out.append(("", r[2], r[3]))
        else:
            out.append(tuple(r[2:]))
    return out
