"""The container service (moby daemon/create.go, start.go, stop.go, kill.go, delete.go,
exec.go, commit.go, changes.go, archive.go, inspect.go, list.go, prune.go, rename.go,
wait.go, update.go, and monitor.go's handleContainerExit, with the restart policies of
restartmanager.py)."""
from __future__ import annotations

import copy
import time
import weakref


from ..builder.from_config import build_from_config
from ..clock import rfc3339
from ..container import Container, State
from ..errors import Conflict, InvalidParameter, DaemonError, ExecError
from ..fs import FileSystem, FSError
from ..golang.values import GoNil, GoStruct
from ..image import Image
from ..reference import parse, ReferenceError
from ..runtime import (build_namespace, cwd_error, exec_failure, run_process, ProcessResult,
                       passwd_lookup)
from ..signals import SIGNALS, parse_signal
from . import health, restartmanager
from .filters import Args, match_labels, until as prune_until
from .container_list import containers as list_containers

STOP_TIMEOUT = 10


class StillRunning(Exception):
    """``docker wait`` on a running container whose main process never ends by itself
    (``sleep infinity``, ``tail -f``, a server): the engine's client would block for good.
    ``message`` is the CLI's one-line refusal (one that sleeps for a known time is waited
    for: simulated time moves on to its end, ContainerService.wait)."""

    def __init__(self, c: Container, endless: bool = True):
        name = c.familiar_name
        why = ("its process never ends by itself (the engine's docker wait would block "
               "forever)" if endless else
               f"its process did not end within {restartmanager.MAX_FIRINGS} wake-ups")
        self.message = (f"dockstore-magic: waiting for a running container ({name}) is not "
                        f"simulated: {why}; docker stop {name} ends it")
        super().__init__(self.message)
        self.container = c


#: container -> its main process asleep until a timer (runtime.MainProcess): kept beside the
#: container, not in it (a thread is not saved with the host)
_MAIN: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _main_due(engine, c):
    proc = _MAIN.get(c)
    return proc.wake_at if proc is not None and c.state.status == "running" else None


def _main_fire(engine, c) -> None:
    engine.containers.wake(c)


restartmanager.KINDS["process"] = (_main_due, _main_fire)


def default_host_config(**kw) -> dict:
    hc = {
        "Binds": None, "ContainerIDFile": "", "LogConfig": {"Type": "json-file", "Config": {}},
        "NetworkMode": "none", "PortBindings": {}, "RestartPolicy": {"Name": "no", "MaximumRetryCount": 0},
        "AutoRemove": False, "VolumeDriver": "", "VolumesFrom": None, "ConsoleSize": [0, 0],
        "CapAdd": None, "CapDrop": None, "CgroupnsMode": "private", "Dns": [], "DnsOptions": [],
        "DnsSearch": [], "ExtraHosts": None, "GroupAdd": None, "IpcMode": "private", "Cgroup": "",
        "Links": None, "OomScoreAdj": 0, "PidMode": "", "Privileged": False,
        "PublishAllPorts": False, "ReadonlyRootfs": False, "SecurityOpt": None, "UTSMode": "",
        "UsernsMode": "", "ShmSize": 67108864, "Runtime": "runc", "Isolation": "",
        "CpuShares": 0, "Memory": 0, "NanoCpus": 0, "CgroupParent": "", "BlkioWeight": 0,
        "BlkioWeightDevice": [], "BlkioDeviceReadBps": [], "BlkioDeviceWriteBps": [],
        "BlkioDeviceReadIOps": [], "BlkioDeviceWriteIOps": [], "CpuPeriod": 0, "CpuQuota": 0,
        "CpuRealtimePeriod": 0, "CpuRealtimeRuntime": 0, "CpusetCpus": "", "CpusetMems": "",
        "Devices": [], "DeviceCgroupRules": None, "DeviceRequests": None, "MemoryReservation": 0,
        "MemorySwap": 0, "MemorySwappiness": None, "OomKillDisable": None, "PidsLimit": None,
        "Ulimits": [], "CpuCount": 0, "CpuPercent": 0, "IOMaximumIOps": 0,
        "IOMaximumBandwidth": 0, "Mounts": None, "Tmpfs": None,
        "MaskedPaths": ["/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore",
                        "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
                        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware",
                        "/sys/devices/virtual/powercap"],
        "ReadonlyPaths": ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"],
    }
    hc.update(kw)
    return hc


