"""The containerd image store as Docker uses it (moby ``daemon/containerd/``), behind the
layer, image and reference store interfaces of the classic store:

* layers are *snapshots*: unpacking prepares ``extract-…`` on the parent's snapshot, applies
  the layer and commits it under its chainID (containerd ``rootfs/apply.go``,
  ``unpack``); a container gets ``<id>-init-key``, committed as ``<id>-init``, and its own
  active snapshot keyed by its ID (moby ``daemon/containerd/image_snapshot.go``
  ``createLayer``/``prepareInitLayer``); nothing is written under
  ``/var/lib/docker/image/`` (no layerdb, imagedb or repositories.json);
* an image is an OCI manifest in the content store, pointing at its config and its
  gzip-compressed layers, all blobs there too; its ID is the manifest's digest (moby
  ``image_list.go``/``image_inspect.go``: ``ID: target.Digest``);
* names are containerd image records in ``meta.db`` (an untagged image is kept as
  ``moby-dangling@<digest>``, moby ``daemon/containerd/image_delete.go``), and deleting the
  last image that reaches a blob removes it (containerd's garbage collector).
"""
from __future__ import annotations

import gzip
import json

from ..clock import rfc3339
from ..dockerhost import DOCKER_ROOT
from ..golang.json import marshal
from ..image import Image, ImageStore, ReferenceStore
from ..layer import Layer, LayerStore, RWLayer
from .content import ContentStore
from .metadata import MetadataDB

# OCI image-spec media types (specs-go/v1/mediatype.go); moby image_import.go and
# image_commit.go write OCI manifests with gzip layers
MANIFEST = "application/vnd.oci.image.manifest.v1+json"
CONFIG = "application/vnd.oci.image.config.v1+json"
LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip"
INDEX = "application/vnd.oci.image.index.v1+json"


class ContainerdImage(Image):
    """An image of the containerd store: ``manifest`` (its descriptor is the image's target),
    the config and layer descriptors, and what its blobs weigh (``packed_size``)."""

    manifest: dict
    packed_size: int = 0
    index: dict | None = None          # a pulled image's index (its target then)
    index_size: int = 0
    manifest_digest: str = ""

    @property
    def size(self) -> int:
        # moby daemon/containerd/image_list.go imageSummary: "totalSize is the size of the
        # image's packed layers and snapshots (unpacked layers) combined"
        return self.packed_size + self.unpacked_size

    @property
    def unpacked_size(self) -> int:
        return self.top.chain_size if self.top else 0

    @property
    def config_id(self) -> str:
        """The config's digest (the classic store's image ID)."""
        return self.manifest["config"]["digest"]

    @property
    def target(self) -> dict:
        if self.index is not None:
            return {"mediaType": INDEX, "digest": self.id, "size": self.index_size}
        return {"mediaType": MANIFEST, "digest": self.id, "size": self.manifest_size}

    @property
    def blobs(self) -> list[str]:
        own = [self.id] + ([self.manifest_digest] if self.index is not None else [])
        return own + [self.manifest["config"]["digest"]] + [l["digest"] for l in self.manifest["layers"]]


