"""System commands: env, printenv, id, whoami, groups, hostname, uname, date, nproc, sleep,
which, arch, timeout, nice, nohup, tty, clear, getent, free, ps, useradd/groupadd/adduser/
addgroup/usermod, curl, wget."""
from __future__ import annotations

import re
import time

from ...fs.errors import FSError
from ..users import UserDB
from .base import command, Cmd, UsageError
from .files import _parse_date
from .messages import _msg, q
from .util import MONTHS, DAYS


# ====================================================================== env
@command("env")
def cmd_env(cmd: Cmd) -> int:
    args = list(cmd.args)
    env = dict(cmd.env)
    while args:
        a = args[0]
        if a in ("-i", "-", "--ignore-environment"):
            env = {}
            args.pop(0)
        elif a == "-u" and len(args) > 1:
            env.pop(args[1], None)
            args = args[2:]
        elif a.startswith("--unset="):
            env.pop(a.split("=", 1)[1], None)
            args.pop(0)
        elif a == "--":
            args.pop(0)
            break
        elif a.startswith("-") and len(a) > 1 and "=" not in a:
            raise UsageError(f"invalid option -- '{a[1]}'", 125)
        else:
            break
    while args and "=" in args[0] and not args[0].startswith("="):
        k, _, v = args.pop(0).partition("=")
        env[k] = v
    if not args:
        cmd.write("".join(f"{k}={v}\n" for k, v in env.items()))
        return 0
    kind, path = cmd.sh.resolve_exec(args[0], env.get("PATH"))
    if kind == "notfound":
        if cmd.busybox:
            cmd.err(f"can't execute '{args[0]}': No such file or directory")
        else:
            cmd.err(f"{q(args[0])}: No such file or directory")
        return 127
    if kind == "denied":
        cmd.err(f"{q(args[0])}: Permission denied" if not cmd.busybox
                else f"can't execute '{args[0]}': Permission denied")
        return 126
    return cmd.sh.invoke(args, env, cmd.io, (kind, path))


@command("printenv")
def cmd_printenv(cmd: Cmd) -> int:
    if not cmd.args:
        cmd.write("".join(f"{k}={v}\n" for k, v in cmd.env.items()))
        return 0
    status = 0
    for a in cmd.args:
        if a in cmd.env:
            cmd.write(cmd.env[a] + "\n")
        else:
            status = 1
    return status


# ====================================================================== users
def _fmt_id(users: UserDB, uid: int, gid: int, groups: list[int]) -> str:
    def u(x):
        n = users.user_by_uid(x)
        return f"{x}({n.name})" if n else str(x)

    def g(x):
        n = users.group_by_gid(x)
        return f"{x}({n.name})" if n else str(x)
    return f"uid={u(uid)} gid={g(gid)} groups=" + ",".join(g(x) for x in groups)


