"""tar, gzip/gunzip/zcat: real archive formats (Python's tarfile/gzip) on the simulated fs.
Archives are built in memory: inputs over 256 MiB are refused."""
from __future__ import annotations

import gzip as _gzip
import io
import lzma
import stat as _st
import tarfile
from pathlib import Path

from ...fs.base import normpath
from ...fs.errors import FSError
from ..streams import MEM_LIMIT, OutOfMemory
from .base import command, Cmd
from .messages import _msg


_LONG_OPTIONS = tuple(
    line for line in (Path(__file__).with_name("tar_long_options.txt")
                      .read_text(encoding="utf-8").splitlines())
    if line and not line.startswith("#"))


#: the long options that take a value
_LONG_VALUE = ("--file", "--directory", "--exclude", "--strip-components", "--owner", "--group",
               "--mode", "--transform", "--files-from")


class _TarUsage(Exception):
    """A long option GNU tar does not know, or an ambiguous prefix: its message."""


def _long_option(name: str) -> str:
    """``--strip`` → ``--strip-components``: GNU tar (argp) takes an exact long option or an
    unambiguous prefix of one (tar_long_options.txt)."""
    word = name[2:]
    if word in _LONG_OPTIONS:
        return name
    hits = [o for o in _LONG_OPTIONS if o.startswith(word)] if word else []
    if len(hits) == 1:
        return "--" + hits[0]
    if hits:
        raise _TarUsage(f"option '{name}' is ambiguous; possibilities: "
                        + " ".join(f"'--{o}'" for o in hits))
    raise _TarUsage(f"unrecognized option '{name}'")


def _split_tar_args(args: list[str]) -> tuple[list, list]:
    """Old-style ``tar xzf f`` → ``-x -z -f f``; returns (opts [(flag, value)], operands).
    Long options are written out in full (:func:`_long_option`)."""
    opts, operands = [], []
    takes = set("fCTXbN")
    i = 0
    if args and not args[0].startswith("-"):
        flags = args[0]
        i = 1
        for c in flags:
            if c in takes:
                opts.append(("-" + c, args[i] if i < len(args) else None))
                i += 1
            else:
                opts.append(("-" + c, None))
    while i < len(args):
        a = args[i]
        if a == "--":
            operands += args[i + 1:]
            break
        if a.startswith("--"):
            name, eq, val = a.partition("=")
            name = _long_option(name)
            if name in _LONG_VALUE and not eq:
                i += 1
                val = args[i] if i < len(args) else ""
            opts.append((name, val if (eq or name in _LONG_VALUE) else None))
        elif a.startswith("-") and len(a) > 1:
            j = 1
            while j < len(a):
                c = a[j]
                if c in takes:
                    val = a[j + 1:] or (args[i + 1] if i + 1 < len(args) else None)
                    if not a[j + 1:]:
                        i += 1
                    opts.append(("-" + c, val))
                    break
                opts.append(("-" + c, None))
                j += 1
        else:
            operands.append(a)
        i += 1
    return opts, operands


