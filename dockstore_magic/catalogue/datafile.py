"""Images described as data: one JSON file per image in ``catalogue/images/``.

A file names the image (``repository``, ``tags``, ``repo_digest``, ``created``), its OCI config
(``config``: Env, Entrypoint, Cmd, ExposedPorts, Volumes, WorkingDir, StopSignal, Labels) and its
history, oldest first.  A history entry that made a layer carries it as ``layer``; the others
are ``"empty": true`` (ENV, CMD, VOLUME …), as in the image's OCI config.  ``base`` names another
catalogue image whose layers and history come first (``debian:bookworm-slim``: the very same
layer objects, so the layer is stored once on the host, as with a real pull).

A layer is ``{"size": BYTES, "digest": "sha256:…", "compressed_size": BYTES, "files": [...]}``;
``size`` is what ``docker history`` shows (moby's ``directory.Size`` of the tree).  Each file
entry is a list, ``[kind, path, value, mode, "uid:gid"]`` (mode and owner optional, mode as
octal text):

``["dir", path]``
    a folder (default mode 755);
``["text", path, "content"]``
    a small file with its real content (default mode 644);
``["blob", path, size]``
    a binary of known size (default mode 755), deterministic filler bytes;
``["bulk", path, nominal]``
    a file whose size is an estimate: the layer's bulk files are scaled together so the
    layer's size is exactly ``size`` (libraries, share/ data of a package);
``["link", path, target]``
    a symbolic link;
``["append", path, "text"]``
    the file as the layers below hold it, plus ``text`` (``useradd`` adding a line to
    ``/etc/passwd`` copies the whole file up into the new layer, as overlay2 does).

Entrypoint behaviour lives in :mod:`.entrypoints`, one module per image, keyed by the marker
line that the image's script carries.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

from ..fs import Dir
from ..fs.tree import File
from ._build import BUILDKIT, Layout, digest_of, epoch, hist
from .records import CatalogueImage, CatalogueLayer

IMAGES_DIR = Path(__file__).with_name("images")


def _mode(entry: list, index: int, default: int) -> int:
    return int(entry[index], 8) if len(entry) > index and entry[index] else default


def _owner(entry: list, index: int) -> tuple[int, int]:
    if len(entry) > index and entry[index]:
        uid, _, gid = str(entry[index]).partition(":")
        return int(uid), int(gid or uid)
    return 0, 0


@functools.lru_cache(maxsize=1)
def _tree(layer: CatalogueLayer) -> Dir:
    """``layer``'s tree, built once for reading while one layer is laid out (its ``append``
    entries read /etc/passwd, /etc/group and /etc/shadow from the same base layer);
    :func:`lay_files` lets it go when done."""
    return layer.build()


def _read_lower(lower: list[CatalogueLayer], path: str) -> bytes:
    """The content of ``path`` in the topmost of ``lower`` that holds it."""
    parts = [p for p in path.split("/") if p]
    for layer in reversed(lower):
        node = _tree(layer)
        for p in parts:
            node = node.entries.get(p) if isinstance(node, Dir) else None
            if node is None:
                break
        if isinstance(node, File):
            return node.blob.read(0, node.blob.size)
    raise ValueError(f"catalogue: {path} is in no lower layer")


def lay_files(L: Layout, files: list, lower: list[CatalogueLayer]) -> None:
    """Lay out ``files`` (the entries described in the module docstring) in ``L``."""
    for entry in files:
        kind, path = entry[0], entry[1]
        if kind == "dir":
            L.dir(path, _mode(entry, 2, 0o755), *_owner(entry, 3))
        elif kind == "text":
            L.text(path, entry[2], _mode(entry, 3, 0o644), *_owner(entry, 4))
        elif kind == "blob":
            L.blob(path, int(entry[2]), _mode(entry, 3, 0o755), *_owner(entry, 4))
        elif kind == "bulk":
            L.bulk(path, int(entry[2]), _mode(entry, 3, 0o644), *_owner(entry, 4))
        elif kind == "link":
            L.link(entry[2], path)
        elif kind == "append":
            old = _read_lower(lower, path)
            L.text(path, old + entry[2].encode(), _mode(entry, 3, 0o644), *_owner(entry, 4))
        else:
            raise ValueError(f"catalogue: unknown file kind {kind!r} for {path}")
    _tree.cache_clear()


def _layer(name: str, index: int, spec: dict, created_by: str, created: str,
           lower: list[CatalogueLayer]) -> CatalogueLayer:
    below = list(lower)
    target = spec.get("size")

    def build() -> Dir:
        L = Layout(epoch(created), f"{name}#{index}")
        lay_files(L, spec.get("files", []), below)
        return L.finish(target)

    if target is None:                 # exact files only: the size is what they hold
        target = _size_of(build)
    return CatalogueLayer(key=f"{name}#{index}", created_by=created_by, size_hint=int(target),
                          builder=build, digest=spec.get("digest", ""),
                          compressed_size=int(spec.get("compressed_size", 0)))


def _size_of(build) -> int:
    from ..fs import tree_size
    return tree_size(build())


def image_from_data(data: dict, base: CatalogueImage | None) -> CatalogueImage:
    """The :class:`CatalogueImage` a data file describes (``base``: its ``base`` image)."""
    name = f"{data['repository']}:{data['tags'][0]}"
    created = data["created"]
    layers = list(base.layers) if base else []
    history = [dict(h) for h in base.history] if base else []
    for i, h in enumerate(data["history"]):
        when = h.get("created", created)
        comment = h.get("comment", BUILDKIT)
        if "layer" in h:
            layers.append(_layer(name, i, h["layer"], h["created_by"], when, layers))
        history.append(hist(when, h["created_by"], "layer" not in h, comment or None))
    return CatalogueImage(
        repository=data["repository"], tag=data["tags"][0], aliases=data["tags"][1:],
        layers=layers, config=data["config"], history=history, created=created,
        repo_digest=data.get("repo_digest") or digest_of(name),
        version_note=data.get("version_note", ""))


def data_files() -> list[Path]:
    return sorted(IMAGES_DIR.glob("*.json"))


def load(path: Path) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


__all__ = ["image_from_data", "data_files", "load", "lay_files", "IMAGES_DIR"]