@command("id")
def cmd_id(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("ugGnr", ["user", "group", "groups", "name", "real"])
    o = {k for k, _ in opts}
    users = cmd.users
    if operands:
        name = operands[0]
        u = users.user_by_name(name) or (users.user_by_uid(int(name)) if name.isdigit() else None)
        if u is None:
            cmd.err(f"{q(name)}: no such user" if not cmd.busybox else f"unknown user {name}")
            return 1
        uid, gid = u.uid, u.gid
        groups = users.supplementary(uid, gid)
    else:
        uid, gid = cmd.uid, cmd.gid
        groups = cmd.ctx.groups if cmd.ctx.groups is not None else users.supplementary(uid, gid)
        if gid not in groups:
            groups = [gid] + list(groups)
    names = bool(o & {"-n", "--name"})
    if names and o & {"-u", "--user", "-g", "--group", "-G", "--groups"}:
        # a number without a name is printed as the number, with an error and status 1
        # (busybox id.c print_common: "unknown ID N"; coreutils: "cannot find name for …")
        user = bool(o & {"-u", "--user"})
        ids = [uid] if user else [gid] if o & {"-g", "--group"} else list(groups)
        found = [(users.user_by_uid(x) if user else users.group_by_gid(x)) for x in ids]
        bad = [x for f, x in zip(found, ids) if f is None]
        if cmd.busybox:
            # each ID in turn; bb_error_msg flushes what stdout holds before the message
            for i, (f, x) in enumerate(zip(found, ids)):
                cmd.write((" " if i else "") + (f.name if f else str(x)))
                if f is None:
                    cmd.err(f"unknown ID {x}")
            cmd.write("\n")
        else:
            cmd.write(" ".join(f.name if f else str(x) for f, x in zip(found, ids)) + "\n")
            for x in bad:
                cmd.err(f"cannot find name for {'user' if user else 'group'} ID {x}")
        return 1 if bad else 0
    if o & {"-u", "--user"}:
        cmd.write(str(uid) + "\n")
    elif o & {"-g", "--group"}:
        cmd.write(str(gid) + "\n")
    elif o & {"-G", "--groups"}:
        cmd.write(" ".join(str(x) for x in groups) + "\n")
    else:
        cmd.write(_fmt_id(users, uid, gid, groups) + "\n")
    return 0


@command("whoami")
def cmd_whoami(cmd: Cmd) -> int:
    u = cmd.users.user_by_uid(cmd.uid)
    if u is None:
        cmd.err(f"cannot find name for user ID {cmd.uid}" if not cmd.busybox
                else f"unknown uid {cmd.uid}")
        return 1
    cmd.write(u.name + "\n")
    return 0


@command("groups")
def cmd_groups(cmd: Cmd) -> int:
    users = cmd.users
    if cmd.args:
        for name in cmd.args:
            u = users.user_by_name(name)
            if u is None:
                cmd.err(f"{q(name)}: no such user")
                return 1
            gs = users.supplementary(u.uid, u.gid)
            cmd.write(f"{name} : " + " ".join(users.gname(g) for g in gs) + "\n")
        return 0
    gs = users.supplementary(cmd.uid, cmd.gid)
    cmd.write(" ".join(users.gname(g) for g in gs) + "\n")
    return 0


# ====================================================================== host info
@command("hostname")
def cmd_hostname(cmd: Cmd) -> int:
    if cmd.args and cmd.args[0] in ("-i", "--ip-address", "-I", "--all-ip-addresses"):
        cmd.write("172.17.0.2\n" if cmd.args[0] in ("-i", "--ip-address") else "172.17.0.2 \n")
        return 0
    if cmd.args and not cmd.args[0].startswith("-"):
        if cmd.uid != 0:
            cmd.err("you must be root to change the host name")
            return 1
        cmd.err("sethostname: Operation not permitted" if cmd.busybox
                else "you must be root to change the host name")
        return 1
    cmd.write(cmd.ctx.hostname + "\n")
    return 0


@command("uname")
def cmd_uname(cmd: Cmd) -> int:
    opts, _ = cmd.getopt("asnrvmpio", ["all", "kernel-name", "nodename", "kernel-release",
                                       "kernel-version", "machine", "processor",
                                       "hardware-platform", "operating-system"])
    o = {k for k, _ in opts}
    ctx = cmd.ctx
    version = "#20~22.04.1-Ubuntu SMP PREEMPT_DYNAMIC Wed Nov  6 14:39:08 UTC 2024"
    osname = "Linux" if cmd.busybox else "GNU/Linux"
    fields = {
        "s": "Linux", "n": ctx.hostname, "r": ctx.kernel, "v": version, "m": ctx.machine,
        "p": "unknown", "i": "unknown", "o": osname,
    }
    if o & {"-a", "--all"}:
        seq = ["s", "n", "r", "v", "m", "o"]
        cmd.write(" ".join(fields[k] for k in seq) + "\n")
        return 0
    longmap = {"--kernel-name": "s", "--nodename": "n", "--kernel-release": "r",
               "--kernel-version": "v", "--machine": "m", "--processor": "p",
               "--hardware-platform": "i", "--operating-system": "o"}
    want = set()
    for k in o:
        want.add(longmap.get(k, k.lstrip("-")))
    if not want:
        want = {"s"}
    cmd.write(" ".join(fields[k] for k in "snrvmpio" if k in want) + "\n")
    return 0


@command("arch")
def cmd_arch(cmd: Cmd) -> int:
    cmd.write(cmd.ctx.machine + "\n")
    return 0


@command("nproc")
def cmd_nproc(cmd: Cmd) -> int:
    cmd.write(f"{cmd.ctx.nproc}\n")
    return 0


@command("tty")
def cmd_tty(cmd: Cmd) -> int:
    if cmd.ctx.tty:
        cmd.write("/dev/pts/0\n")
        return 0
    cmd.write("not a tty\n")
    return 1


@command("clear", "reset")
def cmd_clear(cmd: Cmd) -> int:
    if cmd.ctx.tty:
        cmd.write(b"\x1b[H\x1b[2J\x1b[3J")
        return 0
    cmd.err("terminal type not set" if cmd.busybox else "TERM environment variable not set.")
    return 1


def _strftime(fmt: str, t: float, utc: bool = True) -> str:
    tm = time.gmtime(t)
    out = []
    i = 0
    while i < len(fmt):
        c = fmt[i]
        if c != "%" or i + 1 >= len(fmt):
            out.append(c)
            i += 1
            continue
        d = fmt[i + 1]
        i += 2
        pad = None
        if d in "-_0" and i < len(fmt):
            pad, d = d, fmt[i]
            i += 1
        if d == "s":
            out.append(str(int(t)))
        elif d == "N":
            out.append(f"{int((t % 1) * 1e9):09d}")
        elif d == "Z":
            out.append("UTC")
        elif d == "z":
            out.append("+0000")
        elif d == "a":
            out.append(DAYS[tm.tm_wday])
        elif d == "b" or d == "h":
            out.append(MONTHS[tm.tm_mon - 1])
        elif d == "e":
            out.append(f"{tm.tm_mday:2d}")
        elif d == "P":
            out.append("am" if tm.tm_hour < 12 else "pm")
        else:
            try:
                s = time.strftime("%" + d, tm)
            except ValueError:
                s = "%" + d
            if pad == "-":
                s = s.lstrip("0") or "0"
            elif pad == "_":
                s = re.sub(r"^0", " ", s)
            out.append(s)
    return "".join(out)


@command("date")
def cmd_date(cmd: Cmd) -> int:
    args = list(cmd.args)
    t = cmd.now()
    fmt = "%a %b %e %H:%M:%S %Z %Y"
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("-u", "--utc", "--universal"):
            pass
        elif a in ("-d", "--date") and i + 1 < len(args):
            i += 1
            v = _parse_date(cmd, args[i])
            if v is None:
                cmd.err(f"invalid date {q(args[i])}" if not cmd.busybox
                        else f"invalid date '{args[i]}'")
                return 1
            t = v
        elif a.startswith("--date="):
            v = _parse_date(cmd, a.split("=", 1)[1])
            if v is None:
                cmd.err(f"invalid date {q(a.split('=', 1)[1])}")
                return 1
            t = v
        elif a in ("-r", "--reference") and i + 1 < len(args):
            i += 1
            try:
                t = cmd.fs.stat(args[i], cwd=cmd.cwd).mtime
            except FSError as e:
                cmd.err(f"{args[i]}: {_msg(e)}")
                return 1
        elif a in ("-R", "--rfc-email", "--rfc-2822"):
            fmt = "%a, %d %b %Y %H:%M:%S %z"
        elif a.startswith("-I") or a.startswith("--iso-8601"):
            spec = a[2:] if a.startswith("-I") else a.partition("=")[2]
            fmt = {"": "%Y-%m-%d", "date": "%Y-%m-%d", "hours": "%Y-%m-%dT%H%z",
                   "minutes": "%Y-%m-%dT%H:%M%z", "seconds": "%Y-%m-%dT%H:%M:%S%z",
                   "ns": "%Y-%m-%dT%H:%M:%S,%N%z"}.get(spec, "%Y-%m-%d")
            if "%z" in fmt:
                fmt = fmt.replace("%z", "+00:00")
        elif a.startswith("+"):
            fmt = a[1:]
        elif a.startswith("-s") or a == "--set":
            cmd.err("cannot set date: Operation not permitted")
            return 1
        else:
            cmd.err(f"invalid date {q(a)}")
            return 1
        i += 1
    cmd.write(_strftime(fmt, t) + "\n")
    return 0


@command("sleep")
def cmd_sleep(cmd: Cmd) -> int:
    if not cmd.args:
        cmd.err("missing operand")
        cmd.usage_hint()
        return 1
    total = 0.0
    for a in cmd.args:
        m = re.fullmatch(r"(\d+(?:\.\d*)?|\.\d+)([smhd]?)", a)
        if a == "infinity":
            total = float("inf")
            continue
        if not m:
            cmd.err(f"invalid time interval {q(a)}" if not cmd.busybox else f"invalid number '{a}'")
            cmd.usage_hint()
            return 1
        total += float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]
    if cmd.ctx.on_sleep is not None:
        from ..interp import HookError
        try:
            cmd.ctx.on_sleep(total)
        except Exception as e:
            raise HookError(e) from None
    return 0


