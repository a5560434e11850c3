"""The catalogue's records: an image (:class:`CatalogueImage`) and its layers
(:class:`CatalogueLayer`), each layer a recipe that lays out its tree on demand."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Callable

from ..fs import Dir


@dataclass(frozen=True)
class CatalogueLayer:
    """One filesystem layer.  :meth:`build` returns a NEW tree each call (deterministic:
    same paths, modes, owners, sizes, mtimes and bytes every time)."""

    key: str                          # stable identity ("debian:bookworm-20241223-slim")
    created_by: str                   # the history entry that made it
    size_hint: int                    # bytes the built tree holds (moby's directory.Size)
    builder: Callable[[], Dir] = field(repr=False, compare=False, hash=False)
    digest: str = ""                  # the registry blob (tar+gzip) digest of the real layer
    compressed_size: int = 0          # its size on the registry (what docker pull downloads)

    def __post_init__(self) -> None:
        if not self.digest:           # unknown: a stable stand-in derived from the key
            object.__setattr__(self, "digest",
                               "sha256:" + hashlib.sha256(f"layer:{self.key}".encode()).hexdigest())
        if not self.compressed_size:  # typical gzip ratio of a rootfs
            object.__setattr__(self, "compressed_size", max(32, self.size_hint * 38 // 100))

    def build(self) -> Dir:
        return self.builder()


@dataclass
class CatalogueImage:
    repository: str                   # "python" (official images: no "library/" prefix)
    tag: str                          # the tag it was looked up by
    aliases: list[str]                # the other tags of the same image
    layers: list[CatalogueLayer]      # base first
    config: dict                      # the OCI config's "config" object
    history: list[dict]               # OCI history, oldest first
    created: str
    repo_digest: str                  # manifest (index) digest, "sha256:<64 hex>"
    architecture: str = "amd64"
    os: str = "linux"
    version_note: str = ""            # what exactly is modelled (versions, snapshot)

    @property
    def reference(self) -> str:
        return f"{self.repository}:{self.tag}"

    @property
    def tags(self) -> list[str]:
        return [self.tag, *self.aliases]

    @property
    def size(self) -> int:
        """``docker images`` SIZE: the sum of the layers' sizes."""
        return sum(layer.size_hint for layer in self.layers)


__all__ = ["CatalogueImage", "CatalogueLayer"]
