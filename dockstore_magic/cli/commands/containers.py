"""docker run/create/start/stop/kill/rm/exec/ps/logs/diff/commit/cp/container prune."""
from __future__ import annotations

import os
import re

from ...errors import Conflict, DaemonError, ExecError
from ...mounts import SpecError, cli_parse_volume
from ..args import parse_mount, to_status_error
from ...reference import ReferenceError, parse as parse_ref
from ...fs import FSError
from ...golang.strconv import parse_int
from ..localfs import local_path, read_local, go_error
from ..errors import CLIError, run_error
from ..table import format_table, truncate_id
from ..units import human_size
from ...daemon.containers import StillRunning
from ...daemon.filters import Args
from .common import (opt, decode, print_events, format_output, PS_TEMPLATE_ERRORS, each, confirmed,
                     prune_filters)
from ..formatter import container_context
from ..templates import CONTAINER_HEADERS, STATS_HEADERS, STATS_TABLE


# ---------------------------------------------------------------------- run / create
def _container_config(cli, opts, args):
    """docker/cli container/opts.go parse(): flags → Config and HostConfig, which are all the
    daemon receives (mounts included: Binds, Mounts, VolumesFrom, Tmpfs, ReadonlyRootfs)."""
    image = args[0]
    cmd = list(args[1:])
    env = read_env(cli, opts)
    binds, volumes = [], {}
    for spec in opt(opts, "volume", []):
        source, target, is_bind = cli_parse_volume(spec)
        if source:
            if is_bind and source.startswith("."):
                host, _, rest = spec.partition(":")
                spec = local_path(cli, host) + ":" + rest
            binds.append(spec)
        else:
            volumes[target] = {}
    mounts = [api_mount(parse_mount(m, cwd=cli.cwd)) for m in opt(opts, "mount", [])]
    for m in mounts:
        driver = ((m.get("VolumeOptions") or {}).get("DriverConfig") or {}).get("Name", "")
        if driver not in ("", "local"):     # a volume plugin (see cli/simulated.py)
            raise CLIError(f"dockstore-magic: --mount volume-driver={driver} is not simulated", 125)
    tmpfs = {}
    for t in opt(opts, "tmpfs", []):
        target, _, o = t.partition(":")
        tmpfs[target] = o
    labels = {}
    for f in opt(opts, "label-file", []):
        for line in _kv_lines(cli, f):
            k, _, v = line.partition("=")
            labels[k] = v
    for l in opt(opts, "label", []):
        k, _, v = l.partition("=")
        labels[k] = v
    entrypoint = None
    if "entrypoint" in opts.get("_changed", ()):
        ep = opts.get("entrypoint")
        entrypoint = [ep] if ep else [""]
    config = {
        "Hostname": opt(opts, "hostname", ""),
        "User": opt(opts, "user", ""),
        "AttachStdin": bool(opt(opts, "interactive", False)),
        "AttachStdout": not opt(opts, "detach", False),
        "AttachStderr": not opt(opts, "detach", False),
        "Tty": bool(opt(opts, "tty", False)),
        "OpenStdin": bool(opt(opts, "interactive", False)),
        "StdinOnce": bool(opt(opts, "interactive", False)) and not opt(opts, "detach", False),
        "Env": env or None,
        "Cmd": cmd or None,
        "Image": image,
        "Volumes": volumes or None,
        "WorkingDir": opt(opts, "workdir", ""),
        "Entrypoint": entrypoint,
        "Labels": labels,
    }
    if opt(opts, "stop-signal", ""):
        config["StopSignal"] = opts["stop-signal"]
    health = _healthcheck(opts)
    if health is not None:
        config["Healthcheck"] = health
    if opt(opts, "expose", []):          # (omitempty in the API's Config)
        config["ExposedPorts"] = _exposed(opts["expose"])
    net = opt(opts, "network", "") or "default"
    restart = parse_restart_policy(opt(opts, "restart", "no"))
    if opt(opts, "rm", False) and (restart.get("Name") or "no") != "no":
        raise SpecError("conflicting options: cannot specify both --restart and --rm")
    host_config = {"Binds": binds or None, "AutoRemove": bool(opt(opts, "rm", False)),
                   "RestartPolicy": restart,
                   "NetworkMode": "none" if net == "none" else ("bridge" if net == "default" else net),
                   "ReadonlyRootfs": bool(opt(opts, "read-only", False)),
                   "Tmpfs": tmpfs or None, "Mounts": mounts or None,
                   "VolumesFrom": list(opt(opts, "volumes-from", [])) or None,
                   "VolumeDriver": opt(opts, "volume-driver", "")}
    return config, host_config


