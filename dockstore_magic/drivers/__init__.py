"""Storage drivers, chosen like dockerd's ``--storage-driver``."""
from .base import GraphDriver, DriverError
from .overlay2 import Overlay2Driver
from .vfs import VfsDriver

DRIVERS = {"overlay2": Overlay2Driver, "vfs": VfsDriver}
REMOVED = ("aufs", "overlay", "devicemapper")


def make_driver(name: str, host, ids) -> GraphDriver:
    if name in REMOVED:
        raise DriverError(
            f"[graphdriver] ERROR: the {name} storage-driver has been deprecated and removed; "
            "visit https://docs.docker.com/go/storage-driver/ for more information")
    if name not in DRIVERS:
        raise DriverError(f"error initializing graphdriver: driver not supported: {name}")
    return DRIVERS[name](host, ids)


__all__ = ["GraphDriver", "DriverError", "Overlay2Driver", "VfsDriver", "DRIVERS", "make_driver"]
