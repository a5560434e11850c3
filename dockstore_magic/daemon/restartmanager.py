"""Restart policies: when the daemon starts a container again by itself (moby
``restartmanager/restartmanager.go``, ``daemon/monitor.go`` handleContainerExit, the policy
checks of ``api/types/container/hostconfig.go`` ValidateRestartPolicy).

The engine's rules, as moby has them:

* ``HostConfig.RestartPolicy`` is ``{"Name": no|always|unless-stopped|on-failure,
  "MaximumRetryCount": N}``; only ``on-failure`` takes a count (0: no limit).
* When a container's main process exits, ``ShouldRestart(exitCode, hasBeenManuallyStopped,
  executionDuration)`` decides: ``always`` yes; ``unless-stopped`` unless the user stopped
  it; ``on-failure`` after a non-zero exit while ``RestartCount`` < the maximum.  A
  ``docker stop``/``docker kill`` cancels the manager first (``ExitOnNext``), so a container
  stopped by the user is never restarted, whatever its policy, and the stop sets
  ``HasBeenManuallyStopped`` (not when the daemon itself shuts down).
* The delay before each restart starts at 100 ms and doubles up to one minute; a run of 10 s
  or more resets it to 100 ms.  While it waits the container is *restarting*: ``State.Status
  "restarting"``, ``Running`` and ``Restarting`` true, ``Pid`` 0, the last ``ExitCode`` and
  ``FinishedAt``; ``docker ps`` lists it as ``Restarting (CODE) N seconds ago``.
  ``RestartCount`` grows by one each time a restart is decided (so it already counts the
  restart being waited for), and goes back to 0 when the user starts the container
  (``docker start``/``restart``: ``ResetRestartManager(true)``).

The model (the simulation runs a container's command at once, on a simulated clock):

* A restart that is decided gets a due time, ``FinishedAt`` + the delay.  Nothing runs in
  the background: the daemon's timers fire when simulated time reaches them, that is when
  a ``docker`` command or a ``%host`` script begins (:func:`fire_due`, all timers due by
  then, in time order) and while the host's ``sleep N`` lets N seconds pass
  (:func:`pass_time`).  Each timer firing starts the container again, as
  ``containerStart`` does: its command runs again (``echo x >> /data/log`` in a volume appends
  one line per restart), and when it exits at once the next delay is twice the last.  The
  clock is set to each timer's own time while it fires (``Clock.replay``), so StartedAt,
  FinishedAt and the files written carry the times the engine would have given them.
* The same timers serve the daemon's other clocks (:data:`KINDS`): a health check's
  interval (health.py) and the end of a main process's ``sleep`` (runtime.MainProcess: a
  container running ``sh -c 'sleep 5; exit 3'`` exits 5 s after it started, when time
  passes or ``docker wait`` waits for it).
* A command that blocks for good (``sleep infinity``, a server) keeps the container up
  until it is stopped; one that exits at once lives 0 s, so the delay doubles
  to its one-minute ceiling and a day of an endlessly failing container is about 1,450
  runs.  :data:`MAX_FIRINGS` bounds what one command can fire (2,000, about a second): past it, the
  remaining timers fire at the next command.
* A daemon start (``systemctl start docker``, and a kernel restart, which reboots the
  simulated machine: see :func:`restore`) sets a restarting container stopped: its timer
  lived in the old dockerd.
"""
from __future__ import annotations

import weakref

from ..errors import InvalidParameter

BACKOFF_MULTIPLIER = 2
DEFAULT_TIMEOUT = 0.1          # seconds (100 * time.Millisecond)
MAX_RESTART_TIMEOUT = 60.0     # 1 * time.Minute
RESET_AFTER = 10.0             # executionDuration.Seconds() >= 10 resets the timeout
MAX_FIRINGS = 2_000            # restarts one command may catch up (see the module doc)


