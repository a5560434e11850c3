"""File and folder commands: ls, mkdir, touch, rm, rmdir, cp, mv, ln, chmod, chown, chgrp,
stat, readlink, realpath, basename, dirname, mktemp, install."""
from __future__ import annotations

import hashlib
import stat as _st
import time

from ...fs.base import normpath, split, join
from ...fs.errors import (FSError, ENOENT, ENOSPC, EEXIST, ENOTDIR, EISDIR, ENOTEMPTY, EXDEV, EPERM,
                          EACCES, EBUSY, EROFS)
from ..users import R, W, X
from .base import command, Cmd, UsageError, create_empty, stat_or_none
from .util import (mode_string, human, ls_date, full_time, file_type_name, parse_chmod)
from .messages import _child, _code, _msg, q


def _base(p: str) -> str:
    p = p.rstrip("/")
    return p.rsplit("/", 1)[-1] if p else "/"


def _overlay_merged(fs, path: str, cwd: str) -> bool:
    """Whether ``path`` is a folder that an overlay mount merges from several layers."""
    from ...fs.namespace import MountNamespace
    from ...fs.overlay import OverlayFS
    try:
        parts = fs.resolve(path, cwd=cwd)
        if isinstance(fs, MountNamespace):
            fs, parts, _ = fs._route(parts)
        if isinstance(fs, OverlayFS):
            dirs, node = fs._lookup(parts)
            return len(dirs) > 1
    except Exception:
        pass
    return False


def dir_nlink(fs, path: str, st, cwd: str = "/") -> int:
    """A folder's link count as Linux reports it: 2 plus one per subfolder; overlayfs
    reports 1 for a folder merged from several layers."""
    if not st.is_dir:
        return st.nlink
    if _overlay_merged(fs, path, cwd):
        return 1
    try:
        n = 2
        for name in fs.listdir(path, cwd=cwd):
            try:
                if fs.lstat(_child(path, name), cwd=cwd).is_dir:
                    n += 1
            except FSError:
                pass
        return n
    except (FSError, OSError):
        return st.nlink


# ====================================================================== ls
@command("ls", "dir", "vdir")
def cmd_ls(cmd: Cmd) -> int:
    opts, operands = cmd.getopt(
        "laAdR1hinstrSFpLCxgocuHU",
        ["all", "almost-all", "directory", "recursive", "human-readable", "inode",
         "numeric-uid-gid", "size", "reverse", "classify", "dereference", "color?",
         "full-time", "group-directories-first", "time-style=", "si", "indicator-style="])
    o = {k for k, _ in opts}
    long_ = bool(o & {"-l", "-n", "-g", "-o", "--full-time"}) or cmd.prog == "vdir"
    show_all = "-a" in o or "--all" in o
    almost = "-A" in o or "--almost-all" in o
    dir_only = "-d" in o or "--directory" in o
    recursive = "-R" in o or "--recursive" in o
    hum = "-h" in o or "--human-readable" in o
    inode = "-i" in o or "--inode" in o
    numeric = "-n" in o or "--numeric-uid-gid" in o
    sizes = "-s" in o or "--size" in o
    classify = "-F" in o or "--classify" in o
    slash = "-p" in o
    deref = "-L" in o or "--dereference" in o
    sort_time = "-t" in o
    sort_size = "-S" in o
    reverse = "-r" in o or "--reverse" in o
    unsorted = "-U" in o
    columns = cmd.ctx.tty and not ("-1" in o) and not long_ or "-C" in o or "-x" in o
    bb = cmd.busybox
    now = cmd.now()
    status = 0
    if not operands:
        operands = ["."]
    ent_files = []
    ent_dirs = []
    for p in operands:
        try:
            cmd.access.traverse(p, cmd.cwd)
            lst = cmd.fs.lstat(p, cwd=cmd.cwd)
            st = lst
            if lst.is_symlink and (deref or not (long_ or dir_only or classify)):
                try:
                    st = cmd.fs.stat(p, cwd=cmd.cwd)
                except FSError:
                    st = lst
            elif lst.is_symlink and (long_ or classify) and p.endswith("/"):
                st = cmd.fs.stat(p, cwd=cmd.cwd)
        except FSError as e:
            if bb:
                cmd.err(f"{p}: {_msg(e)}")
                status = 1
            else:
                cmd.err(f"cannot access {q(p)}: {_msg(e)}")
                status = 2
            continue
        if st.is_dir and not dir_only:
            ent_dirs.append((p, st))
        else:
            ent_files.append((p, st, lst if not deref else st))

    def sort_entries(ents):
        # ents: list of (name, st)
        if unsorted:
            return ents
        keyname = lambda e: e[0].encode("utf-8", "surrogateescape")  # noqa: E731
        ents = sorted(ents, key=keyname)
        if sort_time:
            ents = sorted(ents, key=lambda e: -e[1].mtime)
        elif sort_size:
            ents = sorted(ents, key=lambda e: -e[1].size)
        if reverse:
            ents.reverse()
        return ents

    def user_name(uid):
        return str(uid) if numeric else cmd.users.uname(uid)

    def group_name(gid):
        return str(gid) if numeric else cmd.users.gname(gid)

    def indicator(st):
        if classify:
            if st.is_dir:
                return "/"
            if st.is_symlink:
                return "@"
            if _st.S_ISFIFO(st.mode):
                return "|"
            if _st.S_ISSOCK(st.mode):
                return "="
            if st.is_file and st.mode & 0o111:
                return "*"
        elif slash and st.is_dir:
            return "/"
        return ""

    def size_field(st):
        if st.is_chardev or _st.S_ISBLK(st.mode):
            maj, mnr = (st.rdev >> 8) & 0xFFF, (st.rdev & 0xFF) | ((st.rdev >> 12) & 0xFFF00)
            return f"{maj:>4},{mnr:>4}" if bb else f"{maj}, {mnr}"
        if hum:
            return human(st.size)
        return str(st.size)

    def blocks_k(st, path=None):
        if path is not None and st.is_file:
            from .disk import allocated_blocks
            return allocated_blocks(cmd.fs, path, st, cmd.cwd) // 2
        return st.blocks // 2

    def emit(ents, header_total: bool):
        """ents: list of (display name, stat, path for readlink)."""
        if not ents:
            if header_total and long_:
                cmd.write("total 0\n")
            return
        lines = []
        if long_:
            if header_total:
                total = sum(blocks_k(e[1], e[2]) for e in ents)
                if hum and bb:
                    # busybox rounds the total up to a whole unit
                    import math
                    v, u = float(total), "K"
                    for unit in "MGT":
                        if v < 1024:
                            break
                        v, u = v / 1024, unit
                    t = f"{math.ceil(v)}{u}" if total else "0"
                    cmd.write(f"total {t:<7}\n")
                elif hum:
                    cmd.write(f"total {human(total * 1024)}\n")
                else:
                    cmd.write(f"total {total}\n")
            rows = []
            for name, st, path in ents:
                link = ""
                if st.is_symlink:
                    try:
                        link = " -> " + cmd.fs.readlink(path, cwd=cmd.cwd)
                    except FSError:
                        link = ""
                if "--full-time" in o:
                    date = full_time(st.mtime)
                else:
                    date = ls_date(st.mtime, now)
                rows.append([str(st.ino), str(blocks_k(st, path)), mode_string(st.mode),
                             str(dir_nlink(cmd.fs, path, st, cmd.cwd)), user_name(st.uid), group_name(st.gid),
                             size_field(st), date, name + indicator(st) + link])
            if bb:
                for r in rows:
                    pre = ""
                    if inode:
                        pre += f"{r[0]:>8} "
                    if sizes:
                        pre += f"{r[1]:>6} "
                    owner = "" if "-g" in o else f"{r[4]:<8} "
                    group = "" if "-o" in o else f"{r[5]:<8} "
                    size = f"{r[6]:>7}" if hum else f"{r[6]:>9}"
                    lines.append(f"{pre}{r[2]} {r[3]:>4} {owner}{group}{size} {r[7]} {r[8]}")
            else:
                w = [max(len(r[i]) for r in rows) for i in range(9)]
                for r in rows:
                    parts = []
                    if inode:
                        parts.append(r[0].rjust(w[0]))
                    if sizes:
                        parts.append(r[1].rjust(w[1]))
                    parts.append(r[2])
                    parts.append(r[3].rjust(w[3]))
                    if "-g" not in o:
                        parts.append(r[4].ljust(w[4]))
                    if "-o" not in o:
                        parts.append(r[5].ljust(w[5]))
                    parts.append(r[6].rjust(w[6]))
                    parts.append(r[7])
                    parts.append(r[8])
                    lines.append(" ".join(parts))
            cmd.write("".join(line + "\n" for line in lines))
            return
        if sizes and header_total:
            total = sum(blocks_k(e[1], e[2]) for e in ents)
            cmd.write(f"total {human(total * 1024) if hum else total}\n")
        names = []
        iw = max(len(str(e[1].ino)) for e in ents) if inode else 0
        sw = max(len(str(blocks_k(e[1], e[2]))) for e in ents) if sizes else 0
        for name, st, epath in ents:
            pre = ""
            if inode:
                pre += (f"{st.ino:>{iw}} " if not bb else f"{st.ino:>8} ")
            if sizes:
                bk = blocks_k(st, epath)
                pre += (f"{bk:>{sw}} " if not bb else f"{bk:>6} ")
            names.append(pre + name + indicator(st))
        if columns:
            cmd.write(_columns(names, 80, across="-x" in o, tabs=not bb, busybox=bb))
        else:
            cmd.write("".join(n + "\n" for n in names))

    def list_dir(path: str, st, show_header: bool, first: bool) -> None:
        nonlocal status
        try:
            if not cmd.access.allowed(st, R):
                raise FSError(EACCES, path)
            names = cmd.fs.listdir(path, cwd=cmd.cwd)
        except FSError as e:
            if bb:
                cmd.err(f"can't open {q(path)}: {_msg(e)}")
                status = 1
            else:
                cmd.err(f"cannot open directory {q(path)}: {_msg(e)}")
                status = 2 if first else max(status, 1)
            return
        if show_header:
            cmd.write(f"{path}:\n")
        ents = []
        if show_all:
            for dot in (".", ".."):
                try:
                    ents.append((dot, cmd.fs.stat(_child(path, dot) if dot == "." else
                                                  normpath(path + "/..", cmd.cwd),
                                                  cwd=cmd.cwd)))
                except FSError:
                    pass
        for n in names:
            if n.startswith(".") and not (show_all or almost):
                continue
            cp = _child(path, n) if path != "." else n
            try:
                est = cmd.fs.stat(cp, cwd=cmd.cwd) if deref else cmd.fs.lstat(cp, cwd=cmd.cwd)
            except FSError:
                try:
                    est = cmd.fs.lstat(cp, cwd=cmd.cwd)
                except FSError:
                    continue
            ents.append((n, est))
        dots = [e for e in ents if e[0] in (".", "..") and show_all]
        rest = [e for e in ents if not (e[0] in (".", "..") and show_all)]
        ordered = (dots + sort_entries(rest)) if not sort_time and not sort_size \
            else sort_entries(ents)
        if reverse and not sort_time and not sort_size:
            ordered = sort_entries(ents)
        emit([(n, s, _child(path, n)) for n, s in ordered],
             True)
        if recursive:
            for n, s in ordered:
                if n in (".", "..") or not s.is_dir:
                    continue
                sub = _child(path, n) if path != "/" else "/" + n
                cmd.write("\n")
                list_dir(sub, s, True, False)

    files_sorted = sort_entries([(p, st) for p, st, _ in ent_files])
    lmap = {p: l for p, _, l in ent_files}
    if files_sorted:
        emit([(p, st if (deref or not long_) else lmap[p], p) for p, st in files_sorted], False)
    dirs_sorted = sort_entries(ent_dirs)
    multi = len(operands) > 1 or recursive
    for k, (p, st) in enumerate(dirs_sorted):
        if files_sorted or k:
            cmd.write("\n")
        list_dir(p, st, multi, True)
    return status


