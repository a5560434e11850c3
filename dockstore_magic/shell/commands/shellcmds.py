"""Shell builtins (cd, export, set, read, test, echo, printf, …) and the shells themselves
(``sh``/``dash``/``ash``/``bash`` as programs: ``sh -c``, scripts)."""
from __future__ import annotations

import re

from ...fs.base import normpath
from ...fs.errors import FSError, ENOENT, EACCES, ENOTDIR
from ..users import X
from .base import command, builtin, Cmd, BUILTINS

KEYWORDS = {"if", "then", "else", "elif", "fi", "case", "esac", "for", "while", "until",
            "do", "done", "{", "}", "!", "in"}


def berr(cmd: Cmd, msg: str, with_name: bool = True) -> None:
    """A builtin's error, worded as the running shell words it."""
    sh = cmd.sh
    name = cmd.prog
    if sh.flavor == "ash":
        text = sh.err_prefix() + (f"{name}: line {sh.display_lineno()}: " if with_name else "") + msg
    else:
        text = sh.err_prefix() + (f"{name}: " if with_name else "") + msg
    cmd.raw_err(text + "\n")


# ====================================================================== trivial
@builtin(":", "true")
@command("true")
def b_true(cmd: Cmd) -> int:
    return 0


@builtin("false")
@command("false")
def b_false(cmd: Cmd) -> int:
    return 1


# ====================================================================== echo / printf
_ESC = {"a": "\a", "b": "\b", "e": "\x1b", "f": "\f", "n": "\n", "r": "\r", "t": "\t",
        "v": "\v", "\\": "\\"}


def unescape_echo(s: str, dash: bool = False) -> tuple[str, bool]:
    """Backslash escapes of ``echo -e`` / ``printf %b``; returns (text, stop) where stop is
    True after ``\\c``."""
    out = []
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c != "\\" or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        d = s[i + 1]
        if d == "c":
            return "".join(out), True
        if d in _ESC and not (dash and d == "e"):
            out.append(_ESC[d])
            i += 2
        elif d == "0":
            j = i + 2
            k = j
            while k < n and k < j + 3 and s[k] in "01234567":
                k += 1
            out.append(chr(int(s[j:k] or "0", 8) & 0xFF))
            i = k
        elif d in "1234567" and not dash:
            j = i + 1
            k = j
            while k < n and k < j + 3 and s[k] in "01234567":
                k += 1
            out.append(chr(int(s[j:k], 8) & 0xFF))
            i = k
        elif d == "x" and not dash:
            m = re.match(r"[0-9a-fA-F]{1,2}", s[i + 2:])
            if m:
                out.append(chr(int(m.group(0), 16)))
                i += 2 + m.end()
            else:
                out.append("\\x")
                i += 2
        else:
            out.append("\\" + d)
            i += 2
    return "".join(out), False


def _latin(s: str) -> bytes:
    """Text whose escapes produced raw byte values (chr(0..255)) back to bytes."""
    out = bytearray()
    for ch in s:
        o = ord(ch)
        if o < 256 and not (0xDC80 <= o <= 0xDCFF):
            out.append(o)
        else:
            out += ch.encode("utf-8", "surrogateescape")
    return bytes(out)


@builtin("echo")
@command("echo")
def b_echo(cmd: Cmd) -> int:
    args = list(cmd.args)
    dash_builtin = cmd.builtin and cmd.sh.flavor == "dash"
    newline = True
    escapes = dash_builtin
    if dash_builtin:
        if args and args[0] == "-n":
            newline = False
            args = args[1:]
    else:
        while args and re.fullmatch(r"-[neE]+", args[0]):
            for c in args[0][1:]:
                if c == "n":
                    newline = False
                elif c == "e":
                    escapes = True
                else:
                    escapes = False
            args = args[1:]
    text = " ".join(args)
    stop = False
    if escapes:
        text, stop = unescape_echo(text, dash=dash_builtin)
    if newline and not stop:
        text += "\n"
    cmd.write(_latin(text) if escapes else text.encode("utf-8", "surrogateescape"))
    return 0


_FMT = re.compile(r"%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([diouxXeEfFgGcsb%])")