def validate_restart_policy(policy: dict) -> None:
    """ValidateRestartPolicy (api/types/container/hostconfig.go), current moby's wording."""
    name = policy.get("Name") or ""
    count = policy.get("MaximumRetryCount") or 0
    if name in ("always", "unless-stopped", "no"):
        if count != 0:
            msg = "invalid restart policy: maximum retry count can only be used with 'on-failure'"
            raise InvalidParameter(msg + (" and cannot be negative" if count < 0 else ""))
    elif name == "on-failure":
        if count < 0:
            raise InvalidParameter("invalid restart policy: maximum retry count cannot be negative")
    elif name:     # "": what clients before v25 sent as the default, accepted as such
        raise InvalidParameter(f"invalid restart policy: unknown policy '{name}'; use one of "
                               "'no', 'always', 'on-failure', or 'unless-stopped'")


def is_none(policy: dict) -> bool:
    return (policy.get("Name") or "no") == "no"


class RestartManager:
    """restartmanager.restartManager: one per container, made from its policy and its
    RestartCount; replaced (``ResetRestartManager``) when the user starts the container."""

    def __init__(self, policy: dict, restart_count: int = 0):
        self.policy = dict(policy or {})
        self.restart_count = restart_count
        self.timeout = 0.0
        self.canceled = False
        self.due: float | None = None      # when the pending restart fires (the Go timer)

    def should_restart(self, exit_code: int, manually_stopped: bool, duration: float) -> bool:
        """ShouldRestart; when it says yes, ``timeout`` is the delay before the restart."""
        name = self.policy.get("Name") or "no"
        if name == "no" or self.canceled:
            return False
        if duration >= RESET_AFTER:
            self.timeout = 0.0
        if self.timeout == 0:
            self.timeout = DEFAULT_TIMEOUT
        elif self.timeout < MAX_RESTART_TIMEOUT:
            self.timeout *= BACKOFF_MULTIPLIER
        self.timeout = min(self.timeout, MAX_RESTART_TIMEOUT)
        restart = False
        if name == "always":
            restart = True
        elif name == "unless-stopped":
            restart = not manually_stopped
        elif name == "on-failure":
            limit = int(self.policy.get("MaximumRetryCount") or 0)
            if limit == 0 or self.restart_count < limit:
                restart = exit_code != 0
        if restart:
            self.restart_count += 1
        return restart

    def cancel(self) -> None:
        self.canceled = True
        self.due = None


def manager(c) -> RestartManager:
    """container.RestartManager(): the container's manager, made on first use."""
    if c.restart_manager is None:
        c.restart_manager = RestartManager(c.host_config.get("RestartPolicy") or {}, c.restart_count)
    return c.restart_manager


def reset(c, reset_count: bool) -> None:
    """container.ResetRestartManager."""
    if c.restart_manager is not None:
        c.restart_manager.cancel()
    if reset_count:
        c.restart_count = 0
    c.restart_manager = None


def should_restart_now(c) -> bool:
    """container.ShouldRestart(), as the daemon asks it at start for a stopped container."""
    started, finished = c.state.started_at or 0.0, c.state.finished_at or 0.0
    return manager(c).should_restart(c.state.exit_code, c.has_been_manually_stopped,
                                     max(0.0, finished - started))


# ---------------------------------------------------------------------- the timers
#: The daemon's timers, one registry for every kind: a restart policy's delay (here), a
#: health check's interval (health.py), the end of a main process's ``sleep``
#: (runtime.MainProcess).  kind -> (due(engine, c): when it fires or None, fire(engine, c))
KINDS: dict = {}

#: engine -> the (container ID, kind) whose timer is set: a command looks at these, not at
#: every container (the daemon's Go timers cost nothing while they wait)
_TIMERS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _timers(engine) -> set:
    ids = _TIMERS.get(engine)
    if ids is None:             # a host read back from disk: its timers, found once
        ids = _TIMERS[engine] = {(c.id, kind) for c in engine.container_store
                                 for kind, (due, _) in KINDS.items() if due(engine, c) is not None}
    return ids


def set_timer(engine, c, kind: str) -> None:
    """Look at ``c``'s timer of ``kind`` (its due time kept where the kind keeps it)."""
    _timers(engine).add((c.id, kind))


