"""The IPython magics — a thin layer over the CLI and the engine.

* ``%docker ARGS…`` — the docker CLI's own syntax, run against the in-process engine.
* ``%%dockerfile [-t NAME[:TAG]] [--no-cache] [--build-arg K=V] [--target S] [PATH]`` — the
  cell is the Dockerfile; PATH (default: the working directory) is the build context.
* ``%host CMD`` / ``%%host`` — a shell on the simulated Docker host (its /var/lib/docker).
* ``%dockstore reset [--seed N] [--clock TIME] [--storage-driver overlay2|vfs]
  [--image-store graphdriver|containerd] [--host NAME]``
  — empty the host (reproducible with a seed and a fixed clock); ``%dockstore host NAME``,
  ``save FILE``, ``load FILE``, ``export-view``, ``status``: see persist/commands.py.

The host is saved on disk (persist/): loading the magics brings back the host named by
``DockerMagics.saved_host`` (``default``, shared by every notebook of the user).
"""
from __future__ import annotations

import shlex
import os
import sys

from IPython.core.error import UsageError
from IPython.core.magic import Magics, magics_class, line_magic, cell_magic, line_cell_magic, no_var_expand
from traitlets import Bool, Unicode, Int, Union

from . import session
from .result import CommandResult, CommandFailed


RESTART_NOTE = ("This kernel opened your own Docker host, `default` (the kernel restarted, or "
                "the lesson's first cell has not run yet); a lesson's objects are on the lesson's "
                "host. `%dockstore host lesson-0N` (the lesson's number) goes back to it as you "
                "left it; or select this cell and use Run ▸ Run All Above Selected Cell, then run "
                "it again.")


def _restart_note() -> None:
    """Say once, apart from Docker's message, why the lesson's objects are missing."""
    from IPython.display import display
    display({"text/markdown": f"> ℹ️ {RESTART_NOTE}", "text/plain": f"ℹ️ {RESTART_NOTE}"}, raw=True)


def _is_build(argv: list[str]) -> bool:
    """``build``, ``image build``, ``builder build``, ``buildx build``: the commands whose
    progress BuildKit writes on stderr."""
    words = [a for a in argv if not a.startswith("-")][:2]
    return words[:1] == ["build"] or words in (["image", "build"], ["buildx", "build"], ["builder", "build"])


@magics_class
class DockerMagics(Magics):
    """``%docker``, ``%%dockerfile``, ``%host`` and ``%dockstore``."""

    raise_on_error = Bool(
        True,
        help="Make the cell fail (with Docker's message on stderr and no traceback) when a "
             "command exits with a non-zero status, as a shell script with `set -e` would.",
    ).tag(config=True)
    storage_driver = Unicode(
        "overlay2", help="Storage driver of the engine created at load time (overlay2 or vfs)."
    ).tag(config=True)
    image_store = Unicode(
        os.environ.get("DOCKSTORE_IMAGE_STORE", "graphdriver"), help="Image store of the engine created at load time: graphdriver (the "
                            "storage driver's, Docker 28 and upgraded engines) or containerd (Docker 29's "
                            "default on fresh installs).  Default: $DOCKSTORE_IMAGE_STORE, else graphdriver."
    ).tag(config=True)
    seed = Union([Int(), Unicode()], default_value=None, allow_none=True,
                 help="Seed for every random ID (container IDs, cache-ids, volume names), so "
                      "re-executed notebooks print the same IDs.").tag(config=True)
    clock = Unicode(None, allow_none=True,
                    help="A fixed start time (RFC 3339, e.g. 2026-01-01T09:00:00Z): time then "
                         "only moves with simulated work, so outputs are reproducible."
                    ).tag(config=True)
    saved_host = Unicode("default",
                         help="The saved host the magics load (a folder under $DOCKSTORE_HOME, "
                              "else $XDG_DATA_HOME/dockstore-magic).").tag(config=True)

    def __init__(self, shell=None, **kw):
        super().__init__(shell=shell, **kw)
        # True while the engine is the one opened at load time: a lesson starts with
        # `%dockstore reset`, so a command failing before that is most likely a cell run
        # after a kernel restart.
        self._fresh = session.current() is None
        if self._fresh:
            session.use_host(self.saved_host, **self._settings())

    def _settings(self) -> dict:
        return {"seed": self.seed, "clock": self.clock, "storage_driver": self.storage_driver,
                "image_store": self.image_store}

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _split(line: str) -> list[str]:
        try:
            return shlex.split(line, posix=True)
        except ValueError as e:
            raise UsageError(f"cannot parse the command line: {e}") from None

    def _run(self, call, build: bool = False) -> CommandResult:
        """Run ``call(out, err)`` and show what it printed, in the order it printed it.

        stdout streams as the command runs.  stderr is held until the command writes on stdout
        again (then it is shown first, as a terminal interleaves them: "Unable to find image"
        and the pull before the container's output) or ends: if it fails and the cell is to
        fail (``raise_on_error``), Docker's message is shown once, as the cell's error, with
        nothing added; otherwise it goes to the stderr stream, except for a build that
        succeeded, whose progress (BuildKit writes it on stderr) is shown as plain output, as
        ``!docker build .`` shows it.  ``result.stderr`` keeps what the CLI wrote on stderr
        either way."""
        held: list[str] = []

        def out(text: str) -> None:
            if held and not build:
                sys.stdout.flush()
                sys.stderr.write("".join(held))
                sys.stderr.flush()
                held.clear()
            sys.stdout.write(text)

        result = call(out, held.append)
        from .exercises import remember               # what the checks may need to know
        remember(result.argv)
        text = "".join(held)
        sys.stdout.flush()
        from .diagram import after_command          # replay steps; redraw in watch mode
        if result.exit_code != 0 and self._fresh:
            self._fresh = False
            _restart_note()
        if result.exit_code != 0 and self.raise_on_error:
            after_command(" ".join(result.argv))
            raise CommandFailed(result, text)
        if text:
            (sys.stdout if build and result.exit_code == 0 else sys.stderr).write(text)
            sys.stdout.flush()
            sys.stderr.flush()
        after_command(" ".join(result.argv))
        return result

    # ------------------------------------------------------------------ magics
    @line_magic
    @no_var_expand
    def docker(self, line: str):
        """Run a docker CLI command against the simulated engine: ``%docker ps -a``."""
        argv = self._split(line)
        if argv[:1] == ["diagram"]:                   # %docker diagram [OPTIONS] [REF...]
            from .diagram import diagram_command
            return diagram_command(argv[1:])
        return self._run(lambda out, err: session.docker(argv, out=out, err=err), build=_is_build(argv))

    @cell_magic
    @no_var_expand
    def dockerfile(self, line: str, cell: str):
        """Build the cell as a Dockerfile: ``%%dockerfile -t app:1 [--no-cache] [PATH]``."""
        argv = self._split(line)
        return self._run(lambda out, err: session.build_cell(argv, cell, out=out, err=err), build=True)

    @line_cell_magic
    @no_var_expand
    def host(self, line: str, cell: str | None = None):
        """A shell on the Docker host: ``%host ls /var/lib/docker/overlay2``."""
        script = line if cell is None else (line + "\n" + cell if line.strip() else cell)
        return self._run(lambda out, err: session.host(script, out=out, err=err))

    @line_magic
    def dockstore(self, line: str):
        """``%dockstore status | reset … | host NAME | save FILE | load FILE | export-view``."""
        from .persist.commands import Usage, run
        try:
            run(self._split(line), self._settings())
        except Usage as e:
            raise UsageError(str(e)) from None
        self._fresh = False
        return None
