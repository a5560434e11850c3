"""A POSIX sh subset interpreter over a simulated filesystem (placeholder docstring)."""
from .context import ShellContext, ShellResult, ExecNotFound, ExecPermissionDenied
from .interp import Shell
from .commands import COMMANDS, BUILTINS

__all__ = ["Shell", "ShellContext", "ShellResult", "ExecNotFound", "ExecPermissionDenied",
           "COMMANDS", "BUILTINS"]
