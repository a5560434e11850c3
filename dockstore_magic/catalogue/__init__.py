"""The built-in image catalogue: what ``docker pull`` finds, since there is no registry.

Each family module (:mod:`.busybox`, :mod:`.alpine`, :mod:`.debian`, :mod:`.ubuntu`,
:mod:`.python`, :mod:`.nginx`) models real official images for linux/amd64 at a fixed
snapshot (December 2024): layer count, each layer's file tree and size, the image config and
the OCI history are those of the real image (see each module's docstring for the exact
version and what is approximated).  Layers shared in reality (``debian:bookworm-slim`` under
``python:3.12-slim`` and ``nginx``) are built by the same code, so their trees are identical.

    >>> from dockstore_magic.catalogue import lookup
    >>> img = lookup("python:3.12-slim")
    >>> len(img.layers), img.config["Cmd"]
    (4, ['python3'])
"""
from .registry import CatalogueImage, CatalogueLayer, images, lookup, names

__all__ = ["lookup", "names", "images", "CatalogueImage", "CatalogueLayer"]