#: the --health-* flags, their HealthConfig field (docker/cli container/opts.go)
_HEALTH_FLAGS = (("health-interval", "Interval"), ("health-timeout", "Timeout"),
                 ("health-start-period", "StartPeriod"),
                 ("health-start-interval", "StartInterval"), ("health-retries", "Retries"))


def _healthcheck(opts) -> dict | None:
    """docker/cli container/opts.go parse(): --no-healthcheck is ``Test: ["NONE"]``; any
    --health-* flag makes a HealthConfig (``CMD-SHELL`` with --health-cmd, else no Test: the
    daemon takes the image's); none of them: nil (the image's healthcheck as it is)."""
    cmd = opt(opts, "health-cmd", "")
    values = {key: opt(opts, flag, 0) or 0 for flag, key in _HEALTH_FLAGS}
    have = bool(cmd) or any(values.values())
    if opt(opts, "no-healthcheck", False):
        if have:
            raise SpecError("--no-healthcheck conflicts with --health-* options")
        return {"Test": ["NONE"]}
    if not have:
        return None
    for flag, key in _HEALTH_FLAGS:
        if values[key] < 0:
            raise SpecError(f"--{flag} cannot be negative")
    # (encoding/json: Test and the durations are omitempty)
    return {**({"Test": ["CMD-SHELL", cmd]} if cmd else {}),
            **{k: v for k, v in values.items() if v}}


def parse_restart_policy(policy: str) -> dict:
    """docker/cli opts/parse.go ParseRestartPolicy: ``NAME[:COUNT]``; the name is the
    daemon's to check (daemon/restartmanager.validate_restart_policy)."""
    if policy == "":
        return {"Name": "", "MaximumRetryCount": 0}
    name, colon, count = policy.partition(":")
    if colon and name == "":
        raise SpecError("invalid restart policy format: no policy provided before colon")
    retries = 0
    if count != "":
        try:
            retries = parse_int(count, 10, 64)         # strconv.Atoi
        except ValueError:
            raise SpecError("invalid restart policy format: maximum retry count must be an "
                            "integer") from None
    return {"Name": name, "MaximumRetryCount": retries}


def _kv_lines(cli, name: str) -> list[str]:
    """docker/cli opts/file.go parseKeyValueFile: the lines of an --env-file/--label-file
    (leading blanks trimmed; empty lines and ``#`` comments skipped)."""
    try:                                    # a file of the client's, on the Docker host
        text = read_local(cli, name).decode("utf-8", "replace")
    except FSError as e:
        raise SpecError(f"open {name}: {go_error(e)}")
    lines = [line.lstrip().rstrip("\r") for line in text.split("\n")]
    return [line for line in lines if line and not line.startswith("#")]


def read_env(cli, opts) -> list[str]:
    """--env-file then --env: ``K=V``, or ``K`` alone taking the client's own value (and
    dropped when the client has none), as opts.ReadKVEnvStrings / ValidateEnv do."""
    env = []
    for item in [line for f in opt(opts, "env-file", []) for line in _kv_lines(cli, f)] + \
            list(opt(opts, "env", [])):
        value = item if "=" in item else _env_from_client(item)
        if value is not None:
            env.append(value)
    return env


def _exposed(ports: list[str]) -> dict:
    """--expose 80, 8000-8001/udp: Config.ExposedPorts (nat.ParsePortRange), keys sorted."""
    from ...nat import expand_ports
    out = {}
    for p in ports:
        try:
            out.update((k, {}) for k in expand_ports(p))
        except ValueError as e:
            raise SpecError(f"invalid range format for --expose: {p}, error: "
                            f'strconv.ParseUint: parsing "{e}": invalid syntax') from None
    return dict(sorted(out.items()))


#: api/types/mount: the JSON field order of a Mount and of its option structs
_MOUNT_ORDER = {
    "": ("Type", "Source", "Target", "ReadOnly", "Consistency", "BindOptions", "VolumeOptions",
         "ImageOptions", "TmpfsOptions"),
    "BindOptions": ("Propagation", "NonRecursive", "CreateMountpoint", "ReadOnlyNonRecursive",
                    "ReadOnlyForceRecursive"),
    "VolumeOptions": ("NoCopy", "Labels", "Subpath", "DriverConfig"),
    "DriverConfig": ("Name", "Options"),
    "ImageOptions": ("Subpath",),
    "TmpfsOptions": ("SizeBytes", "Mode", "Options"),
}