def _num_arg(cmd: Cmd, a: str, conv: str):
    """Convert a printf numeric argument; reports errors as the running printf does."""
    s = a.strip()
    if s[:1] in ("'", '"') and len(s) >= 2:
        return ord(s[1])
    try:
        if conv in "eEfFgG":
            return float(s) if s else 0.0
        if not s:
            return 0
        if re.fullmatch(r"[+-]?0[xX][0-9a-fA-F]+", s):
            return int(s, 16)
        if re.fullmatch(r"[+-]?0[0-7]+", s):
            return int(s, 8)
        return int(s)
    except ValueError:
        m = re.match(r"[+-]?\d+", s)
        if cmd.builtin and cmd.sh.flavor == "dash":
            berr(cmd, f"{a}: expected numeric value")
        elif cmd.builtin and cmd.sh.flavor == "ash":
            cmd.raw_err(f"{cmd.sh.argv0.rsplit('/', 1)[-1]}: invalid number '{a}'\n")
        elif cmd.busybox:
            cmd.err(f"invalid number '{a}'")
        else:
            cmd.err(f"'{a}': expected a numeric value")
        cmd._printf_failed = True
        return int(m.group(0)) if m else 0


@builtin("printf")
@command("printf")
def b_printf(cmd: Cmd) -> int:
    args = list(cmd.args)
    if args and args[0] == "--":
        args = args[1:]
    if not args:
        if cmd.builtin and cmd.sh.flavor == "dash":
            berr(cmd, "usage: printf format [arg ...]")
        else:
            cmd.err("missing operand")
            cmd.usage_hint()
        return 2 if cmd.builtin and cmd.sh.flavor == "dash" else 1
    fmt, args = args[0], args[1:]
    cmd._printf_failed = False
    out = []
    while True:
        consumed = 0
        i = 0
        stop = False
        while i < len(fmt):
            c = fmt[i]
            if c == "\\":
                seg, stp = unescape_echo(fmt[i:i + 5] if fmt[i + 1:i + 2] in "01234567x"
                                         else fmt[i:i + 2], dash=False)
                # work out how many characters the escape used
                m = re.match(r"\\(0[0-7]{0,3}|[1-7][0-7]{0,2}|x[0-9a-fA-F]{1,2}|.)", fmt[i:],
                             re.S)
                length = m.end() if m else 1
                seg, stp = unescape_echo(fmt[i:i + length], dash=False)
                if fmt[i + 1:i + 2] == "c":
                    stop = True
                    break
                out.append(seg)
                i += length
                continue
            if c != "%":
                out.append(c)
                i += 1
                continue
            m = _FMT.match(fmt, i)
            if not m:
                out.append(c)
                i += 1
                continue
            i = m.end()
            flags, width, prec, conv = m.groups()
            if conv == "%":
                out.append("%")
                continue
            if width == "*":
                width = str(_num_arg(cmd, args[consumed], "d")) if consumed < len(args) else "0"
                consumed += 1
            if prec == "*":
                prec = str(_num_arg(cmd, args[consumed], "d")) if consumed < len(args) else "0"
                consumed += 1
            arg = args[consumed] if consumed < len(args) else None
            consumed += 1
            spec = "%" + flags + (width or "") + (("." + prec) if prec is not None else "")
            if conv == "s":
                out.append((spec + "s") % (arg or ""))
            elif conv == "b":
                t, stp = unescape_echo(arg or "")
                out.append((spec + "s") % t)
                if stp:
                    stop = True
                    break
            elif conv == "c":
                out.append((spec + "s") % ((arg or "")[:1]))
            elif conv in "diouxX":
                v = _num_arg(cmd, arg, conv) if arg is not None else 0
                if isinstance(v, float):
                    v = int(v)
                cv = "d" if conv in "iu" else conv
                if conv == "u" and v < 0:
                    v += 1 << 64
                out.append((spec + cv) % v)
            else:
                v = _num_arg(cmd, arg, conv) if arg is not None else 0.0
                out.append((spec + conv) % float(v))
        if stop or consumed == 0 or consumed >= len(args):
            break
        args = args[consumed:]
    cmd.write(_latin("".join(out)))
    return 1 if cmd._printf_failed else 0


