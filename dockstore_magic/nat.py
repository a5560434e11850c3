"""Port specs as docker/go-connections ``nat`` reads them (``ParsePortRange``,
``ParsePortSpecs``): ``80`` is ``80/tcp``, ``8000-8001/udp`` is each port of the range.
Used by ``--expose``, the Dockerfile's EXPOSE and ``--change 'EXPOSE …'``."""
from __future__ import annotations

import ipaddress

from .errors import InvalidParameter
from .golang.strconv import parse_uint


def expand_ports(spec: str) -> list[str]:
    """``PORT[-PORT][/PROTO]`` → ``["PORT/PROTO", …]``; ValueError (naming the part that is no
    number) on a bad one."""
    port, _, proto = spec.partition("/")
    lo, _, hi = port.partition("-")
    for part in (lo, hi or lo):
        if not part.isdigit():
            raise ValueError(part)
    start, end = _port_range(port)
    return [f"{n}/{proto or 'tcp'}" for n in range(start, end + 1)]


def _port_range(spec: str) -> tuple[int, int]:
    """nat.ParsePortRange: ``80`` or ``8000-8002``, each a uint16."""
    if spec == "":
        raise ValueError("empty string specified for ports")
    lo, dash, hi = spec.partition("-")
    start = parse_uint(lo, 10, 16)
    end = parse_uint(hi, 10, 16) if dash else start
    if end < start:
        raise ValueError(f"invalid range specified for port: {spec}")
    return start, end


def parse_port_specs(specs: list[str]) -> list[str]:
    """nat.ParsePortSpecs, keeping the exposed ``port/proto`` keys: ``[ip:][hostPort:]port
    [-port][/proto]``, proto ``tcp`` (default), ``udp`` or ``sctp`` in any case."""
    out: list[str] = []
    for raw in specs:
        parts = raw.split(":")
        ip = ":".join(parts[:-2]) if len(parts) > 2 else ""
        host = parts[-2] if len(parts) > 1 else ""
        container = parts[-1]
        pieces = container.split("/")
        if not container or not pieces[0]:
            proto, port = "", ""
        elif len(pieces) == 1 or not pieces[1]:
            proto, port = "tcp", pieces[0]
        else:
            proto, port = pieces[1], pieces[0]
        if ip.startswith("[") and ip.endswith("]"):
            ip = ip[1:-1]
        if ip:
            try:
                ipaddress.ip_address(ip)
            except ValueError:
                raise InvalidParameter(f"invalid IP address: {ip}") from None
        if port == "":
            raise InvalidParameter(f"no port specified: {raw}<empty>")
        try:
            start, end = _port_range(port)
        except ValueError:
            raise InvalidParameter(f"invalid containerPort: {port}") from None
        if host:
            try:
                hstart, hend = _port_range(host)
            except ValueError:
                raise InvalidParameter(f"invalid hostPort: {host}") from None
            if end - start != hend - hstart and end != start:
                raise InvalidParameter(f"invalid ranges specified for container and host "
                                       f"Ports: {port} and {host}")
        proto = proto.lower()
        if proto not in ("tcp", "udp", "sctp"):
            raise InvalidParameter(f"invalid proto: {proto}")
        out.extend(f"{n}/{proto}" for n in range(start, end + 1))
    return out
