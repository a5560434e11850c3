"""Layer tarballs: the OCI "changeset" format that Docker hashes, saves and loads.

* :func:`iter_tar` streams a layer folder as the byte-exact tar that moby's archive package
  writes with Go's archive/tar (checked against ``docker save`` of a committed and of a
  BuildKit-built layer on Docker 20.10): names in ``filepath.Walk`` order (sorted, depth
  first, no root entry), USTAR headers (prefix/name split as Go splits them; PAX records only
  when a field does not fit), the mode field carrying the file-type bits (``0040755``,
  ``0100644``: moby's ``fillGo18FileTypeBits``), whole-second mtimes, uname/gname looked up
  in the daemon host's accounts, hard links as link entries naming the first path written,
  and a Go-style end (two zero blocks, no padding to a 10240-byte record).  overlay2's
  on-disk whiteouts become the OCI forms: a whiteout device turns into ``.wh.<name>``
  (a regular file, mode 0600, the device's owner and mtime), an opaque folder gets a
  ``.wh..wh..opq`` entry after its own (mode = the folder's rwx bits, mtime 0).  Contents
  stream from blobs: a 1 GB file is hashed without ever being in memory.
* :func:`digest` gives the diffID (sha256 of that uncompressed stream) and its length.
* :func:`read_tar` / :func:`tar_to_tree` read a tar from the notebook's filesystem (``docker
  import``, ``docker load``) into a layer folder in overlay2's form.
"""
from __future__ import annotations

import hashlib
import io
import math
import os
import stat as _st
import tarfile
from dataclasses import dataclass
from typing import BinaryIO, Iterator

from .fs.blob import Blob, BytesBlob, EMPTY
from .fs.tree import Dir, File, Symlink, Device, Node, is_whiteout, is_opaque, OPAQUE_XATTR

WH_PREFIX = ".wh."
WH_OPAQUE = ".wh..wh..opq"
EMPTY_TAR_DIGEST = "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef"


#: Account names of the daemon's host, which Go's ``tar.FileInfoHeader`` writes into uname
#: and gname (it looks the numeric ids up on the host, not in the image).  These are the
#: static ids of Debian's base-passwd, as on the machine the reference engine runs on
#: (uid 5 / gid 60 were recorded as ``games``/``games``); other ids get empty names.
HOST_USERS: dict[int, str] = {
    0: "root", 1: "daemon", 2: "bin", 3: "sys", 4: "sync", 5: "games", 6: "man", 7: "lp",
    8: "mail", 9: "news", 10: "uucp", 13: "proxy", 33: "www-data", 34: "backup", 38: "list",
    39: "irc", 65534: "nobody",
}
HOST_GROUPS: dict[int, str] = {
    0: "root", 1: "daemon", 2: "bin", 3: "sys", 4: "adm", 5: "tty", 6: "disk", 7: "lp",
    8: "mail", 9: "news", 10: "uucp", 12: "man", 13: "proxy", 15: "kmem", 20: "dialout",
    21: "fax", 22: "voice", 24: "cdrom", 25: "floppy", 26: "tape", 27: "sudo", 29: "audio",
    30: "dip", 33: "www-data", 34: "backup", 37: "operator", 38: "list", 39: "irc", 40: "src",
    42: "shadow", 43: "utmp", 44: "video", 45: "sasl", 46: "plugdev", 50: "staff", 60: "games",
    100: "users", 65534: "nogroup",
}

_NAME, _PREFIX = 100, 155


def _fits_octal(width: int, x: int) -> bool:
    """Go's fitsInOctal: ``width`` bytes hold ``width-1`` octal digits and a NUL."""
    return x >= 0 and (width >= 22 or x < 1 << (3 * (width - 1)))


def _split_ustar_path(name: str) -> tuple[str, str] | None:
    """Go's splitUSTARPath: the longest prefix (≤155 bytes, at a slash) leaving ≤100."""
    b = name.encode("utf-8", "surrogateescape")
    length = len(b)
    if length <= _NAME or not b.isascii():
        return None
    if length > _PREFIX + 1:
        length = _PREFIX + 1
    elif b[length - 1:length] == b"/":
        length -= 1
    i = b.rfind(b"/", 0, length)
    nlen, plen = len(b) - i - 1, i
    if i <= 0 or nlen > _NAME or nlen == 0 or plen > _PREFIX:
        return None
    return name[:i], name[i + 1:]