def api_mount(m: dict, kind: str = "") -> dict:
    """A Mount as encoding/json sends it: fields in the struct's order, zero values left out
    (``omitempty``), option structs kept when set (they are pointers)."""
    out = {}
    for key in _MOUNT_ORDER[kind]:
        v = m.get(key)
        if key in _MOUNT_ORDER and v is not None:
            out[key] = api_mount(v, key)
        elif v not in (None, "", 0, False, {}):
            out[key] = v
    return out


def _env_from_client(name: str):
    v = os.environ.get(name)
    return None if v is None else f"{name}={v}"


def _create(cli, opts, args, command: str):
    config, host_config = _container_config(cli, opts, args)
    eng = cli.engine
    image = config["Image"]
    try:
        parse_ref(image)
    except ReferenceError as e:
        if eng.images.find(image) is None:
            raise SpecError(str(e))
    pull = opt(opts, "pull", "missing")
    if pull == "always" or (eng.images.find(image) is None and pull != "never"):
        if eng.images.find(image) is None:
            try:
                shown = parse_ref(image).with_default_tag().familiar
            except ReferenceError:
                shown = image
            if not opt(opts, "quiet", False):
                cli.err(f"Unable to find image '{shown}' locally\n")
        eng.images.pull(image, (lambda text: None) if opt(opts, "quiet", False) else cli.err)
    return eng.containers.create(config, host_config, name=opt(opts, "name", "") or None)


def cmd_create(cli, opts, args):
    c = _create(cli, opts, args, "create")
    cli.out(c.id + "\n")
    return 0, c


def cmd_run(cli, opts, args):
    c = _create(cli, opts, args, "run")
    eng = cli.engine
    detach = opt(opts, "detach", False)
    if detach:
        # docker/cli run.go prints the ID as soon as the container is created, while it
        # starts: a container that then fails to start has its ID shown above the error
        cli.out(c.id + "\n")
    try:
        res = eng.containers.start(c.id, detached=detach)
    except ExecError as e:
        cli.err(run_error("run", f"Error response from daemon: {e.message}"))
        if c.host_config.get("AutoRemove") and c.id in eng.container_store.containers:
            eng.containers.remove(c.id, force=True, volumes=True)
        return e.exit_code, c
    except DaemonError as e:
        text, code = to_status_error(f"Error response from daemon: {e.message}", "run")
        cli.err(text + "\n")
        if c.host_config.get("AutoRemove") and c.id in eng.container_store.containers:
            eng.containers.remove(c.id, force=True, volumes=True)
        return code, c
    if detach:
        return 0, c
    print_events(cli, res.events, tty=bool(c.config.get("Tty")))
    if res.running:
        cli.err(f"dockstore-magic: the container's main process keeps running (simulated: it "
                f"does not block the notebook); stop it with: docker stop {c.familiar_name}\n")
        return 0, c
    return res.exit_code, c


def cmd_start(cli, opts, args):
    eng = cli.engine
    failed = []
    code = 0
    for ref in args:
        try:
            c = eng.container_store.get(ref)
            res = eng.containers.start(ref, detached=not opt(opts, "attach", False))
        except ExecError as e:
            cli.err(f"Error response from daemon: {e.message}\n")
            failed.append(ref)
            continue
        except DaemonError as e:
            cli.err(f"Error response from daemon: {e.message}\n")
            failed.append(ref)
            continue
        if opt(opts, "attach", False):
            print_events(cli, res.events, tty=bool(c.config.get("Tty")))
            code = res.exit_code if not res.running else 0
        else:
            cli.out(ref + "\n")
    if failed:
        cli.err(f"Error: failed to start containers: {', '.join(failed)}\n")
        return 1
    return code


def cmd_stop(cli, opts, args):
    t = opts.get("timeout") if "timeout" in opts.get("_changed", ()) else None
    sig = opt(opts, "signal", "") or None
    return each(cli, args, lambda ref: cli.engine.containers.stop(ref, t, signal=sig))


