"""docker cp between a container and the notebook's own filesystem (the client side).

What it prints is what docker/cli cp.go prints on a terminal (a notebook is one): ``Successfully
copied <size> to <dest>`` on stderr (nothing with ``-q``), the size being that of the tar
stream that crossed the API (512-byte headers, data padded to 512, two closing zero blocks)
with three significant digits (``2.05kB`` for a 13-byte file)."""
from __future__ import annotations

import os
import stat as _st

from ...errors import NotFound, DaemonError
from ...fs import FSError, BytesBlob
from ..main import CLIError
from ..units import human_size_precision


def _split(arg: str):
    """``container:path`` or a local path (docker's splitCpArg)."""
    if os.path.isabs(arg) or arg.startswith("."):
        return None, arg
    name, sep, path = arg.partition(":")
    if not sep:
        return None, arg
    return name, path


def copy(cli, src: str, dst: str, archive: bool = False, follow: bool = False, quiet: bool = False):
    sc, sp = _split(src)
    dc, dp = _split(dst)
    if src == "-" or dst == "-":
        raise CLIError("dockstore-magic: docker cp with a tar stream ('-') is not simulated")
    if sc and dc:
        raise CLIError("copying between containers is not supported")
    if not sc and not dc:
        raise CLIError("must specify at least one container source")
    eng = cli.engine
    if sc:
        return _from_container(cli, eng, sc, sp, dst, follow, quiet)
    return _to_container(cli, eng, src, dc, dp, archive, quiet)


def _local(cli, path):
    return path if os.path.isabs(path) else os.path.join(cli.cwd, path)


def _from_container(cli, eng, name, path, dst, follow, quiet=False):
    try:
        c = eng.container_store.get(name)
    except NotFound:
        raise CLIError(f"Error response from daemon: No such container: {name}")
    view, mounted = eng.containers.view(c)
    try:
        cpath = path if path.startswith("/") else "/" + path
        try:
            st = view.stat(cpath) if follow else view.lstat(cpath)
        except FSError:
            raise CLIError(f"Error response from daemon: Could not find the file {cpath} in container {name}")
        target = _local(cli, dst)
        if os.path.isdir(target):
            target = os.path.join(target, os.path.basename(cpath.rstrip("/")) or "root")
        size = _write_local(view, cpath, st, target)
    finally:
        eng.containers.release_view(c, mounted)
    if not quiet:
        # cp.go resolveLocalPath: filepath.Abs, keeping a trailing "/." or "/"
        shown = os.path.normpath(_local(cli, dst))
        if dst == "." or dst.endswith("/."):
            shown += "/."
        elif dst.endswith("/"):
            shown += "/"
        cli.err(f"Successfully copied {human_size_precision(size + 1024, 3)} to {shown}\n")
    return 0


def _tar_size(n: int) -> int:
    return 512 + (-(-n // 512)) * 512


def _write_local(view, cpath, st, target) -> int:
    if st.is_dir:
        os.makedirs(target, exist_ok=True)
        total = 512
        for name in view.listdir(cpath):
            child = cpath.rstrip("/") + "/" + name
            total += _write_local(view, child, view.lstat(child), os.path.join(target, name))
        os.chmod(target, st.perm)
        return total
    if st.is_symlink:
        if os.path.lexists(target):
            os.unlink(target)
        os.symlink(st.target, target)
        return 512
    blob = view.read_blob(cpath)
    with open(target, "wb") as f:
        for chunk in blob.chunks():
            f.write(chunk)
    os.chmod(target, st.perm)
    return _tar_size(blob.size)


def _to_container(cli, eng, src, name, path, archive, quiet=False):
    try:
        c = eng.container_store.get(name)
    except NotFound:
        # cp.go copyToContainer ignores a failed stat of the destination; a destination
        # ending in "/" that was not found is then archive.ErrDirNotExists
        if path.endswith("/"):
            raise CLIError("no such directory")
        raise CLIError(f"Error response from daemon: No such container: {name}")
    local = _local(cli, src)
    if not os.path.lexists(local):
        raise CLIError(f"lstat {local}: no such file or directory")
    view, mounted = eng.containers.view(c)
    try:
        cpath = path if path.startswith("/") else "/" + path
        if view.isdir(cpath):
            folder = view.realpath(cpath)
            cpath = cpath.rstrip("/") + "/" + os.path.basename(os.path.abspath(local))
        elif path.endswith("/"):
            raise CLIError("no such directory")
        else:
            folder = view.realpath(cpath.rsplit("/", 1)[0] or "/")
        try:
            eng.containers.check_extract_to(c, folder)
        except DaemonError as e:
            raise CLIError(f"Error response from daemon: {e.message}")
        size = _read_local(view, local, cpath, archive)
    except FSError as e:
        raise CLIError(f"Error response from daemon: {e}")
    finally:
        eng.containers.release_view(c, mounted)
    if not quiet:
        cli.err(f"Successfully copied {human_size_precision(size + 1024, 3)} to {name}:{path}\n")
    return 0


def _read_local(view, local, cpath, archive) -> int:
    st = os.lstat(local)
    uid = st.st_uid if archive else 0
    gid = st.st_gid if archive else 0
    if _st.S_ISDIR(st.st_mode):
        if not view.isdir(cpath):
            view.mkdir(cpath, mode=_st.S_IMODE(st.st_mode), uid=uid, gid=gid)
        total = 512
        for name in sorted(os.listdir(local)):
            total += _read_local(view, os.path.join(local, name), cpath.rstrip("/") + "/" + name, archive)
        return total
    if _st.S_ISLNK(st.st_mode):
        if view.exists(cpath, follow=False):
            view.unlink(cpath)
        view.symlink(os.readlink(local), cpath, uid=uid, gid=gid)
        return 512
    with open(local, "rb") as f:
        data = f.read()
    view.write(cpath, BytesBlob(data), mode=_st.S_IMODE(st.st_mode), uid=uid, gid=gid)
    view.chmod(cpath, _st.S_IMODE(st.st_mode))
    view.utime(cpath, st.st_mtime)
    return _tar_size(len(data))
