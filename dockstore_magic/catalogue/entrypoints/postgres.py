"""The ``postgres`` image: its entrypoint, ``postgres`` and ``initdb``, for what they do to
``$PGDATA``.

After docker-library/postgres ``17/bookworm/docker-entrypoint.sh`` (``_main``): when the command
is ``postgres`` it reads ``POSTGRES_PASSWORD``/``_USER``/``_DB``, creates ``$PGDATA`` (mode
0700) and ``/var/run/postgresql`` and gives them to ``postgres`` (uid 999), steps down with
``gosu``, and unless ``$PGDATA/PG_VERSION`` exists (non-empty) refuses to go on without
``POSTGRES_PASSWORD`` or ``POSTGRES_HOST_AUTH_METHOD=trust`` (the message below, exit 1);
else ``initdb``, ``host all all all scram-sha-256`` appended to ``pg_hba.conf``, a temporary
server for ``POSTGRES_DB`` and ``/docker-entrypoint-initdb.d``, and ``exec postgres``.  An
existing cluster is kept: "PostgreSQL Database directory appears to contain a database;
Skipping initialization".  ``docker-ensure-initdb.sh`` does the initialisation only.

The cluster ``initdb`` lays out is PostgreSQL 17's (``base/1``, ``base/4``, ``base/5`` for
template1, template0 and postgres, ``global``, a 16 MiB WAL segment, the configuration files),
about 39 MB.
"""
from __future__ import annotations

from ...fs.blob import FillerBlob
from ...fs.errors import FSError
from ...shell.commands.base import Cmd, command
from .base import chown_tree, entrypoint, exec_args, mkdirs, owner, put, serve_forever, stamp

VERSION = "17.2"
BANNER = (f"PostgreSQL {VERSION} (Debian {VERSION}-1.pgdg120+1) on x86_64-pc-linux-gnu, "
          "compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit")
ENTRYPOINT = "/usr/local/bin/docker-entrypoint.sh"

NO_PASSWORD = """\
Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.

       See PostgreSQL documentation about "trust":
       https://www.postgresql.org/docs/current/auth-trust.html
"""
TRUST_WARNING = """\
********************************************************************************
WARNING: POSTGRES_HOST_AUTH_METHOD has been set to "trust". This will allow
         anyone with access to the Postgres port to access your database without
         a password, even if POSTGRES_PASSWORD is set. See PostgreSQL
         documentation about "trust":
         https://www.postgresql.org/docs/current/auth-trust.html
         In Docker's default configuration, this is effectively any other
         container on the same system.

         It is not recommended to use POSTGRES_HOST_AUTH_METHOD=trust. Replace
         it with "-e POSTGRES_PASSWORD=password" instead to set a password in
         "docker run".
********************************************************************************
"""

INITDB = """\
The files belonging to this database system will be owned by user "{user}".
This user must also own the server process.

The database cluster will be initialized with locale "en_US.utf8".
The default database encoding has accordingly been set to "UTF8".
The default text search configuration will be set to "english".

Data page checksums are disabled.

fixing permissions on existing directory {pgdata} ... ok
creating subdirectories ... ok
selecting dynamic shared memory implementation ... posix
selecting default "max_connections" ... 100
selecting default "shared_buffers" ... 128MB
selecting default time zone ... Etc/UTC
creating configuration files ... ok
running bootstrap script ... ok
performing post-bootstrap initialization ... ok
syncing data to disk ... ok


Success. You can now start the database server using:

    pg_ctl -D {pgdata} -l logfile start

"""
INITDB_WARNING = (
    'initdb: warning: enabling "trust" authentication for local connections\n'
    "initdb: hint: You can change this by editing pg_hba.conf or using the option -A, or "
    "--auth-local and --auth-host, the next time you run initdb.\n")

