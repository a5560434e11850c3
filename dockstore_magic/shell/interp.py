"""The interpreter: runs parsed scripts against a :class:`ShellContext`.

Processes are simulated: a pipeline runs its commands one after the other (each in a
forked copy of the shell state, as dash and ash run pipeline members in subshells), the
output of one becoming the input of the next.
"""
from __future__ import annotations

import logging
import traceback

from ..fs.base import normpath
from ..fs.errors import FSError, ENOENT, ENOSPC, EISDIR, EACCES
from . import parser as P
from .arith import ArithError, evaluate
from .braces import brace_expand
from .nodes import (ArithCmd, ForArith, Lit, Param, CmdSub, Arith, Word, ArrayWord, Simple, Pipeline, AndOr, CmdList, Brace,
                  Subshell, If, For, While, Case, FuncDef)
from .context import ShellContext, ShellResult, ExecNotFound, ExecPermissionDenied
from .patterns import escape, has_glob, glob, fnmatch, strip_match, replace_match
from .streams import (InStream, IOTable, Terminal, BufferSink, NullSink, ClosedSink,
                      OutOfMemory)
from .users import Access, UserDB, X
from .commands.messages import write_error
from .commands.base import (COMMANDS, BUILTINS, Cmd, UsageError, CmdExit, DEVICES_READ,
                            RDEV_DEVICE, open_file_sink)

log = logging.getLogger(__name__)
#: the traceback of the last command that failed inside the simulation (for debugging)
LAST_ERROR = ""

SPECIAL_BUILTINS = {"break", ":", "continue", ".", "eval", "exec", "exit", "export",
                    "readonly", "return", "set", "shift", "times", "trap", "unset"}
SHELL_NAMES = {"sh", "dash", "ash", "bash"}
BREAK_MARK = object()


MAX_FUNC_DEPTH = 200
RECURSION_LIMIT = 12000


class _DeepStack:
    """Nested shells and functions recurse in Python: allow a deeper stack while running."""

    def __enter__(self):
        import sys
        self.old = sys.getrecursionlimit()
        if self.old < RECURSION_LIMIT:
            sys.setrecursionlimit(RECURSION_LIMIT)

    def __exit__(self, *exc):
        import sys
        if sys.getrecursionlimit() == RECURSION_LIMIT:
            sys.setrecursionlimit(self.old)
        return False


class ExitShell(Exception):
    def __init__(self, status: int):
        super().__init__(status)
        self.status = status


class ShellAbort(Exception):
    """A fatal shell error (bad substitution, ``${x:?}``, ``set -u``): message, then exit."""

    def __init__(self, msg: str, status: int = 2):
        super().__init__(msg)
        self.msg, self.status = msg, status


class StepLimit(Exception):
    pass


class HookError(Exception):
    """An exception raised by a hook of the caller (``ctx.on_sleep`` …): it goes through the
    simulation untouched and is re-raised, as it was, by ``run_script``/``run_argv``."""

    def __init__(self, original: BaseException):
        super().__init__(original)
        self.original = original


class LoopCtl(Exception):
    def __init__(self, kind: str, n: int):
        super().__init__(kind)
        self.kind, self.n = kind, n


class ReturnFunc(Exception):
    def __init__(self, status: int):
        super().__init__(status)
        self.status = status


_BB_CACHE: dict = {}


def _busybox_blob(blob) -> bool:
    """Whether file content is busybox's (a stand-in seeded with its name, or the real binary,
    which carries its banner)."""
    from ..fs.blob import FillerBlob
    if isinstance(blob, FillerBlob):
        return "busybox" in blob.seed.lower()
    if not (300_000 <= blob.size <= 4_000_000):
        return False
    hit = _BB_CACHE.get(id(blob))
    if hit is not None and hit[0] is blob:
        return hit[1]
    data = blob.read()
    res = data[:4] == b"\x7fELF" and b"BusyBox v" in data
    if len(_BB_CACHE) > 32:
        _BB_CACHE.clear()
    _BB_CACHE[id(blob)] = (blob, res)
    return res


def is_busybox_binary(fs, path: str) -> bool:
    """Whether ``path`` is busybox: a link to it, a hard link (same inode), or its content."""
    try:
        real = fs.realpath(path)
        if real.rsplit("/", 1)[-1] == "busybox":
            return True
        st = fs.stat(path)
        if not st.is_file:
            return False
        if _busybox_blob(fs.read_blob(path)):
            return True
        for bb in ("/bin/busybox", "/usr/bin/busybox"):
            try:
                bst = fs.stat(bb)
            except Exception:
                continue
            if bst.size != st.size:
                continue
            if bst.ino == st.ino or fs.read_blob(bb) is fs.read_blob(path):
                return True
    except Exception:
        return False
    return False


def detect_shell_flavor(fs, path: str) -> str:
    """``ash`` (busybox), ``dash`` or ``bash``, from what ``path`` resolves to in ``fs``."""
    try:
        real = fs.realpath(path)
    except Exception:
        real = path
    base = real.rsplit("/", 1)[-1]
    if "busybox" in base or base == "ash" or is_busybox_binary(fs, path):
        return "ash"
    if base.startswith("bash"):
        return "bash"
    if base.startswith("dash"):
        return "dash"
    try:
        if fs.exists("/bin/busybox"):
            return "ash"
    except Exception:
        pass
    return "dash"


