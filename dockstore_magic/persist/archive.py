"""``%dockstore save FILE`` / ``%dockstore load FILE``: a host in one file, to move it between
machines (a teacher hands out a prepared host).

The file is a gzip'd tar of the host's saved state (``host.state`` and the segment files it
refers to), so loading it is a save done by someone else: the segments are
copied in, ``host.state`` is replaced atomically, and the host is read back as after a
daemon start.  Nothing but those two kinds of member is accepted from the file."""
from __future__ import annotations

import io
import re
import tarfile
from pathlib import Path

from .store import SEGMENTS, STATE, HostStore, StateError, _atomic_write

_SEGMENT = re.compile(rf"^{SEGMENTS}/[0-9a-f]{{32}}\.seg$")


def save_archive(store: HostStore, path: str | Path) -> int:
    """Write the current host's saved state to ``path``; return the file's size."""
    path = Path(path)
    with store.locked():
        manifest_bytes = store.state_path.read_bytes()
        manifest = store.read_manifest(manifest_bytes)
        tmp = path.with_name(f".{path.name}.tmp")
        with tarfile.open(tmp, "w:gz") as tar:
            def add(name, data):
                info = tarfile.TarInfo(name)
                info.size, info.mode = len(data), 0o644
                tar.addfile(info, io.BytesIO(data))
            for h in sorted(set(manifest["segments"].values())):
                add(f"{SEGMENTS}/{h}.seg", (store.dir / SEGMENTS / f"{h}.seg").read_bytes())
            add(STATE, manifest_bytes)
        tmp.replace(path)
    return path.stat().st_size


def load_archive(store: HostStore, path: str | Path) -> None:
    """Replace ``store``'s saved host with the one in ``path`` (then read it with
    ``store.load()``).  Raises StateError, in one sentence, for anything else."""
    path = Path(path)
    try:
        tar = tarfile.open(path, "r:*")
    except FileNotFoundError:
        raise StateError(f"no such file: {path}") from None
    except (tarfile.TarError, OSError):
        raise StateError(f"{path} is not a saved dockstore-magic host") from None
    with tar:
        members = {m.name: m for m in tar.getmembers() if m.isfile()}
        if STATE not in members or any(n != STATE and not _SEGMENT.match(n) for n in members):
            raise StateError(f"{path} is not a saved dockstore-magic host")
        state = tar.extractfile(members[STATE]).read()
        manifest = store.read_manifest(state)
        missing = [h for h in manifest["segments"].values() if f"{SEGMENTS}/{h}.seg" not in members]
        if missing:
            raise StateError(f"{path} lacks {len(missing)} of the host's segments")
        with store.locked():
            segdir = store.dir / SEGMENTS
            segdir.mkdir(parents=True, exist_ok=True)
            for name, m in members.items():
                if name != STATE and not (store.dir / name).exists():
                    _atomic_write(store.dir / name, tar.extractfile(m).read())
            store.write_state(state)