# ====================================================================== cd / pwd
@builtin("cd", "chdir")
def b_cd(cmd: Cmd) -> int:
    sh = cmd.sh
    args = [a for a in cmd.args if a not in ("-L", "-P")]
    physical = "-P" in cmd.args
    if args and args[0] == "--":
        args = args[1:]
    if not args:
        target = sh.vars.get("HOME") or sh.home()
    elif args[0] == "-":
        target = sh.vars.get("OLDPWD") or sh.cwd
    else:
        target = args[0]
    print_new = bool(args) and args[0] == "-"
    if not target.startswith("/") and not target.startswith(".") and sh.vars.get("CDPATH"):
        for d in sh.vars["CDPATH"].split(":"):
            cand = normpath(target, normpath(d or ".", sh.cwd))
            if cmd.fs.isdir(cand):
                target = cand
                print_new = True
                break
    new = normpath(target, sh.cwd)
    try:
        cmd.access.traverse(new + "/x", "/")
        st = cmd.fs.stat(new)
        if not st.is_dir:
            raise FSError(ENOTDIR, target)
        if not cmd.access.allowed(st, X):
            raise FSError(EACCES, target)
    except FSError as e:
        if sh.flavor == "dash":
            berr(cmd, f"can't cd to {target}")
        elif sh.flavor == "bash":
            berr(cmd, f"{target}: {e.message}")
        else:
            berr(cmd, f"can't cd to {target}: {e.message}")
        return 1 if sh.flavor == "bash" else 2
    if physical:
        new = cmd.fs.realpath(new)
    sh.vars["OLDPWD"] = sh.cwd
    sh.cwd = new
    sh.vars["PWD"] = new
    if print_new:
        cmd.write(new + "\n")
    return 0


def _fatal(sh, status):
    """A special-builtin error in a non-interactive shell ends it (POSIX 2.8.1)."""
    from ..interp import ExitShell
    return ExitShell(status)


@builtin("pwd")
@command("pwd")
def b_pwd(cmd: Cmd) -> int:
    if "-P" in cmd.args:
        cmd.write(cmd.fs.realpath(cmd.cwd) + "\n")
    else:
        cmd.write(cmd.cwd + "\n")
    return 0


# ====================================================================== exit & co
def _number(cmd: Cmd, s: str):
    if re.fullmatch(r"\d+", s):
        return int(s)
    sh = cmd.sh
    if sh.flavor == "bash":
        berr(cmd, f"{s}: numeric argument required")
        return 2
    berr(cmd, f"Illegal number: {s}")
    raise _fatal(sh, 2)


@builtin("exit")
def b_exit(cmd: Cmd) -> int:
    from ..interp import ExitShell
    st = cmd.sh.status if not cmd.args else _number(cmd, cmd.args[0])
    raise ExitShell(st & 0xFF)


@builtin("return")
def b_return(cmd: Cmd) -> int:
    from ..interp import ReturnFunc
    st = cmd.sh.status if not cmd.args else _number(cmd, cmd.args[0])
    raise ReturnFunc(st & 0xFF)


@builtin("break", "continue")
def b_break(cmd: Cmd) -> int:
    from ..interp import LoopCtl
    n = 1 if not cmd.args else _number(cmd, cmd.args[0])
    if n < 1:
        berr(cmd, "Illegal number: " + cmd.args[0])
        return 2
    if cmd.sh.loop_depth == 0:
        return 0
    raise LoopCtl(cmd.prog, min(n, cmd.sh.loop_depth))


@builtin("shift")
def b_shift(cmd: Cmd) -> int:
    sh = cmd.sh
    n = 1 if not cmd.args else _number(cmd, cmd.args[0])
    if n > len(sh.positional):
        if sh.flavor == "dash":
            berr(cmd, "can't shift that many")
            raise _fatal(sh, 2)
        return 1
    sh.positional = sh.positional[n:]
    return 0


# ====================================================================== variables
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def _quote_val(v: str) -> str:
    return "'" + v.replace("'", "'\"'\"'") + "'"


@builtin("export", "readonly")
def b_export(cmd: Cmd) -> int:
    sh = cmd.sh
    ro = cmd.prog == "readonly"
    args = [a for a in cmd.args if a != "-p"]
    if args and args[0] == "--":
        args = args[1:]
    if not args:
        names = sorted(sh.readonly if ro else sh.exported)
        for n in names:
            if n in sh.vars:
                cmd.write(f"{cmd.prog} {n}={_quote_val(sh.vars[n])}\n")
            else:
                cmd.write(f"{cmd.prog} {n}\n")
        return 0
    status = 0
    for a in args:
        name, eq, val = a.partition("=")
        if not _NAME.match(name):
            berr(cmd, f"{name}: bad variable name")
            raise _fatal(sh, 2)
        if eq:
            sh.setvar(name, val)
        if ro:
            sh.readonly.add(name)
        else:
            sh.exported.add(name)
    return status