@command("which")
def cmd_which(cmd: Cmd) -> int:
    args = [a for a in cmd.args if a != "-a"]
    status = 0
    for name in args:
        kind, path = cmd.sh.resolve_exec(name, cmd.env.get("PATH"))
        if kind == "ok":
            cmd.write(path + "\n")
        elif kind == "virtual":
            cmd.write(f"/usr/bin/{name}\n")
        else:
            status = 1
    return status


@command("timeout")
def cmd_timeout(cmd: Cmd) -> int:
    args = list(cmd.args)
    while args and args[0].startswith("-"):
        a = args.pop(0)
        if a in ("-s", "-k", "--signal", "--kill-after") and args:
            args.pop(0)
    if len(args) < 2:
        cmd.err("missing operand")
        cmd.usage_hint()
        return 125
    return cmd.run(args[1:])


@command("nice", "nohup", "stdbuf", "ionice", "setsid")
def cmd_wrapper(cmd: Cmd) -> int:
    args = list(cmd.args)
    while args and args[0].startswith("-"):
        a = args.pop(0)
        if a in ("-n", "-c") and args:
            args.pop(0)
    if not args:
        if cmd.prog == "nice":
            cmd.write("0\n")
            return 0
        cmd.err("missing operand")
        return 125
    return cmd.run(args)


