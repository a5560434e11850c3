"""``docker diff``: what a layer changed, as Docker reports it.

* :func:`naive_changes` — moby's generic comparison of two full trees (``archive.ChangesDirs``,
  used by vfs and by the naive-diff graphdriver wrapper): a new path and everything below an
  added folder is **A**; a path gone from the new tree is **D** (only the topmost one); a
  path whose mode, uid, gid or rdev changed — or, for non-folders, whose mtime or size
  changed — is **C**; a folder that contains any change is **C** too, inserted before its
  children (never ``/``).  Folders are never C for their mtime or size alone.  Within a
  folder: each child's own C, then that child's changes, then the folder's deletions.
* :func:`overlay_changes` — the same answer for an overlay2 layer, computed from its upper
  folder and its lowers without building the two merged trees: only paths present in the
  upper folder (entries, whiteouts, opaque folders) can differ.

Why overlay2 gets the naive semantics and not moby's native ``archive.OverlayChanges``
(which walks the upper folder, reports an opaque folder as D and a copied-up folder as C
only when its mtime/mode/size differ): the reference engine (20.10.24, overlay2, "Native
Overlay Diff: true") was observed to print the naive result — ``rm -r /home && mkdir /home``
gives no line at all (native: ``D /home``), ``chown -h 5 /usr/bin/env`` gives ``C /usr``,
``C /usr/bin``, ``C /usr/bin/env`` although the kernel restored the copied-up folders'
mtimes (native: only ``C /usr/bin/env``), deletions come after their siblings, and the order
changes between calls (Go map iteration).  Output here is sorted instead.
"""
from __future__ import annotations

import stat as _st

from .fs.tree import Dir, Node, is_whiteout, is_opaque

A, C, D = "A", "C", "D"


def _child(d: Node | None, name: str) -> Node | None:
    return d.entries.get(name) if isinstance(d, Dir) else None


def _same_time(a: float, b: float) -> bool:
    return abs(a - b) < 1e-9


def _lookup(stack: list[Dir], name: str) -> tuple[Node | None, list[Dir]]:
    """``name`` in the merged folder made of ``stack`` (top first): (top node, the folders
    that merge into it, or [] for a non-folder); (None, []) when absent or whited out."""
    dirs: list[Dir] = []
    for d in stack:
        c = d.entries.get(name)
        if c is None:
            continue
        if is_whiteout(c):
            break
        if isinstance(c, Dir):
            dirs.append(c)
            if is_opaque(c):
                break
        else:
            if not dirs:
                return c, []
            break
    return (dirs[0], dirs) if dirs else (None, [])


def _visible(stack: list[Dir]) -> set[str]:
    seen: dict[str, bool] = {}
    for d in stack:
        for name, c in d.entries.items():
            if name not in seen:
                seen[name] = not is_whiteout(c)
    return {n for n, v in seen.items() if v}


def _same_stack(a: list[Dir], b: list[Dir]) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b))


def overlay_changes(upper: Dir, lowers: list[Dir]) -> list[tuple[str, str]]:
    """``docker diff`` of an overlay2 layer: :func:`naive_changes` of the merged view
    (``upper`` over ``lowers``, uppermost first) against the merged ``lowers``."""
    changes: list[tuple[str, str]] = []

    def visit(path: str, up: Dir | None, lows: list[Dir], old: list[Dir], added: bool) -> None:
        """The folder at ``path``: its new view is ``up`` (the upper folder there, if any)
        over ``lows``; its old view is ``old``."""
        at_entry = len(changes)
        if up is not None and _same_stack(lows, old):
            names = set(up.entries)          # only what the upper folder holds can differ
        elif _same_stack(lows, old):
            names = set()                    # untouched
        else:
            names = _visible(([up] if up is not None else []) + lows) | _visible(old)
        base = path.rstrip("/")
        deleted: list[str] = []
        for name in sorted(names):
            uc = up.entries.get(name) if up is not None else None
            if is_whiteout(uc):
                new, c_up, c_lows = None, None, []
            elif uc is not None and not isinstance(uc, Dir):
                new, c_up, c_lows = uc, None, []
            elif isinstance(uc, Dir):
                low_node, low_dirs = _lookup(lows, name) if not is_opaque(uc) else (None, [])
                new, c_up, c_lows = uc, uc, (low_dirs if isinstance(low_node, Dir) else [])
            else:
                new, c_lows = _lookup(lows, name)
                c_up = None
            old_node, old_dirs = _lookup(old, name)
            cpath = f"{base}/{name}"
            if new is None:
                if old_node is not None:
                    deleted.append(cpath)
                continue
            if old_node is None:
                changes.append((A, cpath))
                if isinstance(new, Dir):
                    visit(cpath, c_up, c_lows, [], True)
                continue
            child_added = False
            if _stat_different(old_node, new):
                changes.append((C, cpath))
                child_added = True
            if isinstance(new, Dir):
                visit(cpath, c_up, c_lows, old_dirs if isinstance(old_node, Dir) else [],
                      child_added)
        changes.extend((D, p) for p in deleted)
        if len(changes) > at_entry and not added and path != "/":
            changes.insert(at_entry, (C, path))

    visit("/", upper, list(lowers), list(lowers), False)
    return changes


def _stat_different(old: Node, new: Node) -> bool:
    if (old.mode != new.mode or old.uid != new.uid or old.gid != new.gid
            or old.rdev != new.rdev):
        return True
    if old.mode & 0o170000 != _st.S_IFDIR:
        if not _same_time(old.mtime, new.mtime) or old.size != new.size:
            return True
        if old.target != new.target:
            return True
    return False


def naive_changes(new: Dir, old: Dir | None) -> list[tuple[str, str]]:
    changes: list[tuple[str, str]] = []
    append = changes.append

    def add(info: Dir, old_info: Node | None, path: str, added: bool):
        # (called for folders only: for anything else, a new path is one A and an old one
        # has nothing below it to compare)
        at_entry = len(changes)
        if old_info is None and path != "/":
            append((A, path))
            added = True
        old_children = dict(old_info.entries) if old_info.__class__ is Dir else {}
        prefix = path.rstrip("/") + "/"
        entries = info.entries
        for name in sorted(entries):
            child = entries[name]
            cpath = prefix + name
            oc = old_children.pop(name, None)
            child_added = False
            if oc is not None and _stat_different(oc, child):
                append((C, cpath))
                child_added = True
            if child.__class__ is Dir:
                add(child, oc, cpath, child_added)
            elif oc is None:
                append((A, cpath))
        for name in sorted(old_children):
            append((D, prefix + name))
        if len(changes) > at_entry and not added and path != "/":
            changes.insert(at_entry, (C, path))

    if new.__class__ is Dir:
        add(new, old, "/", old is None)
    return changes
