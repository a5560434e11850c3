"""``%dockstore export-view [FOLDER]``: the simulated host's ``/var/lib/docker`` as a real,
read-only folder that JupyterLab's file browser can open (``overlay2/<id>/diff``,
``volumes/<name>/_data``, …).

It is made on request, not kept in sync: writing real files after every command would cost
far more than the 5 ms a save may take, and a folder that changes under the file browser
while a cell runs is confusing.  Export again to refresh it (the old view is replaced).

What the folder holds, and how it differs from a real host:

* folders, symlinks (their targets as they are: an absolute target points into the real
  machine, as it would on a real host's disk), and regular files: a file up to
  :data:`SMALL` bytes holds its real bytes; a bigger one is *sparse* (its size is right,
  its blocks are not allocated, and it reads as zeros), so a simulated 1 GB layer costs no
  disk;
* device nodes (overlay2's whiteouts, character devices 0/0) cannot be made without root:
  they are empty files with no permissions; the xattr marking an opaque folder is left out;
* the merged folder of a running container shows its merged view (as ``%host ls`` does);
* modification times are the simulated ones; every file and folder is made read-only.
"""
from __future__ import annotations

import os
import shutil
import stat as _st
from pathlib import Path

from ..dockerhost import DOCKER_ROOT

SMALL = 1 << 20
MARKER = ".dockstore-view"


def _make_writable(folder: Path) -> None:
    for dirpath, dirnames, _ in os.walk(folder):
        os.chmod(dirpath, 0o755)
        for d in dirnames:
            p = os.path.join(dirpath, d)
            if not os.path.islink(p):
                os.chmod(p, 0o755)


def export_view(engine, folder: str | Path) -> tuple[int, int]:
    """Write ``/var/lib/docker`` of ``engine``'s host into ``folder``; return (entries,
    bytes written).  ``folder`` must be empty, absent, or a previous view."""
    folder = Path(folder)
    if folder.exists():
        if not (folder / MARKER).exists() and any(folder.iterdir()):
            raise FileExistsError(f"{folder} exists and is not a view made by dockstore-magic")
        _make_writable(folder)
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / MARKER).write_text(f"A read-only copy of the simulated host's {DOCKER_ROOT}, "
                                 "made by %dockstore export-view.\n")
    os.chmod(folder / MARKER, 0o444)
    fs = engine.host.fs
    entries, written, dirs = 0, 0, []
    for path, st in fs.walk(DOCKER_ROOT):
        rel = path[len(DOCKER_ROOT):].lstrip("/")
        real = folder / rel if rel else folder
        entries += 1
        if st.is_dir:
            real.mkdir(exist_ok=True)
            dirs.append((real, st))
            continue
        if st.is_symlink:
            os.symlink(st.target, real)
            continue
        if st.is_file:
            with open(real, "wb") as f:
                if st.size <= SMALL:
                    data = fs.read_bytes(path)
                    f.write(data)
                    written += len(data)
                else:
                    f.truncate(st.size)         # a hole: the size without the blocks
            os.chmod(real, _st.S_IMODE(st.mode) & 0o555 or 0o444)
        else:                                   # a whiteout or another device node
            real.touch()
            os.chmod(real, 0)
        os.utime(real, (st.mtime, st.mtime), follow_symlinks=False)
    for real, st in reversed(dirs):             # deepest first: a folder's time stays put
        os.utime(real, (st.mtime, st.mtime))
        os.chmod(real, 0o555)
    return entries, written
