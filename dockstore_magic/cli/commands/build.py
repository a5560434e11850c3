"""docker build (buildx on the docker driver) and the %%dockerfile cell."""
from __future__ import annotations

import os
import posixpath

from ...errors import BuildError
from ...fs import FSError
from ..localfs import local_fs, local_path
from ..errors import CLIError
from .common import opt


def _build_args(opts) -> dict:
    out = {}
    for kv in opt(opts, "build-arg", []):
        k, eq, v = kv.partition("=")
        if eq:
            out[k] = v
        elif k in os.environ:
            out[k] = os.environ[k]
    return out


def _context(cli, path: str):
    if path == "-":
        raise CLIError("dockstore-magic: a build context from standard input is not simulated")
    if "://" in path or path.startswith("git@"):
        raise CLIError(f"ERROR: failed to solve: failed to read dockerfile: unable to prepare "
                       f"context: unable to fetch {path}: no network in the simulation")
    full = local_path(cli, path)
    if not local_fs(cli).isdir(full):
        raise CLIError(f'ERROR: unable to prepare context: path "{path}" not found')
    return full


def _run_build(cli, opts, text: str, context: str | None, name: str):
    tags = list(opt(opts, "tag", []))
    quiet = opt(opts, "quiet", False)
    try:
        result = cli.engine.builder.build(text, context, tags=tags, build_args=_build_args(opts),
                                          no_cache=opt(opts, "no-cache", False),
                                          target=opt(opts, "target", "") or None,
                                          dockerfile_name=name, write=cli.err, quiet=quiet)
    except BuildError:
        return 1, None
    if quiet:
        cli.out(result.image.id + "\n")
    return 0, result.image


def cmd_build(cli, opts, args):
    context = _context(cli, args[0])
    dockerfile = opt(opts, "file", "") or ""
    if dockerfile == "-":
        raise CLIError("dockstore-magic: a Dockerfile from standard input is not simulated; use %%dockerfile")
    if dockerfile:
        path = local_path(cli, dockerfile)         # -f is the client's path, not the context's
        name = posixpath.basename(dockerfile)
    else:
        path = context.rstrip("/") + "/Dockerfile"
        name = "Dockerfile"
    try:
        text = local_fs(cli).read_text(path)
    except FSError:
        cli.err('#0 building with "default" instance using docker driver\n\n'
                f"#1 [internal] load build definition from {name}\n"
                f"#1 transferring dockerfile: 2B done\n#1 DONE 0.0s\n"
                f"ERROR: failed to solve: failed to read dockerfile: open {name}: no such file or directory\n")
        return 1
    return _run_build(cli, opts, text, context, name)


def build_from_text(cli, opts, args, text: str):
    """``%%dockerfile``: the Dockerfile is the cell; the context is the folder given (or the
    working directory)."""
    context = _context(cli, args[0] if args else ".")
    return _run_build(cli, opts, text, context, "Dockerfile")