KIB = 1024
#: one database folder: relfilenodes of the system catalogs and their indexes (KiB; None:
#: the 524-byte pg_filenode.map), about 7.5 MiB as in PostgreSQL 17
DATABASE_FILES = [
    ("1247", 120), ("1247_fsm", 3), ("1247_vm", 1), ("1249", 464), ("1249_fsm", 3),
    ("1249_vm", 1), ("1255", 800), ("1255_fsm", 3), ("1255_vm", 1), ("1259", 112),
    ("1259_fsm", 3), ("1259_vm", 1), ("2604", 48), ("2606", 64), ("2608", 464), ("2609", 376),
    ("2610", 16), ("2612", 8), ("2615", 8), ("2617", 128), ("2618", 984), ("2619", 168),
    ("2620", 8), ("2658", 128), ("2659", 88), ("2662", 32), ("2663", 48), ("2673", 336),
    ("2674", 392), ("2690", 112), ("2691", 312), ("2692", 16), ("2696", 16), ("2701", 48),
    ("2703", 16), ("2704", 48), ("3455", 32), ("3600", 8), ("3602", 8), ("3764", 8),
    ("5002", 8), ("2840", 480), ("2836", 400), ("2841", 16), ("2837", 16),
    ("pg_filenode.map", None), ("PG_VERSION", None),
] + [(str(n), 16) for n in range(2650, 2700) if n not in (2658, 2659, 2662, 2663, 2673, 2674,
                                                          2690, 2691, 2692, 2696)]
GLOBAL_FILES = [("1213", 8), ("1214", 0), ("1232", 8), ("1233", 16), ("1260", 8),
                ("1261", 0), ("1262", 8), ("2396", 0), ("2671", 16), ("2672", 16),
                ("2676", 16), ("2677", 16), ("2694", 16), ("2695", 16), ("2697", 16),
                ("2698", 16), ("2964", 0), ("2965", 8), ("3592", 0), ("3593", 8),
                ("6000", 0), ("6100", 0), ("6114", 16), ("6115", 16), ("pg_control", 8),
                ("pg_filenode.map", None)]
CLUSTER_DIRS = ["base", "global", "pg_commit_ts", "pg_dynshmem", "pg_logical",
                "pg_logical/mappings", "pg_logical/snapshots", "pg_multixact",
                "pg_multixact/members", "pg_multixact/offsets", "pg_notify", "pg_replslot",
                "pg_serial", "pg_snapshots", "pg_stat", "pg_stat_tmp", "pg_subtrans",
                "pg_tblspc", "pg_twophase", "pg_wal", "pg_wal/archive_status",
                "pg_wal/summaries", "pg_xact"]


HBA_HEAD = """\
# PostgreSQL Client Authentication Configuration File
# ===================================================
#
# Refer to the "Client Authentication" section in the PostgreSQL
# documentation for a complete description of this file.
"""
HBA_RULES = """\
# TYPE  DATABASE        USER            ADDRESS                 METHOD

# "local" is for Unix domain socket connections only
local   all             all                                     trust
# IPv4 local connections:
host    all             all             127.0.0.1/32            trust
# IPv6 local connections:
host    all             all             ::1/128                 trust
# Allow replication connections from localhost, by a user with the
# replication privilege.
local   replication     all                                     trust
host    replication     all             127.0.0.1/32            trust
host    replication     all             ::1/128                 trust
"""
CONF_HEAD = """\
# -----------------------------
# PostgreSQL configuration file
# -----------------------------
#
# This file consists of lines of the form:
#
#   name = value
"""
CONF_SETTINGS = """\
listen_addresses = '*'
max_connections = 100\t\t\t# (change requires restart)
shared_buffers = 128MB\t\t\t# min 128kB
dynamic_shared_memory_type = posix\t# the default is usually the first option
max_wal_size = 1GB
min_wal_size = 80MB
log_timezone = 'Etc/UTC'
datestyle = 'iso, mdy'
timezone = 'Etc/UTC'
lc_messages = 'en_US.utf8'\t\t# locale for system error message
lc_monetary = 'en_US.utf8'\t\t# locale for monetary formatting
lc_numeric = 'en_US.utf8'\t\t# locale for number formatting
lc_time = 'en_US.utf8'\t\t\t# locale for time formatting
default_text_search_config = 'pg_catalog.english'
"""


