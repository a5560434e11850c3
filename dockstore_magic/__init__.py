"""dockstore-magic: learn how Docker stores data, with an in-process Docker engine.

``%load_ext dockstore_magic`` registers ``%docker``, ``%%dockerfile``, ``%host`` and
``%dockstore``.  From plain Python: ``from dockstore_magic import docker, host, engine``.
"""
from __future__ import annotations

import logging

from ._version import __version__

# A library logs, the application decides where to: without this handler, Python's "last
# resort" handler would print the traceback of every internal error on stderr, i.e. in the
# notebook (DOCKSTORE_DEBUG=1 raises it instead).
logging.getLogger(__name__).addHandler(logging.NullHandler())

from .session import docker, host, engine, reset  # noqa: E402


def load_ipython_extension(ipython) -> None:
    """Register the magics, and put the lessons' ``check`` and ``solution`` in the
    namespace: a kernel that loads the extension at start (Binder's postBuild, or
    ``python -m dockstore_magic.lessons --setup``) knows them after a restart too."""
    from .magics import DockerMagics
    from .exercises import check, solution
    ipython.register_magics(DockerMagics)
    ipython.push({"check": check, "solution": solution}, interactive=False)


def unload_ipython_extension(ipython) -> None:
    pass


__all__ = ["docker", "host", "engine", "reset", "load_ipython_extension", "__version__"]
