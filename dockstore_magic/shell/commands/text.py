"""Text commands: cat, head, tail, wc, grep, sort, uniq, cut, tr, sed, tee, xargs, seq,
md5sum/sha*sum, base64, rev, nl, paste, yes-free."""
from __future__ import annotations

import base64 as _b64
import hashlib
import re

from ...fs.blob import Blob, SliceBlob, BytesBlob, ZeroBlob, FillerBlob
from ...fs.errors import FSError, EISDIR
from ..streams import OutOfMemory, MEM_LIMIT
from ..users import R
from .base import command, Cmd, UsageError, CmdExit
from .messages import _code, _msg, q


def _open_err(cmd: Cmd, path: str, e, gnu_fmt: str = "{p}: {m}", bb_fmt: str = "{p}: {m}"):
    m = _msg(e)
    if cmd.busybox:
        cmd.err(bb_fmt.format(p=path, qp=q(path), m=m))
    else:
        cmd.err(gnu_fmt.format(p=path, qp=q(path), m=m))


def _inputs(cmd: Cmd, operands, gnu_fmt="{p}: {m}", bb_fmt="{p}: {m}"):
    """Yield (name, InStream) for each operand ('-' or none: stdin), reporting failures."""
    if not operands:
        operands = ["-"]
    for p in operands:
        try:
            yield p, cmd.open_read(p)
        except FSError as e:
            _open_err(cmd, p, e, gnu_fmt, bb_fmt)
            cmd._failed = True


