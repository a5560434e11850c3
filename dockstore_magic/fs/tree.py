"""The Docker host's own filesystem: an in-memory tree of inodes.

Everything Docker keeps — layer folders under /var/lib/docker/overlay2, image and layer
metadata, containers, volumes — lives in one :class:`TreeFS`.  A :class:`TreeFS` can also be
rooted at a folder of another one (:meth:`TreeFS.subtree`): that is how vfs layers, volumes and
bind mounts are seen from a container, sharing the very same inodes (as a Linux bind mount
does).
"""
from __future__ import annotations

import contextlib
import itertools
import stat as _st
from typing import Callable

from .base import FileSystem, Stat, join
from .blob import Blob, EMPTY, SliceBlob
from .errors import FSError, ENOENT, ENOTDIR, EXDEV, ShortWrite

_inos = itertools.count(1)
_new = object.__new__

#: Bumped by every change to any folder's entries (see :class:`Entries`) and by every change
#: of a node's content or metadata through a filesystem: whatever remembers lookups (an
#: overlay's merged folders) or comparisons (vfs diffs) forgets them when it has moved on.
generation = [0]
#: Bumped when a folder that holds anything is removed or replaced: only that can change where
#: a path that resolved to a folder once leads (a new name cannot; removing a file cannot;
#: an empty folder removed is marked ``gone`` instead), so folders found by path stay valid
#: until then.
removals = [0]


def _dropped(old) -> None:
    """A node left a folder (removed, replaced, moved away)."""
    if old.__class__ is Dir:
        if old.entries:
            removals[0] += 1
        else:
            old.gone = True


class Entries(dict):
    """A folder's names → nodes.  Reading is a plain dict's; every change counts in
    :data:`generation` (and in :data:`removals`, see there), so a cache of lookups is
    invalidated exactly when it may have gone stale (what the kernel's dentry cache gets
    from the VFS calling it on every change)."""
    __slots__ = ()

    def __setitem__(self, key, value):
        old = dict.get(self, key)
        if old is not None and old is not value:
            _dropped(old)
        if value.__class__ is Dir and value.gone:
            # a folder moved here: whatever path found it before leads elsewhere now
            value.gone = False
            removals[0] += 1
        dict.__setitem__(self, key, value)
        generation[0] += 1

    def __delitem__(self, key):
        _dropped(dict.__getitem__(self, key))
        dict.__delitem__(self, key)
        generation[0] += 1

    def pop(self, key, *default):
        old = dict.get(self, key)
        if old is not None:
            _dropped(old)
        generation[0] += 1
        return dict.pop(self, key, *default)

    def popitem(self):
        generation[0] += 1
        removals[0] += 1
        return dict.popitem(self)

    def clear(self):
        generation[0] += 1
        removals[0] += 1
        dict.clear(self)

    def update(self, *args, **kw):
        generation[0] += 1
        removals[0] += 1
        dict.update(self, *args, **kw)

    def setdefault(self, key, default=None):
        generation[0] += 1
        return dict.setdefault(self, key, default)

    def __ior__(self, other):
        generation[0] += 1
        removals[0] += 1
        return dict.__ior__(self, other)


class Node:
    __slots__ = ("mode", "uid", "gid", "mtime", "xattrs", "ino", "nlink")
    target = ""            # (a symlink's own slot overrides these)
    rdev = 0

    def __init__(self, mode: int, uid: int = 0, gid: int = 0, mtime: float = 0.0):
        self.mode, self.uid, self.gid, self.mtime = mode, uid, gid, mtime
        self.xattrs: dict[str, bytes] = {}
        self.ino = next(_inos)
        self.nlink = 1

    def stat(self) -> Stat:
        # (a Stat filled in one step: stat is what every lookup ends with)
        st = _new(Stat)
        st.__dict__ = {"mode": self.mode, "uid": self.uid, "gid": self.gid, "size": self.size,
                       "mtime": self.mtime, "nlink": self.nlink, "ino": self.ino,
                       "rdev": self.rdev, "target": self.target, "xattrs": dict(self.xattrs)}
        return st

    @property
    def size(self) -> int:
        return 0