class Shell:
    """A POSIX sh over a simulated filesystem.  See the package docstring."""

    def __init__(self, ctx: ShellContext, *, argv0: str | None = None,
                 positional: list | None = None, flavor: str | None = None,
                 _parent: "Shell | None" = None):
        self.ctx = ctx
        if _parent is not None:
            p = _parent
            self.vars = dict(p.vars)
            self.arrays = {k: dict(v) for k, v in p.arrays.items()}
            self.exported = set(p.exported)
            self.readonly = set(p.readonly)
            self.cwd = p.cwd
            self.opts = dict(p.opts)
            self.functions = dict(p.functions)
            self.positional = list(p.positional)
            self.argv0 = p.argv0
            self.status = p.status
            self.flavor = p.flavor
            self.counter = p.counter
            self.lineno = p.lineno
            self.umask = p.umask
            self.uid, self.gid = p.uid, p.gid
            self.last_bg = p.last_bg
            self.func_depth = p.func_depth
            self.loop_depth = p.loop_depth
            self.traps = dict(p.traps)
            self.subshell = True
        else:
            self.vars = {k: str(v) for k, v in (ctx.env or {}).items()}
            self.arrays: dict[str, dict[int, str]] = {}      # bash's indexed arrays
            self.exported = set(self.vars)
            self.readonly: set = set()
            self.cwd = normpath(ctx.cwd or "/")
            self.opts = {"e": False, "u": False, "x": False, "f": False, "pipefail": False,
                         "C": False, "v": False, "n": False}
            self.functions: dict = {}
            self.positional = list(positional or [])
            self.argv0 = argv0 or ctx.argv0 or "/bin/sh"
            self.status = 0
            self.flavor = flavor or ctx.shell_flavor or detect_shell_flavor(ctx.fs, ctx.argv0)
            self.counter = [0]
            self.lineno = 1
            self.umask = ctx.umask
            self.uid, self.gid = ctx.uid, ctx.gid
            self.last_bg = None
            self.func_depth = 0
            self.loop_depth = 0
            self.traps: dict = {}
            self.subshell = False
            self.vars.setdefault("PWD", self.cwd)
        self.cond = 0
        self.c_mode = True if _parent is None else getattr(_parent, "c_mode", True)
        self.events: list = []
        self.cmdsub_status = None
        self._cur_io = _parent._cur_io if _parent is not None else None
        self._locals_stack: list = []
        self._exec_redirs = False

    # ================================================================ public API
    def run_script(self, script: str, stdin=None) -> ShellResult:
        """Run ``script`` as ``/bin/sh -c SCRIPT`` would."""
        term = Terminal()
        self.events = term.events
        io = self._root_io(term, stdin)
        try:
            with _DeepStack():
                status = self.run_source(script, io, toplevel=True)
        except HookError as e:
            io.close_opened()
            self._writeback()
            raise e.original from None
        io.close_opened()
        self._writeback()
        return ShellResult(status, term.events)

    def run_argv(self, argv: list[str], stdin=None) -> ShellResult:
        """Run a command without a shell (exec form).  Raises :class:`ExecNotFound` /
        :class:`ExecPermissionDenied` when the executable cannot be run."""
        if not argv:
            raise ExecNotFound("")
        term = Terminal()
        self.events = term.events
        io = self._root_io(term, stdin)
        env = self.export_env()
        target = self.resolve_exec(argv[0], env.get("PATH"))
        if target[0] == "notfound":
            raise ExecNotFound(argv[0], "/" not in argv[0])
        if target[0] == "denied":
            raise ExecPermissionDenied(argv[0], target[1] or argv[0])
        try:
            with _DeepStack():
                status = self.invoke(argv, env, io, target)
        except StepLimit:
            io[2].write(b"dockstore-magic: step limit exceeded (endless loop?)\n")
            status = 124
        except ExitShell as e:
            status = e.status
        except HookError as e:
            self._writeback()
            raise e.original from None
        self._writeback()
        return ShellResult(status, term.events)

    def _root_io(self, term: Terminal, stdin) -> IOTable:
        data = self.ctx.stdin if stdin is None else stdin
        return IOTable({0: InStream(data or b""), 1: term.sink(1), 2: term.sink(2)})

    def _writeback(self) -> None:
        self.ctx.cwd = self.cwd
        self.ctx.env = self.export_env()

    def export_env(self) -> dict:
        return {k: self.vars[k] for k in self.vars if k in self.exported}

    # ================================================================ running source
    def run_source(self, src: str, io: IOTable, toplevel: bool = False,
                   nested: bool = False) -> int:
        """Parse and run ``src`` command by command (a syntax error stops it, after what came
        before has run, as dash and ash do).  ``nested`` (eval, ``.``): exit, return and
        fatal errors propagate to the caller."""
        parser = P.Parser(src, dbracket=self.flavor != "dash", flavor=self.flavor)
        if nested:
            while True:
                try:
                    lst = self._next_toplevel(parser)
                except P.ShellSyntaxError as e:
                    self.shell_err(io, e.message(self.flavor), lineno=e.lineno)
                    self.status = 2
                    return 2
                if lst is None:
                    return self.status
                self.status = self.run_list(lst, io)
        try:
            while True:
                try:
                    lst = self._next_toplevel(parser)
                except P.ShellSyntaxError as e:
                    self.lineno = e.lineno
                    self.shell_err(io, e.message(self.flavor), lineno=e.lineno)
                    self.status = 2
                    break
                if lst is None:
                    break
                if self.opts.get("n"):
                    continue
                self.status = self.run_list(lst, io)
        except ExitShell as e:
            self.status = e.status
        except ShellAbort as e:
            self.shell_err(io, e.msg)
            self.status = e.status
        except LoopCtl:
            pass
        except ReturnFunc as e:
            self.status = e.status
        except StepLimit:
            if not toplevel:
                raise
            io[2].write(b"dockstore-magic: step limit exceeded (endless loop?)\n")
            self.status = 124
        except RecursionError:
            if not toplevel:
                raise
            io[2].write(b"dockstore-magic: recursion too deep\n")
            self.status = 2
        self._run_exit_trap(io)
        return self.status & 0xFF

    def _run_exit_trap(self, io) -> None:
        action = self.traps.pop("EXIT", None) or self.traps.pop("0", None)
        if action:
            saved = self.status
            try:
                self.run_source(action, io)
            finally:
                self.status = saved

    def _next_toplevel(self, parser: "P.Parser"):
        parser.linebreak()
        if parser.peek().kind == "EOF":
            return None
        lst = CmdList()
        while True:
            ao = parser.parse_and_or()
            t = parser.peek()
            if t.kind == "OP" and t.value in (";", "&"):
                parser.take()
                lst.items.append((ao, t.value == "&"))
                t = parser.peek()
                if t.kind in ("NL", "EOF"):
                    break
                continue
            lst.items.append((ao, False))
            if t.kind in ("NL", "EOF"):
                break
            parser.fail()
        return lst

    # ================================================================ messages
    def display_lineno(self, lineno: int | None = None) -> int:
        ln = self.lineno if lineno is None else lineno
        if self.flavor == "ash" and self.c_mode:
            ln -= 1           # busybox ash counts the lines of a -c string from 0
        return ln

    def err_prefix(self, lineno: int | None = None) -> str:
        ln = self.display_lineno(lineno)
        if self.flavor == "dash":
            return f"{self.argv0}: {ln}: "
        if self.flavor == "bash":
            return f"{self.argv0}: line {ln}: "
        return f"{self.argv0}: "

    def shell_err(self, io, msg: str, lineno: int | None = None) -> None:
        sink = io[2] if io is not None else None
        if sink is None:
            return
        try:
            sink.write((self.err_prefix(lineno) + msg + "\n").encode("utf-8", "surrogateescape"))
        except OSError:
            pass

    # ================================================================ state helpers
    def tick(self) -> None:
        self.counter[0] += 1
        if self.counter[0] > self.ctx.max_steps:
            raise StepLimit()

    def fork(self) -> "Shell":
        return Shell(self.ctx, _parent=self)

    def getvar(self, name: str):
        return self.vars.get(name)

    def setvar(self, name: str, value: str, export: bool = False) -> None:
        if name in self.readonly:
            raise ShellAbort(f"{name}: is read only" if self.flavor != "bash"
                             else f"{name}: readonly variable")
        if name in self.arrays:             # an array's name alone is its element 0
            self.arrays[name][0] = value
        else:
            self.vars[name] = value
        if export:
            self.exported.add(name)

    # ---------------------------------------------------------------- bash arrays
    def _subscript(self, index: str) -> int:
        """An array subscript: an arithmetic expression, after parameter expansion."""
        text = self.expand_str(P.scan_parts(index, 0, "brace", flavor=self.flavor)[0])
        return self.arith(text) if text.strip() else 0

    def array_values(self, name: str) -> list[str]:
        if name in self.arrays:
            return [self.arrays[name][k] for k in sorted(self.arrays[name])]
        v = self.param_value(name)
        return [] if v is None else [v]

    def _element(self, name: str, index: str):
        i = self._subscript(index)
        arr = self.arrays.get(name)
        if arr is None:
            v = self.param_value(name)
            return v if i in (0, -1) else None
        if i < 0:
            i += (max(arr) + 1) if arr else 0
            if i < 0:
                raise ShellAbort(f"{name}: bad array subscript")
        return arr.get(i)

    def assign_bash(self, name: str, value) -> None:
        """``x=(…)``, ``x+=(…)``, ``x+=v``, ``x[i]=v``, ``x[i]+=v`` (bash)."""
        append = name.endswith("+")
        name = name.rstrip("+")
        base, _, index = name.partition("[")
        if base in self.readonly:
            raise ShellAbort(f"{base}: readonly variable")
        if isinstance(value, ArrayWord):
            items = self.expand_words(value.words)
            arr = self.arrays.get(base) if append else None
            if arr is None:
                old = self.vars.pop(base, None)
                arr = {0: old} if append and old is not None else {}
            start = max(arr) + 1 if arr else 0
            arr.update({start + k: v for k, v in enumerate(items)})
            self.arrays[base] = arr
            return
        text = self.expand_str(value, tilde=True)
        if not index:
            if append:
                text = (self.param_value(base) or "") + text
            self.setvar(base, text)
            return
        arr = self.arrays.get(base)
        if arr is None:
            old = self.vars.pop(base, None)
            arr = self.arrays[base] = {} if old is None else {0: old}
        i = self._subscript(index.rstrip("]"))
        if i < 0:
            i += (max(arr) + 1) if arr else 0
        if append:
            text = arr.get(i, "") + text
        arr[i] = text

    def ifs(self) -> str:
        v = self.vars.get("IFS")
        return " \t\n" if v is None else v

    def home(self) -> str:
        h = self.vars.get("HOME")
        if h is None:
            u = UserDB(self.ctx.fs).user_by_uid(self.uid)
            h = u.home if u else "/"
        return h

    # ================================================================ expansion
    def param_value(self, name: str):
        if name == "?":
            return str(self.status)
        if name == "$":
            return str(self.ctx.pid)
        if name == "#":
            return str(len(self.positional))
        if name == "0":
            return self.argv0
        if name == "-":
            return "".join(k for k in "efuxvC" if self.opts.get(k))
        if name == "!":
            return None if self.last_bg is None else str(self.last_bg)
        if name in ("@", "*"):
            return " ".join(self.positional) if name == "@" else \
                (self.ifs()[:1]).join(self.positional)
        if name == "RANDOM" and self.flavor != "dash" and "RANDOM" not in self.vars:
            self._rand = (getattr(self, "_rand", self.ctx.pid) * 1103515245 + 12345) % (1 << 31)
            return str((self._rand >> 16) % 32768)
        if name.isdigit():
            k = int(name)
            return self.positional[k - 1] if 0 < k <= len(self.positional) else None
        if name in self.arrays:
            return self.arrays[name].get(0)
        return self.vars.get(name)

    def _unset_check(self, name: str, value):
        if value is None and self.opts.get("u") and name not in ("@", "*"):
            raise ShellAbort(f"{name}: parameter not set" if self.flavor != "bash"
                             else f"{name}: unbound variable")

    def _param_segments(self, p: Param) -> list:
        """Segments (text, quoted, splittable) or BREAK_MARK for one parameter expansion."""
        name, op = p.name, p.op
        q = p.quoted
        if op == "bad":
            if self.flavor == "ash":
                raise ShellAbort("syntax error: bad substitution")
            raise ShellAbort("Bad substitution" if self.flavor == "dash"
                             else "${" + name + "}: bad substitution")
        if op in ("/", "//", "substr") and self.flavor == "dash":
            raise ShellAbort("Bad substitution")
        if p.index is not None:
            return self._array_segments(p)
        if name == "@" and not op:
            if not self.positional:
                return []
            segs: list = []
            for i, a in enumerate(self.positional):
                if i:
                    segs.append(BREAK_MARK if q else (" ", False, True))
                segs.append((a, q, not q))
            return segs
        value = self.param_value(name)
        if op == "":
            self._unset_check(name, value)
            return [(value or "", q, not q)]
        if op == "len":
            self._unset_check(name, value)
            return [(str(len(value or "")), q, not q)]
        colon = op.startswith(":")
        unset = value is None or (colon and value == "")
        base = op.lstrip(":")
        if base == "-":
            return self._segments(p.arg or [], q) if unset else [(value, q, not q)]
        if base == "+":
            return [] if unset else self._segments(p.arg or [], q)
        if base == "=":
            if unset:
                if name in "@*#?-$!" or name.isdigit():
                    raise ShellAbort(f"{name}: bad variable name")
                value = self.expand_str(p.arg or [])
                self.setvar(name, value)
            return [(value, q, not q)]
        if base == "?":
            if unset:
                msg = self.expand_str(p.arg or []) if p.arg else \
                    ("parameter not set" if value is None else "parameter null or not set")
                raise ShellAbort(f"{name}: {msg}")
            return [(value, q, not q)]
        self._unset_check(name, value)
        value = value or ""
        if op in ("#", "##", "%", "%%"):
            pat = self.expand_pattern(p.arg or [])
            return [(strip_match(value, pat, op), q, not q)]
        if op in ("^^", ",,", "^", ","):
            pat = self.expand_pattern(p.arg or []) or "?"
            conv = str.upper if op[0] == "^" else str.lower
            n = len(value) if len(op) == 2 else min(1, len(value))
            return [("".join(conv(c) if fnmatch(c, pat) else c for c in value[:n]) + value[n:],
                     q, not q)]
        if op in ("/", "//"):
            pat = self.expand_pattern(p.arg or [])
            rep = self.expand_str(p.arg2 or [])
            return [(replace_match(value, pat, rep, op == "//"), q, not q)]
        if op == "substr":
            off = self.arith(self.expand_str(p.arg or []))
            if off < 0:
                off = max(0, len(value) + off)
            if p.arg2 is not None:
                ln = self.arith(self.expand_str(p.arg2))
                v = value[off:off + ln] if ln >= 0 else value[off:len(value) + ln]
            else:
                v = value[off:]
            return [(v, q, not q)]
        raise ShellAbort("Bad substitution")

    def _array_segments(self, p: Param) -> list:
        """``${x[i]…}``, ``${x[@]}``, ``${x[*]}``, ``${#x[@]}``, ``${!x[@]}`` (bash)."""
        q = p.quoted
        if p.index not in ("@", "*"):
            value = self._element(p.name, p.index)
            if p.op == "len":
                return [(str(len(value or "")), q, not q)]
            scalar = Param("\0elem", p.op, p.arg, p.arg2, q)
            self.vars["\0elem"] = value
            try:
                return self._param_segments(scalar) if value is not None or p.op else [("", q, not q)]
            finally:
                self.vars.pop("\0elem", None)
        if p.op == "keys":
            values = [str(k) for k in sorted(self.arrays.get(p.name, {}))] \
                if p.name in self.arrays else (["0"] if self.param_value(p.name) is not None else [])
        else:
            values = self.array_values(p.name)
        if p.op == "len":
            return [(str(len(values)), q, not q)]
        if p.op not in ("", "keys"):
            out = []
            for v in values:
                self.vars["\0elem"] = v
                try:
                    segs = self._param_segments(Param("\0elem", p.op, p.arg, p.arg2, q))
                finally:
                    self.vars.pop("\0elem", None)
                out.append("".join(s[0] for s in segs if s is not BREAK_MARK))
            values = out
        segs: list = []
        for i, v in enumerate(values):
            if i:
                if p.index == "@" and q:
                    segs.append(BREAK_MARK)
                else:
                    segs.append(((self.ifs()[:1] if q else " "), q, not q))
            segs.append((v, q, not q))
        return segs

    def arith(self, expr: str) -> int:
        try:
            return evaluate(expr, self.param_value, lambda n, v: self.setvar(n, v),
                            power=self.flavor != "dash")
        except ArithError as e:
            raise ShellAbort(e.message(self.flavor))
        except RecursionError:
            raise ShellAbort("expression recursion loop detected")

    def _segments(self, parts, force_quoted: bool = False) -> list:
        segs: list = []
        for p in parts:
            if isinstance(p, Lit):
                segs.append((p.text, p.quoted or force_quoted, False))
            elif isinstance(p, Param):
                for s in self._param_segments(p):
                    if s is BREAK_MARK or not force_quoted:
                        segs.append(s)
                    else:
                        segs.append((s[0], True, False))
            elif isinstance(p, CmdSub):
                out = self.command_substitution(p.src, p.lineno)
                q = p.quoted or force_quoted
                segs.append((out, q, not q))
            elif isinstance(p, Arith):
                expr = self.expand_str(p.parts)
                q = p.quoted or force_quoted
                segs.append((str(self.arith(expr)), q, not q))
        return segs

    def _tilde(self, parts):
        if not parts:
            return parts
        first = parts[0]
        if isinstance(first, Lit) and not first.quoted and first.text.startswith("~"):
            head, slash, rest = first.text.partition("/")
            user = head[1:]
            if not user:
                home = self.home()
            else:
                u = UserDB(self.ctx.fs).user_by_name(user)
                if u is None:
                    return parts
                home = u.home
            new = [Lit(home, True)]
            if slash:
                new.append(Lit("/" + rest, False))
            return new + list(parts[1:])
        return parts

    def expand_str(self, parts_or_word, tilde: bool = False) -> str:
        """Expansion without field splitting or globbing (assignments, redirection targets,
        here-documents)."""
        parts = parts_or_word.parts if isinstance(parts_or_word, Word) else parts_or_word
        if tilde:
            parts = self._tilde(parts)
        out = []
        for s in self._segments(parts):
            if s is BREAK_MARK:
                out.append(" ")
            else:
                out.append(s[0])
        return "".join(out)

    def expand_pattern(self, parts) -> str:
        """Expansion to a pattern: quoted characters are escaped."""
        out = []
        for s in self._segments(parts):
            if s is BREAK_MARK:
                out.append(" ")
            elif s[1]:
                out.append(escape(s[0]))
            else:
                out.append(s[0])
        return "".join(out)

    def expand_word(self, word: Word) -> list[str]:
        """Full expansion of one word: fields after splitting and pathname expansion (bash:
        brace expansion first)."""
        if self.flavor == "bash":
            alts = brace_expand(word.parts)
            if len(alts) > 1 or alts[0] is not word.parts:
                out: list[str] = []
                for parts in alts:
                    out.extend(self._expand_parts(parts))
                return out
        return self._expand_parts(word.parts)

    def _expand_parts(self, parts) -> list[str]:
        segs = self._segments(self._tilde(parts))
        fields = self._split(segs)
        out: list[str] = []
        for f in fields:
            text = "".join(t for t, _ in f)
            if not self.opts.get("f") and any(not q and any(c in t for c in "*?[") for t, q in f):
                pat = "".join(escape(t) if q else t.replace("\\", "\\\\") for t, q in f)
                if has_glob(pat):
                    try:
                        matches = glob(self.ctx.fs, pat, self.cwd, dots=self.flavor != "bash")
                    except Exception:
                        matches = []
                    if matches:
                        out.extend(matches)
                        continue
            out.append(text)
        return out

    def expand_words(self, words) -> list[str]:
        out: list[str] = []
        for w in words:
            out.extend(self.expand_word(w))
        return out

    def _split(self, segs) -> list:
        ifs = self.ifs()
        ws = "".join(c for c in ifs if c in " \t\n")
        fields: list = []
        cur: list = []
        has = False
        after_ws = False
        for s in segs:
            if s is BREAK_MARK:
                fields.append(cur)
                cur, has = [], True
                continue
            text, quoted, split = s
            if not split or not ifs:
                if text or quoted:
                    cur.append((text, quoted))
                    has = True
                    after_ws = False
                continue
            buf = []
            for c in text:
                if c in ifs:
                    if buf:
                        cur.append(("".join(buf), False))
                        buf = []
                        has = True
                    if c in ws:
                        if has:
                            fields.append(cur)
                            cur, has = [], False
                            after_ws = True
                    else:
                        if has or not after_ws:
                            fields.append(cur)
                        cur, has = [], False
                        after_ws = False
                else:
                    buf.append(c)
                    after_ws = False
            if buf:
                cur.append(("".join(buf), False))
                has = True
        if has:
            fields.append(cur)
        return fields

    def command_substitution(self, src: str, lineno: int = 1) -> str:
        child = self.fork()
        buf = BufferSink()
        cur = self._cur_io
        io = IOTable({0: cur[0] if cur is not None else InStream(b""), 1: buf,
                      2: cur[2] if cur is not None else NullSink()})
        child.lineno = lineno
        status = child.run_source(src, io)
        self.cmdsub_status = status
        self.status = status
        try:
            data = buf.getvalue()
        except OutOfMemory:
            data = buf.blob().read(0, 64 << 20)
        return data.decode("utf-8", "surrogateescape").rstrip("\n")

    # ================================================================ execution
    def run_list(self, lst: CmdList, io: IOTable) -> int:
        status = 0
        for ao, bg in lst.items:
            if bg:
                child = self.fork()
                try:
                    child.run_andor(ao, io)
                except ExitShell:
                    pass
                self.last_bg = self.ctx.pid + 1 + (self.counter[0] % 30000)
                status = 0
            else:
                status = self.run_andor(ao, io)
            self.status = status
        return status

    def run_andor(self, ao: AndOr, io: IOTable) -> int:
        chain = [(None, ao.first)] + list(ao.rest)
        status = 0
        for idx, (op, pl) in enumerate(chain):
            if op == "&&" and status != 0:
                continue
            if op == "||" and status == 0:
                continue
            last = idx == len(chain) - 1
            if not last:
                self.cond += 1
                try:
                    status = self.run_pipeline(pl, io)
                finally:
                    self.cond -= 1
            else:
                status = self.run_pipeline(pl, io)
                if status and not pl.negate and self.cond == 0 and self.opts.get("e"):
                    self.status = status
                    raise ExitShell(status)
            self.status = status
        return status

    def run_pipeline(self, pl: Pipeline, io: IOTable) -> int:
        if pl.negate:
            self.cond += 1
        try:
            if len(pl.cmds) == 1:
                status = self.run_command(pl.cmds[0], io)
            else:
                inp = io[0]
                statuses = []
                for k, c in enumerate(pl.cmds):
                    child = self.fork()
                    cio = io.copy()
                    cio[0] = inp
                    buf = None
                    if k < len(pl.cmds) - 1:
                        buf = BufferSink()
                        cio[1] = buf
                    try:
                        st = child.run_command(c, cio)
                    except ExitShell as e:
                        st = e.status
                    except ShellAbort as e:
                        child.shell_err(cio, e.msg)
                        st = e.status
                    except (LoopCtl, ReturnFunc):
                        st = 0
                    statuses.append(st)
                    if buf is not None:
                        inp = InStream(buf.chunks)
                status = statuses[-1]
                if self.opts.get("pipefail"):
                    for s in reversed(statuses):
                        if s:
                            status = s
                            break
        finally:
            if pl.negate:
                self.cond -= 1
        if pl.negate:
            status = 0 if status else 1
        self.status = status
        return status

    def run_command(self, node, io: IOTable) -> int:
        self.tick()
        self._cur_io = io
        if isinstance(node, Simple):
            return self.run_simple(node, io)
        if isinstance(node, FuncDef):
            self.functions[node.name] = node.body
            return 0
        redirs = getattr(node, "redirs", [])
        if redirs:
            cio = self.open_redirs(redirs, io)
            if isinstance(cio, int):
                return cio
            try:
                return self._run_compound(node, cio)
            finally:
                cio.close_opened()
        return self._run_compound(node, io)

    def _run_compound(self, node, io) -> int:
        if isinstance(node, Brace):
            return self.run_list(node.body, io)
        if isinstance(node, Subshell):
            child = self.fork()
            try:
                child.run_list(node.body, io)
                st = child.status
            except ExitShell as e:
                st = e.status
            except ShellAbort as e:
                child.shell_err(io, e.msg)
                st = e.status
            except (LoopCtl, ReturnFunc):
                st = child.status
            child._run_exit_trap(io)
            return st
        if isinstance(node, If):
            for cond, body in node.clauses:
                self.cond += 1
                try:
                    c = self.run_list(cond, io)
                finally:
                    self.cond -= 1
                if c == 0:
                    return self.run_list(body, io)
            if node.else_body is not None:
                return self.run_list(node.else_body, io)
            return 0
        if isinstance(node, While):
            status = 0
            self.loop_depth += 1
            try:
                while True:
                    self.tick()
                    self.cond += 1
                    try:
                        c = self.run_list(node.cond, io)
                    finally:
                        self.cond -= 1
                    if (c == 0) == node.until:
                        break
                    status, broke = self._loop_body(node.body, io, status)
                    if broke:
                        break
            finally:
                self.loop_depth -= 1
            return status
        if isinstance(node, ArithCmd):
            self.lineno = node.lineno
            if node.redirs:
                cio = self.open_redirs(node.redirs, io)
                if isinstance(cio, int):
                    return cio
                cio.close_opened()
            return 0 if self.arith(self.expand_str(node.parts)) else 1
        if isinstance(node, ForArith):
            status = 0
            self.loop_depth += 1
            try:
                if self.expand_str(node.init).strip():
                    self.arith(self.expand_str(node.init))
                while True:
                    self.tick()
                    cond = self.expand_str(node.cond)
                    if cond.strip() and not self.arith(cond):
                        break
                    status, broke = self._loop_body(node.body, io, status)
                    if broke:
                        break
                    if self.expand_str(node.step).strip():
                        self.arith(self.expand_str(node.step))
            finally:
                self.loop_depth -= 1
            return status
        if isinstance(node, For):
            if node.words is None:
                items = list(self.positional)
            else:
                items = self.expand_words(node.words)
            status = 0
            self.loop_depth += 1
            try:
                for it in items:
                    self.tick()
                    self.setvar(node.var, it)
                    status, broke = self._loop_body(node.body, io, status)
                    if broke:
                        break
            finally:
                self.loop_depth -= 1
            return status
        if isinstance(node, Case):
            word = self.expand_str(node.word, tilde=True)
            for pats, body in node.items:
                for pw in pats:
                    pat = self.expand_pattern(self._tilde(pw.parts))
                    if fnmatch(word, pat):
                        return self.run_list(body, io) if body and body.items else 0
            return 0
        if isinstance(node, CmdList):
            return self.run_list(node, io)
        raise TypeError(node)

    def _loop_body(self, body, io: IOTable, status: int) -> tuple[int, bool]:
        """One pass of a while/until/for body: (its status, whether ``break`` ended the loop).
        ``break n``/``continue n`` with n > 1 go on to the enclosing loop; after a ``break``
        or ``continue`` the loop's status stays that of the previous pass."""
        try:
            return self.run_list(body, io), False
        except LoopCtl as lc:
            if lc.n > 1:
                lc.n -= 1
                raise
            return status, lc.kind == "break"

    # ---------------------------------------------------------------- simple commands
    def run_simple(self, node: Simple, io: IOTable) -> int:
        self.lineno = node.lineno
        self.cmdsub_status = None
        self._cur_io = io
        if node.words and node.words[0].literal == "[[" and self.flavor != "dash":
            argv = [self.expand_str(w) for w in node.words]      # no splitting in [[ ]]
        else:
            argv = self.expand_words(node.words)
        if self.flavor == "bash" and any(isinstance(w, ArrayWord) or "[" in n or n.endswith("+")
                                         for n, w in node.assigns):
            for name, w in node.assigns:          # bash's compound assignments, in order
                self.assign_bash(name, w)
            assigns = []
        else:
            assigns = [(name, self.expand_str(w, tilde=True)) for name, w in node.assigns]
        if self.opts.get("x"):
            trace = " ".join([f"{n}={v}" for n, v in assigns] + [_trace_quote(a) for a in argv])
            io[2].write(("+ " + trace + "\n").encode("utf-8", "surrogateescape"))
        if not argv:
            for name, value in assigns:
                self.setvar(name, value)
            if node.redirs:
                cio = self.open_redirs(node.redirs, io)
                if isinstance(cio, int):
                    return cio
                cio.close_opened()
            return self.cmdsub_status or 0
        cio = io
        if node.redirs:
            cio = self.open_redirs(node.redirs, io)
            if isinstance(cio, int):
                return cio
        status = None
        try:
            status = self.dispatch(argv, assigns, cio)
        finally:
            if cio is not io:
                if self._exec_redirs:
                    # ``exec >file``: the redirections stay for the rest of the shell
                    self._exec_redirs = False
                    io.fds.update(cio.fds)
                    io.opened.extend(cio.opened)
                else:
                    failed = cio.close_opened()
                    if status is not None and getattr(failed, "errno", None) == ENOSPC:
                        status = self._write_failed(argv[0], io)
        return status

    def _write_failed(self, name: str, io) -> int:
        """A command's redirected output did not fit (ENOSPC): what it says, and its status.
        Each program words its failed write on its own (busybox 1.36, seen on the engine with
        a full tmpfs); the shell's own ``echo`` is the shell's error."""
        if name == "echo":
            self.shell_err(io, "write error: No space left on device")
            return 1
        said, status = write_error(name, busybox=self.flavor == "ash")
        if said and io[2] is not None:
            try:
                io[2].write((said + "\n").encode())
            except OSError:
                pass
        return status

    def dispatch(self, argv: list[str], assigns: list, io: IOTable) -> int:
        name = argv[0]
        if name in SPECIAL_BUILTINS and name in BUILTINS:
            for n, v in assigns:
                self.setvar(n, v)
            return self.run_builtin(argv, io)
        if name in self.functions:
            return self.call_function(name, argv, assigns, io)
        if name in BUILTINS and self.has_builtin(name):
            saved = {n: self.vars.get(n) for n, _ in assigns}
            for n, v in assigns:
                self.vars[n] = v
            try:
                return self.run_builtin(argv, io)
            finally:
                for n, old in saved.items():
                    if old is None:
                        self.vars.pop(n, None)
                    else:
                        self.vars[n] = old
        env = self.export_env()
        for n, v in assigns:
            env[n] = v
        return self.exec_external(argv, env, io)

    def has_builtin(self, name: str) -> bool:
        if name in ("local",) and self.flavor not in ("dash", "ash", "bash"):
            return False
        if name in ("source", "[[") and self.flavor == "dash":
            return False
        if name == "[[" and not self.ctx.check_executables and self.flavor == "dash":
            return False
        return True

    def run_builtin(self, argv: list[str], io: IOTable) -> int:
        cmd = Cmd(self, argv, self.export_env(), io, flavor=self.tool_flavor_default(),
                  builtin=True)
        return self._call(BUILTINS[argv[0]], cmd)

    def call_function(self, name: str, argv, assigns, io) -> int:
        saved_pos = self.positional
        saved_vars = {n: self.vars.get(n) for n, _ in assigns}
        for n, v in assigns:
            self.vars[n] = v
        self.positional = list(argv[1:])
        self.func_depth += 1
        self._locals_stack.append({})
        if self.func_depth > MAX_FUNC_DEPTH:
            self.func_depth -= 1
            self.positional = saved_pos
            self._locals_stack.pop()
            raise ShellAbort(f"{name}: maximum function nesting level exceeded "
                             f"({MAX_FUNC_DEPTH})")
        try:
            status = self.run_command(self.functions[name], io)
        except ReturnFunc as r:
            status = r.status
        finally:
            self.func_depth -= 1
            self.positional = saved_pos
            for n, old in self._locals_stack.pop().items():
                if old is None:
                    self.vars.pop(n, None)
                else:
                    self.vars[n] = old
            for n, old in saved_vars.items():
                if old is None:
                    self.vars.pop(n, None)
                else:
                    self.vars[n] = old
        return status

    def tool_flavor_default(self) -> str:
        if self.ctx.tool_flavor:
            return self.ctx.tool_flavor
        try:
            return "busybox" if self.ctx.fs.exists("/bin/busybox") else "gnu"
        except Exception:
            return "gnu"

    # ---------------------------------------------------------------- external programs
    def resolve_exec(self, name: str, path_env: str | None):
        """Find the executable for ``name``.  Returns ("ok", path) / ("notfound", None) /
        ("denied", path) / ("virtual", None) when executables are not checked."""
        fs = self.ctx.fs
        if not self.ctx.check_executables:
            base = name.rsplit("/", 1)[-1]
            if base in COMMANDS:
                return ("virtual", None)
        acc = Access(fs, self.uid, self.gid, self.ctx.groups)
        if "/" in name:
            try:
                acc.traverse(name, self.cwd)
                st = fs.stat(name, cwd=self.cwd)
            except FSError as e:
                if e.code == EACCES:
                    return ("denied", name)
                return ("notfound", None)
            if st.is_dir or not st.is_file or not acc.allowed(st, X):
                return ("denied", name)
            return ("ok", normpath(name, self.cwd))
        if path_env is None:
            path_env = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        denied = None
        for d in path_env.split(":"):
            cand = (d.rstrip("/") + "/" + name) if d else name
            try:
                st = fs.stat(cand, cwd=self.cwd)
            except (FSError, OSError):
                continue
            if not st.is_file:
                continue
            if not acc.allowed(st, X):
                denied = denied or normpath(cand, self.cwd)
                continue
            return ("ok", normpath(cand, self.cwd))
        if denied:
            return ("denied", denied)
        return ("notfound", None)

    def exec_external(self, argv: list[str], env: dict, io: IOTable) -> int:
        name = argv[0]
        target = self.resolve_exec(name, env.get("PATH"))
        if target[0] == "notfound":
            if self.flavor == "bash":
                self.shell_err(io, f"{name}: " + ("No such file or directory" if "/" in name
                                                  else "command not found"))
            else:
                self.shell_err(io, f"{name}: not found")
            return 127
        if target[0] == "denied":
            self.shell_err(io, f"{name}: Permission denied")
            return 126
        return self.invoke(argv, env, io, target)

    def invoke(self, argv: list[str], env: dict, io: IOTable, target) -> int:
        """Run a resolved program: dispatch to its simulation by invoked name (busybox
        applets), or run a script by its #! line."""
        fs = self.ctx.fs
        kind, path = target
        prog = argv[0].rsplit("/", 1)[-1]
        if kind == "virtual":
            flavor = self.tool_flavor_default()
            impl = COMMANDS.get(prog)
            cmd = Cmd(self, argv, env, io, flavor=flavor, path=None)
            return self._call(impl, cmd)
        try:
            real = fs.realpath(path)
        except (FSError, OSError):
            real = path
        realbase = real.rsplit("/", 1)[-1]
        flavor = "gnu"
        if realbase != "busybox" and prog != "busybox" and is_busybox_binary(fs, path):
            realbase = "busybox"
        if realbase == "busybox" or prog == "busybox":
            flavor = "busybox"
            if prog == "busybox":
                argv = list(argv[1:])
                if not argv or argv[0].startswith("-"):
                    io[1].write(f"{_busybox_help()}".encode())
                    return 0
                prog = argv[0].rsplit("/", 1)[-1]
                if prog not in COMMANDS:
                    io[2].write(f"{prog}: applet not found\n".encode())
                    return 127
        impl = COMMANDS.get(prog)
        if impl is None and realbase != "busybox":
            impl = COMMANDS.get(realbase)
        if impl is None:
            script = self._script_interpreter(path)
            if script is not None:
                interp_argv = script + [path] + list(argv[1:])
                ibase = interp_argv[0].rsplit("/", 1)[-1]
                if ibase in SHELL_NAMES or ibase == "busybox":
                    return self.exec_external(interp_argv, env, io)
                if interp_argv[0] == "/usr/bin/env" and len(script) > 1:
                    return self.exec_external(interp_argv[1:], env, io)
                return self.exec_external(interp_argv, env, io)
            io[2].write(f"dockstore-magic: '{prog}' is not simulated\n".encode())
            return 127
        cmd = Cmd(self, argv, env, io, flavor=flavor, path=path)
        return self._call(impl, cmd)

    def _script_interpreter(self, path: str):
        """The interpreter argv of a script file (#! line, or /bin/sh for a text file without
        one), or None for a binary."""
        try:
            blob = self.ctx.fs.read_blob(path)
        except (FSError, OSError):
            return None
        from ..fs.blob import BytesBlob
        head = blob.read(0, 256)
        if head.startswith(b"#!"):
            line = head[2:].split(b"\n", 1)[0].decode("utf-8", "replace").strip()
            parts = line.split(None, 1)
            return parts if parts else None
        if isinstance(blob, BytesBlob) and b"\0" not in head:
            return ["/bin/sh"]
        return None

    def _call(self, impl, cmd: Cmd) -> int:
        try:
            rc = impl(cmd)
            return 0 if rc is None else int(rc) & 0xFF
        except UsageError as e:
            cmd.err(e.msg)
            cmd.usage_hint()
            return e.status if e.status is not None else (1 if cmd.busybox else
                                                          getattr(impl, "usage_status", 1))
        except CmdExit as e:
            return e.status
        except (ExitShell, ShellAbort, StepLimit, LoopCtl, ReturnFunc, HookError):
            raise
        except OutOfMemory:
            cmd.err("memory exhausted")
            return 2 if cmd.prog == "grep" else 1
        except BrokenPipeError:
            return 1
        except FSError as e:
            cmd.fserr(e)
            return 1
        except RecursionError:
            cmd.err("too many levels of recursion")
            return 1
        except Exception as e:  # never let a traceback reach the user
            global LAST_ERROR
            LAST_ERROR = traceback.format_exc()
            log.debug("simulated command %r failed", cmd.argv, exc_info=True)
            cmd.err(f"internal error: {type(e).__name__}: {e}")
            return 1

    # ---------------------------------------------------------------- redirections
    def open_redirs(self, redirs, io: IOTable):
        """A new IO table with ``redirs`` applied, or an exit status after an error."""
        cio = io.copy()
        for r in redirs:
            try:
                self._open_redir(r, cio)
            except _RedirError as e:
                cio.close_opened()
                self.shell_err(io, e.msg)
                return 2 if self.flavor == "dash" else 1
        return cio

    def _open_redir(self, r, cio: IOTable) -> None:
        op = r.op
        if op in ("<<", "<<-"):
            hd = r.heredoc
            body = hd.body if hd.quoted or hd.parts is None else self.expand_str(hd.parts)
            cio[0 if r.fd is None else r.fd] = InStream(body.encode("utf-8", "surrogateescape"))
            return
        target = self.expand_str(r.target, tilde=True)
        if op == "<<<":                    # bash's here-string: the word and a newline
            cio[0 if r.fd is None else r.fd] = InStream((target + "\n").encode("utf-8", "surrogateescape"))
            return
        if op in (">&", "<&"):
            fd = r.fd if r.fd is not None else (1 if op == ">&" else 0)
            if target == "-":
                cio[fd] = ClosedSink() if fd else InStream(b"")
                return
            if target.isdigit():
                src = int(target)
                if cio.get(src) is None:
                    raise _RedirError(f"{src}: Bad file descriptor")
                cio[fd] = cio[src]
                return
            if self.flavor == "dash":
                raise _RedirError("Syntax error: Bad fd number")
            if op == ">&":
                sink = self._open_out(target, False, cio)
                cio[1] = sink
                cio[2] = sink
                return
            raise _RedirError(f"{target}: Bad file descriptor" if self.flavor != "ash"
                              else f"can't open '{target}'")
        if op in ("<", "<>"):
            fd = 0 if r.fd is None else r.fd
            cio[fd] = self._open_in(target, cio, create=(op == "<>"))
            return
        fd = 1 if r.fd is None else r.fd
        cio[fd] = self._open_out(target, op == ">>", cio)

    def _dev(self, path: str):
        p = normpath(path, self.cwd)
        if p in DEVICES_READ or p in ("/dev/stdin", "/dev/stdout", "/dev/stderr") or \
                p.startswith("/dev/fd/") or p.startswith("/proc/self/fd/"):
            return p
        try:
            st = self.ctx.fs.stat(p)
        except (FSError, OSError):
            return None
        if st.is_chardev:
            return RDEV_DEVICE.get(st.rdev, "/dev/null")
        return None

    def _open_in(self, target: str, cio: IOTable, create: bool = False):
        dev = self._dev(target)
        if dev is not None:
            if dev in ("/dev/stdin",) or dev.endswith("/fd/0"):
                return cio[0]
            return InStream(b"", DEVICES_READ.get(dev, ""))
        acc = Access(self.ctx.fs, self.uid, self.gid, self.ctx.groups)
        try:
            acc.traverse(target, self.cwd)
            st = self.ctx.fs.stat(target, cwd=self.cwd)
            if st.is_dir:
                raise FSError(EISDIR, target)
            if not acc.allowed(st, 4):
                raise FSError(EACCES, target)
            return InStream(self.ctx.fs.read_blob(target, cwd=self.cwd), regular=True)
        except FSError as e:
            if e.code == ENOENT and create:
                try:
                    open_file_sink(self.ctx.fs, acc, target, self.cwd, True, self.uid,
                                   self.gid, self.umask).close()
                    return InStream(b"")
                except FSError as e2:
                    e = e2
            raise _RedirError(self._open_msg(target, e.code, False))

    def _open_out(self, target: str, append: bool, cio: IOTable):
        dev = self._dev(target)
        if dev is not None:
            if dev in ("/dev/stdout",) or dev.endswith("/fd/1"):
                return cio[1]
            if dev in ("/dev/stderr",) or dev.endswith("/fd/2"):
                return cio[2]
            return NullSink()
        acc = Access(self.ctx.fs, self.uid, self.gid, self.ctx.groups)
        try:
            sink = open_file_sink(self.ctx.fs, acc, target, self.cwd, append, self.uid,
                                  self.gid, self.umask)
        except FSError as e:
            raise _RedirError(self._open_msg(target, e.code, True))
        cio.opened.append(sink)
        return sink

    def _open_msg(self, target: str, code: int, create: bool) -> str:
        import os
        if self.flavor == "bash":
            return f"{target}: {os.strerror(code)}"
        if self.flavor == "ash":
            if code == ENOENT:
                what = "nonexistent directory" if create else "no such file"
            else:
                what = os.strerror(code)
            return f"can't {'create' if create else 'open'} {target}: {what}"
        if code == ENOENT:
            what = "Directory nonexistent" if create else "No such file"
        else:
            what = os.strerror(code)
        return f"cannot {'create' if create else 'open'} {target}: {what}"

    # ---------------------------------------------------------------- nested shells
    def spawn(self, argv0: str, positional: list, env: dict, flavor: str | None = None
              ) -> "Shell":
        """A new shell process (``sh -c``, a script): exported variables only, same cwd,
        user and step budget."""
        child = Shell.__new__(Shell)
        Shell.__init__(child, self.ctx, _parent=self)
        child.vars = dict(env)
        child.exported = set(env)
        child.readonly = set()
        child.functions = {}
        child.positional = list(positional)
        child.argv0 = argv0
        child.opts = {k: False for k in self.opts}
        child.status = 0
        child.lineno = 1
        child.traps = {}
        child.func_depth = 0
        child.loop_depth = 0
        child.subshell = False
        if flavor:
            child.flavor = flavor
        return child


class _RedirError(Exception):
    def __init__(self, msg: str):
        super().__init__(msg)
        self.msg = msg


def _trace_quote(s: str) -> str:
    if s and all(c.isalnum() or c in "-_./=:,+@%^" for c in s):
        return s
    return "'" + s.replace("'", "'\\''") + "'"


def _busybox_help() -> str:
    from .commands.base import BUSYBOX_BANNER
    names = sorted(n for n in COMMANDS if n not in ("apt", "apt-get", "pip", "pip3", "npm"))
    return (f"{BUSYBOX_BANNER}\nBusyBox is copyrighted by many authors between 1998-2015.\n"
            "Licensed under GPLv2. See source distribution for detailed\ncopyright notices.\n\n"
            "Usage: busybox [function [arguments]...]\n   or: busybox --list[-full]\n"
            "   or: function [arguments]...\n\nCurrently defined functions:\n\t"
            + ", ".join(names) + "\n")
