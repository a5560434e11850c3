"""The built-in image catalogue: what ``docker pull`` finds, since there is no registry.

Each image models a real official image for linux/amd64 at a fixed snapshot (December 2024
unless its note says otherwise): layer count, each layer's file tree and size, the image config
and the OCI history are those of the real image.  The older families are Python modules
(:mod:`.busybox`, :mod:`.alpine`, :mod:`.debian`, :mod:`.ubuntu`, :mod:`.python`, :mod:`.nginx`);
the others are one data file each in ``images/`` (:mod:`.datafile` says how to read them),
with what their entrypoints do to storage in :mod:`.entrypoints`.  The registry finds both by
itself: adding an image is adding a data file (and its entrypoint behaviour, if any).  Layers
shared in reality (``debian:bookworm-slim`` under ``python:3.12-slim``, ``nginx``,
``postgres``, ``redis``, ``httpd``) are the very same layer objects, so their trees are
identical.  Package facts come from one index per distribution (:mod:`.pkgindex`).

    >>> from dockstore_magic.catalogue import lookup
    >>> img = lookup("python:3.12-slim")
    >>> len(img.layers), img.config["Cmd"]
    (4, ['python3'])
"""
from .registry import CatalogueImage, CatalogueLayer, images, lookup, names

__all__ = ["lookup", "names", "images", "CatalogueImage", "CatalogueLayer"]
