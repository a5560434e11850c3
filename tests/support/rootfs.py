"""A deterministic busybox root filesystem tarball, the common base image of the tests.

The same bytes go to the real engine (``docker import busybox-rootfs.tar dsm-busybase:1``)
and to the simulator's ``docker import``, so both sides start from identical files, and
layer sizes and diffIDs can be compared exactly.

Layout (modelled on the official ``busybox`` image, docker-library/busybox
``Dockerfile.builder``, trimmed)::

    bin/                 0755  ``busybox`` and every applet of ``busybox --list`` (268 with Debian
    bin/[ ... bin/yes          bookworm's busybox-static 1.35.0), all HARD LINKS to one
                               inode, the busybox binary itself (0755)
    dev/                 0755  empty (the engine mounts /dev over it)
    etc/                 0755
    etc/group            0644
    etc/motd             0644
    etc/passwd           0644
    etc/shadow           0600
    home/                0755
    root/                0700
    tmp/                 1777
    usr/ usr/bin/        0755
    usr/bin/env          symlink -> ../../bin/env   (as in the official image)
    var/                 0755

Why hard links, all in /bin: the official image runs ``chroot rootfs /bin/busybox --install
/bin``, which makes hard links and ignores the install paths of ``busybox --list-full``
(``sbin/``, ``usr/bin/``, ``usr/sbin/``, ``linuxrc``); so ``ls -l /bin`` there shows one
inode with a link count of about 400, not symlinks.  Hard links matter for sizes: the layer
counts the binary once (the engine's ``directory.Size`` skips inodes already seen).

Tar conventions (fixed, so the sha256 of the file never changes for a given busybox binary):

- POSIX ustar headers (``tarfile.USTAR_FORMAT``), no pax or GNU extensions; names relative,
  no ``./`` prefix; directories end with ``/``.
- Entries in the order of a depth-first walk with children sorted bytewise (the order of
  Go's ``filepath.Walk``, which Docker uses when it writes layer tars).  The first path of
  the busybox inode in that order (``bin/[``) carries the data; every later one is a hard
  link entry (typeflag ``1``, size 0) naming ``bin/[``.  That is also how Docker's own
  tars (``docker export``/``save`` of the official image) record hard links.
- uid/gid 0, uname/gname ``root``, mtime :data:`MTIME` (2024-01-01T00:00:00Z) everywhere.
- Closed by two zero blocks and padded to tarfile's 10240-byte record, like GNU tar.

The sha256 depends only on the busybox binary (and so on the busybox-static package
version); :func:`build_busybox_rootfs` refuses a dynamically linked busybox, which would not
run in a rootfs without libc.
"""
from __future__ import annotations

import functools
import hashlib
import io
import os
import shutil
import struct
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

__all__ = [
    "MTIME", "TAR_FORMAT", "CONTENTS", "Entry", "find_busybox", "busybox_applets",
    "rootfs_entries", "build_busybox_rootfs", "rootfs_bytes", "layer_size", "sha256_file",
]

#: 2024-01-01T00:00:00Z, the mtime of every entry.
MTIME = 1704067200
TAR_FORMAT = tarfile.USTAR_FORMAT

#: Where Debian's busybox-static puts the binary (bookworm: /usr/bin; older: /bin).
BUSYBOX_CANDIDATES = ("/usr/bin/busybox", "/bin/busybox")

PASSWD = (
    "root:x:0:0:root:/root:/bin/sh\n"
    "daemon:x:1:1:daemon:/usr/sbin:/bin/false\n"
    "bin:x:2:2:bin:/bin:/bin/false\n"
    "sys:x:3:3:sys:/dev:/bin/false\n"
    "nobody:x:65534:65534:nobody:/home:/bin/false\n"
)
GROUP = (
    "root:x:0:\n"
    "daemon:x:1:\n"
    "bin:x:2:\n"
    "sys:x:3:\n"
    "adm:x:4:\n"
    "tty:x:5:\n"
    "wheel:x:10:root\n"
    "users:x:100:\n"
    "nogroup:x:65534:\n"
)
SHADOW = (
    "root:*:::::::\n"
    "daemon:*:::::::\n"
    "bin:*:::::::\n"
    "sys:*:::::::\n"
    "nobody:*:::::::\n"
)
MOTD = "Welcome to the dockstore-magic busybox image.\n"


@dataclass(frozen=True)
class Entry:
    """One tar member.  ``kind`` is ``dir``, ``file``, ``symlink`` or ``busybox`` (the
    applet inode: the first such entry carries the binary, the others hard-link to it)."""
    path: str
    kind: str
    mode: int
    data: bytes = b""
    target: str = ""


#: Everything except the applets (which depend on the busybox binary: see
#: :func:`rootfs_entries`).  Paths are relative, without a trailing slash.
CONTENTS: tuple[Entry, ...] = (
    Entry("bin", "dir", 0o755),
    Entry("dev", "dir", 0o755),
    Entry("etc", "dir", 0o755),
    Entry("etc/group", "file", 0o644, GROUP.encode()),
    Entry("etc/motd", "file", 0o644, MOTD.encode()),
    Entry("etc/passwd", "file", 0o644, PASSWD.encode()),
    Entry("etc/shadow", "file", 0o600, SHADOW.encode()),
    Entry("home", "dir", 0o755),
    Entry("root", "dir", 0o700),
    Entry("tmp", "dir", 0o1777),
    Entry("usr", "dir", 0o755),
    Entry("usr/bin", "dir", 0o755),
    Entry("usr/bin/env", "symlink", 0o777, target="../../bin/env"),
    Entry("var", "dir", 0o755),
)


