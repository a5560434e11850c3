"""Which flags of the docker CLI the simulator carries out, and which it refuses.

Accepted means simulated: every flag of every command the simulator runs (cli/spec.py) is in
exactly one of the two tables below, and tests/unit/test_flag_coverage.py fails on a flag in
neither.  A refused flag, given on the command line, stops the command before anything
happens, with one honest line and the exit status of a bad flag::

    dockstore-magic: --cpus is not simulated                       (exit 125)

Some flags are simulated for some values only (``ALLOWED_VALUES``): ``--network none`` is
recorded, ``--network host`` is refused.  Flags are named by their key (their long name;
hidden aliases such as ``--net`` share their canonical flag's key).
"""
from __future__ import annotations

_CONTAINER_SIMULATED = {
    "entrypoint", "env", "env-file", "expose", "health-cmd", "health-interval",
    "health-retries", "health-start-interval", "health-start-period", "health-timeout", "help",
    "hostname", "interactive", "label",
    "label-file", "mount", "name", "network", "no-healthcheck", "pull", "quiet", "read-only",
    "restart", "rm",
    "stop-signal",
    "tmpfs", "tty", "user", "volume", "volume-driver", "volumes-from", "workdir",
}
# resources, devices, security, networking beyond a network mode, logging:
# what the simulated kernel has no notion of
_CONTAINER_REFUSED = {
    "add-host", "annotation", "attach", "blkio-weight", "blkio-weight-device", "cap-add",
    "cap-drop", "cgroup-parent", "cgroupns", "cidfile", "cpu-count", "cpu-percent", "cpu-period",
    "cpu-quota", "cpu-rt-period", "cpu-rt-runtime", "cpu-shares", "cpus", "cpuset-cpus",
    "cpuset-mems", "device", "device-cgroup-rule", "device-read-bps", "device-read-iops",
    "device-write-bps", "device-write-iops", "disable-content-trust", "dns", "dns-option",
    "dns-search", "domainname", "gpus", "group-add", "init",
    "io-maxbandwidth", "io-maxiops", "ip", "ip6", "ipc", "isolation", "kernel-memory", "link",
    "link-local-ip", "log-driver", "log-opt", "mac-address", "memory", "memory-reservation",
    "memory-swap", "memory-swappiness", "network-alias", "oom-kill-disable",
    "oom-score-adj", "pid", "pids-limit", "platform", "privileged", "publish", "publish-all",
    "runtime", "security-opt", "shm-size", "stop-timeout", "storage-opt", "sysctl",
    "ulimit", "use-api-socket", "userns", "uts",
}

#: command (its canonical name) → the flags it carries out
SIMULATED: dict[str, set[str]] = {
    "run": _CONTAINER_SIMULATED | {"detach"},
    "create": set(_CONTAINER_SIMULATED),
    "start": {"attach"},
    "stop": {"signal", "timeout"},
    "restart": {"signal", "timeout"},
    "update": {"restart"},
    "kill": {"signal"},
    "rm": {"force", "volumes"},
    "exec": {"detach", "env", "env-file", "interactive", "tty", "user", "workdir"},
    "ps": {"all", "filter", "format", "last", "latest", "no-trunc", "quiet", "size"},
    "logs": {"details", "follow", "since", "tail", "timestamps", "until"},
    "port": set(), "top": set(),
    # --no-stream of containers that are not running (zeros); the CLI refuses the rest
    "stats": {"all", "format", "no-stream", "no-trunc"},
    "diff": set(),
    "commit": {"author", "change", "message", "pause"},
    "cp": {"archive", "follow-link", "quiet"},
    "export": {"output"},
    "container inspect": {"format", "size"},
    "container prune": {"filter", "force"},
    "rename": set(),
    "wait": set(),
    "images": {"all", "digests", "filter", "format", "no-trunc", "quiet"},
    "history": {"format", "human", "no-trunc", "quiet"},
    "tag": set(),
    "rmi": {"force", "no-prune"},
    "pull": {"quiet"},
    "import": {"change", "message"},
    "image inspect": {"format"},
    "image prune": {"all", "filter", "force"},
    "save": {"output"},
    "load": {"input", "quiet"},
    "build": {"build-arg", "file", "iidfile", "label", "network", "no-cache", "progress", "pull",
              "quiet", "secret", "tag", "target"},
    "volume create": {"driver", "label", "name", "opt"},
    "volume ls": {"filter", "format", "quiet"},
    "volume inspect": {"format"},
    "volume rm": {"force"},
    "volume prune": {"all", "filter", "force"},
    "info": {"format"},
    "version": {"format"},
    "inspect": {"format", "size", "type"},
    "system df": {"format", "verbose"},
    "system prune": {"all", "filter", "force", "volumes"},
    "builder prune": {"all", "filter", "force"},
}