class DirStat(Stat):
    """A folder's :class:`Stat` whose link count (2 + its subfolders, as on ext4) is only
    counted when somebody reads it: resolving a path stats every folder on the way."""

    def __init__(self, entries: dict | None = None, **kw):
        self._entries = entries if entries is not None else {}
        super().__init__(**kw)

    @property
    def nlink(self) -> int:
        n = self.__dict__.get("_nlink")
        if n is None:
            n = 2 + sum(1 for c in self._entries.values() if isinstance(c, Dir))
            self.__dict__["_nlink"] = n
        return n

    @nlink.setter
    def nlink(self, value) -> None:
        if value is not None:
            self.__dict__["_nlink"] = value


class Dir(Node):
    __slots__ = ("entries", "gone")

    def __init__(self, mode: int = 0o755, uid=0, gid=0, mtime=0.0):
        super().__init__(_st.S_IFDIR | (mode & 0o7777), uid, gid, mtime)
        self.entries: Entries = Entries()
        self.nlink = 2
        self.gone = False          # removed while empty (see :func:`_dropped`)

    @property
    def size(self) -> int:
        return 4096

    def stat(self) -> Stat:
        st = _new(DirStat)
        st.__dict__ = {"_entries": self.entries, "mode": self.mode, "uid": self.uid,
                       "gid": self.gid, "size": 4096, "mtime": self.mtime, "ino": self.ino,
                       "rdev": 0, "target": "", "xattrs": dict(self.xattrs)}
        return st


class File(Node):
    __slots__ = ("blob",)

    def __init__(self, blob: Blob = EMPTY, mode: int = 0o644, uid=0, gid=0, mtime=0.0):
        super().__init__(_st.S_IFREG | (mode & 0o7777), uid, gid, mtime)
        self.blob = blob

    @property
    def size(self) -> int:
        return self.blob.size


class Symlink(Node):
    __slots__ = ("target",)

    def __init__(self, target: str, uid=0, gid=0, mtime=0.0):
        super().__init__(_st.S_IFLNK | 0o777, uid, gid, mtime)
        self.target = target

    @property
    def size(self) -> int:
        return len(self.target.encode())


class Device(Node):
    """A device node; overlay2 marks a deleted path with a character device 0/0 (a whiteout)."""
    __slots__ = ("rdev",)

    def __init__(self, mode: int = _st.S_IFCHR, rdev: int = 0, uid=0, gid=0, mtime=0.0):
        super().__init__(mode, uid, gid, mtime)
        self.rdev = rdev


def place(parent: "Dir", name: str, node: Node) -> None:
    """A new node in a folder (mkdir, symlink, mknod): the folder is changed when it is."""
    parent.entries[name] = node
    parent.mtime = node.mtime


def set_entries(d: "Dir", entries: dict) -> None:
    """Give a folder a whole new set of entries (a layer's changeset put in place)."""
    d.entries = entries if isinstance(entries, Entries) else Entries(entries)
    generation[0] += 1
    removals[0] += 1


def is_whiteout(node: Node | None) -> bool:
    return isinstance(node, Device) and _st.S_ISCHR(node.mode) and node.rdev == 0


OPAQUE_XATTR = "trusted.overlay.opaque"


def is_opaque(node: Node | None) -> bool:
    return isinstance(node, Dir) and node.xattrs.get(OPAQUE_XATTR) == b"y"


def clone(node: Node, deep: bool = True, _links: dict | None = None) -> Node:
    """A copy of a node (and, for a folder, of everything below): contents are shared blobs.
    Hard links inside the copied tree stay hard links (one new inode for each old one)."""
    if _links is None:
        _links = {}
    if isinstance(node, Dir):
        new: Node = Dir(node.mode, node.uid, node.gid, node.mtime)
        if deep:
            new.entries = Entries({k: clone(v, True, _links) for k, v in node.entries.items()})
    elif node.nlink > 1 and id(node) in _links:
        return _links[id(node)]
    elif isinstance(node, File):
        new = File(node.blob, node.mode, node.uid, node.gid, node.mtime)
    elif isinstance(node, Symlink):
        new = Symlink(node.target, node.uid, node.gid, node.mtime)
    else:
        new = Device(node.mode, node.rdev, node.uid, node.gid, node.mtime)
    new.mode = node.mode
    new.xattrs = dict(node.xattrs)
    if not isinstance(node, Dir) and node.nlink > 1:
        new.nlink = node.nlink
        _links[id(node)] = new
    return new


