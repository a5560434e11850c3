"""What is in a layer: its own folder (overlay form), what it added, changed or deleted
against the layers below (A/C/D), which layer serves a path in a stack, and the wasted
space of an image as the tool *dive* reports it.

Only plain walks over the drivers' changesets (``driver.diff_tree``): nothing here mounts,
copies or modifies a layer."""
from __future__ import annotations

import stat as _st
from dataclasses import dataclass, field

from ..changes import overlay_changes
from ..fs import Dir, File, Symlink, is_whiteout, is_opaque

A, C, D = "A", "C", "D"


# ------------------------------------------------------------------------------ stacks
@dataclass(frozen=True)
class StackLayer:
    """One folder of an overlay stack: an image layer, a container's init layer or its
    read-write layer."""
    key: str            # chain ID for image layers; the mount/init ID for a container's
    kind: str           # "layer" | "init" | "rw"
    label: str          # the instruction that made it (image layers), or what it is
    size: int
    tree: Dir = field(compare=False, repr=False)


def image_stack(engine, image) -> list[StackLayer]:
    """The image's read-only layers, base first, each with the instruction that made it."""
    instr = layer_instructions(image)
    out = []
    for layer, label in zip(image.layers, instr):
        parent = layer.parent.cache_id if layer.parent else None
        out.append(StackLayer(layer.chain_id, "layer", label, layer.size,
                              engine.driver.diff_tree(layer.cache_id, parent)))
    return out


def container_stack(engine, container, images: dict | None = None) -> list[StackLayer]:
    """The container's image layers, then its ``-init`` layer, then its read-write layer.
    ``images``: image ID -> :func:`image_stack`, filled as it goes, for a caller that walks
    many containers of one unchanged host (their images' layers are walked once)."""
    img = engine.image_store.get(container.image_id)
    out = []
    if img is not None:
        if images is None:
            images = {}
        if img.id not in images:
            images[img.id] = image_stack(engine, img)
        out = list(images[img.id])
    rw = container.rw
    parent = rw.parent.cache_id if rw.parent else None
    init_tree = engine.driver.diff_tree(rw.init_id, parent)
    out.append(StackLayer(rw.init_id, "init", "init layer (-init): /etc/hosts, /etc/hostname, "
                          "/etc/resolv.conf, /.dockerenv", _tree_bytes(init_tree), init_tree))
    rw_tree = engine.driver.diff_tree(rw.mount_id, rw.init_id)
    out.append(StackLayer(rw.mount_id, "rw", "container layer (read-write)",
                          engine.layer_store.rw_size(rw), rw_tree))
    return out


def clean_instruction(created_by: str) -> str:
    """``docker history``'s CREATED BY, shortened to the Dockerfile line a student wrote:
    no ``/bin/sh -c`` and no ``# buildkit`` / ``#(nop)`` decorations."""
    s = " ".join((created_by or "").split())
    if s.endswith(" # buildkit"):
        s = s[: -len(" # buildkit")]
    if s.startswith("/bin/sh -c #(nop) "):
        s = s[len("/bin/sh -c #(nop) "):]
    elif s.startswith("/bin/sh -c "):
        s = "RUN " + s[len("/bin/sh -c "):]
    s = s.replace("RUN /bin/sh -c ", "RUN ", 1)
    return s or "(no history)"


def layer_instructions(image) -> list[str]:
    """One label per layer of ``image`` (base first): the history entries that made a
    layer (those without ``empty_layer``), matched to the layers in order."""
    made = [clean_instruction(h.get("created_by", "")) for h in image.history
            if not h.get("empty_layer")]
    n = len(image.layers)
    if len(made) < n:                      # e.g. an imported image with no history
        made = made + ["(no history)"] * (n - len(made))
    elif len(made) > n:
        made = made[len(made) - n:]
    return made


# ------------------------------------------------------------------------------ walking
def _tree_bytes(d: Dir) -> int:
    total = 0
    for _, node in iter_tree(d):
        if isinstance(node, File):
            total += node.size
    return total


def iter_tree(d: Dir, prefix: str = ""):
    """(path, node) for everything below ``d``, sorted, parents before children."""
    for name in sorted(d.entries):
        node = d.entries[name]
        path = f"{prefix}/{name}"
        yield path, node
        if isinstance(node, Dir):
            yield from iter_tree(node, path)


