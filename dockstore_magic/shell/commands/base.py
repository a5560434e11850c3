"""What every simulated command gets: :class:`Cmd`, the invocation (argv, environment,
streams, filesystem, user), with helpers for options, paths, devices and error wording."""
from __future__ import annotations

import errno as _errno
import os
from typing import Callable

from ...fs.base import normpath
from ...fs.errors import FSError, ENOENT, EISDIR, EACCES, ENOTDIR
from ..streams import InStream, NullSink, FileSink, Sink, OutOfMemory
from ..users import Access, UserDB, R, W, X

#: every simulated program, by the name it is invoked as
COMMANDS: dict[str, Callable] = {}
#: shell builtins (looked up before $PATH, need no executable in the fs)
BUILTINS: dict[str, Callable] = {}

BUSYBOX_VERSION = "1.36.1"
BUSYBOX_BANNER = f"BusyBox v{BUSYBOX_VERSION} (2024-06-10 07:11:47 UTC) multi-call binary."

DEV_NULL = "/dev/null"
DEVICES_READ = {"/dev/null": "", "/dev/zero": "zero", "/dev/urandom": "urandom",
                "/dev/random": "urandom", "/dev/full": "zero"}
DEVICES_WRITE = {"/dev/null", "/dev/zero", "/dev/urandom", "/dev/random"}
RDEV_DEVICE = {(1 << 8) | 3: "/dev/null", (1 << 8) | 5: "/dev/zero", (1 << 8) | 8: "/dev/random",
               (1 << 8) | 9: "/dev/urandom", (1 << 8) | 7: "/dev/full"}


def command(*names: str):
    """Register a simulated program under one or more names."""
    def deco(fn):
        for n in names:
            COMMANDS[n] = fn
        return fn
    return deco


def builtin(*names: str):
    def deco(fn):
        for n in names:
            BUILTINS[n] = fn
        return fn
    return deco


class UsageError(Exception):
    """Bad options: ``msg`` is printed as ``prog: msg`` followed by the usage hint."""

    def __init__(self, msg: str, status: int | None = None):
        super().__init__(msg)
        self.msg, self.status = msg, status


class CmdExit(Exception):
    """Stop the command with this status (after a message was printed)."""

    def __init__(self, status: int):
        super().__init__(status)
        self.status = status


def strerror(code: int) -> str:
    return os.strerror(code)


