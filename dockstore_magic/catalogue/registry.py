"""The catalogue's registry: image records, and lookup by ``repo:tag``.

There is no network registry in the simulation: ``docker pull`` resolves a reference here.
Each :class:`CatalogueImage` models one real official image for ``linux/amd64`` at a fixed
snapshot (see the family modules for the exact versions and sources of every number).
"""
from __future__ import annotations

import copy
import dataclasses

from .records import CatalogueImage, CatalogueLayer

_IMAGES: dict[str, tuple[CatalogueImage, list[str]]] = {}    # "repo:tag" -> (image, all tags)
_DATA: dict[str, dict] = {}       # "repo:tag" -> the data file of an image not yet built
_ORDER: list[str] = []


def register(image: CatalogueImage, tags: list[str]) -> CatalogueImage:
    """Make ``image`` reachable under ``repository:tag`` for every tag in ``tags``."""
    for tag in tags:
        ref = f"{image.repository}:{tag}"
        if ref in _IMAGES:
            raise ValueError(f"catalogue: {ref} registered twice")
        _IMAGES[ref] = (image, list(tags))
        if _DATA.pop(ref, None) is None:
            _ORDER.append(ref)
    return image


def _known(ref: str) -> bool:
    return ref in _IMAGES or ref in _DATA


def _built(ref: str) -> tuple[CatalogueImage, list[str]] | None:
    """The image registered as ``ref``, built from its data file on first use (a data file's
    layers are laid out only when a pull asks for that image: pulling busybox builds no
    mysql)."""
    data = _DATA.get(ref)
    if data is not None:
        from . import datafile
        base = data.get("base")
        base_image = _built(_normalise(base))[0] if base else None
        register(datafile.image_from_data(data, base_image), data["tags"])
    return _IMAGES.get(ref)


def _normalise(reference: str) -> str:
    ref = reference.strip()
    if "@" in ref:
        ref = ref.split("@", 1)[0]
    for prefix in ("docker.io/", "index.docker.io/", "registry-1.docker.io/"):
        if ref.startswith(prefix):
            ref = ref[len(prefix):]
    if ref.startswith("library/"):
        ref = ref[len("library/"):]
    last = ref.rsplit("/", 1)[-1]
    if ":" not in last:
        ref += ":latest"
    return ref


def lookup(reference: str) -> CatalogueImage | None:
    """The image known as ``repo:tag`` (``library/repo:tag`` also accepted), or None.

    The result is a fresh record whose ``tag`` is the requested one and whose ``aliases`` are
    the image's other tags; its layers are shared (they are immutable recipes)."""
    _load()
    hit = _built(_normalise(reference))
    if hit is None:
        return None
    image, tags = hit
    tag = _normalise(reference).rsplit(":", 1)[1]
    return dataclasses.replace(
        image, tag=tag, aliases=[t for t in tags if t != tag],
        config=copy.deepcopy(image.config), history=copy.deepcopy(image.history),
        layers=list(image.layers))


def names() -> list[str]:
    """Every ``repo:tag`` the catalogue knows, in registration order."""
    _load()
    return list(_ORDER)


def images() -> list[CatalogueImage]:
    """Each distinct image once (under its first tag)."""
    _load()
    seen: set[int] = set()
    out = []
    for ref in _ORDER:
        image, _ = _built(ref)
        if id(image) not in seen:
            seen.add(id(image))
            out.append(lookup(ref))
    return out


def layer(key: str) -> CatalogueLayer:
    """The layer whose ``key`` this is (a saved host names its pulled layers so).

    A data file's layers exist once its image is built (:func:`_built`), and a kernel that
    reads a saved host back has built none yet: the key of such a layer is ``repo:tag#n``,
    so that image is built first (and, for a key that names no image, every one is)."""
    _load()
    spec = _layer_index().get(key)
    if spec is None:
        ref = key.rsplit("#", 1)[0]
        if ref in _DATA:
            _built(ref)
        spec = _layer_index().get(key)
    if spec is None and _DATA:
        for ref in list(_DATA):
            _built(ref)
        spec = _layer_index().get(key)
    if spec is None:
        raise LookupError(f"no layer {key!r} in this catalogue")
    return spec


def _layer_index() -> dict[str, CatalogueLayer]:
    """Every built image's layers by key (made again when an image was built since)."""
    global _LAYERS
    if _LAYERS is None or _LAYERS[0] != len(_IMAGES):
        _LAYERS = (len(_IMAGES),
                   {spec.key: spec for image, _ in _IMAGES.values() for spec in image.layers})
    return _LAYERS[1]


_LAYERS: tuple[int, dict[str, CatalogueLayer]] | None = None
_loaded = False


#: modules of this package that are machinery, not image families
_NOT_FAMILIES = {"registry", "records", "datafile", "digests", "entrypoints", "pkgindex"}


def _load() -> None:
    """Find the images by themselves: every family module of this package (each registers
    its images when imported), then every data file of ``images/`` (a file whose ``base`` is
    another data file's image waits for it).  A data file's image is only noted here; it is
    built when first looked up (:func:`_built`)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    import importlib
    import pkgutil
    from . import datafile
    package = __name__.rsplit(".", 1)[0]
    for mod in sorted(pkgutil.iter_modules(_package_path()),
                      key=lambda m: m.name):
        if not mod.name.startswith("_") and mod.name not in _NOT_FAMILIES:
            importlib.import_module(f"{package}.{mod.name}")
    pending = [datafile.load(p) for p in datafile.data_files()]
    while pending:
        waiting = []
        for data in pending:
            base = data.get("base")
            if base and not _known(_normalise(base)):
                waiting.append(data)
                continue
            for tag in data["tags"]:
                ref = f"{data['repository']}:{tag}"
                if _known(ref):
                    raise ValueError(f"catalogue: {ref} registered twice")
                _DATA[ref] = data
                _ORDER.append(ref)
        if len(waiting) == len(pending):
            raise ValueError("catalogue: unknown base image in "
                             + ", ".join(d["repository"] for d in waiting))
        pending = waiting


def _package_path() -> list[str]:
    import os
    return [os.path.dirname(__file__)]


__all__ = ["CatalogueImage", "CatalogueLayer", "register", "lookup", "names", "images"]