@command("tar")
def cmd_tar(cmd: Cmd) -> int:
    try:
        opts, operands = _split_tar_args(list(cmd.args))
    except _TarUsage as e:
        if cmd.busybox:
            cmd.err(f"{e}")
            cmd.usage_hint()
            return 1
        cmd.err(str(e))
        cmd.raw_err("Try 'tar --help' or 'tar --usage' for more information.\n")
        return 64
    mode = None
    archive = None
    comp = ""
    verbose = False
    chdir = None
    strip = 0
    excludes = []
    to_stdout = False
    keep_old = False
    numeric_owner = False
    for k, v in opts:
        if k in ("-c", "--create"):
            mode = "c"
        elif k in ("-x", "--extract", "--get"):
            mode = "x"
        elif k in ("-t", "--list"):
            mode = "t"
        elif k in ("-f", "--file"):
            archive = v
        elif k in ("-z", "--gzip", "--gunzip"):
            comp = "gz"
        elif k in ("-j", "--bzip2"):
            comp = "bz2"
        elif k in ("-J", "--xz"):
            comp = "xz"
        elif k in ("-v", "--verbose"):
            verbose = True
        elif k in ("-C", "--directory"):
            chdir = v
        elif k == "--strip-components":
            strip = int(v)
        elif k == "--exclude":
            excludes.append(v)
        elif k in ("-O", "--to-stdout"):
            to_stdout = True
        elif k in ("-k", "--keep-old-files"):
            keep_old = True
        elif k == "--numeric-owner":
            numeric_owner = True
    if mode is None:
        cmd.err("You must specify one of the '-Acdtrux', '--delete' or '--test-label' options"
                if not cmd.busybox else "need at least one of -c, -x or -t")
        cmd.usage_hint()
        return 2 if not cmd.busybox else 1
    base = normpath(chdir, cmd.cwd) if chdir else cmd.cwd
    if chdir and not cmd.fs.isdir(base):
        cmd.err(f"{chdir}: Cannot open: No such file or directory" if not cmd.busybox
                else f"can't change directory to '{chdir}': No such file or directory")
        return 2 if not cmd.busybox else 1
    if mode == "c":
        return _tar_create(cmd, archive, comp, base, operands, verbose, excludes)
    try:
        if archive in (None, "-"):
            data = cmd.stdin.read_all()
        else:
            blob = cmd.read_blob(archive)
            if blob.size > MEM_LIMIT:
                raise OutOfMemory()
            data = blob.read()
    except FSError as e:
        if cmd.busybox:
            cmd.err(f"can't open '{archive}': {_msg(e)}")
            return 1
        cmd.err(f"{archive}: Cannot open: {_msg(e)}")
        cmd.err("Error is not recoverable: exiting now")
        return 2
    try:
        tf = tarfile.open(fileobj=io.BytesIO(data), mode="r:*")
        members = tf.getmembers()
    except (tarfile.TarError, EOFError, OSError, lzma.LZMAError):
        if cmd.busybox:
            cmd.err("invalid tar magic")
            return 1
        cmd.err("This does not look like a tar archive")
        cmd.err("Exiting with failure status due to previous errors")
        return 2
    from ..patterns import fnmatch
    status = 0
    matched: set[str] = set()
    for m in members:
        name = m.name + "/" if m.isdir() and not m.name.endswith("/") else m.name
        parts = [p for p in name.split("/") if p not in ("", ".")]
        # operands name members as stored (GNU tar matches before --strip-components)
        stored = "/".join(parts)
        hits = [o for o in operands if stored == o.strip("/") or stored.startswith(o.strip("/") + "/")]
        if operands and not hits:
            continue
        matched.update(hits)
        if strip:
            if len(parts) <= strip:
                if verbose and cmd.busybox and mode == "x":   # busybox lists it all the same
                    cmd.write(name + "\n")
                continue
            parts = parts[strip:]
        rel = "/".join(parts)
        if any(fnmatch(rel, e) or fnmatch(rel.rsplit("/", 1)[-1], e) for e in excludes):
            continue
        if mode == "t":
            if verbose:
                from .util import mode_string
                import time as _t
                tm = _t.gmtime(m.mtime)
                typ = {tarfile.DIRTYPE: _st.S_IFDIR, tarfile.SYMTYPE: _st.S_IFLNK}.get(
                    m.type, _st.S_IFREG)
                owner = f"{m.uname or m.uid}/{m.gname or m.gid}"
                link = f" -> {m.linkname}" if m.issym() else (f" link to {m.linkname}"
                                                               if m.islnk() else "")
                cmd.write(f"{mode_string(typ | m.mode)} {owner} {m.size:>8} "
                          f"{_t.strftime('%Y-%m-%d %H:%M', tm)} {name}{link}\n")
            else:
                cmd.write(name + "\n")
            continue
        if not rel:
            continue
        dest = base.rstrip("/") + "/" + rel
        if verbose:
            cmd.write(name + "\n")
        try:
            if to_stdout:
                if m.isfile():
                    cmd.write(tf.extractfile(m).read())
                continue
            parent = dest.rsplit("/", 1)[0] or "/"
            if not cmd.fs.isdir(parent):
                cmd.fs.mkdir(parent, parents=True, uid=cmd.uid, gid=cmd.gid)
            uid = m.uid if cmd.uid == 0 else cmd.uid
            gid = m.gid if cmd.uid == 0 else cmd.gid
            if not numeric_owner and cmd.uid == 0:
                u = cmd.users.user_by_name(m.uname) if m.uname else None
                g = cmd.users.group_by_name(m.gname) if m.gname else None
                uid = u.uid if u else uid
                gid = g.gid if g else gid
            exists = cmd.fs.exists(dest, follow=False)
            if keep_old and exists and not m.isdir():
                continue
            if m.isdir():
                if not cmd.fs.isdir(dest):
                    if exists:
                        cmd.fs.unlink(dest)
                    cmd.fs.mkdir(dest, mode=m.mode, uid=uid, gid=gid)
                cmd.fs.chmod(dest, m.mode if cmd.uid == 0 else m.mode & ~cmd.umask)
                cmd.fs.chown(dest, uid, gid)
                cmd.fs.utime(dest, m.mtime)
            elif m.issym():
                if exists:
                    cmd.fs.unlink(dest)
                cmd.fs.symlink(m.linkname, dest, uid=uid, gid=gid)
            elif m.islnk():
                from .files import hardlink
                lparts = [p for p in m.linkname.split("/") if p not in ("", ".")][strip:]
                if exists:
                    cmd.fs.unlink(dest)
                hardlink(cmd.fs, base.rstrip("/") + "/" + "/".join(lparts), dest, "/")
            elif m.isfile():
                content = tf.extractfile(m).read()
                if exists and cmd.fs.lstat(dest).is_symlink:
                    cmd.fs.unlink(dest)
                cmd.fs.write(dest, content, mode=m.mode, uid=uid, gid=gid)
                cmd.fs.chmod(dest, m.mode if cmd.uid == 0 else m.mode & ~cmd.umask)
                cmd.fs.chown(dest, uid, gid)
                cmd.fs.utime(dest, m.mtime)
        except FSError as e:
            cmd.err(f"{name}: Cannot open: {_msg(e)}" if not cmd.busybox else f"{name}: {_msg(e)}")
            status = 2 if not cmd.busybox else 1
    missing = [o for o in operands if o not in matched]
    for o in missing:
        cmd.err(f"{o}: {'not' if cmd.busybox else 'Not'} found in archive")
    if missing:
        if not cmd.busybox:
            cmd.err("Exiting with failure status due to previous errors")
        status = 2 if not cmd.busybox else 1
    return status