def _padded(head: str, body: str, size: int) -> str:
    """A configuration file of ``size`` bytes: ``head``, comment lines standing for the
    sample's documentation, then the settings ``body``."""
    fill = max(0, size - len(head) - len(body))
    lines, n = [], 0
    while fill - n > 0:
        line = "#" + " " * min(70, max(0, fill - n - 2)) + "\n" if fill - n > 1 else "\n"
        lines.append(line)
        n += len(line)
    return head + "".join(lines) + body


def _database(cmd: Cmd, path: str, uid: int, gid: int, seed: str) -> None:
    mkdirs(cmd, path, 0o700, uid, gid)
    for name, kib in DATABASE_FILES:
        data = ("17\n" if name == "PG_VERSION" else
                FillerBlob(524 if kib is None else kib * KIB, f"{seed}:{path}:{name}"))
        put(cmd, f"{path}/{name}", data, uid, gid, 0o600)


def initdb(cmd: Cmd, pgdata: str, user: str, uid: int, gid: int) -> None:
    """``initdb``: a new cluster in ``pgdata`` (printing what initdb prints)."""
    cmd.write(INITDB.format(user="postgres" if uid == 999 else user, pgdata=pgdata))
    cmd.raw_err(INITDB_WARNING)
    seed = f"pg:{pgdata}:{cmd.now()}"
    cmd.fs.chmod(pgdata, 0o700)
    for d in CLUSTER_DIRS:
        mkdirs(cmd, f"{pgdata}/{d}", 0o700, uid, gid)
    for oid in ("1", "4", "5"):
        _database(cmd, f"{pgdata}/base/{oid}", uid, gid, seed)
    for name, kib in GLOBAL_FILES:
        put(cmd, f"{pgdata}/global/{name}",
            FillerBlob(524 if kib is None else kib * KIB, f"{seed}:global:{name}"),
            uid, gid, 0o600)
    files = {
        "PG_VERSION": "17\n",
        "pg_hba.conf": _padded(HBA_HEAD, HBA_RULES, 5743),
        "pg_ident.conf": FillerBlob(2640, "pg_ident.conf.sample"),
        "postgresql.conf": _padded(CONF_HEAD, CONF_SETTINGS, 30_781),
        "postgresql.auto.conf": "# Do not edit this file manually!\n# It will be overwritten by "
                                "the ALTER SYSTEM command.\n",
        "pg_logical/replorigin_checkpoint": FillerBlob(8, f"{seed}:replorigin"),
        "pg_multixact/members/0000": FillerBlob(8 * KIB, f"{seed}:members"),
        "pg_multixact/offsets/0000": FillerBlob(8 * KIB, f"{seed}:offsets"),
        "pg_subtrans/0000": FillerBlob(8 * KIB, f"{seed}:subtrans"),
        "pg_xact/0000": FillerBlob(8 * KIB, f"{seed}:xact"),
        "pg_wal/000000010000000000000001": FillerBlob(16 * 1024 * KIB, f"{seed}:wal1"),
    }
    for rel, data in files.items():
        put(cmd, f"{pgdata}/{rel}", data, uid, gid, 0o600)


def _log(cmd: Cmd, pid: int, lines: list[str]) -> None:
    t = stamp(cmd, "%Y-%m-%d %H:%M:%S")
    cmd.raw_err("".join(f"{t}.{123 + 7 * i:03d} UTC [{pid}] LOG:  {text}\n"
                        for i, text in enumerate(lines)))


def _start(cmd: Cmd, pgdata: str, uid: int, gid: int, pid: int, local_only: bool) -> None:
    """A server start: its banner and the files a running server keeps in ``$PGDATA``."""
    put(cmd, f"{pgdata}/postmaster.opts", "/usr/lib/postgresql/17/bin/postgres\n", uid, gid, 0o600)
    port = "5432"
    put(cmd, f"{pgdata}/postmaster.pid",
        f"{pid}\n{pgdata}\n{int(cmd.now())}\n{port}\n/var/run/postgresql\n"
        f"{'' if local_only else '*'}\n  5432001         0\nready   \n", uid, gid, 0o600)
    put(cmd, f"{pgdata}/global/pg_internal.init", FillerBlob(27_460, f"{pgdata}:init"), uid, gid,
        0o600)
    lines = [f"starting {BANNER}"]
    if not local_only:
        lines += ['listening on IPv4 address "0.0.0.0", port 5432',
                  'listening on IPv6 address "::", port 5432']
    lines += ['listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"',
              f"database system was shut down at {stamp(cmd, '%Y-%m-%d %H:%M:%S')} UTC",
              "database system is ready to accept connections"]
    _log(cmd, pid, lines)