@builtin("unset")
def b_unset(cmd: Cmd) -> int:
    sh = cmd.sh
    funcs = False
    args = list(cmd.args)
    while args and args[0] in ("-f", "-v"):
        funcs = args[0] == "-f"
        args = args[1:]
    for a in args:
        if funcs:
            sh.functions.pop(a, None)
            continue
        if a in sh.readonly:
            berr(cmd, f"{a}: is read only")
            return 1
        base, br, index = a.partition("[")
        if br and base in sh.arrays:           # bash: unset 'x[1]' removes one element
            sh.arrays[base].pop(sh._subscript(index.rstrip("]")), None)
            continue
        sh.vars.pop(a, None)
        sh.arrays.pop(a, None)
        sh.exported.discard(a)
    return 0


@builtin("local")
def b_local(cmd: Cmd) -> int:
    sh = cmd.sh
    if not sh._locals_stack:
        berr(cmd, "not in a function")
        return 2 if sh.flavor != "bash" else 1
    frame = sh._locals_stack[-1]
    for a in cmd.args:
        name, eq, val = a.partition("=")
        if name not in frame:
            frame[name] = sh.vars.get(name)
        if eq:
            sh.vars[name] = val
    return 0


_SETOPTS = {"errexit": "e", "nounset": "u", "xtrace": "x", "noglob": "f", "pipefail": "pipefail",
            "noclobber": "C", "verbose": "v", "noexec": "n"}


@builtin("set")
def b_set(cmd: Cmd) -> int:
    sh = cmd.sh
    args = list(cmd.args)
    if not args:
        for k in sorted(sh.vars):
            cmd.write(f"{k}={_quote_val(sh.vars[k])}\n")
        return 0
    while args:
        a = args[0]
        if a == "--":
            sh.positional = args[1:]
            return 0
        if a in ("-o", "+o"):
            on = a == "-o"
            if len(args) < 2:
                for long, short in _SETOPTS.items():
                    cmd.write(f"{long:<16}{'on' if sh.opts.get(short) else 'off'}\n")
                return 0
            opt = args[1]
            if opt not in _SETOPTS or (opt == "pipefail" and sh.flavor == "dash"):
                berr(cmd, f"Illegal option -o {opt}" if sh.flavor == "dash"
                     else f"{opt}: invalid option name")
                raise _fatal(sh, 2)
            sh.opts[_SETOPTS[opt]] = on
            args = args[2:]
            continue
        if len(a) > 1 and a[0] in "-+":
            on = a[0] == "-"
            for c in a[1:]:
                if c in "euxfCvn":
                    sh.opts[c] = on
                elif c == "o":
                    continue
                elif c in "abhmBHPT":
                    continue
                else:
                    berr(cmd, f"Illegal option {a[0]}{c}" if sh.flavor == "dash"
                         else f"{a[0]}{c}: invalid option")
                    raise _fatal(sh, 2)
            if "o" in a[1:] and len(args) > 1:
                args = [a[0] + "o"] + args[1:]
                continue
            args = args[1:]
            continue
        sh.positional = args
        return 0
    return 0


