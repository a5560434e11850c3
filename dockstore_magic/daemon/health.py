"""Health checks: the daemon's probe of a running container (moby daemon/health.go,
container/health.go; the validation of daemon/container.go validateHealthCheck).

The engine's rules, as moby has them:

* ``Config.Healthcheck`` is ``{"Test": [...], "Interval", "Timeout", "StartPeriod",
  "StartInterval" (nanoseconds), "Retries"}`` (a Dockerfile's HEALTHCHECK, or the run flags
  ``--health-*``; a zero field takes the image's, then the default).  ``Test`` is
  ``["CMD", argv...]`` (exec'd), ``["CMD-SHELL", line]`` (run by ``Config.Shell`` or
  ``/bin/sh -c``) or ``["NONE"]`` (no check: ``--no-healthcheck``, ``HEALTHCHECK NONE``).
* When the container starts (``initHealthMonitor``), ``State.Health`` becomes
  ``{"Status": "starting", "FailingStreak": 0, "Log": [...]}`` (the log of an earlier run
  is kept).  The first probe runs one interval after the start; the next one an interval
  after the end of the last (``intervalTimer.Reset`` after the probe).  Within the start
  period the interval is ``StartInterval`` (default 5 s) while the status is ``starting``.
* A probe is an exec in the container (its ``User``, ``WorkingDir`` and environment), its
  stdout and stderr together in one buffer of at most 4096 bytes (``...`` marks a cut).
  Past ``Timeout`` (default 30 s) it is killed: exit code -1, output ``Health check
  exceeded timeout (30s)``.  An exec that cannot start gives -1 and the error.
* ``handleProbeResult``: the result goes to the log (the last 5 kept); exit 0 sets
  ``healthy`` and the streak to 0; anything else adds one to ``FailingStreak`` (not while
  ``starting`` within the start period) and at ``Retries`` (default 3) sets ``unhealthy``.
* When the container stops, the monitor stops and the status becomes ``unhealthy``
  (``CloseMonitorChannel``: "unhealthy when the monitor has stopped for compatibility
  reasons"); the streak and the log stay.
* ``docker ps`` shows ``Up 3 seconds (health: starting)``, ``(healthy)``, ``(unhealthy)``;
  ``--filter health=`` matches the status, ``none`` a container without a check.

Seen on the engine here (tests/realdocker/scenarios/s34_health_wait.py), but for what its
version (20.10, API 1.41) lacks: ``StartInterval`` (API 1.44: its CLI refuses the flag) and
the probe's output after the timeout message (current moby), followed from the source.

The model: the monitor's interval timer is one of the daemon's timers
(restartmanager.KINDS, kind ``"health"``): it fires when simulated time reaches it, and the
probe runs then, on the clock set to the probe's time; a ``sleep`` in the probe takes
simulated time, up to the timeout.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..clock import rfc3339
from ..errors import DaemonError, InvalidParameter
from . import restartmanager

NANO = 1_000_000_000
MAX_OUTPUT_LEN = 4096
DEFAULT_PROBE_INTERVAL = 30.0
DEFAULT_PROBE_TIMEOUT = 30.0
DEFAULT_START_PERIOD = 0.0
DEFAULT_START_INTERVAL = 5.0
DEFAULT_PROBE_RETRIES = 3
MAX_LOG_ENTRIES = 5
MINIMUM_DURATION = 0.001        # container.MinimumDuration (1 ms)

STARTING, HEALTHY, UNHEALTHY, NONE = "starting", "healthy", "unhealthy", "none"


@dataclass
class Health:
    """container.Health: the API's Health and the monitor's timer (``due``: when the next
    probe runs; None while no monitor runs)."""
    status: str = STARTING
    failing_streak: int = 0
    log: list = field(default_factory=list)      # [(start, end, exit code, output)]
    due: float | None = None

    def to_json(self) -> dict:
        return {"Status": self.status, "FailingStreak": self.failing_streak,
                "Log": [{"Start": rfc3339(s), "End": rfc3339(e), "ExitCode": code,
                         "Output": out} for s, e, code, out in self.log]}


def validate(hc: dict | None) -> None:
    """validateHealthCheck (moby daemon/container.go), current moby's order and wording."""
    if not hc:
        return
    for key in ("Interval", "Timeout", "StartPeriod", "StartInterval"):
        v = hc.get(key) or 0
        if v != 0 and v < MINIMUM_DURATION * NANO:
            raise InvalidParameter(f"{key} in Healthcheck cannot be less than 1ms")
    if (hc.get("Retries") or 0) < 0:
        raise InvalidParameter("Retries in Healthcheck cannot be negative")


