"""A frozen, plain-data picture of the engine's storage: images and their layers,
containers with their init and read-write layers, what each container changed, their mounts
and the volumes.  No file contents: small enough to keep one per notebook command (replay),
and equal snapshots compare equal (so identical states draw identical diagrams)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..fs import tree_size
from . import analysis


@dataclass(frozen=True)
class LayerInfo:
    chain_id: str
    diff_id: str
    cache_id: str
    size: int
    parent: str | None           # the parent's chain ID
    disk: int = 0                # bytes its folder takes on the host (driver.disk_usage):
                                 # its own changes on overlay2, a whole copy on vfs
    snapshot: int = 0            # the containerd store: its snapshot's number (snapshots/<n>)
    blob_digest: str = ""        # … and its compressed blob in the content store
    blob_size: int = 0

    @property
    def short(self) -> str:
        return self.diff_id.split(":", 1)[-1][:12]


@dataclass(frozen=True)
class ImageInfo:
    id: str
    tags: tuple
    layers: tuple                # chain IDs, base first
    instructions: tuple          # one per layer
    size: int
    building: str = ""           # replay: "step 2/5" while a build is in progress

    @property
    def short_id(self) -> str:
        return self.id.split(":", 1)[-1][:12]

    @property
    def name(self) -> str:
        if self.tags:
            return self.tags[0]
        return f"<none> ({self.short_id})" if self.id else "<building>"

    @property
    def top(self) -> str | None:
        return self.layers[-1] if self.layers else None


@dataclass(frozen=True)
class ChangeInfo:
    kind: str                    # A | C | D (docker diff)
    path: str
    ftype: str                   # file | dir | symlink | ... (what is there now, or was)
    size: int                    # bytes now in the container layer (0 for D)
    origin: int | None = None    # C/D: index in the container's stack that served the original
    origin_size: int = 0


@dataclass(frozen=True)
class MountInfo:
    type: str                    # volume | bind | tmpfs
    destination: str
    source: str                  # host path ("" for tmpfs)
    name: str = ""
    rw: bool = True
    size: int = 0                # bytes in the source folder (volume, bind) or in memory (tmpfs)


@dataclass(frozen=True)
class ContainerInfo:
    id: str
    name: str
    image_id: str
    image_ref: str
    status: str
    mount_id: str
    init_id: str
    parent: str | None           # the image's top layer (chain ID)
    rw_size: int
    changes: tuple               # ChangeInfo
    mounts: tuple                # MountInfo
    init_disk: int = 0           # bytes the -init layer's folder takes (driver.disk_usage)
    rw_disk: int = 0             # bytes the read-write layer's folder takes (vfs: a whole copy)
    init_snapshot: int = 0       # the containerd store: the snapshots' numbers
    rw_snapshot: int = 0

    @property
    def short_id(self) -> str:
        return self.id[:12]


@dataclass(frozen=True)
class VolumeInfo:
    name: str
    path: str
    anonymous: bool
    size: int
    users: tuple                 # container names


@dataclass(frozen=True)
class State:
    driver: str
    layers: tuple                # LayerInfo
    images: tuple                # ImageInfo
    containers: tuple            # ContainerInfo
    volumes: tuple               # VolumeInfo
    content: tuple = (0, 0)      # the containerd store: (blobs, bytes) in its content store
    _index: dict = field(default=None, compare=False, repr=False, hash=False)

    def layer(self, chain_id: str) -> LayerInfo | None:
        idx = self._index
        if idx is None:
            idx = {l.chain_id: l for l in self.layers}
            object.__setattr__(self, "_index", idx)
        return idx.get(chain_id)

    def image(self, image_id: str) -> ImageInfo | None:
        return next((i for i in self.images if i.id == image_id), None)

    def find(self, ref: str):
        """An image or container of this state by name, tag, ID or unique ID prefix."""
        r = ref.lstrip("/")
        for c in self.containers:
            if c.name == r or c.id == r:
                return c
        for i in self.images:
            if r in i.tags or f"{r}:latest" in i.tags or i.id == r or i.id == f"sha256:{r}":
                return i
        hits = [c for c in self.containers if c.id.startswith(r)] + \
               [i for i in self.images if i.id.split(":", 1)[-1].startswith(r.split(":", 1)[-1])]
        return hits[0] if len(hits) == 1 else None


def capture(engine) -> State:
    """The storage picture of ``engine`` now."""
    layers = {}
    for l in engine.layer_store.layers.values():
        layers[l.chain_id] = _layer(engine, l)
    images = []
    for img in engine.image_store.images.values():
        tags = tuple(sorted(engine.images.tags_of(img)))
        for l in img.layers:                 # layers of an image are always in the store
            if l.chain_id not in layers:
                layers[l.chain_id] = _layer(engine, l)
        images.append(ImageInfo(img.id, tags, tuple(l.chain_id for l in img.layers),
                                tuple(analysis.layer_instructions(img)), img.size))
    images.sort(key=lambda i: (not i.tags, i.tags, i.id))
    containers = []
    stacks: dict = {}                        # image ID -> its layers, walked once
    for c in engine.container_store.containers.values():
        containers.append(_container(engine, c, stacks))
    containers.sort(key=lambda c: (c.name, c.id))
    volumes = []
    users: dict[str, list[str]] = {}
    for c in containers:
        for m in c.mounts:
            if m.type == "volume":
                users.setdefault(m.name, []).append(c.name)
    for v in engine.volumes.volumes.values():
        size = _host_size(engine, v.path)
        volumes.append(VolumeInfo(v.name, v.path, v.anonymous, size, tuple(sorted(users.get(v.name, [])))))
    volumes.sort(key=lambda v: (v.anonymous, v.name))
    content = (0, 0)
    if engine.uses_snapshotter:
        cs = engine.image_store.content
        content = (len(cs.digests()), cs.usage())
    return State(engine.driver.name, tuple(sorted(layers.values(), key=lambda l: l.chain_id)),
                 tuple(images), tuple(containers), tuple(volumes), content)


def _layer(engine, l) -> LayerInfo:
    extra = {}
    if engine.uses_snapshotter:
        blob = engine.image_store.layer_blob(l.chain_id) or {}
        extra = {"snapshot": _snapshot_number(engine, l.cache_id),
                 "blob_digest": blob.get("digest", ""), "blob_size": blob.get("size", 0)}
    return LayerInfo(l.chain_id, l.diff_id, l.cache_id, l.size,
                     l.parent.chain_id if l.parent else None, _disk(engine, l.cache_id), **extra)


def _snapshot_number(engine, key: str) -> int:
    s = engine.driver.snaps.get(key)
    return s.id if s is not None else 0


def _disk(engine, id: str) -> int:
    """Bytes the driver's folder for layer ``id`` takes on the host (0 when it is gone)."""
    try:
        return int(engine.driver.disk_usage(id))
    except Exception:
        return 0


