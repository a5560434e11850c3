"""The layer store (moby daemon/internal/layer): read-only layers addressed by chainID, with
their metadata under ``image/<driver>/layerdb``, and the read-write layers of containers
(an ``<id>-init`` layer and the container's own layer on top of it).
"""
from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from typing import Callable

from . import archive
from .drivers import GraphDriver
from .errors import DaemonError
from .fs import Dir, FileSystem, clone
from .fs.tree import first_ino, regular_size
from .fs.blob import Blob
from .dockerhost import DockerHost, DOCKER_ROOT


#: moby's layer store refuses longer chains: overlay2 mounts at most 128 lower folders, and a
#: container adds its init and read-write layers (daemon/internal/layer/layer_store.go).
MAX_LAYER_DEPTH = 125


def chain_id(parent_chain: str | None, diff_id: str) -> str:
    """OCI ChainID: ``sha256(parent_chain + " " + diff_id)``; the first layer's is its diffID."""
    if not parent_chain:
        return diff_id
    return "sha256:" + hashlib.sha256(f"{parent_chain} {diff_id}".encode()).hexdigest()


@dataclass(eq=False)
class Changeset:
    """The changeset a layer was registered from, which its tar is made from again (moby
    keeps tar-split metadata for this): a driver's own diff need not give the same bytes
    (vfs compares two full copies), and the diffID must stay the tar's digest.  It never
    changes once the layer exists.  Either the tree itself (``held``), or a recipe that lays
    out the same tree again on demand (``source``: anything whose ``build()`` is
    deterministic, a catalogue layer), which costs neither memory nor disk."""
    held: Dir | None = None
    source: object = None

    def tree(self) -> Dir:
        return self.held if self.held is not None else self.source.build()


@dataclass(eq=False)
class Layer:
    chain_id: str
    diff_id: str
    cache_id: str
    size: int
    parent: "Layer | None"
    tar_size: int = 0
    tar_blob: Blob | None = None   # the original tar of an imported/loaded layer
    refs: int = 0
    children: int = 0
    changes: Changeset | None = None     # what its tar is made from (None: the tar_blob)

    @property
    def chain(self) -> list["Layer"]:
        """This layer and every layer below it, base first."""
        out: list[Layer] = []
        cur: Layer | None = self
        while cur is not None:
            out.append(cur)
            cur = cur.parent
        return out[::-1]

    @property
    def depth(self) -> int:
        return len(self.chain)

    @property
    def chain_size(self) -> int:
        return sum(l.size for l in self.chain)


@dataclass(eq=False)
class RWLayer:
    name: str            # the container ID
    mount_id: str
    init_id: str
    parent: Layer | None


