"""What a ``%docker`` / ``%%dockerfile`` / ``%host`` call returns to Python: exit status,
the text it printed, and the object it made or found (image, container, volume…).

The text has already been printed while the command ran, so displaying the result shows
nothing more; ``repr()`` gives a one-line summary."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class CommandResult:
    argv: list
    exit_code: int = 0
    stdout: str = ""
    stderr: str = ""
    value: Any = None

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    @property
    def output(self) -> str:
        return self.stdout

    def lines(self) -> list[str]:
        return self.stdout.splitlines()

    def _ipython_display_(self) -> None:
        """Already printed: show nothing again."""

    def __repr__(self) -> str:
        cmd = " ".join(self.argv)
        what = f", value={self.value!r}" if self.value is not None else ""
        return f"<CommandResult {cmd!r} exit_code={self.exit_code}{what}>"

    def __bool__(self) -> bool:
        return self.ok


class CommandFailed(Exception):
    """Raised by the magics when a command exits non-zero, so a notebook cell fails the way a
    shell with ``set -e`` would (and Run All stops there).  The cell's error shows what the
    command wrote on stderr — Docker's own message — and nothing else: no Python traceback,
    no line of our own."""

    def __init__(self, result: CommandResult, stderr: str | None = None):
        self.message = (result.stderr if stderr is None else stderr).rstrip("\n")
        last = self.message.splitlines()[-1] if self.message else ""
        super().__init__(last or f"exit status {result.exit_code}")
        self.result = result

    def _render_traceback_(self) -> list[str]:
        # An empty traceback would make Jupyter show "CommandFailed: …" instead.
        return self.message.splitlines() or [f"exit status {self.result.exit_code}"]
