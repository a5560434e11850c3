"""Parse a docker command line exactly as the docker CLI (cobra + spf13/pflag) does.

    parse(["run", "-it", "--rm", "-v", "data:/data", "alpine", "ls", "-l"])
    -> Parsed(command="run", path=("run",), opts={"interactive": True, "tty": True, "rm": True,
              "volume": ["data:/data"], ...}, args=["alpine", "ls", "-l"])

What is reproduced (docker/cli v28 ``cmd/docker/docker.go``, ``cli/cobra.go``,
``cli/required.go``; spf13/cobra ``Traverse``/``execute``; spf13/pflag ``parseArgs``):

* global options first (``docker -D ps``), parsed up to the first non-flag, then cobra's
  ``Traverse`` down the command tree (flags between ``docker container`` and ``ls`` belong to
  ``container``), then the command's own flags;
* pflag syntax: ``--flag=value``, ``--flag value``, ``-f value``, ``-fvalue``, ``-f=value``,
  clusters of short bools ``-it``/``-dit`` with a value flag last (``-dv x``, ``-dvx``), ``--``,
  ``-`` as a positional, ``--rm=false``; repeated list flags accumulate; interspersed
  positionals except for run/create/exec (``docker run img ls -l`` gives ``-l`` to the
  container);
* value parsing and docker's Set-time validators (ints via strconv.ParseInt base 0, bools,
  durations, sizes, --env/--label/--sysctl/--add-host/--dns/--attach/--mount/--filter...),
  with Go's messages;
* every error text and exit status: flag errors are cli.StatusError 125 with the command's
  usage line; argument-count errors exit 1 with docker's ``cli/required.go`` wording; unknown
  commands; ``--help``/``-h`` (and its deprecation notice), ``docker help CMD``,
  ``docker --version``, ``docker`` / ``docker volume`` alone printing usage on stderr.

Errors are raised as :class:`CLIUsageError` (``message`` is what docker prints on stderr,
without the final newline; ``exit_code`` its status). Help and version requests come back as
a :class:`Parsed` with ``help=True``, ``help_text`` and ``help_stream``.

Differences from the 20.10 CLI (the current v28 wording is used):

* argument errors: v28 ``docker: 'docker run' requires at least 1 argument\\n\\nUsage:  ...\\n\\n
  See 'docker run --help' for more information``; 20.10 printed ``"docker run" requires at
  least 1 argument.\\nSee 'docker run --help'.\\n\\nUsage:  ...\\n\\n<short description>``.
  docker 28.2.2 prints "SRun" (sic) in the RequiresMaxArgs message; fixed upstream to "Run",
  which we print.
* flag errors: v28 ``unknown flag: --foo\\n\\nUsage:  ...\\n\\nRun 'docker run --help' for more
  information``; 20.10 ``unknown flag: --foo\\nSee 'docker run --help'.``
* unknown command: v28 ``docker: unknown command: docker foo\\n\\nRun 'docker --help' for more
  information``; 20.10 ``docker: 'foo' is not a docker command.\\nSee 'docker --help'``.
"""
from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Optional

from . import spec as S
from .spec import Command, Flag
from ..golang.csv import read_record
from ..golang.strconv import go_quote, go_quote_rune, parse_bool, parse_int, parse_uint
from ..golang.time import parse_duration
from .units import SizeError, ram_in_bytes

__all__ = [
    "CLIUsageError", "Parsed", "parse", "usage_text", "root_usage_text", "version_text",
    "with_help", "to_status_error", "flag_usages", "parse_mount", "map_dict", "VALIDATORS",
]


class CLIUsageError(Exception):
    """A usage error as docker reports it: ``message`` goes to stderr (docker adds the final
    newline), ``exit_code`` is the CLI's exit status (125 for flag errors, 1 for argument
    errors and unknown commands, 64 never here)."""

    def __init__(self, message: str, exit_code: int = 125, warnings: Optional[list] = None):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.warnings = warnings or []

    def __str__(self) -> str:
        return self.message


@dataclass
class Parsed:
    """The result of :func:`parse`.

    ``command``: the simulator's canonical command ("run", "ps", "images", "rmi", "volume
    create", "system df", "image prune", "container inspect", "build"...; "" for the bare
    root); ``path``: the command path as resolved (``("container", "ls")``);
    ``command_path``: cobra's CommandPath ("docker container ls"), which docker uses in its
    own messages. ``opts`` maps every flag's key (its long name, hidden aliases folded into
    their canonical flag) to its value, defaults included; ``changed`` holds the keys given on
    the command line (cobra's ``Flags().Changed``); ``args`` are the positionals.
    Value types: bool, str, int (ints, sizes in bytes, ``--cpus`` in nano-CPUs, durations in
    nanoseconds); repeatable flags are lists of the strings given, already validated as
    docker validates them: list/stringArray, strings (comma-split), map ("k=v"), filter
    (normalised "name=value", duplicates dropped), mount and ulimit (use :func:`parse_mount`,
    the daemon's ``filters.Args.parse`` for structured forms); ``network`` is a string (last one wins).
    ``help``/``help_text``/``help_stream``: set when docker would print usage (or its version)
    and exit 0. ``warnings``: (stream, text) pairs docker prints while parsing (deprecated
    flags). ``supported`` is False for commands the simulator does not implement (their
    arguments are left unparsed in ``args``)."""
    command: str
    path: tuple[str, ...] = ()
    opts: dict[str, Any] = field(default_factory=dict)
    args: list[str] = field(default_factory=list)
    changed: set[str] = field(default_factory=set)
    command_path: str = "docker"
    help: bool = False
    help_text: str = ""
    help_stream: str = "stdout"
    exit_code: int = 0
    warnings: list[tuple[str, str]] = field(default_factory=list)
    supported: bool = True
    global_opts: dict[str, Any] = field(default_factory=dict)
    args_len_at_dash: int = -1

    def __getitem__(self, key: str) -> Any:
        return self.opts[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.opts.get(key, default)


# ==============================================================================================
# docker's option validators (opts/opts.go, opts/env.go, container/opts.go...)

def _v_env(val: str) -> str:
    k = val.split("=", 1)[0]
    if k == "":
        raise ValueError("invalid environment variable: " + val)
    return val


def _v_label(val: str) -> str:
    key = val.split("=", 1)[0].lstrip(" \t")
    if key == "":
        raise ValueError(f"invalid label '{val}': empty name")
    if any(c in key for c in " \t"):
        raise ValueError(f"label '{key}' contains whitespaces")
    return val


_SYSCTLS = {"kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall",
            "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced"}


def _v_sysctl(val: str) -> str:
    k, sep, _ = val.partition("=")
    if not sep or k == "":
        raise ValueError(f"sysctl '{val}' is not allowed")
    if k in _SYSCTLS or k.startswith(("net.", "fs.mqueue.")):
        return val
    raise ValueError(f"sysctl '{val}' is not allowed")


def _go_parse_ip(s: str) -> Optional[str]:
    try:
        ip = ipaddress.ip_address(s)
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ip)


