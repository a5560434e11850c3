"""Time and identifiers: real by default, fixed and seeded when a lesson asks for it, so that a
re-executed notebook prints the same IDs and times."""
from __future__ import annotations

import base64
import contextlib
import datetime as _dt
import random
import secrets
import time


class Clock:
    """Wall-clock time, or a fixed start that only moves when the simulation says so.

    In fixed mode every reading moves on by one microsecond, so successive changes keep the
    strictly increasing timestamps that ``docker diff`` relies on, and ``advance`` adds the
    simulated duration of work (a build step, ``sleep``)."""

    _replay: float | None = None

    def __init__(self, start: float | str | None = None):
        self.fixed = start is not None
        self._t = parse_time(start) if isinstance(start, str) else (start or 0.0)

    def now(self) -> float:
        if self._replay is not None:
            self._replay += 1e-6
            return self._replay
        if not self.fixed:
            return time.time()
        self._t += 1e-6
        return self._t

    def peek(self) -> float:
        if self._replay is not None:
            return self._replay
        return self._t if self.fixed else time.time()

    def advance(self, seconds: float) -> None:
        if self._replay is not None:
            self._replay += seconds
        elif self.fixed:
            self._t += seconds

    def advance_to(self, t: float) -> None:
        """Move a fixed clock on to ``t`` (never back)."""
        if self.fixed and t > self._t:
            self._t = t

    @contextlib.contextmanager
    def replay(self, t: float):
        """Read ``t`` (and on from it) while something the daemon had scheduled for ``t``
        happens late: a restart timer that fell due between two commands.  A fixed clock
        ends at the later of ``t`` and where it was."""
        outer = self._replay
        self._replay = t
        try:
            yield
        finally:
            end, self._replay = self._replay, outer
            if outer is None:
                self.advance_to(end)

    def __call__(self) -> float:
        return self.now()


def parse_time(s: str) -> float:
    s = s.strip().replace("Z", "+00:00")
    if "." in s:  # keep microseconds only
        head, rest = s.split(".", 1)
        frac = "".join(ch for ch in rest if ch.isdigit())
        tz = rest[len(frac):]
        s = f"{head}.{frac[:6].ljust(6, '0')}{tz}"
    d = _dt.datetime.fromisoformat(s)
    if d.tzinfo is None:
        d = d.replace(tzinfo=_dt.timezone.utc)
    return d.timestamp()


def rfc3339(t: float, nanos: bool = True) -> str:
    """Go's time.RFC3339Nano in UTC, as Docker writes ``Created``: trailing zeros dropped."""
    d = _dt.datetime.fromtimestamp(t, _dt.timezone.utc)
    base = d.strftime("%Y-%m-%dT%H:%M:%S")
    if nanos:
        # Floats carry microseconds faithfully, not nanoseconds: round there.
        ns = (int(round((t - int(t)) * 1e6)) % 1_000_000) * 1000
        frac = f"{ns:09d}".rstrip("0")
        if frac:
            base += "." + frac
    return base + "Z"


class IDs:
    """Random identifiers, reproducible from a seed."""

    def __init__(self, seed: int | str | None = None):
        self.seed = seed
        self._rng = random.Random(seed) if seed is not None else None

    def _bytes(self, n: int) -> bytes:
        if self._rng is None:
            return secrets.token_bytes(n)
        return self._rng.getrandbits(8 * n).to_bytes(n, "big")

    def hex64(self) -> str:
        """A container ID, overlay2 cache-id or anonymous volume name (64 hex digits)."""
        while True:
            h = self._bytes(32).hex()
            # Docker never returns an ID that could be mistaken for a number.
            if not h[:12].isdigit():
                return h

    def link(self) -> str:
        """An overlay2 ``l/`` link name: 26 characters of base32 (A-Z, 2-7)."""
        return base64.b32encode(self._bytes(16)).decode()[:26]

    def base36(self, n: int = 25) -> str:
        """A BuildKit snapshot ID: lower-case base 36 (how BuildKit names the overlay2
        folders of the layers it builds)."""
        alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
        v = int.from_bytes(self._bytes(20), "big")
        out = []
        for _ in range(n):
            v, r = divmod(v, 36)
            out.append(alphabet[r])
        return "".join(out)

    def choice(self, seq):
        if self._rng is None:
            return secrets.choice(seq)
        return self._rng.choice(seq)
