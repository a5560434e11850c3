"""The ``mysql`` image: its entrypoint and ``mysqld``, for what they do to the data folder.

After docker-library/mysql ``innovation/docker-entrypoint.sh`` (``_main``): when the command is
``mysqld`` it notes its start, reads ``datadir`` from the server's configuration, creates the
data and socket folders and gives them to ``mysql`` (uid 999), steps down to that user
(``exec gosu mysql "$BASH_SOURCE" "$@"``, hence the start note twice) and, if
``$DATADIR/mysql`` does not exist, refuses to go on without one of the password variables
(``docker_verify_minimum_env``: the message below, exit 1), else initialises the folder
(``mysqld --initialize-insecure``), runs a temporary server to set the root password and load
the time zones, stops it, and ``exec``\\s ``mysqld``.  A folder that already holds
``mysql/`` is reused as it is.  Any other command is ``exec``\\ed unchanged.

The files ``--initialize`` leaves are MySQL 8.4/9.x's (InnoDB system, undo and redo
tablespaces, the ``mysql`` data dictionary, TLS keys, binary log), with their usual sizes.
"""
from __future__ import annotations

import hashlib
import uuid

from ...fs.blob import FillerBlob
from ...fs.errors import FSError
from ...shell.commands.base import Cmd, command
from .base import chown_tree, entrypoint, exec_args, mkdirs, owner, put, serve_forever, stamp

VERSION = "9.1.0"
SOCKET = "/var/run/mysqld/mysqld.sock"

UNINITIALIZED = """\
Database is uninitialized and password option is not specified
    You need to specify one of the following as an environment variable:
    - MYSQL_ROOT_PASSWORD
    - MYSQL_ALLOW_EMPTY_PASSWORD
    - MYSQL_RANDOM_ROOT_PASSWORD
"""

#: data folder after ``--initialize`` (path, bytes, mode); folders end with "/"
KIB, MIB = 1024, 1024 * 1024
INIT_FILES = [
    ("#ib_16384_0.dblwr", 192 * KIB, 0o640), ("#ib_16384_1.dblwr", 8392 * KIB, 0o640),
    ("#innodb_redo/", 0, 0o750), ("#innodb_temp/", 0, 0o750),
    ("ibdata1", 12 * MIB, 0o640), ("mysql.ibd", 30 * MIB, 0o640),
    ("undo_001", 16 * MIB, 0o640), ("undo_002", 16 * MIB, 0o640),
    ("mysql/", 0, 0o750), ("mysql/general_log.CSM", 35, 0o640),
    ("mysql/general_log.CSV", 0, 0o640), ("mysql/general_log_213.sdi", 6234, 0o640),
    ("mysql/slow_log.CSM", 35, 0o640), ("mysql/slow_log.CSV", 0, 0o640),
    ("mysql/slow_log_214.sdi", 7380, 0o640),
    ("performance_schema/", 0, 0o750), ("sys/", 0, 0o750), ("sys/sys_config.ibd", 112 * KIB, 0o640),
    ("ca-key.pem", 1705, 0o600), ("ca.pem", 1108, 0o644), ("server-key.pem", 1705, 0o600),
    ("server-cert.pem", 1108, 0o644), ("client-key.pem", 1705, 0o600),
    ("client-cert.pem", 1108, 0o644), ("private_key.pem", 1705, 0o600),
    ("public_key.pem", 452, 0o644),
]
PERFORMANCE_SCHEMA = [
    "accounts", "cond_instances", "data_locks", "data_lock_waits", "events_errors_summary_global_by_error",
    "events_stages_current", "events_statements_current", "events_statements_history",
    "events_transactions_current", "events_waits_current", "events_waits_history",
    "file_instances", "global_status", "global_variables", "hosts", "host_cache",
    "memory_summary_global_by_event_name", "metadata_locks", "mutex_instances",
    "processlist", "replication_connection_status", "session_status", "session_variables",
    "setup_actors", "setup_consumers", "setup_instruments", "setup_objects", "socket_instances",
    "table_handles", "threads", "users", "variables_info",
]


def _config(cmd: Cmd, args: list[str], key: str, default: str) -> str:
    """A server option: the command line first, then ``[mysqld]`` of /etc/my.cnf."""
    for a in args:
        if a.startswith(f"--{key}="):
            return a.split("=", 1)[1]
    section = ""
    try:
        text = cmd.fs.read_text("/etc/my.cnf")
    except FSError:
        return default
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line.strip("[]")
        elif section == "mysqld" and line.partition("=")[0].strip() == key:
            return line.partition("=")[2].strip()
    return default