class ContainerdLayerStore(LayerStore):
    def __init__(self, host, driver, ids):
        self.host, self.driver, self.ids = host, driver, ids
        self.root = f"{DOCKER_ROOT}/image/{driver.name}/layerdb"     # never made: no layerdb
        self.layers: dict[str, Layer] = {}
        self.mounts: dict[str, RWLayer] = {}
        self._extracts = 0

    def register(self, tree, parent, tar_blob=None, digest=None, cache_id=None, tar_sized=False,
                 source=None):
        self._extracts += 1
        return super().register(tree, parent, tar_blob=tar_blob, digest=digest,
                                cache_id=f"extract-{self._extracts}", tar_sized=tar_sized,
                                source=source)

    def _write_meta(self, layer: Layer, tree) -> None:
        # the unpacked layer is committed under its chainID, the name its children use
        self.driver.commit(layer.cache_id, layer.chain_id)
        layer.cache_id = layer.chain_id

    def disk_usage_total(self, images=()) -> int:
        """``docker system df``'s images total with this store (moby
        daemon/containerd/service.go ImageDiskUsage): the usage of every snapshot the
        snapshotter walks, plus every distinct blob reachable from an image."""
        blobs = {}
        for img in images:
            blobs[img.id] = img.index_size if img.index is not None else img.manifest_size
            if img.index is not None:
                blobs[img.manifest_digest] = img.manifest_size
            blobs[img.config_id] = img.manifest["config"]["size"]
            blobs.update((l["digest"], l["size"]) for l in img.manifest["layers"])
        return sum(self.driver.disk_usage(k) for k in self.driver.snaps) + sum(blobs.values())

    def create_rw(self, name, parent, init=None) -> RWLayer:
        d = self.driver
        pname = parent.cache_id if parent else None
        d.prepare(f"{name}-init-key", pname)
        if init is not None:
            init(d.get(f"{name}-init-key"))
            d.put(f"{name}-init-key")
        d.commit(f"{name}-init-key", f"{name}-init")
        d.prepare(name, f"{name}-init")
        if parent is not None:
            parent.refs += 1
        rw = RWLayer(name, name, f"{name}-init", parent)
        self.mounts[name] = rw
        return rw


