"""docker info/version/system df/system prune and docker inspect."""
from __future__ import annotations

from ...errors import NotFound
from ..table import format_table, truncate_id, container_command
from ..templates import inspect_output
from ..units import human_size, human_size_precision, human_duration, container_status, bytes_size
from ..errors import CLIError
from .common import opt, confirmed, prune_filters


def cmd_info(cli, opts, args):
    i = cli.engine.info()
    fmt = opt(opts, "format", "")
    if fmt:
        from ...golang.values import GoStruct
        info = dict(i)
        info["DriverStatus"] = [list(p) for p in i["DriverStatus"]]
        out, err, code = inspect_output(fmt, [GoStruct("system.Info", info)], raw_fallback=True)
        cli.out(out)
        if err:
            cli.err(err)
        return code, i
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
    lines += [" Logging Driver: json-file", " Cgroup Driver: systemd", " Cgroup Version: 2",
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
              "  ::1/128", "  127.0.0.0/8", " Live Restore Enabled: false", ""]
    cli.out("\n".join(lines) + "\n")
    return 0, i


def cmd_version(cli, opts, args):
    v = cli.engine.VERSION
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
    eng = cli.engine
    du = eng.disk_usage()
    now = eng.clock.peek()
    if opt(opts, "verbose", False):
        out = ["Images space usage:\n\n"]
        rows = []
        for im in du.images:
            tags = im.repo_tags or ["<none>:<none>"]
            for t in tags:
                repo, _, tag = t.rpartition(":")
                rows.append([repo, tag, truncate_id(im.id), human_duration(now - im.created) + " ago",
                             human_size_precision(im.size, 3), human_size(im.shared_size),
                             human_size(im.unique_size),
                             str(im.containers)])
        out.append(format_table(["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE", "SHARED SIZE",
                                 "UNIQUE SIZE", "CONTAINERS"], rows))
        out.append("\nContainers space usage:\n\n")
        crow = []
        for c in du.containers:
            cont = eng.container_store.containers.get(c.id)
            status = container_status(now=now, running=cont.state.running, exit_code=cont.state.exit_code,
                                      started_at=cont.state.started_at, finished_at=cont.state.finished_at)
            from .containers import command_string
            crow.append([truncate_id(c.id), c.image, container_command(command_string(cont), True),
                         str(c.local_volumes), human_size(c.size_rw), human_duration(now - c.created) + " ago",
                         status, ",".join(c.names)])
        out.append(format_table(["CONTAINER ID", "IMAGE", "COMMAND", "LOCAL VOLUMES", "SIZE", "CREATED",
                                 "STATUS", "NAMES"], crow))
        out.append("\nLocal Volumes space usage:\n\n")
        out.append(format_table(["VOLUME NAME", "LINKS", "SIZE"],
                                [[v.name, str(v.links), human_size(v.size)] for v in du.volumes]))
        cache_size = sum(r.layer.size for r in du.build_cache if r.layer is not None)
        out.append(f"\nBuild cache usage: {human_size(cache_size)}\n\n")
        out.append(format_table(["CACHE ID", "CACHE TYPE", "SIZE", "CREATED", "LAST USED", "USAGE", "SHARED"],
                                [[r.key[:12], "regular", human_size(r.layer.size if r.layer else 0),
                                  human_duration(now - r.created) + " ago",
                                  human_duration(now - r.last_used) + " ago", str(r.usage),
                                  "true" if r.layer is not None and r.layer.refs > 1 else "false"]
                                 for r in du.build_cache]))
        cli.out("".join(out))
        return 0, du
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
    cache_size = sum(r.layer.size for r in cache if r.layer is not None and r.layer.refs <= 1)
    rows = [["Images", str(len(du.images)), str(active_images), human_size(img_size),
             _reclaimable(reclaim_img, img_size)],
            ["Containers", str(len(du.containers)), str(active_c), human_size(cont_size),
             _reclaimable(reclaim_c, cont_size)],
            ["Local Volumes", str(len(du.volumes)), str(active_v), human_size(vol_size),
             _reclaimable(reclaim_v, vol_size)],
            ["Build Cache", str(len(cache)), "0", human_size(cache_size), human_size(cache_size)]]
    cli.out(format_table(["TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE"], rows))
    return 0, du


def cmd_inspect(cli, opts, args, kind: str = ""):
    eng = cli.engine
    items = []
    size = opt(opts, "size", False)
    kind = kind or opt(opts, "type", "")
    for ref in args:
        obj = None
        if kind in ("", "container"):
            try:
                obj = eng.containers.inspect(ref, size=size)
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
    out, err, code = inspect_output(opt(opts, "format", ""), items)
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
