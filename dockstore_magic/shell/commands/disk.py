"""Disk and tree commands: find, du, df, dd, truncate, fallocate, sync."""
from __future__ import annotations

import math
import re
import stat as _st

from ...fs.blob import Blob, ConcatBlob, SliceBlob, ZeroBlob, EMPTY, resize
from ...fs.errors import FSError, EACCES, EISDIR, ShortWrite
from ..patterns import fnmatch
from ..users import R, W, X
from .base import command, Cmd, UsageError, CmdExit, stat_or_none
from .messages import _child, _msg, q
from .util import human, parse_size


# ====================================================================== sparse files
class HoleBlob(ZeroBlob):
    """Zeros that were never written (``truncate``, ``dd seek=``): a hole of a sparse file,
    which takes no disk blocks (``du`` shows it; the apparent size counts it)."""

    def __repr__(self):
        return f"HoleBlob({self.size})"


def extend_sparse(blob: Blob, size: int) -> Blob:
    """``truncate -s``: cut, or extend with a hole."""
    if size <= blob.size:
        return SliceBlob(blob, 0, size) if size else EMPTY
    return ConcatBlob([blob, HoleBlob(size - blob.size)])


def _hole_bytes(blob) -> int:
    if isinstance(blob, HoleBlob):
        return blob.size
    if isinstance(blob, ConcatBlob):
        return sum(_hole_bytes(p) for p in blob.parts)
    if isinstance(blob, SliceBlob):
        inner = _hole_bytes(blob.base)
        if not inner:
            return 0
        if isinstance(blob.base, HoleBlob):
            return blob.size
        if isinstance(blob.base, ConcatBlob):
            pos, total = 0, 0
            s, e = blob.offset, blob.offset + blob.size
            for p in blob.base.parts:
                ps, pe = pos, pos + p.size
                if isinstance(p, HoleBlob):
                    total += max(0, min(e, pe) - max(s, ps))
                pos = pe
            return total
    return 0


