"""Images: the image store (config JSON addressed by its sha256, under
``image/<driver>/imagedb``) and the reference store (tags, ``repositories.json``)."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from .clock import rfc3339, parse_time
from .golang.json import marshal
from .dockerhost import DockerHost, DOCKER_ROOT
from .layer import Layer, LayerStore
from .reference import Reference, parse_tagged


@dataclass(eq=False)
class Image:
    id: str                       # sha256:<hex>
    raw: bytes                    # the config exactly as stored (and hashed)
    config: dict
    top: Layer | None
    parent: str | None = None     # the local parent image (commit, classic builds)
    built_locally: bool = False
    repo_digests: list = field(default_factory=list)

    @property
    def hex(self) -> str:
        return self.id.split(":", 1)[1]

    @property
    def short_id(self) -> str:
        return self.hex[:12]

    @property
    def created(self) -> float:
        c = self.config.get("created")
        return parse_time(c) if c else 0.0

    @property
    def size(self) -> int:
        return self.top.chain_size if self.top else 0

    @property
    def layers(self) -> list[Layer]:
        return self.top.chain if self.top else []

    @property
    def container_config(self) -> dict:
        return self.config.get("config") or {}

    @property
    def history(self) -> list[dict]:
        return self.config.get("history") or []


class ImageStore:
    def __init__(self, host: DockerHost, layers: LayerStore):
        self.host, self.layer_store = host, layers
        self.root = f"{DOCKER_ROOT}/image/{layers.driver.name}/imagedb"
        for d in ("content/sha256", "metadata/sha256"):
            host.tree.mkdir(f"{self.root}/{d}", mode=0o700, parents=True, exist_ok=True)
        self.images: dict[str, Image] = {}

    def create(self, config: dict, top: Layer | None, parent: str | None = None,
               built_locally: bool = False, raw: bytes | None = None) -> Image:
        """Store a config; the image ID is the sha256 of its exact bytes.  ``top`` must carry a
        reference for the image (released when the image is deleted)."""
        # moby and BuildKit both re-marshal the config through a map: top-level keys sorted.
        raw = raw if raw is not None else marshal(dict(sorted(config.items())))
        iid = "sha256:" + hashlib.sha256(raw).hexdigest()
        if iid in self.images:
            self.layer_store.release(top)
            return self.images[iid]
        img = Image(iid, raw, json.loads(raw), top, parent, built_locally)
        self.images[iid] = img
        t = self.host.tree
        t.write(f"{self.root}/content/sha256/{img.hex}", raw, mode=0o600)
        if parent:
            md = f"{self.root}/metadata/sha256/{img.hex}"
            t.mkdir(md, mode=0o700, exist_ok=True)
            t.write(f"{md}/parent", parent.encode(), mode=0o600)
        if built_locally:
            md = f"{self.root}/metadata/sha256/{img.hex}"
            t.mkdir(md, mode=0o700, exist_ok=True)
            t.write(f"{md}/builtLocally", b"1", mode=0o600)
        return img

    def set_last_updated(self, img: Image) -> None:
        """moby writes ``lastUpdated`` whenever a tag is set by build, tag, import or commit
        (not by pull or load); ``docker image inspect`` shows it as Metadata.LastTagTime."""
        md = f"{self.root}/metadata/sha256/{img.hex}"
        t = self.host.tree
        t.mkdir(md, mode=0o700, parents=True, exist_ok=True)
        t.write(f"{md}/lastUpdated", rfc3339(self.host.clock.peek()).encode(), mode=0o600)

    def last_updated(self, img: Image) -> str | None:
        p = f"{self.root}/metadata/sha256/{img.hex}/lastUpdated"
        return self.host.tree.read_text(p) if self.host.tree.exists(p) else None

    def get(self, iid: str) -> Image | None:
        return self.images.get(iid)

    def search(self, prefix: str) -> list[Image]:
        """Images whose ID starts with ``prefix`` (with or without ``sha256:``)."""
        h = prefix.split(":", 1)[1] if prefix.startswith("sha256:") else prefix
        return [i for i in self.images.values() if i.hex.startswith(h)]

    def children(self, iid: str) -> list[Image]:
        return [i for i in self.images.values() if i.parent == iid]

    def delete(self, img: Image) -> list[Layer]:
        self.images.pop(img.id, None)
        t = self.host.tree
        for p in (f"{self.root}/content/sha256/{img.hex}", f"{self.root}/metadata/sha256/{img.hex}"):
            if t.exists(p):
                t.remove_tree(p)
        return self.layer_store.release(img.top)


class ReferenceStore:
    """Tags and digests → image IDs, saved as ``repositories.json`` like moby's refstore."""

    def __init__(self, host: DockerHost, driver_name: str):
        self.host = host
        self.path = f"{DOCKER_ROOT}/image/{driver_name}/repositories.json"
        self.refs: dict[str, str] = {}     # full ref ("docker.io/library/x:tag") → image id
        self._save()

    def add(self, ref: Reference, iid: str) -> str | None:
        """Point ``ref`` at ``iid``; returns the image it pointed at before (if other)."""
        key = _key(ref)
        old = self.refs.get(key)
        self.refs[key] = iid
        self._save()
        return old if old != iid else None

    def delete(self, ref: Reference) -> bool:
        ok = self.refs.pop(_key(ref), None) is not None
        self._save()
        return ok

    def get(self, ref: Reference) -> str | None:
        return self.refs.get(_key(ref))

    def references(self, iid: str) -> list[Reference]:
        return [parse_tagged(_familiar(k)) if "@" not in k else _parse_digest(k)
                for k, v in sorted(self.refs.items()) if v == iid]

    def _save(self) -> None:
        repos: dict[str, dict[str, str]] = {}
        for key, iid in sorted(self.refs.items()):
            name = key.split("@")[0].rsplit(":", 1)[0] if "@" in key else key.rsplit(":", 1)[0]
            repos.setdefault(_familiar_name(name), {})[_familiar(key)] = iid
        t = self.host.tree
        t.mkdir(self.path.rsplit("/", 1)[0], mode=0o700, parents=True, exist_ok=True)
        t.write(self.path, json.dumps({"Repositories": repos}, separators=(",", ":")).encode(),
                mode=0o600)


def _key(ref: Reference) -> str:
    if ref.digest:
        return f"{ref.name}@{ref.digest}"
    return f"{ref.name}:{ref.tag or 'latest'}"


def _familiar_name(name: str) -> str:
    if name.startswith("docker.io/"):
        rest = name[len("docker.io/"):]
        if rest.startswith("library/") and rest.count("/") == 1:
            return rest[len("library/"):]
        return rest
    return name


def _familiar(key: str) -> str:
    if "@" in key:
        name, dig = key.split("@", 1)
        return f"{_familiar_name(name)}@{dig}"
    name, tag = key.rsplit(":", 1)
    return f"{_familiar_name(name)}:{tag}"


def _parse_digest(key: str) -> Reference:
    from .reference import parse
    return parse(_familiar(key))
