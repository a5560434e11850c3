"""How the engine's object graph becomes bytes, one *segment* at a time.

The whole engine (stores, containers, volumes, the build cache, clock and ID generator) is
pickled: no field is listed by hand, so a field another module adds tomorrow is saved too
(caches apart, :data:`CACHES`).  These make that cheap enough to do after every command:

* **Segments.**  The host's filesystem is cut where Docker keeps one object per entry
  (:data:`PATTERNS`: ``overlay2/<id>`` and its ``diff``, ``vfs/dir/<id>``,
  ``volumes/<name>``, ``containers/<id>``, the layer and image metadata).  Each segment is
  pickled on its own; the rest of the engine (the *main* pickle) and other segments refer to
  nodes inside a segment by (segment, path).  A pulled image's layers are written once.
* **Written once.**  A layer's changeset (:class:`~dockstore_magic.layer.Changeset`, kept
  apart from the host's tree to make the layer's tar again) never changes: the first save
  that meets one writes its tree to a segment of its own, named by its hash
  (``changeset/<hash>``), and the main pickle refers to it.  A changeset that is a recipe
  (a pulled catalogue layer, laid out again on demand) is saved as the recipe's name.
* **File contents written once.**  A blob is immutable and shared by every copy of its
  file (copy-up, ``cp``, a vfs layer copy): the first save that meets a blob (its bytes, or
  a filler's size and seed) puts it in that save's *pack* (``blobs/<save>``, a segment of
  blobs), and every segment refers to it there.  A vfs copy of a layer is then its nodes,
  not its files' contents again; and read back, the copies share their blobs again.  A
  pack is kept while a segment (or the main pickle) refers to it (``uses``).
* **Folders laid out again.**  A layer folder laid out from a recipe (a pulled catalogue
  layer on overlay2; on vfs, a copy of the parent layer's folder, then maybe a catalogue
  layer applied) is told to the journal (``fs.tree.laid_out``), with the first inode number
  its nodes took.  The save that meets it writes the recipe, the inode numbers, and what
  the journal says changed in it since (vfs: the nodes at those paths, the attributes and
  order of names of the folders above them), not its tree; reading it back lays it out
  again, with the same inodes (``fs.tree.numbered``).  Such a folder is indexed (below) only
  when one of its nodes is met elsewhere: its nodes are known by their inode numbers
  (:meth:`Codec.pend`).  A change the recipe cannot say (a hard link among the changes, a
  write through a filesystem rooted inside it), or a change of the folder it copies,
  writes it whole again.
* **A journal of writes.**  :func:`install_journal` wraps the primitives of the in-memory
  filesystems (``_write``, ``_mkdir``, ``_remove``, ``_setattr``, ``_rename``, …): each call
  records which filesystem root and which path it changed, so a save re-pickles only the
  segments a command touched.  A filesystem whose root is not an in-memory folder marks
  everything changed: slower, never wrong.  A class backed by real files (nothing of it is
  in the saved host) says so with ``journaled = False``.

A segment's tree is written flat (:func:`_flatten`: one tuple of slot values a node, in
preorder), the nodes of the main pickle are reduced to their class and a {slot: value}
state; either way every slot of a node class is saved, one added tomorrow too.
:class:`~dockstore_magic.fs.blob.FillerBlob` drops its cached 4 KiB block: size-only
contents (zeros, fillers, slices) stay a few bytes on disk.
"""
from __future__ import annotations

import copyreg
import hashlib
import io
import itertools
import pickle
from operator import attrgetter

from ..catalogue import registry as _catalogue
from ..catalogue.records import CatalogueLayer
from ..drivers.vfs import VfsDriver
from ..fs import blob as _blob
from ..fs import tree as _tree
from ..fs.base import FileSystem
from ..fs.overlay import OverlayFS
from ..fs.tree import Dir, Node, TreeFS
from ..image import Image
from ..layer import Changeset

