"""The layer diagram as plain data — nodes, edges and clusters, no drawing — built from a
:class:`~.snapshot.State`, so the live diagram and the replay of an earlier state are made
the same way.

Reading it bottom-up, as the course draws it: an image's read-only layers (parent below
child), the image on its top layer, a container's ``-init`` layer and read-write layer above
the image's top layer, the container's filesystem on top of those, and on the side the
folders mounted into it — named volumes inside ``/var/lib/docker/volumes/NAME/_data``,
bind-mounted host folders, tmpfs in memory.  A layer used by several images or containers is
one node with several arrows going up.

The wording follows the storage driver (``State.driver``).  overlay2 stacks the layers'
``diff/`` folders and copies a file up into the read-write layer on its first write.  vfs
has no copy-on-write: every layer (and each container's init and read-write layer) is a
whole copy of the one below it in ``vfs/dir/<id>``, so the boxes say what each copy takes
on disk next to the changes it made, and nothing is "stored once"."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ..cli.units import human_size_precision
from .snapshot import State, ImageInfo, ContainerInfo

MAX_FILES = 12          # changed files listed in a container layer before "… N more"
MAX_LABEL = 46          # characters of an instruction shown in a layer box
STEP_LABEL = 72         # characters of a replay step shown under a diagram's title
COPY_DRIVERS = ("vfs",)  # drivers whose every layer is a whole copy of its parent


class DiagramError(ValueError):
    """A reference that names no image or container."""


C8D_SNAPSHOTS = "/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots"


def size(n: int) -> str:
    """Sizes as ``docker images`` prints them (3 significant digits, decimal units)."""
    return human_size_precision(n, 3)


def shorten(text: str, width: int = MAX_LABEL) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def step_line(g) -> list[str]:
    """The drawn diagram's line under its title for a replay step: its own line, shortened,
    so that a long command never widens the drawing (which is scaled to the output area: a
    step's title once shrank the whole diagram to unreadable text)."""
    return [shorten(f"after: {g.step}", STEP_LABEL)] if g.step else []


def full_copies(driver: str) -> bool:
    """True for a driver without copy-on-write (vfs): each layer is a whole copy."""
    return driver in COPY_DRIVERS


@dataclass
class Node:
    id: str
    kind: str                   # image | layer | init | rw | container | volume | bind | tmpfs
    title: str
    lines: list = field(default_factory=list)
    files: list = field(default_factory=list)     # rw: (mark, path, note)
    more_files: int = 0
    ports: list = field(default_factory=list)     # container: (port, text)
    cluster: str = ""
    users: tuple = ()           # layer: names of the images/containers stacked on it
    tooltip: str = ""
    disk: int = 0               # layer/init/rw: bytes its folder takes (driver.disk_usage)
    copy: bool = False          # layer/init/rw: the folder is a whole copy (vfs)

    @property
    def shared(self) -> bool:
        """Stored once for several stacks that read through it (overlay2).  A vfs layer is
        one folder too, but each layer above it copies it whole: not drawn as shared."""
        return len(self.users) > 1 and not self.copy


@dataclass
class Edge:
    src: str
    dst: str
    kind: str                   # stack | image | upper | volume | bind | tmpfs
    label: str = ""
    port: str = ""              # the destination's port (a container path)


@dataclass
class Cluster:
    id: str
    kind: str                   # layers | container | volumes | host | memory
    label: str


@dataclass
class Graph:
    title: str
    nodes: list = field(default_factory=list)
    edges: list = field(default_factory=list)
    clusters: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    step: str = ""              # replay: the operation this state follows
    driver: str = ""            # the storage driver (overlay2, vfs)
    stacks: list = field(default_factory=list)    # (image or container node id, layer ids base first)

    def node(self, node_id: str) -> Node | None:
        return next((n for n in self.nodes if n.id == node_id), None)

    def of_kind(self, kind: str) -> list[Node]:
        return [n for n in self.nodes if n.kind == kind]

    def edges_from(self, node_id: str) -> list[Edge]:
        return [e for e in self.edges if e.src == node_id]

    def edges_to(self, node_id: str) -> list[Edge]:
        return [e for e in self.edges if e.dst == node_id]


# ------------------------------------------------------------------------------ ids
def _h(s: str, n: int = 12) -> str:
    return s.split(":", 1)[-1][:n]


def layer_id(chain_id: str) -> str:
    return "L" + _h(chain_id, 16)


def image_id(img: ImageInfo) -> str:
    return "I" + (_h(img.id, 16) if img.id else "building")


def container_id(c: ContainerInfo) -> str:
    return "C" + c.id[:16]


def init_id(c: ContainerInfo) -> str:
    return "N" + c.id[:16]


def rw_id(c: ContainerInfo) -> str:
    return "W" + c.id[:16]


def port_id(dest: str) -> str:
    return "p" + hashlib.sha1(dest.encode()).hexdigest()[:8]


def mount_node_id(kind: str, key: str) -> str:
    return {"volume": "V", "bind": "B", "tmpfs": "T"}[kind] + hashlib.sha1(key.encode()).hexdigest()[:12]


# ------------------------------------------------------------------------------ selection
def select(state: State, refs=()) -> tuple[list[ImageInfo], list[ContainerInfo]]:
    """The images and containers to draw: those named (a container brings its image), or
    everything when nothing is named."""
    if not refs:
        return list(state.images), list(state.containers)
    images: list[ImageInfo] = []
    containers: list[ContainerInfo] = []
    for ref in refs:
        hit = state.find(ref)
        if hit is None:
            raise DiagramError(f"No such image or container: {ref}")
        if isinstance(hit, ContainerInfo):
            if hit not in containers:
                containers.append(hit)
            img = state.image(hit.image_id)
            if img is not None and img not in images:
                images.append(img)
        elif hit not in images:
            images.append(hit)
    order = {id(x): i for i, x in enumerate(state.images)}
    images.sort(key=lambda i: order.get(id(i), 0))
    corder = {id(x): i for i, x in enumerate(state.containers)}
    containers.sort(key=lambda c: corder.get(id(c), 0))
    return images, containers


def _chain(state: State, top: str | None) -> list[str]:
    out = []
    cur = top
    while cur:
        out.append(cur)
        info = state.layer(cur)
        cur = info.parent if info else None
    return out[::-1]


# ------------------------------------------------------------------------------ the model
def build(state: State, refs=(), title: str = "", step: str = "") -> Graph:
    images, containers = select(state, refs)
    g = Graph(title or _title(state, images, containers), step=step, driver=state.driver)
    vfs = full_copies(state.driver)
    users: dict[str, list[str]] = {}
    instructions: dict[str, str] = {}
    stacks: list[tuple[str, list[str]]] = []
    for img in images:
        chain = list(img.layers)
        stacks.append((img.name, chain))
        for cid, ins in zip(chain, img.instructions):
            instructions.setdefault(cid, ins)
    for c in containers:
        stacks.append((c.name, _chain(state, c.parent)))
    for name, chain in stacks:
        for cid in chain:
            users.setdefault(cid, [])
            if name not in users[cid]:
                users[cid].append(name)

    layer_order: list[str] = []
    for _, chain in stacks:
        for cid in chain:
            if cid not in layer_order:
                layer_order.append(cid)
    c8d = state.driver == "overlayfs"            # the containerd image store's snapshotter
    if layer_order:
        where = (f"image layers: read-only full copies, in /var/lib/docker/{state.driver}/dir"
                 if vfs else f"image layers: read-only snapshots, in {C8D_SNAPSHOTS}" if c8d
                 else f"image layers: read-only, in /var/lib/docker/{state.driver}")
        g.clusters.append(Cluster("layers", "layers", where))
    for cid in layer_order:
        info = state.layer(cid)
        lsize = info.size if info else 0
        disk = info.disk if info else 0
        digest = info.short if info else _h(cid)
        cache = info.cache_id if info else ""
        ins = instructions.get(cid, "(no history)")
        u = tuple(users.get(cid, ()))
        tooltip = (f"{ins}\ndiffID {info.diff_id if info else cid}\n"
                   f"chainID {cid}\ncache-id {cache}")
        if vfs:
            lines = [f"{size(lsize)} of changes · sha256:{digest}",
                     f"full copy: {size(disk)} on disk · {state.driver}/dir/{cache[:12]}…"]
            if len(u) > 1:
                lines.append("used by " + shorten(", ".join(u), MAX_LABEL))
            tooltip += f"\n/var/lib/docker/{state.driver}/dir/{cache} ({disk} bytes on disk)"
        else:
            lines = [f"{size(lsize)} · sha256:{digest}"]
            if c8d and info:
                lines.append(f"snapshots/{info.snapshot}/fs"
                             + (f" · blob {size(info.blob_size)} gzip" if info.blob_size else ""))
                tooltip += (f"\n{C8D_SNAPSHOTS}/{info.snapshot}/fs"
                            f"\ncontent store blob {info.blob_digest} ({info.blob_size} bytes)")
            if len(u) > 1:
                lines.append("shared by " + shorten(", ".join(u), MAX_LABEL))
        g.nodes.append(Node(layer_id(cid), "layer", shorten(ins), lines, cluster="layers", users=u,
                            tooltip=tooltip, disk=disk, copy=vfs))
        if info and info.parent and info.parent in users:
            g.edges.append(Edge(layer_id(info.parent), layer_id(cid), "stack",
                                "full copy" if vfs else ""))

    for img in images:
        lines = [f"image {img.short_id or '(building)'} · {size(img.size)} · "
                 f"{len(img.layers)} layer{'s' if len(img.layers) != 1 else ''}"]
        if vfs:
            on_disk = sum(state.layer(cid).disk for cid in img.layers if state.layer(cid))
            lines.append(f"{size(on_disk)} on disk: {len(img.layers)} full "
                         f"cop{'ies' if len(img.layers) != 1 else 'y'}")
        if img.building:
            lines.append(img.building)
        g.nodes.append(Node(image_id(img), "image", img.name, lines, tooltip=img.id))
        g.stacks.append((image_id(img), [layer_id(cid) for cid in img.layers]))
        if img.top:
            g.edges.append(Edge(layer_id(img.top), image_id(img), "image"))

    mounts_seen: dict[str, Node] = {}
    for c in containers:
        cl = "cl_" + c.id[:16]
        g.clusters.append(Cluster(cl, "container", f"container {c.name}"))
        n_image = len(_chain(state, c.parent))
        files = []
        for ch in c.changes[:MAX_FILES]:
            files.append((ch.kind, ch.path, _change_note(ch, n_image, vfs)))
        more = max(0, len(c.changes) - MAX_FILES)
        if vfs:
            home = f"{state.driver}/dir"
            g.nodes.append(Node(init_id(c), "init", "init layer (full copy)",
                                [f"{home}/{c.mount_id[:12]}…-init · {size(c.init_disk)} on disk",
                                 "the image's copy + /etc/hosts /etc/hostname /etc/resolv.conf"],
                                cluster=cl, tooltip=f"/var/lib/docker/{home}/{c.init_id}",
                                disk=c.init_disk, copy=True))
            g.nodes.append(Node(rw_id(c), "rw", "container layer (read-write copy)",
                                [f"{home}/{c.mount_id[:12]}… · {size(c.rw_disk)} on disk",
                                 f"{size(c.rw_size)} of changes"],
                                files=files, more_files=more, cluster=cl,
                                tooltip=f"/var/lib/docker/{home}/{c.mount_id}",
                                disk=c.rw_disk, copy=True))
            ports = [("root", f"/   (vfs copy: {home}/{c.mount_id[:12]}…)")]
        elif c8d:
            g.nodes.append(Node(init_id(c), "init", "init snapshot",
                                [f"snapshots/{c.init_snapshot}/fs ({c.id[:12]}…-init)",
                                 "/etc/hosts /etc/hostname /etc/resolv.conf"],
                                cluster=cl, tooltip=f"{C8D_SNAPSHOTS}/{c.init_snapshot}/fs",
                                disk=c.init_disk))
            g.nodes.append(Node(rw_id(c), "rw", "container snapshot (read-write)",
                                [f"upperdir snapshots/{c.rw_snapshot}/fs · {size(c.rw_size)}"],
                                files=files, more_files=more, cluster=cl,
                                tooltip=f"{C8D_SNAPSHOTS}/{c.rw_snapshot}/fs", disk=c.rw_disk))
            ports = [("root", "/   (overlay: image + init + container snapshots)")]
        else:
            g.nodes.append(Node(init_id(c), "init", "init layer",
                                [f"{state.driver}/{c.mount_id[:12]}…-init",
                                 "/etc/hosts /etc/hostname /etc/resolv.conf"],
                                cluster=cl, tooltip=c.init_id, disk=c.init_disk))
            g.nodes.append(Node(rw_id(c), "rw", "container layer (read-write)",
                                [f"upperdir {state.driver}/{c.mount_id[:12]}…/diff · {size(c.rw_size)}"],
                                files=files, more_files=more, cluster=cl,
                                tooltip=f"/var/lib/docker/{state.driver}/{c.mount_id}/diff",
                                disk=c.rw_disk))
            ports = [("root", "/   (overlay: image + init + container layer)")]
        for m in c.mounts:
            ports.append((port_id(m.destination), f"{m.destination}   ({m.type}{'' if m.rw else ', read-only'})"))
        g.nodes.append(Node(container_id(c), "container", f"container {c.name}",
                            [f"{c.short_id} · {c.status} · image {_image_name(state, c)}"],
                            ports=ports, cluster=cl, tooltip=c.id))
        g.stacks.append((container_id(c), [layer_id(cid) for cid in _chain(state, c.parent)]
                         + [init_id(c), rw_id(c)]))
        copy_label = "full copy" if vfs else ""
        if c.parent:
            g.edges.append(Edge(layer_id(c.parent), init_id(c), "stack", copy_label))
        g.edges.append(Edge(init_id(c), rw_id(c), "stack", copy_label))
        g.edges.append(Edge(rw_id(c), container_id(c), "upper",
                            "mounted as /" if vfs else "upperdir", "root"))
        for m in c.mounts:
            node = _mount_node(g, mounts_seen, c, m, state)
            g.edges.append(Edge(node.id, container_id(c), m.type,
                                {"volume": "volume mount", "bind": "bind mount",
                                 "tmpfs": "tmpfs mount"}[m.type] + ("" if m.rw else " (ro)"),
                                port_id(m.destination)))
    g.notes = _notes(state, images, containers, users)
    return g


def _image_name(state: State, c: ContainerInfo) -> str:
    img = state.image(c.image_id)
    if img is not None and img.tags:
        return c.image_ref if c.image_ref and (c.image_ref in img.tags or f"{c.image_ref}:latest" in img.tags) else img.tags[0]
    return c.image_ref or _h(c.image_id)


def _origin(ch, n_image: int | None) -> str:
    """The layer that held the original: ``layer N`` of the image, or the init layer."""
    if ch.origin is None:
        return ""
    if n_image is not None and ch.origin >= n_image:
        return "the init layer"
    return f"layer {ch.origin + 1}"


def _change_note(ch, n_image: int | None = None, vfs: bool = False) -> str:
    src = _origin(ch, n_image)
    if vfs:                   # no copy-up, no whiteout: the container changed its own copy
        if ch.kind == "C":
            if ch.ftype == "file":
                return (f"modified: {size(ch.origin_size)} in {src} → {size(ch.size)}" if src
                        else f"modified: now {size(ch.size)}")
            return "changed (folder)" if ch.ftype == "dir" else "changed"
        if ch.kind == "D":
            return f"deleted from the copy{f' (still in {src})' if src else ''}"
        return "added" if ch.ftype != "dir" else "added (folder)"
    if ch.kind == "C":
        if ch.ftype == "file":
            return f"copied up{f' from {src}' if src else ''}: {size(ch.origin_size)} → {size(ch.size)}"
        return "copied up (folder)" if ch.ftype == "dir" else "copied up"
    if ch.kind == "D":
        return "whiteout"
    return "added" if ch.ftype != "dir" else "added (folder)"


def _mount_node(g: Graph, seen: dict, c: ContainerInfo, m, state: State) -> Node:
    if m.type == "volume":
        key = m.name
        cl, cl_label = "volumes", "/var/lib/docker/volumes (Docker's volumes)"
        title = f"volume {shorten(m.name, 24)}"
        lines = [m.source, f"{size(m.size)} · managed by Docker"]
    elif m.type == "bind":
        key = m.source
        cl, cl_label = "host", "the host's own folders"
        title = "host folder"
        lines = [m.source, f"{size(m.size)} · bind mount: any host path"]
    else:
        key = f"{c.id}:{m.destination}"
        cl, cl_label = "memory", "memory (RAM)"
        title = "tmpfs"
        lines = [f"{size(m.size)} in RAM, never written to disk", "gone when the container stops"]
    nid = mount_node_id(m.type, key)
    node = seen.get(nid)
    if node is None:
        if not any(x.id == cl for x in g.clusters):
            g.clusters.append(Cluster(cl, cl if cl != "volumes" else "volumes", cl_label))
        node = Node(nid, m.type, title, lines, cluster=cl, tooltip=m.source or "tmpfs")
        seen[nid] = node
        g.nodes.append(node)
    return node


def _title(state: State, images, containers) -> str:
    n_i, n_c = len(images), len(containers)
    parts = [f"{n_i} image{'s' if n_i != 1 else ''}"]
    if n_c:
        parts.append(f"{n_c} container{'s' if n_c != 1 else ''}")
    return f"Docker storage ({state.driver}): " + ", ".join(parts)


def _notes(state: State, images, containers, users) -> list[str]:
    if full_copies(state.driver):
        return _copy_notes(state, images, containers, users)
    notes = []
    shared = [cid for cid, u in users.items() if len(u) > 1]
    if shared:
        saved = sum((state.layer(cid).size if state.layer(cid) else 0) * (len(users[cid]) - 1)
                    for cid in shared)
        notes.append(f"{len(shared)} shared layer{'s' if len(shared) != 1 else ''} stored once: "
                     f"{size(saved)} of disk saved")
    n_changed = sum(len(c.changes) for c in containers)
    if containers:
        notes.append(f"copy-on-write: {n_changed} path{'s' if n_changed != 1 else ''} changed in "
                     f"container layers (A added, C copied up, D deleted: whiteout)")
    if state.driver == "overlayfs" and state.content[0]:
        notes.append(f"content store: {state.content[0]} blobs, {size(state.content[1])} "
                     "(compressed layers, manifests, configs) kept beside the unpacked snapshots")
    if not images and not containers:
        notes.append("no images or containers yet: try %docker pull busybox")
    return notes


def disk_totals(state: State, images, containers, users) -> tuple[int, int, int]:
    """(bytes of image content, bytes its layers' folders take, bytes the containers' init
    and read-write folders take) for the drawn layers, each layer counted once."""
    content = disk = 0
    for cid in users:
        info = state.layer(cid)
        if info is not None:
            content += info.size
            disk += info.disk
    return content, disk, sum(c.init_disk + c.rw_disk for c in containers)


def _copy_notes(state: State, images, containers, users) -> list[str]:
    """The summary for vfs: what the full copies take on disk, instead of what sharing saves."""
    notes = []
    content, disk, cdisk = disk_totals(state, images, containers, users)
    if users:
        notes.append(f"{state.driver}: every layer is a full copy — {size(disk)} on disk for "
                     f"{size(content)} of image content (no copy-on-write)")
    if containers:
        n = len(containers)
        notes.append(f"{'each' if n > 1 else 'the'} container's init and read-write layers are "
                     f"two more full copies: {size(cdisk)} on disk"
                     + (f" for the {n} containers" if n > 1 else ""))
    if any(len(u) > 1 for u in users.values()):
        notes.append("a layer used by several images or containers is one folder, but every "
                     "layer above it copies it again")
    n_changed = sum(len(c.changes) for c in containers)
    if containers:
        notes.append(f"{n_changed} path{'s' if n_changed != 1 else ''} changed in the containers' "
                     f"copies (docker diff compares whole trees: A added, C changed, D deleted)")
    if not images and not containers:
        notes.append("no images or containers yet: try %docker pull busybox")
    return notes