def _v_ip_address(val: str) -> str:
    ip = _go_parse_ip(val.strip())
    if ip is None:
        raise ValueError(f"IP address is not correctly formatted: {val}")
    return ip


def _v_extra_host(val: str) -> str:
    # ValidateExtraHost (docker/cli v28): "host=ip" or legacy "host:ip"; ip may be [ipv6]
    name, sep, ip = val.partition("=")
    if not sep:
        name, sep, ip = val.partition(":")
    if not sep or name == "":
        raise ValueError(f"bad format for add-host: {go_quote(val)}")
    if ip.startswith("[") and ip.endswith("]"):
        ip = ip[1:-1]
    if ip != "host-gateway" and _go_parse_ip(ip) is None:
        raise ValueError(f"invalid IP address in add-host: {go_quote(ip)}")
    return val


_DOMAIN_RE = re.compile(r"^(:?(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9]))"
                        r"(:?\.(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9])))*)\.?\s*$")


def _v_dns_search(val: str) -> str:
    val = val.strip(" ")
    if val == ".":
        return val
    m = _DOMAIN_RE.match(val) if re.search(r"[a-zA-Z]", val) else None
    if m and len(m.group(1)) < 255:
        return m.group(1)
    raise ValueError(f"{val} is not a valid domain")


def _v_attach(val: str) -> str:
    v = val.lower()
    if v in ("stdin", "stdout", "stderr"):
        return v
    raise ValueError("valid streams are STDIN, STDOUT and STDERR")


def _v_link(val: str) -> str:
    if val == "":
        raise ValueError("empty string specified for links")
    if len(val.split(":")) > 2:
        raise ValueError("bad format for links: " + val)
    return val


def _v_device_cgroup_rule(val: str) -> str:
    if not re.match(r"^[acb] ([0-9]+|\*):([0-9]+|\*) [rwm]{1,3}$", val):
        raise ValueError(f"invalid device cgroup format '{val}'")
    return val


def _v_weight_device(val: str) -> str:
    k, sep, w = val.rpartition(":")
    if not sep or not k.startswith("/dev/"):
        raise ValueError(f"bad format: {val}")
    try:
        weight = parse_uint(w, 10, 16)
    except ValueError:
        raise ValueError(f"invalid weight for device: {val}") from None
    if weight > 0 and (weight < 10 or weight > 1000):
        raise ValueError(f"invalid weight for device: {val}")
    return val


def _v_throttle_bps(val: str) -> str:
    k, sep, r = val.rpartition(":")
    if not sep or not k.startswith("/dev/"):
        raise ValueError(f"bad format: {val}")
    try:
        n = ram_in_bytes(r)
    except SizeError:
        n = -1
    if n < 0:
        raise ValueError(f"invalid rate for device: {val}. The correct format is <device-path>:<number>[<unit>]. "
                         "Number must be a positive integer. Unit is optional and can be kb, mb, or gb")
    return val


def _v_throttle_iops(val: str) -> str:
    k, sep, r = val.rpartition(":")
    if not sep or not k.startswith("/dev/"):
        raise ValueError(f"bad format: {val}")
    try:
        parse_uint(r, 10, 64)
    except ValueError:
        raise ValueError(f"invalid rate for device: {val}. The correct format is <device-path>:<number>. "
                         "Number must be a positive integer") from None
    return val


def _v_gpus(val: str) -> str:
    for f in read_record(val):
        k, sep, v = f.partition("=")
        if not sep:
            k, v = "count", f
        if k == "count" and v != "all":
            try:
                parse_int(v, 10, 64)
            except ValueError:
                raise ValueError(f'invalid count ({v}): value must be either "all" or an integer: invalid syntax') from None
        elif k not in ("count", "driver", "device", "capabilities", "options"):
            raise ValueError(f"unexpected key '{k}' in '{f}'")
    return val


def _v_memswap(val: str) -> str:
    return val


VALIDATORS = {
    "env": _v_env, "label": _v_label, "sysctl": _v_sysctl, "ip_address": _v_ip_address,
    "extra_host": _v_extra_host, "dns_search": _v_dns_search, "attach": _v_attach,
    "link": _v_link, "device_cgroup_rule": _v_device_cgroup_rule,
    "weight_device": _v_weight_device, "throttle_bps": _v_throttle_bps,
    "throttle_iops": _v_throttle_iops, "gpus": _v_gpus, "memswap": _v_memswap,
}


# ---- --mount (opts/mount.go)