def _seconds(c, key: str, default: float) -> float:
    """timeoutWithDefault: a zero duration is the default."""
    v = (c.config.get("Healthcheck") or {}).get(key) or 0
    return v / NANO if v else default


def probe_argv(c) -> list[str] | None:
    """getProbe: the command a probe runs, or None (no check, NONE, an unknown type)."""
    test = list((c.config.get("Healthcheck") or {}).get("Test") or [])
    if not test:
        return None
    if test[0] == "CMD":
        return test[1:] or None
    if test[0] == "CMD-SHELL":
        return list(c.config.get("Shell") or ["/bin/sh", "-c"]) + test[1:]
    return None


def status(c) -> str:
    """The health of ``c`` as ``docker ps`` filters it (``none``: no health state)."""
    return c.health.status if getattr(c, "health", None) is not None else NONE


def init_monitor(engine, c) -> None:
    """initHealthMonitor, at each start: the status back to starting, the first probe one
    interval (or start interval) after StartedAt."""
    if probe_argv(c) is None:
        return
    if c.health is None:
        c.health = Health()
    c.health.status, c.health.failing_streak = STARTING, 0
    _schedule(engine, c, c.state.started_at)


def stop_monitor(c) -> None:
    """stopHealthchecks when the container stops: CloseMonitorChannel sets unhealthy."""
    h = getattr(c, "health", None)
    if h is not None and h.due is not None:
        h.due = None
        h.status = UNHEALTHY


def _interval(c, now: float) -> float:
    """monitor's getInterval, as Docker 28 has it: the start interval while starting within
    the start period (a later moby, PR 52317, also cuts it at the period's end)."""
    start_period = _seconds(c, "StartPeriod", DEFAULT_START_PERIOD)
    if now - (c.state.started_at or now) < start_period and c.health.status == STARTING:
        return _seconds(c, "StartInterval", DEFAULT_START_INTERVAL)
    return _seconds(c, "Interval", DEFAULT_PROBE_INTERVAL)


def _schedule(engine, c, now: float) -> None:
    c.health.due = now + _interval(c, now)
    restartmanager.set_timer(engine, c, "health")


def _due(engine, c):
    h = getattr(c, "health", None)
    return h.due if h is not None and c.state.status == "running" else None


def _fire(engine, c) -> None:
    """The interval timer fired: one probe, its result handled, the timer set again."""
    clock = engine.clock
    start = clock.now()
    c.health.due = None
    code, output = run_probe(engine, c)
    end = clock.now()
    if c.state.status != "running":          # (the probe cannot stop it; kept for safety)
        return
    handle_result(c, start, end, code, output)
    _schedule(engine, c, clock.peek())


def run_probe(engine, c) -> tuple[int, str]:
    """cmdProbe.run: the exec, its output limited, its timeout."""
    timeout = _seconds(c, "Timeout", DEFAULT_PROBE_TIMEOUT)
    try:
        res = engine.containers.exec(c.id, probe_argv(c), time_limit=timeout)
    except DaemonError as e:                 # the exec could not start
        return -1, e.message
    data = b"".join(d if isinstance(d, (bytes, bytearray)) else d.read(0, MAX_OUTPUT_LEN + 1)
                    for _, d in res.events)
    out = data[:MAX_OUTPUT_LEN].decode("utf-8", "replace") + ("..." if len(data) > MAX_OUTPUT_LEN else "")
    if res.timed_out:
        text = f"Health check exceeded timeout ({_go_duration(timeout)})"
        return -1, f"{text}: {out}" if out else text
    return (0 if res.running else res.exit_code), out


def handle_result(c, start: float, end: float, code: int, output: str) -> None:
    """handleProbeResult."""
    h = c.health
    retries = (c.config.get("Healthcheck") or {}).get("Retries") or 0
    if retries <= 0:
        retries = DEFAULT_PROBE_RETRIES
    h.log = (h.log + [(start, end, code, output)])[-MAX_LOG_ENTRIES:]
    if code == 0:
        h.failing_streak = 0
        h.status = HEALTHY
        return
    if h.status == STARTING and start - (c.state.started_at or start) < \
            _seconds(c, "StartPeriod", DEFAULT_START_PERIOD):
        return                               # within the start period: no count
    h.failing_streak += 1
    if h.failing_streak >= retries:
        h.status = UNHEALTHY


def _go_duration(seconds: float) -> str:
    """Go's time.Duration.String() for the timeout in the message."""
    from ..golang.time import duration_string
    return duration_string(int(round(seconds * NANO)))


restartmanager.KINDS["health"] = (_due, _fire)
