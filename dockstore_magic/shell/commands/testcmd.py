"""``test`` / ``[``: the POSIX algorithm (by argument count) with -a/-o/parentheses beyond."""
from __future__ import annotations

import re
import stat as _st

from ...fs.errors import FSError
from ..users import R, W, X
from .base import command, builtin, Cmd

UNARY = {"-e", "-f", "-d", "-L", "-h", "-s", "-x", "-r", "-w", "-b", "-c", "-p", "-S", "-g",
         "-u", "-k", "-O", "-G", "-N", "-t", "-z", "-n"}
BINARY = {"=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-gt", "-le", "-ge", "-nt", "-ot",
          "-ef"}


class _TestError(Exception):
    def __init__(self, kind: str, arg: str = ""):
        super().__init__(kind)
        self.kind, self.arg = kind, arg


def _report(cmd: Cmd, e: _TestError) -> None:
    sh = cmd.sh
    k, a = e.kind, e.arg
    if cmd.builtin and sh.flavor == "dash":
        msg = {"missing": "missing ]", "number": f"Illegal number: {a}",
               "operator": f"{a}: unexpected operator", "argument": f"{a}: argument expected"}[k]
        cmd.raw_err(sh.err_prefix() + f"{cmd.prog}: {msg}\n")
    elif cmd.builtin and sh.flavor == "bash":
        msg = {"missing": "missing `]'", "number": f"{a}: integer expression expected",
               "operator": f"{a}: binary operator expected",
               "argument": f"{a}: unary operator expected"}[k]
        cmd.raw_err(sh.err_prefix() + f"{cmd.prog}: {msg}\n")
    elif cmd.builtin or cmd.busybox:
        msg = {"missing": "missing ]", "number": f"{a}: bad number",
               "operator": f"{a}: unknown operand", "argument": f"{a}: argument expected"}[k]
        who = sh.argv0.rsplit("/", 1)[-1] if cmd.builtin else cmd.prog
        cmd.raw_err(f"{who}: {msg}\n")
    else:
        msg = {"missing": "missing ']'", "number": f"invalid integer '{a}'",
               "operator": f"'{a}': binary operator expected",
               "argument": f"'{a}': unary operator expected"}[k]
        cmd.err(msg)