cmd_ls.usage_status = 2      # GNU ls: a bad option is "serious trouble" (exit 2)
def _indent(frm: int, to: int, tabs: bool) -> str:
    """GNU ls pads with tabs (tab stops every 8) where it can, then spaces."""
    out = []
    while frm < to:
        if tabs and to // 8 > (frm + 1) // 8:
            out.append("\t")
            frm += 8 - frm % 8
        else:
            out.append(" ")
            frm += 1
    return "".join(out)


def _columns(names: list[str], width: int, across: bool = False, tabs: bool = False,
             busybox: bool = False) -> str:
    if not names:
        return ""
    n = len(names)
    if busybox:
        # one width for every column; a 79-column terminal
        colw = max(len(x) for x in names) + 2
        ncols = max(1, (width - 1) // colw)
        rows = -(-n // ncols)
        out = []
        for r in range(rows):
            cells = []
            for c in range(ncols):
                i = (r * ncols + c) if across else (c * rows + r)
                if i < n:
                    cells.append(names[i])
            out.append("".join(x.ljust(colw) for x in cells[:-1]) + cells[-1] + "\n")
        return "".join(out)
    best = None
    for cols in range(min(n, max(1, width // 3)), 0, -1):
        rows = -(-n // cols)
        cols_eff = -(-n // rows)
        widths = []
        for c in range(cols_eff):
            col = [names[i] for i in (range(c * rows, min(n, (c + 1) * rows)) if not across
                                      else range(c, n, cols_eff))]
            widths.append(max(len(x) for x in col) + 2)
        if sum(widths) - 2 <= width or cols == 1:
            best = (rows, cols_eff, widths)
            break
    rows, cols, widths = best
    out = []
    for r in range(rows):
        line = []
        pos = 0
        target = 0
        for c in range(cols):
            i = (c * rows + r) if not across else (r * cols + c)
            if i >= n:
                continue
            s = names[i]
            line.append(_indent(pos, target, tabs) + s)
            pos = target + len(s)
            target += widths[c]
        out.append("".join(line) + "\n")
    return "".join(out)


# ====================================================================== mkdir / rmdir / touch
@command("mkdir")
def cmd_mkdir(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("pm:v", ["parents", "mode=", "verbose"])
    parents = any(k in ("-p", "--parents") for k, _ in opts)
    verbose = any(k in ("-v", "--verbose") for k, _ in opts)
    mode = None
    for k, v in opts:
        if k in ("-m", "--mode"):
            try:
                mode = parse_chmod(v, 0o777, True, 0) & 0o7777
            except ValueError:
                cmd.err(f"invalid mode {q(v)}" if not cmd.busybox else f"invalid mode '{v}'")
                return 1
    if not operands:
        cmd.err("missing operand")
        cmd.usage_hint()
        return 1
    dmode = 0o777 & ~cmd.umask
    status = 0
    for p in operands:
        try:
            full = cmd.abspath(p)
            if parents:
                cur = ""
                comps = split(full)
                for i, c in enumerate(comps):
                    cur = cur + "/" + c
                    try:
                        st = cmd.fs.stat(cur)
                        if not st.is_dir:
                            raise FSError(EEXIST if i == len(comps) - 1 else ENOTDIR, p)
                        continue
                    except FSError as e:
                        if e.code != ENOENT:
                            raise
                    cmd.access.can_create(cur)
                    last = i == len(comps) - 1
                    m = mode if (last and mode is not None) else (dmode | 0o300 if not last
                                                                  else dmode)
                    cmd.fs.mkdir(cur, mode=m, uid=cmd.uid, gid=cmd.gid)
                    if mode is not None and last:
                        cmd.fs.chmod(cur, mode)
                    if verbose:
                        cmd.write(f"mkdir: created directory {q(cur if p.startswith('/') else p)}\n"
                                  if not cmd.busybox else f"created directory: '{cur}'\n")
            else:
                if cmd.fs.exists(p, follow=False, cwd=cmd.cwd):
                    raise FSError(EEXIST, p)
                parts = cmd.fs.resolve(p, follow=False, cwd=cmd.cwd)
                parent = join(parts[:-1])
                pst = cmd.fs.stat(parent)
                if not pst.is_dir:
                    raise FSError(ENOTDIR, p)
                cmd.access.can_create(p, cmd.cwd)
                cmd.fs.mkdir(p, mode=dmode if mode is None else mode, uid=cmd.uid, gid=cmd.gid,
                             cwd=cmd.cwd)
                if mode is not None:
                    cmd.fs.chmod(p, mode, cwd=cmd.cwd)
                if verbose:
                    cmd.write(f"mkdir: created directory {q(p)}\n" if not cmd.busybox
                              else f"created directory: '{p}'\n")
        except FSError as e:
            if cmd.busybox:
                cmd.err(f"can't create directory '{p}': {_msg(e)}")
            else:
                cmd.err(f"cannot create directory {q(p)}: {_msg(e)}")
            status = 1
    return status


@command("rmdir")
def cmd_rmdir(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("pv", ["parents", "verbose", "ignore-fail-on-non-empty"])
    parents = any(k in ("-p", "--parents") for k, _ in opts)
    ignore = any(k == "--ignore-fail-on-non-empty" for k, _ in opts)
    if not operands:
        cmd.err("missing operand")
        cmd.usage_hint()
        return 1
    status = 0
    for p in operands:
        targets = [p]
        if parents:
            cur = p.rstrip("/")
            while "/" in cur:
                cur = cur.rsplit("/", 1)[0]
                if cur:
                    targets.append(cur)
        for t in targets:
            try:
                st = cmd.fs.lstat(t, cwd=cmd.cwd)
                if not st.is_dir:
                    raise FSError(ENOTDIR, t)
                if cmd.fs.listdir(t, cwd=cmd.cwd):
                    raise FSError(ENOTEMPTY, t)
                cmd.access.can_delete(t, cmd.cwd)
                cmd.fs.rmdir(t, cwd=cmd.cwd)
            except FSError as e:
                if ignore and _code(e) == ENOTEMPTY:
                    break
                if cmd.busybox:
                    cmd.err(f"'{t}': {_msg(e)}")
                else:
                    cmd.err(f"failed to remove {q(t)}: {_msg(e)}")
                status = 1
                break
    return status


def _parse_date(cmd: Cmd, s: str) -> float | None:
    import calendar
    import re
    s = s.strip()
    if s.startswith("@"):
        try:
            return float(s[1:])
        except ValueError:
            return None
    now = cmd.now()
    if s in ("now", ""):
        return now
    if s == "yesterday":
        return now - 86400
    if s == "tomorrow":
        return now + 86400
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
                     r"(?:\s*(?:Z|UTC|\+0000))?", s)
    if m:
        y, mo, d, hh, mm, ss = m.groups()
        return float(calendar.timegm((int(y), int(mo), int(d), int(hh or 0), int(mm or 0),
                                      int(ss or 0), 0, 0, 0)))
    m = re.fullmatch(r"(\d+)\s+(second|minute|hour|day|week|month|year)s?\s+ago", s)
    if m:
        n = int(m.group(1))
        mult = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800,
                "month": 2592000, "year": 31536000}[m.group(2)]
        return now - n * mult
    return None


def _parse_stamp(s: str) -> float | None:
    """touch -t [[CC]YY]MMDDhhmm[.ss]"""
    import calendar
    sec = 0
    if "." in s:
        s, ss = s.split(".", 1)
        sec = int(ss)
    if not s.isdigit() or len(s) not in (8, 10, 12):
        return None
    if len(s) == 12:
        y = int(s[:4])
        s = s[4:]
    elif len(s) == 10:
        yy = int(s[:2])
        y = 1900 + yy if yy >= 69 else 2000 + yy
        s = s[2:]
    else:
        y = time.gmtime().tm_year
    return float(calendar.timegm((y, int(s[0:2]), int(s[2:4]), int(s[4:6]), int(s[6:8]),
                                  sec, 0, 0, 0)))


@command("touch")
def cmd_touch(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("acmd:t:r:h", ["no-create", "date=", "reference=",
                                               "no-dereference"])
    no_create = any(k in ("-c", "--no-create") for k, _ in opts)
    mtime = None
    for k, v in opts:
        if k in ("-d", "--date"):
            mtime = _parse_date(cmd, v)
            if mtime is None:
                cmd.err(f"invalid date format {q(v)}" if not cmd.busybox
                        else f"invalid date '{v}'")
                return 1
        elif k == "-t":
            mtime = _parse_stamp(v)
            if mtime is None:
                cmd.err(f"invalid date format {q(v)}")
                return 1
        elif k in ("-r", "--reference"):
            try:
                mtime = cmd.fs.stat(v, cwd=cmd.cwd).mtime
            except FSError as e:
                cmd.err(f"failed to get attributes of {q(v)}: {_msg(e)}")
                return 1
    if not operands:
        cmd.err("missing file operand")
        cmd.usage_hint()
        return 1
    status = 0
    for p in operands:
        try:
            if cmd.device_of(p):
                continue
            st = stat_or_none(cmd.fs, p, cmd.cwd)
            if st is None:
                if no_create:
                    continue
                create_empty(cmd.fs, cmd.access, p, cmd.cwd, cmd.uid, cmd.gid, cmd.umask)
                if mtime is not None:
                    cmd.fs.utime(p, mtime, cwd=cmd.cwd)
            else:
                cmd.access.traverse(p, cmd.cwd)
                if not cmd.access.owner_or_root(st) and (mtime is not None or
                                                         not cmd.access.allowed(st, W)):
                    raise FSError(EPERM if mtime is not None else EACCES, p)
                cmd.fs.utime(p, cmd.now() if mtime is None else mtime, cwd=cmd.cwd)
        except FSError as e:
            if cmd.busybox:
                cmd.err(f"{p}: {_msg(e)}")
            else:
                what = "setting times of" if _code(e) == EPERM else "cannot touch"
                cmd.err(f"{what} {q(p)}: {_msg(e)}")
            status = 1
    return status


# ====================================================================== rm
@command("rm")
def cmd_rm(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("rRfivdI", ["recursive", "force", "verbose", "dir",
                                            "no-preserve-root", "preserve-root",
                                            "interactive?", "one-file-system"])
    o = {k for k, _ in opts}
    recursive = bool(o & {"-r", "-R", "--recursive"})
    force = bool(o & {"-f", "--force"})
    verbose = bool(o & {"-v", "--verbose"})
    rmdir_ok = bool(o & {"-d", "--dir"})
    bb = cmd.busybox
    if not operands:
        if force:
            return 0
        cmd.err("missing operand")
        cmd.usage_hint()
        return 1
    status = 0

    def fail(path: str, e) -> None:
        nonlocal status
        status = 1
        if bb:
            cmd.err(f"can't remove {q(path)}: {_msg(e)}")
        else:
            cmd.err(f"cannot remove {q(path)}: {_msg(e)}")

    def delete(path: str, unlink, removed: str | None) -> bool:
        """``unlink`` (``fs.rmdir`` or ``fs.unlink``) ``path`` where the user may; with -v,
        write ``removed`` (None: nothing).  False after reporting a failure."""
        try:
            cmd.access.can_delete(path, cmd.cwd)
            unlink(path, cwd=cmd.cwd)
            if verbose and removed is not None:
                cmd.write(removed)
        except FSError as e:
            fail(path, e)
            return False
        return True

    def remove(path: str) -> bool:
        """Remove a path (recursively if allowed); False after reporting a failure."""
        try:
            st = cmd.fs.lstat(path, cwd=cmd.cwd)
        except FSError as e:
            if not force or _code(e) not in (ENOENT,):
                fail(path, e)
                return False
            return True
        if st.is_dir:
            if not recursive:
                if rmdir_ok:
                    return delete(path, cmd.fs.rmdir, None)
                nonlocal status
                status = 1
                cmd.err(f"'{path}' is a directory" if bb
                        else f"cannot remove {q(path)}: Is a directory")
                return False
            if cmd.uid == 0:
                try:
                    cmd.fs.remove_tree(path, cwd=cmd.cwd)
                    if verbose:
                        cmd.write(f"removed directory {q(path)}\n")
                    return True
                except FSError as e:
                    # a mount point somewhere below (EBUSY), or a read-only mount (EROFS):
                    # one by one, reporting the first entry that cannot go (as rm does)
                    if _code(e) not in (EBUSY, EROFS):
                        fail(path, e)
                        return False
            ok = True
            try:
                if not cmd.access.allowed(st, R | X) and cmd.uid != 0:
                    raise FSError(EACCES, path)
                names = cmd.fs.listdir(path, cwd=cmd.cwd)
            except FSError as e:
                if bb:
                    cmd.err(f"can't open {q(path)}: {_msg(e)}")
                else:
                    cmd.err(f"cannot remove {q(path)}: {_msg(e)}")
                return False
            for n in names:
                if not remove(_child(path, n)):
                    ok = False
            if not ok:
                return False
            return delete(path, cmd.fs.rmdir, f"removed directory {q(path)}\n")
        return delete(path, cmd.fs.unlink, f"removed {q(path)}\n")

    for p in operands:
        base = p.rstrip("/").rsplit("/", 1)[-1]
        if base in (".", ".."):
            if bb:
                cmd.err("can't remove '.' or '..'")
            else:
                cmd.err(f"refusing to remove '.' or '..' directory: skipping {q(p)}")
            status = 1
            continue
        if recursive and cmd.abspath(p) == "/" and "--no-preserve-root" not in o:
            if not bb:
                cmd.err("it is dangerous to operate recursively on '/'")
                cmd.err("use --no-preserve-root to override this failsafe")
                status = 1
                continue
        remove(p)
    return status


# ====================================================================== cp / mv
def _same_or_inside(src_abs: str, dst_abs: str) -> bool:
    return dst_abs == src_abs or dst_abs.startswith(src_abs.rstrip("/") + "/")


def copy_path(cmd: Cmd, src: str, dst: str, recursive: bool, preserve: bool, deref_top: bool,
              deref_all: bool, no_clobber: bool, report, verbose: bool = False,
              keep_owner: bool | None = None) -> bool:
    """Copy ``src`` to the exact path ``dst``.  File contents are shared blobs.  Returns
    False after reporting a failure through ``report(kind, path, exc)``."""
    fs = cmd.fs
    try:
        cmd.access.traverse(src, cmd.cwd)
        st = fs.stat(src, cwd=cmd.cwd) if deref_top else fs.lstat(src, cwd=cmd.cwd)
    except FSError as e:
        report("stat", src, e)
        return False
    owner = preserve if keep_owner is None else keep_owner
    uid = st.uid if (owner and cmd.uid == 0) else cmd.uid
    gid = st.gid if (owner and cmd.uid == 0) else cmd.gid
    try:
        dst_st = fs.lstat(dst, cwd=cmd.cwd)
    except FSError:
        dst_st = None
    if st.is_dir:
        if not recursive:
            report("omit", src, None)
            return False
        if _same_or_inside(fs.realpath(src, cwd=cmd.cwd), cmd.abspath(dst)) and \
                cmd.abspath(dst) != fs.realpath(src, cwd=cmd.cwd):
            report("into", (src, dst), None)
            return False
        try:
            if dst_st is None:
                cmd.access.can_create(dst, cmd.cwd)
                fs.mkdir(dst, mode=(st.perm if preserve else st.perm & ~cmd.umask) | 0o700,
                         uid=uid, gid=gid, cwd=cmd.cwd)
            elif not fs.isdir(dst, cwd=cmd.cwd):
                report("dir_over_file", (src, dst), None)
                return False
            if not cmd.access.allowed(st, R | X):
                raise FSError(EACCES, src)
            names = fs.listdir(src, cwd=cmd.cwd)
        except FSError as e:
            report("create", dst, e)
            return False
        if verbose:
            cmd.write(f"{q(src)} -> {q(dst)}\n")
        ok = True
        for n in names:
            if not copy_path(cmd, _child(src, n), _child(dst, n), recursive, preserve,
                             deref_all, deref_all, no_clobber, report, verbose, keep_owner):
                ok = False
        try:
            if dst_st is None or preserve:
                fs.chmod(dst, st.perm if preserve else (st.perm & ~cmd.umask), cwd=cmd.cwd)
            if preserve:
                if cmd.uid == 0:
                    fs.chown(dst, uid, gid, cwd=cmd.cwd)
                fs.utime(dst, st.mtime, cwd=cmd.cwd)
        except FSError:
            pass
        return ok
    if dst_st is not None and no_clobber:
        return True
    if dst_st is not None and dst_st.is_dir and not st.is_dir:
        report("file_over_dir", (src, dst), None)
        return False
    try:
        if st.is_symlink:
            if dst_st is not None:
                cmd.access.can_delete(dst, cmd.cwd)
                fs.unlink(dst, cwd=cmd.cwd)
            cmd.access.can_create(dst, cmd.cwd)
            fs.symlink(st.target, dst, uid=uid, gid=gid, cwd=cmd.cwd)
            if preserve:
                fs.utime(dst, st.mtime, follow=False, cwd=cmd.cwd)
        elif st.is_file:
            if not cmd.access.allowed(st, R):
                raise _ReadDenied(src)
            blob = fs.read_blob(src, cwd=cmd.cwd)
            if dst_st is not None:
                try:
                    same = fs.stat(dst, cwd=cmd.cwd).ino == st.ino and \
                        fs.realpath(dst, cwd=cmd.cwd) == fs.realpath(src, cwd=cmd.cwd)
                except FSError:
                    same = False
                if same:
                    report("same", (src, dst), None)
                    return False
                if not cmd.access.allowed(fs.stat(dst, cwd=cmd.cwd), W):
                    raise FSError(EACCES, dst)
                fs.write(dst, blob, cwd=cmd.cwd)
            else:
                cmd.access.can_create(dst, cmd.cwd)
                fs.write(dst, blob, mode=st.perm & ~cmd.umask if not preserve else st.perm,
                         uid=uid, gid=gid, cwd=cmd.cwd)
            if preserve:
                fs.chmod(dst, st.perm, cwd=cmd.cwd)
                if cmd.uid == 0:
                    fs.chown(dst, uid, gid, cwd=cmd.cwd)
                fs.utime(dst, st.mtime, cwd=cmd.cwd)
        else:
            if dst_st is not None:
                fs.unlink(dst, cwd=cmd.cwd)
            fs.mknod(dst, st.mode, st.rdev, uid=uid, gid=gid, cwd=cmd.cwd)
        if verbose:
            cmd.write(f"{q(src)} -> {q(dst)}\n")
    except _ReadDenied:
        report("open", src, FSError(EACCES, src))
        return False
    except FSError as e:
        report("create", dst, e)
        return False
    return True


class _ReadDenied(Exception):
    pass


def _cp_reporter(cmd: Cmd):
    bb = cmd.busybox

    def report(kind, path, e):
        if kind == "stat":
            cmd.err(f"can't stat {q(path)}: {_msg(e)}" if bb
                    else f"cannot stat {q(path)}: {_msg(e)}")
        elif kind == "omit":
            cmd.err(f"omitting directory {q(path)}" if bb
                    else f"-r not specified; omitting directory {q(path)}")
        elif kind == "into":
            s, d = path
            cmd.err(f"cannot copy a directory, {q(s)}, into itself, {q(d)}")
        elif kind == "same":
            s, d = path
            cmd.err(f"{q(s)} and {q(d)} are the same file")
        elif kind == "open":
            cmd.err(f"can't open {q(path)}: {_msg(e)}" if bb
                    else f"cannot open {q(path)} for reading: {_msg(e)}")
        elif kind == "dir_over_file":
            s, d = path
            cmd.err(f"cannot overwrite non-directory {q(d)} with directory {q(s)}")
        elif kind == "file_over_dir":
            s, d = path
            cmd.err(f"cannot overwrite directory {q(d)} with non-directory")
        elif _code(e) == ENOSPC:        # the copy started and did not fit
            cmd.err(f"write error: {_msg(e)}" if bb else f"error writing {q(path)}: {_msg(e)}")
        else:
            if bb:
                cmd.err(f"can't create {q(path)}: {_msg(e)}")
            elif _code(e) == EISDIR:
                cmd.err(f"cannot overwrite directory {q(path)} with non-directory")
            else:
                cmd.err(f"cannot create regular file {q(path)}: {_msg(e)}")
    return report


def _target_and_sources(cmd: Cmd, opts, operands):
    """cp/mv operands: ``(target, sources, target_is_dir)`` from ``-t DIR``/``-T`` or the last
    operand; None (after the usage message) when there is nothing to copy or move."""
    target = None
    for k, v in opts:
        if k in ("-t", "--target-directory"):
            target = v
    no_target = any(k in ("-T", "--no-target-directory") for k, _ in opts)
    if target is None and len(operands) < 2:
        if not operands:
            cmd.err("missing file operand")
        else:
            cmd.err(f"missing destination file operand after {q(operands[0])}")
        cmd.usage_hint()
        return None
    if target is None:
        target, sources = operands[-1], operands[:-1]
    else:
        sources = operands
    return target, sources, cmd.fs.isdir(target, cwd=cmd.cwd) and not no_target


@command("cp")
def cmd_cp(cmd: Cmd) -> int:
    opts, operands = cmd.getopt(
        "rRapfnvLPdHTt:iu",
        ["recursive", "archive", "preserve?", "force", "no-clobber", "verbose", "dereference",
         "no-dereference", "target-directory=", "no-target-directory", "interactive", "update",
         "parents"])
    o = {k for k, _ in opts}
    archive = bool(o & {"-a", "--archive"})
    recursive = archive or bool(o & {"-r", "-R", "--recursive"})
    preserve = archive or bool(o & {"-p", "--preserve"})
    no_clobber = bool(o & {"-n", "--no-clobber"})
    verbose = bool(o & {"-v", "--verbose"})
    deref_all = bool(o & {"-L", "--dereference"})
    no_deref = archive or bool(o & {"-P", "-d", "--no-dereference"})
    parsed = _target_and_sources(cmd, opts, operands)
    if parsed is None:
        return 1
    target, sources, is_dir = parsed
    report = _cp_reporter(cmd)
    if len(sources) > 1 and not is_dir:
        cmd.err(f"target {q(target)} is not a directory")
        return 1
    status = 0
    deref_top = deref_all or (not no_deref and not recursive) or ("-H" in o)
    for s in sources:
        dst = _child(target, _base(s)) if is_dir else target
        if not copy_path(cmd, s, dst, recursive, preserve, deref_top,
                         deref_all, no_clobber, report, verbose):
            status = 1
    return status


def move_path(cmd: Cmd, src: str, dst: str, report) -> bool:
    fs = cmd.fs
    try:
        cmd.access.traverse(src, cmd.cwd)
        st = fs.lstat(src, cwd=cmd.cwd)
    except FSError as e:
        report("stat", src, e)
        return False
    try:
        dst_st = fs.lstat(dst, cwd=cmd.cwd)
    except FSError:
        dst_st = None
    if dst_st is not None:
        if dst_st.is_dir and not st.is_dir:
            report("file_over_dir", (src, dst), None)
            return False
        if st.is_dir and not dst_st.is_dir:
            report("dir_over_file", (src, dst), None)
            return False
    sa, da = cmd.abspath(src), cmd.abspath(dst)
    if st.is_dir and da.startswith(sa.rstrip("/") + "/"):
        report("into", (src, dst), None)
        return False
    try:
        cmd.access.can_delete(src, cmd.cwd)
        if dst_st is not None:
            cmd.access.can_delete(dst, cmd.cwd)
        else:
            cmd.access.can_create(dst, cmd.cwd)
        fs.rename(src, dst, cwd=cmd.cwd)
        return True
    except FSError as e:
        if _code(e) != EXDEV:
            report("move", (src, dst), e)
            return False
    # EXDEV (another mount, or a folder of a lower overlay layer): copy, then delete
    if dst_st is not None and dst_st.is_dir:
        try:
            if fs.listdir(dst, cwd=cmd.cwd):
                report("move", (src, dst), FSError(ENOTEMPTY, dst))
                return False
            fs.rmdir(dst, cwd=cmd.cwd)
        except FSError as e:
            report("move", (src, dst), e)
            return False
    ok = copy_path(cmd, src, dst, True, True, False, False, False, report, keep_owner=True)
    if not ok:
        return False
    try:
        if st.is_dir:
            fs.remove_tree(src, cwd=cmd.cwd)
        else:
            fs.unlink(src, cwd=cmd.cwd)
    except FSError as e:
        report("remove", src, e)
        return False
    return True


@command("mv")
def cmd_mv(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("fnivTt:u", ["force", "no-clobber", "interactive", "verbose",
                                             "target-directory=", "no-target-directory",
                                             "update"])
    o = {k for k, _ in opts}
    no_clobber = bool(o & {"-n", "--no-clobber"})
    verbose = bool(o & {"-v", "--verbose"})
    parsed = _target_and_sources(cmd, opts, operands)
    if parsed is None:
        return 1
    target, sources, is_dir = parsed
    bb = cmd.busybox
    if len(sources) > 1 and not is_dir:
        cmd.err(f"target {q(target)} is not a directory" if not bb
                else f"'{target}' is not a directory")
        return 1

    def report(kind, path, e):
        if kind == "stat":
            cmd.err(f"can't rename {q(path)}: {_msg(e)}" if bb
                    else f"cannot stat {q(path)}: {_msg(e)}")
        elif kind == "move":
            s, d = path
            cmd.err(f"can't rename {q(s)}: {_msg(e)}" if bb
                    else f"cannot move {q(s)} to {q(d)}: {_msg(e)}")
        elif kind == "into":
            s, d = path
            cmd.err(f"cannot move {q(s)} to a subdirectory of itself, {q(d)}")
        elif kind == "remove":
            cmd.err(f"can't remove {q(path)}: {_msg(e)}" if bb else f"cannot remove {q(path)}: {_msg(e)}")
        else:
            _cp_reporter(cmd)(kind, path, e)

    status = 0
    for s in sources:
        dst = _child(target, _base(s)) if is_dir else target
        if no_clobber and cmd.fs.exists(dst, follow=False, cwd=cmd.cwd):
            continue
        if cmd.abspath(s) == cmd.abspath(dst):
            if not bb:
                cmd.err(f"{q(s)} and {q(dst)} are the same file")
                status = 1
            continue
        if not move_path(cmd, s, dst, report):
            status = 1
        elif verbose:
            cmd.write(f"renamed {q(s)} -> {q(dst)}\n")
    return status


# ====================================================================== ln
def hardlink(fs, src: str, dst: str, cwd: str) -> None:
    """A hard link where the filesystem supports it (a host tree, or a mount of one)."""
    from ...fs.namespace import MountNamespace
    if hasattr(fs, "link"):
        fs.link(normpath(src, cwd), normpath(dst, cwd))
        return
    if isinstance(fs, MountNamespace):
        sp = fs.resolve(src, follow=False, cwd=cwd)
        dp = fs.resolve(dst, follow=False, cwd=cwd)
        f1, r1, m1 = fs._route(sp)
        f2, r2, m2 = fs._route(dp)
        if m1 is not m2:
            raise FSError(EXDEV, dst)
        hardlink(f1, join(r1), join(r2), "/")
        return
    raise FSError(EPERM, dst)


@command("ln")
def cmd_ln(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("sfnvTrL", ["symbolic", "force", "no-dereference", "verbose",
                                            "no-target-directory", "relative", "logical"])
    o = {k for k, _ in opts}
    symbolic = bool(o & {"-s", "--symbolic"})
    force = bool(o & {"-f", "--force"})
    no_deref = bool(o & {"-n", "--no-dereference", "-T", "--no-target-directory"})
    bb = cmd.busybox
    if not operands:
        cmd.err("missing file operand")
        cmd.usage_hint()
        return 1
    if len(operands) == 1:
        operands = operands + ["."]
    target = operands[-1]
    sources = operands[:-1]
    fs = cmd.fs
    is_dir = False
    try:
        if no_deref:
            is_dir = fs.lstat(target, cwd=cmd.cwd).is_dir
        else:
            is_dir = fs.isdir(target, cwd=cmd.cwd)
    except FSError:
        pass
    if len(sources) > 1 and not is_dir:
        cmd.err(f"target {q(target)} is not a directory")
        return 1
    status = 0
    for s in sources:
        dst = _child(target, _base(s)) if is_dir else target
        try:
            if not symbolic:
                sst = fs.lstat(s, cwd=cmd.cwd)
                if sst.is_dir:
                    cmd.err(f"{q(s)}: hard link not allowed for directory" if not bb
                            else f"{s}: Operation not permitted")
                    status = 1
                    continue
            if fs.exists(dst, follow=False, cwd=cmd.cwd):
                if not force:
                    raise FSError(EEXIST, dst)
                if fs.lstat(dst, cwd=cmd.cwd).is_dir:
                    raise FSError(EISDIR, dst)
                cmd.access.can_delete(dst, cmd.cwd)
                fs.unlink(dst, cwd=cmd.cwd)
            cmd.access.can_create(dst, cmd.cwd)
            if symbolic:
                fs.symlink(s, dst, uid=cmd.uid, gid=cmd.gid, cwd=cmd.cwd)
            else:
                hardlink(fs, s, dst, cmd.cwd)
            if "-v" in o or "--verbose" in o:
                cmd.write(f"{q(dst)} -> {q(s)}\n" if symbolic else f"{q(dst)} => {q(s)}\n")
        except FSError as e:
            status = 1
            if bb:
                cmd.err(f"{dst}: {_msg(e)}")
            elif symbolic:
                cmd.err(f"failed to create symbolic link {q(dst)}: {_msg(e)}")
            elif _code(e) == ENOENT and not fs.exists(s, follow=False, cwd=cmd.cwd):
                cmd.err(f"failed to access {q(s)}: {_msg(e)}")
            else:
                cmd.err(f"failed to create hard link {q(dst)} => {q(s)}: {_msg(e)}")
    return status


# ====================================================================== chmod / chown
def _walk_paths(cmd: Cmd, path: str, recursive: bool):
    """The path, then (with -R) everything below it, not following symlinks."""
    yield path
    if not recursive:
        return
    try:
        st = cmd.fs.lstat(path, cwd=cmd.cwd)
    except FSError:
        return
    if not st.is_dir:
        return
    try:
        names = cmd.fs.listdir(path, cwd=cmd.cwd)
    except FSError:
        return
    for n in names:
        yield from _walk_paths(cmd, _child(path, n), recursive)


def _change_failed(cmd: Cmd, what: str, path: str, e: FSError) -> None:
    """chmod/chown/chgrp could not change ``what`` (permissions, ownership, group) of
    ``path``: the message as busybox or coreutils words it."""
    if cmd.busybox:
        cmd.err(f"{path}: {_msg(e)}")
    elif _code(e) == EPERM:
        cmd.err(f"changing {what} of {q(path)}: {_msg(e)}")
    else:
        cmd.err(f"cannot access {q(path)}: {_msg(e)}")


@command("chmod")
def cmd_chmod(cmd: Cmd) -> int:
    args = list(cmd.args)
    recursive = False
    verbose = False
    rest = []
    mode_spec = None
    for a in args:
        if mode_spec is None and a in ("-R", "--recursive"):
            recursive = True
        elif mode_spec is None and a in ("-v", "--verbose", "-c", "--changes", "-f", "--silent",
                                         "--quiet"):
            verbose = verbose or a in ("-v", "--verbose")
        elif mode_spec is None and a.startswith("-") and len(a) > 1 and \
                all(c in "Rvcf" for c in a[1:]):
            recursive = recursive or "R" in a
        elif mode_spec is None:
            mode_spec = a
        else:
            rest.append(a)
    if mode_spec is None:
        cmd.err("missing operand")
        cmd.usage_hint()
        return 1
    if not rest:
        cmd.err(f"missing operand after {q(mode_spec)}")
        cmd.usage_hint()
        return 1
    try:
        parse_chmod(mode_spec, 0o644, False, cmd.umask)
    except ValueError:
        cmd.err(f"invalid mode: {q(mode_spec)}" if not cmd.busybox
                else f"invalid mode '{mode_spec}'")
        cmd.usage_hint()
        return 1
    status = 0
    for p in rest:
        for path in _walk_paths(cmd, p, recursive):
            try:
                lst = cmd.fs.lstat(path, cwd=cmd.cwd)
                if lst.is_symlink and path != p:
                    continue
                cmd.access.traverse(path, cmd.cwd)
                st = cmd.fs.stat(path, cwd=cmd.cwd)
                new = parse_chmod(mode_spec, st.mode & 0o7777, st.is_dir, cmd.umask,
                                  gnu=not cmd.busybox)
                if not cmd.access.owner_or_root(st):
                    raise FSError(EPERM, path)
                cmd.fs.chmod(path, new, cwd=cmd.cwd)
                if verbose:
                    cmd.write(f"mode of {q(path)} changed from {st.mode & 0o7777:04o} "
                              f"({mode_string(st.mode)[1:]}) to {new:04o} "
                              f"({mode_string((st.mode & ~0o7777) | new)[1:]})\n")
            except FSError as e:
                status = 1
                _change_failed(cmd, "permissions", path, e)
    return status


def parse_owner(cmd: Cmd, spec: str, group_only: bool = False):
    """``user[:group]`` → (uid|None, gid|None); raises UsageError-like messages."""
    bb = cmd.busybox
    if group_only:
        user, grp = "", spec
        sep = ":"
    else:
        if ":" in spec:
            user, sep, grp = spec.partition(":")
        elif "." in spec and not cmd.users.user_by_name(spec):
            user, sep, grp = spec.partition(".")
        else:
            user, sep, grp = spec, "", ""
    uid = gid = None
    if user:
        u = cmd.users.user_by_name(user)
        if u is not None:
            uid = u.uid
        elif user.isdigit():
            uid = int(user)
        else:
            raise CmdExitMsg(f"unknown user {user}" if bb else f"invalid user: {q(spec)}")
        if sep and not grp:
            gid = u.gid if u is not None else None
    if grp:
        g = cmd.users.group_by_name(grp)
        if g is not None:
            gid = g.gid
        elif grp.isdigit():
            gid = int(grp)
        else:
            if group_only:
                raise CmdExitMsg(f"unknown group {grp}" if bb else f"invalid group: {q(grp)}")
            raise CmdExitMsg(f"unknown group {grp}" if bb else f"invalid group: {q(spec)}")
    return uid, gid


class CmdExitMsg(Exception):
    pass


@command("chown", "chgrp")
def cmd_chown(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("RhvcfHLP", ["recursive", "no-dereference", "verbose",
                                             "changes", "silent", "quiet", "reference=",
                                             "dereference", "from="])
    o = {k for k, _ in opts}
    recursive = bool(o & {"-R", "--recursive"})
    no_deref = bool(o & {"-h", "--no-dereference"})
    chgrp = cmd.prog == "chgrp"
    if len(operands) < 2:
        cmd.err("missing operand" if not operands else f"missing operand after {q(operands[0])}")
        cmd.usage_hint()
        return 1
    try:
        uid, gid = parse_owner(cmd, operands[0], group_only=chgrp)
    except CmdExitMsg as e:
        cmd.err(str(e))
        return 1
    status = 0
    for p in operands[1:]:
        for path in _walk_paths(cmd, p, recursive):
            try:
                cmd.access.traverse(path, cmd.cwd)
                follow = not no_deref and path == p
                st = cmd.fs.stat(path, cwd=cmd.cwd) if follow else cmd.fs.lstat(path, cwd=cmd.cwd)
                if cmd.uid != 0:
                    ok = st.uid == cmd.uid and (uid is None or uid == st.uid) and \
                        (gid is None or gid in cmd.access.groups)
                    if not ok:
                        raise FSError(EPERM, path)
                cmd.fs.chown(path, uid, gid, follow=follow, cwd=cmd.cwd)
                if st.is_file and st.mode & 0o6000 and cmd.uid != 0:
                    cmd.fs.chmod(path, st.mode & 0o1777, cwd=cmd.cwd)
            except FSError as e:
                status = 1
                _change_failed(cmd, "group" if chgrp else "ownership", path, e)
    return status


# ====================================================================== stat
def _stat_format(cmd: Cmd, fmt: str, path: str, st, printf: bool = False) -> str:
    out = []
    i = 0
    users = cmd.users
    while i < len(fmt):
        c = fmt[i]
        if c == "\\" and printf and i + 1 < len(fmt):
            from .shellcmds import unescape_echo
            m = fmt[i:i + 2]
            out.append(unescape_echo(m)[0])
            i += 2
            continue
        if c != "%" or i + 1 >= len(fmt):
            out.append(c)
            i += 1
            continue
        j = i + 1
        while j < len(fmt) and fmt[j] in "-+#0 '0123456789.":
            j += 1
        flags = fmt[i + 1:j]
        d = fmt[j] if j < len(fmt) else ""
        i = j + 1
        val: object
        if d == "s":
            val = st.size
        elif d == "n":
            val = path
        elif d == "N":
            val = f"'{path}'" + (f" -> '{st.target}'" if st.is_symlink else "")
        elif d == "a":
            val = f"{st.mode & 0o7777:o}"
        elif d == "A":
            val = mode_string(st.mode)
        elif d == "U":
            val = users.uname(st.uid)
        elif d == "G":
            val = users.gname(st.gid)
        elif d == "u":
            val = st.uid
        elif d == "g":
            val = st.gid
        elif d == "F":
            val = file_type_name(st)
        elif d == "f":
            val = f"{st.mode:x}"
        elif d == "i":
            val = st.ino
        elif d == "h":
            val = dir_nlink(cmd.fs, path, st, cmd.cwd)
        elif d == "b":
            val = st.blocks
        elif d == "B":
            val = 512
        elif d == "o":
            val = 4096
        elif d in ("Y", "X", "Z"):
            val = int(st.mtime)
        elif d in ("y", "x", "z"):
            val = full_time(st.mtime)
        elif d == "w":
            val = "-"
        elif d == "W":
            val = 0
        elif d == "d":
            val = 52
        elif d == "D":
            val = "34"
        elif d == "t":
            val = f"{(st.rdev >> 8) & 0xFFF:x}"
        elif d == "T":
            val = f"{st.rdev & 0xFF:x}"
        elif d == "m":
            val = "/"
        elif d == "%":
            val = "%"
        else:
            val = "?" + d
        if flags and d != "%":
            try:
                out.append(("%" + flags + ("d" if isinstance(val, int) else "s")) % val)
                continue
            except (TypeError, ValueError):
                pass
        out.append(str(val))
    return "".join(out)


@command("stat")
def cmd_stat(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("c:Lft", ["format=", "printf=", "dereference", "terse",
                                          "file-system"])
    fmt = None
    printf = False
    deref = False
    for k, v in opts:
        if k in ("-c", "--format"):
            fmt = v
        elif k == "--printf":
            fmt, printf = v, True
        elif k in ("-L", "--dereference"):
            deref = True
    if not operands:
        cmd.err("missing operand")
        cmd.usage_hint()
        return 1
    bb = cmd.busybox
    status = 0
    for p in operands:
        try:
            cmd.access.traverse(p, cmd.cwd)
            st = cmd.fs.stat(p, cwd=cmd.cwd) if deref else cmd.fs.lstat(p, cwd=cmd.cwd)
        except FSError as e:
            cmd.err(f"can't stat '{p}': {_msg(e)}" if bb
                    else f"cannot statx {q(p)}: {_msg(e)}")
            status = 1
            continue
        if fmt is not None:
            cmd.write(_stat_format(cmd, fmt, p, st, printf) + ("" if printf else "\n"))
            continue
        users = cmd.users
        if st.is_symlink:
            name = f"'{p}' -> '{st.target}'" if bb else f"{p} -> {st.target}"
        else:
            name = p
        ftype = file_type_name(st)
        dev = "Device: 34h/52d" if bb else "Device: 0,52"
        lines = [
            f"  File: {name}",
            f"  Size: {st.size:<10}\tBlocks: {st.blocks:<10} IO Block: 4096   {ftype}",
            f"{dev}\tInode: {st.ino:<11} Links: {dir_nlink(cmd.fs, p, st, cmd.cwd)}"
            + (f"     Device type: {(st.rdev >> 8) & 0xFFF},{st.rdev & 0xFF}"
               if st.is_chardev and not bb else ""),
            f"Access: ({st.mode & 0o7777:04o}/{mode_string(st.mode)})  "
            f"Uid: ({st.uid:5d}/{users.uname(st.uid):>8})   "
            f"Gid: ({st.gid:5d}/{users.gname(st.gid):>8})",
            f"Access: {full_time(st.mtime)}",
            f"Modify: {full_time(st.mtime)}",
            f"Change: {full_time(st.mtime)}",
        ]
        if not bb:
            lines.append(" Birth: -")
        cmd.write("\n".join(lines) + "\n")
    return status


# ====================================================================== readlink / realpath
@command("readlink")
def cmd_readlink(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("femnqsvz", ["canonicalize", "canonicalize-existing",
                                             "canonicalize-missing", "no-newline", "quiet",
                                             "silent", "verbose", "zero"])
    o = {k for k, _ in opts}
    canon = o & {"-f", "-e", "-m", "--canonicalize", "--canonicalize-existing",
                 "--canonicalize-missing"}
    nl = "" if (o & {"-n", "--no-newline"}) else "\n"
    verbose = bool(o & {"-v", "--verbose"})
    if not operands:
        cmd.err("missing operand")
        cmd.usage_hint()
        return 1
    status = 0
    for p in operands:
        try:
            if canon:
                mode = "e" if o & {"-e", "--canonicalize-existing"} else \
                    ("m" if o & {"-m", "--canonicalize-missing"} else "f")
                cmd.write(_canonical(cmd, p, mode) + nl)
            else:
                cmd.write(cmd.fs.readlink(p, cwd=cmd.cwd) + nl)
        except FSError as e:
            status = 1
            if verbose:
                cmd.err(f"{p}: {_msg(e)}")
    return status


def _canonical(cmd: Cmd, p: str, mode: str = "f") -> str:
    """readlink -f (all but the last component must exist), -e (all), -m (none)."""
    fs = cmd.fs
    if mode == "m":
        try:
            return fs.realpath(p, cwd=cmd.cwd)
        except FSError:
            return normpath(p, cmd.cwd)
    parts = fs.resolve(p, cwd=cmd.cwd)
    path = join(parts)
    if mode == "e" and not fs.exists(path):
        raise FSError(ENOENT, p)
    if mode == "f":
        parent = join(parts[:-1])
        if not fs.isdir(parent):
            raise FSError(ENOENT, p)
    return path


@command("realpath")
def cmd_realpath(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("emsqz", ["canonicalize-existing", "canonicalize-missing",
                                          "no-symlinks", "quiet", "relative-to=", "strip"])
    o = {k for k, _ in opts}
    if not operands:
        cmd.err("missing operand")
        cmd.usage_hint()
        return 1
    status = 0
    for p in operands:
        try:
            if o & {"-s", "--no-symlinks", "--strip"}:
                cmd.write(normpath(p, cmd.cwd) + "\n")
                continue
            mode = "m" if o & {"-m", "--canonicalize-missing"} else \
                ("e" if o & {"-e", "--canonicalize-existing"} else "f")
            cmd.write(_canonical(cmd, p, mode) + "\n")
        except FSError as e:
            status = 1
            if not o & {"-q", "--quiet"}:
                cmd.err(f"{p}: {_msg(e)}")
    return status


# ====================================================================== basename / dirname
@command("basename")
def cmd_basename(cmd: Cmd) -> int:
    args = list(cmd.args)
    multi = False
    suffix = None
    zero = False
    while args and args[0].startswith("-") and len(args[0]) > 1:
        a = args.pop(0)
        if a == "--":
            break
        if a in ("-a", "--multiple"):
            multi = True
        elif a == "-s":
            suffix = args.pop(0) if args else ""
            multi = True
        elif a.startswith("--suffix="):
            suffix = a.split("=", 1)[1]
            multi = True
        elif a == "-z":
            zero = True
        else:
            raise UsageError(f"invalid option -- '{a[1:2]}'")
    if not args:
        cmd.err("missing operand")
        cmd.usage_hint()
        return 1
    if not multi:
        if len(args) > 2:
            cmd.err(f"extra operand {q(args[2])}")
            cmd.usage_hint()
            return 1
        if len(args) == 2:
            suffix = args[1]
        args = args[:1]
    end = "\0" if zero else "\n"
    for a in args:
        s = a.rstrip("/")
        b = "/" if (not s and a.startswith("/")) else s.rsplit("/", 1)[-1]
        if suffix and b.endswith(suffix) and b != suffix:
            b = b[:-len(suffix)]
        cmd.write(b + end)
    return 0


@command("dirname")
def cmd_dirname(cmd: Cmd) -> int:
    args = [a for a in cmd.args if a not in ("--", "-z", "--zero")]
    if not args:
        cmd.err("missing operand")
        cmd.usage_hint()
        return 1
    for a in args:
        s = a.rstrip("/")
        if not s:
            d = "/" if a.startswith("/") else "."
        elif "/" not in s:
            d = "."
        else:
            d = s.rsplit("/", 1)[0].rstrip("/") or "/"
        cmd.write(d + "\n")
    return 0


# ====================================================================== mktemp
@command("mktemp")
def cmd_mktemp(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("dqup:t", ["directory", "quiet", "dry-run", "tmpdir?",
                                           "suffix="])
    o = {k for k, _ in opts}
    directory = bool(o & {"-d", "--directory"})
    dry = bool(o & {"-u", "--dry-run"})
    tmpdir = None
    suffix = ""
    for k, v in opts:
        if k in ("-p", "--tmpdir"):
            tmpdir = v or cmd.env.get("TMPDIR") or "/tmp"
        elif k == "--suffix":
            suffix = v
    xs = "XXXXXX" if cmd.busybox else "XXXXXXXXXX"
    template = operands[0] if operands else f"tmp.{xs}"
    if operands and "-t" in o:
        tmpdir = tmpdir or cmd.env.get("TMPDIR") or "/tmp"
    if not operands:
        tmpdir = tmpdir or cmd.env.get("TMPDIR") or "/tmp"
    n = len(template) - len(template.rstrip("X"))
    if n < 3:
        cmd.err(f"too few X's in template {q(template)}")
        return 1
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    for attempt in range(100):
        seed = hashlib.sha256(f"{cmd.now()}:{cmd.sh.counter[0]}:{attempt}:{template}".encode())
        h = seed.digest()
        rnd = "".join(alphabet[b % len(alphabet)] for b in h[:n])
        name = template[:len(template) - n] + rnd + suffix
        path = _child(tmpdir, name) if tmpdir else name
        if not cmd.fs.exists(path, follow=False, cwd=cmd.cwd):
            break
    try:
        if not dry:
            cmd.access.can_create(path, cmd.cwd)
            if directory:
                cmd.fs.mkdir(path, mode=0o700, uid=cmd.uid, gid=cmd.gid, cwd=cmd.cwd)
            else:
                cmd.fs.write(path, b"", mode=0o600, uid=cmd.uid, gid=cmd.gid, cwd=cmd.cwd)
    except FSError as e:
        if "-q" not in o:
            cmd.err(f"failed to create {'directory' if directory else 'file'} via template "
                    f"{q(path)}: {_msg(e)}")
        return 1
    cmd.write(path + "\n")
    return 0


# ====================================================================== install
@command("install")
def cmd_install(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("dm:o:g:vDcpsT", ["directory", "mode=", "owner=", "group=",
                                                  "verbose"])
    mode = 0o755
    owner = group = None
    directory = False
    make_parents = False
    for k, v in opts:
        if k in ("-m", "--mode"):
            mode = parse_chmod(v, 0o755, False, 0)
        elif k in ("-o", "--owner"):
            owner = v
        elif k in ("-g", "--group"):
            group = v
        elif k in ("-d", "--directory"):
            directory = True
        elif k == "-D":
            make_parents = True
    uid = gid = None
    try:
        if owner:
            uid, _ = parse_owner(cmd, owner)
        if group:
            _, gid = parse_owner(cmd, group, group_only=True)
    except CmdExitMsg as e:
        cmd.err(str(e))
        return 1
    fs = cmd.fs
    status = 0
    if directory:
        for p in operands:
            try:
                fs.mkdir(p, mode=mode, parents=True, uid=cmd.uid, gid=cmd.gid, cwd=cmd.cwd)
                fs.chmod(p, mode, cwd=cmd.cwd)
                if uid is not None or gid is not None:
                    fs.chown(p, uid, gid, cwd=cmd.cwd)
            except FSError as e:
                cmd.err(f"cannot create directory {q(p)}: {_msg(e)}")
                status = 1
        return status
    if len(operands) < 2:
        cmd.err("missing destination file operand after " + q(operands[0]) if operands
                else "missing file operand")
        return 1
    target = operands[-1]
    is_dir = fs.isdir(target, cwd=cmd.cwd)
    for s in operands[:-1]:
        dst = _child(target, _base(s)) if is_dir else target
        try:
            if make_parents:
                parent = normpath(dst, cmd.cwd).rsplit("/", 1)[0] or "/"
                fs.mkdir(parent, parents=True, uid=cmd.uid, gid=cmd.gid)
            blob = cmd.read_blob(s)
            fs.write(dst, blob, mode=mode, uid=cmd.uid, gid=cmd.gid, cwd=cmd.cwd)
            fs.chmod(dst, mode, cwd=cmd.cwd)
            if uid is not None or gid is not None:
                fs.chown(dst, uid, gid, cwd=cmd.cwd)
        except FSError as e:
            cmd.err(f"cannot stat {q(s)}: {_msg(e)}")
            status = 1
    return status