@command("sudo")
def cmd_sudo(cmd: Cmd) -> int:
    """``sudo CMD`` as the documentation types it on the Docker host, whose shell is already
    root: the command runs as it is.  Options other than -E/-H, and sudo from another user
    (which would ask for a password), are refused."""
    args = list(cmd.args)
    while args and args[0] in ("-E", "-H", "--preserve-env"):
        args.pop(0)
    if args and args[0].startswith("-"):
        cmd.raw_err(f"dockstore-magic: sudo {args[0]} is not simulated\n")
        return 1
    if cmd.ctx.uid != 0:
        cmd.raw_err("dockstore-magic: sudo from a user other than root is not simulated\n")
        return 1
    if not args:
        cmd.raw_err("usage: sudo -h | -K | -k | -V\n")
        return 1
    return cmd.run(args)


@command("getent")
def cmd_getent(cmd: Cmd) -> int:
    if not cmd.args:
        cmd.err("wrong number of arguments")
        return 1
    db = cmd.args[0]
    keys = cmd.args[1:]
    files = {"passwd": "/etc/passwd", "group": "/etc/group", "hosts": "/etc/hosts",
             "services": "/etc/services", "shadow": "/etc/shadow"}
    if db not in files:
        cmd.err(f"Unknown database: {db}")
        return 1
    try:
        text = cmd.read_blob(files[db]).read().decode("utf-8", "replace")
    except FSError:
        return 2
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    if not keys:
        cmd.write("".join(ln + "\n" for ln in lines))
        return 0
    status = 0
    for k in keys:
        found = None
        for ln in lines:
            f = ln.split(":") if db != "hosts" else ln.split()
            if db == "hosts":
                if k in f[1:] or k == f[0]:
                    found = ln
                    break
            elif f[0] == k or (len(f) > 2 and f[2] == k):
                found = ln
                break
        if found is None:
            status = 2
        else:
            cmd.write(found + "\n")
    return status


@command("free")
def cmd_free(cmd: Cmd) -> int:
    human = "-h" in cmd.args
    total, used, free_, shared, cache = 24684092, 1536000, 20000000, 1024, 3148092
    if human:
        cmd.write("               total        used        free      shared  buff/cache   available\n"
                  "Mem:            23Gi       1.5Gi        19Gi       1.0Mi       3.0Gi        21Gi\n"
                  "Swap:             0B          0B          0B\n")
    else:
        cmd.write("               total        used        free      shared  buff/cache   available\n"
                  f"Mem:        {total:>8}    {used:>8}    {free_:>8}        {shared:>4}     "
                  f"{cache:>7}    {total - used:>8}\n"
                  "Swap:              0           0           0\n")
    return 0


@command("ps")
def cmd_ps(cmd: Cmd) -> int:
    if cmd.busybox:
        cmd.write("PID   USER     TIME  COMMAND\n"
                  f"    1 {cmd.users.uname(cmd.uid):<8} 0:00 {cmd.sh.argv0}\n")
    else:
        cmd.write("    PID TTY          TIME CMD\n"
                  "      1 ?        00:00:00 sh\n"
                  "      7 ?        00:00:00 ps\n")
    return 0


@command("top")
def cmd_top(cmd: Cmd) -> int:
    """``top``: a process that runs until stopped (the documentation's ``busybox top``), showing
    the process table every ``-d`` seconds; ``-n N`` ends after N screens.  The table has
    busybox procps/top.c's columns; memory and CPU figures are not simulated (zero)."""
    args, screens = list(cmd.args), None
    while args:
        a = args.pop(0)
        if a in ("-n", "-d") and args:
            v = args.pop(0)
            if a == "-n":
                screens = int(v) if v.isdigit() else None
        elif a not in ("-b",):
            cmd.raw_err(f"dockstore-magic: top {a} is not simulated\n")
            return 1
    user = cmd.users.uname(cmd.uid)
    table = ("  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND\n"
             f"    1     0 {user:<8} R        0   0%   0   0% top\n")
    for _ in range(screens or 1):
        cmd.write(table)
    if screens is None and cmd.ctx.on_sleep is not None:
        from ..interp import HookError
        try:
            cmd.ctx.on_sleep(float("inf"))
        except Exception as e:
            raise HookError(e) from None
    return 0


