"""The engine a notebook talks to (one per kernel), and the entry points the magics and
plain Python share: ``docker("ps -a")``, ``build(...)``, ``host("ls /var/lib/docker")``.

Once the magics load (or :func:`use_host` is called), the engine is a saved *named host*
(see :mod:`.persist`): read back from disk, and saved after every command."""
from __future__ import annotations

import os
import shlex

from .persist import Persistence, check_name
from .result import CommandResult

_engine = None
persistence = Persistence()


def current():
    return _engine


def _new(storage_driver: str = "overlay2", seed=None, clock: str | None = None,
         image_store: str = "graphdriver"):
    from .daemon import Engine
    return Engine(storage_driver=storage_driver, seed=seed, clock=clock, image_store=image_store)


def reset(storage_driver: str = "overlay2", seed=None, clock: str | None = None,
          host: str | None = None, image_store: str = "graphdriver"):
    """Start over with a new, empty engine (the current named host, or ``host``, emptied)."""
    global _engine
    if host is not None:
        check_name(host)
    new = _new(storage_driver, seed, clock, image_store)     # a bad setting changes nothing
    if host is not None:
        persistence.select(host)
    _engine = new
    persistence.replace(_engine)
    return _engine


def use_host(name: str = "default", storage_driver: str = "overlay2", seed=None,
             clock: str | None = None, image_store: str = "graphdriver"):
    """Switch to the saved host ``name``; a host never saved starts empty with these settings."""
    global _engine
    _engine = persistence.open(name, lambda: _new(storage_driver, seed, clock, image_store))
    return _engine


def engine():
    return _engine if _engine is not None else reset()


def _swap(new) -> None:
    global _engine
    _engine = new


def _cli():
    """A docker client in the notebook's working directory: that real folder is part of the
    simulated host, at its own path (``DockerHost.share``; a new folder after ``%cd`` too)."""
    from .cli.main import DockerCLI
    eng = engine()
    return DockerCLI(eng, cwd=eng.host.share(os.getcwd()))


def docker(argv, out=None, err=None) -> CommandResult:
    """Run a docker command: ``docker("run --rm busybox echo hi")`` or a list of words."""
    if isinstance(argv, str):
        argv = shlex.split(argv)
    with persistence.command(engine, _swap):
        return _cli().run(list(argv), out=out, err=err)


def build_cell(argv: list[str], dockerfile: str, out=None, err=None) -> CommandResult:
    with persistence.command(engine, _swap):
        return _cli().build_cell(argv, dockerfile, out=out, err=err)


def host(script: str, out=None, err=None) -> CommandResult:
    """Run a shell script on the simulated Docker host."""
    with persistence.command(engine, _swap):
        return _cli().host(script, out=out, err=err)
