"""docker save / docker load / docker export.  File paths are the client's, on the Docker
host (relative to the client's working directory, see cli/localfs.py), as with the real CLI:
a relative path lands in, or comes from, the notebook's own folder, so a saved image can be
loaded into a real Docker Engine and back."""
from __future__ import annotations

import io
import posixpath

from ...fs import FSError, BytesBlob
from ..localfs import local_fs, local_path, read_local, go_error
from ..errors import CLIError
from .common import opt


def cmd_save(cli, opts, args):
    """``docker save -o FILE IMAGE…``.  A notebook's output is a terminal for this purpose:
    without ``-o`` Docker refuses to write the tarball to it."""
    from ...daemon import transfer
    output = opt(opts, "output", "")
    if not output:
        raise CLIError("cowardly refusing to save to a terminal. Use the -o flag or redirect")
    # docker/cli: atomicwriter.New(output, 0o600) validates the destination first
    images = _write_output(cli, output, "save image", lambda f: transfer.save(cli.engine, list(args), f))
    return 0, images


def _write_output(cli, output: str, what: str, write) -> object:
    """``-o FILE`` as the CLI writes it, on the client's host (docker/cli
    command.ValidateOutputPath, then an atomic write, mode 0600): ``write(file)`` fills it."""
    fs, path = local_fs(cli), local_path(cli, output)
    folder = posixpath.dirname(output) or "."
    if not fs.isdir(posixpath.dirname(path)):
        raise CLIError(f"failed to {what}: invalid output path: stat {folder}: no such file or directory")
    if fs.isdir(path):
        raise CLIError(f"failed to {what}: cannot write to a directory")
    buf = io.BytesIO()
    result = write(buf)
    try:
        fs.write(path, BytesBlob(buf.getvalue()), mode=0o600)
        fs.chmod(path, 0o600)
    except FSError as e:
        raise CLIError(f"failed to {what}: open {output}: {go_error(e)}")
    return result


def cmd_export(cli, opts, args):
    """``docker export -o FILE CONTAINER``: the container's filesystem as a tar archive.  As
    with ``save``, the notebook is a terminal: without ``-o`` Docker refuses to write there."""
    from ...daemon.export import export
    output = opt(opts, "output", "")
    if not output:
        raise CLIError("cowardly refusing to save to a terminal. Use the -o flag or redirect")
    cli.engine.container_store.get(args[0])
    _write_output(cli, output, "export container", lambda f: export(cli.engine, args[0], f))
    return 0


def cmd_load(cli, opts, args):
    """``docker load -i FILE [-q]``.  The notebook is no terminal, so (as the CLI does when
    its output is not a terminal) no progress bars: only ``Loaded image: …`` lines."""
    from ...daemon import transfer
    src = opt(opts, "input", "")
    if not src:
        raise CLIError("requested load from stdin, but stdin is empty")
    try:
        data = read_local(cli, src)
    except FSError as e:
        raise CLIError(f"open {src}: {go_error(e)}")
    try:
        loaded = transfer.load(cli.engine, data, out=cli.out)
    except transfer.LoadError as e:
        raise CLIError(e.message)
    return 0, loaded