# ====================================================================== network tools
@command("curl")
def cmd_curl(cmd: Cmd) -> int:
    urls = []
    takes_value = {"-o", "-H", "-X", "-d", "-u", "-A", "-e", "-w", "-m", "--output", "--header",
                   "--request", "--data", "--user", "--user-agent", "--max-time", "-T"}
    skip = False
    for a in cmd.args:
        if skip:
            skip = False
        elif a in takes_value:
            skip = True
        elif not a.startswith("-"):
            urls.append(a)
    silent = any(a.startswith("-") and not a.startswith("--") and "s" in a and "S" not in a
                 for a in cmd.args) and not any("S" in a for a in cmd.args if a.startswith("-")
                                                and not a.startswith("--"))
    if "--version" in cmd.args or "-V" in cmd.args:
        cmd.write("curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1 OpenSSL/3.0.15\n")
        return 0
    if not urls:
        cmd.err("try 'curl --help' or 'curl --manual' for more information")
        return 2
    host = re.sub(r"^[a-z]+://", "", urls[0]).split("/")[0].split(":")[0]
    if host in ("localhost", "127.0.0.1", "0.0.0.0", "::1", cmd.ctx.hostname):
        return _curl_local(cmd, urls[0], silent)
    if not silent:
        cmd.err(f"(6) Could not resolve host: {host}")
    return 6


_NGINX_404 = ("<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
              "<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/{v}</center>\r\n"
              "</body>\r\n</html>\r\n")


def _curl_local(cmd: Cmd, url: str, silent: bool) -> int:
    """A request to this machine: nginx answers when it runs here (it wrote /run/nginx.pid)
    and serves its ``root`` folder; otherwise nothing listens."""
    rest = re.sub(r"^[a-z]+://", "", url)
    hostport, _, path = rest.partition("/")
    port = hostport.rsplit(":", 1)[1] if ":" in hostport and not hostport.startswith("[") else "80"
    fs = cmd.fs
    if port != "80" or not fs.exists("/run/nginx.pid"):
        if not silent:
            cmd.err(f"(7) Failed to connect to {hostport.split(':')[0]} port {port} after 0 ms: "
                    "Couldn't connect to server")
        return 7
    root, index = "/usr/share/nginx/html", "index.html"
    try:
        conf = fs.read_text("/etc/nginx/conf.d/default.conf")
        m = re.search(r"^\s*root\s+([^;]+);", conf, re.M)
        root = m.group(1).strip() if m else root
        m = re.search(r"^\s*index\s+([^;\s]+)", conf, re.M)
        index = m.group(1).strip() if m else index
    except FSError:
        pass
    target = root.rstrip("/") + "/" + path.split("?")[0]
    version = cmd.env.get("NGINX_VERSION", "1.27.3")
    forbidden = False
    if fs.isdir(target):
        target = target.rstrip("/") + "/" + index
        forbidden = not fs.exists(target)        # a folder without an index: 403, not 404
    try:
        if forbidden:
            raise FSError(13, target)
        body = fs.read_bytes(target)
        status = "200 OK"
    except FSError:
        page, status = ((_NGINX_404, "404 Not Found") if not forbidden else
                        (_NGINX_404.replace("404 Not Found", "403 Forbidden"), "403 Forbidden"))
        body = page.format(v=version).encode()
    args = list(cmd.args)
    head = "--head" in args or any(a.startswith("-") and not a.startswith("--") and "I" in a
                                   for a in args)
    out_path = args[args.index("-o") + 1] if "-o" in args[:-1] else None
    write_out = args[args.index("-w") + 1] if "-w" in args[:-1] else None
    if head:
        cmd.write(f"HTTP/1.1 {status}\r\nServer: nginx/{version}\r\n"
                  f"Content-Type: text/html\r\nContent-Length: {len(body)}\r\n\r\n")
    elif out_path is not None:
        if out_path != "/dev/null":
            try:
                cmd.fs.write(out_path, body, cwd=cmd.cwd, uid=cmd.ctx.uid, gid=cmd.ctx.gid)
            except FSError as e:
                cmd.err(f"(23) Failure writing output to destination: {e.message}")
                return 23
    else:
        cmd.write(body)
    if write_out is not None:
        cmd.write(write_out.replace("%{http_code}", status.split()[0]).replace("\\n", "\n"))
    return 0


