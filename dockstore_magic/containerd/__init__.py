"""The containerd image store (Docker Engine 29's default on fresh installs; opt-in since
Docker 24 with ``"features": {"containerd-snapshotter": true}`` in daemon.json).

Images live in containerd's root, ``/var/lib/containerd``: blobs in the content store
(:mod:`.content`), unpacked layers in the overlayfs snapshotter (:mod:`.snapshots`), names in
the metadata database (:mod:`.metadata`).  ``/var/lib/docker`` keeps containers, volumes,
the build cache, and the containers' mount points (``rootfs/overlayfs/<id>``)."""
from __future__ import annotations

from .content import ContentStore
from .imagestore import (ContainerdImage, ContainerdImageStore, ContainerdLayerStore,
                         ContainerdReferenceStore)
from .metadata import MetadataDB
from .snapshots import OverlaySnapshotter

CONTAINERD_ROOT = "/var/lib/containerd"
IMAGE_STORES = ("graphdriver", "containerd")


def open_store(engine):
    """(driver, layer store, image store, reference store) of the containerd image store."""
    host = engine.host
    host.tree.mkdir(CONTAINERD_ROOT, mode=0o711, parents=True, exist_ok=True)
    driver = OverlaySnapshotter(host, engine.ids, CONTAINERD_ROOT)
    content = ContentStore(host, CONTAINERD_ROOT)
    meta = MetadataDB(host, CONTAINERD_ROOT)
    layers = ContainerdLayerStore(host, driver, engine.ids)
    images = ContainerdImageStore(host, layers, content, meta)
    refs = ContainerdReferenceStore(host, images, meta)
    return driver, layers, images, refs


__all__ = ["CONTAINERD_ROOT", "IMAGE_STORES", "open_store", "ContainerdImage", "ContentStore",
           "OverlaySnapshotter"]