class ContainerdImageStore(ImageStore):
    def __init__(self, host, layers: ContainerdLayerStore, content: ContentStore, meta: MetadataDB):
        self.host, self.layer_store = host, layers
        self.content, self.meta = content, meta
        self.root = f"{DOCKER_ROOT}/image/{layers.driver.name}/imagedb"   # never made
        self.images: dict[str, Image] = {}
        self._layer_blobs: dict[str, dict] = {}     # chainID → the compressed layer's descriptor
        self._updated: dict[str, str] = {}

    def _layer_descriptor(self, layer: Layer) -> dict:
        desc = self._layer_blobs.get(layer.chain_id)
        if desc is None or not self.content.exists(desc["digest"]):
            tar = b"".join(self.layer_store.tar_chunks(layer))
            digest, size = self.content.write(gzip.compress(tar, compresslevel=6, mtime=0))
            desc = {"mediaType": LAYER_GZIP, "digest": digest, "size": size}
            self._layer_blobs[layer.chain_id] = desc
        return desc

    def layer_blob(self, chain_id: str) -> dict | None:
        """The descriptor of the compressed blob a layer was stored from (None: none yet)."""
        return self._layer_blobs.get(chain_id)

    def create(self, config, top, parent=None, built_locally=False, raw=None) -> Image:
        raw = raw if raw is not None else marshal(dict(sorted(config.items())))
        cdigest, csize = self.content.write(raw)
        layers = [self._layer_descriptor(l) for l in (top.chain if top else [])]
        manifest = {"schemaVersion": 2, "mediaType": MANIFEST,
                    "config": {"mediaType": CONFIG, "digest": cdigest, "size": csize},
                    "layers": layers}
        mraw = json.dumps(manifest, separators=(",", ":")).encode()
        iid, msize = self.content.write(mraw)
        if iid in self.images:
            self.layer_store.release(top)
            return self.images[iid]
        img = ContainerdImage(iid, raw, json.loads(raw), top, parent, built_locally)
        img.manifest, img.manifest_size = manifest, msize
        img.packed_size = msize + csize + sum(l["size"] for l in layers)
        self.images[iid] = img
        return img

    def adopt_pull(self, img: ContainerdImage, entry) -> ContainerdImage:
        """A pulled image keeps what the registry sent: its index (the image's ID is the
        index digest ``docker pull`` prints), the amd64 manifest, and the layers as the
        registry's gzip blobs (digest and size from the catalogue).  The registry's bytes
        are not modelled: the blobs hold stand-in content of the right size under the
        registry's digests (so ``sha256sum`` of a layer or index blob will not match)."""
        from ..fs.blob import FillerBlob
        old_blobs = img.blobs
        self.images.pop(img.id, None)
        cdesc = img.manifest["config"]
        layers = []
        for l, cl in zip(img.layers, entry.layers):
            desc = {"mediaType": LAYER_GZIP, "digest": cl.digest, "size": cl.compressed_size}
            if not self.content.exists(cl.digest):
                self.host.tree.write(self.content.path(cl.digest),
                                     FillerBlob(cl.compressed_size, cl.digest), mode=0o444)
            self._layer_blobs[l.chain_id] = desc
            layers.append(desc)
        manifest = {"schemaVersion": 2, "mediaType": MANIFEST, "config": cdesc, "layers": layers}
        mdigest, msize = self.content.write(json.dumps(manifest, separators=(",", ":")).encode())
        index = {"schemaVersion": 2, "mediaType": INDEX, "manifests": [
            {"mediaType": MANIFEST, "digest": mdigest, "size": msize,
             "platform": {"architecture": entry.architecture, "os": entry.os}}]}
        iraw = json.dumps(index, separators=(",", ":")).encode()
        if not self.content.exists(entry.repo_digest):
            self.host.tree.write(self.content.path(entry.repo_digest), iraw, mode=0o444)
        new = ContainerdImage(entry.repo_digest, img.raw, img.config, img.top, img.parent,
                              img.built_locally)
        new.manifest, new.manifest_size = manifest, msize
        new.index, new.index_size, new.manifest_digest = index, len(iraw), mdigest
        # image_inspect.go size(): every descriptor walked from the target (index, the
        # platform's manifest, config, layers)
        new.packed_size = len(iraw) + msize + cdesc["size"] + sum(d["size"] for d in layers)
        existing = self.images.get(new.id)
        if existing is not None:
            self.layer_store.release(img.top)
            new = existing
        self.images[new.id] = new
        self._collect(old_blobs)
        return new

    def _collect(self, candidates) -> None:
        live = {d for i in self.images.values() for d in i.blobs}
        for d in candidates:                      # containerd's GC: unreferenced blobs go
            if d not in live:
                self.content.delete(d)
        for cid, desc in list(self._layer_blobs.items()):
            if not self.content.exists(desc["digest"]):
                del self._layer_blobs[cid]

    def set_last_updated(self, img) -> None:
        self._updated[img.id] = rfc3339(self.host.clock.peek())

    def last_updated(self, img):
        return self._updated.get(img.id)

    def delete(self, img) -> list[Layer]:
        self.images.pop(img.id, None)
        self._updated.pop(img.id, None)
        self._collect(img.blobs)
        removed = self.layer_store.release(img.top)
        return removed

    def inspect_fields(self, img, out: dict) -> dict:
        """``docker image inspect`` with this store (moby daemon/containerd/image_inspect.go):
        ID and Descriptor are the manifest's, Size the packed blobs only, GraphDriver names
        the snapshotter with no data, DockerVersion is empty."""
        out = dict(out)
        out["DockerVersion"] = ""
        out["Size"] = img.packed_size
        out["GraphDriver"] = {"Data": None, "Name": self.layer_store.driver.name}
        res = {}
        for k, v in out.items():
            res[k] = v
            if k == "RepoTags":
                res["Descriptor"] = img.target
        return res


class ContainerdReferenceStore(ReferenceStore):
    """Image names: containerd image records (in meta.db), not repositories.json."""

    def __init__(self, host, images: ContainerdImageStore, meta: MetadataDB):
        self.host, self.image_store, self.meta = host, images, meta
        self.refs: dict[str, str] = {}

    def _save(self) -> None:
        now = rfc3339(self.host.clock.peek())
        names = {}
        for key, iid in self.refs.items():
            if "@" in key:          # a digest is no name of its own: RepoDigests derive it
                continue
            img = self.image_store.get(iid)
            if img is not None:
                names[key] = img.target
        tagged = set(self.refs.values())
        for iid, img in self.image_store.images.items():
            if iid not in tagged:
                names[f"moby-dangling@{iid}"] = img.target
        for name in list(self.meta.images):
            if name not in names:
                del self.meta.images[name]
        for name, target in names.items():
            old = self.meta.images.get(name)
            if old is None or old["target"] != target:
                self.meta.images[name] = {"target": target,
                                          "createdat": old["createdat"] if old else now,
                                          "updatedat": now}
        self.meta.save()