class Cmd:
    """One invocation of a simulated program."""

    def __init__(self, sh, argv: list[str], env: dict, io, flavor: str = "gnu",
                 path: str | None = None, builtin: bool = False):
        self.sh = sh
        self.ctx = sh.ctx
        self.fs = sh.ctx.fs
        self.argv = list(argv)
        self.prog = argv[0].rsplit("/", 1)[-1] if argv else ""
        self.args = self.argv[1:]
        self.env = env
        self.io = io
        self.flavor = flavor
        self.path = path
        self.builtin = builtin
        self.uid, self.gid = sh.uid, sh.gid
        self._access = None
        self._users = None

    # ---------------------------------------------------------------- basics
    @property
    def busybox(self) -> bool:
        return self.flavor == "busybox"

    @property
    def name(self) -> str:
        """How the program names itself in messages: busybox the applet, GNU its argv[0]."""
        if self.builtin or self.busybox:
            return self.prog
        return self.argv[0] if self.argv else self.prog

    @property
    def cwd(self) -> str:
        return self.sh.cwd

    @property
    def stdin(self) -> InStream:
        s = self.io.get(0)
        return s if s is not None else InStream.empty()

    @property
    def stdout(self) -> Sink:
        s = self.io.get(1)
        return s if s is not None else NullSink()

    @property
    def stderr(self) -> Sink:
        s = self.io.get(2)
        return s if s is not None else NullSink()

    def write(self, data) -> None:
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        self.stdout.write(data)

    def print(self, *parts, end: str = "\n") -> None:
        self.write(" ".join(str(p) for p in parts) + end)

    def err(self, msg: str) -> None:
        """``prog: msg`` on stderr."""
        self.stderr.write(f"{self.name}: {msg}\n".encode("utf-8", "surrogateescape"))

    def raw_err(self, msg: str) -> None:
        self.stderr.write(msg.encode("utf-8", "surrogateescape"))

    def now(self) -> float:
        return float(self.ctx.clock())

    @property
    def access(self) -> Access:
        if self._access is None:
            self._access = Access(self.fs, self.uid, self.gid, self.ctx.groups)
        return self._access

    @property
    def users(self) -> UserDB:
        if self._users is None:
            self._users = UserDB(self.fs)
        return self._users

    @property
    def umask(self) -> int:
        return self.sh.umask

    def abspath(self, p: str) -> str:
        return normpath(p, self.cwd)

    def usage_hint(self) -> None:
        if self.busybox:
            self.raw_err(f"{BUSYBOX_BANNER}\n\nUsage: {self.prog} [OPTIONS]\n")
        else:
            self.raw_err(f"Try '{self.name} --help' for more information.\n")

    # ---------------------------------------------------------------- options
    def getopt(self, shortspec: str, longopts=(), args=None, permute: bool = True,
               numeric_opt: str | None = None):
        """Parse options like getopt_long.  ``shortspec``: letters, ``:`` after one that
        takes an argument.  ``longopts``: names, ``=`` suffix when taking an argument;
        a long option may map to a short one with ``name=x`` syntax handled by the caller.
        Returns (list of (opt, value), operands).  ``numeric_opt``: ``-5`` means
        ``-<numeric_opt> 5`` (head/tail)."""
        args = self.args if args is None else args
        takes = {}
        i = 0
        while i < len(shortspec):
            c = shortspec[i]
            if i + 1 < len(shortspec) and shortspec[i + 1] == ":":
                takes[c] = True
                i += 2
            else:
                takes[c] = False
                i += 1
        longs = {}
        for lo in longopts:
            if lo.endswith("="):
                longs[lo[:-1]] = "req"
            elif lo.endswith("?"):
                longs[lo[:-1]] = "opt"
            else:
                longs[lo] = ""
        opts: list = []
        operands: list = []
        k = 0
        while k < len(args):
            a = args[k]
            if a == "--":
                operands.extend(args[k + 1:])
                break
            if a.startswith("--") and len(a) > 2:
                name, eq, val = a[2:].partition("=")
                cands = [n for n in longs if n.startswith(name)]
                if name in longs:
                    cands = [name]
                if not cands:
                    raise UsageError(f"unrecognized option '{a}'")
                if len(cands) > 1:
                    raise UsageError(f"option '{a}' is ambiguous")
                name = cands[0]
                kind = longs[name]
                if kind == "req" and not eq:
                    k += 1
                    if k >= len(args):
                        raise UsageError(f"option '--{name}' requires an argument")
                    val = args[k]
                elif not kind and eq:
                    raise UsageError(f"option '--{name}' doesn't allow an argument")
                opts.append(("--" + name, val if (eq or kind == "req") else None))
                k += 1
                continue
            if a.startswith("-") and len(a) > 1:
                if numeric_opt and a[1:].isdigit():
                    opts.append((numeric_opt, a[1:]))
                    k += 1
                    continue
                j = 1
                while j < len(a):
                    c = a[j]
                    if c not in takes:
                        raise UsageError(f"invalid option -- '{c}'")
                    if takes[c]:
                        val = a[j + 1:]
                        if not val:
                            k += 1
                            if k >= len(args):
                                raise UsageError(f"option requires an argument -- '{c}'")
                            val = args[k]
                        opts.append(("-" + c, val))
                        break
                    opts.append(("-" + c, None))
                    j += 1
                k += 1
                continue
            if not permute:
                operands.extend(args[k:])
                break
            operands.append(a)
            k += 1
        return opts, operands

    # ---------------------------------------------------------------- files
    def device_of(self, path: str) -> str | None:
        """The special device a path names (by name, or a char device node in the fs)."""
        p = self.abspath(path)
        if p in DEVICES_READ or p in ("/dev/stdin", "/dev/stdout", "/dev/stderr") or \
                p.startswith("/dev/fd/") or p.startswith("/proc/self/fd/"):
            return p
        try:
            st = self.fs.stat(p)
        except (FSError, OSError):
            return None
        if st.is_chardev:
            return RDEV_DEVICE.get(st.rdev, "/dev/null")
        return None

    def open_read(self, path: str) -> InStream:
        """An input stream for a path ('-' is stdin), with permission checks."""
        if path == "-":
            return self.stdin
        dev = self.device_of(path)
        if dev is not None:
            if dev in ("/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"):
                return self.stdin
            return InStream(b"", DEVICES_READ.get(dev, ""))
        st = self.access.check(path, R, self.cwd)
        if st.is_dir:
            raise FSError(EISDIR, path)
        return InStream(self.fs.read_blob(path, cwd=self.cwd), regular=True)

    def read_blob(self, path: str):
        """A file's content as a blob, with the read permission check."""
        st = self.access.check(path, R, self.cwd)
        if st.is_dir:
            raise FSError(EISDIR, path)
        return self.fs.read_blob(path, cwd=self.cwd)

    def open_write(self, path: str, append: bool = False) -> Sink:
        """An output sink for a path (created/truncated now), with permission checks."""
        dev = self.device_of(path)
        if dev is not None:
            if dev in ("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"):
                return self.stdout
            if dev in ("/dev/stderr", "/dev/fd/2", "/proc/self/fd/2"):
                return self.stderr
            return NullSink()
        return open_file_sink(self.fs, self.access, path, self.cwd, append, self.uid,
                              self.gid, self.umask)

    def fserr(self, e: Exception, path: str | None = None, fmt: str | None = None) -> None:
        """Report an FSError the way the program does: ``prog: path: strerror`` by default,
        or ``fmt`` with ``{path}`` and ``{err}`` placeholders."""
        code = getattr(e, "errno", None) or getattr(e, "code", _errno.EIO)
        p = path if path is not None else getattr(e, "path", "") or ""
        msg = strerror(code)
        if fmt is None:
            self.err(f"{p}: {msg}")
        else:
            self.err(fmt.format(path=p, err=msg))

    def run(self, argv: list[str], env: dict | None = None, io=None,
            quote: bool = False) -> int:
        """Run another program (xargs, find -exec, timeout …): $PATH lookup, no builtins;
        a missing one is reported as ``prog: name: No such file or directory`` (127)."""
        env = self.env if env is None else env
        kind, path = self.sh.resolve_exec(argv[0], env.get("PATH"))
        name = f"'{argv[0]}'" if quote and not self.busybox else argv[0]
        if kind == "notfound":
            self.err(f"{name}: No such file or directory")
            return 127
        if kind == "denied":
            self.err(f"{name}: Permission denied")
            return 126
        return self.sh.invoke(list(argv), env, self.io if io is None else io, (kind, path))