def first_ino() -> int:
    """The inode number the next node made will take (the counter is left where it was)."""
    global _inos
    n = next(_inos)
    _inos = itertools.count(n)
    return n


@contextlib.contextmanager
def numbered(first: int):
    """New nodes take inode numbers from ``first`` on, as when the counter stood there
    (:func:`first_ino`): a tree laid out again from a deterministic source gets the same."""
    global _inos
    saved, _inos = _inos, itertools.count(first)
    try:
        yield
    finally:
        _inos = saved


def clone_numbered(node: Node, first: int) -> Node:
    """:func:`clone` as made when the inode counter stood at ``first``."""
    with numbered(first):
        return clone(node)


#: Told of a folder just laid out from a recipe: ``f(folder, recipe)``, a tuple saying how
#: to lay it out again (a catalogue layer, a copy of another folder; see the drivers).  A
#: saved host writes such a folder as its recipe and what changed since (persist/codec.py).
laid_out: list = []
#: Told of a change made in a folder's tree without a filesystem (a changeset applied in
#: place): ``f(folder, path, replaced)``, the path's parts below ``folder``; ``replaced``:
#: the node there is new or gone, else only the folder at that path changed (attributes).
changed_apart: list = []


def _sum_sizes(node: Node, kinds: tuple, measure=None) -> int:
    """``measure`` (default: the size) summed over the nodes of ``kinds`` below ``node``, a
    hard-linked inode once."""
    seen: set[int] = set()
    total = 0
    stack = [node]
    pop, extend = stack.pop, stack.extend
    while stack:
        n = pop()
        cls = n.__class__
        if cls is Dir:
            extend(n.entries.values())
        elif cls in kinds:
            if n.nlink > 1:
                if n.ino in seen:
                    continue
                seen.add(n.ino)
            total += n.size if measure is None else measure(n)
    return total


def tree_size(node: Node) -> int:
    """Bytes a folder's files take, as moby's ``directory.Size`` counts them: regular files and
    symlinks (their target length); folders and whiteouts count nothing; a hard-linked file
    counts once."""
    return _sum_sizes(node, (File, Symlink))


def regular_size(node: Node) -> int:
    """Bytes of the regular files only, as BuildKit sizes the layers it exports."""
    return _sum_sizes(node, (File,))


