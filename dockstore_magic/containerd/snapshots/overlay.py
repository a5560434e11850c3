"""containerd's overlayfs snapshotter (containerd 1.6 ``snapshots/overlay/overlay.go``,
``snapshots/storage/bolt.go``), behind the graph-driver interface the layer store uses.

A snapshot is ``io.containerd.snapshotter.v1.overlayfs/snapshots/<n>/`` where ``<n>`` is the
next value of one bolt sequence (1, 2, 3…, never reused): ``fs/`` holds its own files (the
upper folder while active) and ``work/`` (overlayfs' work folder) is made for *active*
snapshots only — a layer is unpacked into an active snapshot and then committed, so image
layers keep theirs.  Snapshots are found by key (active) or name (committed): an unpacked
layer's name is its chainID, a container's key its ID.  Mounting is what ``Mounts`` returns:

* no parent: a bind mount of ``fs`` (``rw,rbind``; ``ro,rbind`` for a view);
* a view on one parent: a read-only bind of the parent's ``fs``;
* otherwise ``overlay`` with ``index=off`` (the kernel has the ``index`` parameter),
  ``workdir=…/work``, ``upperdir=…/fs`` for an active snapshot and
  ``lowerdir=`` the parents' ``fs`` folders, nearest first.

Docker mounts a container's snapshot at ``/var/lib/docker/rootfs/overlayfs/<container-id>``
(moby ``daemon/snapshotter/mount.go``: ``<root>/rootfs/<snapshotter>/<id>``).
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from ...changes import overlay_changes
from ...dockerhost import DOCKER_ROOT
from ...drivers.base import GraphDriver, DriverError
from ...fs import Dir, OverlayFS, tree_size
from ...fs.tree import set_entries

SNAPSHOTTER_PLUGIN = "io.containerd.snapshotter.v1.overlayfs"
ACTIVE, COMMITTED, VIEW = "Active", "Committed", "View"


@dataclass
class Snapshot:
    id: int
    kind: str
    parent: str | None      # the parent's name (a committed snapshot)
    created: float


class OverlaySnapshotter(GraphDriver):
    """``overlayfs``: the snapshotter Docker reports as its storage driver with the containerd
    image store (``docker info``: ``Storage Driver: overlayfs``, ``driver-type
    io.containerd.snapshotter.v1``)."""

    name = "overlayfs"
    snapshotter = True

    def __init__(self, host, ids, root: str):
        self.host, self.ids = host, ids
        self.home = f"{root}/{SNAPSHOTTER_PLUGIN}"
        t = host.tree
        t.mkdir(f"{self.home}/snapshots", mode=0o700, parents=True, exist_ok=True)
        self.mount_root = f"{DOCKER_ROOT}/rootfs/{self.name}"
        t.mkdir(self.mount_root, mode=0o710, parents=True, exist_ok=True)
        self.snaps: dict[str, Snapshot] = {}    # key (active) or name (committed) → snapshot
        self.seq = 0
        self._mounted: dict[str, OverlayFS] = {}
        self._save()

    # ------------------------------------------------------------ paths
    def dir(self, key: str) -> str:
        return f"{self.home}/snapshots/{self.snaps[key].id}"

    def _fs(self, key: str) -> Dir:
        n = self.host.tree.node_at(f"{self.dir(key)}/fs")
        assert isinstance(n, Dir)
        return n

    def parents(self, key: str) -> list[str]:
        """The names of the snapshots below ``key``, nearest first."""
        out, cur = [], self.snaps[key].parent
        while cur is not None:
            out.append(cur)
            cur = self.snaps[cur].parent
        return out

    # ------------------------------------------------------------ Snapshotter API
    def prepare(self, key: str, parent: str | None, kind: str = ACTIVE) -> None:
        if key in self.snaps:
            raise DriverError(f'snapshot {key}: already exists')
        if parent is not None and (parent not in self.snaps or self.snaps[parent].kind != COMMITTED):
            raise DriverError(f'parent snapshot {parent} does not exist: not found')
        self.seq += 1
        t = self.host.tree
        d = f"{self.home}/snapshots/{self.seq}"
        t.mkdir(d, mode=0o700)
        t.mkdir(f"{d}/fs", mode=0o755)
        if kind == ACTIVE:
            t.mkdir(f"{d}/work", mode=0o711)
        self.snaps[key] = Snapshot(self.seq, kind, parent, self.host.clock.peek())
        self._save()

    def commit(self, key: str, name: str) -> None:
        s = self.snaps.pop(key)
        s.kind = COMMITTED
        self.snaps[name] = s
        self._save()

    def mounts(self, key: str) -> list[dict]:
        """What ``Mounts`` returns (``ctr snapshots mounts``): type, source, options."""
        s = self.snaps[key]
        parents = [f"{self.dir(p)}/fs" for p in self.parents(key)]
        if not parents:
            return [{"type": "bind", "source": f"{self.dir(key)}/fs",
                     "options": ["ro" if s.kind == VIEW else "rw", "rbind"]}]
        opts = ["index=off"]
        if s.kind == ACTIVE:
            opts += [f"workdir={self.dir(key)}/work", f"upperdir={self.dir(key)}/fs"]
        elif len(parents) == 1:
            return [{"type": "bind", "source": parents[0], "options": ["ro", "rbind"]}]
        opts.append("lowerdir=" + ":".join(parents))
        return [{"type": "overlay", "source": "overlay", "options": opts}]

    # ------------------------------------------------------------ graph-driver interface
    def create(self, id, parent, readonly=True):
        self.prepare(id, parent)

    def exists(self, id):
        return id in self.snaps

    def remove(self, id):
        if id not in self.snaps:
            return
        self.put(id)
        d = self.dir(id)
        del self.snaps[id]
        if self.host.tree.exists(d):
            self.host.tree.remove_tree(d)
        self._save()

    def get(self, id):
        if id in self._mounted:
            return self._mounted[id]
        t = self.host.tree
        lowers = [self._fs(p) for p in self.parents(id)]
        s = self.snaps[id]
        if s.kind == ACTIVE:
            view = OverlayFS(self._fs(id), lowers, clock=t.clock)
        else:
            view = OverlayFS(None, [self._fs(id)] + lowers, clock=t.clock)
        target = self.mount_point(id)
        t.mkdir(target, mode=0o755, exist_ok=True)
        self.host.mount(target, view, options=self.proc_mount_options(id))
        self._mounted[id] = view
        return view

    def mount_point(self, id: str) -> str:
        return f"{self.mount_root}/{id}"

    def proc_mount_options(self, id: str, rw: str = "rw") -> str:
        """The mount's options as /proc/mounts shows them (the kernel prints lowerdir,
        upperdir, workdir; ``index=off`` is its default, so not shown)."""
        m = self.mounts(id)[0]
        if m["type"] == "bind":
            return f"{rw},relatime"
        opts = dict(o.split("=", 1) for o in m["options"] if "=" in o)
        out = f"{rw},relatime,lowerdir={opts['lowerdir']}"
        if "upperdir" in opts:
            out += f",upperdir={opts['upperdir']},workdir={opts['workdir']}"
        return out

    def view(self, id):
        return OverlayFS(None, [self._fs(id)] + [self._fs(p) for p in self.parents(id)],
                         clock=self.host.tree.clock)

    def put(self, id):
        if self._mounted.pop(id, None) is not None:
            target = self.mount_point(id)
            self.host.unmount(target)
            if self.host.tree.exists(target):
                self.host.tree.rmdir(target)

    def diff_tree(self, id, parent):
        return self._fs(id)

    def apply_diff(self, id, parent, tree):
        node = self._fs(id)
        set_entries(node, tree.entries)
        node.xattrs.update(tree.xattrs)
        return tree_size(node)

    def changes(self, id, parent):
        return overlay_changes(self._fs(id), [self._fs(p) for p in self.parents(id)])

    def diff_size(self, id, parent):
        return tree_size(self._fs(id))

    def disk_usage(self, id):
        return tree_size(self._fs(id))

    # ------------------------------------------------------------ reporting
    def status(self):
        # moby daemon/info.go with a snapshotter: DriverStatus [[driver-type
        # io.containerd.snapshotter.v1]] (docker/docs engine/storage/containerd.md)
        return [("driver-type", "io.containerd.snapshotter.v1")]

    def metadata(self, id):
        # moby daemon/containerd/image_snapshot.go rwLayer.Metadata: {"ID": <container id>}
        return {"ID": id}

    def _save(self) -> None:
        """``metadata.db``: a bolt database in containerd; here its content as JSON (the
        sequence, and every snapshot's id, kind and parent), where the real file lies."""
        doc = {"v1": {"snapshots": {k: {"id": s.id, "kind": s.kind, "parent": s.parent or ""}
                                    for k, s in sorted(self.snaps.items(), key=lambda kv: kv[1].id)},
                      "sequence": self.seq}}
        self.host.tree.write(f"{self.home}/metadata.db",
                             json.dumps(doc, indent=1).encode(), mode=0o644)