@builtin("read")
def b_read(cmd: Cmd) -> int:
    sh = cmd.sh
    raw = False
    names = []
    args = list(cmd.args)
    prompt = None
    i = 0
    while i < len(args):
        a = args[i]
        if a == "-r":
            raw = True
        elif a == "-p" and i + 1 < len(args):
            prompt = args[i + 1]
            i += 1
        elif a.startswith("-") and len(a) > 1 and not names:
            if "r" in a:
                raw = True
        else:
            names.append(a)
        i += 1
    if prompt:
        cmd.stderr.write(prompt.encode())
    if not names:
        names = ["REPLY"]
    line_b = cmd.stdin.readline()
    eof = not line_b.endswith(b"\n")
    line = line_b.decode("utf-8", "surrogateescape")
    if line.endswith("\n"):
        line = line[:-1]
    if not raw:
        # backslash-newline continues the line; other backslashes escape the next char
        while line.endswith("\\") and not eof:
            nxt = cmd.stdin.readline()
            eof = not nxt.endswith(b"\n")
            line = line[:-1] + nxt.decode("utf-8", "surrogateescape").rstrip("\n")
    ifs = sh.ifs()
    ws = "".join(c for c in ifs if c in " \t\n")
    # split into at most len(names) fields
    fields = []
    cur = []
    i = 0
    text = line
    # strip leading IFS whitespace
    j = 0
    while j < len(text) and text[j] in ws:
        j += 1
    text = text[j:]
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and not raw and i + 1 < len(text):
            cur.append(text[i + 1])
            i += 2
            continue
        if c in ifs and len(fields) < len(names) - 1:
            fields.append("".join(cur))
            cur = []
            while i + 1 < len(text) and text[i + 1] in ws:
                i += 1
            i += 1
            continue
        cur.append(c)
        i += 1
    last = "".join(cur)
    if len(fields) == len(names) - 1:
        last = last.rstrip(ws) if ws else last
    fields.append(last)
    for k, n in enumerate(names):
        sh.setvar(n, fields[k] if k < len(fields) else "")
    return 1 if eof and not line_b else (1 if eof else 0)


# ====================================================================== eval / exec / .
@builtin("eval")
def b_eval(cmd: Cmd) -> int:
    src = " ".join(cmd.args)
    if not src.strip():
        return 0
    return cmd.sh.run_source(src, cmd.io, nested=True)


@builtin("exec")
def b_exec(cmd: Cmd) -> int:
    from ..interp import ExitShell
    if not cmd.args:
        cmd.sh._exec_redirs = True
        return 0
    st = cmd.sh.exec_external(list(cmd.args), cmd.env, cmd.io)
    raise ExitShell(st)


@builtin(".", "source")
def b_source(cmd: Cmd) -> int:
    sh = cmd.sh
    if not cmd.args:
        return 0
    name = cmd.args[0]
    path = None
    if "/" in name:
        path = name
    else:
        for d in (sh.vars.get("PATH") or "").split(":"):
            cand = (d or ".").rstrip("/") + "/" + name
            if cmd.fs.isfile(cand, cwd=sh.cwd):
                path = cand
                break
        if path is None and sh.flavor == "bash" and cmd.fs.isfile(name, cwd=sh.cwd):
            path = name
    try:
        if path is None:
            raise FSError(ENOENT, name)
        text = cmd.read_blob(path).read().decode("utf-8", "surrogateescape")
    except FSError as e:
        if sh.flavor == "dash":
            berr(cmd, f"cannot open {name}: No such file" if e.code == ENOENT
                 else f"cannot open {name}: {e.message}")
            raise _fatal(sh, 2)
        if sh.flavor == "ash":
            berr(cmd, f"can't open '{name}': {e.message}", with_name=False)
            raise _fatal(sh, 2)
        berr(cmd, f"{name}: {e.message}")
        return 1
    saved = sh.positional
    if len(cmd.args) > 1:
        sh.positional = list(cmd.args[1:])
    try:
        return sh.run_source(text, cmd.io, nested=True)
    finally:
        if len(cmd.args) > 1:
            sh.positional = saved


# ====================================================================== type / command
def _describe(cmd: Cmd, name: str, verbose: bool) -> tuple[str | None, int]:
    sh = cmd.sh
    from ..interp import SPECIAL_BUILTINS
    if name in KEYWORDS:
        return (f"{name} is a shell keyword" if verbose else name), 0
    if name in sh.functions:
        return (f"{name} is a shell function" if verbose else name), 0
    if name in BUILTINS and sh.has_builtin(name):
        if verbose:
            special = name in SPECIAL_BUILTINS and sh.flavor == "dash"
            return f"{name} is a {'special ' if special else ''}shell builtin", 0
        return name, 0
    kind, path = sh.resolve_exec(name, cmd.env.get("PATH"))
    if kind == "ok":
        return (f"{name} is {path}" if verbose else path), 0
    if kind == "virtual":
        return (f"{name} is /usr/bin/{name}" if verbose else f"/usr/bin/{name}"), 0
    if verbose:
        return (f"{name}: not found" if sh.flavor != "bash" else None), 127
    return None, 127