def stat_or_none(fs, path: str, cwd: str):
    """``fs.stat(path)``, or None where there is nothing (ENOENT); other errors raise."""
    try:
        return fs.stat(path, cwd=cwd)
    except FSError as e:
        if e.code != ENOENT:
            raise
        return None


def create_empty(fs, access: Access, path: str, cwd: str, uid: int, gid: int,
                 umask: int) -> None:
    """A new empty file, as open(2) with O_CREAT makes one: the parent must exist and be a
    folder the user may write to; the mode is 0666 less the umask.  Raises FSError."""
    parts = fs.resolve(path, follow=True, cwd=cwd)
    pst = fs.stat("/" + "/".join(parts[:-1]))
    if not pst.is_dir:
        raise FSError(ENOTDIR, path)
    access.can_create(path, cwd)
    fs.write(path, b"", mode=0o666 & ~umask, uid=uid, gid=gid, cwd=cwd)


def open_file_sink(fs, access: Access, path: str, cwd: str, append: bool, uid: int, gid: int,
                   umask: int = 0o022) -> FileSink:
    """Open ``path`` for writing as open(2) with O_CREAT does: raises FSError."""
    st = stat_or_none(fs, path, cwd)
    if st is not None:
        if st.is_dir:
            raise FSError(EISDIR, path)
        access.traverse(path, cwd)
        if not access.allowed(st, W):
            raise FSError(EACCES, path)
        if not append:
            fs.write(path, b"", cwd=cwd)
        else:
            fs.check_writable(path, cwd=cwd)      # O_APPEND still opens for writing: EROFS
    else:
        create_empty(fs, access, path, cwd, uid, gid, umask)
    return FileSink(fs, path, cwd, uid, gid)


__all__ = ["COMMANDS", "BUILTINS", "Cmd", "command", "builtin", "UsageError", "CmdExit",
           "open_file_sink", "stat_or_none", "create_empty", "OutOfMemory", "R", "W", "X",
           "FSError"]