#: the fields of Docker's container Config, in their JSON order (api/types/container.Config)
CONFIG_ORDER = ["Hostname", "Domainname", "User", "AttachStdin", "AttachStdout", "AttachStderr",
                "ExposedPorts", "Tty", "OpenStdin", "StdinOnce", "Env", "Cmd", "Healthcheck",
                "ArgsEscaped", "Image", "Volumes", "WorkingDir", "Entrypoint", "OnBuild",
                "Labels", "StopSignal", "StopTimeout", "Shell"]


def container_config(**kw) -> dict:
    """Docker's container Config, in its JSON field order, the fields it always writes filled
    with their zero values."""
    cfg = {"Hostname": "", "Domainname": "", "User": "", "AttachStdin": False,
           "AttachStdout": False, "AttachStderr": False, "Tty": False, "OpenStdin": False,
           "StdinOnce": False, "Env": None, "Cmd": None, "Image": "", "Volumes": None,
           "WorkingDir": "", "Entrypoint": None, "OnBuild": None, "Labels": {}}
    cfg.update(kw)
    # ExposedPorts, Volumes and Labels are Go maps: encoding/json writes their keys sorted
    for k in ("ExposedPorts", "Volumes", "Labels"):
        if isinstance(cfg.get(k), dict):
            cfg[k] = dict(sorted(cfg[k].items()))
    return {k: cfg[k] for k in CONFIG_ORDER if k in cfg}


def merge_config(user: dict, image: dict) -> dict:
    """moby's ``merge(userConf, imageConf)``: what a container inherits from its image."""
    u = dict(user)
    if not u.get("User"):
        u["User"] = image.get("User", "")
    if not u.get("ExposedPorts") and image.get("ExposedPorts"):
        u["ExposedPorts"] = image["ExposedPorts"]
    if not u.get("Env"):
        u["Env"] = list(image.get("Env") or []) or None
    else:
        env = list(u["Env"])
        keys = {e.split("=", 1)[0] for e in env}
        for e in image.get("Env") or []:
            if e.split("=", 1)[0] not in keys:
                env.append(e)
        u["Env"] = env
    labels = dict(u.get("Labels") or {})
    for k, v in (image.get("Labels") or {}).items():
        labels.setdefault(k, v)
    u["Labels"] = labels
    if not u.get("Entrypoint"):
        if not u.get("Cmd"):
            u["Cmd"] = image.get("Cmd")
        if u.get("Entrypoint") is None:
            u["Entrypoint"] = image.get("Entrypoint")
    if image.get("Healthcheck"):
        if not u.get("Healthcheck"):
            u["Healthcheck"] = image["Healthcheck"]
        else:                       # each zero field of the user's healthcheck from the image's
            u["Healthcheck"] = {**{k: v for k, v in image["Healthcheck"].items() if v},
                                **{k: v for k, v in u["Healthcheck"].items() if v}}
    if not u.get("WorkingDir"):
        u["WorkingDir"] = image.get("WorkingDir", "")
    vols = dict(image.get("Volumes") or {})
    vols.update(u.get("Volumes") or {})
    u["Volumes"] = vols or None
    if not u.get("StopSignal") and image.get("StopSignal"):
        u["StopSignal"] = image["StopSignal"]
    if u.get("Entrypoint") == [""]:
        u["Entrypoint"] = None
    return u


