"""``docker export`` (moby daemon/export.go): the container's root filesystem — its image's
layers with its own layer on top, as the container sees them without its mounts — streamed as
one tar by the same writer as layers (archive.iter_tar: names in walk order, Go's headers,
hard links as link entries).  Volumes and bind mounts are not in it; their mount points (the
folders made in the container's layer) are."""
from __future__ import annotations

from typing import BinaryIO

from ..archive import write_tar
from ..fs.overlay import OverlayFS
from ..fs.tree import Dir, is_opaque, is_whiteout


def merged_dir(layers: list[Dir]) -> Dir:
    """One folder node with what overlayfs shows of ``layers`` (top first): whiteouts hide,
    an opaque folder hides the folders below it; files and links are the layers' own nodes."""
    top = layers[0]
    out = Dir(top.mode, top.uid, top.gid, top.mtime)
    names: dict[str, list] = {}
    for d in layers:
        for name, node in d.entries.items():
            names.setdefault(name, [])
            names[name].append(node)
    for name, nodes in names.items():
        first = nodes[0]
        if is_whiteout(first):
            continue
        if not isinstance(first, Dir):
            out.entries[name] = first
            continue
        stack = []
        for node in nodes:
            if not isinstance(node, Dir) or is_whiteout(node):
                break
            stack.append(node)
            if is_opaque(node):
                break
        out.entries[name] = merged_dir(stack)
    return out


def export(engine, ref: str, out: BinaryIO) -> int:
    """Write container ``ref``'s filesystem to ``out`` as a tar; returns its length."""
    c = engine.container_store.get(ref)
    view = engine.driver.view(c.rw.mount_id)
    root = merged_dir(view.lowers) if isinstance(view, OverlayFS) else view.root
    return write_tar(root, out)