class _Eval:
    def __init__(self, cmd: Cmd, args: list[str]):
        self.cmd, self.args, self.i = cmd, args, 0

    # ---- primitives
    def integer(self, s: str) -> int:
        t = s.strip()
        if re.fullmatch(r"[+-]?\d+", t):
            return int(t)
        raise _TestError("number", s)

    def unary(self, op: str, a: str) -> bool:
        if op == "-z":
            return a == ""
        if op == "-n":
            return a != ""
        if op == "-t":
            return bool(self.cmd.ctx.tty) and a in ("0", "1", "2")
        fs, cwd = self.cmd.fs, self.cmd.cwd
        try:
            if op in ("-L", "-h"):
                return fs.lstat(a, cwd=cwd).is_symlink
            if a == "":
                return False
            acc = self.cmd.access
            acc.traverse(a, cwd)
            st = fs.stat(a, cwd=cwd)
        except (FSError, OSError):
            return False
        m = st.mode
        if op == "-e":
            return True
        if op == "-f":
            return st.is_file
        if op == "-d":
            return st.is_dir
        if op == "-s":
            return st.size > 0 and not st.is_dir or (st.is_dir and st.size > 0)
        if op == "-x":
            return self.cmd.access.allowed(st, X)
        if op == "-r":
            return self.cmd.access.allowed(st, R)
        if op == "-w":
            if self.cmd.uid == 0:
                return True
            return self.cmd.access.allowed(st, W)
        if op == "-b":
            return _st.S_ISBLK(m)
        if op == "-c":
            return _st.S_ISCHR(m)
        if op == "-p":
            return _st.S_ISFIFO(m)
        if op == "-S":
            return _st.S_ISSOCK(m)
        if op == "-g":
            return bool(m & _st.S_ISGID)
        if op == "-u":
            return bool(m & _st.S_ISUID)
        if op == "-k":
            return bool(m & _st.S_ISVTX)
        if op == "-O":
            return st.uid == self.cmd.uid
        if op == "-G":
            return st.gid == self.cmd.gid
        if op == "-N":
            return False
        raise _TestError("operator", op)

    def binary(self, a: str, op: str, b: str) -> bool:
        if op in ("=", "=="):
            return a == b
        if op == "!=":
            return a != b
        if op == "<":
            return a.encode() < b.encode()
        if op == ">":
            return a.encode() > b.encode()
        if op in ("-nt", "-ot", "-ef"):
            fs, cwd = self.cmd.fs, self.cmd.cwd
            try:
                sa = fs.stat(a, cwd=cwd)
            except (FSError, OSError):
                sa = None
            try:
                sb = fs.stat(b, cwd=cwd)
            except (FSError, OSError):
                sb = None
            if op == "-ef":
                return sa is not None and sb is not None and sa.ino == sb.ino
            if op == "-nt":
                return sa is not None and (sb is None or sa.mtime > sb.mtime)
            return sb is not None and (sa is None or sa.mtime < sb.mtime)
        x, y = self.integer(a), self.integer(b)
        return {"-eq": x == y, "-ne": x != y, "-lt": x < y, "-gt": x > y, "-le": x <= y,
                "-ge": x >= y}[op]

    # ---- POSIX by count
    def posix(self, args: list[str]) -> bool:
        n = len(args)
        if n == 0:
            return False
        if n == 1:
            return args[0] != ""
        if n == 2:
            if args[0] == "!":
                return not self.posix(args[1:])
            if args[0] in UNARY:
                return self.unary(args[0], args[1])
            raise _TestError("operator", args[0] if args[0].startswith("-") else args[1])
        if n == 3:
            if args[1] in BINARY:
                return self.binary(args[0], args[1], args[2])
            if args[1] in ("-a", "-o"):
                l, r = args[0] != "", args[2] != ""
                return (l and r) if args[1] == "-a" else (l or r)
            if args[0] == "!":
                return not self.posix(args[1:])
            if args[0] == "(" and args[2] == ")":
                return self.posix(args[1:2])
            raise _TestError("operator", args[1])
        if n == 4:
            if args[0] == "!":
                return not self.posix(args[1:])
            if args[0] == "(" and args[3] == ")":
                return self.posix(args[1:3])
        self.args, self.i = args, 0
        v = self.expr_or()
        if self.i < len(self.args):
            raise _TestError("operator", self.args[self.i])
        return v

    # ---- full grammar (more than 4 arguments)
    def peek(self):
        return self.args[self.i] if self.i < len(self.args) else None

    def expr_or(self) -> bool:
        v = self.expr_and()
        while self.peek() == "-o":
            self.i += 1
            r = self.expr_and()
            v = v or r
        return v

    def expr_and(self) -> bool:
        v = self.expr_not()
        while self.peek() == "-a":
            self.i += 1
            r = self.expr_not()
            v = v and r
        return v

    def expr_not(self) -> bool:
        if self.peek() == "!":
            self.i += 1
            return not self.expr_not()
        return self.primary()

    def primary(self) -> bool:
        a = self.peek()
        if a is None:
            raise _TestError("argument", self.args[-1] if self.args else "")
        if a == "(":
            self.i += 1
            v = self.expr_or()
            if self.peek() != ")":
                raise _TestError("operator", self.peek() or ")")
            self.i += 1
            return v
        if a in UNARY and self.i + 1 < len(self.args) and \
                not (self.i + 2 < len(self.args) and self.args[self.i + 1] in BINARY):
            self.i += 2
            return self.unary(a, self.args[self.i - 1])
        if self.i + 2 < len(self.args) + 0 and self.args[self.i + 1] in BINARY:
            b = self.args[self.i + 2]
            self.i += 3
            return self.binary(a, self.args[self.i - 2], b)
        self.i += 1
        return a != ""


def _run(cmd: Cmd, args: list[str]) -> int:
    try:
        return 0 if _Eval(cmd, args).posix(args) else 1
    except _TestError as e:
        _report(cmd, e)
        return 2


@builtin("test")
@command("test")
def b_test(cmd: Cmd) -> int:
    return _run(cmd, list(cmd.args))


@builtin("[[")
def b_dbracket(cmd: Cmd) -> int:
    """busybox ash's and bash's ``[[ … ]]`` (as a builtin: words are already expanded):
    ``==``/``!=`` match shell patterns, ``&&``/``||`` combine."""
    from ..patterns import fnmatch
    args = list(cmd.args)
    if not args or args[-1] != "]]":
        _report(cmd, _TestError("missing"))
        return 2
    args = args[:-1]
    groups = [[]]
    ops = []
    for a in args:
        if a in ("&&", "||"):
            groups.append([])
            ops.append(a)
        else:
            groups[-1].append(a)

    def one(g):
        neg = False
        if g and g[0] == "!":
            neg, g = True, g[1:]
        if len(g) == 3 and g[1] in ("==", "=", "!="):
            r = fnmatch(g[0], g[2])
            r = r if g[1] != "!=" else not r
        elif len(g) == 3 and g[1] == "=~":
            import re
            m = re.search(g[2], g[0])
            r = m is not None
            if cmd.sh.flavor == "bash":            # bash keeps the match in BASH_REMATCH
                cmd.sh.arrays["BASH_REMATCH"] = {} if m is None else \
                    {i: (x or "") for i, x in enumerate((m.group(0),) + m.groups())}
        else:
            r = _Eval(cmd, g).posix(g)
        return r != neg
    try:
        res = one(groups[0])
        for op, g in zip(ops, groups[1:]):
            res = (res and one(g)) if op == "&&" else (res or one(g))
    except _TestError as e:
        _report(cmd, e)
        return 2
    return 0 if res else 1


@builtin("[")
@command("[")
def b_bracket(cmd: Cmd) -> int:
    args = list(cmd.args)
    if not args or args[-1] != "]":
        _report(cmd, _TestError("missing"))
        return 2
    return _run(cmd, args[:-1])