def node_at(d: Dir | None, path: str):
    cur = d
    for part in [p for p in path.split("/") if p]:
        if not isinstance(cur, Dir):
            return None
        cur = cur.entries.get(part)
        if cur is None:
            return None
    return cur


def kind_of(node) -> str:
    if is_whiteout(node):
        return "whiteout"
    if isinstance(node, Dir):
        return "dir"
    if isinstance(node, File):
        return "file"
    if isinstance(node, Symlink):
        return "symlink"
    return "device" if node is not None and _st.S_ISCHR(node.mode) else "other"


def file_size(node) -> int:
    """Bytes as dive counts them (tar header sizes): regular files only."""
    return node.size if isinstance(node, File) else 0


# ------------------------------------------------------------------------------ who serves a path
def serving_layer(stack: list[StackLayer], path: str, upto: int | None = None) -> int | None:
    """Index in ``stack`` of the layer whose copy of ``path`` is seen in the merged view of
    layers ``0..upto`` (default: all), or None when the path does not exist there."""
    top = len(stack) - 1 if upto is None else upto
    parts = [p for p in path.split("/") if p]
    if not parts:
        return top if top >= 0 else None
    for i in range(top, -1, -1):
        cur = stack[i].tree
        hidden_below = False
        for j, part in enumerate(parts):
            nxt = cur.entries.get(part) if isinstance(cur, Dir) else None
            if nxt is None:
                cur = None
                break
            if is_whiteout(nxt):
                return None                  # deleted by this layer: hidden everywhere below
            if j < len(parts) - 1:
                if not isinstance(nxt, Dir):
                    return None              # a file here hides a folder of the layers below
                if is_opaque(nxt):
                    hidden_below = True      # an opaque folder hides the lower layers' copies
            cur = nxt
        if cur is not None:
            return i
        if hidden_below:
            return None
    return None


def layer_changes(stack: list[StackLayer], index: int) -> list[tuple[str, str]]:
    """``docker diff`` of layer ``index`` against the merged layers below it."""
    lowers = [stack[i].tree for i in range(index - 1, -1, -1)]
    return overlay_changes(stack[index].tree, lowers)


# ------------------------------------------------------------------------------ file trees
@dataclass
class Entry:
    """One line of a file tree in the explorer."""
    path: str
    kind: str               # dir | file | symlink | whiteout | device | other
    size: int
    mark: str = ""          # A | C | D | ""
    layer: int | None = None  # which layer of the stack serves it
    target: str = ""        # a symlink's target (shown as dive shows it: name → target)

    @classmethod
    def of(cls, path: str, node, mark: str = "", layer: int | None = None) -> "Entry":
        return cls(path, kind_of(node), file_size(node), mark, layer,
                   node.target if isinstance(node, Symlink) else "")


def merged_entries(stack: list[StackLayer], upto: int) -> dict[str, Entry]:
    """The merged file tree of layers ``0..upto`` ("so far"), each path with the layer that
    serves it, marked A/C/D with what layer ``upto`` changed (deleted paths kept, as dive
    shows them)."""
    out: dict[str, Entry] = {}
    for i in range(upto + 1):
        tree = stack[i].tree
        _merge(out, tree, "", i)
    marks = dict((p, k) for k, p in layer_changes(stack, upto)) if upto >= 0 else {}
    for path, k in marks.items():
        if k == D:
            old = _lower_entry(stack, upto, path)
            out[path] = Entry(path, old.kind if old else "file", old.size if old else 0, D, upto)
        elif path in out:
            out[path].mark = k
    return dict(sorted(out.items()))


def _lower_entry(stack, upto, path) -> Entry | None:
    i = serving_layer(stack, path, upto - 1) if upto > 0 else None
    if i is None:
        return None
    node = node_at(stack[i].tree, path)
    return Entry.of(path, node, "", i)


def _merge(out: dict[str, Entry], d: Dir, prefix: str, layer: int) -> None:
    for name in sorted(d.entries):
        node = d.entries[name]
        path = f"{prefix}/{name}"
        if is_whiteout(node):
            _drop(out, path)
            continue
        if isinstance(node, Dir):
            if is_opaque(node):
                _drop(out, path, keep_self=True)
            out[path] = Entry(path, "dir", 0, "", layer)
            _merge(out, node, path, layer)
        else:
            _drop(out, path)
            out[path] = Entry.of(path, node, "", layer)


def _drop(out: dict[str, Entry], path: str, keep_self: bool = False) -> None:
    pre = path + "/"
    for p in [p for p in out if p.startswith(pre) or (p == path and not keep_self)]:
        del out[p]