def schedule(engine, c, due: float) -> None:
    """Set ``c``'s restart timer to fire at ``due`` (the restart manager's ``time.After``)."""
    manager(c).due = due
    set_timer(engine, c, "restart")


def _restart_due(engine, c):
    rm = c.restart_manager
    return rm.due if c.state.restarting and rm is not None else None


def _restart_fire(engine, c) -> None:
    c.restart_manager.due = None
    engine.containers.restart_by_policy(c)


KINDS["restart"] = (_restart_due, _restart_fire)


def _next_due(engine):
    ids = _timers(engine)
    due = []
    for cid, kind in list(ids):
        c = engine.container_store.containers.get(cid)
        t = KINDS[kind][0](engine, c) if c is not None else None
        if t is None:
            ids.discard((cid, kind))    # removed, stopped, or its timer already fired
            continue
        due.append((t, c.created, kind, c))
    return min(due, key=lambda t: (t[0], t[1], t[2]), default=None)


def next_due(engine, c, kinds=None) -> float | None:
    """When the earliest of ``c``'s own timers (of ``kinds``, default all) fires."""
    times = [KINDS[k][0](engine, c) for k in (kinds or KINDS)]
    return min((t for t in times if t is not None), default=None)


def fire_due(engine, until: float | None = None) -> int:
    """Fire every timer due by ``until`` (now), earliest first; returns how many."""
    if not engine.service.service.active:      # the timers lived in a dockerd now stopped
        return 0
    clock = engine.clock
    limit = clock.peek() if until is None else until
    fired = 0
    while fired < MAX_FIRINGS:
        nxt = _next_due(engine)
        if nxt is None or nxt[0] > limit:
            break
        due, _, kind, c = nxt
        with clock.replay(due):
            KINDS[kind][1](engine, c)
        fired += 1
    return fired


def pass_time(engine, seconds: float) -> None:
    """``sleep SECONDS`` on the host: simulated time moves on, and the timers that fall due
    meanwhile fire at their own times."""
    clock = engine.clock
    if seconds == float("inf"):          # the host's `sleep infinity` returns at once
        return
    # a wall clock is not moved by a sleep that returns at once: only what is due fires
    end = clock.peek() + (max(0.0, float(seconds)) if clock.fixed else 0.0)
    fire_due(engine, until=end)
    clock.advance_to(end)


# ---------------------------------------------------------------------- daemon start
def restore(engine, alive=lambda c: False, live_restore: bool = False) -> None:
    """What ``Daemon.restore`` (moby daemon/daemon.go) does with the containers it loads.

    A container recorded running (or restarting, or paused) whose process is not ``alive``
    (containerd lost it: a reboot; a restarting container has no process at all) is set
    stopped with exit code 255 (``ces.ExitCode = 255``) and cleaned up.  The new dockerd
    makes every restart manager anew, from the policy and the count kept
    (``ResetRestartManager(false)``).  Then, with ``AutoRestart`` (on by
    default), each container that is not running, had been started before and whose policy
    says so (``c.ShouldRestart()``: ``always``; ``unless-stopped`` unless stopped by the
    user; ``on-failure`` when its last exit code is not 0 and retries are left, so one that
    was running when the machine went down comes back: moby#47846) is started as a user
    start does; otherwise a ``--rm`` container is removed with its anonymous volumes (with
    live-restore, only if it is no longer alive)."""
    svc = engine.containers
    for c in list(engine.container_store):
        c.restart_manager = None                # a new dockerd: no manager, no timer yet
        if (c.state.running or c.state.status == "paused") and not (alive(c) and not c.state.restarting):
            svc.set_stopped(c, 255)
    for c in list(engine.container_store):
        try:
            if not c.state.running and c.has_been_started and should_restart_now(c):
                svc.start(c.id, detached=True)
            elif c.host_config.get("AutoRemove") and not (live_restore and alive(c)):
                svc.remove(c.id, force=True, volumes=True)
        except Exception:               # moby logs "failed to start container" and goes on
            continue
