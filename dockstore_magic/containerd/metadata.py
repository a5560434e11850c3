"""containerd's metadata database (``io.containerd.metadata.v1.bolt/meta.db``,
containerd ``metadata/`` package): per namespace (Docker uses ``moby``) the images (name →
target descriptor), the content blobs they reach and the snapshots they unpacked to.  A bolt
file in containerd; here its content as JSON, rewritten after every change."""
from __future__ import annotations

import json

METADATA_PLUGIN = "io.containerd.metadata.v1.bolt"
NAMESPACE = "moby"     # moby daemon/daemon.go: the containerd namespace of Docker's data


class MetadataDB:
    def __init__(self, host, root: str):
        self.host = host
        self.path = f"{root}/{METADATA_PLUGIN}/meta.db"
        host.tree.mkdir(f"{root}/{METADATA_PLUGIN}", mode=0o711, parents=True, exist_ok=True)
        self.images: dict[str, dict] = {}      # name → {"target": descriptor, ...}
        self.save()

    def set_image(self, name: str, target: dict, created: str) -> None:
        old = self.images.get(name)
        self.images[name] = {"target": target, "createdat": old["createdat"] if old else created,
                             "updatedat": created}
        self.save()

    def delete_image(self, name: str) -> None:
        self.images.pop(name, None)
        self.save()

    def save(self, store=None) -> None:
        doc = {"v1": {NAMESPACE: {"images": self.images}}}
        self.host.tree.write(self.path, json.dumps(doc, indent=1, sort_keys=True).encode(),
                             mode=0o644)
