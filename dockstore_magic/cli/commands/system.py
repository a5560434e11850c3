"""docker info/version/system df/system prune and docker inspect."""
from __future__ import annotations

from ...errors import NotFound
from ..table import format_table
from ...golang.template import TemplateError
from ...golang.values import GoMap, GoNil, GoStruct
from ..errors import CLIError
from ..templates import (DEFAULT_DISK_USAGE_TABLE_FORMAT, DISK_USAGE_HEADERS, FormatterContext,
                         disk_usage_format, inspect_output, is_table, parse, pre_format)
from ..units import human_size, bytes_size
from .common import opt, confirmed, format_output, prune_filters
from ..formatter import build_cache_context, container_context, image_context, volume_context


def cmd_info(cli, opts, args):
    i = cli.engine.info()
    fmt = opt(opts, "format", "")
    if fmt:
        # docker/cli system/info.go formatInfo: the template runs on the typed dockerInfo
        # only (no raw fallback); a parse error exits 64, an execution error is the
        # template's own message, after the newline that follows the output
        info = dict(i)
        info["DriverStatus"] = [list(p) for p in i["DriverStatus"]]
        try:
            tmpl = parse("{{json .}}" if fmt == "json" else fmt)
        except TemplateError as e:
            raise CLIError(f"template parsing error: {e.message}", 64) from None
        try:
            out = tmpl.execute(GoStruct("system.dockerInfo", info))
        except TemplateError as e:
            cli.out("\n")
            raise CLIError(e.message) from None
        cli.out(out + "\n")
        return 0, i
    lines = ["Client:", " Version:    28.2.2", " Context:    default", " Debug Mode: false", "",
             "Server:",
             f" Containers: {i['Containers']}",
             f"  Running: {i['ContainersRunning']}",
             f"  Paused: {i['ContainersPaused']}",
             f"  Stopped: {i['ContainersStopped']}",
             f" Images: {i['Images']}",
             f" Server Version: {i['ServerVersion']}",
             f" Storage Driver: {i['Driver']}"]
    lines += [f"  {k}: {v}" for k, v in i["DriverStatus"]]
    lines += [f" Logging Driver: {i['LoggingDriver']}", f" Cgroup Driver: {i['CgroupDriver']}",
              f" Cgroup Version: {i['CgroupVersion']}",
              " Plugins:", "  Volume: local", "  Network: bridge host ipvlan macvlan null overlay",
              "  Log: awslogs fluentd gcplogs gelf journald json-file local splunk syslog",
              " Swarm: inactive", " Runtimes: io.containerd.runc.v2 runc", " Default Runtime: runc",
              " Init Binary: docker-init", " Security Options:", "  seccomp", "   Profile: builtin",
              "  cgroupns",
              f" Kernel Version: {i['KernelVersion']}",
              f" Operating System: {i['OperatingSystem']}",
              f" OSType: {i['OSType']}",
              f" Architecture: {i['Architecture']}",
              f" CPUs: {i['NCPU']}",
              f" Total Memory: {bytes_size(i['MemTotal'])}",
              f" Name: {i['Name']}",
              f" ID: {i['ID']}",
              f" Docker Root Dir: {i['DockerRootDir']}",
              " Debug Mode: false", " Experimental: false", " Insecure Registries:",
              "  ::1/128", "  127.0.0.0/8", f" Live Restore Enabled: {str(i['LiveRestoreEnabled']).lower()}", ""]
    cli.out("\n".join(lines) + "\n")
    return 0, i


class _Tagged(GoStruct):
    """A struct whose JSON names differ from its Go field names (``APIVersion`` is
    ``"ApiVersion"``): templates see the fields, ``{{json .}}`` the tags."""

    def __init__(self, type_name: str, fields: dict, tags: dict, omitempty=()):
        super().__init__(type_name, fields)
        self.tags, self.omit = tags, frozenset(omitempty)

    def go_marshal_json(self):
        from ...golang.values import GoNil
        return GoStruct("struct", {self.tags.get(k, k): v for k, v in self.items()
                                   if not (k in self.omit and (v in ("", None, False, [])
                                                               or isinstance(v, GoNil)))})