class ContainerService:
    def __init__(self, engine):
        self.engine = engine
        self.store = engine.container_store
        self.layers = engine.layer_store
        self._pids = 1000

    # ---------------------------------------------------------------- create
    def create(self, config: dict, host_config: dict | None = None, name: str | None = None) -> Container:
        """``POST /containers/create``.  Nothing is left behind if it fails."""
        eng = self.engine
        image_ref = config.get("Image", "")
        img = eng.images.get(image_ref)
        wd = config.get("WorkingDir") or ""
        if wd and not wd.startswith("/"):     # moby daemon/container.go verifyContainerSettings
            raise InvalidParameter(f"the working directory '{wd}' is invalid, it needs to be "
                                   "an absolute path")
        if config.get("StopSignal"):          # (and the same for the stop signal)
            try:
                parse_signal(config["StopSignal"])
            except ValueError as e:
                raise InvalidParameter(str(e)) from None
        full_name = self.store.reserve_name(name)
        merged = merge_config(config, img.container_config)
        entry = list(merged.get("Entrypoint") or [])
        cmd = list(merged.get("Cmd") or [])
        argv = entry + cmd
        hc = default_host_config(**(host_config or {}))
        cid = eng.ids.hex64()
        # moby validateHostConfig (daemon/container.go): AutoRemove with a policy, the
        # mounts, then the restart policy; all before the command (mergeAndVerifyConfig): a
        # bad --mount is reported first, as the engine here shows
        if hc.get("AutoRemove") and not restartmanager.is_none(hc.get("RestartPolicy") or {}):
            raise InvalidParameter("can't create 'AutoRemove' container with restart policy")
        eng.volumes.validate_api_mounts(hc)
        restartmanager.validate_restart_policy(hc.get("RestartPolicy") or {})
        health.validate(config.get("Healthcheck"))
        if not argv:
            raise InvalidParameter("no command specified")
        merged["Hostname"] = merged.get("Hostname") or cid[:12]
        cfg = container_config(**merged)
        # Volumes and bind mounts are resolved before anything is written, so a bad spec
        # leaves no container behind.
        plan = eng.plan_mounts(cfg, hc, img)
        rw = self.layers.create_rw(cid, img.top, init=setup_init_layer)
        now = eng.clock.now()
        c = Container(id=cid, name=full_name, created=now, image_id=img.id, config=cfg,
                      host_config=hc, path=argv[0], args=argv[1:], rw=rw, driver=eng.driver.name)
        try:
            eng.apply_mounts(c, plan)
        except Exception:
            self.layers.remove_rw(rw)
            raise
        self.store.add(c)
        self.store.write_files(c, {})
        return c

    # ---------------------------------------------------------------- start / run
    def start(self, ref: str, detached: bool = True, stdin: bytes = b"",
              reset_restart_manager: bool = True) -> ProcessResult:
        """``containerStart``: a user's start (and a daemon start's) resets the restart
        manager, RestartCount and HasBeenManuallyStopped; a restart policy's does not."""
        c = self.store.get(ref)
        if c.state.running:
            return ProcessResult(0, [], running=True)
        eng = self.engine
        if reset_restart_manager:
            restartmanager.reset(c, reset_count=True)
            c.has_been_manually_stopped = False
        rootfs = self.layers.mount(c.rw)
        wd = c.config.get("WorkingDir") or "/"
        try:
            ns = build_namespace(eng, c, rootfs)
            if c.config.get("WorkingDir"):
                if ns.exists(wd) and not ns.isdir(wd):
                    raise DaemonError(f"Cannot mkdir: {wd} is not a directory")
                if not ns.exists(wd):
                    # the daemon makes it in the container's layer, before any read-only mount
                    (rootfs if c.host_config.get("ReadonlyRootfs") else ns).mkdir(wd, parents=True)
            passwd_lookup(ns, c.config.get("User", ""))
        except (DaemonError, FSError) as e:
            self.layers.unmount(c.rw)
            msg = e.message if isinstance(e, DaemonError) else f"Cannot mkdir: {wd}: {e.message}"
            c.state.error = msg
            # the daemon's own checks (working dir) leave 128; what runc reports is classified
            c.state.exit_code = 128 if msg.startswith("Cannot mkdir") else start_exit_code(msg)
            self.store.write_files(c, {})
            raise DaemonError(msg) from None
        self._pids += 1
        c.state = State(status="running", pid=self._pids, started_at=eng.clock.now())
        c.has_been_started = True
        c.process = ns
        before = copy.deepcopy(c.health)
        health.init_monitor(eng, c)                 # (containerStart: initHealthMonitor)
        try:
            res = run_process(eng, c, ns, [c.path] + list(c.args), c.config.get("Env") or [],
                              wd, c.config.get("User", ""), detached=detached, stdin=stdin,
                              tty=bool(c.config.get("Tty")), pid=1,
                              interactive=bool(c.config.get("OpenStdin")))
        except ExecError as e:
            c.state = State(status="created", exit_code=e.exit_code, error=e.message)
            c.process, c.health = None, before      # (no monitor: the start failed)
            self.layers.unmount(c.rw)
            self.store.write_files(c, {})
            raise
        self._log(c, res.events)
        if res.process is not None:
            _MAIN[c] = res.process
            restartmanager.set_timer(eng, c, "process")
        if not res.running:
            self._exited(c, res.exit_code)
        else:
            self.store.write_files(c, {})
        return res

    def _log(self, c: Container, events) -> None:
        for fd, data in events:
            self.store.append_log(c, "stdout" if fd == 1 else "stderr",
                                  data if isinstance(data, (bytes, bytearray)) else data.read(0, 1 << 20),
                                  self.engine.clock.now())

    def wake(self, c: Container) -> None:
        """The main process's sleep is over (its timer fired): it runs on, to its next sleep
        (the timer set again) or to its end (handleContainerExit)."""
        proc = _MAIN.get(c)
        if proc is None or c.state.status != "running":
            return
        res = proc.resume(self.engine.clock)
        self._log(c, proc.new_events())
        if res is None:
            restartmanager.set_timer(self.engine, c, "process")
            return
        _MAIN.pop(c, None)
        if not res.running:                         # (else: it now blocks for good)
            self._exited(c, res.exit_code)

    def _end_process(self, c: Container) -> None:
        """The main process is gone (it ended, or was killed in its sleep); the health
        monitor stops."""
        proc = _MAIN.pop(c, None)
        if proc is not None:
            proc.kill()
        health.stop_monitor(c)

    def _exited(self, c: Container, code: int) -> None:
        """handleContainerExit (moby daemon/monitor.go): the main process ended; the
        restart manager decides between restarting (after its delay) and stopped."""
        eng = self.engine
        started = c.state.started_at or 0.0
        c.state.exit_code = code
        c.state.pid = 0
        c.state.finished_at = eng.clock.now()
        c.process = None
        self._end_process(c)
        eng.release_tmpfs(c)                        # daemon.Cleanup
        self.layers.unmount(c.rw)
        rm = restartmanager.manager(c)
        manual = c.has_been_manually_stopped or eng.shutting_down
        if rm.should_restart(code, manual, c.state.finished_at - started):
            c.restart_count += 1
            c.state.status = "restarting"           # SetRestarting
            restartmanager.schedule(eng, c, c.state.finished_at + rm.timeout)
            self.store.write_files(c, {})
            return
        c.state.status = "exited"                   # SetStopped
        self.store.write_files(c, {})
        if c.host_config.get("AutoRemove"):
            self.remove(c.id, force=True, volumes=True)

    def set_stopped(self, c: Container, code: int, exited_at: float | None = None) -> None:
        """SetStopped (container/state.go) of a container whose process is gone, with no
        restart decision: FinishedAt is the exit's time, or now when there is none (a
        process containerd lost); a restarting container was cleaned up at its exit."""
        if not c.state.restarting:
            self.engine.release_tmpfs(c)            # daemon.Cleanup
            self.layers.unmount(c.rw)
        c.state.status = "exited"
        c.state.exit_code = code
        c.state.pid = 0
        c.state.finished_at = self.engine.clock.now() if exited_at is None else exited_at
        c.process = None
        self._end_process(c)
        self.store.write_files(c, {})

    def restart_by_policy(self, c: Container) -> None:
        """The restart manager's timer fired (the goroutine in handleContainerExit):
        ``containerStart`` without resetting the manager; a start that fails leaves the
        container stopped with its last exit status (and removes a --rm one)."""
        if not c.state.restarting or c.id not in self.store.containers:
            return
        code = c.state.exit_code
        c.state.status = "exited"
        try:
            self.start(c.id, detached=True, reset_restart_manager=False)
        except (DaemonError, ExecError):
            c.state.status, c.state.exit_code = "exited", code
            self.store.write_files(c, {})
            if c.host_config.get("AutoRemove") and c.id in self.store.containers:
                self.remove(c.id, force=True, volumes=True)

    # ---------------------------------------------------------------- update
    def update(self, ref: str, restart_policy: dict) -> Container:
        """``POST /containers/{id}/update`` with a restart policy (moby daemon/update.go):
        checked first (verifyContainerSettings), then set unless its name is empty
        (container.UpdateContainer), and given to the restart manager (UpdateMonitor): a
        container's next exit follows the new policy."""
        restartmanager.validate_restart_policy(restart_policy)
        c = self.store.get(ref)
        if not restart_policy.get("Name"):
            return c
        if c.host_config.get("AutoRemove") and not restartmanager.is_none(restart_policy):
            raise Conflict(f"Cannot update container {c.id}: Restart policy cannot be updated "
                           "because AutoRemove is enabled for the container")
        c.host_config["RestartPolicy"] = {"Name": restart_policy["Name"],
                                          "MaximumRetryCount": restart_policy.get("MaximumRetryCount", 0)}
        restartmanager.manager(c).policy = dict(c.host_config["RestartPolicy"])
        self.store.write_files(c, {})
        return c

    # ---------------------------------------------------------------- exec
    def exec(self, ref: str, argv: list[str], env: list[str] | None = None, workdir: str = "",
             user: str = "", detached: bool = False, stdin: bytes = b"", tty: bool = False,
             time_limit: float | None = None) -> ProcessResult:
        c = self.store.get(ref)
        if not c.state.running:
            raise Conflict(f"Container {c.id} is not running")
        if c.state.restarting:                      # daemon/exec.go getActiveContainer
            raise Conflict(f"Container {c.id} is restarting, wait until the container is running")
        ns = c.process
        bad_cwd = cwd_error(ns, workdir) if workdir else None   # runc's chdir (run -w creates it)
        if bad_cwd:
            raise exec_failure(bad_cwd)
        cenv = list(c.config.get("Env") or [])
        keys = {e.split("=", 1)[0] for e in (env or [])}
        full_env = [e for e in cenv if e.split("=", 1)[0] not in keys] + list(env or [])
        self._pids += 1
        try:
            return run_process(self.engine, c, ns, argv, full_env,
                               workdir or c.config.get("WorkingDir") or "/",
                               user or c.config.get("User", ""), detached=detached, stdin=stdin,
                               tty=tty, pid=self._pids, time_limit=time_limit)
        except ExecError as e:
            raise exec_failure(e) from None

    # ---------------------------------------------------------------- stop / kill
    def stop(self, ref: str, timeout: int | None = None, signal: str | None = None) -> Container:
        """``POST /containers/{id}/stop``: the container's stop signal (or ``signal``), then
        SIGKILL after ``timeout`` seconds if PID 1 does not exit."""
        c = self.store.get(ref)
        if not c.state.running:
            return c
        if self._cancel_restarts(c):
            return c
        t = STOP_TIMEOUT if timeout is None else timeout
        raw = signal or c.config.get("StopSignal") or "SIGTERM"
        try:
            n = parse_signal(raw)
        except ValueError as e:
            raise InvalidParameter(str(e)) from None
        signal = next((f"SIG{k}" for k, v in SIGNALS.items() if v == n), raw)
        if self._handles(c, signal):
            self._exited(c, 0)
        elif n == 9:
            # SIGKILL is not a signal PID 1 can ignore: it dies at once (moby daemon/stop.go
            # sends the stop signal, then waits for the exit), exit status 128 + 9
            self._exited(c, 137)
        elif not self._run_until_exit(c, self.engine.clock.peek() + t):
            # PID 1 ignores a signal it installed no handler for: the stop times out and
            # the container is killed (exit status 128 + 9), unless its process ends by
            # itself first (a sleep that is over before the timeout)
            self.engine.clock.advance(t)
            self._exited(c, 137)
        return c

    def _run_until_exit(self, c: Container, until: float | None = None) -> bool:
        """Let simulated time pass (the daemon's timers firing in time order, as the host's
        ``sleep`` does) until ``c``'s main process exits (True), or until ``until`` or
        never (False: nothing of its own is due to end it: a process that never ends by
        itself).  An exit is a new FinishedAt (a start clears it).  On a wall clock the
        time passes for real, as the engine's client blocks (no timer fires ahead of it)."""
        eng = self.engine
        finished = c.state.finished_at

        def exited():
            return c.state.finished_at is not None and c.state.finished_at != finished
        for _ in range(restartmanager.MAX_FIRINGS):
            if exited():
                return True
            due = restartmanager.next_due(eng, c, kinds=("process", "restart"))
            if due is None or (until is not None and due > until):
                return False
            if not eng.clock.fixed:
                time.sleep(max(0.0, due - eng.clock.peek()))
            restartmanager.fire_due(eng, until=due)
        return exited()

    def _cancel_restarts(self, c: Container, exit_on_next: bool = True) -> bool:
        """killWithSignal (moby daemon/kill.go): the container's stop signal (or SIGKILL, or
        any signal when it names none) cancels the restart manager (ExitOnNext); any
        signal marks the container manually stopped (not while the daemon shuts down).  A
        container waiting for its restart gets no signal: cancelled, it stops there with
        its last exit status.  Returns whether it was restarting."""
        if exit_on_next:
            restartmanager.manager(c).cancel()
        if not self.engine.shutting_down:
            c.has_been_manually_stopped = True
        if c.state.restarting:
            if exit_on_next:                        # the wait ends: SetStopped(last exit)
                self.set_stopped(c, c.state.exit_code, exited_at=c.state.finished_at)
            return True
        return False

    @staticmethod
    def _handles(c: Container, signal: str) -> bool:
        prog = c.path.rsplit("/", 1)[-1]
        return prog in ("nginx", "docker-entrypoint.sh") and signal in ("SIGQUIT", "SIGTERM")

    def kill(self, ref: str, signal: str = "KILL") -> Container:
        """``POST /containers/{id}/kill`` (moby daemon/kill.go): the signal is parsed before
        the container is looked up."""
        try:
            n = parse_signal(signal)
        except ValueError as e:
            raise InvalidParameter(str(e)) from None
        c = self.store.get(ref)
        if not c.state.running:
            raise Conflict(f"Cannot kill container: {ref}: Container {c.id} is not running")
        stop_signal = c.config.get("StopSignal") or ""
        try:
            stop_n = parse_signal(stop_signal) if stop_signal else None
        except ValueError:
            stop_n = None
        if self._cancel_restarts(c, exit_on_next=not stop_signal or n == 9 or stop_n == n):
            return c
        # any other signal PID 1 ignores unless it installed a handler (moby/sys/signal names)
        name = next((f"SIG{k}" for k, v in SIGNALS.items() if v == n), "")
        if n == 9 or self._handles(c, name):
            self._exited(c, 128 + n if n == 9 else 0)
        return c

    # ---------------------------------------------------------------- remove
    def remove(self, ref: str, force: bool = False, volumes: bool = False) -> None:
        c = self.store.get(ref)
        if c.state.restarting and not force:        # container/state.go IsRemovable…
            raise Conflict(f"You cannot remove a restarting container {c.id}. Stop the "
                           "container before attempting removal or force remove")
        if c.state.running:
            if not force:
                raise Conflict(f'cannot remove container "{c.name}": container is running: '
                               "stop the container before removing or force remove")
            self.kill(c.id)
            if c.id not in self.store.containers:
                return
        eng = self.engine
        c.state.status = "removing"
        self.layers.remove_rw(c.rw)
        self.store.remove(c)
        eng.detach_volumes(c, remove_anonymous=volumes)

    #: daemon/prune.go containersAcceptedFilters
    PRUNE_FILTERS = ("label", "label!", "until")

    def prune(self, filters: Args | None = None) -> tuple[list[str], int]:
        """``POST /containers/prune`` (daemon/prune.go ContainersPrune): every container
        that is not running, created before ``until`` and matching the label filters."""
        args = filters or Args()
        args.validate(self.PRUNE_FILTERS)
        until = prune_until(args, self.engine.clock.peek())
        gone, space = [], 0
        for c in list(self.store):
            if c.state.running:
                continue
            if until is not None and c.created > until:
                continue
            if not match_labels(args, c.config.get("Labels")):
                continue
            space += self.layers.rw_size(c.rw)
            self.remove(c.id, volumes=False)
            gone.append(c.id)
        return gone, space

    # ---------------------------------------------------------------- rename / wait
    def rename(self, old: str, new: str) -> Container:
        """``POST /containers/{id}/rename`` (daemon/rename.go ContainerRename): the name is
        reserved first, then the old one released; config.v2.json is written again."""
        if not old or not new:
            raise InvalidParameter("Neither old nor new names may be empty")
        c = self.store.get(old)
        if not new.startswith("/"):
            new = "/" + new
        if c.name == new:
            raise InvalidParameter("Renaming a container with the same name as its current name")
        try:
            new = self.store.reserve_name(new)
        except DaemonError as e:
            raise type(e)(f"Error when allocating new name: {e.message}") from None
        self.store.rename(c, new)
        self.store.write_files(c, {})
        return c

    def wait(self, ref: str) -> int:
        """``POST /containers/{id}/wait`` with the CLI's condition, ``not-running``: the exit
        code of a container that is not running (a created one: 0); a running one's at its
        next exit (State.Wait: SetStopped and SetRestarting both wake the waiters), simulated
        time moving on to it.  One that never exits by itself: :class:`StillRunning`."""
        c = self.check_wait(ref)
        if c.state.running:
            if not self._run_until_exit(c):
                raise StillRunning(c, endless=c.state.running and restartmanager.next_due(
                    self.engine, c, kinds=("process", "restart")) is None)
        return c.state.exit_code

    def check_wait(self, ref: str) -> Container:
        """The container ``wait`` would wait for; :class:`StillRunning` when it runs and
        nothing of its own is due to end it (a process that never ends by itself)."""
        c = self.store.get(ref)
        if c.state.running and restartmanager.next_due(
                self.engine, c, kinds=("process", "restart")) is None:
            raise StillRunning(c)
        return c

    # ---------------------------------------------------------------- inspection
    def changes(self, ref: str) -> list[tuple[str, str]]:
        c = self.store.get(ref)
        return self.layers.changes(c.rw)

    def size_rw(self, c: Container) -> int:
        return self.layers.rw_size(c.rw)

    def size_rootfs(self, c: Container) -> int:
        img = self.engine.image_store.get(c.image_id)
        return (img.size if img else 0) + self.size_rw(c)

    def inspect(self, ref: str, size: bool = False) -> dict:
        c = self.store.get(ref)
        d = c.dir
        gd = dict(self.engine.driver.metadata(c.rw.mount_id))
        # moby daemon/inspect.go: with a snapshotter, Storage.RootFS.Snapshot names it and
        # GraphDriver is left out ("additional information only applies to graphDrivers")
        storage = (("Storage", {"RootFS": {"Snapshot": {"Name": c.driver}}})
                   if self.engine.uses_snapshotter else
                   ("GraphDriver", {"Data": _order_graph(gd), "Name": c.driver}))
        out = {
            "Id": c.id,
            "Created": rfc3339(c.created),
            "Path": c.path,
            "Args": c.args,
            # (types.ContainerState: Health is a pointer, omitempty: `{{json .State.Health}}`
            # is null on the typed struct, the JSON leaves it out)
            "State": GoStruct("types.ContainerState", {
                **c.state.to_json(),
                "Health": c.health.to_json() if c.health is not None else GoNil("*types.Health")},
                omitempty=("Health",)),
            "Image": c.image_id,
            "ResolvConfPath": f"{d}/resolv.conf",
            "HostnamePath": f"{d}/hostname",
            "HostsPath": f"{d}/hosts",
            "LogPath": f"{d}/{c.id}-json.log",
            "Name": c.name,
            "RestartCount": c.restart_count,
            "Driver": c.driver,
            "Platform": "linux",
            "MountLabel": "",
            "ProcessLabel": "",
            "AppArmorProfile": "",
            "ExecIDs": None,
            "HostConfig": c.host_config,
            storage[0]: storage[1],
        }
        if size:
            out["SizeRw"] = self.size_rw(c)
            out["SizeRootFs"] = self.size_rootfs(c)
        out["Mounts"] = self.engine.inspect_mounts(c)
        out["Config"] = c.config
        from ..container import network_settings
        out["NetworkSettings"] = network_settings(c)
        return out

    def logs(self, ref: str) -> list[tuple[float, str, bytes]]:
        return list(self.store.get(ref).log)

    # ---------------------------------------------------------------- commit
    def commit(self, ref: str, repo_tag: str | None = None, author: str = "", message: str = "",
               changes: list[str] | None = None, pause: bool = True) -> Image:
        eng = self.engine
        c = self.store.get(ref)
        img = eng.image_store.get(c.image_id)
        target = None
        if repo_tag:
            try:
                target = parse(repo_tag).with_default_tag()
            except ReferenceError as e:
                raise InvalidParameter(str(e)) from None
        # daemon/commit.go: BuildFromConfig on the container's config, then merge with it
        # (before anything is written: a bad change leaves no layer behind)
        cfg = copy.deepcopy(c.config)
        if changes:
            cfg = container_config(**merge_config(build_from_config(c.config, changes), c.config))
        tree = self.layers.rw_tree(c.rw)
        layer = self.layers.register(tree, img.top)
        from ..archive import EMPTY_TAR_DIGEST
        empty = layer.diff_id == EMPTY_TAR_DIGEST
        now = eng.clock.now()
        history = list(img.history) + [{
            "created": rfc3339(now), **({"author": author} if author else {}),
            "created_by": " ".join(c.config.get("Cmd") or []),
            **({"comment": message} if message else {}), **({"empty_layer": True} if empty else {})}]
        diff_ids = [l.diff_id for l in img.layers] + ([] if empty else [layer.diff_id])
        config = {
            "architecture": "amd64", **({"author": author} if author else {}),
            **({"comment": message} if message else {}),
            "config": cfg, "container": c.id, "container_config": copy.deepcopy(c.config),
            "created": rfc3339(now), "docker_version": eng.VERSION,
            "history": history, "os": "linux",
            "rootfs": {"type": "layers", "diff_ids": diff_ids},
        }
        top = img.top
        if empty:
            self.layers.release(layer)
            self.layers.retain(top)
        else:
            top = layer
        new = eng.image_store.create(config, top, parent=img.id)
        if target is not None:
            eng.images.tag_image(new, target)
        return new

    # ---------------------------------------------------------------- list
    def list(self, all: bool = False, filters: Args | None = None, limit: int = -1) -> list[Container]:
        """``GET /containers/json`` (daemon/container_list.py): newest first."""
        if not filters and limit <= 0:
            return [c for c in self.store if all or c.state.running]
        return list_containers(self.engine, filters or Args(), all=all, limit=limit)

    # ---------------------------------------------------------------- docker cp
    def view(self, c: Container) -> tuple[FileSystem, bool]:
        """The container's filesystem for ``docker cp``: mounted while it runs, else mounted
        for the copy (returns whether we mounted it)."""
        if c.state.running and c.process is not None:
            return c.process, False
        rootfs = self.layers.mount(c.rw)
        return build_namespace(self.engine, c, rootfs), True

    def copy_owner(self, c: Container, copy_uid_gid: bool) -> tuple[int, int] | None:
        """Whom files copied into ``c`` belong to (moby daemon/archive_tarcopyoptions_unix.go):
        None keeps the owners the archive names (the client's files' own); with ``cp -a`` and a
        container User, that user as the Docker host's passwd (os/user.Lookup) names it."""
        user = c.config.get("User") or ""
        if not copy_uid_gid or not user:
            return None
        try:
            lines = self.engine.host.fs.read_text("/etc/passwd").splitlines()
        except FSError:
            lines = []
        for line in lines:
            f = line.split(":")
            if len(f) > 3 and f[0] == user:
                return int(f[2]), int(f[3])
        raise DaemonError(f"user: unknown user {user}")

    def check_extract_to(self, c: Container, folder: str) -> None:
        """moby daemon/archive.go extractToDir: a copy into a read-only mount, or into the
        root filesystem of a ``--read-only`` container, is refused before anything is
        written (checkIfPathIsInAVolume, ErrVolumeReadonly)."""
        for mp in self.engine.mount_points(c):
            dest = mp.destination.rstrip("/")
            if folder == mp.destination or folder.startswith(dest + "/"):
                if not mp.rw:
                    raise InvalidParameter("mounted volume is marked read-only")
                return
        if c.host_config.get("ReadonlyRootfs"):
            raise InvalidParameter("container rootfs is marked read-only")

    def release_view(self, c: Container, mounted: bool) -> None:
        if mounted:
            self.layers.unmount(c.rw)


