"""The storage-driver interface, after moby's graphdriver.Driver: a driver only knows layer
folders by ID and parent — nothing about images or containers."""
from __future__ import annotations

from ..fs import Dir, FileSystem
from ..dockerhost import DockerHost, DOCKER_ROOT


class DriverError(Exception):
    pass


class GraphDriver:
    name = ""

    def __init__(self, host: DockerHost):
        self.host = host
        self.home = f"{DOCKER_ROOT}/{self.name}"
        host.tree.mkdir(self.home, mode=0o710, parents=True, exist_ok=True)

    # lifecycle ---------------------------------------------------------------
    def create(self, id: str, parent: str | None, readonly: bool = True) -> None:
        raise NotImplementedError

    def remove(self, id: str) -> None:
        raise NotImplementedError

    def exists(self, id: str) -> bool:
        return self.host.tree.exists(f"{self.home}/{id}")

    # mounting ----------------------------------------------------------------
    def get(self, id: str) -> FileSystem:
        """Mount the layer and return its root view (the container's rootfs)."""
        raise NotImplementedError

    def view(self, id: str) -> FileSystem:
        """A read-only view of the layer with everything below it (no mount)."""
        raise NotImplementedError

    def put(self, id: str) -> None:
        """Unmount."""

    # diffs -------------------------------------------------------------------
    def diff_tree(self, id: str, parent: str | None) -> Dir:
        """The layer's own changes as a folder in overlay2 form (whiteouts as char devices)."""
        raise NotImplementedError

    def apply_diff(self, id: str, parent: str | None, tree: Dir) -> int:
        """Put a changeset (overlay2 form) into a new, empty layer; return its size."""
        raise NotImplementedError

    def laid_out(self, id: str, key: str, first: int) -> None:
        """``apply_diff`` just put a recipe's tree (catalogue layer ``key``, cloned from inode
        number ``first`` on) into a new layer: a driver whose layer folder is that tree alone
        tells :data:`~dockstore_magic.fs.tree.laid_out`."""

    def changes(self, id: str, parent: str | None) -> list[tuple[str, str]]:
        """``docker diff``: (kind, path) with kind A, C or D."""
        raise NotImplementedError

    def diff_size(self, id: str, parent: str | None) -> int:
        raise NotImplementedError

    def disk_usage(self, id: str) -> int:
        """Bytes the layer's folder takes on the host (vfs: a whole copy)."""
        raise NotImplementedError

    # reporting ---------------------------------------------------------------
    def status(self) -> list[tuple[str, str]]:
        return []

    def metadata(self, id: str) -> dict:
        return {}