def _pax_record(key: str, value: str) -> bytes:
    """Go's formatPAXRecord: ``"%d %s=%s\n"``, the length counting itself."""
    body = f" {key}={value}\n".encode("utf-8", "surrogateescape")
    size = len(body) + len(str(len(body)))
    if len(str(size)) + len(body) != size:
        size = len(str(size)) + len(body)
    return str(size).encode() + body


def _block(fields: list[tuple[int, int, bytes]]) -> bytes:
    """A 512-byte header from (offset, width, bytes) fields (truncated as Go's copy()
    truncates, NUL-terminated when shorter), with magic ``ustar\x0000`` and the checksum."""
    blk = bytearray(512)
    for off, width, val in fields:
        val = val[:width]
        blk[off:off + len(val)] = val
    blk[257:265] = b"ustar\x0000"
    blk[148:156] = b" " * 8
    chk = sum(blk)
    blk[148:156] = b"%06o\x00 " % chk
    return bytes(blk)


def _octal(width: int, x: int) -> bytes:
    if not _fits_octal(width, x):
        x = 0                               # Go writes zero when a PAX record carries it
    return b"%0*o" % (width - 1, x)


def _ascii(s: str) -> bytes:
    """Go's toASCII (non-ASCII runes and NULs dropped), for PAX-mode main headers."""
    return "".join(c for c in s if "\x00" < c < "\x80").encode()


def go_tar_header(name: str, mode: int, uid: int, gid: int, size: int, mtime: int,
                  typeflag: bytes, linkname: str = "", uname: str = "", gname: str = "",
                  devmajor: int = 0, devminor: int = 0) -> bytes:
    """The header block(s) Go's ``tar.Writer.WriteHeader`` emits for these fields: a USTAR
    header when every field fits (the name split into prefix/name if needed), otherwise a
    PAX extended header (``<dir>/PaxHeaders.0/<base>``, records sorted by key) followed by
    the main header."""
    enc = lambda s: s.encode("utf-8", "surrogateescape")  # noqa: E731
    pax: dict[str, str] = {}
    ustar_ok = True
    for value, width, key in ((name, 100, "path"), (linkname, 100, "linkpath"),
                              (uname, 32, "uname"), (gname, 32, "gname")):
        b = enc(value)
        if not b.isascii() or len(b) > width:
            if key != "path" or _split_ustar_path(value) is None:
                ustar_ok = False
            pax[key] = value
    for value, width, key in ((uid, 8, "uid"), (gid, 8, "gid"), (size, 12, "size"),
                              (mtime, 12, "mtime")):
        if not _fits_octal(width, value):
            ustar_ok = False
            pax[key] = str(value)
    numbers = [(100, 8, _octal(8, mode)), (108, 8, _octal(8, uid)), (116, 8, _octal(8, gid)),
               (124, 12, _octal(12, size)), (136, 12, _octal(12, mtime)), (156, 1, typeflag),
               (329, 8, _octal(8, devmajor)), (337, 8, _octal(8, devminor))]
    if ustar_ok:
        prefix = ""
        split = _split_ustar_path(name)
        if split is not None:
            prefix, name = split
        return _block(numbers + [(0, 100, enc(name)), (157, 100, enc(linkname)),
                                 (265, 32, enc(uname)), (297, 32, enc(gname)),
                                 (345, 155, enc(prefix))])
    data = b"".join(_pax_record(k, pax[k]) for k in sorted(pax))
    head, _, base = name.rpartition("/")
    xname = (head + "/" if head else "") + "PaxHeaders.0" + ("/" + base if base else "")
    xname_b = _ascii(xname)[:_NAME].rstrip(b"/")
    xhdr = _block([(0, 100, xname_b), (100, 8, _octal(8, 0)), (108, 8, _octal(8, 0)),
                   (116, 8, _octal(8, 0)), (124, 12, _octal(12, len(data))),
                   (136, 12, _octal(12, 0)), (156, 1, tarfile.XHDTYPE)])
    pad = bytes(-len(data) % 512)
    main = _block(numbers + [(0, 100, _ascii(name)), (157, 100, _ascii(linkname)),
                             (265, 32, _ascii(uname)), (297, 32, _ascii(gname))])
    return xhdr + data + pad + main


