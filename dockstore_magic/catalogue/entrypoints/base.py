"""The machinery of the images' entrypoints: the ``docker-entrypoint.sh`` program that runs the
behaviour an image's script names, the registry of behaviours, and the helpers they share
(stepping down to the service user, creating the server's files).  See the package docstring."""
from __future__ import annotations

import time
from typing import Callable

from ...fs.errors import FSError
from ...shell.commands.base import Cmd, command
from ...shell.commands.servers import _serve_forever

MARKER = "# dockstore-magic entrypoint: "

#: behaviour name -> function(cmd, args) -> exit status
ENTRYPOINTS: dict[str, Callable[[Cmd, list[str]], int]] = {}


def entrypoint(name: str):
    """Register the behaviour of the images whose script carries ``MARKER + name``."""
    def deco(fn):
        ENTRYPOINTS[name] = fn
        return fn
    return deco


def marker_of(cmd: Cmd) -> str | None:
    """The behaviour named by the script being run (None: not one of the catalogue's)."""
    if not cmd.path:
        return None
    try:
        head = cmd.fs.read_blob(cmd.path).read(0, 512).decode("utf-8", "replace")
    except (FSError, OSError):
        return None
    for line in head.splitlines()[:3]:
        if line.startswith(MARKER):
            return line[len(MARKER):].strip()
    return None


@command("docker-entrypoint.sh", "docker-ensure-initdb.sh", "docker-enforce-initdb.sh",
         "httpd-foreground")
def cmd_docker_entrypoint(cmd: Cmd) -> int:
    name = marker_of(cmd)
    behaviour = ENTRYPOINTS.get(name or "")
    if behaviour is not None:
        return behaviour(cmd, list(cmd.args))
    # not a catalogue image's script: run it by its #! line, as exec(2) would
    sh = cmd.sh
    interp = sh._script_interpreter(cmd.path) if cmd.path else None
    if interp is None:
        cmd.err("cannot execute binary file: Exec format error")
        return 126
    return sh.exec_external(interp + [cmd.path] + list(cmd.args), cmd.env, cmd.io)


# ---------------------------------------------------------------------- helpers for behaviours
def exec_args(cmd: Cmd, args: list[str]) -> int:
    """``exec "$@"``: run the container's command (a missing one fails as exec does)."""
    if not args:
        return 0
    return cmd.run(args)


def owner(cmd: Cmd, uid: int = 999, gid: int = 999) -> tuple[int, int]:
    """Who owns what the server writes: the image's service user when started as root (the
    entrypoint steps down with ``gosu``), else the ``--user`` it runs as."""
    return (uid, gid) if cmd.uid == 0 else (cmd.uid, cmd.gid)


def chown_tree(cmd: Cmd, path: str, uid: int, gid: int) -> None:
    """``find PATH \\! -user U -exec chown U '{}' +`` (the entrypoints' way to own a volume)."""
    fs = cmd.fs
    try:
        if fs.lstat(path).uid != uid:
            fs.chown(path, uid, gid, follow=False)
        if not fs.isdir(path) or fs.lstat(path).is_symlink:
            return
        for name in fs.listdir(path):
            chown_tree(cmd, f"{path.rstrip('/')}/{name}", uid, gid)
    except FSError:
        pass


def mkdirs(cmd: Cmd, path: str, mode: int, uid: int, gid: int) -> None:
    if not cmd.fs.exists(path):
        cmd.fs.mkdir(path, mode=mode, parents=True, uid=uid, gid=gid)


def put(cmd: Cmd, path: str, data, uid: int, gid: int, mode: int = 0o640) -> None:
    """Write a file the server creates (``data``: text, bytes or a blob)."""
    if isinstance(data, str):
        data = data.encode()
    cmd.fs.write(path, data, mode=mode, uid=uid, gid=gid)
    cmd.fs.chmod(path, mode)
    cmd.fs.chown(path, uid, gid)


def stamp(cmd: Cmd, fmt: str) -> str:
    """The container clock's time, in ``time.strftime`` format ``fmt`` (UTC)."""
    return time.strftime(fmt, time.gmtime(cmd.now()))


def serve_forever(cmd: Cmd) -> int:
    """The server is up: the container keeps running until it is stopped."""
    return _serve_forever(cmd)


__all__ = ["ENTRYPOINTS", "MARKER", "entrypoint", "exec_args", "owner", "chown_tree", "mkdirs",
           "put", "stamp", "serve_forever"]