def _version_info(eng) -> GoStruct:
    """docker/cli cli/command/system/version.go: versionInfo{Client, Server} as the template
    sees it (the values the default text below prints; BuildTime reformatted to ANSIC)."""
    from ...golang.values import GoMap, GoNil
    from ...daemon import API_VERSION
    built = "Fri May 30 12:07:28 2025"
    client = _Tagged("system.clientVersion", {
        "Platform": GoNil("*system.platformInfo"), "Version": "28.2.2", "APIVersion": API_VERSION,
        "DefaultAPIVersion": API_VERSION, "GitCommit": "e6534b4", "GoVersion": "go1.24.3",
        "Os": "linux", "Arch": "amd64", "BuildTime": built, "Context": "default"},
        {"APIVersion": "ApiVersion"},
        ("Platform", "Version", "APIVersion", "DefaultAPIVersion", "GitCommit", "GoVersion",
         "Os", "Arch", "BuildTime"))
    details = GoMap({
        "ApiVersion": API_VERSION, "Arch": "amd64", "BuildTime": built, "Experimental": "false",
        "GitCommit": "45873be", "GoVersion": "go1.24.3",
        "KernelVersion": eng.info()["KernelVersion"], "MinAPIVersion": "1.24", "Os": "linux"},
                     elem_type="string")
    engine = GoStruct("types.ComponentVersion", {"Name": "Engine", "Version": eng.VERSION,
                                                 "Details": details}, omitempty=("Details",))
    server = _Tagged("*types.Version", {
        "Platform": GoStruct("struct { Name string }", {"Name": "dockstore-magic (a simulated Docker Engine)"}),
        "Components": [engine], "Version": eng.VERSION, "APIVersion": API_VERSION,
        "MinAPIVersion": "1.24", "GitCommit": "45873be", "GoVersion": "go1.24.3", "Os": "linux",
        "Arch": "amd64", "KernelVersion": eng.info()["KernelVersion"], "Experimental": False,
        "BuildTime": "2025-05-30T12:07:28.000000000+00:00"},
        {"APIVersion": "ApiVersion"},
        ("Components", "MinAPIVersion", "KernelVersion", "Experimental", "BuildTime"))
    return GoStruct("system.versionInfo", {"Client": client, "Server": server})


def _version_format(cli, fmt: str) -> int:
    """``docker version --format``: the template (named "version"; ``json`` is ``{{json .}}``)
    on versionInfo, through a tabwriter(20, 1, 1), then a newline; a parse error exits 64."""
    from ...golang.tabwriter import tabwrite
    from ...golang.template import TemplateParseError
    from ..templates import JSON_FORMAT

    def named(msg: str) -> str:
        return msg.replace("template: :", "template: version:", 1).replace(
            'executing ""', 'executing "version"', 1)
    try:
        tmpl = parse(JSON_FORMAT if fmt == "json" else fmt)
    except TemplateParseError as e:
        raise CLIError(f"template parsing error: {named(e.message)}", 64) from None
    try:
        text, err = tmpl.execute(_version_info(cli.engine)), None
    except TemplateError as e:
        text, err = getattr(e, "partial", ""), named(e.message)
    cli.out(tabwrite(text + "\n", 20, 1, 1))
    if err:
        cli.err(err + "\n")
        return 1
    return 0