def _tar_create(cmd: Cmd, archive, comp, base, operands, verbose, excludes) -> int:
    from ..patterns import fnmatch
    if not operands:
        cmd.err("Cowardly refusing to create an empty archive" if not cmd.busybox
                else "empty archive")
        cmd.usage_hint()
        return 2 if not cmd.busybox else 1
    buf = io.BytesIO()
    mode = {"": "w", "gz": "w:gz", "bz2": "w:bz2", "xz": "w:xz"}[comp]
    tf = tarfile.open(fileobj=buf, mode=mode, format=tarfile.GNU_FORMAT)
    total = [0]
    status = 0
    users = cmd.users

    def add(path_rel: str):
        nonlocal status
        full = normpath(path_rel, base)
        try:
            st = cmd.fs.lstat(full)
        except FSError as e:
            cmd.err(f"{path_rel}: Cannot stat: {_msg(e)}" if not cmd.busybox
                    else f"{path_rel}: {_msg(e)}")
            status = 2 if not cmd.busybox else 1
            return
        arcname = path_rel.lstrip("/") if path_rel.startswith("/") else path_rel
        if any(fnmatch(arcname, e) or fnmatch(arcname.rsplit("/", 1)[-1], e) for e in excludes):
            return
        if path_rel.startswith("/") and not getattr(cmd, "_warned_abs", False):
            cmd._warned_abs = True
            # (busybox archival/tar.c and GNU tar both say it, once, in their own words)
            cmd.err("removing leading '/' from member names" if cmd.busybox
                    else "Removing leading `/' from member names")
        ti = tarfile.TarInfo(arcname + ("/" if st.is_dir and not arcname.endswith("/") else "")
                             if st.is_dir else arcname)
        ti.mode = st.mode & 0o7777
        ti.uid, ti.gid = st.uid, st.gid
        ti.uname, ti.gname = users.uname(st.uid), users.gname(st.gid)
        if ti.uname.isdigit():
            ti.uname = ""
        if ti.gname.isdigit():
            ti.gname = ""
        ti.mtime = int(st.mtime)
        if verbose:
            cmd.write(ti.name + "\n") if archive not in (None, "-") else \
                cmd.raw_err(ti.name + "\n")
        if st.is_dir:
            ti.type = tarfile.DIRTYPE
            tf.addfile(ti)
            for n in cmd.fs.listdir(full):
                add(path_rel.rstrip("/") + "/" + n if path_rel not in (".",) else "./" + n)
        elif st.is_symlink:
            ti.type = tarfile.SYMTYPE
            ti.linkname = st.target
            tf.addfile(ti)
        elif st.is_file:
            total[0] += st.size
            if total[0] > MEM_LIMIT:
                raise OutOfMemory()
            data = cmd.fs.read_blob(full).read()
            ti.size = len(data)
            tf.addfile(ti, io.BytesIO(data))
        elif st.is_chardev:
            ti.type = tarfile.CHRTYPE
            ti.devmajor, ti.devminor = (st.rdev >> 8) & 0xFFF, st.rdev & 0xFF
            tf.addfile(ti)

    for op in operands:
        add(op)
    tf.close()
    data = buf.getvalue()
    if archive in (None, "-"):
        cmd.write(data)
    else:
        try:
            sink = cmd.open_write(archive)
            sink.write(data)
            sink.close()
        except FSError as e:
            cmd.err(f"{archive}: Cannot open: {_msg(e)}" if not cmd.busybox
                    else f"can't open '{archive}': {_msg(e)}")
            return 2 if not cmd.busybox else 1
    return status


