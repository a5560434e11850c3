"""Small helpers shared by the command implementations."""
from __future__ import annotations

from ..templates import render, FormatterContext, TemplateError


def opt(opts: dict, name: str, default=None):
    """A flag's value, or ``default`` when it was not given."""
    v = opts.get(name, default)
    return default if v is None else v


def decode(data) -> str:
    if not isinstance(data, (bytes, bytearray)):
        data = data.read(0, 1 << 20)
    return bytes(data).decode("utf-8", "replace")


def print_events(cli, events, tty: bool = False) -> None:
    """A process's output as ``docker run``/``exec`` show it: stdout and stderr to their own
    streams (with ``-t`` both go to stdout, as a terminal merges them)."""
    for fd, data in events:
        text = decode(data)
        (cli.out if fd == 1 or tty else cli.err)(text)


def not_found_client(kind: str, ref: str) -> str:
    """The docker client's own not-found message (``Error: No such container: x``)."""
    return f"Error: No such {kind}: {ref}\n"


def format_output(cli, fmt: str, rows: list[dict], headers: dict,
                  type_name: str = "*formatter.ContainerContext") -> None:
    """``--format``: Go templates over per-row contexts (docker's formatter)."""
    ctx = [FormatterContext(type_name, r) for r in rows]
    try:
        cli.out(render(fmt, ctx, headers))
    except TemplateError as e:
        from ..main import CLIError
        raise CLIError(str(e)) from None
