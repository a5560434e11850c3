"""The CLI's own errors: what the client prints without the daemon's words, and how
``docker run``/``create`` wrap an error.  Every command module raises these; ``cli/main.py``
prints them."""
from __future__ import annotations


class CLIError(Exception):
    """A client-side error: printed as is on stderr with ``exit_code``."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.message, self.exit_code = message, exit_code


def run_error(command: str, message: str) -> str:
    """How ``docker run``/``create`` report an error (docker/cli 28: run.go toStatusError)."""
    return f"docker: {message}\n\nRun 'docker {command} --help' for more information\n"