#: Where the host's tree is cut: every node at a path matching one of these (``*``: any
#: name) is the root of a segment of its own.  A layer's ``diff`` is apart from its small
#: files (``link``, ``lower``, ``committed``, which moby rewrites when a child is created).
PATTERNS = tuple(tuple(p.split("/")) for p in (
    "var/lib/docker/overlay2/*",
    "var/lib/docker/overlay2/*/diff",
    "var/lib/docker/vfs/dir/*",
    "var/lib/docker/volumes/*",
    "var/lib/docker/containers/*",
    "var/lib/docker/image/*/layerdb/sha256/*",
    "var/lib/docker/image/*/imagedb/content/sha256/*",
    # the containerd image store (dockstore_magic/containerd)
    "var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/*",
    "var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/*/fs",
    "var/lib/containerd/io.containerd.content.v1.content/blobs/sha256/*",
))

#: Caches that are no part of the saved host: a (memo, generation) pair of attributes,
#: written as a new one is made ({}, -1).  They are recomputed on demand, and their
#: generation counts the changes of this process (fs.tree ``generation``, ``removals``),
#: which starts again in the next one: a saved memo could answer for another tree.
CACHES = {TreeFS: ("_dirs", "_dirs_gen"), OverlayFS: ("_memo", "_memo_gen"),
          VfsDriver: ("_memo", "_memo_gen")}

#: What :func:`segment_of_path` looks at: the first names of a path, one more than the
#: longest pattern (beyond it, a path is inside the same segments).
DEPTH = max(len(p) for p in PATTERNS) + 1
#: … and of the patterns a path's first HEAD names can match: removing a folder of
#: thousands of files journals as many paths, their segments are looked up once a folder.
HEAD = 4
_DEPTHS: dict[tuple, int] = {}


def deciding(parts: tuple) -> tuple:
    """The first names of a path that decide which segments it is in (:func:`segment_of_path`
    gives the same for them as for the whole path)."""
    head = parts[:HEAD]
    d = _DEPTHS.get(head)
    if d is None:
        d = _DEPTHS[head] = 1 + max((len(p) for p in PATTERNS
                                     if all(a in ("*", b) for a, b in zip(p, head))), default=0)
    return parts[:d]

#: The filesystem primitives that change something (fs/base.py's contract, plus TreeFS's
#: ``attach`` and ``link``).
MUTATORS = ("_write", "_mkdir", "_symlink", "_mknod", "_remove", "_setattr", "_rename",
            "attach", "link", "_remove_tree")
#: Mutators journaled as one path, what they do below it unjournaled: ``rm -rf`` of a
#: container's vfs copy would journal thousands of paths of one segment.
WHOLE = ("_remove_tree",)

#: Filesystems that only route to others (their targets are journaled themselves).
ROUTERS = {"MountNamespace"}

ALL = object()          # "every segment may have changed"

#: The key of a segment written once (a changeset): this prefix and the hash of its bytes.
ONCE = "changeset/"
#: The key of a pack of blobs: this prefix and the save that wrote it.
PACK = "blobs/"
#: Blobs smaller than this are written where they are met (a reference costs about as much).
PACKED_SIZE = 24


# ------------------------------------------------------------------------ journal
class Journal:
    """What changed since the last save: (filesystem root node, path) pairs.

    Only changes that can touch a saved segment are kept: through the host's own tree, or
    through a filesystem rooted at a node of a segment (``watched``: the current store's
    index).  A tree being laid out apart (a catalogue layer, a build step's changeset) is
    not: it reaches the host through a journaled ``attach``, and what is not in a segment
    is in the main pickle, written at every save."""

    def __init__(self):
        self.entries: list = []
        self.all = False
        self.below = False                  # inside a mutator journaled as one path (WHOLE)
        self.active = False
        self.owner = None                   # the store that saves after each command
        self.host = None                    # its engine's host root …
        self.watched: dict = {}             # … and its index (id(node) → entry)
        #: folders laid out from a recipe since the last save: id → (folder, recipe (see
        #: the drivers), how many entries the journal held then: the later ones changed it)
        self.layouts: dict[int, tuple] = {}
        self.codec = None                   # the store's codec (its segments not indexed yet)

    def clear(self):
        self.entries.clear()
        self.layouts.clear()
        self.all = False

    def watch(self, host, index, codec=None) -> None:
        self.host, self.watched, self.codec = host, index, codec

    def laid_out(self, folder, recipe: tuple) -> None:
        if not self.active:
            return
        if recipe[0] == "then":         # a catalogue layer applied to a vfs folder just laid out
            got = self.layouts.get(id(folder))
            if got is None or got[0] is not folder or got[1][0] != "vfs":
                return                  # (its changes were journaled as they were made)
            kind, base, first, end, steps = got[1]
            recipe = (kind, base, first, end, steps + (recipe[1:],))
        self.layouts[id(folder)] = (folder, recipe, len(self.entries))

    def changed_apart(self, folder, path: tuple, replaced: bool) -> None:
        if self.active and (id(folder) in self.layouts or id(folder) in self.watched):
            self.entries.append((folder, (path,) if replaced else (TOUCHED, path)))


