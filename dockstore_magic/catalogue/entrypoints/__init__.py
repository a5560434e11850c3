"""What the catalogue images' entrypoints do to storage, as simulated programs.

The official images start through a ``docker-entrypoint.sh`` (docker-library) that prepares the
data folder and then ``exec``\\s the server.  Their scripts are not run line by line: each
image's script in the catalogue is a short stand-in carrying a marker line
``# dockstore-magic entrypoint: NAME``, and the program ``docker-entrypoint.sh`` runs the
behaviour registered under NAME here (one module per image: :mod:`.mysql`, :mod:`.postgres`,
:mod:`.redis`, :mod:`.httpd`, :mod:`.node`).  Any other ``docker-entrypoint.sh`` (nginx's, or
the student's own) is run as the shell script it is.

Each module registers its behaviour with :func:`entrypoint` and its programs (``mysqld``,
``postgres``, …) with the shell's ``@command``; this package finds the modules by itself.
"""
from __future__ import annotations

import importlib
import pkgutil

from .base import ENTRYPOINTS, MARKER, entrypoint


def _discover() -> None:
    """Import every behaviour module of this package (each registers itself)."""
    for mod in pkgutil.iter_modules(__path__):
        if mod.name != "base":
            importlib.import_module(f"{__name__}.{mod.name}")


_discover()

__all__ = ["ENTRYPOINTS", "MARKER", "entrypoint"]
