"""The vfs storage driver (moby daemon/graphdriver/vfs): no copy-on-write.  Creating a layer
copies its parent's whole tree into ``vfs/dir/<id>``; a container's rootfs is such a copy.
(File contents are shared blobs in memory, but every copied byte counts on the simulated
disk, as it does on a real one.)"""
from __future__ import annotations

import stat as _st

from ..changes import naive_changes
from ..fs import Dir, TreeFS, clone, tree_size, is_whiteout
from ..fs import tree as _tree
from ..fs.tree import OPAQUE_XATTR, generation
from .base import GraphDriver


#: How fast the simulated disk copies (a mid-range SSD), for vfs's full copies.
COPY_BYTES_PER_SECOND = 500_000_000


class VfsDriver(GraphDriver):
    name = "vfs"

    def __init__(self, host, ids):
        super().__init__(host)
        host.tree.mkdir(f"{self.home}/dir", mode=0o700, exist_ok=True)
        self._parents: dict[str, str | None] = {}
        self.copied_bytes = 0
        self._memo: dict = {}
        self._memo_gen = -1

    def dir(self, id: str) -> str:
        return f"{self.home}/dir/{id}"

    def _node(self, id: str) -> Dir:
        n = self.host.tree.node_at(self.dir(id))
        assert isinstance(n, Dir)
        return n

    def exists(self, id):
        return self.host.tree.exists(self.dir(id))

    def create(self, id, parent, readonly=True):
        t = self.host.tree
        if parent:
            first = _tree.first_ino()
            copy = clone(self._node(parent))
            recipe = ("vfs", self.dir(parent).strip("/"), first, _tree.first_ino(), ())
            n = tree_size(copy)
            self.copied_bytes += n
            # The copy shares file contents in memory, but a real disk writes every byte:
            # a fixed (simulated) clock moves on by the time that takes.
            self.host.clock.advance(n / COPY_BYTES_PER_SECOND)
            t.attach(self.dir(id), copy)
        else:
            t.mkdir(self.dir(id), mode=0o755)
            copy, recipe = self._node(id), ("vfs", None, 0, 0, ())
        self._parents[id] = parent
        for tell in _tree.laid_out:     # a copy of the parent's folder (or an empty one)
            tell(copy, recipe)

    def remove(self, id):
        t = self.host.tree
        if t.exists(self.dir(id)):
            t.remove_tree(self.dir(id))
        self._parents.pop(id, None)

    def get(self, id):
        return TreeFS(self._node(id), self.host.tree.clock)

    def view(self, id):
        return TreeFS(self._node(id), self.host.tree.clock, readonly=True)

    def _remembered(self, what: str, id, parent, compute):
        """``compute()``, remembered until anything on the host changes (:data:`generation`):
        comparing a layer with its parent walks two whole copies, and a diagram reads every
        layer's changes after each command."""
        if self._memo_gen != generation[0]:
            self._memo.clear()
            self._memo_gen = generation[0]
        key = (what, id, parent)
        r = self._memo.get(key)
        if r is None:
            r = self._memo[key] = compute()
        return r

    def _naive_changes(self, id, parent) -> list:
        return self._remembered("changes", id, parent, lambda: naive_changes(
            self._node(id), self._node(parent) if parent else None))

    def diff_tree(self, id, parent):
        """The changes against the parent, as a changeset folder (overlay form).  Built
        afresh each time: the copies take inode numbers, which ``stat`` shows."""
        new = self._node(id)
        out = Dir(0o755)
        put = dict.__setitem__          # a new folder nothing else sees: no change to count
        for kind, path in self._naive_changes(id, parent):
            parts = path.strip("/").split("/")
            cur, src = out, new
            for p in parts[:-1]:
                src = src.entries[p]
                nxt = cur.entries.get(p)
                if nxt is None:
                    nxt = clone(src, deep=False)
                    put(cur.entries, p, nxt)
                cur = nxt
            name = parts[-1]
            if kind == "D":
                from ..fs import Device
                put(cur.entries, name, Device(_st.S_IFCHR, 0))
            elif name not in cur.entries:
                node = src.entries[name]
                put(cur.entries, name, clone(node, deep=False) if isinstance(node, Dir) else clone(node))
        return out

    def apply_diff(self, id, parent, tree):
        target = self._node(id)
        tell = _tree.changed_apart

        def changed(path, replaced):
            for f in tell:
                f(target, path, replaced)

        apply_changeset(target, tree, changed if tell else None)
        generation[0] += 1          # (folders updated in place above)
        return tree_size(tree)

    def laid_out(self, id, key, first):
        for tell in _tree.laid_out:     # the changeset just applied was catalogue layer key's
            tell(self._node(id), ("then", key, first, _tree.first_ino()))

    def changes(self, id, parent):
        return list(self._naive_changes(id, parent))

    def diff_size(self, id, parent):
        return tree_size(self.diff_tree(id, parent))

    def disk_usage(self, id):
        return tree_size(self._node(id))

    def metadata(self, id):
        return {}


def apply_changeset(target: Dir, tree: Dir, changed=None) -> None:
    """Put a changeset (overlay2 form: whiteouts, opaque folders) into a vfs layer's copy of
    its parent.  ``changed(path, replaced)`` is told of each path changed (see
    :data:`~dockstore_magic.fs.tree.changed_apart`)."""
    links: dict = {}          # one memo for the whole changeset: hard links stay links

    def apply(dst: Dir, src: Dir, at: tuple):
        if src.xattrs.get(OPAQUE_XATTR) == b"y":
            dst.entries.clear()
            if changed:
                changed(at, True)
        for name, node in src.entries.items():
            path = at + (name,)
            if is_whiteout(node):
                dst.entries.pop(name, None)
            elif isinstance(node, Dir):
                cur = dst.entries.get(name)
                if not isinstance(cur, Dir):
                    cur = clone(node, False, links)
                    cur.xattrs.pop(OPAQUE_XATTR, None)
                    dst.entries[name] = cur
                else:
                    cur.mode, cur.uid, cur.gid, cur.mtime = node.mode, node.uid, node.gid, node.mtime
                    if changed:
                        changed(path, False)
                    apply(cur, node, path)
                    continue
                apply(cur, node, path)
            else:
                dst.entries[name] = clone(node, True, links)
            if changed:
                changed(path, True)

    apply(target, tree, ())