def _host_size(engine, path: str) -> int:
    try:
        if engine.host.is_real(path):          # a bind mount of the notebook's folder
            return engine.host.fs.du(path)
        return tree_size(engine.host.tree.node_at(path))
    except Exception:
        return 0


def _container(engine, c, stacks: dict | None = None) -> ContainerInfo:
    stack = analysis.container_stack(engine, c, stacks)
    rw_index = len(stack) - 1
    changes = []
    for kind, path in engine.layer_store.changes(c.rw):
        node = analysis.node_at(stack[rw_index].tree, path)
        origin = analysis.serving_layer(stack, path, rw_index - 1) if kind in ("C", "D") else None
        onode = analysis.node_at(stack[origin].tree, path) if origin is not None else None
        if kind == "D":
            ftype, size = (analysis.kind_of(onode) if onode is not None else "file"), 0
        else:
            ftype, size = analysis.kind_of(node), analysis.file_size(node)
        changes.append(ChangeInfo(kind, path, ftype, size, origin, analysis.file_size(onode)))
    mounts = []
    for mp in engine.mount_points(c):
        if mp.type == "tmpfs":
            size = tree_size(mp.tmpfs.root) if mp.tmpfs is not None else 0
        else:
            size = _host_size(engine, mp.source)
        mounts.append(MountInfo(mp.type, mp.destination, mp.source, mp.name, mp.rw, size))
    mounts.sort(key=lambda m: m.destination)
    return ContainerInfo(
        c.id, c.familiar_name, c.image_id, c.config.get("Image", "") or "", c.state.status,
        c.rw.mount_id, c.rw.init_id, c.rw.parent.chain_id if c.rw.parent else None,
        engine.layer_store.rw_size(c.rw), tuple(changes), tuple(mounts),
        _disk(engine, c.rw.init_id), _disk(engine, c.rw.mount_id),
        *((_snapshot_number(engine, c.rw.init_id), _snapshot_number(engine, c.rw.mount_id))
          if engine.uses_snapshotter else ()))