def find_busybox() -> str | None:
    """The busybox binary to package: ``$DSM_BUSYBOX``, else Debian's busybox-static."""
    env = os.environ.get("DSM_BUSYBOX")
    if env:
        return env
    for cand in BUSYBOX_CANDIDATES:
        if os.path.isfile(cand):
            return cand
    return shutil.which("busybox")


def _is_static_elf(path: str) -> bool:
    """True if ``path`` is an ELF file without a PT_INTERP program header."""
    with open(path, "rb") as f:
        head = f.read(64)
        if head[:4] != b"\x7fELF":
            return False
        is64 = head[4] == 2
        end = "<" if head[5] == 1 else ">"
        if is64:
            phoff, = struct.unpack(end + "Q", head[32:40])
            phentsize, phnum = struct.unpack(end + "HH", head[54:58])
        else:
            phoff, = struct.unpack(end + "I", head[28:32])
            phentsize, phnum = struct.unpack(end + "HH", head[42:46])
        f.seek(phoff)
        table = f.read(phentsize * phnum)
    for i in range(phnum):
        p_type, = struct.unpack(end + "I", table[i * phentsize:i * phentsize + 4])
        if p_type == 3:  # PT_INTERP
            return False
    return True


@functools.lru_cache(maxsize=None)
def busybox_applets(busybox: str) -> tuple[str, ...]:
    """``busybox --list`` plus ``busybox`` itself (the official image has /bin/busybox, the
    binary every applet links to), sorted bytewise."""
    out = subprocess.run([busybox, "--list"], check=True, capture_output=True).stdout
    names = {n for n in out.decode().split() if n and "/" not in n} | {"busybox"}
    return tuple(sorted(names, key=lambda s: s.encode()))


def _walk_key(path: str) -> tuple[bytes, ...]:
    return tuple(part.encode() for part in path.split("/"))


def rootfs_entries(busybox: str | None = None) -> list[Entry]:
    """Every tar member in archive order (:data:`CONTENTS` plus one ``busybox`` entry per
    applet under ``bin/``)."""
    busybox = busybox or find_busybox()
    if not busybox:
        raise FileNotFoundError("no busybox binary: apt-get install busybox-static")
    entries = list(CONTENTS)
    entries += [Entry(f"bin/{name}", "busybox", 0o755) for name in busybox_applets(busybox)]
    entries.sort(key=lambda e: _walk_key(e.path))
    return entries


def _tarinfo(name: str, type_: bytes, mode: int, size: int = 0, linkname: str = "") -> tarfile.TarInfo:
    ti = tarfile.TarInfo(name)
    ti.type = type_
    ti.mode = mode
    ti.size = size
    ti.linkname = linkname
    ti.mtime = MTIME
    ti.uid = ti.gid = 0
    ti.uname = ti.gname = "root"
    return ti


def _write(fileobj, busybox: str) -> None:
    if not _is_static_elf(busybox):
        raise ValueError(f"{busybox} is not a statically linked ELF binary "
                         "(install busybox-static, or set DSM_BUSYBOX)")
    binary = Path(busybox).read_bytes()
    first_applet: str | None = None
    with tarfile.open(fileobj=fileobj, mode="w", format=TAR_FORMAT) as tar:
        for e in rootfs_entries(busybox):
            if e.kind == "dir":
                tar.addfile(_tarinfo(e.path + "/", tarfile.DIRTYPE, e.mode))
            elif e.kind == "file":
                tar.addfile(_tarinfo(e.path, tarfile.REGTYPE, e.mode, len(e.data)), io.BytesIO(e.data))
            elif e.kind == "symlink":
                tar.addfile(_tarinfo(e.path, tarfile.SYMTYPE, e.mode, linkname=e.target))
            elif first_applet is None:
                first_applet = e.path
                tar.addfile(_tarinfo(e.path, tarfile.REGTYPE, e.mode, len(binary)), io.BytesIO(binary))
            else:
                tar.addfile(_tarinfo(e.path, tarfile.LNKTYPE, e.mode, linkname=first_applet))


def rootfs_bytes(busybox: str | None = None) -> bytes:
    """The tarball as bytes."""
    busybox = busybox or find_busybox()
    if not busybox:
        raise FileNotFoundError("no busybox binary: apt-get install busybox-static")
    buf = io.BytesIO()
    _write(buf, busybox)
    return buf.getvalue()


def build_busybox_rootfs(path, busybox: str | None = None) -> Path:
    """Write the tarball to ``path`` (a file, or a directory to put ``busybox-rootfs.tar``
    in) and return its path.  Identical bytes on every run for a given busybox binary."""
    path = Path(path)
    if path.is_dir():
        path = path / "busybox-rootfs.tar"
    data = rootfs_bytes(busybox)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path


def layer_size(busybox: str | None = None) -> int:
    """What the engine records as the imported layer's size (layerdb ``size``, image
    ``Size``): regular files once per inode, plus symlinks at their target length;
    directories count nothing."""
    busybox = busybox or find_busybox()
    total = os.path.getsize(busybox)
    for e in CONTENTS:
        if e.kind == "file":
            total += len(e.data)
        elif e.kind == "symlink":
            total += len(e.target)
    return total


def sha256_file(path) -> str:
    """``sha256:<hex>`` of a file."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return "sha256:" + h.hexdigest()


def _main() -> None:  # python -m support.rootfs OUT.tar
    import sys
    out = build_busybox_rootfs(sys.argv[1] if len(sys.argv) > 1 else "busybox-rootfs.tar")
    print(out, sha256_file(out), os.path.getsize(out))


if __name__ == "__main__":
    _main()