def _note(cmd: Cmd, kind: str, text: str, err: bool = False) -> None:
    line = f"{stamp(cmd, '%Y-%m-%d %H:%M:%S+00:00')} [{kind}] [Entrypoint]: {text}\n"
    cmd.raw_err(line) if err else cmd.write(line)


def _server_log(cmd: Cmd, lines: list[tuple[int, str, str]]) -> None:
    """mysqld's error log (stderr): ``TIME THREAD [Level] [MY-code] [Subsystem] text``."""
    t = stamp(cmd, "%Y-%m-%dT%H:%M:%S")
    cmd.raw_err("".join(f"{t}.{100000 + 137 * i:06d}Z {thread} {text}\n"
                        for i, (thread, _, text) in enumerate(lines)))


def _server_id(cmd: Cmd, datadir: str) -> str:
    seed = f"{cmd.env.get('HOSTNAME', '')}:{datadir}:{cmd.now()}".encode()
    return str(uuid.UUID(bytes=hashlib.md5(seed).digest(), version=1))


def initialize(cmd: Cmd, datadir: str, uid: int, gid: int) -> None:
    """``mysqld --initialize-insecure``: the data folder of a new server."""
    _server_log(cmd, [
        (0, "", "[System] [MY-015017] [Server] MySQL Server Initialization - start."),
        (0, "", f"[System] [MY-013169] [Server] /usr/sbin/mysqld (mysqld {VERSION}) initializing "
                f"of server in progress as process 80"),
        (1, "", "[System] [MY-013576] [InnoDB] InnoDB initialization has started."),
        (1, "", "[System] [MY-013577] [InnoDB] InnoDB initialization has ended."),
        (6, "", "[Warning] [MY-010453] [Server] root@localhost is created with an empty password "
                "! Please consider switching off the --initialize-insecure option."),
        (0, "", "[System] [MY-015018] [Server] MySQL Server Initialization - end."),
    ])
    seed = f"mysql:{datadir}:{cmd.now()}"
    for rel, size, mode in INIT_FILES:
        path = f"{datadir}/{rel}"
        if rel.endswith("/"):
            mkdirs(cmd, path.rstrip("/"), mode, uid, gid)
        else:
            put(cmd, path, FillerBlob(size, f"{seed}:{rel}"), uid, gid, mode)
    for n in range(6, 38):
        name = f"#ib_redo{n}" + ("" if n == 6 else "_tmp")
        put(cmd, f"{datadir}/#innodb_redo/{name}", FillerBlob(3200 * KIB, f"{seed}:{name}"),
            uid, gid)
    for i, table in enumerate(PERFORMANCE_SCHEMA):
        put(cmd, f"{datadir}/performance_schema/{table}_{85 + i}.sdi",
            FillerBlob(6000 + 311 * (i % 17), f"{seed}:{table}"), uid, gid)
    put(cmd, f"{datadir}/auto.cnf", f"[auto]\nserver-uuid={_server_id(cmd, datadir)}\n",
        uid, gid)
    put(cmd, f"{datadir}/mysql_upgrade_history",
        '{"file_format":"1","upgrade_history":[{"date":"'
        + stamp(cmd, "%Y-%m-%d %H:%M:%S") + f'","version":"{VERSION}","maturity":"INNOVATION",'
        '"initialize":true}]}', uid, gid)
    _binlog(cmd, datadir, uid, gid)


def _binlog(cmd: Cmd, datadir: str, uid: int, gid: int) -> None:
    """A server start opens the next binary log file and lists it in ``binlog.index``."""
    index = f"{datadir}/binlog.index"
    try:
        names = cmd.fs.read_text(index).split()
    except FSError:
        names = []
    if names:                          # the previous file gets its closing event
        last = f"{datadir}/{names[-1][2:]}"
        try:
            put(cmd, last, FillerBlob(cmd.fs.stat(last).size + 22, f"binlog:{last}"), uid, gid)
        except FSError:
            pass
    name = f"binlog.{len(names) + 1:06d}"
    put(cmd, f"{datadir}/{name}", FillerBlob(158, f"binlog:{datadir}:{name}"), uid, gid)
    put(cmd, index, "".join(f"{n}\n" for n in names + [f"./{name}"]), uid, gid)


