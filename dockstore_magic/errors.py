"""Errors the engine reports, worded as dockerd words them.  The CLI layer adds
``Error response from daemon: `` (or ``docker: `` for ``docker run``) and the exit code."""
from __future__ import annotations


class DaemonError(Exception):
    """An error response from the simulated daemon (HTTP status kept for the exit code)."""

    status = 500

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotFound(DaemonError):
    status = 404


class Conflict(DaemonError):
    status = 409


class InvalidParameter(DaemonError):
    status = 400


class Forbidden(DaemonError):
    status = 403


class BuildError(DaemonError):
    """A failed build; ``message`` is what follows ``ERROR: failed to solve:``."""


class ExecError(DaemonError):
    """The container's process could not start (OCI runtime error); exit code 126/127."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code