def _stop_temporary(cmd: Cmd, pgdata: str, pid: int) -> None:
    cmd.write("waiting for server to shut down...")
    _log(cmd, pid, ["received fast shutdown request", "aborting any active transactions",
                    f'background worker "logical replication launcher" (PID {pid + 6}) exited '
                    "with exit code 1", "shutting down", "checkpoint starting: shutdown immediate",
                    "database system is shut down"])
    cmd.write(" done\nserver stopped\n")
    try:
        cmd.fs.unlink(f"{pgdata}/postmaster.pid")
    except FSError:
        pass


def _init_files(cmd: Cmd) -> None:
    """``docker_process_init_files /docker-entrypoint-initdb.d/*`` (no nullglob: an empty
    folder gives the literal pattern, which is ignored)."""
    d = "/docker-entrypoint-initdb.d"
    try:
        names = sorted(cmd.fs.listdir(d))
    except FSError:
        names = []
    cmd.write("\n")
    for name in names or ["*"]:
        f = f"{d}/{name}"
        if name.endswith(".sh"):
            executable = bool(cmd.fs.stat(f).perm & 0o111)
            cmd.write(f"{ENTRYPOINT}: {'running' if executable else 'sourcing'} {f}\n")
            cmd.run([f] if executable else ["bash", f])
        elif name.endswith((".sql", ".sql.gz", ".sql.xz", ".sql.zst")):
            cmd.write(f"{ENTRYPOINT}: running {f}\n")
            cmd.raw_err(f"dockstore-magic: psql runs no SQL: {f} was not executed\n")
        else:
            cmd.write(f"{ENTRYPOINT}: ignoring {f}\n")
        cmd.write("\n")


def _prepare(cmd: Cmd, args: list[str]) -> tuple[str, int, int, bool] | int:
    """Folders and the first-start checks; an exit status when the entrypoint gives up."""
    env = cmd.env
    pgdata = (env.get("PGDATA") or "/var/lib/postgresql/data").rstrip("/") or "/"
    uid, gid = owner(cmd)
    try:
        mkdirs(cmd, pgdata, 0o700, uid, gid)
        cmd.fs.chmod(pgdata, 0o700)
        mkdirs(cmd, "/var/run/postgresql", 0o3775, uid, gid)
    except FSError as e:
        cmd.raw_err(f"mkdir: cannot create directory '{pgdata}': {e.message}\n")
        return 1
    if cmd.uid == 0:
        chown_tree(cmd, pgdata, uid, gid)
        chown_tree(cmd, "/var/run/postgresql", uid, gid)
    try:
        exists = cmd.fs.stat(f"{pgdata}/PG_VERSION").size > 0
    except FSError:
        exists = False
    if not exists:
        trust = env.get("POSTGRES_HOST_AUTH_METHOD") == "trust"
        if not env.get("POSTGRES_PASSWORD") and not trust:
            cmd.raw_err(NO_PASSWORD)
            return 1
        if trust:
            cmd.raw_err(TRUST_WARNING)
    return pgdata, uid, gid, exists