def parse_mount(value: str, cwd: Optional[str] = None) -> dict[str, Any]:
    """opts.MountOpt.Set: one ``--mount`` value as an API Mount object, e.g.
    ``{"Type": "volume", "Source": "data", "Target": "/data", "ReadOnly": False,
    "VolumeOptions": {...}}``. Raises ValueError with docker's message.  The one ``--mount``
    parser: the daemon receives its result in ``HostConfig.Mounts`` (mounts.spec_from_api).
    A source of ``.`` or ``./…`` is made absolute against ``cwd`` (the client's folder)."""
    fields = read_record(value)
    mount: dict[str, Any] = {"Type": "volume"}
    vol: Optional[dict] = None
    bind: Optional[dict] = None
    tmpfs: Optional[dict] = None
    image: Optional[dict] = None

    def vol_opts() -> dict:
        nonlocal vol
        if vol is None:
            vol = {"Labels": {}, "DriverConfig": {}}
        return vol

    def bind_opts() -> dict:
        nonlocal bind
        if bind is None:
            bind = {}
        return bind

    def tmpfs_opts() -> dict:
        nonlocal tmpfs
        if tmpfs is None:
            tmpfs = {}
        return tmpfs

    def set_on_map(target: dict, v: str) -> None:
        k, _, x = v.partition("=")
        if k:
            target[k] = x

    for fld in fields:
        key, sep, val = fld.partition("=")
        key = key.lower()
        if not sep:
            if key in ("readonly", "ro"):
                mount["ReadOnly"] = True
                continue
            if key == "volume-nocopy":
                vol_opts()["NoCopy"] = True
                continue
            if key == "bind-nonrecursive":
                bind_opts()["NonRecursive"] = True
                continue
            raise ValueError(f"invalid field '{fld}' must be a key=value pair")
        if key == "type":
            mount["Type"] = val.lower()
        elif key in ("source", "src"):
            mount["Source"] = val
            if val == "." or val.startswith("./"):
                mount["Source"] = os.path.normpath(os.path.join(cwd or os.getcwd(), val))
        elif key in ("target", "dst", "destination"):
            mount["Target"] = val
        elif key in ("readonly", "ro"):
            try:
                mount["ReadOnly"] = parse_bool(val)
            except ValueError:
                raise ValueError(f"invalid value for {key}: {val}") from None
        elif key == "consistency":
            mount["Consistency"] = val.lower()
        elif key == "bind-propagation":
            bind_opts()["Propagation"] = val.lower()
        elif key == "bind-nonrecursive":
            try:
                bind_opts()["NonRecursive"] = parse_bool(val)
            except ValueError:
                raise ValueError(f"invalid value for {key}: {val}") from None
        elif key == "bind-recursive":
            if val == "enabled":
                pass
            elif val == "disabled":
                bind_opts()["NonRecursive"] = True
            elif val == "writable":
                bind_opts()["ReadOnlyNonRecursive"] = True
            elif val == "readonly":
                bind_opts()["ReadOnlyForceRecursive"] = True
            else:
                raise ValueError(f'invalid value for {key}: {val} (must be "enabled", "disabled", "writable", or "readonly")')
        elif key == "volume-subpath":
            vol_opts()["Subpath"] = val
        elif key == "volume-nocopy":
            try:
                vol_opts()["NoCopy"] = parse_bool(val)
            except ValueError:
                raise ValueError(f"invalid value for volume-nocopy: {val}") from None
        elif key == "volume-label":
            set_on_map(vol_opts()["Labels"], val)
        elif key == "volume-driver":
            vol_opts()["DriverConfig"]["Name"] = val
        elif key == "volume-opt":
            set_on_map(vol_opts()["DriverConfig"].setdefault("Options", {}), val)
        elif key == "image-subpath":
            if image is None:
                image = {}
            image["Subpath"] = val
        elif key == "tmpfs-size":
            try:
                tmpfs_opts()["SizeBytes"] = ram_in_bytes(val)
            except SizeError:
                raise ValueError(f"invalid value for {key}: {val}") from None
        elif key == "tmpfs-mode":
            try:
                tmpfs_opts()["Mode"] = parse_uint(val, 8, 32)
            except ValueError:
                raise ValueError(f"invalid value for {key}: {val}") from None
        else:
            raise ValueError(f"unexpected key '{key}' in '{fld}'")
    if mount["Type"] == "":
        raise ValueError("type is required")
    if not mount.get("Target"):
        raise ValueError("target is required")
    t = mount["Type"]
    if vol is not None and t != "volume":
        raise ValueError(f"cannot mix 'volume-*' options with mount type '{t}'")
    if image is not None and t != "image":
        raise ValueError(f"cannot mix 'image-*' options with mount type '{t}'")
    if bind is not None and t != "bind":
        raise ValueError(f"cannot mix 'bind-*' options with mount type '{t}'")
    if tmpfs is not None and t != "tmpfs":
        raise ValueError(f"cannot mix 'tmpfs-*' options with mount type '{t}'")
    if bind is not None:
        if bind.get("ReadOnlyNonRecursive") and not mount.get("ReadOnly"):
            raise ValueError("option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction")
        if bind.get("ReadOnlyForceRecursive"):
            if not mount.get("ReadOnly"):
                raise ValueError("option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction")
            if bind.get("Propagation") != "rprivate":
                raise ValueError("option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction")
    if vol is not None:
        mount["VolumeOptions"] = vol
    if bind is not None:
        mount["BindOptions"] = bind
    if tmpfs is not None:
        mount["TmpfsOptions"] = tmpfs
    if image is not None:
        mount["ImageOptions"] = image
    return mount


_ULIMITS = {"core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc",
            "rss", "rtprio", "rttime", "sigpending", "stack"}


def _parse_ulimit(val: str) -> dict:
    # go-units ParseUlimit
    parts = val.split("=", 1)
    if len(parts) != 2:
        raise ValueError(f"invalid ulimit argument: {val}")
    name, limits = parts
    if name not in _ULIMITS:
        raise ValueError(f"invalid ulimit type: {name}")
    lim = limits.split(":", 1)
    try:
        soft = parse_int(lim[0], 10, 64)
    except ValueError as e:
        raise ValueError(f"invalid ulimit soft value {lim[0]}: {e}") from None
    hard = soft
    if len(lim) == 2:
        try:
            hard = parse_int(lim[1], 10, 64)
        except ValueError as e:
            raise ValueError(f"invalid ulimit hard value {lim[1]}: {e}") from None
        if soft > hard:
            raise ValueError(f"ulimit soft limit must be less than or equal to hard limit: {soft} > {hard}")
    return {"Name": name, "Hard": hard, "Soft": soft}


_NETWORK_KEYS = {"name", "alias", "ip", "ip6", "mac-address", "link-local-ip", "driver-opt", "gw-priority"}


