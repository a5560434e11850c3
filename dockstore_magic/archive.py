"""Layer tarballs: the OCI "changeset" format that Docker hashes, saves and loads.

* :func:`iter_tar` streams a layer folder as a deterministic tar (sorted names, integer mtimes,
  uid/gid numbers, no user names, hard links as link entries, Go-style end: two zero blocks),
  turning overlay2's on-disk whiteouts (char device 0/0, opaque xattr) into the OCI forms
  ``.wh.<name>`` and ``.wh..wh..opq``.  Contents stream from blobs: a 1 GB file is hashed
  without ever being in memory.
* :func:`digest` gives the diffID (sha256 of that uncompressed stream) and its length.
* :func:`read_tar` / :func:`tar_to_tree` read a tar from the notebook's filesystem (``docker
  import``, ``docker load``) into a layer folder in overlay2's form.
"""
from __future__ import annotations

import hashlib
import io
import stat as _st
import tarfile
from dataclasses import dataclass
from typing import BinaryIO, Iterator

from .fs.blob import Blob, BytesBlob, EMPTY
from .fs.tree import Dir, File, Symlink, Device, Node, is_whiteout, is_opaque, OPAQUE_XATTR

WH_PREFIX = ".wh."
WH_OPAQUE = ".wh..wh..opq"
EMPTY_TAR_DIGEST = "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef"


def _info(name: str, node: Node | None, type_: bytes, size: int = 0) -> tarfile.TarInfo:
    ti = tarfile.TarInfo(name)
    ti.type = type_
    ti.size = size
    if node is not None:
        ti.mode = _st.S_IMODE(node.mode)
        ti.uid, ti.gid = node.uid, node.gid
        ti.mtime = int(node.mtime)
    else:
        ti.mode, ti.mtime = 0o644, 0
    ti.uname = ti.gname = ""
    return ti


def _header(ti: tarfile.TarInfo) -> bytes:
    return ti.tobuf(tarfile.PAX_FORMAT, "utf-8", "surrogateescape")


def iter_tar(root: Dir, oci_whiteouts: bool = True) -> Iterator[bytes]:
    """Yield the tar stream of a layer folder (overlay2 form in, OCI whiteouts out)."""
    links: dict[int, str] = {}

    def walk(d: Dir, prefix: str):
        for name in sorted(d.entries):
            node = d.entries[name]
            path = prefix + name
            if oci_whiteouts and is_whiteout(node):
                slash = path.rfind("/") + 1
                wh = path[:slash] + WH_PREFIX + path[slash:]
                yield _header(_info(wh, None, tarfile.REGTYPE))
                continue
            if isinstance(node, Dir):
                yield _header(_info(path + "/", node, tarfile.DIRTYPE))
                if oci_whiteouts and is_opaque(node):
                    ti = _info(path + "/" + WH_OPAQUE, None, tarfile.REGTYPE)
                    yield _header(ti)
                yield from walk(node, path + "/")
            elif isinstance(node, Symlink):
                ti = _info(path, node, tarfile.SYMTYPE)
                ti.linkname = node.target
                yield _header(ti)
            elif isinstance(node, File):
                if node.nlink > 1 and id(node) in links:
                    ti = _info(path, node, tarfile.LNKTYPE)
                    ti.linkname = links[id(node)]
                    yield _header(ti)
                    continue
                links[id(node)] = path
                size = node.blob.size
                yield _header(_info(path, node, tarfile.REGTYPE, size))
                yield from node.blob.chunks()
                if size % 512:
                    yield bytes(512 - size % 512)
            elif isinstance(node, Device):
                kind = tarfile.CHRTYPE if _st.S_ISCHR(node.mode) else (
                    tarfile.BLKTYPE if _st.S_ISBLK(node.mode) else tarfile.FIFOTYPE)
                ti = _info(path, node, kind)
                ti.devmajor, ti.devminor = node.rdev >> 8, node.rdev & 0xFF
                yield _header(ti)

    yield from walk(root, "")
    yield bytes(1024)


def digest(root: Dir) -> tuple[str, int]:
    """``(diffID, tar length)`` of a layer folder."""
    h = hashlib.sha256()
    n = 0
    for chunk in iter_tar(root):
        h.update(chunk)
        n += len(chunk)
    return "sha256:" + h.hexdigest(), n


def digest_blob(blob: Blob) -> str:
    return "sha256:" + blob.sha256()


def write_tar(root: Dir, out: BinaryIO) -> int:
    n = 0
    for chunk in iter_tar(root):
        out.write(chunk)
        n += len(chunk)
    return n