#: In a journal entry: a folder's attributes (not what is in it) changed at this path.
TOUCHED = object()

JOURNAL = Journal()
_tree.laid_out.append(JOURNAL.laid_out)
_tree.changed_apart.append(JOURNAL.changed_apart)


def _wrap(cls, name):
    f = cls.__dict__[name]
    routed = cls.__name__ in ROUTERS

    whole = name in WHOLE

    def journaled(self, *args, **kw):
        if JOURNAL.active and not JOURNAL.below and not routed and not (
                whole and (type(self).__name__ in ROUTERS or getattr(self, "journaled", True) is False)):
            root = getattr(self, "upper", None) if hasattr(self, "lowers") else getattr(self, "root", None)
            if not isinstance(root, Dir):
                JOURNAL.all = True
            elif root is JOURNAL.host or id(root) in JOURNAL.watched or id(root) in JOURNAL.layouts:
                JOURNAL.entries.append((root, args[:2]))
            elif JOURNAL.codec is not None and JOURNAL.codec.maybe_pending(root):
                JOURNAL.entries.append((root, args[:2]))    # (in a segment indexed just now)
            if whole:
                JOURNAL.below = True
                try:
                    return f(self, *args, **kw)
                finally:
                    JOURNAL.below = False
        return f(self, *args, **kw)

    journaled.__wrapped__ = f
    journaled._journaled = True
    journaled.__name__, journaled.__doc__ = f.__name__, f.__doc__
    setattr(cls, name, journaled)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def install_journal() -> int:
    """Wrap the mutators of every filesystem class; return how many were not wrapped yet
    (a class imported since the last call may already have written unjournaled)."""
    n = 0
    for cls in (FileSystem, *_subclasses(FileSystem)):
        if cls.__dict__.get("journaled") is False:     # backed by real files: nothing to save
            continue
        for name in MUTATORS if cls is not FileSystem else WHOLE:
            f = cls.__dict__.get(name)
            if f is not None and not getattr(f, "_journaled", False):
                _wrap(cls, name)
                n += 1
    return n


def as_parts(arg) -> tuple | None:
    if isinstance(arg, tuple):
        return arg
    if isinstance(arg, str):
        return tuple(p for p in arg.split("/") if p and p != ".")
    return None


def _trie(patterns) -> dict:
    """The patterns as nested dicts, name by name (``None``: a pattern ends here)."""
    root: dict = {}
    for pat in patterns:
        node = root
        for name in pat:
            node = node.setdefault(name, {})
        node[None] = True
    return root


_TRIE = _trie(PATTERNS)


_SEGMENTS_OF: dict[tuple, list] = {}


def segment_of_path(parts: tuple) -> list[str]:
    """The segments a change at this host path touches: the innermost segment the path is
    inside of, and when the path is a segment's root, that segment too (its own attributes).
    (Remembered: a container's or a layer's files are written again and again.)"""
    keys = _SEGMENTS_OF.get(parts)
    if keys is None:
        if len(_SEGMENTS_OF) > 10_000:
            _SEGMENTS_OF.clear()
        keys = _SEGMENTS_OF[parts] = _segment_of_path(parts)
    return keys