def cmd_version(cli, opts, args):
    v = cli.engine.VERSION
    if opt(opts, "format", ""):
        return _version_format(cli, opts["format"])
    cli.out(f"""Client:
 Version:           28.2.2
 API version:       1.50
 Go version:        go1.24.3
 Git commit:        e6534b4
 Built:             Fri May 30 12:07:28 2025
 OS/Arch:           linux/amd64
 Context:           default

Server: dockstore-magic (a simulated Docker Engine)
 Engine:
  Version:          {v}
  API version:      1.50 (minimum version 1.24)
  Go version:       go1.24.3
  Git commit:       45873be
  Built:            Fri May 30 12:07:28 2025
  OS/Arch:          linux/amd64
  Experimental:     false
""")
    return 0


def _reclaimable(part: int, total: int) -> str:
    """docker/cli's RECLAIMABLE cell: the size, and its share when there is anything at all."""
    if total > 0:
        return f"{human_size(part)} ({part * 100 // total}%)"
    return human_size(part)


def cmd_system_df(cli, opts, args):
    """docker/cli system/df.go and formatter/disk_usage.go: the summary (one context per
    kind), or with -v every image, container, volume and cache record; ``--format`` runs
    per summary row, or once over the verbose lists (``{{range .Volumes}}…``)."""
    eng = cli.engine
    du = eng.disk_usage()
    now = eng.clock.peek()
    fmt = opt(opts, "format", "") or "table"
    verbose = opt(opts, "verbose", False)
    fmt = disk_usage_format(fmt, verbose)
    if verbose:
        usage = _verbose_usage(eng, du, now, trunc=is_table(fmt))
        if fmt == "table":
            cli.out(_verbose_table(usage, du))
        else:
            # DiskUsageContext.verboseWrite: the template runs once, on the whole context
            try:
                cli.out(parse(pre_format(fmt)).execute(usage))
            except TemplateError as e:
                raise CLIError(f"template parsing error: {e.message}") from None
        return 0, du
    rows = _summary(eng, du)
    if fmt == DEFAULT_DISK_USAGE_TABLE_FORMAT:
        cli.out(format_table(["TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE"],
                             [[r[k] for k in ("Type", "TotalCount", "Active", "Size", "Reclaimable")]
                              for r in rows]))
        return 0, du
    format_output(cli, fmt, rows, DISK_USAGE_HEADERS, "*formatter.diskUsageImagesContext")
    return 0, du


def _summary(eng, du) -> list[dict]:
    """The four rows of ``docker system df`` (diskUsage*Context)."""
    used_images = {c.image_id for c in eng.container_store}
    active_images = sum(1 for im in du.images if im.id in used_images)
    img_size = du.layers_size
    # docker/cli cli/command/formatter/disk_usage.go (diskUsageImagesContext.Reclaimable):
    # the layers' total minus, for each image in use, its size minus its shared size.
    reclaim_img = img_size - sum(im.size - im.shared_size for im in du.images if im.containers != 0)
    cont_size = sum(c.size_rw for c in du.containers)
    active_c = sum(1 for c in du.containers if c.status == "running")
    reclaim_c = sum(c.size_rw for c in du.containers if c.status != "running")
    vol_size = sum(v.size for v in du.volumes)
    active_v = sum(1 for v in du.volumes if v.links > 0)
    reclaim_v = sum(v.size for v in du.volumes if v.links == 0)
    cache = du.build_cache
    cache_size = sum(r.size for r in cache if r.layer is None or r.layer.refs <= 1)

    def row(kind, total, active, size, reclaimable):
        return {"Type": kind, "TotalCount": str(total), "Active": str(active),
                "Size": human_size(size), "Reclaimable": reclaimable}
    return [row("Images", len(du.images), active_images, img_size, _reclaimable(reclaim_img, img_size)),
            row("Containers", len(du.containers), active_c, cont_size, _reclaimable(reclaim_c, cont_size)),
            row("Local Volumes", len(du.volumes), active_v, vol_size, _reclaimable(reclaim_v, vol_size)),
            row("Build Cache", len(cache), 0, cache_size, human_size(cache_size))]


