"""Signal names as the daemon reads them: moby/sys/signal ``SignalMap`` (Linux) and
``ParseSignal`` (a number other than 0, or a name with or without ``SIG``, any case).
Used by ``docker kill -s``, ``docker stop -s`` and a container's StopSignal."""
from __future__ import annotations

#: moby/sys/signal signal_linux.go SignalMap (real-time signals: RTMIN, RTMIN+1…RTMAX)
SIGNALS = {
    "ABRT": 6, "ALRM": 14, "BUS": 7, "CHLD": 17, "CLD": 17, "CONT": 18, "FPE": 8, "HUP": 1,
    "ILL": 4, "INT": 2, "IO": 29, "IOT": 6, "KILL": 9, "PIPE": 13, "POLL": 29, "PROF": 27,
    "PWR": 30, "QUIT": 3, "SEGV": 11, "STKFLT": 16, "STOP": 19, "SYS": 31, "TERM": 15,
    "TRAP": 5, "TSTP": 20, "TTIN": 21, "TTOU": 22, "URG": 23, "USR1": 10, "USR2": 12,
    "VTALRM": 26, "WINCH": 28, "XCPU": 24, "XFSZ": 25,
    "RTMIN": 34, **{f"RTMIN+{i}": 34 + i for i in range(1, 16)},
    **{f"RTMAX-{i}": 64 - i for i in range(1, 15)}, "RTMAX": 64,
}


def parse_signal(raw: str) -> int:
    """The signal's number; ValueError with the daemon's ``Invalid signal: RAW``."""
    try:
        n = int(raw)
    except ValueError:
        n = SIGNALS.get(raw.upper().removeprefix("SIG"), 0)
    if n == 0:
        raise ValueError(f"Invalid signal: {raw}")
    return n