def _segment_of_path(parts: tuple) -> list[str]:
    inside, root = None, None
    level = [_TRIE]
    for depth, name in enumerate(parts, 1):
        level = [c for node in level for c in (node.get(name), node.get("*")) if c is not None]
        if not level:
            break
        if any(None in node for node in level):
            if depth == len(parts):
                root = "/".join(parts)
            else:
                inside = "/".join(parts[:depth])
    return [k for k in (inside, root) if k]


def find_segments(tree) -> dict:
    """Every segment root of the host's tree: key (its path) → node."""
    out: dict = {}
    for pat in PATTERNS:
        level = [((), tree.root)]
        for name in pat:
            nxt = []
            for path, node in level:
                if not isinstance(node, Dir):
                    continue
                if name == "*":
                    nxt.extend((path + (k,), c) for k, c in node.entries.items())
                else:
                    c = node.entries.get(name)
                    if c is not None:
                        nxt.append((path + (name,), c))
            level = nxt
        for path, node in level:
            out["/".join(path)] = node
    return out


# ------------------------------------------------------------------------ reducing
_SLOTS: dict[type, tuple] = {}


def _slot_names(cls) -> tuple:
    names = _SLOTS.get(cls)
    if names is None:
        seen: list[str] = []
        for k in reversed(cls.__mro__):
            for s in k.__dict__.get("__slots__", ()):
                if s not in seen and not s.startswith("__"):
                    seen.append(s)
        names = _SLOTS[cls] = tuple(seen)
    return names


def _slotted(obj):
    """(class, slot values by name): the unpickler sets them itself (pickle's BUILD with a
    slot state), so loading costs no Python call per node; unset slots are left out."""
    state = {}
    for n in _slot_names(type(obj)):
        try:
            state[n] = getattr(obj, n)
        except AttributeError:
            pass
    return copyreg.__newobj__, (type(obj),), (None, state)


def _filler(b):
    return _blob.FillerBlob, (b.size, b.seed)


def _catalogue_layer(spec):
    return _catalogue.layer, (spec.key,)


def _without_cache(memo, gen):
    def reduce(obj):
        state = obj.__dict__.copy()
        state[memo], state[gen] = {}, -1
        return copyreg.__newobj__, (type(obj),), state
    return reduce


def _segref(key, path):
    return LOADER.node(key, path)


def _changeset(key):
    return Changeset(LOADER.node(key, ()))


def _packed(key, i):
    return LOADER.node(key, ())[i]


def _packed_data(key, i):
    return LOADER.node(key, ())[i].data


# ------------------------------------------------------------------------ a tree, flat
class _Unset:
    """A slot that has no value (pickled by reference, as a class is)."""


_REF, _SAME = -1, -2


def _flatten(root, index, own_key, path_of) -> tuple:
    """A segment's tree as (classes, items): one tuple a node, in preorder, a folder's names
    in its own tuple and its children after it.  A node of another segment is
    ``(_REF, key, path)``; a node met before (a hard link) is ``(_SAME, position)``.  One
    tuple a node is what makes a segment cheap to write: the pickler handles plain tuples in
    C, where a node object costs a Python call (its reduce) and a dict of its slots."""
    codes: dict = {}
    classes: list = []
    items: list = []
    seen: dict = {}
    append, get = items.append, index.get
    stack = [root]
    while stack:
        n = stack.pop()
        i = id(n)
        if n is not root:
            entry = get(i)
            if entry is not None and entry[1] != own_key and entry[0] is n:
                append((_REF, entry[1], path_of(entry)))
                continue
        j = seen.get(i)
        if j is not None:
            append((_SAME, j))
            continue
        seen[i] = len(items)
        cls = n.__class__
        c = codes.get(cls)
        if c is None:
            names = _slot_names(cls)
            at = names.index("entries") + 1 if "entries" in names else 0
            c = codes[cls] = (len(classes), names, attrgetter(*names), at)
            classes.append((cls, names))
        code, names, values, at = c
        try:
            row = (code, *values(n))
        except AttributeError:                  # a slot without a value
            row = (code, *(getattr(n, s, _Unset) for s in names))
        if at and row[at] is not _Unset:
            entries = row[at]
            stack.extend(reversed(entries.values()))
            row = row[:at] + (tuple(entries),) + row[at + 1:]
        append(row)
    return classes, items