@command("gzip", "gunzip", "zcat")
def cmd_gzip(cmd: Cmd) -> int:
    opts, operands = cmd.getopt("dcfkqrvtn123456789", ["decompress", "stdout", "to-stdout",
                                                       "force", "keep", "quiet", "verbose",
                                                       "test", "best", "fast"])
    o = {k for k, _ in opts}
    decompress = bool(o & {"-d", "--decompress"}) or cmd.prog in ("gunzip", "zcat")
    to_stdout = bool(o & {"-c", "--stdout", "--to-stdout"}) or cmd.prog == "zcat"
    keep = bool(o & {"-k", "--keep"})
    level = 6
    for k, _ in opts:
        if k[1:].isdigit():
            level = int(k[1:])
    status = 0
    if not operands:
        data = cmd.stdin.read_all()
        try:
            cmd.write(_gzip.decompress(data) if decompress else
                      _gzip.compress(data, compresslevel=level, mtime=0))
        except (OSError, EOFError):
            cmd.err("stdin: not in gzip format" if not cmd.busybox else "invalid magic")
            return 1
        return 0
    for p in operands:
        try:
            blob = cmd.read_blob(p)
            if blob.size > MEM_LIMIT:
                raise OutOfMemory()
            st = cmd.fs.stat(p, cwd=cmd.cwd)
            data = blob.read()
            if decompress:
                if not p.endswith((".gz", ".tgz", ".z")) and not to_stdout:
                    cmd.err(f"{p}: unknown suffix -- ignored")
                    status = 2 if not cmd.busybox else 1
                    continue
                try:
                    out = _gzip.decompress(data)
                except (OSError, EOFError):
                    cmd.err(f"{p}: not in gzip format" if not cmd.busybox else "invalid magic")
                    status = 1
                    continue
                dst = p[:-3] if p.endswith(".gz") else (p[:-4] + ".tar" if p.endswith(".tgz")
                                                        else p[:-2])
            else:
                if p.endswith(".gz") and not to_stdout:
                    cmd.err(f"{p} already has .gz suffix -- unchanged")
                    status = 2
                    continue
                out = _gzip.compress(data, compresslevel=level, mtime=int(st.mtime))
                dst = p + ".gz"
            if to_stdout:
                cmd.write(out)
                continue
            if cmd.fs.exists(dst, follow=False, cwd=cmd.cwd) and not (o & {"-f", "--force"}):
                cmd.err(f"{dst} already exists; not overwritten" if not cmd.busybox
                        else f"can't open '{dst}': File exists")
                status = 2 if not cmd.busybox else 1
                continue
            cmd.access.can_create(dst, cmd.cwd)
            cmd.fs.write(dst, out, mode=st.perm, uid=cmd.uid, gid=cmd.gid, cwd=cmd.cwd)
            cmd.fs.utime(dst, st.mtime, cwd=cmd.cwd)
            if not keep:
                cmd.access.can_delete(p, cmd.cwd)
                cmd.fs.unlink(p, cwd=cmd.cwd)
        except FSError as e:
            cmd.err(f"{p}: {_msg(e)}" if not cmd.busybox else f"can't open '{p}': {_msg(e)}")
            status = 1
    return status