@command("wget")
def cmd_wget(cmd: Cmd) -> int:
    urls = [a for a in cmd.args if re.match(r"[a-z]+://", a)]
    if not urls:
        cmd.err("missing URL")
        return 1
    host = re.sub(r"^[a-z]+://", "", urls[0]).split("/")[0].split(":")[0]
    if cmd.busybox:
        cmd.err(f"bad address '{host}'")
        return 1
    quiet = any(a in ("-q", "--quiet") or (a.startswith("-") and "q" in a and
                                           not a.startswith("--")) for a in cmd.args)
    if not quiet:
        cmd.raw_err(f"--{time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(cmd.now()))}--  "
                    f"{urls[0]}\nResolving {host} ({host})... failed: Temporary failure in name "
                    f"resolution.\n")
    cmd.raw_err(f"wget: unable to resolve host address '{host}'\n")
    return 4


# ====================================================================== account management
def _read_lines(cmd: Cmd, path: str) -> list[str]:
    try:
        return cmd.fs.read_text(path).splitlines()
    except FSError:
        return []


def _write_lines(cmd: Cmd, path: str, lines: list[str], mode: int = 0o644) -> None:
    data = ("\n".join(lines) + "\n").encode() if lines else b""
    try:
        st = cmd.fs.stat(path)
        mode, gid = st.perm, st.gid
    except FSError:
        gid = 0
    cmd.fs.write(path, data, mode=mode, gid=gid)


def _next_id(used: set[int], system: bool, ascending: bool = False) -> int:
    """The first free id: system ids from 999 down (shadow's useradd/groupadd -r), or from
    100 up (busybox and Debian's adduser/addgroup --system); user ids from 1000 up."""
    if system:
        rng = range(100, 1000) if ascending else range(999, 99, -1)
        for i in rng:
            if i not in used:
                return i
    i = 1000
    while i in used:
        i += 1
    return i


def _append_entry(cmd: Cmd, path: str, wanted: int | None, system: bool, line_for) -> int:
    """Add ``line_for(id)`` to /etc/passwd or /etc/group, the id being ``wanted`` or the
    first free one (third field); returns the id."""
    lines = _read_lines(cmd, path)
    used = {int(ln.split(":")[2]) for ln in lines if ln.count(":") >= 2 and
            ln.split(":")[2].isdigit()}
    if wanted is None:
        wanted = _next_id(used, system, ascending=cmd.prog in ("adduser", "addgroup"))
    lines.append(line_for(wanted))
    _write_lines(cmd, path, lines)
    return wanted


def _append_shadow(cmd: Cmd, path: str, line: str) -> None:
    """Add ``line`` to /etc/shadow or /etc/gshadow where the image has one."""
    if cmd.fs.exists(path):
        lines = _read_lines(cmd, path)
        lines.append(line)
        _write_lines(cmd, path, lines, 0o640)


def _add_group(cmd: Cmd, name: str, gid: int | None, system: bool) -> int:
    gid = _append_entry(cmd, "/etc/group", gid, system, lambda g: f"{name}:x:{g}:")
    _append_shadow(cmd, "/etc/gshadow", f"{name}:!::")
    return gid


def _add_to_group(cmd: Cmd, group: str, user: str) -> bool:
    lines = _read_lines(cmd, "/etc/group")
    for i, ln in enumerate(lines):
        f = ln.split(":")
        if f[0] == group or (len(f) > 2 and f[2] == group):
            members = [m for m in (f[3].split(",") if len(f) > 3 else []) if m]
            if user not in members:
                members.append(user)
            while len(f) < 4:
                f.append("")
            f[3] = ",".join(members)
            lines[i] = ":".join(f)
            _write_lines(cmd, "/etc/group", lines)
            return True
    return False


def _add_user(cmd: Cmd, name: str, uid, gid, home, shell, gecos, system, create_home) -> int:
    uid = _append_entry(cmd, "/etc/passwd", uid, system,
                        lambda u: f"{name}:x:{u}:{gid}:{gecos}:{home}:{shell}")
    _append_shadow(cmd, "/etc/shadow", f"{name}:!:{int(cmd.now() // 86400)}:0:99999:7:::")
    if create_home and home and not cmd.fs.exists(home):
        cmd.fs.mkdir(home, mode=0o755, parents=True)
        cmd.fs.chown(home, uid, gid)
        skel = "/etc/skel"
        if cmd.fs.isdir(skel):
            for n in cmd.fs.listdir(skel):
                try:
                    cmd.fs.copy_from(cmd.fs, skel + "/" + n, home + "/" + n, preserve=False,
                                     uid=uid, gid=gid)
                except FSError:
                    pass
    return uid