# ====================================================================== cat
@command("cat")
def cmd_cat(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("nbsEAvteTu", ["number", "number-nonblank", "squeeze-blank",
                                               "show-ends", "show-all", "show-tabs",
                                               "show-nonprinting"])
    o = {k for k, _ in opts}
    number = bool(o & {"-n", "--number"})
    nonblank = bool(o & {"-b", "--number-nonblank"})
    squeeze = bool(o & {"-s", "--squeeze-blank"})
    ends = bool(o & {"-E", "-A", "-e", "--show-ends", "--show-all"})
    tabs = bool(o & {"-T", "-A", "-t", "--show-tabs", "--show-all"})
    plain = not (number or nonblank or squeeze or ends or tabs)
    cmd._failed = False
    lineno = 0
    for p in operands or ["-"]:
        try:
            if p != "-":
                st = cmd.fs.stat(p, cwd=cmd.cwd) if not cmd.device_of(p) else None
                if st is not None and st.is_dir:
                    raise FSError(EISDIR, p)
            src = cmd.open_read(p)
        except FSError as e:
            cmd._failed = True
            if cmd.busybox:
                if _code(e) == EISDIR:
                    cmd.err("read error: Is a directory")
                else:
                    cmd.err(f"can't open {q(p)}: {_msg(e)}")
            else:
                cmd.err(f"{p}: {_msg(e)}")
            continue
        if src.endless:
            cmd.err("write error: No space left on device")
            cmd._failed = True
            continue
        if plain:
            cmd.stdout.write(src.take_blob())
            continue
        data = src.read_all()
        out = []
        blank_run = False
        for line in data.splitlines(keepends=True):
            is_blank = line in (b"\n",)
            if squeeze and is_blank and blank_run:
                continue
            blank_run = is_blank
            body = line[:-1] if line.endswith(b"\n") else line
            nl = line.endswith(b"\n")
            if tabs:
                body = body.replace(b"\t", b"^I")
            if ends and nl:
                body += b"$"
            if (number and not nonblank) or (nonblank and not is_blank):
                lineno += 1
                body = f"{lineno:6d}\t".encode() + body
            out.append(body + (b"\n" if nl else b""))
        cmd.write(b"".join(out))
    return 1 if cmd._failed else 0


# ====================================================================== head / tail
def _count_arg(cmd: Cmd, v: str, what: str):
    """Parse ``N``, ``+N``, ``-N``, with size suffixes (k, M, …)."""
    from .util import parse_size
    sign = ""
    if v[:1] in "+-":
        sign, v = v[0], v[1:]
    try:
        n = parse_size(v) if v and not v.isdigit() else int(v)
    except ValueError:
        if cmd.busybox:
            cmd.err(f"invalid number '{sign}{v}'")
        else:
            cmd.err(f"invalid number of {what}: {q(sign + v)}")
        raise CmdExit(1)
    return sign, n


def _line_offset(blob: Blob, n: int) -> int:
    """Byte offset just after the n-th newline (or the size)."""
    if n <= 0:
        return 0
    pos = 0
    count = 0
    for chunk in blob.chunks():
        start = 0
        while True:
            j = chunk.find(b"\n", start)
            if j < 0:
                break
            count += 1
            if count == n:
                return pos + j + 1
            start = j + 1
        pos += len(chunk)
    return blob.size


def _tail_offset(blob: Blob, n: int) -> int:
    """Offset of the start of the last n lines."""
    if n <= 0:
        return blob.size
    size = blob.size
    # a final line without newline counts as a line; a trailing newline does not start one
    count = 0
    pos = size
    window = 1 << 16
    skip_last_nl = blob.read(size - 1, size) == b"\n" if size else False
    while pos > 0:
        start = max(0, pos - window)
        data = blob.read(start, pos)
        k = len(data)
        while True:
            j = data.rfind(b"\n", 0, k)
            if j < 0:
                break
            if skip_last_nl and start + j == size - 1:
                skip_last_nl = False
                k = j
                continue
            count += 1
            if count == n:
                return start + j + 1
            k = j
        pos = start
        window = min(window * 2, 1 << 24)
    return 0


def _head_tail_options(cmd: Cmd, opts, operands):
    """head/tail's common options: ``(lines, nbytes, titles)``, the counts as (sign, n) from
    :func:`_count_arg` (the last of -n/-c wins) and whether each input gets a title."""
    lines, nbytes = ("", 10), None
    quiet = verbose = False
    for k, v in opts:
        if k in ("-n", "--lines"):
            lines = _count_arg(cmd, v, "lines")
            nbytes = None
        elif k in ("-c", "--bytes"):
            nbytes = _count_arg(cmd, v, "bytes")
        elif k in ("-q", "--quiet", "--silent"):
            quiet = True
        elif k in ("-v", "--verbose"):
            verbose = True
    return lines, nbytes, (len(operands) > 1 and not quiet) or verbose


def _title(cmd: Cmd, name: str, first: bool) -> None:
    """head/tail's ``==> name <==`` line, after a blank line but for the first input."""
    title = "standard input" if name == "-" else name
    cmd.write(("" if first else "\n") + f"==> {title} <==\n")


@command("head")
def cmd_head(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("n:c:qv", ["lines=", "bytes=", "quiet", "silent", "verbose"],
                                numeric_opt="-n")
    lines, nbytes, titles = _head_tail_options(cmd, opts, operands)
    cmd._failed = False
    first = True
    for name, src in _inputs(cmd, operands, "cannot open {qp} for reading: {m}", "{p}: {m}"):
        if titles:
            _title(cmd, name, first)
        first = False
        if src.endless:
            if nbytes is not None and nbytes[0] != "-":
                cmd.stdout.write(src.take_blob(nbytes[1]))
                continue
            if src.device == "zero":
                raise OutOfMemory()
            data = b""
            while data.count(b"\n") < lines[1]:
                data += src.take_blob(4096).read()
            cmd.write(data[:_line_offset(BytesBlob(data), lines[1])])
            continue
        blob = src.take_blob()
        if nbytes is not None:
            sign, n = nbytes
            end = max(0, blob.size - n) if sign == "-" else min(n, blob.size)
        else:
            sign, n = lines
            if sign == "-":
                end = _tail_offset(blob, n)
            else:
                end = _line_offset(blob, n)
        cmd.stdout.write(SliceBlob(blob, 0, end) if end < blob.size else blob)
    return 1 if cmd._failed else 0


@command("tail")
def cmd_tail(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("n:c:qvfFs:", ["lines=", "bytes=", "quiet", "silent", "verbose",
                                               "follow?", "retry", "sleep-interval="],
                                numeric_opt="-n")
    lines, nbytes, titles = _head_tail_options(cmd, opts, operands)
    cmd._failed = False
    first = True
    opened = 0
    for name, src in _inputs(cmd, operands, "cannot open {qp} for reading: {m}",
                             "can't open {qp}: {m}"):
        opened += 1
        if titles:
            _title(cmd, name, first)
        first = False
        if src.endless:
            raise OutOfMemory()
        blob = src.take_blob()
        if nbytes is not None:
            sign, n = nbytes
            start = max(0, n - 1) if sign == "+" else max(0, blob.size - n)
        else:
            sign, n = lines
            start = _line_offset(blob, n - 1) if sign == "+" else _tail_offset(blob, n)
        start = min(start, blob.size)
        cmd.stdout.write(SliceBlob(blob, start, blob.size - start) if start else blob)
    if cmd.busybox and opened == 0 and operands:
        cmd.err("no files")
    return 1 if cmd._failed else 0


# ====================================================================== wc
@command("wc")
def cmd_wc(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("lwcmL", ["lines", "words", "bytes", "chars",
                                          "max-line-length"])
    o = {k for k, _ in opts}
    want = []
    if o & {"-l", "--lines"}:
        want.append("l")
    if o & {"-w", "--words"}:
        want.append("w")
    if o & {"-m", "--chars"}:
        want.append("m")
    if o & {"-c", "--bytes"}:
        want.append("c")
    if o & {"-L", "--max-line-length"}:
        want.append("L")
    if not want:
        want = ["l", "w", "c"]
    cmd._failed = False
    rows = []
    regular = True
    total_size = 0
    for name, src in _inputs(cmd, operands):
        if src.endless:
            raise OutOfMemory()
        if name == "-" and not getattr(src, "regular", False):
            regular = False
        blob = src.take_blob()
        total_size += blob.size
        counts = {"c": blob.size, "l": 0, "w": 0, "m": 0, "L": 0}
        if set(want) - {"c"}:
            if isinstance(blob, ZeroBlob):
                counts["m"] = blob.size
            else:
                in_word = False
                cur = 0
                for chunk in blob.chunks():
                    counts["l"] += chunk.count(b"\n")
                    if "w" in want or "L" in want or "m" in want:
                        for ln in chunk.split(b"\n"):
                            pass
                        words = chunk.split()
                        n = len(words)
                        if n and in_word and not chunk[:1].isspace():
                            n -= 1
                        counts["w"] += n
                        in_word = bool(chunk) and not chunk[-1:].isspace()
                        if "m" in want:
                            counts["m"] += len(chunk.decode("utf-8", "replace"))
                        if "L" in want:
                            parts = chunk.split(b"\n")
                            cur += len(parts[0])
                            counts["L"] = max(counts["L"], cur)
                            for prt in parts[1:]:
                                cur = len(prt)
                                counts["L"] = max(counts["L"], cur)
        rows.append((counts, None if name == "-" and not operands else name))
    if len(rows) > 1:
        tot = {k: sum(r[0][k] for r in rows) for k in "lwcm"}
        tot["L"] = max(r[0]["L"] for r in rows)
        rows.append((tot, "total"))
    if not rows:
        return 1
    if cmd.busybox:
        single = len(want) == 1 and len(rows) == 1
        for counts, name in rows:
            vals = [str(counts[k]) if single else f"{counts[k]:>9}" for k in want]
            cmd.write(" ".join(vals) + (f" {name}" if name else "") + "\n")
    else:
        if len(want) == 1 and len(rows) == 1:
            width = 1
        elif not regular:
            width = 7
        else:
            width = len(str(total_size)) if total_size else 1
        for counts, name in rows:
            vals = [f"{counts[k]:>{width}}" for k in want]
            cmd.write(" ".join(vals) + (f" {name}" if name else "") + "\n")
    return 1 if cmd._failed else 0


# ====================================================================== grep
_POSIX_CLASSES = {
    "[:alpha:]": "a-zA-Z", "[:digit:]": "0-9", "[:alnum:]": "a-zA-Z0-9", "[:upper:]": "A-Z",
    "[:lower:]": "a-z", "[:space:]": r" \t\n\r\f\v", "[:blank:]": r" \t",
    "[:punct:]": r"!-/:-@\[-`{-~", "[:xdigit:]": "0-9A-Fa-f", "[:print:]": r" -~",
    "[:graph:]": r"!-~", "[:cntrl:]": r"\x00-\x1f\x7f",
}


def posix_regex(pat: str, extended: bool) -> str:
    """A POSIX BRE/ERE as a Python regular expression."""
    out = []
    i = 0
    n = len(pat)
    while i < n:
        c = pat[i]
        if c == "[":
            j = i + 1
            if j < n and pat[j] == "^":
                j += 1
            if j < n and pat[j] == "]":
                j += 1
            while j < n and pat[j] != "]":
                if pat.startswith("[:", j):
                    k = pat.find(":]", j)
                    j = k + 2 if k >= 0 else j + 1
                else:
                    j += 1
            body = pat[i + 1:j]
            neg = body.startswith("^")
            if neg:
                body = body[1:]
            for name, rng in _POSIX_CLASSES.items():
                body = body.replace(name, rng)
            body = body.replace("\\", "\\\\")
            if body.startswith("]"):
                body = "\\]" + body[1:]
            body = re.sub(r"(?<!\\)\[", r"\\[", body)
            out.append("[" + ("^" if neg else "") + body + "]")
            i = j + 1
            continue
        if c == "\\" and i + 1 < n:
            d = pat[i + 1]
            if not extended and d in "(){}|+?":
                out.append(d)
            elif d in "<>":
                out.append(r"\b")
            elif d.isdigit() or d in "wWsSbB":
                out.append("\\" + d)
            else:
                out.append(re.escape(d))
            i += 2
            continue
        if not extended and c in "(){}|+?":
            out.append("\\" + c)
        elif c == "*" and (not out or out[-1] in ("^", "(", "|")):
            out.append(r"\*")
        elif c == "{" and extended and not re.match(r"\{\d*(,\d*)?\}", pat[i:]):
            out.append(r"\{")
        else:
            out.append(c)
        i += 1
    return "".join(out)


def _compile_patterns(cmd: Cmd, patterns, extended, fixed, icase, word, line):
    parts = []
    for p in patterns:
        if fixed:
            rx = re.escape(p)
        else:
            rx = posix_regex(p, extended)
        if word:
            rx = r"(?<![A-Za-z0-9_])(?:" + rx + r")(?![A-Za-z0-9_])"
        if line:
            rx = r"^(?:" + rx + r")$"
        parts.append(rx)
    try:
        return re.compile("|".join(f"(?:{p})" for p in parts) if len(parts) > 1 else parts[0],
                          re.IGNORECASE if icase else 0)
    except re.error:
        if cmd.busybox:
            cmd.err(f"bad regex '{patterns[0]}'")
        else:
            cmd.err("Unmatched ( or \\(" if "(" in patterns[0] else "Invalid regular expression")
        raise CmdExit(2)


@command("grep", "egrep", "fgrep")
def cmd_grep(cmd: Cmd) -> int:
    opts, operands = cmd.getopt(
        "ivcnrRqlLEFwxohHse:f:A:B:C:m:Z",
        ["ignore-case", "invert-match", "count", "line-number", "recursive",
         "dereference-recursive", "quiet", "silent", "files-with-matches",
         "files-without-match", "extended-regexp", "fixed-strings", "word-regexp",
         "line-regexp", "only-matching", "no-filename", "with-filename", "no-messages",
         "regexp=", "file=", "after-context=", "before-context=", "context=", "max-count=",
         "include=", "exclude=", "exclude-dir=", "color?", "colour?", "null"])
    o = {k for k, _ in opts}
    icase = bool(o & {"-i", "--ignore-case"})
    invert = bool(o & {"-v", "--invert-match"})
    count = bool(o & {"-c", "--count"})
    lnum = bool(o & {"-n", "--line-number"})
    recursive = bool(o & {"-r", "-R", "--recursive", "--dereference-recursive"})
    quiet = bool(o & {"-q", "--quiet", "--silent"})
    files_with = bool(o & {"-l", "--files-with-matches"})
    files_without = bool(o & {"-L", "--files-without-match"})
    extended = bool(o & {"-E", "--extended-regexp"}) or cmd.prog == "egrep"
    fixed = bool(o & {"-F", "--fixed-strings"}) or cmd.prog == "fgrep"
    word = bool(o & {"-w", "--word-regexp"})
    linex = bool(o & {"-x", "--line-regexp"})
    only = bool(o & {"-o", "--only-matching"})
    no_msgs = bool(o & {"-s", "--no-messages"})
    patterns = []
    after = before = 0
    max_count = None
    includes, excludes = [], []
    for k, v in opts:
        if k in ("-e", "--regexp"):
            patterns.extend(v.split("\n"))
        elif k in ("-f", "--file"):
            try:
                patterns.extend(cmd.open_read(v).read_all().decode("utf-8", "surrogateescape")
                                .splitlines())
            except FSError as e:
                cmd.err(f"{v}: {_msg(e)}")
                return 2
        elif k in ("-A", "--after-context"):
            after = int(v)
        elif k in ("-B", "--before-context"):
            before = int(v)
        elif k in ("-C", "--context"):
            after = before = int(v)
        elif k in ("-m", "--max-count"):
            max_count = int(v)
        elif k == "--include":
            includes.append(v)
        elif k == "--exclude":
            excludes.append(v)
    if not patterns:
        if not operands:
            if cmd.busybox:         # grep's usage errors exit 2 (xfunc_error_retval)
                cmd.usage_hint()
                return 2
            cmd.raw_err("Usage: grep [OPTION]... PATTERNS [FILE]...\n"
                        "Try 'grep --help' for more information.\n")
            return 2
        patterns = operands[0].split("\n")
        operands = operands[1:]
    rx = _compile_patterns(cmd, patterns, extended, fixed, icase, word, linex)
    from ..patterns import fnmatch as _fnm

    targets = []
    if not operands:
        operands = ["."] if recursive else ["-"]
    errors = False
    for p in operands:
        if recursive and p != "-" and cmd.fs.isdir(p, cwd=cmd.cwd):
            for path, st in cmd.fs.walk(p, cwd=cmd.cwd):
                if st.is_file:
                    rel = path if p.startswith("/") else _relpath(cmd, path, p)
                    base = rel.rsplit("/", 1)[-1]
                    if includes and not any(_fnm(base, g) for g in includes):
                        continue
                    if any(_fnm(base, g) for g in excludes):
                        continue
                    targets.append(rel)
        else:
            targets.append(p)
    show_names = (len(targets) > 1 or recursive) and "-h" not in o and "--no-filename" not in o
    if o & {"-H", "--with-filename"}:
        show_names = True
    any_match = False
    listed_any = False
    for p in targets:
        try:
            if p != "-" and cmd.fs.isdir(p, cwd=cmd.cwd):
                if not no_msgs:
                    cmd.err(f"{p}: Is a directory")
                errors = True
                continue
            src = cmd.open_read(p)
            if src.endless:
                raise OutOfMemory()
            blob = src.take_blob()
            if blob.size > MEM_LIMIT:
                raise OutOfMemory()
            data = blob.read()
        except FSError as e:
            if not no_msgs:
                cmd.err(f"{p}: {_msg(e)}")
            errors = True
            continue
        label = "(standard input)" if p == "-" else p
        binary = b"\0" in data[:65536] or (isinstance(blob, (ZeroBlob, FillerBlob)))
        text = data.decode("utf-8", "surrogateescape")
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        n_match = 0
        out = []
        last_printed = -1
        pending_after = 0
        for idx, line in enumerate(lines):
            m = rx.search(line)
            hit = (m is not None) != invert
            if hit:
                n_match += 1
                if quiet:
                    return 0
                if files_with or files_without or count:
                    if max_count is not None and n_match >= max_count:
                        break
                    continue
                if binary:
                    continue
                if before:
                    for b in range(max(last_printed + 1, idx - before), idx):
                        if out and last_printed >= 0 and b > last_printed + 1:
                            out.append("--")
                        out.append(_fmt_line(show_names, label, lnum, b + 1, lines[b], "-"))
                        last_printed = b
                if (before or after) and out and last_printed >= 0 and idx > last_printed + 1:
                    out.append("--")
                if only and not invert:
                    for mm in rx.finditer(line):
                        if mm.group(0):
                            out.append(_fmt_line(show_names, label, lnum, idx + 1, mm.group(0),
                                                 ":"))
                else:
                    out.append(_fmt_line(show_names, label, lnum, idx + 1, line, ":"))
                last_printed = idx
                pending_after = after
                if max_count is not None and n_match >= max_count:
                    break
            elif pending_after > 0 and not binary:
                out.append(_fmt_line(show_names, label, lnum, idx + 1, line, "-"))
                last_printed = idx
                pending_after -= 1
        if n_match:
            any_match = True
        if count:
            cmd.write((f"{label}:" if show_names else "") + f"{n_match}\n")
        elif files_with:
            if n_match:
                cmd.write(label + "\n")
        elif files_without:
            if not n_match:
                cmd.write(label + "\n")
                if cmd.busybox:
                    listed_any = True
        elif binary and n_match:
            if cmd.busybox:
                cmd.write(f"Binary file {label} matches\n")
            else:
                cmd.err(f"{label}: binary file matches")
        else:
            cmd.write("".join(line + "\n" for line in out))
    if files_without and cmd.busybox:
        return 0 if listed_any else 1
    if errors and not (any_match and quiet):
        return 2
    return 0 if any_match else 1


cmd_grep.usage_status = 2    # grep: usage errors exit 2
def _relpath(cmd: Cmd, path: str, base: str) -> str:
    from ...fs.base import normpath
    full_base = normpath(base, cmd.cwd)
    if path == full_base:
        return base
    rest = path[len(full_base):].lstrip("/") if path.startswith(full_base) else path
    return base.rstrip("/") + "/" + rest


def _fmt_line(show_names, label, lnum, n, line, sep):
    pre = ""
    if show_names:
        pre += label + sep
    if lnum:
        pre += f"{n}{sep}"
    return pre + line


# ====================================================================== sort / uniq
def _sort_cmp(keys, sep, numeric, human_num, icase, general, reverse, stable):
    """A comparator as GNU sort orders lines: each key in turn (its own n/r/f/b options, or
    the global ones), then, unless -s, the whole line bytewise."""
    import functools

    def field_split(line):
        if sep is not None:
            return line.split(sep)
        return re.findall(r"\s*\S+", line) or [line]

    def num(s):
        if human_num:
            m2 = re.match(r"\s*([+-]?\d*\.?\d+)([KMGTPE]?)", s)
            if m2:
                mult = 1024 ** ("KMGTPE".index(m2.group(2)) + 1) if m2.group(2) else 1
                return float(m2.group(1)) * mult
        m = re.match(r"\s*([+-]?\d*\.?\d+(?:[eE][+-]?\d+)?)" if general else
                     r"\s*([+-]?\d*\.?\d+)", s)
        return float(m.group(1)) if m else 0.0

    def extract(line, k):
        f1, c1, f2, c2, kopts = k
        fields = field_split(line)
        if f1 - 1 >= len(fields):
            return ""
        joiner = sep if sep is not None else ""
        val = joiner.join(fields[f1 - 1:] if f2 is None else fields[f1 - 1:f2])
        if c1:
            val = val[c1 - 1:]
        if "b" in kopts or sep is None:
            val = val.lstrip()
        return val

    def cmp_vals(a, b, opts):
        if "n" in opts or "g" in opts or "h" in opts:
            x, y = num(a), num(b)
        elif "f" in opts:
            x, y = a.upper().encode("utf-8", "surrogateescape"), \
                b.upper().encode("utf-8", "surrogateescape")
        else:
            x, y = a.encode("utf-8", "surrogateescape"), b.encode("utf-8", "surrogateescape")
        c = (x > y) - (x < y)
        return -c if "r" in opts else c

    glob = ("n" if numeric else "") + ("h" if human_num else "") + ("g" if general else "") + \
        ("f" if icase else "") + ("r" if reverse else "")

    def compare(a, b):
        if keys:
            for k in keys:
                kopts = k[4].replace("b", "") or glob
                if k[4] and "r" not in k[4] and reverse:
                    kopts += "r"
                c = cmp_vals(extract(a, k), extract(b, k), kopts)
                if c:
                    return c
        else:
            c = cmp_vals(a, b, glob)
            if c or not glob.replace("r", ""):
                return c
        if stable:
            return 0
        c = cmp_vals(a, b, "")
        return -c if reverse else c
    return functools.cmp_to_key(compare)


@command("sort")
def cmd_sort(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("nrufbk:t:o:hgscVMd", [
        "numeric-sort", "reverse", "unique", "ignore-case", "key=", "field-separator=",
        "output=", "human-numeric-sort", "general-numeric-sort", "stable", "check",
        "version-sort", "ignore-leading-blanks"])
    o = {k for k, _ in opts}
    numeric = bool(o & {"-n", "--numeric-sort"})
    human_num = bool(o & {"-h", "--human-numeric-sort"})
    general = bool(o & {"-g", "--general-numeric-sort"})
    reverse = bool(o & {"-r", "--reverse"})
    unique = bool(o & {"-u", "--unique"})
    icase = bool(o & {"-f", "--ignore-case"})
    version = bool(o & {"-V", "--version-sort"})
    stable = bool(o & {"-s", "--stable"})
    sep = None
    keys = []
    outfile = None
    for k, v in opts:
        if k in ("-t", "--field-separator"):
            sep = v
        elif k in ("-k", "--key"):
            m = re.fullmatch(r"(\d+)(?:\.(\d+))?([a-zA-Z]*)(?:,(\d+)(?:\.(\d+))?([a-zA-Z]*))?", v)
            if not m:
                cmd.err(f"invalid number at field start: invalid count at start of {q(v)}")
                return 2
            f1, c1, o1, f2, c2, o2 = m.groups()
            keys.append((int(f1), int(c1 or 0), int(f2) if f2 else None, int(c2 or 0),
                         (o1 or "") + (o2 or "")))
        elif k in ("-o", "--output"):
            outfile = v
    cmd._failed = False
    lines = []
    for name, src in _inputs(cmd, operands, "cannot read: {p}: {m}", "can't open {qp}: {m}"):
        if src.endless:
            raise OutOfMemory()
        text = src.read_all().decode("utf-8", "surrogateescape")
        ls = text.split("\n")
        if ls and ls[-1] == "":
            ls.pop()
        lines.extend(ls)
    if cmd._failed:
        return 2
    if version:
        def vkey(line):
            return [(0, int(t), "") if t.isdigit() else (1, 0, t) for t in re.split(r"(\d+)", line)]
        result = sorted(lines, key=vkey, reverse=reverse)
    else:
        keyfn = _sort_cmp(keys, sep, numeric, human_num, icase, general, reverse, stable)
        result = sorted(lines, key=keyfn)
    if unique:
        ukey = _sort_cmp(keys, sep, numeric, human_num, icase, general, False, True)
        seen = []
        for line in result:
            if seen and ukey(line) == ukey(seen[-1]):
                continue
            seen.append(line)
        result = seen
    data = "".join(x + "\n" for x in result)
    if outfile:
        sink = cmd.open_write(outfile)
        sink.write(data.encode("utf-8", "surrogateescape"))
        sink.close()
    else:
        cmd.write(data)
    return 0


cmd_sort.usage_status = 2    # GNU sort: exit 2 on a bad option
@command("uniq")
def cmd_uniq(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("cdui", ["count", "repeated", "unique", "ignore-case"])
    o = {k for k, _ in opts}
    count = bool(o & {"-c", "--count"})
    dup = bool(o & {"-d", "--repeated"})
    uniq_only = bool(o & {"-u", "--unique"})
    icase = bool(o & {"-i", "--ignore-case"})
    try:
        src = cmd.open_read(operands[0]) if operands else cmd.stdin
    except FSError as e:
        cmd.err(f"{operands[0]}: {_msg(e)}")
        return 1
    text = src.read_all().decode("utf-8", "surrogateescape")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    groups = []
    for line in lines:
        k = line.lower() if icase else line
        if groups and groups[-1][0] == k:
            groups[-1][2] += 1
        else:
            groups.append([k, line, 1])
    out = []
    for _, line, n in groups:
        if dup and n < 2:
            continue
        if uniq_only and n > 1:
            continue
        out.append((f"{n:7d} " if count else "") + line + "\n")
    data = "".join(out)
    if len(operands) > 1:
        sink = cmd.open_write(operands[1])
        sink.write(data.encode("utf-8", "surrogateescape"))
        sink.close()
    else:
        cmd.write(data)
    return 0


# ====================================================================== cut
def _ranges(spec: str):
    out = []
    for part in spec.split(","):
        if not part:
            raise ValueError(spec)
        if "-" in part:
            a, _, b = part.partition("-")
            lo = int(a) if a else 1
            hi = int(b) if b else None
            if lo < 1:
                raise ValueError(spec)
        else:
            lo = hi = int(part)
            if lo < 1:
                raise ValueError(spec)
        out.append((lo, hi))
    return out


def _in_ranges(i: int, rngs) -> bool:
    return any(lo <= i and (hi is None or i <= hi) for lo, hi in rngs)


@command("cut")
def cmd_cut(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("d:f:c:b:sn", ["delimiter=", "fields=", "characters=",
                                               "bytes=", "only-delimited", "complement",
                                               "output-delimiter="])
    delim = "\t"
    fields = chars = None
    only = False
    complement = False
    outdelim = None
    for k, v in opts:
        if k in ("-d", "--delimiter"):
            if len(v) != 1:
                cmd.err("the delimiter must be a single character")
                cmd.usage_hint()
                return 1
            delim = v
        elif k in ("-f", "--fields"):
            fields = v
        elif k in ("-c", "--characters", "-b", "--bytes"):
            chars = v
        elif k in ("-s", "--only-delimited"):
            only = True
        elif k == "--complement":
            complement = True
        elif k == "--output-delimiter":
            outdelim = v
    if fields is None and chars is None:
        cmd.err("you must specify a list of bytes, characters, or fields")
        cmd.usage_hint()
        return 1
    try:
        rngs = _ranges(fields if fields is not None else chars)
    except ValueError:
        cmd.err("fields and positions are numbered from 1" if "0" in (fields or chars or "")
                else "invalid byte, character or field list")
        cmd.usage_hint()
        return 1
    cmd._failed = False
    out = []
    for name, src in _inputs(cmd, operands):
        text = src.read_all().decode("utf-8", "surrogateescape")
        lines = text.split("\n")
        trailing = lines and lines[-1] == ""
        if trailing:
            lines.pop()
        for line in lines:
            if fields is not None:
                if delim not in line:
                    if not only:
                        out.append(line + "\n")
                    continue
                parts = line.split(delim)
                sel = [p for i, p in enumerate(parts, 1) if _in_ranges(i, rngs) != complement]
                out.append((outdelim if outdelim is not None else delim).join(sel) + "\n")
            else:
                b = line.encode("utf-8", "surrogateescape")
                sel = bytes(c for i, c in enumerate(b, 1) if _in_ranges(i, rngs) != complement)
                out.append(sel.decode("utf-8", "surrogateescape") + "\n")
    cmd.write("".join(out))
    return 1 if cmd._failed else 0


# ====================================================================== tr
def _tr_expand(s: str) -> list[str]:
    out: list[str] = []
    i = 0
    n = len(s)
    classes = {"alpha": "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
               "digit": "0123456789", "lower": "abcdefghijklmnopqrstuvwxyz",
               "upper": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "space": " \t\n\r\f\v", "blank": " \t",
               "alnum": "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
               "punct": "".join(chr(c) for c in range(33, 127) if not chr(c).isalnum()),
               "xdigit": "0123456789ABCDEFabcdef", "cntrl": "".join(chr(c) for c in range(32))
               + "\x7f", "print": "".join(chr(c) for c in range(32, 127)),
               "graph": "".join(chr(c) for c in range(33, 127))}
    while i < n:
        if s.startswith("[:", i):
            j = s.find(":]", i)
            if j > 0 and s[i + 2:j] in classes:
                out.extend(classes[s[i + 2:j]])
                i = j + 2
                continue
        c = s[i]
        if c == "\\" and i + 1 < n:
            d = s[i + 1]
            esc = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "a": "\a", "b": "\b", "f": "\f",
                   "v": "\v"}
            if d in "01234567":
                j = i + 1
                while j < n and j < i + 4 and s[j] in "01234567":
                    j += 1
                c = chr(int(s[i + 1:j], 8))
                i = j
            else:
                c = esc.get(d, d)
                i += 2
        else:
            i += 1
        if i + 1 < n and s[i] == "-" and not s.startswith("[:", i + 1):
            hi = s[i + 1]
            j = i + 2
            if hi == "\\" and i + 2 < n:
                hi = {"n": "\n", "t": "\t"}.get(s[i + 2], s[i + 2])
                j = i + 3
            if ord(hi) >= ord(c):
                out.extend(chr(x) for x in range(ord(c), ord(hi) + 1))
                i = j
                continue
        out.append(c)
    return out


@command("tr")
def cmd_tr(cmd: Cmd) -> int:
    args = list(cmd.args)
    delete = squeeze = complement = False
    while args and args[0].startswith("-") and len(args[0]) > 1 and args[0] != "--":
        for c in args.pop(0)[1:]:
            if c == "d":
                delete = True
            elif c == "s":
                squeeze = True
            elif c in "cC":
                complement = True
            elif c == "t":
                pass
            else:
                raise UsageError(f"invalid option -- '{c}'")
    if args and args[0] == "--":
        args.pop(0)
    if not args:
        cmd.err("missing operand")
        cmd.usage_hint()
        return 1
    set1 = _tr_expand(args[0])
    set2 = _tr_expand(args[1]) if len(args) > 1 else []
    if not delete and not squeeze and not set2:
        cmd.err(f"missing operand after {q(args[0])}")
        cmd.err("Two strings must be given when translating.")
        cmd.usage_hint()
        return 1
    data = cmd.stdin.read_all().decode("latin-1")
    s1 = set(set1)

    def in1(c):
        return (c in s1) != complement

    if delete:
        data = "".join(c for c in data if not in1(c))
        sq = set(set2) if squeeze else set()
    elif set2:
        if complement:
            fill = set2[-1]
            data = "".join(c if c in s1 else fill for c in data)
        else:
            table = {}
            for k, c in enumerate(set1):
                table[c] = set2[min(k, len(set2) - 1)]
            data = "".join(table.get(c, c) for c in data)
        sq = set(set2) if squeeze else set()
    else:
        sq = set(c for c in map(chr, range(256)) if in1(c)) if squeeze else set()
    if squeeze:
        out = []
        for c in data:
            if out and c == out[-1] and c in sq:
                continue
            out.append(c)
        data = "".join(out)
    cmd.write(data.encode("latin-1"))
    return 0


# ====================================================================== sed
class _SedCmd:
    def __init__(self):
        self.a1 = self.a2 = None
        self.neg = False
        self.cmd = ""
        self.arg = None
        self.in_range = False


def _sed_addr(script: str, i: int, extended: bool):
    if i < len(script) and script[i].isdigit():
        m = re.match(r"\d+", script[i:])
        return ("line", int(m.group(0))), i + m.end()
    if i < len(script) and script[i] == "$":
        return ("last", None), i + 1
    if i < len(script) and (script[i] == "/" or script[i] == "\\"):
        d = "/"
        if script[i] == "\\":
            d = script[i + 1]
            i += 1
        j = i + 1
        buf = []
        while j < len(script) and script[j] != d:
            if script[j] == "\\" and j + 1 < len(script):
                buf.append(script[j:j + 2] if script[j + 1] != d else d)
                j += 2
                continue
            buf.append(script[j])
            j += 1
        flags = 0
        j += 1
        if j < len(script) and script[j] == "I":
            flags = re.I
            j += 1
        return ("re", re.compile(posix_regex("".join(buf), extended), flags)), j
    return None, i


def _sed_parse(script: str, extended: bool):
    cmds = []
    i = 0
    n = len(script)
    while i < n:
        while i < n and script[i] in " \t\n;":
            i += 1
        if i >= n:
            break
        c = _SedCmd()
        c.a1, i = _sed_addr(script, i, extended)
        if c.a1 is not None and i < n and script[i] == ",":
            c.a2, i = _sed_addr(script, i + 1, extended)
            if c.a2 is None:
                raise ValueError("unexpected `,'")
        while i < n and script[i] in " \t":
            i += 1
        if i < n and script[i] == "!":
            c.neg = True
            i += 1
        if i >= n:
            raise ValueError("missing command")
        c.cmd = script[i]
        i += 1
        if c.cmd == "s":
            d = script[i]
            i += 1
            parts = []
            for _ in range(2):
                buf = []
                while i < n and script[i] != d:
                    if script[i] == "\\" and i + 1 < n:
                        if script[i + 1] == d:
                            buf.append(d)
                        else:
                            buf.append(script[i:i + 2])
                        i += 2
                        continue
                    buf.append(script[i])
                    i += 1
                if i >= n:
                    raise ValueError("unterminated `s' command")
                parts.append("".join(buf))
                i += 1
            m = re.match(r"[gpiIw0-9e]*", script[i:])
            flags = m.group(0)
            i += m.end()
            rflags = re.I if ("i" in flags or "I" in flags) else 0
            c.arg = (re.compile(posix_regex(parts[0], extended), rflags), parts[1], flags)
        elif c.cmd == "y":
            d = script[i]
            i += 1
            j = script.index(d, i)
            k = script.index(d, j + 1)
            c.arg = (script[i:j], script[j + 1:k])
            i = k + 1
        elif c.cmd in "aic":
            if i < n and script[i] == "\\":
                i += 1
                if i < n and script[i] == "\n":
                    i += 1
            while i < n and script[i] in " \t":
                i += 1
            j = script.find("\n", i)
            j = n if j < 0 else j
            c.arg = script[i:j]
            i = j
        elif c.cmd in "dpqQ=nNgGhHxDP{}l":
            if c.cmd in "qQ":
                m = re.match(r"\s*(\d+)", script[i:])
                if m:
                    c.arg = int(m.group(1))
                    i += m.end()
        elif c.cmd == "#":
            j = script.find("\n", i)
            i = n if j < 0 else j
            continue
        else:
            raise ValueError(f"unknown command: `{c.cmd}'")
        cmds.append(c)
    return cmds


def _sed_repl(rep: str, m: re.Match) -> str:
    out = []
    i = 0
    while i < len(rep):
        c = rep[i]
        if c == "\\" and i + 1 < len(rep):
            d = rep[i + 1]
            if d.isdigit():
                out.append(m.group(int(d)) or "")
            elif d == "n":
                out.append("\n")
            elif d == "t":
                out.append("\t")
            else:
                out.append(d)
            i += 2
            continue
        if c == "&":
            out.append(m.group(0))
        else:
            out.append(c)
        i += 1
    return "".join(out)


def _sed_run(cmds, text: str, quiet: bool) -> str:
    lines = text.split("\n")
    trailing_nl = text.endswith("\n")
    if trailing_nl:
        lines.pop()
    out = []
    total = len(lines)
    hold = ""

    def matches(addr, lineno, line):
        kind, val = addr
        if kind == "line":
            return lineno == val
        if kind == "last":
            return lineno == total
        return val.search(line) is not None

    idx = 0
    while idx < total:
        line = lines[idx]
        lineno = idx + 1
        idx += 1
        append_after = []
        deleted = False
        quit_after = None
        pc = 0
        while pc < len(cmds):
            c = cmds[pc]
            pc += 1
            if c.a1 is None:
                sel = True
            elif c.a2 is None:
                sel = matches(c.a1, lineno, line)
            else:
                if c.in_range:
                    sel = True
                    a2k, a2v = c.a2
                    if (a2k == "line" and lineno >= a2v) or matches(c.a2, lineno, line):
                        c.in_range = False
                else:
                    sel = matches(c.a1, lineno, line)
                    if sel:
                        a2k, a2v = c.a2
                        if not (a2k == "line" and a2v <= lineno):
                            c.in_range = True
            if c.neg:
                sel = not sel
            if not sel:
                continue
            k = c.cmd
            if k == "s":
                rx, rep, flags = c.arg
                count = 0 if "g" in flags else 1
                nth = re.search(r"\d+", flags)
                if nth:
                    target = int(nth.group(0))
                    seen = [0]

                    def sub_nth(m):
                        seen[0] += 1
                        return _sed_repl(rep, m) if seen[0] == target else m.group(0)
                    new, nsub = rx.subn(sub_nth, line)
                    nsub = 1 if seen[0] >= target else 0
                else:
                    new, nsub = rx.subn(lambda m: _sed_repl(rep, m), line, count=count)
                line = new
                if nsub and "p" in flags:
                    out.append(line + "\n")
            elif k == "d":
                deleted = True
                break
            elif k == "p":
                out.append(line + "\n")
            elif k == "=":
                out.append(f"{lineno}\n")
            elif k == "a":
                append_after.append(c.arg + "\n")
            elif k == "i":
                out.append(c.arg + "\n")
            elif k == "c":
                deleted = True
                if c.a2 is None or not c.in_range:
                    out.append(c.arg + "\n")
                break
            elif k == "y":
                src, dst = c.arg
                line = line.translate(str.maketrans(src, dst))
            elif k == "q":
                quit_after = c.arg or 0
                break
            elif k == "Q":
                return "".join(out)
            elif k == "h":
                hold = line
            elif k == "H":
                hold = hold + "\n" + line
            elif k == "g":
                line = hold
            elif k == "G":
                line = line + "\n" + hold
            elif k == "x":
                line, hold = hold, line
            elif k == "n":
                if not quiet:
                    out.append(line + "\n")
                if idx < total:
                    line = lines[idx]
                    idx += 1
                    lineno = idx
                else:
                    deleted = True
                    break
            elif k == "N":
                if idx < total:
                    line = line + "\n" + lines[idx]
                    idx += 1
                    lineno = idx
                else:
                    break
        if not deleted and not quiet:
            nl = "\n" if (idx < total or trailing_nl) else ""
            out.append(line + nl)
        out.extend(append_after)
        if quit_after is not None:
            break
    return "".join(out)


@command("sed")
def cmd_sed(cmd: Cmd) -> int:
    args = list(cmd.args)
    scripts = []
    files = []
    quiet = False
    inplace = None
    extended = False
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("-n", "--quiet", "--silent"):
            quiet = True
        elif a in ("-E", "-r", "--regexp-extended"):
            extended = True
        elif a == "-e" or a == "--expression":
            i += 1
            scripts.append(args[i] if i < len(args) else "")
        elif a.startswith("--expression="):
            scripts.append(a.split("=", 1)[1])
        elif a == "-f":
            i += 1
            scripts.append(cmd.open_read(args[i]).read_all().decode())
        elif a.startswith("-i") or a.startswith("--in-place"):
            inplace = a[2:] if a.startswith("-i") else a.partition("=")[2]
        elif a.startswith("-") and len(a) > 1 and a != "-" and not a.startswith("--"):
            flags = a[1:]
            for c in flags:
                if c == "n":
                    quiet = True
                elif c in "Er":
                    extended = True
                elif c == "i":
                    inplace = ""
                elif c == "e":
                    pass
                else:
                    raise UsageError(f"invalid option -- '{c}'")
            if flags.endswith("e"):
                i += 1
                scripts.append(args[i])
        else:
            files.append(a)
        i += 1
    if not scripts:
        if not files:
            cmd.raw_err("Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n"
                        if not cmd.busybox else "")
            if cmd.busybox:
                cmd.usage_hint()
            return 1
        scripts.append(files.pop(0))
    try:
        prog = _sed_parse("\n".join(scripts), extended)
    except (ValueError, IndexError, re.error) as e:
        cmd.err(f"-e expression #1, char {len(scripts[0])}: {e}" if not cmd.busybox
                else f"bad command: {e}")
        return 1
    status = 0
    if inplace is not None:
        if not files:
            cmd.err("no input files")
            return 1 if cmd.busybox else 4
        for f in files:
            try:
                st = cmd.access.check(f, R, cmd.cwd)
                text = cmd.fs.read_blob(f, cwd=cmd.cwd).read().decode("utf-8", "surrogateescape")
                for c in prog:
                    c.in_range = False
                new = _sed_run(prog, text, quiet)
                if inplace:
                    cmd.fs.write(f + inplace, text.encode("utf-8", "surrogateescape"),
                                 mode=st.perm, uid=cmd.uid, gid=cmd.gid, cwd=cmd.cwd)
                # sed -i writes a new file and renames it over the old one
                cmd.access.can_create(f, cmd.cwd)
                cmd.fs.write(f, new.encode("utf-8", "surrogateescape"), cwd=cmd.cwd)
            except FSError as e:
                cmd.err(f"can't read {f}: {_msg(e)}" if not cmd.busybox
                        else f"can't open '{f}': {_msg(e)}")
                status = 2 if not cmd.busybox else 1
        return status
    cmd._failed = False
    chunks = []
    for name, src in _inputs(cmd, files, "can't read {p}: {m}", "{p}: {m}"):
        chunks.append(src.read_all().decode("utf-8", "surrogateescape"))
    text = "".join(c if c.endswith("\n") or k == len(chunks) - 1 else c + "\n"
                   for k, c in enumerate(chunks))
    cmd.write(_sed_run(prog, text, quiet))
    return 2 if cmd._failed and not cmd.busybox else (1 if cmd._failed else 0)


# ====================================================================== tee / xargs / seq
@command("tee")
def cmd_tee(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("ai", ["append", "ignore-interrupts"])
    append = any(k in ("-a", "--append") for k, _ in opts)
    sinks = []
    status = 0
    for p in operands:
        try:
            sinks.append(cmd.open_write(p, append))
        except FSError as e:
            cmd.err(f"{p}: {_msg(e)}")
            status = 1
    if cmd.stdin.endless:
        raise OutOfMemory()
    blob = cmd.stdin.take_blob()
    cmd.stdout.write(blob)
    for s in sinks:
        s.write(blob)
        s.close()
    return status


def _xargs_split(text: str, delim: str | None, zero: bool) -> list[str]:
    if zero:
        return [t for t in text.split("\0") if t != ""]
    if delim is not None:
        items = text.split(delim)
        if items and items[-1] in ("", "\n"):
            items.pop()
        return items
    out = []
    cur = []
    has = False
    i = 0
    quote = None
    while i < len(text):
        c = text[i]
        if quote:
            if c == quote:
                quote = None
            else:
                cur.append(c)
        elif c in "'\"":
            quote = c
            has = True
        elif c == "\\" and i + 1 < len(text):
            cur.append(text[i + 1])
            has = True
            i += 1
        elif c.isspace():
            if cur or has:
                out.append("".join(cur))
                cur, has = [], False
        else:
            cur.append(c)
        i += 1
    if cur or has:
        out.append("".join(cur))
    return out


@command("xargs")
def cmd_xargs(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("n:I:i?0rtd:P:L:s:E:x", [
        "max-args=", "replace?", "null", "no-run-if-empty", "verbose", "delimiter=",
        "max-procs=", "max-lines="], permute=False)
    nmax = None
    replace = None
    zero = False
    no_run_empty = cmd.busybox
    verbose = False
    delim = None
    lines_per = None
    for k, v in opts:
        if k in ("-n", "--max-args"):
            nmax = int(v)
        elif k in ("-I",):
            replace = v
        elif k in ("-i", "--replace"):
            replace = v or "{}"
        elif k in ("-0", "--null"):
            zero = True
        elif k in ("-r", "--no-run-if-empty"):
            no_run_empty = True
        elif k in ("-t", "--verbose"):
            verbose = True
        elif k in ("-d", "--delimiter"):
            delim = v.encode().decode("unicode_escape")
        elif k in ("-L", "--max-lines"):
            lines_per = int(v)
    base = operands or ["echo"]
    text = cmd.stdin.read_all().decode("utf-8", "surrogateescape")
    if replace is not None:
        items = [ln for ln in text.split("\n") if ln.strip()]
        batches = [[it.strip()] for it in items]
    elif lines_per is not None:
        lines = [ln for ln in text.split("\n") if ln.strip()]
        batches = []
        for i in range(0, len(lines), lines_per):
            group = []
            for ln in lines[i:i + lines_per]:
                group.extend(_xargs_split(ln, None, False))
            batches.append(group)
    else:
        items = _xargs_split(text, delim, zero)
        if nmax:
            batches = [items[i:i + nmax] for i in range(0, len(items), nmax)]
        else:
            batches = [items] if items else []
    if not batches and not no_run_empty:
        batches = [[]]
    status = 0
    for b in batches:
        if replace is not None:
            argv = [a.replace(replace, b[0]) for a in base]
        else:
            argv = base + b
        if verbose:
            cmd.raw_err(" ".join(argv) + "\n")
        rc = cmd.run(argv)
        if rc == 127 or rc == 126:
            return rc
        if rc:
            status = 123
    return status


@command("seq")
def cmd_seq(cmd: Cmd) -> int:
    args = list(cmd.args)
    sep = "\n"
    fmt = None
    width = False
    nums = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "-s":
            i += 1
            sep = args[i]
        elif a.startswith("-s") and len(a) > 2 and not re.fullmatch(r"-\d.*", a):
            sep = a[2:]
        elif a == "-f":
            i += 1
            fmt = args[i]
        elif a == "-w":
            width = True
        else:
            nums.append(a)
        i += 1
    if not nums or len(nums) > 3:
        cmd.err("missing operand" if not nums else f"extra operand {q(nums[3])}")
        cmd.usage_hint()
        return 1
    try:
        vals = [float(x) if re.search(r"[.eE]", x) else int(x) for x in nums]
    except ValueError:
        bad = next(x for x in nums if not re.fullmatch(r"[+-]?\d+(\.\d*)?", x))
        cmd.err(f"invalid floating point argument: {q(bad)}" if not cmd.busybox
                else f"invalid number '{bad}'")
        cmd.usage_hint()
        return 1
    if len(vals) == 1:
        first, inc, last = 1, 1, vals[0]
    elif len(vals) == 2:
        first, inc, last = vals[0], 1, vals[1]
    else:
        first, inc, last = vals
    if inc == 0:
        cmd.err(f"invalid Zero increment value: {q(nums[1])}")
        return 1
    prec = max((len(x.split(".")[1]) if "." in x else 0) for x in nums)
    out = []
    k = 0
    while True:
        v = first + k * inc
        if (inc > 0 and v > last + 1e-12) or (inc < 0 and v < last - 1e-12):
            break
        if fmt:
            try:
                out.append(fmt % v)
            except TypeError:
                out.append(str(v))
        elif prec:
            out.append(f"{v:.{prec}f}")
        else:
            out.append(str(int(v)))
        k += 1
        if k > 10_000_000:
            break
    if width and out:
        w = max(len(x) for x in out)
        out = [x.zfill(w) for x in out]
    if out:
        cmd.write(sep.join(out) + "\n")
    return 0


# ====================================================================== checksums / base64
_HASHES = {"md5sum": "md5", "sha1sum": "sha1", "sha256sum": "sha256", "sha512sum": "sha512",
           "sha224sum": "sha224", "sha384sum": "sha384"}
_hash_cache: dict = {}


def blob_digest(blob: Blob, algo: str) -> str:
    key = (id(blob), algo)
    hit = _hash_cache.get(key)
    if hit is not None and hit[0] is blob:
        return hit[1]
    h = hashlib.new(algo)
    for c in blob.chunks():
        h.update(c)
    d = h.hexdigest()
    if blob.size > (1 << 20):
        _hash_cache[key] = (blob, d)
        if len(_hash_cache) > 64:
            _hash_cache.pop(next(iter(_hash_cache)))
    return d


@command(*_HASHES)
def cmd_hashsum(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("cbtwsz", ["check", "binary", "text", "quiet", "status", "strict",
                                           "warn", "tag"])
    o = {k for k, _ in opts}
    algo = _HASHES[cmd.prog]
    cmd._failed = False
    if o & {"-c", "--check"}:
        bad = 0
        status_only = bool(o & {"-s", "--status"})
        for name, src in _inputs(cmd, operands):
            formatted = 0
            for line in src.read_all().decode("utf-8", "surrogateescape").splitlines():
                m = re.match(r"([0-9a-fA-F]+) [ *](.*)", line)
                if not m:
                    continue
                formatted += 1
                want, fname = m.groups()
                try:
                    got = blob_digest(cmd.read_blob(fname), algo)
                    ok = got == want.lower()
                except FSError as e:
                    cmd.err(f"{fname}: {_msg(e)}")
                    ok = False
                if not ok:
                    bad += 1
                if not status_only and not (ok and "--quiet" in o):
                    cmd.write(f"{fname}: {'OK' if ok else 'FAILED'}\n")
            if not formatted:
                label = algo.upper().replace("SHA", "SHA") if algo != "md5" else "MD5"
                cmd.err(f"{name}: no properly formatted {label} checksum lines found")
                cmd._failed = True
        if bad and not status_only:
            cmd.err(f"WARNING: {bad} computed checksum{'s' if bad > 1 else ''} did NOT match")
        return 1 if bad or cmd._failed else 0
    for name, src in _inputs(cmd, operands):
        if src.endless:
            raise OutOfMemory()
        d = blob_digest(src.take_blob(), algo)
        cmd.write(f"{d}  {name}\n")
    return 1 if cmd._failed else 0


@command("base64")
def cmd_base64(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("dw:i", ["decode", "wrap=", "ignore-garbage"])
    decode = any(k in ("-d", "--decode") for k, _ in opts)
    wrap = 76
    for k, v in opts:
        if k in ("-w", "--wrap"):
            wrap = int(v)
    try:
        src = cmd.open_read(operands[0]) if operands else cmd.stdin
    except FSError as e:
        cmd.err(f"{operands[0]}: {_msg(e)}")
        return 1
    data = src.read(1 << 24) if src.endless else src.read_all()
    if decode:
        try:
            cmd.write(_b64.b64decode(b"".join(data.split()), validate=False))
        except Exception:
            cmd.err("invalid input")
            return 1
        return 0
    enc = _b64.b64encode(data).decode()
    if wrap:
        enc = "\n".join(enc[i:i + wrap] for i in range(0, len(enc), wrap))
    cmd.write(enc + ("\n" if enc else ""))
    return 0


@command("rev")
def cmd_rev(cmd: Cmd) -> int:
    cmd._failed = False
    for name, src in _inputs(cmd, cmd.args):
        text = src.read_all().decode("utf-8", "surrogateescape")
        lines = text.split("\n")
        out = "\n".join(x[::-1] for x in lines)
        cmd.write(out)
    return 1 if cmd._failed else 0


@command("nl")
def cmd_nl(cmd: Cmd) -> int:
    cmd._failed = False
    n = 0
    for name, src in _inputs(cmd, [a for a in cmd.args if not a.startswith("-")]):
        for line in src.read_all().decode("utf-8", "surrogateescape").splitlines():
            if line.strip():
                n += 1
                cmd.write(f"{n:6d}\t{line}\n")
            else:
                cmd.write("       \n")      # width 6 + the separator, as blanks
    return 1 if cmd._failed else 0


@command("paste")
def cmd_paste(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("d:s", ["delimiters=", "serial"])
    delim = "\t"
    serial = False
    for k, v in opts:
        if k in ("-d", "--delimiters"):
            delim = v or ""
        elif k in ("-s", "--serial"):
            serial = True
    cmd._failed = False
    cols = []
    for name, src in _inputs(cmd, operands):
        cols.append(src.read_all().decode("utf-8", "surrogateescape").splitlines())
    if serial:
        for c in cols:
            cmd.write((delim[:1] if delim else "").join(c) + "\n")
        return 0
    n = max((len(c) for c in cols), default=0)
    for i in range(n):
        cmd.write((delim[:1] if delim else "").join(c[i] if i < len(c) else "" for c in cols) + "\n")
    return 1 if cmd._failed else 0


@command("od", "hexdump", "xxd")
def cmd_od(cmd: Cmd) -> int:
    """A small ``od -c`` / ``od -An -tx1`` / ``xxd`` / ``hexdump -C``."""
    args = [a for a in cmd.args]
    files = [a for a in args if not a.startswith("-") and a not in ("x1", "c")]
    try:
        src = cmd.open_read(files[0]) if files else cmd.stdin
    except FSError as e:
        cmd.err(f"{files[0]}: {_msg(e)}")
        return 1
    limit = None
    for i, a in enumerate(args):
        if a in ("-N", "-n", "-l") and i + 1 < len(args):
            limit = int(args[i + 1])
    data = src.read(limit if limit is not None else None) if not src.endless else \
        src.read(limit or 512)
    if limit is not None:
        data = data[:limit]
    out = []
    if cmd.prog in ("xxd",) or (cmd.prog == "hexdump" and "-C" in args):
        for off in range(0, len(data), 16):
            chunk = data[off:off + 16]
            asc = "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
            if cmd.prog == "xxd":
                pairs = " ".join(chunk[i:i + 2].hex() for i in range(0, len(chunk), 2))
                out.append(f"{off:08x}: {pairs:<39}  {asc}\n")
            else:
                h1 = " ".join(f"{b:02x}" for b in chunk[:8])
                h2 = " ".join(f"{b:02x}" for b in chunk[8:])
                out.append(f"{off:08x}  {h1:<23}  {h2:<23}  |{asc}|\n")
        if cmd.prog == "hexdump":
            out.append(f"{len(data):08x}\n")
        cmd.write("".join(out))
        return 0
    char_mode = "-c" in args
    noaddr = "-An" in args or ("-A" in args and "n" in args)
    for off in range(0, len(data), 16):
        chunk = data[off:off + 16]
        if char_mode:
            names = {0: "\\0", 7: "\\a", 8: "\\b", 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f",
                     13: "\\r"}
            cells = "".join(f"{names.get(b, chr(b) if 32 <= b < 127 else f'{b:03o}'):>4}"
                            for b in chunk)
        elif "-tx1" in args or "x1" in args or "-x" in args:
            cells = "".join(f" {b:02x}" for b in chunk)
        else:
            words = [int.from_bytes(chunk[i:i + 2].ljust(2, b"\0"), "little")
                     for i in range(0, len(chunk), 2)]
            cells = "".join(f" {w:06o}" for w in words)
        out.append(("" if noaddr else f"{off:07o}") + cells + "\n")
    if not noaddr:
        out.append(f"{len(data):07o}\n")
    cmd.write("".join(out))
    return 0
