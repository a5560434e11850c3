"""overlayfs semantics: the merged view of an upperdir over lowerdirs.

Nothing is stored here: every lookup walks the layer folders on the host (upper first, then
the lowers, uppermost first), honouring whiteouts (a char device 0/0) and opaque folders
(xattr ``trusted.overlay.opaque=y``), exactly as Documentation/filesystems/overlayfs.rst
describes.  Changes go to the upper folder: the first write access to a lower file copies the
whole file up (parent folders are copied with their metadata only), a deletion of a lower
path leaves a whiteout, a folder created where a whiteout stands becomes opaque.

Timestamps follow the kernel: a copy-up keeps the lower file's or folder's metadata and does
not change the upper parent's mtime (``ovl_copy_up_one`` restores the parent's timestamps
after moving the copy into place); creating, removing or renaming a name does.  A merged
folder (present in more than one layer) reports a link count of 1 (``ovl_getattr``).
"""
from __future__ import annotations

import stat as _st

from .base import FileSystem, join
from .blob import EMPTY
from .errors import FSError, ENOENT, ENOTDIR, EXDEV, EROFS, EEXIST, EPERM
from .tree import (Dir, File, Symlink, Device, Node, clone, is_whiteout, is_opaque, OPAQUE_XATTR,
                   generation, place)

_UNSEEN = object()
#: Folders merged from more layers than this remember their lookups (see ``_step``); below
#: that, merging again is as quick as remembering.
_MEMO_FROM = 4