def start_server(cmd: Cmd, datadir: str, uid: int, gid: int, temporary: bool = False) -> None:
    """What a server start adds: temporary tablespaces, the next binlog, pid and socket
    locks, ``ib_buffer_pool`` at shutdown (the temporary server is stopped again)."""
    for i in range(1, 11):
        put(cmd, f"{datadir}/#innodb_temp/temp_{i}.ibt", FillerBlob(80 * KIB, f"ibt:{i}"), uid, gid)
    put(cmd, f"{datadir}/ibtmp1", FillerBlob(12 * MIB, "ibtmp1"), uid, gid)
    _binlog(cmd, datadir, uid, gid)
    run = "/var/run/mysqld"
    try:
        mkdirs(cmd, run, 0o1777, uid, gid)
        put(cmd, f"{run}/mysqld.pid", f"{1 if not temporary else 123}\n", uid, gid, 0o640)
        put(cmd, f"{run}/mysqld.sock.lock", f"{1 if not temporary else 123}\n", uid, gid, 0o600)
    except FSError:
        pass
    if temporary:
        put(cmd, f"{datadir}/ib_buffer_pool", FillerBlob(3609, f"bp:{datadir}"), uid, gid)
        for p in (f"{run}/mysqld.pid", f"{run}/mysqld.sock.lock", f"{datadir}/ibtmp1"):
            try:
                cmd.fs.unlink(p)
            except FSError:
                pass


def _ready_log(cmd: Cmd) -> None:
    _server_log(cmd, [
        (0, "", "[System] [MY-015015] [Server] MySQL Server - start."),
        (0, "", f"[System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld {VERSION}) starting as "
                "process 1"),
        (1, "", "[System] [MY-013576] [InnoDB] InnoDB initialization has started."),
        (1, "", "[System] [MY-013577] [InnoDB] InnoDB initialization has ended."),
        (0, "", "[Warning] [MY-010068] [Server] CA certificate ca.pem is self signed."),
        (0, "", "[System] [MY-013602] [Server] Channel mysql_main configured to support TLS. "
                "Encrypted connections are now supported for this channel."),
        (0, "", "[Warning] [MY-011810] [Server] Insecure configuration for --pid-file: Location "
                "'/var/run/mysqld' in the path is accessible to all OS users. Consider choosing "
                "a different directory."),
        (0, "", "[System] [MY-011323] [Server] X Plugin ready for connections. Bind-address: "
                "'::' port: 33060, socket: /var/run/mysqld/mysqlx.sock"),
        (0, "", f"[System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: "
                f"'{VERSION}'  socket: '{SOCKET}'  port: 3306  MySQL Community Server - GPL."),
    ])


def _socket_fix(cmd: Cmd, uid: int, gid: int) -> None:
    """``ln -sfTv "$SOCKET" /var/lib/mysql/mysql.sock`` (the package's default socket)."""
    link = "/var/lib/mysql/mysql.sock"
    try:
        if cmd.fs.exists(link, follow=False):
            cmd.fs.unlink(link)
        cmd.fs.symlink(SOCKET, link, uid=uid, gid=gid)
        cmd.write(f"'{link}' -> '{SOCKET}'\n")
    except FSError:
        pass


def _want_help(args: list[str]) -> bool:
    return any(a in ("-?", "--help", "--print-defaults", "-V", "--version") for a in args)


