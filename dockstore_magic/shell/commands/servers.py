"""Programs that serve forever: ``nginx`` and ``python3`` (``-m http.server``), plus the
little of them a lesson touches (versions, ``nginx -t``).  A server never returns: it asks the
caller to keep the process running (``ctx.on_sleep(inf)``), so ``docker run -d nginx`` stays
``Up`` until ``docker stop``.  No Python code is ever executed: ``python3 -c``/scripts say so."""
from __future__ import annotations

import ast
import re
import time as _time

from ...fs.errors import FSError
from .base import Cmd, command

NGINX_VERSION = "1.27.3"


def _serve_forever(cmd: Cmd) -> int:
    if cmd.ctx.on_sleep is not None:
        from ..interp import HookError
        try:
            cmd.ctx.on_sleep(float("inf"))
        except Exception as e:
            raise HookError(e) from None
    return 0


def _stamp(cmd: Cmd) -> str:
    return _time.strftime("%Y/%m/%d %H:%M:%S", _time.gmtime(cmd.now()))


def _mkdirs(cmd: Cmd, paths, uid=0, gid=0):
    for p in paths:
        try:
            if not cmd.fs.exists(p):
                cmd.fs.mkdir(p, mode=0o700, parents=True, uid=uid, gid=gid)
        except FSError:
            pass


@command("nginx")
def cmd_nginx(cmd: Cmd) -> int:
    args = list(cmd.args)
    version = cmd.env.get("NGINX_VERSION", NGINX_VERSION)
    conf = "/etc/nginx/nginx.conf"
    if "-c" in args and args.index("-c") + 1 < len(args):
        conf = args[args.index("-c") + 1]
    if "-v" in args:
        cmd.raw_err(f"nginx version: nginx/{version}\n")
        return 0
    if "-V" in args:
        cmd.raw_err(f"nginx version: nginx/{version}\nbuilt by gcc 12.2.0 (Debian 12.2.0-14)\n"
                    "built with OpenSSL 3.0.15 3 Sep 2024\nTLS SNI support enabled\n"
                    "configure arguments: --prefix=/etc/nginx --sbin-path=/usr/sbin/nginx "
                    "--conf-path=/etc/nginx/nginx.conf --pid-path=/run/nginx.pid\n")
        return 0
    if not cmd.fs.isfile(conf):
        cmd.raw_err(f'nginx: [emerg] open() "{conf}" failed (2: No such file or directory)\n')
        return 1
    if "-t" in args or "-T" in args:
        cmd.raw_err(f"nginx: the configuration file {conf} syntax is ok\n"
                    f"nginx: configuration file {conf} test is successful\n")
        return 0
    if "-s" in args:
        cmd.raw_err(f'{_stamp(cmd)} [notice] {cmd.ctx.pid}#{cmd.ctx.pid}: signal process started\n')
        return 0
    daemon_off = any("daemon off" in a for a in args)
    if not daemon_off:
        try:
            daemon_off = "daemon off" in cmd.fs.read_text(conf)
        except FSError:
            pass
    # what nginx leaves in the container's layer when it starts
    uid = gid = 0
    try:
        for line in cmd.fs.read_text("/etc/passwd").splitlines():
            f = line.split(":")
            if f[0] == "nginx":
                uid, gid = int(f[2]), int(f[3])
    except (FSError, ValueError, IndexError):
        pass
    _mkdirs(cmd, [f"/var/cache/nginx/{d}_temp" for d in ("client", "proxy", "fastcgi", "uwsgi", "scgi")],
            uid, gid)
    pid = cmd.ctx.pid
    try:
        cmd.fs.write("/run/nginx.pid", f"{pid}\n".encode())
    except FSError:
        pass
    t = _stamp(cmd)
    notices = ['using the "epoll" event method', f"nginx/{version}",
               "built by gcc 12.2.0 (Debian 12.2.0-14)", f"OS: Linux {cmd.ctx.kernel}",
               "getrlimit(RLIMIT_NOFILE): 1048576:1048576", "start worker processes"]
    notices += [f"start worker process {pid + 28 + i}" for i in range(cmd.ctx.nproc)]
    cmd.raw_err("".join(f"{t} [notice] {pid}#{pid}: {n}\n" for n in notices))
    return _serve_forever(cmd)


def _python_version(cmd: Cmd) -> str:
    v = cmd.env.get("PYTHON_VERSION")
    if v:
        return v
    path = cmd.path or cmd.argv[0]
    try:
        path = cmd.fs.realpath(path)
    except (FSError, OSError):
        pass
    m = re.search(r"python(\d\.\d+)", path)
    # a distribution's python: the version its package database records
    from .pkgs import installed_version
    v = installed_version(cmd.fs, f"python{m.group(1)}-minimal" if m else "python3")
    if v:
        return re.match(r"(?:\d+:)?([\d.]+)", v).group(1)
    return f"{m.group(1)}.0" if m else "3.12.8"


_LITERAL_PRINT = re.compile(r"^\s*print\((.*)\)\s*$")


@command("python", "python3", "python3.12", "python3.11")
def cmd_python(cmd: Cmd) -> int:
    args = list(cmd.args)
    if args and args[0] in ("-V", "--version"):
        cmd.write(f"Python {_python_version(cmd)}\n")
        return 0
    if args[:2] == ["-m", "pip"]:
        return cmd.run(["pip"] + args[2:])
    if args[:2] == ["-m", "http.server"]:
        # print() output is block-buffered when stdout is not a terminal: nothing shows in
        # `docker logs` until the buffer fills, exactly as with the real interpreter.
        if "-u" in args or cmd.ctx.tty or cmd.env.get("PYTHONUNBUFFERED"):
            port = next((a for a in args[2:] if a.isdigit()), "8000")
            cmd.write(f"Serving HTTP on 0.0.0.0 port {port} (http://0.0.0.0:{port}/) ...\n")
        return _serve_forever(cmd)
    if args[:1] == ["-c"] and len(args) > 1:
        out = []
        for stmt in args[1].split(";"):
            m = _LITERAL_PRINT.match(stmt)
            if not m:
                if not stmt.strip():
                    continue
                break
            try:
                value = ast.literal_eval(m.group(1)) if m.group(1).strip() else ""
            except (ValueError, SyntaxError):
                break
            out.append(f"{value}\n")
        else:
            cmd.write("".join(out))
            return 0
    cmd.err("dockstore-magic runs no Python code: only --version, -m pip, -m http.server and "
            "print() of literals are simulated")
    return 1