class BlobReader(io.RawIOBase):
    """A read-only file object over a blob (to hand a layer tar to :mod:`tarfile`)."""

    def __init__(self, blob: Blob):
        self._blob, self._pos = blob, 0

    def readable(self):
        return True

    def seekable(self):
        return True

    def tell(self):
        return self._pos

    def seek(self, off, whence=0):
        self._pos = {0: off, 1: self._pos + off, 2: self._blob.size + off}[whence]
        return self._pos

    def readinto(self, b):
        data = self._blob.read(self._pos, self._pos + len(b))
        b[:len(data)] = data
        self._pos += len(data)
        return len(data)


@dataclass
class Entry:
    path: str            # relative, no leading slash, no trailing slash
    kind: str            # dir | file | symlink | hardlink | chardev | blockdev | fifo
    mode: int = 0o644
    uid: int = 0
    gid: int = 0
    mtime: float = 0.0
    blob: Blob = EMPTY
    target: str = ""     # symlink target, or hard link source path
    rdev: int = 0


class TarFormatError(ValueError):
    pass


def read_tar(source) -> list[Entry]:
    """Entries of a (possibly gzip/bzip2/xz-compressed) tar given as a path, bytes or file."""
    if isinstance(source, (bytes, bytearray)):
        source = io.BytesIO(source)
    try:
        tf = tarfile.open(name=source if isinstance(source, str) else None,
                          fileobj=None if isinstance(source, str) else source, mode="r:*")
    except tarfile.TarError as e:
        raise TarFormatError(str(e)) from None
    out: list[Entry] = []
    with tf:
        for ti in tf:
            path = ti.name
            while path.startswith("./"):
                path = path[2:]
            path = path.strip("/")
            if not path or path == ".":
                if ti.isdir():
                    out.append(Entry("", "dir", ti.mode, ti.uid, ti.gid, ti.mtime))
                continue
            e = Entry(path, "file", ti.mode & 0o7777, ti.uid, ti.gid, float(ti.mtime))
            if ti.isdir():
                e.kind = "dir"
            elif ti.issym():
                e.kind, e.target = "symlink", ti.linkname
            elif ti.islnk():
                e.kind, e.target = "hardlink", ti.linkname.lstrip("./").strip("/") \
                    if ti.linkname.startswith("./") else ti.linkname.strip("/")
            elif ti.ischr() or ti.isblk() or ti.isfifo():
                e.kind = "chardev" if ti.ischr() else ("blockdev" if ti.isblk() else "fifo")
                e.rdev = (ti.devmajor << 8) | ti.devminor
            else:
                f = tf.extractfile(ti)
                e.blob = BytesBlob(f.read() if f else b"")
            out.append(e)
    return out


def tar_to_tree(entries: list[Entry]) -> Dir:
    """A layer folder in overlay2's form: ``.wh.x`` becomes a whiteout device, ``.wh..wh..opq``
    the opaque xattr on its folder."""
    root = Dir(0o755)
    by_path: dict[str, Node] = {"": root}

    def parent_of(path: str) -> Dir:
        head = path.rsplit("/", 1)[0] if "/" in path else ""
        d = by_path.get(head)
        if d is None:
            d = Dir(0o755)
            parent_of(head).entries[head.rsplit("/", 1)[-1]] = d
            by_path[head] = d
        if not isinstance(d, Dir):
            raise TarFormatError(f"{head}: not a directory")
        return d

    for e in entries:
        if e.path == "":
            root.mode = _st.S_IFDIR | (e.mode & 0o7777)
            root.uid, root.gid, root.mtime = e.uid, e.gid, e.mtime
            continue
        name = e.path.rsplit("/", 1)[-1]
        parent = parent_of(e.path)
        if name == WH_OPAQUE:
            parent.xattrs[OPAQUE_XATTR] = b"y"
            continue
        if name.startswith(WH_PREFIX):
            parent.entries[name[len(WH_PREFIX):]] = Device(_st.S_IFCHR, 0, 0, 0, e.mtime)
            continue
        if e.kind == "dir":
            old = by_path.get(e.path)
            node: Node = old if isinstance(old, Dir) else Dir(e.mode, e.uid, e.gid, e.mtime)
            node.mode = _st.S_IFDIR | (e.mode & 0o7777)
            node.uid, node.gid, node.mtime = e.uid, e.gid, e.mtime
        elif e.kind == "symlink":
            node = Symlink(e.target, e.uid, e.gid, e.mtime)
        elif e.kind == "hardlink":
            node = by_path.get(e.target)
            if node is None:
                raise TarFormatError(f"hard link to missing {e.target}")
            node.nlink += 1
        elif e.kind == "file":
            node = File(e.blob, e.mode, e.uid, e.gid, e.mtime)
        else:
            mode = {"chardev": _st.S_IFCHR, "blockdev": _st.S_IFBLK, "fifo": _st.S_IFIFO}[e.kind]
            node = Device(mode | (e.mode & 0o7777), e.rdev, e.uid, e.gid, e.mtime)
        parent.entries[name] = node
        by_path[e.path] = node
    return root
