"""Small helpers shared by the command implementations."""
from __future__ import annotations

from ...golang.template import TemplateError, TemplateParseError
from ..templates import render, FormatterContext


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


def each(cli, refs, fn, missing_ok: bool = False, report=None) -> int:
    """Run ``fn(ref)`` for every argument as docker's multi-object commands do: print the
    argument (or ``report(ref, result)``) when it worked, the daemon's error when not, go on,
    and exit 1 if anything failed.  ``missing_ok`` (``rm -f``): an object that does not exist
    is reported but is no failure."""
    from ...errors import DaemonError, NotFound
    code = 0
    for ref in refs:
        try:
            result = fn(ref)
        except DaemonError as e:
            cli.err(f"Error response from daemon: {e.message}\n")
            if not (missing_ok and isinstance(e, NotFound)):
                code = 1
            continue
        if report is None:
            cli.out(ref + "\n")
        else:
            report(ref, result)
    return code


def confirmed(cli, opts: dict, command: str, warning: str, sep: str = "\n") -> bool:
    """The prompt of the prune commands.  ``-f`` answers it; a notebook cannot, so without
    ``-f`` the prompt is shown and the command is cancelled (docker's answer to "no")."""
    if opt(opts, "force", False):
        return True
    cli.out(f"{warning}{sep}Are you sure you want to continue? [y/N] ")
    cli.err(f"Error: {command} has been cancelled (add -f: a notebook cannot answer the prompt)\n")
    return False


#: How ``docker ps`` (CLI 28) words a bad ``--format``, where the other lists say "template
#: parsing error: " for both (seen: docker CLI 28.2.2, `ps --format '{{.Nope}}'` and
#: `ps --format '{{.Names'`)
PS_TEMPLATE_ERRORS = ("failed to parse template: ", "failed to execute template: ")


def format_output(cli, fmt: str, rows: list[dict], headers: dict,
                  type_name: str = "*formatter.ContainerContext",
                  errors: tuple[str, str] | None = None) -> None:
    """``--format``: Go templates over per-row contexts (docker's formatter).  ``errors``:
    the prefixes of a parse and of an execution error, when not "template parsing error: "."""
    ctx = [FormatterContext(type_name, r) for r in rows]
    try:
        cli.out(render(fmt, ctx, headers))
    except TemplateError as e:
        from ..errors import CLIError
        msg = str(e)
        if errors:
            prefix = errors[0] if isinstance(e, TemplateParseError) else errors[1]
            msg = prefix + msg.removeprefix("template parsing error: ")
        raise CLIError(msg) from None


def prune_filters(opts: dict, **extra: str):
    """``--filter`` of the prune commands as the daemon receives them (filters.Args), with
    what the CLI adds itself (``extra``: ``all=true`` for ``volume prune -a``,
    ``dangling=false`` for ``image prune -a``)."""
    from ...daemon.filters import Args
    args = Args.parse(opt(opts, "filter", []))
    for key, value in extra.items():
        args.add(key, value)
    return args