def _tar_mode(node: Node) -> int:
    """The mode field: permission bits plus the file-type bits (moby fillGo18FileTypeBits)."""
    return _st.S_IFMT(node.mode) | _st.S_IMODE(node.mode)


def _header(name: str, node: Node, typeflag: bytes, mode: int | None = None, size: int = 0,
            linkname: str = "", mtime: float | None = None) -> bytes:
    t = node.mtime if mtime is None else mtime
    rdev = getattr(node, "rdev", 0) if typeflag in (tarfile.CHRTYPE, tarfile.BLKTYPE) else 0
    return go_tar_header(name, _tar_mode(node) if mode is None else mode, node.uid, node.gid,
                         size, math.floor(t), typeflag, linkname,
                         HOST_USERS.get(node.uid, ""), HOST_GROUPS.get(node.gid, ""),
                         os.major(rdev), os.minor(rdev))


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
                yield _header(wh, node, tarfile.REGTYPE, mode=0o600)
                continue
            if isinstance(node, Dir):
                yield _header(path + "/", node, tarfile.DIRTYPE)
                if oci_whiteouts and is_opaque(node):
                    yield _header(path + "/" + WH_OPAQUE, node, tarfile.REGTYPE,
                                  mode=node.mode & 0o777, mtime=0)
                yield from walk(node, path + "/")
                continue
            if _st.S_ISSOCK(node.mode):
                continue                     # moby: "archive: skipping ... since it is a socket"
            if node.nlink > 1:               # any non-folder with several links
                first = links.get(id(node))
                if first is not None:
                    yield _header(path, node, tarfile.LNKTYPE, linkname=first)
                    continue
                links[id(node)] = path
            if isinstance(node, Symlink):
                yield _header(path, node, tarfile.SYMTYPE, linkname=node.target)
            elif isinstance(node, File):
                size = node.blob.size
                yield _header(path, node, tarfile.REGTYPE, size=size)
                yield from node.blob.chunks()
                if size % 512:
                    yield bytes(512 - size % 512)
            elif isinstance(node, Device):
                kind = tarfile.CHRTYPE if _st.S_ISCHR(node.mode) else (
                    tarfile.BLKTYPE if _st.S_ISBLK(node.mode) else tarfile.FIFOTYPE)
                yield _header(path, node, kind)

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


def decompress(data: bytes) -> bytes:
    """moby ``compression.DecompressStream``: gzip, bzip2, xz, or a plain tar as it is."""
    import bz2
    import gzip
    import lzma
    if data[:2] == b"\x1f\x8b":
        return gzip.decompress(data)
    if data[:3] == b"BZh":
        return bz2.decompress(data)
    if data[:6] == b"\xfd7zXZ\x00":
        return lzma.decompress(data)
    if data[:4] == b"\x28\xb5\x2f\xfd":
        raise TarFormatError("zstd-compressed layers are not simulated by dockstore-magic")
    return data


def _clean_name(name: str) -> str:
    """A member name relative to the layer root: ``./`` prefixes and slashes dropped."""
    while name.startswith("./"):
        name = name[2:]
    return name.strip("/")


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
            path = _clean_name(ti.name)
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
                e.kind, e.target = "hardlink", _clean_name(ti.linkname)
            elif ti.ischr() or ti.isblk() or ti.isfifo():
                e.kind = "chardev" if ti.ischr() else ("blockdev" if ti.isblk() else "fifo")
                e.rdev = os.makedev(ti.devmajor, ti.devminor)
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
        if e.path.startswith(WH_PREFIX + WH_PREFIX) and e.path != WH_OPAQUE:
            continue            # AUFS metadata at the root (.wh..wh.plnk/…): skipped, as moby
        name = e.path.rsplit("/", 1)[-1]
        parent = parent_of(e.path)
        if name == WH_OPAQUE:
            parent.xattrs[OPAQUE_XATTR] = b"y"
            continue
        if name.startswith(WH_PREFIX):
            # moby's overlay ConvertRead: mknod 0/0, chowned to the entry's owner
            parent.entries[name[len(WH_PREFIX):]] = Device(_st.S_IFCHR, 0, e.uid, e.gid, e.mtime)
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