class OverlayFS(FileSystem):
    """Merged view of ``upper`` (a host folder node, or None for a read-only mount) over
    ``lowers`` (host folder nodes, uppermost first)."""

    def __init__(self, upper: Dir | None, lowers: list[Dir], clock=lambda: 0.0):
        self.upper = upper
        self.lowers = list(lowers)
        self.clock = clock
        self.readonly = upper is None
        self.copy_ups = 0          # how many files were copied up (lessons show it)
        self.copied_bytes = 0
        self._memo: dict = {}
        self._memo_gen = -1
        self._top = [(i, d) for i, d in enumerate(self.layers)]    # the root's cursor

    @property
    def layers(self) -> list[Dir]:
        return ([self.upper] if self.upper is not None else []) + self.lowers

    # ------------------------------------------------------------ lookup
    # A folder's cursor is the list of (layer index, folder node) that merge into it, top
    # first; anything else's is its topmost node.  Steps are remembered by canonical path
    # (the dentry cache: a deep stack is walked once per name, not once per lookup) until any
    # folder anywhere changes (:data:`.tree.generation`).

    def _root(self):
        return self._top

    def _step(self, cur, parts, name):
        if len(cur) > _MEMO_FROM:
            memo = self._memo
            if self._memo_gen != generation[0]:
                memo.clear()
                self._memo_gen = generation[0]
            key = parts + (name,)
            r = memo.get(key, _UNSEEN)
            if r is _UNSEEN:
                r = memo[key] = self._merge_step(cur, name)
            return r
        return self._merge_step(cur, name)

    @staticmethod
    def _merge_step(cur, name):
        nxt: list[tuple[int, Node]] = []
        r = None
        for i, d in cur:
            child = d.entries.get(name)
            if child is None:
                continue
            if is_whiteout(child):
                break
            if isinstance(child, Dir):
                nxt.append((i, child))
                if is_opaque(child):
                    break
            else:
                if not nxt:
                    r = (child, child.mode, child.target)
                break
        if r is None and nxt:
            r = (nxt, nxt[0][1].mode, "")
        return r

    def _lookup(self, parts) -> tuple[list[tuple[int, Node]], Node | None]:
        """Return (dirs, node): for a folder, the list of (layer index, folder node) that merge
        into it, top first; for anything else, the topmost node.  (``[]``, None) if absent."""
        cur = self._root()
        for depth, name in enumerate(parts):
            if cur.__class__ is not list:
                return [], None
            r = self._step(cur, parts[:depth], name)
            if r is None:
                return [], None
            cur = r[0]
        if cur.__class__ is list:
            return cur, None
        return [], cur

    def _node(self, parts) -> Node | None:
        dirs, node = self._lookup(parts)
        if node is not None:
            return node
        return dirs[0][1] if dirs else None

    def _stat_at(self, cur, parts):
        if cur is None:
            return None
        if cur.__class__ is not list:
            return cur.stat()
        st = cur[0][1].stat()
        if len(cur) > 1:
            st.nlink = 1        # a merged folder: overlayfs does not count its subfolders
        return st

    def _exists_at(self, cur, parts):
        return cur is not None

    def _mode_at(self, cur, parts):
        if cur is None:
            return None
        return cur[0][1].mode if cur.__class__ is list else cur.mode

    def _listdir_at(self, cur, parts):
        if cur is None:
            raise FSError(ENOENT, join(parts))
        if cur.__class__ is not list:
            raise FSError(ENOTDIR, join(parts))
        return self._merged_names(cur)

    def _blob_at(self, cur, parts):
        return cur.blob if isinstance(cur, File) else EMPTY

    @staticmethod
    def _merged_names(dirs) -> list[str]:
        if len(dirs) == 1:
            return [n for n, child in dirs[0][1].entries.items() if not is_whiteout(child)]
        names: dict[str, bool] = {}
        for _, d in dirs:
            for name, child in d.entries.items():
                if name in names:
                    continue
                names[name] = not is_whiteout(child)
        return [n for n, visible in names.items() if visible]

    # ------------------------------------------------------------ primitives (read)
    def _lstat(self, parts):
        dirs, node = self._lookup(parts)
        return self._stat_at(node if node is not None else (dirs or None), parts)

    def _listdir(self, parts):
        dirs, node = self._lookup(parts)
        if node is not None:
            raise FSError(ENOTDIR, join(parts))
        if not dirs:
            raise FSError(ENOENT, join(parts))
        return self._merged_names(dirs)

    def _blob(self, parts):
        n = self._node(parts)
        return n.blob if isinstance(n, File) else EMPTY

    # ------------------------------------------------------------ copy-up
    def _check_writable(self, parts):
        if self.upper is None:
            raise FSError(EROFS, join(parts))

    def _upper_dir(self, parts) -> Dir:
        """The folder ``parts`` in the upper layer, copying up its ancestors (metadata only)."""
        assert self.upper is not None
        d = self.upper
        for i, name in enumerate(parts):
            child = d.entries.get(name)
            if isinstance(child, Dir):
                d = child
                continue
            merged = self._node(parts[:i + 1])
            if not isinstance(merged, Dir):
                raise FSError(ENOTDIR if merged is not None else ENOENT, join(parts))
            new = clone(merged, deep=False)
            new.xattrs.pop(OPAQUE_XATTR, None)
            # The kernel copies a folder up into the work dir, renames it into place and then
            # restores the upper parent's timestamps: no mtime changes anywhere.
            d.entries[name] = new
            d = new
        return d

    def _copy_up(self, parts) -> Node:
        """Make sure ``parts`` exists in the upper layer; return the upper node."""
        parent = self._upper_dir(parts[:-1])
        name = parts[-1]
        cur = parent.entries.get(name)
        if cur is not None and not is_whiteout(cur):
            return cur
        merged = self._node(parts)
        if merged is None:
            raise FSError(ENOENT, join(parts))
        if isinstance(merged, Dir):
            return self._upper_dir(parts)
        new = clone(merged)
        new.nlink = 1          # a copy-up is a new inode: hard links to the lower file break
        parent.entries[name] = new      # (the parent's mtime is restored, as for folders)
        self.copy_ups += 1
        self.copied_bytes += new.size
        return new

    def _in_lower(self, parts) -> bool:
        """Whether a lower layer shows something at ``parts`` through the merged parent folder
        (``ovl_lower_positive``), so that removing it needs a whiteout.  An opaque upper
        folder, or a whiteout in a lower layer, hides what lies below."""
        if not parts:
            return bool(self.lowers)
        dirs, _ = self._lookup(parts[:-1])
        name = parts[-1]
        for i, d in dirs:
            if self.upper is not None and i == 0:
                continue
            child = d.entries.get(name)
            if child is not None:
                return not is_whiteout(child)
        return False

    def _merged_dir(self, parts) -> bool:
        """Whether the folder at ``parts`` merges more than one layer (OVL_TYPE_MERGE)."""
        dirs, _ = self._lookup(parts)
        return len(dirs) > 1

    # ------------------------------------------------------------ primitives (write)
    def _write(self, parts, blob, mode, uid, gid):
        now = self.clock()
        parent = self._upper_dir(parts[:-1])
        cur = self._node(parts)
        if isinstance(cur, File):
            up = self._copy_up(parts)
            up.blob = blob
            up.mtime = now
            generation[0] += 1
        else:
            parent.entries[parts[-1]] = File(blob, mode, uid, gid, now)
            parent.mtime = now

    def _mkdir(self, parts, mode, uid, gid):
        parent = self._upper_dir(parts[:-1])
        d = Dir(mode, uid, gid, self.clock())
        if is_whiteout(parent.entries.get(parts[-1])) or self._in_lower(parts):
            d.xattrs[OPAQUE_XATTR] = b"y"
        place(parent, parts[-1], d)

    def _symlink(self, parts, target, uid, gid):
        place(self._upper_dir(parts[:-1]), parts[-1], Symlink(target, uid, gid, self.clock()))

    def _mknod(self, parts, mode, rdev, uid, gid):
        place(self._upper_dir(parts[:-1]), parts[-1], Device(mode, rdev, uid, gid, self.clock()))

    def _remove(self, parts):
        parent = self._upper_dir(parts[:-1])
        name = parts[-1]
        now = self.clock()
        old = parent.entries.get(name)
        if self._in_lower(parts):
            parent.entries[name] = Device(_st.S_IFCHR, 0, 0, 0, now)
        else:
            parent.entries.pop(name, None)
        if old is not None and not is_whiteout(old):
            old.nlink = max(0, old.nlink - 1)
        parent.mtime = now

    def _setattr(self, parts, mode=None, uid=None, gid=None, mtime=None):
        n = self._copy_up(parts)
        generation[0] += 1
        if mode is not None:
            n.mode = mode
        if uid is not None and uid >= 0:
            n.uid = uid
        if gid is not None and gid >= 0:
            n.gid = gid
        if mtime is not None:
            n.mtime = mtime
        elif mode is None and uid is None and gid is None:
            n.mtime = self.clock()

    def _rename(self, src, dst):
        dirs, _ = self._lookup(src)
        if dirs and (self.upper is None or len(dirs) > 1 or dirs[0][0] != 0):
            # A folder that is (also) in a lower layer: overlayfs without redirect_dir
            # refuses to rename it (ovl_set_redirect), and mv falls back to copy + delete.
            raise FSError(EXDEV, join(src))
        node = self._copy_up(src)
        sp = self._upper_dir(src[:-1])
        sp.entries.pop(src[-1], None)
        if self._in_lower(src):
            sp.entries[src[-1]] = Device(_st.S_IFCHR, 0, 0, 0, self.clock())
        dp = self._upper_dir(dst[:-1])
        if isinstance(node, Dir) and not is_opaque(node) and self._merged_dir(dst[:-1]):
            # ovl_rename: an upper folder moved into a merged folder is made opaque, so no
            # lower folder of the same name can show through it.
            node.xattrs[OPAQUE_XATTR] = b"y"
        old = dp.entries.get(dst[-1])
        if old is not None and old is not node and not is_whiteout(old):
            old.nlink = max(0, old.nlink - 1)
        dp.entries[dst[-1]] = node
        sp.mtime = dp.mtime = self.clock()

    # ------------------------------------------------------------ hard links
    def link(self, src: str, dst: str) -> None:
        """``ln src dst``: the source is copied up first (a hard link needs an upper inode),
        then linked under the new name in the upper layer."""
        sparts = self.resolve(src, follow=False)
        st = self._lstat(sparts)
        if st is None:
            raise FSError(ENOENT, src)
        if st.is_dir:
            raise FSError(EPERM, src)
        dparts = self.resolve(dst, follow=False)
        self._parent_dir(dparts, dst)
        if self._lstat(dparts) is not None:
            raise FSError(EEXIST, dst)
        self._check_writable(dparts)
        node = self._copy_up(sparts)
        parent = self._upper_dir(dparts[:-1])
        node.nlink += 1
        parent.entries[dparts[-1]] = node
        parent.mtime = self.clock()