@builtin("type")
def b_type(cmd: Cmd) -> int:
    status = 0
    for n in cmd.args:
        text, st = _describe(cmd, n, True)
        if text is None and cmd.sh.flavor == "bash":
            berr(cmd, f"{n}: not found")
        elif text is not None:
            cmd.write(text + "\n")
        status = status or st
    return 1 if status and cmd.sh.flavor == "bash" else status


@builtin("command")
def b_command(cmd: Cmd) -> int:
    args = list(cmd.args)
    mode = None
    while args and args[0].startswith("-") and len(args[0]) > 1:
        a = args.pop(0)
        if a == "--":
            break
        if "v" in a:
            mode = "v"
        elif "V" in a:
            mode = "V"
    if mode:
        status = 0
        for n in args:
            text, st = _describe(cmd, n, mode == "V")
            if text is not None:
                cmd.write(text + "\n")
            status = status or st
            if mode == "v" and st:
                status = 1 if cmd.sh.flavor != "dash" else 127
        return status
    if not args:
        return 0
    if args[0] in BUILTINS and cmd.sh.has_builtin(args[0]):
        return cmd.sh.run_builtin(args, cmd.io)
    return cmd.sh.exec_external(args, cmd.env, cmd.io)


@builtin("hash", "alias", "unalias", "wait", "times", "ulimit")
def b_noop(cmd: Cmd) -> int:
    if cmd.prog == "times":
        cmd.write("0m0.000000s 0m0.000000s\n0m0.000000s 0m0.000000s\n")
    if cmd.prog == "ulimit" and not cmd.args:
        cmd.write("unlimited\n")
    return 0


@builtin("trap")
def b_trap(cmd: Cmd) -> int:
    args = list(cmd.args)
    if not args:
        for sig, action in cmd.sh.traps.items():
            cmd.write(f"trap -- {_quote_val(action)} {sig}\n")
        return 0
    if args[0] == "--":
        args = args[1:]
    if len(args) == 1:
        cmd.sh.traps.pop(args[0], None)
        return 0
    action, sigs = args[0], args[1:]
    for s in sigs:
        if action == "-":
            cmd.sh.traps.pop(s, None)
        else:
            cmd.sh.traps[s] = action
    return 0


@builtin("umask")
def b_umask(cmd: Cmd) -> int:
    sh = cmd.sh
    args = [a for a in cmd.args if a != "-S"]
    if not args:
        if "-S" in cmd.args:
            m = ~sh.umask & 0o777
            parts = []
            for who, shift in (("u", 6), ("g", 3), ("o", 0)):
                bits = (m >> shift) & 7
                parts.append(who + "=" + ("r" if bits & 4 else "") + ("w" if bits & 2 else "")
                             + ("x" if bits & 1 else ""))
            cmd.write(",".join(parts) + "\n")
        else:
            cmd.write(f"{sh.umask:04o}\n")
        return 0
    try:
        sh.umask = int(args[0], 8) & 0o777
    except ValueError:
        berr(cmd, f"Illegal number: {args[0]}" if sh.flavor == "dash"
             else f"{args[0]}: invalid mode")
        return 1
    return 0


@builtin("kill")
@command("kill")
def b_kill(cmd: Cmd) -> int:
    if not cmd.args:
        cmd.err("usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or kill -l")
        return 2 if cmd.builtin else 1
    if cmd.args[0] == "-l":
        cmd.write("HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM\n")
        return 0
    status = 0
    for a in cmd.args:
        if a.startswith("-"):
            continue
        if a.isdigit() and int(a) == cmd.ctx.pid:
            continue
        cmd.err(f"can't kill pid {a}: No such process" if cmd.busybox or cmd.builtin
                else f"({a}) - No such process")
        status = 1
    return status


