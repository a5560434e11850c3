"""``systemctl`` and ``service`` on the Docker host, for the units that matter here:
docker.service and docker.socket (see daemon/service.py).  Containers have neither command
(no systemd in an image; no ``services`` hook in their context)."""
from __future__ import annotations

from .base import Cmd, command

_VERBS = ("start", "stop", "restart", "status", "is-active")
_OPTIONS = ("--no-pager", "-l", "--full", "-q", "--quiet", "--no-block")


def _unit(name: str) -> str:
    return name if "." in name else name + ".service"


def run_systemctl(cmd: Cmd, verb: str, units: list[str], quiet: bool) -> int:
    svc = cmd.ctx.services
    units = [_unit(u) for u in units]
    other = [u for u in units if u not in ("docker.service", "docker.socket")]
    if other:
        cmd.raw_err(f"dockstore-magic: systemctl manages only docker.service and docker.socket "
                    f"here, not {other[0]}\n")
        return 1
    if verb == "status":
        code = 0
        for i, u in enumerate(units):
            c, text = svc.status(u)
            cmd.write(("\n" if i else "") + text)
            code = code or c
        return code
    if verb == "is-active":
        code = 0
        for u in units:
            unit = svc.service if u == "docker.service" else svc.socket
            state = "active" if unit.active else ("failed" if unit.failed else "inactive")
            if not quiet:
                cmd.write(state + "\n")
            code = code or (0 if unit.active else 3)
        return code
    if verb in ("stop", "restart"):
        warning = svc.stop(socket_too="docker.socket" in units)
        if verb == "stop":
            if warning and "docker.service" in units:
                cmd.raw_err(warning)
            return 0
    if "docker.service" in units or verb == "restart":
        ok, err = svc.start()
        cmd.raw_err(err)
        return 0 if ok else 1
    svc.socket.active = True                 # start docker.socket alone
    return 0


@command("systemctl")
def cmd_systemctl(cmd: Cmd) -> int:
    if cmd.ctx.services is None:
        cmd.raw_err("System has not been booted with systemd as init system (PID 1). Can't operate.\n"
                    "Failed to connect to bus: Host is down\n")
        return 1
    args = list(cmd.args)
    quiet = any(a in ("-q", "--quiet") for a in args)
    bad = [a for a in args if a.startswith("-") and a not in _OPTIONS]
    if bad:
        cmd.raw_err(f"dockstore-magic: systemctl {bad[0]} is not simulated\n")
        return 1
    words = [a for a in args if not a.startswith("-")]
    if not words:
        cmd.raw_err("dockstore-magic: systemctl without a command (list-units) is not simulated\n")
        return 1
    verb, units = words[0], words[1:]
    if verb not in _VERBS:
        cmd.raw_err(f"dockstore-magic: systemctl {verb} is not simulated\n")
        return 1
    if not units and verb in ("status", "is-active"):
        cmd.raw_err(f"dockstore-magic: systemctl {verb} without a unit is not simulated\n")
        return 1
    if not units:
        cmd.raw_err("Too few arguments.\n")
        return 1
    return run_systemctl(cmd, verb, units, quiet)


@command("service")
def cmd_service(cmd: Cmd) -> int:
    """Debian's ``service NAME VERB``: with systemd, ``systemctl VERB NAME.service``."""
    args = list(cmd.args)
    if cmd.ctx.services is None or len(args) != 2 or args[1] not in ("start", "stop", "restart", "status"):
        cmd.raw_err("Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]\n")
        return 1
    return run_systemctl(cmd, args[1], [args[0]], False)
