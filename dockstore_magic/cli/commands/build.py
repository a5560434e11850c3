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


def _secrets(cli, opts) -> dict:
    """``--secret id=ID[,src=PATH|,env=VAR][,type=file|env]`` (buildx build/secrets.go
    parseSecret): a file of the client's, or one of its environment variables; with
    neither, the variable named like the id when it is set, else the file named so."""
    from ...golang.csv import read_record
    out = {}
    for spec in opt(opts, "secret", []):
        try:
            fields = read_record(spec)
        except ValueError as e:
            raise CLIError(f"ERROR: failed to parse csv secret: {e}")
        kind, sid, src, env = "", "", "", ""
        for field in fields:
            key, eq, value = field.partition("=")
            key = key.strip().lower()
            if not eq:
                raise CLIError(f"ERROR: invalid field '{field}' must be a key=value pair")
            if key == "type":
                if value not in ("file", "env"):
                    raise CLIError(f"ERROR: unsupported secret type {value!r}")
                kind = value
            elif key == "id":
                sid = value
            elif key in ("source", "src"):
                src = value
            elif key == "env":
                env = value
            else:
                raise CLIError(f"ERROR: unexpected key '{key}' in '{field}'")
        if kind == "env" and not env:
            env = src or sid
        if not kind and not src and not env:
            if sid in os.environ:
                env = sid
            else:
                src = sid
        if env:
            out[sid] = os.environ.get(env, "").encode()
            continue
        try:
            out[sid] = local_fs(cli).read_blob(local_path(cli, src)).read()
        except FSError:
            raise CLIError(f"ERROR: failed to stat {src}: stat {src}: no such file or directory")
    return out


def _labels(opts) -> dict:
    out = {}
    for kv in opt(opts, "label", []):
        k, _, v = kv.partition("=")
        out[k] = v
    return out


def _context(cli, path: str):
    if path == "-":
        # (no standard input reaches a notebook's docker command: %%dockerfile is the way)
        raise CLIError("dockstore-magic: a build context from standard input is not simulated; "
                       "use %%dockerfile", 125)
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
    secrets = _secrets(cli, opts)
    try:
        result = cli.engine.builder.build(text, context, tags=tags, build_args=_build_args(opts),
                                          no_cache=opt(opts, "no-cache", False),
                                          target=opt(opts, "target", "") or None,
                                          dockerfile_name=name, write=cli.err, quiet=quiet,
                                          secrets=secrets, labels=_labels(opts),
                                          pull=opt(opts, "pull", False))
    except BuildError:
        return 1, None
    if quiet:
        cli.out(result.image.id + "\n")
    iidfile = opt(opts, "iidfile", "")
    if iidfile:
        # buildx writes the image ID, without a newline, to a file of the client's
        try:
            local_fs(cli).write(local_path(cli, iidfile), result.image.id.encode(), mode=0o644)
        except FSError as e:
            cli.err(f"ERROR: failed to write image ID to {iidfile}: {e}\n")
            return 1, result.image
    return 0, result.image


def cmd_build(cli, opts, args):
    context = _context(cli, args[0])
    dockerfile = opt(opts, "file", "") or ""
    if dockerfile == "-":
        raise CLIError("dockstore-magic: a Dockerfile from standard input is not simulated; use %%dockerfile",
                       125)
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
