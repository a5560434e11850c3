"""The ``redis`` image: its entrypoint and ``redis-server``, for what they do to ``/data``.

After docker-library/redis ``docker-entrypoint.sh``: a first argument that is an option or a
``.conf`` file gets ``redis-server`` put in front; for ``redis-server`` started as root, the
working folder (``/data``, the image's VOLUME) is given to ``redis`` (uid 999: ``find . \\!
-user redis -exec chown redis '{}' +``) before stepping down with ``gosu``; anything else is
``exec``\\ed unchanged.

``redis-server`` keeps its data in the working folder: it loads ``dump.rdb`` when one is there
and, with ``--appendonly yes``, creates the ``appendonlydir`` of Redis 7 (a base RDB, an empty
incremental AOF and the manifest).  The snapshot Redis writes when it is stopped is not
simulated (``docker stop`` runs no code in the container).
"""
from __future__ import annotations

from ...fs.blob import FillerBlob
from ...fs.errors import FSError
from ...shell.commands.base import Cmd, command
from .base import chown_tree, entrypoint, exec_args, mkdirs, owner, put, serve_forever, stamp

VERSION = "7.2.5"


@entrypoint("redis")
def redis_entrypoint(cmd: Cmd, args: list[str]) -> int:
    if args and (args[0].startswith("-") or args[0].endswith(".conf")):
        args = ["redis-server", *args]
    if args[:1] == ["redis-server"] and cmd.uid == 0:
        uid, gid = owner(cmd)
        chown_tree(cmd, cmd.cwd, uid, gid)
    return exec_args(cmd, args)


def _option(args: list[str], name: str) -> str | None:
    for i, a in enumerate(args):
        if a == f"--{name}" and i + 1 < len(args):
            return args[i + 1]
    return None


def _log(cmd: Cmd, role: str, lines: list[str]) -> None:
    t = stamp(cmd, "%d %b %Y %H:%M:%S")
    cmd.write("".join(f"1:{role} {t}.{100 + i:03d} {line}\n" for i, line in enumerate(lines)))


@command("redis-server")
def cmd_redis_server(cmd: Cmd) -> int:
    args = list(cmd.args)
    if args[:1] in (["-v"], ["--version"]):
        cmd.write(f"Redis server v={VERSION} sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 "
                  "build=4e6c5a1dbad6bd70\n")
        return 0
    uid, gid = owner(cmd)
    quiet = _option(args, "loglevel") == "warning"
    lines = ["# WARNING Memory overcommit must be enabled! Without it, a background save or "
             "replication may fail under low memory condition. Being disabled, it can also "
             "cause failures without low memory condition, see https://github.com/jemalloc/"
             "jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to "
             "/etc/sysctl.conf and then reboot or run the command 'sysctl "
             "vm.overcommit_memory=1' for this to take effect."]
    if not quiet:
        lines += ["* oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo",
                  f"* Redis version={VERSION}, bits=64, commit=00000000, modified=0, pid=1, "
                  "just started"]
        if not args or args[0].startswith("-"):
            lines.append("# Warning: no config file specified, using the default config. In "
                         "order to specify a config file use redis-server /path/to/redis.conf")
        else:
            lines.append("* Configuration loaded")
    _log(cmd, "C", lines)
    lines = [] if quiet else ["* monotonic clock: POSIX clock_gettime",
                              "* Running mode=standalone, port=6379.", "* Server initialized"]
    data = cmd.cwd.rstrip("/")
    if _option(args, "appendonly") == "yes":
        aof = f"{data}/appendonlydir"
        try:
            if not cmd.fs.isdir(aof):
                mkdirs(cmd, aof, 0o755, uid, gid)
                base, incr = "appendonly.aof.1.base.rdb", "appendonly.aof.1.incr.aof"
                put(cmd, f"{aof}/{base}", FillerBlob(88, f"{aof}:base"), uid, gid, 0o644)
                put(cmd, f"{aof}/{incr}", b"", uid, gid, 0o644)
                put(cmd, f"{aof}/appendonly.aof.manifest",
                    f"file {base} seq 1 type b\nfile {incr} seq 1 type i\n", uid, gid, 0o644)
                if not quiet:
                    lines += [f"* Creating AOF base file {base} on server start",
                              f"* Creating AOF incr file {incr} on server start"]
            elif not quiet:
                lines += ["* DB loaded from append only file: 0.000 seconds"]
        except FSError as e:
            cmd.write(f"1:M {stamp(cmd, '%d %b %Y %H:%M:%S')}.200 # Can't open the append-only "
                      f"file: {e.message}\n")
            return 1
    elif cmd.fs.isfile(f"{data}/dump.rdb") and not quiet:
        lines += [f"* Loading RDB produced by version {VERSION}", "* RDB age 0 seconds",
                  "* RDB memory usage when created 0.83 Mb",
                  "* Done loading RDB, keys loaded: 0, keys expired: 0.",
                  "* DB loaded from disk: 0.000 seconds"]
    if not quiet:
        lines.append("* Ready to accept connections tcp")
    _log(cmd, "M", lines)
    return serve_forever(cmd)


@command("redis-cli")
def cmd_redis_cli(cmd: Cmd) -> int:
    if cmd.args[:1] in (["-v"], ["--version"]):
        cmd.write(f"redis-cli {VERSION}\n")
        return 0
    cmd.raw_err("Could not connect to Redis at 127.0.0.1:6379: Connection refused\n"
                if not cmd.args else "dockstore-magic: redis-cli sends no commands: only "
                "--version is simulated\n")
    return 1