def _verbose_usage(eng, du, now, trunc: bool) -> GoStruct:
    """formatter.diskUsageContext (disk_usage.go verboseWrite): the contexts of every image,
    container, volume and cache record, built as ``images``, ``ps`` and ``volume ls`` build
    theirs; IDs and commands are cut only for a table (``trunc := ctx.Format.IsTable()``).
    An image shows only its first tag, and no digest (the context gets none)."""
    images = []
    for im in du.images:
        repo = tag = "<none>"
        if im.repo_tags:
            repo, _, tag = im.repo_tags[0].rpartition(":")
        images.append(FormatterContext("*formatter.imageContext", image_context(
            im, repo, tag, "", trunc=trunc, now=now, containers=im.containers,
            shared_size=im.shared_size)))
    # "Don't display the virtual size": the size of the container's layer only
    containers = [FormatterContext("*formatter.ContainerContext", container_context(
        eng, eng.container_store.containers[c.id], trunc=trunc, now=now, size_rw=c.size_rw))
        for c in du.containers]
    volumes = [FormatterContext("*formatter.volumeContext",
                                volume_context(v.volume, links=v.links, size=v.size))
               for v in du.volumes]
    cache = [FormatterContext("*formatter.buildCacheContext", build_cache_context(r, trunc=trunc, now=now))
             for r in du.build_cache]
    return GoStruct("formatter.diskUsageContext", {"Images": images, "Containers": containers,
                                                   "Volumes": volumes, "BuildCache": cache})


def _verbose_table(usage, du) -> str:
    """``docker system df -v``: one table per kind (verboseWriteTable)."""
    def cells(rows, keys):
        return [[r[k] for k in keys] for r in rows]
    out = ["Images space usage:\n\n",
           format_table(["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE", "SHARED SIZE",
                         "UNIQUE SIZE", "CONTAINERS"],
                        cells(usage["Images"], ["Repository", "Tag", "ID", "CreatedSince", "Size",
                                                "SharedSize", "UniqueSize", "Containers"])),
           "\nContainers space usage:\n\n",
           format_table(["CONTAINER ID", "IMAGE", "COMMAND", "LOCAL VOLUMES", "SIZE", "CREATED",
                         "STATUS", "NAMES"],
                        cells(usage["Containers"], ["ID", "Image", "Command", "LocalVolumes", "Size",
                                                    "RunningFor", "Status", "Names"])),
           "\nLocal Volumes space usage:\n\n",
           format_table(["VOLUME NAME", "LINKS", "SIZE"], cells(usage["Volumes"], ["Name", "Links", "Size"]))]
    cache_size = sum(r.size for r in du.build_cache)
    out.append(f"\nBuild cache usage: {human_size(cache_size)}\n\n")
    out.append(format_table(["CACHE ID", "CACHE TYPE", "SIZE", "CREATED", "LAST USED", "USAGE", "SHARED"],
                            cells(usage["BuildCache"], ["ID", "CacheType", "Size", "CreatedSince",
                                                        "LastUsedSince", "UsageCount", "Shared"])))
    return "".join(out)


#: docker/cli system/inspect.go allTypes
INSPECT_TYPES = ("config", "container", "image", "network", "node", "plugin", "secret", "service",
                 "task", "volume")


#: Fields of a container's inspect (api/types/container) that are nil slices or maps when
#: unset: the CLI executes a template on the typed struct, where Go prints a nil slice
#: ``[]`` and a nil map ``map[]`` (``{{.HostConfig.Binds}}`` of a container without -v)
_CONTAINER_NILS = {
    "Args": "[]string",
    "Config": {"Cmd": "[]string", "Entrypoint": "[]string", "Env": "[]string",
               "OnBuild": "[]string", "Shell": "[]string",
               "Volumes": "map[string]struct {}", "Labels": "map[string]string"},
    "HostConfig": {"Binds": "[]string", "VolumesFrom": "[]string", "Links": "[]string",
                   "CapAdd": "[]string", "CapDrop": "[]string",
                   "Dns": "[]string", "DnsOptions": "[]string", "DnsSearch": "[]string",
                   "ExtraHosts": "[]string", "GroupAdd": "[]string", "SecurityOpt": "[]string",
                   "Tmpfs": "map[string]string", "StorageOpt": "map[string]string",
                   "Sysctls": "map[string]string", "Mounts": "[]mount.Mount",
                   "Devices": "[]container.DeviceMapping", "DeviceCgroupRules": "[]string",
                   "MaskedPaths": "[]string", "ReadonlyPaths": "[]string"},
}