def _need_root(cmd: Cmd) -> bool:
    if cmd.uid != 0:
        if cmd.busybox:
            cmd.err("permission denied (are you root?)")
        else:
            cmd.err("Permission denied.\n" + f"{cmd.name}: cannot lock /etc/passwd; "
                    "try again later.")
        return False
    return True


@command("groupadd", "addgroup")
def cmd_groupadd(cmd: Cmd) -> int:
    if not _need_root(cmd):
        return 1
    args = list(cmd.args)
    gid = None
    system = False
    names = []
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("-g", "--gid"):
            i += 1
            gid = int(args[i])
        elif a in ("-r", "-S", "--system"):
            system = True
        elif a in ("-f", "--force", "-o", "--non-unique", "--quiet", "-q"):
            pass
        elif a.startswith("-"):
            pass
        else:
            names.append(a)
        i += 1
    users = cmd.users
    if cmd.prog == "addgroup" and len(names) == 2:
        user, group = names
        if users.user_by_name(user) is None:
            cmd.err(f"unknown user '{user}'" if cmd.busybox else f"The user `{user}' does not exist.")
            return 1
        if users.group_by_name(group) is None:
            cmd.err(f"unknown group '{group}'" if cmd.busybox else f"The group `{group}' does not exist.")
            return 1
        _add_to_group(cmd, group, user)
        return 0
    if not names:
        cmd.usage_hint()
        return 2 if cmd.prog == "groupadd" else 1
    name = names[0]
    if users.group_by_name(name) is not None:
        if cmd.prog == "groupadd":
            cmd.err(f"group '{name}' already exists")
            return 9
        cmd.err(f"group '{name}' in use" if cmd.busybox else f"The group `{name}' already exists.")
        return 1
    if gid is not None and users.group_by_gid(gid) is not None:
        cmd.err(f"GID '{gid}' already exists" if not cmd.busybox else f"gid '{gid}' in use")
        return 4 if cmd.prog == "groupadd" else 1
    gid = _add_group(cmd, name, gid, system)
    if cmd.prog == "addgroup" and not cmd.busybox:
        cmd.write(f"Adding group `{name}' (GID {gid}) ...\nDone.\n")
    return 0


@command("useradd", "adduser")
def cmd_useradd(cmd: Cmd) -> int:
    if not _need_root(cmd):
        return 1
    args = list(cmd.args)
    uid = gid_spec = home = shell = None
    gecos = ""
    system = False
    create_home = None
    user_group = None
    extra_groups = []
    names = []
    i = 0
    busybox_style = cmd.busybox
    while i < len(args):
        a = args[i]
        nxt = args[i + 1] if i + 1 < len(args) else None
        if a in ("-u", "--uid"):
            uid = int(nxt)
            i += 1
        elif a in ("-g", "--gid"):
            gid_spec = nxt
            i += 1
        elif a == "-G" and busybox_style:
            gid_spec = nxt
            i += 1
        elif a in ("-G", "--groups"):
            extra_groups = nxt.split(",")
            i += 1
        elif a == "--ingroup":
            gid_spec = nxt
            i += 1
        elif a in ("-d", "--home", "--home-dir"):
            home = nxt
            i += 1
        elif a == "-h" and busybox_style:
            home = nxt
            i += 1
        elif a in ("-s", "--shell"):
            shell = nxt
            i += 1
        elif a in ("-c", "--comment", "--gecos"):
            gecos = nxt
            i += 1
        elif a == "-g" and busybox_style:
            gecos = nxt
            i += 1
        elif a in ("-r", "--system", "-S"):
            system = True
        elif a in ("-m", "--create-home"):
            create_home = True
        elif a in ("-M", "--no-create-home", "-H"):
            create_home = False
        elif a in ("-U", "--user-group", "--group"):
            user_group = True
        elif a in ("-N", "--no-user-group"):
            user_group = False
        elif a in ("-D", "--disabled-password", "--disabled-login"):
            pass  # --disabled-password: no password is ever set here
        elif a in ("-k", "--skel", "-K", "-e", "-f", "-p", "--password", "--firstuid",
                   "--lastuid", "--key", "-l"):
            if a not in ("-l",):
                i += 1
        elif a.startswith("-"):
            pass
        else:
            names.append(a)
        i += 1
    if not names:
        cmd.usage_hint()
        return 2 if cmd.prog == "useradd" else 1
    name = names[0]
    users = cmd.users
    if users.user_by_name(name) is not None:
        if cmd.prog == "useradd":
            cmd.err(f"user '{name}' already exists")
            return 9
        cmd.err(f"user '{name}' in use" if busybox_style else f"The user `{name}' already exists.")
        return 1
    if uid is not None and users.user_by_uid(uid) is not None:
        cmd.err(f"UID {uid} is not unique" if cmd.prog == "useradd" else f"uid '{uid}' in use")
        return 4 if cmd.prog == "useradd" else 1
    debian_adduser = cmd.prog == "adduser" and not busybox_style
    if gid_spec is not None:
        g = users.group_by_name(gid_spec) or (users.group_by_gid(int(gid_spec))
                                                if gid_spec.isdigit() else None)
        if g is None:
            cmd.err(f"group '{gid_spec}' does not exist" if cmd.prog == "useradd"
                    else f"unknown group {gid_spec}")
            return 6 if cmd.prog == "useradd" else 1
        gid = g.gid
    else:
        make_group = user_group if user_group is not None else \
            (not (system and (debian_adduser or busybox_style)) or user_group)
        if busybox_style and system and not user_group:
            make_group = False
        if make_group:
            existing = users.group_by_name(name)
            gid = existing.gid if existing else _add_group(cmd, name, uid if uid is not None and
                                                           users.group_by_gid(uid) is None else None,
                                                           system)
        else:
            g = users.group_by_name("nogroup") or users.group_by_name("nobody") or \
                users.group_by_name("users")
            gid = g.gid if g else 100
    if home is None:
        home = f"/home/{name}" if not (system and debian_adduser) else "/nonexistent"
        if busybox_style and system:
            home = f"/home/{name}"
    if shell is None:
        if busybox_style:
            shell = "/sbin/nologin" if system else "/bin/sh"
        elif debian_adduser:
            shell = "/usr/sbin/nologin" if system else "/bin/bash"
        else:
            shell = "/bin/sh"
    if create_home is None:
        create_home = (cmd.prog == "adduser") and not (system and debian_adduser)
        if busybox_style and system:
            create_home = False
    new_uid = _add_user(cmd, name, uid, gid, home, shell, gecos, system, create_home)
    for g in extra_groups:
        if not _add_to_group(cmd, g, name):
            cmd.err(f"group '{g}' does not exist")
            return 6
    if debian_adduser:
        gname = users.gname(gid) if users.group_by_gid(gid) else UserDB(cmd.fs).gname(gid)
        cmd.write(f"Adding {'system ' if system else ''}user `{name}' ...\n"
                  f"Adding new user `{name}' ({new_uid}) with group "
                  f"`{gname}' ...\n" + ("" if not create_home else
                                        f"Creating home directory `{home}' ...\n"))
    return 0


