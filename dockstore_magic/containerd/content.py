"""containerd's content store (containerd ``content/local/store.go``): every blob an image is
made of — the index, the manifests, the config and the *compressed* layer tarballs — as a
read-only file named by its digest, ``io.containerd.content.v1.content/blobs/sha256/<hex>``,
beside an ``ingest/`` folder for writes in progress.  The blobs stay after the layers are
unpacked into snapshots, which is why this store takes more disk than overlay2 (Docker's
storage documentation, "containerd image store with Docker Engine": "containerd stores images
in both compressed and uncompressed format")."""
from __future__ import annotations

import hashlib

from ..fs.blob import Blob

CONTENT_PLUGIN = "io.containerd.content.v1.content"
BLOB_MODE = 0o444       # content/local/writer.go Commit: the committed blob is made read-only


class ContentStore:
    def __init__(self, host, root: str):
        self.host = host
        self.root = f"{root}/{CONTENT_PLUGIN}"
        t = host.tree
        t.mkdir(f"{self.root}/blobs/sha256", mode=0o755, parents=True, exist_ok=True)
        t.mkdir(f"{self.root}/ingest", mode=0o755, exist_ok=True)

    def path(self, digest: str) -> str:
        return f"{self.root}/blobs/sha256/{digest.split(':', 1)[1]}"

    def write(self, data: bytes) -> tuple[str, int]:
        """Commit ``data``; returns (digest, size).  A blob already there is kept as is."""
        digest = "sha256:" + hashlib.sha256(data).hexdigest()
        p = self.path(digest)
        if not self.host.tree.exists(p):
            self.host.tree.write(p, data, mode=BLOB_MODE)
        return digest, len(data)

    def exists(self, digest: str) -> bool:
        return self.host.tree.exists(self.path(digest))

    def read(self, digest: str) -> bytes:
        return self.host.tree.read_bytes(self.path(digest))

    def size(self, digest: str) -> int:
        n = self.host.tree.node_at(self.path(digest))
        return n.size

    def delete(self, digest: str) -> None:
        if self.exists(digest):
            self.host.tree.unlink(self.path(digest))

    def digests(self) -> list[str]:
        d = self.host.tree.node_at(f"{self.root}/blobs/sha256")
        return sorted("sha256:" + n for n in d.entries)

    def usage(self) -> int:
        """Bytes of every blob (what ``du`` counts in ``blobs/``)."""
        return sum(self.size(d) for d in self.digests())


def blob_bytes(blob: Blob) -> bytes:
    return b"".join(blob.chunks())