def _unflatten(classes, items):
    made: list = []
    pos = 0
    new, setattr_ = object.__new__, setattr

    def build():
        nonlocal pos
        row = items[pos]
        pos += 1
        code = row[0]
        if code == _REF:
            n = LOADER.node(row[1], row[2])
        elif code == _SAME:
            n = made[row[1]]
        else:
            cls, names = classes[code]
            n = new(cls)
            names_of_children = None
            for s, v in zip(names, row[1:]):
                if v is _Unset:
                    continue
                if s == "entries":
                    names_of_children = v
                    continue
                setattr_(n, s, v)
            made.append(n)
            if names_of_children is not None:
                entries = _tree.Entries()
                for name in names_of_children:
                    dict.__setitem__(entries, name, build())
                n.entries = entries
            return n
        made.append(n)
        return n

    return build()


class _Flat:
    __slots__ = ("classes", "items")

    def __init__(self, classes, items):
        self.classes, self.items = classes, items

    def __reduce__(self):
        return _unflatten, (self.classes, self.items)


def _laid_out(key, first, attrs):
    """A layer folder laid out from catalogue layer ``key`` and not changed since: its
    entries are laid out again, with the same inode numbers (:func:`clone_numbered`)."""
    laid = _tree.clone_numbered(_catalogue.layer(key).build(), first)
    folder = object.__new__(Dir)
    for name, value in attrs.items():
        setattr(folder, name, value)
    folder.entries = laid.entries
    return folder


def _attrs(folder) -> dict:
    """A folder's own slots (not what is in it)."""
    return {name: getattr(folder, name) for name in _slot_names(Dir)
            if name != "entries" and hasattr(folder, name)}


def _set_attrs(folder, attrs: dict) -> None:
    for name, value in attrs.items():
        setattr(folder, name, value)


def laid_out_bytes(folder, recipe) -> bytes:
    """The bytes of an overlay2 layer folder laid out from a catalogue layer (see
    :meth:`Journal.laid_out`): the recipe and the folder's own attributes, not its tree."""
    _, key, first, _ = recipe
    return pickle.dumps(_Recipe(_laid_out, (key, first, _attrs(folder))), protocol=5)


def _vfs_copy(base, first, steps, replaced, folders):
    """A vfs layer folder: a copy of the folder ``base`` (a segment; None: an empty folder)
    with the inode numbers it had, each catalogue layer of ``steps`` applied as it was, then
    what changed since: the nodes at the paths ``replaced`` (None: gone), and the attributes
    and the order of names of ``folders`` (every folder above a change)."""
    from ..drivers.vfs import apply_changeset
    if base is None:
        folder = object.__new__(Dir)
        folder.entries = _tree.Entries()
    else:
        folder = _tree.clone_numbered(LOADER.node(base, ()), first)
    for key, at, _ in steps:
        tree = _catalogue.layer(key).build()
        with _tree.numbered(at):
            apply_changeset(folder, _tree.clone(tree))
    for path, node in replaced:
        parent = _walk(folder, path[:-1])
        if isinstance(parent, Dir):
            if node is None:
                dict.pop(parent.entries, path[-1], None)
            else:
                dict.__setitem__(parent.entries, path[-1], node)
    for path, attrs, names in folders:
        d = _walk(folder, path)
        _set_attrs(d, attrs)
        entries = _tree.Entries()
        for name in names:
            dict.__setitem__(entries, name, d.entries[name])
        d.entries = entries
    return folder


def _walk(node, path):
    for name in path:
        if not isinstance(node, Dir):
            return None
        node = node.entries.get(name)
    return node