def layer_entries(stack: list[StackLayer], index: int) -> dict[str, Entry]:
    """The layer's own folder ("this layer"), each path marked A/C/D against the layers
    below; a whiteout is shown as the path it deletes (D)."""
    marks = dict((p, k) for k, p in layer_changes(stack, index))
    out: dict[str, Entry] = {}
    for path, node in iter_tree(stack[index].tree):
        if is_whiteout(node):
            old = _lower_entry(stack, index, path)
            out[path] = Entry(path, old.kind if old else "file", old.size if old else 0, D, index)
        else:
            out[path] = Entry.of(path, node, marks.get(path, ""), index)
    for path, k in marks.items():          # deletions below an opaque folder
        if k == D and path not in out:
            old = _lower_entry(stack, index, path)
            out[path] = Entry(path, old.kind if old else "file", old.size if old else 0, D, index)
    return dict(sorted(out.items()))


# ------------------------------------------------------------------------------ copy-up story
def explain(stack: list[StackLayer], path: str, upto: int | None = None,
            full_copies: bool = False) -> dict:
    """Which layer serves ``path`` and what copy-on-write did to it: every layer that holds
    a copy of it (or a whiteout for it), top first.  ``full_copies`` (vfs): no copy-on-write,
    each layer is a whole copy of the one below, and the story says so."""
    top = len(stack) - 1 if upto is None else upto
    served = serving_layer(stack, path, top)
    copies = []
    for i in range(top, -1, -1):
        node = node_at(stack[i].tree, path)
        if node is None:
            continue
        copies.append({"layer": i, "kind": kind_of(node), "size": file_size(node),
                       "label": stack[i].label, "layer_kind": stack[i].kind})
    story = []
    rw = [c for c in copies if c["layer_kind"] == "rw"]
    lower = [c for c in copies if c["layer_kind"] != "rw"]
    if full_copies:
        story = _copy_story(stack, rw, lower)
    elif rw:
        c = rw[0]
        if c["kind"] == "whiteout":
            story.append("deleted in the container: its layer holds a whiteout (a character "
                         "device 0/0) that hides the image's copy, which is still on disk")
        elif lower and lower[0]["kind"] != "whiteout":
            src = layer_name(stack, lower[0]["layer"])
            if c["kind"] == "dir":
                story.append(f"folder copied up from {src}: the container changed something in "
                             f"it, so the folder itself (not its contents) was created in the "
                             f"read-write layer")
            else:
                story.append(f"copied up: the container's first write copied the whole file "
                             f"({lower[0]['size']} bytes) from {src} into its read-write layer; "
                             f"it is now {c['size']} bytes there and the image's copy is unchanged")
        else:
            story.append("added by the container: it exists only in the read-write layer")
    elif len(lower) > 1 and lower[0]["kind"] != "dir":
        newer, older = lower[0], lower[1]
        verb = "deleted (whiteout)" if newer["kind"] == "whiteout" else "replaced"
        story.append(f"{verb} in {layer_name(stack, newer['layer'])}: the {older['size']} bytes "
                     f"in {layer_name(stack, older['layer'])} still take space in the image")
    return {"path": path, "served_by": served, "copies": copies, "story": story}


def _copy_story(stack, rw, lower) -> list[str]:
    """The story of a path on vfs: the changes are those of each layer's full copy."""
    if rw:
        c = rw[0]
        if c["kind"] == "whiteout":
            return ["deleted in the container: removed from its read-write copy; the "
                    "image's layers still hold it on disk"]
        if lower and lower[0]["kind"] != "whiteout":
            src = layer_name(stack, lower[0]["layer"])
            if c["kind"] == "dir":
                return [f"folder changed in the container: something in it was added, changed "
                        f"or deleted in the container's own copy (it came from {src})"]
            return [f"modified in place: vfs copied the whole image into the container's "
                    f"read-write layer when the container was created, so the write changed "
                    f"that copy ({lower[0]['size']} bytes from {src}, now {c['size']} bytes); "
                    f"no copy-up, and the image's layers are unchanged"]
        return ["added by the container: it exists only in its read-write copy"]
    if len(lower) > 1 and lower[0]["kind"] != "dir":
        newer, older = lower[0], lower[1]
        verb = "deleted" if newer["kind"] == "whiteout" else "replaced"
        return [f"{verb} in {layer_name(stack, newer['layer'])}: the {older['size']} bytes from "
                f"{layer_name(stack, older['layer'])} are still on disk, in the full copy of that "
                f"layer and of every layer between it and {layer_name(stack, newer['layer'])}"]
    return []