def _typed_nils(obj: dict, table: dict = _CONTAINER_NILS) -> dict:
    """A copy of ``obj`` whose null fields named in ``table`` are Go typed nils."""
    from ...golang.values import GoNil
    out = dict(obj)
    for key, kind in table.items():
        if isinstance(kind, dict):
            if isinstance(out.get(key), dict):
                out[key] = _typed_nils(out[key], kind)
        elif key in out and out[key] is None:
            out[key] = GoNil(kind)
    return out


#: docker/cli 28 decodes image inspect's Config into dockerspec.DockerOCIImageConfig
#: (moby api/types/image InspectResponse; github.com/moby/docker-image-spec specs-go/v1):
#: the embedded OCI ImageConfig (10 fields), then DockerOCIImageConfigExt (3), every field
#: ``omitempty``.  A nil slice, map or pointer keeps its Go type (``[]``, ``map[]``, ``<nil>``).
OCI_IMAGE_CONFIG = (("User", ""), ("ExposedPorts", "map[string]struct {}"), ("Env", "[]string"),
                    ("Entrypoint", "[]string"), ("Cmd", "[]string"),
                    ("Volumes", "map[string]struct {}"), ("WorkingDir", ""),
                    ("Labels", "map[string]string"), ("StopSignal", ""), ("ArgsEscaped", False),
                    ("Healthcheck", "*v1.HealthcheckConfig"), ("OnBuild", "[]string"),
                    ("Shell", "[]string"))


#: moby api/types/container (v28): the structs of container inspect that templates print
#: whole (``{{.State}}``, ``{{.Config}}``, ``{{.Mounts}}``): (field, Go type of its nil)
CONTAINER_STATE = (("Status", ""), ("Running", ""), ("Paused", ""), ("Restarting", ""),
                   ("OOMKilled", ""), ("Dead", ""), ("Pid", ""), ("ExitCode", ""), ("Error", ""),
                   ("StartedAt", ""), ("FinishedAt", ""), ("Health", "*container.Health"))
CONTAINER_CONFIG = (("Hostname", ""), ("Domainname", ""), ("User", ""), ("AttachStdin", ""),
                    ("AttachStdout", ""), ("AttachStderr", ""), ("ExposedPorts", "map[string]struct {}"),
                    ("Tty", ""), ("OpenStdin", ""), ("StdinOnce", ""), ("Env", "[]string"),
                    ("Cmd", "[]string"), ("Healthcheck", "*container.HealthConfig"), ("ArgsEscaped", False),
                    ("Image", ""), ("Volumes", "map[string]struct {}"), ("WorkingDir", ""),
                    ("Entrypoint", "[]string"), ("NetworkDisabled", False), ("MacAddress", ""),
                    ("OnBuild", "[]string"), ("Labels", "map[string]string"), ("StopSignal", ""),
                    ("StopTimeout", "*int"), ("Shell", "[]string"))
CONTAINER_CONFIG_OMITEMPTY = ("ExposedPorts", "Healthcheck", "ArgsEscaped", "NetworkDisabled",
                              "MacAddress", "StopSignal", "StopTimeout", "Shell")
MOUNT_POINT = ("Type", "Name", "Source", "Destination", "Driver", "Mode", "RW", "Propagation")