def vfs_copy_recipe(folder, recipe, replaced: set, touched: set, base_root):
    """What :func:`_vfs_copy` needs to lay ``folder`` out again, and the inode numbers of the
    nodes it holds that the recipe does not make (see :meth:`Codec.pend`); None when it cannot
    (a hard link among the changes: its other names would not see them)."""
    _, base, first, end, steps = recipe
    if () in replaced or (steps and replaced):
        return None
    paths = sorted(replaced, key=len)
    kept: list = []
    for p in paths:                 # a path below a replaced one comes with it
        if not any(p[:len(q)] == q for q in kept):
            kept.append(p)
    out, inos = [], set()
    for p in kept:
        node = _walk(folder, p)
        old = _walk(base_root, p) if base_root is not None else None
        if old is None and steps and node is None:
            return None             # gone: was it a hard link of the catalogue layer's?
        for tree in (node, old):
            stack = [tree] if tree is not None else []
            while stack:
                n = stack.pop()
                if n.__class__ is not Dir and not isinstance(n, Dir):
                    if n.nlink > 1:
                        return None
                else:
                    stack.extend(n.entries.values())
                if tree is node:
                    inos.add(n.ino)
        if node is None and _walk(folder, p[:-1]) is None:
            continue                # its folder is gone too
        out.append((p, node))
    dirs = {()}
    for p in replaced | touched:
        dirs.update(p[:i] for i in range(len(p)))
        if p in touched:
            dirs.add(p)
    folders = []
    for p in sorted(dirs, key=len):
        d = _walk(folder, p)
        if isinstance(d, Dir):
            folders.append((p, _attrs(d), tuple(d.entries)))
            inos.add(d.ino)
    ranges = [(first, end)] if base is not None else []
    ranges += [(at, stop) for _, at, stop in steps]
    return _Recipe(_vfs_copy, (base, first, steps, out, folders)), ranges, inos


class _Recipe:
    __slots__ = ("func", "args")

    def __init__(self, func, args):
        self.func, self.args = func, args

    def __reduce__(self):
        return self.func, self.args


class _Loader:
    """Set while a host is being read: resolves references into segments."""
    current = None

    def node(self, key, path):
        return self.current.resolve(key, path)


LOADER = _Loader()


def _node_classes():
    yield Node
    yield from _subclasses(Node)


def _blob_classes():
    yield from _subclasses(_blob.Blob)