def allocated_blocks(fs, path: str, st, cwd: str = "/", blob: Blob | None = None) -> int:
    """512-byte blocks a regular file occupies, holes excluded (``blob``: its content, when
    the caller has it already)."""
    if not st.is_file:
        return st.blocks
    try:
        holes = _hole_bytes(blob if blob is not None else fs.read_blob(path, cwd=cwd))
    except Exception:
        holes = 0
    if not holes:
        return st.blocks
    data = max(0, st.size - holes)
    return -(-data // 4096) * 8


# ====================================================================== find
class _FindExpr:
    pass


def _find_parse(cmd: Cmd, toks: list[str]):
    """Parse find's expression into nested tuples; returns (tree, has_action, globals)."""
    glob = {"maxdepth": None, "mindepth": 0, "follow": False, "xdev": False, "depth": False}
    pos = [0]
    has_action = [False]

    def peek():
        return toks[pos[0]] if pos[0] < len(toks) else None

    def take():
        t = toks[pos[0]]
        pos[0] += 1
        return t

    def need(opt):
        if pos[0] >= len(toks):
            raise UsageError(f"missing argument to `{opt}'")
        return take()

    def primary():
        t = take()
        if t == "(":
            e = expr_or()
            if peek() != ")":
                raise UsageError("invalid expression; I was expecting to find a ')' somewhere "
                                 "but did not see one.")
            take()
            return e
        if t in ("!", "-not"):
            return ("not", primary())
        if t in ("-name", "-iname", "-path", "-ipath", "-wholename", "-lname"):
            return (t, need(t))
        if t == "-type":
            v = need(t)
            return ("-type", v)
        if t == "-size":
            return ("-size", need(t))
        if t in ("-mtime", "-mmin", "-atime", "-ctime", "-amin", "-cmin"):
            return ("-mtime" if t in ("-mtime", "-atime", "-ctime") else "-mmin", need(t))
        if t in ("-newer", "-anewer", "-cnewer"):
            ref = need(t)
            try:
                mt = cmd.fs.stat(ref, cwd=cmd.cwd).mtime
            except FSError as e:
                cmd.err(f"{q(ref)}: {_msg(e)}" if not cmd.busybox else f"{ref}: {_msg(e)}")
                raise CmdExit(1)
            return ("-newer", mt)
        if t == "-perm":
            return ("-perm", need(t))
        if t in ("-user", "-group", "-uid", "-gid", "-links", "-inum"):
            return (t, need(t))
        if t in ("-empty", "-true", "-false", "-readable", "-writable", "-executable",
                 "-nouser", "-nogroup"):
            return (t,)
        if t == "-maxdepth":
            glob["maxdepth"] = int(need(t))
            return ("-true",)
        if t == "-mindepth":
            glob["mindepth"] = int(need(t))
            return ("-true",)
        if t in ("-xdev", "-mount"):
            glob["xdev"] = True
            return ("-true",)
        if t in ("-depth", "-d"):
            glob["depth"] = True
            return ("-true",)
        if t in ("-follow",):
            glob["follow"] = True
            return ("-true",)
        if t in ("-print", "-print0", "-ls", "-delete", "-quit"):
            has_action[0] = True
            if t == "-delete":
                glob["depth"] = True
            return (t,)
        if t == "-printf":
            has_action[0] = True
            return ("-printf", need(t))
        if t == "-prune":
            return ("-prune",)
        if t in ("-exec", "-execdir", "-ok", "-okdir"):
            has_action[0] = True
            args = []
            while True:
                if pos[0] >= len(toks):
                    raise UsageError(f"missing argument to `{t}'")
                a = take()
                if a == ";":
                    return ("-exec", args, False)
                if a == "+" and args and args[-1] == "{}":
                    return ("-exec", args, True)
                args.append(a)
        if t.startswith("-"):
            raise UsageError(f"unknown predicate `{t}'" if not cmd.busybox
                             else f"unrecognized: {t}")
        raise UsageError(f"paths must precede expression: `{t}'")

    def expr_and():
        e = primary()
        while True:
            t = peek()
            if t is None or t in (")", "-o", "-or", ","):
                return e
            if t in ("-a", "-and"):
                take()
            e = ("and", e, primary())

    def expr_or():
        e = expr_and()
        while peek() in ("-o", "-or"):
            take()
            e = ("or", e, expr_and())
        return e

    if not toks:
        return ("-true",), False, glob
    tree = expr_or()
    if pos[0] < len(toks):
        raise UsageError(f"paths must precede expression: `{toks[pos[0]]}'"
                         if toks[pos[0]] != ")" else "invalid expression")
    return tree, has_action[0], glob


def _size_test(spec: str, st) -> bool:
    m = re.fullmatch(r"([+-]?)(\d+)([bcwkMG]?)", spec)
    if not m:
        return False
    sign, n, unit = m.group(1), int(m.group(2)), m.group(3) or "b"
    mult = {"b": 512, "c": 1, "w": 2, "k": 1024, "M": 1 << 20, "G": 1 << 30}[unit]
    size = -(-st.size // mult) if mult > 1 else st.size
    if sign == "+":
        return size > n
    if sign == "-":
        return size < n
    return size == n


def _num_test(spec: str, value: float) -> bool:
    m = re.fullmatch(r"([+-]?)(\d+)", spec)
    if not m:
        return False
    n = int(m.group(2))
    if m.group(1) == "+":
        return value > n
    if m.group(1) == "-":
        return value < n
    return int(value) == n


@command("find")
def cmd_find(cmd: Cmd) -> int:
    args = list(cmd.args)
    follow = follow_args = False
    while args and args[0] in ("-H", "-L", "-P"):
        opt = args.pop(0)
        follow, follow_args = opt == "-L", opt == "-H"
    paths = []
    while args and not (args[0].startswith("-") and len(args[0]) > 1) and args[0] not in ("(", "!"):
        paths.append(args.pop(0))
    if not paths:
        paths = ["."]
    tree, has_action, glob = _find_parse(cmd, args)
    follow = follow or glob["follow"]
    if not has_action:
        tree = ("and", tree, ("-print",))
    now = cmd.now()
    status = 0
    batches: dict = {}
    quit_flag = [False]
    users = cmd.users

    def ev(node, path, st, depth):
        k = node[0]
        if k == "and":
            return ev(node[1], path, st, depth) and ev(node[2], path, st, depth)
        if k == "or":
            return ev(node[1], path, st, depth) or ev(node[2], path, st, depth)
        if k == "not":
            return not ev(node[1], path, st, depth)
        if k == "-true":
            return True
        if k == "-false":
            return False
        if k == "-name":
            return fnmatch(path.rstrip("/").rsplit("/", 1)[-1] or "/", node[1])
        if k == "-iname":
            return fnmatch(path.rstrip("/").rsplit("/", 1)[-1] or "/", node[1], icase=True)
        if k in ("-path", "-wholename"):
            return fnmatch(path, node[1])
        if k == "-ipath":
            return fnmatch(path, node[1], icase=True)
        if k == "-lname":
            return st.is_symlink and fnmatch(st.target, node[1])
        if k == "-type":
            m = st.mode
            res = False
            for t in node[1].split(","):
                res = res or {"f": _st.S_ISREG(m), "d": _st.S_ISDIR(m), "l": _st.S_ISLNK(m),
                              "c": _st.S_ISCHR(m), "b": _st.S_ISBLK(m), "p": _st.S_ISFIFO(m),
                              "s": _st.S_ISSOCK(m)}.get(t, False)
            return res
        if k == "-size":
            return _size_test(node[1], st)
        if k == "-mtime":
            return _num_test(node[1], (now - st.mtime) // 86400)
        if k == "-mmin":
            return _num_test(node[1], math.ceil((now - st.mtime) / 60))
        if k == "-newer":
            return st.mtime > node[1]
        if k == "-empty":
            if st.is_dir:
                try:
                    return not cmd.fs.listdir(path, cwd=cmd.cwd)
                except FSError:
                    return False
            return st.is_file and st.size == 0
        if k == "-perm":
            spec = node[1]
            mode = st.mode & 0o7777
            if spec.startswith("-"):
                want = int(spec[1:], 8)
                return mode & want == want
            if spec.startswith("/"):
                want = int(spec[1:], 8)
                return bool(mode & want) or want == 0
            return mode == int(spec, 8)
        if k == "-user":
            return users.uname(st.uid) == node[1] or str(st.uid) == node[1]
        if k == "-group":
            return users.gname(st.gid) == node[1] or str(st.gid) == node[1]
        if k == "-uid":
            return _num_test(node[1], st.uid)
        if k == "-gid":
            return _num_test(node[1], st.gid)
        if k == "-links":
            return _num_test(node[1], st.nlink)
        if k == "-inum":
            return _num_test(node[1], st.ino)
        if k == "-nouser":
            return users.user_by_uid(st.uid) is None
        if k == "-nogroup":
            return users.group_by_gid(st.gid) is None
        if k == "-readable":
            return cmd.access.allowed(st, R)
        if k == "-writable":
            return cmd.access.allowed(st, W)
        if k == "-executable":
            return cmd.access.allowed(st, X)
        if k == "-print":
            cmd.write(path + "\n")
            return True
        if k == "-print0":
            cmd.write(path + "\0")
            return True
        if k == "-printf":
            cmd.write(_find_printf(node[1], path, st, users))
            return True
        if k == "-ls":
            from .util import mode_string, ls_date
            cmd.write(f"{st.ino:>9} {st.blocks // 2:>6} {mode_string(st.mode)} {st.nlink:>3} "
                      f"{users.uname(st.uid):<8} {users.gname(st.gid):<8} {st.size:>8} "
                      f"{ls_date(st.mtime, now)} {path}"
                      + (f" -> {st.target}" if st.is_symlink else "") + "\n")
            return True
        if k == "-delete":
            try:
                cmd.access.can_delete(path, cmd.cwd)
                if st.is_dir:
                    cmd.fs.rmdir(path, cwd=cmd.cwd)
                else:
                    cmd.fs.unlink(path, cwd=cmd.cwd)
            except FSError as e:
                cmd.err(f"cannot delete {q(path)}: {_msg(e)}")
                nonlocal status
                status = 1
                return False
            return True
        if k == "-prune":
            prune[0] = True
            return True
        if k == "-quit":
            quit_flag[0] = True
            return True
        if k == "-exec":
            argv_t, plus = node[1], node[2]
            if plus:
                batches.setdefault(id(node), (argv_t, []))[1].append(path)
                return True
            argv = [a.replace("{}", path) for a in argv_t]
            return cmd.run(argv, quote=True) == 0
        raise UsageError(f"unknown predicate `{k}'")

    prune = [False]

    def changes_tree(node) -> bool:
        return isinstance(node, tuple) and (node[0] in ("-exec", "-delete")
                                            or any(changes_tree(n) for n in node[1:]))

    # Without -L, and with nothing that changes the tree on the way, each folder is read once
    # with its entries' lstat (scandir) instead of every path being resolved again.
    prefetch = not follow and not changes_tree(tree)

    def visit(path, depth, top_dev=None, st=None):
        nonlocal status
        if quit_flag[0]:
            return
        if st is None:
            try:
                st = cmd.fs.stat(path, cwd=cmd.cwd) if follow else cmd.fs.lstat(path, cwd=cmd.cwd)
                if follow_args and depth == 0 and st.is_symlink:
                    try:
                        st = cmd.fs.stat(path, cwd=cmd.cwd)
                    except FSError:
                        pass                # -H: a dangling operand stays the link itself
            except FSError as e:
                cmd.err(f"{q(path)}: {_msg(e)}" if not cmd.busybox else f"{path}: {_msg(e)}")
                status = 1
                return
        prune[0] = False
        mx = glob["maxdepth"]
        if not glob["depth"] and depth >= glob["mindepth"]:
            ev(tree, path, st, depth)
        pruned = prune[0]
        if st.is_dir and (mx is None or depth < mx) and not pruned:
            try:
                if not cmd.access.allowed(st, R | X):
                    raise FSError(EACCES, path)
                if prefetch:
                    entries = [(e.name, e.stat) for e in cmd.fs.scandir(path, cwd=cmd.cwd)]
                else:
                    entries = [(n, None) for n in cmd.fs.listdir(path, cwd=cmd.cwd)]
            except FSError as e:
                cmd.err(f"{q(path)}: {_msg(e)}" if not cmd.busybox else f"{path}: {_msg(e)}")
                status = 1
                entries = []
            for n, cst in entries:
                visit(path.rstrip("/") + "/" + n if path != "/" else "/" + n, depth + 1, st=cst)
                if quit_flag[0]:
                    return
        if glob["depth"] and depth >= glob["mindepth"]:
            try:
                st = cmd.fs.lstat(path, cwd=cmd.cwd)
            except FSError:
                return
            ev(tree, path, st, depth)

    for p in paths:
        visit(p, 0)
    for argv_t, items in batches.values():
        i = argv_t.index("{}")
        rc = cmd.run(argv_t[:i] + items + argv_t[i + 1:])
        if rc:
            status = 1
    return status


def _find_printf(fmt: str, path: str, st, users) -> str:
    out = []
    i = 0
    while i < len(fmt):
        c = fmt[i]
        if c == "\\" and i + 1 < len(fmt):
            out.append({"n": "\n", "t": "\t", "0": "\0", "\\": "\\"}.get(fmt[i + 1], fmt[i + 1]))
            i += 2
            continue
        if c == "%" and i + 1 < len(fmt):
            d = fmt[i + 1]
            i += 2
            name = path.rstrip("/").rsplit("/", 1)[-1]
            out.append({"p": path, "f": name, "s": str(st.size), "m": f"{st.mode & 0o7777:o}",
                        "u": users.uname(st.uid), "g": users.gname(st.gid), "U": str(st.uid),
                        "G": str(st.gid), "i": str(st.ino), "n": str(st.nlink),
                        "h": path.rsplit("/", 1)[0] if "/" in path else ".",
                        "y": "d" if st.is_dir else ("l" if st.is_symlink else "f"),
                        "T": "", "%": "%", "l": st.target if st.is_symlink else "",
                        "k": str(st.blocks // 2), "b": str(st.blocks)}.get(d, "%" + d))
            if d == "T" and i < len(fmt):
                i += 1
                out.append(str(int(st.mtime)))
            continue
        out.append(c)
        i += 1
    return "".join(out)


# ====================================================================== du
@command("du")
def cmd_du(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("sahkmbcxLd:l", ["summarize", "all", "human-readable", "bytes",
                                                 "total", "one-file-system", "max-depth=",
                                                 "apparent-size", "block-size=", "count-links",
                                                 "si", "exclude="])
    o = {k for k, _ in opts}
    summarize = bool(o & {"-s", "--summarize"})
    show_all = bool(o & {"-a", "--all"})
    hum = bool(o & {"-h", "--human-readable"})
    apparent = bool(o & {"-b", "--bytes", "--apparent-size"})
    total_line = bool(o & {"-c", "--total"})
    follow = "-L" in o
    count_links = bool(o & {"-l", "--count-links"})
    unit = 1024
    if "-m" in o:
        unit = 1 << 20
    if o & {"-b", "--bytes"}:
        unit = 1
    maxdepth = None
    for k, v in opts:
        if k in ("-d", "--max-depth"):
            maxdepth = int(v)
        if k == "--block-size":
            try:
                unit = parse_size(v)
            except ValueError:
                pass
    if summarize:
        maxdepth = 0
    if not operands:
        operands = ["."]
    seen: set = set()
    status = 0
    grand = 0

    def fmt(nbytes_or_blocks: int) -> str:
        if hum:
            return human(nbytes_or_blocks, busybox=cmd.busybox)
        return str(-(-nbytes_or_blocks // unit)) if unit > 1 else str(nbytes_or_blocks)

    def size_of(st) -> int:
        if apparent:
            return st.size
        return st.blocks * 512

    def walk(path: str, depth: int, st=None, blob=None) -> int:
        # ``st``/``blob``: the entry as its folder's scandir read it (not with -L, which
        # follows every link by its path).
        nonlocal status
        if st is None:
            try:
                st = cmd.fs.stat(path, cwd=cmd.cwd) if (follow or depth == 0 and
                                                        path.endswith("/")) \
                    else cmd.fs.lstat(path, cwd=cmd.cwd)
            except FSError as e:
                cmd.err(f"cannot access {q(path)}: {_msg(e)}" if not cmd.busybox
                        else f"{path}: {_msg(e)}")
                status = 1
                return 0
        if not count_links or st.is_dir:
            if st.ino in seen:
                return 0
            seen.add(st.ino)
        total = size_of(st) if apparent or not st.is_file else \
            allocated_blocks(cmd.fs, path, st, cmd.cwd, blob) * 512
        if st.is_dir:
            try:
                if not cmd.access.allowed(st, R | X):
                    raise FSError(EACCES, path)
                entries = cmd.fs.scandir(path, cwd=cmd.cwd)
            except FSError as e:
                cmd.err(f"cannot read directory {q(path)}: {_msg(e)}" if not cmd.busybox
                        else f"{path}: {_msg(e)}")
                status = 1
                entries = []
            for ent in entries:
                child = _child(path, ent.name) if path != "/" else "/" + ent.name
                if follow or ent.stat is None:
                    total += walk(child, depth + 1)
                else:
                    total += walk(child, depth + 1, ent.stat, ent.blob)
            if maxdepth is None or depth <= maxdepth:
                cmd.write(f"{fmt(total)}\t{path}\n")
        elif (show_all and (maxdepth is None or depth <= maxdepth)) or depth == 0:
            cmd.write(f"{fmt(total)}\t{path}\n")
        return total

    for p in operands:
        grand += walk(p, 0)
    if total_line:
        cmd.write(f"{fmt(grand)}\ttotal\n")
    return status


# ====================================================================== df
def _df_rows(cmd: Cmd):
    if cmd.ctx.df_info is not None:
        try:
            return list(cmd.ctx.df_info())
        except Exception:
            pass
    total = 62_725_623_808          # a 60 GiB-ish disk as Docker Desktop's VM has
    try:
        used_fs = cmd.fs.du("/")
    except Exception:
        used_fs = 0
    used = 9_620_000_000 + used_fs
    avail = total - used - total // 20
    return [("overlay", total, used, avail, "/"),
            ("tmpfs", 67_108_864, 0, 67_108_864, "/dev"),
            ("shm", 67_108_864, 0, 67_108_864, "/dev/shm"),
            ("/dev/vda1", total, used, avail, "/etc/hosts")]


@command("df")
def cmd_df(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("hkmPTai", ["human-readable", "si", "portability", "print-type",
                                            "all", "inodes", "output?", "total"])
    o = {k for k, _ in opts}
    hum = bool(o & {"-h", "--human-readable"})
    rows = _df_rows(cmd)
    if operands:
        chosen = []
        for p in operands:
            try:
                full = cmd.fs.realpath(p, cwd=cmd.cwd)
            except FSError as e:
                cmd.err(f"{p}: {_msg(e)}")
                return 1
            best = None
            for r in rows:
                mp = r[4]
                if full == mp or full.startswith(mp.rstrip("/") + "/"):
                    if best is None or len(mp) > len(best[4]):
                        best = r
            if best and best not in chosen:
                chosen.append(best)
        rows = chosen
    unit = 1 << 20 if "-m" in o else 1024
    bb = cmd.busybox

    def pct(used, avail):
        t = used + avail
        return f"{math.ceil(used * 100 / t) if t else 0}%" if t else "-"

    cells = []
    for fsname, size, used, avail, mnt in rows:
        if hum:
            vals = [human(size, bb), human(used, bb), human(avail, bb)]
            if bb:
                vals = ["0" if v == "0" else v for v in vals]
        else:
            vals = [str(-(-size // unit)), str(-(-used // unit)), str(-(-avail // unit))]
        cells.append([fsname] + vals + [pct(used, avail), mnt])
    if bb:
        size_h = "Size" if hum else ("1K-blocks" if unit == 1024 else "1M-blocks")
        out = [f"{'Filesystem':<20} {size_h:>9} {'Used':>9} {'Available':>9} Use% Mounted on"]
        for c in cells:
            out.append(f"{c[0]:<20} {c[1]:>9} {c[2]:>9} {c[3]:>9} {c[4]:>4} {c[5]}")
    else:
        head = ["Filesystem", "Size" if hum else ("1K-blocks" if unit == 1024 else "1M-blocks"),
                "Used", "Avail" if hum else "Available", "Use%", "Mounted on"]
        mins = [14, 5, 5, 5, 4, 0]
        w = [max([mins[i], len(head[i])] + [len(c[i]) for c in cells]) for i in range(6)]
        lines = []
        for r in [head] + cells:
            lines.append(" ".join([r[0].ljust(w[0])] + [r[i].rjust(w[i]) for i in range(1, 5)]
                                  + [r[5]]))
        out = lines
    cmd.write("".join(line + "\n" for line in out))
    return 0


# ====================================================================== dd / truncate / fallocate
def _dd_num(cmd: Cmd, key: str, v: str) -> int:
    try:
        return parse_size(v, "dd")
    except ValueError:
        if cmd.busybox:
            cmd.err(f"invalid number '{v}'")
        else:
            cmd.err(f"invalid number: {q(v)}")
        raise CmdExit(1)


def _dd_open_failed(cmd: Cmd, path: str, e: FSError) -> None:
    if cmd.busybox:
        cmd.err(f"can't open '{path}': {_msg(e)}")
    else:
        cmd.err(f"failed to open {q(path)}: {_msg(e)}")


def _dd_rate(nbytes: int) -> tuple[float, str]:
    secs = max(0.000_05, nbytes / 1.6e9)
    return secs, _si(nbytes / secs) + "/s"


def _scaled(n: float, base: int, units: tuple[str, ...]) -> str:
    """dd's ``(1.0 MB, 1.0 MiB)`` sizes: two significant digits below 100, whole above."""
    for unit in units[:-1]:
        if n < base:
            break
        n /= base
    else:
        unit = units[-1]
    if unit == "B":
        return f"{int(n)} B"
    return f"{n:.{1 if n < 100 else 0}f} {unit}" if n >= 10 else f"{n:.1f} {unit}"


def _si(n: float) -> str:
    return _scaled(n, 1000, ("B", "kB", "MB", "GB", "TB"))


def _iec(n: float) -> str:
    return _scaled(n, 1024, ("B", "KiB", "MiB", "GiB", "TiB"))


@command("dd")
def cmd_dd(cmd: Cmd) -> int:
    params = {}
    for a in cmd.args:
        if "=" not in a:
            cmd.err(f"unrecognized operand {q(a)}" if not cmd.busybox else f"unknown operand {a}")
            if not cmd.busybox:
                cmd.usage_hint()
            return 1
        k, v = a.split("=", 1)
        params[k] = v
    ibs = obs = 512
    if "bs" in params:
        ibs = obs = _dd_num(cmd, "bs", params["bs"])
    if "ibs" in params:
        ibs = _dd_num(cmd, "ibs", params["ibs"])
    if "obs" in params:
        obs = _dd_num(cmd, "obs", params["obs"])
    count = _dd_num(cmd, "count", params["count"]) if "count" in params else None
    skip = _dd_num(cmd, "skip", params["skip"]) if "skip" in params else 0
    seek = _dd_num(cmd, "seek", params["seek"]) if "seek" in params else 0
    conv = set(params.get("conv", "").split(",")) - {""}
    iflag = set(params.get("iflag", "").split(","))
    oflag = set(params.get("oflag", "").split(","))
    status_level = params.get("status", "")
    if ibs <= 0 or obs <= 0:
        cmd.err("invalid number: '0'")
        return 1
    count_bytes = "count_bytes" in iflag
    skip_bytes = "skip_bytes" in iflag
    seek_bytes = "seek_bytes" in oflag
    # ---- input
    try:
        src = cmd.open_read(params["if"]) if "if" in params else cmd.stdin
    except FSError as e:
        _dd_open_failed(cmd, params["if"], e)
        return 1
    skip_off = skip if skip_bytes else skip * ibs
    want = None if count is None else (count if count_bytes else count * ibs)
    if src.endless:
        if want is None:
            cmd.err("error writing: No space left on device")
            return 1
        src.take_blob(skip_off)
        data = src.take_blob(want)
    else:
        avail = src.remaining
        src.take_blob(min(skip_off, avail))
        data = src.take_blob(want)
    nbytes = data.size
    if "ucase" in conv or "lcase" in conv:
        raw = data.read()
        data_b = raw.upper() if "ucase" in conv else raw.lower()
        from ...fs.blob import BytesBlob
        data = BytesBlob(data_b)
    full_in, rem_in = divmod(nbytes, ibs)
    if "sync" in conv and rem_in:
        data = ConcatBlob([data, ZeroBlob(ibs - rem_in)])
        full_in, rem_in = full_in + 1, 0
        nbytes = data.size
    part_in = 1 if rem_in else 0
    full_out, rem_out = divmod(nbytes, obs)
    part_out = 1 if rem_out else 0
    # ---- output
    failed = False
    if "of" in params:
        of = params["of"]
        seek_off = seek if seek_bytes else seek * obs
        dev = cmd.device_of(of)
        if dev is None:
            try:
                st = stat_or_none(cmd.fs, of, cmd.cwd)
                if st is not None and st.is_dir:
                    raise FSError(EISDIR, of)
                sink = cmd.open_write(of, append=True)
                sink.close()
                old = cmd.fs.read_blob(of, cwd=cmd.cwd)
                if "notrunc" in conv:
                    before = extend_sparse(old, seek_off) if old.size < seek_off else \
                        SliceBlob(old, 0, seek_off)
                    after_start = seek_off + data.size
                    tail = SliceBlob(old, after_start, old.size - after_start) \
                        if old.size > after_start else EMPTY
                    new = ConcatBlob([before, data, tail])
                else:
                    before = extend_sparse(old, seek_off) if seek_off else EMPTY
                    new = ConcatBlob([before, data]) if seek_off else data
                if "oflag" in params and "append" in oflag:
                    new = ConcatBlob([old, data])
                try:
                    cmd.fs.write(of, new, cwd=cmd.cwd)
                except ShortWrite as e:          # a full filesystem: what fitted went out
                    cmd.err(f"error writing {q(of)}: {_msg(e)}")
                    nbytes = max(0, e.written - (new.size - data.size))
                    full_out, rem_out = divmod(nbytes, obs)
                    part_out = 1 if rem_out else 0
                    # the record that failed was read; busybox stops before the byte count
                    full_in, part_in = min(full_in + part_in, full_out + part_out + 1), 0
                    failed = True
            except FSError as e:
                _dd_open_failed(cmd, of, e)
                return 1
    else:
        cmd.stdout.write(data)
    if status_level != "none":
        rec = f"{full_in}+{part_in} records in\n{full_out}+{part_out} records out\n"
        if status_level == "noxfer" or (failed and cmd.busybox):
            cmd.raw_err(rec)
        else:
            secs, rate = _dd_rate(nbytes)
            if cmd.busybox:
                cmd.raw_err(rec + f"{nbytes} bytes ({_bb_size(nbytes)}) copied, "
                            f"{secs:.6f} seconds, {_bb_size(nbytes / secs)}/s\n")
            else:
                if nbytes < 1000:
                    size_txt = f"{nbytes} bytes"
                elif nbytes < 1024:
                    size_txt = f"{nbytes} bytes ({_si(nbytes)})"
                else:
                    size_txt = f"{nbytes} bytes ({_si(nbytes)}, {_iec(nbytes)})"
                    if nbytes < 1000:
                        size_txt = f"{nbytes} bytes"
                if nbytes == 1:
                    size_txt = "1 byte"
                cmd.raw_err(rec + f"{size_txt} copied, {_g(secs)} s, {rate}\n")
    return 1 if failed else 0


def _g(secs: float) -> str:
    s = f"{secs:.2g}" if secs < 1 else f"{secs:.1f}"
    if "e" in s:
        s = f"{secs:.6f}".rstrip("0")
    return s


def _bb_size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if n < 1024 or unit == "TB":
            return f"{n:.1f}{unit}" if unit != "B" else f"{int(n)}B"
        n /= 1024
    return str(n)


@command("truncate")
def cmd_truncate(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("s:cr:o", ["size=", "no-create", "reference=", "io-blocks"])
    size_spec = None
    no_create = False
    ref = None
    for k, v in opts:
        if k in ("-s", "--size"):
            size_spec = v
        elif k in ("-c", "--no-create"):
            no_create = True
        elif k in ("-r", "--reference"):
            ref = v
    if size_spec is None and ref is None:
        cmd.err("you must specify either '--size' or '--reference'" if not cmd.busybox
                else "you must specify a size")
        cmd.usage_hint()
        return 1
    if not operands:
        cmd.err("missing file operand")
        cmd.usage_hint()
        return 1
    op = ""
    if size_spec is not None and size_spec[:1] in "+-<>/%":
        op, size_spec = size_spec[0], size_spec[1:]
    try:
        n = parse_size(size_spec) if size_spec is not None else \
            cmd.fs.stat(ref, cwd=cmd.cwd).size
    except ValueError:
        cmd.err(f"Invalid number: {q(size_spec)}" if not cmd.busybox
                else f"invalid number '{size_spec}'")
        return 1
    except FSError as e:
        cmd.err(f"cannot stat {q(ref)}: {_msg(e)}")
        return 1
    status = 0
    for p in operands:
        try:
            st = stat_or_none(cmd.fs, p, cmd.cwd)
            if st is None:
                if no_create:
                    continue
                cmd.open_write(p, append=True).close()
                old_size = 0
            else:
                if st.is_dir:
                    raise FSError(EISDIR, p)
                if not cmd.access.allowed(st, W):
                    raise FSError(EACCES, p)
                old_size = st.size
            new = {"": n, "+": old_size + n, "-": max(0, old_size - n),
                   "<": min(old_size, n), ">": max(old_size, n),
                   "/": (old_size // n) * n if n else old_size,
                   "%": -(-old_size // n) * n if n else old_size}[op]
            blob = cmd.fs.read_blob(p, cwd=cmd.cwd)
            cmd.fs.write(p, extend_sparse(blob, new), cwd=cmd.cwd)
        except FSError as e:
            cmd.err(f"cannot open {q(p)} for writing: {_msg(e)}" if not cmd.busybox
                    else f"{p}: {_msg(e)}")
            status = 1
    return status


@command("fallocate")
def cmd_fallocate(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("l:o:nkdpx", ["length=", "offset=", "keep-size", "dig-holes",
                                              "punch-hole", "posix"])
    length = None
    offset = 0
    keep = False
    for k, v in opts:
        if k in ("-l", "--length"):
            try:
                length = parse_size(v)
            except ValueError:
                cmd.err("invalid length value specified")
                return 1
        elif k in ("-o", "--offset"):
            offset = parse_size(v)
        elif k in ("-n", "--keep-size"):
            keep = True
    if length is None:
        cmd.err("no length argument specified")
        return 1
    if not operands:
        cmd.err("no filename specified")
        return 1
    p = operands[0]
    try:
        st = stat_or_none(cmd.fs, p, cmd.cwd)
        if st is None:
            cmd.open_write(p, append=True).close()
        elif not cmd.access.allowed(st, W):
            raise FSError(EACCES, p)
        blob = cmd.fs.read_blob(p, cwd=cmd.cwd)
        end = offset + length
        if end > blob.size and not keep:
            cmd.fs.write(p, resize(blob, end), cwd=cmd.cwd)
    except FSError as e:
        cmd.err(f"cannot open {p}: {_msg(e)}")
        return 1
    return 0


@command("sync")
def cmd_sync(cmd: Cmd) -> int:
    return 0
