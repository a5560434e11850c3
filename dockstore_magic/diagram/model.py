"""The layer diagram as plain data — nodes, edges and clusters, no drawing — built from a
:class:`~.snapshot.State`, so the live diagram and the replay of an earlier state are made
the same way.

Reading it bottom-up, as the course draws it: an image's read-only layers (parent below
child), the image on its top layer, a container's ``-init`` layer and read-write layer above
the image's top layer, the container's filesystem on top of those, and on the side the
folders mounted into it — named volumes inside ``/var/lib/docker/volumes/NAME/_data``,
bind-mounted host folders, tmpfs in memory.  A layer used by several images or containers is
one node with several arrows going up."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ..cli.units import human_size_precision
from .snapshot import State, ImageInfo, ContainerInfo

MAX_FILES = 12          # changed files listed in a container layer before "… N more"
MAX_LABEL = 46          # characters of an instruction shown in a layer box


class DiagramError(ValueError):
    """A reference that names no image or container."""


def size(n: int) -> str:
    """Sizes as ``docker images`` prints them (3 significant digits, decimal units)."""
    return human_size_precision(n, 3)


def shorten(text: str, width: int = MAX_LABEL) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


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

    @property
    def shared(self) -> bool:
        return len(self.users) > 1


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
    g = Graph(title or _title(state, images, containers), step=step)
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
    if layer_order:
        g.clusters.append(Cluster("layers", "layers",
                                  f"image layers: read-only, in /var/lib/docker/{state.driver}"))
    for cid in layer_order:
        info = state.layer(cid)
        lsize = info.size if info else 0
        digest = info.short if info else _h(cid)
        ins = instructions.get(cid, "(no history)")
        lines = [f"{size(lsize)} · sha256:{digest}"]
        u = tuple(users.get(cid, ()))
        if len(u) > 1:
            lines.append("shared by " + shorten(", ".join(u), MAX_LABEL))
        g.nodes.append(Node(layer_id(cid), "layer", shorten(ins), lines, cluster="layers", users=u,
                            tooltip=f"{ins}\ndiffID {info.diff_id if info else cid}\n"
                                    f"chainID {cid}\ncache-id {info.cache_id if info else ''}"))
        if info and info.parent and info.parent in users:
            g.edges.append(Edge(layer_id(info.parent), layer_id(cid), "stack"))

    for img in images:
        lines = [f"image {img.short_id or '(building)'} · {size(img.size)} · "
                 f"{len(img.layers)} layer{'s' if len(img.layers) != 1 else ''}"]
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
        g.nodes.append(Node(init_id(c), "init", "init layer",
                            [f"{state.driver}/{c.mount_id[:12]}…-init",
                             "/etc/hosts /etc/hostname /etc/resolv.conf"],
                            cluster=cl, tooltip=c.init_id))
        files = []
        for ch in c.changes[:MAX_FILES]:
            files.append((ch.kind, ch.path, _change_note(ch)))
        g.nodes.append(Node(rw_id(c), "rw", "container layer (read-write)",
                            [f"upperdir {state.driver}/{c.mount_id[:12]}…/diff · {size(c.rw_size)}"],
                            files=files,
                            more_files=max(0, len(c.changes) - MAX_FILES), cluster=cl,
                            tooltip=f"/var/lib/docker/{state.driver}/{c.mount_id}/diff"))
        ports = [("root", "/   (overlay: image + init + container layer)")]
        for m in c.mounts:
            ports.append((port_id(m.destination), f"{m.destination}   ({m.type}{'' if m.rw else ', read-only'})"))
        g.nodes.append(Node(container_id(c), "container", f"container {c.name}",
                            [f"{c.short_id} · {c.status} · image {_image_name(state, c)}"],
                            ports=ports, cluster=cl, tooltip=c.id))
        g.stacks.append((container_id(c), [layer_id(cid) for cid in _chain(state, c.parent)]
                         + [init_id(c), rw_id(c)]))
        if c.parent:
            g.edges.append(Edge(layer_id(c.parent), init_id(c), "stack"))
        g.edges.append(Edge(init_id(c), rw_id(c), "stack"))
        g.edges.append(Edge(rw_id(c), container_id(c), "upper", "upperdir", "root"))
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


def _change_note(ch) -> str:
    if ch.kind == "C":
        if ch.ftype == "file":
            src = f" from layer {ch.origin + 1}" if ch.origin is not None else ""
            return f"copied up{src}: {size(ch.origin_size)} → {size(ch.size)}"
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
    if not images and not containers:
        notes.append("no images or containers yet: try %docker pull busybox")
    return notes