@entrypoint("mysql")
def mysql_entrypoint(cmd: Cmd, args: list[str]) -> int:
    if args and args[0].startswith("-"):
        args = ["mysqld", *args]
    if not args or args[0] != "mysqld" or _want_help(args):
        return exec_args(cmd, args)
    version = cmd.env.get("MYSQL_VERSION", f"{VERSION}-1.el9")
    _note(cmd, "Note", f"Entrypoint script for MySQL Server {version} started.")
    datadir = _config(cmd, args, "datadir", "/var/lib/mysql").rstrip("/") or "/"
    uid, gid = owner(cmd)
    try:
        for d in (datadir, "/var/run/mysqld", "/var/lib/mysql-files"):
            mkdirs(cmd, d, 0o755, uid, gid)
            if cmd.uid == 0:
                chown_tree(cmd, d, uid, gid)
    except FSError as e:
        cmd.raw_err(f"mkdir: cannot create directory '{datadir}': {e.message}\n")
        return 1
    if cmd.uid == 0:
        _note(cmd, "Note", "Switching to dedicated user 'mysql'")
        _note(cmd, "Note", f"Entrypoint script for MySQL Server {version} started.")
    env = cmd.env
    if not cmd.fs.isdir(f"{datadir}/mysql"):
        if not (env.get("MYSQL_ROOT_PASSWORD") or env.get("MYSQL_ALLOW_EMPTY_PASSWORD")
                or env.get("MYSQL_RANDOM_ROOT_PASSWORD")):
            _note(cmd, "ERROR", UNINITIALIZED.rstrip("\n"), err=True)
            return 1
        _note(cmd, "Note", "Initializing database files")
        initialize(cmd, datadir, uid, gid)
        _note(cmd, "Note", "Database files initialized")
        _note(cmd, "Note", "Starting temporary server")
        _note(cmd, "Note", "Temporary server started.")
        _socket_fix(cmd, uid, gid)
        for tz in ("iso3166.tab", "leap-seconds.list", "leapseconds", "tzdata.zi", "zone.tab",
                   "zone1970.tab"):
            cmd.write(f"Warning: Unable to load '/usr/share/zoneinfo/{tz}' as time zone. "
                      "Skipping it.\n")
        if env.get("MYSQL_RANDOM_ROOT_PASSWORD"):
            pw = hashlib.sha256(f"{datadir}:{cmd.now()}".encode()).hexdigest()[:32]
            _note(cmd, "Note", f"GENERATED ROOT PASSWORD: {pw}")
        if env.get("MYSQL_DATABASE"):
            db = env["MYSQL_DATABASE"]
            _note(cmd, "Note", f"Creating database {db}")
            mkdirs(cmd, f"{datadir}/{db}", 0o750, uid, gid)
        if env.get("MYSQL_USER") and env.get("MYSQL_PASSWORD"):
            _note(cmd, "Note", f"Creating user {env['MYSQL_USER']}")
            if env.get("MYSQL_DATABASE"):
                _note(cmd, "Note", f"Giving user {env['MYSQL_USER']} access to schema "
                                   f"{env['MYSQL_DATABASE']}")
        start_server(cmd, datadir, uid, gid, temporary=True)
        cmd.write("\n")
        _note(cmd, "Note", "Stopping temporary server")
        _note(cmd, "Note", "Temporary server stopped")
        cmd.write("\n")
        _note(cmd, "Note", "MySQL init process done. Ready for start up.")
        cmd.write("\n")
    else:
        _socket_fix(cmd, uid, gid)
    return _serve(cmd, datadir, uid, gid)


def _serve(cmd: Cmd, datadir: str, uid: int, gid: int) -> int:
    start_server(cmd, datadir, uid, gid)
    _ready_log(cmd)
    return serve_forever(cmd)


@command("mysqld")
def cmd_mysqld(cmd: Cmd) -> int:
    args = list(cmd.args)
    if "--version" in args or "-V" in args:
        cmd.write(f"/usr/sbin/mysqld  Ver {VERSION} for Linux on x86_64 (MySQL Community Server "
                  "- GPL)\n")
        return 0
    datadir = _config(cmd, args, "datadir", "/var/lib/mysql").rstrip("/") or "/"
    uid, gid = owner(cmd)             # my.cnf's user=mysql
    if any(a.startswith("--initialize") for a in args):
        initialize(cmd, datadir, uid, gid)
        return 0
    if not cmd.fs.isdir(f"{datadir}/mysql"):
        _server_log(cmd, [
            (0, "", "[System] [MY-015015] [Server] MySQL Server - start."),
            (0, "", f"[ERROR] [MY-013236] [Server] The designated data directory {datadir}/ is "
                    "unusable. You can remove all files that the server added to it."),
            (0, "", "[ERROR] [MY-010119] [Server] Aborting"),
            (0, "", "[System] [MY-015016] [Server] MySQL Server - end."),
        ])
        return 1
    return _serve(cmd, datadir, uid, gid)


@command("mysql", "mysqladmin", "mysqldump")
def cmd_mysql_client(cmd: Cmd) -> int:
    if "--version" in cmd.args or "-V" in cmd.args:
        cmd.write(f"{cmd.prog}  Ver {VERSION} for Linux on x86_64 (MySQL Community Server - "
                  "GPL)\n")
        return 0
    cmd.err("dockstore-magic runs no SQL: only --version is simulated")
    return 1