def _typed_struct(type_name: str, raw: dict, fields, omitempty=(), embedded=()) -> GoStruct:
    """A Go struct of ``fields`` (name, the Go type of its nil or a zero value) from a JSON
    object: a missing or null field is that nil (``[]``, ``map[]``, ``<nil>`` when printed);
    a key of the JSON that is no field is left out (a template asking for it falls back to
    the raw JSON, as docker/cli does)."""
    out = GoStruct(type_name, omitempty=omitempty, embedded=embedded)
    for key, zero in fields:
        v = raw.get(key)
        if v is None:
            v = GoNil(zero) if isinstance(zero, str) and zero else zero
        elif isinstance(zero, str) and zero.startswith("map[string]struct") and isinstance(v, dict):
            v = GoMap({k: GoStruct("struct {}") for k in v}, elem_type="struct {}")
        out[key] = v
    return out


def typed_inspect_view(obj):
    """What ``docker inspect``'s template first runs on (docker/cli inspect.TemplateInspector
    executes on the typed element, then on the raw JSON if that fails): an image's Config as
    the CLI's DockerOCIImageConfig (``{{json .Config}}`` shows only what is set), a
    container's ``SizeRw``/``SizeRootFs`` as nil ``*int64`` when not asked for (``<nil>``)."""
    if not isinstance(obj, dict) or isinstance(obj, GoStruct):
        return obj
    view = dict(obj)
    if "RepoTags" in obj and isinstance(obj.get("Config"), dict):
        view["Config"] = _typed_struct("v1.DockerOCIImageConfig", obj["Config"], OCI_IMAGE_CONFIG,
                                       [k for k, _ in OCI_IMAGE_CONFIG], embedded=(10, 3))
        for key in ("Variant", "OsVersion"):     # string fields the daemon omits when empty
            view.setdefault(key, "")
    elif "State" in obj and "HostConfig" in obj:
        for key in ("SizeRw", "SizeRootFs"):
            view.setdefault(key, GoNil("*int64"))
        view["State"] = _typed_struct("container.State", obj["State"], CONTAINER_STATE, ("Health",))
        view["Config"] = _typed_struct("container.Config", obj["Config"], CONTAINER_CONFIG,
                                       CONTAINER_CONFIG_OMITEMPTY)
        view["Mounts"] = [_typed_struct("container.MountPoint", m, [(k, "") for k in MOUNT_POINT],
                                        ("Name", "Driver"))
                          for m in obj.get("Mounts") or []]
        policy = (obj["HostConfig"] or {}).get("RestartPolicy")
        if isinstance(policy, dict):
            view["HostConfig"] = {**obj["HostConfig"], "RestartPolicy": GoStruct(
                "container.RestartPolicy", {"Name": policy.get("Name", ""),
                                            "MaximumRetryCount": policy.get("MaximumRetryCount", 0)})}
    return view


def cmd_inspect(cli, opts, args, kind: str = ""):
    eng = cli.engine
    items = []
    size = opt(opts, "size", False)
    kind = kind or opt(opts, "type", "")
    if kind not in ("",) + INSPECT_TYPES:     # docker/cli system/inspect.go runInspect
        raise CLIError(f'unknown type: "{kind}": must be one of "' + '", "'.join(INSPECT_TYPES) + '"')
    if kind not in ("", "container", "image", "volume"):   # networks and swarm objects
        raise CLIError(f"dockstore-magic: --type={kind} is not simulated", 125)
    for ref in args:
        obj = None
        if kind in ("", "container"):
            try:
                obj = _typed_nils(eng.containers.inspect(ref, size=size))
            except NotFound:
                obj = None
        if obj is None and kind in ("", "image"):
            try:
                obj = eng.images.inspect(ref)
            except NotFound:
                obj = None
        if obj is None and kind in ("", "volume"):
            try:
                obj = eng.volumes.inspect(ref)
            except NotFound:
                obj = None
        if obj is None:
            obj = _inspect_not_found(eng, kind, ref)
        items.append(obj)
    out, err, code = inspect_output(opt(opts, "format", ""), items, typed=typed_inspect_view)
    cli.out(out)
    if err:
        cli.err(err)
    return code, [i for i in items if not isinstance(i, str)]


