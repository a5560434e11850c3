"""``docker`` in a shell on the Docker host: the same CLI as ``%docker``, so a host script
can say ``ls "$(docker inspect -f '{{.GraphDriver.Data.UpperDir}}' c1)"``.  Containers have no
``docker`` command (no executable on their $PATH, no context hook)."""
from __future__ import annotations

from .base import Cmd, command


@command("docker")
def cmd_docker(cmd: Cmd) -> int:
    if cmd.ctx.docker is None:
        cmd.err("docker: command not available here")
        return 127
    code, out, err = cmd.ctx.docker(list(cmd.args), cwd=cmd.cwd)
    if out:
        cmd.write(out)
    if err:
        cmd.raw_err(err)
    return code