def start_exit_code(message: str) -> int:
    """The exit code a container that failed to start keeps (moby daemon/errors.go
    setExitCodeFromError): 126 when the command could not be invoked, 127 when something was
    not found (a missing file, or a folder mounted on a file: ENOTDIR), 128 otherwise."""
    low = message.lower()
    if "permission denied" in low:
        return 126
    if any(s in low for s in ("executable file not found", "no such file or directory",
                              "not a directory", "system cannot find the file specified")):
        return 127
    return 128


def _order_graph(gd: dict) -> dict:
    return {k: gd[k] for k in ("LowerDir", "MergedDir", "UpperDir", "WorkDir") if k in gd}


def setup_init_layer(fs: FileSystem) -> None:
    """moby daemon/initlayer: what every container gets under its own layer."""
    for path, kind in [("/dev/pts", "dir"), ("/dev/shm", "dir"), ("/proc", "dir"),
                       ("/sys", "dir"), ("/.dockerenv", "file"), ("/etc/resolv.conf", "file"),
                       ("/etc/hosts", "file"), ("/etc/hostname", "file"),
                       ("/dev/console", "file"), ("/etc/mtab", "/proc/mounts")]:
        if fs.exists(path, follow=False):
            continue
        parent = path.rsplit("/", 1)[0] or "/"
        if not fs.exists(parent):
            fs.mkdir(parent, mode=0o755, parents=True)
        if kind == "dir":
            fs.mkdir(path, mode=0o755, parents=True)
        elif kind == "file":
            fs.write(path, b"", mode=0o755)
        else:
            fs.symlink(kind, path)
