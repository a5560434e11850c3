"""The simulated programs, registered by name in :data:`COMMANDS` / :data:`BUILTINS`."""
from .base import COMMANDS, BUILTINS, Cmd, command, builtin, UsageError, CmdExit
from . import shellcmds, testcmd, files, text, system, disk, archive, pkgs, awk, servers, dockercli, services  # noqa: F401  (registration)
from ...catalogue import entrypoints  # noqa: F401,E402  (the catalogue images' programs)
from . import blockdev  # noqa: F401  (registration)

__all__ = ["COMMANDS", "BUILTINS", "Cmd", "command", "builtin", "UsageError", "CmdExit"]
