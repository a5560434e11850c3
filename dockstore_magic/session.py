"""The engine a notebook talks to (one per kernel), and the entry points the magics and
plain Python share: ``docker("ps -a")``, ``build(...)``, ``host("ls /var/lib/docker")``."""
from __future__ import annotations

import os
import shlex

from .result import CommandResult

_engine = None


def current():
    return _engine


def reset(storage_driver: str = "overlay2", seed=None, clock: str | None = None):
    """Start over with a new, empty engine."""
    global _engine
    from .daemon import Engine
    _engine = Engine(storage_driver=storage_driver, seed=seed, clock=clock)
    return _engine


def engine():
    return _engine if _engine is not None else reset()


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
    return _cli().run(list(argv), out=out, err=err)


def build_cell(argv: list[str], dockerfile: str, out=None, err=None) -> CommandResult:
    return _cli().build_cell(argv, dockerfile, out=out, err=err)


def host(script: str, out=None, err=None) -> CommandResult:
    """Run a shell script on the simulated Docker host."""
    return _cli().host(script, out=out, err=err)
