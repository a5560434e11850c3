"""``docker info``, ``docker version`` and ``docker system df`` data (moby daemon/info.go,
disk_usage.go)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ImageUsage:
    id: str
    repo_tags: list
    created: float
    size: int
    shared_size: int
    containers: int

    @property
    def unique_size(self) -> int:
        return self.size - self.shared_size


@dataclass
class ContainerUsage:
    id: str
    image: str
    command: str
    local_volumes: int
    size_rw: int
    created: float
    status: str
    names: list


@dataclass
class VolumeUsage:
    name: str
    links: int
    size: int
    volume: object = None          # the volume itself (the API's volume.Volume)


@dataclass
class DiskUsage:
    images: list = field(default_factory=list)
    containers: list = field(default_factory=list)
    volumes: list = field(default_factory=list)
    build_cache: list = field(default_factory=list)
    layers_size: int = 0


def disk_usage(engine) -> DiskUsage:
    """Per moby: an image's SIZE is its whole chain; SHARED SIZE the layers (by chainID) that
    another image also uses; the images total is the sum of all distinct layers."""
    imgs = engine.images.list(all=False)
    all_imgs = list(engine.image_store.images.values())
    layer_users: dict[str, int] = {}
    for img in all_imgs:
        for l in img.layers:
            layer_users[l.chain_id] = layer_users.get(l.chain_id, 0) + 1
    containers = list(engine.container_store)
    usage = DiskUsage()
    for img in imgs:
        shared = sum(l.size for l in img.layers if layer_users.get(l.chain_id, 0) > 1)
        n = sum(1 for c in containers if c.image_id == img.id)
        usage.images.append(ImageUsage(img.id, engine.images.tags_of(img), img.created,
                                       img.size, shared, n))
    usage.layers_size = sum(l.size for l in engine.layer_store.layers.values())
    if engine.uses_snapshotter:                   # see ContainerdLayerStore.disk_usage_total
        usage.layers_size = engine.layer_store.disk_usage_total(all_imgs)
    for c in containers:
        cmd = " ".join([c.path] + list(c.args))
        usage.containers.append(ContainerUsage(
            c.id, c.config.get("Image", ""), cmd, len(engine.container_volumes(c)),
            engine.containers.size_rw(c), c.created, c.state.status, [c.familiar_name]))
    usage.volumes = engine.volume_usage()
    usage.build_cache = engine.build_cache_usage()
    return usage