def cmd_update(cli, opts, args):
    """docker/cli container/update.go: one or more flags, the policy parsed by the client,
    then each container updated (its name printed) or the daemon's error."""
    if not opts.get("_changed"):
        raise CLIError("you must provide one or more flags when using this command", 1)
    try:
        policy = parse_restart_policy(opt(opts, "restart", ""))
    except SpecError as e:
        raise CLIError(str(e), 1) from None
    return each(cli, args, lambda ref: cli.engine.containers.update(ref, policy))


def cmd_restart(cli, opts, args):
    def one(ref):
        cli.engine.containers.stop(ref, opts.get("timeout") if "timeout" in opts.get("_changed", ()) else None,
                                   signal=opt(opts, "signal", "") or None)
        cli.engine.containers.start(ref, detached=True)
    return each(cli, args, one)


def cmd_kill(cli, opts, args):
    sig = opt(opts, "signal", "") or "KILL"
    return each(cli, args, lambda ref: cli.engine.containers.kill(ref, sig))


def cmd_rm(cli, opts, args):
    force = opt(opts, "force", False)
    return each(cli, args, lambda ref: cli.engine.containers.remove(
        ref, force=force, volumes=opt(opts, "volumes", False)), missing_ok=force)


def cmd_exec(cli, opts, args):
    eng = cli.engine
    ref, argv = args[0], list(args[1:])
    env = read_env(cli, opts)
    eng.container_store.get(ref)            # the client inspects the container first
    try:
        res = eng.containers.exec(ref, argv, env=env, workdir=opt(opts, "workdir", ""),
                                  user=opt(opts, "user", ""), detached=opt(opts, "detach", False),
                                  tty=opt(opts, "tty", False))
    except ExecError as e:
        cli.out(e.message + "\n")
        return 126            # moby daemon/exec.go: a process that cannot start exits 126
    if not opt(opts, "detach", False):
        print_events(cli, res.events, tty=opt(opts, "tty", False))
    return res.exit_code


# ---------------------------------------------------------------------- ps
def cmd_ps(cli, opts, args):
    eng = cli.engine
    now = eng.clock.peek()
    # docker/cli container/list.go buildContainerListOptions: -l is a limit of 1; the
    # filters go to the daemon as they are (daemon/container_list.py)
    limit = opt(opts, "last", -1)
    if opt(opts, "latest", False) and limit == -1:
        limit = 1
    cs = eng.containers.list(all=opt(opts, "all", False), limit=limit,
                             filters=Args.parse(opt(opts, "filter", [])))
    trunc = not opt(opts, "no-trunc", False)
    if opt(opts, "quiet", False):
        for c in cs:
            cli.out((c.short_id if trunc else c.id) + "\n")
        return 0, cs
    fmt = opt(opts, "format", "")
    # docker/cli ps.go buildContainerListOptions: a template that uses .Size asks for the
    # sizes without --size ({{json .}} uses every field; the "json" format uses none)
    size = opt(opts, "size", False) or bool(fmt and re.search(r"\.Size\b|json\s+\.\s*}}", fmt))
    rows = []
    for c in cs:
        srw = virt = 0
        if size:
            img = eng.image_store.get(c.image_id)
            srw = eng.containers.size_rw(c)
            virt = (img.size if img else 0) + srw
        rows.append(container_context(eng, c, trunc=trunc, now=now, size_rw=srw, size_root_fs=virt))
    headers = ["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"]
    keys = ["ID", "Image", "Command", "RunningFor", "Status", "Ports", "Names"]
    if opt(opts, "size", False):
        headers.append("SIZE")
        keys.append("Size")
    if fmt:
        format_output(cli, fmt, rows, headers=CONTAINER_HEADERS, errors=PS_TEMPLATE_ERRORS)
    else:
        cli.out(format_table(headers, [[r[k] for k in keys] for r in rows]))
    return 0, cs


# ---------------------------------------------------------------------- logs / diff / commit
def _log_bound(cli, opts, name: str) -> float | None:
    """``--since``/``--until``: docker/client container_logs.go turns the value into a Unix
    timestamp with GetTimestamp (relative to the client's clock), wrapping its error."""
    from ...daemon.filters import timestamp
    from ...errors import InvalidParameter
    value = opt(opts, name, "")
    if not value:
        return None
    try:
        return timestamp(value, cli.engine.clock.peek())
    except InvalidParameter as e:
        raise CLIError(f'invalid value for "{name}": {e}') from None


