"""containerd snapshotters (only ``overlayfs``, Docker's default with the containerd store)."""
from .overlay import OverlaySnapshotter, SNAPSHOTTER_PLUGIN

__all__ = ["OverlaySnapshotter", "SNAPSHOTTER_PLUGIN"]