def tmpfs_size(size: int, page: int = 4096) -> int:
    """A tmpfs's ``size=`` as the kernel keeps it: whole pages, rounded up (mm/shmem.c
    shmem_parse_one: ``DIV_ROUND_UP(size, PAGE_SIZE)`` blocks); 0 stays 0 (no limit)."""
    return -(-size // page) * page


PAGE = 4096


def _pages(size: int, page: int = PAGE) -> int:
    """Bytes of the whole pages that ``size`` bytes take."""
    return -(-size // page) * page


def pages_used(node: Node, page: int = PAGE) -> int:
    """What ``df`` counts on a tmpfs: whole pages per file (a hard-linked one once)."""
    return _sum_sizes(node, (File,), lambda n: _pages(n.size, page))


class TreeFS(FileSystem):
    """A filesystem made of :class:`Node` objects, rooted at ``root``.

    A tmpfs keeps its pages in use as a running total (shmem's ``used_blocks`` counter,
    mm/shmem.c shmem_inode_acct_blocks): :meth:`pages_in_use` walks the tree once, then every
    primitive that changes what the files hold (``_write``, ``_remove``, ``_rename`` over a
    file) adds or takes off its difference, so a write's check against ``size=`` costs the
    same however full the tmpfs is.  That holds while the tree changes only through this
    filesystem, as a tmpfs's does (:meth:`attach` of a foreign tree starts the count over)."""

    capacity: int | None = None      # (a host saved before tmpfs sizes has none)
    _used: int | None = None         # pages in use, once counted (see pages_in_use)

    def __init__(self, root: Dir | None = None, clock: Callable[[], float] | None = None,
                 readonly: bool = False, capacity: int | None = None):
        self.root = root if root is not None else Dir(0o755)
        self.clock = clock or (lambda: 0.0)
        self.readonly = readonly
        #: bytes the files may take, counted in whole pages as a tmpfs counts them (a tmpfs
        #: with ``size=``); None: no limit
        self.capacity = capacity
        self._dirs: dict[str, tuple] = {}      # folder path → (parts, node); see _resolve
        self._dirs_gen = -1

    @classmethod
    def mounted(cls, clock: Callable[[], float], mtime: float, mode: int = 0o755,
                readonly: bool = False, capacity: int | None = None) -> "TreeFS":
        """A new, empty filesystem as mount(2) makes one (a tmpfs, sysfs): its root folder
        has ``mode`` and is dated ``mtime``, the time of the mount (not 1970); ``capacity``:
        a tmpfs's ``size=``."""
        return cls(Dir(mode, mtime=mtime), clock=clock, readonly=readonly, capacity=capacity)

    # ---- node access
    def node(self, parts) -> Node | None:
        n: Node = self.root
        try:
            for p in parts:
                n = n.entries[p]
        except (KeyError, AttributeError):      # missing, or not a folder
            return None
        return n

    def _dir(self, parts) -> Dir:
        n = self.node(parts)
        if n is None:
            raise FSError(ENOENT, join(parts))
        if not isinstance(n, Dir):
            raise FSError(ENOTDIR, join(parts))
        return n

    def _touch_dir(self, d: Dir) -> None:
        d.mtime = self.clock()

    def subtree(self, path: str, readonly: bool = False) -> "TreeFS":
        """A view rooted at a folder of this tree, sharing its nodes (bind mount, volume, vfs)."""
        n = self.node_at(path)
        if not isinstance(n, Dir):
            raise FSError(ENOTDIR, path)
        return TreeFS(n, self.clock, readonly)

    def attach(self, path: str, node: Node) -> None:
        """Put an existing node (e.g. a freshly built layer tree) at ``path``."""
        parts = self.resolve(path, follow=False)
        parent = self._dir(parts[:-1])
        parent.entries[parts[-1]] = node
        self._touch_dir(parent)
        self._used = None               # a tree from elsewhere: counted again when asked

    # ---- lookup steps: the cursor is the node itself
    def _root(self):
        return self.root

    def _resolve(self, path: str, follow: bool = True, cwd: str = "/"):
        # The folder of a plain absolute path, once found, is remembered until a name is
        # removed or replaced anywhere (:data:`removals`): the engine reads and writes many
        # files of one folder (a layer's, a container's) in a row.
        if not path.startswith("/"):
            path = cwd.rstrip("/") + "/" + path
        head, _, name = path.rpartition("/")
        dirs = self._dirs
        if name and name != "." and name != "..":
            if self._dirs_gen != removals[0]:
                dirs.clear()
                self._dirs_gen = removals[0]
            hit = dirs.get(head)
            if hit is not None and not hit[1].gone:
                n = hit[1].entries.get(name)
                if n is None or not follow or n.__class__ is not Symlink:
                    return hit[0] + (name,), n
        parts, curs, hops = self._lookup_path(path, follow, "/")
        if not hops and name and "/." not in path and len(curs) > 1:
            if len(dirs) >= 4096:
                dirs.clear()
            dirs[head] = (parts[:-1], curs[-2])
        return parts, curs[-1]

    def _step(self, cur, parts, name):
        n = cur.entries.get(name)
        return None if n is None else (n, n.mode, n.target)

    def _stat_at(self, cur, parts):
        return None if cur is None else cur.stat()

    def _exists_at(self, cur, parts):
        return cur is not None

    def _mode_at(self, cur, parts):
        return None if cur is None else cur.mode

    def _listdir_at(self, cur, parts):
        if cur is None:
            raise FSError(ENOENT, join(parts))
        if not isinstance(cur, Dir):
            raise FSError(ENOTDIR, join(parts))
        return list(cur.entries)

    def _blob_at(self, cur, parts):
        return cur.blob if isinstance(cur, File) else EMPTY

    def node_at(self, path: str, follow: bool = True) -> Node:
        parts, n = self._resolve(path, follow)
        if n is None:
            raise FSError(ENOENT, path)
        return n

    # ---- primitives
    def _check_writable(self, parts):
        if self.readonly:
            from .errors import EROFS
            raise FSError(EROFS, join(parts))

    def _lstat(self, parts):
        n = self.node(parts)
        return None if n is None else n.stat()

    def _listdir(self, parts):
        return list(self._dir(parts).entries)

    def _blob(self, parts):
        n = self.node(parts)
        return n.blob if isinstance(n, File) else EMPTY

    def _write(self, parts, blob, mode, uid, gid):
        parent = self._dir(parts[:-1])
        n = parent.entries.get(parts[-1])
        short = None
        if self.capacity is not None:
            fit = self._room(n, blob.size)
            if fit < blob.size:
                blob, short = (SliceBlob(blob, 0, fit) if fit else EMPTY), fit
        now = self.clock()
        if isinstance(n, File):
            if self._used is not None:
                self._used += _pages(blob.size) - _pages(n.blob.size)
            n.blob = blob
            n.mtime = now
            generation[0] += 1
        else:
            if self._used is not None:
                self._used += _pages(blob.size)
            parent.entries[parts[-1]] = File(blob, mode, uid, gid, now)
            parent.mtime = now
        if short is not None:
            raise ShortWrite(join(parts), short)

    def pages_in_use(self) -> int:
        """Bytes of the whole pages the files take (what ``df`` shows used on a tmpfs), a
        hard-linked file once: counted by one walk the first time, kept up to date after."""
        if self._used is None:
            self._used = pages_used(self.root)
        return self._used

    def _unlinked(self, n: Node) -> None:
        """A name of ``n`` is gone: its pages are freed with its last link."""
        n.nlink = max(0, n.nlink - 1)
        if self._used is not None and n.nlink == 0 and n.__class__ is File:
            self._used -= _pages(n.blob.size)

    def _room(self, old: Node | None, size: int) -> int:
        """How many of ``size`` bytes fit in the file that ``old`` is (None: a new one) under
        :attr:`capacity` (shmem's block accounting: whole pages, the limit rounded up to a
        page)."""
        mine = _pages(old.size) if isinstance(old, File) else 0
        free = _pages(self.capacity) - (self.pages_in_use() - mine)
        return max(0, min(size, free))

    def _mkdir(self, parts, mode, uid, gid):
        place(self._dir(parts[:-1]), parts[-1], Dir(mode, uid, gid, self.clock()))

    def _symlink(self, parts, target, uid, gid):
        place(self._dir(parts[:-1]), parts[-1], Symlink(target, uid, gid, self.clock()))

    def _mknod(self, parts, mode, rdev, uid, gid):
        place(self._dir(parts[:-1]), parts[-1], Device(mode, rdev, uid, gid, self.clock()))

    def _remove(self, parts):
        parent = self._dir(parts[:-1])
        self._unlinked(parent.entries.pop(parts[-1]))
        parent.mtime = self.clock()

    def _setattr(self, parts, mode=None, uid=None, gid=None, mtime=None):
        n = self.node(parts)
        if n is None:
            raise FSError(ENOENT, join(parts))
        generation[0] += 1
        if mode is not None:
            n.mode = mode
        if uid is not None and uid >= 0:
            n.uid = uid
        if gid is not None and gid >= 0:
            n.gid = gid
        n.mtime = self.clock() if mtime is None and mode is None and uid is None and gid is None \
            else (mtime if mtime is not None else n.mtime)

    def _rename(self, src, dst):
        sp, dp = self._dir(src[:-1]), self._dir(dst[:-1])
        node = sp.entries[src[-1]]
        old = dp.entries.get(dst[-1])
        if old is node:
            return              # rename(2): two links to one inode, nothing is done
        del sp.entries[src[-1]]
        if old is not None:
            self._unlinked(old)
        dp.entries[dst[-1]] = node
        now = self.clock()
        sp.mtime = dp.mtime = now

    def link(self, src: str, dst: str) -> None:
        """A hard link: the same inode under a second name (link(2): no folders)."""
        from .errors import EEXIST, EPERM
        n = self.node_at(src, follow=False)
        if isinstance(n, Dir):
            raise FSError(EPERM, src)
        parts = self.resolve(dst, follow=False)
        self._parent_dir(parts, dst)
        parent = self._dir(parts[:-1])
        if parts[-1] in parent.entries:
            raise FSError(EEXIST, dst)
        self._check_writable(parts)
        n.nlink += 1
        parent.entries[parts[-1]] = n
        parent.mtime = self.clock()

    def size_of(self, path: str) -> int:
        return tree_size(self.node_at(path))


__all__ = ["TreeFS", "Node", "Dir", "DirStat", "File", "Symlink", "Device", "is_whiteout", "is_opaque", "place",
           "OPAQUE_XATTR", "clone", "tree_size", "regular_size", "pages_used", "EXDEV"]