def layer_name(stack: list[StackLayer], i: int) -> str:
    kind = stack[i].kind
    if kind == "init":
        return "the init layer"
    if kind == "rw":
        return "the container layer"
    return f"layer {i + 1}"


# ------------------------------------------------------------------------------ dive's efficiency
@dataclass
class Inefficiency:
    path: str
    count: int               # how many layers hold it (a whiteout counts)
    wasted: int              # dive's CumulativeSize: bytes of every copy


@dataclass
class Efficiency:
    score: float             # dive: sum of minimum sizes / sum of cumulative sizes
    wasted: int              # dive: "Potential wasted space"
    total: int               # sum of the layers' sizes
    user_size: int           # all but the first layer
    inefficiencies: list = field(default_factory=list)

    @property
    def wasted_user_percent(self) -> float:
        return self.wasted / self.user_size if self.user_size else 0.0


def efficiency(stack: list[StackLayer]) -> Efficiency:
    """The image efficiency score and wasted space as dive computes them
    (dive/filetree/efficiency.go): for every leaf path of every layer, add its size (a
    whiteout adds what it deletes when that was a folder, 0 for a file); a path found in two
    or more layers is an inefficiency; the score is the sum of each path's smallest size over
    the sum of all sizes.  An opaque folder counts like a whiteout of what it hides."""
    data: dict[str, list] = {}               # path → [count, cumulative, minimum]
    order: list[str] = []
    for idx, layer in enumerate(stack):
        for path, node in iter_tree(layer.tree):
            if isinstance(node, Dir) and node.entries:
                if is_opaque(node) and idx > 0:
                    _visit(data, order, path + "/", _hidden_bytes(stack, idx, path))
                continue
            if is_whiteout(node):
                size = _whiteout_bytes(stack, idx, path)
            else:
                size = file_size(node)
            _visit(data, order, path, size)
    minimum = sum(v[2] for v in data.values())
    cumulative = sum(v[1] for v in data.values())
    score = 1.0 if cumulative == 0 else minimum / cumulative
    ineff = [Inefficiency(p, data[p][0], data[p][1]) for p in order if data[p][0] >= 2]
    ineff.sort(key=lambda e: (-e.wasted, e.path))
    sizes = [l.size for l in stack]
    return Efficiency(score, sum(e.wasted for e in ineff), sum(sizes), sum(sizes[1:]), ineff)


def _visit(data, order, path, size) -> None:
    v = data.get(path)
    if v is None:
        data[path] = [1, size, size]
        order.append(path)
    else:
        v[0] += 1
        v[1] += size
        v[2] = min(v[2], size)


def _whiteout_bytes(stack, idx, path) -> int:
    """What a whiteout deletes, as dive sizes it: the files of a deleted folder; 0 for a file."""
    return folder_bytes(stack, idx - 1, path) if idx > 0 else 0


def _hidden_bytes(stack, idx, path) -> int:
    """What an opaque folder hides: the files the layers below had in it."""
    return folder_bytes(stack, idx - 1, path) if idx > 0 else 0


def folder_bytes(stack, upto, path) -> int:
    """Bytes of the regular files below folder ``path`` in the merged view of ``0..upto``
    (0 when ``path`` is a file there)."""
    i = serving_layer(stack, path, upto)
    if i is None:
        return 0
    node = node_at(stack[i].tree, path)
    if not isinstance(node, Dir):
        return 0
    total = 0
    pre = path.rstrip("/") + "/"
    merged: dict[str, int] = {}
    for j in range(upto + 1):
        d = node_at(stack[j].tree, path)
        if d is None:
            continue
        if is_whiteout(d) or not isinstance(d, Dir):
            merged.clear()
            continue
        if is_opaque(d):
            merged.clear()
        for p, n in iter_tree(d, path.rstrip("/")):
            if is_whiteout(n):
                for q in [q for q in merged if q == p or q.startswith(p + "/")]:
                    del merged[q]
            elif isinstance(n, Dir):
                if is_opaque(n):
                    for q in [q for q in merged if q.startswith(p + "/")]:
                        del merged[q]
            else:
                merged[p] = file_size(n)
    for p, s in merged.items():
        if p.startswith(pre):
            total += s
    return total
