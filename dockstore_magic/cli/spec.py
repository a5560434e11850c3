"""The docker CLI's command tree and flags, as data (docker/cli v28.2, docker/buildx for build).

Every flag is declared the way docker/cli declares it with spf13/pflag: long name, shorthand,
pflag *type name* (what ``--help`` prints after the flag: string, int, list, map, filter,
bytes, duration...), usage string copied verbatim from docker/cli, and its default value as
pflag shows it (``DefValue``; ``None`` when pflag hides it because it is the zero value).
Usage texts and layout were checked against ``docker <cmd> --help`` of a real docker 28.2.2
CLI (see tests/unit/test_cli_args.py, which re-renders every help text).

Hidden flags (``--net``, ``--dns-opt``, ``volume create --name``, Windows-only resources...)
are declared too, so that they parse exactly as in docker; flags the real CLI only shows for a
recent enough daemon carry the API ``version`` they need (our simulated engine speaks API
1.50, docker 28's, so they are shown).

Commands the simulator does not implement (``network``, ``swarm``, ``compose``...) are still
declared with their ``Use``/``Short`` so that ``docker --help`` and ``docker container --help``
list exactly what the real CLI lists; they have ``supported=False`` and no flag table.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

__all__ = [
    "Flag", "Command", "ArgsRule", "ROOT", "API_VERSION", "CLI_VERSION", "CLI_GIT_COMMIT",
    "FORMAT_HELP", "INSPECT_FORMAT_HELP", "find_command", "walk",
]

API_VERSION = "1.50"          # docker 28.2 engine API
CLI_VERSION = "28.2.2"
CLI_GIT_COMMIT = "e6534b4"

FORMAT_HELP = """Format output using a custom template:
'table':            Print output in table format with column headers (default)
'table TEMPLATE':   Print output in table format using the given Go template
'json':             Print in JSON format
'TEMPLATE':         Print output using the given Go template.
Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"""

INSPECT_FORMAT_HELP = """Format output using a custom template:
'json':             Print in JSON format
'TEMPLATE':         Print output using the given Go template.
Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"""

CGROUPNS_HELP = """Cgroup namespace to use (host|private)
'host':    Run the container in the Docker host's cgroup namespace
'private': Run the container in its own private cgroup namespace
'':        Use the cgroup namespace as configured by the
           default-cgroupns-mode option on the daemon (default)"""


@dataclass(frozen=True)
class Flag:
    """One pflag flag.

    ``type`` is pflag's ``Value.Type()``: bool, string, int (also for int64), uint16, uint,
    duration, list (docker ListOpts: repeatable, one value per use), stringArray, strings
    (stringSlice: repeatable *and* comma-separated), map (``k=v``, repeatable), filter,
    bytes (RAMInBytes), decimal (NanoCPUs), mount, network, gpu-request, ulimit.
    ``default`` is the DefValue that ``--help`` prints (None: not printed). ``dest`` is the
    key in ``Parsed.opts`` (hidden aliases like ``--net`` share ``network``'s). ``validator``
    names a check run when the value is set, as docker's ListOpts validators are
    (see args.VALIDATORS). ``deprecated`` is pflag's MarkDeprecated message."""
    name: str
    short: str = ""
    type: str = "bool"
    usage: str = ""
    default: Optional[str] = None
    hidden: bool = False
    dest: Optional[str] = None
    validator: Optional[str] = None
    version: Optional[str] = None        # minimum daemon API version (flag annotation)
    deprecated: str = ""
    shorthand_deprecated: str = ""
    ostype: Optional[str] = None         # "windows": only usable against a Windows daemon
    experimental: bool = False           # needs an experimental daemon

    @property
    def key(self) -> str:
        return self.dest or self.name


@dataclass(frozen=True)
class ArgsRule:
    """cobra positional-args validator: none (cli.NoArgs), min, max, exact, range, any."""
    kind: str = "any"
    min: int = 0
    max: int = 0


NO_ARGS = ArgsRule("none")
ANY = ArgsRule("any")


def MIN(n: int) -> ArgsRule:
    return ArgsRule("min", n)


def MAX(n: int) -> ArgsRule:
    return ArgsRule("max", 0, n)


def EXACT(n: int) -> ArgsRule:
    return ArgsRule("exact", n, n)


def RANGE(a: int, b: int) -> ArgsRule:
    return ArgsRule("range", a, b)


@dataclass
class Command:
    """A cobra command. ``use`` is cobra's Use (first word = name); ``canonical`` is the
    simulator's name for what runs (``docker container ls`` -> "ps")."""
    use: str
    short: str
    canonical: str = ""
    long: str = ""
    aliases: tuple[str, ...] = ()
    aliases_annotation: str = ""
    args: ArgsRule = ANY
    flags: tuple[Flag, ...] = ()
    interspersed: bool = True
    category_top: Optional[int] = None
    swarm: bool = False
    plugin: bool = False
    supported: bool = True
    hidden: bool = False
    example: str = ""
    commands: list["Command"] = field(default_factory=list)
    parent: Optional["Command"] = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return self.use.split(" ", 1)[0]

    @property
    def path(self) -> tuple[str, ...]:
        names = []
        c: Optional[Command] = self
        while c is not None and c.parent is not None:
            names.append(c.name)
            c = c.parent
        return tuple(reversed(names))

    @property
    def command_path(self) -> str:
        """cobra CommandPath: "docker container ls"."""
        return " ".join(("docker",) + self.path)

    @property
    def use_line(self) -> str:
        """cobra UseLine (DisableFlagsInUseLine): parent path + Use."""
        if self.parent is None:
            return self.use
        return self.parent.command_path + " " + self.use

    @property
    def has_subcommands(self) -> bool:
        return bool(self.commands)

    def add(self, *cmds: "Command") -> "Command":
        for c in cmds:
            c.parent = self
            self.commands.append(c)
        return self

    def find(self, name: str) -> Optional["Command"]:
        """cobra findNext: by name or alias (no prefix matching)."""
        for c in self.commands:
            if c.name == name or name in c.aliases:
                return c
        return None

    def flag(self, name: str) -> Optional[Flag]:
        for f in self.flags:
            if f.name == name:
                return f
        return None


def F(name: str, short: str = "", type: str = "bool", usage: str = "", default: Optional[str] = None,
      **kw) -> Flag:
    return Flag(name, short, type, usage, default, **kw)


# ----------------------------------------------------------------------------------------------
# container create / run flags (cli/command/container/opts.go addFlags, create.go, run.go)

_CONTAINER_FLAGS = (
    F("add-host", "", "list", "Add a custom host-to-IP mapping (host:ip)", validator="extra_host"),
    F("annotation", "", "map", "Add an annotation to the container (passed through to the OCI runtime)",
      default="map[]", version="1.43"),
    F("attach", "a", "list", "Attach to STDIN, STDOUT or STDERR", validator="attach"),
    F("blkio-weight", "", "uint16", "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)"),
    F("blkio-weight-device", "", "list", "Block IO weight (relative device weight)", default="[]",
      validator="weight_device"),
    F("cap-add", "", "list", "Add Linux capabilities"),
    F("cap-drop", "", "list", "Drop Linux capabilities"),
    F("cgroup-parent", "", "string", "Optional parent cgroup for the container"),
    F("cgroupns", "", "string", CGROUPNS_HELP, version="1.41"),
    F("cidfile", "", "string", "Write the container ID to the file"),
    F("cpu-count", "", "int", "CPU count (Windows only)", hidden=True, ostype="windows"),
    F("cpu-percent", "", "int", "CPU percent (Windows only)", hidden=True, ostype="windows"),
    F("cpu-period", "", "int", "Limit CPU CFS (Completely Fair Scheduler) period"),
    F("cpu-quota", "", "int", "Limit CPU CFS (Completely Fair Scheduler) quota"),
    F("cpu-rt-period", "", "int", "Limit CPU real-time period in microseconds", version="1.25"),
    F("cpu-rt-runtime", "", "int", "Limit CPU real-time runtime in microseconds", version="1.25"),
    F("cpu-shares", "c", "int", "CPU shares (relative weight)"),
    F("cpus", "", "decimal", "Number of CPUs", version="1.25"),
    F("cpuset-cpus", "", "string", "CPUs in which to allow execution (0-3, 0,1)"),
    F("cpuset-mems", "", "string", "MEMs in which to allow execution (0-3, 0,1)"),
    F("device", "", "list", "Add a host device to the container"),
    F("device-cgroup-rule", "", "list", "Add a rule to the cgroup allowed devices list",
      validator="device_cgroup_rule"),
    F("device-read-bps", "", "list", "Limit read rate (bytes per second) from a device", default="[]",
      validator="throttle_bps"),
    F("device-read-iops", "", "list", "Limit read rate (IO per second) from a device", default="[]",
      validator="throttle_iops"),
    F("device-write-bps", "", "list", "Limit write rate (bytes per second) to a device", default="[]",
      validator="throttle_bps"),
    F("device-write-iops", "", "list", "Limit write rate (IO per second) to a device", default="[]",
      validator="throttle_iops"),
    F("disable-content-trust", "", "bool", "Skip image verification", default="true"),
    F("dns", "", "list", "Set custom DNS servers", validator="ip_address"),
    F("dns-opt", "", "list", "Set DNS options", hidden=True, dest="dns-option"),
    F("dns-option", "", "list", "Set DNS options"),
    F("dns-search", "", "list", "Set custom DNS search domains", validator="dns_search"),
    F("domainname", "", "string", "Container NIS domain name"),
    F("entrypoint", "", "string", "Overwrite the default ENTRYPOINT of the image"),
    F("env", "e", "list", "Set environment variables", validator="env"),
    F("env-file", "", "list", "Read in a file of environment variables"),
    F("expose", "", "list", "Expose a port or a range of ports"),
    F("gpus", "", "gpu-request", "GPU devices to add to the container ('all' to pass all GPUs)",
      version="1.40", validator="gpus"),
    F("group-add", "", "list", "Add additional groups to join"),
    F("health-cmd", "", "string", "Command to run to check health"),
    F("health-interval", "", "duration", "Time between running the check (ms|s|m|h) (default 0s)"),
    F("health-retries", "", "int", "Consecutive failures needed to report unhealthy"),
    F("health-start-interval", "", "duration",
      "Time between running the check during the start period (ms|s|m|h) (default 0s)", version="1.44"),
    F("health-start-period", "", "duration",
      "Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)",
      version="1.29"),
    F("health-timeout", "", "duration", "Maximum time to allow one check to run (ms|s|m|h) (default 0s)"),
    F("hostname", "h", "string", "Container host name"),
    F("init", "", "bool", "Run an init inside the container that forwards signals and reaps processes",
      version="1.25"),
    F("interactive", "i", "bool", "Keep STDIN open even if not attached"),
    F("io-maxbandwidth", "", "bytes", "Maximum IO bandwidth limit for the system drive (Windows only)",
      hidden=True, ostype="windows"),
    F("io-maxiops", "", "uint", "Maximum IOps limit for the system drive (Windows only)", hidden=True,
      ostype="windows"),
    F("ip", "", "string", "IPv4 address (e.g., 172.30.100.104)"),
    F("ip6", "", "string", "IPv6 address (e.g., 2001:db8::33)"),
    F("ipc", "", "string", "IPC mode to use"),
    F("isolation", "", "string", "Container isolation technology"),
    F("kernel-memory", "", "bytes", "Kernel memory limit"),
    F("label", "l", "list", "Set meta data on a container", validator="label"),
    F("label-file", "", "list", "Read in a line delimited file of labels"),
    F("link", "", "list", "Add link to another container", validator="link"),
    F("link-local-ip", "", "list", "Container IPv4/IPv6 link-local addresses"),
    F("log-driver", "", "string", "Logging driver for the container"),
    F("log-opt", "", "list", "Log driver options"),
    F("mac-address", "", "string", "Container MAC address (e.g., 92:d0:c6:0a:29:33)"),
    F("memory", "m", "bytes", "Memory limit"),
    F("memory-reservation", "", "bytes", "Memory soft limit"),
    F("memory-swap", "", "bytes", "Swap limit equal to memory plus swap: '-1' to enable unlimited swap",
      validator="memswap"),
    F("memory-swappiness", "", "int", "Tune container memory swappiness (0 to 100)", default="-1"),
    F("mount", "", "mount", "Attach a filesystem mount to the container"),
    F("net", "", "network", "Connect a container to a network", hidden=True, dest="network"),
    F("net-alias", "", "list", "Add network-scoped alias for the container", hidden=True,
      dest="network-alias"),
    F("network", "", "network", "Connect a container to a network"),
    F("network-alias", "", "list", "Add network-scoped alias for the container"),
    F("no-healthcheck", "", "bool", "Disable any container-specified HEALTHCHECK"),
    F("oom-kill-disable", "", "bool", "Disable OOM Killer"),
    F("oom-score-adj", "", "int", "Tune host's OOM preferences (-1000 to 1000)"),
    F("pid", "", "string", "PID namespace to use"),
    F("pids-limit", "", "int", "Tune container pids limit (set -1 for unlimited)"),
    F("platform", "", "string", "Set platform if server is multi-platform capable", version="1.32"),
    F("privileged", "", "bool", "Give extended privileges to this container"),
    F("publish", "p", "list", "Publish a container's port(s) to the host"),
    F("publish-all", "P", "bool", "Publish all exposed ports to random ports"),
    F("quiet", "q", "bool", "Suppress the pull output"),
    F("read-only", "", "bool", "Mount the container's root filesystem as read only"),
    F("restart", "", "string", "Restart policy to apply when a container exits", default="no"),
    F("rm", "", "bool", "Automatically remove the container and its associated anonymous volumes when it exits"),
    F("runtime", "", "string", "Runtime to use for this container"),
    F("security-opt", "", "list", "Security Options"),
    F("shm-size", "", "bytes", "Size of /dev/shm"),
    F("stop-signal", "", "string", "Signal to stop the container"),
    F("stop-timeout", "", "int", "Timeout (in seconds) to stop a container", version="1.25"),
    F("storage-opt", "", "list", "Storage driver options for the container"),
    F("sysctl", "", "map", "Sysctl options", default="map[]", validator="sysctl"),
    F("tmpfs", "", "list", "Mount a tmpfs directory"),
    F("tty", "t", "bool", "Allocate a pseudo-TTY"),
    F("ulimit", "", "ulimit", "Ulimit options", default="[]"),
    F("use-api-socket", "", "bool", "Bind mount Docker API socket and required auth"),
    F("user", "u", "string", "Username or UID (format: <name|uid>[:<group|gid>])"),
    F("userns", "", "string", "User namespace to use"),
    F("uts", "", "string", "UTS namespace to use"),
    F("volume", "v", "list", "Bind mount a volume"),
    F("volume-driver", "", "string", "Optional volume driver for the container"),
    F("volumes-from", "", "list", "Mount volumes from the specified container(s)"),
    F("workdir", "w", "string", "Working directory inside the container"),
)

_HELP = F("help", "", "bool", "Print usage")  # run/create: an explicit --help without -h

RUN_FLAGS = tuple(sorted(_CONTAINER_FLAGS + (
    _HELP,
    F("detach", "d", "bool", "Run container in background and print container ID"),
    F("detach-keys", "", "string", "Override the key sequence for detaching a container"),
    F("name", "", "string", "Assign a name to the container"),
    F("pull", "", "string", 'Pull image before running ("always", "missing", "never")', default="missing"),
    F("sig-proxy", "", "bool", "Proxy received signals to the process", default="true"),
), key=lambda f: f.name))

CREATE_FLAGS = tuple(sorted(_CONTAINER_FLAGS + (
    _HELP,
    F("name", "", "string", "Assign a name to the container"),
    # sic: docker/cli's create.go really says "|missing"
    F("pull", "", "string", 'Pull image before creating ("always", "|missing", "never")', default="missing"),
), key=lambda f: f.name))

START_FLAGS = (
    F("attach", "a", "bool", "Attach STDOUT/STDERR and forward signals"),
    F("checkpoint", "", "string", "Restore from this checkpoint", hidden=True, experimental=True),
    F("checkpoint-dir", "", "string", "Use a custom checkpoint storage directory", hidden=True,
      experimental=True),
    F("detach-keys", "", "string", "Override the key sequence for detaching a container"),
    F("interactive", "i", "bool", "Attach container's STDIN"),
)

# cli/command/container/update.go (docker 28.2.2: resources and the restart policy)
UPDATE_FLAGS = (
    F("blkio-weight", "", "uint16", "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)"),
    F("cpu-period", "", "int", "Limit CPU CFS (Completely Fair Scheduler) period"),
    F("cpu-quota", "", "int", "Limit CPU CFS (Completely Fair Scheduler) quota"),
    F("cpu-rt-period", "", "int", "Limit the CPU real-time period in microseconds", version="1.25"),
    F("cpu-rt-runtime", "", "int", "Limit the CPU real-time runtime in microseconds", version="1.25"),
    F("cpu-shares", "c", "int", "CPU shares (relative weight)"),
    F("cpus", "", "decimal", "Number of CPUs", version="1.29"),
    F("cpuset-cpus", "", "string", "CPUs in which to allow execution (0-3, 0,1)"),
    F("cpuset-mems", "", "string", "MEMs in which to allow execution (0-3, 0,1)"),
    F("kernel-memory", "", "bytes", "Kernel memory limit (deprecated)", hidden=True,
      deprecated="and no longer supported by the kernel"),
    F("memory", "m", "bytes", "Memory limit"),
    F("memory-reservation", "", "bytes", "Memory soft limit"),
    F("memory-swap", "", "bytes", "Swap limit equal to memory plus swap: -1 to enable unlimited swap",
      validator="memswap"),
    F("pids-limit", "", "int", "Tune container pids limit (set -1 for unlimited)", version="1.40"),
    F("restart", "", "string", "Restart policy to apply when a container exits"),
)

STOP_FLAGS = (
    F("signal", "s", "string", "Signal to send to the container"),
    F("time", "", "int", "Seconds to wait before killing the container (deprecated: use --timeout)",
      hidden=True, dest="timeout", deprecated="use --timeout instead"),
    F("timeout", "t", "int", "Seconds to wait before killing the container"),
)

KILL_FLAGS = (F("signal", "s", "string", "Signal to send to the container"),)

RM_FLAGS = (
    F("force", "f", "bool", "Force the removal of a running container (uses SIGKILL)"),
    F("link", "l", "bool", "Remove the specified link"),
    F("volumes", "v", "bool", "Remove anonymous volumes associated with the container"),
)

EXEC_FLAGS = (
    F("detach", "d", "bool", "Detached mode: run command in the background"),
    F("detach-keys", "", "string", "Override the key sequence for detaching a container"),
    F("env", "e", "list", "Set environment variables", version="1.25", validator="env"),
    F("env-file", "", "list", "Read in a file of environment variables", version="1.25"),
    F("interactive", "i", "bool", "Keep STDIN open even if not attached"),
    F("privileged", "", "bool", "Give extended privileges to the command"),
    F("tty", "t", "bool", "Allocate a pseudo-TTY"),
    F("user", "u", "string", 'Username or UID (format: "<name|uid>[:<group|gid>]")'),
    F("workdir", "w", "string", "Working directory inside the container", version="1.35"),
)

PS_FLAGS = (
    F("all", "a", "bool", "Show all containers (default shows just running)"),
    F("filter", "f", "filter", "Filter output based on conditions provided"),
    F("format", "", "string", FORMAT_HELP),
    F("last", "n", "int", "Show n last created containers (includes all states)", default="-1"),
    F("latest", "l", "bool", "Show the latest created container (includes all states)"),
    F("no-trunc", "", "bool", "Don't truncate output"),
    F("quiet", "q", "bool", "Only display container IDs"),
    F("size", "s", "bool", "Display total file sizes"),
)

LOGS_FLAGS = (
    F("details", "", "bool", "Show extra details provided to logs"),
    F("follow", "f", "bool", "Follow log output"),
    F("since", "", "string",
      'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)'),
    F("tail", "n", "string", "Number of lines to show from the end of the logs", default="all"),
    F("timestamps", "t", "bool", "Show timestamps"),
    F("until", "", "string",
      'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)',
      version="1.35"),
)

STATS_FLAGS = (
    F("all", "a", "bool", "Show all containers (default shows just running)"),
    F("format", "", "string", FORMAT_HELP),
    F("no-stream", "", "bool", "Disable streaming stats and only pull the first result"),
    F("no-trunc", "", "bool", "Do not truncate output"),
)

COMMIT_FLAGS = (
    F("author", "a", "string", 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")'),
    F("change", "c", "list", "Apply Dockerfile instruction to the created image"),
    F("message", "m", "string", "Commit message"),
    F("pause", "p", "bool", "Pause container during commit", default="true"),
)

INSPECT_FLAGS = (
    F("format", "f", "string", INSPECT_FORMAT_HELP),
    F("size", "s", "bool", "Display total file sizes if the type is container"),
    F("type", "", "string", "Only inspect objects of the given type"),
)

CONTAINER_INSPECT_FLAGS = (
    F("format", "f", "string", INSPECT_FORMAT_HELP),
    F("size", "s", "bool", "Display total file sizes"),
)

IMAGE_INSPECT_FLAGS = (F("format", "f", "string", INSPECT_FORMAT_HELP),)

CP_FLAGS = (
    F("archive", "a", "bool", "Archive mode (copy all uid/gid information)"),
    F("follow-link", "L", "bool", "Always follow symbol link in SRC_PATH"),
    F("quiet", "q", "bool",
      "Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached"),
)

EXPORT_FLAGS = (F("output", "o", "string", "Write to a file, instead of STDOUT"),)

IMAGES_FLAGS = (
    F("all", "a", "bool", "Show all images (default hides intermediate images)"),
    F("digests", "", "bool", "Show digests"),
    F("filter", "f", "filter", "Filter output based on conditions provided"),
    F("format", "", "string", FORMAT_HELP),
    F("no-trunc", "", "bool", "Don't truncate output"),
    F("quiet", "q", "bool", "Only show image IDs"),
    F("tree", "", "bool", "List multi-platform images as a tree (EXPERIMENTAL)", version="1.47"),
)

_PLATFORM_VARIANT = 'Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")'

HISTORY_FLAGS = (
    F("format", "", "string", FORMAT_HELP),
    F("human", "H", "bool", "Print sizes and dates in human readable format", default="true"),
    F("no-trunc", "", "bool", "Don't truncate output"),
    F("platform", "", "string", "Show history for the given platform. " + _PLATFORM_VARIANT, version="1.48"),
    F("quiet", "q", "bool", "Only show image IDs"),
)

RMI_FLAGS = (
    F("force", "f", "bool", "Force removal of the image"),
    F("no-prune", "", "bool", "Do not delete untagged parents"),
)

PULL_FLAGS = (
    F("all-tags", "a", "bool", "Download all tagged images in the repository"),
    F("disable-content-trust", "", "bool", "Skip image verification", default="true"),
    F("platform", "", "string", "Set platform if server is multi-platform capable", version="1.32"),
    F("quiet", "q", "bool", "Suppress verbose output"),
)

IMPORT_FLAGS = (
    F("change", "c", "list", "Apply Dockerfile instruction to the created image"),
    F("message", "m", "string", "Set commit message for imported image"),
    F("platform", "", "string", "Set platform if server is multi-platform capable", version="1.32"),
)

SAVE_FLAGS = (
    F("output", "o", "string", "Write to a file, instead of STDOUT"),
    F("platform", "", "string", "Save only the given platform variant. " + _PLATFORM_VARIANT, version="1.48"),
)

LOAD_FLAGS = (
    F("input", "i", "string", "Read from tar archive file, instead of STDIN"),
    F("platform", "", "string", "Load only the given platform variant. " + _PLATFORM_VARIANT, version="1.48"),
    F("quiet", "q", "bool", "Suppress the load output"),
)

INFO_FLAGS = (F("format", "f", "string", INSPECT_FORMAT_HELP),)
VERSION_FLAGS = (F("format", "f", "string", INSPECT_FORMAT_HELP),)

CONTAINER_PRUNE_FLAGS = (
    F("filter", "", "filter", 'Provide filter values (e.g. "until=<timestamp>")'),
    F("force", "f", "bool", "Do not prompt for confirmation"),
)

IMAGE_PRUNE_FLAGS = (
    F("all", "a", "bool", "Remove all unused images, not just dangling ones"),
    F("filter", "", "filter", 'Provide filter values (e.g. "until=<timestamp>")'),
    F("force", "f", "bool", "Do not prompt for confirmation"),
)

VOLUME_CREATE_FLAGS = (
    # cluster-volume flags are annotated swarm=manager: hidden unless this node manages a swarm
    F("availability", "", "string", 'Cluster Volume availability ("active", "pause", "drain")',
      default="active", hidden=True, version="1.42"),
    F("driver", "d", "string", "Specify volume driver name", default="local"),
    F("group", "", "string", "Cluster Volume group (cluster volumes)", hidden=True, version="1.42"),
    F("label", "", "list", "Set metadata for a volume", validator="label"),
    F("limit-bytes", "", "bytes", "Minimum size of the Cluster Volume in bytes", hidden=True, version="1.42"),
    F("name", "", "string", "Specify volume name", hidden=True),
    F("opt", "o", "map", "Set driver specific options", default="map[]"),
    F("required-bytes", "", "bytes", "Maximum size of the Cluster Volume in bytes", hidden=True,
      version="1.42"),
    F("scope", "", "string", 'Cluster Volume access scope ("single", "multi")', default="single",
      hidden=True, version="1.42"),
    F("secret", "", "map", "Cluster Volume secrets", default="map[]", hidden=True, version="1.42"),
    F("sharing", "", "string", 'Cluster Volume access sharing ("none", "readonly", "onewriter", "all")',
      default="none", hidden=True, version="1.42"),
    F("topology-preferred", "", "list", "A topology that the Cluster Volume would be preferred in",
      hidden=True, version="1.42"),
    F("topology-required", "", "list", "A topology that the Cluster Volume must be accessible from",
      hidden=True, version="1.42"),
    F("type", "", "string", 'Cluster Volume access type ("mount", "block")', default="block", hidden=True,
      version="1.42"),
)

VOLUME_LS_FLAGS = (
    F("cluster", "", "bool", "Display only cluster volumes, and use cluster volume list formatting",
      hidden=True, version="1.42"),
    F("filter", "f", "filter", 'Provide filter values (e.g. "dangling=true")'),
    F("format", "", "string", FORMAT_HELP),
    F("quiet", "q", "bool", "Only display volume names"),
)

VOLUME_INSPECT_FLAGS = (F("format", "f", "string", INSPECT_FORMAT_HELP),)
VOLUME_RM_FLAGS = (F("force", "f", "bool", "Force the removal of one or more volumes", version="1.25"),)

VOLUME_PRUNE_FLAGS = (
    F("all", "a", "bool", "Remove all unused volumes, not just anonymous ones", version="1.42"),
    F("filter", "", "filter", 'Provide filter values (e.g. "label=<label>")'),
    F("force", "f", "bool", "Do not prompt for confirmation"),
)

SYSTEM_DF_FLAGS = (
    F("format", "", "string", FORMAT_HELP),
    F("verbose", "v", "bool", "Show detailed information on space usage"),
)

SYSTEM_PRUNE_FLAGS = (
    F("all", "a", "bool", "Remove all unused images not just dangling ones"),
    F("filter", "", "filter", 'Provide filter values (e.g. "label=<key>=<value>")', version="1.28"),
    F("force", "f", "bool", "Do not prompt for confirmation"),
    F("volumes", "", "bool", "Prune anonymous volumes"),
)

# docker/cli cli/command/builder/prune.go (docker builder prune as the CLI runs it without the
# buildx plugin, as on the machines the simulator is compared with; docker system prune runs
# the same code for the build cache)
BUILDER_PRUNE_FLAGS = (
    F("all", "a", "bool", "Remove all unused build cache, not just dangling ones"),
    F("filter", "", "filter", 'Provide filter values (e.g. "until=24h")'),
    F("force", "f", "bool", "Do not prompt for confirmation"),
    F("keep-storage", "", "bytes", "Amount of disk space to keep for cache"),
)

# docker build = docker buildx build: with the buildx plugin installed (docker's default since
# v23) "docker build", "docker image build" and "docker builder build" all run "docker buildx
# build" (docker/buildx commands/build.go, docs/reference/buildx_build.md). A CLI without buildx
# shows the deprecated legacy builder instead (another flag set, and a DEPRECATED banner).
BUILD_FLAGS = (
    F("add-host", "", "strings", 'Add a custom host-to-IP mapping (format: "host:ip")'),
    F("allow", "", "strings", 'Allow extra privileged entitlement (e.g., "network.host", "security.insecure")'),
    F("annotation", "", "stringArray", "Add annotation to the image"),
    F("attest", "", "stringArray", 'Attestation parameters (format: "type=sbom,generator=image")'),
    F("build-arg", "", "stringArray", "Set build-time variables"),
    F("build-context", "", "stringArray", "Additional build contexts (e.g., name=path)"),
    F("builder", "", "string", "Override the configured builder instance"),
    F("cache-from", "", "stringArray",
      'External cache sources (e.g., "user/app:cache", "type=local,src=path/to/dir")'),
    F("cache-to", "", "stringArray",
      'Cache export destinations (e.g., "user/app:cache", "type=local,dest=path/to/dir")'),
    F("call", "", "string", 'Set method for evaluating build ("check", "outline", "targets")', default="build"),
    F("cgroup-parent", "", "string", 'Set the parent cgroup for the "RUN" instructions during build'),
    F("check", "", "bool", 'Shorthand for "--call=check"'),
    F("compress", "", "bool", "Compress the build context using gzip", hidden=True),
    F("cpu-period", "", "int", "Limit the CPU CFS (Completely Fair Scheduler) period", hidden=True),
    F("cpu-quota", "", "int", "Limit the CPU CFS (Completely Fair Scheduler) quota", hidden=True),
    F("cpu-shares", "c", "int", "CPU shares (relative weight)", hidden=True),
    F("cpuset-cpus", "", "string", 'CPUs in which to allow execution ("0-3", "0,1")', hidden=True),
    F("cpuset-mems", "", "string", 'MEMs in which to allow execution ("0-3", "0,1")', hidden=True),
    F("debug", "D", "bool", "Enable debug logging"),
    F("file", "f", "string", 'Name of the Dockerfile (default: "PATH/Dockerfile")'),
    F("force-rm", "", "bool", "Always remove intermediate containers", hidden=True),
    F("iidfile", "", "string", "Write the image ID to a file"),
    F("isolation", "", "string", "Container isolation technology", hidden=True),
    F("label", "", "stringArray", "Set metadata for an image"),
    F("load", "", "bool", 'Shorthand for "--output=type=docker"'),
    F("memory", "m", "string", "Memory limit", hidden=True),
    F("memory-swap", "", "string", 'Swap limit equal to memory plus swap: "-1" to enable unlimited swap',
      hidden=True),
    F("metadata-file", "", "string", "Write build result metadata to a file"),
    F("network", "", "string", 'Set the networking mode for the "RUN" instructions during build',
      default="default"),
    F("no-cache", "", "bool", "Do not use cache when building the image"),
    F("no-cache-filter", "", "stringArray", "Do not cache specified stages"),
    F("output", "o", "stringArray", 'Output destination (format: "type=local,dest=path")'),
    F("platform", "", "stringArray", "Set target platform for build"),
    F("progress", "", "string",
      'Set type of progress output ("auto", "quiet", "plain", "tty", "rawjson"). Use plain to show container output',
      default="auto"),
    F("provenance", "", "string", 'Shorthand for "--attest=type=provenance"'),
    F("pull", "", "bool", "Always attempt to pull all referenced images"),
    F("push", "", "bool", 'Shorthand for "--output=type=registry"'),
    F("quiet", "q", "bool", "Suppress the build output and print image ID on success"),
    F("rm", "", "bool", "Remove intermediate containers after a successful build", default="true",
      hidden=True),
    F("sbom", "", "string", 'Shorthand for "--attest=type=sbom"'),
    F("secret", "", "stringArray", 'Secret to expose to the build (format: "id=mysecret[,src=/local/secret]")'),
    F("security-opt", "", "strings", "Security options", hidden=True),
    F("shm-size", "", "bytes", "Shared memory size for build containers"),
    F("squash", "", "bool", "Squash newly built layers into a single new layer", hidden=True),
    F("ssh", "", "stringArray",
      'SSH agent socket or keys to expose to the build (format: "default|<id>[=<socket>|<key>[,<key>]]")'),
    F("tag", "t", "stringArray", 'Name and optionally a tag (format: "name:tag")'),
    F("target", "", "string", "Set the target build stage to build"),
    F("ulimit", "", "ulimit", "Ulimit options", default="[]"),
)

# global options (cli/flags/options.go); defaults that mention the config dir are filled in
# at render time from $HOME (see args._root_flags)
GLOBAL_FLAGS = (
    F("config", "", "string", "Location of client config files", default="{config_dir}"),
    F("context", "c", "string",
      'Name of the context to use to connect to the daemon (overrides DOCKER_HOST env var and default context set with "docker context use")'),
    F("debug", "D", "bool", "Enable debug mode"),
    F("host", "H", "list", "Daemon socket to connect to"),
    F("log-level", "l", "string", 'Set the logging level ("debug", "info", "warn", "error", "fatal")',
      default="info"),
    F("tls", "", "bool", "Use TLS; implied by --tlsverify"),
    F("tlscacert", "", "string", "Trust certs signed only by this CA", default="{config_dir}/ca.pem"),
    F("tlscert", "", "string", "Path to TLS certificate file", default="{config_dir}/cert.pem"),
    F("tlskey", "", "string", "Path to TLS key file", default="{config_dir}/key.pem"),
    F("tlsverify", "", "bool", "Use TLS and verify the remote"),
    F("version", "v", "bool", "Print version information and quit"),
)

# the root's persistent --help/-h (hidden; -h is deprecated in favour of --help)
PERSISTENT_HELP = F("help", "h", "bool", "Print usage", hidden=True, shorthand_deprecated="use --help")


# ----------------------------------------------------------------------------------------------
# the tree

def _stub(use: str, short: str, **kw) -> Command:
    return Command(use, short, supported=False, **kw)


def _mgmt(use: str, short: str, canonical: str = "", **kw) -> Command:
    return Command(use, short, canonical=canonical or use.split()[0], args=NO_ARGS, **kw)


def _aliases(*names: str) -> str:
    return ", ".join(names)


def _build_tree() -> Command:
    root = Command("docker [OPTIONS] COMMAND [ARG...]", "A self-sufficient runtime for containers",
                   canonical="", args=ANY, flags=GLOBAL_FLAGS, interspersed=False)

    def run_cmd() -> Command:
        return Command("run [OPTIONS] IMAGE [COMMAND] [ARG...]", "Create and run a new container from an image",
                       canonical="run", args=MIN(1), flags=RUN_FLAGS, interspersed=False,
                       aliases_annotation=_aliases("docker container run", "docker run"))

    def exec_cmd() -> Command:
        return Command("exec [OPTIONS] CONTAINER COMMAND [ARG...]", "Execute a command in a running container",
                       canonical="exec", args=MIN(2), flags=EXEC_FLAGS, interspersed=False,
                       aliases_annotation=_aliases("docker container exec", "docker exec"))

    def create_cmd() -> Command:
        return Command("create [OPTIONS] IMAGE [COMMAND] [ARG...]", "Create a new container", canonical="create",
                       args=MIN(1), flags=CREATE_FLAGS, interspersed=False,
                       aliases_annotation=_aliases("docker container create", "docker create"))

    def simple(verb: str, use: str, short: str, args: ArgsRule, flags=(), canonical: str = "",
               group: str = "container", **kw) -> Command:
        return Command(use, short, canonical=canonical or verb, args=args, flags=flags,
                       aliases_annotation=_aliases(f"docker {group} {verb}", f"docker {verb}"), **kw)

    cp_long = ("Copy files/folders between a container and the local filesystem\n\n"
               "Use '-' as the source to read a tar archive from stdin\n"
               "and extract it to a directory destination in a container.\n"
               "Use '-' as the destination to stream a tar archive of a\n"
               "container source to stdout.")

    def container_cmds(top: bool) -> list[Command]:
        """The container commands; ``top`` builds the top-level copies (docker ps...)."""
        ls = Command("ps [OPTIONS]" if top else "ls [OPTIONS]", "List containers", canonical="ps",
                     args=NO_ARGS, flags=PS_FLAGS, aliases=() if top else ("ps", "list"),
                     aliases_annotation="docker container ls, docker container list, docker container ps, docker ps")
        rm = Command("rm [OPTIONS] CONTAINER [CONTAINER...]", "Remove one or more containers", canonical="rm",
                     args=MIN(1), flags=RM_FLAGS, aliases=() if top else ("remove",),
                     aliases_annotation="docker container rm, docker container remove, docker rm")
        cmds = [
            _stub("attach [OPTIONS] CONTAINER",
                  "Attach local standard input, output, and error streams to a running container"),
            simple("commit", "commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]",
                   "Create a new image from a container's changes", RANGE(1, 2), COMMIT_FLAGS),
            simple("cp", "cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH",
                   "Copy files/folders between a container and the local filesystem", EXACT(2), CP_FLAGS,
                   long=cp_long),
            create_cmd(),
            simple("diff", "diff CONTAINER", "Inspect changes to files or directories on a container's filesystem",
                   EXACT(1)),
            exec_cmd(),
            simple("export", "export [OPTIONS] CONTAINER", "Export a container's filesystem as a tar archive",
                   EXACT(1), EXPORT_FLAGS),
            simple("kill", "kill [OPTIONS] CONTAINER [CONTAINER...]", "Kill one or more running containers",
                   MIN(1), KILL_FLAGS),
            simple("logs", "logs [OPTIONS] CONTAINER", "Fetch the logs of a container", EXACT(1), LOGS_FLAGS),
            ls if not top else None,
            _stub("pause CONTAINER [CONTAINER...]", "Pause all processes within one or more containers"),
            simple("port", "port CONTAINER [PRIVATE_PORT[/PROTO]]",
                   "List port mappings or a specific mapping for the container", RANGE(1, 2)),
            simple("rename", "rename CONTAINER NEW_NAME", "Rename a container", EXACT(2)),
            simple("restart", "restart [OPTIONS] CONTAINER [CONTAINER...]", "Restart one or more containers", MIN(1),
                   STOP_FLAGS),
            rm,
            run_cmd(),
            simple("start", "start [OPTIONS] CONTAINER [CONTAINER...]", "Start one or more stopped containers",
                   MIN(1), START_FLAGS),
            simple("stats", "stats [OPTIONS] [CONTAINER...]",
                   "Display a live stream of container(s) resource usage statistics", ANY, STATS_FLAGS),
            simple("stop", "stop [OPTIONS] CONTAINER [CONTAINER...]", "Stop one or more running containers",
                   MIN(1), STOP_FLAGS),
            simple("top", "top CONTAINER [ps OPTIONS]", "Display the running processes of a container",
                   MIN(1), interspersed=False),
            _stub("unpause CONTAINER [CONTAINER...]", "Unpause all processes within one or more containers"),
            simple("update", "update [OPTIONS] CONTAINER [CONTAINER...]",
                   "Update configuration of one or more containers", MIN(1), UPDATE_FLAGS),
            simple("wait", "wait CONTAINER [CONTAINER...]",
                   "Block until one or more containers stop, then print their exit codes", MIN(1)),
        ]
        if top:
            cmds.append(ls)
        return [c for c in cmds if c is not None]

    def image_cmds(top: bool) -> list[Command]:
        ls = Command("images [OPTIONS] [REPOSITORY[:TAG]]" if top else "ls [OPTIONS] [REPOSITORY[:TAG]]",
                     "List images", canonical="images", args=MAX(1), flags=IMAGES_FLAGS,
                     aliases=() if top else ("list",),
                     aliases_annotation="docker image ls, docker image list, docker images")
        rmi = Command("rmi [OPTIONS] IMAGE [IMAGE...]" if top else "rm [OPTIONS] IMAGE [IMAGE...]",
                      "Remove one or more images", canonical="rmi", args=MIN(1), flags=RMI_FLAGS,
                      aliases=() if top else ("rmi", "remove"),
                      aliases_annotation="docker image rm, docker image remove, docker rmi")
        build = Command("build [OPTIONS] PATH | URL | -", "Build an image from a Dockerfile", canonical="build",
                        args=EXACT(1), flags=BUILD_FLAGS,
                        aliases_annotation="docker image build, docker build, docker builder build")
        cmds = [
            build,
            simple("history", "history [OPTIONS] IMAGE", "Show the history of an image", EXACT(1), HISTORY_FLAGS,
                   group="image"),
            simple("import", "import [OPTIONS] file|URL|- [REPOSITORY[:TAG]]",
                   "Import the contents from a tarball to create a filesystem image", MIN(1), IMPORT_FLAGS,
                   group="image"),
            Command("inspect [OPTIONS] IMAGE [IMAGE...]", "Display detailed information on one or more images",
                    canonical="image inspect", args=MIN(1), flags=IMAGE_INSPECT_FLAGS) if not top else None,
            simple("load", "load [OPTIONS]", "Load an image from a tar archive or STDIN", NO_ARGS, LOAD_FLAGS,
                   group="image"),
            ls,
            Command("prune [OPTIONS]", "Remove unused images", canonical="image prune", args=NO_ARGS,
                    flags=IMAGE_PRUNE_FLAGS) if not top else None,
            simple("pull", "pull [OPTIONS] NAME[:TAG|@DIGEST]", "Download an image from a registry", EXACT(1),
                   PULL_FLAGS, group="image"),
            _stub("push [OPTIONS] NAME[:TAG]", "Upload an image to a registry"),
            rmi,
            simple("save", "save [OPTIONS] IMAGE [IMAGE...]",
                   "Save one or more images to a tar archive (streamed to STDOUT by default)", MIN(1), SAVE_FLAGS,
                   group="image"),
            simple("tag", "tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
                   "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE", EXACT(2), group="image"),
        ]
        return [c for c in cmds if c is not None]

    # --- management commands
    container = _mgmt("container", "Manage containers").add(
        *container_cmds(False),
        Command("inspect [OPTIONS] CONTAINER [CONTAINER...]",
                "Display detailed information on one or more containers", canonical="container inspect",
                args=MIN(1), flags=CONTAINER_INSPECT_FLAGS),
        Command("prune [OPTIONS]", "Remove all stopped containers", canonical="container prune", args=NO_ARGS,
                flags=CONTAINER_PRUNE_FLAGS),
    )
    container.commands.sort(key=lambda c: c.name)
    image = _mgmt("image", "Manage images").add(*image_cmds(False))
    image.commands.sort(key=lambda c: c.name)
    volume = _mgmt("volume COMMAND", "Manage volumes", canonical="volume").add(
        Command("create [OPTIONS] [VOLUME]", "Create a volume", canonical="volume create", args=MAX(1),
                flags=VOLUME_CREATE_FLAGS),
        Command("inspect [OPTIONS] VOLUME [VOLUME...]", "Display detailed information on one or more volumes",
                canonical="volume inspect", args=MIN(1), flags=VOLUME_INSPECT_FLAGS),
        Command("ls [OPTIONS]", "List volumes", canonical="volume ls", args=NO_ARGS, flags=VOLUME_LS_FLAGS,
                aliases=("list",)),
        Command("prune [OPTIONS]", "Remove unused local volumes", canonical="volume prune", args=NO_ARGS,
                flags=VOLUME_PRUNE_FLAGS),
        Command("rm [OPTIONS] VOLUME [VOLUME...]", "Remove one or more volumes", canonical="volume rm",
                long="Remove one or more volumes. You cannot remove a volume that is in use by a container.",
                args=MIN(1), flags=VOLUME_RM_FLAGS, aliases=("remove",)),
        _stub("update [OPTIONS] [VOLUME]", "Update a volume (cluster volumes only)", hidden=True),
    )
    system = _mgmt("system", "Manage Docker").add(
        Command("df [OPTIONS]", "Show docker disk usage", canonical="system df", args=NO_ARGS,
                flags=SYSTEM_DF_FLAGS),
        _stub("events [OPTIONS]", "Get real time events from the server"),
        simple("info", "info [OPTIONS]", "Display system-wide information", NO_ARGS, INFO_FLAGS, group="system"),
        Command("prune [OPTIONS]", "Remove unused data", canonical="system prune", args=NO_ARGS,
                flags=SYSTEM_PRUNE_FLAGS),
    )
    # With the buildx plugin installed, "docker builder" is an alias of "docker buildx".
    builder = _stub("builder", "Manage builds")
    builder.add(Command("build [OPTIONS] PATH | URL | -", "Build an image from a Dockerfile", canonical="build",
                        args=EXACT(1), flags=BUILD_FLAGS,
                        aliases_annotation="docker image build, docker build, docker builder build"),
                Command("prune", "Remove build cache", canonical="builder prune", args=NO_ARGS,
                        flags=BUILDER_PRUNE_FLAGS))
    buildx = _stub("buildx", "Docker Buildx", plugin=True)
    buildx.add(Command("build [OPTIONS] PATH | URL | -", "Start a build", canonical="build", args=EXACT(1),
                       flags=BUILD_FLAGS, aliases=("b",),
                       aliases_annotation="docker build, docker builder build, docker image build, docker buildx b"))

    top_level = {c.name: c for c in container_cmds(True)}
    top_level.update({c.name: c for c in image_cmds(True)})
    cat = {"run": 1, "exec": 2, "ps": 3, "build": 4, "pull": 5, "push": 6, "images": 7, "login": 8,
           "logout": 9, "search": 10, "version": 11, "info": 12}
    for c in top_level.values():
        if c.name in cat:
            c.category_top = cat[c.name]
    info = simple("info", "info [OPTIONS]", "Display system-wide information", NO_ARGS, INFO_FLAGS,
                  group="system", category_top=12)
    version = Command("version [OPTIONS]", "Show the Docker version information", canonical="version",
                      args=NO_ARGS, flags=VERSION_FLAGS, category_top=11)
    inspect = Command("inspect [OPTIONS] NAME|ID [NAME|ID...]", "Return low-level information on Docker objects",
                      canonical="inspect", args=MIN(1), flags=INSPECT_FLAGS)
    root.add(
        *top_level.values(),
        _stub("login [OPTIONS] [SERVER]", "Authenticate to a registry", category_top=8),
        _stub("logout [SERVER]", "Log out from a registry", category_top=9),
        _stub("search [OPTIONS] TERM", "Search Docker Hub for images", category_top=10),
        version, info, inspect,
        _stub("events [OPTIONS]", "Get real time events from the server"),
        builder, buildx,
        _stub("compose", "Docker Compose", plugin=True),
        container,
        _stub("context", "Manage contexts"),
        image,
        _stub("manifest COMMAND", "Manage Docker image manifests and manifest lists"),
        _stub("network", "Manage networks"),
        _stub("plugin", "Manage plugins"),
        system,
        _stub("trust", "Manage trust on Docker images"),
        volume,
        _stub("config", "Manage Swarm configs", swarm=True),
        _stub("node", "Manage Swarm nodes", swarm=True),
        _stub("secret", "Manage Swarm secrets", swarm=True),
        _stub("service", "Manage Swarm services", swarm=True),
        _stub("stack [OPTIONS]", "Manage Swarm stacks", swarm=True),
        _stub("swarm", "Manage Swarm", swarm=True),
        _stub("checkpoint", "Manage checkpoints", hidden=True),
    )
    # management-command stubs must count as "having subcommands" in help listings
    for c in root.commands:
        if c.name in ("compose", "context", "manifest", "network", "plugin", "trust", "config", "node",
                      "secret", "service", "stack", "swarm", "checkpoint") and not c.commands:
            c.add(_stub("_", "", hidden=True))
    root.commands.sort(key=lambda c: c.name)
    return root


ROOT: Command = _build_tree()


def walk(cmd: Command = ROOT):
    """Every command of the tree, depth first."""
    yield cmd
    for c in cmd.commands:
        yield from walk(c)


def find_command(*path: str) -> Optional[Command]:
    """The command at ``path`` (names or aliases), e.g. find_command("container", "ls")."""
    c: Optional[Command] = ROOT
    for p in path:
        if c is None:
            return None
        c = c.find(p)
    return c
