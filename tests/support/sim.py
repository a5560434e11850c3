"""The simulator as the tests drive it: a fresh engine with Docker's CLI in front of it.

Tests import it as ``from support.sim import Sim`` (tests/conftest.py puts ``tests/`` on
``sys.path``); importing it ``from conftest`` would find whichever conftest module pytest
loaded last under that name."""
from __future__ import annotations


class Sim:
    """A fresh simulated engine with Docker's CLI in front of it (deterministic: seeded IDs and
    a fixed clock).  ``sim.docker("run …")`` returns a CommandResult; ``sim.host("ls …")``
    runs a shell on the simulated host."""

    def __init__(self, storage_driver: str = "overlay2", cwd: str | None = None):
        from dockstore_magic.daemon import Engine
        from dockstore_magic.cli.main import DockerCLI
        self.engine = Engine(storage_driver=storage_driver, seed=1234, clock="2026-01-01T09:00:00Z")
        # the test's folder is the notebook's: a real folder shared on the simulated host
        self.cli = DockerCLI(self.engine, cwd=self.engine.host.share(cwd) if cwd else None)

    def docker(self, line, check: bool = False):
        import shlex
        argv = shlex.split(line) if isinstance(line, str) else list(line)
        r = self.cli.run(argv)
        if check and r.exit_code != 0:
            raise AssertionError(f"docker {line} exited {r.exit_code}: {r.stderr}")
        return r

    def build(self, dockerfile: str, context: str | None = None, tag: str = "app:1", *flags: str):
        argv = ["-t", tag, *flags] + ([context] if context else [])
        return self.cli.build_cell(argv, dockerfile)

    def host(self, script: str):
        return self.cli.host(script)
