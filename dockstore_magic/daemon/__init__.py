"""The simulated Docker Engine: one object that owns the host, the storage driver, the layer,
image, reference, container and volume stores, and the services built on them.  This is the
Python API the CLI (and a curious student) calls."""
from __future__ import annotations

from ..clock import Clock, IDs
from ..container import ContainerStore
from ..drivers import make_driver
from ..dockerhost import DockerHost, DOCKER_ROOT
from ..image import ImageStore, ReferenceStore
from ..layer import LayerStore
from .containers import ContainerService
from .images import ImageService
from .system import disk_usage, DiskUsage

ENGINE_VERSION = "28.2.2"
API_VERSION = "1.50"


class Engine:
    """An in-process Docker Engine.

    ``storage_driver``: ``overlay2`` (default) or ``vfs``; ``seed`` fixes every random ID;
    ``clock`` (an RFC 3339 time) fixes the time, which then only moves with simulated work;
    ``image_store``: ``graphdriver`` (default: the storage driver's own image store) or
    ``containerd`` (containerd's content store and overlayfs snapshotter, see
    :mod:`dockstore_magic.containerd`).
    """

    VERSION = ENGINE_VERSION
    #: the daemon is stopping its containers (docker.service stopping): their exits are no
    #: user's stop (moby daemon.IsShuttingDown)
    shutting_down = False

    def __init__(self, storage_driver: str = "overlay2", seed=None, clock: str | None = None,
                 image_store: str = "graphdriver"):
        self.clock = Clock(clock)
        self.ids = IDs(seed)
        self.host = DockerHost(self.clock)
        self._storage: dict[str, tuple] = {}
        from ..containerd import IMAGE_STORES
        if image_store not in IMAGE_STORES:
            raise ValueError(f"image store {image_store!r}: one of {', '.join(IMAGE_STORES)}")
        if image_store == "containerd" and storage_driver not in ("overlay2", "overlayfs"):
            raise ValueError(f"dockstore-magic: the containerd image store with the {storage_driver} "
                             "storage driver (a snapshotter other than overlayfs) is not simulated")
        self.open_storage(storage_driver, containerd=image_store == "containerd")
        from ..volume import VolumeService
        self.volumes = VolumeService(self)
        from .service import DaemonService
        self.service = DaemonService(self)

    _STORAGE = ("driver", "layer_store", "image_store", "refs", "container_store", "images",
                "containers", "builder")

    def open_storage(self, storage_driver: str, containerd: bool = False) -> None:
        """Use ``storage_driver``'s images, layers, containers and build cache (what dockerd
        loads at start: /var/lib/docker/image/<driver>/, containers made with that driver;
        those of another driver stay on disk, unseen).  Volumes are the driver's neither.
        ``containerd``: the containerd image store (its snapshotter is ``overlayfs``)."""
        if getattr(self, "driver", None) is not None:
            self._storage[self.driver.name] = tuple(getattr(self, a) for a in self._STORAGE)
        key = "overlayfs" if containerd else storage_driver
        if key in self._storage:
            for a, v in zip(self._STORAGE, self._storage[key]):
                setattr(self, a, v)
            return
        if containerd:
            from ..containerd import open_store
            self.driver, self.layer_store, self.image_store, self.refs = open_store(self)
        else:
            self.driver = make_driver(storage_driver, self.host, self.ids)
            self.layer_store = LayerStore(self.host, self.driver, self.ids)
            self.image_store = ImageStore(self.host, self.layer_store)
            self.refs = ReferenceStore(self.host, self.driver.name)
        self.container_store = ContainerStore(self.host, self.ids)
        self.images = ImageService(self)
        self.containers = ContainerService(self)
        from ..builder import Builder
        self.builder = Builder(self)

    # ------------------------------------------------------------ mounts (see volume.py)
    def plan_mounts(self, config, host_config, image):
        return self.volumes.plan(config, host_config, image)

    def apply_mounts(self, c, plan):
        self.volumes.apply(c, plan)

    def mount_points(self, c):
        return self.volumes.mount_points(c)

    def inspect_mounts(self, c):
        return self.volumes.inspect_mounts(c)

    def detach_volumes(self, c, remove_anonymous: bool):
        self.volumes.detach(c, remove_anonymous)

    def release_tmpfs(self, c):
        self.volumes.release_tmpfs(c)

    def container_volumes(self, c):
        return self.volumes.of_container(c)

    def volume_usage(self):
        return self.volumes.usage()

    def build_cache_usage(self):
        return self.builder.cache_usage()

    # ------------------------------------------------------------ system
    def disk_usage(self) -> DiskUsage:
        return disk_usage(self)

    @property
    def uses_snapshotter(self) -> bool:
        """moby ``daemon.UsesSnapshotter``: the containerd image store is in use."""
        return getattr(self.driver, "snapshotter", False)

    def disk(self) -> tuple[int, int]:
        """(size, used) of the host's disk, as ``df`` reports it: the OS plus the layers."""
        total = 253_000_000_000
        return total, 22_000_000_000 + sum(l.size for l in self.layer_store.layers.values())

    def df_rows(self, c, ns):
        """What ``df`` inside a container reports: the overlay root and the host's disk."""
        total, used = self.disk()
        rows = [("overlay", total, used, total - used, "/"),
                ("tmpfs", 65536 * 1024, 0, 65536 * 1024, "/dev"),
                ("shm", 65536 * 1024, 0, 65536 * 1024, "/dev/shm"),
                ("/dev/vda1", total, used, total - used, "/etc/hosts")]
        for mp in self.mount_points(c):
            rows.append(mp.df_row(total, used))
        return rows

    def info(self) -> dict:
        cs = list(self.container_store)
        return {
            "Containers": len(cs),
            "ContainersRunning": sum(1 for c in cs if c.state.status == "running"),
            "ContainersPaused": 0,
            "ContainersStopped": sum(1 for c in cs if c.state.status != "running"),
            "Images": len(self.image_store.images),
            "Driver": self.driver.name,
            "DriverStatus": self.driver.status(),
            "DockerRootDir": DOCKER_ROOT,
            "ServerVersion": ENGINE_VERSION,
            "KernelVersion": "6.8.0-1019-generic",
            "OperatingSystem": "Debian GNU/Linux 12 (bookworm)",
            "OSType": "linux",
            "Architecture": "x86_64",
            "NCPU": 2,
            "MemTotal": 24 * 1024 ** 3,
            "Name": "docker-host",
            "ID": "DSMG:SIMU:LATE:DENG:INE0:0000:0000:0000:0000:0000:0000:0000",
            "LiveRestoreEnabled": self.service.live_restore,
            "LoggingDriver": "json-file",
            "CgroupDriver": "systemd",
            "CgroupVersion": "2",
            "DefaultRuntime": "runc",
            "InitBinary": "docker-init",
        }
