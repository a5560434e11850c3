"""The overlay2 storage driver (moby daemon/graphdriver/overlay2).

Each layer is ``overlay2/<cache-id>/`` with ``diff/`` (its own files), ``link`` (a 26-character
name), ``lower`` (the ``l/<link>`` names of every layer below, uppermost first), ``work/`` and,
once a child exists, ``committed``.  ``overlay2/l/<link>`` is a symlink to ``../<id>/diff``.
Mounting builds the merged view from those folders: nothing is copied.
"""
from __future__ import annotations

from ..changes import overlay_changes
from ..fs import Dir, OverlayFS, Symlink, tree_size
from ..fs import tree as _tree
from ..fs.tree import set_entries
from .base import GraphDriver, DriverError

MAX_DEPTH = 128


class Overlay2Driver(GraphDriver):
    name = "overlay2"

    def __init__(self, host, ids):
        super().__init__(host)
        self.ids = ids
        host.tree.mkdir(f"{self.home}/l", mode=0o700, exist_ok=True)
        self._mounted: dict[str, OverlayFS] = {}

    # paths -----------------------------------------------------------------------
    def dir(self, id: str) -> str:
        return f"{self.home}/{id}"

    def _diff_node(self, id: str) -> Dir:
        n = self.host.tree.node_at(f"{self.dir(id)}/diff")
        assert isinstance(n, Dir)
        return n

    def _lower_ids(self, id: str) -> list[str]:
        """Cache-ids of the layers below ``id``, uppermost first (read from ``lower``)."""
        t = self.host.tree
        path = f"{self.dir(id)}/lower"
        if not t.exists(path):
            return []
        out = []
        links = t.node_at(f"{self.home}/l")       # (read once: a layer has up to 125 lowers)
        for entry in t.read_text(path).split(":"):
            name = entry[2:] if entry.startswith("l/") else None
            node = links.entries.get(name) if name is not None and isinstance(links, Dir) else None
            target = node.target if isinstance(node, Symlink) else t.readlink(f"{self.home}/{entry}")
            out.append(target.split("/")[1])          # ../<id>/diff
        return out

    # lifecycle -------------------------------------------------------------------
    def create(self, id, parent, readonly=True):
        t = self.host.tree
        lowers = ""
        if parent:
            plink = t.read_text(f"{self.dir(parent)}/link")
            lowers = "l/" + plink
            if t.exists(f"{self.dir(parent)}/lower"):
                lowers += ":" + t.read_text(f"{self.dir(parent)}/lower")
            if lowers.count(":") + 1 > MAX_DEPTH:
                raise DriverError("max depth exceeded")
        d = self.dir(id)
        t.mkdir(d, mode=0o710)
        t.mkdir(f"{d}/diff", mode=0o755)
        link = self.ids.link()
        t.write(f"{d}/link", link.encode())
        t.symlink(f"../{id}/diff", f"{self.home}/l/{link}")
        if parent:
            t.write(f"{d}/lower", lowers.encode())
            t.mkdir(f"{d}/work", mode=0o700)
            t.write(f"{self.dir(parent)}/committed", b"", mode=0o600)

    def remove(self, id):
        t = self.host.tree
        d = self.dir(id)
        if not t.exists(d):
            return
        self.put(id)
        # moby overlay2 Remove: a missing link file is no error (someone deleted it)
        link = t.read_text(f"{d}/link") if t.isfile(f"{d}/link") else ""
        if link and t.exists(f"{self.home}/l/{link}", follow=False):
            t.unlink(f"{self.home}/l/{link}")
        t.remove_tree(d)

    # mounting --------------------------------------------------------------------
    def get(self, id):
        if id in self._mounted:
            return self._mounted[id]
        t = self.host.tree
        d = self.dir(id)
        lowers = [self._diff_node(i) for i in self._lower_ids(id)]
        committed = t.exists(f"{d}/committed")
        if not lowers:
            # A base layer mounts as its diff folder itself.
            view = OverlayFS(None if committed else self._diff_node(id), [self._diff_node(id)] if committed else [], clock=t.clock)
        elif committed:
            view = OverlayFS(None, [self._diff_node(id)] + lowers, clock=t.clock)
        else:
            view = OverlayFS(self._diff_node(id), lowers, clock=t.clock)
        t.mkdir(f"{d}/merged", mode=0o755, exist_ok=True)
        opts = "rw,relatime"
        if lowers:
            opts += f",lowerdir={self.lower_links(id)},upperdir={d}/diff,workdir={d}/work"
        self.host.mount(f"{d}/merged", view, options=opts)
        self._mounted[id] = view
        return view

    def view(self, id) -> OverlayFS:
        """A read-only view of a layer and everything below it, without mounting it."""
        return OverlayFS(None, [self._diff_node(id)] + [self._diff_node(i) for i in self._lower_ids(id)],
                         clock=self.host.tree.clock)

    def put(self, id):
        if self._mounted.pop(id, None) is not None:
            self.host.unmount(f"{self.dir(id)}/merged")
            t = self.host.tree
            if t.exists(f"{self.dir(id)}/merged"):
                t.rmdir(f"{self.dir(id)}/merged")

    # diffs -----------------------------------------------------------------------
    def diff_tree(self, id, parent):
        return self._diff_node(id)

    def apply_diff(self, id, parent, tree):
        d = f"{self.dir(id)}/diff"
        node = self.host.tree.node_at(d)
        assert isinstance(node, Dir)
        set_entries(node, tree.entries)
        node.xattrs.update(tree.xattrs)
        return tree_size(node)

    def laid_out(self, id, key, first):
        diff = self._diff_node(id)
        for tell in _tree.laid_out:
            tell(diff, ("overlay2", key, first, _tree.first_ino()))

    def changes(self, id, parent):
        return overlay_changes(self._diff_node(id), [self._diff_node(i) for i in self._lower_ids(id)])

    def diff_size(self, id, parent):
        return tree_size(self._diff_node(id))

    def disk_usage(self, id):
        return tree_size(self._diff_node(id))

    def lower_links(self, id) -> str:
        """The ``lowerdir=`` option of the mount: ``l/<link>`` names made absolute."""
        t = self.host.tree
        path = f"{self.dir(id)}/lower"
        if not t.exists(path):
            return ""
        return ":".join(f"{self.home}/{e}" for e in t.read_text(path).split(":"))

    def depth(self, id) -> int:
        return len(self._lower_ids(id))

    # reporting -------------------------------------------------------------------
    def status(self):
        return [("Backing Filesystem", "extfs"), ("Supports d_type", "true"),
                ("Using metacopy", "false"), ("Native Overlay Diff", "true"),
                ("userxattr", "false")]

    def metadata(self, id):
        d = self.dir(id)
        meta = {"MergedDir": f"{d}/merged", "UpperDir": f"{d}/diff", "WorkDir": f"{d}/work"}
        lower = self._lower_ids(id)
        if lower:
            meta["LowerDir"] = ":".join(f"{self.dir(i)}/diff" for i in lower)
        return meta