def cmd_logs(cli, opts, args):
    eng = cli.engine
    entries = eng.containers.logs(args[0])
    since, until = _log_bound(cli, opts, "since"), _log_bound(cli, opts, "until")
    tail = opt(opts, "tail", "all")
    lines = []
    from ...clock import rfc3339
    for when, stream, data in entries:
        for line in decode(data).splitlines(keepends=True):
            lines.append((when, stream, line))
    if tail not in ("all", "", None):
        try:                    # moby daemon/logs.go: not a number, or below 0, is all
            n = int(tail)
            lines = lines[-n:] if n > 0 else (lines if n < 0 else [])
        except ValueError:
            pass
    c = eng.container_store.get(args[0])
    if opt(opts, "follow", False) and c.state.running:
        # -f follows until the container stops: a process that ends by itself is waited
        # for (simulated time moves on to its end), what it writes meanwhile shown too
        try:
            eng.containers.wait(c.id)
        except StillRunning:
            pass
        for when, stream, data in eng.containers.logs(c.id)[len(entries):]:
            lines.extend((when, stream, line) for line in decode(data).splitlines(keepends=True))
    # moby daemon/logger/loggerutils/logfile.go: the tail is taken first, then each message
    # before --since is skipped and the first one after --until ends the read
    if since is not None:
        lines = [x for x in lines if x[0] >= since]
    if until is not None:
        lines = [x for x in lines if x[0] <= until]
    # moby daemon/logs.go: --details puts the message's attributes (the --log-opt labels,
    # env, tag: none here, the option is refused) and a space before each line
    details = " " if opt(opts, "details", False) else ""
    for when, stream, line in lines:
        text = (rfc3339(when) + " " if opt(opts, "timestamps", False) else "") + details + line
        (cli.out if stream == "stdout" else cli.err)(text)
    if opt(opts, "follow", False) and c.state.running:
        # -f on a running container would wait for more output: the notebook is not blocked
        cli.err(f"dockstore-magic: the container keeps running (simulated: logs -f does not block "
                f"the notebook); stop it with: docker stop {c.familiar_name}\n")
    return 0


def _natural_key(text: str) -> list:
    """github.com/fvbommel/sortorder NaturalLess: runs of digits compare as numbers."""
    return [(0, int(part), part) if part.isdigit() else (1, 0, part)
            for part in re.findall(r"\d+|\D+", text)]