def _initialise(cmd: Cmd, pgdata: str, uid: int, gid: int) -> None:
    env = cmd.env
    user = env.get("POSTGRES_USER") or "postgres"
    db = env.get("POSTGRES_DB") or user
    initdb(cmd, pgdata, user, uid, gid)
    auth = env.get("POSTGRES_HOST_AUTH_METHOD") or "scram-sha-256"
    extra = ("\n" + ("# warning trust is enabled for all connections\n# see https://www.postgresql"
                     ".org/docs/17/auth-trust.html\n" if auth == "trust" else "")
             + f"host all all all {auth}\n")
    cmd.fs.write(f"{pgdata}/pg_hba.conf", extra.encode(), append=True)
    cmd.write("waiting for server to start....")
    _start(cmd, pgdata, uid, gid, 48, local_only=True)
    cmd.write(" done\nserver started\n")
    if db != "postgres":
        _database(cmd, f"{pgdata}/base/16384", uid, gid, f"pg:{pgdata}:{db}")
        cmd.write("CREATE DATABASE\n\n")
    _init_files(cmd)
    _stop_temporary(cmd, pgdata, 48)


@entrypoint("postgres")
def postgres_entrypoint(cmd: Cmd, args: list[str]) -> int:
    if args and args[0].startswith("-"):
        args = ["postgres", *args]
    if not args or args[0] != "postgres" or _want_help(args):
        return exec_args(cmd, args)
    got = ensure_initdb(cmd, args)
    if isinstance(got, int):
        return got
    pgdata, uid, gid, existed = got
    if not existed:
        cmd.write("\nPostgreSQL init process complete; ready for start up.\n\n")
    else:
        cmd.write("\nPostgreSQL Database directory appears to contain a database; Skipping "
                  "initialization\n\n")
    return _serve(cmd, pgdata, uid, gid)


@entrypoint("postgres-ensure-initdb")
def ensure_initdb_script(cmd: Cmd, args: list[str]) -> int:
    """``docker-ensure-initdb.sh``: initialise ``$PGDATA`` if needed, start no server."""
    got = ensure_initdb(cmd, args)
    return got if isinstance(got, int) else 0


def ensure_initdb(cmd: Cmd, args: list[str]) -> tuple[str, int, int, bool] | int:
    """Folders, checks and ``initdb`` when ``$PGDATA`` holds no cluster: (pgdata, uid, gid,
    whether a cluster was there) or the exit status of a refusal."""
    got = _prepare(cmd, args)
    if not isinstance(got, int) and not got[3]:
        _initialise(cmd, got[0], got[1], got[2])
    return got


def _want_help(args: list[str]) -> bool:
    return any(a in ("-?", "--help", "--describe-config", "-V", "--version") for a in args)


def _serve(cmd: Cmd, pgdata: str, uid: int, gid: int) -> int:
    _start(cmd, pgdata, uid, gid, 1, local_only=False)
    return serve_forever(cmd)


@command("postgres")
def cmd_postgres(cmd: Cmd) -> int:
    args = list(cmd.args)
    if "--version" in args or "-V" in args:
        cmd.write(f"postgres (PostgreSQL) {VERSION} (Debian {VERSION}-1.pgdg120+1)\n")
        return 0
    if cmd.uid == 0:
        cmd.raw_err('"root" execution of the PostgreSQL server is not permitted.\n'
                    "The server must be started under an unprivileged user ID to prevent\n"
                    "possible system security compromise.  See the documentation for\n"
                    "more information on how to properly start the server.\n")
        return 1
    pgdata = cmd.env.get("PGDATA") or "/var/lib/postgresql/data"
    if "-D" in args and args.index("-D") + 1 < len(args):
        pgdata = args[args.index("-D") + 1]
    if not cmd.fs.isfile(f"{pgdata}/postgresql.conf"):
        cmd.raw_err(f'postgres: could not access the server configuration file '
                    f'"{pgdata}/postgresql.conf": No such file or directory\n')
        return 2
    return _serve(cmd, pgdata, cmd.uid, cmd.gid)


@command("psql", "pg_dump", "initdb", "pg_ctl")
def cmd_pg_client(cmd: Cmd) -> int:
    if "--version" in cmd.args or "-V" in cmd.args:
        cmd.write(f"{cmd.prog} (PostgreSQL) {VERSION} (Debian {VERSION}-1.pgdg120+1)\n")
        return 0
    cmd.err("dockstore-magic runs no SQL and starts no cluster this way: only --version is "
            "simulated")
    return 1
