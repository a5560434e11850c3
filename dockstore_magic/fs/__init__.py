"""Simulated filesystems: the host tree, overlay views, mount namespaces, and file contents."""
from .base import FileSystem, Stat, normpath, split, join
from .blob import Blob, BytesBlob, ZeroBlob, FillerBlob, ConcatBlob, SliceBlob, as_blob, resize, EMPTY
from .errors import FSError
from .tree import TreeFS, Node, Dir, File, Symlink, Device, is_whiteout, is_opaque, clone, tree_size
from .overlay import OverlayFS
from .namespace import MountNamespace, Mount

__all__ = [
    "FileSystem", "Stat", "normpath", "split", "join", "Blob", "BytesBlob", "ZeroBlob",
    "FillerBlob", "ConcatBlob", "SliceBlob", "as_blob", "resize", "EMPTY", "FSError", "TreeFS",
    "Node", "Dir", "File", "Symlink", "Device", "is_whiteout", "is_opaque", "clone", "tree_size",
    "OverlayFS", "MountNamespace", "Mount",
]
