"""dockerd as systemd runs it on the host: ``docker.service`` and ``docker.socket`` (the
units docker-ce installs on Debian and Ubuntu: moby ``contrib/init/systemd``).

* ``systemctl stop docker`` stops the daemon: running containers are stopped as at
  shutdown; the socket stays active, so systemd warns that the service "can still be
  activated" and the next ``docker`` command starts the daemon again (socket activation).
  With ``docker.socket`` stopped too, the client answers ``Cannot connect to the Docker
  daemon at unix:///var/run/docker.sock. Is the docker daemon running?``.
* ``systemctl start docker`` (or socket activation) reads ``/etc/docker/daemon.json``
  (moby ``daemon/config.MergeDaemonConfigurations``): a JSON error or an unknown key makes
  dockerd exit and the job fail; ``storage-driver`` chooses the driver, and with it the
  images, layers, containers and build cache that dockerd loads (a driver's images live in
  /var/lib/docker/image/<driver>/; containers made with another driver are skipped at
  restore, ``daemon.restore``: "not restoring container because it was created with another
  storage driver").  Volumes belong to no driver.
* ``live-restore`` (moby daemon.Shutdown, daemon.restore): with it, stopping dockerd
  leaves the running containers running (containerd keeps them), and the next start
  finds them alive; without it, the shutdown stops them (not as a user's stop: an
  ``unless-stopped`` container comes back).  Either way the start applies the restart
  policies (daemon/restartmanager.restore).  A container waiting for a policy's restart
  when dockerd stops has no process for containerd to keep: it comes back stopped, and
  its policy decides.
* Other daemon.json keys dockerd knows are refused in one line (not simulated).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..clock import rfc3339
from ..golang.json import syntax_error_text

DAEMON_JSON = "/etc/docker/daemon.json"
SOCKET = "unix:///var/run/docker.sock"
CANNOT_CONNECT = (f"Cannot connect to the Docker daemon at {SOCKET}. "
                  "Is the docker daemon running?")
UNIT_DESC = "Docker Application Container Engine"
EXEC_START = "/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock"
COMMIT = "e6534b4"                        # docker 28.2.2's git commit, as dockerd logs it

# daemon.json keys of dockerd (docker/docs: reference/cli/dockerd.md, "Daemon configuration
# file"); only those in SIMULATED change anything here.
KNOWN_KEYS = {
    "allow-nondistributable-artifacts", "api-cors-header", "authorization-plugins", "bip",
    "bip6", "bridge", "builder", "cdi-spec-dirs", "cgroup-parent", "containerd",
    "containerd-namespace", "containerd-plugins-namespace", "data-root", "debug",
    "default-address-pools", "default-cgroupns-mode", "default-gateway", "default-gateway-v6",
    "default-ipc-mode", "default-network-opts", "default-runtime", "default-shm-size",
    "default-ulimits", "dns", "dns-opts", "dns-search", "exec-opts", "exec-root",
    "experimental", "features", "fixed-cidr", "fixed-cidr-v6", "group", "host-gateway-ip",
    "hosts", "icc", "init", "init-path", "insecure-registries", "ip", "ip-forward",
    "ip-masq", "iptables", "ip6tables", "ipv6", "labels", "live-restore", "log-driver",
    "log-format", "log-level", "log-opts", "max-concurrent-downloads",
    "max-concurrent-uploads", "max-download-attempts", "mtu", "no-new-privileges",
    "node-generic-resources", "oom-score-adjust", "pidfile", "raw-logs", "registry-mirrors",
    "runtimes", "seccomp-profile", "selinux-enabled", "shutdown-timeout", "storage-driver",
    "storage-opts", "swarm-default-advertise-addr", "tls", "tlscacert", "tlscert", "tlskey",
    "tlsverify", "userland-proxy", "userland-proxy-path", "userns-remap",
}
SIMULATED = {"storage-driver", "features", "live-restore"}
# "features" keys simulated: containerd-snapshotter chooses the image store (docker/docs
# engine/storage/containerd.md; moby daemon/config: features["containerd-snapshotter"])
FEATURES = {"containerd-snapshotter"}


class StartError(Exception):
    """dockerd exited at start; ``message`` is what it logged."""


@dataclass
class Unit:
    active: bool = True
    failed: bool = False
    since: float = 0.0
    pid: int = 0
    journal: list = field(default_factory=list)


class DaemonService:
    """docker.service and docker.socket of the simulated host."""

    live_restore = False          # daemon.json "live-restore", as the running dockerd read it

    def __init__(self, engine):
        self.engine = engine
        now = engine.clock.peek()
        self._pids = 800
        # what dockerd uses when daemon.json names no driver: the engine's first one
        # (``%dockstore reset --storage-driver vfs`` is a host set up for vfs)
        self.default_driver = engine.driver.name
        self.default_snapshotter = engine.uses_snapshotter
        self.service = Unit(active=True, since=now, pid=self._next_pid())
        self.socket = Unit(active=True, since=now)
        self._log_started()

    def _next_pid(self) -> int:
        self._pids += 37
        return self._pids

    # ------------------------------------------------------------ the journal
    def _log(self, who: str, text: str) -> None:
        self.service.journal.append((self.engine.clock.peek(), who, text))

    def _dockerd(self, level: str, msg: str, **kw) -> None:
        extra = "".join(f" {k.replace('_', '-')}={v}" for k, v in kw.items())
        t = rfc3339(self.engine.clock.peek())
        self._log(f"dockerd[{self.service.pid}]", f'time="{t}" level={level} msg="{msg}"{extra}')

    def _log_started(self) -> None:
        self._log("systemd[1]", f"Starting docker.service - {UNIT_DESC}...")
        self._dockerd("info", "Loading containers: done.")
        self._dockerd("info", "Docker daemon", commit=COMMIT,
                      containerd_snapshotter=str(self.engine.uses_snapshotter).lower(),
                      storage_driver=self.engine.driver.name, version=self.engine.VERSION)
        self._dockerd("info", "Daemon has completed initialization")
        self._dockerd("info", "API listen on /run/docker.sock")
        self._log("systemd[1]", f"Started docker.service - {UNIT_DESC}.")

    # ------------------------------------------------------------ dockerd
    def read_config(self) -> dict:
        """/etc/docker/daemon.json as dockerd reads it at start; StartError if it would exit."""
        fs = self.engine.host.fs
        if not fs.exists(DAEMON_JSON):
            return {}
        text = fs.read_text(DAEMON_JSON)
        prefix = f"unable to configure the Docker daemon with file {DAEMON_JSON}: "
        if not text.strip():
            return {}
        try:
            conf = json.loads(text)
        except json.JSONDecodeError as e:
            raise StartError(prefix + syntax_error_text(text, e)) from None
        if not isinstance(conf, dict):
            raise StartError(prefix + "json: cannot unmarshal " + _go_type(conf)
                             + " into Go value of type map[string]interface {}")
        unknown = sorted(k for k in conf if k not in KNOWN_KEYS)
        if unknown:
            raise StartError(prefix + "the following directives don't match any configuration "
                             "option: " + ", ".join(unknown))
        unsimulated = sorted(k for k in conf if k not in SIMULATED)
        if unsimulated:
            raise StartError("dockstore-magic: daemon.json " + ", ".join(f'"{k}"' for k in unsimulated)
                             + " is not simulated")
        return conf

    def _start_daemon(self) -> None:
        from ..drivers import DriverError
        conf = self.read_config()
        features = conf.get("features", {})
        if not isinstance(features, dict) or not all(isinstance(v, bool) for v in features.values()):
            raise StartError(f"unable to configure the Docker daemon with file {DAEMON_JSON}: "
                             "json: cannot unmarshal " + _go_type(features if not isinstance(features, dict)
                                                                  else next(v for v in features.values() if not isinstance(v, bool)))
                             + " into Go struct field Config.features of type "
                             + ("map[string]bool" if not isinstance(features, dict) else "bool"))
        other = sorted(set(features) - FEATURES)
        if other:
            raise StartError("dockstore-magic: daemon.json features " + ", ".join(f'"{k}"' for k in other)
                             + " is not simulated")
        live_restore = conf.get("live-restore", False)
        if not isinstance(live_restore, bool):
            raise StartError(f"unable to configure the Docker daemon with file {DAEMON_JSON}: "
                             f"json: cannot unmarshal {_go_type(live_restore)} into Go struct "
                             "field Config.live-restore of type bool")
        self.live_restore = live_restore
        snapshotter = features.get("containerd-snapshotter", self.default_snapshotter)
        if snapshotter != self.engine.uses_snapshotter:
            self.engine.open_storage(self.default_driver if not snapshotter else "overlayfs",
                                     containerd=snapshotter)
        if snapshotter:
            return
        driver = conf.get("storage-driver") or self.default_driver
        if not isinstance(driver, str):
            raise StartError(f"unable to configure the Docker daemon with file {DAEMON_JSON}: "
                             f"json: cannot unmarshal {_go_type(driver)} into Go struct field "
                             "Config.storage-driver of type string")
        if driver != self.engine.driver.name:
            try:
                from ..drivers import make_driver
                make_driver(driver, self.engine.host, self.engine.ids)   # probe, as dockerd does
            except DriverError as e:
                raise StartError(f"failed to start daemon: error initializing graphdriver: {e}"
                                 if "graphdriver" not in str(e) else f"failed to start daemon: {e}")
            self.engine.open_storage(driver)

    def start(self) -> tuple[bool, str]:
        """Start docker.service (and its socket); (ok, stderr text)."""
        self.socket.active = True
        if self.service.active:
            return True, ""
        self.service.pid = self._next_pid()
        try:
            self._start_daemon()
        except StartError as e:
            self._log("systemd[1]", f"Starting docker.service - {UNIT_DESC}...")
            self._log(f"dockerd[{self.service.pid}]", str(e))
            self._log("systemd[1]", "docker.service: Main process exited, code=exited, status=1/FAILURE")
            self._log("systemd[1]", "docker.service: Failed with result 'exit-code'.")
            self._log("systemd[1]", f"Failed to start docker.service - {UNIT_DESC}.")
            self.service.failed, self.service.since = True, self.engine.clock.peek()
            return False, ("Job for docker.service failed because the control process exited with "
                           "error code.\nSee \"systemctl status docker.service\" and \"journalctl "
                           "-xeu docker.service\" for details.\n")
        self.service.active, self.service.failed = True, False
        self.service.since = self.engine.clock.peek()
        self._restart_containers()
        self._log_started()
        return True, ""

    def _restart_containers(self) -> None:
        """daemon.restore: what containerd kept running stays so (live-restore); the
        restart policies decide what else comes back."""
        from .restartmanager import restore
        restore(self.engine, alive=lambda c: c.state.status == "running" and c.process is not None,
                live_restore=self.live_restore)

    def stop(self, socket_too: bool = False) -> str:
        """Stop docker.service (and docker.socket); returns systemctl's warning, if any."""
        if socket_too:
            self.socket.active = False
        if self.service.active:
            self._log("systemd[1]", f"Stopping docker.service - {UNIT_DESC}...")
            self._dockerd("info", "Processing signal 'terminated'")
            # without live-restore, running containers are stopped, by the daemon, not by
            # their user (an unless-stopped one comes back); with it, containerd keeps them
            if not self.live_restore:
                self.engine.shutting_down = True
                try:
                    for c in list(self.engine.containers.list()):
                        self.engine.containers.stop(c.id)
                finally:
                    self.engine.shutting_down = False
            self._dockerd("info", "Daemon shutdown complete")
            self._log("systemd[1]", "docker.service: Deactivated successfully.")
            self._log("systemd[1]", f"Stopped docker.service - {UNIT_DESC}.")
            self.service.active = False
            self.service.since = self.engine.clock.peek()
        if self.socket.active and not socket_too:
            return "Warning: Stopping docker.service, but it can still be activated by:\n  docker.socket\n"
        return ""

    def ensure_running(self) -> bool:
        """What a client's connection does: with the service down, the socket starts it."""
        if self.service.active:
            return True
        if not self.socket.active:
            return False
        return self.start()[0]

    # ------------------------------------------------------------ systemctl status
    def status(self, unit: str = "docker.service") -> tuple[int, str]:
        now = self.engine.clock.peek()
        if unit == "docker.socket":
            u = self.socket
            state = "active (listening)" if u.active else "inactive (dead)"
            dot = "●" if u.active else "○"
            text = (f"{dot} docker.socket - Docker Socket for the API\n"
                    "     Loaded: loaded (/lib/systemd/system/docker.socket; enabled; preset: enabled)\n"
                    f"     Active: {state} since {_systemd_time(u.since)}; {_ago(now - u.since)}\n"
                    "   Triggers: ● docker.service\n"
                    "     Listen: /run/docker.sock (Stream)\n")
            return (0 if u.active else 3), text
        u = self.service
        if u.active:
            dot, state = "●", "active (running)"
        elif u.failed:
            dot, state = "×", "failed (Result: exit-code)"
        else:
            dot, state = "○", "inactive (dead)"
        lines = [f"{dot} docker.service - {UNIT_DESC}",
                 "     Loaded: loaded (/lib/systemd/system/docker.service; enabled; preset: enabled)",
                 f"     Active: {state} since {_systemd_time(u.since)}; {_ago(now - u.since)}",
                 f"TriggeredBy: {'●' if self.socket.active else '○'} docker.socket",
                 "       Docs: https://docs.docker.com"]
        if u.active:
            lines += [f"   Main PID: {u.pid} (dockerd)",
                      "     CGroup: /system.slice/docker.service",
                      f"             └─{u.pid} {EXEC_START}"]
        else:
            status = "1/FAILURE" if u.failed else "0/SUCCESS"
            lines += [f"    Process: {u.pid} ExecStart={EXEC_START} (code=exited, status={status})",
                      f"   Main PID: {u.pid} (code=exited, status={status})"]
        lines.append("")
        for t, who, text in u.journal[-10:]:
            lines.append(f"{_journal_time(t)} docker-host {who}: {text}")
        return (0 if u.active else 3), "\n".join(lines) + "\n"