def map_dict(items: list[str]) -> dict[str, str]:
    """A map flag's "k=v" list as the dict docker's MapOpts holds (a later k wins)."""
    out: dict[str, str] = {}
    for it in items:
        k, _, v = it.partition("=")
        out[k] = v
    return out


def _parse_network(val: str) -> dict:
    # opts.NetworkOpt.Set: "name" or "name=net,alias=x,driver-opt=k=v..."
    att: dict[str, Any] = {"Target": "", "Aliases": [], "DriverOpts": {}, "Links": [],
                           "LinkLocalIPs": []}
    if "=" not in val:
        att["Target"] = val
        return att
    for fld in read_record(val):
        key, sep, v = fld.partition("=")
        key = key.strip().lower()
        if not sep:
            raise ValueError(f"invalid field key {key}")
        if key == "name":
            att["Target"] = v
        elif key == "alias":
            att["Aliases"].append(v)
        elif key == "ip":
            att["IPv4Address"] = v
        elif key == "ip6":
            att["IPv6Address"] = v
        elif key == "mac-address":
            att["MacAddress"] = v
        elif key == "link-local-ip":
            att["LinkLocalIPs"].append(v)
        elif key == "driver-opt":
            k2, _, v2 = v.partition("=")
            att["DriverOpts"][k2] = v2
        elif key == "gw-priority":
            att["GwPriority"] = parse_int(v, 10, 64)
        else:
            raise ValueError(f"invalid field key {key}")
    return att


def _parse_cpus(value: str) -> int:
    # opts.ParseCPUs (big.Rat SetString: "1.5", "3/2", "1e3")
    try:
        if "/" in value:
            a, b = value.split("/", 1)
            if not re.fullmatch(r"[+-]?\d+", a) or not re.fullmatch(r"\d+", b) or int(b) == 0:
                raise ValueError
            r = Fraction(int(a), int(b))
        else:
            if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", value):
                raise ValueError
            r = Fraction(value)
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"failed to parse {value} as a rational number") from None
    nano = r * 10**9
    if nano.denominator != 1:
        raise ValueError("value is too precise")
    return int(nano)


# ==============================================================================================
# flag values

_LIST_TYPES = {"list", "stringArray", "strings", "mount", "gpu-request", "ulimit", "map", "filter"}


def _default_value(f: Flag) -> Any:
    t = f.type
    d = f.default
    if t == "bool":
        return d == "true"
    if t == "string":
        return d or ""
    if t in ("int", "uint16", "uint"):
        return int(d) if d else 0
    if t in ("duration", "bytes", "decimal"):
        return 0
    if t in _LIST_TYPES:
        return []
    if t == "network":
        return ""
    return d


