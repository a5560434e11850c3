"""Each catalogue layer's diffID and tar length, recorded in ``layer_digests.json``.

A pulled layer's diffID is the sha256 of its uncompressed tar (moby ``layer/layer_store.go``
``Register``: the digester runs over the tar stream as it is applied).  The simulation gets
the same figure by writing the tar of the layer's tree; for a catalogue layer that is a
tenth of a second to half a second of hashing filler bytes, paid again in every kernel by the
first ``docker pull``.  The tree of a catalogue layer is fixed by its recipe, so the figures
are computed once and kept here as data; ``tests/unit/test_catalogue_digests.py`` recomputes
every one of them and fails on drift.  After changing a recipe:

    python -m dockstore_magic.catalogue.digests --write
"""
from __future__ import annotations

import argparse
import functools
import json
from pathlib import Path

from .records import CatalogueLayer

TABLE = Path(__file__).with_name("layer_digests.json")


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, list]:
    try:
        with open(TABLE, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return {}


def recorded(layer: CatalogueLayer) -> tuple[str, int] | None:
    """``(diffID, tar length)`` of ``layer`` as recorded, or None (then compute it)."""
    hit = _table().get(layer.key)
    return (hit[0], int(hit[1])) if hit else None


def compute(layer: CatalogueLayer) -> tuple[str, int]:
    """``(diffID, tar length)`` of ``layer``'s tree, computed from its recipe."""
    from ..archive import digest
    return digest(layer.build())


def every_layer() -> dict[str, CatalogueLayer]:
    """Every layer of every catalogue image, by key."""
    from .registry import images
    return {layer.key: layer for image in images() for layer in image.layers}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dockstore_magic.catalogue.digests",
                                 description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help=f"write {TABLE.name} afresh")
    args = ap.parse_args(argv)
    table = {key: list(compute(layer)) for key, layer in sorted(every_layer().items())}
    if args.write:
        TABLE.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
        _table.cache_clear()
        print(f"{len(table)} layers recorded in {TABLE}")
        return 0
    stale = sorted(k for k in table if _table().get(k) != table[k])
    print(f"{len(table)} layers, {len(stale)} differ from {TABLE.name}" + "".join(f"\n  {k}" for k in stale))
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
