"""The client's own files: the docker CLI runs on the Docker host, so every path it takes
from its user (``cp``, ``save -o``, ``load -i``, ``import``, ``--env-file``, the build
context and ``-f Dockerfile``, a bind mount's ``./x``) is a path of the simulated host,
relative to the client's working directory.  That folder is the notebook's own folder, which
the host shows at its own path and backs with the real files (``DockerHost.share``), so
relative paths reach the real disk there and nowhere else.

Relative paths are made absolute lexically, as Go's ``filepath.Abs`` does (docker/cli
``opts/mount.go``, ``cli/command/container/opts.go``): ``..`` is taken off the text, symlinks
are left to the host's path resolution."""
from __future__ import annotations

from ..fs import FSError, normpath


def local_path(cli, path: str) -> str:
    """``path`` made absolute against the client's working directory (filepath.Abs)."""
    return normpath(path, cli.cwd)


def local_fs(cli):
    """The filesystem the client sees: the host's, mounts included."""
    return cli.engine.host.fs


def read_local(cli, path: str) -> bytes:
    """The bytes of a client-side file; :class:`FSError` (with ``path`` as given) if it
    cannot be read."""
    try:
        return local_fs(cli).read_bytes(local_path(cli, path))
    except FSError as e:
        raise FSError(e.code, path) from None


def go_error(e: FSError) -> str:
    """An ``*os.PathError``'s text: ``no such file or directory`` (Go lower-cases strerror)."""
    return e.message[:1].lower() + e.message[1:]