@builtin("getopts")
def b_getopts(cmd: Cmd) -> int:
    sh = cmd.sh
    if len(cmd.args) < 2:
        berr(cmd, "usage: getopts optstring var [arg]")
        return 2
    optstring, var = cmd.args[0], cmd.args[1]
    params = cmd.args[2:] if len(cmd.args) > 2 else sh.positional
    optind = int(sh.vars.get("OPTIND", "1") or 1)
    sub = int(sh.vars.get("_OPTSUB", "1") or 1)
    if optind > len(params):
        sh.setvar(var, "?")
        return 1
    arg = params[optind - 1]
    if sub == 1 and (not arg.startswith("-") or arg == "-"):
        sh.setvar(var, "?")
        return 1
    if sub == 1 and arg == "--":
        sh.setvar("OPTIND", str(optind + 1))
        sh.setvar(var, "?")
        return 1
    c = arg[sub]
    sub += 1
    idx = optstring.find(c)
    if idx < 0 or c == ":":
        sh.setvar(var, "?")
        if not optstring.startswith(":"):
            cmd.raw_err(f"Illegal option -{c}\n")
        else:
            sh.setvar("OPTARG", c)
    elif idx + 1 < len(optstring) and optstring[idx + 1] == ":":
        if sub < len(arg):
            sh.setvar("OPTARG", arg[sub:])
        elif optind < len(params):
            sh.setvar("OPTARG", params[optind])
            optind += 1
        else:
            sh.setvar(var, "?")
            cmd.raw_err(f"No arg for -{c} option\n")
            sh.setvar("OPTIND", str(optind + 1))
            sh.vars["_OPTSUB"] = "1"
            return 0
        sub = len(arg)
        sh.setvar(var, c)
    else:
        sh.setvar(var, c)
    if sub >= len(arg):
        optind += 1
        sub = 1
    sh.setvar("OPTIND", str(optind))
    sh.vars["_OPTSUB"] = str(sub)
    return 0


# ====================================================================== the shells
@command("sh", "dash", "ash", "bash")
def cmd_sh(cmd: Cmd) -> int:
    from ..interp import detect_shell_flavor
    sh = cmd.sh
    args = list(cmd.args)
    cstring = None
    opts: dict = {}
    read_stdin = False
    while args:
        a = args[0]
        if a == "--":
            args.pop(0)
            break
        if a in ("-o", "+o") and len(args) > 1:
            opts[_SETOPTS.get(args[1], args[1])] = a == "-o"
            args = args[2:]
            continue
        if a.startswith("--") and len(a) > 2:
            args.pop(0)        # --login, --norc, --posix …
            continue
        if len(a) > 1 and a[0] in "-+":
            args.pop(0)
            for c in a[1:]:
                if c == "c":
                    cstring = True
                elif c == "s":
                    read_stdin = True
                elif c in "euxfvnC":
                    opts[c] = a[0] == "-"
            continue
        break
    if cmd.path:
        flavor = detect_shell_flavor(cmd.fs, cmd.path)
    else:
        flavor = {"bash": "bash", "dash": "dash", "ash": "ash"}.get(cmd.prog, sh.flavor)
    if cstring:
        if not args:
            if flavor == "dash":
                cmd.raw_err(f"{cmd.argv[0]}: 0: -c requires an argument\n")
            elif flavor == "bash":
                cmd.raw_err(f"{cmd.argv[0]}: -c: option requires an argument\n")
            else:
                cmd.raw_err(f"{cmd.argv[0]}: -c requires an argument\n")
            return 2
        src = args[0]
        argv0 = args[1] if len(args) > 1 else cmd.argv[0]
        positional = args[2:]
    elif args and not read_stdin:
        script = args[0]
        argv0 = script
        positional = args[1:]
        try:
            path = script
            if "/" not in script and not cmd.fs.isfile(script, cwd=cmd.cwd):
                for d in (cmd.env.get("PATH") or "").split(":"):
                    if cmd.fs.isfile(d + "/" + script):
                        path = d + "/" + script
                        break
            src = cmd.read_blob(path).read().decode("utf-8", "surrogateescape")
        except FSError as e:
            if flavor == "dash":
                what = "No such file" if e.code == ENOENT else e.message
                cmd.raw_err(f"{cmd.argv[0]}: 0: cannot open {script}: {what}\n")
                return 2
            if flavor == "bash":
                cmd.raw_err(f"{cmd.argv[0]}: {script}: {e.message}\n")
                return 127 if e.code == ENOENT else 126
            cmd.raw_err(f"{cmd.argv[0]}: can't open '{script}': {e.message}\n")
            return 2
    else:
        src = cmd.stdin.read_all().decode("utf-8", "surrogateescape")
        argv0 = cmd.argv[0]
        positional = args
    child = sh.spawn(argv0, positional, dict(cmd.env), flavor=flavor)
    child.c_mode = bool(cstring)
    child.opts.update({k: v for k, v in opts.items() if k in child.opts})
    return child.run_source(src, cmd.io)