def _ago(seconds: float) -> str:
    """systemd's format_timestamp_relative (src/basic/time-util.c)."""
    us = int(seconds * 1_000_000)
    S, M, H, D = 1_000_000, 60_000_000, 3_600_000_000, 86_400_000_000
    if us >= 2 * D:
        return f"{us // D} days ago"
    if us >= 25 * H:
        return f"1 day {(us - D) // H}h ago"
    if us >= 6 * H:
        return f"{us // H}h ago"
    if us >= H:
        return f"{us // H}h {(us % H) // M}min ago"
    if us >= 5 * M:
        return f"{us // M}min ago"
    if us >= M:
        return f"{us // M}min {(us % M) // S}s ago"
    if us >= S:
        return f"{us // S}s ago"
    if us >= 1000:
        return f"{us // 1000}ms ago"
    return f"{us}us ago" if us > 0 else "now"


def _systemd_time(t: float) -> str:
    import time
    return time.strftime("%a %Y-%m-%d %H:%M:%S UTC", time.gmtime(t))


def _journal_time(t: float) -> str:
    import time
    return time.strftime("%b %d %H:%M:%S", time.gmtime(t))


def _go_type(v) -> str:
    return {list: "array", str: "string", bool: "bool", type(None): "null"}.get(type(v), "number")