class LayerStore:
    def __init__(self, host: DockerHost, driver: GraphDriver, ids):
        self.host, self.driver, self.ids = host, driver, ids
        self.root = f"{DOCKER_ROOT}/image/{driver.name}/layerdb"
        for d in ("sha256", "mounts", "tmp"):
            host.tree.mkdir(f"{self.root}/{d}", mode=0o700, parents=True, exist_ok=True)
        self.layers: dict[str, Layer] = {}
        self.mounts: dict[str, RWLayer] = {}

    # ---------------------------------------------------------------- read-only layers
    def register(self, tree: Dir, parent: Layer | None, tar_blob: Blob | None = None,
                 digest: tuple[str, int] | None = None, cache_id: str | None = None,
                 tar_sized: bool = False, source=None) -> Layer:
        """Store a changeset (overlay2 form) on top of ``parent``; an existing chainID is reused.

        ``digest``: the changeset's ``(diffID, tar length)`` when already known (a catalogue
        layer's recorded figures); otherwise they are computed from ``tar_blob`` or the tree.

        ``tar_sized``: the layer's size counts regular files only, as layers that BuildKit
        exports are sized; otherwise the size is moby's directory walk (symlinks count their
        target's length).  ``source``: a deterministic recipe of ``tree`` (see
        :class:`Changeset`), kept instead of a copy of it."""
        if digest is not None:
            diff_id, tar_size = digest
        elif tar_blob is not None:
            diff_id = archive.digest_blob(tar_blob)
            tar_size = tar_blob.size
        else:
            diff_id, tar_size = archive.digest(tree)
        if parent is not None and parent.depth + 1 > MAX_LAYER_DEPTH:
            raise DaemonError("max depth exceeded")
        cid = chain_id(parent.chain_id if parent else None, diff_id)
        existing = self.layers.get(cid)
        if existing is not None:
            existing.refs += 1
            return existing
        cache_id = cache_id or self.ids.hex64()
        self.driver.create(cache_id, parent.cache_id if parent else None)
        first = first_ino()
        size = self.driver.apply_diff(cache_id, parent.cache_id if parent else None, clone(tree))
        if source is not None and getattr(source, "key", None):
            self.driver.laid_out(cache_id, source.key, first)
        if tar_sized:
            size = regular_size(tree)
        layer = Layer(cid, diff_id, cache_id, size, parent, tar_size, tar_blob, refs=1,
                      changes=None if tar_blob is not None else
                      Changeset(source=source) if source is not None else Changeset(clone(tree)))
        if parent is not None:
            parent.children += 1
        self.layers[cid] = layer
        self._write_meta(layer, tree)
        return layer

    def _write_meta(self, layer: Layer, tree: Dir) -> None:
        t = self.host.tree
        d = f"{self.root}/sha256/{layer.chain_id.split(':', 1)[1]}"
        t.mkdir(d, mode=0o755)
        t.write(f"{d}/diff", layer.diff_id.encode())
        t.write(f"{d}/size", str(layer.size).encode())
        t.write(f"{d}/cache-id", layer.cache_id.encode())
        if layer.parent is not None:
            t.write(f"{d}/parent", layer.parent.chain_id.encode())
        t.write(f"{d}/tar-split.json.gz", _tar_split(tree))

    def view(self, layer: Layer | None) -> FileSystem:
        """Read-only view of a layer chain (an empty folder for ``scratch``)."""
        if layer is None:
            from .fs import TreeFS
            return TreeFS(readonly=True)
        return self.driver.view(layer.cache_id)

    def get(self, chain_id: str) -> Layer | None:
        return self.layers.get(chain_id)

    def retain(self, layer: Layer | None) -> None:
        if layer is not None:
            layer.refs += 1

    def release(self, layer: Layer | None) -> list[Layer]:
        """Drop one reference; delete layers nothing refers to any more (walking down)."""
        removed: list[Layer] = []
        if layer is None:
            return removed
        layer.refs -= 1
        while layer is not None and layer.refs <= 0 and layer.children <= 0:
            self._delete(layer)
            removed.append(layer)
            parent = layer.parent
            if parent is not None:
                parent.children -= 1
            layer = parent
        return removed

    def _delete(self, layer: Layer) -> None:
        self.layers.pop(layer.chain_id, None)
        self.driver.remove(layer.cache_id)
        d = f"{self.root}/sha256/{layer.chain_id.split(':', 1)[1]}"
        if self.host.tree.exists(d):
            self.host.tree.remove_tree(d)

    def tar_chunks(self, layer: Layer):
        """The layer as a tar stream: the original bytes for an imported layer."""
        if layer.tar_blob is not None:
            return layer.tar_blob.chunks()
        if layer.changes is not None:
            return archive.iter_tar(layer.changes.tree())
        return archive.iter_tar(self.driver.diff_tree(layer.cache_id, layer.parent.cache_id if layer.parent else None))

    # ---------------------------------------------------------------- read-write layers
    def create_rw(self, name: str, parent: Layer | None,
                  init: Callable[[FileSystem], None] | None = None) -> RWLayer:
        mount_id = self.ids.hex64()
        init_id = mount_id + "-init"
        pid = parent.cache_id if parent else None
        self.driver.create(init_id, pid, readonly=False)
        if init is not None:
            view = self.driver.get(init_id)
            init(view)
            self.driver.put(init_id)
        self.driver.create(mount_id, init_id, readonly=False)
        if parent is not None:
            parent.refs += 1
        rw = RWLayer(name, mount_id, init_id, parent)
        self.mounts[name] = rw
        t = self.host.tree
        d = f"{self.root}/mounts/{name}"
        t.mkdir(d, mode=0o755)
        t.write(f"{d}/mount-id", mount_id.encode())
        t.write(f"{d}/init-id", init_id.encode())
        if parent is not None:
            t.write(f"{d}/parent", parent.chain_id.encode())
        return rw

    def mount(self, rw: RWLayer) -> FileSystem:
        return self.driver.get(rw.mount_id)

    def unmount(self, rw: RWLayer) -> None:
        self.driver.put(rw.mount_id)

    def remove_rw(self, rw: RWLayer) -> None:
        self.driver.remove(rw.mount_id)
        self.driver.remove(rw.init_id)
        self.mounts.pop(rw.name, None)
        d = f"{self.root}/mounts/{rw.name}"
        if self.host.tree.exists(d):
            self.host.tree.remove_tree(d)
        if rw.parent is not None:
            self.release(rw.parent)

    def changes(self, rw: RWLayer) -> list[tuple[str, str]]:
        return self.driver.changes(rw.mount_id, rw.init_id)

    def rw_size(self, rw: RWLayer) -> int:
        return self.driver.diff_size(rw.mount_id, rw.init_id)

    def rw_tree(self, rw: RWLayer) -> Dir:
        """The container's changes as a changeset (for ``docker commit``)."""
        return self.driver.diff_tree(rw.mount_id, rw.init_id)


def _tar_split(tree: Dir) -> bytes:
    """A stand-in for moby's tar-split metadata: one JSON line per tar entry (name, size),
    gzip-compressed, so the file exists where Docker keeps it with a plausible size."""
    lines = []
    pos = 0

    def walk(d: Dir, prefix: str):
        nonlocal pos
        for name in sorted(d.entries):
            node = d.entries[name]
            path = prefix + name
            lines.append(json.dumps({"type": 2, "name": path + ("/" if isinstance(node, Dir) else ""),
                                     "size": node.size if not isinstance(node, Dir) else 0,
                                     "position": pos}, separators=(",", ":")))
            pos += 1
            if isinstance(node, Dir):
                walk(node, path + "/")

    walk(tree, "")
    return gzip.compress("\n".join(lines).encode(), mtime=0)