@command("usermod")
def cmd_usermod(cmd: Cmd) -> int:
    if not _need_root(cmd):
        return 1
    args = list(cmd.args)
    if not args:
        cmd.usage_hint()
        return 2
    name = args[-1]
    if cmd.users.user_by_name(name) is None:
        cmd.err(f"user '{name}' does not exist")
        return 6
    i = 0
    while i < len(args) - 1:
        a = args[i]
        if a in ("-G", "--groups"):
            for g in args[i + 1].split(","):
                _add_to_group(cmd, g, name)
            i += 1
        elif a in ("-s", "--shell", "-d", "--home", "-u", "--uid", "-g", "--gid", "-l"):
            lines = _read_lines(cmd, "/etc/passwd")
            for k, ln in enumerate(lines):
                f = ln.split(":")
                if f[0] == name:
                    idx = {"-s": 6, "--shell": 6, "-d": 5, "--home": 5, "-u": 2, "--uid": 2,
                           "-g": 3, "--gid": 3, "-l": 0}[a]
                    val = args[i + 1]
                    if idx == 3 and not val.isdigit():
                        g = cmd.users.group_by_name(val)
                        val = str(g.gid) if g else val
                    f[idx] = val
                    lines[k] = ":".join(f)
            _write_lines(cmd, "/etc/passwd", lines)
            i += 1
        i += 1
    return 0


@command("mount")
def cmd_mount(cmd: Cmd) -> int:
    """``mount`` with no arguments: what is mounted, from /proc/mounts.  Mounting itself needs
    privileges a simulated shell does not have."""
    if cmd.args:
        if not cmd.ctx.uid:
            from .blockdev import mount_block
            code = mount_block(cmd)          # a loop device or image file made by mkfs
            if code is not None:
                return code
        cmd.err("only root can do that" if cmd.ctx.uid else "mounting is not simulated")
        return 32 if not cmd.busybox else 255
    try:
        text = cmd.fs.read_text("/proc/mounts")
    except FSError as e:
        cmd.err(f"failed to read mtab: {e.message}")
        return 32
    for line in text.splitlines():
        f = line.split()
        if len(f) >= 4:
            cmd.write(f"{f[0]} on {f[1]} type {f[2]} ({f[3]})\n")
    return 0