def _inspect_not_found(eng, kind: str, ref: str) -> str:
    """What docker 28 prints when inspect finds nothing: its own message for ``docker
    inspect``, the daemon's (as the client wraps it) for the typed commands."""
    if kind == "container":
        return f"Error response from daemon: No such container: {ref}"
    if kind == "image":
        return f"Error response from daemon: no such image: {ref}: No such image: {eng.images._display(ref)}"
    if kind == "volume":
        return f"Error response from daemon: get {ref}: no such volume"
    return f"Error: No such object: {ref}"


def cmd_container_inspect(cli, opts, args):
    return cmd_inspect(cli, opts, args, "container")


def cmd_image_inspect(cli, opts, args):
    return cmd_inspect(cli, opts, args, "image")


def cmd_system_prune(cli, opts, args):
    """docker/cli system/prune.go: the prunes of containers, (networks), volumes with
    ``--volumes``, images and the build cache, each given the same filters."""
    filters = prune_filters(opts)
    volumes = opt(opts, "volumes", False)
    if volumes and filters.contains("until"):
        raise CLIError('ERROR: The "until" filter is not supported with "--volumes"', 1)
    if not confirmed(cli, opts, "system prune",
                     "WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by "
                     "at least one container\n"
                     + ("  - all anonymous volumes not used by at least one container\n" if volumes else "")
                     + ("  - all images without at least one container associated to them\n"
                        if opt(opts, "all", False) else "  - all dangling images\n")
                     + ("  - all build cache\n" if opt(opts, "all", False) else "  - unused build cache\n")
                     + _filtered_with(filters), sep="\n"):
        return 1
    eng = cli.engine
    gone, space = eng.containers.prune(prune_filters(opts))
    if gone:
        cli.out("Deleted Containers:\n" + "".join(g + "\n" for g in gone) + "\n")
    if volumes:
        vgone, vspace = eng.volumes.prune(prune_filters(opts))
        if vgone:
            cli.out("Deleted Volumes:\n" + "".join(g + "\n" for g in vgone) + "\n")
        space += vspace
    all_ = opt(opts, "all", False)
    records, ispace = eng.images.prune(prune_filters(opts, dangling="false" if all_ else "true"))
    if records:
        cli.out("Deleted Images:\n" + "".join((f"untagged: {r.untagged}\n" if r.untagged else f"deleted: {r.deleted}\n") for r in records) + "\n")
    cgone, cspace = eng.builder.prune(all=all_, filters=filters)
    if cgone:
        cli.out("Deleted build cache objects:\n" + "".join(g + "\n" for g in cgone) + "\n")
    cli.out(f"Total reclaimed space: {human_size(space + ispace + cspace)}\n")
    return 0


def _filtered_with(filters) -> str:
    """docker/cli system/prune.go confirmationMessage: the label and until filters, sorted."""
    shown = sorted(f"{k}={v}" for k in ("label", "label!", "until") for v in filters.get(k))
    if not shown:
        return ""
    return "\n  Items to be pruned will be filtered with:\n" + "".join(f"  - {f}\n" for f in shown)


def cmd_builder_prune(cli, opts, args):
    all_ = opt(opts, "all", False)
    warning = ("WARNING! This will remove all build cache." if all_ else
               "WARNING! This will remove all dangling build cache.")
    if not confirmed(cli, opts, "builder prune", warning, sep=" "):
        return 1
    gone, space = cli.engine.builder.prune(all=all_, filters=prune_filters(opts))
    if gone:
        cli.out("Deleted build cache objects:\n" + "".join(g + "\n" for g in gone) + "\n")
    cli.out(f"Total reclaimed space: {human_size(space)}\n")
    return 0
