"""Port specs as docker/go-connections ``nat`` reads them (``ParsePortRange``,
``ParsePortSpecs`` for ports without a host part): ``80`` is ``80/tcp``, ``8000-8001/udp``
is each port of the range.  Used by ``--expose`` and by the Dockerfile's EXPOSE."""
from __future__ import annotations


def expand_ports(spec: str) -> list[str]:
    """``PORT[-PORT][/PROTO]`` → ``["PORT/PROTO", …]``; ValueError (naming the part that is no
    number) on a bad one."""
    port, _, proto = spec.partition("/")
    lo, _, hi = port.partition("-")
    for part in (lo, hi or lo):
        if not part.isdigit():
            raise ValueError(part)
    return [f"{n}/{proto or 'tcp'}" for n in range(int(lo), int(hi or lo) + 1)]