_CLUSTER_VOLUME = {"availability", "group", "limit-bytes", "required-bytes", "scope", "secret",
                   "sharing", "topology-preferred", "topology-required", "type"}

#: command → the flags it refuses
REFUSED: dict[str, set[str]] = {
    "run": _CONTAINER_REFUSED | {"detach-keys", "sig-proxy"},
    "create": set(_CONTAINER_REFUSED),
    "start": {"checkpoint", "checkpoint-dir", "detach-keys", "interactive"},
    "stop": set(), "restart": set(), "kill": set(),
    # a container's resources (cgroups): nothing in the simulated kernel to limit
    "update": {"blkio-weight", "cpu-period", "cpu-quota", "cpu-rt-period", "cpu-rt-runtime",
               "cpu-shares", "cpus", "cpuset-cpus", "cpuset-mems", "kernel-memory", "memory",
               "memory-reservation", "memory-swap", "pids-limit"},
    "rm": {"link"},
    "exec": {"detach-keys", "privileged"},
    "ps": set(),
    "logs": set(),
    "port": set(), "top": set(), "stats": set(),
    "diff": set(), "commit": set(), "cp": set(), "export": set(),
    "container inspect": set(),
    "container prune": set(), "rename": set(), "wait": set(),
    "images": {"tree"},
    "history": {"platform"},
    "tag": set(), "rmi": set(),
    "pull": {"all-tags", "disable-content-trust", "platform"},
    "import": {"platform"},
    "image inspect": set(),
    "image prune": set(),
    "save": {"platform"},
    "load": {"platform"},
    "build": {"add-host", "allow", "annotation", "attest", "build-context", "builder", "cache-from",
              "cache-to", "call", "cgroup-parent", "check", "compress", "cpu-period", "cpu-quota",
              "cpu-shares", "cpuset-cpus", "cpuset-mems", "debug", "force-rm",
              "isolation", "load", "memory", "memory-swap", "metadata-file",
              "no-cache-filter", "output", "platform", "provenance", "push", "rm", "sbom",
              "security-opt", "shm-size", "squash", "ssh", "ulimit"},
    "volume create": set(_CLUSTER_VOLUME),
    "volume ls": {"cluster"},
    "volume inspect": set(), "volume rm": set(),
    "volume prune": set(),
    "info": set(), "version": set(), "inspect": set(), "system df": set(),
    "system prune": set(),
    # a size to keep: BuildKit's garbage collector by size is not simulated
    "builder prune": {"keep-storage"},
}

#: (command, flag) → the values that are simulated; any other value is refused
ALLOWED_VALUES: dict[tuple[str, str], tuple[str, ...]] = {
    ("run", "network"): ("none", "default", "bridge"),
    ("create", "network"): ("none", "default", "bridge"),
    # another driver is a plugin; the real CLI, told "not found", even tries to pull the image
    ("run", "volume-driver"): ("", "local"),
    ("create", "volume-driver"): ("", "local"),
    # a RUN without network (or on the host's) would change what apt-get/apk do
    ("build", "network"): ("default",),
    # the notebook is no terminal: auto is plain (and quiet/rawjson/tty print otherwise)
    ("build", "progress"): ("auto", "plain"),
}

#: the root's own flags (docker --version…); -H/--context/--tls* are refused by cli/args
#: with a longer line (there is no daemon to connect to)
ROOT_SIMULATED = {"help", "version"}
ROOT_REFUSED = {"config", "debug", "log-level", "host", "context", "tls", "tlscacert", "tlscert",
                "tlskey", "tlsverify"}


def refusal(command: str, changed, opts: dict) -> str | None:
    """The line that refuses this command line, or None when everything given is simulated."""
    refused = REFUSED.get(command, set())
    for key in sorted(changed):
        if key in refused:
            return f"dockstore-magic: --{key} is not simulated"
        allowed = ALLOWED_VALUES.get((command, key))
        value = opts.get(key)
        if allowed is not None and value not in allowed:
            return f"dockstore-magic: --{key}={value} is not simulated"
    return None


def refusal_global(changed) -> str | None:
    for key in sorted(changed):
        if key in ROOT_REFUSED:
            return f"dockstore-magic: --{key} is not simulated"
    return None
