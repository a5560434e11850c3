"""``docker diff``: what a layer changed, computed the two ways moby computes it.

* :func:`overlay_changes` — overlay2's native diff (moby ``archive.OverlayChanges``): walk the
  upper folder; a whiteout or an opaque folder is a deletion; a path present in any lower
  folder is a change (a folder only if its mode, size or mtime differs), otherwise an
  addition; the parent of an addition or deletion is reported as changed before it.
* :func:`naive_changes` — the generic comparison of two full trees (moby ``ChangesDirs``),
  used by vfs: every changed ancestor folder is reported as changed before its children.
"""
from __future__ import annotations

import stat as _st

from .fs.tree import Dir, Node, File, is_whiteout, is_opaque

A, C, D = "A", "C", "D"


def _child(d: Node | None, name: str) -> Node | None:
    return d.entries.get(name) if isinstance(d, Dir) else None


def _same_time(a: float, b: float) -> bool:
    return abs(a - b) < 1e-9


def overlay_changes(upper: Dir, lowers: list[Dir]) -> list[tuple[str, str]]:
    changes: list[tuple[str, str]] = []
    changed_dirs: set[str] = set()

    def visit(node: Node, path: str, lower_nodes: list[Node | None]):
        kind = None
        if is_whiteout(node) or is_opaque(node):
            kind = D
        else:
            kind = A
            for low in lower_nodes:
                if low is None or is_whiteout(low):
                    continue
                if isinstance(low, Dir) and isinstance(node, Dir):
                    if low.mode == node.mode and _same_time(low.mtime, node.mtime):
                        kind = None          # the same folder: not recorded
                        break
                kind = C
                break
        if isinstance(node, Dir) and kind is not None:
            changed_dirs.add(path)
        if kind is not None:
            if kind in (A, D):
                parent = path.rsplit("/", 1)[0] or "/"
                if parent not in changed_dirs and parent != "/":
                    changes.append((C, parent))
                    changed_dirs.add(parent)
            changes.append((kind, path))
        if isinstance(node, Dir) and not is_whiteout(node):
            for name in sorted(node.entries):
                visit(node.entries[name], f"{path}/{name}",
                      [_child(low, name) for low in lower_nodes])

    for name in sorted(upper.entries):
        visit(upper.entries[name], "/" + name, [_child(low, name) for low in lowers])
    return changes


def _stat_different(old: Node, new: Node) -> bool:
    if old.mode != new.mode or old.uid != new.uid or old.gid != new.gid:
        return True
    if getattr(old, "rdev", 0) != getattr(new, "rdev", 0):
        return True
    if not _st.S_ISDIR(old.mode):
        if not _same_time(old.mtime, new.mtime) or old.size != new.size:
            return True
        if getattr(old, "target", None) != getattr(new, "target", None):
            return True
    return False


def naive_changes(new: Dir, old: Dir | None) -> list[tuple[str, str]]:
    changes: list[tuple[str, str]] = []

    def add(info: Node, old_info: Node | None, path: str, added: bool):
        at_entry = len(changes)
        if old_info is None and path != "/":
            changes.append((A, path))
            added = True
        old_children = dict(old_info.entries) if isinstance(old_info, Dir) and isinstance(info, Dir) else {}
        if isinstance(info, Dir):
            for name in sorted(info.entries):
                child = info.entries[name]
                cpath = f"{path.rstrip('/')}/{name}"
                oc = old_children.pop(name, None)
                child_added = False
                if oc is not None and _stat_different(oc, child):
                    changes.append((C, cpath))
                    child_added = True
                add(child, oc, cpath, child_added)
        for name in sorted(old_children):
            changes.append((D, f"{path.rstrip('/')}/{name}"))
        if len(changes) > at_entry and isinstance(info, Dir) and not added and path != "/":
            changes.insert(at_entry, (C, path))

    add(new, old, "/", old is None)
    return changes