class _FlagState:
    """Values of one parse (one cobra command's FlagSet)."""

    def __init__(self, flags: list[Flag]):
        self.flags = flags
        self.by_name = {f.name: f for f in flags}
        self.by_short = {f.short: f for f in flags if f.short}
        self.values: dict[str, Any] = {}
        self.changed: set[str] = set()
        self.strings_set: set[str] = set()
        self.warnings: list[str] = []

    def set(self, f: Flag, value: str) -> None:
        """pflag FlagSet.Set: value.Set(...) then mark changed; errors as pflag words them."""
        try:
            self._set_value(f, value)
        except ValueError as e:
            raise _FlagError(_invalid_value(f, value, e)) from None
        self.changed.add(f.key)
        if f.deprecated:
            self.warnings.append(f"Flag --{f.name} has been deprecated, {f.deprecated}\n")

    def _set_value(self, f: Flag, value: str) -> None:
        t = f.type
        key = f.key
        if f.validator:
            value = VALIDATORS[f.validator](value)
        if t == "bool":
            self.values[key] = parse_bool(value)
        elif t == "string":
            self.values[key] = value
        elif t == "int":
            self.values[key] = parse_int(value, 0, 64)
        elif t == "uint16":
            self.values[key] = parse_uint(value, 0, 16)
        elif t == "uint":
            self.values[key] = parse_uint(value, 0, 64)
        elif t == "duration":
            self.values[key] = parse_duration(value)
        elif t == "bytes":
            if f.validator == "memswap" and value == "-1":
                self.values[key] = -1
            else:
                try:
                    self.values[key] = ram_in_bytes(value)
                except SizeError as e:
                    raise ValueError(str(e)) from None
        elif t == "decimal":
            self.values[key] = _parse_cpus(value)
        elif t in ("list", "stringArray"):
            self.values.setdefault(key, []).append(value)
        elif t == "strings":
            vals = read_record(value) if value != "" else []
            if key not in self.strings_set:
                self.values[key] = list(vals)
                self.strings_set.add(key)
            else:
                self.values[key].extend(vals)
        elif t == "map":
            # MapOpts: "k=v" (a later k wins); kept as the list of "k=v" strings given
            self.values.setdefault(key, []).append(value)
        elif t == "filter":
            if value == "":
                return
            if "=" not in value:
                raise ValueError("bad format of filter (expected name=value)")
            name, _, val = value.partition("=")
            item = name.strip().lower() + "=" + val.strip()
            lst = self.values.setdefault(key, [])
            if item not in lst:
                lst.append(item)
        elif t == "mount":
            parse_mount(value)  # validated when set, as MountOpt.Set does; kept as given
            self.values.setdefault(key, []).append(value)
        elif t == "network":
            _parse_network(value)
            self.values[key] = value  # the simulator has one network per container: last wins
        elif t == "gpu-request":
            self.values.setdefault(key, []).append(value)
        elif t == "ulimit":
            _parse_ulimit(value)
            self.values.setdefault(key, []).append(value)
        else:  # pragma: no cover
            self.values[key] = value

    def opts(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.flags:
            if f.name == "help":
                continue
            if f.key in out and f.key not in self.values:
                continue
            out[f.key] = self.values[f.key] if f.key in self.values else _default_value(f)
        return out


class _FlagError(Exception):
    """A pflag parse error (to be formatted by docker's FlagErrorFunc)."""


class _HelpState:
    """The root's persistent --help/-h flag: one Flag object shared by every command that
    inherits it (setting it while traversing ``docker volume --help ls`` shows ls's help)."""

    def __init__(self):
        self.value = False


def _command_flags(cmd: Command) -> tuple[list[Flag], bool]:
    """The command's FlagSet after cobra's mergePersistentFlags: its own flags plus the
    root's persistent help (unless it declares its own --help, as run/create do).
    Returns (flags, uses_shared_help)."""
    flags = list(cmd.flags)
    if any(f.name == "help" for f in flags):
        return flags, False
    if cmd.parent is None:
        return flags + [S.PERSISTENT_HELP], True
    return flags + [S.PERSISTENT_HELP], True


def _pflag_parse(state: _FlagState, args: list[str], interspersed: bool, help_state: _HelpState,
                 shared_help: bool) -> tuple[list[str], int]:
    """pflag FlagSet.parseArgs. Returns (positionals, argsLenAtDash)."""
    positional: list[str] = []
    dash = -1
    i = 0
    n = len(args)

    def set_flag(f: Flag, value: str) -> None:
        if f.name == "help" and shared_help:
            help_state.value = parse_bool(value)  # one Flag shared by all commands
            state.changed.add("help")
            return
        state.set(f, value)

    while i < n:
        s = args[i]
        i += 1
        if len(s) == 0 or s[0] != "-" or len(s) == 1:
            if not interspersed:
                positional.append(s)
                positional.extend(args[i:])
                return positional, dash
            positional.append(s)
            continue
        if s[1] == "-":
            if len(s) == 2:  # "--" terminates the flags
                dash = len(positional)
                positional.extend(args[i:])
                return positional, dash
            name = s[2:]
            if len(name) == 0 or name[0] == "-" or name[0] == "=":
                raise _FlagError(f"bad flag syntax: {s}")
            name, eq, value = name.partition("=")
            f = state.by_name.get(name)
            if f is None:
                raise _FlagError(f"unknown flag: --{name}")
            if eq:
                pass
            elif f.type == "bool":
                value = "true"  # NoOptDefVal
            elif i < n:
                value = args[i]
                i += 1
            else:
                raise _FlagError(f"flag needs an argument: {s}")
            _checked_set(state, f, value, set_flag)
        else:
            shorthands = s[1:]
            while shorthands:
                c = shorthands[0]
                f = state.by_short.get(c)
                if f is None:
                    raise _FlagError(f"unknown shorthand flag: {go_quote_rune(_byte_rune(c))} in -{shorthands}")
                rest = shorthands[1:]
                if len(shorthands) > 2 and shorthands[1] == "=":
                    value = shorthands[2:]
                    rest = ""
                elif f.type == "bool":
                    value = "true"
                elif len(shorthands) > 1:
                    value = shorthands[1:]
                    rest = ""
                elif i < n:
                    value = args[i]
                    i += 1
                else:
                    raise _FlagError(f"flag needs an argument: {go_quote_rune(_byte_rune(c))} in -{shorthands}")
                if f.shorthand_deprecated:
                    state.warnings.append(f"Flag shorthand -{f.short} has been deprecated, {f.shorthand_deprecated}\n")
                _checked_set(state, f, value, set_flag)
                shorthands = rest
    return positional, dash


def _byte_rune(c: str) -> str:
    # pflag quotes the first *byte* of the shorthand run (%q of a byte): 'é' shows as 'Ã'
    b = c.encode()
    return chr(b[0])


def _checked_set(state: _FlagState, f: Flag, value: str, setter) -> None:
    if f.name == "help":
        try:
            parse_bool(value)
        except ValueError as e:
            raise _FlagError(_invalid_value(f, value, e)) from None
    setter(f, value)


def _invalid_value(f: Flag, value: str, err: Exception) -> str:
    """pflag InvalidValueError: the flag is named "-s, --name" unless its shorthand is
    deprecated (so the root's --help, whose -h is deprecated, shows as "--help")."""
    if f.short and not f.shorthand_deprecated:
        name = f"-{f.short}, --{f.name}"
    else:
        name = f"--{f.name}"
    return f"invalid argument {go_quote(value)} for {go_quote(name)} flag: {err}"


# ==============================================================================================
# help / usage (docker/cli cli/cobra.go usageTemplate, pflag FlagUsagesWrapped)

def _version_ok(f: Flag, api: str) -> bool:
    if not f.version:
        return True
    def t(v):
        return tuple(int(x) for x in v.split("."))
    return t(api) >= t(f.version)


def _visible(f: Flag, api: str) -> bool:
    return not f.hidden and _version_ok(f, api)


def _unquote_usage(f: Flag) -> tuple[str, str]:
    usage = f.usage
    i = usage.find("`")
    if i >= 0:
        j = usage.find("`", i + 1)
        if j >= 0:
            name = usage[i + 1:j]
            return name, usage[:i] + name + usage[j + 1:]
    name = f.type
    if name == "bool":
        name = ""
    return name, usage


def _wrap_n(i: int, slop: int, s: str) -> tuple[str, str]:
    if i + slop > len(s):
        return s, ""
    w = max(s.rfind(" ", 0, i), s.rfind("\t", 0, i), s.rfind("\n", 0, i))
    if w <= 0:
        return s, ""
    nl = s.rfind("\n", 0, i)
    if 0 < nl < w:
        return s[:nl], s[nl + 1:]
    return s[:w], s[w + 1:]


def _wrap(i: int, w: int, s: str) -> str:
    if w == 0:
        return s.replace("\n", "\n" + " " * i)
    wrap = w - i
    r = ""
    if wrap < 24:
        i = 16
        wrap = w - i
        r += "\n" + " " * i
    if wrap < 24:
        return s.replace("\n", r)
    slop = 5
    wrap = wrap - slop
    line, s = _wrap_n(wrap, slop, s)
    r = r + line.replace("\n", "\n" + " " * i)
    while s != "":
        t, s = _wrap_n(wrap, slop, s)
        r = r + "\n" + " " * i + t.replace("\n", "\n" + " " * i)
    return r


def flag_usages(flags: list[Flag], cols: int = 79, api: str = S.API_VERSION,
                defaults: Optional[dict[str, str]] = None) -> str:
    """pflag FlagSet.FlagUsagesWrapped(cols) over the visible flags, sorted by name."""
    lines = []
    maxlen = 0
    for f in sorted(flags, key=lambda x: x.name):
        if not _visible(f, api):
            continue
        if f.short and not f.shorthand_deprecated:
            line = f"  -{f.short}, --{f.name}"
        else:
            line = f"      --{f.name}"
        varname, usage = _unquote_usage(f)
        if varname:
            line += " " + varname
        line += "\x00"
        maxlen = max(maxlen, len(line))
        line += usage
        default = f.default
        if defaults and f.name in defaults:
            default = defaults[f.name]
        if default is not None:
            if f.type == "string":
                line += f" (default {go_quote(default)})"
            else:
                line += f" (default {default})"
        if f.deprecated:
            line += f" (DEPRECATED: {f.deprecated})"
        lines.append(line)
    out = []
    for line in lines:
        sidx = line.index("\x00")
        spacing = " " * (maxlen - sidx)
        out.append(line[:sidx] + " " + spacing + " " + _wrap(maxlen + 2, cols, line[sidx + 1:]) + "\n")
    return "".join(out)


def _config_dir() -> str:
    d = os.environ.get("DOCKER_CONFIG")
    if d:
        return d
    return os.path.join(os.path.expanduser("~"), ".docker")


def _root_defaults() -> dict[str, str]:
    cfg = _config_dir()
    cert = os.environ.get("DOCKER_CERT_PATH") or cfg
    return {"config": cfg, "tlscacert": os.path.join(cert, "ca.pem"),
            "tlscert": os.path.join(cert, "cert.pem"), "tlskey": os.path.join(cert, "key.pem")}


def _available(c: Command) -> bool:
    """cobra IsAvailableCommand (help is never listed)."""
    return not (c.hidden or c.name in ("help", "_"))


def _has_available_flags(cmd: Command, api: str) -> bool:
    flags, _ = _command_flags(cmd)
    return any(_visible(f, api) for f in flags)


def _name_padding(cmd: Command) -> int:
    parent = cmd.parent
    if parent is None:
        return 11
    mx = max((len(c.name) for c in parent.commands), default=0)
    return max(11, mx)


def _command_aliases(cmd: Command) -> str:
    if cmd.aliases_annotation:
        return cmd.aliases_annotation
    parent_path = cmd.parent.command_path + " " if cmd.parent else ""
    return cmd.command_path + "".join(", " + parent_path + a for a in cmd.aliases)


def usage_text(cmd: Command, cols: int = 80, api: str = S.API_VERSION) -> str:
    """docker/cli's usageTemplate rendered for ``cmd`` (what ``--help`` prints), for a
    terminal ``cols`` wide (docker uses the real width, 80 when not a terminal)."""
    has_sub = cmd.has_subcommands
    out = ["Usage:"]
    if not has_sub:
        out.append("  " + cmd.use_line)
    else:
        out.append("  " + cmd.command_path + (" [OPTIONS]" if _has_available_flags(cmd, api) else "") + " COMMAND")
    out.append("\n\n" + (cmd.long.strip() if cmd.long else cmd.short.strip()))
    if cmd.aliases or cmd.aliases_annotation:
        out.append("\n\nAliases:\n  " + _command_aliases(cmd))
    if cmd.example:
        out.append("\n\nExamples:\n" + cmd.example)
    flags, _ = _command_flags(cmd)
    defaults = _root_defaults() if cmd.parent is None else None
    if cmd.parent is not None and _has_available_flags(cmd, api):
        out.append("\n\nOptions:\n" + flag_usages(flags, cols - 1, api).rstrip())
    subs = [c for c in cmd.commands if _available(c)]
    if cmd.parent is None:
        top = sorted((c for c in subs if c.category_top is not None), key=lambda c: c.category_top)
        if top:
            out.append("\n\nCommon Commands:")
            for c in top:
                out.append("\n  " + (c.name + ("*" if c.plugin else " ")).ljust(_name_padding(c) + 1) + c.short)
    mgmt = [c for c in subs if c.has_subcommands and not c.swarm]
    if mgmt:
        out.append("\n\nManagement Commands:")
        for c in mgmt:
            out.append("\n  " + (c.name + ("*" if c.plugin else " ")).ljust(_name_padding(c) + 1) + c.short)
    swarm = [c for c in subs if c.has_subcommands and c.swarm]
    if swarm:
        out.append("\n\nSwarm Commands:")
        for c in swarm:
            out.append("\n  " + (c.name + ("*" if c.plugin else " ")).ljust(_name_padding(c) + 1) + c.short)
    ops = [c for c in subs if not c.has_subcommands and not c.plugin
           and not (cmd.parent is None and c.category_top is not None)]
    if ops:
        out.append("\n\nCommands:")
        for c in ops:
            out.append("\n  " + c.name.ljust(_name_padding(c)) + " " + c.short)
    if cmd.parent is None and _has_available_flags(cmd, api):
        out.append("\n\nGlobal Options:\n" + flag_usages(flags, cols - 1, api, defaults).rstrip())
    if has_sub:
        out.append(f"\n\nRun '{cmd.command_path} COMMAND --help' for more information on a command.")
    if cmd.parent is None:
        out.append("\n\nFor more help on how to use Docker, head to https://docs.docker.com/go/guides/")
    out.append("\n")
    return "".join(out)


def root_usage_text(cols: int = 80) -> str:
    """``docker --help``."""
    return usage_text(S.ROOT, cols)


def version_text() -> str:
    """``docker --version``."""
    return f"Docker version {S.CLI_VERSION}, build {S.CLI_GIT_COMMIT}\n"


# ==============================================================================================
# errors (docker/cli cli/cobra.go FlagErrorFunc, cli/required.go)

def _flag_error(cmd: Command, msg: str, warnings=None) -> CLIUsageError:
    return CLIUsageError(f"{msg}\n\nUsage:  {cmd.use_line}\n\nRun '{cmd.command_path} --help' for more information",
                         125, warnings)


def _plural(word: str, n: int) -> str:
    return word if n == 1 else word + "s"


def _validate_args(cmd: Command, args: list[str]) -> None:
    rule = cmd.args
    path = cmd.command_path
    use = cmd.use_line
    k = rule.kind
    if k == "any":
        return
    if k == "none":
        if not args:
            return
        if cmd.has_subcommands:
            raise CLIUsageError(f"docker: unknown command: {path} {args[0]}\n\nUsage:  {use}\n\n"
                                f"Run '{path} --help' for more information", 1)
        raise CLIUsageError(f"docker: '{path}' accepts no arguments\n\nUsage:  {use}\n\n"
                            f"Run '{path} --help' for more information", 1)
    n = len(args)
    if k == "min" and n < rule.min:
        raise CLIUsageError(f"docker: '{path}' requires at least {rule.min} {_plural('argument', rule.min)}\n\n"
                            f"Usage:  {use}\n\nSee '{path} --help' for more information", 1)
    if k == "max" and n > rule.max:
        # docker 28.2 prints "SRun" here (a typo fixed upstream); we print "Run"
        raise CLIUsageError(f"docker: '{path}' requires at most {rule.max} {_plural('argument', rule.max)}\n\n"
                            f"Usage:  {use}\n\nRun '{path} --help' for more information", 1)
    if k == "exact" and n != rule.min:
        raise CLIUsageError(f"docker: '{path}' requires {rule.min} {_plural('argument', rule.min)}\n\n"
                            f"Usage:  {use}\n\nRun '{path} --help' for more information", 1)
    if k == "range" and not (rule.min <= n <= rule.max):
        raise CLIUsageError(f"docker: '{path}' requires at least {rule.min} and at most {rule.max} "
                            f"{_plural('argument', rule.max)}\n\nUsage:  {use}\n\n"
                            f"Run '{path} --help' for more information", 1)


def with_help(message: str, command: str) -> str:
    """container/run.go withHelp: the text of run/create errors, e.g.
    ``docker: Error response from daemon: ...\\n\\nRun 'docker run --help' for more information``."""
    return f"docker: {message}\n\nRun 'docker {command} --help' for more information"


def to_status_error(message: str, command: str = "run") -> tuple[str, int]:
    """container/run.go toStatusError: (text, exit status) for a ``docker run`` failure: 127 when
    the executable was not found, 126 for permission problems, else 125."""
    if ("executable file not found" in message or "no such file or directory" in message
            or "system cannot find the file specified" in message):
        return with_help(message, command), 127
    if "permission denied" in message or "is a directory" in message:
        return with_help(message, command), 126
    return with_help(message, command), 125


def _check_flags_supported(cmd: Command, flags: list[Flag], state: "_FlagState", warnings) -> None:
    """cmd/docker areFlagsSupported: changed flags whose annotations the (simulated) daemon
    does not satisfy: API version, OS type (a Linux daemon), experimental (not enabled)."""
    errs = []
    for f in sorted(flags, key=lambda x: x.name):
        if f.key not in state.changed or f.name == "help":
            continue
        if f.version and not _version_ok(f, S.API_VERSION):
            errs.append(f'"--{f.name}" requires API version {f.version}, but the Docker daemon API '
                        f"version is {S.API_VERSION}")
        elif f.ostype and f.ostype != "linux":
            errs.append(f'"--{f.name}" is only supported on a Docker daemon running on {f.ostype}, '
                        "but the Docker daemon is running on linux")
        elif f.experimental:
            errs.append(f'"--{f.name}" is only supported on a Docker daemon with experimental features enabled')
    if errs:
        raise CLIUsageError("\n".join(errs), 1, warnings)


def _validate_pull(value: str, command: str) -> None:
    if value not in ("always", "missing", "never", ""):
        raise CLIUsageError(with_help(
            f"invalid pull option: '{value}': must be one of \"always\", \"missing\" or \"never\"", command), 125)


# ==============================================================================================
# parse

_UNSUPPORTED_GLOBALS = {"host": "-H, --host", "context": "-c, --context", "tls": "--tls",
                        "tlscacert": "--tlscacert", "tlscert": "--tlscert", "tlskey": "--tlskey",
                        "tlsverify": "--tlsverify"}
_LOG_LEVELS = {"panic", "fatal", "error", "warn", "warning", "info", "debug", "trace"}


def _traverse(cmd: Command, args: list[str], help_state: _HelpState, warnings: list
              ) -> tuple[Command, list[str]]:
    """cobra Command.Traverse: find the subcommand, parsing each parent's flags on the way."""
    flags: list[str] = []
    in_flag = False
    level_flags, shared = _command_flags(cmd)
    by_name = {f.name: f for f in level_flags}
    by_short = {f.short: f for f in level_flags if f.short}
    for i, arg in enumerate(args):
        if arg.startswith("--") and "=" not in arg:
            f = by_name.get(arg[2:])
            in_flag = not (f is not None and f.type == "bool")
            flags.append(arg)
            continue
        if arg.startswith("-") and "=" not in arg and len(arg) == 2:
            f = by_short.get(arg[1:])
            if not (f is not None and f.type == "bool"):
                in_flag = True
                flags.append(arg)
                continue
        if in_flag:
            in_flag = False
            flags.append(arg)
            continue
        if (len(arg) >= 3 and arg[:2] == "--") or (len(arg) >= 2 and arg[0] == "-" and arg[1] != "-"):
            flags.append(arg)
            continue
        nxt = cmd.find(arg)
        if nxt is None or nxt.name == "_":
            return cmd, args
        # c.ParseFlags(flags) on the parent; its errors are returned as-is (exit 1)
        state = _FlagState(level_flags)
        try:
            _pflag_parse(state, flags, True, help_state, shared)
        except _FlagError as e:
            raise CLIUsageError(str(e), 1) from None
        warnings.extend(("stdout", w) for w in state.warnings)
        return _traverse(nxt, args[i + 1:], help_state, warnings)
    return cmd, args


def _help_command(args: list[str]) -> Parsed:
    """``docker help [command]``."""
    flags = [S.PERSISTENT_HELP]
    state = _FlagState(flags)
    help_state = _HelpState()
    help_cmd = Command("help [command]", "Help about the command")
    help_cmd.parent = S.ROOT
    try:
        positional, _ = _pflag_parse(state, args, True, help_state, True)
    except _FlagError as e:
        raise _flag_error(help_cmd, str(e)) from None
    if help_state.value:
        return Parsed("help", ("help",), help=True, help_text=usage_text(help_cmd), command_path="docker help")
    cmd = S.ROOT
    rest = list(positional)
    while rest:
        nxt = cmd.find(rest[0])
        if nxt is None or nxt.name == "_":
            break
        cmd = nxt
        rest = rest[1:]
    if (cmd is S.ROOT and rest) or rest:
        raise CLIUsageError(f"unknown help topic: {' '.join(rest)}", 1)
    return Parsed(cmd.canonical if cmd.supported else " ".join(cmd.path), cmd.path, help=True,
                  help_text=usage_text(cmd), command_path=cmd.command_path)


def parse(argv: list[str]) -> Parsed:
    """Parse a docker command line (without the leading "docker") as docker 28 does.

    Returns a :class:`Parsed`; raises :class:`CLIUsageError` for anything docker rejects
    before running the command."""
    argv = list(argv)
    warnings: list[tuple[str, str]] = []
    help_state = _HelpState()

    # 1. TopLevelCommand.HandleGlobalFlags: root flags up to the first non-flag
    root = S.ROOT
    root_flags, _ = _command_flags(root)
    gstate = _FlagState(root_flags)
    try:
        rest, _ = _pflag_parse(gstate, argv, False, help_state, True)
    except _FlagError as e:
        raise _flag_error(root, str(e)) from None
    warnings.extend(("stderr", w) for w in gstate.warnings)
    gopts = gstate.opts()
    gopts["_changed"] = set(gstate.changed)
    for key, label in _UNSUPPORTED_GLOBALS.items():
        if key in gstate.changed:
            raise CLIUsageError(
                f"dockstore-magic: the global option {label} is not supported: the simulated "
                "Docker Engine runs in this Python process, there is no daemon to connect to", 125)
    if "log-level" in gstate.changed and gopts["log-level"] not in _LOG_LEVELS:
        raise CLIUsageError(f"Unable to parse logging level: {gopts['log-level']}", 1)

    # 2. cobra ExecuteC: Traverse from the root
    if rest and rest[0] == "help" and root.find("help") is None:
        p = _help_command(rest[1:])
        p.warnings = warnings + p.warnings
        p.global_opts = gopts
        return p
    cmd, cargs = _traverse(root, rest, help_state, warnings)

    if cmd.canonical == "build":
        # with the buildx plugin installed (docker's default builder), "docker build",
        # "docker image build" and "docker builder build" run "docker buildx build"
        cmd = S.find_command("buildx", "build")
    if not cmd.supported and cmd.parent is not None:
        # a command the simulator does not implement: leave its arguments unparsed
        return Parsed(" ".join(cmd.path), cmd.path, args=cargs, command_path=cmd.command_path,
                      supported=False, warnings=warnings, global_opts=gopts)

    # 3. command.execute: ParseFlags (errors through docker's FlagErrorFunc -> 125)
    flags, shared = _command_flags(cmd)
    state = _FlagState(flags)
    if cmd.parent is None:
        # the root's own flags were already consumed by HandleGlobalFlags; cobra re-parses
        # what is left (a bare command name that is not a docker command, plus flags)
        state.values.update(gstate.values)
        state.changed |= gstate.changed
    try:
        positional, dash = _pflag_parse(state, cargs, cmd.interspersed if cmd.parent else True,
                                        help_state, shared)
    except _FlagError as e:
        # docker's FlagErrorFunc first reports flags (set before the bad one) that the
        # daemon does not support
        _check_flags_supported(cmd, flags, state, warnings)
        raise _flag_error(cmd, str(e), warnings) from None
    warnings.extend(("stdout", w) for w in state.warnings)

    local_help = not shared and state.values.get("help", False)
    wants_help = local_help or (shared and help_state.value)
    if wants_help:
        return Parsed(cmd.canonical, cmd.path, state.opts(), positional, state.changed - {"help"},
                      cmd.command_path, help=True, help_text=usage_text(cmd), help_stream="stdout",
                      warnings=warnings, global_opts=gopts, args_len_at_dash=dash)

    if cmd.parent is None:
        if "version" in state.changed and state.values.get("version"):
            return Parsed("", (), help=True, help_text=version_text(), warnings=warnings,
                          global_opts=gopts)
        if not positional:
            return Parsed("", (), help=True, help_text=usage_text(root), help_stream="stderr",
                          warnings=warnings, global_opts=gopts)
        raise CLIUsageError(f"docker: unknown command: docker {positional[0]}\n\n"
                            "Run 'docker --help' for more information", 1, warnings)

    # 4. docker's isSupported (wrapped around Args): flags the daemon cannot honour, then
    #    ValidateArgs (exit status 1)
    _check_flags_supported(cmd, flags, state, warnings)
    try:
        _validate_args(cmd, positional)
    except CLIUsageError as e:
        e.warnings = warnings
        if cmd.parent is not None and cmd.parent.plugin:
            # a plugin (buildx) reports plain errors as "ERROR: <err>" (cmd/buildx/main.go)
            e.message = "ERROR: " + e.message
        raise

    if cmd.has_subcommands:
        # a management command on its own: ShowHelp(stderr)
        return Parsed(cmd.canonical, cmd.path, help=True, help_text=usage_text(cmd), help_stream="stderr",
                      command_path=cmd.command_path, warnings=warnings, global_opts=gopts)

    opts = state.opts()
    # 5. RunE-time checks that are pure CLI
    if cmd.canonical in ("run", "create"):
        _validate_pull(opts.get("pull", ""), cmd.canonical)
    if cmd.canonical == "volume create" and positional:
        if opts.get("name"):
            raise CLIUsageError("conflicting options: cannot specify a volume-name through both --name "
                                "and as a positional arg", 1, warnings)
        opts["name"] = positional[0]
    return Parsed(cmd.canonical, cmd.path, opts, positional, state.changed, cmd.command_path,
                  warnings=warnings, global_opts=gopts, args_len_at_dash=dash)
