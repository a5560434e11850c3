"""docker volume create/ls/inspect/rm/prune."""
from __future__ import annotations

from ...errors import NotFound
from ..errors import CLIError
from ...daemon.filters import Args
from ..table import format_table
from ...golang.values import GoNil, GoStruct
from ..templates import VOLUME_HEADERS, inspect_output
from ..units import human_size
from .common import opt, format_output, each, confirmed, prune_filters
from ..formatter import volume_context


def _labels(items) -> dict:
    out = {}
    for l in items or []:
        k, _, v = l.partition("=")
        out[k] = v
    return out


def cmd_volume_create(cli, opts, args):
    name = args[0] if args else opt(opts, "name", "")
    # docker 28 sends no maps at all when no label or option is given: inspect shows null
    v = cli.engine.volumes.create(name, labels=_labels(opt(opts, "label", [])) or None,
                                  options=_labels(opt(opts, "opt", [])) or None,
                                  driver=opt(opts, "driver", "local") or "local")
    cli.out(v.name + "\n")
    return 0, v


def cmd_volume_ls(cli, opts, args):
    vols = cli.engine.volumes.list(filters=Args.parse(opt(opts, "filter", [])))
    if opt(opts, "quiet", False):
        for v in vols:
            cli.out(v.name + "\n")
        return 0, vols
    fmt = opt(opts, "format", "")
    if fmt:
        rows = [volume_context(v) for v in vols]      # no UsageData: Links and Size "N/A"
        format_output(cli, fmt, rows, VOLUME_HEADERS, "*formatter.volumeContext")
        return 0, vols
    cli.out(format_table(["DRIVER", "VOLUME NAME"], [[v.driver, v.name] for v in vols]))
    return 0, vols


def cmd_volume_inspect(cli, opts, args):
    items = []
    for name in args:
        try:
            vol = GoStruct("volume.Volume", cli.engine.volumes.inspect(name))
            for key in ("Labels", "Options"):       # nil maps: null in JSON, map[] printed
                if vol.get(key) is None:
                    vol[key] = GoNil("map[string]string")
            items.append(vol)
        except NotFound:
            items.append(f"Error response from daemon: get {name}: no such volume")
    out, err, code = inspect_output(opt(opts, "format", ""), items, raw_fallback=False)
    cli.out(out)
    if err:
        cli.err(err)
    return code


def cmd_volume_rm(cli, opts, args):
    return each(cli, args, lambda name: cli.engine.volumes.remove(name, force=opt(opts, "force", False)))


def cmd_volume_prune(cli, opts, args):
    all_ = opt(opts, "all", False)
    if all_ and "all" in Args.parse(opt(opts, "filter", [])).fields:
        # docker/cli volume/prune.go (API >= 1.42)
        raise CLIError("conflicting options: cannot specify both --all and --filter all=1", 1)
    warn = ("WARNING! This will remove all local volumes not used by at least one container."
            if all_ else "WARNING! This will remove anonymous local volumes not used by at least one container.")
    if not confirmed(cli, opts, "volume prune", warn):
        return 1
    # docker/cli volume/prune.go: --all is sent as the filter all=true
    gone, space = cli.engine.volumes.prune(prune_filters(opts, **({"all": "true"} if all_ else {})))
    if gone:
        cli.out("Deleted Volumes:\n" + "".join(g + "\n" for g in gone) + "\n")
    cli.out(f"Total reclaimed space: {human_size(space)}\n")
    return 0, gone
