"""docker cp between a container and the client's files: the Docker host's, where the
notebook's folder is (see cli/localfs.py).

What it prints is what docker/cli cp.go prints on a terminal (a notebook is one): ``Successfully
copied <size> to <dest>`` on stderr (nothing with ``-q``), the size being that of the tar
stream that crossed the API (512-byte headers, data padded to 512, two closing zero blocks)
with three significant digits (``2.05kB`` for a 13-byte file)."""
from __future__ import annotations

import posixpath

from ...errors import NotFound, DaemonError
from ...fs import FSError
from ..localfs import local_fs, local_path, go_error
from ..errors import CLIError
from ..units import human_size_precision


def _split(arg: str):
    """``container:path`` or a local path (docker's splitCpArg)."""
    if arg.startswith("/") or arg.startswith("."):
        return None, arg
    name, sep, path = arg.partition(":")
    if not sep:
        return None, arg
    return name, path


def copy(cli, src: str, dst: str, archive: bool = False, follow: bool = False, quiet: bool = False):
    sc, sp = _split(src)
    dc, dp = _split(dst)
    if src == "-" or dst == "-":
        raise CLIError("dockstore-magic: docker cp with a tar stream ('-') is not simulated", 125)
    if sc and dc:
        raise CLIError("copying between containers is not supported")
    if not sc and not dc:
        raise CLIError("must specify at least one container source")
    eng = cli.engine
    if sc:
        return _from_container(cli, eng, sc, sp, dst, follow, quiet)
    return _to_container(cli, eng, src, dc, dp, archive, quiet)


def _from_container(cli, eng, name, path, dst, follow, quiet=False):
    try:
        c = eng.container_store.get(name)
    except NotFound:
        raise CLIError(f"Error response from daemon: No such container: {name}")
    view, mounted = eng.containers.view(c)
    local = local_fs(cli)
    try:
        cpath = path if path.startswith("/") else "/" + path
        try:
            st = view.stat(cpath) if follow else view.lstat(cpath)
        except FSError:
            raise CLIError(f"Error response from daemon: Could not find the file {cpath} in container {name}")
        target = local_path(cli, dst)
        parent = posixpath.dirname(target.rstrip("/")) or "/"
        if not local.exists(parent):            # docker/cli command.ValidateOutputPath
            raise CLIError(f'invalid output path: directory "{parent}" does not exist')
        if local.isdir(target):
            target = target.rstrip("/") + "/" + (posixpath.basename(cpath.rstrip("/")) or "root")
        # archive.CopyTo extracts with NoLchown: the files belong to the user running docker
        # (root on this host); modes and times come from the tar headers.
        try:
            local.copy_from(view, cpath, target, preserve=True, uid=0, gid=0, follow_top=follow)
        except FSError as e:
            raise CLIError(f"{'mkdir' if st.is_dir else 'open'} {e.path}: {go_error(e)}")
        size = _copied_size(view, cpath, st)
    finally:
        eng.containers.release_view(c, mounted)
    if not quiet:
        # cp.go resolveLocalPath: filepath.Abs, keeping a trailing "/." or "/"
        shown = posixpath.normpath(local_path(cli, dst))
        if dst == "." or dst.endswith("/."):
            shown += "/."
        elif dst.endswith("/"):
            shown += "/"
        cli.err(f"Successfully copied {human_size_precision(size + 1024, 3)} to {shown}\n")
    return 0


def _tar_size(n: int) -> int:
    return 512 + (-(-n // 512)) * 512


def _copied_size(fs, path, st) -> int:
    """The bytes the copy's tar stream carried (a 512-byte header per entry, contents padded)."""
    if not st.is_dir:
        return _tar_size(st.size) if st.is_file else 512
    return sum(_tar_size(s.size) if s.is_file else 512 for _, s in fs.walk(path))


def _to_container(cli, eng, src, name, path, archive, quiet=False):
    try:
        c = eng.container_store.get(name)
    except NotFound:
        # cp.go copyToContainer ignores a failed stat of the destination; a destination
        # ending in "/" that was not found is then archive.ErrDirNotExists
        if path.endswith("/"):
            raise CLIError("no such directory")
        raise CLIError(f"Error response from daemon: No such container: {name}")
    local, lpath = local_fs(cli), local_path(cli, src)
    try:
        lst = local.lstat(lpath)
    except FSError:
        raise CLIError(f"lstat {lpath}: no such file or directory")
    view, mounted = eng.containers.view(c)
    try:
        cpath = path if path.startswith("/") else "/" + path
        if view.isdir(cpath):
            folder = view.realpath(cpath)
            cpath = cpath.rstrip("/") + "/" + posixpath.basename(lpath.rstrip("/"))
        elif path.endswith("/"):
            raise CLIError("no such directory")
        else:
            # the client extracts into the destination's folder; the daemon resolves it
            # first (moby daemon/archive.go containerExtractToDir: the folder must exist)
            parent = cpath.rsplit("/", 1)[0] or "/"
            if not view.exists(parent):
                raise CLIError(f"Error response from daemon: Could not find the file {parent} "
                               f"in container {name}")
            if not view.isdir(parent):
                raise CLIError("Error response from daemon: extraction point is not a directory")
            folder = view.realpath(parent)
        try:
            eng.containers.check_extract_to(c, folder)
            owner = eng.containers.copy_owner(c, archive)
        except DaemonError as e:
            raise CLIError(f"Error response from daemon: {e.message}")
        # the archive's owners (the client's files'), or -a's container user
        view.copy_from(local, lpath, cpath, preserve=True, uid=owner[0] if owner else None,
                       gid=owner[1] if owner else None, follow_top=False)
        size = _copied_size(local, lpath, lst)
    except FSError as e:
        raise CLIError(f"Error response from daemon: {e}")
    finally:
        eng.containers.release_view(c, mounted)
    if not quiet:
        cli.err(f"Successfully copied {human_size_precision(size + 1024, 3)} to {name}:{path}\n")
    return 0