class Codec:
    """Pickles a segment or the main graph; knows, through ``index``, which segment each
    node lives in (id(node) → (node, key, id of its folder, its name))."""

    def __init__(self):
        self.index: dict[int, tuple] = {}
        self.members: dict[str, list[int]] = {}
        self.once: dict[int, tuple] = {}        # id(a changeset's tree) → (tree, key) written
        self.new_once: dict[str, bytes] = {}    # segments written once, met by the last dumps
        self.used_once: set[str] = set()        # … and every such key it refers to
        self.inline_nodes = 0                   # nodes the last dumps pickled in full
        self.blobs: dict[int, tuple] = {}       # id(blob) → (blob, pack key, index)
        self.datas: dict[int, tuple] = {}       # id(a packed BytesBlob's bytes) → the same
        self.pack_key = ""                      # the pack of this save's new blobs …
        self.new_blobs: list = []               # … and those blobs
        self.packs_used: set[str] = set()       # the packs the last dumps refers to
        self.own_key = None                     # the segment being pickled (None: main)
        self._tables: dict = {}
        #: segments written as a recipe and not indexed yet (only their root is): key →
        #: (root, inode ranges its recipe made, inode numbers of the other nodes it holds)
        self.pending: dict[str, tuple] = {}
        self._bounds = (0, 0)                   # the lowest and highest of those numbers
        self.stop: set = set()                  # ids of the roots of every segment

    # ---- index
    def unindex(self, key):
        if self.pending.pop(key, None) is not None:
            self._bound()
        for i in self.members.pop(key, ()):
            entry = self.index.get(i)
            if entry is not None and entry[1] == key:
                del self.index[i]

    def pend(self, key, root, ranges, inos) -> None:
        """Segment ``key`` was written as a recipe: its nodes are indexed only when one of
        them is met elsewhere (:meth:`maybe_pending`), as a walk of thousands of nodes would
        cost more than the save.  Which nodes are its own is known from their inode numbers
        (the ranges the recipe numbered, and the others it holds)."""
        self.unindex(key)
        self.index[id(root)] = (root, key, None, "")
        self.members[key] = [id(root)]
        self.pending[key] = (root, ranges, frozenset(inos))
        self._bound()

    def _bound(self) -> None:
        lo, hi = None, 0
        for _, ranges, inos in self.pending.values():
            for a, b in ranges:
                lo, hi = a if lo is None else min(lo, a), max(hi, b)
            if inos:
                lo, hi = min(inos) if lo is None else min(lo, min(inos)), max(hi, max(inos) + 1)
        self._bounds = (lo or 0, hi)

    def maybe_pending(self, node, skip=None) -> bool:
        """Could ``node`` be in a segment not indexed yet?  Then that segment is indexed now
        (True: look ``node`` up again)."""
        lo, hi = self._bounds
        ino = getattr(node, "ino", -1)
        if not lo <= ino < hi:
            return False
        for key, (root, ranges, inos) in list(self.pending.items()):
            if key != skip and (ino in inos or any(a <= ino < b for a, b in ranges)):
                self.reindex(key, root, self.stop)
                return True
        return False

    def reindex(self, key, root, stop=frozenset()) -> None:
        """Record every node of segment ``key`` (not descending into the roots of other
        segments, ids in ``stop``), each with its folder and name: its path is asked for
        only when another segment refers to it (:meth:`path_of`)."""
        self.unindex(key)
        index, ids = self.index, []
        lo, hi = self._bounds
        stack = [(root, None, "")]
        while stack:
            n, parent, name = stack.pop()
            i = id(n)
            if parent is not None and i in stop:
                continue
            entry = index.get(i)
            if entry is None and lo <= n.ino < hi and self.maybe_pending(n, key):
                entry = index.get(i)    # (a hard link into a segment not indexed yet)
            if entry is not None and entry[1] != key and entry[0] is n:
                continue            # a hard link into another segment: referenced, not owned
            index[i] = (n, key, parent, name)
            ids.append(i)
            if n.__class__ is Dir or isinstance(n, Dir):
                stack.extend((c, i, k) for k, c in n.entries.items())
        self.members[key] = ids

    def path_of(self, entry) -> tuple:
        """The path of an indexed node inside its segment."""
        names = []
        while entry[2] is not None:
            names.append(entry[3])
            entry = self.index[entry[2]]
        return tuple(reversed(names))

    # ---- pickling
    def _dispatch(self, packing: bool) -> dict:
        """The pickler's reducers (made once a save: a class defined since is met too)."""
        table = self._tables.get(packing)
        if table is not None:
            return table
        table = self._tables[packing] = copyreg.dispatch_table.copy()
        index = self.index

        def node(obj):
            entry = index.get(id(obj))
            if entry is None and self.pending and self.maybe_pending(obj, self.own_key):
                entry = index.get(id(obj))
            if entry is not None and entry[1] != self.own_key and entry[0] is obj:
                return _segref, (entry[1], self.path_of(entry))
            self.inline_nodes += 1
            return _slotted(obj)

        for cls in _node_classes():
            table[cls] = node
        for base, names in CACHES.items():
            for cls in (base, *_subclasses(base)):
                table[cls] = _without_cache(*names)
        table[Changeset] = self._reduce_changeset
        for cls in (Image, *_subclasses(Image)):
            table[cls] = self._reduce_image
        table[CatalogueLayer] = _catalogue_layer
        for cls in _blob_classes():
            if "__slots__" in cls.__dict__:
                table[cls] = _slotted
        table[_blob.FillerBlob] = _filler
        if not packing:
            table[_blob.FillerBlob] = table[_blob.BytesBlob] = self._reduce_blob
        return table

    def _reduce_blob(self, blob):
        entry = self.blobs.get(id(blob))
        if entry is None or entry[0] is not blob:
            if blob.__class__ is _blob.BytesBlob and blob.size < PACKED_SIZE:
                return _slotted(blob)
            if not self.pack_key:
                raise RuntimeError("no pack for new blobs: call start_pack() first")
            entry = self.blobs[id(blob)] = (blob, self.pack_key, len(self.new_blobs))
            self.new_blobs.append(blob)
            if blob.__class__ is _blob.BytesBlob:
                self.datas[id(blob.data)] = (blob.data, *entry[1:])
        self.packs_used.add(entry[1])
        return _packed, entry[1:]

    def know_pack(self, key, blobs) -> None:
        """A pack read back: its blobs (and the bytes of each) are not packed again."""
        for i, b in enumerate(blobs):
            self.blobs[id(b)] = (b, key, i)
            if b.__class__ is _blob.BytesBlob:
                self.datas[id(b.data)] = (b.data, key, i)

    def _reduce_image(self, img):
        """An image's config bytes are its imagedb file's, packed once with the file: the
        main pickle refers to them there instead of holding them again at every save."""
        state = img.__dict__.copy()
        raw = state.get("raw")
        entry = self.datas.get(id(raw))
        if entry is not None and entry[0] is raw:
            self.packs_used.add(entry[1])
            state["raw"] = _Recipe(_packed_data, entry[1:])
        return copyreg.__newobj__, (type(img),), state

    # ---- packs
    def start_pack(self, key: str) -> None:
        """A save begins: new blobs met from now on go to the pack ``key``."""
        self.pack_key, self.new_blobs, self._tables = key, [], {}

    def finish_pack(self) -> bytes | None:
        """The bytes of the pack of this save's new blobs (None: no new blob)."""
        blobs, self.new_blobs = self.new_blobs, []
        return self._pickle(blobs, PACK) if blobs else None

    def forget_packs_except(self, live: set) -> None:
        self.blobs = {i: e for i, e in self.blobs.items() if e[1] in live}
        self.datas = {i: e for i, e in self.datas.items() if e[1] in live}

    def _reduce_changeset(self, obj):
        tree = obj.held
        if tree is None:                # a recipe: its name is enough
            return Changeset, (None, obj.source)
        entry = self.once.get(id(tree))
        if entry is None or entry[0] is not tree:
            counted, used = self.inline_nodes, self.packs_used
            self.packs_used = set()
            data = self._pickle(tree, ONCE)
            key = ONCE + content_hash(data)
            self.new_once[key] = (data, frozenset(self.packs_used))
            self.inline_nodes, self.packs_used = counted, used
            entry = self.once[id(tree)] = (tree, key)
        self.used_once.add(entry[1])
        return _changeset, (entry[1],)

    def forget_unused_once(self) -> None:
        """After the main pickle: changesets no longer referred to are let go."""
        self.once = {i: e for i, e in self.once.items() if e[1] in self.used_once}

    def dumps(self, obj, own_key=None) -> bytes:
        """A segment's bytes (``own_key``), or the main pickle's (then ``new_once`` holds
        the changesets met for the first time, to be written before the state)."""
        if own_key is None:
            self.new_once, self.used_once = {}, set()
        self.inline_nodes, self.packs_used = 0, set()
        return self._pickle(obj, own_key)

    def _pickle(self, obj, own_key) -> bytes:
        f = io.BytesIO()
        p = pickle.Pickler(f, protocol=5)
        p.dispatch_table = self._dispatch(own_key is PACK)
        if own_key is not None and isinstance(obj, Node):     # a segment: its tree, flat
            classes, items = _flatten(obj, self.index, own_key, self.path_of)
            self.inline_nodes += len(items)
            obj = _Flat(classes, items)
        outer, self.own_key = self.own_key, own_key
        try:
            p.dump(obj)
        finally:
            self.own_key = outer
        return f.getvalue()


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def max_ino(root) -> int:
    top, stack = 0, [root]
    while stack:
        n = stack.pop()
        if n.ino > top:
            top = n.ino
        if isinstance(n, Dir):
            stack.extend(n.entries.values())
    return top


def bump_inodes(top: int) -> None:
    """New inodes after a load must not reuse a saved inode number."""
    nxt = next(_tree._inos)
    _tree._inos = itertools.count(max(nxt, top + 1))


__all__ = ["PATTERNS", "DEPTH", "deciding", "laid_out_bytes", "vfs_copy_recipe", "TOUCHED", "ONCE", "PACK", "content_hash", "find_segments", "JOURNAL", "ALL", "Codec", "install_journal", "segment_of_path", "as_parts",
           "LOADER", "bump_inodes", "max_ino", "TreeFS"]