def _join_host_port(host: str, port: str) -> str:
    """net.JoinHostPort: an IPv6 host in brackets."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def cmd_port(cli, opts, args):
    """docker/cli container/port.go runPort: the published ports from the container's
    NetworkSettings.Ports (every one, ``PORT/PROTO -> HOST:PORT``, or the host addresses of
    one), in natural order."""
    c = cli.engine.containers.inspect(args[0])
    ports = (c.get("NetworkSettings") or {}).get("Ports") or {}
    out = []
    if len(args) > 1:
        port, _, proto = args[1].partition("/")
        if not re.fullmatch(r"\d+", port):
            raise CLIError(f'Error: invalid port ({port}): strconv.ParseUint: parsing "{port}": '
                           "invalid syntax")
        if int(port) > 65535:
            raise CLIError(f'Error: invalid port ({port}): strconv.ParseUint: parsing "{port}": '
                           "value out of range")
        frontends = ports.get(f"{port}/{proto or 'tcp'}") or []
        if not frontends:
            raise CLIError(f"Error: No public port '{args[1]}' published for {args[0]}")
        out = [_join_host_port(f.get("HostIp", ""), f.get("HostPort", "")) for f in frontends]
    else:
        out = [f"{key} -> {_join_host_port(f.get('HostIp', ''), f.get('HostPort', ''))}"
               for key, frontends in ports.items() for f in frontends or []]
    if out:
        cli.out("\n".join(sorted(out, key=_natural_key)) + "\n")
    return 0


def cmd_top(cli, opts, args):
    """moby daemon/top_unix.go ContainerTop: only a running container has processes to list
    (``Container <id> is not running``); listing them (``ps -ef`` on the host, with host PIDs
    and start times) is not simulated."""
    c = cli.engine.containers.inspect(args[0])
    if not c["State"]["Running"]:
        raise Conflict(f"Container {c['Id']} is not running")
    if c["State"]["Restarting"]:
        raise Conflict(f"Container {c['Id']} is restarting, wait until the container is running")
    raise CLIError("dockstore-magic: docker top of a running container (its host processes) "
                   "is not simulated", 125)


def cmd_stats(cli, opts, args):
    """docker/cli container/stats.go with ``--no-stream``: one sample per container.  A
    container that is not running has no cgroup to read: the daemon answers zeros, which
    is what this prints; the use of a running one, and a live stream, are not simulated."""
    if not opt(opts, "no-stream", False):
        raise CLIError("dockstore-magic: docker stats without --no-stream (a live stream) is not "
                       "simulated", 125)
    eng = cli.engine
    if args:
        targets = [(ref, eng.containers.inspect(ref)) for ref in args]
    else:                       # every running container (-a: all), newest first, by full ID
        targets = [(c["Id"], c) for c in (eng.containers.inspect(x.id) for x in eng.containers.list(
            all=opt(opts, "all", False)))]
    if any(c["State"]["Running"] for _, c in targets):
        raise CLIError("dockstore-magic: docker stats of a running container (its CPU and memory "
                       "use) is not simulated", 125)
    trunc = not opt(opts, "no-trunc", False)
    rows = [{"Container": ref, "ID": truncate_id(c["Id"]) if trunc else c["Id"],
             "Name": c["Name"][1:] or "--", "CPUPerc": "0.00%", "MemUsage": "0B / 0B",
             "MemPerc": "0.00%", "NetIO": "0B / 0B", "BlockIO": "0B / 0B", "PIDs": "0"}
            for ref, c in targets]
    fmt = opt(opts, "format", "")
    # (docker/cli 28 keeps the stats formatter in cli/command/container: statsContext)
    format_output(cli, STATS_TABLE if fmt in ("", "table") else fmt, rows, STATS_HEADERS,
                  "*container.statsContext")
    return 0


def cmd_diff(cli, opts, args):
    changes = cli.engine.containers.changes(args[0])
    for kind, path in changes:
        cli.out(f"{kind} {path}\n")
    return 0, changes


def cmd_commit(cli, opts, args):
    # the daemon applies --change (moby BuildFromConfig: builder/from_config.py)
    img = cli.engine.containers.commit(args[0], args[1] if len(args) > 1 else None,
                                       author=opt(opts, "author", ""), message=opt(opts, "message", ""),
                                       changes=list(opt(opts, "change", [])))
    cli.out(img.id + "\n")
    return 0, img


# ---------------------------------------------------------------------- prune
def cmd_container_prune(cli, opts, args):
    if not confirmed(cli, opts, "container prune", "WARNING! This will remove all stopped containers."):
        return 1
    gone, space = cli.engine.containers.prune(prune_filters(opts))
    if gone:
        cli.out("Deleted Containers:\n" + "".join(g + "\n" for g in gone) + "\n")
    cli.out(f"Total reclaimed space: {human_size(space)}\n")
    return 0, gone


# ---------------------------------------------------------------------- rename / wait
def cmd_rename(cli, opts, args):
    """docker/cli container/rename.go: names trimmed; the daemon's error, then the CLI's."""
    old, new = args[0].strip(), args[1].strip()
    if not old or not new:
        raise CLIError("Error: Neither old nor new names may be empty", 1)
    try:
        cli.engine.containers.rename(old, new)
    except DaemonError as e:
        cli.err(f"Error response from daemon: {e.message}\n")
        raise CLIError(f"Error: failed to rename container named {old}", 1) from None
    return 0


def cmd_wait(cli, opts, args):
    """docker/cli container/wait.go: each container in turn, its exit code on stdout once it
    stops (simulated time moving on to its end); the errors together at the end.  A running
    container that never stops by itself would block the client for good: refused before
    anything happens (see ContainerService.wait)."""
    eng = cli.engine
    for ref in args:
        try:
            eng.containers.check_wait(ref)
        except StillRunning as e:
            raise CLIError(e.message, 125) from None
        except DaemonError:
            pass
    errors = []
    for ref in args:
        try:
            cli.out(f"{eng.containers.wait(ref)}\n")
        except StillRunning as e:
            raise CLIError(e.message, 125) from None
        except DaemonError as e:
            errors.append(f"Error response from daemon: {e.message}")
    if errors:
        raise CLIError("\n".join(errors), 1)
    return 0


# ---------------------------------------------------------------------- cp
def cmd_cp(cli, opts, args):
    from .cp import copy
    return copy(cli, args[0], args[1], archive=opt(opts, "archive", False),
                follow=opt(opts, "follow-link", False), quiet=opt(opts, "quiet", False))
